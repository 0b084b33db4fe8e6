"""A notebook user's first hour (issue 22): inputs of every shape, failures that show,
DataFrames with NA, SPARQL answers once, languages, --out kept out of the inputs.
The French (and other) sentences are written for these tests."""
from __future__ import annotations

import json
import logging
import subprocess
import sys
import warnings
from pathlib import Path

import pytest

import newsgraph
from newsgraph.errors import NothingBuilt
from newsgraph.report import InputWarning

ROOT = Path(__file__).resolve().parent.parent
MALI = "Le Mali accuse la France d'ingérence. Bamako a convoqué l'ambassadeur français le 3 mars 2023."
NIGER = "Le Niger accuse la France de soutenir les rebelles. Niamey a rappelé son ambassadeur à Paris en 2022."
OTHER_LANGUAGES = {
    "de": "Bundeskanzler Olaf Scholz traf am Montag in Berlin den französischen Präsidenten, um über die Lage "
          "in der Ukraine und die Zusammenarbeit der beiden Länder zu sprechen.",
    "es": "El presidente del Gobierno español se reunió el lunes en Madrid con su homólogo francés para hablar "
          "de la situación en Ucrania y de la cooperación entre los dos países.",
    "it": "Il presidente del Consiglio italiano ha incontrato lunedì a Roma il suo omologo francese per discutere "
          "della situazione in Ucraina e della cooperazione tra i due paesi.",
    "pt": "O presidente brasileiro encontrou-se na segunda-feira em Brasília com o seu homólogo francês para "
          "falar da situação na Ucrânia e da cooperação entre os dois países.",
    "en": "The German chancellor met the French president in Berlin on Monday to discuss the war in Ukraine "
          "and the cooperation between the two countries.",
}


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    d = tmp_path_factory.mktemp("articles")
    (d / "mali.txt").write_text("Le Mali accuse la France\n\n" + MALI, encoding="utf-8")
    (d / "niger.txt").write_text("Le Niger accuse la France\n\n" + NIGER, encoding="utf-8")
    return d


# ---------------------------------------------------------------- inputs of every shape

@pytest.mark.parametrize("shape", ["str", "Path", "list", "str with a slash"])
def test_build_takes_a_path_as_people_hold_it(folder, shape):
    given = {"str": str(folder), "Path": folder, "list": [folder / "mali.txt", str(folder / "niger.txt")],
             "str with a slash": str(folder) + "/"}[shape]
    with warnings.catch_warnings():
        warnings.simplefilter("error", InputWarning)  # no input failed
        kg = newsgraph.build(given)
    assert sorted(d.id for d in kg.documents) == ["mali", "niger"]


@pytest.mark.parametrize("bad", [42, b"examples", [Path("a.txt"), 3]])
def test_build_refuses_what_is_not_a_path_with_a_coded_type_error(bad):
    with pytest.raises(TypeError, match=r"\[E083\] build takes a path"):
        newsgraph.build(bad)


def test_build_texts_takes_dicts_tuples_strings_and_one_string():
    kg = newsgraph.build_texts([{"id": "a", "text": MALI, "dct": "2023-03-04", "title": "Mali"},
                                ("b", NIGER, {"url": "https://journal.example/niger"}),
                                "Le Tchad accuse le Soudan d'avoir bombardé sa frontière."])
    assert [d.id for d in kg.documents] == ["a", "b", "text3"]
    assert (kg.documents[0].article.dct, kg.documents[0].article.title) == ("2023-03-04", "Mali")
    assert kg.documents[1].article.url == "https://journal.example/niger"
    assert [d.id for d in newsgraph.build_texts(MALI).documents] == ["text1"]  # not one text per character


def test_build_texts_takes_a_dataframe_with_the_jsonl_columns():
    pd = pytest.importorskip("pandas")
    df = pd.DataFrame({"id": ["a", "b"], "text": [MALI, NIGER], "dct": ["2023-03-04", None],
                       "title": [float("nan"), "Niger"]})
    kg = newsgraph.build_texts(df)
    assert [d.id for d in kg.documents] == ["a", "b"]  # not the column names
    assert kg.documents[0].article.dct == "2023-03-04" and kg.documents[0].article.title is None
    assert kg.documents[1].article.dct is None and kg.documents[1].article.title == "Niger"
    with pytest.raises(ValueError, match=r"\[E084\].*columns: texte"):
        newsgraph.build_texts(pd.DataFrame({"texte": [MALI]}))


