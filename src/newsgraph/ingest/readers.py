"""Readers: files and folders in, :class:`Article` or :class:`InputProblem` out.

A reader never raises on bad input: it yields an :class:`InputProblem` naming the file
(and the line of a JSONL file) and the reason, so that a batch goes on and the manifest
accounts for every input exactly once.
"""
from __future__ import annotations

import codecs
import json
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path, PurePosixPath

from ..errors import Errors, NewsgraphError
from ..records import Article, InputProblem
from ..types import PathLike
from .fields import FIELDS, bad_character, field_problem, identifier, iso_date
from .files import InputFile, walk
from .furniture import dateline_date, link_site, segment

SUFFIXES = {".txt": "txt", ".text": "txt", ".html": "html", ".htm": "html", ".jsonl": "jsonl"}


_FRENCH = frozenset("le la les des du de et est un une pour dans que qui sur au aux pas par avec il elle ont été".split())
_ENGLISH = frozenset("the and of to in is that for on with was were by as are from it has have this".split())
#: The language a script other than Latin is taken for (the first word of the letters'
#: Unicode names); "und" (undetermined) for the others.
_SCRIPTS = {"ARABIC": "ar", "CJK": "zh", "HIRAGANA": "ja", "KATAKANA": "ja", "HANGUL": "ko",
            "CYRILLIC": "ru", "GREEK": "el", "HEBREW": "he", "DEVANAGARI": "hi", "THAI": "th"}


def _script_language(text: str) -> str | None:
    """The language of a text mostly written in a script other than Latin, or None."""
    scripts: Counter[str] = Counter()
    for c in text[:2000]:
        if c.isalpha():
            scripts[unicodedata.name(c, "UNKNOWN").split(" ")[0]] += 1
    total = sum(scripts.values())
    if not total or scripts["LATIN"] * 2 >= total:
        return None
    return _SCRIPTS.get(scripts.most_common(1)[0][0], "und")


def guess_language(text: str) -> str:
    """``fr`` or ``en`` from the share of each language's commonest words; another code
    when most letters are not Latin ones (``ar``, ``zh``...).

    >>> guess_language("Le Mali et la France ont signé un accord."), guess_language("The army has seized power.")
    ('fr', 'en')
    >>> guess_language("وقع مالي وفرنسا اتفاقا"), guess_language("马里和法国签署了协议。")
    ('ar', 'zh')
    """
    other = _script_language(text)
    if other:
        return other
    words = text.lower().split()[:400]
    fr = sum(w in _FRENCH for w in words)
    en = sum(w in _ENGLISH for w in words)
    return "en" if en > fr else "fr"


def prepare(article: Article, *, headline: bool) -> Article:
    """Drop furniture lines; with ``headline``, the first kept line becomes the title.

    >>> a = prepare(Article(id="x", text="Les plus lus\\nLe Mali accuse\\nCorps."), headline=True)
    >>> a.title, a.segments
    ('Le Mali accuse', ((13, 27), (28, 34)))
    """
    kept, dropped = segment(article.text)
    title = article.title
    if headline and kept and not title:
        s, e = kept[0]
        title = article.text[s:e]
    dct = article.dct
    if dct is None:  # a dateline gives the publication date; a scrape timestamp never does
        for (s, e), why in dropped:
            if why == "dateline":
                dct = dateline_date(article.text[s:e])
                if dct and iso_date(dct):
                    break
                dct = None
    sites = (link_site(article.text[s:e]) for (s, e), why in dropped if why == "link to another article")
    site = article.site or next((x for x in sites if x), None)
    lang = article.lang if article.lang != "fr" else guess_language(article.text)
    return replace(article, title=title, segments=kept, dropped=dropped, dct=dct, lang=lang, site=site)


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as e:
        raise NewsgraphError(Errors.E001, path=path) from e


