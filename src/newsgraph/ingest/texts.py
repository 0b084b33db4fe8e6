"""Articles from Python values, for notebooks: ``newsgraph.build_texts(texts)``.

Texts come as people hold them: a string, or a list of strings, of ``(id, text)`` or
``(id, text, metadata)`` tuples (metadata may give ``title``, ``dct``, ``url`` and
``lang``), of dicts shaped like a JSONL line (``{"id", "text", "title", "dct", "url",
"lang"}``), or a pandas DataFrame with those columns, one row an article. Every field is
checked as the JSONL reader checks it (:mod:`newsgraph.ingest.fields`): a bad text is an
:class:`InputProblem` and the others are read. A value of another kind is a coded
``TypeError`` (a table without a ``text`` column a ``ValueError``), raised at once.

>>> [a.id for a in read_texts(["Le Mali accuse la France.", ("b", "La France dément.", {"dct": "2023-01-05"}),
...                             {"id": "c", "text": "Le Niger proteste."}])]
['text1', 'b', 'c']
>>> [a.id for a in read_texts("Le Mali accuse la France.")]
['text1']
>>> next(read_texts([{"text": "Le Mali proteste.", "dct": "12/03/2024"}])).reason[:6]
'[E020]'
"""
from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, Union

from ..errors import Errors, NewsgraphError, NewsgraphTypeError, NewsgraphValueError
from ..records import Article, InputProblem
from .fields import FIELDS
from .readers import from_fields

#: A text as ``build_texts`` takes it.
TextRecord = Union[str, tuple[str, str], tuple[str, str, Mapping[str, Any]], Mapping[str, Any]]
METADATA = ("title", "dct", "url", "lang")
#: What ``build_texts`` takes, for messages.
TAKES = ("a string, a list of strings, of (id, text[, metadata]) tuples or of dicts shaped like a JSONL "
         "line ({\"id\", \"text\", \"title\", \"dct\", \"url\", \"lang\"}), or a pandas DataFrame with those columns")


def _kind(value: object) -> str:
    return type(value).__name__


def is_table(value: object) -> bool:
    """Whether ``value`` is a DataFrame (pandas is not imported to tell).

    >>> is_table([1]), is_table("texte")
    (False, False)
    """
    return hasattr(value, "columns") and hasattr(value, "itertuples") and hasattr(value, "to_dict")


def plain(value: object) -> object:
    """A table cell as JSON would hold it: NaN, NaT and pandas' NA as None, NumPy scalars
    as Python ones.

    >>> plain(float("nan")), plain("Mali"), plain(3)
    (None, 'Mali', 3)
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if type(value).__name__ in ("NAType", "NaTType"):
        return None
    item = getattr(value, "item", None)
    if callable(item) and type(value).__module__ == "numpy":
        return plain(item())
    return value


def table_records(table: Any) -> Iterator[dict[str, Any]]:
    """The rows of a DataFrame as JSONL objects (missing values left out)."""
    columns = [str(c) for c in table.columns]
    if "text" not in columns:
        raise NewsgraphValueError(Errors.E084, columns=", ".join(columns) or "none")
    for row in table.to_dict(orient="records"):
        yield {str(k): v for k, v in ((k, plain(v)) for k, v in row.items()) if v is not None}


def records(texts: object) -> Iterable[object]:
    """The records of what ``build_texts`` was given: one string or dict stands for a
    list of one, a DataFrame for its rows; anything that is not a collection is a
    coded TypeError."""
    if isinstance(texts, (str, Mapping)):
        return [texts]
    if is_table(texts):
        return table_records(texts)
    if isinstance(texts, (bytes, bytearray)) or not isinstance(texts, Iterable):
        raise NewsgraphTypeError(Errors.E083, function="build_texts", takes=TAKES, got=f"a {_kind(texts)}")
    return texts


def _fields(n: int, record: object) -> dict[str, Any]:
    """A record as a JSONL object; a record of no known shape is E034."""
    if isinstance(record, str):
        return {"id": f"text{n}", "text": record}
    if isinstance(record, Mapping):
        return {"id": f"text{n}", **{str(k): v for k, v in record.items()}}
    if isinstance(record, (tuple, list)) and len(record) in (2, 3):
        meta = record[2] if len(record) == 3 and record[2] is not None else {}
        if not isinstance(meta, Mapping):
            raise NewsgraphError(Errors.E034, n=n, detail=f"its metadata is a {_kind(meta)}, not a dict")
        unknown = sorted(set(meta) - set(METADATA))
        if unknown:
            raise NewsgraphError(Errors.E034, n=n, detail=f"unknown metadata {', '.join(map(str, unknown))}; "
                                                         f"known: {', '.join(METADATA)}")
        return {**meta, "id": str(record[0]), "text": record[1]}
    raise NewsgraphError(Errors.E034, n=n, detail=f"it is a {_kind(record)}; give {TAKES}")


def _article(n: int, record: object) -> Article | InputProblem:
    obj = _fields(n, record)
    if obj.get("id") in (None, ""):
        obj["id"] = f"text{n}"
    unknown = [k for k in obj if k not in FIELDS]
    for k in unknown:  # as the JSONL reader does: fields it does not know are not read
        del obj[k]
    return from_fields(obj, f"text{n}", f"<text {n}>", f"text {n}",
                       NewsgraphError(Errors.E034, n=n, detail="its text is empty"))


def read_texts(texts: object) -> Iterator[Article | InputProblem]:
    """An :class:`Article` per text (numbered from 1), or the problem that stops one; a
    repeated id is skipped."""
    seen: set[str] = set()
    for n, record in enumerate(records(texts), 1):
        try:
            item = _article(n, record)
        except NewsgraphError as e:
            ident = str(record[0]) if isinstance(record, (tuple, list)) and record else f"text{n}"
            yield InputProblem(ident, f"<text {n}>", "failed", str(e))
            continue
        if isinstance(item, Article) and item.id in seen:
            yield InputProblem(item.id, f"<text {n}>", "skipped", f"duplicate document id {item.id!r}")
            continue
        if isinstance(item, Article):
            seen.add(item.id)
        yield item
