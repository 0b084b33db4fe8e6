"""A read-only SPARQL 1.1 endpoint over a build, bound to 127.0.0.1.

``newsgraph serve DIR|STORE`` answers the query operation of the SPARQL 1.1 Protocol
at ``/query`` (``GET ?query=``, ``POST`` form-encoded or ``application/sparql-query``),
with the union of the named graphs as the default graph (unless the request names
``default-graph-uri``), in the results format the ``Accept`` header asks for (JSON by
default; XML, CSV, TSV; N-Triples, Turtle or N-Quads for CONSTRUCT and DESCRIBE). It
has no update operation.

What a client can take is bounded:

- **Threads**: :data:`THREADS` requests are handled at once and :data:`QUEUED` more
  wait; a connection beyond those is answered 503 at once. A connection has
  :data:`READ_SECONDS` to send its request (head and body), and is closed after its
  answer (no keep-alive): a stalled client holds one thread for that long at most.
  The listen backlog is :data:`BACKLOG`.
- **Requests**: ``Content-Length`` must be a number of at most :data:`MAX_BODY`
  (400, 411 or 413 otherwise); the ``Host`` must be a name of this machine
  (``localhost``, ``127.0.0.1``, ``[::1]``): a page of another site that a browser
  reaches through DNS rebinding is refused (403). Errors are one line of text, never a
  traceback.
- **Queries** run in worker processes (:mod:`newsgraph.export.workers`): checked first
  (size, nesting, no SERVICE: :mod:`newsgraph.export.guard`), stopped at a time limit,
  an answer size and a memory size; a crash of the engine is a worker's, not the
  server's.
- **Rebuilds**: when the build in the folder is written again, the workers are replaced
  and the endpoint answers from the new build (and says so on stderr).

The standard library's HTTP server is kept, with these bounds, rather than another
server library: what takes a SPARQL endpoint down is the queries, which no HTTP library
bounds (that is the workers' part); the HTTP side is small, has no dependency to keep up,
and each of its limits is tested (``tests/test_server_limits.py``).
"""
from __future__ import annotations

import logging
import re
import socket
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import cast
from urllib.parse import parse_qs, urlsplit

import pyoxigraph as ox

from ..errors import Errors, NewsgraphError
from ..types import PathLike
from .workers import Job, Limits, QueryError, WorkerPool

