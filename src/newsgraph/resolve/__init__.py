"""Resolve: one actor per real-world entity, within a document and across documents."""
from .identity import assign_iris
from .within import Actor, cluster

__all__ = ["Actor", "cluster", "assign_iris"]
