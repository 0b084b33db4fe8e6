"""Export: the graph as JSON Lines, RDF, GraphML, GEXF, CSV, HTML and a manifest.

Writers are found by name and imported only when used::

    >>> sorted(WRITERS)[:4]
    ['csv', 'gexf', 'graphml', 'html']

:func:`write` stages every file and puts them in place together, the manifest last
(:mod:`newsgraph.export.output`): a build folder holds one complete build.
"""
from __future__ import annotations

import importlib
import time
from dataclasses import replace
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import Errors, NewsgraphError
from ..types import PathLike

if TYPE_CHECKING:  # importing the registry stays cheap: `newsgraph --help` lists its names
    from ..graph import KnowledgeGraph
    from .options import WriteOptions

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
#: The writers that share one pass over the build's quads (``export.rdf.write_rdf``):
#: each article's quads are made once for all of them.
STREAMED = ("trig", "nquads", "turtle", "ntriples", "jsonld", "names", "store")
#: The CSV tables ``csv`` writes into ``tables/``.
TABLES = ("actors", "events", "roles", "agreements", "mentions")


def output_files() -> set[str]:
    """Every file a build may write, relative to the build folder.

    >>> sorted(output_files())[:3]
    ['documents.jsonl', 'graph.gexf', 'graph.graphml']
    """
    return {f for name, (_, _, f) in WRITERS.items() if name != "csv"} | {f"tables/{t}.csv" for t in TABLES}


def check_formats(formats: Iterable[str]) -> list[str]:
    """The format names, each known (E009 otherwise), in order, each once.

    >>> check_formats(["jsonl", "pdf"])
    Traceback (most recent call last):
    ...
    newsgraph.errors.NewsgraphError: [E009] Unknown output format 'pdf'. Known formats: csv, gexf, graphml, html, jsonl, jsonld, manifest, names, nquads, ntriples, store, trig, turtle.
    """
    names = list(dict.fromkeys(formats))
    for name in names:
        if name not in WRITERS:
            raise NewsgraphError(Errors.E009, name=name, known=", ".join(sorted(WRITERS)))
    return names


def writer(name: str):
    """The writer function registered under ``name``."""
    try:
        module, func, _ = WRITERS[name]
    except KeyError:
        raise NewsgraphError(Errors.E009, name=name, known=", ".join(sorted(WRITERS))) from None
    return getattr(importlib.import_module(module), func)


def write(kg: KnowledgeGraph, out_dir: PathLike, formats: Iterable[str] = DEFAULT_FORMATS, *,
          started: float | None = None, options: WriteOptions | None = None) -> dict[str, Path]:
    """Write ``kg`` into ``out_dir`` in each of ``formats`` and the manifest; returns
    name -> file written. Each writer is given ``options`` (default: the build's,
    :meth:`WriteOptions.of`).

    Every file is written under a temporary name and put in place only when all are
    complete, the manifest last; files of an earlier build that this one does not write
    are removed. A failed write (a full disk...) is E027 naming the file, and leaves the
    folder as it was. Another process writing into the folder is E028. ``started`` (a
    ``time.perf_counter()`` value) gives the build's wall time to the manifest, which
    states the files written; ``kg`` itself is left as it was.
    """
    from .options import WriteOptions
    from .output import MANIFEST, staged

    options = options or WriteOptions.of(kg)

    names = [n for n in check_formats(formats) if n != "manifest"] + ["manifest"]
    streamed = [n for n in names if n in STREAMED]
    out = Path(out_dir)
    written: dict[str, Path] = {}
    with staged(out) as stage:
        previous = _previous_files(out)
        t0 = time.perf_counter()
        for name in names:
            rel = WRITERS[name][2]
            target = kg
            if name == "manifest":
                timings = {**kg.info.timings, "export": time.perf_counter() - t0}
                if started is not None:
                    timings["wall"] = time.perf_counter() - started
                target = replace(kg, info=replace(kg.info, timings=timings, files=(*stage.files(), MANIFEST),
                                                  mentions=options.mentions))
            try:
                if name not in streamed:
                    writer(name)(target, stage.path(rel), options)
                elif name == streamed[0]:  # the others with it, in one pass over the quads
                    from .rdf import write_rdf

                    write_rdf(kg, {n: stage.path(WRITERS[n][2]) for n in streamed}, options)
            except OSError as e:
                failed = stage.final(e.filename) if e.filename else out / rel
                raise NewsgraphError(Errors.E027, path=failed, detail=e.strerror or e, folder=out) from e
            written[name] = out / rel
        stage.commit(stale=previous | output_files())
    return written


def _previous_files(out: Path) -> set[str]:
    """The files the manifest in ``out`` says its build wrote."""
    import json

    try:
        files = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["build"]["files"]
    except (OSError, ValueError, KeyError, TypeError):
        return set()
    return {f for f in files if isinstance(f, str) and ".." not in f.split("/") and not f.startswith("/")}
