"""SPARQL over a build, with pyoxigraph: load ``graph.nq`` (or a graph in memory), run a
query with the default graph as the union of all graphs, print or return the rows.

Every fact of an article is in that article's named graph; the provenance and the PLOVER
scheme are in the default graph. A query without ``GRAPH`` sees them all because it is
run with pyoxigraph's ``use_default_graph_as_union=True``; a SPARQL server does the same
with its own switch (``oxigraph serve --union-default-graph``, Fuseki's
``tdb:unionDefaultGraph``). Parameters such as ``?name`` are bound with pyoxigraph's
``substitutions`` (SPARQL SEP-0007), never by editing the query's text.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

import pyoxigraph as ox

from ..errors import Errors, NewsgraphError

if TYPE_CHECKING:  # `newsgraph query` imports pyoxigraph only
    from ..graph import GraphData

_XSD = "http://www.w3.org/2001/XMLSchema#"
_INTEGERS = {_XSD + t for t in ("integer", "nonNegativeInteger", "positiveInteger", "int", "long", "short")}
_DECIMALS = {_XSD + t for t in ("decimal", "double", "float")}
#: ``--format`` name -> the SPARQL 1.1 results format pyoxigraph writes
RESULT_FORMATS = {"json": ox.QueryResultsFormat.JSON, "csv": ox.QueryResultsFormat.CSV,
                  "tsv": ox.QueryResultsFormat.TSV, "xml": ox.QueryResultsFormat.XML}


def store_of(kg: GraphData) -> ox.Store:
    """An in-memory store of a graph's quads, made once per graph (by ``kg.query()``;
    a build's export does not make it)."""
    if "store" not in kg.views:  # a GraphData never changes: its store is never stale
        from .quads import quad_batches

        store = ox.Store()
        for batch in quad_batches(kg):
            store.bulk_extend(batch)
        kg.views["store"] = store
    return kg.views["store"]


def uses_service(query: str) -> bool:
    """Whether a SPARQL query calls a remote endpoint with SERVICE, as a parser reads it
    (:func:`newsgraph.export.guard.uses_service`).

    >>> uses_service("SELECT * WHERE { SERVICE <http://ex.org/sparql> { ?s ?p ?o } }")
    True
    >>> uses_service('SELECT ?service WHERE { ?service ?p "SERVICE" } # SERVICE')
    False
    """
    from .guard import uses_service as parsed

    return parsed(query)


def solutions(store: ox.Store, query: str, *, allow_service: bool = False, **bindings: Any) -> ox.QuerySolutions:
    """The solutions of a SELECT query over the union of all graphs, with ``?k`` bound to
    each ``k=value`` given (a string becomes a literal, an ``ox`` term stays itself).

    A query that calls SERVICE (a request to another endpoint over the network) is
    refused unless ``allow_service`` (E070), as is one too long or too deeply nested
    (:func:`newsgraph.export.guard.check_query`); every failure of the engine, a failed
    SERVICE call included, is E013. The query runs in this process, without a time limit:
    ``newsgraph query`` and ``newsgraph serve`` run theirs in worker processes
    (:mod:`newsgraph.export.workers`).

    >>> s = ox.Store(); s.add(ox.Quad(ox.NamedNode("http://ex.org/a"), ox.NamedNode("http://ex.org/p"),
    ...                             ox.Literal("Mali"), ox.NamedNode("http://ex.org/g")))
    >>> [r["s"].value for r in solutions(s, "SELECT ?s ?name WHERE{?s ?p ?name}", name="Mali")]
    ['http://ex.org/a']
    """
    from .guard import check_query

    check_query(query, allow_service=allow_service)
    subs: dict[ox.Variable, ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple] = {
        ox.Variable(k): v if isinstance(v, (ox.NamedNode, ox.Literal, ox.BlankNode)) else ox.Literal(str(v))
        for k, v in bindings.items()}
    try:
        result = store.query(query, use_default_graph_as_union=True, substitutions=subs or None)
    except (SyntaxError, ValueError, OSError) as e:
        raise NewsgraphError(Errors.E013, detail=e) from e
    except RuntimeError as e:  # a bound variable must be selected (SEP-0007)
        raise NewsgraphError(Errors.E013, detail=f"{e}; select the variables you bind "
                                                 f"({', '.join('?' + k for k in bindings)})") from e
    if not isinstance(result, ox.QuerySolutions):
        raise NewsgraphError(Errors.E013, detail="only SELECT queries give rows")
    return result


