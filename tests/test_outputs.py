"""What a build writes and the commands that read it (issue 13): each input once, the
page safe whatever the articles say, options checked first, one build at a time, no
stale file, SERVICE refused, and ``validate`` checking the whole folder."""
from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys

import pytest

from newsgraph.cli import main

TEXTS = ["Le président malien a reçu mardi à Bamako le ministre russe des Affaires étrangères.",
         "Le Niger a rappelé son ambassadeur à Paris après les propos du ministre français.",
         "Le Sénégal et la Mauritanie ont signé un accord sur la pêche à Dakar.",
         "Le Tchad accuse le Soudan de soutenir les rebelles dans l'est du pays."]


def manifest_of(out):
    return json.loads((out / "manifest.json").read_text(encoding="utf-8"))


def documents_of(out):
    return [json.loads(x) for x in (out / "documents.jsonl").read_text(encoding="utf-8").split("\n") if x]


def test_a_batch_failing_inside_spacy_gives_each_article_once(monkeypatch, tmp_path):
    import newsgraph
    from newsgraph.nlp import components

    real = components.doc_timexes

    def failing(doc, dct, **kw):  # the last component fails on one article of the batch
        if "Soudan" in doc.text:
            raise RuntimeError("panne simulée")
        return real(doc, dct, **kw)

    monkeypatch.setattr(components, "doc_timexes", failing)
    f = tmp_path / "batch.jsonl"
    f.write_text("\n".join(json.dumps({"id": f"d{i}", "text": t}) for i, t in enumerate(TEXTS)), encoding="utf-8")
    kg = newsgraph.build([f], batch_size=8)
    assert [(m.id, m.status) for m in kg.manifest] == [("d0", "done"), ("d1", "done"), ("d2", "done"),
                                                       ("d3", "failed")]
    assert [d.id for d in kg.documents] == ["d0", "d1", "d2"]
    assert "panne simulée" in kg.manifest[3].reason and "[E011]" in kg.manifest[3].reason


def test_a_number_as_date_fails_its_line_and_duplicates_nothing(tmp_path):
    f = tmp_path / "batch.jsonl"
    lines = [{"id": f"d{i}", "text": t, "dct": "2022-03-01"} for i, t in enumerate(TEXTS)]
    lines[1]["dct"] = 2022
    f.write_text("\n".join(json.dumps(x) for x in lines), encoding="utf-8")
    out = tmp_path / "out"
    assert main(["build", str(f), "--out", str(out), "-q"]) == 1
    inputs = {i["id"]: i for i in manifest_of(out)["inputs"]}
    assert len(manifest_of(out)["inputs"]) == 4
    assert {k: i["status"] for k, i in inputs.items()} == {"d0": "done", "d1": "failed", "d2": "done", "d3": "done"}
    assert "[E020]" in inputs["d1"]["reason"]
    assert [d["doc_id"] for d in documents_of(out)] == ["d0", "d2", "d3"]


def test_documents_jsonl_with_line_separators_reads_back():
    from newsgraph.export.jsonl import parse_documents

    text = "".join(json.dumps({"doc_id": i, "text": f"Le Mali{sep}proteste."}, ensure_ascii=False) + "\n"
                   for i, sep in enumerate(["\u2028", "\u0085", "\x1e", "\u2029"]))
    assert [d["doc_id"] for d in parse_documents(text)] == [0, 1, 2, 3]


@pytest.mark.parametrize("option, code", [
    (["--base-iri", "pas une IRI"], "E025"), (["--base-iri", "https://ex.org/a#b"], "E025"),
    (["--formats", "jsonl,pdf"], "E009"), (["--batch-size", "0"], "E026"), (["--batch-size", "-1"], "E026"),
    (["--model", "xx_pas_de_modele"], "E007"),
])
def test_every_option_is_checked_before_the_first_input_is_read(monkeypatch, capsys, tmp_path, option, code):
    from newsgraph.ingest import readers

    def never(*a, **k):
        raise AssertionError("an input was read before the options were checked")

    monkeypatch.setattr(readers, "walk", never)
    (tmp_path / "a.txt").write_text("Titre\n\n" + TEXTS[0], encoding="utf-8")
    assert main(["build", str(tmp_path / "a.txt"), "--out", str(tmp_path / "out"), *option]) == 2
    err = capsys.readouterr().err
    assert f"[{code}]" in err and "Traceback" not in err
    assert not (tmp_path / "out").exists()


