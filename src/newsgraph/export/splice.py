"""The one pass that writes a build's article-by-article files: ``documents.jsonl``, the
CSV tables, N-Quads, TriG, JSON-LD (spliced: :mod:`newsgraph.export.parts`), Turtle and
N-Triples (merged), the name index and the store.

Each spliced file is a head, runs of one part per article, and a tail (:class:`Spliced`);
an article's part is made from its record and its quads (:func:`newsgraph.export.quads.dataset_chunks`'s
chunk of it), or, when :class:`~newsgraph.export.parts.Plan` says it is unchanged, copied
from the earlier file. Quads are made only for the articles whose parts are made (all of
them when a merged file, or the name index without the store, is asked for): one
article's quads at a time, never a list of the build's.
"""
from __future__ import annotations

import csv
import io
import json
import logging
from collections.abc import Callable, Iterable
from contextlib import ExitStack
from pathlib import Path
from typing import Any, cast

import pyoxigraph as ox

from ..graph import GraphData
from ..graph.rows import COLUMNS, document_rows
from ..records import DocumentRecord
from .jsonl import document_json
from .options import WriteOptions
from .output import open_output
from .parts import FileParts, Plan, file_parts
from .quads import Chunk, across_articles, document_chunk, head_chunk
from .merged import MERGED, SEEN, Merge, old_keys, prefix, serialized
from .serialize import PREFIXES, _JsonLd, _jsonld_nodes, _prefix_lines
from .registry import TABLES
from .store import NameIndex, StoreLoad, StoreUpdate, names_in_store

log = logging.getLogger(__name__)
#: A part: bytes made now, or the index of the earlier build's document whose part is copied.
Part = bytes | int


class Spliced:
    """One spliced file being written: :meth:`add` its head, then each part of each run
    (:meth:`part`, :meth:`next_run`), then its tail; copied parts come from ``old`` (the
    earlier file, cut as ``old_parts`` says), a run of them at a time."""

    def __init__(self, path: Path, old: Path | None = None, old_parts: FileParts | None = None) -> None:
        self.path, self.f = path, open_output(path)
        self.old = old.open("rb") if old is not None and old_parts is not None else None
        self.old_parts = old_parts
        self.pos, self.run = 0, 0
        self.cuts: list[list[int]] = [[]]
        self.pending: tuple[int, int] | None = None  # old bytes [a, b) to copy

    def add(self, data: bytes) -> None:
        self._flush()
        self.f.write(data)
        self.pos += len(data)

    def part(self, part: Part) -> None:
        self.cuts[self.run].append(self.pos)
        if isinstance(part, bytes):
            self.add(part)
            return
        assert self.old_parts is not None
        cuts = self.old_parts.regions[self.run]
        a, b = cuts[part], cuts[part + 1]
        if self.pending is not None and self.pending[1] == a:
            self.pending = (self.pending[0], b)
        else:
            self._flush()
            self.pending = (a, b)
        self.pos += b - a

    def next_run(self) -> None:
        """The parts of the next run follow (after what :meth:`add` puts between)."""
        self.cuts[self.run].append(self.pos)
        self.cuts.append([])
        self.run += 1

    def _flush(self) -> None:
        if self.pending is None:
            return
        assert self.old is not None
        a, b = self.pending
        self.pending = None
        self.old.seek(a)
        left = b - a
        while left:
            block = self.old.read(min(left, 1 << 22))
            if not block:
                raise OSError(f"{self.old.name} is shorter than its parts index says")
            self.f.write(block)
            left -= len(block)

    def finish(self, tail: bytes) -> None:
        """End the last run, and write the file's ``tail``."""
        self.cuts[self.run].append(self.pos)
        self.add(tail)

    def close(self) -> FileParts:
        """Close the file (:meth:`finish` first); its :class:`FileParts`."""
        self._flush()
        self.f.close()
        if self.old is not None:
            self.old.close()
        return file_parts(self.path, self.cuts)


#: What makes the parts of one spliced file: (head, make a part, tail); a part is made
#: from the record and, for RDF, its chunk of quads.
#: The head is made from the build's head chunk (:func:`newsgraph.export.quads.head_chunk`).
Maker = tuple[Callable[[Chunk], bytes], Callable[[DocumentRecord, "Chunk | None"], bytes], bytes]


def _jsonl(kg: GraphData) -> Maker:
    return (lambda _: b"", lambda rec, _: (json.dumps(document_json(rec, kg.links), ensure_ascii=False) + "\n")
            .encode("utf-8"), b"")


def _cell(value: Any) -> Any:
    return " | ".join(value) if isinstance(value, list) else value


def _table(kg: GraphData, table: str, bom: bool) -> Maker:
    def rows(rec: DocumentRecord, _: Chunk | None) -> bytes:
        buf = io.StringIO()
        csv.DictWriter(buf, fieldnames=COLUMNS[table]).writerows(
            {k: _cell(v) for k, v in row.items()} for row in document_rows(kg, rec)[table])
        return buf.getvalue().encode("utf-8")

    def head(_: Chunk) -> bytes:
        buf = io.StringIO()
        csv.DictWriter(buf, fieldnames=COLUMNS[table]).writeheader()
        return ("\ufeff" if bom else "").encode("utf-8") + buf.getvalue().encode("utf-8")

    return head, rows, b""


