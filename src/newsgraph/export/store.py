"""A build as a persistent triple store, and the index that finds an actor by name.

A build writes ``DIR/store`` (a pyoxigraph store on disk, RocksDB underneath) and
``DIR/names.json`` (every ``schema:name`` and ``schema:alternateName``, lower-cased with
its white space folded, -> the IRIs that bear it). ``newsgraph query DIR`` opens the
store read-only instead of parsing ``graph.nq`` again, and a named question looks its
actor up in the index, then asks SPARQL about those IRIs only.

``newsgraph load DIR --store PATH`` bulk-loads a build's ``graph.nq`` into a store of
your own (several builds may go into one store).
"""
from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox

from ..errors import Errors, NewsgraphError
from ..types import PathLike
from .output import settle

if TYPE_CHECKING:
    from ..graph import GraphData
    from .options import WriteOptions

STORE_DIR = "store"
NAMES_FILE = "names.json"
#: Quads (of whole articles) given to pyoxigraph's bulk loader at a time by
#: :class:`StoreLoad`: it holds about 1.2 KB a quad while it loads (about 300 MB for a
#: batch), and smaller batches make a bigger store (batches of 50,000 quads: 63 MB instead
#: of 41 MB for the 633 MasakhaNEWS articles, 236,000 quads).
STORE_BATCH = 250_000
_NAME = "https://schema.org/name"
_ALTERNATE = "https://schema.org/alternateName"


def name_key(name: str) -> str:
    """How a name is looked up: white space folded, lower case (SPARQL's ``LCASE``).

    >>> name_key("  Burkina\\nFaso ")
    'burkina faso'
    """
    return " ".join(str(name).split()).lower()


class NameIndex:
    """The name index (see :func:`name_index`) made a chunk of quads at a time, written
    to ``path`` (``names.json``, one name a line) when closed."""

    def __init__(self, path: PathLike | None = None) -> None:
        self.path = Path(path) if path is not None else None
        self.index: dict[str, set[str]] = {}

    def add(self, quads: Iterable[ox.Quad]) -> None:
        for q in quads:
            if q.predicate.value in (_NAME, _ALTERNATE) and isinstance(q.object, ox.Literal) \
                    and isinstance(q.subject, ox.NamedNode):
                self.index.setdefault(name_key(q.object.value), set()).add(q.subject.value)

    def result(self) -> dict[str, list[str]]:
        return {k: sorted(v) for k, v in sorted(self.index.items())}

    def close(self) -> None:
        lines = (json.dumps(k, ensure_ascii=False) + ": " + json.dumps(v) for k, v in self.result().items())
        if self.path is not None:
            self.path.write_text("{\n" + ",\n".join(lines) + "\n}\n", encoding="utf-8")


def name_index(quads: Iterable[ox.Quad]) -> dict[str, list[str]]:
    """Name key -> the IRIs (sorted) whose ``schema:name`` or ``schema:alternateName``
    it is, from any quads.

    >>> q = ox.Quad(ox.NamedNode("http://ex.org/ml"), ox.NamedNode(_NAME), ox.Literal("Mali"))
    >>> name_index([q])
    {'mali': ['http://ex.org/ml']}
    """
    index = NameIndex()
    index.add(quads)
    return index.result()


def write_names(kg: GraphData, path: PathLike, options: WriteOptions | None = None) -> Path:
    """``names.json``: the name index of a build (see :func:`name_index`), made from the
    stream of its quads (:func:`newsgraph.export.rdf.write_rdf` makes it in the pass that
    writes the RDF files)."""
    from .quads import dataset_chunks

    index = NameIndex(path)
    for chunk in dataset_chunks(kg, options):
        index.add(chunk)
    index.close()
    return Path(path)


class _Batched:
    """Quads given to :meth:`add` go to pyoxigraph's bulk loader :data:`STORE_BATCH` at a
    time: it holds what it is given in memory (over 1 KB a quad), so one call with the
    whole build would make the store the peak of a large build's memory."""

    batch: list[ox.Quad]
    store: ox.Store | None

    def add(self, quads: Iterable[ox.Quad]) -> None:
        self.batch.extend(quads)
        if len(self.batch) >= STORE_BATCH:
            self._load()

    def _load(self) -> None:
        if self.batch and self.store is not None:
            self.store.bulk_extend(self.batch)
        self.batch = []


