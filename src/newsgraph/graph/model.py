"""The data of a build's knowledge graph (:class:`GraphData`): what every writer reads.

``newsgraph.KnowledgeGraph`` (:mod:`newsgraph.api`, outside the rooms) is this data with
the views notebook users ask for (DataFrames, rdflib, SPARQL), which need ``export``."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from ..records import BuildInfo, DocumentRecord, Links, ManifestEntry
from ..types import ActorId
from ..vocab.iris import Iris


@dataclass(frozen=True)
class GraphData:
    """The data of a build: per-document records, the manifest, the networkx graph,
    the :class:`~newsgraph.vocab.iris.Iris` its IRIs come from, the :class:`Links` that
    give its actors and events their IRIs across the corpus, and its provenance
    (:class:`BuildInfo`).

    It never changes once made (records and links are frozen, the lists are tuples), so
    what is computed from it (the SPARQL store of ``kg.query()``) is never stale; a
    changed graph is a new one (``dataclasses.replace``), with nothing computed yet.

    >>> kg = GraphData(documents=[], manifest=[], graph=nx.MultiDiGraph(),
    ...                info=BuildInfo(version="0", base_iri="https://ex.org/", model="m"))
    >>> kg.summary()["documents"], kg.documents
    (0, ())
    """

    documents: tuple[DocumentRecord, ...]
    manifest: tuple[ManifestEntry, ...]
    graph: nx.MultiDiGraph
    info: BuildInfo
    iris: Iris = field(default_factory=Iris)
    links: Links = field(default_factory=Links)
    #: document id -> the cache key of its record (its article and the pipeline's version),
    #: when the build kept a cache: what lets a build folder be written again in part
    #: (:mod:`newsgraph.export.parts`)
    keys: Mapping[str, str] = field(default_factory=dict)
    #: what is computed from the graph once, when first asked for (not copied by ``replace``)
    views: dict[str, Any] = field(init=False, default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "documents", tuple(self.documents))
        object.__setattr__(self, "manifest", tuple(self.manifest))

    def actor_iris(self, rec: DocumentRecord) -> Mapping[ActorId, str]:
        """Actor id -> IRI for the actors of one document."""
        return self.links.actor_iris(rec.id)

    def event_iri(self, rec: DocumentRecord, n: int) -> str:
        """The IRI of a document's ``n``-th event (0-based): its corpus IRI, else its own."""
        return self.links.event(rec.id, n) or self.iris.local_event(rec.id, n + 1)

    def summary(self) -> dict[str, Any]:
        """Counts of documents, actors, events, roles and agreements, and the inputs' fate."""
        status: dict[str, int] = {}
        for m in self.manifest:
            status[m.status] = status.get(m.status, 0) + 1
        return {
            "documents": len(self.documents),
            "actors": sum(len(d.actors) for d in self.documents),
            "distinct_actors": len({self.actor_iris(d).get(a.id) for d in self.documents for a in d.actors}),
            "roles": sum(len(d.roles) for d in self.documents),
            "events": sum(len(d.events) for d in self.documents),
            "agreements": sum(len(d.agreements) for d in self.documents),
            "inputs": status,
        }
