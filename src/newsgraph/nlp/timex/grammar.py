"""A rule grammar for temporal expressions: regular expressions built from the word
lists of a :class:`.lexicon.Lexicon` (:func:`rules_for`), each rule with a function that
computes the TIMEX3 value (:data:`VALUES`).

:func:`find_timexes` is a pure function of a text, its publication date and a callable
that says the tense of the clause around a span (the spaCy component supplies it from
the morphologizer; without it, tense-dependent expressions fall back to the closest
reading).
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from ...records import Timex
from .lexicon import Lexicon
from .lexicon import lexicon as language_lexicon  # find_timexes' keyword ``lexicon`` hides the name
from .normalize import duration, infer_year, parse_iso, shift, weekday_date

#: ``tense_at(start, end)`` -> "past", "future", "present" or None.
TenseAt = Callable[[int, int], "str | None"]


@dataclass
class Context:
    dct: dt.date | None
    anchor: dt.date | None  # the last explicit day or month, for texts without dct
    tense: str | None
    lex: Lexicon
    sentence_day: dt.date | None = None
    prep_direction: str | None = None  # "depuis mardi": past; "jusqu'au 30 juin": future
    last_day: dt.date | None = None    # the last day written before, for "dans la soirée"

    @property
    def ref(self) -> dt.date | None:
        return self.dct or self.anchor

    @property
    def month_ref(self) -> dt.date | None:
        """The reference for a month or day written without a year."""
        return self.ref


B = r"(?<![\w-])"     # word start ("d'hier" has "hier")
E = r"(?![\w-])"      # word end
S = r"\s+"


def rules(lang: str = "fr") -> list[tuple[str, re.Pattern[str]]]:
    """The rules of the lexicon shipped for ``lang`` (see :func:`rules_for`).

    >>> [name for name, _ in rules()][:5]
    ['range', 'pair', 'date', 'wdday', 'numdate']
    """
    return rules_for(language_lexicon(lang))


@lru_cache(maxsize=8)
def rules_for(lx: Lexicon) -> list[tuple[str, re.Pattern[str]]]:
    """The grammar's rules over the words of ``lx``, as ``(name, compiled pattern)``;
    named groups carry the parts. Compiled once per Lexicon object.

    >>> rules_for(language_lexicon()) is rules("fr")
    True
    >>> dict(rules())["date"].search("le jeudi 10 novembre 2022").groupdict()["m"]
    'novembre'
    """
    month = f"(?:{lx.alt('months')}|{lx.alt('month_abbreviations')}\\.?)"
    wday = lx.alt("weekdays")
    day = r"(?:[12]?\d|3[01])(?:er|ᵉʳ)?|" + lx.words("ordinal_days")
    year = r"(?:1[5-9]\d\d|20\d\d)"
    num = r"(?:\d+(?:[.,]\d+)?|" + lx.alt("numbers")[3:-1] + ")"
    vague = lx.alt("vague_numbers")
    unit = lx.alt("units")
    part = lx.alt("parts_of_day")
    past = lx.alt("past_words")
    fut = lx.alt("future_words")
    mod = f"(?:{past}|{fut})"
    season, this = lx.alt("seasons"), lx.alt("this")
    edge = lx.words("edge_words")
    decade_words = r"(?:\d0|19\d0|20\d0|" + lx.alt("decade_words")[3:]
    w = lx.words
    r = [
        ("range", rf"{B}(?:du|des){S}(?P<d1>{day})(?:{S}(?P<m1>{month}))?{S}(?:au|à){S}(?P<d2>{day}){S}(?P<m>{month})(?:{S}(?P<y>{year}))?{E}"),
        ("pair", rf"{B}les{S}(?P<d1>{day}){S}et{S}(?P<d2>{day}){S}(?P<m>{month})(?:{S}(?P<y>{year}))?{E}"),
        ("date", rf"{B}(?:(?:le|ce){S})?(?:(?P<wd>{wday}){S})?(?P<d>{day}){S}(?P<m>{month})(?:{S}(?P<y>{year}|'?\d\d(?!\s*h)))?(?:{S}(?P<mod>{mod}))?(?:{S}(?:au{S})?(?P<part>{part}))?{E}"),
        ("wdday", rf"{B}(?:le{S})?(?P<wd>{wday}){S}(?P<d>{day}){E}(?!{S}{month})"),
        ("numdate", rf"{B}(?P<d>[0-3]?\d)[/.](?P<m>[01]?\d)[/.](?P<y>(?:19|20)?\d\d){E}"),
        ("yearrange", rf"{B}(?P<y1>{year})\s*[-–/]\s*(?P<y2>{year}){E}"),
        ("monthrange", rf"{B}(?P<m1>{month})\s*[-–]\s*(?P<m2>{month}){E}"),
        ("monthof", rf"{B}(?:le{S})?{w('month_nouns')}{S}d['’e]\s*(?P<m>{month})(?:{S}(?P<y>{year}))?{E}"),
        ("yearedge", rf"{B}(?:la|le){S}(?P<edge>{w('year_edges')}){S}de{S}l['’]{w('year_nouns')}{E}"),
        ("sameday", rf"{B}le{S}{w('same_words')}{S}{w('day_nouns')}{E}|{B}le{S}(?P<part>{w('same_day_parts')}){S}{w('same_words')}{E}"),
        ("adjset", rf"{B}(?P<adj>{lx.alt('set_adjectives')}){E}"),
        ("night", rf"{B}(?P<adj>{w('night_adjectives')}){E}"),
        ("lastdays", rf"{B}(?:ces|les){S}(?P<mod>{mod}){S}(?P<unit>{w('plural_units')}){E}"),
        ("monthyear", rf"{B}(?:(?P<edge>{edge}){S}(?:de{S}|d'|d’)?)?(?P<m>{month}){S}(?P<y>{year}|'?\d\d(?![\d\s]*(?:h|%|{w('age_units')})\b)){E}"),
        ("month", rf"{B}(?:(?P<edge>{edge}){S}(?:de{S}|d'|d’)?)?(?P<m>{month})(?:{S}(?P<mod>{mod}))?{E}"),
        ("decade", rf"{B}(?:les{S})?{w('decade_nouns')}{S}(?P<dec>{decade_words}){E}"),
        ("season", rf"{B}(?:(?P<this>{this}){S}|(?P<pre>l['’]|en{S}|d['’]|au{S}|de{S}l['’]|les{S}{w('month_nouns')}{S}d['’]))?(?P<season>{season})(?:{S}(?:(?P<y>{year})|(?P<mod>{mod})))?{E}"),
        ("yearphrase", rf"{B}(?:l['’]{w('year_nouns')}{S}|(?P<edge>{edge}){S}(?:de{S}l['’]{w('year_phrase_nouns')}{S})?)(?P<y>{year}){E}"),
        ("year", rf"{B}(?P<y>{year}){E}(?![.,]\d)(?!{S}\d)"),
        ("relday", rf"{B}(?P<rel>{w('relative_days')})(?:{S}(?:au{S})?(?P<part>{part}))?{E}"),
        ("anaday", rf"{B}(?P<rel>{w('anaphoric_days')})(?:{S}(?:au{S})?(?P<part>{part}))?{E}"),
        ("thispart", rf"{B}(?P<this>{this}){S}(?P<what>{part}|{w('this_periods')})(?:-ci|-là)?{E}"),
        ("relperiod", rf"{B}(?:(?P<edge>{w('period_edges')}){S}(?:de{S})?)?(?:l['’]|le{S}|la{S})?(?P<what>{w('relative_periods')}){S}(?P<mod>{mod}){E}"),
        ("ago", rf"{B}il{S}y{S}a{S}(?P<n>{num}){S}(?P<unit>{unit}){E}"),
        ("in", rf"{B}dans{S}(?P<n>{num}){S}(?P<unit>{unit}){E}"),
        ("duration", rf"{B}(?:(?:ces|les){S}(?P<mod>{mod}){S})?(?:(?P<n>{num})|(?P<vague>{vague})|(?P<frac>un{S}{w('quarter_words')}|une?{S}{w('half_words')})(?:-|{S}de{S}|{S}))(?:{S}|-)?(?P<unit>{unit})(?P<half>{S}et{S}{w('half_words')}e?)?{E}"),
        ("time", rf"{B}(?:vers{S})?(?P<h>[01]?\d|2[0-3])\s*{w('hour_words')}\s*(?P<min>[0-5]\d)?(?:{S}(?P<loc>{w('local_words')}))?{E}"),
        ("clock", rf"{B}(?P<h>[01]?\d|2[0-3]):(?P<min>[0-5]\d){E}"),
        ("wday", rf"{B}(?P<wd>{wday})(?:{S}(?P<mod>{mod}))?(?:{S}(?P<part>{part}))?(?:{S}(?P<mod2>{mod}))?{E}"),
        ("set", rf"{B}(?P<q>{w('set_words')}){S}(?:(?P<n>{num}){S})?(?P<what>{unit}|{wday}s?|{part}s?){E}"),
        ("per", rf"{B}{w('set_per')}{S}(?P<what>{w('per_units')}){E}"),
        ("ref", rf"{B}(?P<ref>{lx.alt('refs')}){E}"),
        ("partalone", rf"{B}(?:(?:la|le|l['’]|en|dans{S}la)\s*)?(?P<part>{w('alone_parts')}){E}"),
    ]
    return [(name, re.compile(p, re.IGNORECASE)) for name, p in r]


def _month(lx: Lexicon, word: str) -> int:
    w = word.lower().rstrip(".")
    return lx["months"].get(w) or lx["month_abbreviations"][w]


def _day(lx: Lexicon, word: str) -> int:
    """The day of the month a day is written as: "1er", "15", "premier" (``ordinal_days``)."""
    if word.lower() in lx["ordinal_days"]:
        return lx["ordinal_days"][word.lower()]
    return int(word.lower().replace("ᵉʳ", "").replace("er", ""))


def _direction(ctx: Context, mod: str | None) -> str | None:
    if mod:
        m = mod.lower()
        if m in ctx.lex["past_words"]:
            return "past"
        if m in ctx.lex["future_words"]:
            return "future"
    return {"past": "past", "future": "future"}.get(ctx.tense or "")


def _explicit_direction(ctx: Context, mod: str | None) -> str | None:
    """For a day or month without a year, only words decide ("dernier", "depuis",
    "jusqu'au"); the tense does not, as such dates are mostly the closest ones."""
    if mod:
        return _direction(ctx, mod)
    return ctx.prep_direction


def _part_code(lx: Lexicon, part: str | None) -> str | None:
    if not part:
        return None
    return lx["parts_of_day"].get(re.sub(r"\s+", " ", part.lower()))


def _with_part(date: str, code: str | None) -> tuple[str, str]:
    if not code:
        return "DATE", date
    if code.startswith("T"):
        return "TIME", date + code
    return "TIME", f"{date}T{code}"


def _ymd(y: int | None, m: int, d: int | None) -> str:
    ys = f"{y:04d}" if y else "XXXX"
    return f"{ys}-{m:02d}" + (f"-{d:02d}" if d else "")


#: Rules whose value counts from the publication date; without one they only say
#: whether they point to the past, the present or the future.
DCT_RELATIVE = frozenset({"relday", "thispart", "relperiod", "ago", "in", "partalone", "lastdays"})


def _full_year(word: str) -> int:
    """A year written with four digits or two ("'98", "03").

    >>> _full_year("1999"), _full_year("'98"), _full_year("03")
    (1999, 1998, 2003)
    """
    y = int(word.lstrip("'’"))
    return y + (1900 if y > 30 else 2000) if y < 100 else y


def _pointing(name: str, g: dict, ctx: Context) -> tuple[str, str]:
    """The value of a :data:`DCT_RELATIVE` rule without a publication date: only the
    direction it points to.

    >>> ctx = Context(None, None, None, language_lexicon())
    >>> _pointing("relday", {"rel": "hier"}, ctx), _pointing("relperiod", {"mod": "prochaine"}, ctx)
    (('DATE', 'PAST_REF'), ('DATE', 'FUTURE_REF'))
    >>> _pointing("ago", {}, ctx), _pointing("lastdays", {"mod": "derniers"}, ctx)
    (('DATE', 'PAST_REF'), ('DURATION', 'PXD'))
    """
    direction = _direction(ctx, g.get("mod")) or ("past" if name == "ago" else None)
    if name == "relday":
        offset = ctx.lex["relative_days"][re.sub(r"\s+", " ", g["rel"].lower()).replace("’", "'")]
        direction = "past" if offset < 0 else "future" if offset > 0 else "present"
    ref_value = {"past": "PAST_REF", "future": "FUTURE_REF"}.get(direction or "", "PRESENT_REF")
    return ("DURATION", duration(None, "D")) if name == "lastdays" else ("DATE", ref_value)


def _value_date(g: dict, ctx: Context) -> tuple[str, str] | None:
    """A day and a month, with or without a year, a weekday, a modifier or a part of the
    day: "le 1er juillet 1999", "jeudi 16 septembre", "le 26 septembre dernier".

    >>> ctx = Context(dt.date(2002, 2, 9), None, None, language_lexicon())
    >>> _value_date({"d": "26", "m": "septembre", "mod": "dernier"}, ctx)
    ('DATE', '2001-09-26')
    >>> _value_date({"wd": "lundi", "d": "16", "m": "septembre"}, ctx)  # a Monday in 2002
    ('DATE', '2002-09-16')
    >>> _value_date({"d": "1er", "m": "mai", "y": "98", "part": "soir"}, ctx)
    ('TIME', '1998-05-01TEV')

    A day the calendar does not have is no date (no output may carry it):

    >>> _value_date({"d": "30", "m": "février", "y": "2022"}, ctx) is None
    True
    >>> _value_date({"d": "29", "m": "février"}, ctx), _value_date({"d": "31", "m": "avril"}, ctx)
    (None, None)
    >>> _value_date({"d": "29", "m": "février", "y": "2024"}, ctx)
    ('DATE', '2024-02-29')
    """
    lx = ctx.lex
    m, d = _month(lx, g["m"]), _day(lx, g["d"])
    if not _valid(2000, m, d):  # "31 avril", "30 février": in no year (2000 is a leap year)
        return None
    y: int | None
    if g.get("y"):
        y = _full_year(g["y"])
    elif g.get("wd") and ctx.month_ref:
        # the weekday tells the year: "jeudi 16 septembre"
        wd = lx["weekdays"][g["wd"].lower()]
        base = ctx.month_ref
        fits = [yy for yy in (base.year, base.year + 1, base.year - 1)
                if _valid(yy, m, d) and dt.date(yy, m, d).isoweekday() == wd]
        y = fits[0] if fits else infer_year(m, d, base, _direction(ctx, g.get("mod")))
    else:
        y = infer_year(m, d, ctx.month_ref, _explicit_direction(ctx, g.get("mod")))
    if y and not _valid(y, m, d):  # "29 février 2022", or taken to be in 2002
        return None
    return _with_part(_ymd(y, m, d), _part_code(lx, g.get("part")))


def _value_numdate(g: dict, ctx: Context) -> tuple[str, str] | None:
    """A day written in digits, day first: "12/03/2023", "12.03.23"; None for an
    impossible month or day.

    >>> _value_numdate({"d": "12", "m": "03", "y": "23"}, None)
    ('DATE', '2023-03-12')
    >>> _value_numdate({"d": "12", "m": "13", "y": "1999"}, None) is None
    True
    """
    m, d, y = int(g["m"]), int(g["d"]), int(g["y"])
    if not (1 <= m <= 12 and 1 <= d <= 31):
        return None
    y = y + (2000 if y < 50 else 1900) if y < 100 else y
    return "DATE", _ymd(y, m, d)


def _value_wdday(g: dict, ctx: Context) -> tuple[str, str] | None:
    """A weekday and a day without a month ("le mardi 14"): the month of the sentence's
    day or of the reference."""
    base = ctx.sentence_day or ctx.ref
    if base is None:
        return None
    d = _day(ctx.lex, g["d"])
    y, m = base.year, base.month
    return "DATE", _ymd(y, m, d)


def _value_monthyear(g: dict, ctx: Context) -> tuple[str, str] | None:
    """A month and a year: "janvier 2022", "fin mars 2003".

    >>> _value_monthyear({"m": "janv.", "y": "2022"}, Context(None, None, None, language_lexicon()))
    ('DATE', '2022-01')
    """
    y = _full_year(g["y"])
    return "DATE", f"{y:04d}-{_month(ctx.lex, g['m']):02d}"


def _value_month(g: dict, ctx: Context) -> tuple[str, str] | None:
    """A month, its year inferred unless written: "en juillet", "le mois d'août 2002",
    "mars dernier".

    >>> ctx = Context(dt.date(2003, 1, 5), None, None, language_lexicon())
    >>> _value_month({"m": "décembre", "mod": "dernier"}, ctx), _value_month({"m": "août", "y": "2002"}, ctx)
    (('DATE', '2002-12'), ('DATE', '2002-08'))
    """
    m = _month(ctx.lex, g["m"])
    if g.get("y"):
        return "DATE", f"{int(g['y']):04d}-{m:02d}"
    y = infer_year(m, None, ctx.month_ref, _explicit_direction(ctx, g.get("mod")))
    return "DATE", _ymd(y, m, None)


def _value_yearedge(g: dict, ctx: Context) -> tuple[str, str] | None:
    """"la fin de l'année": the reference's year."""
    ref = ctx.ref
    return ("DATE", f"{ref.year:04d}") if ref else None


