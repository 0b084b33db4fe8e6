"""Where the per-document work runs: in this process, in worker processes (``--jobs N``)
or on a Dask cluster (``--engine dask``, :mod:`newsgraph.cluster`).

:func:`run` cuts the articles into shards balanced by the length of their texts
(:func:`shards`) and hands each to a worker that parses and analyses it
(:func:`analyse_shard`); it gives back, in input order, what each article gave:
``(article, record, None)`` or ``(article, None, why it failed)``. Records are plain
frozen dataclasses (:mod:`newsgraph.records`) and cross processes by pickle, without the
article's text, which the parent holds (:func:`slim`); spaCy Docs stay in the worker.
Forked workers keep the parent's pipeline object; Dask workers load it once each.

What the workers measured (``benchmarks/busy.py``, ``benchmarks/bench_scale.py``):

- **BLAS threads.** numpy's OpenBLAS starts a thread per core, which spin while they
  wait: one process parsing used 1.27 cores for the wall time of one, and two forked
  workers fought over the cores (80 % of two cores' worth of work). The parse runs with
  one BLAS thread (:func:`one_blas_thread`): the same wall time in one process, 22 % less
  CPU, and two workers do twice the work of one.
- **The parent's share.** The pipeline loads in the parent while a forked child reads
  the inputs (:func:`aside`); the workers are forked once it is loaded, with the
  parent's objects frozen out of the garbage collector's reach (``gc.freeze``), so that
  neither copies the pages they share.
- **Balance.** Shards go longest articles first, each smaller than the last, so that the
  workers finish within a short article of each other.
"""
from __future__ import annotations

import contextlib
import gc
import os
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from .errors import Errors, NewsgraphError
from .options import ENGINES, BuildOptions, check_scheduler
from .records import Article, DocumentRecord, Outcome
from .types import PathLike, Progress

if TYPE_CHECKING:
    from spacy.language import Language

    from .data import Lexicons
    from .nlp.pipeline import PipelineInfo
    from .nlp.sharing import PipelineRef

__all__ = ["ENGINES", "check_scheduler", "run", "shards", "analyse_shard", "worker_pipeline", "run_processes",
           "one_blas_thread", "aside", "slim", "can_fork", "Engine", "collect", "in_order"]

#: What a worker sends back for one article: its record without the article's text, or why it failed.
Slim = tuple["DocumentRecord | None", "str | None"]


def one_blas_thread() -> contextlib.AbstractContextManager:
    """A context in which numpy's BLAS runs one thread (``threadpoolctl``; nothing when it
    is missing): its threads spin while they wait and add CPU time, not speed, to a parse."""
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:  # pragma: no cover - a dependency; a build without it is only slower
        return contextlib.nullcontext()
    return threadpool_limits(limits=1, user_api="blas")


def can_fork() -> bool:
    """Whether this process may fork helpers: the platform forks, and no other thread runs
    (a thread holding a lock at the fork would leave it held in the child)."""
    return hasattr(os, "fork") and threading.active_count() == 1


def run(nlp: Language, articles: list[Article], options: BuildOptions, progress: Progress | None = None,
        folder: PathLike | None = None) -> Iterator[Outcome]:
    """What each article gives, in order, wherever ``options`` say the work runs; a
    pipeline Dask workers cannot load by name is saved under ``folder`` (None: a
    temporary folder, removed after). ``progress(0, total)`` is called before the first
    article is parsed: the total is known then."""
    if progress and articles:
        progress(0, len(articles))
    if options.engine == "local" and (options.jobs == 1 or len(articles) <= 1):
        from .resolve.articles import outcomes

        with one_blas_thread():
            for _, article, rec, failure in outcomes(nlp, articles, options.batch_size, progress):
                yield article, rec, failure
        return
    if options.engine == "dask":
        with Engine(options, nlp, folder) as engine:
            yield from engine.run(articles)
        return
    from .nlp.sharing import PipelineRef

    parts = shards([len(a.text) for a in articles], options.jobs, options.batch_size)
    pieces = [[articles[i] for i in part] for part in parts]
    results = run_processes(analyse_shard, pieces, options.jobs, nlp=nlp, args=(PipelineRef(), options.batch_size))
    yield from in_order(articles, parts, results, progress)


