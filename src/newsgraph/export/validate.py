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
import functools
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, cast

import pyoxigraph as ox

from ..errors import Errors, NewsgraphError
from ..types import PathLike
from ..vocab import vocab_path
from .output import inside, ours, settle

#: file -> (pyoxigraph format, its name)
RDF_FILES = {"graph.trig": ("TRIG", "TriG"), "graph.nq": ("N_QUADS", "N-Quads"), "graph.ttl": ("TURTLE", "Turtle"),
             "graph.nt": ("N_TRIPLES", "N-Triples"), "graph.jsonld": ("JSON_LD", "JSON-LD")}
_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_CLASSES = {"https://schema.org/NewsArticle": "documents", "http://semanticweb.cs.vu.nl/2009/11/sem/Event": "events",
            "http://semanticweb.cs.vu.nl/2009/11/sem/Actor": "actors"}


#: At most about this many quads (whole named graphs) go to SHACL at once: what
#: ``validate`` holds stays bounded by it, not by the build.
SHACL_BATCH = 20_000
_SH = "http://www.w3.org/ns/shacl#"
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def shapes_graph():
    """newsgraph's SHACL shapes as an rdflib graph."""
    from rdflib import Graph

    return Graph().parse(data=vocab_path("shapes.ttl").read_text(encoding="utf-8"), format="turtle")


def validate_graph(data_graph, shapes=None) -> tuple[bool, str]:
    """``(conforms, report text)`` of an rdflib graph against newsgraph's shapes (or
    ``shapes``, an rdflib graph of them, parsed once by a caller that checks many)."""
    import pyshacl

    conforms, _, text = pyshacl.validate(data_graph, shacl_graph=shapes if shapes is not None else shapes_graph(),
                                         inference="none", advanced=False, allow_warnings=True)
    return bool(conforms), text


def single_valued(shapes) -> dict[str, dict[str, str]]:
    """Class IRI -> {property IRI: message} for each property a shape targeting the class
    allows once (``sh:maxCount 1`` on a plain ``sh:path``)."""
    from rdflib import URIRef

    sh = lambda name: URIRef(_SH + name)  # noqa: E731
    out: dict[str, dict[str, str]] = {}
    for shape, cls in shapes.subject_objects(sh("targetClass")):
        for prop in shapes.objects(shape, sh("property")):
            path, most = shapes.value(prop, sh("path")), shapes.value(prop, sh("maxCount"))
            if isinstance(path, URIRef) and most is not None and int(most) == 1:
                message = shapes.value(prop, sh("message"))
                out.setdefault(str(cls), {})[str(path)] = str(message) if message else "at most one value"
    return out


class _Terms:
    """pyoxigraph terms as rdflib terms (IRIs kept once made)."""

    def __init__(self) -> None:
        from rdflib import BNode, Literal, URIRef

        self.BNode, self.Literal, self.URIRef = BNode, Literal, URIRef
        self.iris: dict[str, object] = {}

    def __call__(self, t):
        if isinstance(t, ox.NamedNode):
            iri = self.iris.get(t.value)
            if iri is None:
                if len(self.iris) > 50_000:
                    self.iris.clear()
                iri = self.iris[t.value] = self.URIRef(t.value)
            return iri
        if isinstance(t, ox.BlankNode):
            return self.BNode(t.value)
        if t.language:
            return self.Literal(t.value, lang=t.language)
        if t.datatype.value == _XSD_STRING:
            return self.Literal(t.value)
        return self.Literal(t.value, datatype=self(t.datatype))


