"""One actor per real-world entity within a document."""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from .. import data
from ..extract.model import EntityMention
from ..types import ActorType
from .names import edit_distance, fold, same_given_name, titlecase_caps


@dataclass
class Actor:
    """An actor of one document, with every mention that refers to it."""

    id: str
    name: str
    type: ActorType
    key: str | None = None
    country: str | None = None
    mentions: list[EntityMention] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    iri: str | None = None

    @property
    def acting(self) -> bool:
        return any(m.acting for m in self.mentions)

    def add_alias(self, text: str) -> None:
        if fold(text) != fold(self.name) and text not in self.aliases:
            self.aliases.append(text)


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
        if tokens[-1] == other[-1] and len(tokens) > 1 and len(other) > 1 \
                and same_given_name(tokens[0], other[0]):
            return True
        if len(tokens) == 1 and len(tokens[0]) >= 6 and edit_distance(tokens[0], other[-1]) <= 2 \
                and tokens[0][0] == other[-1][0]:
            return True  # "Zelenksy" for "Zelensky"
    return False


@lru_cache(maxsize=1)
def _demonym_pattern() -> re.Pattern[str]:
    forms = sorted({fold(d) for d in data.demonyms()}, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(f) for f in forms) + r")\b")


def _body_base(text: str) -> str:
    """An organisation's name without demonyms: "police sud-africaine" -> "police"."""
    return re.sub(r"\s+", " ", _demonym_pattern().sub(" ", fold(text))).strip()


def _initials(name: str) -> str:
    words = [w for w in re.split(r"[\s'’-]+", name) if w and w.lower() not in _ACRONYM_SKIP]
    return "".join(w[0] for w in words).upper()


_ACRONYM_SKIP = frozenset({"de", "du", "des", "d", "la", "le", "les", "l", "pour", "et", "en", "à", "au", "aux", "sur"})


def _is_acronym(name: str) -> bool:
    return name.isupper() and name.isalpha() and 2 <= len(name) <= 8


def _merge_into(target: Actor, other: Actor, token_map: dict[int, str]) -> None:
    target.mentions.extend(other.mentions)
    target.add_alias(other.name)
    for alias in other.aliases:
        target.add_alias(alias)
    for i, aid in list(token_map.items()):
        if aid == other.id:
            token_map[i] = target.id


def _merge_prefixes(actors: list[Actor], token_map: dict[int, str]) -> list[Actor]:
    """An organisation named by the start of another's name is that one: "conseil
    national" and "Conseil national de transition", "Cour suprême" and "Cour suprême du
    Kenya" (one of each in a document)."""
    orgs = [a for a in actors if a.type == "Organization" and not a.key]
    gone: set[str] = set()
    for short in orgs:
        words = fold(short.name).split()
        if not words:
            continue
        longer = [o for o in orgs if o is not short and o.id not in gone
                  and fold(o.name).split()[:len(words)] == words and len(fold(o.name).split()) > len(words)]
        if len(longer) == 1:
            _merge_into(longer[0], short, token_map)
            gone.add(short.id)
    return [a for a in actors if a.id not in gone]


def _merge_acronyms(actors: list[Actor], token_map: dict[int, str]) -> list[Actor]:
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
        _merge_into(target, acr, token_map)
        gone.add(acr.id)
    return [a for a in actors if a.id not in gone]


