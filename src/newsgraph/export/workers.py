"""SPARQL queries run in worker processes that are killed at their limits.

pyoxigraph cannot cancel a query, and a query can take any time and any memory (a
cartesian product; one that overflows the parser's stack kills its process). So every
query of ``newsgraph query`` and ``newsgraph serve`` runs in a worker process, which
opens the store itself (read-only), answers one query at a time and sends the answer
back whole:

- a query still running after :attr:`Limits.seconds` is stopped by killing its worker
  (E072): no query goes on after its answer stopped being awaited;
- an answer larger than :attr:`Limits.answer_bytes` stops the query (E073);
- a worker may hold at most :attr:`Limits.memory` bytes of address space; a query that
  asks for more, or that crashes the engine, kills only its worker (E074);
- a worker that holds more than :attr:`Limits.keep_bytes` after a query is replaced.

Workers are started from multiprocessing's fork server (a clean process without the
server's threads), so that a replacement starts in a fraction of a second.
:class:`WorkerPool` keeps a fixed number of them and lends one to each query;
:meth:`WorkerPool.ask` waits at most :attr:`Limits.wait` seconds for a free one (E075).
"""
from __future__ import annotations

import io
import multiprocessing as mp
import os
import queue
import threading
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import Errors, NewsgraphError
from ..types import PathLike


def negotiate(accept: str, *, triples: bool = False) -> tuple[str, object]:
    """``(media type, pyoxigraph format)``: the first offer the ``Accept`` header names
    (by its order), else the first offer (JSON results; N-Triples for triples).

    >>> negotiate("text/csv, */*;q=0.1")[0], negotiate("", triples=True)[0]
    ('text/csv', 'application/n-triples')
    """
    import pyoxigraph as ox

    offers: list[tuple[str, object]] = [
        ("application/n-triples", ox.RdfFormat.N_TRIPLES), ("text/turtle", ox.RdfFormat.TURTLE),
        ("application/n-quads", ox.RdfFormat.N_QUADS), ("text/plain", ox.RdfFormat.N_TRIPLES),
    ] if triples else [
        ("application/sparql-results+json", ox.QueryResultsFormat.JSON),
        ("application/json", ox.QueryResultsFormat.JSON),
        ("application/sparql-results+xml", ox.QueryResultsFormat.XML), ("application/xml", ox.QueryResultsFormat.XML),
        ("text/csv", ox.QueryResultsFormat.CSV), ("text/tab-separated-values", ox.QueryResultsFormat.TSV),
    ]
    for part in (accept or "").split(","):
        mime = part.split(";")[0].strip().lower()
        for offer in offers:
            if offer[0] == mime:
                return offer
    return offers[0]


@dataclass(frozen=True)
class Limits:
    """What one query may take."""

    seconds: float = 60.0
    answer_bytes: int = 256 << 20
    memory: int = 4 << 30
    keep_bytes: int = 400 << 20
    wait: float = 10.0


@dataclass(frozen=True)
class Job:
    """One query: its text, or a named question (``named=(key, name)``); the answer's
    media type is negotiated from ``accept`` (an HTTP ``Accept`` header) or given as a
    ``--format`` name in ``fmt``."""

    query: str = ""
    named: tuple[str, str] | None = None
    accept: str = ""
    fmt: str = "json"
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()
    allow_service: bool = False
    bindings: tuple[tuple[str, str], ...] = field(default=())
    #: only SELECT (``newsgraph query``, which prints rows)
    select_only: bool = False


class QueryError(NewsgraphError):
    """A coded error raised in a worker, carried back whole."""

    def __init__(self, code: str, message: str, status: int = 400) -> None:
        Exception.__init__(self, message)
        self.code, self.status = code, status


def _error(e: NewsgraphError, status: int = 400) -> tuple:
    return ("error", e.code, str(e), status)


# ---- in the worker


class _Capped(io.RawIOBase):
    """A byte buffer that stops the serializer past ``most`` bytes."""

    class Full(Exception):
        pass

    def __init__(self, most: int) -> None:
        super().__init__()
        self.most, self.size = most, 0
        self.parts: list[bytes] = []

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        self.size += len(data)
        if self.size > self.most:
            raise _Capped.Full
        self.parts.append(bytes(data))
        return len(data)

    def value(self) -> bytes:
        return b"".join(self.parts)


