"""RDF files of a build: TriG, N-Quads, Turtle, N-Triples and JSON-LD, written in one
pass over the quads (:func:`write_rdf`, fed by :func:`newsgraph.export.quads.dataset_chunks`).

pyoxigraph serialises TriG, N-Quads, Turtle and N-Triples; JSON-LD is written here with
the context shipped in ``newsgraph.vocab`` (nothing is fetched).
"""
from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import Protocol, cast

import pyoxigraph as ox
from rdflib import RDF, RDFS, SKOS, XSD
from rdflib.namespace import ORG, OWL, PROV, SDO

from ..graph import GraphData
from ..types import PathLike
from ..vocab import ITSRDF, NG, NIF, PLOVER, SEM, vocab_path
from .graphs import within
from .options import WriteOptions
from .output import open_output
from .quads import WIKIDATA, Chunk, dataset_chunks, dataset_quads, document_provenance_quads
from .store import NameIndex, StoreLoad

PREFIXES = {"schema": str(SDO), "sem": str(SEM._NS), "ng": str(NG._NS), "prov": str(PROV),
            "plover": str(PLOVER), "nif": str(NIF._NS), "itsrdf": str(ITSRDF._NS), "org": str(ORG),
            "skos": str(SKOS), "xsd": str(XSD), "rdfs": str(RDFS), "owl": str(OWL), "wd": WIKIDATA}


def _serialize(quads: Iterable, fmt: ox.RdfFormat) -> str:
    prefixes = PREFIXES if fmt in (ox.RdfFormat.TRIG, ox.RdfFormat.TURTLE) else None
    return cast(bytes, ox.serialize(quads, format=fmt, prefixes=prefixes)).decode("utf-8")


class _Sink(Protocol):
    """Where :func:`write_rdf` hands each chunk of quads: a file, the name index, the store."""

    def add(self, chunk: Chunk) -> None: ...

    def close(self) -> None: ...


class _Merge:
    """The triples of chunks merged into one graph, each once, in the order they come.

    A triple about a node minted under an article (:func:`within`) can only come from
    that article's chunk, which holds it once; only the triples about nodes several
    articles share (actors, events linked across articles and their roles, posts,
    places, the vocabulary) are remembered, to write each of them once.
    """

    def __init__(self) -> None:
        self.seen: set[ox.Triple] = set()

    def __call__(self, chunk: Chunk) -> list[ox.Triple]:
        out = []
        for t in dict.fromkeys(ox.Triple(q.subject, q.predicate, q.object) for q in chunk):
            if chunk.article is not None and within(cast(ox.NamedNode, t.subject).value, chunk.article):
                out.append(t)
            elif t not in self.seen:
                self.seen.add(t)
                out.append(t)
        return out


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


class _Serialized:
    """One RDF file written a chunk at a time: each chunk serialised by pyoxigraph, the
    ``@prefix`` lines kept once, at the top. Two chunks never meet inside a statement
    (a chunk begins with its article's provenance, about a node no other chunk names),
    so the file is the one a single call over all the quads writes."""

    def __init__(self, f, fmt: ox.RdfFormat, merge: bool = False) -> None:
        self.f, self.fmt = f, fmt
        self.prefixes = PREFIXES if fmt in (ox.RdfFormat.TRIG, ox.RdfFormat.TURTLE) else None
        self.merge = _Merge() if merge else None
        self.started = False

    def add(self, chunk: Chunk) -> None:
        items = self.merge(chunk) if self.merge is not None else chunk
        if not items:
            return
        data = cast(bytes, ox.serialize(items, format=self.fmt, prefixes=self.prefixes))
        header = _prefix_lines(self.fmt) if self.prefixes else b""
        if self.started and header and data.startswith(header):
            data = data[len(header):]
        self.started = True
        self.f.write(data)

    def close(self) -> None:
        pass


def write_trig(kg: GraphData, path: PathLike, options: WriteOptions | None = None) -> Path:
    return write_rdf(kg, {"trig": path}, options)["trig"]


def write_nquads(kg: GraphData, path: PathLike, options: WriteOptions | None = None) -> Path:
    return write_rdf(kg, {"nquads": path}, options)["nquads"]


def write_turtle(kg: GraphData, path: PathLike, options: WriteOptions | None = None) -> Path:
    return write_rdf(kg, {"turtle": path}, options)["turtle"]


def write_ntriples(kg: GraphData, path: PathLike, options: WriteOptions | None = None) -> Path:
    return write_rdf(kg, {"ntriples": path}, options)["ntriples"]


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


class _JsonLdFile(_JsonLd):
    def __init__(self, kg: GraphData, f) -> None:
        super().__init__(kg)
        self.f = f
        self._write(self.head())

    def _write(self, texts: Iterable[str]) -> None:
        for text in texts:
            self.f.write(text.encode("utf-8"))

    def add(self, chunk: Chunk) -> None:
        self._write(self.items(chunk))

    def close(self) -> None:
        self._write(self.tail())


def write_jsonld(kg: GraphData, path: PathLike, options: WriteOptions | None = None) -> Path:
    return write_rdf(kg, {"jsonld": path}, options)["jsonld"]


#: The writers one pass over the quads feeds together (:func:`write_rdf`).
STREAMED = ("trig", "nquads", "turtle", "ntriples", "jsonld", "names", "store")
_FORMATS = {"trig": (ox.RdfFormat.TRIG, False), "nquads": (ox.RdfFormat.N_QUADS, False),
            "turtle": (ox.RdfFormat.TURTLE, True), "ntriples": (ox.RdfFormat.N_TRIPLES, True)}


def write_rdf(kg: GraphData, paths: dict[str, PathLike], options: WriteOptions | None = None) -> dict[str, Path]:
    """Write several outputs of :data:`STREAMED` (name -> path) in one pass over the
    quads: each article's chunk (:func:`dataset_chunks`) is made once, handed to every
    file, store and index, then dropped."""
    from contextlib import ExitStack

    with ExitStack() as stack:
        sinks: list[_Sink] = []
        for name, path in paths.items():
            if name in _FORMATS:
                fmt, merge = _FORMATS[name]
                sinks.append(_Serialized(stack.enter_context(open_output(path)), fmt, merge))
            elif name == "jsonld":
                sinks.append(_JsonLdFile(kg, stack.enter_context(open_output(path))))
            elif name == "names":
                sinks.append(NameIndex(path))
            elif name == "store":
                sinks.append(stack.enter_context(StoreLoad(path)))
            else:
                raise ValueError(f"{name} is not one of {', '.join(STREAMED)}")
        for chunk in dataset_chunks(kg, options):
            for sink in sinks:
                sink.add(chunk)
        for sink in sinks:
            sink.close()
    return {name: Path(path) for name, path in paths.items()}


def to_rdflib(kg: GraphData):
    """The quads of ``kg`` as an ``rdflib.Dataset`` whose default graph, for SPARQL, is
    the union of all graphs (``default_union=True``)."""
    import rdflib

    ds = rdflib.Dataset(default_union=True)
    ds.parse(data=_serialize(dataset_quads(kg), ox.RdfFormat.N_QUADS), format="nquads")
    return ds
