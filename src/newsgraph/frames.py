"""DataFrames for notebooks: the five tables and SPARQL answers with pandas' own types.

A missing value is ``<NA>`` (never ``''``); text columns are ``string``, offsets and
counts ``int64``, flags ``boolean``, lists stay lists. A date keeps its ISO text at its
precision (``2023``, ``2023-01``, ``2023-01-06``, an interval ``2023-01-06/2023-01-07``)
and gets two parsed companions, ``<column>_start`` and ``<column>_end``
(``datetime64``): the first and the last day the text allows, so that dates of any
precision sort, filter and plot together. Names are on one line (no trailing line break).
pandas is imported when a function runs (the ``pandas`` extra).
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import Any, cast

#: The date columns of each table (each gets ``_start`` and ``_end`` companions).
DATES = {"events": ("date",), "agreements": ("signed", "status_date"), "roles": (), "actors": (), "mentions": ()}
#: Columns holding names, put on one line.
NAMES = ("name", "source", "target", "actor", "of", "title", "place", "trigger", "text")
BOOLEANS = ("of_inferred",)
_DAY = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_WEEK = re.compile(r"(\d{4})-W(\d{2})")


def _bounds(value: str) -> tuple[dt.date, dt.date] | None:
    """The first and last day of one ISO date at its precision (a year, a month, a day,
    an ISO week), or None."""
    week = _WEEK.fullmatch(value)
    try:
        if week:
            y, w = int(week.group(1)), int(week.group(2))
            return dt.date.fromisocalendar(y, w, 1), dt.date.fromisocalendar(y, w, 7)
        m = _DAY.fullmatch(value[:10])
        if not m:
            return None
        y, mo, d = int(m.group(1)), m.group(2), m.group(3)
        if d:
            day = dt.date(y, int(mo), int(d))
            return day, day
        if mo:
            return dt.date(y, int(mo), 1), dt.date(y, int(mo), calendar.monthrange(y, int(mo))[1])
        return dt.date(y, 1, 1), dt.date(y, 12, 31)
    except ValueError:
        return None


def period(value: str | None) -> tuple[dt.date | None, dt.date | None]:
    """The first and last day an ISO date or interval allows; ``(None, None)`` for what
    is not a date (``PRESENT_REF``, ``''``).

    >>> period("2023-02")
    (datetime.date(2023, 2, 1), datetime.date(2023, 2, 28))
    >>> period("2023-01-06/2023-01-07"), period("2023-02-06TEV")
    ((datetime.date(2023, 1, 6), datetime.date(2023, 1, 7)), (datetime.date(2023, 2, 6), datetime.date(2023, 2, 6)))
    >>> period("PRESENT_REF"), period(None), period("2023-13")
    ((None, None), (None, None), (None, None))
    """
    if not value:
        return None, None
    parts = value.split("/")
    first, last = _bounds(parts[0]), _bounds(parts[-1])
    if first is None or last is None:
        return None, None
    return first[0], last[1]


def _one_line(value: Any) -> Any:
    return " ".join(value.split()) if isinstance(value, str) else value


def typed(frame, dates: tuple[str, ...] = ()):
    """A table with NA for missing values and pandas types; each date column followed by
    its parsed ``_start`` and ``_end``."""
    import pandas as pd

    out = frame.copy()
    for col in out.columns:
        values = out[col]
        if col in BOOLEANS:
            out[col] = values.astype("boolean")
        elif values.map(lambda v: isinstance(v, list)).any():
            continue
        elif values.dtype == object or str(values.dtype) in ("str", "string"):
            clean = values.map(lambda v: None if v is None or v == "" else (_one_line(v) if col in NAMES else v))
            out[col] = clean.astype("string")
    for col in dates:
        bounds = [period(v if isinstance(v, str) else None) for v in frame[col]]
        at = list(out.columns).index(col) + 1
        for i, (suffix, k) in enumerate((("_start", 0), ("_end", 1))):
            out.insert(at + i, col + suffix, pd.to_datetime(pd.Series([b[k] for b in bounds], dtype=object,
                                                                      index=out.index), errors="coerce"))
    return out


def tables(rows: dict[str, list[dict[str, Any]]], columns: dict[str, list[str]]) -> dict[str, Any]:
    """The DataFrames of the tables' rows (``article`` for ``doc_id``)."""
    import pandas as pd

    out = {}
    for name, table in rows.items():
        frame = pd.DataFrame(table, columns=columns[name]).rename(columns={"doc_id": "article"})
        out[name] = typed(frame, DATES.get(name, ()))
    return out


def solutions_frame(result) -> Any:
    """The rows of SELECT solutions: one column per variable, IRIs and strings as
    ``string``, numbers as ``Int64``/``Float64``, booleans as ``boolean``, unbound as NA."""
    import pandas as pd

    from .export.sparql import python_value

    names = [v.value for v in result.variables]
    frame = pd.DataFrame([[python_value(sol[n]) for n in names] for sol in result], columns=names, dtype=object)
    return frame.convert_dtypes() if len(frame) else frame.astype("string")


def triples_graph(triples, prefixes: dict[str, str]):
    """CONSTRUCT or DESCRIBE triples as an ``rdflib.Graph`` with newsgraph's prefixes."""
    import pyoxigraph as ox
    import rdflib

    g = rdflib.Graph()
    data = ox.serialize(list(triples), format=ox.RdfFormat.N_TRIPLES)  # bytes: no file given
    g.parse(data=cast(bytes, data).decode("utf-8"), format="nt")
    for prefix, ns in prefixes.items():
        g.bind(prefix, ns, override=True, replace=True)
    return g
