"""Graph: the networkx MultiDiGraph and the GraphData of a build's records."""
from .model import GraphData
from .network import to_networkx

__all__ = ["GraphData", "to_networkx"]
