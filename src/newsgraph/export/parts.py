"""Writing a build folder again without making again what has not changed: ``build
--add``, ``newsgraph watch``, a rebuild after an article changed.

**What is spliced.** ``documents.jsonl``, the five CSV tables, ``graph.nq``,
``graph.trig`` and ``graph.jsonld`` are a head, then one part per article in the order of
the articles (``graph.jsonld`` has two runs of parts: each article's provenance node,
then its named graph), then a tail; each part depends on its article's record and on
what linking gives it, nothing else (two parts never share a statement: each article
has its named graph). ``.newsgraph-parts.json`` says where each article's part of each file lies,
and a hash of everything the part was made from (:func:`document_digests`):

- the record: the article's cache key (its text, title, date... and the pipeline's
  version) and the path it was read from;
- what linking across the corpus gives it: the IRI of each of its actors and the name
  that IRI bears across the build (the one its articles give most often), the IRI of
  each of its events and the mode, date and pair of actors that IRI has across the build
  (a new article can add a name to an actor, a more precise date to an event, or join
  two reports into one event: the earlier article's hash changes with it).

A new build copies the bytes of each article whose hash is unchanged (a run of them at
a time) and makes the parts of the others; the head (the vocabulary, the builds) is
made again. So each file is, byte for byte, the one a full build of the same articles
writes (``tests/test_incremental.py`` compares them), with one difference on purpose:
the provenance of an article's graph names the build that made it (``prov:wasGeneratedBy``,
``prov:generatedAtTime``), and a graph that was not made again keeps the earlier build's;
the head describes every build still named. Under ``SOURCE_DATE_EPOCH`` every build has
one time, and the files are those of a full build.

**What is updated in place.** The store (:class:`newsgraph.export.store.StoreUpdate`):
a checkpoint of the earlier store (hard links) in the staging folder, from which the
named graphs and provenance of the articles made again or gone are removed and those of
the new parts added; ``names.json`` is read from that store.

**What is written whole.** GraphML, GEXF and the HTML page (one graph, whose every
node and edge may change), Turtle and N-Triples (one merged graph, each statement once,
where it first comes: a part depends on the parts before it), and the manifest.

Everything is staged and committed together (:mod:`newsgraph.export.output`), the
manifest last: a folder holds one build, spliced or not. ``.newsgraph-parts.json`` is read as
untrusted data: a file it names must be one a build writes, with the size and time it
recorded, and every offset must lie inside the file, in order; otherwise the folder is
written whole.
"""
from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..about import __version__
from .registry import PARTS_FILE

if TYPE_CHECKING:
    from ..graph import GraphData
    from .options import WriteOptions

PARTS = PARTS_FILE
#: Bumped when what ``.newsgraph-parts.json`` holds, or how a part is made, changes.
FORMAT = 1
#: A parts index larger than this is not one newsgraph wrote.
MAX_PARTS = 1 << 30


def document_digests(kg: GraphData) -> dict[str, str] | None:
    """Document id -> a hash of everything its parts of the spliced files are made from
    (see the module's text); None when the build kept no cache keys (``--no-cache``).

    >>> from newsgraph.graph import GraphData
    >>> from newsgraph.records import BuildInfo
    >>> import networkx as nx
    >>> document_digests(GraphData([], [], nx.MultiDiGraph(), BuildInfo("0", "https://ex.org/", "m"))) is None
    True
    """
    from .quads import actor_names, event_attributes

    if not kg.documents or any(rec.id not in kg.keys for rec in kg.documents):
        return None
    names, attributes = actor_names(kg), event_attributes(kg)
    out = {}
    for rec in kg.documents:
        iri_of = kg.actor_iris(rec)
        actors = [[a.id, iri_of.get(a.id), names.get(iri_of.get(a.id, ""))] for a in rec.actors]
        events = []
        for n in range(len(rec.events)):
            iri = kg.links.event(rec.id, n)
            events.append([iri, attributes.get(iri or ""), kg.links.pairs.get(iri or "")])
        payload = [kg.keys[rec.id], rec.article.path, actors, events]
        out[rec.id] = hashlib.sha256(json.dumps(payload, ensure_ascii=False).encode("utf-8")).hexdigest()[:32]
    return out


def settings(kg: GraphData, options: WriteOptions) -> dict[str, Any]:
    """What every part depends on besides its article: a folder written with other
    settings is written whole."""
    from ..about import code_hash

    return {"newsgraph": __version__, "code": code_hash()[:32], "base_iri": kg.info.base_iri,
            "model": kg.info.model, "model_version": kg.info.model_version, "mentions": options.mentions,
            "csv_bom": options.csv_bom}


@dataclass(frozen=True)
class FileParts:
    """Where the parts of one file lie: its ``size`` and modification time when written,
    and for each run of parts the offsets that cut it (``len(documents) + 1`` each)."""

    size: int
    mtime_ns: int
    regions: tuple[tuple[int, ...], ...]


