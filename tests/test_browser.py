"""graph.html in a real browser: headless Chromium opens it from disk; the graph renders
(nodes drawn, a non-blank screenshot) with no script error. ``make test`` installs
Chromium (Debian's package) where it is missing."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
from html.parser import HTMLParser

import pytest

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--hide-scrollbars"]


@pytest.fixture(scope="module")
def chromium():
    path = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if path is None:
        pytest.fail("Chromium is not installed: `make test` installs it (apt-get install chromium).")
    return path


def run(chromium, tmp_path, *args, url):
    profile = tmp_path / "profile"
    return subprocess.run([chromium, *FLAGS, f"--user-data-dir={profile}", *args, url],
                          capture_output=True, text=True, timeout=120)


def test_page_has_no_remote_resources(seed_build):
    kg, out = seed_build
    html = (out / "graph.html").read_text(encoding="utf-8")
    assert not re.search(r"""(?:src|href)\s*=\s*["']https?:""", html)
    assert "vis.Network" in html and "Sergueï Lavrov" in html


def test_graph_renders_in_chromium(chromium, seed_build, tmp_path):
    kg, out = seed_build
    url = (out / "graph.html").resolve().as_uri()
    r = run(chromium, tmp_path, "--virtual-time-budget=15000", "--dump-dom", url=url)
    body = re.search(r"<body([^>]*)>", r.stdout)
    assert body, r.stderr[-2000:]
    attrs = dict(re.findall(r'data-([\w-]+)="([^"]*)"', body.group(1)))
    assert attrs.get("rendered") == "true", attrs
    assert int(attrs["nodes"]) >= 9 and int(attrs["edges"]) >= 5
    assert attrs.get("errors", "") == ""
    assert "Uncaught" not in r.stderr


def test_screenshot_is_not_blank(chromium, seed_build, tmp_path):
    from PIL import Image

    kg, out = seed_build
    shot = tmp_path / "shot.png"
    run(chromium, tmp_path, "--virtual-time-budget=15000", "--window-size=1200,800", f"--screenshot={shot}",
        url=(out / "graph.html").resolve().as_uri())
    img = Image.open(shot).convert("RGB")
    colours = img.getcolors(maxcolors=1 << 20) or []
    assert img.size == (1200, 800)
    assert len(colours) > 50  # text, dots, edges: far from a blank page
    node_colours = {(0xe1, 0x57, 0x59), (0x4e, 0x79, 0xa7), (0x59, 0xa1, 0x4f)}
    assert sum(n for n, c in colours if c in node_colours) > 100  # actors drawn in their colours


def test_large_graph_is_thinned_and_says_so():
    from newsgraph.export.html import view_data

    docs = []
    for i in range(40):
        docs.append({"doc_id": f"d{i}", "actors": [
            {"id": "a1", "iri": f"p{i}", "name": f"Personne {i}", "type": "Person", "aliases": []},
            {"id": "a2", "iri": "mali", "name": "Mali", "type": "Country", "aliases": [], "country": "ML"}],
            "events": [{"iri": f"e{i}", "type": "CONSULT", "source": "a1", "target": "a2", "text": "..."}]})
    data = view_data(docs, max_actors=10)
    assert data["total_actors"] == 41 and data["shown_actors"] <= 10
    assert "allégé" in data["thinned"]
    assert {n["label"] for n in data["nodes"]} >= {"Mali"}
    assert all(e["source"] in {n["id"] for n in data["nodes"]} for e in data["edges"])


def test_view_command_rewrites_the_page(seed_build, tmp_path):
    import shutil as sh
    import subprocess as sp
    import sys

    kg, out = seed_build
    folder = tmp_path / "copy"
    sh.copytree(out, folder)
    (folder / "graph.html").unlink()
    r = sp.run([sys.executable, "-m", "newsgraph.cli", "view", str(folder), "--no-open"], capture_output=True, text=True)
    assert r.returncode == 0 and (folder / "graph.html").exists()
    bad = sp.run([sys.executable, "-m", "newsgraph.cli", "view", str(tmp_path / "none"), "--no-open"],
                 capture_output=True, text=True)
    assert bad.returncode == 2 and "[E012]" in bad.stderr


def page_state(chromium, tmp_path, url):
    """The data-* attributes of the page's body once it has settled."""
    import html as html_lib
    import json

    r = run(chromium, tmp_path, "--virtual-time-budget=15000", "--window-size=1200,800", "--dump-dom", url=url)
    body = re.search(r"<body([^>]*)>", r.stdout)
    assert body, r.stderr[-2000:]
    attrs = {k: html_lib.unescape(v) for k, v in re.findall(r'data-([\w-]+)="([^"]*)"', body.group(1))}
    attrs["labels"] = json.loads(attrs.get("labels") or "[]")
    return attrs, r.stdout


def largest_actors(out, n):
    from newsgraph.export.html import view_data
    from newsgraph.export.jsonl import read_documents

    nodes = view_data(read_documents(out / "documents.jsonl"))["nodes"]
    return [x["id"] for x in sorted(nodes, key=lambda x: -x["degree"])[:n]]


