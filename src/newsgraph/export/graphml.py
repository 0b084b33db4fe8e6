"""GraphML and GEXF for Gephi, igraph, yEd and other graph tools.

List attributes are joined by `` | ``. Every attribute is declared once with its type
(:data:`ATTRIBUTES`), so that a reader gets integers as integers and flags as booleans
whatever node or edge comes first (igraph keeps every number as a float: it reads
``int`` attributes as whole floats). In GEXF the PLOVER type of an ``interacts`` edge is
``event_type``: the edge's own ``type`` attribute may only say ``directed``,
``undirected`` or ``mutual`` (GEXF 1.2), and the file validates against the GEXF 1.2
schema. ``SOURCE_DATE_EPOCH`` dates the GEXF file, so that a build is reproducible.
"""
from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path
from xml.etree.ElementTree import Element, SubElement, indent, tostring

import networkx as nx

from ..graph import GraphData
from ..types import PathLike
from .options import WriteOptions
from .output import open_output

#: (node or edge, attribute) -> GraphML type; an attribute not listed is a string
ATTRIBUTES: dict[tuple[str, str], str] = {
    ("node", "sources"): "int", ("edge", "count"): "int",
}
#: attributes renamed in GEXF, where the edge's ``type`` is its direction
GEXF_EDGE_NAMES = {"type": "event_type"}
_TYPES = {"int": int, "long": int, "float": float, "double": float, "boolean": bool, "string": str}


def flat_graph(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy whose attribute values are all strings, numbers or booleans."""
    out = nx.MultiDiGraph()
    for n, attrs in g.nodes(data=True):
        out.add_node(n, **{k: (" | ".join(v) if isinstance(v, (list, tuple, set)) else v)
                           for k, v in attrs.items() if v is not None})
    for u, v, k, attrs in g.edges(keys=True, data=True):
        attrs = {"relation": k, **attrs}
        out.add_edge(u, v, key=k, **{a: b for a, b in attrs.items() if b is not None})
    return out


def _attr_type(kind: str, name: str) -> str:
    return ATTRIBUTES.get((kind, name), "string")


def _text(value, kind: str) -> str:
    if kind == "boolean":
        return "true" if value else "false"
    return str(_TYPES[kind](value))


def _graphml_element(kg: GraphData) -> Element:
    g = flat_graph(kg.graph)
    names = {"node": sorted({k for _, d in g.nodes(data=True) for k in d}),
             "edge": sorted({k for *_, d in g.edges(keys=True, data=True) for k in d})}
    root = Element("graphml", {"xmlns": "http://graphml.graphdrawing.org/xmlns",
                               "xmlns:xsi": "http://www.w3.org/2001/XMLSchema-instance",
                               "xsi:schemaLocation": "http://graphml.graphdrawing.org/xmlns "
                                                     "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd"})
    key_id = {}
    for kind in ("node", "edge"):
        for name in names[kind]:
            key_id[kind, name] = f"{kind[0]}_{name}"
            SubElement(root, "key", {"id": key_id[kind, name], "for": kind, "attr.name": name,
                                     "attr.type": _attr_type(kind, name)})
    graph = SubElement(root, "graph", {"edgedefault": "directed"})
    for n, d in g.nodes(data=True):
        node = SubElement(graph, "node", {"id": str(n)})
        for name in names["node"]:
            if name in d:
                SubElement(node, "data", {"key": key_id["node", name]}).text = _text(d[name], _attr_type("node", name))
    for u, v, _, d in g.edges(keys=True, data=True):
        edge = SubElement(graph, "edge", {"source": str(u), "target": str(v)})
        for name in names["edge"]:
            if name in d:
                SubElement(edge, "data", {"key": key_id["edge", name]}).text = _text(d[name], _attr_type("edge", name))
    indent(root)
    return root


def generate_graphml(kg: GraphData) -> Iterator[str]:
    """The GraphML text, every key declared with its type."""
    yield "<?xml version='1.0' encoding='utf-8'?>\n"
    yield tostring(_graphml_element(kg), encoding="unicode") + "\n"


def write_graphml(kg: GraphData, path: PathLike, options: WriteOptions | None = None) -> Path:
    p = Path(path)
    with open_output(p) as f:
        for chunk in generate_graphml(kg):
            f.write(chunk.encode("utf-8"))
    return p


def _gexf_graph(kg: GraphData) -> nx.MultiDiGraph:
    g = flat_graph(kg.graph)
    for *_, d in g.edges(keys=True, data=True):
        for old, new in GEXF_EDGE_NAMES.items():
            if old in d:
                d[new] = d.pop(old)
    return g


def _modified_date() -> str:
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    when = dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc) if epoch.isdigit() else dt.datetime.now(dt.timezone.utc)
    return when.date().isoformat()


def generate_gexf(kg: GraphData) -> Iterator[str]:
    """GEXF 1.2 text that validates against the schema (``tests/schemas/gexf-1.2draft``)."""
    writer = nx.readwrite.gexf.GEXFWriter(encoding="utf-8", prettyprint=True, version="1.2draft")
    writer.add_graph(_gexf_graph(kg))
    graph = writer.xml.find("graph")
    graph.attrib.pop("name", None)  # not a GEXF 1.2 attribute of <graph>
    meta = writer.xml.find("meta")
    if meta is not None:
        meta.set("lastmodifieddate", _modified_date())
    # what writer.write(file) writes, made as one string: ElementTree writing a UTF-8 file
    # goes through a text wrapper a few characters at a time (half the time of the GEXF)
    writer.indent(writer.xml)
    yield "<?xml version='1.0' encoding='utf-8'?>\n" + tostring(writer.xml, encoding="unicode") + "\n"


def write_gexf(kg: GraphData, path: PathLike, options: WriteOptions | None = None) -> Path:
    p = Path(path)
    with open_output(p) as f:
        for chunk in generate_gexf(kg):
            f.write(chunk.encode("utf-8"))
    return p
