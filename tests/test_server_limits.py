"""The endpoint under an unlucky or hostile client (issue 21): Content-Length checked,
stalled connections bounded and dropped, a Host allow-list, no traceback, a deep query
refused while the server stays up, a rebuild noticed; and `query --endpoint` against
endpoints that answer badly."""
from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from urllib.parse import quote

import pytest

from newsgraph.cli import main
from newsgraph.export import server as server_module

COUNT = "SELECT (COUNT(?a) AS ?n) WHERE { ?a a <https://schema.org/NewsArticle> }"


@pytest.fixture()
def endpoint(seed_build, monkeypatch):
    monkeypatch.setattr(server_module, "READ_SECONDS", 1.0)
    monkeypatch.setattr(server_module._Handler, "timeout", 1.0)
    server, thread = server_module.start(seed_build[1], workers=1)
    yield server, server.server_address[1]
    server.shutdown()
    server.server_close()
    thread.join(timeout=10)


def raw(port: int, request: bytes, wait: float = 10.0) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=wait) as s:
        s.sendall(request)
        chunks = []
        while True:
            try:
                chunk = s.recv(65536)
            except (socket.timeout, ConnectionResetError):
                break
            if not chunk:
                break
            chunks.append(chunk)
        return b"".join(chunks)


def post(port: int, body: bytes, length: str | None, host: str = "127.0.0.1") -> bytes:
    head = f"POST /query HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/sparql-query\r\n"
    if length is not None:
        head += f"Content-Length: {length}\r\n"
    return raw(port, head.encode() + b"\r\n" + body)


def status(answer: bytes) -> int:
    return int(answer.split(b" ", 2)[1])


def get(port: int, query: str, host: str = "127.0.0.1") -> bytes:
    return raw(port, f"GET /query?query={quote(query)} HTTP/1.1\r\nHost: {host}\r\n\r\n".encode())


def test_a_good_query_answers(endpoint):
    _, port = endpoint
    answer = post(port, COUNT.encode(), str(len(COUNT.encode())))
    assert status(answer) == 200 and b'"value":"1"' in answer


@pytest.mark.parametrize("length, expected", [("-1", 400), ("abc", 400), (" 1e3", 400), (str(10 ** 9), 413),
                                              (None, 411), ("99999999999999999999", 400)])
def test_content_length_is_checked(endpoint, length, expected):
    _, port = endpoint
    answer = post(port, COUNT.encode() + b"x" * 1000, length)
    assert status(answer) == expected and b"Traceback" not in answer


def test_a_short_body_is_refused_at_the_deadline(endpoint):
    _, port = endpoint
    started = time.perf_counter()
    answer = post(port, b"SELECT", "1000")
    assert time.perf_counter() - started < 10  # dropped at the read deadline, not left open
    assert answer == b"" or status(answer) == 400


@pytest.mark.parametrize("host, expected", [("localhost:1", 200), ("127.0.0.1", 200), ("[::1]:8", 200),
                                            ("evil.example", 403), ("localhost.evil.example", 403),
                                            ("127.0.0.1.nip.io", 403)])
def test_the_host_must_be_this_machines(endpoint, host, expected):
    _, port = endpoint
    assert status(get(port, COUNT, host)) == expected


def test_stalled_connections_are_bounded_and_dropped(endpoint):
    server, port = endpoint
    before = threading.active_count()
    stalled = []
    for _ in range(150):  # slowloris: a request head that never ends
        s = socket.create_connection(("127.0.0.1", port), timeout=10)
        s.sendall(b"GET /query?query=ASK%7B%7D HTTP/1.1\r\nHost: 127.0.0.1\r\nX-a: ")
        stalled.append(s)
    time.sleep(0.5)
    assert threading.active_count() - before <= server_module.THREADS + 2  # a bounded pool, not a thread each
    time.sleep(server_module.READ_SECONDS + 1.5)
    ended = 0
    for s in stalled:
        s.settimeout(2)
        try:
            while s.recv(1000):  # a 503 at once, or nothing: then the end of the connection
                pass
            ended += 1
        except socket.timeout:
            pass
        except OSError:  # reset: ended too
            ended += 1
        s.close()
    assert ended == len(stalled)  # the server ended every stalled connection
    assert status(get(port, COUNT)) == 200  # and answers again


def test_a_deep_query_is_refused_and_the_server_stays_up(endpoint):
    _, port = endpoint
    deep = "SELECT * WHERE " + "{" * 2500 + " ?s ?p ?o " + "}" * 2500
    answer = post(port, deep.encode(), str(len(deep)))
    assert status(answer) == 400 and b"[E069]" in answer
    assert status(get(port, COUNT)) == 200


def test_a_long_query_is_stopped_and_the_server_answers_others(seed_build):
    from newsgraph.export.workers import Limits

    server, thread = server_module.start(seed_build[1], workers=1, limits=Limits(seconds=1.0))
    try:
        port = server.server_address[1]
        cartesian = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
        answer = get(port, cartesian)
        assert status(answer) == 503 and b"[E072]" in answer
        assert status(get(port, COUNT)) == 200
    finally:
        server.shutdown()
        server.server_close()


