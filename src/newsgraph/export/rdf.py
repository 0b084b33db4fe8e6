"""RDF files of a build: TriG, N-Quads, Turtle, N-Triples and JSON-LD, written in one
pass over the quads (:func:`write_rdf`, fed by :func:`newsgraph.export.quads.dataset_chunks`).

pyoxigraph serialises TriG, N-Quads, Turtle and N-Triples; JSON-LD is written here with
the context shipped in ``newsgraph.vocab`` (nothing is fetched).
"""
from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from ..graph import GraphData
from ..types import PathLike
from .options import WriteOptions
from .quads import dataset_quads
from .serialize import PREFIXES, _compact, _jsonld_node, _serialize, jsonld_context

__all__ = ["PREFIXES", "STREAMED", "jsonld_context", "write_rdf", "write_trig", "write_nquads", "write_turtle",
           "write_ntriples", "write_jsonld", "to_rdflib", "_compact", "_jsonld_node"]


def write_trig(kg: GraphData, path: PathLike, options: WriteOptions | None = None) -> Path:
    return write_rdf(kg, {"trig": path}, options)["trig"]


def write_nquads(kg: GraphData, path: PathLike, options: WriteOptions | None = None) -> Path:
    return write_rdf(kg, {"nquads": path}, options)["nquads"]


def write_turtle(kg: GraphData, path: PathLike, options: WriteOptions | None = None) -> Path:
    return write_rdf(kg, {"turtle": path}, options)["turtle"]


def write_ntriples(kg: GraphData, path: PathLike, options: WriteOptions | None = None) -> Path:
    return write_rdf(kg, {"ntriples": path}, options)["ntriples"]


def write_jsonld(kg: GraphData, path: PathLike, options: WriteOptions | None = None) -> Path:
    return write_rdf(kg, {"jsonld": path}, options)["jsonld"]


#: The writers one pass over the articles feeds together (:func:`write_rdf`).
STREAMED = ("jsonl", "csv", "trig", "nquads", "turtle", "ntriples", "jsonld", "names", "store")


def write_rdf(kg: GraphData, paths: dict[str, PathLike], options: WriteOptions | None = None) -> dict[str, Path]:
    """Write several outputs of :data:`STREAMED` (name -> path) in one pass over the
    articles: each article's chunk of quads (:func:`dataset_chunks`) is made once,
    handed to every file, store and index, then dropped
    (:func:`newsgraph.export.splice.write_streamed`)."""
    from .splice import write_streamed

    unknown = set(paths) - set(STREAMED)
    if unknown:
        raise ValueError(f"{', '.join(sorted(unknown))} is not one of {', '.join(STREAMED)}")
    write_streamed(kg, {name: Path(path) for name, path in paths.items()}, options or WriteOptions.of(kg))
    return {name: Path(path) for name, path in paths.items()}


def to_rdflib(kg: GraphData):
    """The quads of ``kg`` as an ``rdflib.Dataset`` whose default graph, for SPARQL, is
    the union of all graphs (``default_union=True``)."""
    import rdflib

    ds = rdflib.Dataset(default_union=True)
    ds.parse(data=_serialize(dataset_quads(kg), ox.RdfFormat.N_QUADS), format="nquads")
    return ds
