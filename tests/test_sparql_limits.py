"""Queries that must not run, or must stop (issue 21): SERVICE found by a parser (the three
ways the former text scan was bypassed), a nesting limit checked before any parser, a time
limit, an answer size and a memory size per query, each stopping the worker process."""
from __future__ import annotations

import socket
import threading

import pytest

from newsgraph.cli import main
from newsgraph.errors import NewsgraphError
from newsgraph.export.guard import MAX_DEPTH, check_query, nesting, uses_service
from newsgraph.export.workers import Job, Limits, QueryError, Worker, WorkerPool

CARTESIAN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


class Listener:
    """A local TCP listener that counts the connections it gets (a SERVICE call would be one)."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.2)
        self.hits = 0
        self.stop = False
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.sock.getsockname()[1]}/sparql"

    def _run(self):
        while not self.stop:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.hits += 1
            conn.close()

    def close(self):
        self.stop = True
        self.thread.join(timeout=5)
        self.sock.close()


@pytest.fixture()
def listener():
    x = Listener()
    yield x
    x.close()


def bypasses(url: str) -> dict[str, str]:
    """The three ways the text scan was bypassed (issue 21), and more of the same kind."""
    call = f"SERVICE <{url}> {{ ?a ?b ?c }}"
    return {
        "escaped hash in a local name": f"PREFIX ex: <http://ex.org/> SELECT * WHERE {{ ?s ex:p\\# ?o . {call} }}",
        "escaped quote in a local name": f"PREFIX ex: <http://ex.org/> SELECT * WHERE {{ ?s ex:p\\' ?o . {call} }} #'",
        "comment ended by a carriage return": f"SELECT * WHERE {{ ?s ?p ?o # x\r{call} }}",
        "lower case, silent": f"SELECT * WHERE {{ service silent <{url}> {{ ?a ?b ?c }} }}",
        "inside EXISTS": f"SELECT * WHERE {{ ?s ?p ?o FILTER EXISTS {{ {call} }} }}",
        "inside a subquery": f"SELECT * WHERE {{ {{ SELECT ?a WHERE {{ {call} }} }} }}",
        "a variable endpoint": "SELECT * WHERE { BIND(<" + url + "> AS ?u) SERVICE ?u { ?a ?b ?c } }",
        "a string holding a backslash escape": f"SELECT * WHERE {{ ?s ?p \"\\u005C\" . {call} ?s ?p \"\\u005C\" }}",
    }


@pytest.mark.parametrize("kind", list(bypasses("http://x/")))
def test_service_is_found_by_parsing(kind, seed_build, listener, capsys):
    query = bypasses(listener.url)[kind]
    with pytest.raises(NewsgraphError, match=r"\[E07[01]\]"):
        check_query(query)
    _, out = seed_build
    assert main(["query", str(out), query]) == 2
    err = capsys.readouterr().err
    assert "[E070]" in err or "[E071]" in err
    assert listener.hits == 0


@pytest.mark.parametrize("query", [
    "SELECT ?service WHERE { ?service ?p 'SERVICE' } # SERVICE",
    "PREFIX service: <http://ex.org/> SELECT * WHERE { ?s service:p ?o }",
    'SELECT * WHERE { ?s ?p """un service rendu""" }',
    "SELECT * WHERE { ?s <http://ex.org/service> ?o }",
])
def test_queries_that_only_name_the_word_run(query):
    assert not uses_service(query)
    check_query(query)


def test_the_endpoint_refuses_service_too(seed_build, listener):
    from newsgraph.export import remote
    from newsgraph.export.server import endpoint_url, start

    server, thread = start(seed_build[1], workers=1)
    try:
        for query in bypasses(listener.url).values():
            with pytest.raises(NewsgraphError, match=r"HTTP 400.*\[E07[01]\]"):
                remote.select(endpoint_url(server), query)
        assert listener.hits == 0
    finally:
        server.shutdown()
        server.server_close()


def deep(n: int) -> str:
    return "SELECT * WHERE " + "{" * n + " ?s ?p ?o " + "}" * n


def test_nesting_is_counted_outside_strings_iris_and_comments():
    assert nesting(deep(3)) == 3
    assert nesting("SELECT * WHERE { ?s ?p '{{{{' . ?s ?p \"\"\"}}}}\"\"\" } # {{{{") == 1
    assert nesting("SELECT * WHERE { ?s <http://ex.org/a(b)[c]> ?o FILTER((1 + (2))) }") == 4
    assert nesting("PREFIX e: <http://e/> SELECT * WHERE { ?s e:a\\{ ?o }") == 1
    hidden = "SELECT * WHERE { ?s ?p '}}}}' " + "{" * 500 + "?s ?p ?o" + "}" * 501
    assert nesting(hidden) == 501  # closing braces in a string hide no depth


@pytest.mark.parametrize("depth", [MAX_DEPTH + 1, 2500, 3000, 100_000])
def test_a_deep_query_is_refused_before_parsing(depth, seed_build, capsys):
    with pytest.raises(NewsgraphError, match=r"\[E069\]"):
        check_query(deep(depth))
    assert main(["query", str(seed_build[1]), deep(depth)]) == 2
    assert "[E069]" in capsys.readouterr().err


def test_a_query_nested_within_the_limit_runs(seed_build, capsys):
    assert main(["query", str(seed_build[1]), deep(MAX_DEPTH), "--format", "csv"]) == 0


def test_a_long_query_stops_at_its_time_limit_and_its_worker_is_gone(seed_build):
    worker = Worker(seed_build[1], Limits(seconds=1.0))
    try:
        with pytest.raises(QueryError, match=r"\[E072\]"):
            worker.ask(Job(query=CARTESIAN))
        assert not worker.alive()  # killed: the query does not go on after its client left
    finally:
        worker.close()


def test_the_cli_stops_a_long_query(seed_build, capsys):
    assert main(["query", str(seed_build[1]), CARTESIAN, "--timeout", "1"]) == 2
    assert "[E072]" in capsys.readouterr().err


def test_a_large_answer_is_stopped(seed_build):
    worker = Worker(seed_build[1], Limits(answer_bytes=10_000))
    try:
        with pytest.raises(QueryError, match=r"\[E073\]"):
            worker.ask(Job(query="SELECT * WHERE { ?s ?p ?o }"))
        assert worker.ask(Job(query="SELECT * WHERE { ?s ?p ?o } LIMIT 2"))[1]  # the worker goes on
    finally:
        worker.close()


def test_a_query_that_takes_too_much_memory_kills_only_its_worker(seed_build):
    pool = WorkerPool(seed_build[1], 1, Limits(seconds=120, memory=700 << 20))
    try:
        with pytest.raises(QueryError, match=r"\[E07[24]\]"):
            pool.ask(Job(query="SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?a ?c ?f ?e"))
        _, body = pool.ask(Job(query="ASK { ?s ?p ?o }"))  # a fresh worker answers
        assert b"true" in body
    finally:
        pool.close()