def _value_sameday(g: dict, ctx: Context) -> tuple[str, str] | None:
    """"le même jour", "le soir même": the day last written in the sentence, else the
    first explicit date, else the publication date."""
    base = ctx.sentence_day or ctx.anchor or ctx.dct
    if base is None:
        return None
    return _with_part(base.isoformat(), _part_code(ctx.lex, g.get("part")))


def _value_adjset(g: dict, ctx: Context) -> tuple[str, str] | None:
    """"annuel", "hebdomadaire", "mensuel": a yearly, weekly or monthly SET.

    >>> _value_adjset({"adj": "Hebdomadaires"}, Context(None, None, None, language_lexicon()))
    ('SET', 'P1W')
    """
    return "SET", ctx.lex["set_adjectives"][g["adj"].lower()]


def _value_night(g: dict, ctx: Context) -> tuple[str, str] | None:
    """"nocturne": the night."""
    return "TIME", "TNI"


def _value_lastdays(g: dict, ctx: Context) -> tuple[str, str] | None:
    """"ces derniers jours", "les prochaines semaines": a vague duration.

    >>> _value_lastdays({"unit": "semaines"}, Context(None, None, None, language_lexicon()))
    ('DURATION', 'PXW')
    """
    return "DURATION", duration(None, ctx.lex["units"][g["unit"].lower()])


