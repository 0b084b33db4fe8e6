"""CSV tables for pandas and spreadsheets: actors, events, roles, agreements, mentions
(the rows of :mod:`newsgraph.graph.rows`, list values joined by `` | ``)."""
from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import BinaryIO, cast

from ..graph import GraphData
from ..graph.rows import COLUMNS, table_rows
from ..types import PathLike
from .options import WriteOptions
from .output import open_output

__all__ = ["COLUMNS", "table_rows", "write_tables"]


def _cell(value):
    return " | ".join(value) if isinstance(value, list) else value


def write_tables(kg: GraphData, path: PathLike, options: WriteOptions | None = None) -> Path:
    """Write ``path/{actors,events,roles,agreements,mentions}.csv``; returns the folder.
    With ``options.csv_bom`` (``--csv-bom``, ``write(..., csv_bom=True)``) each file
    begins with a byte order mark, which Excel needs to read UTF-8."""
    encoding = "utf-8-sig" if options is not None and options.csv_bom else "utf-8"
    folder = Path(path)
    folder.mkdir(parents=True, exist_ok=True)
    for table, rows in table_rows(kg).items():
        with io.TextIOWrapper(cast(BinaryIO, open_output(folder / f"{table}.csv")), encoding=encoding, newline="") as f:
            w = csv.DictWriter(f, fieldnames=COLUMNS[table])
            w.writeheader()
            w.writerows({k: _cell(v) for k, v in row.items()} for row in rows)
    return folder
