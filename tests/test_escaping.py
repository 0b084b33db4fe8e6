"""Every value escaped for the context it lands in (issue 21).

A property test builds articles whose id, title, url and text are hostile (markup,
quotes, ``</script>``, ``javascript:``, ``]]>``, U+2028...) through every writer, parses
each output with its standard parser and finds the value again; Chromium renders a page
made of hostile ids, titles, urls and texts, and no handler runs and no element is made.
"""
from __future__ import annotations

import csv
import json
import re
import tempfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from newsgraph.cli import main
from newsgraph.text import safe_url

SDO = "https://schema.org/"
NIF = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"
#: Pieces an attacker would try, one context each.
HOSTILE = ["</script>", "<script>alert(1)</script>", "<!--", "-->", "<img src=x onerror=alert(1)>", "'", '"',
           "x' onmouseover='alert(1)' y='", "&amp;", "&", "]]>", "<![CDATA[", "\u2028", "\u2029", "${x}", "`",
           "javascript:alert(1)", " JaVa\tScRiPt:alert(1)", "data:text/html,<b>", "\\", "\\u0022", "@prefix x: <y> .",
           "<http://ex.org/>", '"""', "'''", "^^<x>", "@fr", "_:b0", "#", "?x", "{", "}", "%2F", "%", "/../",
           "__DATA__", "__TITLE__", "é", "😀", "\u00a0", "\u200b", "\ufeff"]
one_line = st.lists(st.one_of(st.sampled_from([h for h in HOSTILE if "\t" not in h]), st.text(
    st.characters(min_codepoint=0x20, max_codepoint=0x2FFF, blacklist_categories=("Cs",)), max_size=6)),
    min_size=1, max_size=5).map("".join).filter(lambda s: s.strip())
urls = st.one_of(one_line, st.sampled_from(["https://ex.org/a?b=1&c='2'", "javascript:alert(1)",
                                            " javascript:alert(1)", "x' onmouseover='alert(1)", "/relative",
                                            "https://ex.org/<script>"]))
SENTENCE = "Le Mali accuse la France de soutenir les rebelles"


class Page(HTMLParser):
    """The elements of a page: tags, attributes, the text of scripts and of elements."""

    def __init__(self):
        super().__init__()
        self.tags, self.scripts, self.text, self.stack = [], [], {}, []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag not in ("br", "meta", "input", "i"):
            self.stack.append(tag)
        if tag == "script":
            self.scripts.append("")

    def handle_endtag(self, tag):
        if self.stack and self.stack[-1] == tag:
            self.stack.pop()

    def handle_data(self, data):
        if self.stack and self.stack[-1] == "script":
            self.scripts[-1] += data
        elif self.stack:
            self.text[self.stack[-1]] = self.text.get(self.stack[-1], "") + data


def rdf_values(quads) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for q in quads:
        out.setdefault(q.predicate.value, set()).add(q.object.value)
    return out


def check_rdf(out: Path, doc_id: str, title: str, url: str, text: str) -> None:
    import rdflib

    formats = {"graph.nq": ox.RdfFormat.N_QUADS, "graph.trig": ox.RdfFormat.TRIG, "graph.ttl": ox.RdfFormat.TURTLE,
               "graph.jsonld": ox.RdfFormat.JSON_LD}
    for name, fmt in formats.items():
        values = rdf_values(ox.parse(path=str(out / name), format=fmt))
        assert doc_id in values[SDO + "identifier"], name
        assert title in values[SDO + "headline"] and url in values[SDO + "url"], name
        assert text in values[NIF + "isString"], name
        for iri in values[NIF + "sourceUrl"] if NIF + "sourceUrl" in values else ():
            assert iri == url and safe_url(url) == url
    for name, fmt in (("graph.trig", "trig"), ("graph.ttl", "turtle"), ("graph.nq", "nquads")):
        g = rdflib.Dataset(default_union=True)
        g.parse(out / name, format=fmt)
        assert rdflib.Literal(title) in set(g.objects(None, rdflib.URIRef(SDO + "headline"))), name


def check_xml(out: Path, doc_id: str, title: str, url: str) -> None:
    import networkx as nx

    for name, read in (("graph.graphml", nx.read_graphml), ("graph.gexf", nx.read_gexf)):
        g = read(out / name)
        articles = [d for _, d in g.nodes(data=True) if d.get("kind") == "article"]
        assert [(a["doc_id"], a["label"], a["url"]) for a in articles] == [(doc_id, title, url)], name


def check_tables(out: Path, doc_id: str) -> None:
    for table in ("actors", "events", "roles", "agreements", "mentions"):
        with (out / "tables" / f"{table}.csv").open(encoding="utf-8", newline="") as f:
            assert all(row["doc_id"] == doc_id for row in csv.DictReader(f)), table


def check_page(out: Path, doc_id: str, title: str, url: str) -> None:
    raw = (out / "graph.html").read_text(encoding="utf-8")
    page = Page()
    page.feed(raw)
    assert [t for t, _ in page.tags].count("script") == 3 and "img" not in [t for t, _ in page.tags]
    assert not any(k.startswith("on") for _, attrs in page.tags for k in attrs)
    data_block = page.scripts[0]
    assert "<" not in data_block and "\u2028" not in data_block and "\u2029" not in data_block
    data = json.loads(data_block)
    assert data["articles"] == {doc_id: {"title": title, "date": "", "url": safe_url(url)}}
    assert page.text["h1"] == title and page.text["title"] == f"newsgraph — {title}"


