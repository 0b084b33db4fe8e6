"""The word lists of the date grammar (``data/timex_<lang>.json``) as regex pieces."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from os import PathLike

from ... import data


def _alt(words) -> str:
    """A regex alternation, longest first, spaces matching any run of white space.

    >>> _alt(["mai", "mars"])
    '(?:mars|mai)'
    """
    items = sorted({w for w in words}, key=len, reverse=True)
    return "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in items) + ")"


@dataclass(frozen=True, eq=False)
class Lexicon:
    """The vocabulary of the date grammar: named word lists and word -> value tables.

    Two lexicons are equal only if they are the same object, so that the grammar can
    compile its rules once per lexicon (see :func:`.grammar.rules_for`).

    >>> lex = Lexicon({"months": {"mai": 5, "mars": 3}, "numbers": {"douze": 12}})
    >>> lex["months"]["mai"], lex.alt("months"), lex.number("douze")
    (5, '(?:mars|mai)', 12)
    """

    raw: dict

    @classmethod
    def from_path(cls, path: str | PathLike) -> Lexicon:
        """A lexicon read from a JSON file laid out as ``data/timex_fr.json``.

        >>> import json, tempfile, os
        >>> with tempfile.TemporaryDirectory() as tmp:
        ...     path = os.path.join(tmp, "timex_xx.json")
        ...     with open(path, "w", encoding="utf-8") as f:
        ...         json.dump({"weekdays": {"lundi": 1}}, f)
        ...     Lexicon.from_path(path)["weekdays"]
        {'lundi': 1}
        """
        with open(path, encoding="utf-8") as f:
            return cls(json.load(f))

    def __getitem__(self, key: str):
        return self.raw[key]

    def alt(self, key: str) -> str:
        """The words of one list (or the keys of one table) as a regex alternation.

        >>> Lexicon({"this": ["ce", "cette"]}).alt("this")
        '(?:cette|ce)'
        """
        value = self.raw[key]
        return _alt(value.keys() if isinstance(value, dict) else value)

    def words(self, key: str) -> str:
        """The words of one list (or the keys of one table) as a regex alternation in
        their order, a space matching any run of white space and an apostrophe either
        apostrophe: the rules try them as the list gives them.

        >>> print(Lexicon({"ends": ["fin", "l'an prochain"]}).words("ends"))
        (?:fin|l['’]an\\s+prochain)
        """
        value = self.raw[key]
        return "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+").replace("'", "['’]") for w in value) + ")"

    def number(self, word: str) -> int | None:
        """A cardinal written in digits or in one of the words of ``numbers``.

        >>> lexicon().number("Douze"), lexicon().number("24"), lexicon().number("quelques")
        (12, 24, None)
        """
        w = word.lower().strip()
        if w.isdigit():
            return int(w)
        return self.raw["numbers"].get(w)


def lexicon(lang: str = "fr") -> Lexicon:
    """The vocabulary shipped for one language, read once: one object per language.

    >>> lexicon()["months"]["juillet"]
    7
    >>> lexicon("fr") is lexicon()
    True
    """
    return _shipped(lang)


@lru_cache(maxsize=4)
def _shipped(lang: str) -> Lexicon:
    # one cache key per language, however ``lexicon`` was called; the words are those
    # of the package's lexicon layer, read once
    return Lexicon(data.default_lexicons(lang).timex)


def number(word: str, lang: str = "fr") -> int | None:
    """A cardinal written in digits or words.

    >>> number("douze"), number("24"), number("quelques")
    (12, 24, None)
    """
    return lexicon(lang).number(word)
