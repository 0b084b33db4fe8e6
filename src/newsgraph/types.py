"""Type aliases shared across newsgraph."""
from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from collections.abc import Callable
from typing import Literal, Union

PathLike = Union[str, "os.PathLike[str]"]

ActorType = Literal["Person", "Organization", "Country"]
Modality = Literal["asserted", "planned", "negated", "reported", "hypothetical"]
Status = Literal["done", "skipped", "failed"]
AgreementStatus = Literal["proposed", "signed", "in_force", "suspended", "denounced", "ended"]
EventType = Literal[
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
]
#: A character span ``(start, end)`` in an article's original text.
CharSpan = tuple[int, int]
#: An actor's id within its document ("a1"): never parsed, only compared.
ActorId = str
KbKind = Literal["country", "capital", "org"]
#: ``progress(done, total)``: called as each article of a build is analysed.
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class KbRef:
    """What a gazetteer knows of a name: a country or its capital (by ISO 3166-1 alpha-2
    code) or a known organisation (by key).

    spaCy keeps a span's knowledge-base id as a string (``Span.kb_id_``); this is the one
    place that string is written (``str(ref)``) and read (:meth:`parse`).

    >>> ref = KbRef.parse("capital:ML")
    >>> ref.kind, ref.id, ref.iso, str(ref.state())
    ('capital', 'ML', 'ML', 'country:ML')
    >>> KbRef.parse(""), KbRef.parse("org:ecowas").iso
    (None, None)
    """

    kind: KbKind
    id: str

    def __str__(self) -> str:
        return f"{self.kind}:{self.id}"

    @staticmethod
    @lru_cache(maxsize=4096)
    def parse(text: str | None) -> KbRef | None:
        """The reference a span's ``kb_id_`` holds, or None."""
        kind, sep, ident = (text or "").partition(":")
        if not sep or kind not in ("country", "capital", "org"):
            return None
        return KbRef(kind, ident)  # type: ignore[arg-type]

    @property
    def iso(self) -> str | None:
        """The state's ISO code for a country or a capital."""
        return self.id if self.kind in ("country", "capital") else None

    def state(self) -> KbRef:
        """The country a capital stands for (a country is its own)."""
        return KbRef("country", self.id) if self.kind == "capital" else self