def _rss() -> int:
    try:
        with open("/proc/self/statm", encoding="ascii") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def _answer(store, index, job: Job, limits: Limits) -> tuple:
    import pyoxigraph as ox

    from .guard import check_query
    from .sparql import RESULT_FORMATS

    query, bindings = job.query, dict(job.bindings)
    if job.named is not None:
        from ..vocab.queries import NAMED, about
        from .sparql import actors_named

        key, name = job.named
        query, bindings = about(NAMED[key], actors_named(store, name, index)), {"name": name}
    check_query(query, allow_service=job.allow_service or job.named is not None)
    default = [ox.NamedNode(g) for g in job.default_graphs]
    named = [ox.NamedNode(g) for g in job.named_graphs]
    subs = {ox.Variable(k): ox.Literal(v) for k, v in bindings.items()}
    try:
        result = store.query(query, use_default_graph_as_union=not default, default_graph=default or None,
                             named_graphs=named or None, substitutions=subs or None)
    except (SyntaxError, ValueError, OSError, RuntimeError) as e:
        raise NewsgraphError(Errors.E013, detail=e) from e
    if job.select_only and not isinstance(result, ox.QuerySolutions):
        raise NewsgraphError(Errors.E013, detail="only SELECT queries give rows")
    if job.accept or isinstance(result, ox.QueryTriples):
        mime, fmt = negotiate(job.accept, triples=isinstance(result, ox.QueryTriples))
    else:
        mime, fmt = "", RESULT_FORMATS[job.fmt]
    out = _Capped(limits.answer_bytes)
    try:
        result.serialize(out, fmt)
    except _Capped.Full:
        raise NewsgraphError(Errors.E073, most=limits.answer_bytes) from None
    except (OSError, ValueError, RuntimeError) as e:  # a failure while the query runs (SERVICE...)
        raise NewsgraphError(Errors.E013, detail=e) from e
    return ("ok", mime, out.value())


def _limit_memory(most: int) -> None:
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (most, most))
    except (ImportError, ValueError, OSError):  # not on this system: the time limit still holds
        pass


def _open(target: str):
    from .store import names_of, open_store

    return open_store(target), names_of(target)


