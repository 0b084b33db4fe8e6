"""RDF that linked-data tools read without surprises: each vocabulary used as its authors
meant, one name per actor, NIF as NIF says, no repeated line, reproducible files, and
SHACL shapes that catch each of these mistakes. The French sentences are written for
these tests."""
from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest
from rdflib import RDF, XSD, Graph, Literal, Namespace, URIRef

SRC = Path(__file__).resolve().parent.parent / "src" / "newsgraph"
NG = Namespace("https://w3id.org/newsgraph/ns#")
SDO = Namespace("https://schema.org/")
SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
ITS = Namespace("http://www.w3.org/2005/11/its/rdf#")
ORG = Namespace("http://www.w3.org/ns/org#")
TEXTS = [
    ("a", "Le président malien Assimi Goïta a reçu à Bamako le secrétaire général de l'ONU, António "
          "Guterres, le 4 mai 2023. Le Mali accuse la France et menace l'Algérie.",
     {"url": "https://journal.example/a", "title": "Goïta reçoit Guterres"}),
    ("b", "Assimi Goita a rencontré le président français Emmanuel Macron."),
]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    import newsgraph
    from newsgraph.export import write

    out = tmp_path_factory.mktemp("vocab")
    kg = newsgraph.build_texts(TEXTS)
    write(kg, out, ["nquads", "turtle", "trig"])
    return kg, out, Graph().parse(out / "graph.ttl", format="turtle")


def test_one_name_per_actor_in_the_merged_graph_on_one_line(built):
    kg, out, g = built
    goita = URIRef("https://newsgraph.example.org/actor/person/assimi-goita")
    assert [str(n) for n in g.objects(goita, SDO.name)] == ["Assimi Goïta"]
    assert "Assimi Goita" in {str(n) for n in g.objects(goita, SDO.alternateName)}
    for actor in set(g.subjects(RDF.type, SEM.Actor)):
        names = list(g.objects(actor, SDO.name))
        assert len(names) == 1 and "\n" not in names[0], (actor, names)


def test_posts_in_organisations_and_posts_of_states(built):
    kg, out, g = built
    post_in = list(g.subject_objects(ORG.postIn))
    of_state = list(g.subject_objects(NG.postOfState))
    assert post_in and of_state
    assert all((o, RDF.type, SDO.Organization) in g for _, o in post_in)
    assert all((o, RDF.type, SDO.Country) in g for _, o in of_state)
    assert URIRef("https://newsgraph.example.org/actor/country/ML") in {o for _, o in of_state}


def test_triggers_are_linked_by_ng_trigger_and_mentions_only_name_actors(built):
    kg, out, g = built
    events = set(g.subjects(RDF.type, SEM.Event))
    assert events and all(len(list(g.objects(e, NG.trigger))) == 1 for e in events)
    text = kg.documents[0].article.text
    accuse = next(e for e in events if (e, SEM.eventType, URIRef("https://w3id.org/newsgraph/plover/ACCUSE")) in g)
    span = next(g.objects(accuse, NG.trigger))
    assert text[int(next(g.objects(span, NIF.beginIndex))):int(next(g.objects(span, NIF.endIndex)))] == "accuse"
    assert all((o, RDF.type, SEM.Actor) in g for o in g.objects(None, ITS.taIdentRef))


def test_plover_concepts_are_event_types(built):
    kg, out, g = built
    used = set(g.objects(None, SEM.eventType)) | set(g.objects(None, NG.mode))
    assert used and all((c, RDF.type, SEM.EventType) in g for c in used)


def test_nif_offsets_are_non_negative_integers(built):
    kg, out, g = built
    offsets = list(g.objects(None, NIF.beginIndex)) + list(g.objects(None, NIF.endIndex))
    assert offsets and {o.datatype for o in offsets} == {XSD.nonNegativeInteger}


def test_source_url_is_the_articles_url_only(built):
    kg, out, g = built
    contexts = {str(c): list(g.objects(c, NIF.sourceUrl)) for c in g.subjects(RDF.type, NIF.Context)}
    assert len(contexts) == 2
    urls = [u for us in contexts.values() for u in us]
    assert urls == [URIRef("https://journal.example/a")]  # b has no URL: no nif:sourceUrl


def test_nquads_repeat_no_line(built):
    kg, out, g = built
    lines = (out / "graph.nq").read_text(encoding="utf-8").splitlines()
    assert len(lines) == len(set(lines))
    sentence = [line for line in lines if "#char=114,159>" in line and "nif-core#Sentence" in line]
    assert len(sentence) == 1  # three events, one sentence