class _ShaclStream:
    """SHACL over the quads of a file, whole named graphs a batch at a time.

    Each batch is checked with the default graph's head (the vocabulary and the build,
    written before the first named graph: the PLOVER concepts an event's type must be).
    Every article's graph says all the shapes ask about the nodes it names (an actor's
    type and name, an event's trigger and sentence...), so a batch finds what the union of
    all graphs would; what the union alone shows, a property given once per shape
    (``sh:maxCount 1``) with different values in two graphs, is checked across graphs here,
    remembering the values of the nodes several articles share (not of the nodes minted
    under one article, :func:`~newsgraph.export.graphs.within`).
    """

    def __init__(self, batch: int) -> None:
        self.shapes = shapes_graph()
        self.single = single_valued(self.shapes)
        self.batch = batch
        self.terms = _Terms()
        self.head: list = []
        self.pending: list = []
        self.graphs: set[str] = set()
        self.values: dict[tuple[str, str], tuple[str, str]] = {}
        self.reports: list[str] = []
        self.conforms = True

    def feed(self, quads) -> None:
        from .graphs import graph_groups

        for name, run in graph_groups(quads):
            if name is None and not self.graphs:
                self.head.extend(run)
                continue
            if name is not None:
                if name in self.graphs:
                    self.fail(f"The named graph <{name}> is written in more than one block: newsgraph writes "
                              "each in one, and checks it whole.")
                self.graphs.add(name)
                self.across(name, run)
            self.pending.extend(run)  # a graph's provenance (default graph) goes with the graph after it
            if name is not None and len(self.pending) >= self.batch:
                self.check()

    def fail(self, text: str) -> None:
        self.conforms = False
        self.reports.append(text)

    def check(self) -> None:
        from rdflib import Graph

        data = Graph()
        for q in (*self.head, *self.pending):
            data.add((self.terms(q.subject), self.terms(q.predicate), self.terms(q.object)))
        self.pending = []
        conforms, text = validate_graph(data, self.shapes)
        if not conforms:
            self.fail(text)

    def across(self, name: str, run: list) -> None:
        """Remember the single-valued properties of shared nodes; report a second value."""
        from .graphs import within

        types: dict[str, set[str]] = {}
        for q in run:
            if q.predicate.value == _TYPE:
                types.setdefault(q.subject.value, set()).add(q.object.value)
        articles = [s for s, cs in types.items() if "https://schema.org/NewsArticle" in cs]
        for q in run:
            s, p = q.subject.value, q.predicate.value
            message = next((self.single[c][p] for c in types.get(s, ()) if p in self.single.get(c, {})), None)
            if message is None or any(within(s, a) for a in articles):
                continue
            value = str(q.object)
            seen = self.values.setdefault((s, p), (value, name))
            if seen[0] != value and seen[1] != name:
                self.fail(f"Constraint violation across named graphs (sh:maxCount 1):\n\tFocus Node: <{s}>\n"
                          f"\tResult Path: <{p}>\n\tValues: {seen[0]} in <{seen[1]}>, {value} in <{name}>\n"
                          f"\tMessage: {message}")

    def close(self) -> tuple[bool, str]:
        if self.pending or not self.graphs:
            self.check()
        if self.conforms:
            return True, "Validation Report\nConforms: True\n"
        return False, "\n".join(["Validation Report", "Conforms: False", *self.reports])


def validate_quads(quads, batch: int | None = None) -> tuple[bool, str]:
    """``(conforms, report)`` of a stream of quads (one named graph per article, each in
    one block, as newsgraph writes them) against newsgraph's shapes, ``batch`` quads
    (whole named graphs, :data:`SHACL_BATCH` by default) at a time; see :class:`_ShaclStream`."""
    stream = _ShaclStream(batch or SHACL_BATCH)
    stream.feed(quads)
    return stream.close()


class _Problems(list):
    def parse(self, path: Path, fmt: str, detail: object) -> None:
        self.append(str(NewsgraphError(Errors.E030, path=path, format=fmt, detail=detail)))

    def disagree(self, path: Path, detail: str) -> None:
        self.append(str(NewsgraphError(Errors.E031, path=path, detail=detail)))


class _Documents:
    """What :func:`check_folder` compares ``documents.jsonl`` with, gathered one line at a
    time: the ids, the distinct actor and event IRIs, and the rows each table should have."""

    def __init__(self) -> None:
        self.ids: list[str] = []
        self.actors: set[object] = set()
        self.events: set[object] = set()
        self.rows = dict.fromkeys(("actors", "events", "roles", "agreements", "mentions"), 0)

    def add(self, doc: dict[str, Any]) -> None:
        self.ids.append(doc["doc_id"])
        actors, events = doc.get("actors") or [], doc.get("events") or []
        self.actors.update(a.get("iri") for a in actors)
        self.events.update(e.get("iri") or f"{doc['doc_id']}#{e.get('id')}" for e in events)
        for key in ("actors", "events", "roles", "agreements"):
            self.rows[key] += len(doc.get(key) or [])
        self.rows["mentions"] += sum(len(a.get("mentions") or []) for a in actors)

    def __len__(self) -> int:
        return len(self.ids)

    def expected(self) -> dict[str, int]:
        return {"documents": len(self.ids), "actors": len(self.actors), "events": len(self.events),
                **{f"rows:{k}": n for k, n in self.rows.items()}}


