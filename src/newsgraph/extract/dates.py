"""The date of an event: the temporal expression of its clause, else of its sentence."""
from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.tokens import Doc, Span, Token

from ..ingest.fields import iso_date
from ..records import Timex

_CONCRETE = re.compile(r"^\d{4}")
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def on_the_calendar(value: str) -> bool:
    """Whether every day a date value names is one the calendar has.

    >>> on_the_calendar("2022-02-28/2022-03-01"), on_the_calendar("2022-02-30"), on_the_calendar("2022-W05")
    (True, False, True)
    """
    return all(iso_date(day) for day in _DAY.findall(value))


def event_value(t: Timex) -> str:
    """The date an event takes from a timex: the interval of a range, the day of a
    time ("2022-11-10T10:00" -> "2022-11-10").

    >>> event_value(Timex(0, 5, "6", "DATE", "2023-01-06", "2023-01-06/2023-01-07"))
    '2023-01-06/2023-01-07'
    >>> event_value(Timex(0, 5, "hier soir", "TIME", "1999-05-20TEV"))
    '1999-05-20'
    """
    if t.interval:
        return t.interval
    return t.value.split("T")[0]


def dated_spans(doc: Doc, timexes: Sequence[Timex]) -> list[tuple[Timex, Span]]:
    """The timexes of ``doc`` that can date an event (a concrete calendar date or time)
    with their spans: what :func:`date_of` reads, to compute once per document."""
    out = []
    for t in timexes:
        if t.type not in ("DATE", "TIME") or not _CONCRETE.match(t.value) or not on_the_calendar(t.value):
            continue
        span = doc.char_span(t.start, t.end, alignment_mode="expand")
        if span is not None and len(span):
            out.append((t, span))
    return out


def date_of(trigger: Token, timexes: Sequence[Timex],
            spans: Sequence[tuple[Timex, Span]] | None = None) -> str | None:
    """The date of the event ``trigger`` names (``spans``: :func:`dated_spans` of the
    timexes, when the caller has them).

    A timex attached to the trigger's clause (its head is the trigger, the trigger's
    verb, or one of their ancestors) wins; else the closest timex of the sentence.
    """
    sent_start = trigger.sent.start
    candidates = [(t, s) for t, s in (dated_spans(trigger.doc, timexes) if spans is None else spans)
                  if s.sent.start == sent_start]
    # "depuis 2013" says since when a state holds, not when the event took place
    punctual = [(t, s) for t, s in candidates
                if not (s.start > 0 and s.doc[s.start - 1].lower_ in ("depuis", "pendant", "durant"))]
    candidates = punctual or candidates
    if not candidates:
        return None
    clause = {trigger.i, trigger.head.i}
    clause.update(a.i for a in list(trigger.ancestors)[:2])
    attached = [(t, s) for t, s in candidates
                if s.root.head.i in clause or s.root.head.head.i in clause]
    pool = attached or candidates
    best = min(pool, key=lambda ts: abs(ts[1].start - trigger.i))
    return event_value(best[0])
