"""Where the per-document work runs: in this process, in worker processes (``--jobs N``)
or on a Dask cluster (``--engine dask``).

Each engine takes shards (lists of articles), hands each to a worker that parses and
analyses it (:func:`newsgraph.builder.analyse_shard`) and gives back, shard by shard and
in input order, what each article gave: a :class:`~newsgraph.resolve.document.DocumentRecord`
or the reason it failed. Records are plain dataclasses and cross processes by pickle;
spaCy Docs stay in the worker. The cross-document linking and the writers run once, in
the calling process.
"""
from __future__ import annotations

import math
import os
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from .errors import Errors, NewsgraphError

Shard = list  # a list of articles
ENGINES = ("local", "dask")


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


def dask_client(scheduler: str | None = None, workers: int = 2):
    """A ``dask.distributed`` client of the cluster at ``scheduler``, or of a new local
    cluster of ``workers`` single-threaded processes (closed with the client)."""
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError as e:
        raise NewsgraphError(Errors.E042) from e
    if scheduler:
        return Client(scheduler)
    cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                           dashboard_address=None)
    client = Client(cluster)
    client._newsgraph_cluster = cluster  # closed with the client below
    return client


def run_dask(fn: Callable[..., Any], parts: list[list], *, scheduler: str | None = None, workers: int = 2,
             args: tuple = ()) -> Iterator[Any]:
    """``fn(part, *args)`` for each part on a Dask cluster, yielded in order.

    Each worker process loads the pipeline once (``newsgraph.nlp.load`` keeps it) and
    keeps it for the next shards.
    """
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


def run_dask_with(fn: Callable[..., Any], parts: list[list], nlp: Any, model: Any, *,
                  scheduler: str | None = None, workers: int = 2, folder: Any = None,
                  args: tuple = ()) -> Iterator[Any]:
    """``fn(part, pipeline, *args)`` for each part on a Dask cluster, yielded in order,
    ``pipeline`` the :class:`~newsgraph.nlp.pipeline.PipelineRef` its workers load:
    the package by name when ``nlp`` is newsgraph's own, else ``nlp`` saved under
    ``folder`` (a temporary folder, removed after, when None) and checked by its hash.
    """
    import shutil
    import tempfile

    from .nlp.pipeline import share

    temporary = None if folder is not None else tempfile.mkdtemp(prefix="newsgraph-pipeline-")
    try:
        ref = share(nlp, model, os.path.join(folder, "pipelines") if folder is not None else temporary)
        yield from run_dask(fn, parts, scheduler=scheduler, workers=workers, args=(ref, *args))
    finally:
        if temporary is not None:
            shutil.rmtree(temporary, ignore_errors=True)
