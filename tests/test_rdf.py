"""RDF that triple stores, reasoners and SHACL accept: round trips, shapes, IRIs, SPARQL."""
from __future__ import annotations

import json
import subprocess
import sys

import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic


def value(term):
    """A literal by its value: an Oxigraph store keeps xsd:nonNegativeInteger 5 as
    xsd:integer 5, the same number."""
    if isinstance(term, Literal) and isinstance(term.toPython(), int) and not isinstance(term.toPython(), bool):
        return Literal(term.toPython())
    return term


def graphs(ds: Dataset, by_value: bool = False) -> dict[str, Graph]:
    out = {}
    for g in ds.graphs():
        triples = Graph()
        for s, p, o in g:
            triples.add((s, p, value(o) if by_value else o))
        if len(triples):
            out[str(g.identifier)] = triples
    return out


def test_trig_through_pyoxigraph_and_back_is_isomorphic(seed_build, tmp_path):
    kg, out = seed_build
    store = ox.Store()
    store.load(path=str(out / "graph.trig"), format=ox.RdfFormat.TRIG)
    again = tmp_path / "again.trig"
    store.dump(str(again), format=ox.RdfFormat.TRIG)
    first, second = Dataset(), Dataset()
    first.parse(out / "graph.trig", format="trig")
    second.parse(again, format="trig")
    g1, g2 = graphs(first, by_value=True), graphs(second, by_value=True)
    assert set(g1) == set(g2) and len(g1) >= 2
    for name in g1:
        assert isomorphic(g1[name], g2[name]), name


def test_jsonld_reads_back_isomorphic_without_fetching(seed_build):
    kg, out = seed_build
    doc = json.loads((out / "graph.jsonld").read_text(encoding="utf-8"))
    assert isinstance(doc["@context"], dict)  # the context is inline: nothing to fetch
    from_jsonld, from_nq = Dataset(), Dataset()
    from_jsonld.parse(out / "graph.jsonld", format="json-ld")
    from_nq.parse(out / "graph.nq", format="nquads")
    g1, g2 = graphs(from_jsonld), graphs(from_nq)
    assert set(g1) == set(g2)
    for name in g1:
        assert isomorphic(g1[name], g2[name]), name


def test_one_named_graph_per_article_with_provenance(seed_build):
    kg, out = seed_build
    ds = Dataset()
    ds.parse(out / "graph.nq", format="nquads")
    names = [str(g.identifier) for g in ds.graphs() if len(g) and str(g.identifier).endswith("/graph")]
    assert names == ["https://newsgraph.example.org/article/000_e2dcff6a7ff40d3c/graph"]
    prov = "http://www.w3.org/ns/prov#"
    g = URIRef(names[0])
    assert (g, URIRef(prov + "wasDerivedFrom"), URIRef(names[0][: -len("/graph")])) in ds
    assert any(True for _ in ds.triples((g, URIRef(prov + "wasGeneratedBy"), None)))
    labels = {str(o) for o in ds.objects(None, URIRef("https://schema.org/softwareVersion"))}
    assert "3.8.0" in labels  # the spaCy model's version is named


def test_mentions_point_into_the_text(seed_build):
    kg, out = seed_build
    text = kg.documents[0].article.text
    g = Graph().parse(out / "graph.ttl", format="turtle")
    nif = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"
    rows = list(g.query(f"""SELECT ?b ?e ?a WHERE {{ ?m <{nif}beginIndex> ?b ; <{nif}endIndex> ?e ;
                           <{nif}anchorOf> ?a ; a <{nif}Phrase> }}"""))
    assert len(rows) > 20
    for b, e, a in rows:
        assert text[int(b):int(e)] == str(a)


def test_shacl_conforms_on_the_demo_output(seed_build):
    from newsgraph.export.validate import validate_folder

    kg, out = seed_build
    conforms, report = validate_folder(out)
    assert conforms, report


def test_shacl_rejects_a_broken_graph(seed_build):
    from newsgraph.export.validate import validate_graph

    kg, out = seed_build
    g = Graph().parse(out / "graph.ttl", format="turtle")
    ng, sem, schema = "https://w3id.org/newsgraph/ns#", "http://semanticweb.cs.vu.nl/2009/11/sem/", "https://schema.org/"
    event = next(g.subjects(URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), URIRef(sem + "Event")))
    g.remove((event, URIRef(ng + "source"), None))
    country = next(g.subjects(URIRef(ng + "country"), None))
    g.remove((country, URIRef(ng + "country"), None))
    from rdflib import Literal
    g.add((country, URIRef(ng + "country"), Literal("Mali")))
    conforms, report = validate_graph(g)
    assert not conforms
    assert "An event has one source actor." in report
    assert "ng:country is one ISO 3166-1 alpha-2 code." in report


def test_validate_command(seed_build):
    kg, out = seed_build
    r = subprocess.run([sys.executable, "-m", "newsgraph.cli", "validate", str(out)], capture_output=True, text=True)
    assert r.returncode == 0 and "conforms" in r.stdout


