"""The per-document work on a Dask cluster (``--engine dask``): a local cluster of
``--jobs`` worker processes, or the one whose scheduler is at ``--scheduler ADDRESS``
(started with the ``dask scheduler`` and ``dask worker`` commands, on this machine or
others).

- **The pipeline, loaded once per worker and kept.** A worker plugin
  (:class:`PipelinePlugin`) loads it on each worker as soon as the worker joins (and on
  those that join later): by name when it is the package's own, else from the folder it
  is saved to, checked by the hash of its content (:mod:`newsgraph.nlp.sharing`). Each
  task then finds it loaded.
- **Started early.** The cluster starts, and its workers load the pipeline, in a thread
  of the build (:class:`ClusterStart`) while the build reads its inputs; with the
  package's own pipeline the build itself never loads it (it knows its
  :func:`~newsgraph.nlp.pipeline.package_info`).
- **Compact.** A task takes a shard of articles and sends back each record without the
  article's text, which the build holds (:func:`newsgraph.engines.slim`).
"""
from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from .errors import Errors, NewsgraphError
from .options import BuildOptions, check_scheduler
from .types import PathLike

if TYPE_CHECKING:
    from spacy.language import Language

    from .nlp.sharing import PipelineRef

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
    cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None)
    client = Client(cluster)
    setattr(client, "_newsgraph_cluster", cluster)  # closed with the client
    return client


def close_client(client: Any) -> None:
    """Close ``client``, and the local cluster it started."""
    cluster = getattr(client, "_newsgraph_cluster", None)
    client.close()
    if cluster is not None:
        cluster.close()


def _plugin_class() -> type:
    from distributed.diagnostics.plugin import WorkerPlugin

    class PipelinePlugin(WorkerPlugin):
        """Loads the build's pipeline on a worker as it joins, once (``ref.open()`` keeps
        it for the worker's tasks)."""

        def __init__(self, ref: PipelineRef) -> None:
            self.ref = ref
            self.name = f"newsgraph-pipeline-{ref.name or ''}-{(ref.digest or '')[:16]}"

        def setup(self, worker: Any) -> None:
            self.ref.open()

    return PipelinePlugin


def PipelinePlugin(ref: PipelineRef) -> Any:  # noqa: N802 - made by a factory: distributed is imported only when used
    """The worker plugin that loads ``ref`` on each worker of the cluster as it joins."""
    return _plugin_class()(ref)


class ClusterStart:
    """The cluster of a build, started in a thread while the build reads its inputs; with
    ``ref``, its workers load the pipeline as soon as they are up. :meth:`client` waits
    for it (an error starting it is raised there)."""

    def __init__(self, options: BuildOptions, ref: PipelineRef | None = None) -> None:
        self.options, self.ref = options, ref
        self._client: Any = None
        self._error: BaseException | None = None
        self._scratch: str | None = None
        self._thread = threading.Thread(target=self._start, name="newsgraph-cluster", daemon=True)
        self._thread.start()

    def _start(self) -> None:
        try:
            self._client = dask_client(self.options.scheduler, self.options.jobs)
            if self.ref is not None:
                self._client.register_plugin(PipelinePlugin(self.ref))
        except BaseException as e:  # noqa: BLE001 - raised in the build's thread by client()
            self._error = e

    def client(self, ref: PipelineRef | None = None) -> Any:
        """The started cluster's client, its workers loading ``ref`` (when the thread was
        not given it)."""
        self._thread.join()
        if self._error is not None:
            raise self._error
        if ref is not None and self.ref is None:
            self.ref = ref
            self._client.register_plugin(PipelinePlugin(ref))
        return self._client

    def scratch(self) -> str:
        """A temporary folder, removed when the cluster is closed (a pipeline object is
        saved there for the workers)."""
        import tempfile

        if self._scratch is None:
            self._scratch = tempfile.mkdtemp(prefix="newsgraph-pipeline-")
        return self._scratch

    def close(self) -> None:
        import shutil

        self._thread.join()
        if self._client is not None:
            close_client(self._client)
            self._client = None
        if self._scratch is not None:
            shutil.rmtree(self._scratch, ignore_errors=True)


def run_tasks(client: Any, fn: Any, parts: list[list], args: tuple = ()) -> Iterator[tuple[int, Any]]:
    """``(k, fn(parts[k], *args))`` for each part on the cluster of ``client``, as each is
    done (the parts in order of priority: the first first). A worker that dies stops the
    build with E046."""
    from distributed import KilledWorker, as_completed

    futures = [client.submit(fn, part, *args, pure=False, priority=len(parts) - k) for k, part in enumerate(parts)]
    index = {f.key: k for k, f in enumerate(futures)}
    try:
        for future in as_completed(futures):
            try:
                yield index[future.key], future.result()
            except KilledWorker as e:
                raise NewsgraphError(Errors.E046, jobs="Dask", detail=e) from e
            future.release()
    finally:
        for future in futures:
            future.release()


def pipeline_ref(nlp: Language | None, options: BuildOptions, folder: PathLike | None) -> PipelineRef:
    """What the workers load: the package by name when ``nlp`` is None (the build never
    loaded it: the options name the package), else :func:`newsgraph.nlp.sharing.share`."""
    from .nlp.sharing import PipelineRef, share

    if nlp is None:
        return PipelineRef(name=os.fspath(options.pipeline))
    if folder is None:
        raise ValueError("a pipeline object is shared through a folder")
    return share(nlp, options.pipeline, os.path.join(os.fspath(folder), "pipelines"))
