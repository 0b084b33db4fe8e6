"""The store a build writes, the name index, named questions by IRI, `newsgraph load`,
the SPARQL endpoint of `newsgraph serve` and `newsgraph query --endpoint`, `--no-mentions`."""
from __future__ import annotations

import subprocess
import sys
import threading

import pyoxigraph as ox
import pytest

from newsgraph.errors import NewsgraphError

ML = "https://newsgraph.example.org/actor/country/ML"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"


def _cli(*args, timeout=120):
    return subprocess.run([sys.executable, "-m", "newsgraph", *map(str, args)], capture_output=True, text=True,
                          timeout=timeout)


def _old_question(key: str) -> str:
    """The question as it was asked before names were resolved first: the name matched
    inside the query, every property joined in one pattern."""
    from newsgraph.vocab.queries import FORMER

    return FORMER[key]


def test_a_build_writes_a_store_and_a_name_index(seed_build):
    from newsgraph.export.sparql import select
    from newsgraph.export.store import load_store
    from newsgraph.export.store import is_store, names_of, open_store

    _, out = seed_build
    assert is_store(out / "store")
    index = names_of(out)
    assert index["mali"] == [ML] and ML in index["bamako"]  # the capital stands for the state
    assert select(open_store(out), COUNT) == select(load_store(out), COUNT)


@pytest.mark.parametrize("key", ["who_met", "visitors_of", "timeline"])
@pytest.mark.parametrize("name", ["Mali", "mali", "MALI", "Russie", "nobody at all"])
def test_named_questions_by_iri_answer_as_the_name_filter_did(seed_build, key, name):
    from newsgraph.export.sparql import named_question, rows, select
    from newsgraph.export.store import load_store
    from newsgraph.export.store import names_of, open_store

    _, out = seed_build
    before = select(load_store(out), _old_question(key), name=name)
    with_index = rows(named_question(open_store(out), key, name, names_of(out)))
    without_index = rows(named_question(load_store(out), key, name))
    assert with_index == without_index == before
    if name.lower() == "mali" and key != "visitors_of":
        assert before[1], "the seed has Mali in events"


def test_query_cli_reads_the_store_and_the_index(seed_build, tmp_path):
    import shutil

    _, out = seed_build
    shutil.copytree(out, tmp_path / "out", ignore=shutil.ignore_patterns("graph.nq"))
    r = _cli("query", tmp_path / "out", "--visitors-of", "mali", "--format", "csv")  # no graph.nq to read
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines()[0].split(",")[-1] == "name" and "Sergueï Lavrov" in r.stdout
    assert r.stdout == _cli("query", out, "--visitors-of", "mali", "--format", "csv").stdout


def test_load_bulk_loads_a_build_into_a_store(seed_build, tmp_path):
    from newsgraph.export.sparql import select
    from newsgraph.export.store import load_store
    from newsgraph.export.store import load_into_store

    _, out = seed_build
    n = load_into_store(out, tmp_path / "st")
    assert n == len(load_store(out))
    assert load_into_store(out, tmp_path / "st") == n  # loading again adds nothing new
    in_graphs = select(load_store(out), COUNT)[1][0][0]  # the quads of the named graphs
    r = _cli("query", tmp_path / "st", COUNT, "--format", "csv")
    assert r.returncode == 0 and r.stdout.split() == ["n", in_graphs]
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "notes.txt").write_text("à garder", encoding="utf-8")
    with pytest.raises(NewsgraphError, match=r"\[E035\]"):
        load_into_store(out, tmp_path / "other")
    r = _cli("load", out, "--store", tmp_path / "other")
    assert r.returncode == 2 and "[E035]" in r.stderr


@pytest.fixture()
def endpoint(seed_build):
    from newsgraph.export.server import endpoint_url, start
    from newsgraph.export.store import open_store

    server, thread = start(seed_build[1])
    yield endpoint_url(server)
    server.shutdown()
    server.server_close()
    thread.join(timeout=10)


def test_the_endpoint_answers_over_http_with_the_union_default_graph(endpoint, seed_build):
    import json
    from urllib.request import Request, urlopen

    from newsgraph.export import remote
    from newsgraph.export.sparql import select
    from newsgraph.export.store import load_store

    assert endpoint.startswith("http://127.0.0.1:")
    assert remote.select(endpoint, COUNT) == select(load_store(seed_build[1]), COUNT)
    countries = "SELECT ?n WHERE { ?a a <https://schema.org/Country> ; <https://schema.org/name> ?n } ORDER BY ?n"
    assert ["Mali"] in remote.select(endpoint, countries)[1]
    with urlopen(endpoint + "?query=ASK%7B%3Fs%20%3Fp%20%3Fo%7D", timeout=10) as r:  # GET, JSON by default
        assert json.loads(r.read()) == {"head": {}, "boolean": True}
    post = Request(endpoint, data=countries.encode(), method="POST",
                   headers={"Content-Type": "application/sparql-query", "Accept": "text/csv"})
    with urlopen(post, timeout=10) as r:
        assert r.headers["Content-Type"].startswith("text/csv") and "Mali" in r.read().decode()
    assert remote.ask(endpoint, countries, "tsv").decode().startswith("?n")


