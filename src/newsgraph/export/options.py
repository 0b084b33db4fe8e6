"""What a writer is asked for besides the graph (:class:`WriteOptions`)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..graph import GraphData


@dataclass(frozen=True)
class WriteOptions:
    """How the writers write a graph: ``mentions=False`` leaves every actor mention (a
    NIF span, most of the RDF's quads) out of the RDF and keeps the spans events, roles
    and agreements point to (``documents.jsonl`` and the tables keep them all);
    ``csv_bom=True`` begins the CSV tables with a byte order mark, which Excel needs to
    read UTF-8 (``--csv-bom``).

    >>> WriteOptions().mentions, WriteOptions().csv_bom
    (True, False)
    """

    mentions: bool = True
    csv_bom: bool = False

    @classmethod
    def of(cls, kg: GraphData) -> WriteOptions:
        """The options the build of ``kg`` was asked for (``build(mentions=...)``) and
        those it was written with."""
        return cls(mentions=kg.info.mentions, csv_bom=kg.info.csv_bom)
