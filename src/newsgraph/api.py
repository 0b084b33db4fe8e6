"""The graph of a build, with the views notebook users ask for: DataFrames, an rdflib
Dataset, SPARQL answers as a DataFrame.

:class:`KnowledgeGraph` adds these methods to :class:`newsgraph.graph.GraphData`
(the records, the manifest, the networkx graph). Like ``builder`` and ``cli``, this
module sits outside the rooms, so it may call ``export``; each method imports what it
needs when it runs (pandas is an optional extra: ``pip install "newsgraph[pandas]"``).
"""
from __future__ import annotations

from typing import Any

from .errors import Errors, NewsgraphError
from .graph.model import GraphData

#: The tables of :meth:`KnowledgeGraph.to_pandas`.
TABLES = ("actors", "events", "roles", "agreements", "mentions")


def _pandas(what: str) -> None:
    try:
        import pandas  # noqa: F401
    except ImportError:
        raise NewsgraphError(Errors.E033, what=what) from None


class KnowledgeGraph(GraphData):
    """The result of a build (see :class:`newsgraph.graph.GraphData`) and its views."""

    def __repr__(self) -> str:
        """One line: what was built, and the inputs that gave nothing (the first, with why)."""
        from .report import summary_line

        return summary_line(self)

    def to_pandas(self) -> dict[str, Any]:
        """Five DataFrames: ``actors``, ``events`` (source and target by name, type, mode,
        date, modality, article, evidence), ``roles``, ``agreements`` and ``mentions``.

        ``article`` is the document id in every table (``doc_id`` in the CSV tables),
        lists (aliases, parties) stay lists, offsets and counts are ``int64``, text is
        ``string`` and a missing value ``<NA>``. A date is the ISO text at its precision
        (``2023``, ``2023-01``, ``2023-01-06``, or a ``start/end`` interval) followed by
        ``<date>_start`` and ``<date>_end``, its first and last day (``datetime64``).
        """
        _pandas("kg.to_pandas()")
        from .frames import tables
        from .graph.rows import COLUMNS, table_rows

        frames = tables(table_rows(self), COLUMNS)
        return {name: frames[name] for name in TABLES}

    def to_rdflib(self):
        """The RDF of the build as an ``rdflib.Dataset``: one named graph per article,
        provenance and the PLOVER scheme in the default graph, newsgraph's prefixes bound
        (``schema:``, ``sem:``, ``ng:``...). SPARQL through rdflib sees every graph
        (``default_union``), as ``newsgraph query`` does."""
        from .export.rdf import PREFIXES, to_rdflib

        ds = to_rdflib(self)
        for prefix, ns in {**PREFIXES, **self.iris.prefixes()}.items():
            ds.bind(prefix, ns, override=True, replace=True)
        return ds

    def query(self, sparql: str, **bindings: Any):
        """The answer to a SPARQL query over the union of the article graphs, each triple
        once (``GRAPH ?g`` reaches each article's graph): a DataFrame for SELECT (NA for
        unbound values), a ``bool`` for ASK, an ``rdflib.Graph`` for CONSTRUCT and
        DESCRIBE. ``name="Mali"`` binds ``?name``, whether the query selects it or not;
        a string matches a name, which is tagged with its language (``"Mali"@fr``)."""
        import pyoxigraph as ox

        from .export.answers import answer, union_store
        from .export.quads import language
        from .export.rdf import PREFIXES

        languages = tuple(sorted({language(rec) for rec in self.documents}))
        result = answer(union_store(self), sparql, languages=languages, **bindings)
        if isinstance(result, ox.QueryBoolean):
            return bool(result)
        if isinstance(result, ox.QueryTriples):
            from .frames import triples_graph

            return triples_graph(result, {**PREFIXES, **self.iris.prefixes()})
        _pandas("A query as a DataFrame")
        from .frames import solutions_frame

        return solutions_frame(result)
