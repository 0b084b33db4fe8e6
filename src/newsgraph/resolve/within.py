"""One actor per real-world entity within a document."""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Doc

from ..data import Lexicons
from ..grammar import ACRONYM_SKIP, DE_TOKENS, DEFINITE_SINGULAR
from ..records import Actor, EntityMention
from ..types import ActorId, ActorType, KbRef
from .index import ActorIndex
from .names import edit_distance, fold, same_given_name, titlecase_caps, transliteration_key


@dataclass
class DraftActor:
    """An actor of one document as the passes of the analysis build it up: mentions
    added, actors merged, a country given; :meth:`record` is the finished
    :class:`~newsgraph.records.Actor`."""

    id: ActorId
    name: str
    type: ActorType
    key: KbRef | None = None
    country: str | None = None
    mentions: list[EntityMention] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)

    @property
    def acting(self) -> bool:
        return any(m.acting for m in self.mentions)

    def add_alias(self, text: str) -> None:
        if fold(text) != fold(self.name) and text not in self.aliases:
            self.aliases.append(text)

    def record(self) -> Actor:
        """The finished actor, as a frozen record."""
        return Actor(self.id, self.name, self.type, self.key, self.country, tuple(self.mentions), tuple(self.aliases))


def _person_tokens(text: str) -> list[str]:
    return fold(text).split()


def _compatible(tokens: list[str], names: Iterable[list[str]]) -> bool:
    """A person mention fits a cluster when its name is part of one of the cluster's names,
    or shares the surname with a given name spelt alike."""
    for other in names:
        if not tokens or not other:
            continue
        if set(tokens) <= set(other) or set(other) <= set(tokens):
            if tokens[-1] == other[-1] or len(tokens) == 1 or len(other) == 1:
                return True
            short, long_ = sorted((tokens, other), key=len)
            if len(short) >= 2 and long_[:len(short)] == short:
                return True  # "Nana Akufo" for "Nana Akufo-Addo"
        same_surname = tokens[-1] == other[-1] or len(tokens[-1]) >= 4 and \
            transliteration_key(tokens[-1]) == transliteration_key(other[-1])  # "Shoigu", "Choïgou"
        if same_surname and (len(tokens) == 1 or len(other) == 1):
            return True
        if same_surname and len(tokens) > 1 and len(other) > 1 \
                and same_given_name(tokens[0], other[0]):
            return True
        if len(tokens) == 1 and len(tokens[0]) >= 6 and edit_distance(tokens[0], other[-1]) <= 2 \
                and tokens[0][0] == other[-1][0]:
            return True  # "Zelenksy" for "Zelensky"
    return False


@lru_cache(maxsize=4)
def _demonym_pattern(lex: Lexicons) -> re.Pattern[str]:
    forms = sorted({fold(d) for d in lex.demonyms}, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(f) for f in forms) + r")\b")


def _body_base(text: str, lex: Lexicons) -> str:
    """An organisation's name without demonyms: "police sud-africaine" -> "police"."""
    return re.sub(r"\s+", " ", _demonym_pattern(lex).sub(" ", fold(text))).strip()


def _initials(name: str) -> str:
    words = [w for w in re.split(r"[\s'’-]+", name) if w and w.lower() not in ACRONYM_SKIP]
    return "".join(w[0] for w in words).upper()


def _is_acronym(name: str) -> bool:
    return name.isupper() and name.isalpha() and 2 <= len(name) <= 8


def _merge_into(target: DraftActor, other: DraftActor, index: ActorIndex) -> None:
    target.mentions.extend(other.mentions)
    target.add_alias(other.name)
    for alias in other.aliases:
        target.add_alias(alias)
    index.merge(other.id, into=target.id)


def _merge_prefixes(actors: list[DraftActor], index: ActorIndex) -> list[DraftActor]:
    """An organisation named by the start of another's name is that one: "conseil
    national" and "Conseil national de transition", "Cour suprême" and "Cour suprême du
    Kenya" (one of each in a document)."""
    every = [a for a in actors if a.type == "Organization"]
    orgs = [a for a in every if not a.key]
    gone: set[str] = set()
    for short in orgs:
        words = fold(short.name).split()
        if not words:
            continue
        # the longer name may be a gazetteer's ("Parti des travailleurs" cut from "...du Kurdistan")
        longer = [o for o in every if o is not short and o.id not in gone
                  and fold(o.name).split()[:len(words)] == words and len(fold(o.name).split()) > len(words)]
        if len(longer) == 1:
            _merge_into(longer[0], short, index)
            gone.add(short.id)
    return [a for a in actors if a.id not in gone]


def is_army(actor: DraftActor, lex: Lexicons) -> bool:
    """An organisation named by an ``army_head`` ("l'armée malienne", "les forces russes")."""
    words = fold(actor.name).split()
    return actor.type == "Organization" and bool(words) and words[0] in {fold(w) for w in lex.cues("army_head")}


