"""Readers: files and folders in, :class:`Article` or :class:`InputProblem` out.

A reader never raises on bad input: it yields an :class:`InputProblem` naming the file
(and the line of a JSONL file) and the reason, so that a batch goes on and the manifest
accounts for every input exactly once.
"""
from __future__ import annotations

import codecs
import json
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path, PurePosixPath

from ..errors import Errors, NewsgraphError
from ..records import Article, InputProblem
from ..text import fold
from ..types import PathLike
from .fields import FIELDS, bad_character, field_problem, identifier, iso_date
from .files import InputFile, walk
from .furniture import dateline_date, link_site, segment
from .language import language_of

SUFFIXES = {".txt": "txt", ".text": "txt", ".html": "html", ".htm": "html", ".jsonl": "jsonl"}


def prepare(article: Article, *, headline: bool, detect: bool = True) -> Article:
    """Drop furniture lines; with ``headline``, the first kept line becomes the title;
    with ``detect``, the language is identified (:func:`newsgraph.ingest.language.language_of`)
    on the kept text, else the article's own is kept (a language the input declared).

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
    lang = language_of("\n".join(article.text[s:e] for s, e in kept) or article.text, article.lang) \
        if detect else article.lang
    return replace(article, title=title, segments=kept, dropped=dropped, dct=dct, lang=lang, site=site)


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError as e:
        raise NewsgraphError(Errors.E001, path=path) from e
    except OSError as e:  # there, but not readable (permissions, a folder, an I/O error)
        raise NewsgraphError(Errors.E078, path=path, detail=e.strerror or e) from e


#: Byte order marks of the encodings a text file is not read in (UTF-32 before UTF-16,
#: whose mark begins it).
_BOMS = [(codecs.BOM_UTF32_LE, "UTF-32"), (codecs.BOM_UTF32_BE, "UTF-32"), (codecs.BOM_UTF16_LE, "UTF-16"),
         (codecs.BOM_UTF16_BE, "UTF-16"), (b"+/v8", "UTF-7"), (b"+/v9", "UTF-7"), (b"+/v+", "UTF-7"),
         (b"+/v/", "UTF-7")]


def other_encoding(raw: bytes) -> str | None:
    """The encoding a byte order mark at the start of ``raw`` names, when it is not UTF-8.

    >>> other_encoding(b"+/v8Le Mali"), other_encoding("Le Mali".encode("utf-16")), other_encoding(b"Le Mali")
    ('UTF-7', 'UTF-16', None)
    """
    return next((name for bom, name in _BOMS if raw.startswith(bom)), None)


def _read_text(path: Path) -> str:
    raw = _read_bytes(path)
    encoding = other_encoding(raw)
    if encoding:
        raise NewsgraphError(Errors.E003, path=path, detail=f"it is {encoding} text, by the byte order mark it "
                                                            "starts with")
    try:
        return raw.decode("utf-8-sig")
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
        # UTF-7 and UTF-16 in a <meta> are not followed, as browsers do not (WHATWG Encoding):
        # UTF-7 hides markup from filters, and a <meta> read in ASCII cannot be UTF-16
        return "utf-8-sig" if name in ("utf-8", "utf-7") or name.startswith(("utf-16", "utf-32")) else name
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
        encoding = html_encoding(raw)
        html = raw.decode(encoding)
    except UnicodeDecodeError as e:
        named = "" if encoding == "utf-8-sig" else f"read as {encoding}, the encoding its <meta> names: "
        raise NewsgraphError(Errors.E003, path=p, detail=named + str(e)) from e
    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                      favor_precision=True)
    if doc is None:
        raise NewsgraphError(Errors.E006, path=p)
    data = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    body = (data.get("text") or "").strip()
    if not body:
        raise NewsgraphError(Errors.E006, path=p)
    title = (data.get("title") or "").strip() or None
    text = f"{title}\n\n{body}" if title and not starts_with_title(body, title) else body
    date, url = data.get("date") or None, data.get("url") or None
    article = Article(id=doc_id or p.stem, text=text, title=title,
                      dct=date if isinstance(date, str) and iso_date(date) else None,
                      url=url if isinstance(url, str) and not bad_character(url, one_line=True) else None,
                      path=str(p))
    return prepare(_check_text(article, str(p)), headline=title is None)


def starts_with_title(body: str, title: str) -> bool:
    """Whether the text extracted from a page already begins with its headline (the
    page's ``<h1>``), which then is not written twice.

    >>> starts_with_title("Gaz : le Sénégal signe\\n\\nLe Sénégal a signé.", "Gaz : le Sénégal signe")
    True
    """
    first = next((line for line in body.splitlines() if line.strip()), "")
    return fold(first) == fold(title)


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
        yield from_fields(obj, ident, where, f"{p}: line {n}", NewsgraphError(Errors.E005, path=p, line=n))


def from_fields(obj: dict, ident: str, where: str, named: str, no_text: NewsgraphError) -> Article | InputProblem:
    """The article of one JSONL object (``{"id", "text", "title"?, "dct"?, "url"?,
    "lang"?}``), every field checked as :mod:`newsgraph.ingest.fields` says, or the
    problem of its first bad field (``named`` in the message); ``ident`` is its id when
    it has none, ``where`` the path the manifest gives; ``no_text`` when it has no text.

    >>> from_fields({"text": "Le Mali proteste.", "dct": "12/03/2024"}, "t1", "<text 1>", "text 1", None).reason
    '[E020] text 1: the publication date "dct" is "12/03/2024", not an ISO date. Give it as a string "YYYY-MM-DD" (or "YYYY-MM", "YYYY"), or leave it out.'
    """
    problem = _line_problem(obj, named)
    doc_id = (identifier(obj.get("id")) if field_problem(obj, "id") is None else None) or ident
    if problem:
        return InputProblem(doc_id, where, "failed", str(problem))
    body = obj.get("text")
    if not isinstance(body, str) or not body.strip():
        return InputProblem(doc_id, where, "failed", str(no_text))
    article = Article(id=doc_id, text=body, title=obj.get("title"), dct=obj.get("dct") or None,
                      url=obj.get("url"), lang=obj.get("lang") or "fr", path=where)
    return prepare(article, headline=False, detect=not obj.get("lang"))


def _read_file(path: Path, kind: str, doc_id: str, kept: Kept | None) -> Iterable[Article | InputProblem]:
    """What the file ``path`` of ``kind`` gives (a JSONL file line by line when nothing
    is ``kept``)."""
    if kind == "txt":
        items: Iterable[Article | InputProblem] = [read_txt(path, doc_id)]
    elif kind == "html":
        items = [read_html(path, doc_id)]
    elif kept is None:
        return read_jsonl(path, doc_id)  # line by line
    else:
        items = list(read_jsonl(path, doc_id))
    return items


def _kept_or_read(path: Path, kind: str, doc_id: str, kept: Kept | None) -> Iterable[Article | InputProblem]:
    """What the file gives: read (without ``kept``), or as ``kept`` has it from a time the
    file had the same size and modification time (else read, and kept)."""
    if kept is None:
        return _read_file(path, kind, doc_id, None)
    try:
        st = path.stat()
    except OSError:  # reading it says why
        return _read_file(path, kind, doc_id, kept)
    stamp = (str(path), doc_id, st.st_size, st.st_mtime_ns)
    if stamp not in kept:
        kept[stamp] = list(_read_file(path, kind, doc_id, kept))
    return kept[stamp]


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


#: What one file gave, by (path, document id, size, modification time in ns).
Kept = dict[tuple[str, str, int, int], list[Article | InputProblem]]


def read(paths: Iterable[PathLike], exclude: Iterable[PathLike] = (), kept: Kept | None = None) \
        -> Iterator[Article | InputProblem]:
    """Every article of the given files and folders, and a problem for every bad input.

    Unsupported files are skipped, a repeated document id is skipped with the path of
    the first one, unreadable files fail; each with its reason. Two files with the same
    name in different folders get distinct ids (their relative paths). Nothing under
    ``exclude`` (the output folder) is read. With ``kept``, a file whose size and time
    are those it had when ``kept`` took what it gave is not read again (``newsgraph
    watch``); what the others give is put in it.
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
            for item in _kept_or_read(path, kind, doc_id, kept):
                if isinstance(item, Article):
                    if item.id in seen:
                        yield InputProblem(item.id, item.path or str(path), "skipped",
                                           f"duplicate document id {item.id!r}: already read from {seen[item.id]}")
                        continue
                    seen[item.id] = item.path or str(path)
                yield item
        except NewsgraphError as e:
            yield InputProblem(doc_id, str(path), "failed", str(e))