class StoreLoad(_Batched):
    """A pyoxigraph store on disk filled a chunk of quads at a time (:class:`_Batched`),
    written beside ``path`` and put in its place (replacing it whole) when closed."""

    def __init__(self, path: PathLike) -> None:
        self.path = Path(path)
        self.tmp = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        self.batch: list[ox.Quad] = []
        self.store: ox.Store | None = None

    def __enter__(self) -> StoreLoad:
        shutil.rmtree(self.tmp, ignore_errors=True)
        self.store = ox.Store(str(self.tmp))
        return self

    def close(self) -> None:
        self._load()
        if self.store is not None:
            self.store.flush()
            self.store = None  # closes the database before the folder moves
        if self.path.exists():
            shutil.rmtree(self.path)
        self.tmp.rename(self.path)

    def __exit__(self, *exc) -> None:
        self.store, self.batch = None, []
        shutil.rmtree(self.tmp, ignore_errors=True)


class StoreUpdate(_Batched):
    """The store of a build folder (``old``) updated into ``path`` (in the staging
    folder), for a build that writes again only some articles
    (:mod:`newsgraph.export.parts`): a checkpoint of the earlier store (RocksDB hard-links
    its files: nothing is copied, the earlier store is not touched), from which the named
    graphs of the articles in ``gone`` and their provenance are removed, and the default
    graph's other statements (the vocabulary and the builds, which the new head
    replaces) unless they are about a graph of ``keep``; the chunks given to :meth:`add`
    (the head, the articles made again) are then added."""

    def __init__(self, old: PathLike, path: PathLike, gone: Iterable[str], keep: Iterable[str]) -> None:
        self.old, self.path = Path(old), Path(path)
        self.gone, self.keep = set(gone), set(keep)
        self.batch: list[ox.Quad] = []
        self.store: ox.Store | None = None

    def __enter__(self) -> StoreUpdate:
        shutil.rmtree(self.path, ignore_errors=True)
        ox.Store.read_only(str(self.old)).backup(str(self.path))
        store = self.store = ox.Store(str(self.path))
        for g in self.gone:
            node = ox.NamedNode(g)
            if store.contains_named_graph(node):
                store.remove_graph(node)
        for q in list(store.quads_for_pattern(None, None, None, ox.DefaultGraph())):
            subject = q.subject.value if isinstance(q.subject, ox.NamedNode) else ""
            if subject in self.gone or subject not in self.keep:
                store.remove(q)
        return self

    def close(self) -> None:
        self._load()
        if self.store is not None:
            self.store.flush()
            self.store = None

    def __exit__(self, *exc) -> None:
        failed = self.store is not None
        self.store, self.batch = None, []
        if failed:
            shutil.rmtree(self.path, ignore_errors=True)


def names_in_store(path: PathLike) -> dict[str, set[str]]:
    """The name index (:class:`NameIndex`'s) of every ``schema:name`` and
    ``schema:alternateName`` in the store at ``path``."""
    store = ox.Store.read_only(str(path))
    index = NameIndex()
    for predicate in (_NAME, _ALTERNATE):
        index.add(store.quads_for_pattern(None, ox.NamedNode(predicate), None, None))
    return index.index


def write_store(kg: GraphData, path: PathLike, options: WriteOptions | None = None) -> Path:
    """``store/``: every quad of the build in a pyoxigraph store on disk (replaced whole
    if it exists), bulk-loaded a batch of articles at a time (:class:`StoreLoad`)."""
    from .quads import dataset_chunks

    with StoreLoad(path) as load:
        for chunk in dataset_chunks(kg, options):
            load.add(chunk)
        load.close()
    return Path(path)


def load_store(folder: PathLike) -> ox.Store:
    """An in-memory store of a build's ``graph.nq`` (named graphs kept), once a commit
    left half done is finished (:func:`newsgraph.export.output.settle`)."""
    settle(folder)
    path = Path(folder) / "graph.nq"
    if not path.exists():
        raise NewsgraphError(Errors.E012, path=path)
    store = ox.Store()
    store.bulk_load(path=str(path), format=ox.RdfFormat.N_QUADS)
    return store


