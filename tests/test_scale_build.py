"""Issue 12: parallel (--jobs), incremental (cache, --add) and distributed (--engine dask)
builds give the same documents as a plain build."""
from __future__ import annotations

import pickle

import pytest

from newsgraph import builder, engines
from newsgraph.resolve import articles
from newsgraph.cli import main
from newsgraph.records import Work

ARTICLES = {
    "a.txt": "Visite à Bamako\n\nLe président malien a reçu mardi à Bamako le ministre français des "
             "Affaires étrangères. Les deux hommes ont signé un accord de coopération militaire.",
    "b.txt": "Tensions à Niamey\n\nLe Niger a rappelé son ambassadeur à Paris le 3 mars 2023. Le "
             "gouvernement nigérien accuse la France d'ingérence dans ses affaires intérieures.",
    "c.txt": "Sommet à Abidjan\n\nLe président ivoirien Alassane Ouattara a rencontré jeudi le président "
             "ghanéen à Abidjan. Ils ont condamné l'attaque contre une base de l'armée burkinabè.",
    "d.txt": "Dakar et Nouakchott\n\nLe Sénégal et la Mauritanie ont conclu lundi un accord sur le gaz. "
             "Le ministre sénégalais de l'Énergie s'est rendu à Nouakchott pour la signature.",
}


@pytest.fixture()
def inputs(inputs_of):
    return inputs_of(ARTICLES)


def _build(*args) -> None:
    assert main(["build", *map(str, args), "-q", "--formats", "jsonl"]) == 0


@pytest.fixture()
def parses(monkeypatch):
    """How many articles went through the spaCy pipeline in this process."""
    seen: list[str] = []
    real = articles.parse_safely

    def counting(nlp, articles, batch_size):
        seen.extend(a.id for a in articles)
        yield from real(nlp, articles, batch_size)

    monkeypatch.setattr(articles, "parse_safely", counting)
    return seen


def test_records_cross_processes_by_pickle(extract):
    rec = extract("Le Mali a rappelé son ambassadeur à Paris. Le président malien a reçu le ministre "
                  "français à Bamako.")
    again = pickle.loads(pickle.dumps(rec))
    assert again == rec and again.actors and again.events


def test_two_jobs_write_the_same_bytes_as_one(inputs, tmp_path):
    _build(inputs, "--out", tmp_path / "one", "--no-cache")
    _build(inputs, "--out", tmp_path / "two", "--no-cache", "--jobs", "2")
    one = (tmp_path / "one" / "documents.jsonl").read_bytes()
    assert one.count(b"\n") == 4
    assert (tmp_path / "two" / "documents.jsonl").read_bytes() == one
    assert (tmp_path / "two" / "manifest.json").read_text().count('"status": "done"') == 4


def test_jobs_keep_every_input_once_in_order(inputs):
    (inputs / "e.txt").write_text("   ", encoding="utf-8")  # an input that gives no article
    kg1 = builder.build([inputs], jobs=1)
    kg2 = builder.build([inputs], jobs=2)
    assert [(m.id, m.status) for m in kg2.manifest] == [(m.id, m.status) for m in kg1.manifest]
    assert [m.id for m in kg2.manifest if m.status == "done"] == ["a", "b", "c", "d"]
    assert kg2.info.work.jobs == 2


def test_a_second_build_parses_nothing(inputs, tmp_path, parses):
    first = builder.build([inputs], cache=tmp_path / "cache")
    assert sorted(parses) == ["a", "b", "c", "d"] and first.info.work.parsed == 4
    parses.clear()
    second = builder.build([inputs], cache=tmp_path / "cache")
    assert parses == [] and second.info.work == Work(jobs=1, engine="local", parsed=0, from_cache=4)
    assert [r.id for r in second.documents] == [r.id for r in first.documents]
    assert second.links == first.links


def test_a_changed_article_is_parsed_again(inputs, tmp_path, parses):
    _build(inputs, "--out", tmp_path / "out")
    parses.clear()
    (inputs / "b.txt").write_text(ARTICLES["b.txt"].replace("3 mars", "4 mars"), encoding="utf-8")
    _build(inputs, "--out", tmp_path / "out")
    assert parses == ["b"]
    _build(inputs, "--out", tmp_path / "fresh", "--no-cache")
    assert (tmp_path / "out" / "documents.jsonl").read_bytes() == (tmp_path / "fresh" / "documents.jsonl").read_bytes()


