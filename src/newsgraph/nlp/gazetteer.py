"""Gazetteer patterns and the entity fixes newsgraph applies after spaCy's NER.

Entities keep spaCy's labels (PER, ORG, LOC, MISC) plus ``GPE`` for countries; the
``kb_id_`` of a span says what the gazetteer knows of it, a
:class:`~newsgraph.types.KbRef` written as a string: ``country:ML``, ``capital:ML`` (a
capital, which may stand for its state) or ``org:ecowas``; :func:`kb_ref` reads it back.
Every word list comes from the :class:`~newsgraph.data.Lexicons` given.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import cast

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc, Span, Token

from ..data import Lexicons, strip_accents
from ..grammar import ACRONYM_SKIP, DE, DEFINITE, ELIDED_DE
from ..types import KbRef


def kb_ref(item: Span | Token) -> KbRef | None:
    """What the gazetteer knows of an entity or of the entity a token is part of."""
    return KbRef.parse(item.kb_id_ if isinstance(item, Span) else item.ent_kb_id_)


def gazetteer_entries(lex: Lexicons) -> Iterator[tuple[str, KbRef, str]]:
    """``(label, reference, name)`` for every name the gazetteers know.

    >>> from newsgraph.data import default_lexicons
    >>> entries = set(gazetteer_entries(default_lexicons()))
    >>> ("GPE", KbRef("country", "RU"), "Fédération de Russie") in entries
    True
    >>> ("LOC", KbRef("capital", "ML"), "Bamako") in entries
    True
    """
    for c in lex.countries.values():
        for name in (c.names_fr if lex.lang == "fr" else c.names_en):
            yield "GPE", KbRef("country", c.iso2), name
        if lex.lang == "fr":
            for cap in (*c.capitals, *c.seats):  # "Moscou", "le Kremlin": the state's seat
                yield "LOC", KbRef("capital", c.iso2), cap
    for org in lex.organizations.values():
        for name in org.names:
            yield "ORG", KbRef("org", org.key), name


class Gazetteer:
    """The gazetteers' names of one :class:`~newsgraph.data.Lexicons`, indexed by their
    lowercase form, and a case-insensitive PhraseMatcher over them."""

    def __init__(self, nlp: Language, lex: Lexicons) -> None:
        self.lex = lex
        self.entries: dict[str, list[tuple[str, KbRef, str]]] = {}
        entries = list(gazetteer_entries(lex))
        for label, kb, name in entries:
            self.entries.setdefault(name.lower(), []).append((label, kb, name))
        for label, kb, name in entries:  # after every accented name, so that those come first
            # the press often drops accents on capitals: "Emirats arabes unis", "l'Etat islamique"
            bare = strip_accents(name)
            if bare != name:
                self.entries.setdefault(bare.lower(), []).append((label, kb, bare))
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.matcher.add("GAZ", list(cast(Tokenizer, nlp.tokenizer).pipe(sorted(self.entries))))


def _case_ok(span: Span, name: str) -> bool:
    """Acronyms must match exactly (or title-cased, from four letters); other names must
    start with a capital where the gazetteer's form does."""
    if name.isupper() and len(name) <= 6:
        # "OTAN", and the press's "Otan", "Cedeao"; never "otan" nor "UN" in "UN COMMENTAIRE"
        return span.text == name or len(name) >= 4 and span.text == name[0] + name[1:].lower()
    if name[:1].isupper():
        return span.text[:1].isupper()
    return True


def gazetteer_spans(doc: Doc, gazetteer: Gazetteer) -> list[Span]:
    """Spans of ``doc`` that the gazetteers name, longest first where they overlap."""
    spans = []
    for _, start, end in gazetteer.matcher(doc):
        span = doc[start:end]
        for label, kb, name in gazetteer.entries.get(span.text.lower(), []):
            if _case_ok(span, name):
                spans.append(Span(doc, start, end, label=label, kb_id=str(kb)))
                break
    return _longest_first(spans)


