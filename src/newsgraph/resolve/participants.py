"""Which actors of a document take part in its story.

Most false actors are names that take part in nothing: a place, a lone capitalised word,
the page's own publisher (:func:`rule_participants`).
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence

from spacy.tokens import Doc

from ..records import Agreement, Event, Role
from ..types import ActorId, KbRef
from .within import DraftActor


def _stands_for_state(doc: Doc, token_start: int) -> bool:
    """"Moscou a renforcé", "entre Paris et Bamako": a capital that acts."""
    t = doc[token_start]
    first = t.head if t.dep_ == "conj" else t
    return first.dep_ in ("nsubj", "nsubj:pass", "obl:agent") \
        or any(c.dep_ == "case" and c.lower_ == "entre" for c in first.children)


def used_actors(events: Iterable[Event], roles: Iterable[Role], agreements: Iterable[Agreement]) -> set[ActorId]:
    """The actors of the document's events, roles and agreements."""
    return {x for e in events for x in (e.source, e.target) if x} \
        | {x for r in roles for x in (r.actor, r.of) if x} | {p for g in agreements for p in g.parties}


def rule_participants(doc: Doc, actors: Sequence[DraftActor], used: set[ActorId], in_events: set[ActorId],
                      publisher: set[KbRef]) -> set[ActorId]:
    """The actors the rules keep: those that act or take part, but the page's own
    publisher unless it takes part in an event, a lone capitalised word NER took for a
    person ("Garder", "Rambo") unless it takes part, and a state named only by its
    capital as a place ("un sommet à Madrid")."""
    kept = set()
    for a in actors:
        if a.key in publisher and a.id not in in_events:
            continue
        if a.id in used:
            kept.add(a.id)
            continue
        lone = a.type == "Person" and all(len(n.split()) == 1 for n in [a.name, *a.aliases])
        capital = a.type == "Country" and a.mentions and all(
            m.capital and not _stands_for_state(doc, m.token_start) for m in a.mentions)
        if a.acting and not lone and not capital:
            kept.add(a.id)
    return kept
