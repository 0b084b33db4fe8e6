"""newsgraph: a knowledge graph of actors, roles, events and agreements from news articles.

The pipeline runs through the sub-packages in order::

    ingest -> nlp -> extract -> resolve -> graph -> export

>>> import newsgraph
>>> newsgraph.__version__ != ""
True
"""
from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from .about import __version__

# What the library reports goes to the "newsgraph" logger; the application decides
# where it is shown (the command line prints warnings and errors on stderr).
logging.getLogger(__name__).addHandler(logging.NullHandler())

if TYPE_CHECKING:  # pragma: no cover
    from .builder import build, build_texts, pipe
    from .export import write
    from .api import KnowledgeGraph

__all__ = ["__version__", "build", "build_texts", "pipe", "write", "KnowledgeGraph"]


def __getattr__(name: str) -> Any:
    # Heavy imports (spaCy, networkx, rdflib) only when the API is used.
    if name in ("build", "build_texts", "pipe"):
        from . import builder

        return getattr(builder, name)
    if name == "write":
        from .export import write

        return write
    if name == "KnowledgeGraph":
        from .api import KnowledgeGraph

        return KnowledgeGraph
    raise AttributeError(f"module 'newsgraph' has no attribute {name!r}")