@dataclass(frozen=True)
class Parts:
    """A build folder's ``.newsgraph-parts.json``: the settings it was written with, the build times
    its graphs name, and for each document (in order) its id, digest and build; for each
    spliced file, its :class:`FileParts`."""

    settings: Mapping[str, Any]
    builds: tuple[str, ...]
    documents: tuple[tuple[str, str, int], ...]
    files: Mapping[str, FileParts] = field(default_factory=dict)

    def to_json(self) -> bytes:
        files = {name: {"size": f.size, "mtime_ns": f.mtime_ns, "regions": [list(r) for r in f.regions]}
                 for name, f in sorted(self.files.items())}
        return json.dumps({"format": FORMAT, "settings": dict(self.settings), "builds": list(self.builds),
                           "documents": [list(d) for d in self.documents], "files": files},
                          ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _check(ok: bool, what: str) -> None:
    if not ok:
        raise ValueError(what)


def _file_parts(value: Any, documents: int) -> FileParts:
    _check(isinstance(value, dict), "a file's entry is not an object")
    size, mtime, regions = value.get("size"), value.get("mtime_ns"), value.get("regions")
    _check(isinstance(size, int) and isinstance(mtime, int) and isinstance(regions, list) and size >= 0,
           "a file's size, time or parts are missing")
    last = 0
    for cuts in regions:
        _check(isinstance(cuts, list) and len(cuts) == documents + 1, "a run of parts does not fit the documents")
        for c in cuts:
            _check(isinstance(c, int) and not isinstance(c, bool) and last <= c <= size, "an offset out of order")
            last = c
    return FileParts(size, mtime, tuple(tuple(r) for r in regions))


def parse_parts(data: Any, known: set[str]) -> Parts:
    """A ``.newsgraph-parts.json`` object, every field checked (``ValueError`` otherwise); only the
    files of ``known`` names are kept."""
    _check(isinstance(data, dict) and data.get("format") == FORMAT, "not a parts index of this format")
    builds, documents, files = data.get("builds"), data.get("documents"), data.get("files")
    _check(isinstance(data.get("settings"), dict), "no settings")
    _check(isinstance(builds, list) and all(isinstance(b, str) for b in builds), "no builds")
    _check(isinstance(documents, list) and isinstance(files, dict), "no documents or files")
    docs = []
    for d in documents:
        _check(isinstance(d, list) and len(d) == 3 and isinstance(d[0], str) and isinstance(d[1], str)
               and isinstance(d[2], int) and 0 <= d[2] < len(builds), "a document entry is not (id, digest, build)")
        docs.append((d[0], d[1], d[2]))
    _check(len({d[0] for d in docs}) == len(docs), "a document is listed twice")
    return Parts(data["settings"], tuple(builds), tuple(docs),
                 {name: _file_parts(v, len(docs)) for name, v in files.items() if name in known})


def read_parts(out: Path, known: set[str]) -> Parts | None:
    """The parts index of the build in ``out``, whose files are those it describes (same
    size and time); None when there is none or it does not hold (the folder is then
    written whole)."""
    path = out / PARTS
    try:
        with path.open("rb") as f:
            raw = f.read(MAX_PARTS + 1)
        _check(len(raw) <= MAX_PARTS, "too large")
        parts = parse_parts(json.loads(raw.decode("utf-8")), known)
    except (OSError, ValueError, RecursionError):
        return None
    for name, fp in parts.files.items():
        try:
            st = (out / name).stat()
        except OSError:
            return None
        if (st.st_size, st.st_mtime_ns) != (fp.size, fp.mtime_ns) or (out / name).is_symlink():
            return None
    return parts


@dataclass(frozen=True)
class Plan:
    """How to write a build's spliced files: for each document (in the build's order)
    its index in the earlier build when its parts can be copied (else None), the time of
    the build its graph names, and the earlier build's :class:`Parts` (None: write all)."""

    reuse: tuple[int | None, ...]
    built: tuple[str, ...]
    digests: Mapping[str, str] | None
    old: Parts | None = None

    @property
    def builds(self) -> list[str]:
        """The build times the graphs name, in order."""
        return sorted(set(self.built))

    def parts(self, files: Mapping[str, FileParts]) -> Parts | None:
        """The new ``.newsgraph-parts.json`` (None when the build has no digests)."""
        if self.digests is None or self.settings is None:
            return None
        builds = self.builds
        docs = tuple((doc_id, digest, builds.index(t)) for (doc_id, digest), t in zip(self.digests.items(), self.built))
        return Parts(self.settings, tuple(builds), docs, dict(files))

    settings: Mapping[str, Any] | None = None


def plan(kg: GraphData, out: Path, options: WriteOptions, spliced: Sequence[str], optional: Sequence[str] = ()) \
        -> Plan:
    """Which documents' parts the earlier build in ``out`` holds unchanged (:class:`Plan`);
    none when its ``.newsgraph-parts.json`` is missing or does not hold, its settings differ, or a
    file of ``spliced`` (names relative to ``out``) was not written by it. The parts of
    the files of ``optional`` are read too, when it has them."""
    digests = document_digests(kg)
    started = kg.info.started or ""
    fresh = Plan(tuple(None for _ in kg.documents), tuple(started for _ in kg.documents), digests,
                 settings=settings(kg, options))
    if digests is None:
        return fresh
    old = read_parts(out, set(spliced) | set(optional))
    if old is None or dict(old.settings) != fresh.settings or not set(spliced) <= set(old.files):
        return fresh
    where = {doc_id: (i, digest, old.builds[b]) for i, (doc_id, digest, b) in enumerate(old.documents)}
    reuse: list[int | None] = []
    built: list[str] = []
    for rec in kg.documents:
        i, digest, when = where.get(rec.id, (None, None, started))
        same = digest == digests[rec.id]
        reuse.append(i if same else None)
        built.append(when if same else started)
    return Plan(tuple(reuse), tuple(built), digests, old, fresh.settings)


def write_parts(path: Path, parts: Parts) -> None:
    """Write ``.newsgraph-parts.json``."""
    from .output import open_output

    with open_output(path) as f:
        f.write(parts.to_json())


def file_parts(path: Path, regions: Sequence[Sequence[int]]) -> FileParts:
    """The :class:`FileParts` of a file just written."""
    st = os.stat(path)
    return FileParts(st.st_size, st.st_mtime_ns, tuple(tuple(r) for r in regions))