def assert_apart(labels):
    for i, a in enumerate(labels):
        for b in labels[i + 1:]:
            apart = a["x1"] <= b["x0"] or b["x1"] <= a["x0"] or a["y1"] <= b["y0"] or b["y1"] <= a["y0"]
            assert apart, (a["text"], b["text"])


@pytest.mark.parametrize("zoom", ["", "#zoom=0.15"])
def test_labels_never_overlap_and_the_largest_actors_are_always_named(chromium, seed_build, tmp_path, zoom):
    kg, out = seed_build
    attrs, _ = page_state(chromium, tmp_path, (out / "graph.html").resolve().as_uri() + zoom)
    labels = attrs["labels"]
    assert labels and attrs.get("errors", "") == ""
    assert_apart(labels)
    named = {x["id"] for x in labels}
    assert set(largest_actors(out, 1 if zoom else 5)) <= named  # far out, room for the largest at least
    for x in labels:  # on screen, whole
        assert 0 <= x["x0"] and x["y0"] >= 0


def test_the_layout_is_the_same_at_every_load(chromium, seed_build, tmp_path):
    kg, out = seed_build
    url = (out / "graph.html").resolve().as_uri()
    first, _ = page_state(chromium, tmp_path, url)
    second, _ = page_state(chromium, tmp_path, url)
    assert [(x["text"], round(x["x0"]), round(x["y0"])) for x in first["labels"]] == \
        [(x["text"], round(x["x0"]), round(x["y0"])) for x in second["labels"]]


def test_search_zooms_to_the_actor_found(chromium, seed_build, tmp_path):
    kg, out = seed_build
    attrs, dom = page_state(chromium, tmp_path, (out / "graph.html").resolve().as_uri() + "#acteur=poutine")
    assert attrs["focused"].endswith("/actor/person/vladimir-poutine")
    (x, y), (cx, cy) = (map(int, attrs[k].split(",")) for k in ("focused-at", "centre"))
    assert abs(x - cx) <= 3 and abs(y - cy) <= 3  # the actor is in the middle of the view
    assert float(attrs["focused-scale"]) >= 1.6  # and zoomed in
    assert "<h2>Vladimir Poutine</h2>" in dom


def test_article_ids_link_to_their_evidence(chromium, seed_build, tmp_path):
    kg, out = seed_build
    doc = "000_e2dcff6a7ff40d3c"
    _, dom = page_state(chromium, tmp_path, (out / "graph.html").resolve().as_uri() + "#acteur=Mali")
    assert f'href="#article={doc}"' in dom
    attrs, dom = page_state(chromium, tmp_path, (out / "graph.html").resolve().as_uri() + f"#article={doc}")
    assert attrs["article"] == doc
    panel = dom[dom.index('class="article-evidence"'):]
    assert panel.count("<li>") >= 5 and "Bamako les 6 et 7 janvier" in panel


# What an article says can neither script nor break the page (issue 13, defect 2).
HOSTILE_TITLE = ("__DATA__ __VIS_JS__ </title><img src=x onerror=\"document.body.dataset.pwned='titre'\"> "
                 "<!--<script> & \"guillemets\"")
HOSTILE_TEXT = ("Le Mali __TITLE__ __DATA__ accuse la France. </script><script>document.body.dataset.pwned='texte'"
                "</script> <!--<script> <img src=x onerror=\"document.body.dataset.pwned='img'\"> \u2028 fin.")


def hostile_documents():
    actor = {"type": "Person", "aliases": ["<!--<script>", "__VIS_JS__"], "country": "ML"}
    return [{"doc_id": "d</script>1", "actors": [
        {**actor, "id": "a1", "iri": "p1", "name": "</script><script>document.body.dataset.pwned='nom'</script>"},
        {**actor, "id": "a2", "iri": "p2", "name": "<img src=x onerror=\"document.body.dataset.pwned='n2'\">"}],
        "events": [{"iri": "e1", "type": "ACCUSE", "source": "a1", "target": "a2", "text": HOSTILE_TEXT}]}]


class _Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.stack, self.scripts, self.texts, self.imgs = [], [], {}, 0

    def handle_starttag(self, tag, attrs):
        self.imgs += tag == "img"
        self.stack.append(tag)
        if tag == "script":
            self.scripts.append("")

    def handle_endtag(self, tag):
        if self.stack and self.stack[-1] == tag:
            self.stack.pop()

    def handle_data(self, data):
        if self.stack and self.stack[-1] == "script":
            self.scripts[-1] += data
        elif self.stack and self.stack[-1] in ("title", "h1"):
            self.texts[self.stack[-1]] = self.texts.get(self.stack[-1], "") + data


def test_what_articles_say_stays_text_in_the_page():
    from newsgraph.export.html import generate_html, view_data

    page = generate_html(hostile_documents(), title=HOSTILE_TITLE)
    parsed = _Page()
    parsed.feed(page)
    assert len(parsed.scripts) == 3 and parsed.imgs == 0
    assert parsed.texts["h1"] == HOSTILE_TITLE and parsed.texts["title"] == f"newsgraph — {HOSTILE_TITLE}"
    assert json.loads(parsed.scripts[0]) == json.loads(json.dumps(view_data(hostile_documents())))
    assert "vis.Network" in parsed.scripts[2]


