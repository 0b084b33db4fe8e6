"""Calendar arithmetic for TIMEX3 values: year inference, weekdays, offsets.

All functions are pure and take the reference date explicitly.
"""
from __future__ import annotations

import calendar
import datetime as dt


def parse_iso(value: str | None) -> dt.date | None:
    """A date from an ISO string at any precision (the first day of the period).

    >>> parse_iso("2022-11"), parse_iso("2022-11-10T10:00"), parse_iso(None)
    (datetime.date(2022, 11, 1), datetime.date(2022, 11, 10), None)
    """
    if not value:
        return None
    v = value[:10]
    try:
        if len(v) == 10:
            return dt.date.fromisoformat(v)
        if len(v) == 7:
            return dt.date(int(v[:4]), int(v[5:7]), 1)
        if len(v) == 4 and v.isdigit():
            return dt.date(int(v), 1, 1)
    except ValueError:
        return None
    return None


def infer_year(month: int, day: int | None, ref: dt.date | None, direction: str | None) -> int | None:
    """The year of a day and month written without one.

    ``direction`` is ``past`` (the date is before the reference), ``future`` (after) or
    None (the closest).

    >>> infer_year(1, 6, dt.date(2022, 11, 10), None)
    2023
    >>> infer_year(3, 8, dt.date(1999, 7, 7), "past")
    1999
    >>> infer_year(12, 20, dt.date(2003, 1, 5), "past")
    2002
    >>> infer_year(4, 13, dt.date(2003, 2, 24), "future")
    2003
    """
    if ref is None:
        return None
    best = None
    for year in (ref.year - 1, ref.year, ref.year + 1):
        d = min(day or 1, calendar.monthrange(year, month)[1])
        cand = dt.date(year, month, d)
        delta = (cand - ref).days
        if day is None:  # a month: compare with the reference month
            delta = (year - ref.year) * 12 + month - ref.month
        if direction == "past" and delta > 0 or direction == "future" and delta < 0:
            continue
        if best is None or abs(delta) < abs(best[0]):
            best = (delta, year)
    return best[1] if best else ref.year


def weekday_date(weekday: int, ref: dt.date, direction: str | None) -> dt.date:
    """The date of a weekday (1 = Monday) near ``ref``: the last one for ``past``, the
    next one for ``future``, ``ref`` itself when it falls on that day.

    >>> weekday_date(2, dt.date(1999, 5, 20), "past")
    datetime.date(1999, 5, 18)
    >>> weekday_date(6, dt.date(1999, 5, 26), "future")
    datetime.date(1999, 5, 29)
    """
    diff = weekday - ref.isoweekday()
    if diff == 0:
        return ref
    if direction == "future":
        return ref + dt.timedelta(days=diff % 7)
    if direction == "past":
        return ref - dt.timedelta(days=(-diff) % 7)
    # no tense: the closer of the two
    after, before = diff % 7, (-diff) % 7
    return ref + dt.timedelta(days=after) if after < before else ref - dt.timedelta(days=before)


def shift(ref: dt.date, amount: int, unit: str) -> str:
    """``ref`` moved by ``amount`` units, at the unit's precision.

    >>> shift(dt.date(1999, 9, 13), -1, "Y"), shift(dt.date(2002, 1, 31), 1, "M")
    ('1998', '2002-02')
    >>> shift(dt.date(2002, 4, 2), -1, "W")
    '2002-W13'
    >>> shift(dt.date(2002, 4, 2), -3, "D")
    '2002-03-30'
    """
    if unit == "Y":
        return f"{ref.year + amount:04d}"
    if unit == "M":
        m = ref.month - 1 + amount
        return f"{ref.year + m // 12:04d}-{m % 12 + 1:02d}"
    if unit == "W":
        y, w, _ = (ref + dt.timedelta(weeks=amount)).isocalendar()
        return f"{y:04d}-W{w:02d}"
    if unit == "DE":
        return f"{(ref.year + 10 * amount) // 10:03d}"
    if unit == "CE":
        return f"{(ref.year + 100 * amount) // 100:02d}"
    if unit == "WE":
        y, w, _ = (ref + dt.timedelta(weeks=amount)).isocalendar()
        return f"{y:04d}-W{w:02d}-WE"
    return (ref + dt.timedelta(days=amount)).isoformat()


def duration(amount: float | None, unit: str) -> str:
    """A TIMEX3 duration value; None for a vague amount ("plusieurs jours").

    >>> duration(2, "Y"), duration(20, "M"), duration(None, "D"), duration(1.5, "H")
    ('P2Y', 'P20M', 'PXD', 'PT1.5H')
    >>> duration(20, "MIN")
    'PT20M'
    """
    n = "X" if amount is None else (str(int(amount)) if float(amount).is_integer() else str(amount))
    if unit in ("S", "H", "MIN"):
        return f"PT{n}{'M' if unit == 'MIN' else unit}"
    if unit == "DE":
        return f"P{n}DE" if n == "X" else f"P{int(float(n) * 10)}Y"
    if unit == "CE":
        return f"P{n}CE" if n == "X" else f"P{int(float(n) * 100)}Y"
    return f"P{n}{unit}"
