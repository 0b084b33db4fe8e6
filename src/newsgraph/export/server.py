"""A read-only SPARQL 1.1 endpoint over a build: pyoxigraph behind the standard
library's HTTP server, bound to 127.0.0.1.

``newsgraph serve DIR|STORE`` answers the query operation of the SPARQL 1.1 Protocol
at ``/query`` (``GET ?query=``, ``POST`` form-encoded or ``application/sparql-query``),
with the union of the named graphs as the default graph (unless the request names
``default-graph-uri``), in the results format the ``Accept`` header asks for (JSON by
default; XML, CSV, TSV; N-Triples, Turtle or N-Quads for CONSTRUCT and DESCRIBE). It
has no update operation. Each request runs in its own thread over one store.
"""
from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, cast
from urllib.parse import parse_qs, urlsplit

import pyoxigraph as ox

from ..errors import Errors, NewsgraphError
from ..types import PathLike

HOST = "127.0.0.1"
MAX_BODY = 1 << 20  # a query of more than 1 MB is refused
_RESULTS = [("application/sparql-results+json", ox.QueryResultsFormat.JSON),
            ("application/json", ox.QueryResultsFormat.JSON),
            ("application/sparql-results+xml", ox.QueryResultsFormat.XML),
            ("application/xml", ox.QueryResultsFormat.XML),
            ("text/csv", ox.QueryResultsFormat.CSV), ("text/tab-separated-values", ox.QueryResultsFormat.TSV)]
_GRAPHS = [("application/n-triples", ox.RdfFormat.N_TRIPLES), ("text/turtle", ox.RdfFormat.TURTLE),
           ("application/n-quads", ox.RdfFormat.N_QUADS), ("text/plain", ox.RdfFormat.N_TRIPLES)]


def _negotiate(accept: str, offers: list) -> tuple[str, Any]:
    """The first offer the ``Accept`` header names (by its order), else the first offer.

    >>> _negotiate("text/csv, */*;q=0.1", _RESULTS)[0]
    'text/csv'
    """
    for part in (accept or "").split(","):
        mime = part.split(";")[0].strip().lower()
        for offer in offers:
            if offer[0] == mime:
                return offer
    return offers[0]


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"

    def log_message(self, format, *args):  # noqa: A002 - quiet unless asked
        if self.server.verbose:
            super().log_message(format, *args)

    def _send(self, status: int, body: bytes, mime: str = "text/plain; charset=utf-8") -> None:
        self.send_response(status)
        self.send_header("Content-Type", mime)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _path_ok(self) -> bool:
        path = urlsplit(self.path).path.rstrip("/")
        if path in ("/query", "/sparql"):
            return True
        if path == "/update":
            self._send(405, b"This endpoint is read-only: it has no update operation.\n")
        else:
            self._send(404, b"The SPARQL endpoint is at /query.\n")
        return False

    def do_GET(self) -> None:  # noqa: N802 - the handler's protocol
        if self._path_ok():
            self._answer(parse_qs(urlsplit(self.path).query))

    def do_POST(self) -> None:  # noqa: N802
        if not self._path_ok():
            return
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY:
            self._send(413, b"The query is too long.\n")
            return
        body = self.rfile.read(length).decode("utf-8", "replace")
        kind = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        params = parse_qs(urlsplit(self.path).query)
        if kind == "application/x-www-form-urlencoded":
            params.update(parse_qs(body))
        elif kind == "application/sparql-query":
            params["query"] = [body]
        else:
            self._send(415, b"POST a form (query=...) or an application/sparql-query body.\n")
            return
        self._answer(params)

    def _answer(self, params: dict[str, list[str]]) -> None:
        if len(params.get("query", [])) != 1:
            self._send(400, b"Give one query: /query?query=SELECT...\n")
            return
        try:
            default: list[ox.NamedNode | ox.BlankNode | ox.DefaultGraph] = [
                ox.NamedNode(g) for g in params.get("default-graph-uri", [])]
            named: list[ox.NamedNode | ox.BlankNode] = [ox.NamedNode(g) for g in params.get("named-graph-uri", [])]
            result = self.server.store.query(params["query"][0], use_default_graph_as_union=not default,
                                             default_graph=default or None, named_graphs=named or None)
            if isinstance(result, ox.QueryTriples):
                mime, fmt = _negotiate(self.headers.get("Accept", ""), _GRAPHS)
            else:
                mime, fmt = _negotiate(self.headers.get("Accept", ""), _RESULTS)
            body = result.serialize(format=fmt)
        except (SyntaxError, ValueError) as e:
            self._send(400, f"{e}\n".encode())
            return
        except OSError as e:
            self._send(500, f"{e}\n".encode())
            return
        self._send(200, cast(bytes, body), mime + ("; charset=utf-8" if mime.startswith("text/") else ""))

    do_HEAD = do_GET  # noqa: N815


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, store: ox.Store, port: int, verbose: bool) -> None:
        self.store, self.verbose = store, verbose
        super().__init__((HOST, port), _Handler)


def make_server(store: ox.Store, port: int = 0, *, verbose: bool = False) -> _Server:
    """A SPARQL endpoint over ``store`` on 127.0.0.1 (``port=0``: any free port), not yet
    serving: call ``serve_forever()``, or :func:`start` for a background thread.
    Its address is ``endpoint_url(server)``."""
    try:
        return _Server(store, port, verbose)
    except OSError as e:
        raise NewsgraphError(Errors.E039, port=port, detail=e.strerror or e) from e


def endpoint_url(server: _Server) -> str:
    """``http://127.0.0.1:PORT/query``."""
    return f"http://{HOST}:{server.server_address[1]}/query"


def start(store: ox.Store, port: int = 0) -> tuple[_Server, threading.Thread]:
    """Serve ``store`` from a daemon thread; stop with ``server.shutdown()``.

    >>> s = ox.Store(); server, _ = start(s); endpoint_url(server).startswith("http://127.0.0.1:")
    True
    >>> server.shutdown(); server.server_close()
    """
    server = make_server(store, port)
    thread = threading.Thread(target=server.serve_forever, name="newsgraph-sparql", daemon=True)
    thread.start()
    return server, thread


def serve(target: PathLike, port: int = 7878, *, verbose: bool = False, ready=None) -> None:
    """Serve a build folder or a store until interrupted; ``ready(url)`` is called once
    the socket is open."""
    from .store import open_store

    server = make_server(open_store(target), port, verbose=verbose)
    if ready:
        ready(endpoint_url(server))
    try:
        server.serve_forever()
    finally:
        server.server_close()