@pytest.mark.parametrize("record, code", [
    ({"id": "a", "text": MALI, "dct": "12/03/2024"}, "E020"),
    (("a", MALI, {"dct": "12/03/2024"}), "E020"),
    ({"id": "a", "text": MALI, "lang": ["fr"]}, "E018"),
    ({"id": "a", "text": MALI, "title": "Mali\x0b"}, "E019"),
    ({"id": "a", "text": "   "}, "E034"),
])
def test_every_field_is_checked_as_the_jsonl_reader_checks_it(record, code):
    with pytest.raises(NothingBuilt) as nothing, warnings.catch_warnings(record=True):
        newsgraph.build_texts([record])
    (entry,) = nothing.value.kg.manifest
    assert entry.status == "failed" and entry.reason.startswith(f"[{code}]")
    assert f"[{code}]" in str(nothing.value) and nothing.value.code == "E080"


@pytest.mark.parametrize("bad", [42, b"texte", object()])
def test_build_texts_refuses_other_kinds_with_a_coded_type_error(bad):
    with pytest.raises(TypeError, match=r"\[E083\] build_texts takes"):
        newsgraph.build_texts(bad)


# ---------------------------------------------------------------- failures that show

def test_a_failed_input_is_a_warning_a_log_record_and_a_line_of_the_repr(caplog):
    with caplog.at_level(logging.WARNING, logger="newsgraph"), pytest.warns(InputWarning) as shown:
        kg = newsgraph.build_texts([("ok", MALI), ("mauvais", NIGER, {"dct": "12/03/2024"})])
    assert [str(w.message) for w in shown] == [f"mauvais: failed: {kg.manifest[0].reason}"]
    assert any(r.name.startswith("newsgraph") and r.levelno >= logging.WARNING and "[E020]" in r.getMessage()
               for r in caplog.records)
    line = repr(kg)
    assert "\n" not in line and line.startswith("KnowledgeGraph: 1 document,")
    assert "1 failed (mauvais: [E020]" in line
    assert any(isinstance(h, logging.NullHandler) for h in logging.getLogger("newsgraph").handlers)


def test_nothing_built_is_an_exception_that_keeps_the_manifest(tmp_path):
    with pytest.raises(NothingBuilt, match=r"\[E081\]"):
        newsgraph.build(tmp_path)  # an empty folder
    (tmp_path / "rapport.pdf").write_bytes(b"%PDF-1.4")
    with pytest.raises(NothingBuilt, match=r"\[E080\].*1 skipped") as nothing, pytest.warns(InputWarning):
        newsgraph.build(tmp_path)
    assert [m.status for m in nothing.value.kg.manifest] == ["skipped"]


def run_cli(*args):
    return subprocess.run([sys.executable, "-m", "newsgraph", *map(str, args)], capture_output=True, text=True,
                          cwd=ROOT)


def test_the_cli_exits_1_with_a_message_when_no_document_was_built(tmp_path):
    empty, pdfs, english = tmp_path / "vide", tmp_path / "pdf", tmp_path / "anglais"
    for d in (empty, pdfs, english):
        d.mkdir()
    (pdfs / "a.pdf").write_bytes(b"%PDF-1.4")
    (english / "a.txt").write_text("War in Ukraine\n\n" + OTHER_LANGUAGES["en"], encoding="utf-8")
    for d, code in ((empty, "E081"), (pdfs, "E080"), (english, "E080")):
        r = run_cli("build", d, "--out", tmp_path / f"out-{d.name}", "-q")
        assert r.returncode == 1, r.stderr
        assert f"[{code}]" in r.stderr and "Traceback" not in r.stderr and "InputWarning" not in r.stderr
        manifest = json.loads((tmp_path / f"out-{d.name}" / "manifest.json").read_text(encoding="utf-8"))
        assert manifest["summary"]["documents"] == 0


# ---------------------------------------------------------------- --out kept out of the inputs

@pytest.mark.parametrize("where", ["same", "inside"])
def test_out_equal_to_or_inside_an_input_folder_is_refused(folder, tmp_path, where):
    out = folder if where == "same" else folder / "sortie"
    r = run_cli("build", folder, "--out", out, "-q")
    assert r.returncode == 2 and "[E082]" in r.stderr, r.stderr
    assert not (folder / "manifest.json").exists() and not (folder / "sortie").exists()


def test_the_api_refuses_to_write_a_build_into_its_inputs(folder):
    from newsgraph.errors import NewsgraphError

    kg = newsgraph.build(folder)
    with pytest.raises(NewsgraphError, match=r"\[E082\]"):
        newsgraph.write(kg, folder / "sortie")
    assert not (folder / "sortie").exists()


# ---------------------------------------------------------------- languages

