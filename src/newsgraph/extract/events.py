"""Events from the dependency parse: trigger, source, target, place, modality.

Extractors are pure functions of a Doc and the map from token index to actor id that
the resolver made; they yield :class:`~newsgraph.extract.model.Event` objects.
"""
from __future__ import annotations

from collections.abc import Iterator, Mapping

from spacy.tokens import Doc, Token

from .. import data
from .lexicon import Trigger, triggers
from .model import Event

SUBJECTS = ("nsubj",)
PASSIVE_SUBJECTS = ("nsubj:pass",)
TARGET_CASES = ("à", "au", "aux", "avec", "contre", "auprès", "vers", "envers", "entre", "en")
SOURCE_CASES = ("de", "du", "des", "d'", "d", "par")
LIGHT_VERBS = frozenset({"effectuer", "faire", "mener", "entamer", "tenir", "avoir", "procéder",
                         "organiser", "lancer", "rendre", "adresser", "accomplir"})
PLANNED_GOVERNORS = frozenset({"attendre", "prévoir", "devoir", "envisager", "projeter", "compter",
                               "annoncer", "programmer", "préparer", "censé", "aller", "vouloir",
                               "prévision"})
PLANNED_MODIFIERS = frozenset({"prochain", "prochaine", "futur", "future", "prévu", "prévue",
                               "programmé", "programmée", "attendu", "attendue"})
NEGATIONS = frozenset({"pas", "jamais", "plus", "aucun", "aucune", "ni", "guère"})
ROLE_HEADS = frozenset({"président", "présidente", "ministre", "ambassadeur", "chef", "diplomate",
                        "porte-parole", "secrétaire", "premier", "dirigeant", "leader", "roi",
                        "général", "colonel", "commandant", "directeur", "représentant", "envoyé"})


def trigger_of(token: Token) -> Trigger | None:
    """The lexicon entry a token triggers, if any (pronominal verbs as "se X")."""
    lex = triggers()
    pos = "VERB" if token.pos_ in ("VERB", "AUX") else token.pos_
    lemma = token.lemma_.lower()
    if pos == "VERB" and any(c.dep_ in ("expl:comp", "expl:pv", "expl") or
                             (c.lower_ in ("se", "s'", "s’") and c.dep_.startswith("expl"))
                             for c in token.children):
        entry = lex.get((("s'" if lemma[:1] in "aeiouéèêh" else "se ") + lemma, pos))
        if entry:
            return entry
    if pos == "VERB":
        for c in token.children:
            if c.dep_ == "obj" and (lemma + " " + c.lemma_.lower(), "VERB") in lex:
                return lex[(lemma + " " + c.lemma_.lower(), "VERB")]
    return lex.get((lemma, pos))


def _cases(token: Token) -> set[str]:
    return {c.lower_ for c in token.children if c.dep_ in ("case", "mark")}


def actor_at(token: Token, actors: Mapping[int, str]) -> str | None:
    """The actor a head token stands for: its own entity, or a name in apposition to a
    role noun ("le ministre ..., Abdoulaye Diop"), or a name the role noun governs."""
    if token.i in actors:
        return actors[token.i]
    for c in token.children:
        if c.dep_ in ("appos", "flat:name", "flat") and c.i in actors:
            return actors[c.i]
    if token.lemma_.lower() in ROLE_HEADS:
        for c in token.subtree:
            if c.i in actors and c.ent_type_ == "PER":
                return actors[c.i]
    return None


def _with_conjuncts(token: Token) -> list[Token]:
    return [token] + [c for c in token.children if c.dep_ == "conj"]


def _governor_subject(token: Token) -> Token | None:
    """The subject of the verb that governs a trigger ("X a effectué une visite",
    "X veut rencontrer Y")."""
    head = token.head
    hops = 0
    while head is not None and hops < 3:
        for c in head.children:
            if c.dep_ in SUBJECTS and c is not token:
                return c
        if head.head is head:
            break
        head, hops = head.head, hops + 1
    return None