def _merge_armies(actors: list[DraftActor], index: ActorIndex, lex: Lexicons) -> list[DraftActor]:
    """"les forces russes" and "l'armée russe": one state's armed forces are one actor,
    named as the text first names it, unless a name qualifies one ("forces spéciales",
    "forces aériennes": a longer name keeps its own)."""
    by_state: dict[str, list[DraftActor]] = {}
    for a in actors:
        if a.country and len(fold(a.name).split()) == 2 and is_army(a, lex):
            by_state.setdefault(a.country, []).append(a)
    gone: set[str] = set()
    for group in by_state.values():
        if len(group) < 2:
            continue
        keep = min(group, key=lambda a: min((m.start for m in a.mentions), default=0))
        for other in group:
            if other is not keep:
                _merge_into(keep, other, index)
                gone.add(other.id)
    return [a for a in actors if a.id not in gone]


def _merge_acronyms(actors: list[DraftActor], index: ActorIndex) -> list[DraftActor]:
    """An acronym joins the organisation it abbreviates: defined right after it in
    parentheses, or made of the initials of its name ("FPI", "Front populaire ivoirien")."""
    orgs = [a for a in actors if a.type == "Organization"]
    gone: set[str] = set()
    for acr in orgs:
        if not _is_acronym(acr.name) or acr.key:
            continue
        target = None
        for other in orgs:
            if other is acr or other.id in gone or _is_acronym(other.name):
                continue
            defined = any(0 <= am.start - om.end <= 2 for am in acr.mentions for om in other.mentions)
            if defined or _initials(other.name) == acr.name:
                target = other
                break
        if target is None:
            continue
        _merge_into(target, acr, index)
        gone.add(acr.id)
    return [a for a in actors if a.id not in gone]


class _Clusters:
    """The actors of one document as :func:`cluster` builds them up, mention by mention:
    gazetteer entries and state bodies by key, persons by name."""

    def __init__(self, mentions: list[EntityMention], lex: Lexicons) -> None:
        self.lex = lex
        self.actors: list[DraftActor] = []
        self.by_key: dict[KbRef | tuple[str, str], DraftActor] = {}  # gazetteer entries; (body name, state)
        self.persons: list[tuple[DraftActor, list[list[str]]]] = []
        self.last_seen: dict[str, int] = {}
        self.index = ActorIndex()
        #: body name -> the states its mentions name ("l'armée" beside "l'armée birmane")
        self.body_isos: dict[str, set[str]] = {}
        for m in mentions:
            if m.type == "Organization" and not m.key:
                self.body_isos.setdefault(_body_base(m.text, lex) or fold(m.text), set()).add(m.country or "")

    def new(self, name: str, type_: ActorType, **kw) -> DraftActor:
        actor = DraftActor(id=f"a{len(self.actors) + 1}", name=name, type=type_, **kw)
        self.actors.append(actor)
        return actor

    def country(self, m: EntityMention) -> DraftActor:
        country_key = m.key or KbRef("country", m.country or "")
        actor = self.by_key.get(country_key)
        if actor is None:
            c = self.lex.countries.get(m.country or "")
            actor = self.by_key[country_key] = self.new(c.name_fr if c else m.text, "Country",
                                                        key=m.key, country=m.country)
        return actor

    def organization(self, m: EntityMention) -> DraftActor:
        if m.key:
            actor = self.by_key.get(m.key)
            if actor is None:
                org = self.lex.organizations[m.key.id]
                actor = self.by_key[m.key] = self.new(org.name_fr, "Organization", key=m.key, country=org.country)
            return actor
        base = _body_base(m.text, self.lex) or fold(m.text)
        iso = m.country or ""
        qualified = self.body_isos.get(base, set()) - {""}
        if not iso and len(qualified) == 1:
            iso = next(iter(qualified))  # "l'armée" beside "l'armée birmane"
        k = (base, iso)
        actor = self.by_key.get(k)
        if actor is None:
            actor = self.by_key[k] = self.new(m.text.strip("\"«» "), "Organization", country=iso or None)
        elif len(m.text) > len(actor.name) and m.body:
            actor.add_alias(actor.name)
            actor.name = m.text
        return actor

    def person(self, m: EntityMention) -> DraftActor:
        tokens = _person_tokens(m.text)
        fits = [(a, names) for a, names in self.persons if _compatible(tokens, names)]
        if len(fits) > 1 and len(tokens) == 1:
            fits = [max(fits, key=lambda f: self.last_seen.get(f[0].id, -1))]
        if len(fits) >= 1 and (len(fits) == 1 or len(tokens) == 1):
            actor, names = fits[0]
            names.append(tokens)
            if len(tokens) > len(fold(actor.name).split()):
                actor.add_alias(actor.name)
                actor.name = titlecase_caps(m.text)
            return actor
        actor = self.new(titlecase_caps(m.text), "Person")
        self.persons.append((actor, [tokens]))
        return actor

    def add(self, n: int, m: EntityMention) -> None:
        """The ``n``-th mention, to the actor it names (a new one if none)."""
        if m.type == "Country" and m.country:
            actor = self.country(m)
        elif m.type == "Organization":
            actor = self.organization(m)
        else:
            actor = self.person(m)
        actor.mentions.append(m)
        if m.demonym or m.capital and not m.acting:
            return  # "malienne", "à Bamako": no name of Mali here; they serve events only
        actor.add_alias(m.text)
        self.last_seen[actor.id] = n
        self.index.assign(range(m.token_start, m.token_end), actor.id)


