"""Checking a whole build folder: every file parses, the files agree on what the build
holds, and the RDF conforms to the SHACL shapes shipped in ``newsgraph.vocab``.

The counts compared: documents (manifest, ``documents.jsonl``, articles in each RDF
file, in GraphML/GEXF and in the page), actors and events (distinct IRIs in
``documents.jsonl`` and in each RDF file), and the rows of each CSV table against the
records of ``documents.jsonl``.
"""
from __future__ import annotations

import csv
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..errors import Errors, NewsgraphError
from ..types import PathLike
from ..vocab import vocab_path
from .output import settle

#: file -> (pyoxigraph format, its name)
RDF_FILES = {"graph.trig": ("TRIG", "TriG"), "graph.nq": ("N_QUADS", "N-Quads"), "graph.ttl": ("TURTLE", "Turtle"),
             "graph.nt": ("N_TRIPLES", "N-Triples"), "graph.jsonld": ("JSON_LD", "JSON-LD")}
_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_CLASSES = {"https://schema.org/NewsArticle": "documents", "http://semanticweb.cs.vu.nl/2009/11/sem/Event": "events",
            "http://semanticweb.cs.vu.nl/2009/11/sem/Actor": "actors"}


def validate_graph(data_graph) -> tuple[bool, str]:
    """``(conforms, report text)`` of an rdflib graph against newsgraph's shapes."""
    import pyshacl
    from rdflib import Graph

    shapes = Graph().parse(data=vocab_path("shapes.ttl").read_text(encoding="utf-8"), format="turtle")
    conforms, _, text = pyshacl.validate(data_graph, shacl_graph=shapes, inference="none",
                                         advanced=False, allow_warnings=True)
    return bool(conforms), text


class _Problems(list):
    def parse(self, path: Path, fmt: str, detail: object) -> None:
        self.append(str(NewsgraphError(Errors.E030, path=path, format=fmt, detail=detail)))

    def disagree(self, path: Path, detail: str) -> None:
        self.append(str(NewsgraphError(Errors.E031, path=path, detail=detail)))


def _documents(path: Path, problems: _Problems) -> list[dict[str, Any]] | None:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        problems.parse(path, "UTF-8 JSON Lines", e)
        return None
    docs = []
    for n, line in enumerate(text.split("\n"), 1):
        if not line.strip(" \t\r"):
            continue
        try:
            doc = json.loads(line)
            if not isinstance(doc, dict) or "doc_id" not in doc:
                raise ValueError("not a document object")
        except (ValueError, RecursionError) as e:
            problems.parse(path, "JSON Lines", f"line {n}: {e}")
            return None
        docs.append(doc)
    if text and not text.endswith("\n"):
        problems.parse(path, "JSON Lines", "the last line is cut off (no line feed)")
        return None
    return docs


def _rdf_counts(path: Path, fmt: str, label: str, problems: _Problems) -> dict[str, int] | None:
    import pyoxigraph as ox

    typed: dict[str, set[str]] = {k: set() for k in _CLASSES.values()}
    graphs = set()
    try:
        for q in ox.parse(path=str(path), format=getattr(ox.RdfFormat, fmt)):
            if q.predicate.value == _TYPE and q.object.value in _CLASSES:
                typed[_CLASSES[q.object.value]].add(q.subject.value)
            if not isinstance(q.graph_name, ox.DefaultGraph):
                graphs.add(q.graph_name.value)
    except (SyntaxError, ValueError, OSError) as e:
        problems.parse(path, label, e)
        return None
    counts = {k: len(v) for k, v in typed.items()}
    if fmt in ("TRIG", "N_QUADS", "JSON_LD"):
        counts["named graphs"] = len(graphs)
    return counts


def _xml_articles(path: Path, problems: _Problems) -> int | None:
    from xml.etree import ElementTree

    try:
        root = ElementTree.parse(path).getroot()
    except (ElementTree.ParseError, OSError) as e:
        problems.parse(path, "XML", e)
        return None
    if path.suffix == ".graphml":
        keys = {k.get("id") for k in root.iter() if k.tag.endswith("}key") and k.get("attr.name") == "kind"}
        return sum(1 for d in root.iter() if d.tag.endswith("}data") and d.get("key") in keys and d.text == "article")
    kinds = {x.get("id") for c in root.iter() if c.tag.endswith("}attributes") and c.get("class") == "node"
             for x in c if x.get("title") == "kind"}
    return sum(1 for a in root.iter() if a.tag.endswith("}attvalue") and a.get("for") in kinds
               and a.get("value") == "article")


def _csv_rows(path: Path, problems: _Problems) -> list[dict[str, str]] | None:
    try:
        with path.open(encoding="utf-8", newline="") as f:
            return list(csv.DictReader(f))
    except (OSError, UnicodeDecodeError, csv.Error) as e:
        problems.parse(path, "CSV", e)
        return None


def _page_documents(path: Path, problems: _Problems) -> int | None:
    try:
        page = path.read_text(encoding="utf-8")
        m = re.search(r'<script type="application/json" id="data">(.*?)</script>', page, re.DOTALL)
        if not m or not page.rstrip().endswith("</html>"):
            raise ValueError("no data block, or the page is cut off")
        return int(json.loads(m.group(1))["documents"])
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError) as e:
        problems.parse(path, "newsgraph's HTML page", e)
        return None