def _documents(path: Path, problems: _Problems) -> _Documents | None:
    """``documents.jsonl`` read a line at a time (lines end with a line feed only)."""
    docs = _Documents()
    try:
        with path.open("rb") as f:
            for n, raw in enumerate(f, 1):
                try:
                    line = raw.decode("utf-8")
                except UnicodeDecodeError as e:
                    problems.parse(path, "UTF-8 JSON Lines", f"line {n}: {e}")
                    return None
                if line.strip(" \t\r\n"):
                    try:
                        doc = json.loads(line)
                        if not isinstance(doc, dict) or "doc_id" not in doc:
                            raise ValueError("not a document object")
                    except (ValueError, RecursionError) as e:
                        problems.parse(path, "JSON Lines", f"line {n}: {e}")
                        return None
                    docs.add(doc)
                if not line.endswith("\n"):
                    problems.parse(path, "JSON Lines", "the last line is cut off (no line feed)")
                    return None
    except OSError as e:
        problems.parse(path, "UTF-8 JSON Lines", e)
        return None
    return docs


#: Bytes of JSON-LD items parsed at a time by :func:`_jsonld_quads`.
JSONLD_BATCH = 1 << 20


def _jsonld_quads(path: Path, batch: int = JSONLD_BATCH):
    """The quads of a JSON-LD file newsgraph wrote, a few items at a time: pyoxigraph
    holds a whole JSON-LD document while it parses it (about ten times the file), and
    newsgraph's file has its context on the first line, then one item (a node, or a named
    graph) a line. Any other layout is parsed whole."""
    with path.open("rb") as f:
        head = f.readline()
        if not (head.startswith(b'{"@context": ') and head.endswith(b', "@graph": [\n')):
            yield from ox.parse(path=str(path), format=ox.RdfFormat.JSON_LD)
            return
        items: list[bytes] = []
        size, closed = 0, False
        for line in f:
            if closed:
                if line.strip():
                    raise SyntaxError("text after the end of the document")
                continue
            body = line.rstrip(b"\n")
            if body == b"]}":
                closed = True
                continue
            if not line.endswith(b"\n"):
                raise SyntaxError("the file is cut off (no closing ]})")
            items.append(body[:-1] if body.endswith(b",") else body)
            size += len(body)
            if size >= batch:
                yield from ox.parse(head + b",".join(items) + b"]}", format=ox.RdfFormat.JSON_LD)
                items, size = [], 0
        if not closed:
            raise SyntaxError("the file is cut off (no closing ]})")
        if items:
            yield from ox.parse(head + b",".join(items) + b"]}", format=ox.RdfFormat.JSON_LD)


class _Seen:
    """What the pass over ``graph.nq`` gathers to check the store and the name index
    against: how many quads, which named graphs, the names."""

    def __init__(self) -> None:
        from .store import NameIndex

        self.quads = 0
        self.graphs: set[str] = set()
        self.names = NameIndex()


def _rdf_counts(path: Path, fmt: str, label: str, problems: _Problems,
                seen: _Seen | None = None) -> dict[str, int] | None:
    typed: dict[str, set[str]] = {k: set() for k in _CLASSES.values()}
    graphs = set()
    try:
        quads = _jsonld_quads(path) if fmt == "JSON_LD" else ox.parse(path=str(path), format=getattr(ox.RdfFormat, fmt))
        for q in quads:
            if q.predicate.value == _TYPE and q.object.value in _CLASSES:
                typed[_CLASSES[q.object.value]].add(q.subject.value)
            if not isinstance(q.graph_name, ox.DefaultGraph):
                graphs.add(q.graph_name.value)
            if seen is not None:
                seen.quads += 1
                seen.names.add((q,))
    except (SyntaxError, ValueError, OSError) as e:
        problems.parse(path, label, e)
        return None
    if seen is not None:
        seen.graphs = graphs
    counts = {k: len(v) for k, v in typed.items()}
    if fmt in ("TRIG", "N_QUADS", "JSON_LD"):
        counts["named graphs"] = len(graphs)
    return counts