def _longest_first(spans: Iterable[Span]) -> list[Span]:
    out: list[Span] = []
    taken: set[int] = set()
    for span in sorted(spans, key=lambda s: (-(s.end - s.start), s.start)):
        if not taken.intersection(range(span.start, span.end)):
            out.append(span)
            taken.update(range(span.start, span.end))
    return sorted(out, key=lambda s: s.start)


def _is_title(tokens: list[Token], lex: Lexicons) -> int:
    """How many of the leading ``tokens`` form a title ("Colonel", "M.", "premier ministre")."""
    known = lex.titles
    best = 0
    for n in range(1, min(4, len(tokens)) + 1):
        words = " ".join(t.lower_.rstrip(".") if t.text != "." else "" for t in tokens[:n]).strip()
        words = words.replace(" - ", "-").replace(" -", "-").replace("- ", "-")
        if words in known:
            best = n
    if best and best < len(tokens) and tokens[best].text == ".":
        best += 1
    return best


def _is_caps_name(token: Token) -> bool:
    return token.is_alpha and token.is_upper and len(token) > 1


_PLURAL_DETS = frozenset({"des", "les", "aux", "ces"})


def _names_a_place(span: Span, lex: Lexicons) -> bool:
    """After a place noun ("l'aéroport Félix Houphouët-Boigny", "la ville de X")."""
    doc = span.doc
    i = span.start - 1
    if i >= 0 and doc[i].lower_ in ELIDED_DE | {"de"}:
        i -= 1
    while i >= 0 and doc[i].pos_ == "ADJ" and span.start - i < 4:
        i -= 1  # "la ville frontalière de Bunagana"
    return i >= 0 and doc[i].lower_ in lex.cues("place_noun")


def fix_person(span: Span, lex: Lexicons) -> Span | None:
    """Trim titles off a person span and extend it over an ALL-CAPS surname.

    Returns None when nothing of a name is left.
    """
    doc = span.doc
    start, end = span.start, span.end
    # extend over surnames in capitals that NER cut off: "Colonel Assimi" + "GOÏTA"
    while end < len(doc) and _is_caps_name(doc[end]) and not doc[end].ent_type_ in ("GPE",):
        end += 1
    # a hyphenated surname cut at its hyphen: "Nana Akufo" + "-Addo"
    while end < len(doc) and not doc[end - 1].whitespace_ and (
            doc[end].text[:1] == "-" and doc[end].text[1:2].isupper()
            or doc[end].text == "-" and end + 1 < len(doc) and doc[end + 1].text[:1].isupper()
            and not doc[end].whitespace_):
        end += 1 if doc[end].text != "-" else 2
    # a given name alone is a name cut short: "Ousmane" + "Sonko"
    if end - start - _is_title(list(doc[start:end]), lex) == 1 and end < len(doc):
        nxt = doc[end]
        if nxt.is_alpha and nxt.text[:1].isupper() and not nxt.is_upper and not nxt.ent_type_ \
                and not nxt.is_stop and doc[end - 1].whitespace_ == " " and nxt.lower_ not in lex.demonyms:
            end += 1
    # trim titles before the name
    cut = _is_title(list(doc[start:end]), lex)
    start += cut
    while start < end and (doc[start].is_punct or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space
                           or end - start > 1 and doc[end - 1].is_stop and doc[end - 1].is_lower):
        end -= 1
    if start >= end:
        return None
    tokens = doc[start:end]
    if any(c in tokens.text for c in "/@|#") or any(t.like_num for t in tokens):
        return None
    if not tokens[0].text[:1].isupper():
        return None
    if _names_a_place(tokens, lex):
        return None
    if tokens.text.lower() in lex.non_actors or tokens.text.lower() in lex.calendar_words:
        return None  # "Covid", "Lundi"
    if len(tokens) == 1:
        word = tokens[0]
        if word.lower_ in lex.titles or word.lower_ in lex.role_heads:
            return None  # "Directeur" alone is no name
        prev = doc[start - 1].lower_ if start > 0 else ""
        after = doc[end].lower_ if end < len(doc) else ""
        if word.text.endswith("s") and (prev in _PLURAL_DETS or prev == "de" and after in lex.demonyms):
            return None  # "des Tutsis congolais": a people, not a person
    return Span(doc, start, end, label="PER")


