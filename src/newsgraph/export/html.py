"""``graph.html``: one self-contained page to explore the actor network.

Nodes are actors (coloured by type, sized by the number of their events), edges are
events (labelled with their PLOVER type); a click shows the evidence sentences, each
with a link to its article's page of evidence (and to the article's URL); a search box
finds an actor and zooms to it; check boxes filter by type. The layout is seeded, so a
page looks the same at every load. Labels are drawn by the page itself, by importance
(:func:`rank`), at the same size at every zoom: the :data:`LABELLED` largest actors are
always named (moved aside, with a leader line, where the crowd covers their place), the
others where their label overlaps no other label and no node. The search finds every
actor of the build: one not drawn is drawn when found. The address can say
what to show: ``#acteur=Mali``, ``#article=ID``, ``#zoom=0.5``. vis-network's script
and style (9.1.2, MIT, shipped in ``export/vendor/vis-network`` with its licence) are
written into the page: no http(s) ``src``
or ``href``, nothing fetched. Large graphs are drawn thinned to the actors with most
events, and the page says so.
"""
from __future__ import annotations

import html
import json
import re
from collections import Counter
from collections.abc import Iterable
from importlib import resources
from pathlib import Path
from typing import Any

from ..graph import GraphData
from ..text import safe_url
from ..types import PathLike
from .options import WriteOptions
from .output import open_output, settle, staged

TEMPLATE = "templates/graph.html"
MAX_ACTORS = 300
#: The actors labelled whatever the crowd (a label moved aside with a leader line when
#: it would cover another): the first in :func:`rank` order.
LABELLED = 20


#: vis-network's script and style, shipped with their licence (``export/vendor``).
VENDOR = "vendor/vis-network"


def _vis_assets() -> tuple[str, str]:
    lib = resources.files("newsgraph.export").joinpath(VENDOR)
    return lib.joinpath("vis-network.min.js").read_text(encoding="utf-8"), \
        lib.joinpath("vis-network.css").read_text(encoding="utf-8")


def view_data(documents: Iterable[dict[str, Any]], max_actors: int = MAX_ACTORS) -> dict[str, Any]:
    """The page's data from ``documents.jsonl`` objects: actors merged by IRI, one edge per
    event IRI with its evidence from every article.

    >>> d = view_data([{"doc_id": "a", "actors": [{"id": "a1", "iri": "x", "name": "Mali", "type": "Country",
    ...   "aliases": [], "country": "ML"}, {"id": "a2", "iri": "y", "name": "France", "type": "Country",
    ...   "aliases": [], "country": "FR"}], "events": [{"iri": "e", "type": "ACCUSE", "source": "a1",
    ...   "target": "a2", "date": None, "modality": "asserted", "text": "Le Mali accuse la France."}]}])
    >>> (d["shown_actors"], d["edges"][0]["type"], d["edges"][0]["evidence"][0]["doc"])
    (2, 'ACCUSE', 'a')

    Every actor of the build is in ``nodes``, in :func:`rank` order, those drawn with
    ``shown``; past ``max_actors`` the others are left to the search, which draws them
    when asked for.
    """
    actors: dict[str, dict[str, Any]] = {}
    edges: dict[str, dict[str, Any]] = {}
    articles: dict[str, dict[str, str]] = {}
    degree: Counter[str] = Counter()
    n_docs = 0
    for doc in documents:
        n_docs += 1
        articles[doc["doc_id"]] = {"title": doc.get("title") or "", "date": doc.get("dct") or "",
                                   "url": safe_url(doc.get("url"))}
        _add_document(doc, actors, edges, degree)
    for a in actors.values():
        a["degree"] = degree[a["id"]]
        a["evidence"] = a["evidence"][:20]
    ranked = sorted(actors.values(), key=rank)
    keep = {a["id"] for a in ranked[:max_actors]}
    thinned = ""
    if len(actors) > max_actors:
        thinned = (f"Graphe allégé : seuls les acteurs qui ont le plus de relations sont dessinés "
                   f"(au plus {max_actors} sur {len(actors)}) ; la recherche les trouve tous, et les "
                   f"tables CSV et le RDF ont tout.")
        # an actor cut off from all its partners says nothing in the picture
        keep = {x for e in edges.values() if e["source"] in keep and e["target"] in keep
                for x in (e["source"], e["target"])}
    for a in ranked:
        a["shown"] = a["id"] in keep
    for e in edges.values():
        e["shown"] = e["source"] in keep and e["target"] in keep
    return {"nodes": ranked, "edges": list(edges.values()), "documents": n_docs, "total_actors": len(actors),
            "shown_actors": len(keep), "labelled": LABELLED, "thinned": thinned, "articles": articles}