def test_add_gives_the_documents_of_one_build(inputs, tmp_path):
    import json

    first = [inputs / n for n in ("a.txt", "b.txt", "c.txt")]
    _build(*first, "--out", tmp_path / "out")
    _build("--add", inputs / "d.txt", "--out", tmp_path / "out")
    work = json.loads((tmp_path / "out" / "manifest.json").read_text())["build"]["work"]
    assert (work["parsed"], work["from_cache"]) == (1, 3)  # (parsed by build --add's own worker process)
    _build(*first, inputs / "d.txt", "--out", tmp_path / "all", "--no-cache")
    assert (tmp_path / "out" / "documents.jsonl").read_bytes() == (tmp_path / "all" / "documents.jsonl").read_bytes()
    assert (tmp_path / "out" / "manifest.json").read_text().count('"status": "done"') == 4


def test_add_needs_a_cache(inputs, tmp_path, capsys):
    _build(inputs / "a.txt", "--out", tmp_path / "out", "--no-cache")
    assert main(["build", "--add", str(inputs / "d.txt"), "--out", str(tmp_path / "out"), "-q"]) == 2
    assert "[E040]" in capsys.readouterr().err
    assert main(["build", "--add", str(inputs / "d.txt"), "--out", str(tmp_path / "out"), "--no-cache"]) == 2
    assert "[E044]" in capsys.readouterr().err
    assert main(["build", str(inputs), "--add", str(inputs / "d.txt"), "--out", str(tmp_path / "out")]) == 2
    assert "[E045]" in capsys.readouterr().err


def test_jobs_must_be_at_least_one(inputs, tmp_path, capsys):
    assert main(["build", str(inputs), "--out", str(tmp_path / "out"), "--jobs", "0"]) == 2
    assert "[E026]" in capsys.readouterr().err
    with pytest.raises(Exception, match="E043"):
        builder.build([inputs], engine="spark")


def _cli(*args, timeout: float = 600) -> None:
    """``newsgraph build`` in another process, stopped after ``timeout`` seconds."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000"}
    subprocess.run([sys.executable, "-m", "newsgraph", "build", *map(str, args), "-q", "--formats", "jsonl"],
                   check=True, timeout=timeout, env=env)


def test_dask_on_a_cluster_of_two_workers_writes_the_same_bytes(inputs, tmp_path):
    distributed = pytest.importorskip("distributed")
    _build(inputs, "--out", tmp_path / "one", "--no-cache")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster:
        _cli(inputs, "--out", tmp_path / "dask", "--no-cache", "--engine", "dask",
             "--scheduler", cluster.scheduler_address)
        with distributed.Client(cluster) as client:
            assert len(client.scheduler_info()["workers"]) == 2
    assert (tmp_path / "dask" / "documents.jsonl").read_bytes() == (tmp_path / "one" / "documents.jsonl").read_bytes()


def test_dask_without_a_scheduler_starts_a_local_cluster(inputs, tmp_path):
    pytest.importorskip("distributed")
    _build(inputs, "--out", tmp_path / "one", "--no-cache")
    _cli(inputs, "--out", tmp_path / "dask", "--engine", "dask", "--jobs", "2")
    assert (tmp_path / "dask" / "documents.jsonl").read_bytes() == (tmp_path / "one" / "documents.jsonl").read_bytes()
    assert '"engine": "dask"' in (tmp_path / "dask" / "manifest.json").read_text()


def _die(articles, model, batch_size):
    import os

    os._exit(3)  # a worker killed, as by the out-of-memory killer


def test_a_worker_that_dies_stops_the_build_with_a_reason(inputs, tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(engines, "analyse_shard", _die)
    assert main(["build", str(inputs), "--out", str(tmp_path / "out"), "--jobs", "2", "-q"]) == 2
    assert "[E046]" in capsys.readouterr().err
    assert not (tmp_path / "out" / "documents.jsonl").exists()
