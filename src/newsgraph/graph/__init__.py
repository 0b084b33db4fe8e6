"""Graph: per-document records, the networkx MultiDiGraph and the KnowledgeGraph."""
from .model import DocumentRecord, KnowledgeGraph, ManifestEntry
from .network import event_node, to_networkx

__all__ = ["DocumentRecord", "KnowledgeGraph", "ManifestEntry", "to_networkx", "event_node"]
