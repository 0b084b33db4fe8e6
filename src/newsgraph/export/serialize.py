"""How newsgraph's quads are written as text: TriG, N-Quads, Turtle and N-Triples by
pyoxigraph (a chunk of quads at a time, the ``@prefix`` lines once:
:mod:`newsgraph.export.splice`, :mod:`newsgraph.export.merged`), and JSON-LD with the
context shipped in ``newsgraph.vocab`` (nothing is fetched)."""
from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import cast

import pyoxigraph as ox
from rdflib import RDF, RDFS, SKOS, XSD
from rdflib.namespace import ORG, OWL, PROV, SDO

from ..graph import GraphData
from ..vocab import ITSRDF, NG, NIF, PLOVER, SEM, vocab_path
from .quads import WIKIDATA, Chunk, document_provenance_quads

PREFIXES = {"schema": str(SDO), "sem": str(SEM._NS), "ng": str(NG._NS), "prov": str(PROV),
            "plover": str(PLOVER), "nif": str(NIF._NS), "itsrdf": str(ITSRDF._NS), "org": str(ORG),
            "skos": str(SKOS), "xsd": str(XSD), "rdfs": str(RDFS), "owl": str(OWL), "wd": WIKIDATA}


def _serialize(quads: Iterable, fmt: ox.RdfFormat) -> str:
    prefixes = PREFIXES if fmt in (ox.RdfFormat.TRIG, ox.RdfFormat.TURTLE) else None
    return cast(bytes, ox.serialize(quads, format=fmt, prefixes=prefixes)).decode("utf-8")


@lru_cache(maxsize=4)
def _prefix_lines(fmt: ox.RdfFormat) -> bytes:
    """The ``@prefix`` lines pyoxigraph writes at the top of a Turtle or TriG file."""
    quad = ox.Quad(ox.NamedNode("urn:x-newsgraph:s"), ox.NamedNode("urn:x-newsgraph:p"), ox.Literal("o"))
    probe: list[ox.Quad] | list[ox.Triple] = [quad]
    if fmt == ox.RdfFormat.TURTLE:
        probe = [ox.Triple(quad.subject, quad.predicate, quad.object)]
    with_prefixes = cast(bytes, ox.serialize(probe, format=fmt, prefixes=PREFIXES))
    bare = cast(bytes, ox.serialize(probe, format=fmt))
    return with_prefixes[:-len(bare)] if with_prefixes.endswith(bare) else b""


@lru_cache(maxsize=1)
def jsonld_context() -> dict:
    """The JSON-LD context shipped in ``newsgraph.vocab`` (never fetched)."""
    return json.loads(vocab_path("context.jsonld").read_text(encoding="utf-8"))["@context"]


def _compact(iri: str, prefixes: list[tuple[str, str]]) -> str:
    for prefix, ns in prefixes:
        if iri.startswith(ns) and len(iri) > len(ns):
            rest = iri[len(ns):]
            if all(c.isalnum() or c in "-_." for c in rest):
                return f"{prefix}:{rest}"
    return iri


def _jsonld_node(subject: str, triples: list[ox.Triple], prefixes) -> dict:
    node: dict = {"@id": _compact(subject, prefixes)}
    for t in triples:
        p, o = t.predicate.value, t.object
        if p == str(RDF.type) and isinstance(o, ox.NamedNode):
            node.setdefault("@type", []).append(_compact(o.value, prefixes))
            continue
        if isinstance(o, ox.NamedNode):
            value = {"@id": _compact(o.value, prefixes)}
            node.setdefault(_compact(p, prefixes), []).append(value)
            continue
        o = cast(ox.Literal, o)  # newsgraph's quads have no blank nodes nor quoted triples
        if o.language:
            value = {"@value": o.value, "@language": o.language}
        elif o.datatype.value != str(XSD.string):
            value = {"@value": o.value, "@type": _compact(o.datatype.value, prefixes)}
        else:
            value = {"@value": o.value}
        node.setdefault(_compact(p, prefixes), []).append(value)
    return node


def _jsonld_nodes(quads: Iterable[ox.Quad], prefixes) -> list[dict]:
    """One node per subject of ``quads`` (one graph's), in the order subjects first come."""
    subjects: dict[str, list[ox.Triple]] = {}
    for q in quads:
        subjects.setdefault(cast(ox.NamedNode, q.subject).value, []).append(ox.Triple(q.subject, q.predicate, q.object))
    return [_jsonld_node(s, list(dict.fromkeys(ts)), prefixes) for s, ts in subjects.items()]


class _JsonLd:
    """JSON-LD 1.1 a chunk at a time, with the context shipped in ``newsgraph.vocab``
    inline (nothing is fetched): the default graph's nodes first (the vocabulary and the
    build, then each article's provenance, made from the records), then one ``@graph``
    object per named graph."""

    def __init__(self, kg: GraphData) -> None:
        self.kg, self.context = kg, jsonld_context()
        self.prefixes = sorted(((k, v) for k, v in self.context.items() if isinstance(v, str)),
                               key=lambda kv: -len(kv[1]))
        self.first = True

    def _item(self, obj: dict) -> str:
        text = ("" if self.first else ",\n") + json.dumps(obj, ensure_ascii=False)
        self.first = False
        return text

    def head(self) -> Iterator[str]:
        yield '{"@context": ' + json.dumps(self.context, ensure_ascii=False) + ', "@graph": [\n'

    def items(self, chunk: Chunk) -> Iterator[str]:
        if chunk.article is None:  # the default graph: its provenance nodes for every article follow
            for node in _jsonld_nodes(chunk, self.prefixes):
                yield self._item(node)
            for rec in self.kg.documents:  # (their subject, an article's graph, is in no other chunk)
                for node in _jsonld_nodes(document_provenance_quads(self.kg, rec), self.prefixes):
                    yield self._item(node)
            return
        graph = [q for q in chunk if not isinstance(q.graph_name, ox.DefaultGraph)]
        if graph:
            yield self._item({"@id": _compact(graph[0].graph_name.value, self.prefixes),
                              "@graph": _jsonld_nodes(graph, self.prefixes)})

    def tail(self) -> Iterator[str]:
        yield "\n]}\n"


