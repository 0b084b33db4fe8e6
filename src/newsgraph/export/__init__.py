"""Export: the graph as JSON Lines, RDF, GraphML, GEXF, CSV, HTML and a manifest.

Writers are found by name and imported only when used::

    >>> sorted(WRITERS)[:4]
    ['csv', 'gexf', 'graphml', 'html']
"""
from __future__ import annotations

import importlib
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import Errors, NewsgraphError
from ..types import PathLike

if TYPE_CHECKING:  # importing the registry stays cheap: `newsgraph --help` lists its names
    from ..graph import KnowledgeGraph

#: name -> (module, function, file name in the build folder)
WRITERS: dict[str, tuple[str, str, str]] = {
    "jsonl": ("newsgraph.export.jsonl", "write_documents", "documents.jsonl"),
    "trig": ("newsgraph.export.rdf", "write_trig", "graph.trig"),
    "nquads": ("newsgraph.export.rdf", "write_nquads", "graph.nq"),
    "turtle": ("newsgraph.export.rdf", "write_turtle", "graph.ttl"),
    "ntriples": ("newsgraph.export.rdf", "write_ntriples", "graph.nt"),
    "jsonld": ("newsgraph.export.rdf", "write_jsonld", "graph.jsonld"),
    "graphml": ("newsgraph.export.graphml", "write_graphml", "graph.graphml"),
    "gexf": ("newsgraph.export.graphml", "write_gexf", "graph.gexf"),
    "csv": ("newsgraph.export.tables", "write_tables", "tables"),
    "html": ("newsgraph.export.html", "write_html", "graph.html"),
    "names": ("newsgraph.export.store", "write_names", "names.json"),
    "store": ("newsgraph.export.store", "write_store", "store"),
    "manifest": ("newsgraph.export.manifest", "write_manifest", "manifest.json"),
}
DEFAULT_FORMATS = ("jsonl", "trig", "nquads", "turtle", "jsonld", "graphml", "gexf", "csv", "html", "names", "store",
                   "manifest")


def writer(name: str):
    """The writer function registered under ``name``."""
    try:
        module, func, _ = WRITERS[name]
    except KeyError:
        raise NewsgraphError(Errors.E009, name=name, known=", ".join(sorted(WRITERS))) from None
    return getattr(importlib.import_module(module), func)


def write(kg: KnowledgeGraph, out_dir: PathLike, formats: Iterable[str] = DEFAULT_FORMATS) -> dict[str, Path]:
    """Write ``kg`` into ``out_dir`` in each of ``formats``; returns name -> file written."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written = {}
    formats = list(formats)
    # the manifest last, so that it can record what the others took
    for name in sorted(formats, key=lambda n: n == "manifest"):
        written[name] = writer(name)(kg, out / WRITERS[name][2])
    return written
