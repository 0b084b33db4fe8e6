"""Page furniture: lines of a scraped page that are not the article.

Rules are general: the navigation and form phrases, link markers, month and weekday
names and sentence-starting words of ``data/furniture.txt`` (read through
:class:`~newsgraph.data.Lexicons`: ``furniture``), and the shapes of lines that never
carry news (scrape timestamps, section labels in capitals, bylines and datelines split
by slashes).
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..data import Furniture, default_lexicons
from ..text import fold
from ..types import CharSpan


def _furniture() -> Furniture:
    return default_lexicons().furniture


@lru_cache(maxsize=1)
def _timestamp() -> re.Pattern[str]:
    """A scrape timestamp line: a weekday, a date with its month's name (or in digits),
    a time."""
    words = _furniture()
    months, days = "|".join(map(re.escape, words.months)), "|".join(map(re.escape, words.weekdays))
    return re.compile(
        rf"^\W*(?:(?:{days})\W+)?(?:\d{{1,2}}(?:er)?\W+(?:{months})\W+\d{{4}}|\d{{1,4}}[/.-]\d{{1,2}}[/.-]\d{{1,4}})"
        rf"(?:\W+(?:à\s+)?\d{{1,2}}\s*[:h]\s*\d{{2}}(?:\s*[:]\d{{2}})?)?\W*$",
        re.IGNORECASE,
    )


_DATELINE = re.compile(r"^\s*(?:publi[ée]|mis à jour|updated|published)\b.{0,60}\d{4}", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?»\"]\s*$")


def normalise(line: str) -> str:
    """Lowercase, strip accents and punctuation (:func:`newsgraph.text.fold`).

    >>> normalise("Plus d'articles")
    'plus d articles'
    """
    return fold(line)


_LINK = re.compile(r"^\s*(?P<marker>[^:]{2,60}?)\s*:\s*")


def link_prefix(line: str) -> int | None:
    """How many characters of a line are a link to another article ("Lire aussi :
    <headline>") run into the paragraph that follows; None when the line has none.

    >>> line = "Lire aussi : Togo : le sida recule Cette idée fausse a la vie dure."
    >>> line[link_prefix(line):]
    'Cette idée fausse a la vie dure.'
    >>> link_prefix("Le Mali proteste : la France répond.") is None
    True
    """
    m = _LINK.match(line)
    if not m:
        return None
    marker = normalise(m.group("marker"))
    if not any(marker == k or marker.startswith(k + " sur ") for k in _furniture().links):
        return None
    rest = m.end()
    words = list(re.finditer(r"\S+", line[rest:]))
    for i in range(2, min(len(words), 25)):
        prev, word = words[i - 1].group(), words[i].group()
        first = normalise(word).split()[:1]
        starts = first and first[0] in _furniture().starters and prev[-1:] not in ".:,;"
        if word[:1].isupper() and (starts or prev[-1:] in "?!"):
            return rest + words[i].start()
    return len(line) if len(words) <= 15 else rest


def link_site(line: str) -> str | None:
    """The site a link line names as its own ("À lire aussi sur BBC Afrique : ...").

    >>> link_site("À lire aussi sur Radio Sahel : le Tchad vote"), link_site("Lire aussi : le Tchad vote")
    ('Radio Sahel', None)
    """
    m = _LINK.match(line)
    if not m or link_prefix(line) is None:
        return None
    site = re.search(r"\bsur\s+(.+)$", m.group("marker"))
    return site.group(1).strip() if site else None


def furniture_reason(line: str) -> str | None:
    """Why a line is page furniture, or None when it may be article text.

    >>> furniture_reason("Les plus lus")
    'navigation or form phrase'
    >>> furniture_reason("mardi, 30 avril 2024 05:59")
    'timestamp'
    >>> furniture_reason("Atlanticactu/ Bamako/ Karim Koulibaly")
    'byline or dateline'
    >>> furniture_reason("MALI")
    'section label'
    >>> furniture_reason("Le Mali et la Russie renforcent leur coopération.") is None
    True
    """
    stripped = line.strip()
    if not stripped:
        return "blank"
    norm = normalise(stripped)
    lex = _furniture()
    if norm in lex.exact or any(norm.startswith(p) for p in lex.prefixes if p):
        return "navigation or form phrase"
    if _timestamp().match(stripped):
        return "timestamp"
    if _DATELINE.match(stripped) and len(stripped.split()) <= 12:
        return "dateline"
    words = stripped.split()
    if not _SENTENCE_END.search(stripped):
        parts = [p for p in re.split(r"\s*[/|]\s*", stripped) if p]
        if stripped.count("/") + stripped.count("|") >= 2 and all(len(p.split()) <= 4 for p in parts):
            return "byline or dateline"
        if len(words) <= 5 and re.match(r"^(?:[Pp]ar|[Bb]y)\s+[A-ZÉ]", stripped):
            return "byline or dateline"
        letters = [c for c in stripped if c.isalpha()]
        if len(words) <= 3 and letters and all(c.isupper() for c in letters):
            return "section label"
    return None


def segment(text: str) -> tuple[tuple[CharSpan, ...], tuple[tuple[CharSpan, str], ...]]:
    """Split ``text`` into the line spans to keep and the furniture lines dropped (with why).

    >>> kept, dropped = segment("Les plus lus\\nLe Mali proteste.\\n")
    >>> kept
    ((13, 30),)
    >>> dropped
    (((0, 12), 'navigation or form phrase'),)
    """
    kept: list[CharSpan] = []
    dropped: list[tuple[CharSpan, str]] = []
    pos = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        start = pos + (len(body) - len(body.lstrip()))
        end = pos + len(body.rstrip())
        pos += len(line)
        if start >= end:
            continue
        cut = link_prefix(text[start:end])
        if cut:
            dropped.append(((start, start + cut), "link to another article"))
            start += cut
            while start < end and text[start].isspace():
                start += 1
            if start >= end:
                continue
            body = text[start:end]
        reason = furniture_reason(body)
        if reason:
            dropped.append(((start, end), reason))
        else:
            kept.append((start, end))
    return tuple(kept), tuple(dropped)


def dateline_date(line: str) -> str | None:
    """The publication date a dateline gives ("Publié le 12 mars 2023 à 10h").

    >>> dateline_date("Publié le 12 mars 2023 à 10h")
    '2023-03-12'
    >>> dateline_date("Mis à jour le 03/04/2022")
    '2022-04-03'
    >>> dateline_date("Les plus lus") is None
    True
    """
    months = _month_numbers()
    m = re.search(r"(\d{1,2})(?:er)?\s+([a-zéû]+)\.?\s+(\d{4})", line, re.IGNORECASE)
    if m and m.group(2).lower() in months:
        return f"{int(m.group(3)):04d}-{months[m.group(2).lower()]:02d}-{int(m.group(1)):02d}"
    m = re.search(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4})", line)
    if m and 1 <= int(m.group(2)) <= 12:
        return f"{int(m.group(3)):04d}-{int(m.group(2)):02d}-{int(m.group(1)):02d}"
    m = re.search(r"(\d{4})-(\d{2})-(\d{2})", line)
    return m.group(0) if m else None


def _month_numbers() -> dict[str, int]:
    return default_lexicons().month_numbers
