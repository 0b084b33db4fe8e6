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
from urllib.parse import quote

import networkx as nx

from .model import DocumentRecord


def article_iri(base: str, doc_id: str) -> str:
    """The IRI of an article, its id percent-encoded.

    >>> article_iri("https://ex.org/", "mkfr dev 1")
    'https://ex.org/article/mkfr%20dev%201'
    """
    return f"{base.rstrip('/')}/article/{quote(doc_id, safe='-._~')}"


def event_iri(base: str, doc_id: str, n: int) -> str:
    return f"{article_iri(base, doc_id)}/event/{n}"


def agreement_iri(base: str, doc_id: str, n: int) -> str:
    return f"{article_iri(base, doc_id)}/agreement/{n}"


def to_networkx(records: Iterable[DocumentRecord], base: str) -> nx.MultiDiGraph:
    """The graph of all records; actors shared between articles are one node."""
    g = nx.MultiDiGraph()
    for rec in records:
        art = article_iri(base, rec.id)
        g.add_node(art, kind="article", label=rec.article.title or rec.id, doc_id=rec.id,
                   dct=rec.article.dct or "", url=rec.article.url or "")
        iri_of = {a.id: a.iri for a in rec.actors}
        for a in rec.actors:
            if a.iri not in g:
                g.add_node(a.iri, kind="actor", label=a.name, type=a.type, country=a.country or "",
                           aliases=set())
            g.nodes[a.iri]["aliases"].update(a.aliases)
            g.add_edge(a.iri, art, key="mentioned_in", count=len(a.mentions))
        for n, e in enumerate(rec.events):
            ev = rec.event_iris[n] or event_iri(base, rec.id, n + 1)
            evidence = rec.article.text[e.sentence[0]:e.sentence[1]].strip()
            if ev in g:  # the same event reported by another article
                g.nodes[ev]["sources"] = g.nodes[ev]["sources"] + 1
                g.nodes[ev]["evidence"] = g.nodes[ev]["evidence"] + [f"{rec.id}: {evidence}"]
                g.nodes[ev]["date"] = g.nodes[ev]["date"] or e.date or ""
            else:
                g.add_node(ev, kind="event", label=e.type, type=e.type, mode=e.mode or "",
                           modality=e.modality, date=e.date or "", place=e.place or "",
                           text=evidence, doc_id=rec.id, sources=1, evidence=[f"{rec.id}: {evidence}"])
                if e.source in iri_of:
                    g.add_edge(iri_of[e.source], ev, key="source")
                if e.target in iri_of:
                    g.add_edge(ev, iri_of[e.target], key="target")
                if e.source in iri_of and e.target in iri_of:
                    # one edge per event between two actors: keyed by the event
                    g.add_edge(iri_of[e.source], iri_of[e.target], key=f"interacts:{ev}", relation="interacts",
                               type=e.type, date=e.date or "", event=ev)
            g.add_edge(ev, art, key="reported_in")
        for c in rec.conflicts:
            n = int(str(c["event"]).lstrip("e")) - 1
            ev = rec.event_iris[n] or event_iri(base, rec.id, n + 1)
            node = f"{article_iri(base, rec.id)}/conflict/{n + 1}"
            claims = [f"{cl['date']}: {cl['evidence']}" for cl in c["claims"]]
            g.add_node(node, kind="conflict", label=f"conflicting {c['attribute']}",
                       attribute=c["attribute"], claims=claims, doc_id=rec.id)
            g.add_edge(node, ev, key="about")
            g.add_edge(node, art, key="reported_in")
        for r in rec.roles:
            if r.actor in iri_of:
                g.add_edge(iri_of[r.actor], iri_of.get(r.of) or art, key=f"holds_role:{r.title}",
                           relation="holds_role", title=r.title)
        for n, ag in enumerate(rec.agreements, 1):
            node = agreement_iri(base, rec.id, n)
            g.add_node(node, kind="agreement", label=ag.get("name", ""), status=ag.get("status") or "",
                       signed=ag.get("signed") or "", doc_id=rec.id)
            for p in ag.get("parties", []):
                if p in iri_of:
                    g.add_edge(iri_of[p], node, key="party")
    for _, attrs in g.nodes(data=True):
        if isinstance(attrs.get("aliases"), set):
            attrs["aliases"] = sorted(attrs["aliases"])
    return g
