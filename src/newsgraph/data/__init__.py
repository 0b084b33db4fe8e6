"""Gazetteers and lexicons shipped with newsgraph, each file naming its source.

Rules read them through one typed object, :class:`~newsgraph.data.lexicons.Lexicons`
(the package's own: :func:`default_lexicons`).

>>> default_lexicons().countries["ML"].name_fr
'Mali'
>>> default_lexicons().organizations["ecowas"].name_fr
"Communauté économique des États de l'Afrique de l'Ouest"
"""
from __future__ import annotations

from .lexicons import (
    BodyEntry,
    Country,
    Furniture,
    Lexicons,
    Organization,
    RoleEntry,
    Trigger,
    default_lexicons,
    strip_accents,
)
from .model import EventModel, LinearModel

__all__ = ["Lexicons", "default_lexicons", "Country", "Organization", "Trigger", "RoleEntry", "BodyEntry",
           "Furniture", "EventModel", "LinearModel", "strip_accents"]
