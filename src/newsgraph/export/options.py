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
    and agreements point to (``documents.jsonl`` and the tables keep them all).

    >>> WriteOptions().mentions
    True
    """

    mentions: bool = True

    @classmethod
    def of(cls, kg: GraphData) -> WriteOptions:
        """The options the build of ``kg`` was asked for (``build(mentions=...)``)."""
        return cls(mentions=kg.info.mentions)
