"""``newsgraph watch FOLDER --out DIR``: a folder of articles kept built, the way a
newsroom or a monitoring team runs newsgraph (no one rebuilds a corpus for each new
article).

The pipeline is loaded once. Each round looks at the folder (the size and modification
time of each input file: polling, which needs no dependency and works on every file
system, network mounts included); when something changed, the folder is built again
with the pipeline held: an article the cache knows is not parsed again (the records of
the last round are kept in memory, :class:`KeptCache`), so only the new or changed
articles are (and only the files that changed are read again), and the folder is written by the incremental writers
(:mod:`newsgraph.export.parts`: the parts of the unchanged articles are copied, the
store updated). A removed article is gone from the next build. A bad file is in the
manifest with its reason, and the watch goes on. Every round is one commit of the whole
folder (:mod:`newsgraph.export.output`), so ``newsgraph query`` and ``newsgraph serve``
(which notices a new build) never read half a build.

The watch holds the folder's lock (another build into it is E028) and stops after
``rounds`` rounds, when ``stop`` is set, or on Ctrl-C.
"""
from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from .cache import DocumentCache, Entry
from .errors import Errors, NewsgraphError, NothingBuilt
from .ingest.readers import Kept
from .types import PathLike

if TYPE_CHECKING:
    from spacy.language import Language

    from .api import KnowledgeGraph
    from .options import BuildOptions

log = logging.getLogger(__name__)

#: Each input file found under the folder: its path -> (size, modification time in ns).
Snapshot = dict[str, tuple[int, int]]


def snapshot(folder: PathLike, exclude: Iterable[PathLike] = ()) -> Snapshot:
    """The input files under ``folder`` as a build would find them (hidden names and
    ``exclude`` left out), each with its size and modification time."""
    from .ingest.files import InputFile, walk

    out: Snapshot = {}
    for item in walk([folder], exclude):
        if isinstance(item, InputFile):
            try:
                st = item.path.stat()
            except OSError:  # gone since it was listed: the next round sees it gone
                continue
            out[str(item.path)] = (st.st_size, st.st_mtime_ns)
    return out


class KeptCache(DocumentCache):
    """A :class:`~newsgraph.cache.DocumentCache` that also keeps in memory what the last
    round read or made (nothing is decoded twice); :meth:`keep_only` drops the entries
    of articles gone."""

    def __init__(self, folder: PathLike, **kwargs: Any) -> None:
        super().__init__(folder, **kwargs)
        self.kept: dict[str, Entry] = {}

    def get(self, key: str) -> Entry | None:
        entry = self.kept.get(key)
        if entry is None:
            entry = super().get(key)
            if entry is not None:
                self.kept[key] = entry
        return entry

    def put(self, key: str, article: Any, record: Any, failure: str | None) -> None:
        super().put(key, article, record, failure)
        self.kept[key] = (article, record, failure)

    def keep_only(self, keys: Iterable[str]) -> None:
        wanted = set(keys)
        self.kept = {k: v for k, v in self.kept.items() if k in wanted}


@dataclass(frozen=True)
class Round:
    """What one round of the watch did: the input files it found new or changed and
    those gone, the documents built and the inputs failed, and its wall time."""

    number: int
    changed: tuple[str, ...]
    removed: tuple[str, ...]
    documents: int
    failed: int
    seconds: float


