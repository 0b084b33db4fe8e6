"""The commit journal (issue 21): a journal newsgraph did not write renames and removes
nothing, not even inside the folder; it is reported as E060 by the commands that read
the folder (exit 2), and a build drops it and replaces the folder."""
from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from newsgraph.cli import main
from newsgraph.export.output import JOURNAL, STAGING, ours

TEXT = "Titre\n\nLe président malien a reçu mardi à Bamako le ministre russe des Affaires étrangères."


@pytest.fixture(scope="module")
def template(tmp_path_factory, nlp):
    base = tmp_path_factory.mktemp("journal")
    (base / "in").mkdir()
    (base / "in" / "a.txt").write_text(TEXT, encoding="utf-8")
    out = base / "out"
    assert main(["build", str(base / "in"), "--out", str(out), "-q"]) == 0
    return base / "in", out


@pytest.fixture()
def folder(template, tmp_path):
    inputs, out = template
    copy = tmp_path / "out"
    shutil.copytree(out, copy)
    victim = tmp_path / "victim.txt"
    victim.write_text("à garder", encoding="utf-8")
    return inputs, copy, victim


def files(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and not p.name.startswith(".")}


def hostile_journals(out: Path, victim: Path):
    rel = os.path.relpath(victim, out)
    return {
        "absolute": json.dumps({"renames": [], "remove": [str(victim)]}),
        "dot-dot": json.dumps({"renames": [], "remove": [rel]}),
        "rename out": json.dumps({"renames": [rel], "remove": []}),
        "not ours": json.dumps({"renames": [], "remove": ["graph.nq", "notes.txt"]}),
        "store escape": json.dumps({"renames": [], "remove": ["store/../../victim.txt"]}),
        "garbage": "\x00\xff garbage {",
        "not an object": "[1, 2, 3]",
        "wrong types": json.dumps({"renames": "graph.nq", "remove": {"a": 1}}),
        "deep": "[" * 200_000 + "]" * 200_000,
        "huge": json.dumps({"renames": [], "remove": ["graph.nq"] * 200_000}),
    }


@pytest.mark.parametrize("kind", list(hostile_journals(Path("/o"), Path("/v"))))
def test_a_hostile_journal_touches_nothing_and_is_a_coded_error(folder, kind, capsys):
    inputs, out, victim = folder
    before = files(out)
    journal = hostile_journals(out, victim)[kind]
    (out / JOURNAL).write_bytes(journal.encode("utf-8", "surrogateescape"))
    for argv in (["validate", str(out)], ["query", str(out), "SELECT * WHERE { ?s ?p ?o } LIMIT 1"],
                 ["query", str(out), "--who-met", "Mali"]):
        assert main(argv) == 2, argv
        assert "[E060]" in capsys.readouterr().err
        assert victim.read_text(encoding="utf-8") == "à garder" and files(out) == before
    assert (out / JOURNAL).exists()  # left for the user to see; a build drops it


@pytest.mark.parametrize("kind", ["absolute", "dot-dot", "garbage", "deep"])
def test_a_build_drops_a_hostile_journal_and_replaces_the_folder(folder, kind, capsys):
    inputs, out, victim = folder
    (out / JOURNAL).write_text(hostile_journals(out, victim)[kind], encoding="utf-8", errors="surrogateescape")
    assert main(["build", str(inputs), "--out", str(out), "-q", "--no-cache"]) == 0
    assert "[E060]" in capsys.readouterr().err  # reported as a note
    assert victim.exists() and not (out / JOURNAL).exists()
    assert main(["validate", str(out)]) == 0


def test_a_linked_folder_in_the_build_leads_nowhere(folder, tmp_path, capsys):
    """``tables`` made a link to another folder: a journal naming tables/... is refused."""
    inputs, out, victim = folder
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "actors.csv").write_text("garder", encoding="utf-8")
    shutil.rmtree(out / "tables")
    (out / "tables").symlink_to(elsewhere)
    (out / JOURNAL).write_text(json.dumps({"renames": [], "remove": ["tables/actors.csv"]}), encoding="utf-8")
    assert main(["validate", str(out)]) == 2 and "leads out of the folder" in capsys.readouterr().err
    assert (elsewhere / "actors.csv").exists()


def test_a_linked_staging_folder_is_never_followed(folder, tmp_path, capsys):
    inputs, out, victim = folder
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "graph.nq").write_text("garder", encoding="utf-8")
    (out / STAGING).symlink_to(elsewhere)
    (out / JOURNAL).write_text(json.dumps({"renames": ["graph.nq"], "remove": []}), encoding="utf-8")
    assert main(["query", str(out), "SELECT * WHERE { ?s ?p ?o } LIMIT 1"]) == 2
    assert "[E060]" in capsys.readouterr().err and (elsewhere / "graph.nq").exists()
    assert main(["build", str(inputs), "--out", str(out), "-q", "--no-cache"]) == 0
    assert (elsewhere / "graph.nq").read_text(encoding="utf-8") == "garder"


def test_a_manifest_cannot_make_a_build_remove_other_files(folder, capsys):
    """The stale files of the previous build come from its manifest: only names of the
    closed set are removed."""
    inputs, out, victim = folder
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    manifest["build"]["files"] += [str(victim), os.path.relpath(victim, out), "notes.txt"]
    (out / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    (out / "notes.txt").write_text("mes notes", encoding="utf-8")
    assert main(["build", str(inputs), "--out", str(out), "-q", "--no-cache"]) == 0
    assert victim.exists() and (out / "notes.txt").exists()


def test_the_closed_set_of_names():
    assert all(ours(n) for n in ["manifest.json", "graph.html", "tables/roles.csv", "store/CURRENT"])
    assert not any(ours(n) for n in ["store", "store/a/b", ".newsgraph.lock", "tables/x.csv", "", None, 3,
                                     "graph.nq/", "./graph.nq", "store/.."])