def _lower_name_start(token: Token, lex: Lexicons) -> bool:
    """A lowercase word that may begin a proper name: a particle ("al-Qaïda"), a noun
    of group and operation names ("groupe Wagner") or of institutions ("université
    Tufts")."""
    word = token.lower_
    return re.split(r"\W", word, maxsplit=1)[0] in lex.cues("name_particle") or word in lex.cues("name_noun") \
        or word in lex.cues("institution_noun")


def plausible(span: Span, lex: Lexicons) -> bool:
    """Whether a model entity looks like a proper name (not a capitalised common word).

    Drops spans that start in lowercase (outside name particles), single capitalised
    common nouns ("Coopération" at the start of a headline), and spans with slashes.
    """
    text = span.text
    if not text or any(c in text for c in "/@|#"):
        return False
    if text.lower() in lex.non_actors:
        return False  # "Covid", "CFA", "CAN"
    first = span[0]
    if not text[:1].isupper() and not _lower_name_start(first, lex):
        return False
    if len(span) == 1 and not first.is_upper and first.pos_ in ("NOUN", "ADJ", "VERB", "ADV", "PRON", "DET"):
        return False
    if all(t.is_stop or t.is_punct for t in span):
        return False
    heads, titles = lex.role_heads, lex.titles
    if span.label_ in ("ORG", "MISC") and (first.lower_ in heads or first.lower_ in titles):
        return False  # "Secrétaire général des Nations unies ...": a person's title
    dem = lex.demonyms
    if all(t.lower_ in dem or t.lower_ in heads or t.lower_ in titles or t.is_stop for t in span):
        return False  # "Ministre tchadien"
    return True


def _acts_like_a_person(ent: Span, lex: Lexicons) -> bool:
    """A two- or three-word name NER took for a place but that says, is elected, is
    overthrown...: "Alpha Condé a été renversé" at the start of a sentence."""
    if not 2 <= len(ent) <= 3 or not all(t.is_alpha and t.text[:1].isupper() and not t.is_upper
                                         and not t.is_stop and t.pos_ == "PROPN" for t in ent):
        return False  # "La France" is no person
    root = ent.root
    if root.dep_ not in ("nsubj", "nsubj:pass"):
        return False
    return root.head.lemma_.lower() in lex.cues("human_verb")


def _persons_by_title_and_surname(ents: Iterable[Span], lex: Lexicons) -> list[Span]:
    """Relabel as organisations the state bodies and institutions NER took for places
    ("la Cour suprême", "l'Université de Sheffield"),
    as persons the names that act like one ("Alpha Condé a été renversé"), and as persons the entities that start with a person's title ("Premier ministre
    Ousmane Sonko" tagged MISC) or end with the surname of a person of the same document
    ("Alpha Condé" tagged LOC beside "Mamadou Condé")."""
    ents = list(ents)
    out = []
    bodies = lex.bodies
    for ent in ents:
        if ent.label_ in ("LOC", "MISC") and not ent.kb_id_ and bodies.get(ent[0].lower_, ("",))[0] == "body" \
                and ent[0].text[:1].isupper():
            ent = Span(ent.doc, ent.start, ent.end, label="ORG")  # "la Cour suprême" tagged LOC
        if ent.label_ in ("LOC", "MISC") and not ent.kb_id_ and len(ent) > 1 \
                and ent[0].lower_ in lex.cues("institution_noun"):
            ent = Span(ent.doc, ent.start, ent.end, label="ORG")  # "l'Université de Sheffield" tagged LOC
        if ent.label_ != "PER" and not ent.kb_id_:
            cut = _is_title(list(ent), lex)
            rest = ent[cut:]
            if cut and len(rest) and all(t.text[:1].isupper() for t in rest if t.is_alpha):
                ent = Span(ent.doc, ent.start, ent.end, label="PER")
        out.append(ent)
    for i, ent in enumerate(out):
        if ent.label_ == "LOC" and not ent.kb_id_ and _acts_like_a_person(ent, lex):
            out[i] = Span(ent.doc, ent.start, ent.end, label="PER")
    surnames = {e[-1].text.lower() for e in out if e.label_ == "PER" and len(e) > 1}
    for i, ent in enumerate(out):
        if ent.label_ in ("LOC", "MISC", "ORG") and not ent.kb_id_ and ent[-1].text.lower() in surnames \
                and all(t.text[:1].isupper() for t in ent if t.is_alpha):
            out[i] = Span(ent.doc, ent.start, ent.end, label="PER")
    return out


