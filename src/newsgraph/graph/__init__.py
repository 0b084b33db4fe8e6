"""Graph: the networkx MultiDiGraph and the KnowledgeGraph of a build's records."""
from .model import KnowledgeGraph
from .network import to_networkx

__all__ = ["KnowledgeGraph", "to_networkx"]