def _value(term) -> str:
    if term is None:
        return ""
    return term.value if hasattr(term, "value") else str(term)


def python_value(term) -> Any:
    """A term as a Python value: an IRI or a string as ``str``, numbers as ``int`` or
    ``float``, booleans as ``bool``, an unbound variable as ``None``.

    >>> python_value(ox.Literal("12", datatype=ox.NamedNode(_XSD + "nonNegativeInteger")))
    12
    """
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        dt = term.datatype.value
        if dt in _INTEGERS:
            return int(term.value)
        if dt in _DECIMALS:
            return float(term.value)
        if dt == _XSD + "boolean":
            return term.value in ("true", "1")
    return _value(term)


def rows(result: ox.QuerySolutions) -> tuple[list[str], list[list[str]]]:
    """Column names and rows (as text) of solutions."""
    names = [v.value for v in result.variables]
    try:
        return names, [[_value(sol[n]) for n in names] for sol in result]  # evaluated here, SERVICE calls too
    except Exception as e:  # noqa: BLE001 - any failure of the query engine is the query's
        raise NewsgraphError(Errors.E013, detail=f"{type(e).__name__}: {e}") from e


def select(store: ox.Store, query: str, *, allow_service: bool = False,
           **bindings: Any) -> tuple[list[str], list[list[str]]]:
    """Column names and rows (as text) of a SELECT query (see :func:`solutions`)."""
    return rows(solutions(store, query, allow_service=allow_service, **bindings))


def serialize(result: ox.QuerySolutions, fmt: str) -> str:
    """Solutions in a SPARQL 1.1 results format: ``json``, ``csv``, ``tsv`` or ``xml``."""
    return cast(bytes, result.serialize(format=RESULT_FORMATS[fmt])).decode("utf-8")


def frame(store: ox.Store, query: str, **bindings: Any):
    """The rows of a SELECT query as a pandas DataFrame, one column per variable, values
    as :func:`python_value` gives them."""
    try:
        import pandas as pd
    except ImportError:
        raise NewsgraphError(Errors.E033, what="A query as a DataFrame") from None
    result = solutions(store, query, **bindings)
    names = [v.value for v in result.variables]
    return pd.DataFrame([[python_value(sol[n]) for n in names] for sol in result], columns=names)


def format_rows(names: list[str], rows: list[list[str]], fmt: str = "table") -> str:
    """Rows as an aligned text table.

    >>> print(format_rows(["a", "b"], [["1", "deux"]]))
    a  b
    -  ----
    1  deux
    """
    widths = [min(max([len(n)] + [len(r[i]) for r in rows]), 60) for i, n in enumerate(names)]
    line = "  ".join(n.ljust(w) for n, w in zip(names, widths)).rstrip()
    body = ["  ".join((c if len(c) <= w else c[: w - 1] + "…").ljust(w) for c, w in zip(r, widths)).rstrip()
            for r in rows]
    return "\n".join([line, "  ".join("-" * w for w in widths), *body])


def actors_named(store: ox.Store, name: str, index: dict[str, list[str]] | None = None) -> list[str]:
    """The IRIs of whatever is named ``name`` (``schema:name`` or ``schema:alternateName``,
    any case): from a build's name index where given, else by asking the store.

    >>> s = ox.Store(); s.add(ox.Quad(ox.NamedNode("http://ex.org/ml"), ox.NamedNode("https://schema.org/name"),
    ...                             ox.Literal("Mali"), ox.NamedNode("http://ex.org/g")))
    >>> actors_named(s, "MALI"), actors_named(s, "MALI", {"mali": ["http://ex.org/x"]})
    (['http://ex.org/ml'], ['http://ex.org/x'])
    """
    from ..vocab.queries import ACTORS_NAMED
    from .store import name_key

    if index is not None:
        return list(index.get(name_key(name), []))
    return [sol["actor"].value for sol in solutions(store, ACTORS_NAMED, name=" ".join(name.split()))]


def named_question(store: ox.Store, key: str, name: str,
                   index: dict[str, list[str]] | None = None) -> ox.QuerySolutions:
    """The answers to a named question (``who_met``, ``visitors_of``, ``timeline``) about
    the actor named ``name``: the name is resolved to IRIs first, then the question is
    asked about them."""
    from ..vocab.queries import NAMED, about

    return solutions(store, about(NAMED[key], actors_named(store, name, index)), name=name)
