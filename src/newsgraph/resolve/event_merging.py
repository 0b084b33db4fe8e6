"""One event per (type, source, target) within a document, every mention kept."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from ..records import Claim, Conflict, Event, EventMention

#: How far (in characters, about three sentences of news French) an event without a target
#: looks for the same event told with one ("cette visite" after "la visite de X au Mali").
NEAR = 500
#: PLOVER types where direction means nothing (a meeting, a cooperation, an agreement).
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


def dates_agree(a: str | None, b: str | None) -> bool:
    """Two dates of one event agree when one is missing or one contains the other.

    >>> dates_agree("2022-01", "2022-01-15"), dates_agree("2023-02-06/2023-02-07", "2023-01-06")
    (True, False)
    >>> dates_agree(None, "2020")
    True
    """
    if not a or not b:
        return True
    a0, b0 = a.split("/")[0], b.split("/")[0]
    return a0.startswith(b0) or b0.startswith(a0)


def merge_events(events: Iterable[Event], *, fill_targets: bool = True) -> tuple[list[Event], list[Conflict]]:
    """Merge events of the same key; the first mention leads, every mention is kept in
    ``mentions``; a dated or planned mention fills what the first lacks. An
    event with no target joins the nearest event of the same type, mode and source that
    has one within :data:`NEAR` characters ("cette visite de X" and "la visite de X au
    Mali"), or the only event of that type and source with a target there.

    Dates that disagree are kept as separate claims (``claims``) and returned as
    :class:`~newsgraph.records.Conflict` records.
    """
    events = list(events)

    def target_for(e: Event) -> str | None:
        # the nearest event of the same type, mode and source that has a target, within
        # a few sentences; else the only one of that type and source in that reach
        near = [x for x in events if x.target is not None and x.type == e.type and x.source == e.source
                and abs(x.start - e.start) <= NEAR]
        same_mode = [x for x in near if x.mode == e.mode]
        if same_mode:
            return min(same_mode, key=lambda x: abs(x.start - e.start)).target
        targets = {x.target for x in near}
        return next(iter(targets)) if len(targets) == 1 else None  # "le coup d'État qui a renversé X"

    if fill_targets:  # the model decides targets itself
        events = [replace(e, target=target_for(e)) if e.target is None and target_for(e) else e for e in events]
    merged: dict[tuple, Event] = {}
    for e in events:
        k = event_key(e)
        told = EventMention(e.start, e.end, e.sentence)
        if k not in merged:
            merged[k] = replace(e, mentions=(told,))
            continue
        first = merged[k]
        updates: dict = {"mentions": first.mentions + (told,)}
        if e.date and first.date and not dates_agree(first.date, e.date):
            claims = first.claims or (Claim(first.date, first.sentence),)
            if all(c.value != e.date for c in claims):
                claims += (Claim(e.date, e.sentence),)
            updates["claims"] = claims
        if not first.date and e.date:
            updates["date"] = e.date
        if not first.place and e.place:
            updates["place"] = e.place
        if first.target is None and e.target is not None:
            updates["target"] = e.target
        if e.modality == "planned" and first.modality == "asserted":
            updates["modality"] = "planned"
        merged[k] = replace(first, **updates)
    out = list(merged.values())
    conflicts = [Conflict(i, "date", e.claims) for i, e in enumerate(out) if e.claims]
    return out, conflicts
