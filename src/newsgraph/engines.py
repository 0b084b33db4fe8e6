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
import re
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


def _init_worker(model: str) -> None:
    """Load the pipeline once per worker (with ``fork``, the parent's is inherited)."""
    from .nlp import load

    load(model)


def run_processes(fn: Callable[..., Any], parts: list[list], jobs: int, *, model: str,
                  args: tuple = ()) -> Iterator[Any]:
    """``fn(part, *args)`` for each part in ``jobs`` worker processes, yielded in order.

    Workers are forked, so a pipeline the parent has loaded is shared with them and not
    loaded again. A worker that dies (killed, out of memory) stops the build with E046
    rather than leaving it waiting.
    """
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    ctx = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(jobs, mp_context=ctx, initializer=_init_worker, initargs=(model,)) as pool:
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
_ADDRESS = re.compile(r"(?:tcp|tls|ucx|ws|wss)://(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+):\d{1,5}/?")


def check_scheduler(address: object) -> str:
    """``address`` if it reads as a Dask scheduler's (``tcp://HOST:PORT``); else E068.

    >>> check_scheduler("tcp://10.0.0.1:8786")
    'tcp://10.0.0.1:8786'
    >>> check_scheduler("not a url")
    Traceback (most recent call last):
    ...
    newsgraph.errors.NewsgraphError: [E068] --scheduler 'not a url': not an address such as tcp://HOST:8786. Give the address of a running Dask scheduler (tcp://HOST:8786) with --engine dask, or leave --scheduler out.
    """
    if not isinstance(address, str) or not _ADDRESS.fullmatch(address.strip()):
        raise NewsgraphError(Errors.E068, value=repr(address), detail="not an address such as tcp://HOST:8786")
    return address


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
