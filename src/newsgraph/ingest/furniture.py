"""Page furniture: lines of a scraped page that are not the article.

Rules are general, true of news web pages whatever the site. Each line is judged alone
(:func:`furniture_reason`): navigation phrases, link markers, month and weekday names
and sentence-starting words kept as data (``data/furniture.txt``, read through
:class:`~newsgraph.data.Lexicons`: ``furniture``);
lines made only of the words of controls and menus ("Accepter Refuser", "Partager",
"Se connecter", "International") and cookie banners, comment and newsletter forms,
paywall prompts, from the word classes of ``data/page_fr.tsv``; and the shapes of lines
that never carry news: scrape timestamps, datelines ("Publié le ... - Mis à jour le
..."), bylines ("Par ...", "X avec AFP"), breadcrumbs, photo credits, reading times,
section labels in capitals. Then the page is read as a whole (:func:`segment`): the
headlines under a "Les plus lus" or "Sur le même sujet" heading, a reader's comment
(its author, time and text above a "Répondre"), and short lines among furniture
(menus, tags, footers) are dropped too; the first line kept, the headline, never is.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..data import Furniture, default_lexicons
from ..text import fold
from ..types import CharSpan


def _furniture() -> Furniture:
    return default_lexicons().furniture


def _alternatives(words: tuple[str, ...]) -> str:
    return "|".join(map(re.escape, words))


@lru_cache(maxsize=1)
def _timestamp() -> re.Pattern[str]:
    """A scrape timestamp line: a weekday, a date with its month's name (or in digits),
    a time."""
    months, days = _alternatives(_furniture().months), _alternatives(_furniture().weekdays)
    return re.compile(
        rf"^\W*(?:(?:{days})\W+)?(?:\d{{1,2}}(?:er)?\W+(?:{months})\W+\d{{4}}|\d{{1,4}}[/.-]\d{{1,2}}[/.-]\d{{1,4}})"
        rf"(?:\W+(?:à\s+)?\d{{1,2}}\s*[:h]\s*\d{{2}}(?:\s*[:]\d{{2}})?)?\W*$",
        re.IGNORECASE,
    )


@lru_cache(maxsize=1)
def _dateline() -> re.Pattern[str]:
    """The start of a line that says when the article was published or updated."""
    return re.compile(r"^\s*(?:publi[ée]e?|mise? à jour|mise? en ligne|modifi[ée]e?|actualis[ée]e?|updated|published"
                      r"|le\s+\d{1,2}(?:er)?\s+(?:" + _alternatives(_furniture().months) + r")|le\s+\d{1,2}/)\b.*\d{4}",
                      re.IGNORECASE)


_SENTENCE_END = re.compile(r"[.!?»\"]\s*$")
_RELATIVE_TIME = re.compile(r"^\W*il y a \d+\s*(?:s|sec|secondes?|min|minutes?|h|heures?|jours?|semaines?|mois|ans?)\W*$",
                            re.IGNORECASE)
_READING_TIME = re.compile(r"^\W*(?:temps de )?lecture\W*\d+\s*min|\d+\s*min(?:utes?)?\.? de lecture\W*$",
                           re.IGNORECASE)
_CREDIT = re.compile(r"©|\b(?:photo|cr[ée]dits?(?: photo)?|illustration|image)\s*:\s*[^.]{2,60}$", re.IGNORECASE)
_CRUMBS = re.compile(r"\s*[/|>»›]\s*")
_WORD = re.compile(r"[^\W\d_]+")


def normalise(line: str) -> str:
    """Lowercase, strip accents and punctuation (:func:`newsgraph.text.fold`).

    >>> normalise("Plus d'articles")
    'plus d articles'
    """
    return fold(line)


_LINK = re.compile(r"^\s*(?P<marker>[^:|]{2,60}?)\s*(?::|\||\s[-–—]\s)\s*")


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


def _page(kind: str) -> frozenset[str]:
    return default_lexicons().page_words(kind)


def _words(norm: str) -> list[str]:
    """The words of a folded line, numbers left out."""
    return [w for w in norm.split() if not w.isdigit()]


def _controls_only(words: list[str]) -> bool:
    """Whether a line's words are all those of controls and menus (grammar words aside),
    one of them at least: "Accepter Refuser", "Partager sur Facebook", "Se connecter"."""
    if not words or len(words) > 12:
        return False
    controls = _page("control") | _page("section") | _page("comment_reply")
    return all(w in controls or w in _page("filler") for w in words) and any(w in controls for w in words)


def _form_reason(stripped: str, words: list[str]) -> str | None:
    """A cookie banner, or a form or prompt addressing the reader (comment, account,
    newsletter, paywall): never inside guillemets, where people speak."""
    present = set(words)
    if present & _page("cookie") and present & _page("consent"):
        return "cookie banner"
    if "«" in stripped or "»" in stripped or len(words) > 20:
        return None
    if stripped.endswith("*") and len(words) <= 4:
        return "comment or subscription form"
    if words and len(words) <= 4 and all(w in _page("field") or w in _page("filler") or w in _page("reader")
                                         for w in words) and present & _page("field"):
        return "comment or subscription form"
    if present & _page("reader") and (present & _page("field") or present & _page("prompt")) and len(words) <= 16:
        return "comment or subscription form"
    return None


def _shape_reason(stripped: str, words: list[str]) -> str | None:
    """Lines whose shape says they are furniture: bylines, breadcrumbs, credits, reading
    times, section labels, lines without words."""
    if not _WORD.search(stripped):
        return "no words"
    if _READING_TIME.search(stripped):
        return "reading time"
    if _CREDIT.search(stripped) and (len(words) <= 25 or stripped.lstrip().startswith("©")):
        return "photo credit or copyright"
    if _SENTENCE_END.search(stripped) and not stripped.endswith("?"):
        return None
    parts = [p for p in _CRUMBS.split(stripped) if p]
    if len(parts) >= 3 and all(len(p.split()) <= 4 for p in parts):
        return "byline or dateline"
    if len(words) <= 12 and re.match(r"^(?:[Pp]ar|[Bb]y)\s+[A-ZÉ]", stripped):
        return "byline or dateline"
    if len(words) <= 6 and words and (words[-1] in _page("agency") and "avec" in words or
                                      re.search(r"\((?:avec )?[A-Za-z]+\)$", stripped)
                                      and fold(stripped.split("(")[-1]).split()[-1] in _page("agency")):
        return "byline or dateline"
    letters = [c for c in stripped if c.isalpha()]
    if len(stripped.split()) <= 3 and letters and all(c.isupper() for c in letters):
        return "section label"
    return None


def _is_dateline(stripped: str) -> bool:
    """A line that only says when the article was published or updated."""
    if not _dateline().match(stripped) or len(stripped.split()) > 25:
        return False
    months, days = set(_month_numbers()), set(_furniture().weekdays)
    rest = [w for w in _words(normalise(stripped))
            if w not in months and w not in days and w not in _page("dateline") and w not in _page("filler")
            and not re.fullmatch(r"\d+(?:h\d*)?|\d+er|h\d+", w)]
    return not rest


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
    >>> furniture_reason("Publié le 12 mars 2024 à 10h05 - Mis à jour le 12 mars 2024 à 18h30")
    'dateline'
    >>> furniture_reason("Accepter Refuser"), furniture_reason("Partager sur Facebook")
    ('page control or menu', 'navigation or form phrase')
    >>> furniture_reason("Votre adresse e-mail ne sera pas publiée.")
    'comment or subscription form'
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
    if _timestamp().match(stripped) or _RELATIVE_TIME.match(stripped):
        return "timestamp"
    if _is_dateline(stripped):
        return "dateline"
    words = _words(norm)
    if _controls_only(words):
        return "page control or menu"
    return _form_reason(stripped, words) or _shape_reason(stripped, words)


def _headline_shaped(line: str) -> bool:
    """A headline in a list of links: one short sentence without a full stop."""
    stripped = line.strip()
    return len(stripped.split()) <= 25 and not re.search(r"[.!…»\"]\s*$", stripped) and ". " not in stripped


def _short(line: str) -> bool:
    """At most four words, and no sentence's end (a name's initial aside: "Moussa K.")."""
    stripped = line.strip()
    return len(stripped.split()) <= 4 and not re.search(r"(?<!\b[A-Z])[.!…»\"]\s*$", stripped)


Line = list  # [start, end, reason or None]


def _lists(lines: list[Line], text: str) -> None:
    """The headlines under a list heading ("Les plus lus", "Sur le même sujet"): two at
    least, so that a headline that merely follows such a line stays."""
    headings = _page("list_heading")
    i = 0
    while i < len(lines):
        if normalise(text[lines[i][0]:lines[i][1]]) not in headings:
            i += 1
            continue
        j = i + 1
        while j < len(lines) and j - i <= 15 and (lines[j][2] or _headline_shaped(text[lines[j][0]:lines[j][1]])):
            j += 1
        items = [k for k in range(i + 1, j) if not lines[k][2]]
        if len(items) >= 2:
            for k in items:
                lines[k][2] = "list of links to other articles"
        i = j


def _comments(lines: list[Line], text: str) -> None:
    """Readers' comments: the lines between a time and a "Répondre" under it, and the
    author's name above the time."""
    replies = _page("comment_reply")
    for i, (s, e, why) in enumerate(lines):
        words = _words(normalise(text[s:e]))
        if not why or not words or not set(words) & replies:
            continue
        j = i - 1
        while j >= 0 and i - j <= 4 and lines[j][2] != "timestamp":
            j -= 1
        if j < 0 or lines[j][2] != "timestamp" or j == i - 1:
            continue
        for k in range(j + 1, i):
            lines[k][2] = lines[k][2] or "reader's comment"
        if j > 0 and not lines[j - 1][2] and _short(text[lines[j - 1][0]:lines[j - 1][1]]):
            lines[j - 1][2] = "reader's comment"


