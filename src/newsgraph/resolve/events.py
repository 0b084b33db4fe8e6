"""One event per (type, source, target) within a document, every mention kept."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from ..extract.model import Event

SYMMETRIC = frozenset({"CONSULT", "COOPERATE", "AGREE"})


def event_key(e: Event) -> tuple:
    """(type, source, target), unordered for the types where direction means nothing.

    >>> a = Event("CONSULT", "a1", "a2", "rencontre", 0, 9, (0, 20))
    >>> b = Event("CONSULT", "a2", "a1", "reçu", 30, 34, (21, 40))
    >>> event_key(a) == event_key(b)
    True
    """
    if e.type in SYMMETRIC:
        return (e.type, *sorted([e.source or "", e.target or ""]))
    return (e.type, e.source, e.target)


def merge_events(events: Iterable[Event]) -> list[Event]:
    """Merge events of the same key; the first mention leads, the others are kept in
    ``extra["mentions"]``; a dated or planned mention fills what the first lacks."""
    merged: dict[tuple, Event] = {}
    for e in events:
        k = event_key(e)
        if k not in merged:
            merged[k] = replace(e, extra={**e.extra, "mentions": [(e.start, e.end, e.sentence)]})
            continue
        first = merged[k]
        first.extra["mentions"].append((e.start, e.end, e.sentence))
        updates = {}
        if not first.date and e.date:
            updates["date"] = e.date
        if not first.place and e.place:
            updates["place"] = e.place
        if first.target is None and e.target is not None:
            updates["target"] = e.target
        if updates:
            merged[k] = replace(first, **updates)
    return list(merged.values())
