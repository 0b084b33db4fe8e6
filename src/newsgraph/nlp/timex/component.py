"""The spaCy side of the date grammar: the tense of the clause around a span, and the
component that sets ``doc._.timexes``."""
from __future__ import annotations

from spacy.tokens import Doc, Token

from ...records import Timex
from .grammar import find_timexes
from .lexicon import Lexicon
from .lexicon import lexicon as language_lexicon


def tense_of(token: Token, planning: frozenset[str] = frozenset(),
             auxiliaries: frozenset[str] = frozenset()) -> str | None:
    """``past``, ``future`` or ``present`` for the clause of ``token``, or None.

    Looks up to the nearest verb: future tense, conditional, a ``planning`` verb
    (``planning_words`` of the lexicon: "prévu en juillet") or a future semi-auxiliary
    (``future_auxiliaries``: "va signer") give ``future``; a compound past, imperfect or
    past participle give ``past``.
    """
    verb = token
    hops = 0
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i and hops < 4:
        verb, hops = verb.head, hops + 1
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    chain = [verb, *list(verb.ancestors)[:2]]
    for v in chain:
        if v.lemma_.lower() in planning:
            return "future"
        aux = [c for c in v.children if c.dep_.startswith("aux")]
        for t in [v, *aux]:
            tense = t.morph.get("Tense", [])
            if "Fut" in tense or "Cnd" in t.morph.get("Mood", []):
                return "future"
        if any(a.lemma_ in auxiliaries for a in aux):
            return "future"
        if aux and any("Part" in v.morph.get("VerbForm", []) for _ in [0]):
            return "past"
        tense = v.morph.get("Tense", [])
        if "Imp" in tense or "Past" in tense:
            return "past"
        if "Pres" in tense:
            return "present"
    return None


def doc_timexes(doc: Doc, dct: str | None, lang: str = "fr", *, lexicon: Lexicon | None = None) -> list[Timex]:
    """The temporal expressions of a parsed Doc, with tense from its morphology; the
    words of ``lexicon`` when given, else those shipped for ``lang``.

    >>> import spacy
    >>> doc = spacy.blank("fr")("Le ministre est arrivé hier soir.")
    >>> [(t.text, t.value) for t in doc_timexes(doc, "1999-05-21")]
    [('hier soir', '1999-05-20TEV')]
    """

    words = lexicon or language_lexicon(lang)
    planning = frozenset(words.raw.get("planning_words", ()))
    auxiliaries = frozenset(words.raw.get("future_auxiliaries", ()))

    def tense_at(start: int, end: int) -> str | None:
        span = doc.char_span(start, end, alignment_mode="expand")
        return tense_of(span.root, planning, auxiliaries) if span is not None and len(span) else None

    sentences = [(s.start_char, s.end_char) for s in doc.sents] if doc.has_annotation("SENT_START") else None
    return find_timexes(doc.text, dct=dct, tense_at=tense_at, lang=lang, sentences=sentences, lexicon=words)
