"""Records -> a networkx MultiDiGraph of articles, actors, events, roles and agreements.

Node ids are IRIs. Node attribute ``kind`` is ``article``, ``actor``, ``event`` or
``agreement``; edge keys name the relation (``mentioned_in``, ``source``, ``target``,
``reported_in``, ``party``, ``about``; ``interacts:<event IRI>`` and ``holds_role:<title>``,
whose ``relation`` attribute says ``interacts`` or ``holds_role``, as two actors may
share several). An event reported
by several articles is one node with a ``reported_in`` edge to each; a ``conflict`` node
names the claims of an event that its sources disagree on.
"""
from __future__ import annotations

from collections.abc import Iterable

import networkx as nx

from ..records import DocumentRecord, Event, Links
from ..vocab.iris import Iris


def to_networkx(records: Iterable[DocumentRecord], iris: Iris, links: Links = Links()) -> nx.MultiDiGraph:
    """The graph of all records; actors shared between articles are one node (their IRIs
    and the events' are the ones ``links`` gives)."""
    g = nx.MultiDiGraph()
    for rec in records:
        art = iris.article(rec.id)
        g.add_node(art, kind="article", label=rec.article.title or rec.id, doc_id=rec.id,
                   dct=rec.article.dct or "", url=rec.article.url or "")
        _Document(g, rec, iris, links, art).add()
    for _, attrs in g.nodes(data=True):
        if isinstance(attrs.get("aliases"), set):
            attrs["aliases"] = sorted(attrs["aliases"])
    return g


class _Document:
    """What one article adds to the graph, in order: its actors, events, conflicts, roles
    and agreements."""

    def __init__(self, g: nx.MultiDiGraph, rec: DocumentRecord, iris: Iris, links: Links, art: str) -> None:
        self.g, self.rec, self.iris, self.links, self.art = g, rec, iris, links, art
        self.iri_of = links.actor_iris(rec.id)

    def event_node(self, n: int) -> str:
        return self.links.event(self.rec.id, n) or self.iris.local_event(self.rec.id, n + 1)

    def add(self) -> None:
        self.actors()
        for n, e in enumerate(self.rec.events):
            self.event(n, e)
        self.conflicts()
        self.roles()
        self.agreements()

    def actors(self) -> None:
        g = self.g
        for a in self.rec.actors:
            node = self.iri_of[a.id]
            if node not in g:
                g.add_node(node, kind="actor", label=a.name, type=a.type, country=a.country or "", aliases=set())
            g.nodes[node]["aliases"].update(a.aliases)
            g.add_edge(node, self.art, key="mentioned_in", count=len(a.mentions))

    def event(self, n: int, e: Event) -> None:
        g, rec, iri_of = self.g, self.rec, self.iri_of
        ev = self.event_node(n)
        evidence = rec.article.text[e.sentence[0]:e.sentence[1]].strip()
        if ev in g:  # the same event reported by another article
            g.nodes[ev]["sources"] = g.nodes[ev]["sources"] + 1
            g.nodes[ev]["evidence"] = g.nodes[ev]["evidence"] + [f"{rec.id}: {evidence}"]
            g.nodes[ev]["date"] = g.nodes[ev]["date"] or e.date or ""
        else:
            g.add_node(ev, kind="event", label=e.type, type=e.type, mode=e.mode or "",
                       modality=e.modality, date=e.date or "", place=e.place or "",
                       text=evidence, doc_id=rec.id, sources=1, evidence=[f"{rec.id}: {evidence}"])
            # a direction-free event told either way round has one pair (its first report's)
            src, tgt = self.links.pairs.get(ev) or (iri_of.get(e.source or ""), iri_of.get(e.target or ""))
            if src:
                g.add_edge(src, ev, key="source")
            if tgt:
                g.add_edge(ev, tgt, key="target")
            if src and tgt:
                # one edge per event between two actors: keyed by the event
                g.add_edge(src, tgt, key=f"interacts:{ev}", relation="interacts",
                           type=e.type, date=e.date or "", event=ev)
        g.add_edge(ev, self.art, key="reported_in")

    def conflicts(self) -> None:
        g, rec, text = self.g, self.rec, self.rec.article.text
        for c in rec.conflicts:
            ev = self.event_node(c.event)
            node = self.iris.conflict(rec.id, c.event + 1)
            claims = [f"{cl.value}: {text[slice(*cl.sentence)].strip()}" for cl in c.claims]
            g.add_node(node, kind="conflict", label=f"conflicting {c.attribute}",
                       attribute=c.attribute, claims=claims, doc_id=rec.id)
            g.add_edge(node, ev, key="about")
            g.add_edge(node, self.art, key="reported_in")

    def roles(self) -> None:
        iri_of = self.iri_of
        for r in self.rec.roles:
            if r.actor in iri_of:
                self.g.add_edge(iri_of[r.actor], iri_of.get(r.of or "") or self.art, key=f"holds_role:{r.title}",
                                relation="holds_role", title=r.title)

    def agreements(self) -> None:
        g, rec = self.g, self.rec
        for n, ag in enumerate(rec.agreements, 1):
            node = self.iris.agreement(rec.id, n)
            g.add_node(node, kind="agreement", label=ag.name, status=ag.status or "",
                       signed=ag.signed or "", doc_id=rec.id)
            for p in ag.parties:
                if p in self.iri_of:
                    g.add_edge(self.iri_of[p], node, key="party")