def fix_entities(doc: Doc, gazetteer: Gazetteer) -> Doc:
    """Merge gazetteer spans into ``doc.ents`` and mend the model's person spans."""
    lex = gazetteer.lex
    keep, gaz, gaz_tokens = _model_entities(doc, gazetteer_spans(doc, gazetteer), lex)
    merged, taken = _merged(keep, gaz, gaz_tokens)
    for span in acronym_definitions(doc):
        # "Parti des travailleurs du Kurdistan (PKK)": a name its acronym spells out wins
        # over the pieces NER made of it (not over a person, nor a known organisation)
        inside = [e for e in merged if span.start <= e.start and e.end <= span.end]
        if any(e.label_ == "PER" or (ref := KbRef.parse(e.kb_id_)) is not None and ref.kind == "org" for e in inside):
            continue
        rest = [e for e in merged if e not in inside]
        if not any(e.start < span.end and span.start < e.end for e in rest):
            merged = rest + [span]
            taken = {i for e in merged for i in range(e.start, e.end)}
    for span in titled_names(doc, lex):
        if not taken.intersection(range(span.start, span.end)):
            merged.append(span)
            taken.update(range(span.start, span.end))
    doc.ents = sorted(merged, key=lambda s: s.start)
    return doc


def _model_entities(doc: Doc, gaz: list[Span], lex: Lexicons) -> tuple[list[Span], list[Span], dict[int, Span]]:
    """The model's entities to keep, mended (persons by :func:`fix_person`, organisations
    NER stopped short of a gazetteer name), and the gazetteer spans they leave:
    ``(kept, gazetteer spans, token -> gazetteer span)``."""
    gaz_tokens = {i: s for s in gaz for i in range(s.start, s.end)}
    keep: list[Span] = []
    for ent in _persons_by_title_and_surname(doc.ents, lex):
        if ent.label_ == "PER":
            fixed = fix_person(ent, lex)
            if fixed is None:
                continue
            covered = [gaz_tokens[i] for i in range(fixed.start, fixed.end) if i in gaz_tokens]
            # a person name that only contains a gazetteer name is still a person
            # ("Maurice Kamto"), unless the gazetteer covers the whole span ("Wagner")
            if covered and len(covered) == len(fixed):
                continue
            if covered:
                gaz = [g for g in gaz if not (fixed.start <= g.start < fixed.end)]
            keep.append(fixed)
        elif plausible(ent, lex):
            nxt = gaz_tokens.get(ent.end)
            if ent.label_ == "ORG" and nxt is not None and ent[-1].lower_ in DE | {"d'"} \
                    and nxt.start == ent.end:
                # "Association des banques du" + "Myanmar": NER stopped short
                ent = Span(doc, ent.start, nxt.end, label="ORG")
            start = ent.start
            while start < ent.end - 1 and doc[start].lower_ in DEFINITE:
                start += 1  # "Les Nations unies" is the gazetteer's "Nations unies"
            inner = [g for g in gaz if ent.start <= g.start and g.end <= ent.end
                     and (g.start, g.end) not in ((ent.start, ent.end), (start, ent.end))]
            if ent.label_ == "ORG" and inner and ent[0].text[:1].isupper() and not ent[0].ent_kb_id_ \
                    and not any(g.start == ent.start for g in inner):
                # "Association des banques du Myanmar", "Cour suprême du Kenya": the
                # organisation's full name wins over the country inside it
                gaz = [g for g in gaz if g not in inner]
                gaz_tokens = {i: s for s in gaz for i in range(s.start, s.end)}
            keep.append(ent)
    return keep, gaz, gaz_tokens


