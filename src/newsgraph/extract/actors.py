"""Actor mentions from a parsed Doc: persons, organisations and countries."""
from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from spacy.tokens import Doc, Span, Token

from ..data import Lexicons
from ..grammar import DE_TOKENS
from ..nlp.gazetteer import kb_ref
from ..records import EntityMention
from ..types import KbRef

#: Prepositions that make a place of the name they introduce ("au Mali", "à Bamako").
LOCATIVE_CASES = frozenset({"en", "au", "aux", "à", "dans", "vers", "sur", "depuis", "jusqu'", "jusqu"})


def _in_parenthetical_list(span: Span) -> bool:
    """Inside parentheses that hold a comma-separated list."""
    doc = span.doc
    i = span.start - 1
    while i >= max(0, span.start - 30) and doc[i].text not in ("(", ")"):
        i -= 1
    if i < 0 or doc[i].text != "(":
        return False
    j = span.end
    while j < min(len(doc), span.end + 30) and doc[j].text not in (")", "("):
        j += 1
    if j >= len(doc) or doc[j].text != ")":
        return False
    return any(t.text == "," for t in doc[i + 1:j])


def is_locative(span: Span, lex: Lexicons) -> bool:
    """Whether a name is only a location in its clause ("attendu à Bamako", "dans le nord
    du Mali"), or one of a list of members ("sept pays - le Kenya, la Tanzanie...").

    Parsed examples are in ``tests/test_actors.py``.
    """
    root = span.root
    if _in_parenthetical_list(span):
        return True  # "missions opérationnelles (Afghanistan, Djibouti, ...)"
    if root.dep_ in ("nsubj", "nsubj:pass", "obj", "iobj", "obl:agent"):
        return False
    head = root
    while head.dep_ == "conj" and head.head.i != head.i:
        head = head.head
    if head.dep_ == "ROOT" and head.pos_ in ("PROPN", "NOUN") and not any(
            c.dep_ in ("nsubj", "cop", "nsubj:pass") for c in head.children):
        return True  # a verbless list: "sept pays - le Kenya, la Tanzanie, ..."
    if head.dep_ == "appos" and head.head.lemma_.lower() in lex.cues("list_noun"):
        return True
    cases = {c.lower_ for c in root.children if c.dep_ == "case"}
    # "à la France", "au Mali": the determiner may sit between case and name
    if cases & LOCATIVE_CASES:
        return True
    # "dans le nord du Mali", "la région de Tillabéri au Niger": part of a place
    part = root.head
    if root.dep_ == "nmod" and cases & DE_TOKENS and part.lemma_.lower() in lex.cues("place_part"):
        return bool({c.lower_ for c in part.children if c.dep_ == "case"} & LOCATIVE_CASES)
    return _member_of_places(root, cases) or (not cases and _listed_after_a_place(span, lex))


def _listed_after_a_place(span: Span, lex: Lexicons) -> bool:
    """A name that a comma or "et" joins to a place named just before it: "vers la
    Bolivie, la Colombie et l'Équateur" (the parser may hang the later ones on the verb)."""
    doc = span.doc
    i = span.start - 1
    while i >= 0 and doc[i].pos_ == "DET":
        i -= 1
    if i < 1 or doc[i].lower_ not in (",", "et"):
        return False
    prev = next((e for e in doc.ents if e.end == i), None)
    return prev is not None and is_locative(prev, lex)


def _member_of_places(token: Token, cases: set[str]) -> bool:
    """A name in a list, or given as an example ("comme"), of a phrase that is a place:
    "vers la Pologne, la Roumanie et la Hongrie", "vers les pays voisins, comme la
    Roumanie". Each member of a list is where its first member is."""
    first = token
    while first.dep_ == "conj" and first.head.i != first.i and not cases:
        first = first.head
    if first is not token:
        own = {c.lower_ for c in first.children if c.dep_ == "case"}
        if own & LOCATIVE_CASES:
            return True
        cases = own
    if "comme" in cases:
        # the examples of the noun phrase just before "comme", wherever the parser hangs
        # them: that phrase, or a phrase it is part of, is a place
        comme = next(c for c in first.children if c.dep_ == "case" and c.lower_ == "comme")
        before = comme.i - 1
        while before >= 0 and first.doc[before].is_punct:
            before -= 1
        t = first.doc[before] if before >= 0 else None
        for _ in range(3):
            if t is None:
                break
            if {c.lower_ for c in t.children if c.dep_ == "case"} & LOCATIVE_CASES:
                return True
            t = t.head if t.head.i != t.i else None
    return False


