"""The PLOVER trigger lexicon (``data/events_fr.tsv``) as a lookup by lemma."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from .. import data


@dataclass(frozen=True)
class Trigger:
    lemma: str
    pos: str
    type: str
    mode: str | None
    frame: str


@lru_cache(maxsize=1)
def triggers() -> dict[tuple[str, str], Trigger]:
    """``(lemma, pos) -> Trigger``.

    >>> triggers()[("visite", "NOUN")].type
    'CONSULT'
    """
    out = {}
    for r in data.read_tsv("events_fr.tsv"):
        t = Trigger(r["lemma"], r["pos"], r["type"], r["mode"] or None, r["frame"] or "agent")
        out[(t.lemma, t.pos)] = t
    return out