def modality_of(trigger: Token) -> str:
    """asserted, planned, negated, reported or hypothetical, from tense, mood, negation
    and the words that govern or modify the trigger."""
    verb = trigger if trigger.pos_ in ("VERB", "AUX") else trigger.head
    chain = [trigger] + list(trigger.ancestors)[:3]
    for t in chain:
        if any(c.lower_ in NEGATIONS and c.dep_ == "advmod" for c in t.children):
            return "negated"
    for t in chain:
        if "Fut" in t.morph.get("Tense") or t.lemma_.lower() in PLANNED_GOVERNORS:
            return "planned"
        if any(c.lower_ in PLANNED_MODIFIERS for c in t.children if c.dep_ in ("amod", "acl")):
            return "planned"
        if t.pos_ == "NOUN" and t is not trigger:
            break
    if any(c.lower_ in PLANNED_MODIFIERS for c in trigger.children):
        return "planned"
    if "Cnd" in verb.morph.get("Mood") or any("Cnd" in c.morph.get("Mood") for c in verb.children if c.dep_.startswith("aux")):
        if any(c.lower_ == "si" for c in verb.subtree):
            return "hypothetical"
        return "reported"
    return "asserted"


def _arguments(trigger: Token, entry: Trigger, actors: Mapping[int, str]) -> tuple[list[str], list[str], str | None]:
    sources: list[str] = []
    targets: list[str] = []
    place: str | None = None
    capitals = data.capitals()

    def add(lst: list[str], tok: Token) -> None:
        for t in _with_conjuncts(tok):
            a = actor_at(t, actors)
            if a and a not in lst:
                lst.append(a)

    heads = [trigger]
    # participles and relative clauses on a nominal trigger carry its arguments:
    # "l'invitation adressée par X à Y"
    if trigger.pos_ == "NOUN":
        heads += [c for c in trigger.children if c.dep_ in ("acl", "acl:relcl")]
    for head in heads:
        for c in head.children:
            cases = _cases(c)
            if c.dep_ in SUBJECTS and head is trigger:
                add(sources, c)
            elif c.dep_ == "obl:agent" or (c.dep_ in ("obl", "nmod", "obl:arg") and "par" in cases):
                add(sources, c)
            elif c.dep_ in PASSIVE_SUBJECTS:
                add(targets, c)
            elif c.dep_ in ("obj", "iobj", "xcomp") and head is trigger:
                add(targets, c)
            elif c.dep_ in ("nmod", "obl", "obl:arg", "obl:mod"):
                if trigger.pos_ == "NOUN" and cases & set(SOURCE_CASES) and not sources:
                    add(sources, c)
                elif cases & set(TARGET_CASES):
                    if entry.frame == "place" and c.ent_type_ in ("GPE", "LOC"):
                        place = place or c.text
                        if c.ent_type_ == "LOC" and c.text not in capitals:
                            continue
                    if "entre" in cases:
                        add(sources, c)
                        continue
                    add(targets, c)
    if not sources and trigger.pos_ == "NOUN" and trigger.head.lemma_.lower() in LIGHT_VERBS:
        subj = _governor_subject(trigger)
        if subj is not None:
            add(sources, subj)
    if not sources and trigger.pos_ == "VERB" and trigger.dep_ in ("xcomp", "advcl", "acl"):
        subj = _governor_subject(trigger)
        if subj is not None:
            add(sources, subj)
    if len(sources) > 1 and not targets:
        targets = sources[1:]
        sources = sources[:1]
    return sources, targets, place


def events(doc: Doc, actors: Mapping[int, str]) -> Iterator[Event]:
    """Every event the lexicon triggers in ``doc`` with a known source actor."""
    for token in doc:
        entry = trigger_of(token)
        if entry is None:
            continue
        sources, targets, place = _arguments(token, entry, actors)
        if not sources:
            continue
        sent = token.sent
        for src in sources:
            for tgt in (targets or [None]):
                if tgt == src:
                    continue
                yield Event(type=entry.type, mode=entry.mode, source=src, target=tgt,
                            trigger=token.text, start=token.idx, end=token.idx + len(token),
                            sentence=(sent.start_char, sent.end_char), place=place,
                            modality=modality_of(token))
