"""``newsgraph watch`` (issue 20): a folder kept built. An article written into the folder
is built (and only it is parsed), ``newsgraph query`` and an endpoint started before see it; a bad file is failed in
the manifest and the watch goes on; a removed article is gone from every file and from
the store."""
from __future__ import annotations

import json
import logging
import os
import queue
import threading
from pathlib import Path

import pyoxigraph as ox
import pytest

from newsgraph.cli import main
from newsgraph.export import DEFAULT_FORMATS
from newsgraph.options import BuildOptions
from newsgraph.watch import Round, watch

A = "Titre\n\nLe président malien a reçu mardi à Bamako le ministre russe des Affaires étrangères."
B = "Titre\n\nLe Tchad accuse le Soudan de soutenir les rebelles dans l'est du pays."
GRAPHS = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
#: as long as a round may take on a busy machine (a wait, not a timed assertion)
PATIENCE = 300


def land(folder: Path, name: str, data: bytes) -> None:
    """Write a file the way a feed drops it: under a hidden name, then renamed."""
    tmp = folder / f".{name}.part"
    tmp.write_bytes(data)
    os.replace(tmp, folder / name)


def manifest(out: Path) -> dict:
    return json.loads((out / "manifest.json").read_text(encoding="utf-8"))


def statuses(out: Path) -> dict[str, str]:
    return {i["id"]: i["status"] for i in manifest(out)["inputs"]}


def graphs(out: Path) -> set[str]:
    store = ox.Store.read_only(str(out / "store"))
    return {g.value for g in store.named_graphs()}


def test_a_watched_folder_is_kept_built(tmp_path, nlp, capsys):
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    land(src, "a.txt", A.encode("utf-8"))
    rounds: queue.Queue[Round] = queue.Queue()
    stop = threading.Event()
    options = BuildOptions(cache=tmp_path / "cache").check(nlp=nlp)
    thread = threading.Thread(target=watch, args=(src, out, options, list(DEFAULT_FORMATS)),
                              kwargs={"nlp": nlp, "interval": 0.05, "stop": stop, "on_round": rounds.put})
    thread.start()
    server = None
    try:
        first = rounds.get(timeout=PATIENCE)
        assert (first.documents, first.failed) == (1, 0) and statuses(out) == {"a": "done"}
        from newsgraph.export import remote
        from newsgraph.export.server import endpoint_url, start

        server, serving = start(out)  # `newsgraph serve` over the watched folder, started once
        endpoint = endpoint_url(server)
        assert len(remote.select(endpoint, GRAPHS)[1]) == 1

        land(src, "b.txt", B.encode("utf-8"))
        second = rounds.get(timeout=PATIENCE)
        assert second.changed == (str(src / "b.txt"),) and second.documents == 2
        assert manifest(out)["build"]["work"]["parsed"] == 1  # a came from the cache
        assert len(graphs(out)) == 2
        capsys.readouterr()
        assert main(["query", str(out), "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }", "--format", "csv"]) == 0
        assert sorted(capsys.readouterr().out.split()[1:]) == sorted(graphs(out))  # what the store holds, both
        assert len(remote.select(endpoint, GRAPHS)[1]) == 2  # the endpoint answers from the new build

        land(src, "c.txt", b"Titre\n\n\xff\xfe pas de l'UTF-8")
        third = rounds.get(timeout=PATIENCE)
        assert third.failed == 1 and third.documents == 2 and statuses(out)["c"] == "failed"
        assert thread.is_alive()

        (src / "a.txt").unlink()
        fourth = rounds.get(timeout=PATIENCE)
        assert fourth.removed == (str(src / "a.txt"),) and fourth.documents == 1
        assert "a" not in statuses(out)
        ids = [json.loads(line)["doc_id"] for line in (out / "documents.jsonl").read_text(encoding="utf-8").splitlines()]
        assert ids == ["b"] and len(graphs(out)) == 1 and len(remote.select(endpoint, GRAPHS)[1]) == 1
        assert "Bamako" not in (out / "graph.nq").read_text(encoding="utf-8")
        assert main(["validate", str(out)]) == 0
    finally:
        stop.set()
        thread.join(PATIENCE)
        if server is not None:
            server.shutdown()
            server.server_close()
            serving.join(timeout=10)
    assert not thread.is_alive()


