"""Issue 12, streaming: the writers consume the quads one article at a time and write the
same files the whole-build list of quads gave; the export leaves no cache behind;
``validate`` checks whole named graphs a batch at a time and still finds what is wrong."""
from __future__ import annotations

import dataclasses
import json
import re
import tracemalloc
import weakref

import pyoxigraph as ox
import pytest

TEXTS = [
    ("a1", "Le président malien Assimi Goïta a reçu mardi à Bamako le ministre français des Affaires "
           "étrangères. La France a condamné le coup d'État au Niger.", {"dct": "2024-03-05"}),
    ("a2", "La CEDEAO a suspendu le Niger de ses instances en août 2023. Le Mali a dénoncé la décision.",
     {"dct": "2023-08-12"}),
    ("a3", "Niger\n\nLa CEDEAO a suspendu le Niger le 10 août 2023. Assimi Goïta a rencontré le président "
           "nigérien à Niamey.", {"dct": "2023-08-11"}),
]
RDF_FORMATS = ["trig", "nquads", "turtle", "ntriples", "jsonld", "names", "store"]


@pytest.fixture(scope="module")
def kg():
    import newsgraph

    return newsgraph.build_texts(TEXTS)


def copies(kg, k: int):
    """The graph of ``k`` copies of every article of ``kg``, each copy under its own id."""
    from newsgraph.data import default_lexicons
    from newsgraph.resolve.linking import link

    docs = [dataclasses.replace(r, article=dataclasses.replace(r.article, id=f"{r.id}-{i}"))
            for i in range(k) for r in kg.documents]
    return dataclasses.replace(kg, documents=docs, links=link(docs, kg.iris, default_lexicons()))


def whole_list(kg) -> list[ox.Quad]:
    """The quads as the writers shared them before streaming: one list of the build,
    each quad once."""
    from newsgraph.export import quads as q

    canonical, names = q.event_attributes(kg), q.actor_names(kg)
    quads = [*q.vocabulary_quads(), *q.provenance_quads(kg)]
    for rec in kg.documents:
        quads.extend([*q.document_provenance_quads(kg, rec), *q.named_graph_quads(kg, rec, canonical, names)])
    return list(dict.fromkeys(quads))


def whole_jsonld(kg) -> str:
    """JSON-LD as it was written from the whole list: quads grouped by graph, then subject."""
    from newsgraph.export import rdf

    context = rdf.jsonld_context()
    prefixes = sorted(((k, v) for k, v in context.items() if isinstance(v, str)), key=lambda kv: -len(kv[1]))
    by_graph: dict = {}
    for q in whole_list(kg):
        g = "" if isinstance(q.graph_name, ox.DefaultGraph) else q.graph_name.value
        by_graph.setdefault(g, {}).setdefault(q.subject.value, []).append(ox.Triple(q.subject, q.predicate, q.object))
    items = []
    for g, subjects in by_graph.items():
        nodes = [rdf._jsonld_node(s, list(dict.fromkeys(ts)), prefixes) for s, ts in subjects.items()]
        if g:
            items.append(json.dumps({"@id": rdf._compact(g, prefixes), "@graph": nodes}, ensure_ascii=False))
        else:
            items.extend(json.dumps(n, ensure_ascii=False) for n in nodes)
    return '{"@context": ' + json.dumps(context, ensure_ascii=False) + ', "@graph": [\n' + ",\n".join(items) + "\n]}\n"


def test_the_streamed_files_are_those_of_the_whole_list(kg, tmp_path):
    from newsgraph.export import rdf, write

    write(kg, tmp_path, RDF_FORMATS)
    quads = whole_list(kg)
    triples = list(dict.fromkeys(ox.Triple(q.subject, q.predicate, q.object) for q in quads))
    assert len(triples) < len(quads)  # the articles share actors and an event: the merge drops repeats
    tri = rdf.PREFIXES
    assert (tmp_path / "graph.nq").read_bytes() == ox.serialize(quads, format=ox.RdfFormat.N_QUADS)
    assert (tmp_path / "graph.trig").read_bytes() == ox.serialize(quads, format=ox.RdfFormat.TRIG, prefixes=tri)
    assert (tmp_path / "graph.ttl").read_bytes() == ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=tri)
    assert (tmp_path / "graph.nt").read_bytes() == ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
    assert (tmp_path / "graph.jsonld").read_text(encoding="utf-8") == whole_jsonld(kg)
    from newsgraph.export.store import name_index

    assert json.loads((tmp_path / "names.json").read_text(encoding="utf-8")) == name_index(quads)
    store = ox.Store.read_only(str(tmp_path / "store"))  # keeps an xsd:nonNegativeInteger as xsd:integer
    assert len(store) == len(quads)  # and xsd:dateTime "...+00:00" as "...Z"
    assert {(q.subject, q.predicate, q.graph_name) for q in store} == {(q.subject, q.predicate, q.graph_name)
                                                                       for q in quads}


