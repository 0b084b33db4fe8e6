"""newsgraph: a knowledge graph of actors, roles, events and agreements from news articles.

The pipeline runs through the sub-packages in order::

    ingest -> nlp -> extract -> resolve -> graph -> export

>>> import newsgraph
>>> newsgraph.__version__ != ""
True
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .about import __version__

if TYPE_CHECKING:  # pragma: no cover
    from .builder import build
    from .export import write
    from .graph.model import KnowledgeGraph

__all__ = ["__version__", "build", "write", "KnowledgeGraph"]


def __getattr__(name: str) -> Any:
    # Heavy imports (spaCy, networkx, rdflib) only when the API is used.
    if name == "build":
        from .builder import build

        return build
    if name == "write":
        from .export import write

        return write
    if name == "KnowledgeGraph":
        from .graph.model import KnowledgeGraph

        return KnowledgeGraph
    raise AttributeError(f"module 'newsgraph' has no attribute {name!r}")