def _value_decade(g: dict, ctx: Context) -> tuple[str, str] | None:
    """"les années 60", "années quatre-vingt", "années 2000".

    >>> ctx = Context(None, None, None, language_lexicon())
    >>> [_value_decade({"dec": d}, ctx)[1] for d in ("60", "quatre-vingt", "2000")]
    ['196X', '198X', '200X']
    """
    dec = g["dec"].lower()
    words = ctx.lex["decade_words"]
    if dec in words:
        return "DATE", f"19{words[dec]}X"
    if len(dec) == 2:
        return "DATE", f"19{dec[0]}X"
    return "DATE", f"{dec[:3]}X"


def _value_season(g: dict, ctx: Context) -> tuple[str, str] | None:
    """"au printemps 2021", "cet hiver", "l'été dernier".

    >>> ctx = Context(dt.date(2002, 9, 14), None, None, language_lexicon())
    >>> _value_season({"season": "été", "mod": "dernier"}, ctx), _value_season({"season": "hiver"}, ctx)
    (('DATE', '2001-SU'), ('DATE', '2002-WI'))
    """
    ref = ctx.ref
    code = ctx.lex["seasons"][g["season"].lower()]
    if g.get("y"):
        return "DATE", f"{g['y']}-{code}"
    if ref is None:
        return "DATE", f"XXXX-{code}"
    direction = _direction(ctx, g.get("mod"))
    year = ref.year + (1 if direction == "future" and g.get("mod") else -1 if g.get("mod") and direction == "past" else 0)
    return "DATE", f"{year:04d}-{code}"


