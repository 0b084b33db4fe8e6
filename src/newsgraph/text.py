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


_URL_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):")


def safe_url(url: object) -> str:
    """``url`` if a browser would follow it to an http(s) address or a relative one; else
    ``""`` (``javascript:``, ``data:``, ``vbscript:`` and every other scheme). Spaces and
    controls around it and tabs and line breaks inside, which browsers drop, are dropped
    first, so that ``" java\\tscript:..."`` is seen as the scheme it is.

    >>> safe_url("https://ex.org/a?b=1"), safe_url("/relative"), safe_url("HTTP://ex.org")
    ('https://ex.org/a?b=1', '/relative', 'HTTP://ex.org')
    >>> safe_url("javascript:alert(1)"), safe_url(" java\\tscript:x"), safe_url("data:text/html,x"), safe_url(None)
    ('', '', '', '')
    """
    if not isinstance(url, str):
        return ""
    url = re.sub(r"[\t\n\r]", "", url.strip("".join(map(chr, range(33)))))
    scheme = _URL_SCHEME.match(url)
    return url if not scheme or scheme.group(1).lower() in ("http", "https") else ""


def slug(text: str) -> str:
    """An IRI-safe, stable slug of a name.

    >>> slug("Sergueï Lavrov")
    'serguei-lavrov'
    >>> slug("Côte d'Ivoire <x>")
    'cote-d-ivoire-x'
    """
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-") or "x"