def in_order(articles: list[Article], parts: list[list[int]], results: Iterable[tuple[int, list[Slim]]],
             progress: Progress | None = None) -> Iterator[Outcome]:
    """The outcomes of ``articles`` in input order, from the shards' results ``(shard
    index, what each of its articles gave)`` taken as they come; each record gets its
    article back."""
    got: dict[int, Slim] = {}
    nxt = 0
    for k, result in results:
        for i, outcome in zip(parts[k], result):
            got[i] = outcome
        if progress:
            progress(len(got), len(articles))
        while nxt in got:
            rec, failure = got.pop(nxt)
            yield articles[nxt], (replace(rec, article=articles[nxt]) if rec is not None else None), failure
            nxt += 1


def shards(weights: Sequence[int], jobs: int, batch_size: int) -> list[list[int]]:
    """The indices of the articles whose texts are ``weights`` long, cut into shards for
    ``jobs`` workers that take them in turn: the longest articles first, each shard about
    a ``2 * jobs``-th of the length still to hand out (never less than a ``16 * jobs``-th
    of the whole, never more than ``batch_size`` articles), so that the last shards are
    short and the workers finish together. A shard's indices are in input order.

    >>> shards([10, 10, 10, 10, 100], 2, 32)
    [[4], [0], [1], [2], [3]]
    >>> [len(s) for s in shards([5] * 40, 2, 32)]
    [10, 8, 6, 4, 3, 3, 2, 2, 2]
    >>> sorted(i for s in shards([3, 1, 4, 1, 5, 9, 2, 6], 2, 2) for i in s)
    [0, 1, 2, 3, 4, 5, 6, 7]
    """
    total = sum(weights)
    floor = total / (16 * jobs)
    out: list[list[int]] = []
    part: list[int] = []
    left, weight, target = total, 0, 0.0
    for i in sorted(range(len(weights)), key=lambda i: (-weights[i], i)):
        if not part:
            target = max(left / (2 * jobs), floor)
        part.append(i)
        weight += weights[i]
        left -= weights[i]
        if weight >= target or len(part) >= batch_size:
            out.append(sorted(part))
            part, weight = [], 0
    if part:
        out.append(sorted(part))
    return out


def slim(outcomes: Iterable[tuple[Any, Article, DocumentRecord | None, str | None]]) -> list[Slim]:
    """What a worker sends back: each record without its article's text (the parent holds
    the article, and puts it back: :func:`in_order`)."""
    return [(replace(rec, article=Article(id=article.id, text="")) if rec is not None else None, failure)
            for _, article, rec, failure in outcomes]


def analyse_shard(articles: list[Article], pipeline: PipelineRef, batch_size: int) -> list[Slim]:
    """What each of ``articles`` gives (:func:`slim`), in a worker: the parent's pipeline in
    a forked worker, else ``pipeline`` loaded once per process; no spaCy Doc leaves the
    worker."""
    from .resolve.articles import outcomes

    nlp = worker_pipeline() or pipeline.open()
    with one_blas_thread():
        return slim(outcomes(nlp, articles, batch_size))


#: The pipeline a forked worker inherited from its parent (:func:`worker_pipeline`).
_PIPELINE: list[Any] = []


def _init_worker(nlp: Any) -> None:
    """Keep the parent's pipeline for the worker's shards: with ``fork``, the initializer's
    arguments are the parent's objects, not copies sent by pickle."""
    _PIPELINE[:] = [nlp]


def worker_pipeline() -> Any:
    """The pipeline this forked worker inherited from the build, or None (this process
    is not one of :func:`run_processes`' workers)."""
    return _PIPELINE[0] if _PIPELINE else None