def _serve(target, *extra):
    proc = subprocess.Popen([sys.executable, "-m", "newsgraph", "serve", str(target), "--port", "0", *extra],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    first: list[str] = []
    reader = threading.Thread(target=lambda: first.append(proc.stdout.readline()), daemon=True)
    reader.start()
    reader.join(timeout=90)
    assert first and "http://127.0.0.1:" in first[0], proc.stderr.read() if proc.poll() is not None else ""
    port = int(first[0].split("http://127.0.0.1:")[1].split("/")[0])
    return proc, port


def test_no_traceback_for_clients_that_misbehave(seed_build):
    proc, port = _serve(seed_build[1])
    try:
        post(port, b"x", "abc")
        post(port, b"x", "-1")
        with socket.create_connection(("127.0.0.1", port)) as s:  # a client that leaves at once
            s.sendall(f"GET /query?query={quote(COUNT)} HTTP/1.1\r\nHost: localhost\r\n\r\n".encode())
        raw(port, b"\x16\x03\x01 not http at all\r\n\r\n")
        assert status(get(port, COUNT)) == 200
    finally:
        proc.terminate()
        _, err = proc.communicate(timeout=30)
    assert "Traceback" not in err, err


def test_a_running_server_answers_from_a_rebuilt_folder(tmp_path, nlp):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text("Titre\n\nLe Mali accuse la France.", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["build", str(src), "--out", str(out), "-q"]) == 0
    proc, port = _serve(out)
    try:
        assert b'"value":"1"' in get(port, COUNT)
        (src / "b.txt").write_text("Titre\n\nLe Niger accuse le Bénin.", encoding="utf-8")
        assert main(["build", str(src), "--out", str(out), "-q"]) == 0
        assert b'"value":"2"' in get(port, COUNT)
    finally:
        proc.terminate()
        _, err = proc.communicate(timeout=30)
    assert "changed" in err and "Traceback" not in err


@pytest.mark.parametrize("port", ["99999", "-1", "65536"])
def test_serve_on_an_impossible_port_is_a_coded_error(seed_build, port, capsys):
    assert main(["serve", str(seed_build[1]), "--port", port]) == 2
    assert "[E039]" in capsys.readouterr().err


# ---- query --endpoint against endpoints that answer badly

ANSWERS = {
    "not json": (200, "application/sparql-results+json", b"<html>bonjour</html>"),
    "wrong shape": (200, "application/sparql-results+json", b'{"head": [], "results": 3}'),
    "bindings not terms": (200, "application/sparql-results+json",
                           b'{"head": {"vars": ["n"]}, "results": {"bindings": [{"n": 5}]}}'),
    "deep": (200, "application/sparql-results+json", b"[" * 100_000 + b"]" * 100_000),
    "not utf-8": (200, "application/sparql-results+json", b'{"head": {"vars": ["n"]}, "results": {"bindings": '
                                                          b'[{"n": {"value": "\xff\xfe"}}]}}'),
    "redirect to ftp": (302, "ftp://127.0.0.1/x", b""),
    "redirect to file": (302, "file:///etc/passwd", b""),
}


class _Bad(BaseHTTPRequestHandler):
    answer = (200, "text/plain", b"")

    def do_POST(self):  # noqa: N802
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        code, kind, body = self.answer
        self.send_response(code)
        if code == 302:
            self.send_header("Location", kind)
        else:
            self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.mark.parametrize("kind", list(ANSWERS))
@pytest.mark.parametrize("question", [["SELECT * WHERE { ?s ?p ?o }"], ["--who-met", "Mali"],
                                      ["--format", "csv", "SELECT * WHERE { ?s ?p ?o }"]])
def test_query_endpoint_against_a_broken_endpoint_is_a_coded_error(kind, question, capsys):
    handler = type("H", (_Bad,), {"answer": ANSWERS[kind]})
    httpd = HTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{httpd.server_address[1]}/sparql"
        code = main(["query", "--endpoint", url, *question])
        err = capsys.readouterr().err
        if question[0] == "--format" and kind in ("not json", "wrong shape", "bindings not terms", "deep"):
            assert code == 0  # CSV asked: the answer is passed on as it came, once it is UTF-8 text
        else:
            assert code == 2 and ("[E077]" in err or "[E038]" in err), err
            assert "internal error" not in err
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_query_output_into_a_closed_pipe_ends_quietly(seed_build):
    r = subprocess.run(f"{sys.executable} -m newsgraph query {seed_build[1]} --timeline Mali | head -1",
                       shell=True, capture_output=True, text=True, timeout=120)
    assert r.stdout.startswith("date") and "Error" not in r.stderr and "internal" not in r.stderr, r.stderr
    r = subprocess.run(["bash", "-c", f"set -o pipefail; {sys.executable} -m newsgraph query {seed_build[1]} "
                        "'SELECT * WHERE { ?s ?p ?o }' --format csv | head -1"], capture_output=True, text=True,
                       timeout=120)
    assert r.returncode == 0 and r.stderr == "", r.stderr