def is_store(path: PathLike) -> bool:
    """Whether ``path`` is a store folder (RocksDB keeps a ``CURRENT`` file in it)."""
    return (Path(path) / "CURRENT").is_file()


def _named_graphs(source: Path) -> set[ox.NamedNode | ox.BlankNode]:
    """The named graphs of an N-Quads file, read whole first: a file that does not parse
    (cut short...) is E030 before anything is loaded."""
    graphs = set()
    try:
        for q in ox.parse(path=str(source), format=ox.RdfFormat.N_QUADS):
            if not isinstance(q.graph_name, ox.DefaultGraph):
                graphs.add(q.graph_name)
    except (SyntaxError, ValueError, OSError) as e:
        raise NewsgraphError(Errors.E030, path=source, format="N-Quads", detail=e) from None
    return graphs


def load_into_store(folder: PathLike, store_path: PathLike) -> int:
    """Bulk-load ``folder/graph.nq`` into the store at ``store_path`` (created if needed,
    added to if it is one); returns how many quads the store then holds.

    An article's graph already in the store is replaced, with its provenance (the
    default graph's statements about that graph): an article built again with another
    text is in the store once, as built last."""
    source, target = Path(folder) / "graph.nq", Path(store_path)
    settle(folder)
    if not source.is_file():
        raise NewsgraphError(Errors.E012, path=source)
    if target.exists() and not is_store(target) and (not target.is_dir() or any(target.iterdir())):
        raise NewsgraphError(Errors.E035, path=target)
    graphs = _named_graphs(source)
    try:
        store = ox.Store(str(target))
        for g in graphs:
            if store.contains_named_graph(g):
                store.remove_graph(g)
            for q in list(store.quads_for_pattern(g, None, None, ox.DefaultGraph())):
                store.remove(q)
        store.bulk_load(path=str(source), format=ox.RdfFormat.N_QUADS)
        store.flush()
        return len(store)
    except (OSError, SyntaxError, ValueError) as e:
        raise NewsgraphError(Errors.E036, path=target, detail=e) from e


def fresh(path: Path, than: Path) -> bool:
    """``path`` exists and was written after ``than`` (or ``than`` is not there)."""
    return path.exists() and (not than.exists() or path.stat().st_mtime >= than.stat().st_mtime)


def open_store(target: PathLike) -> ox.Store:
    """The store of a build folder (``DIR/store``, read-only, when it is not older than
    ``DIR/graph.nq``), a store folder itself, or else ``DIR/graph.nq`` parsed in memory."""
    p = Path(target)
    settle(p)  # a commit a killed build left half done is finished first: one build is read
    try:
        if is_store(p):
            return ox.Store.read_only(str(p))
        if fresh(p / STORE_DIR, p / "graph.nq") and is_store(p / STORE_DIR):
            return ox.Store.read_only(str(p / STORE_DIR))
    except OSError as e:
        raise NewsgraphError(Errors.E036, path=p, detail=e) from e
    return load_store(p)


def check_target(target: PathLike) -> Path:
    """``target`` if it is a store folder or a build folder with a store or ``graph.nq``
    (a commit left half done is finished first); else E012."""
    p = Path(target)
    settle(p)
    if not (is_store(p) or is_store(p / STORE_DIR) or (p / "graph.nq").is_file()):
        raise NewsgraphError(Errors.E012, path=p / "graph.nq")
    return p


def names_of(target: PathLike) -> dict[str, list[str]] | None:
    """The name index of a build folder, or ``None`` where there is none (or it is older
    than ``graph.nq``)."""
    settle(target)
    p = Path(target) / NAMES_FILE
    if not fresh(p, Path(target) / "graph.nq"):
        return None
    return read_names(p)


def read_names(path: PathLike) -> dict[str, list[str]]:
    """A name index file: an object of name -> list of IRIs; E030 otherwise."""
    p = Path(path)
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
        if not isinstance(data, dict) or not all(
                isinstance(v, list) and all(isinstance(x, str) for x in v) for v in data.values()):
            raise ValueError("not an object of names and lists of IRIs")
    except (OSError, UnicodeDecodeError, ValueError, RecursionError) as e:
        raise NewsgraphError(Errors.E030, path=p, format="newsgraph's name index",
                             detail=f"{type(e).__name__}: {str(e)[:200]}") from None
    return data