def test_watch_once_from_the_command_line(tmp_path, capsys):
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    land(src, "a.txt", A.encode("utf-8"))
    assert main(["watch", str(src), "--out", str(out), "--once", "--cache", str(tmp_path / "cache")]) == 0
    assert "round 1: 1 new or changed, 0 removed -> 1 documents, 0 failed" in capsys.readouterr().out
    assert statuses(out) == {"a": "done"}
    land(src, "bad.txt", b"")
    assert main(["watch", str(src), "--out", str(out), "--once", "-q", "--cache", str(tmp_path / "cache")]) == 1
    assert statuses(out) == {"a": "done", "bad": "failed"}


@pytest.mark.parametrize("what", ["missing", "file"])
def test_watch_needs_a_folder(tmp_path, capsys, what):
    target = tmp_path / "nope"
    if what == "file":
        target.write_text(A, encoding="utf-8")
    assert main(["watch", str(target), "--out", str(tmp_path / "out"), "--once"]) == 2
    assert "[E100]" in capsys.readouterr().err


def test_a_round_reads_and_parses_only_what_changed(tmp_path, nlp, monkeypatch):
    from newsgraph.ingest import readers
    from newsgraph.watch import KeptCache, Watch

    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    land(src, "a.txt", A.encode("utf-8"))
    land(src, "b.txt", B.encode("utf-8"))
    reads: list[str] = []
    real = readers.read_txt
    monkeypatch.setattr(readers, "read_txt", lambda path, doc_id: reads.append(doc_id) or real(path, doc_id))
    options = BuildOptions(cache=KeptCache(tmp_path / "cache", listing=out / "manifest.json")).check(nlp=nlp)
    w = Watch(src, out, options, ["jsonl", "store", "manifest"], nlp=nlp)
    assert w.round() is not None and sorted(reads) == ["a", "b"]
    assert w.round() is None  # nothing changed: nothing done
    land(src, "a.txt", A.replace("mardi", "jeudi").encode("utf-8"))
    done = w.round()
    assert done is not None and done.changed == (str(src / "a.txt"),) and sorted(reads) == ["a", "a", "b"]
    assert manifest(out)["build"]["work"]["parsed"] == 1
    assert "jeudi" in (out / "documents.jsonl").read_text(encoding="utf-8")


def test_an_error_writing_the_folder_does_not_stop_the_watch(tmp_path, nlp, monkeypatch, caplog):
    from newsgraph.errors import Errors, NewsgraphError
    from newsgraph.watch import Watch

    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    land(src, "a.txt", A.encode("utf-8"))
    options = BuildOptions(cache=tmp_path / "cache").check(nlp=nlp)
    w = Watch(src, out, options, ["jsonl", "manifest"], nlp=nlp)
    real, calls = Watch._write, []

    def full_disk_once(self, kg, started):
        calls.append(1)
        if len(calls) == 1:
            raise NewsgraphError(Errors.E027, path=out / "documents.jsonl", detail="No space left on device",
                                 folder=out)
        return real(self, kg, started)

    monkeypatch.setattr(Watch, "_write", full_disk_once)
    logger = logging.getLogger("newsgraph.watch")  # the CLI's tests stop newsgraph's logs at its own logger
    logger.addHandler(caplog.handler)
    try:
        assert w.run(interval=0, rounds=3) == 1  # the first round failed, the second built, the third saw no change
    finally:
        logger.removeHandler(caplog.handler)
    assert len(calls) == 2 and statuses(out) == {"a": "done"}
    assert "[E027]" in caplog.text and "The watch goes on" in caplog.text


@pytest.mark.parametrize("option", [["--interval", "0"], ["--interval", "-1"], ["--interval", "nan"],
                                    ["--rounds", "0"]])
def test_watch_refuses_an_interval_or_a_number_of_rounds_it_cannot_keep(tmp_path, capsys, option):
    (tmp_path / "in").mkdir()
    assert main(["watch", str(tmp_path / "in"), "--out", str(tmp_path / "out"), *option]) == 2
    assert "[E101]" in capsys.readouterr().err and not (tmp_path / "out").exists()
