"""The Python API as a notebook user meets it: texts in, DataFrames, rdflib, SPARQL and
spaCy Docs out. The French sentences are written for these tests."""
from __future__ import annotations

import pytest

TEXTS = [
    "Le Sénégal accuse la Gambie d'avoir fermé sa frontière.",
    ("visite", "Le président ghanéen Nana Akufo-Addo a rencontré à Abidjan le président ivoirien "
               "Alassane Ouattara le 12 mars 2023.", {"title": "Visite à Abidjan", "dct": "2023-03-13",
                                                    "url": "https://journal.example/visite"}),
]


@pytest.fixture(scope="module")
def kg():
    import newsgraph

    return newsgraph.build_texts(TEXTS)


def test_build_texts_takes_strings_and_records(kg):
    assert [d.id for d in kg.documents] == ["text1", "visite"]
    visit = kg.documents[1].article
    assert (visit.title, visit.dct, visit.url) == ("Visite à Abidjan", "2023-03-13", "https://journal.example/visite")
    assert {m.status for m in kg.manifest} == {"done"}


def test_build_texts_reports_a_bad_record_and_goes_on():
    import newsgraph

    kg = newsgraph.build_texts(["Le Mali accuse la France.", ("x", "Texte.", {"auteur": "moi"}), 42])
    status = {m.id: (m.status, m.reason) for m in kg.manifest}
    assert status["text1"][0] == "done"
    assert status["x"][0] == "failed" and "auteur" in status["x"][1] and "[E034]" in status["x"][1]
    assert status["text3"][0] == "failed"


def test_to_pandas_gives_five_tables_with_names_not_ids(kg):
    frames = kg.to_pandas()
    assert set(frames) == {"actors", "events", "roles", "agreements", "mentions"}
    events = frames["events"]
    for column in ("source", "target", "type", "mode", "date", "modality", "article", "evidence"):
        assert column in events.columns, column
    accuse = events[events["type"] == "ACCUSE"].iloc[0]
    assert (accuse["source"], accuse["target"], accuse["article"]) == ("Sénégal", "Gambie", "text1")
    meet = events[events["type"] == "CONSULT"].iloc[0]
    assert {meet["source"], meet["target"]} == {"Nana Akufo-Addo", "Alassane Ouattara"}
    assert meet["date"] == "2023-03-12" and "Abidjan" in meet["evidence"]
    assert str(frames["mentions"]["start"].dtype) == "int64"
    assert isinstance(frames["actors"]["aliases"].iloc[0], list)
    assert list(frames["agreements"].columns)[:2] == ["article", "agreement_id"]  # empty, with its columns


def test_to_rdflib_is_a_dataset_that_sparql_sees_whole(kg):
    import rdflib

    ds = kg.to_rdflib()
    assert isinstance(ds, rdflib.Dataset)
    named = {str(g.identifier) for g in ds.graphs() if len(g) and str(g.identifier).endswith("/graph")}
    assert len(named) == 2
    rows = ds.query("PREFIX schema: <https://schema.org/> SELECT DISTINCT ?n WHERE { ?p a schema:Person ; schema:name ?n }")
    assert {str(r.n) for r in rows} == {"Nana Akufo-Addo", "Alassane Ouattara"}


def test_query_returns_a_dataframe_with_bound_parameters(kg):
    df = kg.query("""PREFIX schema: <https://schema.org/> PREFIX ng: <https://w3id.org/newsgraph/ns#>
        PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
        SELECT DISTINCT ?target ?begin ?name WHERE {
          ?a schema:name ?name . ?e ng:source ?a ; ng:target ?t ; ng:trigger ?span .
          ?t schema:name ?target . ?span nif:beginIndex ?begin }""", name="Sénégal")
    assert list(df.columns) == ["target", "begin", "name"]
    assert df["target"].tolist() == ["Gambie"]
    assert str(df["begin"].dtype) == "Int64"  # a nullable integer: an unbound value is <NA>


def test_query_never_answers_from_a_stale_store(kg):
    import dataclasses

    ask = "PREFIX schema: <https://schema.org/> SELECT DISTINCT ?n WHERE { ?a a schema:NewsArticle ; schema:identifier ?n }"
    assert sorted(kg.query(ask)["n"]) == ["text1", "visite"]
    with pytest.raises(dataclasses.FrozenInstanceError):
        kg.documents = kg.documents[:1]  # type: ignore[misc]
    one = dataclasses.replace(kg, documents=kg.documents[:1])  # a new graph: its own store
    assert sorted(one.query(ask)["n"]) == ["text1"] and sorted(kg.query(ask)["n"]) == ["text1", "visite"]


def test_pipe_gives_spacy_docs_with_span_groups_and_records():
    from spacy import displacy

    import newsgraph

    doc = next(newsgraph.pipe(["Le Niger accuse la France d'ingérence le 5 janvier 2024."]))
    actors = {(s.text, s.label_) for s in doc.spans["actors"]}
    assert ("Niger", "Country") in actors
    events = [(s.text, s.label_, s.kb_id_) for s in doc.spans["events"]]
    assert events == [("accuse", "ACCUSE", "e1")]
    timexes = [(s.text, s.label_, s.id_) for s in doc.spans["timexes"]]
    assert ("le 5 janvier 2024", "DATE", "2024-01-05") in timexes
    assert [a.name for a in doc._.actors][:1] == ["Niger"] and doc._.iris["a1"].endswith("/country/NE")
    assert len(doc._.events) == len(doc.spans["events"])
    assert doc._.iris["e1"].startswith("https://newsgraph.example.org/event/")  # linked, as in a build
    html = displacy.render(doc, style="span", options={"spans_key": "timexes"}, page=False)
    assert "janvier" in html and "DATE" in html
