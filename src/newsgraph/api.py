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


class KnowledgeGraph(GraphData):
    """The result of a build (see :class:`newsgraph.graph.GraphData`) and its views."""

    def to_pandas(self) -> dict[str, Any]:
        """Five DataFrames: ``actors``, ``events`` (source and target by name, type, mode,
        date, modality, article, evidence), ``roles``, ``agreements`` and ``mentions``.

        ``article`` is the document id in every table (``doc_id`` in the CSV tables),
        lists (aliases, parties) stay lists, offsets and counts are integers, and a
        date is the ISO text at its precision (``2023``, ``2023-01``, ``2023-01-06``, or
        a ``start/end`` interval).
        """
        try:
            import pandas as pd
        except ImportError:
            raise NewsgraphError(Errors.E033, what="kg.to_pandas()") from None
        from .graph.rows import COLUMNS, table_rows

        rows = table_rows(self)
        return {name: pd.DataFrame(rows[name], columns=COLUMNS[name]).rename(columns={"doc_id": "article"})
                for name in TABLES}

    def to_rdflib(self):
        """The RDF of the build as an ``rdflib.Dataset``: one named graph per article,
        provenance and the PLOVER scheme in the default graph. SPARQL through rdflib sees
        every graph (``default_union``), as ``newsgraph query`` does."""
        from .export.rdf import to_rdflib

        return to_rdflib(self)

    def query(self, sparql: str, **bindings: Any):
        """The answers to a SELECT query as a pandas DataFrame; ``name="Mali"`` binds
        ``?name`` (pyoxigraph substitutions). The default graph is the union of all."""
        from .export.sparql import frame, store_of

        return frame(store_of(self), sparql, **bindings)
