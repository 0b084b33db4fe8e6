"""State bodies ("l'armée malienne", "le ministère des Affaires étrangères") and phrases
that stand for a state ("les autorités maliennes", "le gouvernement de Kigali")."""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from spacy.tokens import Doc, Token

from ..data import Lexicons
from ..grammar import DE_TOKENS, DEFINITE
from ..nlp.gazetteer import kb_ref
from ..records import EntityMention
from ..types import KbRef
from .actors import is_locative

_STOP_DEPS = frozenset({"acl", "acl:relcl", "appos", "punct", "conj", "cc", "advcl", "parataxis"})


def _country_of(token: Token, lex: Lexicons) -> str | None:
    """The state a modifier names: a demonym ("malienne"), a country or a capital."""
    dem = lex.demonyms.get(token.lower_)
    if dem:
        return dem
    kb = kb_ref(token)
    return kb.iso if kb else None


def _extent(head: Token, lex: Lexicons) -> tuple[int, str | None, bool]:
    """Right end of the body's name, the state its modifiers name, whether it has a
    qualifying modifier."""
    doc = head.doc
    end = head.i + 1
    iso = None
    qualified = False
    for child in head.rights:
        if child.dep_ in _STOP_DEPS or child.i != end and doc[end].is_punct:
            break
        if child.dep_ not in ("amod", "nmod", "flat:name", "fixed", "flat"):
            break
        if child.dep_ == "nmod" and not (child.i == end and lex.demonyms.get(child.lower_)):
            words = list(child.subtree)
            named = any(w.ent_type_ or w.text[:1].isupper() for w in words if not w.is_punct)
            if any(w.like_num for w in words) or not (named or head.lower_ in lex.cues("ministry_head") or head.text[:1].isupper()):
                break  # "le parlement de 350 membres": a description, not a name
        sub = [t for t in child.subtree if t.i >= end]
        own_case = {c.i for c in child.children if c.dep_ == "case"}
        stop = next((t.i for t in sub if t.is_punct or t.pos_ in ("VERB", "AUX")
                     or t.dep_ in _STOP_DEPS and t.i != child.i
                     # "ministère des Affaires étrangères pour demande d'explications"
                     or t.dep_ == "case" and t.i not in own_case and t.lower_ not in DE_TOKENS),
                    None)
        right = (stop if stop is not None else child.right_edge.i + 1)
        if right <= end or right - head.i > 9:
            break
        for t in doc[end:right]:
            iso = iso or _country_of(t, lex)
        qualified = True
        end = right
    return end, iso, qualified


def _several(head: Token, lex: Lexicons) -> bool:
    """"les deux pays", "ces gouvernements": a noun of one state made plural names several."""
    if any(c.dep_ == "nummod" for c in head.children):
        return True
    plural = any("Plur" in c.morph.get("Number", []) for c in head.children if c.dep_ == "det")
    return plural and head.lemma_.lower() in lex.cues("one_state_noun")


def body_mentions(doc: Doc, lex: Lexicons) -> Iterator[EntityMention]:
    """Mentions of state bodies and state metonyms that NER does not give."""
    heads = lex.bodies
    in_ent = {i for e in doc.ents for i in range(e.start, e.end)}
    for t in doc:
        if t.pos_ not in ("NOUN", "PROPN") or t.i in in_ent:
            continue
        entry = heads.get(t.lower_) or heads.get(t.lemma_.lower())
        if entry is None:
            continue
        kind, named, alone = entry
        end, iso, qualified = _extent(t, lex)
        span = doc[t.i:end]
        if any(i in in_ent for i in range(t.i, end)) and iso is None:
            continue
        acting = not is_locative(span, lex)
        common: dict[str, Any] = dict(text=span.text, start=span.start_char, end=span.end_char,
                      token_start=span.start, token_end=span.end, acting=acting)
        if kind == "state":
            if iso:
                yield EntityMention(type="Country", key=KbRef("country", iso), country=iso, **common)
            elif alone and acting and any(c.lower_ in DEFINITE for c in t.children) \
                    and not _several(t, lex):
                # "le gouvernement" alone: the state the article is about (see
                # newsgraph.resolve.document)
                yield EntityMention(type="Country", key=None, country=None, **common)
            continue
        is_subject = t.dep_ in ("nsubj", "nsubj:pass", "obl:agent")
        capitalised = t.text[:1].isupper()
        if iso or (named and (capitalised or qualified)) or (alone and is_subject):
            yield EntityMention(type="Organization", key=None, country=iso, body=True, **common)
