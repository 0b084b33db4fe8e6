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


#: Function words skipped when an acronym is read off a name ("Front populaire pour la
#: démocratie" -> FPD): articles, prepositions and conjunctions, as words and as elided
#: tokens.
ACRONYM_SKIP = frozenset({"de", "du", "des", "d", "d'", "d’", "la", "le", "les", "l", "l'", "l’", "pour", "et",
                          "en", "à", "au", "aux", "sur"})
