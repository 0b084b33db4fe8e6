"""Bad and odd inputs (issue 13): each one is rejected alone, with a coded error naming
its file and line, or read as the article it is; none is lost, read twice, or read from
newsgraph's own outputs."""
from __future__ import annotations

import json
import os

import pytest

from newsgraph.ingest import read
from newsgraph.records import Article

GOOD = "Le Mali a rappelé son ambassadeur à Paris après les propos du ministre."


def articles_and_problems(items):
    items = list(items)
    return ([x for x in items if isinstance(x, Article)], [x for x in items if not isinstance(x, Article)])


def jsonl(tmp_path, *lines, name="batch.jsonl"):
    f = tmp_path / name
    f.write_text("\n".join(x if isinstance(x, str) else json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    return f


@pytest.mark.parametrize("fields, code, words", [
    ({"lang": ["fr"]}, "E018", ['"lang"', "array"]),
    ({"title": {"fr": "Le Mali"}}, "E018", ['"title"', "object"]),
    ({"url": 12}, "E018", ['"url"', "number"]),
    ({"id": ["a", "b"]}, "E018", ['"id"', "array"]),
    ({"text": 42}, "E018", ['"text"', "number"]),
    ({"title": "Le Mali\x00 proteste"}, "E019", ["title", "U+0000"]),
    ({"title": "Le Mali\x0b proteste"}, "E019", ["title", "U+000B"]),
    ({"text": GOOD + "\x0c" + GOOD}, "E019", ["text", "U+000C"]),
    ({"text": GOOD + "\ud800"}, "E019", ["text", "U+D800"]),
    ({"id": "a\tb"}, "E019", ["id", "U+0009"]),
    ({"dct": 2022}, "E020", ["2022", "YYYY-MM-DD"]),
    ({"dct": "2022-13-45"}, "E020", ['"2022-13-45"']),
    ({"dct": "2023-02-30"}, "E020", ['"2023-02-30"']),
    ({"dct": "hier"}, "E020", ['"hier"']),
    ({"lang": "français"}, "E021", ['"français"']),
])
def test_a_bad_field_rejects_only_its_line(tmp_path, fields, code, words):
    f = jsonl(tmp_path, {"id": "avant", "text": GOOD}, {"id": "x", "text": GOOD, **fields},
              {"id": "apres", "text": GOOD})
    done, problems = articles_and_problems(read([f]))
    assert [a.id for a in done] == ["avant", "apres"]
    assert len(problems) == 1 and problems[0].status == "failed"
    reason = problems[0].reason
    assert reason.startswith(f"[{code}]") and "batch.jsonl: line 2" in reason, reason
    assert problems[0].path == f"{f}:2"
    for w in words:
        assert w in reason


def test_good_fields_are_kept_as_given(tmp_path):
    f = jsonl(tmp_path, {"id": "a", "text": GOOD, "title": "Rappel", "dct": "2022-02-01T08:30:00Z",
                         "url": "https://ex.org/a", "lang": "fr"},
              {"id": "b", "text": "Le Niger\tproteste.\r\nLe Tchad aussi.", "title": None, "dct": None, "url": None})
    done, problems = articles_and_problems(read([f]))
    assert not problems
    assert (done[0].title, done[0].dct, done[0].url) == ("Rappel", "2022-02-01T08:30:00Z", "https://ex.org/a")
    assert done[1].title is None and done[1].dct is None


@pytest.mark.parametrize("value, expected", [(0, "0"), (False, "false"), (True, "true"), (7, "7"), ("0", "0")])
def test_jsonl_ids_that_are_falsy_or_not_strings_are_kept(tmp_path, value, expected):
    f = jsonl(tmp_path, {"id": value, "text": GOOD})
    done, _ = articles_and_problems(read([f]))
    assert [a.id for a in done] == [expected]


def test_jsonl_is_split_on_line_feeds_only(tmp_path):
    f = tmp_path / "seps.jsonl"
    lines = [{"id": "a", "text": "Le Mali proteste.\u2028Le Niger aussi."},
             {"id": "b", "text": "Le Tchad\u0085proteste.", "title": "Titre\u2029suite"},
             {"id": "c", "text": "Le Bénin\x1cproteste."}]
    f.write_text("\r\n".join(json.dumps(x, ensure_ascii=False) for x in lines), encoding="utf-8")
    done, problems = articles_and_problems(read([f]))
    assert [a.id for a in done] == ["a", "b"]
    assert done[0].text == lines[0]["text"] and done[1].title == "Titre\u2029suite"
    assert len(problems) == 1 and problems[0].path == f"{f}:3" and "[E019]" in problems[0].reason


def test_a_text_file_with_a_control_character_is_rejected_with_its_offset(tmp_path):
    (tmp_path / "bell.txt").write_text("Titre\n\nLe Mali\x07 proteste.", encoding="utf-8")
    (tmp_path / "ok.txt").write_text("Titre\n\nLe Mali\tproteste.\r\n", encoding="utf-8")
    done, problems = articles_and_problems(read([tmp_path]))
    assert [a.id for a in done] == ["ok"]
    assert problems[0].id == "bell" and "[E019]" in problems[0].reason and "U+0007 at offset 14" in problems[0].reason


def test_an_impossible_dateline_gives_no_publication_date(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("Le Niger rappelle son ambassadeur\nPublié le 31 février 2023 à 10h\n"
                 "Le Niger a rappelé son ambassadeur à Paris.", encoding="utf-8")
    (done,), _ = articles_and_problems(read([f]))
    assert done.dct is None


@pytest.mark.parametrize("text, lang", [
    ("أعلنت الحكومة المالية أنها استدعت سفيرها في باريس بعد تصريحات الوزير الفرنسي.", "ar"),
    ("马里政府宣布，在法国部长发表讲话后，召回驻巴黎大使。", "zh"),
], ids=["arabic", "chinese"])
def test_arabic_and_chinese_are_skipped_as_not_french(tmp_path, text, lang):
    import newsgraph

    from newsgraph.errors import NothingBuilt

    (tmp_path / "autre.txt").write_text(f"Titre\n\n{text}", encoding="utf-8")
    with pytest.raises(NothingBuilt) as nothing:
        newsgraph.build([tmp_path])
    kg = nothing.value.kg
    (entry,) = kg.manifest
    assert entry.status == "skipped" and f"'{lang}'" in entry.reason and "[E014]" in entry.reason
    assert kg.documents == ()


def test_a_declared_html_charset_is_honoured(tmp_path):
    f = tmp_path / "cp1252.html"
    page = ("<html><head><meta charset=\"windows-1252\"><title>Le Bénin et le Togo signent un accord</title></head>"
            "<body><article><h1>Le Bénin et le Togo signent un accord</h1><p>Le président béninois a reçu "
            "à Cotonou son homologue togolais pour signer un accord de coopération sécuritaire « historique ».</p>"
            "<p>Les deux chefs d’État ont promis de renforcer les patrouilles communes à la frontière.</p>"
            "</article></body></html>")
    f.write_bytes(page.encode("cp1252"))
    (done,), problems = articles_and_problems(read([f]))
    assert not problems
    assert "béninois" in done.text and "« historique »" in done.text and "chefs d’État" in done.text


def test_a_fifo_is_reported_as_not_a_file_and_never_opened(tmp_path):
    fifo = tmp_path / "tube.txt"
    os.mkfifo(fifo)
    folder = tmp_path / "dossier"
    folder.mkdir()
    os.mkfifo(folder / "autre.txt")
    (folder / "ok.txt").write_text("Titre\n\n" + GOOD, encoding="utf-8")
    done, problems = articles_and_problems(read([fifo, folder]))
    assert [a.id for a in done] == ["ok"]
    assert [(p.id, p.status) for p in problems] == [("tube", "failed"), ("autre", "skipped")]
    assert all("[E022]" in p.reason and "FIFO" in p.reason for p in problems)


def test_dangling_links_and_loops_each_get_an_entry(tmp_path):
    src = tmp_path / "in"
    (src / "sub").mkdir(parents=True)
    (src / "ok.txt").write_text("Titre\n\n" + GOOD, encoding="utf-8")
    (src / "perdu.txt").symlink_to(tmp_path / "nowhere.txt")
    (src / "boucle.txt").symlink_to(src / "boucle.txt")
    (src / "sub" / "retour").symlink_to(src)
    (src / "vers-ok.txt").symlink_to(src / "ok.txt")
    done, problems = articles_and_problems(read([src]))
    assert [a.id for a in done] == ["ok"]
    by_id = {p.id: p for p in problems}
    assert set(by_id) == {"perdu", "boucle", "retour", "vers-ok"}
    assert by_id["perdu"].status == "failed" and "[E023]" in by_id["perdu"].reason
    assert "nowhere.txt" in by_id["perdu"].reason
    assert "[E023]" in by_id["boucle"].reason and "[E023]" in by_id["retour"].reason
    assert by_id["vers-ok"].status == "skipped" and "[E032]" in by_id["vers-ok"].reason


def test_a_given_dangling_link_is_not_called_missing(tmp_path):
    (tmp_path / "lien.txt").symlink_to(tmp_path / "parti.txt")
    _, (problem,) = articles_and_problems(read([tmp_path / "lien.txt"]))
    assert "[E023]" in problem.reason and "parti.txt" in problem.reason


def test_the_output_folder_inside_the_input_folder_is_never_read(tmp_path):
    import newsgraph

    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text("Rappel\n\n" + GOOD, encoding="utf-8")
    kg = newsgraph.build([src])
    newsgraph.write(kg, tmp_path / "built", ["jsonl", "manifest"])  # a build is never written inside its input
    (tmp_path / "built").rename(src / "out")  # but one may be put there (or left by an older newsgraph)
    kg = newsgraph.build([src], exclude=[src / "out"])
    assert [(m.id, m.status) for m in kg.manifest] == [("a", "done")]
    copy = tmp_path / "elsewhere"
    (src / "out").rename(copy)  # a build folder is recognised by its manifest, whatever its name
    (src / "old").symlink_to(copy)
    _, problems = articles_and_problems(read([src, copy / "documents.jsonl"]))
    assert [(p.id, p.status) for p in problems] == [("old", "skipped"), ("documents", "skipped")]
    assert all("[E024]" in p.reason for p in problems)