def _rdf(fmt: ox.RdfFormat) -> Maker:
    prefixes = PREFIXES if fmt == ox.RdfFormat.TRIG else None
    header = _prefix_lines(fmt) if prefixes else b""

    def serialize(quads: list[ox.Quad]) -> bytes:
        return cast(bytes, ox.serialize(quads, format=fmt, prefixes=prefixes))

    def part(_: DocumentRecord, chunk: Chunk | None) -> bytes:
        data = serialize(list(chunk or []))
        return data[len(header):] if header and data.startswith(header) else data

    return (lambda head: serialize(list(head))), part, b""


def _jsonld(kg: GraphData) -> tuple[Maker, Callable[[DocumentRecord], bytes]]:
    """The JSON-LD file's head and its two runs: each article's provenance node (made from
    its record), then its named graph (from its chunk)."""
    from .quads import document_provenance_quads

    j = _JsonLd(kg)

    def text(items: Iterable[str]) -> bytes:
        return "".join(items).encode("utf-8")

    def first(head: Chunk) -> bytes:
        return text([*j.head(), *(j._item(node) for node in _jsonld_nodes(head, j.prefixes))])

    def provenance(rec: DocumentRecord) -> bytes:
        return text(j._item(node) for node in _jsonld_nodes(document_provenance_quads(kg, rec), j.prefixes))

    def graph(rec: DocumentRecord, chunk: Chunk | None) -> bytes:
        return text(j.items(chunk or Chunk([], "")))

    return (first, graph, text(j.tail())), provenance


def _names(paths: dict[str, Path], merged: bool = True) -> dict[str, Path]:
    """Each spliced file by its name in the build folder (``tables/actors.csv``...); the
    merged files and :data:`~newsgraph.export.merged.SEEN` too, with ``merged``."""
    out = {}
    for name, path in paths.items():
        if name == "csv":
            out.update({f"tables/{t}.csv": Path(path) / f"{t}.csv" for t in TABLES})
        elif name in SPLICED:
            out[SPLICED[name]] = Path(path)
        elif merged and name in MERGED:
            out[MERGED[name][0]] = Path(path)
        elif merged and name == SEEN_WRITER:
            out[SEEN] = Path(path)
    return out


#: The spliced writers and their files.
SPLICED = {"jsonl": "documents.jsonl", "nquads": "graph.nq", "trig": "graph.trig", "jsonld": "graph.jsonld"}
#: The name :func:`write_streamed` takes the path of :data:`~newsgraph.export.merged.SEEN` by.
SEEN_WRITER = "merged-seen"


def spliced_files(names: Iterable[str]) -> list[str]:
    """The files the writers ``names`` write whose parts are all copied when their
    articles did not change, relative to the build folder (the merged ones are copied
    as far as :func:`newsgraph.export.merged.prefix` says)."""
    return sorted(_names({n: Path(n if n != "csv" else "tables") for n in names}, merged=False))


def write_streamed(kg: GraphData, paths: dict[str, Path], options: WriteOptions, plan: Plan | None = None,
                   out: Path | None = None) -> dict[str, FileParts]:
    """Write the outputs ``paths`` (writer name -> where) in one pass over the articles,
    copying from the build folder ``out`` what ``plan`` says is unchanged; the
    :class:`FileParts` of each spliced file (by its name in the build folder)."""
    plan = plan or Plan(tuple(None for _ in kg.documents), tuple(kg.info.started or "" for _ in kg.documents), None)
    old = plan.old if out is not None else None
    head = head_chunk(kg, plan.builds)
    files = _names(paths)
    if "csv" in paths:
        Path(paths["csv"]).mkdir(parents=True, exist_ok=True)
    with ExitStack() as stack:
        spliced = {rel: stack.enter_context(_closing(Spliced(
            path, out / rel if old is not None and out is not None else None, old.files.get(rel) if old else None)))
            for rel, path in files.items()}
        makers: dict[str, Maker] = {}
        if "jsonl" in paths:
            makers["documents.jsonl"] = _jsonl(kg)
        for t in TABLES if "csv" in paths else ():
            makers[f"tables/{t}.csv"] = _table(kg, t, options.csv_bom)
        if "nquads" in paths:
            makers["graph.nq"] = _rdf(ox.RdfFormat.N_QUADS)
        if "trig" in paths:
            makers["graph.trig"] = _rdf(ox.RdfFormat.TRIG)
        if "jsonld" in paths:
            makers["graph.jsonld"], provenance = _jsonld(kg)
        for rel, (first, _, _) in makers.items():
            spliced[rel].add(first(head))
        if "jsonld" in paths:  # its first run: the articles' provenance nodes
            for rec, reuse in zip(kg.documents, plan.reuse):
                spliced["graph.jsonld"].part(reuse if reuse is not None else provenance(rec))
            spliced["graph.jsonld"].next_run()
        merged = _MergedFiles(spliced, plan, out)
        merged.head(head)
        sinks = _sinks(kg, paths, stack, old is not None, out, plan)
        # every article's chunk, unless the store is updated (and the name index read from it)
        every = old is None or ((sinks.store is not None or sinks.names is not None) and not sinks.update)
        sinks.add(head)
        del head  # one article's chunk at a time from here on
        across = across_articles(kg)
        for j, (rec, reuse) in enumerate(zip(kg.documents, plan.reuse)):
            needed = reuse is None or every or merged.makes(j)
            chunk = document_chunk(kg, rec, options, across) if needed else None
            for rel, (_, make, _) in makers.items():
                spliced[rel].part(reuse if reuse is not None else make(rec, chunk))
            merged.part(j, chunk)
            if chunk is not None:
                sinks.add(chunk, new=reuse is None)
            del chunk
        for rel, (_, _, tail) in makers.items():
            spliced[rel].finish(tail)
        merged.finish()
        sinks.close()
        copied = sum(r is not None for r in plan.reuse)
        log.info("%d articles' parts copied from the earlier build, %d made", copied, len(plan.reuse) - copied)
        return {rel: s.close() for rel, s in spliced.items()}