def _check_store(out: Path, problems: _Problems, expected: dict[str, int], seen: _Seen | None) -> None:
    """``store/`` opens, and holds this build: its quads and named graphs those of
    ``graph.nq`` (or its articles those of documents.jsonl)."""
    path = out / "store"
    store: ox.Store | None = None
    try:
        store = ox.Store.read_only(str(path))
        quads = len(store)
        graphs = {g.value for g in store.named_graphs()}
        counted = cast(ox.QuerySolutions, store.query("SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a "
                                                      "<https://schema.org/NewsArticle> }",
                                                      use_default_graph_as_union=True))
        articles = int(next(iter(counted))["n"].value)
    except Exception as e:  # noqa: BLE001 - RocksDB's errors on a damaged folder come in several kinds
        problems.parse(path, "a pyoxigraph store", f"{type(e).__name__}: {e}")
        return
    finally:
        store = None  # closes the database
    if seen is not None and (quads != seen.quads or graphs != seen.graphs):
        problems.disagree(path, f"it holds {quads} quads in {len(graphs)} named graphs, graph.nq {seen.quads} in "
                          f"{len(seen.graphs)}: it is not this build's store")
    elif seen is None and "documents" in expected and articles != expected["documents"]:
        problems.disagree(path, f"it holds {articles} articles where documents.jsonl has {expected['documents']}")


def _check_names(out: Path, problems: _Problems, seen: _Seen | None) -> None:
    """``names.json`` parses as name -> IRIs, and (with ``graph.nq``) is its index."""
    from .store import read_names

    path = out / "names.json"
    try:
        names = read_names(path)
    except NewsgraphError as e:
        problems.append(str(e))
        return
    if seen is not None and names != seen.names.result():
        problems.disagree(path, "it is not the index of the names in graph.nq (another build's?)")


def _xml_articles(path: Path, problems: _Problems) -> int | None:
    """How many nodes of kind ``article`` a GraphML or GEXF file has, read as a stream
    (the declarations of attributes come before the nodes in both formats); the nodes
    and edges read are dropped as it goes."""
    from xml.etree import ElementTree

    graphml, keys, n = path.suffix == ".graphml", set(), 0
    parents: list = []
    container, read = None, 0  # the element whose first `read` children (nodes, edges) are done
    try:
        for event, el in ElementTree.iterparse(path, events=("start", "end")):
            if event == "start":
                parents.append(el)
                continue
            parents.pop()
            tag = el.tag.rsplit("}", 1)[-1]
            if graphml and tag == "key" and el.get("attr.name") == "kind":
                keys.add(el.get("id"))
            elif graphml and tag == "data" and el.get("key") in keys and el.text == "article":
                n += 1
            elif not graphml and tag == "attributes" and el.get("class") == "node":
                keys.update(x.get("id") for x in el if x.get("title") == "kind")
            elif not graphml and tag == "attvalue" and el.get("for") in keys and el.get("value") == "article":
                n += 1
            elif tag in ("node", "edge") and parents:
                el.clear()
                if parents[-1] is not container:
                    container, read = parents[-1], 0
                read += 1
                if read >= 256:  # the parser may be ahead: only the children already read go
                    del container[:read]
                    read = 0
    except (ElementTree.ParseError, OSError) as e:
        problems.parse(path, "XML", e)
        return None
    return n


def _csv_rows(path: Path, problems: _Problems) -> int | None:
    """How many rows a CSV table has (read a row at a time)."""
    try:
        with path.open(encoding="utf-8", newline="") as f:
            return sum(1 for _ in csv.DictReader(f))
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


def _manifest(out: Path, problems: _Problems) -> tuple[dict | None, list, list]:
    """The manifest, the ids of its done inputs and the files it lists; a missing or
    damaged manifest is a problem (every build writes one, last)."""
    path = out / "manifest.json"
    if not path.exists():
        problems.disagree(path, "it is missing: every build writes it, last, so the folder holds no complete build")
        return None, [], []
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
        done = [i["id"] for i in manifest["inputs"] if i["status"] == "done"]
        listed = manifest["build"].get("files") or []
        if not isinstance(listed, list) or not all(isinstance(f, str) for f in listed):
            raise TypeError("build.files is not a list of file names")
        if not all(ours(f) and inside(out, f) for f in listed):
            raise ValueError("build.files names a file newsgraph does not write")
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError, AttributeError, RecursionError) as e:
        problems.parse(path, "newsgraph's manifest", f"{type(e).__name__}: {str(e)[:200]}")
        return None, [], []
    return manifest, done, listed