def _value_year(g: dict, ctx: Context) -> tuple[str, str] | None:
    """A year: "2013", "l'année 1999", "fin 2020"."""
    return "DATE", f"{int(g['y']):04d}"


def _offset_day(g: dict, ctx: Context, base: dt.date | None) -> tuple[str, str] | None:
    """The day ``relative_days`` or ``anaphoric_days`` puts ``g["rel"]`` from ``base``."""
    lx = ctx.lex
    word = re.sub(r"\s+", " ", g["rel"].lower()).replace("’", "'")
    offsets = {**lx["relative_days"], **lx["anaphoric_days"]}
    if base is None:
        return None
    day = (base + dt.timedelta(days=offsets[word])).isoformat()
    return _with_part(day, _part_code(lx, g.get("part")))


def _value_relday(g: dict, ctx: Context) -> tuple[str, str] | None:
    """"hier", "demain matin", "aujourd'hui": from the publication date.

    >>> _value_relday({"rel": "hier", "part": "soir"}, Context(dt.date(1999, 5, 21), None, None, language_lexicon()))
    ('TIME', '1999-05-20TEV')
    """
    return _offset_day(g, ctx, ctx.dct)


def _value_anaday(g: dict, ctx: Context) -> tuple[str, str] | None:
    """"la veille", "le lendemain": from the day last written in the sentence, else
    the first explicit date, else the publication date."""
    return _offset_day(g, ctx, ctx.sentence_day or ctx.anchor or ctx.dct)


