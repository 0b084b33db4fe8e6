"""The walking skeleton end to end, on the bundled example and on bad inputs."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest


def test_seed_actors(seed_build):
    kg, out = seed_build
    docs = [json.loads(line) for line in (out / "documents.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(docs) == 1
    d = docs[0]
    assert d["doc_id"] == "000_e2dcff6a7ff40d3c"
    assert d["title"].startswith("Coopération : Sergueï LAVROV")
    by_name = {a["name"]: a for a in d["actors"]}
    for person in ("Sergueï Lavrov", "Assimi Goïta", "Vladimir Poutine", "Igor Gromyko", "Abdoulaye Diop"):
        assert by_name[person]["type"] == "Person", person
    for name, iso in (("Mali", "ML"), ("Russie", "RU"), ("France", "FR")):
        assert by_name[name]["type"] == "Country" and by_name[name]["country"] == iso
    assert by_name["Wagner"]["type"] == "Organization"
    names = " ".join(a["name"] + " " + " ".join(a["aliases"]) for a in d["actors"])
    assert "Atlanticactu" not in names and "COMMENTAIRE" not in names and "Koulibaly" not in names


def test_seed_offsets_point_into_the_input(seed_build):
    kg, out = seed_build
    d = json.loads((out / "documents.jsonl").read_text(encoding="utf-8").splitlines()[0])
    text = d["text"]
    for a in d["actors"]:
        for m in a["mentions"]:
            assert text[m["start"]:m["end"]] == m["text"]
    for e in d["events"]:
        t = e["trigger"]
        assert text[t["start"]:t["end"]] == t["text"]


def test_outputs_parse_with_rdflib_and_pyoxigraph(seed_build):
    import pyoxigraph
    import rdflib

    kg, out = seed_build
    g = rdflib.Graph().parse(out / "graph.ttl", format="turtle")
    assert len(g) > 50
    store = pyoxigraph.Store()
    store.load(path=str(out / "graph.ttl"), format=pyoxigraph.RdfFormat.TURTLE)
    assert len(store) == len(g)
    rows = list(store.query("PREFIX schema: <https://schema.org/> "
                            "SELECT ?n WHERE { ?p a schema:Person ; schema:name ?n }"))
    assert "Sergueï Lavrov" in {r["n"].value for r in rows}


def test_graphml_and_manifest(seed_build):
    import networkx as nx

    kg, out = seed_build
    g = nx.read_graphml(out / "graph.graphml")
    kinds = {d.get("kind") for _, d in g.nodes(data=True)}
    assert {"article", "actor", "event"} <= kinds
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    statuses = {i["id"]: i["status"] for i in manifest["inputs"]}
    assert statuses["000_e2dcff6a7ff40d3c"] == "done"
    assert statuses["README"] == "skipped"
    assert manifest["build"]["model"] == "fr_core_news_md"


def test_cli_batch_goes_on_and_reports_every_input(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "good.txt").write_text("Le Sénégal et la Mauritanie signent un accord\n\n"
                                  "Le président sénégalais a reçu à Dakar son homologue mauritanien.",
                                  encoding="utf-8")
    (src / "bad.txt").write_bytes(b"\xff\xfe\x00 not utf-8 \xc3")
    (src / "data.csv").write_text("a,b\n", encoding="utf-8")
    out = tmp_path / "out"
    r = subprocess.run([sys.executable, "-m", "newsgraph.cli", "build", str(src), "--out", str(out)],
                       capture_output=True, text=True)
    assert r.returncode == 1
    assert "bad.txt" in r.stderr and "UTF-8" in r.stderr
    assert "Traceback" not in r.stderr
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    statuses = {i["id"]: i["status"] for i in manifest["inputs"]}
    assert statuses == {"good": "done", "bad": "failed", "data": "skipped"}
    assert (out / "documents.jsonl").read_text(encoding="utf-8").count("\n") == 1


def test_cli_clear_error_without_traceback(tmp_path):
    r = subprocess.run([sys.executable, "-m", "newsgraph.cli", "build", "--out", str(tmp_path / "o"),
                        str(tmp_path / "nothing-here")], capture_output=True, text=True)
    assert r.returncode == 1
    assert "[E001]" in r.stderr and "nothing-here" in r.stderr
    assert "Traceback" not in r.stderr


def test_version():
    r = subprocess.run([sys.executable, "-m", "newsgraph.cli", "--version"], capture_output=True, text=True)
    assert r.returncode == 0 and r.stdout.startswith("newsgraph ")


def test_unknown_format_is_an_error(seed_build, tmp_path):
    from newsgraph.errors import NewsgraphError
    from newsgraph.export import write

    kg, _ = seed_build
    with pytest.raises(NewsgraphError, match="E009"):
        write(kg, tmp_path, ["pdf"])


def test_same_event_in_two_articles_is_one_node_with_two_sources(tmp_path):
    import newsgraph

    (tmp_path / "a.txt").write_text("Sanctions\n\nLa CEDEAO a suspendu le Niger de ses instances en août 2023.",
                                    encoding="utf-8")
    (tmp_path / "b.txt").write_text("Niger\n\nLe Niger a été suspendu. La CEDEAO a suspendu le Niger le 10 août 2023.",
                                    encoding="utf-8")
    kg = newsgraph.build([tmp_path])
    iris = [{kg.links.event(r.id, n) for n in range(len(r.events))} for r in kg.documents]
    shared = iris[0] & iris[1]
    assert len(shared) == 1
    node = kg.graph.nodes[shared.pop()]
    assert node["sources"] == 2 and node["type"] == "SANCTION"


def test_date_conflict_is_a_node_naming_both_claims():
    import newsgraph

    kg = newsgraph.build_texts([(
        "visite", "Annalena Baerbock, ministre allemande des Affaires étrangères, se rendra à Dakar du 6 au 7 "
        "février 2023.\nLe jeudi 10 novembre 2022, l'Allemagne a annoncé la visite. Annalena Baerbock se "
        "rendra à Dakar les 6 et 7 janvier 2023.", {"title": "Visite à Dakar"})])
    conflicts = [(n, d) for n, d in kg.graph.nodes(data=True) if d.get("kind") == "conflict"]

    def about(node):
        return [kg.graph.nodes[v]["type"] for _, v, k in kg.graph.out_edges(node, keys=True) if k == "about"]

    visits = [(n, d) for n, d in conflicts if about(n) == ["CONSULT"]]
    assert len(visits) == 1  # the visit the text dates twice
    node, data = visits[0]
    assert any(c.startswith("2023-02-06/2023-02-07") for c in data["claims"])
    assert any(c.startswith("2023-01-06/2023-01-07") for c in data["claims"])


def test_a_direction_free_event_told_either_way_round_is_one_pair(tmp_path):
    """CONSULT China -> Russia in one article and Russia -> China in another are one event
    with one source and one target, so the build passes its own validation."""
    import newsgraph
    from newsgraph.export import write
    from newsgraph.export.validate import validate_folder

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(
        "Diplomatie\n\nLe ministre chinois des Affaires étrangères a rencontré mardi 5 mars 2024 à Moscou son "
        "homologue russe. La Chine a rencontré la Russie pour parler de commerce.\n", encoding="utf-8")
    (tmp_path / "in" / "b.txt").write_text(
        "Sommet\n\nLa Russie a rencontré la Chine le 5 mars 2024 à Moscou, selon le Kremlin.\n", encoding="utf-8")
    kg = newsgraph.build([tmp_path / "in"])
    told = {}
    for r in kg.documents:
        for n, e in enumerate(r.events):
            if e.type == "CONSULT":
                iri = kg.actor_iris(r)
                told[r.id] = (kg.links.event(r.id, n), iri.get(e.source), iri.get(e.target))
    (ev_a, *pair_a), (ev_b, *pair_b) = told["a"], told["b"]
    assert ev_a == ev_b and pair_a == pair_b[::-1]  # one event, told either way round
    assert kg.links.pairs[ev_a] in (tuple(pair_a), tuple(pair_b))
    write(kg, tmp_path / "out", ["nquads", "jsonl", "manifest"])
    conforms, report = validate_folder(tmp_path / "out")
    assert conforms, report
