"""Gazetteers and lexicons shipped with newsgraph, each file naming its source.

>>> countries()["ML"].name_fr
'Mali'
>>> demonyms()["maliennes"]
'ML'
>>> organizations()["ecowas"].name_fr
"Communauté économique des États de l'Afrique de l'Ouest"
"""
from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


def _path(name: str):
    return resources.files("newsgraph.data").joinpath(name)


def read_text(name: str) -> str:
    """The text of a data file of this package."""
    return _path(name).read_text(encoding="utf-8")


def read_lines(name: str) -> list[str]:
    """Non-empty lines of a data file, ``#`` comments dropped."""
    return [line.strip() for line in read_text(name).splitlines()
            if line.strip() and not line.lstrip().startswith("#")]


def read_tsv(name: str) -> list[dict[str, str]]:
    """Rows of a TSV data file with a header line, ``#`` comments dropped."""
    lines = [line for line in read_text(name).splitlines()
             if line.strip() and not line.startswith("#")]
    return [{k: (v or "").strip() for k, v in row.items() if k is not None}
            for row in csv.DictReader(lines, delimiter="\t")]


@dataclass(frozen=True)
class Country:
    iso2: str
    iso3: str
    name_fr: str
    name_en: str
    names_fr: tuple[str, ...]
    names_en: tuple[str, ...]
    state: bool
    capitals: tuple[str, ...]
    demonyms_fr: tuple[str, ...]
    seats: tuple[str, ...] = ()
    historic: bool = False


@dataclass(frozen=True)
class Organization:
    key: str
    kind: str
    country: str | None
    name_fr: str
    name_en: str
    aliases: tuple[str, ...]

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys((self.name_fr, self.name_en, *self.aliases)))


@lru_cache(maxsize=1)
def countries() -> dict[str, Country]:
    """Every ISO 3166-1 country by alpha-2 code (``countries.json``)."""
    payload = json.loads(read_text("countries.json"))
    return {c["iso2"]: Country(
        iso2=c["iso2"], iso3=c["iso3"], name_fr=c["name_fr"], name_en=c["name_en"],
        names_fr=tuple(c["names_fr"]), names_en=tuple(c["names_en"]), state=c["state"],
        capitals=tuple(c["capitals"]), demonyms_fr=tuple(c["demonyms_fr"]),
        seats=tuple(c.get("seats", ())), historic=c.get("historic", False),
    ) for c in payload["countries"]}


@lru_cache(maxsize=1)
def demonyms() -> dict[str, str]:
    """Lowercase French demonym (any of its four forms, with or without accents) -> ISO
    alpha-2; the first state wins.

    >>> demonyms()["kényan"], demonyms()["kenyan"]
    ('KE', 'KE')
    """
    out: dict[str, str] = {}
    for c in countries().values():
        for form in c.demonyms_fr:
            out.setdefault(form.lower(), c.iso2)
    for form, iso in list(out.items()):
        out.setdefault(strip_accents(form), iso)  # "kenyan", "senegalais": accents dropped
    return out


def strip_accents(text: str) -> str:
    """The text without its accents.

    >>> strip_accents("chef d'État")
    "chef d'Etat"
    """
    import unicodedata

    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


@lru_cache(maxsize=1)
def capitals() -> dict[str, str]:
    """Capital name -> ISO alpha-2 of its state."""
    out: dict[str, str] = {}
    for c in countries().values():
        for cap in c.capitals:
            out.setdefault(cap, c.iso2)
    return out


@lru_cache(maxsize=1)
def organizations() -> dict[str, Organization]:
    """Known organisations by key (``organizations.tsv``)."""
    return {r["key"]: Organization(
        key=r["key"], kind=r["kind"], country=r["country"] or None, name_fr=r["name_fr"],
        name_en=r["name_en"], aliases=tuple(a for a in r["aliases"].split("|") if a),
    ) for r in read_tsv("organizations.tsv")}


@lru_cache(maxsize=1)
def titles() -> dict[str, str]:
    """Lowercase title before a name -> ``honorific`` or ``role`` (``titles_fr.txt``)."""
    out = {}
    for line in read_lines("titles_fr.txt"):
        word, kind = line.rsplit("\t", 1)
        out[word.strip()] = kind.strip()
    return out


@lru_cache(maxsize=1)
def bodies() -> dict[str, tuple[str, bool, bool]]:
    """Lowercase head of a state body or state metonym -> (kind, named, alone), from
    ``bodies_fr.tsv``.

    >>> bodies()["autorités"]
    ('state', False, True)
    """
    return {r["head"]: (r["kind"], r["named"] == "yes", r["alone"] == "yes")
            for r in read_tsv("bodies_fr.tsv")}


@lru_cache(maxsize=1)
def non_actors() -> frozenset[str]:
    """Lowercase names that never denote an actor (``non_actors.txt``): diseases,
    currencies, competitions, deities.

    >>> "covid" in non_actors()
    True
    """
    return frozenset(line.lower() for line in read_lines("non_actors.txt"))


@lru_cache(maxsize=1)
def organization_names() -> dict[str, str]:
    """Every name and acronym of a known organisation -> its key ("UE" -> "eu")."""
    out: dict[str, str] = {}
    for org in organizations().values():
        for name in org.names:
            out.setdefault(name, org.key)
    return out