HOST = "127.0.0.1"
MAX_BODY = 1 << 20  # a query of more than 1 MB is refused
THREADS = 16
QUEUED = 64
BACKLOG = 128
READ_SECONDS = 10.0
WORKERS = 2
#: The names this machine answers to; any port.
_HOSTS = re.compile(r"(?:localhost|127\.0\.0\.1|\[::1\])(?::\d{1,5})?", re.IGNORECASE)
log = logging.getLogger(__name__)


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"
    timeout = READ_SECONDS  # each read of the request (the socket's timeout)

    def log_message(self, format, *args):  # noqa: A002 - quiet unless asked
        if self.server.verbose:
            super().log_message(format, *args)

    def _read(self) -> None:
        """The request is read: no deadline while its query runs."""
        self.server.watchdog.forget(self.connection)

    def finish(self) -> None:
        self._read()
        try:
            super().finish()
        except OSError:  # the client left
            pass

    def send_error(self, code, message=None, explain=None):  # noqa: D102 - plain text, no HTML
        self.close_connection = True
        try:
            self._send(code, f"{message or self.responses.get(code, ('',))[0]}\n".encode("utf-8", "replace"))
        except OSError:
            pass

    def _send(self, status: int, body: bytes, mime: str = "text/plain; charset=utf-8") -> None:
        self.close_connection = True
        self.send_response(status)
        self.send_header("Content-Type", mime)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Connection", "close")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _refuse(self, status: int, text: str) -> None:
        self._send(status, (str(NewsgraphError(Errors.E076, detail=text)) + "\n").encode("utf-8"))

    def _checked(self) -> bool:
        """The request's host and path are ones this endpoint answers."""
        host = self.headers.get("Host")
        if host is not None and not _HOSTS.fullmatch(host.strip()):
            self._refuse(403, f"Host {host.strip()[:100]!r} is not this machine's name: the endpoint answers "
                              "requests to localhost, 127.0.0.1 or [::1] only.")
            return False
        path = urlsplit(self.path).path.rstrip("/")
        if path in ("/query", "/sparql"):
            return True
        if path == "/update":
            self._send(405, b"This endpoint is read-only: it has no update operation.\n")
        else:
            self._send(404, b"The SPARQL endpoint is at /query.\n")
        return False

    def do_GET(self) -> None:  # noqa: N802 - the handler's protocol
        if self._checked():
            self._read()
            self._answer(parse_qs(urlsplit(self.path).query))

    def _body(self) -> bytes | None:
        raw = self.headers.get("Content-Length")
        if raw is None:
            self._refuse(411, "A POST needs a Content-Length.")
            return None
        if not re.fullmatch(r"\s*\d{1,12}\s*", raw):
            self._refuse(400, f"Content-Length {raw[:40]!r} is not a number of bytes.")
            return None
        length = int(raw)
        if length > MAX_BODY:
            self._refuse(413, f"The query is {length} bytes long; at most {MAX_BODY} are read.")
            return None
        body = self.rfile.read(length)
        if len(body) != length:
            self._refuse(400, "The request ended before its Content-Length.")
            return None
        return body

    def do_POST(self) -> None:  # noqa: N802
        if not self._checked():
            return
        body = self._body()
        if body is None:
            return
        self._read()
        text = body.decode("utf-8", "replace")
        kind = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        params = parse_qs(urlsplit(self.path).query)
        if kind == "application/x-www-form-urlencoded":
            params.update(parse_qs(text))
        elif kind == "application/sparql-query":
            params["query"] = [text]
        else:
            self._send(415, b"POST a form (query=...) or an application/sparql-query body.\n")
            return
        self._answer(params)

    def _answer(self, params: dict[str, list[str]]) -> None:
        if len(params.get("query", [])) != 1:
            self._send(400, b"Give one query: /query?query=SELECT...\n")
            return
        job = Job(query=params["query"][0], accept=self.headers.get("Accept", "") or "*/*",
                  default_graphs=tuple(params.get("default-graph-uri", [])),
                  named_graphs=tuple(params.get("named-graph-uri", [])))
        try:
            mime, body = self.server.pool.ask(job)
        except QueryError as e:
            self._send(e.status, f"{e}\n".encode())
            return
        except NewsgraphError as e:
            self._send(400, f"{e}\n".encode())
            return
        self._send(200, cast(bytes, body), mime + ("; charset=utf-8" if mime.startswith("text/") else ""))

    do_HEAD = do_GET  # noqa: N815


class _Watchdog:
    """One thread that shuts the connections down whose deadline has passed (one timer
    thread a connection would double the threads a stalled client holds)."""

    def __init__(self) -> None:
        self.deadlines: dict[socket.socket, float] = {}
        self.lock = threading.Lock()
        self.stopped = threading.Event()
        threading.Thread(target=self._run, name="newsgraph-deadlines", daemon=True).start()

    def watch(self, conn: socket.socket, seconds: float) -> None:
        with self.lock:
            self.deadlines[conn] = time.monotonic() + seconds

    def forget(self, conn: socket.socket) -> None:
        with self.lock:
            self.deadlines.pop(conn, None)

    def _run(self) -> None:
        while not self.stopped.wait(0.2):
            now = time.monotonic()
            with self.lock:
                late = [c for c, t in self.deadlines.items() if t <= now]
                for c in late:
                    del self.deadlines[c]
            for c in late:
                try:
                    c.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

    def stop(self) -> None:
        self.stopped.set()