@dataclass
class Watch:
    """The watch of ``folder`` into ``out`` (see the module's text); :meth:`round` runs
    one round, :meth:`run` rounds until stopped."""

    folder: Path
    out: Path
    options: BuildOptions
    formats: list[str]
    nlp: Language | None = None
    csv_bom: bool = False
    seen: Snapshot = field(default_factory=dict)
    rounds: int = 0
    #: what each input file gave when last read (read again only once it changed)
    kept: Kept = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.folder.is_dir():
            raise NewsgraphError(Errors.E100, path=self.folder)
        if self.nlp is None:
            from .nlp.pipeline import load

            self.nlp = load(self.options.pipeline)

    @property
    def cache(self) -> DocumentCache | None:
        cache = self.options.cache
        return cache if isinstance(cache, DocumentCache) else None

    def round(self) -> Round | None:
        """Build and write the folder if anything in it changed since the last round
        (always the first time); what was done, or None."""
        exclude = [self.out] + ([self.cache.folder] if self.cache is not None else [])
        now = snapshot(self.folder, exclude)
        if now == self.seen and self.rounds:
            return None
        started = time.perf_counter()
        changed = tuple(sorted(p for p, stamp in now.items() if self.seen.get(p) != stamp))
        removed = tuple(sorted(set(self.seen) - set(now)))
        kg = self._build()
        self._write(kg, started)
        self.seen, self.rounds = now, self.rounds + 1
        self.kept = {k: v for k, v in self.kept.items() if now.get(k[0]) == k[2:]}
        done = Round(self.rounds, changed, removed, len(kg.documents), sum(m.status == "failed" for m in kg.manifest),
                     time.perf_counter() - started)
        log.info("round %d: %d changed, %d removed, %d documents, %d failed, %.2f s", done.number, len(changed),
                 len(removed), done.documents, done.failed, done.seconds)
        return done

    def _build(self) -> KnowledgeGraph:
        from .builder import build_items
        from .ingest import read
        from .report import settle

        exclude = [self.out] + ([self.cache.folder] if self.cache is not None else [])
        options = replace(self.options, model=None, jobs=1, engine="local", scheduler=None, add=False)
        try:
            items = read([self.folder], exclude, self.kept)
            kg = settle(build_items(items, options.check(nlp=self.nlp), self.nlp, None, inputs=[self.folder]),
                        [self.folder])
        except NothingBuilt as e:  # an empty folder, or only bad files: the manifest says so
            kg = cast("KnowledgeGraph", e.kg)
        if isinstance(self.cache, KeptCache):
            self.cache.keep_only(kg.keys.values())
        return kg

    def _write(self, kg: KnowledgeGraph, started: float) -> None:
        from .export import write

        write(kg, self.out, self.formats, started=started, csv_bom=self.csv_bom)

    def _round(self) -> Round | None:
        """:meth:`round`, an error writing the folder (a full disk...) reported: the folder
        keeps the last build, and the next round tries again."""
        try:
            return self.round()
        except NewsgraphError as e:
            log.error("%s The watch goes on and builds the folder again at the next round.", e)
            return None

    def run(self, *, interval: float = 1.0, rounds: int | None = None, stop: threading.Event | None = None,
            on_round: Callable[[Round], None] | None = None) -> int:
        """Rounds every ``interval`` seconds until ``rounds`` have looked at the folder
        (None: no end) or ``stop`` is set; ``on_round`` is told of each round that built.
        How many rounds built."""
        from .export.output import locked, recover

        stop = stop or threading.Event()
        built, looked = 0, 0
        with locked(self.out) as out:
            recover(out)
            while not stop.is_set() and (rounds is None or looked < rounds):
                done = self._round()
                looked += 1
                if done is not None:
                    built += 1
                    if on_round is not None:
                        on_round(done)
                if rounds is None or looked < rounds:
                    stop.wait(interval)
        return built


def watch(folder: PathLike, out: PathLike, options: BuildOptions, formats: list[str], *, nlp: Language | None = None,
          csv_bom: bool = False, **run: Any) -> int:
    """Watch ``folder`` into ``out`` (:class:`Watch`, :meth:`Watch.run`'s keywords); the
    cache of ``options`` (a folder) is kept in memory as well (:class:`KeptCache`)."""
    cache = options.cache
    if cache is not None and not isinstance(cache, DocumentCache):
        options = replace(options, cache=KeptCache(cache, listing=Path(out) / "manifest.json"))
    elif isinstance(cache, DocumentCache) and not isinstance(cache, KeptCache):
        options = replace(options, cache=KeptCache(cache.folder, listing=Path(out) / "manifest.json"))
    return Watch(Path(folder), Path(out), options, formats, nlp=nlp, csv_bom=csv_bom).run(**run)


__all__ = ["watch", "Watch", "Round", "KeptCache", "snapshot"]
