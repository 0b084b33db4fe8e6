"""graph.gexf and graph.graphml as graph analysts read them: Gephi's schema, networkx,
igraph."""
from __future__ import annotations

from pathlib import Path

import networkx as nx

SCHEMA = Path(__file__).resolve().parent / "schemas" / "gexf-1.2draft" / "gexf.xsd"


def test_gexf_validates_against_the_gexf_1_2_schema(seed_build):
    from lxml import etree

    kg, out = seed_build
    schema = etree.XMLSchema(etree.parse(str(SCHEMA)))  # shipped in tests/, nothing fetched
    ok = schema.validate(etree.parse(str(out / "graph.gexf")))
    assert ok, "\n".join(str(e) for e in list(schema.error_log)[:10])


def test_gexf_keeps_the_event_type_and_the_edge_direction(seed_build):
    kg, out = seed_build
    g = nx.read_gexf(out / "graph.gexf")
    interacts = [d for *_, d in g.edges(data=True) if d.get("relation") == "interacts"]
    plover = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT",
              "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}
    assert interacts and all(d["event_type"] in plover for d in interacts)
    assert g.is_directed()
    assert {(d["event_type"]) for d in interacts} == {d["type"] for *_, d in kg.graph.edges(data=True)
                                                     if d.get("relation") == "interacts"}


def test_graphml_declares_types_so_integers_stay_integers(seed_build):
    kg, out = seed_build
    g = nx.read_graphml(out / "graph.graphml")
    counts = [d["count"] for *_, d in g.edges(data=True) if "count" in d]
    sources = [d["sources"] for _, d in g.nodes(data=True) if d.get("kind") == "event"]
    assert counts and all(type(c) is int for c in counts)
    assert sources and all(type(s) is int for s in sources)
    text = (out / "graph.graphml").read_text(encoding="utf-8")
    assert 'attr.name="count" attr.type="int"' in text and 'attr.name="sources" attr.type="int"' in text


def test_igraph_reads_the_graphml_with_numbers_as_numbers(seed_build):
    import igraph

    kg, out = seed_build
    g = igraph.Graph.Read_GraphML(str(out / "graph.graphml"))
    assert g.vcount() == kg.graph.number_of_nodes() and g.is_directed()
    events = [v for v in g.vs if v["kind"] == "event"]
    # igraph keeps every number as a float; a declared int arrives as a whole number
    assert events and all(float(v["sources"]).is_integer() and v["sources"] >= 1 for v in events)
    assert {v["label"] for v in g.vs if v["kind"] == "actor"} >= {"Mali", "Sergueï Lavrov"}
