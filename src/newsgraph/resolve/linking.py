"""Linking the documents of a corpus: one IRI per real-world actor, one IRI per event
that several articles report.

Linking reads the records and returns maps (:class:`~newsgraph.records.Links`) that the
writers read; it changes no record, so a record is the same before and after, in the
cache and in a build.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

from ..data import Lexicons
from ..grammar import DE_FOLDED, DEFINITE_FOLDED
from ..records import Actor, DocumentRecord, Links
from ..types import ActorId
from ..vocab.iris import Iris
from .event_merging import SYMMETRIC, dates_agree
from .names import fold, same_given_name, slug

#: (document id, actor): an actor of one document.
_Member = tuple[str, Actor]
#: (record, event index): an event of one document.
_Told = tuple[DocumentRecord, int]


def link(records: Sequence[DocumentRecord], iris: Iris, lex: Lexicons) -> Links:
    """The IRIs of the actors and events of ``records`` across the corpus."""
    actors = link_actors(((r.id, r.actors) for r in records), iris, lex)
    events, pairs = link_events(records, actors, iris)
    return Links(actors=actors, events=events, pairs=pairs)


def _organization(a: Actor, doc_id: str, iris: Iris, lex: Lexicons) -> str:
    words = [w for w in fold(a.name).split() if w not in DE_FOLDED | DEFINITE_FOLDED]
    generic = bool(words) and len(words) <= 2 and any(fold(h) == words[0] for h in lex.bodies)
    if generic:  # "armée", "Cour suprême": a state body, but whose?
        scope = a.country or f"doc-{slug(doc_id)}"
        return iris.actor("org", f"{slug(a.name)}-{scope.lower()}")
    return iris.actor("org", slug(a.name))


def _persons(group: list[_Member], iris: Iris) -> dict[tuple[str, ActorId], str]:
    """The IRIs of the persons who share a surname: full names first, each distinct given
    name (up to spelling) one person; a surname alone joins the only full name."""
    out: dict[tuple[str, ActorId], str] = {}
    people: list[tuple[str, str]] = []  # (folded given name, iri)
    for doc_id, a in sorted(group, key=lambda x: -len(x[1].name.split())):
        tokens = fold(a.name).split()
        if len(tokens) > 1:
            given = tokens[0]
            match = next((iri for g, iri in people if same_given_name(g, given)), None)
            if match is None:
                match = iris.actor("person", slug(a.name))
                people.append((given, match))
            out[(doc_id, a.id)] = match
        else:
            distinct = {iri for _, iri in people}
            out[(doc_id, a.id)] = distinct.pop() if len(distinct) == 1 else iris.actor("person", slug(a.name))
    return out


def link_actors(documents: Iterable[tuple[str, Sequence[Actor]]], iris: Iris,
                lex: Lexicons) -> dict[str, dict[ActorId, str]]:
    """Document id -> actor id -> the actor's IRI in the corpus, for ``(document id,
    actors)`` pairs.

    Countries are identified by ISO code and known organisations by gazetteer key; other
    organisations by name, and a state body ("armée", "ministère de la justice") by name
    and state: without a state it is one document's own. Persons with the same surname
    share an IRI when their given names are spellings of one name; a surname alone joins
    the only full name that carries it in the corpus, and stays on its own when two
    different persons share it.

    >>> from newsgraph.data import default_lexicons
    >>> mali = Actor("a1", "Mali", "Country", country="ML")
    >>> link_actors([("d1", [mali]), ("d2", [mali])], Iris("https://ex.org/"), default_lexicons())
    {'d1': {'a1': 'https://ex.org/actor/country/ML'}, 'd2': {'a1': 'https://ex.org/actor/country/ML'}}
    """
    docs = [(doc_id, list(actors)) for doc_id, actors in documents]
    found: dict[tuple[str, ActorId], str] = {}
    persons: dict[str, list[_Member]] = defaultdict(list)
    for doc_id, actors in docs:
        for a in actors:
            if a.type == "Country" and a.country:
                found[(doc_id, a.id)] = iris.actor("country", a.country)
            elif a.key:
                found[(doc_id, a.id)] = iris.actor("org", a.key.id)
            elif a.type == "Organization":
                found[(doc_id, a.id)] = _organization(a, doc_id, iris, lex)
            else:
                tokens = fold(a.name).split()
                persons[tokens[-1] if tokens else ""].append((doc_id, a))
    for group in persons.values():
        found.update(_persons(group, iris))
    return {doc_id: {a.id: found[(doc_id, a.id)] for a in actors} for doc_id, actors in docs}


def _clusters(members: list[_Told]) -> list[tuple[str | None, list[_Told]]]:
    """Events of one type between the same actors grouped by agreeing dates, at most one
    of each article in a group; dated events first, so that each group is named by its
    first date."""
    members = sorted(members, key=lambda m: (m[0].events[m[1]].date is None, m[0].events[m[1]].date or "",
                                             m[0].id, m[1]))
    clusters: list[tuple[str | None, list[_Told]]] = []
    for rec, n in members:
        date = rec.events[n].date
        for i, (cdate, items) in enumerate(clusters):
            if dates_agree(cdate, date) and all(r.id != rec.id for r, _ in items):
                items.append((rec, n))
                if not cdate and date:
                    clusters[i] = (date, items)
                break
        else:
            clusters.append((date, [(rec, n)]))
    return clusters


def link_events(records: Iterable[DocumentRecord], actors: dict[str, dict[ActorId, str]], iris: Iris,
                ) -> tuple[dict[tuple[str, int], str], dict[str, tuple[str | None, str | None]]]:
    """``(document id, event index)`` -> the event's IRI, and event IRI -> the IRIs of its
    source and target.

    Events of the same type between the same actors (by corpus IRI) with agreeing dates
    share one IRI across articles. For the types where direction means nothing
    (:data:`~newsgraph.resolve.event_merging.SYMMETRIC`: a meeting, a cooperation, an agreement)
    the two actors are a set: China meeting Russia in one article and Russia meeting China
    in another are one event, with one source and one target (as its first report gives
    them).
    """
    groups: dict[tuple, list[_Told]] = defaultdict(list)
    for rec in records:
        iri = actors.get(rec.id, {})
        for n, e in enumerate(rec.events):
            src, tgt = iri.get(e.source or "") or "", iri.get(e.target or "") or ""
            if e.type in SYMMETRIC:
                src, tgt = sorted([src, tgt])
            groups[(e.type, src, tgt)].append((rec, n))
    events: dict[tuple[str, int], str] = {}
    pairs: dict[str, tuple[str | None, str | None]] = {}
    for key, members in groups.items():
        for cdate, items in _clusters(members):
            name = "|".join([*key, cdate or ""] + ([] if cdate else [items[0][0].id, str(items[0][1])]))
            event = iris.event(name)
            first, n = items[0]
            told = first.events[n]
            pairs[event] = (actors.get(first.id, {}).get(told.source or ""),
                            actors.get(first.id, {}).get(told.target or ""))
            for rec, n in items:
                events[(rec.id, n)] = event
    return events, pairs
