"""Scores of extracted events against the gold, as the kit's scorer counts them: distinct
(type, source, target) per document after actor alignment, direction ignored for
CONSULT, COOPERATE and AGREE; an actor that aligns to no gold actor matches nothing."""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

SYMMETRIC = frozenset({"CONSULT", "COOPERATE", "AGREE"})


@dataclass
class Counts:
    """True positives and totals, summed over documents."""

    tp: int = 0
    system: int = 0
    gold: int = 0

    def add(self, tp: int, system: int, gold: int) -> None:
        self.tp += tp
        self.system += system
        self.gold += gold

    @property
    def f1(self) -> float:
        """F1 (0 when nothing was found or expected).

        >>> c = Counts(); c.add(1, 2, 4); round(c.f1, 3)
        0.333
        """
        p = self.tp / self.system if self.system else 0.0
        r = self.tp / self.gold if self.gold else 0.0
        return 2 * p * r / (p + r) if p + r else 0.0

    def summary(self) -> dict[str, float]:
        p = self.tp / self.system if self.system else 0.0
        r = self.tp / self.gold if self.gold else 0.0
        return {"p": round(p, 3), "r": round(r, 3), "f1": round(self.f1, 3), "system": self.system,
                "gold": self.gold}


def event_key(kind: str, source: str | None, target: str | None, typed: bool = True) -> tuple:
    """The key an event is counted by.

    >>> event_key("CONSULT", "b", "a") == event_key("CONSULT", "a", "b")
    True
    """
    kind = kind if typed else ""
    if not typed or kind in SYMMETRIC:
        source, target = sorted([str(source), str(target)])
    return (kind, str(source), str(target))


def document_keys(events: Iterable[tuple[str, str | None, str | None]], mapping: Mapping[str, str],
                  typed: bool = True) -> set[tuple]:
    """Our events' keys with our actor ids mapped to the gold's."""
    def gold_id(x: str | None) -> str | None:
        return None if x is None else mapping.get(x, f"ours:{x}")

    return {event_key(k, gold_id(s), gold_id(t), typed) for k, s, t in events}


def gold_keys(gold: Mapping, typed: bool = True) -> set[tuple]:
    return {event_key(e["type"], e.get("source"), e.get("target"), typed) for e in gold.get("events", [])}


def score_events(found: Mapping[str, Iterable[tuple[str, str | None, str | None]]],
                 mappings: Mapping[str, Mapping[str, str]], golds: Mapping[str, Mapping],
                 typed: bool = True) -> Counts:
    """Event counts over the documents of ``golds``."""
    counts = Counts()
    for doc_id, gold in golds.items():
        ours = document_keys(found.get(doc_id, ()), mappings.get(doc_id, {}), typed)
        theirs = gold_keys(gold, typed)
        counts.add(len(ours & theirs), len(ours), len(theirs))
    return counts
