"""The named graphs of a build as a stream: which nodes only one article's graph speaks
about, and the quads of a file taken a graph at a time.

Light on purpose (pyoxigraph only): ``newsgraph validate`` uses it without loading the
pipeline.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import groupby

import pyoxigraph as ox


def within(iri: str, article: str) -> bool:
    """Whether ``iri`` names the article itself or a node minted under it (its text and
    spans, its graph, its local events, agreements, conflicts and claims): what only that
    article's named graph says something about.

    >>> within("http://ex.org/article/a1#char=0,5", "http://ex.org/article/a1")
    True
    >>> within("http://ex.org/article/a10", "http://ex.org/article/a1")
    False
    """
    return iri == article or iri.startswith((article + "/", article + "#"))


def graph_name(quad: ox.Quad) -> str | None:
    """The IRI of a quad's named graph, ``None`` for the default graph."""
    return None if isinstance(quad.graph_name, ox.DefaultGraph) else quad.graph_name.value


def graph_groups(quads: Iterable[ox.Quad]) -> Iterator[tuple[str | None, list[ox.Quad]]]:
    """Runs of consecutive quads of one graph, as ``(graph IRI or None, quads)``: one
    named graph each in a file newsgraph wrote, which writes a graph in one block.

    >>> g, p = ox.NamedNode("http://ex.org/g"), ox.NamedNode("http://ex.org/p")
    >>> qs = [ox.Quad(p, p, p), ox.Quad(p, p, p, g), ox.Quad(p, p, ox.Literal("x"), g)]
    >>> [(name, len(run)) for name, run in graph_groups(qs)]
    [(None, 1), ('http://ex.org/g', 2)]
    """
    for name, run in groupby(quads, key=graph_name):
        yield name, list(run)
