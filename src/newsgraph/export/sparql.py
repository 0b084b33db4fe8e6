"""SPARQL over a build folder, with pyoxigraph: load ``graph.nq``, run a query, print rows."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pyoxigraph as ox

from ..errors import Errors, NewsgraphError
from ..types import PathLike


def load_store(folder: PathLike) -> ox.Store:
    """An in-memory store of a build's ``graph.nq`` (named graphs kept)."""
    path = Path(folder) / "graph.nq"
    if not path.exists():
        raise NewsgraphError(Errors.E012, path=path)
    store = ox.Store()
    store.bulk_load(path=str(path), format=ox.RdfFormat.N_QUADS)
    return store


def _value(term) -> str:
    if term is None:
        return ""
    return term.value if hasattr(term, "value") else str(term)


def select(store: ox.Store, query: str, **bindings: str) -> tuple[list[str], list[list[str]]]:
    """Column names and rows of a SELECT query (default graph as the union of all)."""
    for k, v in bindings.items():  # bound with VALUES, the literal escaped by pyoxigraph
        query = query.replace("WHERE {", f"WHERE {{ VALUES ?{k} {{ {ox.Literal(v)} }}", 1)
    try:
        result = store.query(query, use_default_graph_as_union=True)
    except (SyntaxError, ValueError, OSError) as e:
        raise NewsgraphError(Errors.E013, detail=e) from e
    if not isinstance(result, ox.QuerySolutions):
        raise NewsgraphError(Errors.E013, detail="only SELECT queries print as tables")
    names = [v.value for v in result.variables]
    rows = [[_value(sol[n]) for n in names] for sol in result]
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