def serve_jobs(conn, target: str, limits: Limits) -> None:
    """A worker's life: open the store, then answer each job until the pipe closes."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to act on
    _limit_memory(limits.memory)
    try:
        try:
            store, index = _open(target)
        except NewsgraphError as e:
            conn.send(_error(e, 500))
            return
        except Exception as e:  # noqa: BLE001 - a store that cannot be opened, said as such
            conn.send(_error(NewsgraphError(Errors.E036, path=target, detail=repr(e)[:300]), 500))
            return
        conn.send(("ready",))
    except OSError:  # the parent is gone
        return
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        try:
            answer = _answer(store, index, job, limits)
        except NewsgraphError as e:
            answer = _error(e)
        except Exception as e:  # noqa: BLE001 - the engine's failure is the query's, not the worker's
            answer = _error(NewsgraphError(Errors.E013, detail=f"{type(e).__name__}: {e}"))
        try:
            conn.send(answer)
        except OSError:  # the parent is gone
            return
        if _rss() > limits.keep_bytes:
            return  # the pool starts a fresh one


# ---- in the parent


def _context():
    ctx = mp.get_context("forkserver")
    ctx.set_forkserver_preload(["newsgraph.export.workers", "newsgraph.export.sparql", "pyoxigraph"])
    return ctx


class Worker:
    """One worker process over ``target`` (a build folder or a store folder)."""

    def __init__(self, target: PathLike, limits: Limits, generation: int = 0) -> None:
        self.target, self.limits, self.generation = str(target), limits, generation
        ctx = _context()
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=serve_jobs, args=(child, self.target, limits), daemon=True,
                                name="newsgraph-query")
        self.proc.start()
        child.close()
        first = self._receive(max(limits.seconds, 120.0), starting=True)
        if first[0] != "ready":
            self.close()
            raise QueryError(first[1], first[2], first[3])

    def alive(self) -> bool:
        return self.proc.is_alive()

    def _receive(self, seconds: float, *, starting: bool = False) -> tuple:
        if not self.conn.poll(seconds):
            self.close()
            if starting:
                raise QueryError("E036", str(NewsgraphError(Errors.E036, path=self.target,
                                                            detail=f"not opened within {seconds:g} s")), 500)
            raise QueryError("E072", str(NewsgraphError(Errors.E072, seconds=seconds)), 503)
        try:
            return self.conn.recv()
        except (EOFError, OSError):
            self.proc.join(timeout=5)
            code = self.proc.exitcode
            self.close()
            detail = f"signal {-code}" if code is not None and code < 0 else f"exit status {code}"
            raise QueryError("E074", str(NewsgraphError(Errors.E074, detail=detail)), 500) from None

    def ask(self, job: Job) -> tuple[str, bytes]:
        """``(media type, answer)``, or a :class:`QueryError` (the worker is closed when
        it was stopped or died)."""
        try:
            self.conn.send(job)
        except (OSError, ValueError):
            self.close()
            raise QueryError("E074", str(NewsgraphError(Errors.E074, detail="the worker had stopped")), 500) from None
        answer = self._receive(self.limits.seconds)
        if answer[0] == "error":
            raise QueryError(answer[1], answer[2], answer[3])
        return answer[1], answer[2]

    def close(self) -> None:
        if self.proc.is_alive():
            self.proc.kill()
        self.proc.join(timeout=5)
        self.conn.close()


def build_stamp(target: PathLike) -> tuple:
    """What changes when a build is written again into ``target`` (its manifest, or a
    store's ``CURRENT``, replaced by a rename)."""
    p = Path(target)
    for f in (p / "manifest.json", p / "CURRENT", p / "graph.nq"):
        try:
            st = f.stat()
            return (str(f), st.st_ino, st.st_mtime_ns, st.st_size)
        except OSError:
            continue
    return ()


class WorkerPool:
    """``size`` workers over ``target``, lent one to each query; a worker stopped at a
    limit is replaced; when the build in ``target`` changes (a rebuild), the workers are
    replaced as they come back, and ``on_change`` is called once."""

    def __init__(self, target: PathLike, size: int = 2, limits: Limits = Limits(), on_change=None) -> None:
        self.target, self.limits, self.on_change = str(target), limits, on_change
        self.generation, self.stamp = 0, build_stamp(target)
        self.idle: queue.LifoQueue[Worker | None] = queue.LifoQueue()
        self.lock = threading.Lock()
        self.size, self.waiting = size, 0
        for _ in range(size):
            self.idle.put(Worker(self.target, limits))

    def _changed(self) -> None:
        stamp = build_stamp(self.target)
        with self.lock:
            if stamp == self.stamp:
                return
            self.stamp, self.generation = stamp, self.generation + 1
        if self.on_change:
            self.on_change()

    def _take(self) -> Worker | None:
        with self.lock:
            self.waiting += 1
        try:
            return self.idle.get(timeout=self.limits.wait)
        except queue.Empty:
            raise QueryError("E075", str(NewsgraphError(Errors.E075, busy=self.size, waiting=self.waiting)),
                             503) from None
        finally:
            with self.lock:
                self.waiting -= 1

    def ask(self, job: Job) -> tuple[str, bytes]:
        """The answer to ``job`` from a free worker (see :meth:`Worker.ask`)."""
        self._changed()
        worker = self._take()
        try:
            if worker is None or worker.generation != self.generation or not worker.alive():
                if worker is not None:
                    worker.close()
                worker = None
                worker = Worker(self.target, self.limits, self.generation)
            return worker.ask(job)
        finally:
            self.idle.put(worker if worker is not None and worker.alive() else None)

    def close(self) -> None:
        while True:
            try:
                worker = self.idle.get_nowait()
            except queue.Empty:
                return
            if worker is not None:
                worker.close()


def ask_once(target: PathLike, job: Job, limits: Limits = Limits()) -> tuple[str, bytes]:
    """The answer to one job from a worker started for it (``newsgraph query``)."""
    worker = Worker(target, limits)
    try:
        return worker.ask(job)
    finally:
        worker.close()
