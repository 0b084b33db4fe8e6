"""RDF: schema.org actors and articles, SEM events, PROV-O provenance.

One named graph per article (its IRI plus ``/graph``); Turtle gets all of them merged.
"""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from rdflib import RDF, RDFS, XSD, BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import PROV, SDO

from ..graph import KnowledgeGraph, article_iri, event_iri
from ..graph.network import agreement_iri
from ..types import PathLike
from ..vocab import NG, PLOVER, SEM

ACTOR_CLASS = {"Person": SDO.Person, "Organization": SDO.Organization, "Country": SDO.Country}


def date_literal(value: str) -> Literal:
    """An ISO date at its precision: xsd:date, xsd:gYearMonth or xsd:gYear.

    >>> date_literal("2022-01").datatype == XSD.gYearMonth
    True
    """
    if len(value) == 4:
        return Literal(value, datatype=XSD.gYear)
    if len(value) == 7:
        return Literal(value, datatype=XSD.gYearMonth)
    return Literal(value[:10], datatype=XSD.date)


def to_dataset(kg: KnowledgeGraph) -> Dataset:
    """The whole build as an rdflib Dataset with one named graph per article."""
    base = kg.info.get("base_iri", "https://newsgraph.example.org/")
    ds = Dataset()
    for prefix, ns in (("schema", SDO), ("sem", SEM._NS), ("ng", NG._NS), ("prov", PROV),
                       ("plover", PLOVER)):
        ds.bind(prefix, ns)
    build = URIRef(f"{base.rstrip('/')}/build/{kg.info.get('started', '').replace(':', '')}")
    default = ds.default_graph
    default.add((build, RDF.type, PROV.Activity))
    default.add((build, RDFS.label, Literal(f"newsgraph {kg.info.get('version')} with "
                                            f"{kg.info.get('model')} {kg.info.get('model_version')}")))
    for rec in kg.documents:
        art = URIRef(article_iri(base, rec.id))
        g = ds.graph(URIRef(str(art) + "/graph"))
        g.add((art, RDF.type, SDO.NewsArticle))
        if rec.article.title:
            g.add((art, SDO.headline, Literal(rec.article.title)))
        if rec.article.dct:
            g.add((art, SDO.datePublished, date_literal(rec.article.dct)))
        if rec.article.url:
            g.add((art, SDO.url, Literal(rec.article.url, datatype=XSD.anyURI)))
        g.add((art, SDO.identifier, Literal(rec.id)))
        iri = {a.id: URIRef(a.iri) for a in rec.actors}
        for a in rec.actors:
            node = iri[a.id]
            g.add((node, RDF.type, ACTOR_CLASS[a.type]))
            g.add((node, SDO.name, Literal(a.name)))
            for alias in a.aliases:
                g.add((node, SDO.alternateName, Literal(alias)))
            if a.country:
                g.add((node, NG.country, Literal(a.country)))
            g.add((node, NG.mentionedIn, art))
            g.add((node, PROV.wasDerivedFrom, art))
        for n, e in enumerate(rec.events, 1):
            ev = URIRef(rec.event_iris[n - 1] or event_iri(base, rec.id, n))
            g.add((ev, RDF.type, SEM.Event))
            g.add((ev, SEM.eventType, PLOVER[e.type]))
            if e.mode:
                g.add((ev, NG.mode, PLOVER[f"{e.type}/{e.mode}"]))
            g.add((ev, NG.modality, Literal(e.modality)))
            for rel, actor in ((NG.source, e.source), (NG.target, e.target)):
                if actor in iri:
                    g.add((ev, rel, iri[actor]))
                    g.add((ev, SEM.hasActor, iri[actor]))
            if e.place:
                g.add((ev, NG.placeName, Literal(e.place)))
            if e.date:
                start, _, end = e.date.partition("/")
                if end:
                    g.add((ev, SEM.hasBeginTimeStamp, date_literal(start)))
                    g.add((ev, SEM.hasEndTimeStamp, date_literal(end)))
                else:
                    g.add((ev, SEM.hasTimeStamp, date_literal(start)))
            g.add((ev, NG.evidence, Literal(rec.article.text[e.sentence[0]:e.sentence[1]].strip())))
            g.add((ev, PROV.wasDerivedFrom, art))
            g.add((ev, PROV.wasGeneratedBy, build))
        for r in rec.roles:
            if r.actor in iri:
                role = BNode()
                g.add((iri[r.actor], SDO.hasOccupation, role))
                g.add((role, RDF.type, SDO.Role))
                g.add((role, SDO.roleName, Literal(r.title)))
                if r.of in iri:
                    g.add((role, SDO.memberOf, iri[r.of]))
        for n, ag in enumerate(rec.agreements, 1):
            node = URIRef(agreement_iri(base, rec.id, n))
            g.add((node, RDF.type, NG.Agreement))
            g.add((node, SDO.name, Literal(ag.get("name", ""))))
            for p in ag.get("parties", []):
                if p in iri:
                    g.add((node, NG.party, iri[p]))
            if ag.get("status"):
                g.add((node, NG.status, Literal(ag["status"])))
        g.add((art, PROV.wasGeneratedBy, build))
    return ds


def merged_graph(kg: KnowledgeGraph) -> Graph:
    """All named graphs of :func:`to_dataset` in one graph."""
    ds = to_dataset(kg)
    out = Graph()
    for prefix, ns in ds.namespaces():
        out.bind(prefix, ns)
    for s, p, o, _ in ds.quads((None, None, None, None)):
        out.add((s, p, o))
    return out


def generate_turtle(kg: KnowledgeGraph) -> Iterator[str]:
    yield merged_graph(kg).serialize(format="turtle")


def write_turtle(kg: KnowledgeGraph, path: PathLike) -> Path:
    p = Path(path)
    p.write_text("".join(generate_turtle(kg)), encoding="utf-8")
    return p
