"""The records a build produces and the :class:`KnowledgeGraph` that holds them."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from ..resolve.document import DocumentRecord
from ..vocab.iris import Iris

__all__ = ["DocumentRecord", "ManifestEntry", "KnowledgeGraph"]


@dataclass
class ManifestEntry:
    """What became of one input: ``done``, ``skipped`` or ``failed``, and why."""

    id: str
    path: str
    status: str
    reason: str = ""
    counts: dict[str, int] = field(default_factory=dict)


@dataclass
class KnowledgeGraph:
    """The result of a build: per-document records, the manifest, the networkx graph and
    the :class:`~newsgraph.vocab.iris.Iris` its IRIs come from.

    >>> kg = KnowledgeGraph(documents=[], manifest=[], graph=nx.MultiDiGraph(), info={})
    >>> kg.summary()["documents"]
    0
    """

    documents: list[DocumentRecord]
    manifest: list[ManifestEntry]
    graph: nx.MultiDiGraph
    info: dict[str, Any]
    iris: Iris = field(default_factory=Iris)
    cache: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    def summary(self) -> dict[str, Any]:
        """Counts of documents, actors, events, roles and agreements, and the inputs' fate."""
        status: dict[str, int] = {}
        for m in self.manifest:
            status[m.status] = status.get(m.status, 0) + 1
        return {
            "documents": len(self.documents),
            "actors": sum(len(d.actors) for d in self.documents),
            "distinct_actors": len({a.iri for d in self.documents for a in d.actors}),
            "roles": sum(len(d.roles) for d in self.documents),
            "events": sum(len(d.events) for d in self.documents),
            "agreements": sum(len(d.agreements) for d in self.documents),
            "inputs": status,
        }
