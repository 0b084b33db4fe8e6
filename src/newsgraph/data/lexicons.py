"""One lexicon layer: every word list the rules use, read once into typed objects.

A :class:`Lexicons` holds the text of each data file (gazetteers, triggers, roles, state
bodies, agreement words, word classes, the date grammar's words) and gives typed views
of them. The package's own files make :func:`default_lexicons`; a pipeline keeps its
lexicons in its ``newsgraph_lexicon`` component, which saves them with ``nlp.to_disk``;
a user extends one with rows of the same columns (:meth:`Lexicons.extended`), never by
editing the package.

>>> lex = default_lexicons()
>>> lex.triggers[("visite", "NOUN")].type, lex.demonyms["maliennes"]
('CONSULT', 'ML')
>>> more = lex.extended("triggers", [{"lemma": "snober", "pos": "VERB", "type": "REJECT",
...                                   "mode": "", "frame": "agent"}])
>>> ("snober", "VERB") in more.triggers, ("snober", "VERB") in lex.triggers
(True, False)
"""
from __future__ import annotations

import csv
import io
import json
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path
from typing import NamedTuple

from ..errors import Errors, NewsgraphError
from ..text import fold
from ..types import PathLike
from .model import EventModel

#: Lexicon name -> file name (``{lang}`` is the language code).
FILES: dict[str, str] = {
    "countries": "countries.json",
    "organizations": "organizations.tsv",
    "titles": "titles_{lang}.txt",
    "roles": "roles_{lang}.tsv",
    "bodies": "bodies_{lang}.tsv",
    "agreements": "agreements_{lang}.tsv",
    "triggers": "events_{lang}.tsv",
    "cues": "cues_{lang}.tsv",
    "non_actors": "non_actors.txt",
    "timex": "timex_{lang}.json",
    "furniture": "furniture.txt",
    "plover": "plover.tsv",
    "wikidata": "wikidata_countries.tsv",
    "page": "page_{lang}.tsv",
    "event_model": "event_model_{lang}.json",
}


def strip_accents(text: str) -> str:
    """The text without its accents.

    >>> strip_accents("chef d'État")
    "chef d'Etat"
    """
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


def _rows(text: str) -> list[dict[str, str]]:
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
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
    #: the Wikidata item (``Q1065``), where known
    qid: str = ""

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys((self.name_fr, self.name_en, *self.aliases)))


@dataclass(frozen=True)
class Trigger:
    """A PLOVER trigger: lemma and part of speech, type, mode and argument frame."""

    lemma: str
    pos: str
    type: str
    mode: str | None
    frame: str


class RoleEntry(NamedTuple):
    """A role head's canonical title and group ("chef de la diplomatie" is the foreign
    minister, of group ``diplomat``)."""

    canonical: str
    group: str


class BodyEntry(NamedTuple):
    """A state body's head word: ``kind`` (state or body), whether it names one alone
    with a capital or an adjective (``named``), whether it stands alone for the
    article's state or its body (``alone``)."""

    kind: str
    named: bool
    alone: bool


class Furniture(NamedTuple):
    """The page-furniture lexicon (``furniture.txt``), normalised (no accents, no
    punctuation, lowercase): whole lines and line beginnings that are furniture, the
    markers of a link to another article, month and weekday names of a scrape
    timestamp, words that begin a sentence."""

    exact: frozenset[str]
    prefixes: tuple[str, ...]
    links: tuple[str, ...]
    months: tuple[str, ...]
    weekdays: tuple[str, ...]
    starters: frozenset[str]


#: The kinds of ``furniture.txt`` lines that are not furniture phrases: ``kind: word``.
_FURNITURE_KINDS = ("link", "month", "weekday", "starter")


