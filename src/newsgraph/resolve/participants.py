"""Which actors of a document take part in its story.

Most false actors are names that take part in nothing: a place, a lone capitalised word,
the page's own publisher. The rules say which actors act or take part
(:func:`rule_participants`); with a trained model, that is one feature among others
(:func:`actor_features`: how often and how the actor is named, whether the gazetteer
knows it, whether it holds a role or takes part in an event) and the model decides.
"""
from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

from spacy.tokens import Doc

from ..data import Lexicons
from ..extract import Agreement, Role
from ..types import ActorId, KbRef
from .within import Actor

Features = dict[str, float]


def _stands_for_state(doc: Doc, token_start: int) -> bool:
    """"Moscou a renforcé", "entre Paris et Bamako": a capital that acts."""
    t = doc[token_start]
    first = t.head if t.dep_ == "conj" else t
    return first.dep_ in ("nsubj", "nsubj:pass", "obl:agent") \
        or any(c.dep_ == "case" and c.lower_ == "entre" for c in first.children)


def used_actors(events: Iterable[tuple[ActorId | None, ActorId | None]], roles: Iterable[Role],
                agreements: Iterable[Agreement]) -> set[ActorId]:
    """The actors of the document's events (their (source, target) pairs), roles and
    agreements."""
    return {x for pair in events for x in pair if x} \
        | {x for r in roles for x in (r.actor, r.of) if x} | {p for g in agreements for p in g.parties}


def rule_participants(doc: Doc, actors: Sequence[Actor], used: set[ActorId], in_events: set[ActorId],
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


def _counts(a: Actor, doc: Doc, headline_end: int) -> Features:
    f: Features = {"log_mentions": math.log(1 + len(a.mentions))}
    kinds = {"demonym": sum(m.demonym for m in a.mentions), "capital": sum(m.capital for m in a.mentions),
             "body": sum(m.body for m in a.mentions), "acting": sum(m.acting for m in a.mentions)}
    for kind, n in kinds.items():
        f[f"log_{kind}"] = math.log(1 + n)
        if n == len(a.mentions):
            f[f"only_{kind}"] = 1.0
    labels = {doc[m.token_start].ent_type_ or "none" for m in a.mentions if m.token_start < len(doc)}
    for label in labels:
        f[f"ner={label}"] = 1.0
    subjects = sum(doc[m.token_start].dep_ in ("nsubj", "nsubj:pass") for m in a.mentions if m.token_start < len(doc))
    f["log_subject"] = math.log(1 + subjects)
    if any(m.token_start < headline_end for m in a.mentions):
        f["headline"] = 1.0
    first = min((m.token_start for m in a.mentions), default=0)
    f[f"first={min(int(4 * first / max(len(doc), 1)), 3)}"] = 1.0
    return f


def actor_features(a: Actor, doc: Doc, lex: Lexicons, *, rule_kept: bool, roles: Sequence[Role],
                   events: Sequence[tuple[ActorId | None, ActorId | None]], agreements: Sequence[Agreement],
                   headline_end: int) -> Features:
    """The named features of one actor of a document (``events``: their (source,
    target) pairs)."""
    f: Features = {"bias": 1.0, f"type={a.type}": 1.0, "rule_keep": float(rule_kept)}
    f.update(_counts(a, doc, headline_end))
    words = a.name.split()
    f[f"name_words={min(len(words), 4)}"] = 1.0
    f[f"name_words={min(len(words), 4)}|{a.type}"] = 1.0
    if a.name.isupper():
        f["all_caps"] = 1.0
    if a.key is not None:
        f[f"gazetteer={a.key.kind}"] = 1.0
        if a.key.kind == "org" and a.key.id in lex.organizations:
            f[f"org_kind={lex.organizations[a.key.id].kind}"] = 1.0
    sources = sum(src == a.id for src, _ in events)
    targets = sum(tgt == a.id for _, tgt in events)
    f["log_event_source"] = math.log(1 + sources)
    f["log_event_target"] = math.log(1 + targets)
    if sources or targets:
        f[f"in_event|{a.type}"] = 1.0
    if any(r.actor == a.id for r in roles):
        f["holds_role"] = 1.0
    if any(r.of == a.id for r in roles):
        f["role_of"] = 1.0
    if any(a.id in g.parties for g in agreements):
        f["agreement_party"] = 1.0
    return f
