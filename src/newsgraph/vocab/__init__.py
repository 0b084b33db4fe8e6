"""Vocabulary: RDF namespaces as code, the PLOVER concept scheme, SHACL shapes and the
JSON-LD context (files shipped beside this module)."""
from importlib import resources

from .namespaces import ITSRDF, NG, NIF, PLOVER, SEM

__all__ = ["ITSRDF", "NG", "NIF", "PLOVER", "SEM", "vocab_path"]


def vocab_path(name: str):
    """A file shipped with the vocabulary (``shapes.ttl``, ``context.jsonld``)."""
    return resources.files("newsgraph.vocab").joinpath(name)
