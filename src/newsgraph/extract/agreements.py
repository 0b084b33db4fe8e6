"""Agreements as first-class records: name, parties, signing date, status."""
from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import cast

from spacy.tokens import Doc, Token

from ..data import Lexicons
from ..grammar import ELIDED_DE
from ..records import Agreement, StatusChange
from ..types import AgreementStatus, CharSpan
from .arguments import Scene, actor_at
from .dates import date_of

_POSSESSIVES = frozenset({"leur", "leurs", "son", "sa", "ses", "notre", "nos"})
_NAME_DEPS = frozenset({"amod", "nmod", "fixed", "flat", "compound"})
_PARTY_CASES = frozenset({"entre", "avec"})


def _name(head: Token, actors: Mapping[int, str]) -> str:
    """The agreement's name: its head and the modifiers that say what kind it is
    ("accords militaires", "accord de défense"), not its parties."""
    doc = head.doc
    end = head.i + 1
    for child in head.rights:
        if child.dep_ not in _NAME_DEPS or child.i > end + 3:
            break
        cases = {c.lower_ for c in child.children if c.dep_ == "case"}
        if cases & _PARTY_CASES or any(t.i in actors for t in child.subtree) or child.ent_type_:
            break
        right = max(t.i for t in child.subtree if not t.is_punct) + 1
        if right - head.i > 6 or any(t.pos_ in ("VERB", "AUX") for t in doc[end:right]):
            break
        end = right
    return doc[head.i:end].text


def _clause_subject(token: Token, scene: Scene) -> str | None:
    head = token
    for _ in range(4):
        subj = next((c for c in head.children if c.dep_ in ("nsubj",)), None)
        if subj is not None and subj.pos_ != "PRON":
            return actor_at(subj, scene)
        if head.head.i == head.i:
            break
        head = head.head
    return None


def agreements(doc: Doc, scene: Scene) -> Iterator[Agreement]:
    """The agreements ``doc`` names with at least one party it can tell."""
    nouns = scene.lex.agreement_nouns
    timexes = doc._.timexes if doc.has_extension("timexes") and doc._.timexes else []
    for t in doc:
        if t.pos_ != "NOUN" or t.lower_ not in nouns and t.lemma_.lower() not in nouns:
            continue
        if t.i > 0 and doc[t.i - 1].lower_ in ELIDED_DE and not any(c.dep_ == "det" for c in t.children):
            continue  # "être d'accord"
        found = _agreement(t, scene, timexes)
        if found is not None:
            yield found


class _Parties(list):
    """The parties of the agreement ``noun`` names, each once, in the order found."""

    def __init__(self, noun: Token, scene: Scene) -> None:
        super().__init__()
        self.noun, self.scene = noun, scene
        self.own_state = scene.lex.cues("own_state_noun")

    def add(self, tok: Token) -> None:
        for x in [tok] + [c for c in tok.children if c.dep_ == "conj"]:
            a = actor_at(x, self.scene)
            if a is None and x.lemma_.lower() in self.own_state and any(c.lower_ in _POSSESSIVES for c in x.children):
                a = _clause_subject(self.noun, self.scene)  # "leur pays": the subject's state
            if a and a not in self:
                self.append(a)


def _named_parties(t: Token, parties: _Parties, scene: Scene, timexes) -> str | None:
    """Add the parties the agreement noun's complements and relative clauses name; the
    year a clause of signing or binding gives ("qui liaient ... depuis 2013")."""
    verbs, binding = scene.lex.status_verbs, scene.lex.binding_verbs
    signed = None
    for c in t.children:
        cases = {x.lower_ for x in c.children if x.dep_ == "case"}
        if c.dep_ in ("nmod", "obl") and cases & _PARTY_CASES:
            parties.add(c)
        elif c.dep_ in ("acl:relcl", "acl"):
            for x in c.children:
                if x.dep_ in ("obj", "obl", "obl:arg", "iobj", "nsubj") and x.pos_ != "PRON":
                    parties.add(x)
            lemma = c.lemma_.lower()
            if verbs.get(lemma) == "signed" or lemma in binding:
                signed = signed or _year_in(c, timexes)
    return signed


#: A compound adjective of nationality: "russo-chinoise", "franco - malien".
_COMPOUND = re.compile(r"\b(\w+o)\s*-\s*(\w+)")


