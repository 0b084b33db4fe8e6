"""Readers: files and folders in, :class:`Article` or :class:`InputProblem` out.

A reader never raises on bad input: it yields an :class:`InputProblem` naming the file
and the reason, so that a batch goes on and the manifest accounts for every input.
"""
from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from ..errors import Errors, NewsgraphError
from ..types import PathLike, Status
from .article import Article
from .furniture import dateline_date, link_site, segment

SUFFIXES = {".txt": "txt", ".text": "txt", ".html": "html", ".htm": "html", ".jsonl": "jsonl"}


@dataclass(frozen=True)
class InputProblem:
    """An input that gave no article: ``status`` is ``skipped`` or ``failed``."""

    id: str
    path: str
    status: Status
    reason: str


_FRENCH = frozenset("le la les des du de et est un une pour dans que qui sur au aux pas par avec il elle ont été".split())
_ENGLISH = frozenset("the and of to in is that for on with was were by as are from it has have this".split())


def guess_language(text: str) -> str:
    """``fr`` or ``en`` from the share of each language's commonest words.

    >>> guess_language("Le Mali et la France ont signé un accord."), guess_language("The army has seized power.")
    ('fr', 'en')
    """
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
                if dct:
                    break
    site = article.site or next((link_site(article.text[s:e]) for (s, e), why in dropped
                                 if why == "link to another article" and link_site(article.text[s:e])), None)
    lang = article.lang if article.lang != "fr" else guess_language(article.text)
    return replace(article, title=title, segments=kept, dropped=dropped, dct=dct, lang=lang, site=site)


def _read_text(path: Path) -> str:
    try:
        raw = path.read_bytes()
    except OSError as e:
        raise NewsgraphError(Errors.E001, path=path) from e
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise NewsgraphError(Errors.E003, path=path, detail=str(e)) from e


def read_txt(path: PathLike) -> Article:
    """A plain-text article: headline on the first non-empty line, body after."""
    p = Path(path)
    text = _read_text(p)
    if not text.strip():
        raise NewsgraphError(Errors.E008, path=p)
    return prepare(Article(id=p.stem, text=text, path=str(p)), headline=True)


def read_html(path: PathLike) -> Article:
    """An HTML page: text and metadata extracted with trafilatura.

    Offsets then point into the extracted text, which newsgraph writes out with the
    document so that they can be checked.
    """
    import trafilatura

    p = Path(path)
    html = _read_text(p)
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
    article = Article(id=p.stem, text=text, title=title, dct=data.get("date") or None,
                      url=data.get("url") or None, lang=lang, path=str(p))
    return prepare(article, headline=title is None)


def read_jsonl(path: PathLike) -> Iterator[Article | InputProblem]:
    """One article a line: ``{"id", "text", "title"?, "dct"?, "url"?, "lang"?}``."""
    p = Path(path)
    try:
        text = _read_text(p)
    except NewsgraphError as e:
        yield InputProblem(p.stem, str(p), "failed", str(e))
        return
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        ident = f"{p.stem}:{n}"
        try:
            obj = json.loads(line)
            if not isinstance(obj, dict):
                raise ValueError("not an object")
        except ValueError as e:
            yield InputProblem(ident, str(p), "failed", str(NewsgraphError(Errors.E004, path=p, line=n, detail=e)))
            continue
        body = obj.get("text")
        if not isinstance(body, str) or not body.strip():
            yield InputProblem(str(obj.get("id") or ident), str(p), "failed",
                               str(NewsgraphError(Errors.E005, path=p, line=n)))
            continue
        article = Article(id=str(obj.get("id") or ident), text=body, title=obj.get("title"),
                          dct=obj.get("dct"), url=obj.get("url"), lang=obj.get("lang") or "fr",
                          path=f"{p}:{n}")
        yield prepare(article, headline=False)


def iter_files(paths: Iterable[PathLike]) -> Iterator[Path | InputProblem]:
    """Files named or found (recursively, sorted) in folders; missing paths as problems."""
    for path in paths:
        p = Path(path)
        if p.is_dir():
            for f in sorted(x for x in p.rglob("*") if x.is_file()):
                if not any(part.startswith(".") for part in f.relative_to(p).parts):
                    yield f
        elif p.is_file():
            yield p
        else:
            yield InputProblem(p.stem or str(p), str(p), "failed", str(NewsgraphError(Errors.E001, path=p)))


def read(paths: Iterable[PathLike]) -> Iterator[Article | InputProblem]:
    """Every article of the given files and folders, and a problem for every bad input.

    Unsupported files are skipped, a repeated document id is skipped with the path of
    the first one, unreadable files fail; each with its reason.
    """
    seen: dict[str, str] = {}
    for f in iter_files(paths):
        if isinstance(f, InputProblem):
            yield f
            continue
        kind = SUFFIXES.get(f.suffix.lower())
        if kind is None:
            yield InputProblem(f.stem, str(f), "skipped", str(NewsgraphError(Errors.E002, path=f)))
            continue
        try:
            items: Iterable[Article | InputProblem]
            if kind == "txt":
                items = [read_txt(f)]
            elif kind == "html":
                items = [read_html(f)]
            else:
                items = read_jsonl(f)
            for item in items:
                if isinstance(item, Article):
                    if item.id in seen:
                        yield InputProblem(item.id, item.path or str(f), "skipped",
                                           f"duplicate document id {item.id!r}: already read from {seen[item.id]}")
                        continue
                    seen[item.id] = item.path or str(f)
                yield item
        except NewsgraphError as e:
            yield InputProblem(f.stem, str(f), "failed", str(e))