def test_a_hostile_title_from_an_article_cannot_script_the_page(tmp_path):
    from newsgraph.cli import main

    f = tmp_path / "a.jsonl"
    f.write_text(json.dumps({"id": "x", "title": HOSTILE_TITLE, "text": HOSTILE_TEXT}), encoding="utf-8")
    out = tmp_path / "out"
    assert main(["build", str(f), "--out", str(out), "-q", "--formats", "jsonl,html"]) == 0
    parsed = _Page()
    parsed.feed((out / "graph.html").read_text(encoding="utf-8"))
    assert parsed.texts["h1"] == HOSTILE_TITLE and len(parsed.scripts) == 3 and parsed.imgs == 0


def test_hostile_page_renders_without_running_anything(chromium, tmp_path):
    from newsgraph.export.html import generate_html

    page = tmp_path / "graph.html"
    page.write_text(generate_html(hostile_documents(), title=HOSTILE_TITLE), encoding="utf-8")
    r = run(chromium, tmp_path, "--virtual-time-budget=15000", "--dump-dom", url=page.resolve().as_uri())
    body = re.search(r"<body([^>]*)>", r.stdout)
    assert body, r.stderr[-2000:]
    attrs = dict(re.findall(r'data-([\w-]+)="([^"]*)"', body.group(1)))
    assert attrs.get("rendered") == "true" and attrs.get("nodes") == "2" and attrs.get("edges") == "1", attrs
    assert "pwned" not in attrs and attrs.get("errors", "") == ""
    assert "<img" not in r.stdout.split('id="net"')[0]  # nothing the article said became an element


# The biggest actors are always named; the search finds every actor (issue 22).
def crowded_documents(hubs: int = 30, leaves: int = 9):
    """A dense core of ``hubs`` states that all deal with each other, each with
    ``leaves`` people around it: hundreds of actors on one screen."""
    docs = []
    for h in range(hubs):
        actors = [{"id": "h", "iri": f"state{h}", "name": f"État numéro {h}", "type": "Country", "aliases": []}]
        events = []
        for o in range(h + 1, min(hubs, h + 8)):
            actors.append({"id": f"o{o}", "iri": f"state{o}", "name": f"État numéro {o}", "type": "Country",
                           "aliases": []})
            events.append({"iri": f"e{h}-{o}", "type": "CONSULT", "source": "h", "target": f"o{o}", "text": "..."})
        for leaf in range(leaves):
            actors.append({"id": f"p{leaf}", "iri": f"person{h}-{leaf}", "name": f"Personne {h}-{leaf}",
                           "type": "Person", "aliases": []})
            events.append({"iri": f"e{h}p{leaf}", "type": "ACCUSE", "source": f"p{leaf}", "target": "h", "text": "..."})
        docs.append({"doc_id": f"d{h}", "actors": actors, "events": events})
    docs.append({"doc_id": "seul", "actors": [{"id": "a", "iri": "loner", "name": "Acteur Isolé", "type": "Person",
                                               "aliases": ["l'isolé"]}], "events": []})
    return docs


def test_the_biggest_actors_are_labelled_however_crowded_the_graph(chromium, tmp_path):
    from newsgraph.export.html import LABELLED, generate_html, view_data

    docs = crowded_documents()
    page = tmp_path / "graph.html"
    page.write_text(generate_html(docs), encoding="utf-8")
    attrs, _ = page_state(chromium, tmp_path, page.resolve().as_uri())
    assert attrs.get("errors", "") == "" and len(attrs["labels"]) >= LABELLED
    assert_apart(attrs["labels"])
    top = [n["id"] for n in view_data(docs)["nodes"] if n["shown"]][:LABELLED]
    assert set(top) <= {x["id"] for x in attrs["labels"]}
    assert int(attrs["nodes"]) >= 250


def test_the_search_finds_an_actor_that_is_not_drawn_and_draws_it(chromium, tmp_path):
    from newsgraph.export.html import generate_html, view_data

    docs = crowded_documents(hubs=6, leaves=4)
    data = view_data(docs, max_actors=8)
    hidden = [n for n in data["nodes"] if not n["shown"]]
    assert {"loner", "person5-3"} <= {n["id"] for n in hidden}
    page = tmp_path / "graph.html"
    page.write_text(generate_html(docs, max_actors=8), encoding="utf-8")
    for query, iri in (("Personne 5-3", "person5-3"), ("l'isolé", "loner")):
        attrs, dom = page_state(chromium, tmp_path, page.resolve().as_uri() + "#acteur=" + query)
        assert attrs.get("focused") == iri and attrs.get("revealed") == iri, attrs
        assert int(attrs["nodes"]) > data["shown_actors"] and attrs.get("errors", "") == ""
    assert f'<option value="Acteur Isolé">' in dom  # the search box proposes every actor