def run_processes(fn: Callable[..., Any], parts: list[list], jobs: int, *, nlp: Any,
                  args: tuple = ()) -> Iterator[tuple[int, Any]]:
    """``(k, fn(parts[k], *args))`` for each part, in ``jobs`` worker processes, as each
    is done; parts are handed out in order.

    Workers are forked and keep the parent's pipeline ``nlp`` (:func:`worker_pipeline`):
    the very object the build holds, not loaded again and not sent by pickle; the
    parent's objects are frozen out of the garbage collector's reach while they run, so
    that no collection copies the pages the processes share. A worker that dies (killed,
    out of memory) stops the build with E046 rather than leaving it waiting.
    """
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    gc.collect()
    gc.freeze()
    try:
        with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork"), initializer=_init_worker,
                                 initargs=(nlp,)) as pool:
            yield from collect(pool, fn, parts, args, jobs)
    finally:
        gc.unfreeze()


def collect(pool: Any, fn: Callable[..., Any], parts: list[list], args: tuple, jobs: object) -> Iterator[tuple[int, Any]]:
    """``(k, fn(parts[k], *args))`` from the process ``pool``, as each part is done; E046
    when a worker died."""
    from concurrent.futures import FIRST_COMPLETED, wait
    from concurrent.futures.process import BrokenProcessPool

    futures = {pool.submit(fn, part, *args): k for k, part in enumerate(parts)}
    pending = set(futures)
    try:
        while pending:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in sorted(done, key=futures.__getitem__):
                yield futures[future], future.result()
    except BrokenProcessPool as e:
        raise NewsgraphError(Errors.E046, jobs=jobs, detail=e) from e
    finally:
        for future in pending:
            future.cancel()


def _init_loading_worker(ref: PipelineRef) -> None:
    """A worker that loads the pipeline itself, as soon as it starts (:class:`Engine`)."""
    _PIPELINE[:] = [ref.open()]


def _ready() -> bool:
    return True


class Aside:
    """``fn(*args)`` computed in a forked child while this process does something else
    (:func:`aside`); :meth:`result` waits for it (an exception in the child is raised
    here). The child gets ``fn`` and ``args`` by the fork itself, so they need not pickle
    (a generator of inputs does not); only the result comes back by pickle."""

    def __init__(self, fn: Callable[..., Any], args: tuple) -> None:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        _ASIDE[:] = [(fn, args)]
        try:
            self.pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork"))
            self.future = self.pool.submit(_run_aside)  # the child is forked here, with _ASIDE set
        finally:
            _ASIDE.clear()

    def result(self) -> Any:
        try:
            return self.future.result()
        finally:
            self.pool.shutdown()


#: What the next :class:`Aside` child computes (set around its fork).
_ASIDE: list[tuple[Callable[..., Any], tuple]] = []


def _run_aside() -> Any:
    fn, args = _ASIDE[0]
    return fn(*args)


def aside(fn: Callable[..., Any], *args: Any) -> Aside | None:
    """``fn(*args)`` started in a forked child (:class:`Aside`), or None where this
    process may not fork (:func:`can_fork`): then call it yourself."""
    return Aside(fn, args) if can_fork() else None