def _value_thispart(g: dict, ctx: Context) -> tuple[str, str] | None:
    """"ce matin", "cette année", "ce trimestre", "ce week-end".

    >>> ctx = Context(dt.date(2003, 1, 4), None, None, language_lexicon())
    >>> [_value_thispart({"what": w}, ctx) for w in ("matin", "année", "trimestre")]
    [('TIME', '2003-01-04TMO'), ('DATE', '2003'), ('DATE', '2003-Q1')]
    """
    ref = ctx.ref
    what = g["what"].lower()
    if ref is None:
        return None
    code = _part_code(ctx.lex, what)
    if code:
        return _with_part((ctx.dct or ref).isoformat(), code)
    unit = ctx.lex["units"].get(what)  # a period of ``this_periods``
    if unit == "Y":
        return "DATE", f"{ref.year:04d}"
    if unit == "M":
        return "DATE", f"{ref.year:04d}-{ref.month:02d}"
    if unit == "Q":
        return "DATE", f"{ref.year:04d}-Q{(ref.month - 1) // 3 + 1}"
    return "DATE", shift(ref, 0, "WE" if unit == "WE" else "W")


def _value_relperiod(g: dict, ctx: Context) -> tuple[str, str] | None:
    """"l'an dernier", "la semaine prochaine", "le trimestre précédent".

    >>> ctx = Context(dt.date(2002, 4, 2), None, None, language_lexicon())
    >>> _value_relperiod({"what": "semaine", "mod": "prochaine"}, ctx)
    ('DATE', '2002-W15')
    >>> _value_relperiod({"what": "trimestre", "mod": "dernier"}, ctx)
    ('DATE', '2002-Q1')
    """
    ref = ctx.ref
    if ref is None:
        return None
    what = g["what"].lower()
    unit = ctx.lex["units"][what]
    direction = _direction(ctx, g.get("mod"))
    step = -1 if direction == "past" else 1
    if unit == "Q":
        q = (ref.month - 1) // 3 + step
        return "DATE", f"{ref.year + q // 4:04d}-Q{q % 4 + 1}"
    return "DATE", shift(ref, step, unit)


def _counted(g: dict, ctx: Context, sign: int) -> tuple[str, str] | None:
    """The date ``g["n"]`` units before (``sign`` -1) or after (+1) the publication date."""
    lx = ctx.lex
    base = ctx.dct or ctx.ref
    if base is None:
        return None
    u = lx["units"][g["unit"].lower()]
    if g.get("vague") or not g.get("n"):
        return "DATE", "PAST_REF" if sign < 0 else "FUTURE_REF"
    n = lx.number(g["n"]) or 0
    if u in lx["time_units"] and g["unit"].lower() not in lx["month_units"]:
        return "DATE", base.isoformat()  # minutes, hours: the day itself
    if u == "W":
        return "DATE", (base + dt.timedelta(weeks=sign * n)).isoformat()
    return "DATE", shift(base, sign * n, "D" if u == "D" else u)


def _value_ago(g: dict, ctx: Context) -> tuple[str, str] | None:
    """"il y a trois jours".

    >>> _value_ago({"n": "trois", "unit": "jours"}, Context(dt.date(2002, 4, 2), None, None, language_lexicon()))
    ('DATE', '2002-03-30')
    """
    return _counted(g, ctx, -1)


def _value_in(g: dict, ctx: Context) -> tuple[str, str] | None:
    """"dans deux semaines".

    >>> _value_in({"n": "2", "unit": "semaines"}, Context(dt.date(2002, 4, 2), None, None, language_lexicon()))
    ('DATE', '2002-04-16')
    """
    return _counted(g, ctx, 1)


def _value_duration(g: dict, ctx: Context) -> tuple[str, str] | None:
    """"deux ans", "plusieurs jours", "une demi-heure", "trois heures et demie".

    >>> ctx = Context(None, None, None, language_lexicon())
    >>> groups = [{"n": "deux", "unit": "ans"}, {"vague": "plusieurs", "unit": "jours"},
    ...           {"frac": "une demi", "unit": "heure"}, {"n": "3", "unit": "heures", "half": " et demie"}]
    >>> [_value_duration(g, ctx) for g in groups]
    [('DURATION', 'P2Y'), ('DURATION', 'PXD'), ('DURATION', 'PT0.5H'), ('DURATION', 'PT3.5H')]
    """
    word = g["unit"].lower()
    u = ctx.lex["units"][word]
    if word in ctx.lex["minute_units"]:
        u = "MIN"
    if g.get("vague"):
        amount = None
    elif g.get("frac"):
        amount = 0.25 if any(q in g["frac"].lower() for q in ctx.lex["quarter_words"]) else 0.5
        if u == "CE" and amount == 0.25:
            return "DURATION", "P25Y"
    else:
        amount = ctx.lex.number(g["n"].replace(",", "."))
        if amount is None:
            try:
                amount = float(g["n"].replace(",", "."))
            except ValueError:
                return None
    if g.get("half") and amount is not None:
        amount += 0.5
    if u == "WE":
        return "DURATION", f"P{'X' if amount is None else int(amount)}WE"
    if u == "Q":
        return "DURATION", f"P{'X' if amount is None else int(amount * 3)}M"
    return "DURATION", duration(amount, u)


def _value_time(g: dict, ctx: Context) -> tuple[str, str] | None:
    """A clock time, "14 h 30", "vers 9 heures", "18:45", on the sentence's day, else
    the publication date (:func:`_anchor_times` may give it a closer day later).

    >>> _value_time({"h": "9", "min": None}, Context(None, None, None, language_lexicon()))
    ('TIME', 'XXXX-XX-XXT09:00')
    """
    h, mnt = int(g["h"]), int(g.get("min") or 0)
    base = ctx.sentence_day or ctx.dct or ctx.anchor
    prefix = base.isoformat() if base else "XXXX-XX-XX"
    return "TIME", f"{prefix}T{h:02d}:{mnt:02d}"