def _read_text(path: Path) -> str:
    try:
        return _read_bytes(path).decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise NewsgraphError(Errors.E003, path=path, detail=str(e)) from e


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
#: As browsers do (WHATWG Encoding): these labels mean windows-1252.
_AS_WINDOWS_1252 = {"ascii", "us-ascii", "iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "cp819"}


def html_encoding(raw: bytes) -> str:
    """The encoding of an HTML page: its byte order mark, else its ``<meta charset>``
    (or ``http-equiv`` Content-Type), else UTF-8.

    >>> html_encoding(b'<meta charset="windows-1252"><p>x'), html_encoding(b'<meta charset=ISO-8859-1>')
    ('cp1252', 'cp1252')
    >>> html_encoding(b'<p>rien'), html_encoding(b'<meta charset="klingon">')
    ('utf-8-sig', 'utf-8-sig')
    """
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    m = _META_CHARSET.search(raw[:4096])
    if m and not raw.startswith(codecs.BOM_UTF8):
        label = m.group(1).decode("ascii").lower()
        if label in _AS_WINDOWS_1252:
            return "cp1252"
        try:
            name = codecs.lookup(label).name
        except LookupError:
            return "utf-8-sig"
        return "utf-8-sig" if name == "utf-8" else name
    return "utf-8-sig"


def _check_text(article: Article, where: str) -> Article:
    """The article if its text and title hold no character an output cannot carry."""
    for name, value in (("text", article.text), ("title", article.title or "")):
        bad = bad_character(value)
        if bad:
            raise NewsgraphError(Errors.E019, where=where, field=name, char=bad[1], offset=bad[0])
    return article


def read_txt(path: PathLike, doc_id: str | None = None) -> Article:
    """A plain-text article: headline on the first non-empty line, body after."""
    p = Path(path)
    text = _read_text(p)
    if not text.strip():
        raise NewsgraphError(Errors.E008, path=p)
    article = _check_text(Article(id=doc_id or p.stem, text=text, path=str(p)), str(p))
    return prepare(article, headline=True)


def read_html(path: PathLike, doc_id: str | None = None) -> Article:
    """An HTML page: text and metadata extracted with trafilatura; the page's declared
    encoding is honoured.

    Offsets then point into the extracted text, which newsgraph writes out with the
    document so that they can be checked.
    """
    import trafilatura

    p = Path(path)
    raw = _read_bytes(p)
    try:
        html = raw.decode(html_encoding(raw))
    except UnicodeDecodeError as e:
        raise NewsgraphError(Errors.E003, path=p, detail=str(e)) from e
    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                      favor_precision=True)
    if doc is None:
        raise NewsgraphError(Errors.E006, path=p)
    data = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    body = (data.get("text") or "").strip()
    if not body:
        raise NewsgraphError(Errors.E006, path=p)
    title = (data.get("title") or "").strip() or None
    text = f"{title}\n\n{body}" if title else body
    lang = data.get("language") or guess_language(text)
    date, url = data.get("date") or None, data.get("url") or None
    article = Article(id=doc_id or p.stem, text=text, title=title,
                      dct=date if isinstance(date, str) and iso_date(date) else None,
                      url=url if isinstance(url, str) and not bad_character(url, one_line=True) else None,
                      lang=lang, path=str(p))
    return prepare(_check_text(article, str(p)), headline=title is None)


def _line_problem(obj: dict, where: str) -> NewsgraphError | None:
    """The coded error of the first bad field of a JSONL object, or None."""
    for name in FIELDS:
        problem = field_problem(obj, name)
        if problem is None:
            continue
        kind, details = problem
        template = {"type": Errors.E018, "character": Errors.E019, "date": Errors.E020,
                    "lang": Errors.E021}[kind]
        return NewsgraphError(template, where=where, **details)
    return None


def jsonl_lines(text: str) -> Iterator[tuple[int, str]]:
    """``(line number, line)`` of a JSON Lines text, split on line feeds only: U+2028,
    U+0085 and the other breaks ``str.splitlines`` knows may stand inside a JSON string.
    Blank lines are left out.

    >>> list(jsonl_lines('{"text": "a\\u2028b"}\\r\\n\\n{"text": "c"}'))
    [(1, '{"text": "a\\u2028b"}'), (3, '{"text": "c"}')]
    """
    for n, line in enumerate(text.split("\n"), 1):
        line = line.rstrip("\r")
        if line.strip(" \t\r"):
            yield n, line


