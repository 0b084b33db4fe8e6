"""``build --add`` (issue 21): an article already built, or another file with its id, is
refused with a coded error; an article whose text changed replaces the earlier one; the
list of inputs is committed with the folder (a failed build leaves the previous list);
a path that names nothing never empties a build."""
from __future__ import annotations

import errno
import json
import os
import shutil
from pathlib import Path

import pytest

from newsgraph.cli import main

A = "Titre\n\nLe président malien a reçu mardi à Bamako le ministre russe des Affaires étrangères."
B = "Titre\n\nLe Tchad accuse le Soudan de soutenir les rebelles dans l'est du pays."


@pytest.fixture()
def folder(tmp_path, nlp):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(A, encoding="utf-8")
    (src / "b.txt").write_text(B, encoding="utf-8")
    out = tmp_path / "out"
    assert main(["build", str(src / "a.txt"), "--out", str(out), "-q"]) == 0
    return src, out


def done(out: Path) -> list[str]:
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    return [i["id"] for i in manifest["inputs"] if i["status"] == "done"]


def texts(out: Path) -> dict[str, str]:
    lines = (out / "documents.jsonl").read_text(encoding="utf-8").splitlines()
    return {d["doc_id"]: d["text"] for d in map(json.loads, lines)}


def files(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()
            and not p.name.startswith(".")}


def test_an_article_already_built_is_refused(folder, capsys):
    src, out = folder
    before = files(out)
    assert main(["build", "--add", str(src / "a.txt"), "--out", str(out), "-q"]) == 2
    assert "[E065]" in capsys.readouterr().err and files(out) == before
    shutil.copy(src / "a.txt", src.parent / "a.txt")  # the same article from another place
    assert main(["build", "--add", str(src.parent / "a.txt"), "--out", str(out), "-q"]) == 2
    assert "[E065]" in capsys.readouterr().err and files(out) == before


def test_another_file_with_the_same_id_is_refused(folder, capsys):
    src, out = folder
    other = src.parent / "autre"
    other.mkdir()
    (other / "a.txt").write_text(B, encoding="utf-8")
    before = files(out)
    assert main(["build", "--add", str(other / "a.txt"), "--out", str(out), "-q"]) == 2
    assert "[E066]" in capsys.readouterr().err and files(out) == before
    jsonl = src.parent / "lot.jsonl"
    jsonl.write_text(json.dumps({"id": "a", "text": B}) + "\n", encoding="utf-8")
    assert main(["build", "--add", str(jsonl), "--out", str(out), "-q"]) == 2
    assert "[E066]" in capsys.readouterr().err and files(out) == before


def test_an_article_whose_text_changed_replaces_the_earlier_one(folder):
    src, out = folder
    assert main(["build", "--add", str(src / "b.txt"), "--out", str(out), "-q"]) == 0
    (src / "a.txt").write_text(A.replace("mardi", "jeudi"), encoding="utf-8")
    assert main(["build", "--add", str(src / "a.txt"), "--out", str(out), "-q"]) == 0
    assert done(out) == ["a", "b"] and "jeudi" in texts(out)["a"] and "mardi" not in texts(out)["a"]
    assert main(["validate", str(out)]) == 0


def test_the_list_of_inputs_is_committed_with_the_folder(folder, monkeypatch, capsys):
    """A build --add that fails at its commit leaves the previous list: tried again, it
    adds the article once."""
    from newsgraph.export import output

    src, out = folder
    real = output._open

    def full(path):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))

    monkeypatch.setattr(output, "_open", full)
    assert main(["build", "--add", str(src / "b.txt"), "--out", str(out), "-q"]) == 2
    assert "[E027]" in capsys.readouterr().err and done(out) == ["a"]
    monkeypatch.setattr(output, "_open", real)
    assert main(["build", "--add", str(src / "b.txt"), "--out", str(out), "-q"]) == 0
    assert done(out) == ["a", "b"] and list(texts(out)) == ["a", "b"]
    assert main(["validate", str(out)]) == 0


def test_an_earlier_failure_is_replaced_by_the_file_added_again(folder):
    src, out = folder
    (src / "c.txt").write_text("   ", encoding="utf-8")  # empty: fails
    assert main(["build", "--add", str(src / "c.txt"), "--out", str(out), "-q"]) == 1
    (src / "c.txt").write_text(B.replace("Tchad", "Niger"), encoding="utf-8")
    assert main(["build", "--add", str(src / "c.txt"), "--out", str(out), "-q"]) == 0
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert [(i["id"], i["status"]) for i in manifest["inputs"]] == [("a", "done"), ("c", "done")]


@pytest.mark.parametrize("add", [False, True])
def test_a_path_that_names_nothing_never_empties_a_build(folder, capsys, add):
    src, out = folder
    before = files(out)
    argv = ["build", *(["--add"] if add else []), str(src / "mistyped.txt"), "--out", str(out), "-q"]
    assert main(argv) == 2
    assert "[E067]" in capsys.readouterr().err and files(out) == before
    assert main(["build", "--add", str(src / "b.txt"), "--out", str(out), "-q"]) == 0
    assert done(out) == ["a", "b"]
