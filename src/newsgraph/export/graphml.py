"""GraphML and GEXF for Gephi and other graph tools (list attributes joined by `` | ``)."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import networkx as nx

from ..graph import KnowledgeGraph
from ..types import PathLike
from .output import open_output


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


def generate_graphml(kg: KnowledgeGraph) -> Iterator[str]:
    yield from nx.generate_graphml(flat_graph(kg.graph))


def write_graphml(kg: KnowledgeGraph, path: PathLike) -> Path:
    p = Path(path)
    with open_output(p) as f:
        nx.write_graphml(flat_graph(kg.graph), f)
    return p


def write_gexf(kg: KnowledgeGraph, path: PathLike) -> Path:
    p = Path(path)
    with open_output(p) as f:
        nx.write_gexf(flat_graph(kg.graph), f)
    return p