@pytest.mark.parametrize("name", ['Le "Groupe" <X>', "Front\nde libération", "Ünïcödé 🚀 & co", "a/b?c#d e"])
def test_hostile_names_give_valid_iris(tmp_path, name):
    from newsgraph.data import default_lexicons
    from newsgraph.export import write
    from newsgraph.graph import GraphData, to_networkx
    from newsgraph.records import Article, BuildInfo, DocumentRecord, EntityMention
    from newsgraph.resolve.linking import link
    from newsgraph.resolve.within import cluster
    from newsgraph.vocab.iris import Iris

    iris = Iris("https://ex.org/base/")
    actors, _ = cluster([EntityMention(text=name, start=0, end=len(name), token_start=0, token_end=1,
                                       type="Organization")], default_lexicons())
    rec = DocumentRecord(article=Article(id='doc "1" <x>', text=name + " a protesté."),
                         actors=tuple(a.record() for a in actors))
    links = link([rec], iris, default_lexicons())
    kg = GraphData(documents=[rec], manifest=[], graph=to_networkx([rec], iris, links), iris=iris, links=links,
                        info=BuildInfo(base_iri="https://ex.org/base/", version="t", model="m",
                                       model_version="1", started="2026-01-01T00:00:00+00:00"))
    write(kg, tmp_path, ["trig", "turtle", "jsonld"])
    store = ox.Store()
    store.load(path=str(tmp_path / "graph.trig"), format=ox.RdfFormat.TRIG)
    subjects = {q.subject.value for q in store if isinstance(q.subject, ox.NamedNode)}
    assert all(not any(c in i for c in ' "<>\n{}|\\^`') for i in subjects)
    names = {q.object.value for q in store if q.predicate.value == "https://schema.org/name"}
    assert " ".join(name.split()) in names  # a name is written on one line
    Dataset().parse(tmp_path / "graph.jsonld", format="json-ld")


def test_iris_are_stable_across_runs(tmp_path):
    from pathlib import Path

    import newsgraph

    EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
    a, b = newsgraph.build([EXAMPLES]), newsgraph.build([EXAMPLES])
    assert a.links == b.links and a.links.events


def test_query_who_visits_mali(seed_build):
    kg, out = seed_build
    r = subprocess.run([sys.executable, "-m", "newsgraph.cli", "query", str(out), "--visitors-of", "Mali",
                        "--format", "json"], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    results = json.loads(r.stdout)  # the SPARQL 1.1 Query Results JSON Format
    assert results["head"]["vars"] == ["visitor", "date", "modality", "article", "evidence", "name"]
    rows = results["results"]["bindings"]
    lavrov = [row for row in rows if row["visitor"]["value"] == "Sergueï Lavrov"]
    assert lavrov and lavrov[0]["article"] == {"type": "literal", "value": "000_e2dcff6a7ff40d3c"}
    assert "Bamako" in lavrov[0]["evidence"]["value"]


def test_query_with_plain_sparql_and_a_bad_one(seed_build):
    kg, out = seed_build
    ok = subprocess.run([sys.executable, "-m", "newsgraph.cli", "query", str(out),
                         "SELECT ?n WHERE { ?a a <https://schema.org/Country> ; <https://schema.org/name> ?n }",
                         "--format", "csv"], capture_output=True, text=True)
    assert ok.returncode == 0 and {"Mali", "Russie", "France"} <= set(ok.stdout.split())
    bad = subprocess.run([sys.executable, "-m", "newsgraph.cli", "query", str(out), "SELEC nothing"],
                         capture_output=True, text=True)
    assert bad.returncode == 2 and "[E013]" in bad.stderr and "Traceback" not in bad.stderr


def test_csv_tables_and_gexf(seed_build):
    import csv

    import networkx as nx

    kg, out = seed_build
    rows = list(csv.DictReader((out / "tables" / "events.csv").open(encoding="utf-8")))
    assert any(r["type"] == "SANCTION" and r["source"] == "Mali" and r["target"] == "France" for r in rows)
    for table in ("actors", "roles", "agreements", "mentions"):
        assert (out / "tables" / f"{table}.csv").exists()
    g = nx.read_gexf(out / "graph.gexf")
    assert g.number_of_nodes() == kg.graph.number_of_nodes()


def test_event_reported_twice_has_one_date_and_mode_in_rdf(tmp_path):
    import newsgraph
    from newsgraph.export import write
    from newsgraph.export.validate import validate_folder

    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text("Sanctions\n\nLa CEDEAO a suspendu le Niger de ses instances en août 2023.",
                               encoding="utf-8")
    (src / "b.txt").write_text("Niger\n\nLa CEDEAO a suspendu le Niger le 10 août 2023.", encoding="utf-8")
    kg = newsgraph.build([src])
    write(kg, tmp_path / "out", ["turtle", "nquads"])
    conforms, report = validate_folder(tmp_path / "out")
    assert conforms, report
    g = Graph().parse(tmp_path / "out" / "graph.ttl", format="turtle")
    stamps = set(g.objects(None, URIRef("http://semanticweb.cs.vu.nl/2009/11/sem/hasTimeStamp")))
    assert {str(s) for s in stamps} == {"2023-08-10"}