class _closing:
    """Close a :class:`Spliced` left open by an error (its staged file is dropped)."""

    def __init__(self, s: Spliced) -> None:
        self.s = s

    def __enter__(self) -> Spliced:
        return self.s

    def __exit__(self, *exc: object) -> None:
        if not self.s.f.closed:
            self.s.f.close()
        if self.s.old is not None:
            self.s.old.close()


class _MergedFiles:
    """The merged files of the pass (:mod:`newsgraph.export.merged`) and the keys of what
    each part said first: the parts of the build's prefix copied, the others made."""

    def __init__(self, spliced: dict[str, Spliced], plan: Plan, out: Path | None) -> None:
        self.files = {rel: (spliced[rel], fmt) for rel, fmt in MERGED.values() if rel in spliced}
        self.seen = spliced.get(SEEN) if self.files else None
        old = plan.old if out is not None else None
        self.prefix = prefix(plan, self.files) if self.files and self.seen is not None else 0
        known = old_keys(out / SEEN, old.files[SEEN], self.prefix) if self.prefix and old and out else set()
        self.merge = Merge(known)

    def makes(self, j: int) -> bool:
        """Whether the ``j``-th article's part is made (its chunk is needed)."""
        return bool(self.files) and j >= self.prefix

    def head(self, chunk: Chunk) -> None:
        if self.files:
            triples = self.merge(chunk)
            for f, fmt in self.files.values():
                f.add(serialized(triples, fmt, head=True))

    def part(self, j: int, chunk: Chunk | None) -> None:
        if not self.files:
            return
        if j < self.prefix:
            for f, _ in self.files.values():
                f.part(j)
            if self.seen is not None:
                self.seen.part(j)
            return
        triples = self.merge(chunk or Chunk([], ""))
        for f, fmt in self.files.values():
            f.part(serialized(triples, fmt))
        if self.seen is not None:
            self.seen.part(b"".join(self.merge.first))

    def finish(self) -> None:
        for f, _ in self.files.values():
            f.finish(b"")
        if self.seen is not None:
            self.seen.finish(b"")


class _Sinks:
    """The other outputs of the pass: the name index, the store."""

    def __init__(self) -> None:
        self.names: NameIndex | None = None
        self.store: StoreLoad | StoreUpdate | None = None
        self.update = False

    def add(self, chunk: Chunk, new: bool = True) -> None:
        if self.names is not None and (self.store is None or not self.update):
            self.names.add(chunk)
        if self.store is not None and (new or not self.update):
            self.store.add(chunk)

    def close(self) -> None:
        if self.store is not None:
            self.store.close()
        if self.names is not None:
            if self.update and self.store is not None:
                self.names.index = names_in_store(self.store.path)
            self.names.close()


def _sinks(kg: GraphData, paths: dict[str, Path], stack: ExitStack, update: bool, out: Path | None,
           plan: Plan) -> _Sinks:
    sinks = _Sinks()
    if "names" in paths:
        sinks.names = NameIndex(paths["names"])
    if "store" in paths:
        if update and out is not None and (out / "store").is_dir():
            reused = set(plan.reuse)
            gone = {kg.iris.named_graph(doc_id) for i, (doc_id, _, _) in enumerate(plan.old.documents)
                    if i not in reused} if plan.old else set()
            keep = {kg.iris.named_graph(rec.id) for rec in kg.documents}
            sinks.store = stack.enter_context(StoreUpdate(out / "store", paths["store"], gone, keep))
            sinks.update = True
        else:
            sinks.store = stack.enter_context(StoreLoad(paths["store"]))
    return sinks


__all__ = ["write_streamed", "spliced_files", "Spliced", "SPLICED", "SEEN_WRITER"]