def test_the_writers_hold_one_article_at_a_time(kg, tmp_path, monkeypatch):
    """Every RDF writer takes the quads as a stream of chunks, one per article: at most two
    are alive at once (the one being written and the next being made), however many
    articles there are."""
    from newsgraph.export import quads, store, writer

    monkeypatch.setattr(store, "STORE_BATCH", 1)  # a bulk load per article
    refs: list[weakref.ref] = []
    most = {"chunks": 0, "made": 0}
    made = quads.Chunk.__init__

    def counting(self, *args, **kwargs):
        made(self, *args, **kwargs)
        refs.append(weakref.ref(self))
        alive = sum(r() is not None for r in refs)
        most["chunks"], most["made"] = max(most["chunks"], alive), most["made"] + 1

    monkeypatch.setattr(quads.Chunk, "__init__", counting)
    big = copies(kg, 5)
    for name in RDF_FORMATS:
        most.update(chunks=0, made=0)
        refs.clear()
        writer(name)(big, tmp_path / name)
        assert most["made"] == len(big.documents) + 1, name
        assert most["chunks"] <= 2, name
    assert big.views == {}


def test_a_build_keeps_no_cache_once_written_and_makes_each_quad_once(kg, tmp_path, monkeypatch):
    """The RDF files, the name index and the store share one pass over the quads."""
    from newsgraph.export import DEFAULT_FORMATS, quads, write

    made = []
    init = quads.Chunk.__init__

    def counting(self, *args, **kwargs):
        init(self, *args, **kwargs)
        made.append(self.article)

    monkeypatch.setattr(quads.Chunk, "__init__", counting)
    write(kg, tmp_path, [*DEFAULT_FORMATS, "ntriples"])
    assert made == [None] + [kg.iris.article(r.id) for r in kg.documents]
    assert kg.views == {}


def _export_peak(kg, out) -> int:
    from newsgraph.export import write

    tracemalloc.start()
    try:
        write(kg, out, [f for f in RDF_FORMATS if f != "store"])
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_the_peak_memory_of_the_export_does_not_grow_with_the_articles(kg, tmp_path):
    """Twelve times the articles (the copies name the same actors and events), not twelve
    times the memory: the whole list of quads took about 0.3 MB an article."""
    _export_peak(kg, tmp_path / "warm")  # imports, lru caches
    one, twelve = _export_peak(copies(kg, 1), tmp_path / "one"), _export_peak(copies(kg, 12), tmp_path / "twelve")
    assert twelve < 1.5 * one, (one, twelve)


# validate: pyoxigraph parses, SHACL checks whole named graphs a batch at a time

@pytest.fixture()
def built(kg, tmp_path):
    from newsgraph.export import write

    out = tmp_path / "out"
    write(kg, out)
    return out


def test_validate_conforms_and_checks_graph_by_graph(built, monkeypatch):
    from newsgraph.export import validate

    calls = []
    check = validate.validate_graph

    def counting(data, shapes=None):
        calls.append(len(data))
        return check(data, shapes)

    monkeypatch.setattr(validate, "validate_graph", counting)
    assert validate.validate_folder(built) == (True, "Validation Report\nConforms: True\n")
    assert len(calls) == 1  # three small articles: one batch
    calls.clear()
    monkeypatch.setattr(validate, "SHACL_BATCH", 1)
    conforms, report = validate.validate_folder(built)
    assert conforms, report
    graphs = {q.graph_name for q in ox.parse(path=str(built / "graph.nq"), format=ox.RdfFormat.N_QUADS)}
    total = sum(1 for _ in ox.parse(path=str(built / "graph.nq"), format=ox.RdfFormat.N_QUADS))
    assert len(calls) == len(graphs) - 1 == len(TEXTS)  # one check per named graph
    assert max(calls) < total


def _lines(path):
    return path.read_text(encoding="utf-8").splitlines(keepends=True)


