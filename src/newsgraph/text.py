"""Text helpers shared by every room (like ``types``): folding for comparisons, slugs."""
from __future__ import annotations

import re
import unicodedata


def fold(text: str) -> str:
    """Lowercase without accents or punctuation, for comparing names and lines.

    >>> fold("Sergueï LAVROV")
    'serguei lavrov'
    >>> fold("S'il vous plaît entrez votre commentaire!")
    's il vous plait entrez votre commentaire'
    """
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = re.sub(r"[^\w\s]", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def slug(text: str) -> str:
    """An IRI-safe, stable slug of a name.

    >>> slug("Sergueï Lavrov")
    'serguei-lavrov'
    >>> slug("Côte d'Ivoire <x>")
    'cote-d-ivoire-x'
    """
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-") or "x"