def cluster(mentions: Iterable[EntityMention], lex: Lexicons) -> tuple[list[DraftActor], ActorIndex]:
    """Group mentions into actors, and index the tokens of each mention by its actor.

    Countries group by ISO code, known organisations by gazetteer key, other
    organisations by folded name, persons by name inclusion ("Lavrov" in "Sergueï
    Lavrov") or spelling ("Sergei" / "Sergueï"); a surname alone that two persons share
    goes to the one last mentioned.
    """
    mentions = list(mentions)
    found = _Clusters(mentions, lex)
    for n, m in enumerate(mentions):
        found.add(n, m)
    index = found.index
    actors = _merge_acronyms(found.actors, index)
    actors = _merge_prefixes(actors, index)
    actors = _merge_armies(actors, index, lex)
    for actor in actors:
        actor.aliases = [a for a in actor.aliases if fold(a) != fold(actor.name)]
    return actors, index


def anaphoric_aliases(doc: Doc, actors: list[DraftActor], index: ActorIndex, lex: Lexicons) -> None:
    """Index "le groupe" (a ``generic_org_noun``) as the organisation named last before
    it, and "les militaires" (an ``army_noun``) as the document's only army."""
    media = {k for k, o in lex.organizations.items() if o.kind in ("media", "agency")}
    orgs = {a.id for a in actors if a.type == "Organization"
            and not (a.key and a.key.id in media)}  # a medium is no "groupe"
    armies = [a.id for a in actors if is_army(a, lex)]
    generic, army_nouns = lex.cues("generic_org_noun"), lex.cues("army_noun")
    for t in doc:
        if t.i in index or t.pos_ != "NOUN":
            continue
        dets = {c.lower_ for c in t.children if c.dep_ == "det"}
        qualified = any(c.dep_ in ("appos", "flat:name") or c.dep_ == "nmod" and any(
            x.dep_ == "case" and x.lower_ in DE_TOKENS for x in c.children) for c in t.children)
        nxt = doc[t.i + 1] if t.i + 1 < len(doc) else None
        if nxt is not None and (nxt.ent_type_ or nxt.pos_ == "PROPN"):
            continue  # "le groupe Wagner" is a name
        if t.lower_ in generic and dets & (DEFINITE_SINGULAR | {"ce", "cette"}) and not qualified:
            before = [index[i] for i in range(t.i) if i in index and index[i] in orgs]
            if before:
                index.assign([t.i], before[-1])
        elif t.lower_ in army_nouns and dets & {"les", "des"} and not qualified and len(armies) == 1:
            index.assign([t.i], armies[0])


def repeated_surnames(doc: Doc, actors: list[DraftActor], index: ActorIndex) -> None:
    """Index a person's surname where the named-entity model missed it ("Patrice-Edouard
    Ngaïssona" split at its hyphen at the start of a sentence): one name keeps its
    referent within a story. Only surnames that one person of the document bears, of
    four letters or more, capitalised, and on no other entity."""
    bearers: dict[str, set[ActorId]] = {}
    words: dict[ActorId, set[str]] = {}
    for a in actors:
        if a.type != "Person":
            continue
        parts = re.split(r"[\s\-]+", fold(a.name))
        words[a.id] = set(parts)
        if len(parts[-1]) >= 4:
            bearers.setdefault(parts[-1], set()).add(a.id)
    for t in doc:
        if t.i in index or not t.text[:1].isupper() or t.ent_type_ not in ("", "PER", "MISC"):
            continue
        ids = bearers.get(fold(t.text))
        if not ids or len(ids) != 1:
            continue
        actor = next(iter(ids))
        span = [t.i]
        j = t.i - 1
        while j >= 0 and j not in index and (doc[j].text == "-" or fold(doc[j].text) in words[actor]
                                             or doc[j].pos_ == "PROPN" and doc[j].text[:1].isupper()):
            span.append(j)
            j -= 1
        index.assign(span, actor)