@settings(max_examples=20, deadline=None, database=None, derandomize=True,
          phases=[Phase.explicit, Phase.generate],  # no shrinking: a build an example is slow
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(doc_id=one_line, title=one_line, url=urls, hostile=one_line)
def test_hostile_fields_go_through_every_writer_and_come_back(doc_id, title, url, hostile):
    text = f"{hostile}\n\n{SENTENCE} {hostile}. Le président {title} a démenti."
    with tempfile.TemporaryDirectory() as tmp:
        src, out = Path(tmp) / "a.jsonl", Path(tmp) / "out"
        src.write_text(json.dumps({"id": doc_id, "title": title, "url": url, "text": text}) + "\n", encoding="utf-8")
        assert main(["build", str(src), "--out", str(out), "-q", "--no-cache"]) == 0
        assert main(["validate", str(out)]) == 0
        doc = json.loads((out / "documents.jsonl").read_text(encoding="utf-8"))
        assert (doc["doc_id"], doc["title"], doc["url"], doc["text"]) == (doc_id, title, url, text)
        manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
        assert [i["id"] for i in manifest["inputs"]] == [doc_id]
        json.loads((out / "names.json").read_text(encoding="utf-8"))
        check_rdf(out, doc_id, title, url, text)
        check_xml(out, doc_id, title, url)
        check_tables(out, doc_id)
        check_page(out, doc_id, title, url)


# ---- the page in a real browser

PWN = "document.body.dataset.pwned='{}'"
HOSTILE_IDS = ["d\"><img src=x onerror=\"" + PWN.format("id") + "\">", "__proto__", "x' onmouseover='"
               + PWN.format("id2") + "' y='"]
HOSTILE_URLS = ["https://ex.org/x' onmouseover='" + PWN.format("url") + "' y='", "javascript:" + PWN.format("js"),
                " JaVaScRiPt:" + PWN.format("js2"), "data:text/html,<script>" + PWN.format("data") + "</script>"]


def hostile_documents():
    docs = []
    for n, (doc_id, url) in enumerate(zip(HOSTILE_IDS * 2, HOSTILE_URLS)):
        name = f"<img src=x onerror=\"{PWN.format('name')}\">{n}' onclick='{PWN.format('q')}"
        docs.append({"doc_id": doc_id + str(n), "title": f"</h2><img src=x onerror=\"{PWN.format('title')}\">",
                     "url": url, "dct": "<b>2022</b>", "actors": [
                         {"id": "a1", "iri": f"p{n}", "name": name, "type": "Person",
                          "aliases": ["<svg onload=\"" + PWN.format("alias") + "\">"], "country": "<i>ML</i>"},
                         {"id": "a2", "iri": "mali", "name": "Mali", "type": "Country", "aliases": [], "country": "ML"}],
                     "events": [{"iri": f"e{n}", "type": "ACCUSE<b>", "mode": "<i>m</i>", "source": "a1", "target": "a2",
                                 "date": "<u>d</u>", "modality": "<s>x</s>",
                                 "text": f"</script><script>{PWN.format('text')}</script> \u2028 <img src=x "
                                         f"onerror=\"{PWN.format('img')}\">"}]})
    return docs


@pytest.fixture(scope="module")
def chromium():
    import shutil

    path = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if path is None:
        pytest.fail("Chromium is not installed: `make test` installs it (apt-get install chromium).")
    return path


def render(chromium, tmp_path, url):
    from test_browser import run

    r = run(chromium, tmp_path, "--virtual-time-budget=15000", "--dump-dom", url=url)
    body = re.search(r"<body([^>]*)>", r.stdout)
    assert body, r.stderr[-2000:]
    return dict(re.findall(r'data-([\w-]+)="([^"]*)"', body.group(1))), r.stdout


@pytest.mark.parametrize("hash_", ["#article=" + quote(HOSTILE_IDS[0] + "0", safe=""),
                                   "#article=" + quote(HOSTILE_IDS[2] + "2", safe=""),
                                   "#article=" + quote(HOSTILE_IDS[0] + "3", safe=""),
                                   "#article=__proto__1", "#acteur=img"])
def test_a_page_of_hostile_values_runs_nothing_and_makes_no_element(chromium, tmp_path, hash_):
    from newsgraph.export.html import generate_html

    page = tmp_path / "graph.html"
    page.write_text(generate_html(hostile_documents(), title="<img src=x onerror=\"" + PWN.format("t") + "\">"),
                    encoding="utf-8")
    attrs, dom = render(chromium, tmp_path, page.resolve().as_uri() + hash_)
    assert attrs.get("rendered") == "true" and "pwned" not in attrs and attrs.get("errors", "") == "", attrs
    parsed = Page()
    parsed.feed(dom)
    side = [(t, a) for t, a in parsed.tags if t not in ("script", "style")]
    assert not [t for t, _ in side if t in ("img", "svg", "b", "u", "s", "iframe")]  # no element from the data
    assert not [a for _, a in side if any(k.startswith("on") for k in a)]  # no handler
    links = [a["href"] for t, a in side if t == "a" and "href" in a]
    assert all(h.startswith("#article=") or safe_url(h) == h and not h.lower().startswith(
        ("javascript", "data")) for h in links), links
    if "article=" in hash_:
        assert "article" in attrs  # the article's panel was shown
    if hash_.endswith("0"):  # its url, hostile, stands whole as the link's address
        assert HOSTILE_URLS[0] in links
