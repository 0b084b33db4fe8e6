"""Gazetteer patterns and the entity fixes newsgraph applies after spaCy's NER.

Entities keep spaCy's labels (PER, ORG, LOC, MISC) plus ``GPE`` for countries; the
``kb_id_`` of a span says what the gazetteer knows of it: ``country:ML``,
``capital:ML`` (a capital, which may stand for its state) or ``org:ecowas``.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from .. import data

#: Tokens that may start a multi-word proper name in lowercase ("al-Qaïda", "groupe Wagner").
_LOWER_NAME_START = re.compile(r"^(?:al|el|ad|ibn|ben|bin|de|du|van|von)\b|^groupe$|^opération$|^force$|^task$")


def gazetteer_entries(lang: str = "fr") -> Iterator[tuple[str, str, str]]:
    """``(label, kb_id, name)`` for every name the gazetteers know in ``lang``.

    >>> ("GPE", "country:RU", "Fédération de Russie") in set(gazetteer_entries("fr"))
    True
    >>> ("LOC", "capital:ML", "Bamako") in set(gazetteer_entries("fr"))
    True
    """
    for c in data.countries().values():
        for name in (c.names_fr if lang == "fr" else c.names_en):
            yield "GPE", f"country:{c.iso2}", name
        if lang == "fr":
            for cap in c.capitals:
                yield "LOC", f"capital:{c.iso2}", cap
    for org in data.organizations().values():
        for name in org.names:
            yield "ORG", f"org:{org.key}", name


@lru_cache(maxsize=4)
def _entries_by_lower(lang: str) -> dict[str, list[tuple[str, str, str]]]:
    out: dict[str, list[tuple[str, str, str]]] = {}
    for label, kb, name in gazetteer_entries(lang):
        out.setdefault(name.lower(), []).append((label, kb, name))
    return out


def build_matcher(nlp: Language, lang: str = "fr") -> PhraseMatcher:
    """A case-insensitive PhraseMatcher over every gazetteer name."""
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    names = sorted(_entries_by_lower(lang))
    matcher.add("GAZ", list(nlp.tokenizer.pipe(names)))
    return matcher


def _case_ok(span: Span, name: str) -> bool:
    """Acronyms must match exactly; other names must start with a capital where the
    gazetteer's form does."""
    if name.isupper() and len(name) <= 6:
        return span.text == name
    if name[:1].isupper():
        return span.text[:1].isupper()
    return True


def gazetteer_spans(doc: Doc, matcher: PhraseMatcher, lang: str = "fr") -> list[Span]:
    """Spans of ``doc`` that the gazetteers name, longest first where they overlap."""
    entries = _entries_by_lower(lang)
    spans = []
    for _, start, end in matcher(doc):
        span = doc[start:end]
        for label, kb, name in entries.get(span.text.lower(), []):
            if _case_ok(span, name):
                spans.append(Span(doc, start, end, label=label, kb_id=kb))
                break
    return _longest_first(spans)


def _longest_first(spans: Iterable[Span]) -> list[Span]:
    out, taken = [], set()
    for span in sorted(spans, key=lambda s: (-(s.end - s.start), s.start)):
        if not taken.intersection(range(span.start, span.end)):
            out.append(span)
            taken.update(range(span.start, span.end))
    return sorted(out, key=lambda s: s.start)


def _is_title(tokens: list[Token]) -> int:
    """How many of the leading ``tokens`` form a title ("Colonel", "M.", "premier ministre")."""
    known = data.titles()
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


def fix_person(span: Span) -> Span | None:
    """Trim titles off a person span and extend it over an ALL-CAPS surname.

    Returns None when nothing of a name is left.
    """
    doc = span.doc
    start, end = span.start, span.end
    # extend over surnames in capitals that NER cut off: "Colonel Assimi" + "GOÏTA"
    while end < len(doc) and _is_caps_name(doc[end]) and not doc[end].ent_type_ in ("GPE",):
        end += 1
    # trim titles before the name
    cut = _is_title(list(doc[start:end]))
    start += cut
    while start < end and (doc[start].is_punct or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    if start >= end:
        return None
    tokens = doc[start:end]
    if any(c in tokens.text for c in "/@|#") or any(t.like_num for t in tokens):
        return None
    if not tokens[0].text[:1].isupper():
        return None
    return Span(doc, start, end, label="PER")


def plausible(span: Span) -> bool:
    """Whether a model entity looks like a proper name (not a capitalised common word).

    Drops spans that start in lowercase (outside name particles), single capitalised
    common nouns ("Coopération" at the start of a headline), and spans with slashes.
    """
    text = span.text
    if not text or any(c in text for c in "/@|#"):
        return False
    first = span[0]
    if not text[:1].isupper() and not _LOWER_NAME_START.match(first.lower_):
        return False
    if len(span) == 1 and not first.is_upper and first.pos_ in ("NOUN", "ADJ", "VERB", "ADV", "PRON", "DET"):
        return False
    if all(t.is_stop or t.is_punct for t in span):
        return False
    return True


def _persons_by_title_and_surname(ents: Iterable[Span]) -> list[Span]:
    """Relabel as persons the entities that start with a person's title ("Premier ministre
    Ousmane Sonko" tagged MISC) or end with the surname of a person of the same document
    ("Alpha Condé" tagged LOC beside "Mamadou Condé")."""
    ents = list(ents)
    out = []
    for ent in ents:
        if ent.label_ != "PER" and not ent.kb_id_:
            cut = _is_title(list(ent))
            rest = ent[cut:]
            if cut and len(rest) and all(t.text[:1].isupper() for t in rest if t.is_alpha):
                ent = Span(ent.doc, ent.start, ent.end, label="PER")
        out.append(ent)
    surnames = {e[-1].text.lower() for e in out if e.label_ == "PER" and len(e) > 1}
    for i, ent in enumerate(out):
        if ent.label_ in ("LOC", "MISC", "ORG") and not ent.kb_id_ and ent[-1].text.lower() in surnames \
                and all(t.text[:1].isupper() for t in ent if t.is_alpha):
            out[i] = Span(ent.doc, ent.start, ent.end, label="PER")
    return out


def fix_entities(doc: Doc, matcher: PhraseMatcher, lang: str = "fr") -> Doc:
    """Merge gazetteer spans into ``doc.ents`` and mend the model's person spans."""
    gaz = gazetteer_spans(doc, matcher, lang)
    gaz_tokens = {i: s for s in gaz for i in range(s.start, s.end)}
    keep: list[Span] = []
    for ent in _persons_by_title_and_surname(doc.ents):
        if ent.label_ == "PER":
            fixed = fix_person(ent)
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
        elif plausible(ent):
            keep.append(ent)
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
    doc.ents = sorted(merged, key=lambda s: s.start)
    return doc


def line_breaks(doc: Doc) -> Doc:
    """Start a sentence after every line break, so headlines and paragraphs stand apart."""
    for i, token in enumerate(doc[:-1]):
        if "\n" in token.text or "\n" in token.whitespace_:
            nxt = doc[i + 1]
            if not nxt.is_space:
                nxt.is_sent_start = True
    return doc
