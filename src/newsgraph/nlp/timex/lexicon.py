"""The word lists of the date grammar (``data/timex_<lang>.json``) as regex pieces."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache

from ... import data


def _alt(words) -> str:
    """A regex alternation, longest first, spaces matching any run of white space.

    >>> _alt(["mai", "mars"])
    '(?:mars|mai)'
    """
    items = sorted({w for w in words}, key=len, reverse=True)
    return "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in items) + ")"


@dataclass(frozen=True)
class Lexicon:
    raw: dict

    def __getitem__(self, key: str):
        return self.raw[key]

    def alt(self, key: str) -> str:
        value = self.raw[key]
        return _alt(value.keys() if isinstance(value, dict) else value)


@lru_cache(maxsize=4)
def lexicon(lang: str = "fr") -> Lexicon:
    """The vocabulary of one language.

    >>> lexicon()["months"]["juillet"]
    7
    """
    return Lexicon(json.loads(data.read_text(f"timex_{lang}.json")))


def number(word: str, lang: str = "fr") -> int | None:
    """A cardinal written in digits or words.

    >>> number("douze"), number("24"), number("quelques")
    (12, 24, None)
    """
    w = word.lower().strip()
    if w.isdigit():
        return int(w)
    return lexicon(lang)["numbers"].get(w)