def read_jsonl(path: PathLike, prefix: str | None = None) -> Iterator[Article | InputProblem]:
    """One article a line: ``{"id", "text", "title"?, "dct"?, "url"?, "lang"?}``.

    Every field is checked (type, characters, dates); a bad line is one problem, named
    ``path:line``, and the other lines are read. A line without ``id`` is ``prefix:line``
    (``prefix`` is the file's stem by default).
    """
    p = Path(path)
    prefix = prefix or p.stem
    try:
        text = _read_text(p)
    except NewsgraphError as e:
        yield InputProblem(prefix, str(p), "failed", str(e))
        return
    for n, line in jsonl_lines(text):
        ident, where = f"{prefix}:{n}", f"{p}:{n}"
        try:
            obj = json.loads(line)
            if not isinstance(obj, dict):
                raise ValueError("not an object")
        except (ValueError, RecursionError) as e:
            yield InputProblem(ident, where, "failed", str(NewsgraphError(Errors.E004, path=p, line=n, detail=e)))
            continue
        problem = _line_problem(obj, f"{p}: line {n}")
        doc_id = (identifier(obj.get("id")) if field_problem(obj, "id") is None else None) or ident
        if problem:
            yield InputProblem(doc_id, where, "failed", str(problem))
            continue
        body = obj.get("text")
        if not isinstance(body, str) or not body.strip():
            yield InputProblem(doc_id, where, "failed", str(NewsgraphError(Errors.E005, path=p, line=n)))
            continue
        article = Article(id=doc_id, text=body, title=obj.get("title"), dct=obj.get("dct") or None,
                          url=obj.get("url"), lang=obj.get("lang") or "fr", path=where)
        yield prepare(article, headline=False)


def _ids(files: list[InputFile]) -> dict[Path, str]:
    """A document id for each file: its stem, or, where two files share a stem, its path
    relative to the folder given (without, then with its suffix, then as given)."""
    stems = Counter(f.path.stem for f in files)
    ids = {f.path: f.path.stem for f in files}
    for way in (lambda f: PurePosixPath(f.rel).with_suffix("").as_posix(), lambda f: f.rel, lambda f: str(f.path)):
        shared = [f for f in files if stems[ids[f.path]] > 1]
        if not shared:
            break
        for f in shared:
            ids[f.path] = way(f)
        stems = Counter(ids.values())
    return ids


def read(paths: Iterable[PathLike], exclude: Iterable[PathLike] = ()) -> Iterator[Article | InputProblem]:
    """Every article of the given files and folders, and a problem for every bad input.

    Unsupported files are skipped, a repeated document id is skipped with the path of
    the first one, unreadable files fail; each with its reason. Two files with the same
    name in different folders get distinct ids (their relative paths). Nothing under
    ``exclude`` (the output folder) is read.
    """
    found = list(walk(paths, exclude))
    ids = _ids([f for f in found if isinstance(f, InputFile) and f.path.suffix.lower() in SUFFIXES])
    seen: dict[str, str] = {}
    for f in found:
        if not isinstance(f, InputFile):
            yield f
            continue
        path = f.path
        kind = SUFFIXES.get(path.suffix.lower())
        if kind is None:
            yield InputProblem(path.stem, str(path), "skipped", str(NewsgraphError(Errors.E002, path=path)))
            continue
        doc_id = ids[path]
        try:
            items: Iterable[Article | InputProblem]
            if kind == "txt":
                items = [read_txt(path, doc_id)]
            elif kind == "html":
                items = [read_html(path, doc_id)]
            else:
                items = read_jsonl(path, doc_id)
            for item in items:
                if isinstance(item, Article):
                    if item.id in seen:
                        yield InputProblem(item.id, item.path or str(path), "skipped",
                                           f"duplicate document id {item.id!r}: already read from {seen[item.id]}")
                        continue
                    seen[item.id] = item.path or str(path)
                yield item
        except NewsgraphError as e:
            yield InputProblem(doc_id, str(path), "failed", str(e))