def test_articles_in_other_languages_are_skipped_with_a_reason(tmp_path):
    for lang, text in OTHER_LANGUAGES.items():
        (tmp_path / f"{lang}.txt").write_text(f"Titre\n\n{text}", encoding="utf-8")
    (tmp_path / "fr.txt").write_text("Le Mali accuse la France\n\n" + MALI, encoding="utf-8")
    with pytest.warns(InputWarning):
        kg = newsgraph.build(tmp_path)
    status = {m.id: m for m in kg.manifest}
    assert status["fr"].status == "done" and [d.id for d in kg.documents] == ["fr"]
    for lang in OTHER_LANGUAGES:
        assert status[lang].status == "skipped", lang
        assert f"is in '{lang}'" in status[lang].reason and "[E014]" in status[lang].reason


def test_short_french_texts_stay_french():
    from newsgraph.ingest.language import language_of

    for text in ("Le Mali accuse la France.", "La France dément.", "Texte.", MALI, NIGER):
        assert language_of(text) == "fr", text


def test_a_declared_language_is_trusted():
    kg = newsgraph.build_texts([{"id": "a", "text": OTHER_LANGUAGES["it"][:60] + " " + MALI, "lang": "fr"}])
    assert [d.id for d in kg.documents] == ["a"]


# ---------------------------------------------------------------- DataFrames and SPARQL

@pytest.fixture(scope="module")
def two(folder):
    return newsgraph.build(folder)


def test_dataframes_have_na_and_types_and_parsed_dates(two):
    pd = pytest.importorskip("pandas")
    frames = two.to_pandas()
    events, actors = frames["events"], frames["actors"]
    assert "" not in set(events["place"].dropna()) and events["place"].isna().any()
    assert str(events["type"].dtype) == "string" and str(actors["mentions"].dtype) == "int64"
    assert str(frames["roles"]["of_inferred"].dtype) == "boolean"
    dated = events[events["date"].notna()]
    assert len(dated) and str(events["date_start"].dtype).startswith("datetime64")
    row = dated.iloc[0]
    assert row["date_start"] <= row["date_end"] and row["date_start"].year in (2022, 2023)
    assert events.loc[events["date"].isna(), "date_start"].isna().all()
    assert not actors["name"].str.contains("\n").any()
    assert list(events.columns)[events.columns.get_loc("date") + 1:][:2] == ["date_start", "date_end"]
    assert pd.api.types.is_list_like(actors["aliases"].iloc[0])


def test_query_answers_each_row_once_over_the_union(two):
    df = two.query("PREFIX schema: <https://schema.org/> SELECT ?name WHERE { ?c a schema:Country ; "
                   "schema:name ?name } ORDER BY ?name")
    assert df["name"].tolist().count("France") == 1  # two article graphs name it
    ds = two.to_rdflib()
    rdflib_rows = ds.query("PREFIX schema: <https://schema.org/> SELECT ?name WHERE { ?c a schema:Country ; "
                           "schema:name ?name } ORDER BY ?name")
    assert sorted(df["name"]) == sorted(str(r.name) for r in rdflib_rows)
    per_graph = two.query("PREFIX schema: <https://schema.org/> SELECT ?g WHERE { GRAPH ?g { ?c schema:name "
                          "?name } }", name="France")
    assert len(per_graph) == 2  # and each article's graph is still there


def test_query_answers_every_form_and_binds_what_it_does_not_select(two):
    import rdflib

    assert two.query("PREFIX schema: <https://schema.org/> ASK { ?c schema:name ?name }", name="Niger") is True
    assert two.query("PREFIX schema: <https://schema.org/> ASK { ?c schema:name ?name }", name="Pérou") is False
    g = two.query("PREFIX schema: <https://schema.org/> CONSTRUCT { ?c schema:name ?n } WHERE "
                  "{ ?c a schema:Country ; schema:name ?n }")
    assert isinstance(g, rdflib.Graph) and len(g) >= 3
    assert "country:FR" in g.serialize(format="turtle")
    iri = two.query("PREFIX schema: <https://schema.org/> SELECT ?c WHERE { ?c schema:name ?name }",
                    name="Mali")["c"].tolist()
    assert len(iri) == 1
    assert len(two.query(f"DESCRIBE <{iri[0]}>")) >= 2
    from newsgraph.vocab.queries import NAMED

    assert len(two.query(NAMED["timeline"], name="Mali")) >= 1


def test_rdflib_has_newsgraphs_prefixes_not_made_up_ones(two):
    text = two.to_rdflib().serialize(format="trig")
    assert "@prefix schema: <https://schema.org/>" in text and "@prefix country:" in text
    assert "ns1:" not in text and "@prefix ns1" not in text


