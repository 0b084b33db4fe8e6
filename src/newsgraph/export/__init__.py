"""Export: the graph as JSON Lines, RDF, GraphML, GEXF, CSV, HTML and a manifest.

Writers are found by name and imported only when used (:mod:`newsgraph.export.registry`:
newsgraph's own, those other packages add through the ``newsgraph.writers`` entry
points, those a program registers)::

    >>> sorted(writers())[:4]
    ['csv', 'gexf', 'graphml', 'html']

:func:`write` stages every file and puts them in place together, the manifest last
(:mod:`newsgraph.export.output`): a build folder holds one complete build.
"""
from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import Errors, NewsgraphError
from ..types import PathLike
from .registry import PARTS_FILE, SEEN_FILE, TABLES, check_formats, filename, output_files, register, writer, writers

if TYPE_CHECKING:  # importing the registry stays cheap: `newsgraph --help` lists its names
    from ..graph import GraphData
    from .options import WriteOptions
    from .output import Staging
    from .parts import Plan

__all__ = ["write", "writer", "writers", "register", "check_formats", "output_files", "DEFAULT_FORMATS"]

DEFAULT_FORMATS = ("jsonl", "trig", "nquads", "turtle", "jsonld", "graphml", "gexf", "csv", "html", "names", "store",
                   "manifest")


def write(kg: GraphData, out_dir: PathLike, formats: Iterable[str] = DEFAULT_FORMATS, *,
          started: float | None = None, options: WriteOptions | None = None, csv_bom: bool = False) -> dict[str, Path]:
    """Write ``kg`` into ``out_dir`` in each of ``formats`` and the manifest; returns
    name -> file written. Each writer is given ``options`` (default: the build's,
    :meth:`WriteOptions.of`).

    Every file is written under a temporary name and put in place only when all are
    complete, the manifest last; files of an earlier build that this one does not write
    are removed. A failed write (a full disk...) is E027 naming the file, and leaves the
    folder as it was. Another process writing into the folder is E028. ``started`` (a
    ``time.perf_counter()`` value) gives the build's wall time to the manifest, which
    states the files written; ``kg`` itself is left as it was. ``csv_bom=True`` (as
    ``WriteOptions(csv_bom=True)``) begins the CSV tables with a byte order mark, for
    spreadsheets. A folder that is, or lies inside, a folder the build read is refused
    (E082).
    """
    from ..ingest.files import out_inside_input
    from .options import WriteOptions
    from .output import MANIFEST, staged

    inside = out_inside_input(out_dir, kg.info.inputs or [])
    if inside is not None:
        raise inside
    options = options or WriteOptions.of(kg)
    if csv_bom:
        options = replace(options, csv_bom=True)

    names = [n for n in check_formats(formats) if n != "manifest"] + ["manifest"]
    streamed = [n for n in names if writers()[n].streamed]
    out = Path(out_dir)
    written: dict[str, Path] = {}
    with staged(out) as stage:
        previous = _previous_files(out)
        t0 = time.perf_counter()
        plan = _plan(kg, out, options, streamed)
        for name in names:
            rel = filename(name)
            target = kg
            if name == "manifest":
                timings = {**kg.info.timings, "export": time.perf_counter() - t0}
                if started is not None:
                    timings["wall"] = time.perf_counter() - started
                target = replace(kg, info=replace(kg.info, timings=timings, files=(*_listed(stage.files()), MANIFEST),
                                                  mentions=options.mentions, csv_bom=options.csv_bom))
            try:
                if name not in streamed:
                    writer(name)(target, stage.path(rel), options)
                elif name == streamed[0]:  # the others with it, in one pass over the articles
                    _write_streamed(kg, stage, streamed, options, plan)
            except OSError as e:
                failed = stage.final(e.filename) if e.filename else out / rel
                raise NewsgraphError(Errors.E027, path=failed, detail=e.strerror or e, folder=out) from e
            written[name] = out / rel
        stage.commit(stale=previous | output_files())
    return written


def _plan(kg: GraphData, out: Path, options: WriteOptions, streamed: list[str]) -> Plan | None:
    """Which articles' parts the build in ``out`` holds as this one would write them
    (:mod:`newsgraph.export.parts`)."""
    from .merged import MERGED, SEEN
    from .parts import plan
    from .splice import spliced_files

    merged = [MERGED[n][0] for n in streamed if n in MERGED]
    return plan(kg, out, options, spliced_files(streamed), [*merged, SEEN] if merged else []) if streamed else None


def _write_streamed(kg: GraphData, stage: Staging, streamed: list[str], options: WriteOptions,
                    plan: Plan | None) -> None:
    """The streamed outputs, in one pass, spliced where ``plan`` says; ``.newsgraph-parts.json``
    with them."""
    from .parts import PARTS, write_parts
    from .splice import SEEN_WRITER, write_streamed

    paths = {n: stage.path(filename(n)) for n in streamed}
    if {"turtle", "ntriples"} & set(streamed):  # what their parts said first (:mod:`newsgraph.export.merged`)
        paths[SEEN_WRITER] = stage.path(SEEN_FILE)
    files = write_streamed(kg, paths, options, plan, stage.folder)
    parts = plan.parts(files) if plan is not None else None
    if parts is not None and files:
        write_parts(stage.path(PARTS), parts)


def _listed(files: Iterable[str]) -> list[str]:
    """The files the manifest lists: the outputs, not the index of their parts (hidden,
    like the cache: :mod:`newsgraph.export.parts`)."""
    return [f for f in files if f not in (PARTS_FILE, SEEN_FILE)]


def _previous_files(out: Path) -> set[str]:
    """The files the manifest in ``out`` says its build wrote."""
    import json

    try:
        files = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["build"]["files"]
    except (OSError, ValueError, KeyError, TypeError, RecursionError):
        return set()
    if not isinstance(files, list):
        return set()
    return {f for f in files if isinstance(f, str) and ".." not in f.split("/") and not f.startswith("/")}
