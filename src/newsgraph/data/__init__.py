"""Gazetteers and lexicons shipped with newsgraph, each file naming its source.

Rules read them through one typed object, :class:`~newsgraph.data.lexicons.Lexicons`
(the package's own: :func:`default_lexicons`); this module only reads files.

>>> default_lexicons().countries["ML"].name_fr
'Mali'
>>> default_lexicons().organizations["ecowas"].name_fr
"Communauté économique des États de l'Afrique de l'Ouest"
"""
from __future__ import annotations

from importlib import resources

from .lexicons import (
    BodyEntry,
    Country,
    Lexicons,
    Organization,
    RoleEntry,
    Trigger,
    _lines,
    _rows,
    default_lexicons,
    strip_accents,
)
from .model import EventModel, LinearModel

__all__ = ["Lexicons", "default_lexicons", "Country", "Organization", "Trigger", "RoleEntry", "BodyEntry",
           "EventModel", "LinearModel",
           "strip_accents", "read_text", "read_lines", "read_tsv"]


def _path(name: str):
    return resources.files("newsgraph.data").joinpath(name)


def read_text(name: str) -> str:
    """The text of a data file of this package."""
    return _path(name).read_text(encoding="utf-8")


def read_lines(name: str) -> list[str]:
    """Non-empty lines of a data file, ``#`` comments dropped."""
    return _lines(read_text(name))


def read_tsv(name: str) -> list[dict[str, str]]:
    """Rows of a TSV data file with a header line, ``#`` comments dropped."""
    return _rows(read_text(name))
