"""What ended in exit 3 (an internal error) in issue 21, each now a coded error with exit 2,
a problem that validate reports, or a failed input in the manifest."""
from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from newsgraph.cli import main

TEXT = "Titre\n\nLe président malien a reçu mardi à Bamako le ministre russe des Affaires étrangères."


@pytest.fixture()
def inputs(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(TEXT, encoding="utf-8")
    return src


def manifest(out: Path) -> dict:
    return json.loads((out / "manifest.json").read_text(encoding="utf-8"))


def reasons(out: Path) -> dict[str, str]:
    return {i["path"]: i["reason"] for i in manifest(out)["inputs"]}


def test_a_file_name_that_is_not_utf8_is_one_failed_input(inputs, tmp_path, capsys, nlp):
    bad = os.fsdecode(b"caf\xe9.txt")
    (inputs / bad).write_text(TEXT.replace("mardi", "jeudi"), encoding="utf-8")
    out = tmp_path / "out"
    assert main(["build", str(inputs), "--out", str(out), "-q"]) == 1
    assert "internal error" not in capsys.readouterr().err
    failed = [i for i in manifest(out)["inputs"] if i["status"] == "failed"]
    assert len(failed) == 1 and "[E064]" in failed[0]["reason"] and failed[0]["path"].endswith("caf\\xe9.txt")
    assert [i["id"] for i in manifest(out)["inputs"] if i["status"] == "done"] == ["a"]
    assert main(["validate", str(out)]) == 0


def test_runs_without_a_space_are_not_given_to_nlp(inputs, tmp_path, nlp):
    (inputs / "b.txt").write_text("Titre\n\nLe Mali accuse la France. " + "&" * 20_000 + " Fin.", encoding="utf-8")
    (inputs / "c.html").write_text("<html><body><article><p>Le Niger accuse le Bénin de soutenir les rebelles. "
                                   + "&amp;" * 200_000 + " Fin.</p></article></body></html>", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["build", str(inputs), "--out", str(out), "-q", "--no-cache"]) == 0
    docs = {d["doc_id"]: d for d in map(json.loads, (out / "documents.jsonl").read_text(encoding="utf-8").splitlines())}
    assert set(docs) == {"a", "b", "c"}
    for doc_id, n in (("b", 20_000), ("c", 200_000)):
        dropped = [f for f in docs[doc_id]["furniture"] if f["reason"].startswith("a run of")]
        assert [f["end"] - f["start"] for f in dropped] == [n]
    assert any(a["name"] == "Mali" for a in docs["b"]["actors"])


def test_an_unreadable_file_is_not_reported_as_missing(inputs, tmp_path, monkeypatch):
    real = Path.read_bytes

    def unreadable(self):
        if self.name == "b.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    (inputs / "b.txt").write_text(TEXT, encoding="utf-8")
    monkeypatch.setattr(Path, "read_bytes", unreadable)
    out = tmp_path / "out"
    assert main(["build", str(inputs), "--out", str(out), "-q", "--no-cache"]) == 1
    reason = next(r for p, r in reasons(out).items() if p.endswith("b.txt"))
    assert "[E078]" in reason and "Permission denied" in reason and "[E001]" not in reason


def test_utf7_and_utf16_say_what_they_are(inputs, tmp_path):
    (inputs / "u7.txt").write_bytes(b"+/v8Le Mali accuse la France +AOk-.")
    (inputs / "u16.txt").write_bytes("Le Mali accuse la France.".encode("utf-16"))
    (inputs / "p.html").write_bytes(b'<html><head><meta charset="utf-7"></head><body><article><p>Le Mali accuse '
                                    b"la France de soutenir les rebelles, a dit le ministre.</p></article></body></html>")
    out = tmp_path / "out"
    assert main(["build", str(inputs), "--out", str(out), "-q", "--no-cache"]) == 1
    r = {Path(p).name: x for p, x in reasons(out).items()}
    assert "[E003]" in r["u7.txt"] and "it is UTF-7 text" in r["u7.txt"]
    assert "[E003]" in r["u16.txt"] and "it is UTF-16 text" in r["u16.txt"]
    assert r["p.html"] == ""  # a <meta> naming UTF-7 is not followed: the page is read as UTF-8


@pytest.mark.parametrize("argv, detail", [
    (["--engine", "dask", "--scheduler", "not a url"], "not an address"),
    (["--scheduler", "tcp://10.0.0.1:8786"], "only with --engine dask"),
    (["--engine", "dask", "--scheduler", "tcp://127.0.0.1:1"], "no Dask scheduler answers"),
])
def test_a_bad_scheduler_is_a_coded_error(inputs, tmp_path, argv, detail, monkeypatch, capsys):
    pytest.importorskip("distributed")
    from newsgraph import cluster

    monkeypatch.setattr(cluster, "SCHEDULER_TIMEOUT", 2)
    assert main(["build", str(inputs), "--out", str(tmp_path / "out"), "-q", "--no-cache", *argv]) == 2
    err = capsys.readouterr().err
    assert "[E068]" in err and detail in err


# ---- validate, query and load of damaged folders


@pytest.fixture(scope="module")
def good(tmp_path_factory, nlp):
    base = tmp_path_factory.mktemp("good")
    (base / "in").mkdir()
    (base / "in" / "a.txt").write_text(TEXT, encoding="utf-8")
    (base / "in" / "b.txt").write_text("Titre\n\nLe Tchad accuse le Soudan de soutenir les rebelles.", encoding="utf-8")
    assert main(["build", str(base / "in"), "--out", str(base / "out"), "-q", "--no-cache"]) == 0
    assert main(["build", str(base / "in" / "a.txt"), "--out", str(base / "other"), "-q", "--no-cache"]) == 0
    return base


def damage(kind: str, out: Path, other: Path) -> None:
    if kind == "deep manifest":
        (out / "manifest.json").write_text("[" * 200_000 + "]" * 200_000, encoding="utf-8")
    elif kind == "object in build.files":
        m = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
        m["build"]["files"].append({"a": 1})
        (out / "manifest.json").write_text(json.dumps(m), encoding="utf-8")
    elif kind == "corrupt store":
        for f in (out / "store").iterdir():
            if f.suffix == ".sst" or f.name.startswith("MANIFEST"):
                f.write_bytes(b"\x00garbage" * 100)
    elif kind == "garbage names.json":
        (out / "names.json").write_bytes(b"\xff\xfe not json")
    elif kind == "names.json of another build":
        shutil.copy(other / "names.json", out / "names.json")
    elif kind == "store of another build":
        shutil.rmtree(out / "store")
        shutil.copytree(other / "store", out / "store")
    elif kind == "no manifest":
        (out / "manifest.json").unlink()


KINDS = ["deep manifest", "object in build.files", "corrupt store", "garbage names.json",
         "names.json of another build", "store of another build", "no manifest"]


@pytest.mark.parametrize("kind", KINDS)
def test_validate_finds_a_damaged_folder(good, tmp_path, kind, capsys):
    out = tmp_path / "out"
    shutil.copytree(good / "out", out)
    assert main(["validate", str(out)]) == 0
    damage(kind, out, good / "other")
    capsys.readouterr()
    assert main(["validate", str(out)]) == 1
    captured = capsys.readouterr()
    assert "[E030]" in captured.out or "[E031]" in captured.out, captured.out
    assert "internal error" not in captured.err


@pytest.mark.parametrize("kind", ["deep manifest", "garbage names.json", "corrupt store", "object in build.files"])
def test_query_and_build_on_a_damaged_folder_never_end_in_an_internal_error(good, tmp_path, kind, capsys):
    out = tmp_path / "out"
    shutil.copytree(good / "out", out)
    damage(kind, out, good / "other")
    code = main(["query", str(out), "--who-met", "Mali"])
    assert code in (0, 2) and "internal error" not in capsys.readouterr().err
    assert main(["build", str(good / "in"), "--out", str(out), "-q", "--no-cache"]) == 0  # the folder can be rebuilt
    assert main(["validate", str(out)]) == 0


def test_load_of_a_cut_graph_is_a_coded_error_and_loads_nothing(good, tmp_path, capsys):
    out = tmp_path / "out"
    shutil.copytree(good / "out", out)
    data = (out / "graph.nq").read_bytes()
    (out / "graph.nq").write_bytes(data[: len(data) // 2])
    assert main(["load", str(out), "--store", str(tmp_path / "st")]) == 2
    assert "[E030]" in capsys.readouterr().err
    assert not (tmp_path / "st").exists() or not any((tmp_path / "st").iterdir())


def test_an_article_built_again_is_loaded_once(good, tmp_path, capsys):
    from newsgraph.export.sparql import select
    from newsgraph.export.store import open_store

    src = tmp_path / "in"
    shutil.copytree(good / "in", src)
    out = tmp_path / "out"
    assert main(["build", str(src), "--out", str(out), "-q"]) == 0
    assert main(["load", str(out), "--store", str(tmp_path / "st")]) == 0
    (src / "a.txt").write_text(TEXT.replace("mardi", "jeudi"), encoding="utf-8")
    assert main(["build", str(src), "--out", str(out), "-q"]) == 0
    assert main(["load", str(out), "--store", str(tmp_path / "st")]) == 0
    texts = "SELECT ?t WHERE { GRAPH ?g { ?c <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#isString> ?t } }"
    found = [r[0] for r in select(open_store(tmp_path / "st"), texts)[1]]
    assert len(found) == 2 and sum("jeudi" in t for t in found) == 1 and not any("mardi" in t for t in found)


def test_an_impossible_date_is_in_no_output(tmp_path, nlp):
    (tmp_path / "a.txt").write_text("Rappel\n\nLe Niger a rappelé son ambassadeur à Paris le 30 février 2022. "
                                    "Le 31 avril, le Mali a accusé la France.", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["build", str(tmp_path / "a.txt"), "--out", str(out), "-q", "--no-cache"]) == 0
    for f in out.rglob("*"):
        if f.is_file() and "store" not in f.parts:
            text = f.read_bytes()
            assert b"02-30" not in text and b"04-31" not in text, f


def test_query_arguments_in_any_order(good, capsys):
    out = str(good / "out")
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s a <https://schema.org/NewsArticle> }"
    for argv in (["query", out, "--format", "csv", count], ["query", "--format", "csv", count, out],
                 ["query", out, count, "--format", "csv"]):
        assert main(argv) == 0, argv
        assert capsys.readouterr().out.split() == ["n", "2"]
    assert main(["query", out, "--who-met", "  "]) == 2
    err = capsys.readouterr().err
    assert "[E079]" in err and "not an empty one" in err


def test_view_of_a_damaged_documents_file_is_a_coded_error(good, tmp_path, capsys):
    out = tmp_path / "out"
    shutil.copytree(good / "out", out)
    (out / "documents.jsonl").write_text("[" * 200_000 + "]" * 200_000 + "\n", encoding="utf-8")
    assert main(["view", str(out), "--no-open"]) == 2
    assert "[E030]" in capsys.readouterr().err