def _expected(docs: list[dict[str, Any]]) -> dict[str, int]:
    def count(key: str) -> int:
        return sum(len(d.get(key) or []) for d in docs)

    return {
        "documents": len(docs), "actors": len({a.get("iri") for d in docs for a in d.get("actors") or []}),
        "events": len({e.get("iri") or f"{d['doc_id']}#{e.get('id')}" for d in docs for e in d.get("events") or []}),
        "rows:actors": count("actors"), "rows:events": count("events"), "rows:roles": count("roles"),
        "rows:agreements": count("agreements"),
        "rows:mentions": sum(len(a.get("mentions") or []) for d in docs for a in d.get("actors") or []),
    }


def check_folder(folder: PathLike) -> list[str]:
    """The problems of a build folder, each a coded message naming its file: a file that
    does not parse (E030), files that disagree (E031). Empty when all is well."""
    out = Path(folder)
    settle(out)
    if not any((out / f).exists() for f in ("manifest.json", "documents.jsonl", *RDF_FILES)):
        raise NewsgraphError(Errors.E012, path=out / "manifest.json")
    problems = _Problems()
    manifest = None
    if (out / "manifest.json").exists():
        try:
            manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
            done = [i["id"] for i in manifest["inputs"] if i["status"] == "done"]
            listed = manifest["build"].get("files") or []
        except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError) as e:
            problems.parse(out / "manifest.json", "newsgraph's manifest", e)
            manifest = None
    docs = _documents(out / "documents.jsonl", problems) if (out / "documents.jsonl").exists() else None
    if manifest is not None:
        for f in listed:
            if not (out / f).is_file():
                problems.disagree(out / "manifest.json", f"it lists {f}, which is missing")
        summary = (manifest.get("summary") or {}).get("documents")
        if summary != len(done):
            problems.disagree(out / "manifest.json", f"its summary counts {summary} documents and its inputs "
                              f"{len(done)} done")
        if docs is not None and sorted(map(str, done)) != sorted(str(d["doc_id"]) for d in docs):
            distinct = len({d["doc_id"] for d in docs})
            problems.disagree(out / "documents.jsonl", f"it holds {len(docs)} documents ({distinct} distinct ids), "
                              f"the manifest {len(done)} done inputs")
    expected = _expected(docs) if docs is not None else ({"documents": len(done)} if manifest is not None else {})

    def compare(path: Path, found: dict[str, int | None], want_key: Callable[[str], str] = str) -> None:
        for what, n in found.items():
            want = expected.get(want_key(what))
            if n is not None and want is not None and n != want:
                problems.disagree(path, f"{n} {what} where documents.jsonl has {want}"
                                  + (f" {want_key(what)[5:]}" if what == "rows" else ""))

    for name, (fmt, label) in RDF_FILES.items():
        if (out / name).exists():
            counts = _rdf_counts(out / name, fmt, label, problems)
            if counts is not None:
                compare(out / name, counts, lambda w: "documents" if w == "named graphs" else w)
    readers: dict[str, Callable[[Path, _Problems], int | None]] = {
        "graph.graphml": _xml_articles, "graph.gexf": _xml_articles, "graph.html": _page_documents}
    for name, read in readers.items():
        if (out / name).exists():
            compare(out / name, {"documents": read(out / name, problems)})
    for table in ("actors", "events", "roles", "agreements", "mentions"):
        path = out / "tables" / f"{table}.csv"
        if path.exists():
            rows = _csv_rows(path, problems)
            compare(path, {"rows": None if rows is None else len(rows)}, lambda _, t=table: f"rows:{t}")
    return list(problems)


def validate_folder(folder: PathLike) -> tuple[bool, str]:
    """``(conforms, report)`` of a build folder: :func:`check_folder`, then SHACL over its
    merged graph (``graph.ttl``, else ``graph.nt``, ``graph.trig``, ``graph.nq``)."""
    import logging

    from rdflib import Dataset, Graph

    problems = check_folder(folder)
    out = Path(folder)
    source = next((out / f for f in ("graph.ttl", "graph.nt", "graph.trig", "graph.nq") if (out / f).exists()), None)
    if problems or source is None:
        return not problems, "\n".join(problems)
    term_log = logging.getLogger("rdflib.term")  # an ill-typed literal is SHACL's to report, not a traceback
    level = term_log.level
    term_log.setLevel(logging.ERROR)
    try:
        if source.suffix in (".ttl", ".nt"):
            data = Graph().parse(source, format="turtle" if source.suffix == ".ttl" else "nt")
        else:
            ds = Dataset().parse(source, format="trig" if source.suffix == ".trig" else "nquads")
            data = Graph()
            for s, p, o, _ in ds.quads((None, None, None, None)):
                data.add((s, p, o))
        return validate_graph(data)
    except Exception as e:  # noqa: BLE001 - rdflib or pyshacl failing on a damaged file names it
        return False, str(NewsgraphError(Errors.E030, path=source, format="RDF for SHACL", detail=repr(e)))
    finally:
        term_log.setLevel(level)
