"""Where the per-document work runs: in this process, in worker processes (``--jobs N``)
or on a Dask cluster (``--engine dask``).

:func:`run` cuts the articles into shards (lists of consecutive articles) and hands each
to a worker that parses and analyses it (:func:`analyse_shard`); it gives back, in input
order, what each article gave: ``(article, record, None)`` or ``(article, None, why it
failed)``. Records are plain frozen dataclasses (:mod:`newsgraph.records`) and cross
processes by pickle; spaCy Docs stay in the worker. Forked workers keep the parent's
pipeline object; Dask workers load it by name when it is the package's own, else from
the folder it is saved to, checked by its hash (:mod:`newsgraph.nlp.sharing`). The
cross-document linking and the writers run once, in the calling process.
"""
from __future__ import annotations

import math
import os
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from .errors import Errors, NewsgraphError
from .options import ENGINES, BuildOptions, check_scheduler
from .records import Article, Outcome
from .types import PathLike, Progress

if TYPE_CHECKING:
    from spacy.language import Language

    from .nlp.sharing import PipelineRef

__all__ = ["ENGINES", "check_scheduler", "run", "shards", "analyse_shard", "worker_pipeline", "run_processes", "run_dask"]


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

        for _, article, rec, failure in outcomes(nlp, articles, options.batch_size, progress):
            yield article, rec, failure
        return
    parts = shards(articles, options.jobs, options.batch_size)
    if options.engine == "dask":
        results = _run_dask_with(parts, nlp, options, folder)
    else:
        from .nlp.sharing import PipelineRef

        results = run_processes(analyse_shard, parts, options.jobs, nlp=nlp,
                                args=(PipelineRef(), options.batch_size))
    done = 0
    for part in results:
        for outcome in part:
            done += 1
            if progress:
                progress(done, len(articles))
            yield outcome


def shards(items: Sequence, jobs: int, batch_size: int, per_worker: int = 4) -> list[list]:
    """``items`` cut into consecutive shards: about ``per_worker`` per worker, so that the
    workers finish together, and none larger than ``batch_size``.

    >>> [len(s) for s in shards(list(range(10)), 2, 32)]
    [2, 2, 2, 2, 2]
    >>> [len(s) for s in shards(list(range(5)), 1, 2)]
    [2, 2, 1]
    """
    size = max(1, min(batch_size, math.ceil(len(items) / max(1, jobs * per_worker))))
    return [list(items[i:i + size]) for i in range(0, len(items), size)]


def analyse_shard(articles: list[Article], pipeline: PipelineRef, batch_size: int) -> list[Outcome]:
    """What each of ``articles`` gives, in a worker: the parent's pipeline in a forked
    worker, else ``pipeline`` loaded once per process; no spaCy Doc leaves the worker."""
    from .resolve.articles import outcomes

    nlp = worker_pipeline() or pipeline.open()
    return [(article, rec, failure) for _, article, rec, failure in outcomes(nlp, articles, batch_size)]


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
                  args: tuple = ()) -> Iterator[Any]:
    """``fn(part, *args)`` for each part in ``jobs`` worker processes, yielded in order.

    Workers are forked and keep the parent's pipeline ``nlp`` (:func:`worker_pipeline`):
    the very object the build holds, not loaded again and not sent by pickle. A worker
    that dies (killed, out of memory) stops the build with E046 rather than leaving it
    waiting.
    """
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    ctx = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(jobs, mp_context=ctx, initializer=_init_worker, initargs=(nlp,)) as pool:
        try:
            yield from pool.map(_Call(fn, args), parts)
        except BrokenProcessPool as e:
            raise NewsgraphError(Errors.E046, jobs=jobs, detail=e) from e


class _Call:
    """A picklable ``lambda part: fn(part, *args)``."""

    def __init__(self, fn: Callable[..., Any], args: tuple) -> None:
        self.fn, self.args = fn, args

    def __call__(self, part: list) -> Any:
        return self.fn(part, *self.args)


#: Seconds to wait for a Dask scheduler to answer.
SCHEDULER_TIMEOUT = 20


def dask_client(scheduler: str | None = None, workers: int = 2):
    """A ``dask.distributed`` client of the cluster at ``scheduler``, or of a new local
    cluster of ``workers`` single-threaded processes (closed with the client)."""
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError as e:
        raise NewsgraphError(Errors.E042) from e
    if scheduler:
        check_scheduler(scheduler)
        try:
            return Client(scheduler, timeout=SCHEDULER_TIMEOUT)
        except (OSError, TimeoutError, ValueError, TypeError) as e:  # nothing answers there
            raise NewsgraphError(Errors.E068, value=scheduler, detail=f"no Dask scheduler answers there "
                                 f"within {SCHEDULER_TIMEOUT} s ({type(e).__name__}: {str(e)[:200]})") from None
    cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                           dashboard_address=None)
    client = Client(cluster)
    setattr(client, "_newsgraph_cluster", cluster)  # closed with the client below
    return client


def run_dask(fn: Callable[..., Any], parts: list[list], *, scheduler: str | None = None, workers: int = 2,
             args: tuple = ()) -> Iterator[Any]:
    """``fn(part, *args)`` for each part on a Dask cluster, yielded in order."""
    client = dask_client(scheduler, workers)
    from distributed import KilledWorker

    try:
        futures = client.map(_Call(fn, args), parts, pure=False)
        for future in futures:
            try:
                yield future.result()
            except KilledWorker as e:
                raise NewsgraphError(Errors.E046, jobs="Dask", detail=e) from e
            future.release()
    finally:
        cluster = getattr(client, "_newsgraph_cluster", None)
        client.close()
        if cluster is not None:
            cluster.close()


def _run_dask_with(parts: list[list], nlp: Language, options: BuildOptions, folder: PathLike | None) -> Iterator[Any]:
    """:func:`analyse_shard` of each part on a Dask cluster, its workers loading the
    pipeline :func:`newsgraph.nlp.sharing.share` says: by name when it is the package's
    own, else from the folder it is saved to (under ``folder``, or a temporary one removed
    after), checked by its hash. Each worker loads it once and keeps it for the next
    shards."""
    import shutil
    import tempfile

    from .nlp.sharing import share

    base = os.fspath(folder) if folder is not None else tempfile.mkdtemp(prefix="newsgraph-pipeline-")
    try:
        ref = share(nlp, options.pipeline, os.path.join(base, "pipelines"))
        yield from run_dask(analyse_shard, parts, scheduler=options.scheduler, workers=options.jobs,
                            args=(ref, options.batch_size))
    finally:
        if folder is None:
            shutil.rmtree(base, ignore_errors=True)