def _value_wday(g: dict, ctx: Context) -> tuple[str, str] | None:
    """A weekday, its direction from a modifier, a preposition or the tense: "mardi",
    "mercredi dernier", "samedi soir".

    >>> ctx = Context(dt.date(1999, 7, 28), None, None, language_lexicon())
    >>> _value_wday({"wd": "mercredi", "mod": "dernier"}, ctx), _value_wday({"wd": "samedi", "part": "soir"}, ctx)
    (('DATE', '1999-07-21'), ('TIME', '1999-07-31TEV'))
    """
    lx = ctx.lex
    ref = ctx.ref
    wd = lx["weekdays"][g["wd"].lower()]
    if ref is None:
        return _with_part(f"XXXX-WXX-{wd}", _part_code(lx, g.get("part")))
    mod = g.get("mod") or g.get("mod2")
    direction = _direction(ctx, mod) if mod else (ctx.prep_direction or _direction(ctx, None))
    base = ctx.dct or ref
    if direction is None and ctx.tense == "present":
        direction = "future"  # news present: "le comité vous invite dimanche"
    day = weekday_date(wd, base, direction)
    if mod and day == base:
        day = base + dt.timedelta(days=7 if direction == "future" else -7)
    return _with_part(day.isoformat(), _part_code(lx, g.get("part")))


def _value_set(g: dict, ctx: Context) -> tuple[str, str] | None:
    """"chaque année", "tous les jeudis", "tous les soirs", "toutes les deux semaines".

    >>> ctx = Context(None, None, None, language_lexicon())
    >>> [_value_set(g, ctx)[1] for g in ({"what": "jeudis"}, {"what": "soirs"}, {"n": "deux", "what": "semaines"})]
    ['XXXX-WXX-4', 'TEV', 'P2W']
    """
    lx = ctx.lex
    what = g["what"].lower()
    if what.rstrip("s") in lx["weekdays"]:
        return "SET", f"XXXX-WXX-{lx['weekdays'][what.rstrip('s')]}"
    code = _part_code(lx, what.rstrip("s")) or _part_code(lx, what)
    if code and not code.startswith("T"):
        return "SET", f"T{code}"
    u = lx["units"].get(what)
    if u is None:
        return None
    n = lx.number(g["n"]) if g.get("n") else 1
    return "SET", f"PT{n}{u}" if u in ("H", "S") else f"P{n}{'M' if what in ('mois',) else u}"


def _value_per(g: dict, ctx: Context) -> tuple[str, str] | None:
    """"par an", "par heure".

    >>> _value_per({"what": "heure"}, Context(None, None, None, language_lexicon()))
    ('SET', 'PT1H')
    """
    u = ctx.lex["units"][g["what"].lower()]
    return "SET", f"PT1{u}" if u == "H" else f"P1{u}"


def _value_ref(g: dict, ctx: Context) -> tuple[str, str] | None:
    """"actuellement", "auparavant": the value ``refs`` gives."""
    return "TIME", ctx.lex["refs"][re.sub(r"\s+", " ", g["ref"].lower()).replace("’", "'")]


def _value_partalone(g: dict, ctx: Context) -> tuple[str, str] | None:
    """"dans la soirée", "la nuit": the part of the sentence's day, else of the last
    day written, else of the publication date."""
    code = _part_code(ctx.lex, g["part"])
    base = ctx.sentence_day or ctx.last_day or ctx.dct
    if base is None or not code:
        return None
    return _with_part(base.isoformat(), code)


#: The value function of each rule, in the order of :func:`rules_for`. The ranges
#: ("range", "pair", "yearrange", "monthrange") are not here: :func:`_range_parts`
#: splits them into their two ends.
VALUES: dict[str, Callable[[dict, Context], tuple[str, str] | None]] = {
    "date": _value_date,
    "wdday": _value_wdday,
    "numdate": _value_numdate,
    "monthof": _value_month,
    "yearedge": _value_yearedge,
    "sameday": _value_sameday,
    "adjset": _value_adjset,
    "night": _value_night,
    "lastdays": _value_lastdays,
    "monthyear": _value_monthyear,
    "month": _value_month,
    "decade": _value_decade,
    "season": _value_season,
    "yearphrase": _value_year,
    "year": _value_year,
    "relday": _value_relday,
    "anaday": _value_anaday,
    "thispart": _value_thispart,
    "relperiod": _value_relperiod,
    "ago": _value_ago,
    "in": _value_in,
    "duration": _value_duration,
    "time": _value_time,
    "clock": _value_time,
    "wday": _value_wday,
    "set": _value_set,
    "per": _value_per,
    "ref": _value_ref,
    "partalone": _value_partalone,
}


def value_of(name: str, g: dict, ctx: Context) -> tuple[str, str] | None:
    """``(type, value)`` of one match of rule ``name`` (its named groups ``g``), or None
    to drop it.

    >>> ctx = Context(dt.date(1999, 5, 21), None, None, language_lexicon())
    >>> value_of("relday", {"rel": "hier", "part": None}, ctx)
    ('DATE', '1999-05-20')
    >>> value_of("numdate", {"d": "12", "m": "03", "y": "2023"}, ctx)
    ('DATE', '2023-03-12')
    >>> value_of("relday", {"rel": "hier"}, Context(None, None, None, ctx.lex))
    ('DATE', 'PAST_REF')

    Every rule but the ranges has a value function, and every value function a rule:

    >>> sorted({name for name, _ in rules()} ^ VALUES.keys())
    ['monthrange', 'pair', 'range', 'yearrange']
    """
    if ctx.dct is None and name in DCT_RELATIVE:
        return _pointing(name, g, ctx)
    value = VALUES.get(name)
    return value(g, ctx) if value else None


