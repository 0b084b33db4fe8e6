"""One agreement per name and parties within a document, and the events that act on one."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from ..records import Agreement, Event
from .names import fold


def merge_agreements(found: Iterable[Agreement]) -> list[Agreement]:
    """One agreement per name and set of parties; a later mention ("cette alliance", "cet
    accord") adds to the one named before; statuses and dates accumulate.

    >>> a = Agreement("accord de défense", ("a1", "a2"), 0, 5, (0, 30), status="signed")
    >>> b = Agreement("accord", (), 40, 46, (31, 60), status="denounced", anaphoric=True)
    >>> [(g.name, g.status) for g in merge_agreements([a, b])]
    [('accord de défense', 'signed')]
    """
    out: dict[tuple, Agreement] = {}

    def fold_into(key: tuple, g: Agreement) -> None:
        first = out[key]
        out[key] = replace(first, status=first.status or g.status, signed=first.signed or g.signed,
                           status_date=first.status_date or g.status_date, verbs=first.verbs + g.verbs,
                           history=first.history + g.history)

    for g in found:
        if not g.parties or g.anaphoric:  # "cette alliance est scellée en juillet 2019"
            head = fold(g.name).split()[0].rstrip("s")
            same = [k for k in out if k[0].split()[0] == head and set(g.parties) <= k[1]]
            if same:
                fold_into(same[-1], g)
                continue
            if not g.parties:
                continue
        key = (fold(g.name).rstrip("s"), frozenset(g.parties))
        if key in out:
            fold_into(key, g)
        else:
            out[key] = g
    return [current_status(g) for g in out.values()]


def current_status(g: Agreement) -> Agreement:
    """The status as of the article: the latest dated change, else the last one told."""
    if not g.history:
        return g
    dated = [h for h in g.history if h.date]
    last = max(dated, key=lambda h: h.date or "") if dated else g.history[-1]
    return replace(g, status=last.status, status_date=last.date or g.status_date)


def link_agreement(event: Event, deals: list[Agreement]) -> Event:
    """A sanction or agreement event whose verb acts on an agreement is aimed at the
    agreement's other party: "ont dénoncé les accords qui liaient leur pays à la France"."""
    if event.target is not None:
        return event
    for g in deals:
        if any(v[0] <= event.start < v[1] for v in g.verbs):
            others = [p for p in g.parties if p != event.source]
            if others:
                return replace(event, target=others[0])
    return event
