"""Incremental writers (issue 20): ``build --add`` copies the parts of the articles that
did not change from the earlier files and makes only the others; every file is then the
one a full build of the same articles writes, byte for byte (``SOURCE_DATE_EPOCH``: one
build time), the store holds the same quads, and a parts index that does not hold makes
the folder be written whole."""
from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest

from newsgraph.cli import main
from newsgraph.export import splice

A = ("Titre\n\nLe président malien Assimi Goïta a reçu mardi à Bamako le ministre russe des Affaires "
     "étrangères, Sergueï Lavrov.")
B = "Titre\n\nLe Tchad accuse le Soudan de soutenir les rebelles dans l'est du pays."
# names the actors of A again (linking across articles changes what A's graph says of them)
C = ("Titre\n\nSergueï Lavrov a rencontré jeudi à Moscou le président malien Assimi Goïta. Le Mali et la "
     "Russie ont signé un accord de coopération militaire.")
D = "Titre\n\nLe Premier ministre japonais a visité Nairobi lundi."


@pytest.fixture(autouse=True)
def one_time(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")


@pytest.fixture()
def spy(monkeypatch):
    """How many parts each streamed write copied (the plan's articles found unchanged)."""
    copied: list[int] = []
    real = splice.write_streamed

    def spying(kg, paths, options, plan=None, out=None):
        copied.append(sum(r is not None for r in plan.reuse) if plan is not None and plan.old is not None else 0)
        return real(kg, paths, options, plan, out)

    monkeypatch.setattr(splice, "write_streamed", spying)
    return copied


def write(folder: Path, texts: dict[str, str]) -> list[Path]:
    folder.mkdir(exist_ok=True)
    paths = []
    for name, text in texts.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
        paths.append(folder / f"{name}.txt")
    return paths


def files(out: Path) -> dict[str, bytes]:
    """Every file of a build folder but the manifest, the store's database and the hidden files."""
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()
            and p.name != "manifest.json" and not any(s.startswith(".") or s == "store"
                                                      for s in p.relative_to(out).parts)}


def quads(out: Path) -> list[str]:
    store = ox.Store.read_only(str(out / "store"))
    return sorted(str(q) for q in store)


def manifest(out: Path) -> dict:
    m = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    for key in ("work", "timings", "cache_inputs"):
        m["build"].pop(key, None)
    return m


def same(a: Path, b: Path) -> None:
    fa, fb = files(a), files(b)
    assert sorted(fa) == sorted(fb)
    for name in fa:
        assert fa[name] == fb[name], name
    assert quads(a) == quads(b)
    assert manifest(a)["inputs"] == manifest(b)["inputs"]


def test_adding_articles_gives_the_files_of_a_full_build(tmp_path, spy):
    src = tmp_path / "in"
    a, b, c, d = write(src, {"a": A, "b": B, "c": C, "d": D})
    built, full = tmp_path / "built", tmp_path / "full"
    assert main(["build", str(a), str(b), "--out", str(built), "-q"]) == 0
    assert main(["build", "--add", str(c), "--out", str(built), "-q"]) == 0
    assert spy[-1] >= 1  # b at least was copied (a's graph may change with c's names)
    assert main(["build", "--add", str(d), "--out", str(built), "-q"]) == 0
    assert spy[-1] >= 2
    assert main(["build", str(a), str(b), str(c), str(d), "--out", str(full), "-q", "--no-cache"]) == 0
    assert spy[-1] == 0
    same(built, full)
    assert main(["validate", str(built)]) == 0


def test_an_article_whose_text_changed_is_made_again_and_the_others_copied(tmp_path, spy):
    src = tmp_path / "in"
    a, b, c = write(src, {"a": A, "b": B, "c": D})
    built, full = tmp_path / "built", tmp_path / "full"
    assert main(["build", str(a), str(b), str(c), "--out", str(built), "-q"]) == 0
    b.write_text(B.replace("Soudan", "Niger"), encoding="utf-8")
    assert main(["build", "--add", str(b), "--out", str(built), "-q"]) == 0
    assert spy[-1] == 2
    assert main(["build", str(a), str(b), str(c), "--out", str(full), "-q", "--no-cache"]) == 0
    same(built, full)
    assert "Niger" in (built / "graph.nq").read_text(encoding="utf-8")
    assert "Soudan" not in (built / "documents.jsonl").read_text(encoding="utf-8")