class Engine:
    """The per-document work of one build, made ready while the build reads its inputs
    (:meth:`read`), then run (:meth:`run`); a context manager that stops its workers.

    - **Local, a pipeline to load**: it loads in this process while a forked child reads
      the inputs; with ``--jobs N`` the workers are forked from it once it is loaded.
    - **build --add** (local, the package's own pipeline): forked workers load the
      pipeline themselves from the start, while this process reads the added inputs and
      the earlier articles from the cache; the build itself never loads it.
    - **Dask**: the cluster starts, and its workers load the pipeline, while this process
      reads (:mod:`newsgraph.cluster`).
    - Otherwise (a pipeline given, or other threads running): in turn, in this process.
    """

    def __init__(self, options: BuildOptions, nlp: Language | None = None, folder: PathLike | None = None) -> None:
        from .nlp.pipeline import add_components, package_info
        from .nlp.sharing import PipelineRef

        self.options, self.folder = options, folder
        self.nlp = add_components(nlp) if nlp is not None else None
        self.by_name = package_info(options.pipeline) if nlp is None else None
        self.cluster: Any = None
        self.workers: Any = None
        #: build --add's worker processes, loading the pipeline, until an article is given them
        self.loading: set[Any] = set()
        self.failed: BaseException | None = None
        ref = PipelineRef(name=str(options.pipeline)) if self.by_name is not None else None
        if options.engine == "dask":
            from .cluster import ClusterStart

            self.cluster = ClusterStart(options, ref)
        elif options.add and ref is not None and can_fork():
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            before = set(multiprocessing.active_children())
            self.workers = ProcessPoolExecutor(options.jobs, mp_context=multiprocessing.get_context("fork"),
                                               initializer=_init_loading_worker, initargs=(ref,))
            self.workers.submit(_ready)  # the workers start now
            self.loading = set(multiprocessing.active_children()) - before

    def __enter__(self) -> Engine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self.workers is not None:
            for p in self.loading:  # every article came from the cache: their loads are not waited for
                p.terminate()
            self.workers.shutdown(cancel_futures=True)
            self.workers = None
        if self.cluster is not None:
            self.cluster.close()
            self.cluster = None

    @property
    def remote(self) -> bool:
        """Whether the pipeline is loaded by workers only (the build knows it by name)."""
        return self.by_name is not None and (self.cluster is not None or self.workers is not None)

    def read(self, items: Iterable[Any]) -> list[Any]:
        """``items`` read (a list), while the pipeline loads where it is needed."""
        if self.remote or self.nlp is not None:
            return list(items)
        pending = aside(list, items)
        try:
            self.nlp = self._load()
        except Exception as e:  # noqa: BLE001 - raised when the pipeline is needed (no article: never)
            self.failed = e
        return pending.result() if pending is not None else list(items)

    def _load(self) -> Language:
        from .nlp.pipeline import load

        return load(self.options.pipeline)

    def pipeline(self) -> Language | None:
        """The pipeline object this process holds (loaded now if it must be), or None
        when only the workers load it."""
        if self.remote:
            return None
        if self.failed is not None:
            raise self.failed
        if self.nlp is None:
            self.nlp = self._load()
        return self.nlp

    def info(self) -> PipelineInfo:
        """What the build records of its pipeline (:class:`~newsgraph.nlp.pipeline.PipelineInfo`)."""
        from .nlp.pipeline import info_of

        nlp = self.pipeline()
        if nlp is None:
            assert self.by_name is not None
            return self.by_name
        return info_of(nlp, self.options.model)

    def lexicons(self) -> Lexicons:
        """The pipeline's lexicons (linking reads them)."""
        from .data import default_lexicons
        from .nlp import lexicons_of

        nlp = self.pipeline()
        return lexicons_of(nlp) if nlp is not None else default_lexicons()

    def run(self, articles: list[Article], progress: Progress | None = None) -> Iterator[Outcome]:
        """What each article gives, in order (:func:`run`, on this engine's workers)."""
        from .nlp.sharing import PipelineRef

        if self.workers is None and self.cluster is None:
            nlp = self.pipeline()
            assert nlp is not None  # not remote
            yield from run(nlp, articles, self.options, progress, self.folder)
            return
        if progress and articles:
            progress(0, len(articles))
        parts = shards([len(a.text) for a in articles], self.options.jobs, self.options.batch_size)
        pieces = [[articles[i] for i in part] for part in parts]
        args = (PipelineRef(), self.options.batch_size)
        if self.workers is not None:
            self.loading = self.loading if not pieces else set()
            results = collect(self.workers, analyse_shard, pieces, args, self.options.jobs)
        else:
            from .cluster import pipeline_ref, run_tasks

            ref = pipeline_ref(self.pipeline(), self.options, self._shared())
            client = self.cluster.client(None if self.remote else ref)
            results = run_tasks(client, analyse_shard, pieces, (ref, self.options.batch_size))
        yield from in_order(articles, parts, results, progress)

    def _shared(self) -> str:
        """Where a pipeline object is saved for Dask workers: under the cache folder, else
        a temporary folder removed with the cluster."""
        return os.fspath(self.folder) if self.folder is not None else self.cluster.scratch()