def test_validate_finds_a_graph_that_lost_an_event_source(built):
    from newsgraph.export.validate import validate_folder

    lines = _lines(built / "graph.nq")
    source = next(i for i, line in enumerate(lines) if "<https://w3id.org/newsgraph/ns#source>" in line)
    del lines[source]
    (built / "graph.nq").write_text("".join(lines), encoding="utf-8")
    conforms, report = validate_folder(built)
    assert not conforms
    assert "An event has one source actor." in report


def test_validate_finds_two_names_of_one_actor_in_two_graphs(built):
    """Each graph alone conforms; the union gives the actor two names."""
    from newsgraph.export.validate import validate_folder

    lines = _lines(built / "graph.nq")
    name = "<https://schema.org/name>"
    by_subject: dict[str, list[int]] = {}
    for i, line in enumerate(lines):
        if f" {name} " in line and "/actor/" in line.split(" ", 1)[0]:
            by_subject.setdefault(line.split(" ", 1)[0], []).append(i)
    shared = next(ix for ix in by_subject.values() if len(ix) > 1)
    lines[shared[-1]] = re.sub(r'"[^"]*"', '"Un autre nom"', lines[shared[-1]], count=1)
    (built / "graph.nq").write_text("".join(lines), encoding="utf-8")
    conforms, report = validate_folder(built)
    assert not conforms
    assert "across named graphs" in report and "An actor has one schema:name in the whole graph" in report


def test_validate_finds_a_named_graph_written_in_two_blocks(built):
    from newsgraph.export.validate import validate_folder

    lines = _lines(built / "graph.nq")
    graph = next(q.graph_name for q in ox.parse(path=str(built / "graph.nq"), format=ox.RdfFormat.N_QUADS)
                 if not isinstance(q.graph_name, ox.DefaultGraph))
    moved = next(i for i, line in enumerate(lines) if line.rstrip().endswith(f"{graph} ."))
    lines.append(lines.pop(moved))
    (built / "graph.nq").write_text("".join(lines), encoding="utf-8")
    conforms, report = validate_folder(built)
    assert not conforms and "more than one block" in report


def test_the_analysis_leaves_nothing_on_the_doc(nlp):
    """A build keeps no analysis state on its Docs (``newsgraph.pipe`` alone writes span
    groups and records into them): a Doc holds no cycle through the records and is freed
    as soon as it is analysed. When the Doc held its state, the peak RSS of a build grew
    with the number of articles (1.47 GB at 633 MasakhaNEWS articles, 1.66 GB at twice as
    many) unless a full collection and malloc_trim ran after each batch."""
    import gc
    import weakref

    from newsgraph.nlp import lexicons_of
    from newsgraph.records import Article
    from newsgraph.resolve.document import analyse

    article = Article(id="t", text=TEXTS[0][1])
    doc = nlp(article.clean_text())
    before = set(doc.user_data)
    rec = analyse(doc, article, lexicons_of(nlp))
    assert rec.actors and set(doc.user_data) == before and not doc.spans
    gc.disable()
    try:
        gone = weakref.ref(doc)
        del doc
        assert gone() is None  # freed by reference counting, no collection needed
    finally:
        gc.enable()


def test_validate_reads_newsgraphs_jsonld_a_few_items_at_a_time(built):
    from newsgraph.export.validate import _jsonld_quads

    path = built / "graph.jsonld"
    whole = list(ox.parse(path=str(path), format=ox.RdfFormat.JSON_LD))
    assert sorted(map(str, _jsonld_quads(path, batch=1))) == sorted(map(str, whole))
    path.write_bytes(path.read_bytes()[:-4])  # the closing ]} cut off
    with pytest.raises(SyntaxError):
        list(_jsonld_quads(path, batch=1))


@pytest.mark.parametrize("suffix", [".graphml", ".gexf"])
def test_validate_counts_the_articles_of_a_large_graph_file(tmp_path, suffix):
    import networkx as nx

    from newsgraph.export.validate import _Problems, _xml_articles

    g = nx.MultiDiGraph()
    for i in range(1000):
        g.add_node(f"a{i}", kind="article" if i % 2 else "actor")
        if i:
            g.add_edge(f"a{i}", f"a{i - 1}", relation="mentions")
    path = tmp_path / f"g{suffix}"
    (nx.write_graphml if suffix == ".graphml" else nx.write_gexf)(g, path)
    problems = _Problems()
    assert _xml_articles(path, problems) == 500 and not problems