class Lexicons:
    """The word lists of one language, from the text of their files.

    ``texts`` maps a lexicon name of :data:`FILES` to its file's text. Views are computed
    once, on first use.
    """

    def __init__(self, texts: Mapping[str, str], lang: str = "fr") -> None:
        missing = set(FILES) - set(texts)
        if missing:
            raise NewsgraphError(Errors.E015, names=", ".join(sorted(missing)))
        self.lang = lang
        self.texts = dict(texts)

    def __repr__(self) -> str:
        return f"Lexicons(lang={self.lang!r}, triggers={len(self.triggers)}, organizations={len(self.organizations)})"

    # --- reading, writing, extending --------------------------------------------------
    @classmethod
    def from_package(cls, lang: str = "fr") -> Lexicons:
        """The lexicons shipped in ``newsgraph/data``."""
        folder = resources.files("newsgraph.data")
        return cls({name: folder.joinpath(f.format(lang=lang)).read_text(encoding="utf-8")
                    for name, f in FILES.items()}, lang)

    @classmethod
    def from_disk(cls, path: PathLike, lang: str = "fr") -> Lexicons:
        """The lexicons saved in a folder by :meth:`to_disk`; a lexicon the folder lacks
        (saved by a newsgraph that had no such lexicon) is the package's."""
        folder = Path(path)
        shipped = resources.files("newsgraph.data")
        return cls({name: (folder / f.format(lang=lang) if (folder / f.format(lang=lang)).is_file()
                           else shipped.joinpath(f.format(lang=lang))).read_text(encoding="utf-8")
                    for name, f in FILES.items()}, lang)

    def to_disk(self, path: PathLike) -> None:
        """Write every lexicon file into the folder ``path``."""
        folder = Path(path)
        folder.mkdir(parents=True, exist_ok=True)
        for name, f in FILES.items():
            (folder / f.format(lang=self.lang)).write_text(self.texts[name], encoding="utf-8")

    def extended(self, name: str, rows: Iterable[Mapping[str, str] | str]) -> Lexicons:
        """A copy with ``rows`` added to the lexicon ``name``: dictionaries with the
        columns of a TSV file, or lines of a one-word-a-line file.

        >>> lex = default_lexicons().extended("non_actors", ["Ebola-Zaïre"])
        >>> "ebola-zaïre" in lex.non_actors
        True
        """
        if name not in FILES or FILES[name].endswith(".json"):
            raise NewsgraphError(Errors.E016, name=name,
                                 known=", ".join(n for n, f in FILES.items() if not f.endswith(".json")))
        text = self.texts[name]
        if not text.endswith("\n"):
            text += "\n"
        if FILES[name].endswith(".tsv"):
            header = next(line for line in text.splitlines() if line.strip() and not line.startswith("#"))
            columns = header.split("\t")
            out = io.StringIO()
            writer = csv.DictWriter(out, fieldnames=columns, delimiter="\t", lineterminator="\n",
                                    extrasaction="raise")
            for row in rows:
                if isinstance(row, str):
                    raise NewsgraphError(Errors.E016, name=name, known="rows as dictionaries with the "
                                         f"columns {', '.join(columns)}")
                writer.writerow({c: row.get(c, "") or "" for c in columns})
            text += out.getvalue()
        else:
            text += "".join(f"{row}\n" for row in rows)
        return Lexicons({**self.texts, name: text}, self.lang)

    def with_text(self, name: str, text: str) -> Lexicons:
        """A copy whose lexicon ``name`` is ``text`` (a whole file's text): an empty
        ``event_model`` makes the rules decide alone.

        >>> default_lexicons().with_text("event_model", "").event_model is None
        True
        """
        if name not in FILES:
            raise NewsgraphError(Errors.E016, name=name, known=", ".join(FILES))
        return Lexicons({**self.texts, name: text}, self.lang)

    def to_bytes(self) -> bytes:
        return json.dumps({"lang": self.lang, "texts": self.texts}, ensure_ascii=False).encode("utf-8")

    @classmethod
    def from_bytes(cls, data: bytes) -> Lexicons:
        payload = json.loads(data.decode("utf-8"))
        return cls(payload["texts"], payload["lang"])

    # --- gazetteers -------------------------------------------------------------------
    @cached_property
    def countries(self) -> dict[str, Country]:
        """Every ISO 3166-1 country by alpha-2 code (``countries.json``)."""
        payload = json.loads(self.texts["countries"])
        return {c["iso2"]: Country(
            iso2=c["iso2"], iso3=c["iso3"], name_fr=c["name_fr"], name_en=c["name_en"],
            names_fr=tuple(c["names_fr"]), names_en=tuple(c["names_en"]), state=c["state"],
            capitals=tuple(c["capitals"]), demonyms_fr=tuple(c["demonyms_fr"]),
            seats=tuple(c.get("seats", ())), historic=c.get("historic", False),
        ) for c in payload["countries"]}

    @cached_property
    def demonyms(self) -> dict[str, str]:
        """Lowercase demonym (any of its four forms, with or without accents) -> ISO
        alpha-2; the first state wins.

        >>> default_lexicons().demonyms["kényan"], default_lexicons().demonyms["kenyan"]
        ('KE', 'KE')
        """
        out: dict[str, str] = {}
        for c in self.countries.values():
            for form in c.demonyms_fr:
                out.setdefault(form.lower(), c.iso2)
        for form, iso in list(out.items()):
            out.setdefault(strip_accents(form), iso)  # "kenyan", "senegalais": accents dropped
        return out

    @cached_property
    def capitals(self) -> dict[str, str]:
        """Capital name -> ISO alpha-2 of its state."""
        out: dict[str, str] = {}
        for c in self.countries.values():
            for cap in c.capitals:
                out.setdefault(cap, c.iso2)
        return out

    @cached_property
    def organizations(self) -> dict[str, Organization]:
        """Known organisations by key (``organizations.tsv``)."""
        return {r["key"]: Organization(
            key=r["key"], kind=r["kind"], country=r["country"] or None, name_fr=r["name_fr"],
            name_en=r["name_en"], aliases=tuple(a for a in r["aliases"].split("|") if a), qid=r.get("qid", ""),
        ) for r in _rows(self.texts["organizations"])}

    @cached_property
    def country_items(self) -> dict[str, str]:
        """ISO alpha-2 -> the country's Wikidata item (``wikidata_countries.tsv``).

        >>> default_lexicons().country_items["ML"]
        'Q912'
        """
        return {r["iso2"]: r["qid"] for r in _rows(self.texts["wikidata"])}

    @cached_property
    def organization_names(self) -> dict[str, str]:
        """Every name and acronym of a known organisation -> its key ("UE" -> "eu")."""
        out: dict[str, str] = {}
        for org in self.organizations.values():
            for name in org.names:
                out.setdefault(name, org.key)
        return out

    @cached_property
    def non_actors(self) -> frozenset[str]:
        """Lowercase names that never denote an actor (diseases, currencies, competitions).

        >>> "covid" in default_lexicons().non_actors
        True
        """
        return frozenset(line.lower() for line in _lines(self.texts["non_actors"]))

    # --- persons, roles, bodies -------------------------------------------------------
    @cached_property
    def titles(self) -> dict[str, str]:
        """Lowercase title before a name -> ``honorific`` or ``role``."""
        out = {}
        for line in _lines(self.texts["titles"]):
            word, kind = line.rsplit("\t", 1)
            out[word.strip()] = kind.strip()
        return out

    @cached_property
    def role_heads(self) -> frozenset[str]:
        """The role lexicon's heads as written ("président", "chef de la diplomatie")."""
        return frozenset(r["head"] for r in _rows(self.texts["roles"]))

    @cached_property
    def roles(self) -> dict[str, RoleEntry]:
        """Lowercase head, with and without accents -> :class:`RoleEntry`.

        >>> default_lexicons().roles["chef de la diplomatie"]
        RoleEntry(canonical='ministre des affaires étrangères', group='diplomat')
        """
        out = {r["head"]: RoleEntry(r["canonical"] or r["head"], r["group"]) for r in _rows(self.texts["roles"])}
        for head, value in list(out.items()):
            out.setdefault(strip_accents(head), value)  # "chef d'Etat"
        return out

    @cached_property
    def role_words(self) -> frozenset[str]:
        """First words of the role heads ("président", "premier", "chef"): a noun that
        may stand for the person holding the post."""
        return frozenset(head.split()[0] for head in self.roles)

    @cached_property
    def people_words(self) -> frozenset[str]:
        """Nouns for people: ``human_noun``, a state's agents, a group's members and the
        first words of posts (what an attack is aimed at when it is one).

        >>> {"civils", "soldats", "ministre"} <= default_lexicons().people_words
        True
        """
        return self.cues("human_noun") | self.cues("state_agent") | self.cues("group_member") | self.role_words

    @cached_property
    def bodies(self) -> dict[str, BodyEntry]:
        """Lowercase head of a state body or state metonym -> :class:`BodyEntry`.

        >>> default_lexicons().bodies["autorités"]
        BodyEntry(kind='state', named=False, alone=True)
        """
        return {r["head"]: BodyEntry(r["kind"], r["named"] == "yes", r["alone"] == "yes")
                for r in _rows(self.texts["bodies"])}

    # --- events and agreements --------------------------------------------------------
    @cached_property
    def triggers(self) -> dict[tuple[str, str], Trigger]:
        """``(lemma, pos) -> Trigger`` (``events_<lang>.tsv``)."""
        out = {}
        for r in _rows(self.texts["triggers"]):
            t = Trigger(r["lemma"], r["pos"], r["type"], r["mode"] or None, r["frame"] or "agent")
            out[(t.lemma, t.pos)] = t
        return out

    @cached_property
    def agreement_nouns(self) -> frozenset[str]:
        """Head nouns that name an agreement ("accord", "cessez-le-feu")."""
        return frozenset(r["word"] for r in _rows(self.texts["agreements"]) if r["kind"] == "noun")

    @cached_property
    def status_verbs(self) -> dict[str, str | None]:
        """Verbs acting on an agreement -> the status they give it.

        >>> default_lexicons().status_verbs["dénoncer"]
        'denounced'
        """
        return {r["word"]: (r["status"] or None) for r in _rows(self.texts["agreements"]) if r["kind"] == "verb"}

    @cached_property
    def binding_verbs(self) -> frozenset[str]:
        """Verbs whose relative clause on an agreement dates its signing ("qui liaient
        les deux pays depuis 2013")."""
        return frozenset(r["word"] for r in _rows(self.texts["agreements"]) if r["kind"] == "binds")

    # --- word classes -----------------------------------------------------------------
    @cached_property
    def _cue_rows(self) -> list[dict[str, str]]:
        return _rows(self.texts["cues"])

    def cues(self, kind: str) -> frozenset[str]:
        """The words of one class of ``cues_<lang>.tsv``.

        >>> "effectuer" in default_lexicons().cues("light_verb")
        True
        """
        return self._cue_sets.get(kind, frozenset())

    def page_words(self, kind: str) -> frozenset[str]:
        """The words (or, for ``list_heading``, whole lines) of one class of
        ``page_<lang>.tsv``: what web pages say besides their article.

        >>> "partager" in default_lexicons().page_words("control")
        True
        """
        return self._page_words.get(kind, frozenset())

    @cached_property
    def _page_words(self) -> dict[str, frozenset[str]]:
        out: dict[str, set[str]] = {}
        for r in _rows(self.texts["page"]):
            out.setdefault(r["class"], set()).add(r["word"])
        return {k: frozenset(v) for k, v in out.items()}

    def cue_values(self, kind: str) -> dict[str, str]:
        """Word -> value for a class whose rows carry one (``act_noun``: a PLOVER type).

        >>> default_lexicons().cue_values("act_noun")["putsch"]
        'COERCE'
        """
        return self._cue_values.get(kind, {})

    @cached_property
    def _cue_sets(self) -> dict[str, frozenset[str]]:
        return {k: frozenset(v) for k, v in self._cue_values.items()}

    @cached_property
    def _cue_values(self) -> dict[str, dict[str, str]]:
        out: dict[str, dict[str, str]] = {}
        for r in self._cue_rows:
            out.setdefault(r["class"], {})[r["word"]] = r["value"]
        return out

    # --- the trained model ------------------------------------------------------------
    @cached_property
    def event_model(self) -> EventModel | None:
        """The event model ``make train`` learned (``event_model_<lang>.json``); None when
        the file is empty (the rules decide alone).

        >>> default_lexicons().event_model.triggers.classes[:2]
        ('ACCUSE', 'AGREE')
        """
        try:
            return EventModel.from_json(self.texts["event_model"])
        except (ValueError, KeyError, TypeError) as e:
            raise NewsgraphError(Errors.E091, path=FILES["event_model"].format(lang=self.lang), detail=e) from e

    # --- page furniture, the PLOVER scheme ---------------------------------------------
    @cached_property
    def furniture(self) -> Furniture:
        """The page-furniture lexicon (``furniture.txt``): a line is ``phrase``, a line
        beginning ``phrase*``, or ``kind: word`` for the kinds of :class:`Furniture`.

        >>> f = default_lexicons().furniture
        >>> "les plus lus" in f.exact, "lire aussi" in f.links, "janvier" in f.months, "cette" in f.starters
        (True, True, True, True)
        """
        kinds: dict[str, list[str]] = {k: [] for k in _FURNITURE_KINDS}
        exact, prefixes = set(), []
        for line in _lines(self.texts["furniture"]):
            kind, sep, word = line.partition(":")
            if sep and kind in kinds:
                kinds[kind].append(word.strip())
            elif line.endswith("*"):
                prefixes.append(fold(line[:-1]))
            else:
                exact.add(fold(line))
        return Furniture(frozenset(exact), tuple(prefixes), tuple(fold(w) for w in kinds["link"]),
                         tuple(kinds["month"]), tuple(kinds["weekday"]), frozenset(fold(w) for w in kinds["starter"]))

    @cached_property
    def plover(self) -> tuple[dict[str, str], ...]:
        """The rows of the PLOVER scheme (``plover.tsv``): type, mode, labels, definition."""
        return tuple(_rows(self.texts["plover"]))

    # --- dates ------------------------------------------------------------------------
    @cached_property
    def timex(self) -> dict:
        """The date grammar's word lists (``timex_<lang>.json``); a list the text lacks (a
        lexicon saved by a newsgraph whose grammar had no such list) is the package's.

        >>> lex = Lexicons({**default_lexicons().texts, "timex": '{"months": {"mai": 5}}'})
        >>> lex.timex["months"], lex.timex["weekdays"]["lundi"]
        ({'mai': 5}, 1)
        """
        own = json.loads(self.texts["timex"])
        shipped = resources.files("newsgraph.data").joinpath(FILES["timex"].format(lang=self.lang))
        return {**json.loads(shipped.read_text(encoding="utf-8")), **own} if shipped.is_file() else own

    @cached_property
    def calendar_words(self) -> frozenset[str]:
        """Month and weekday names ("Lundi" is no person)."""
        return frozenset([*self.timex["months"], *self.timex["weekdays"]])

    @cached_property
    def month_numbers(self) -> dict[str, int]:
        """Month names and abbreviations -> month number."""
        return {**self.timex["months"], **self.timex["month_abbreviations"]}


@lru_cache(maxsize=4)
def default_lexicons(lang: str = "fr") -> Lexicons:
    """The package's lexicons, read once per process."""
    return Lexicons.from_package(lang)