def _among_furniture(lines: list[Line], text: str, first: int | None) -> None:
    """Short lines in a run of furniture and short lines (menus, tags, footers): a run of
    three lines or more with two short ones at least, or one short line between two
    furniture lines. ``first``, the headline, stays."""
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and (lines[j][2] or _short(text[lines[j][0]:lines[j][1]])):
            j += 1
        run = [k for k in range(i, j) if not lines[k][2] and k != first]
        if j - i >= 3 and (len(run) >= 2 or (len(run) == 1 and 0 < run[0] - i and run[0] < j - 1)):
            for k in run:
                lines[k][2] = "menu, tags or footer"
        i = max(j, i + 1)


def segment(text: str) -> tuple[tuple[CharSpan, ...], tuple[tuple[CharSpan, str], ...]]:
    """Split ``text`` into the line spans to keep and the furniture lines dropped (with why).

    >>> kept, dropped = segment("Les plus lus\\nLe Mali proteste.\\n")
    >>> kept
    ((13, 30),)
    >>> dropped
    (((0, 12), 'navigation or form phrase'),)
    """
    links: list[tuple[CharSpan, str]] = []
    lines: list[Line] = []
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
            links.append(((start, start + cut), "link to another article"))
            start += cut
            while start < end and text[start].isspace():
                start += 1
            if start >= end:
                continue
        lines.append([start, end, furniture_reason(text[start:end])])
    first = next((i for i, x in enumerate(lines) if not x[2]), None)  # the headline
    _lists(lines, text)
    _comments(lines, text)
    _among_furniture(lines, text, first)
    kept: list[CharSpan] = []
    dropped: list[tuple[CharSpan, str]] = links + [((s, e), why) for s, e, why in lines if why]
    for s, e, why in lines:
        if not why:
            _keep_words(text, s, e, kept, dropped)
    return tuple(kept), tuple(sorted(dropped))


#: The longest run of characters without a space kept for NLP. No word is longer; a
#: run of thousands of ``&`` (or ``&amp;`` unescaped) made spaCy's tokenizer quadratic
#: (20,000: a minute; 200,000: more than ten).
LONGEST_RUN = 250
_RUN = re.compile(r"\S{%d,}" % (LONGEST_RUN + 1))


def _keep_words(text: str, start: int, end: int, kept: list[CharSpan], dropped: list) -> None:
    """Keep ``text[start:end]`` but its runs longer than :data:`LONGEST_RUN` without a
    space, which are dropped with their reason.

    >>> kept, dropped = [], []
    >>> _keep_words("Le Mali " + "&" * 300 + " proteste.", 0, 318, kept, dropped)
    >>> kept, dropped
    ([(0, 7), (309, 318)], [((8, 308), 'a run of 300 characters without a space')])
    """
    for m in _RUN.finditer(text, start, end):
        before = m.start()
        while before > start and text[before - 1].isspace():
            before -= 1
        if before > start:
            kept.append((start, before))
        dropped.append(((m.start(), m.end()), f"a run of {m.end() - m.start()} characters without a space"))
        start = m.end()
        while start < end and text[start].isspace():
            start += 1
    if start < end:
        kept.append((start, end))


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