@pytest.mark.parametrize("damage", ["offsets", "file", "garbage"])
def test_a_parts_index_that_does_not_hold_makes_the_folder_written_whole(tmp_path, spy, damage):
    src = tmp_path / "in"
    a, b, c = write(src, {"a": A, "b": B, "c": D})
    built, full = tmp_path / "built", tmp_path / "full"
    assert main(["build", str(a), str(b), "--out", str(built), "-q"]) == 0
    index = built / ".newsgraph-parts.json"
    parts = json.loads(index.read_text(encoding="utf-8"))
    if damage == "offsets":  # an offset past the end of its file
        regions = parts["files"]["graph.nq"]["regions"]
        regions[0][-1] = parts["files"]["graph.nq"]["size"] + 10
        index.write_text(json.dumps(parts), encoding="utf-8")
    elif damage == "file":  # a file changed after the build wrote it
        with (built / "documents.jsonl").open("ab") as f:
            f.write(b'{"doc_id": "x"}\n')
    else:
        index.write_bytes(b"\x00{[" * 1000)
    assert main(["build", "--add", str(c), "--out", str(built), "-q"]) == 0
    assert spy[-1] == 0
    assert main(["build", str(a), str(b), str(c), "--out", str(full), "-q", "--no-cache"]) == 0
    same(built, full)


E = "Titre\n\nLe Tchad a fermé lundi sa frontière avec la Libye."


@pytest.mark.parametrize("formats", ["turtle,ntriples,manifest", None])
def test_the_merged_files_copy_the_articles_before_the_first_change(tmp_path, monkeypatch, formats):
    """Turtle and N-Triples say each triple once, where it first comes: an added article
    that names an actor of the earlier ones (le Tchad) says nothing again of what they
    said, and their parts are copied."""
    from newsgraph.export import splice

    prefixes: list[int] = []
    real = splice.prefix
    monkeypatch.setattr(splice, "prefix", lambda plan, merged: prefixes.append(real(plan, merged)) or prefixes[-1])
    src = tmp_path / "in"
    a, b, e = write(src, {"a": A, "b": B, "e": E})
    built, full = tmp_path / "built", tmp_path / "full"
    more = ["--formats", formats] if formats else []
    assert main(["build", str(a), str(b), "--out", str(built), "-q", *more]) == 0
    assert main(["build", "--add", str(e), "--out", str(built), "-q", *more]) == 0
    assert prefixes[-1] == 2
    assert main(["build", str(a), str(b), str(e), "--out", str(full), "-q", "--no-cache", *more]) == 0
    if formats is None:
        same(built, full)
    for name in ["graph.ttl"] + (["graph.nt"] if formats else []):
        assert (built / name).read_bytes() == (full / name).read_bytes(), name


def test_a_store_or_name_index_the_earlier_build_lacked_is_made_whole(tmp_path, spy):
    """The earlier build wrote no store (nor name index): the parts of the other files are
    copied, and the store and the index get every article's quads."""
    from newsgraph.export import DEFAULT_FORMATS

    src = tmp_path / "in"
    a, b, c = write(src, {"a": A, "b": B, "c": D})
    built, full = tmp_path / "built", tmp_path / "full"
    fewer = ",".join(f for f in DEFAULT_FORMATS if f not in ("store", "names"))
    assert main(["build", str(a), str(b), "--out", str(built), "-q", "--formats", fewer]) == 0
    assert not (built / "store").exists()
    assert main(["build", str(a), str(b), str(c), "--out", str(built), "-q"]) == 0  # a build again, not --add
    assert spy[-1] == 2
    assert main(["build", str(a), str(b), str(c), "--out", str(full), "-q", "--no-cache"]) == 0
    same(built, full)
    assert main(["validate", str(built)]) == 0


def test_adding_an_article_the_cache_holds_parses_nothing_and_leaves_no_worker(tmp_path):
    """build --add starts a worker that loads the pipeline while the cache is read; when
    every article comes from the cache, it is stopped rather than waited for."""
    import multiprocessing

    src = tmp_path / "in"
    a, b = write(src, {"a": A, "b": B})
    built, full = tmp_path / "built", tmp_path / "full"
    assert main(["build", str(b), "--out", str(tmp_path / "other"), "-q"]) == 0  # b's record is cached
    assert main(["build", str(a), "--out", str(built), "-q"]) == 0
    assert main(["build", "--add", str(b), "--out", str(built), "-q"]) == 0
    work = json.loads((built / "manifest.json").read_text(encoding="utf-8"))["build"]["work"]
    assert work["parsed"] == 0 and work["from_cache"] == 2
    assert multiprocessing.active_children() == []
    assert main(["build", str(a), str(b), "--out", str(full), "-q", "--no-cache"]) == 0
    same(built, full)