def _add_document(doc: dict[str, Any], actors: dict[str, dict[str, Any]], edges: dict[str, dict[str, Any]],
                  degree: Counter[str]) -> None:
    """One ``documents.jsonl`` object's actors (merged by IRI) and events (one edge per
    event IRI, with the evidence of every article) added to the page's data."""
    iri = {a["id"]: a["iri"] for a in doc.get("actors", [])}
    for a in doc.get("actors", []):
        node = actors.setdefault(a["iri"], {"id": a["iri"], "label": a["name"], "type": a["type"],
                                            "country": a.get("country") or "", "aliases": [],
                                            "documents": [], "evidence": []})
        node["aliases"] = sorted(set(node["aliases"]) | set(a.get("aliases") or []))
        if doc["doc_id"] not in node["documents"]:
            node["documents"].append(doc["doc_id"])
    for e in doc.get("events", []):
        s, t = iri.get(e.get("source")), iri.get(e.get("target"))
        if not s or not t:
            if s:
                actors[s]["evidence"].append({"text": f"{e['type']}: {e.get('text', '')}", "doc": doc["doc_id"]})
            continue
        key = e.get("iri") or f"{doc['doc_id']}#{e.get('id')}"
        edge = edges.setdefault(key, {"source": s, "target": t, "type": e["type"], "mode": e.get("mode") or "",
                                      "date": e.get("date") or "", "modality": e.get("modality", ""),
                                      "evidence": []})
        edge["evidence"].append({"text": e.get("text", ""), "doc": doc["doc_id"]})
        for x in (s, t):
            actors[x]["evidence"].append({"text": f"{e['type']}: {e.get('text', '')}", "doc": doc["doc_id"]})
        degree[s] += 1
        degree[t] += 1


def rank(actor: dict[str, Any]) -> tuple:
    """The order of importance of an actor in the page: most relations first, then most
    articles, then by name. The page labels the first :data:`LABELLED` whatever the
    crowd around them.

    >>> rank({"degree": 3, "documents": ["a"], "label": "Mali"}) < rank({"degree": 1, "documents": ["a", "b"], "label": "Niger"})
    True
    """
    return -actor["degree"], -len(actor["documents"]), actor["label"]


#: What JSON text must not show inside a ``<script>`` element: ``<`` (``</script>``,
#: ``<!--``), ``>``, ``&``, and the line separators older JavaScript took for line ends.
_JSON_IN_SCRIPT = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026",
                                 "\u2028": "\\u2028", "\u2029": "\\u2029"})
_PLACEHOLDER = re.compile(r"__(TITLE|DATA|VIS_CSS|VIS_JS)__")


def json_for_script(value: Any) -> str:
    """JSON that can stand inside a ``<script>`` element whatever its strings hold.

    >>> json_for_script({"t": "</script><!--<b>&"})
    '{"t": "\\\\u003c/script\\\\u003e\\\\u003c!--\\\\u003cb\\\\u003e\\\\u0026"}'
    """
    return json.dumps(value, ensure_ascii=False).translate(_JSON_IN_SCRIPT)


def _raw_text(text: str, element: str) -> str:
    """Library text (vis-network's script and style) that cannot close its element."""
    return re.sub(rf"</({element})", r"<\\/\1", text, flags=re.IGNORECASE).replace("<!--", "<\\!--")


def generate_html(documents: Iterable[dict[str, Any]], title: str = "graphe d'actualité",
                  max_actors: int = MAX_ACTORS) -> str:
    """The whole page as text.

    The template's placeholders are filled in one pass, each value escaped for where it
    stands (the title as HTML text, the data as JSON inside a script), so that nothing an
    article says (``__DATA__``, ``<script>``, ``<img onerror=...>``) can become markup or
    script, nor be taken for another placeholder.
    """
    js, css = _vis_assets()
    values = {"TITLE": html.escape(title, quote=True),
              "DATA": json_for_script(view_data(documents, max_actors)),
              "VIS_CSS": _raw_text(css, "style"), "VIS_JS": _raw_text(js, "script")}
    page = resources.files("newsgraph.export").joinpath(TEMPLATE).read_text(encoding="utf-8")
    return _PLACEHOLDER.sub(lambda m: values[m.group(1)], page)


def write_html(kg: GraphData, path: PathLike, options: WriteOptions | None = None) -> Path:
    from .jsonl import document_json

    p = Path(path)
    title = kg.documents[0].article.title if len(kg.documents) == 1 and kg.documents[0].article.title \
        else f"{len(kg.documents)} articles"
    page = generate_html((document_json(r, kg.links) for r in kg.documents), title=title or "newsgraph")
    with open_output(p) as f:
        f.write(page.encode("utf-8"))
    return p


def write_html_from_folder(folder: PathLike, max_actors: int = MAX_ACTORS) -> Path:
    """(Re)write ``folder/graph.html`` from ``folder/documents.jsonl``."""
    from ..errors import Errors, NewsgraphError
    from .jsonl import read_documents

    folder = Path(folder)
    settle(folder)
    if not (folder / "documents.jsonl").exists():
        raise NewsgraphError(Errors.E012, path=folder / "documents.jsonl")
    with staged(folder) as stage:
        try:
            docs = read_documents(folder / "documents.jsonl")
        except (OSError, UnicodeDecodeError, ValueError, RecursionError) as e:
            raise NewsgraphError(Errors.E030, path=folder / "documents.jsonl", format="JSON Lines",
                                 detail=str(e)[:200]) from None
        title = docs[0].get("title") if len(docs) == 1 else f"{len(docs)} articles"
        page = generate_html(docs, title=title if isinstance(title, str) and title else "newsgraph",
                             max_actors=max_actors)
        try:
            with open_output(stage.path("graph.html")) as f:
                f.write(page.encode("utf-8"))
        except OSError as e:
            raise NewsgraphError(Errors.E027, path=folder / "graph.html", detail=e.strerror or e,
                                 folder=folder) from e
        stage.commit()
    return folder / "graph.html"
