"""SHACL validation of a build folder with the shapes shipped in ``newsgraph.vocab``."""
from __future__ import annotations

from pathlib import Path

from ..errors import Errors, NewsgraphError
from ..types import PathLike
from ..vocab import vocab_path


def validate_graph(data_graph) -> tuple[bool, str]:
    """``(conforms, report text)`` of an rdflib graph against newsgraph's shapes."""
    import pyshacl
    from rdflib import Graph

    shapes = Graph().parse(data=vocab_path("shapes.ttl").read_text(encoding="utf-8"), format="turtle")
    conforms, _, text = pyshacl.validate(data_graph, shacl_graph=shapes, inference="none",
                                         advanced=False, allow_warnings=True)
    return bool(conforms), text


def validate_folder(folder: PathLike) -> tuple[bool, str]:
    """Validate a build's ``graph.ttl`` (all named graphs merged)."""
    from rdflib import Graph

    path = Path(folder) / "graph.ttl"
    if not path.exists():
        raise NewsgraphError(Errors.E012, path=path)
    return validate_graph(Graph().parse(path, format="turtle"))