def test_a_build_never_reads_its_own_output_folder(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text("Rappel\n\n" + TEXTS[1], encoding="utf-8")
    assert main(["build", str(src), "--out", str(src / "out"), "-q"]) == 2  # refused (E082): not among the inputs
    assert main(["build", str(src), "--out", str(tmp_path / "out"), "-q"]) == 0
    (tmp_path / "out").rename(src / "out")  # a build folder put among the inputs all the same
    assert main(["build", str(src), "--out", str(tmp_path / "again"), "-q"]) == 0
    inputs = [(i["id"], i["status"]) for i in manifest_of(tmp_path / "again")["inputs"]]
    assert inputs == [("out", "skipped"), ("a", "done")]


def test_the_tables_written_are_the_tables_known():
    from newsgraph.export import TABLES
    from newsgraph.export.tables import COLUMNS

    assert tuple(COLUMNS) == TABLES


def test_out_must_be_a_folder(capsys, tmp_path):
    (tmp_path / "a.txt").write_text("Titre\n\n" + TEXTS[0], encoding="utf-8")
    (tmp_path / "fichier").write_text("", encoding="utf-8")
    assert main(["build", str(tmp_path / "a.txt"), "--out", str(tmp_path / "fichier")]) == 2
    assert "[E029]" in capsys.readouterr().err


def test_a_second_build_into_a_locked_folder_fails_at_once(capsys, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    holder = subprocess.Popen([sys.executable, "-c", (
        "import fcntl, os, sys; fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT); fcntl.flock(fd, fcntl.LOCK_EX); "
        "os.write(fd, b'4242'); print('pris', flush=True); sys.stdin.read()"), str(out / ".newsgraph.lock")],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "pris"
        (tmp_path / "a.txt").write_text("Titre\n\n" + TEXTS[0], encoding="utf-8")
        assert main(["build", str(tmp_path / "a.txt"), "--out", str(out)]) == 2
        err = capsys.readouterr().err
        assert "[E028]" in err and "4242" in err and str(out) in err
        assert sorted(p.name for p in out.iterdir()) == [".newsgraph.lock"]
    finally:
        holder.communicate("")


def test_files_of_a_previous_build_that_this_one_does_not_write_are_removed(capsys, tmp_path):
    (tmp_path / "a.txt").write_text("Titre\n\n" + TEXTS[1], encoding="utf-8")
    out = tmp_path / "out"
    assert main(["build", str(tmp_path / "a.txt"), "--out", str(out), "-q"]) == 0
    assert (out / "graph.nq").exists() and (out / "tables" / "events.csv").exists()
    (tmp_path / "a.txt").write_text("Titre\n\n" + TEXTS[3], encoding="utf-8")
    assert main(["build", str(tmp_path / "a.txt"), "--out", str(out), "-q", "--formats", "jsonl"]) == 0
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*")  # not the lock, nor the cache
                  if not any(part.startswith(".") for part in p.relative_to(out).parts)) == [
        "documents.jsonl", "manifest.json"]
    assert manifest_of(out)["build"]["files"] == ["documents.jsonl", "manifest.json"]
    assert main(["query", str(out), "--who-met", "Tchad"]) == 2
    assert "[E012]" in capsys.readouterr().err


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_query_refuses_service_unless_allowed(seed_build, capsys):
    kg, out = seed_build
    query = f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{_closed_port()}/sparql> {{ ?s ?p ?o }} }}"
    assert main(["query", str(out), query]) == 2
    err = capsys.readouterr().err
    assert "[E070]" in err and "--allow-service" in err  # its own code since issue 21 (was E013)
    assert main(["query", str(out), query, "--allow-service"]) == 2  # nothing listens there
    err = capsys.readouterr().err
    assert "[E013]" in err and "Traceback" not in err and "internal error" not in err
    assert main(["query", str(out), "SELECT ?service WHERE { ?service a <https://schema.org/Country> }"]) == 0


def test_an_impossible_date_in_a_text_is_never_a_typed_literal(capsys, tmp_path):
    (tmp_path / "a.txt").write_text("Rappel\n\nLe Niger a rappelé son ambassadeur à Paris le 30 février 2023.",
                                    encoding="utf-8")
    out = tmp_path / "out"
    assert main(["build", str(tmp_path / "a.txt"), "--out", str(out), "-q"]) == 0
    assert '"2023-02-30"^^' not in (out / "graph.nq").read_text(encoding="utf-8")
    capsys.readouterr()
    assert main(["validate", str(out)]) == 0
    captured = capsys.readouterr()
    assert "conforms" in captured.out and "Traceback" not in captured.err


@pytest.fixture()
def build_copy(seed_build, tmp_path):
    kg, out = seed_build
    copy = tmp_path / "copy"
    shutil.copytree(out, copy)
    return copy


def _cut(path, keep=0.6):
    data = path.read_bytes()
    path.write_bytes(data[:int(len(data) * keep)])


@pytest.mark.parametrize("damage, named", [
    (lambda d: _cut(d / "graph.trig"), "graph.trig"),
    (lambda d: _cut(d / "graph.nq"), "graph.nq"),
    (lambda d: _cut(d / "graph.jsonld"), "graph.jsonld"),
    (lambda d: _cut(d / "documents.jsonl"), "documents.jsonl"),
    (lambda d: _cut(d / "graph.graphml"), "graph.graphml"),
    (lambda d: _cut(d / "graph.html", 0.99), "graph.html"),
    (lambda d: (d / "tables" / "events.csv").write_text("doc_id,event_id\n", encoding="utf-8"), "events.csv"),
    (lambda d: (d / "graph.ttl").write_bytes(b"\x00\xff<<< pas du Turtle"), "graph.ttl"),
    (lambda d: (d / "manifest.json").write_text("{", encoding="utf-8"), "manifest.json"),
    (lambda d: (d / "graph.gexf").unlink(), "graph.gexf"),
], ids=["trig", "nquads", "jsonld", "jsonl", "graphml", "html", "csv", "turtle", "manifest", "missing"])
def test_validate_checks_every_file_and_names_the_bad_one(build_copy, capsys, damage, named):
    damage(build_copy)
    assert main(["validate", str(build_copy)]) == 1
    out = capsys.readouterr().out
    assert named in out and ("[E030]" in out or "[E031]" in out), out
    assert "Traceback" not in out


def test_validate_a_whole_good_folder(build_copy, capsys):
    assert main(["validate", str(build_copy)]) == 0
    assert "every file parses, the files agree" in capsys.readouterr().out