def _merged(keep: list[Span], gaz: list[Span], gaz_tokens: dict[int, Span]) -> tuple[list[Span], set[int]]:
    """The gazetteer spans, then the persons kept that overlap none, then the other
    entities kept that overlap nothing and hold no gazetteer span's token; ``(spans,
    tokens taken)``."""
    gaz_starts = set(gaz_tokens)
    merged = list(gaz)
    taken = {i for g in gaz for i in range(g.start, g.end)}
    for ent in keep:
        if ent.label_ == "PER":
            if taken.intersection(range(ent.start, ent.end)):
                continue
            merged.append(ent)
            taken.update(range(ent.start, ent.end))
    for ent in keep:
        if ent.label_ != "PER" and not taken.intersection(range(ent.start, ent.end)) \
                and not gaz_starts.intersection(range(ent.start, ent.end)):
            merged.append(ent)
            taken.update(range(ent.start, ent.end))
    return merged, taken


def titled_names(doc: Doc, lex: Lexicons) -> list[Span]:
    """Surnames NER missed after a title: "le président Erdogan", "le général Tiani" (a
    title or one-word role head, then up to three capitalised proper nouns that no
    gazetteer knows)."""
    out = []
    heads = lex.role_heads
    for t in doc[:-1]:
        if t.lower_ not in heads and lex.titles.get(t.lower_.rstrip(".")) is None:
            continue
        j = t.i + 1
        while j < len(doc) and j - t.i <= 3 and doc[j].pos_ == "PROPN" and doc[j].text[:1].isupper() \
                and doc[j].is_alpha and not doc[j].ent_type_ and doc[j].lower_ not in lex.demonyms \
                and doc[j].lower_ not in lex.non_actors and doc[j].lower_ not in lex.calendar_words:
            j += 1
        if j > t.i + 1:
            out.append(Span(doc, t.i + 1, j, label="PER"))
    return out


def acronym_definitions(doc: Doc) -> list[Span]:
    """Organisation names defined by an acronym in parentheses: "la coalition Ensemble
    pour la démocratie et la souveraineté (EDS)" gives an ORG span for the name and one
    for the acronym, whatever NER made of them."""
    out = []
    for i, t in enumerate(doc[:-2]):
        acr = doc[i + 1]
        if t.text != "(" or doc[i + 2].text != ")" or not (acr.is_upper and acr.is_alpha and 2 <= len(acr) <= 8):
            continue
        letters = list(acr.text.lower())
        j = i - 1
        while j >= 0 and letters:
            w = doc[j]
            if w.is_punct:
                break
            if w.lower_ in ACRONYM_SKIP:
                j -= 1
                continue
            if w.lower_[:1] == letters[-1]:
                letters.pop()
                j -= 1
                continue
            break
        start = j + 1
        if not letters and start < i and doc[start].text[:1].isupper():
            out.append(Span(doc, start, i, label="ORG"))
            out.append(Span(doc, i + 1, i + 2, label="ORG"))
    return out


def line_breaks(doc: Doc) -> Doc:
    """Start a sentence after every line break, so headlines and paragraphs stand apart."""
    for i, token in enumerate(doc[:-1]):
        if "\n" in token.text or "\n" in token.whitespace_:
            nxt = doc[i + 1]
            if not nxt.is_space:
                nxt.is_sent_start = True
    return doc