def entity_mentions(doc: Doc, lex: Lexicons) -> Iterator[EntityMention]:
    """Every entity of ``doc`` that may denote an actor, with its type and gazetteer key."""
    orgs = lex.organizations
    for ent in doc.ents:
        kb = kb_ref(ent)
        locative = is_locative(ent, lex)
        common: dict[str, Any] = dict(text=ent.text, start=ent.start_char, end=ent.end_char,
                      token_start=ent.start, token_end=ent.end)
        if kb and kb.kind == "country":
            yield EntityMention(type="Country", key=kb, country=kb.iso, acting=not locative, **common)
        elif kb and kb.kind == "capital":
            # a capital acts for its state ("Bamako a dénoncé"); as a place ("à Bamako")
            # it only lets the state be the host of a visit
            yield EntityMention(type="Country", key=kb.state(), country=kb.iso,
                                acting=not locative, capital=True, **common)
        elif kb and kb.kind == "org":
            org = orgs[kb.id]
            acting = True
            if org.kind == "agency":
                # a news agency is a cited source wherever it is named: "selon l'AFP", "a
                # déclaré à l'agence Reuters" (its dispatch carries the words to the story)
                acting = True
            elif org.kind == "media":
                # a medium is an actor when it acts, is acted upon or is cited ("selon
                # Reuters"), not when it only carries the words ("a déclaré à BBC Afrique")
                acting = ent.root.dep_ in ("nsubj", "nsubj:pass", "obj", "obl:agent", "appos") \
                    or "selon" in {c.lower_ for c in ent.root.children if c.dep_ == "case"}
            yield EntityMention(type="Organization", key=kb, country=org.country, acting=acting, **common)
        elif ent.label_ == "PER":
            yield EntityMention(type="Person", **common)
        elif ent.label_ == "ORG":
            # "L'UE" in one token escapes the gazetteer: look the name up without its article
            key = lex.organization_names.get(re.sub(r"^[LlDd]['’]", "", ent.text))
            if key:
                org = orgs[key]
                yield EntityMention(type="Organization", key=KbRef("org", key), country=org.country, **common)
            else:
                yield EntityMention(type="Organization", **common)


def demonym_mentions(doc: Doc, lex: Lexicons) -> Iterator[EntityMention]:
    """Demonyms ("malien", "les militaires français"): not actors by themselves, but they
    let a state be a party to an event (``acting`` is False)."""
    demonyms = lex.demonyms
    for t in doc:
        iso = demonyms.get(t.lower_)
        if iso and t.pos_ in ("ADJ", "NOUN", "PROPN") and not t.ent_type_:
            yield EntityMention(text=t.text, start=t.idx, end=t.idx + len(t), token_start=t.i,
                                token_end=t.i + 1, type="Country", key=KbRef("country", iso), country=iso,
                                acting=False, demonym=True)


def publishers(doc: Doc, lex: Lexicons, site: str | None = None) -> set[KbRef]:
    """The media the page itself names as its publisher: the ``site`` its link lines
    name (:attr:`newsgraph.ingest.Article.site`), and a medium after "À lire aussi sur",
    "À ne pas manquer sur", "Suivez-nous sur" in the text (a ``publisher_verb`` shortly
    before "sur")."""
    verbs = lex.cues("publisher_verb")
    key = lex.organization_names.get(site or "")
    out = {KbRef("org", key)} if key else set()
    for ent in doc.ents:
        kb = kb_ref(ent)
        if kb is None or kb.kind != "org" or lex.organizations[kb.id].kind != "media":
            continue
        before = doc[max(0, ent.start - 6):ent.start]
        if len(before) and before[-1].lower_ == "sur" and any(t.lemma_.lower() in verbs or t.lower_ in verbs
                                                              for t in before):
            out.add(kb)
    return out