@pytest.mark.parametrize("key", ["who_met", "visitors_of", "timeline"])
def test_named_questions_over_the_endpoint_answer_as_locally(endpoint, seed_build, key):
    from newsgraph.export import remote
    from newsgraph.export.sparql import select
    from newsgraph.export.store import load_store

    local = select(load_store(seed_build[1]), _old_question(key), name="Mali")
    assert remote.select(endpoint, remote.named_question(endpoint, key, "Mali")) == local


def test_the_endpoint_refuses_bad_queries_updates_and_other_schemes(endpoint):
    from urllib.error import HTTPError
    from urllib.request import Request, urlopen

    from newsgraph.export import remote

    with pytest.raises(NewsgraphError, match=r"\[E038\].*HTTP 400"):
        remote.select(endpoint, "SELEC rien")
    with pytest.raises(HTTPError) as e:
        urlopen(Request(endpoint.replace("/query", "/update"), data=b"update=CLEAR ALL", method="POST"), timeout=10)
    assert e.value.code == 405
    for url in ("file:///etc/hostname", "ftp://127.0.0.1/query", "127.0.0.1:7878/query"):
        with pytest.raises(NewsgraphError, match=r"\[E037\]"):
            remote.ask(url, "ASK {}")


def test_serve_and_query_endpoint_from_the_command_line(seed_build):
    _, out = seed_build
    server = subprocess.Popen([sys.executable, "-m", "newsgraph", "serve", str(out), "--port", "0"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        first: list[str] = []
        reader = threading.Thread(target=lambda: first.append(server.stdout.readline()), daemon=True)
        reader.start()
        reader.join(timeout=60)
        assert first and "http://127.0.0.1:" in first[0], server.stderr.read() if server.poll() is not None else ""
        url = next(w for w in first[0].split() if w.startswith("http://"))
        r = _cli("query", "--endpoint", url, "--who-met", "Mali", timeout=60)
        assert r.returncode == 0, r.stderr
        assert r.stdout == _cli("query", out, "--who-met", "Mali").stdout
        r = _cli("query", "--endpoint", url, out, "SELECT * {}")
        assert r.returncode == 2 and "not both" in r.stderr
    finally:
        server.terminate()
        server.wait(timeout=30)


SENTENCE = ("Le président malien Assimi Goïta a reçu mardi à Bamako le ministre français des "
            "Affaires étrangères. Le Mali accuse la France de soutenir les groupes armés.")


def test_no_mentions_leaves_the_mention_spans_out_of_the_rdf(monkeypatch):
    import newsgraph
    from newsgraph.export.jsonl import generate_documents
    from newsgraph.export.quads import dataset_quads

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # both builds' provenance at one time
    itsrdf = "http://www.w3.org/2005/11/its/rdf#taIdentRef"
    trigger = "https://w3id.org/newsgraph/ns#trigger"
    full = newsgraph.build_texts([("a1", SENTENCE, {"dct": "2024-03-05"})])
    lean = newsgraph.build_texts([("a1", SENTENCE, {"dct": "2024-03-05"})], mentions=False)
    with_m, without = list(dataset_quads(full)), list(dataset_quads(lean))
    assert any(q.predicate.value == itsrdf for q in with_m)
    assert not any(q.predicate.value == itsrdf for q in without)
    assert {q for q in with_m if q.predicate.value == trigger} == {q for q in without if q.predicate.value == trigger}
    assert set(without) < set(with_m) and len(without) < len(with_m)
    assert lean.info.mentions is False and full.info.mentions is True
    assert list(generate_documents(full)) == list(generate_documents(lean))  # documents.jsonl keeps them


def test_no_mentions_flag_of_build(tmp_path):
    (tmp_path / "a1.txt").write_text("Visite à Bamako\n\n" + SENTENCE + "\n", encoding="utf-8")
    r = _cli("build", tmp_path / "a1.txt", "--out", tmp_path / "out", "--no-mentions", "-q",
             "--formats", "nquads,manifest", timeout=300)
    assert r.returncode == 0, r.stderr
    nq = (tmp_path / "out" / "graph.nq").read_text(encoding="utf-8")
    assert "taIdentRef" not in nq and "#trigger>" in nq
    assert '"mentions": false' in (tmp_path / "out" / "manifest.json").read_text(encoding="utf-8")