class _Server(HTTPServer):
    """An HTTP server whose requests run on a bounded pool of threads."""

    request_queue_size = BACKLOG
    allow_reuse_address = True

    def __init__(self, pool: WorkerPool, port: int, verbose: bool) -> None:
        self.pool, self.verbose = pool, verbose
        self.executor = ThreadPoolExecutor(max_workers=THREADS, thread_name_prefix="newsgraph-http")
        self.slots = threading.BoundedSemaphore(THREADS + QUEUED)
        self.watchdog = _Watchdog()
        super().__init__((HOST, port), _Handler)

    def process_request(self, request, client_address) -> None:
        if not self.slots.acquire(blocking=False):
            try:
                request.sendall(b"HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain\r\n"
                                b"Content-Length: 20\r\nConnection: close\r\n\r\nToo many requests.\n\n")
            except OSError:
                pass
            self.shutdown_request(request)
            return
        # the whole request (head and body) within READ_SECONDS of its connection, however
        # slowly it comes, and however long it waited for a thread
        self.watchdog.watch(request, READ_SECONDS)
        self.executor.submit(self._work, request, client_address)

    def _work(self, request, client_address) -> None:
        try:
            self.finish_request(request, client_address)
        except Exception:  # noqa: BLE001 - one line, never a traceback
            self.handle_error(request, client_address)
        finally:
            self.watchdog.forget(request)
            self.shutdown_request(request)
            self.slots.release()

    def handle_error(self, request, client_address) -> None:
        if self.verbose:
            e = sys.exc_info()[1]
            print(f"newsgraph: note: a request from {client_address[0]} failed: {type(e).__name__}: {e}",
                  file=sys.stderr)

    def server_close(self) -> None:
        super().server_close()
        self.watchdog.stop()
        self.executor.shutdown(wait=False, cancel_futures=True)
        self.pool.close()


def _check_port(port: object) -> int:
    if isinstance(port, bool) or not isinstance(port, int) or not 0 <= port <= 65535:
        raise NewsgraphError(Errors.E039, port=port, detail="a port is a number from 0 to 65535")
    return port


def make_server(target: PathLike, port: int = 0, *, verbose: bool = False, limits: Limits | None = None,
                workers: int = WORKERS) -> _Server:
    """A SPARQL endpoint over ``target`` (a build folder or a store folder) on 127.0.0.1
    (``port=0``: any free port), not yet serving: call ``serve_forever()``, or
    :func:`start` for a background thread. Its address is ``endpoint_url(server)``."""
    _check_port(port)

    def changed() -> None:
        log.warning("The build in %s changed: the endpoint answers from the new one.", target)

    pool = WorkerPool(target, workers, limits or Limits(seconds=15.0, answer_bytes=64 << 20, memory=2 << 30),
                      on_change=changed)
    try:
        return _Server(pool, port, verbose)
    except OSError as e:
        pool.close()
        raise NewsgraphError(Errors.E039, port=port, detail=e.strerror or e) from e
    except OverflowError as e:
        pool.close()
        raise NewsgraphError(Errors.E039, port=port, detail=e) from e


def endpoint_url(server: _Server) -> str:
    """``http://127.0.0.1:PORT/query``."""
    return f"http://{HOST}:{server.server_address[1]}/query"


def start(target: PathLike, port: int = 0, **kwargs) -> tuple[_Server, threading.Thread]:
    """Serve ``target`` from a daemon thread; stop with ``server.shutdown()`` and
    ``server.server_close()``."""
    server = make_server(target, port, **kwargs)
    thread = threading.Thread(target=server.serve_forever, name="newsgraph-sparql", daemon=True)
    thread.start()
    return server, thread


def serve(target: PathLike, port: int = 7878, *, verbose: bool = False, ready=None,
          limits: Limits | None = None) -> None:
    """Serve a build folder or a store until interrupted; ``ready(url)`` is called once
    the socket is open."""
    from .store import check_target

    check_target(target)  # a folder that holds no build is a coded error here, before any worker
    server = make_server(target, port, verbose=verbose, limits=limits)
    if ready:
        ready(endpoint_url(server))
    try:
        server.serve_forever()
    finally:
        server.server_close()