def compound_states(t: Token, lex: Lexicons) -> list[str]:
    """The states a compound adjective of nationality after the noun names: "l'accord
    céréalier américano-soviétique" -> US, SU (its parts a ``demonym_prefix`` and a
    demonym)."""
    prefixes = lex.cue_values("demonym_prefix")
    doc = t.doc
    window = doc[t.i + 1:min(t.i + 5, len(doc))]
    if not len(window):
        return []
    text = doc.text[window.start_char:window.end_char].lower()
    for m in _COMPOUND.finditer(text):
        first, last = prefixes.get(m.group(1)), lex.demonyms.get(m.group(2))
        if first and last and first != last:
            return [first, last]
    return []


def _agreement(t: Token, scene: Scene, timexes) -> Agreement | None:
    """The agreement the noun ``t`` names, its parties and status, or None when it has
    too few parties to tell."""
    verbs = scene.lex.status_verbs
    parties = _Parties(t, scene)
    signed = _named_parties(t, parties, scene, timexes)
    for iso in compound_states(t, scene.lex):
        a = scene.countries.get(iso)
        if a is not None and a not in parties:
            parties.append(a)
    status: str | None = None
    status_date: str | None = None
    verb: tuple[CharSpan, ...] = ()
    gov = t.head if t.dep_ in ("obj", "nsubj:pass", "nsubj", "obl:arg") else None
    if gov is not None and gov.lemma_.lower() in verbs:
        status = verbs[gov.lemma_.lower()]
        verb = ((gov.idx, gov.idx + len(gov)),)
        status_date = date_of(gov, timexes)
        subj = next((c for c in gov.children if c.dep_ == "nsubj" and t.dep_ in ("obj", "obl:arg")), None)
        if subj is not None:
            parties.add(subj)
    counterpart = any(c.dep_ in ("nmod", "obl") and "avec" in {x.lower_ for x in c.children if x.dep_ == "case"}
                      for c in t.children)
    if counterpart and len(parties) == 1 and t.dep_ in ("obj", "obl:arg"):
        # "X annonce une alliance avec Y": an agreement "avec" someone is the clause's
        # subject's
        subj = next((c for c in t.head.children if c.dep_ == "nsubj"), None)
        if subj is not None:
            parties.add(subj)
    if len(parties) < 2:
        _sentence_parties(t, parties, scene)
    for c in t.children:  # "l'accord signé en 2013"
        if c.dep_ == "acl" and c.lemma_.lower() in verbs and "Part" in c.morph.get("VerbForm", []):
            status = status or verbs[c.lemma_.lower()]
            if verbs[c.lemma_.lower()] == "signed":
                signed = signed or _year_in(c, timexes)
    if status == "signed" and signed is None:
        signed = status_date
    anaphoric = any(c.lower_ in ("cet", "cette", "ces", "ce") for c in t.children if c.dep_ == "det")
    if not parties and not (anaphoric and status):
        return None  # "cette alliance est scellée": kept to update the one named before
    if len(parties) == 1 and status is None:
        return None
    sent = t.sent
    span = (sent.start_char, sent.end_char)
    history = []
    if signed and status != "signed":
        history.append(StatusChange("signed", signed, span))
    if status:
        history.append(StatusChange(cast(AgreementStatus, status), status_date, span))
    return Agreement(name=_name(t, scene.actors), parties=tuple(parties), start=t.idx, end=t.idx + len(t),
                     sentence=span, status=cast("AgreementStatus | None", status), signed=signed, status_date=status_date, verbs=verb,
                     history=tuple(history), anaphoric=anaphoric)


def _sentence_parties(t: Token, parties: _Parties, scene: Scene) -> None:
    """Parties the sentence names beside the agreement noun when its own phrase names
    fewer than two: the subject of its clause ("la Chine et le Laos ont signé un
    contrat"), and a partner marked "avec" or "entre" anywhere in the sentence ("Le
    Laos a conclu en 2020 un contrat ... avec la Chine"); taken only when they make two
    parties at least (one party alone tells no agreement)."""
    found = _Parties(t, scene)
    found.extend(parties)
    subj = _clause_subject(t, scene)
    if subj is not None and subj not in found:
        found.append(subj)
    for x in t.sent:
        if x.i != t.i and {c.lower_ for c in x.children if c.dep_ == "case"} & _PARTY_CASES:
            found.add(x)
    if len(found) >= 2:
        parties.extend(a for a in found if a not in parties)


def _year_in(clause: Token, timexes) -> str | None:
    """A date written in a clause: "qui liaient ... depuis 2013" -> "2013"."""
    start, end = clause.left_edge.idx, clause.right_edge.idx + len(clause.right_edge)
    for x in timexes:
        if start <= x.start < end and x.type == "DATE" and x.value[:1].isdigit():
            return x.value.split("/")[0]
    return None