def _valid(y: int, m: int, d: int) -> bool:
    return 1 <= m <= 12 and 1 <= d <= calendar.monthrange(y, m)[1]


def _age_before(text: str, start: int, lx: Lexicon) -> bool:
    """"87 ans" is an age after a comma or parenthesis ("Michel, 87 ans"), "à", "âgé de",
    or "de" after a person noun ("un homme de 38 ans")."""
    before = text[max(0, start - 30):start].lower().rstrip()
    if any(before.endswith(cue) for cue in lx["age_cues"]) or before.endswith(("(", ",")):
        return True
    words = re.findall(r"[\w'’-]+", before)
    if words and words[-1] == "à":
        return True
    return len(words) >= 2 and words[-1] in ("de", "d'") and words[-2] in lx["age_nouns"]


def _candidates(text: str, lx: Lexicon) -> list[tuple[int, int, str, re.Match]]:
    found = []
    for name, pattern in rules_for(lx):
        for m in pattern.finditer(text):
            if m.end() > m.start():
                found.append((m.start(), m.end(), name, m))
    # longest first, then earliest; rule order breaks ties
    order = {name: i for i, (name, _) in enumerate(rules_for(lx))}
    found.sort(key=lambda c: (-(c[1] - c[0]), c[0], order[c[2]]))
    taken: list[tuple[int, int]] = []
    out = []
    for c in found:
        if any(c[0] < e and s < c[1] for s, e in taken):
            continue
        taken.append((c[0], c[1]))
        out.append(c)
    return sorted(out)


def _is_year_context(text: str, start: int, end: int, lx: Lexicon) -> bool:
    """A bare four-digit number is a year after a temporal preposition or before
    punctuation, not in "2000 personnes"."""
    before = re.findall(r"[\w'’-]+", text[max(0, start - 20):start].lower())
    after = text[end:end + 15]
    prev = before[-1].replace("’", "'") if before else ""
    nxt = re.match(r"\s+([a-zàâçéèêëîïôûùüÿœ]+)", after)
    if nxt and nxt.group(1) not in ("et", "à", "au", "ou", "puis", "contre", "jusqu", "avant", "après") \
            and prev not in lx["strong_year_prepositions"]:
        return False  # "de 2000 personnes"
    if prev in lx["year_prepositions"]:
        return True
    if re.match(r"\s*(?:[,.;:)!?»\"]|$|et\b|à\b)", after):
        return True
    return False


def find_timexes(text: str, dct: str | None = None, tense_at: TenseAt | None = None,
                 lang: str = "fr", sentences: list[tuple[int, int]] | None = None, *,
                 lexicon: Lexicon | None = None) -> list[Timex]:
    """Every temporal expression of ``text`` with its TIMEX3 type and value.

    The words come from ``lexicon`` when given, else from the lexicon shipped for
    ``lang``.

    >>> [(t.text, t.value) for t in find_timexes("Il est arrivé hier soir.", dct="1999-05-21")]
    [('hier soir', '1999-05-20TEV')]
    >>> [(t.text, t.value, t.interval) for t in find_timexes("Le jeudi 10 novembre 2022, puis les 6 et 7 janvier.")]
    [('Le jeudi 10 novembre 2022', '2022-11-10', None), ('6', '2023-01-06', '2023-01-06/2023-01-07'), ('7 janvier', '2023-01-07', '2023-01-06/2023-01-07')]
    >>> [(t.text, t.type, t.value) for t in find_timexes("pendant deux ans, depuis 2013")]
    [('deux ans', 'DURATION', 'P2Y'), ('2013', 'DATE', '2013')]
    >>> fr = language_lexicon()
    >>> lex = Lexicon({**fr.raw, "weekdays": {**fr["weekdays"], "vendredy": 5}})
    >>> [(t.text, t.value) for t in find_timexes("Il partira vendredy.", dct="1999-05-26", lexicon=lex)]
    [('vendredy', '1999-05-28')]
    """
    lx = lexicon if lexicon is not None else language_lexicon(lang)
    dct_date = parse_iso(dct)
    candidates = _candidates(text, lx)
    anchor = _first_anchor(candidates, lx)
    out: list[Timex] = []
    sentence_of = _sentence_index(sentences or [(0, len(text))])
    current_sentence, sentence_day = -1, None
    last_day: dt.date | None = None
    times: list[int] = []
    for start, end, name, m in candidates:
        g = m.groupdict()
        s = sentence_of(start)
        if s != current_sentence:
            current_sentence, sentence_day = s, None
        if _not_a_date(name, g, text, start, end, lx):
            continue
        tense = tense_at(start, end) if tense_at else None
        ctx = Context(dct=dct_date, anchor=anchor, tense=tense, lex=lx, sentence_day=sentence_day,
                      prep_direction=_prep_direction(text, start, lx), last_day=last_day)
        if name == "season" and g.get("pre") and g["pre"].strip().lower() in ("en", "au"):
            start = m.start("season")  # "au printemps 2021": the preposition stays out
        if name in ("range", "pair", "yearrange", "monthrange"):
            parts = _range_parts(name, m, ctx)
            if parts:
                out.extend(parts)
                anchor = parse_iso(parts[-1].value) or anchor
            continue
        result = value_of(name, g, ctx)
        if result is None:
            continue
        typ, value = result
        if name in ("time", "clock"):
            times.append(len(out))
        out.append(Timex(start, end, text[start:end], typ, value))
        day = parse_iso(value) if re.match(r"\d{4}-\d\d-\d\d", value) else None
        if day:
            sentence_day = day
            last_day = day
        if re.match(r"\d{4}(-\d\d)?(-\d\d)?$", value.split("T")[0]) and name not in ("year",):
            anchor = parse_iso(value) or anchor
    return _anchor_times(out, times, sentence_of, dct_date)