def check_folder(folder: PathLike) -> list[str]:
    """The problems of a build folder, each a coded message naming its file: a file that
    does not parse (E030), files that disagree (E031). Empty when all is well."""
    out = Path(folder)
    settle(out)
    if not any((out / f).exists() for f in ("manifest.json", "documents.jsonl", *RDF_FILES)):
        raise NewsgraphError(Errors.E012, path=out / "manifest.json")
    problems = _Problems()
    manifest, done, listed = _manifest(out, problems)
    docs = _documents(out / "documents.jsonl", problems) if (out / "documents.jsonl").exists() else None
    if manifest is not None:
        for f in listed:
            if not (out / f).is_file():
                problems.disagree(out / "manifest.json", f"it lists {f}, which is missing")
        counted = manifest.get("summary") if isinstance(manifest.get("summary"), dict) else {}
        summary = cast(dict, counted).get("documents")
        if summary != len(done):
            problems.disagree(out / "manifest.json", f"its summary counts {summary} documents and its inputs "
                              f"{len(done)} done")
        if docs is not None and sorted(map(str, done)) != sorted(map(str, docs.ids)):
            distinct = len(set(docs.ids))
            problems.disagree(out / "documents.jsonl", f"it holds {len(docs)} documents ({distinct} distinct ids), "
                              f"the manifest {len(done)} done inputs")
    expected = docs.expected() if docs is not None else ({"documents": len(done)} if manifest is not None else {})

    def compare(path: Path, found: Mapping[str, int | None], want_key: Callable[[str], str] = str) -> None:
        for what, n in found.items():
            want = expected.get(want_key(what))
            if n is not None and want is not None and n != want:
                problems.disagree(path, f"{n} {what} where documents.jsonl has {want}"
                                  + (f" {want_key(what)[5:]}" if what == "rows" else ""))

    seen = _Seen() if (out / "graph.nq").exists() else None
    for name, (fmt, label) in RDF_FILES.items():
        if (out / name).exists():
            counts = _rdf_counts(out / name, fmt, label, problems, seen if name == "graph.nq" else None)
            if counts is None and name == "graph.nq":
                seen = None
            if counts is not None:
                compare(out / name, counts, lambda w: "documents" if w == "named graphs" else w)
    from .store import fresh

    # the store and the name index as `newsgraph query` would use them: not when older
    # than graph.nq (a query then reads graph.nq itself)
    if fresh(out / "store", out / "graph.nq"):
        _check_store(out, problems, expected, seen)
    if fresh(out / "names.json", out / "graph.nq"):
        _check_names(out, problems, seen)
    readers: dict[str, Callable[[Path, _Problems], int | None]] = {
        "graph.graphml": _xml_articles, "graph.gexf": _xml_articles, "graph.html": _page_documents}
    for name, read in readers.items():
        if (out / name).exists():
            compare(out / name, {"documents": read(out / name, problems)})
    for table in ("actors", "events", "roles", "agreements", "mentions"):
        path = out / "tables" / f"{table}.csv"
        if path.exists():
            compare(path, {"rows": _csv_rows(path, problems)}, functools.partial(_rows_of, table))
    return list(problems)


def _rows_of(table: str, _: str) -> str:
    """The key of a table's row count in :func:`check_folder`'s expectations."""
    return f"rows:{table}"


def validate_folder(folder: PathLike) -> tuple[bool, str]:
    """``(conforms, report)`` of a build folder: :func:`check_folder`, then SHACL over its
    RDF (``graph.nq``, else ``graph.trig``, ``graph.ttl``, ``graph.nt``), parsed as a
    stream by pyoxigraph and checked whole named graphs at a time (:func:`validate_quads`):
    what it holds does not grow with the build. A Turtle or N-Triples file has no named
    graphs, and is checked whole."""
    import logging

    problems = check_folder(folder)
    out = Path(folder)
    source = next((out / f for f in ("graph.nq", "graph.trig", "graph.ttl", "graph.nt") if (out / f).exists()), None)
    if problems or source is None:
        return not problems, "\n".join(problems)
    fmt = {".nq": ox.RdfFormat.N_QUADS, ".trig": ox.RdfFormat.TRIG, ".ttl": ox.RdfFormat.TURTLE,
           ".nt": ox.RdfFormat.N_TRIPLES}[source.suffix]
    term_log = logging.getLogger("rdflib.term")  # an ill-typed literal is SHACL's to report, not a traceback
    level = term_log.level
    term_log.setLevel(logging.ERROR)
    try:
        return validate_quads(ox.parse(path=str(source), format=fmt))
    except Exception as e:  # noqa: BLE001 - pyoxigraph or pyshacl failing on a damaged file names it
        return False, str(NewsgraphError(Errors.E030, path=source, format="RDF for SHACL", detail=repr(e)))
    finally:
        term_log.setLevel(level)