def cluster(mentions: Iterable[EntityMention]) -> tuple[list[Actor], dict[int, str]]:
    """Group mentions into actors; also map each token index of a mention to its actor id.

    Countries group by ISO code, known organisations by gazetteer key, other
    organisations by folded name, persons by name inclusion ("Lavrov" in "Sergueï
    Lavrov") or spelling ("Sergei" / "Sergueï"); a surname alone that two persons share
    goes to the one last mentioned.
    """
    actors: list[Actor] = []
    by_key: dict[str, Actor] = {}
    persons: list[tuple[Actor, list[list[str]]]] = []
    last_seen: dict[str, int] = {}
    token_map: dict[int, str] = {}
    countries = data.countries()
    organizations = data.organizations()

    def new(name: str, type_: ActorType, **kw) -> Actor:
        actor = Actor(id=f"a{len(actors) + 1}", name=name, type=type_, **kw)
        actors.append(actor)
        return actor

    mentions = list(mentions)
    body_isos: dict[str, set[str]] = {}
    for m in mentions:
        if m.type == "Organization" and not m.key:
            body_isos.setdefault(_body_base(m.text) or fold(m.text), set()).add(m.country or "")
    for n, m in enumerate(mentions):
        if m.type == "Country" and m.country:
            actor = by_key.get(m.key or "")
            if actor is None:
                c = countries.get(m.country)
                actor = by_key[m.key or ""] = new(c.name_fr if c else m.text, "Country",
                                                   key=m.key, country=m.country)
        elif m.type == "Organization":
            if m.key:
                actor = by_key.get(m.key)
                if actor is None:
                    org = organizations[m.key.split(":", 1)[1]]
                    actor = by_key[m.key] = new(org.name_fr, "Organization", key=m.key,
                                                 country=org.country)
            else:
                base = _body_base(m.text) or fold(m.text)
                iso = m.country or ""
                qualified = body_isos.get(base, set()) - {""}
                if not iso and len(qualified) == 1:
                    iso = next(iter(qualified))  # "l'armée" beside "l'armée birmane"
                k = f"org:{base}:{iso}"
                actor = by_key.get(k)
                if actor is None:
                    actor = by_key[k] = new(m.text.strip("\"«» "), "Organization", country=iso or None)
                elif len(m.text) > len(actor.name) and m.body:
                    actor.add_alias(actor.name)
                    actor.name = m.text
        else:
            tokens = _person_tokens(m.text)
            fits = [(a, names) for a, names in persons if _compatible(tokens, names)]
            if len(fits) > 1 and len(tokens) == 1:
                fits = [max(fits, key=lambda f: last_seen.get(f[0].id, -1))]
            if len(fits) >= 1 and (len(fits) == 1 or len(tokens) == 1):
                actor, names = fits[0]
                names.append(tokens)
                if len(tokens) > len(fold(actor.name).split()):
                    actor.add_alias(actor.name)
                    actor.name = titlecase_caps(m.text)
            else:
                actor = new(titlecase_caps(m.text), "Person")
                persons.append((actor, [tokens]))
        actor.mentions.append(m)
        if m.demonym or m.capital and not m.acting:
            continue  # "malienne", "à Bamako": no name of Mali here; they serve events only
        actor.add_alias(m.text)
        last_seen[actor.id] = n
        for i in range(m.token_start, m.token_end):
            token_map[i] = actor.id
    actors = _merge_acronyms(actors, token_map)
    actors = _merge_prefixes(actors, token_map)
    for actor in actors:
        actor.aliases = [a for a in actor.aliases if fold(a) != fold(actor.name)]
    return actors, token_map


#: Nouns that, definite and alone, take up an organisation named before ("le groupe").
GENERIC_ORG_NOUNS = frozenset({"groupe", "mouvement", "organisation", "parti", "coalition", "formation",
                               "rébellion", "milice", "bloc", "alliance", "institution"})
#: Nouns that, definite and alone, stand for the army of the document ("les militaires").
ARMY_NOUNS = frozenset({"militaires", "soldats", "troupes"})


def anaphoric_aliases(doc, actors: list[Actor], token_map: dict[int, str]) -> None:
    """Map "le groupe" to the organisation named last before it, and "les militaires"
    to the document's only army (in ``token_map``, in place)."""
    media = {k for k, o in data.organizations().items() if o.kind == "media"}
    orgs = {a.id for a in actors if a.type == "Organization"
            and not (a.key and a.key.split(":", 1)[1] in media)}  # a medium is no "groupe"
    armies = [a.id for a in actors if a.type == "Organization" and fold(a.name).split()[:1] in (["armee"], ["forces"])]
    for t in doc:
        if t.i in token_map or t.pos_ != "NOUN":
            continue
        dets = {c.lower_ for c in t.children if c.dep_ == "det"}
        qualified = any(c.dep_ in ("appos", "flat:name") or c.dep_ == "nmod" and any(
            x.dep_ == "case" and x.lower_ in ("de", "du", "des", "d'", "d’") for x in c.children) for c in t.children)
        nxt = doc[t.i + 1] if t.i + 1 < len(doc) else None
        if nxt is not None and (nxt.ent_type_ or nxt.pos_ == "PROPN"):
            continue  # "le groupe Wagner" is a name
        if t.lower_ in GENERIC_ORG_NOUNS and dets & {"le", "la", "l'", "l’", "ce", "cette"} and not qualified:
            before = [token_map[i] for i in range(t.i) if i in token_map and token_map[i] in orgs]
            if before:
                token_map[t.i] = before[-1]
        elif t.lower_ in ARMY_NOUNS and dets & {"les", "des"} and not qualified and len(armies) == 1:
            token_map[t.i] = armies[0]