# ---------------------------------------------------------------- CSV for spreadsheets

def test_csv_with_a_byte_order_mark_for_spreadsheets(two, tmp_path):
    newsgraph.write(two, tmp_path / "a", ["csv"], csv_bom=True)
    newsgraph.write(two, tmp_path / "b", ["csv"])
    assert (tmp_path / "a" / "tables" / "events.csv").read_bytes().startswith(b"\xef\xbb\xbfdoc_id,")
    assert (tmp_path / "b" / "tables" / "events.csv").read_bytes().startswith(b"doc_id,")


# ---------------------------------------------------------------- the progress bar

def test_the_progress_bar_knows_its_total_and_counts_the_time_left_from_the_mean(monkeypatch):
    import io
    from types import SimpleNamespace

    from newsgraph.cli import _ProgressBar

    monkeypatch.setattr(sys, "stderr", io.StringIO())
    progress = _ProgressBar(True)
    progress(0, 633)  # before the first article is parsed
    bar = progress.bar
    (task,) = bar.tasks
    assert task.total == 633 and task.completed == 0
    eta = bar.columns[-1]
    # 32 articles in 10 s (one batch): 601 left at that pace, whatever the last second did
    assert eta.render(SimpleNamespace(total=633, completed=32, elapsed=10.0)).plain == "0:03:08"
    assert eta.render(SimpleNamespace(total=633, completed=0, elapsed=1.0)).plain == "-:--:--"
    progress.stop()


# ---------------------------------------------------------------- RDF names

def test_rdf_names_are_tagged_trimmed_proper_names_linked_to_wikidata():
    import rdflib
    from rdflib.namespace import OWL, SDO

    kg = newsgraph.build_texts([("a", "Le Mali accuse la France d'ingérence. Le pays a saisi l'ONU le 3 mars 2023. "
                                      "Le gouvernement malien a convoqué l'ambassadeur de France.")])
    ds = kg.to_rdflib()
    mali = rdflib.URIRef(kg.iris.actor("country", "ML"))
    assert set(ds.objects(mali, SDO.name)) == {rdflib.Literal("Mali", lang="fr")}
    alternates = {str(x) for x in ds.objects(mali, SDO.alternateName)}
    assert not {"pays", "gouvernement", "gouvernement malien", "Le pays"} & alternates, alternates
    assert all(x.language == "fr" for x in ds.objects(mali, SDO.alternateName))
    assert set(ds.objects(mali, OWL.sameAs)) == {rdflib.URIRef("http://www.wikidata.org/entity/Q912")}
    un = rdflib.URIRef(kg.iris.actor("org", "un"))
    assert set(ds.objects(un, OWL.sameAs)) == {rdflib.URIRef("http://www.wikidata.org/entity/Q1065")}
    names = [o for _, p, o, _ in ds.quads((None, SDO.name, None, None))]
    assert names and all(str(n) == " ".join(str(n).split()) for n in names)


def test_the_wikidata_table_names_its_source_and_covers_the_countries():
    from newsgraph.data import default_lexicons
    from newsgraph.export.quads import wikidata_items

    assert "owid-grapher" in default_lexicons().texts["wikidata"].split("iso2\t")[0]
    items = wikidata_items()
    states = [c for c in default_lexicons().countries.values() if c.state and not c.historic]
    missing = [c.iso2 for c in states if f"country:{c.iso2}" not in items]
    assert len(missing) <= 2, missing
    assert items["country:FR"].endswith("/Q142") and items["org:ecowas"].endswith("/Q193272")


# ---------------------------------------------------------------- install

def test_figure_without_matplotlib_names_the_extra(monkeypatch, capsys, folder, tmp_path):
    import importlib.util

    from newsgraph.cli import main

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "matplotlib" else real(name, *a))
    assert main(["figure", str(folder), "--out", str(tmp_path / "f.png")]) == 2
    err = capsys.readouterr().err
    assert "[E085]" in err and 'newsgraph[figures]' in err and "internal error" not in err


def test_vis_network_ships_with_its_licence_and_no_pyvis_dependency():
    from importlib import resources

    vendor = resources.files("newsgraph.export").joinpath("vendor/vis-network")
    assert "MIT License" in vendor.joinpath("LICENSE").read_text(encoding="utf-8")
    assert "@version 9.1.2" in vendor.joinpath("vis-network.min.js").read_text(encoding="utf-8")[:400]
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert "pyvis" not in pyproject and 'license = "MIT"' in pyproject and "example.org" not in pyproject
