"""The writers, found by name and imported only when used (as rdflib's serializers are).

Each writer is a function ``write(kg, path, options)`` of a module; :class:`Writer` names
it by ``"module:function"`` and says which file (or folder) of a build folder it writes.
newsgraph's own are listed in :data:`BUILTIN`; a package adds its own through the entry
point group ``newsgraph.writers`` (``pdf = mypackage.pdf:write_pdf`` in its
``pyproject.toml``, under ``[project.entry-points."newsgraph.writers"]``; the function's
``file`` attribute names its file, ``graph.<name>`` by default), or a program calls
:func:`register`. Listing the writers imports none of them:

>>> sorted(writers())[:4]
['csv', 'gexf', 'graphml', 'html']
>>> writers()["trig"].file, writers()["trig"].streamed
('graph.trig', True)
"""
from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib.metadata import entry_points
from typing import TYPE_CHECKING

from ..errors import Errors, NewsgraphError

if TYPE_CHECKING:
    from pathlib import Path

    from ..graph import GraphData
    from ..types import PathLike
    from .options import WriteOptions

#: ``write(kg, path, options)``: writes one output of a build.
WriteFunction = Callable[["GraphData", "PathLike", "WriteOptions | None"], "Path"]
#: The entry point group of the writers other packages add.
ENTRY_POINTS = "newsgraph.writers"


@dataclass(frozen=True)
class Writer:
    """A writer by name: the function at ``target`` (``"module:function"``) writes
    ``file`` in a build folder (None: the function's ``file`` attribute, else
    ``graph.<name>``). ``streamed`` writers are written together, in the one pass over
    the quads that :func:`newsgraph.export.rdf.write_rdf` makes."""

    name: str
    target: str
    file: str | None = None
    streamed: bool = False

    def load(self) -> WriteFunction:
        """The writer's function (its module imported now)."""
        module, _, function = self.target.partition(":")
        return getattr(importlib.import_module(module), function)

    @property
    def filename(self) -> str:
        """The file (or folder) the writer writes, relative to the build folder."""
        return self.file or getattr(self.load(), "file", None) or f"graph.{self.name}"


BUILTIN: tuple[Writer, ...] = (
    Writer("jsonl", "newsgraph.export.jsonl:write_documents", "documents.jsonl", streamed=True),
    Writer("trig", "newsgraph.export.rdf:write_trig", "graph.trig", streamed=True),
    Writer("nquads", "newsgraph.export.rdf:write_nquads", "graph.nq", streamed=True),
    Writer("turtle", "newsgraph.export.rdf:write_turtle", "graph.ttl", streamed=True),
    Writer("ntriples", "newsgraph.export.rdf:write_ntriples", "graph.nt", streamed=True),
    Writer("jsonld", "newsgraph.export.rdf:write_jsonld", "graph.jsonld", streamed=True),
    Writer("graphml", "newsgraph.export.graphml:write_graphml", "graph.graphml"),
    Writer("gexf", "newsgraph.export.graphml:write_gexf", "graph.gexf"),
    Writer("csv", "newsgraph.export.tables:write_tables", "tables", streamed=True),
    Writer("html", "newsgraph.export.html:write_html", "graph.html"),
    Writer("names", "newsgraph.export.store:write_names", "names.json", streamed=True),
    Writer("store", "newsgraph.export.store:write_store", "store", streamed=True),
    Writer("manifest", "newsgraph.export.manifest:write_manifest", "manifest.json"),
)
#: Where each article's part of each spliced file lies (:mod:`newsgraph.export.parts`).
PARTS_FILE = ".newsgraph-parts.json"
#: What each article's part of the merged files said first about shared nodes (:mod:`newsgraph.export.merged`).
SEEN_FILE = ".newsgraph-merged"
#: The CSV tables ``csv`` writes into ``tables/``.
TABLES = ("actors", "events", "roles", "agreements", "mentions")


def output_files() -> set[str]:
    """Every file newsgraph's own writers may write, relative to the build folder (the
    closed set a build folder's commit renames or removes).

    >>> sorted(output_files())[:3]
    ['.newsgraph-merged', '.newsgraph-parts.json', 'documents.jsonl']
    """
    return {w.filename for w in BUILTIN if w.name != "csv"} | {f"tables/{t}.csv" for t in TABLES} | {PARTS_FILE, SEEN_FILE}


#: The writers :func:`register` added in this process.
_REGISTERED: dict[str, Writer] = {}


@lru_cache(maxsize=1)
def _entry_points() -> tuple[Writer, ...]:
    return tuple(Writer(ep.name, ep.value) for ep in entry_points(group=ENTRY_POINTS))


def writers() -> dict[str, Writer]:
    """Every writer by name: newsgraph's own, those of the entry points, those
    registered; none imported."""
    out = {w.name: w for w in BUILTIN}
    for w in (*_entry_points(), *_REGISTERED.values()):
        out.setdefault(w.name, w)
    return out


def register(name: str, target: str, file: str | None = None) -> None:
    """Add the writer ``name``: the function at ``target`` (``"module:function"``),
    writing ``file`` in a build folder. newsgraph's own writers keep their names (E054)."""
    if name in {w.name for w in BUILTIN}:
        raise NewsgraphError(Errors.E054, name=name)
    _REGISTERED[name] = Writer(name, target, file)


def writer(name: str) -> WriteFunction:
    """The function of the writer registered under ``name``."""
    return _known(name).load()


def _known(name: str) -> Writer:
    found = writers()
    if name not in found:
        raise NewsgraphError(Errors.E009, name=name, known=", ".join(sorted(found)))
    return found[name]


def check_formats(formats: Iterable[str]) -> list[str]:
    """The format names, each known (E009 otherwise), in order, each once.

    >>> check_formats(["jsonl", "pdf"])
    Traceback (most recent call last):
    ...
    newsgraph.errors.NewsgraphError: [E009] Unknown output format 'pdf'. Known formats: csv, gexf, graphml, html, jsonl, jsonld, manifest, names, nquads, ntriples, store, trig, turtle.
    """
    names = list(dict.fromkeys(formats))
    for name in names:
        _known(name)
    return names


def filename(name: str) -> str:
    """The file (or folder) the writer ``name`` writes in a build folder."""
    return _known(name).filename

