"""Graph: per-document records, the networkx MultiDiGraph and the KnowledgeGraph."""
from .model import DocumentRecord, KnowledgeGraph, ManifestEntry
from .network import article_iri, event_iri, to_networkx

__all__ = ["DocumentRecord", "KnowledgeGraph", "ManifestEntry", "to_networkx", "article_iri", "event_iri"]
