"""Gazetteers and lexicons shipped with newsgraph, each file naming its source.

Rules read them through one typed object, :class:`~newsgraph.data.lexicons.Lexicons`
(the package's own: :func:`default_lexicons`); this module only reads files.

>>> default_lexicons().countries["ML"].name_fr
'Mali'
>>> default_lexicons().organizations["ecowas"].name_fr
"Communauté économique des États de l'Afrique de l'Ouest"
"""
from __future__ import annotations

import csv
from importlib import resources

from .lexicons import (
    BodyEntry,
    Country,
    Lexicons,
    Organization,
    RoleEntry,
    Trigger,
    default_lexicons,
    strip_accents,
)

__all__ = ["Lexicons", "default_lexicons", "Country", "Organization", "Trigger", "RoleEntry", "BodyEntry",
           "strip_accents", "read_text", "read_lines", "read_tsv"]


def _path(name: str):
    return resources.files("newsgraph.data").joinpath(name)


def read_text(name: str) -> str:
    """The text of a data file of this package."""
    return _path(name).read_text(encoding="utf-8")


def read_lines(name: str) -> list[str]:
    """Non-empty lines of a data file, ``#`` comments dropped."""
    return [line.strip() for line in read_text(name).splitlines()
            if line.strip() and not line.lstrip().startswith("#")]


def read_tsv(name: str) -> list[dict[str, str]]:
    """Rows of a TSV data file with a header line, ``#`` comments dropped."""
    lines = [line for line in read_text(name).splitlines()
             if line.strip() and not line.startswith("#")]
    return [{k: (v or "").strip() for k, v in row.items() if k is not None}
            for row in csv.DictReader(lines, delimiter="\t")]
