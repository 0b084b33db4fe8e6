"""Vocabulary: RDF namespaces as code (SEM, newsgraph's own, PLOVER)."""
from .namespaces import NG, PLOVER, SEM

__all__ = ["NG", "PLOVER", "SEM"]
