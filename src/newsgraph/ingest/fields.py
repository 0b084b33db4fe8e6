"""Checks of what a reader is given, before anything reaches spaCy or a writer.

A JSONL line is an object whose fields each have one type; a text holds no control
character but tab, line feed and carriage return (the other ones break XML and many
tools); a publication date is an ISO date. A value that fails names its field and why,
and the reader rejects that one input with a coded error.
"""
from __future__ import annotations

import datetime as _dt
import json
import re

from ..errors import Errors, NewsgraphError
from ..records import Article, InputProblem

#: Characters no output may carry: C0 controls but tab, LF, CR; lone surrogates (they
#: cannot be written as UTF-8); U+FFFE and U+FFFF (not characters in XML 1.0).
_BAD_CHAR = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
#: In one-line fields (id, date, url, language) line breaks and tabs are bad too.
_BAD_CHAR_IN_LINE = re.compile("[\x00-\x1f\ud800-\udfff\ufffe\uffff]")
_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2})(T[0-9:.]+(?:Z|[+-]\d{2}:\d{2})?)?)?)?")
_LANG = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*")


def bad_character(text: str, *, one_line: bool = False) -> tuple[int, str] | None:
    """``(offset, "U+XXXX")`` of the first character no output may carry, or None.

    >>> bad_character("Le Mali\\x0bproteste."), bad_character("Le Mali\\nproteste.")
    ((7, 'U+000B'), None)
    >>> bad_character("a\\tb", one_line=True)
    (1, 'U+0009')
    """
    m = (_BAD_CHAR_IN_LINE if one_line else _BAD_CHAR).search(text)
    return (m.start(), f"U+{ord(m.group()):04X}") if m else None


def iso_date(value: str) -> bool:
    """Whether ``value`` is a real ISO 8601 date: ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``,
    or a date and time.

    >>> [iso_date(v) for v in ("2022", "2022-02", "2022-02-28", "2022-02-28T10:00:00Z")]
    [True, True, True, True]
    >>> [iso_date(v) for v in ("2022-13-45", "2022-02-30", "0000", "22-02-01", "2022-1-5", "")]
    [False, False, False, False, False, False]
    """
    m = _DATE.fullmatch(value)
    if not m:
        return False
    year, month, day, time = m.groups()
    try:
        _dt.date(int(year), int(month or 1), int(day or 1))
        if time:
            _dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return False
    return True


def language_tag(value: str) -> bool:
    """Whether ``value`` looks like a BCP 47 language tag (``fr``, ``fr-FR``).

    >>> language_tag("fr"), language_tag("fr-CA"), language_tag("français"), language_tag("")
    (True, True, False, False)
    """
    return bool(_LANG.fullmatch(value))


def json_type(value: object) -> str:
    """The JSON name of a value's type, for messages.

    >>> json_type(["fr"]), json_type(None), json_type(2022), json_type(True)
    ('array', 'null', 'number', 'boolean')
    """
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, str):
        return "string"
    return "array" if isinstance(value, list) else "object"


def identifier(value: object) -> str | None:
    """A JSONL ``id`` as text: strings as they are, numbers and booleans as JSON writes
    them (``0`` is ``"0"``, ``false`` is ``"false"``); None for a missing or empty id.

    >>> identifier(0), identifier(False), identifier("a1"), identifier(None), identifier("")
    ('0', 'false', 'a1', None, None)
    """
    if value is None or value == "":
        return None
    if isinstance(value, str):
        return value
    return json.dumps(value)


#: field -> (JSON types accepted, one line only)
FIELDS: dict[str, tuple[tuple[str, ...], bool]] = {
    "id": (("string", "number", "boolean", "null"), True),
    "text": (("string",), False),
    "title": (("string", "null"), False),
    "dct": (("string", "null"), True),
    "url": (("string", "null"), True),
    "lang": (("string", "null"), True),
}


def field_problem(obj: dict, name: str) -> tuple[str, dict[str, object]] | None:
    """What is wrong with one field of a JSONL object: ``(kind, details)`` where kind is
    ``type``, ``character``, ``date`` or ``lang``; None when the field is fine or absent.

    >>> field_problem({"lang": ["fr"]}, "lang")
    ('type', {'field': 'lang', 'expected': 'string or null', 'got': 'array'})
    >>> field_problem({"dct": "2022-13-45"}, "dct"), field_problem({"dct": 2022}, "dct")
    (('date', {'value': '"2022-13-45"'}), ('date', {'value': '2022'}))
    >>> field_problem({"title": "Le Mali"}, "title") is None
    True
    """
    if name not in obj:
        return None
    value = obj[name]
    types, one_line = FIELDS[name]
    if name == "dct" and json_type(value) not in types:
        return "date", {"value": json.dumps(value, ensure_ascii=False)}
    if json_type(value) not in types:
        return "type", {"field": name, "expected": " or ".join(types), "got": json_type(value)}
    if not isinstance(value, str):
        return None
    bad = bad_character(value, one_line=one_line)
    if bad:
        return "character", {"field": name, "char": bad[1], "offset": bad[0]}
    if name == "dct" and value and not iso_date(value):
        return "date", {"value": json.dumps(value, ensure_ascii=False)}
    if name == "lang" and value and not language_tag(value):
        return "lang", {"value": json.dumps(value, ensure_ascii=False)}
    return None


#: Languages whose model, gazetteers and lexicons newsgraph ships.
SUPPORTED_LANGUAGES = frozenset({"fr"})


def language_problem(article: Article) -> InputProblem | None:
    """The reason an article is skipped when newsgraph does not read its language (by its
    primary subtag: ``fr-CA`` is French), else None.

    >>> language_problem(Article(id="a", text="x", lang="fr-CA")) is None
    True
    >>> language_problem(Article(id="a", text="x", lang="en", path="a.txt")).reason[:6]
    '[E014]'
    """
    if article.lang.split("-")[0].lower() in SUPPORTED_LANGUAGES:
        return None
    return InputProblem(article.id, article.path or "", "skipped",
                        str(NewsgraphError(Errors.E014, path=article.path, lang=article.lang)))
