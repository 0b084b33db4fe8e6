"""SPARQL over a build folder, with pyoxigraph: load ``graph.nq``, run a query, print rows."""
from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pyoxigraph as ox

from ..errors import Errors, NewsgraphError
from ..types import PathLike
from .output import settle


def load_store(folder: PathLike) -> ox.Store:
    """An in-memory store of a build's ``graph.nq`` (named graphs kept), once a commit
    left half done is finished (:func:`newsgraph.export.output.settle`)."""
    settle(folder)
    path = Path(folder) / "graph.nq"
    if not path.exists():
        raise NewsgraphError(Errors.E012, path=path)
    store = ox.Store()
    try:
        store.bulk_load(path=str(path), format=ox.RdfFormat.N_QUADS)
    except (SyntaxError, ValueError, OSError) as e:
        raise NewsgraphError(Errors.E030, path=path, format="N-Quads", detail=e) from e
    return store


#: What SERVICE cannot hide in: strings, IRIs and comments of a SPARQL query.
_OPAQUE = re.compile("|".join([
    r"'''[\s\S]*?'''", r'"""[\s\S]*?"""',              # long strings
    r"'(?:[^'\\\n]|\\.)*'", r'"(?:[^"\\\n]|\\.)*"',     # strings
    r'<[^<>"{}|^`\\\s]*>',                            # IRIs
    r"#[^\n]*",                                       # comments
]))
_SERVICE = re.compile(r"(?<![\w?$:])SERVICE(?![\w:])", re.IGNORECASE)
#: SPARQL reads \uXXXX and \UXXXXXXXX anywhere in a query, before parsing it.
_CODEPOINT = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


def uses_service(query: str) -> bool:
    """Whether a SPARQL query calls a remote endpoint with SERVICE.

    >>> uses_service("SELECT * WHERE { SERVICE <http://ex.org/sparql> { ?s ?p ?o } }")
    True
    >>> uses_service('SELECT ?service WHERE { ?service ?p "SERVICE" } # SERVICE')
    False
    >>> uses_service("SELECT * WHERE { \\\\u0053ERVICE <http://ex.org/sparql> { ?s ?p ?o } }")
    True
    """
    query = _CODEPOINT.sub(lambda m: chr(min(int(m.group(1) or m.group(2), 16), 0x10FFFF)), query)
    return bool(_SERVICE.search(_OPAQUE.sub(" ", query)))


def _value(term) -> str:
    if term is None:
        return ""
    return term.value if hasattr(term, "value") else str(term)


def select(store: ox.Store, query: str, *, allow_service: bool = False,
           **bindings: str) -> tuple[list[str], list[list[str]]]:
    """Column names and rows of a SELECT query (default graph as the union of all).

    A query that calls SERVICE (a request to another endpoint over the network) is
    refused unless ``allow_service``; every failure, a failed SERVICE call included, is
    E013.
    """
    if not allow_service and uses_service(query):
        raise NewsgraphError(Errors.E013, detail="it calls SERVICE, which would send a request over the network, "
                             "and newsgraph answers from the build folder only. Pass --allow-service to allow it")
    for k, v in bindings.items():  # bound with VALUES, the literal escaped by pyoxigraph
        query = query.replace("WHERE {", f"WHERE {{ VALUES ?{k} {{ {ox.Literal(v)} }}", 1)
    try:
        result = store.query(query, use_default_graph_as_union=True)
        if not isinstance(result, ox.QuerySolutions):
            raise NewsgraphError(Errors.E013, detail="only SELECT queries print as tables")
        names = [v.value for v in result.variables]
        rows = [[_value(sol[n]) for n in names] for sol in result]  # evaluated here, SERVICE calls too
    except NewsgraphError:
        raise
    except Exception as e:  # noqa: BLE001 - any failure of the query engine is the query's
        raise NewsgraphError(Errors.E013, detail=f"{type(e).__name__}: {e}") from e
    return names, rows


def format_rows(names: list[str], rows: list[list[str]], fmt: str = "table") -> str:
    """Rows as an aligned text table, CSV or JSON.

    >>> print(format_rows(["a", "b"], [["1", "deux"]], "csv").strip())
    a,b
    1,deux
    """
    if fmt == "json":
        return json.dumps([dict(zip(names, r)) for r in rows], ensure_ascii=False, indent=2)
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(names)
        w.writerows(rows)
        return buf.getvalue()
    widths = [min(max([len(n)] + [len(r[i]) for r in rows]), 60) for i, n in enumerate(names)]
    line = "  ".join(n.ljust(w) for n, w in zip(names, widths))
    body = ["  ".join((c if len(c) <= w else c[: w - 1] + "…").ljust(w) for c, w in zip(r, widths)) for r in rows]
    return "\n".join([line, "  ".join("-" * w for w in widths), *body])
