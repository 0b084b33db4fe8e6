"""Articles from Python strings, for notebooks: ``newsgraph.build_texts(texts)``.

A text is a string, or a record ``(id, text)`` or ``(id, text, metadata)`` whose metadata
may give ``title``, ``dct`` (the publication date, ISO 8601), ``url`` and ``lang``. Like
the file readers, this never raises on a bad text: it yields an :class:`InputProblem`.

>>> [a.id for a in read_texts(["Le Mali accuse la France.", ("b", "La France dément.", {"dct": "2023-01-05"})])]
['text1', 'b']
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any, Union

from ..errors import Errors, NewsgraphError
from ..records import Article, InputProblem
from .readers import prepare

#: A text as ``build_texts`` takes it.
TextRecord = Union[str, tuple[str, str], tuple[str, str, Mapping[str, Any]]]
METADATA = ("title", "dct", "url", "lang")


def _article(n: int, record: TextRecord) -> Article:
    meta: Mapping[str, Any] = {}
    if isinstance(record, str):
        ident, text = f"text{n}", record
    elif isinstance(record, (tuple, list)) and len(record) in (2, 3):
        ident, text = str(record[0]), record[1]
        meta = record[2] if len(record) == 3 and record[2] is not None else {}
        if not isinstance(meta, Mapping):
            raise NewsgraphError(Errors.E034, n=n, detail=f"its metadata is a {type(meta).__name__}, not a dict")
        unknown = sorted(set(meta) - set(METADATA))
        if unknown:
            raise NewsgraphError(Errors.E034, n=n, detail=f"unknown metadata {', '.join(unknown)}; "
                                                         f"known: {', '.join(METADATA)}")
    else:
        raise NewsgraphError(Errors.E034, n=n, detail="give a string or a tuple (id, text, metadata)")
    if not isinstance(text, str) or not text.strip():
        raise NewsgraphError(Errors.E034, n=n, detail="its text is empty")
    return Article(id=ident, text=text, title=meta.get("title"), dct=meta.get("dct"), url=meta.get("url"),
                   lang=meta.get("lang") or "fr", path=f"<text {n}>")


def read_texts(texts: Iterable[TextRecord]) -> Iterator[Article | InputProblem]:
    """An :class:`Article` per text (numbered from 1), or the problem that stops one."""
    seen: set[str] = set()
    for n, record in enumerate(texts, 1):
        try:
            article = _article(n, record)
        except NewsgraphError as e:
            ident = str(record[0]) if isinstance(record, (tuple, list)) and record else f"text{n}"
            yield InputProblem(ident, f"<text {n}>", "failed", str(e))
            continue
        if article.id in seen:
            yield InputProblem(article.id, f"<text {n}>", "skipped", f"duplicate document id {article.id!r}")
            continue
        seen.add(article.id)
        yield prepare(article, headline=False)