def _not_a_date(name: str, g: dict, text: str, start: int, end: int, lx: Lexicon) -> bool:
    """Whether a match is no date after all: a number that is no year, an age ("un homme
    de 30 ans"), a month name that is another word ("mai" the verb), "été" the participle
    ("a été")."""
    if name == "year":
        return not _is_year_context(text, start, end, lx)
    if name == "duration":
        return g["unit"].lower() in lx["year_units"] and _age_before(text, start, lx)
    if name == "month":
        return not _month_context(text, start, end, g, lx)
    if name == "season":
        return g["season"].lower() in lx["participle_seasons"] and not (g.get("pre") or g.get("this") or g.get("y"))
    return False


def _prep_direction(text: str, start: int, lx: Lexicon) -> str | None:
    before = text[max(0, start - 12):start].lower().replace("’", "'").rstrip()
    if any(before.endswith(p) for p in lx["past_prepositions"]):
        return "past"
    if any(before.endswith(p) for p in lx["future_prepositions"]):
        return "future"
    return None


def _range_parts(name: str, m: re.Match, ctx: Context) -> list[Timex]:
    """The two ends of a range as two timexes sharing the interval value."""
    lx = ctx.lex
    g = m.groupdict()
    text = m.string
    if name in ("range", "pair"):
        mo = _month(lx, g["m"])
        m1 = _month(lx, g["m1"]) if g.get("m1") else mo
        d1, d2 = _day(ctx.lex, g["d1"]), _day(ctx.lex, g["d2"])
        y = int(g["y"]) if g.get("y") else infer_year(m1, d1, ctx.month_ref, _direction(ctx, None))
        y2 = y + 1 if y and m1 > mo else y
        v1, v2 = _ymd(y, m1, d1), _ymd(y2, mo, d2)
        s1, e1 = m.start("d1"), m.end("m1") if g.get("m1") else m.end("d1")
        s2, e2 = m.start("d2"), m.end()
    elif name == "yearrange":
        v1, v2 = g["y1"], g["y2"]
        s1, e1, s2, e2 = m.start("y1"), m.end("y1"), m.start("y2"), m.end("y2")
    else:
        m1, m2 = _month(lx, g["m1"]), _month(lx, g["m2"])
        y = infer_year(m1, None, ctx.month_ref, _direction(ctx, None))
        v1, v2 = _ymd(y, m1, None), _ymd(y, m2, None)
        s1, e1, s2, e2 = m.start("m1"), m.end("m1"), m.start("m2"), m.end("m2")
    interval = f"{v1}/{v2}"
    return [Timex(s1, e1, text[s1:e1], "DATE", v1, interval), Timex(s2, e2, text[s2:e2], "DATE", v2, interval)]


def _anchor_times(out: list[Timex], times: list[int], sentence_of, dct: dt.date | None) -> list[Timex]:
    """A clock time takes the day written nearest to it in its sentence, else the last
    day written before it, else the publication date: "samedi ... à 14 h 15"."""
    if not times:
        return out
    days = [(i, t, parse_iso(t.value)) for i, t in enumerate(out) if re.match(r"\d{4}-\d\d-\d\d", t.value)]
    for i in times:
        t = out[i]
        s = sentence_of(t.start)
        same = [(abs(j - i), d) for j, x, d in days if sentence_of(x.start) == s and j != i and d]
        before = [d for j, x, d in days if j < i and d]
        day = min(same)[1] if same else (before[-1] if before else dct)
        if day is None:
            continue
        clock = t.value.split("T", 1)[1]
        out[i] = Timex(t.start, t.end, t.text, t.type, f"{day.isoformat()}T{clock}")
    return out


def _month_context(text: str, start: int, end: int, g: dict, lx: Lexicon) -> bool:
    """"mars" or "mai" alone are months only with a preposition, an edge word or a
    modifier ("en mars", "début mai", "mars dernier": ``month_cues``)."""
    if g.get("edge") or g.get("mod"):
        return True
    before = re.findall(r"[\w'’-]+", text[max(0, start - 12):start].lower())
    return bool(before) and before[-1] in lx["month_cues"]


def _first_anchor(candidates, lx: Lexicon) -> dt.date | None:
    """For texts without a publication date: the first explicit full date or month and
    year, so that the headline's "6 février" takes the body's year."""
    for start, end, name, m in candidates:
        g = m.groupdict()
        if name == "date" and g.get("y") and len(g["y"]) == 4 and _valid(int(g["y"]), _month(lx, g["m"]), _day(lx, g["d"])):
            return dt.date(int(g["y"]), _month(lx, g["m"]), _day(lx, g["d"]))
        if name == "monthyear" and len(g["y"]) == 4:
            return dt.date(int(g["y"]), _month(lx, g["m"]), 1)
    return None


def _sentence_index(sentences: list[tuple[int, int]]):
    starts = [s for s, _ in sentences]

    def index(pos: int) -> int:
        import bisect

        return bisect.bisect_right(starts, pos) - 1

    return index