def _mutations():
    art = "https://newsgraph.example.org/article/a"
    return {
        "org:postIn a country": (
            lambda g: g.add((next(g.subjects(NG.postOfState, None)), ORG.postIn,
                             URIRef("https://newsgraph.example.org/actor/country/ML"))),
            "org:postIn names an organisation"),
        "a trigger as itsrdf:taIdentRef": (
            lambda g: g.add((next(g.objects(None, NG.trigger)), ITS.taIdentRef, next(g.subjects(RDF.type, SEM.Event)))),
            "itsrdf:taIdentRef says which actor"),
        "an untyped PLOVER concept": (
            lambda g: g.remove((None, RDF.type, SEM.EventType)),
            "The object of sem:eventType is a sem:EventType"),
        "an xsd:integer offset": (
            lambda g: [g.remove((s, NIF.beginIndex, o)) or g.add((s, NIF.beginIndex, Literal(int(o), datatype=XSD.integer)))
                       for s, o in list(g.subject_objects(NIF.beginIndex))],
            "NIF offsets are xsd:nonNegativeInteger"),
        "nif:sourceUrl to the article node": (
            lambda g: g.add((next(g.subjects(RDF.type, NIF.Context)), NIF.sourceUrl, URIRef(art))),
            "nif:sourceUrl is the URL the text was read from"),
        "two names": (
            lambda g: g.add((URIRef("https://newsgraph.example.org/actor/country/ML"), SDO.name, Literal("Mali (pays)"))),
            "An actor has one schema:name"),
        "a name on two lines": (
            lambda g: g.add((URIRef("https://newsgraph.example.org/actor/country/FR"), SDO.alternateName,
                             Literal("République\nfrançaise"))),
            "A name is one line of text"),
        "an event without trigger": (
            lambda g: g.remove((None, NG.trigger, None)),
            "An event points to its trigger"),
    }


def test_the_build_conforms(built):
    from newsgraph.export.validate import validate_graph

    kg, out, g = built
    conforms, report = validate_graph(g)
    assert conforms, report


@pytest.mark.parametrize("mistake", sorted(_mutations()))
def test_shacl_catches(built, mistake):
    from newsgraph.export.validate import validate_graph

    kg, out, g = built
    broken = Graph()
    for t in g:
        broken.add(t)
    change, message = _mutations()[mistake]
    change(broken)
    conforms, report = validate_graph(broken)
    assert not conforms and message in report, report[-2000:]


def _declared_terms() -> dict[str, set[str]]:
    tree = ast.parse((SRC / "vocab" / "namespaces.py").read_text(encoding="utf-8"))
    out = {}
    for node in tree.body:
        if isinstance(node, ast.ClassDef):
            out[node.name] = {n.target.id for n in node.body if isinstance(n, ast.AnnAssign)}
    return out


def test_every_declared_term_is_used_and_in_the_context():
    code = "\n".join(p.read_text(encoding="utf-8") for p in SRC.rglob("*.py") if p.name != "namespaces.py")
    declared = _declared_terms()
    assert set(declared) >= {"NG", "SEM", "NIF", "ITSRDF"}
    for ns, terms in declared.items():
        unused = {t for t in terms if not re.search(rf"\b{ns}\.{t}\b", code)}
        assert not unused, f"{ns} declares terms no writer uses: {sorted(unused)}"
    context = json.loads((SRC / "vocab" / "context.jsonld").read_text(encoding="utf-8"))["@context"]
    ng_terms = {v["@id"].split(":", 1)[1] for v in context.values() if isinstance(v, dict)}
    assert ng_terms == declared["NG"]


def test_same_input_gives_byte_identical_files(tmp_path, monkeypatch):
    import newsgraph
    from newsgraph.export import DEFAULT_FORMATS, write

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    texts = [("x", "Le Togo condamne l'attaque contre le Bénin le 2 juin 2024.")]
    for run in ("one", "two"):
        write(newsgraph.build_texts(texts), tmp_path / run, DEFAULT_FORMATS)
    files = sorted(p.relative_to(tmp_path / "one") for p in (tmp_path / "one").rglob("*")
                   if p.is_file() and p.relative_to(tmp_path / "one").parts[0] != "store")  # a database
    assert len(files) >= 10
    for f in files:
        assert (tmp_path / "one" / f).read_bytes() == (tmp_path / "two" / f).read_bytes(), f
    assert "2023-11-14T22:13:20" in (tmp_path / "one" / "graph.nq").read_text(encoding="utf-8")
