"""Alignment of gold annotations to what newsgraph finds in the same text.

The gold (``../shared/eval`` FORMAT) names actors by their names and aliases and gives,
for each event, its type, source, target and evidence sentence, but not its trigger.
Training needs labels on newsgraph's own candidates, so:

1. **actors**: each actor newsgraph found is aligned to at most one gold actor, and each
   gold actor to at most one of newsgraph's, best match first: the same ISO code for two
   countries (3), a name of one among the other's names or aliases (2.5), a shared name
   or alias (2), the same surname for two persons (1.5), names compared without accents,
   case, articles or titles (:func:`norm`). These are the kit's scoring rules, so that a
   model learns what the scorer counts.
2. **sentences**: the evidence text of a gold event is found in the parsed text (exactly,
   else by its first 60 characters, else the sentence sharing most of its words, at
   least half); the sentences it overlaps are the event's sentences.
3. **triggers**: among the trigger candidates of those sentences, the one that best
   explains the event stands for it (:func:`best_trigger`): its lexicon type or the
   rules' type is the gold type, the rules read the gold source or target on it, the
   mentions of the gold source and target are near it in the tree. A gold event whose
   actors newsgraph did not find, or whose sentences hold no candidate, stays
   unaligned: it counts against the candidate ceiling.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence

from spacy.tokens import Doc, Span

_ARTICLES = re.compile(r"^(?:(?:le|la|les|l|the)\s+)+")
_TITLES = re.compile(
    r"^(?:(?:m|mme|mr|mrs|ms|dr|monsieur|madame|president|presidente|general|colonel|capitaine|lieutenant|"
    r"commandant|premier ministre|ministre|roi|reine|prince|sheikh|cheikh)\s+)+(?!(?:de|du|des|d|of)\s)")


def norm(text: str | None) -> str:
    """A name without accents, case, punctuation, leading articles and titles.

    >>> norm("Le Président Emmanuel Macron"), norm("M. Lavrov"), norm("l'Union africaine")
    ('emmanuel macron', 'lavrov', 'union africaine')
    """
    if not text:
        return ""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = re.sub(r"[’'`´]", " ", text)
    text = re.sub(r"[^\w\s]", " ", text)
    text = re.sub(r"\s+", " ", text).strip()
    return _TITLES.sub("", _ARTICLES.sub("", text)).strip()


def _names(actor: Mapping) -> set[str]:
    return {n for n in {norm(actor.get("name")), *(norm(a) for a in actor.get("aliases") or [])} if n}


def match_score(ours: Mapping, gold: Mapping) -> float:
    """How well one of our actors (a dict of the FORMAT) matches a gold actor; 0 is none.

    >>> match_score({"name": "Mali", "type": "Country", "country": "ML"},
    ...             {"name": "République du Mali", "type": "Country", "country": "ML"})
    3.0
    >>> match_score({"name": "Lavrov", "type": "Person"}, {"name": "Sergueï Lavrov", "type": "Person"})
    1.5
    """
    if ours.get("type") == gold.get("type") == "Country" and ours.get("country") \
            and (ours.get("country") or "").upper() == (gold.get("country") or "").upper():
        return 3.0
    mine, theirs = _names(ours), _names(gold)
    if norm(ours.get("name")) in theirs or norm(gold.get("name")) in mine:
        return 2.5
    if mine & theirs:
        return 2.0
    if ours.get("type") == gold.get("type") == "Person":
        a, b = norm(ours.get("name")).split(), norm(gold.get("name")).split()
        if a and b and a[-1] == b[-1] and len(a[-1]) > 2 and (len(a) == 1 or len(b) == 1 or a[0][0] == b[0][0]):
            return 1.5
    return 0.0


def align_actors(ours: Sequence[Mapping], gold: Sequence[Mapping]) -> dict[str, str]:
    """Our actor id -> gold actor id, one to one, best matches first.

    >>> align_actors([{"id": "a1", "name": "Bamako", "type": "Country", "country": "ML"}],
    ...              [{"id": "mali", "name": "Mali", "type": "Country", "country": "ML"}])
    {'a1': 'mali'}
    """
    pairs = sorted(((match_score(o, g), str(o["id"]), str(g["id"])) for o in ours for g in gold),
                   key=lambda p: -p[0])
    used_o: set[str] = set()
    used_g: set[str] = set()
    out: dict[str, str] = {}
    for score, o, g in pairs:
        if score > 0 and o not in used_o and g not in used_g:
            out[o] = g
            used_o.add(o)
            used_g.add(g)
    return out


def evidence_sentences(doc: Doc, text: str | None) -> list[Span]:
    """The sentences of ``doc`` that a gold event's evidence text overlaps."""
    if not text:
        return []
    sents = list(doc.sents)
    start = doc.text.find(text)
    end = start + len(text)
    if start < 0:
        start = doc.text.find(text[:60])
        end = start + len(text)
    if start >= 0:
        return [s for s in sents if s.start_char < end and s.end_char > start]
    words = {w.lower() for w in re.findall(r"\w+", text)}
    if not words or not sents:
        return []

    def shared(s: Span) -> float:
        return len(words & {t.lower_ for t in s}) / len(words)

    best = max(sents, key=shared)
    return [best] if shared(best) >= 0.5 else []


def tree_distance(doc: Doc, a: int, b: int) -> int:
    """Steps between two tokens of one sentence in the dependency tree (99 across
    sentences)."""
    ta, tb = doc[a], doc[b]
    if ta.sent.start != tb.sent.start:
        return 99
    up_a = [ta] + list(ta.ancestors)
    depth = {t.i: k for k, t in enumerate(up_a)}
    steps, t = 0, tb
    while t.i not in depth:
        if t.head.i == t.i:
            return 99
        t, steps = t.head, steps + 1
    return steps + depth[t.i]


def best_trigger(doc: Doc, candidates: Iterable[tuple[int, set[str], set[str]]], gold_type: str,
                 needed: Sequence[tuple[str, Sequence[int]]]) -> int | None:
    """The candidate token that stands for a gold event: ``candidates`` are ``(token,
    types the lexicon or rules give it, actors the rules read on it)``; ``needed`` the
    gold source and target found among our actors, each with its mention tokens."""
    best: tuple | None = None
    for token, types, ruled in candidates:
        typed = gold_type in types
        near = 0
        distance = 0
        for actor, mentions in needed:
            d = min((tree_distance(doc, token, m) for m in mentions), default=99)
            distance += min(d, 10)
            near += (d <= 2) + (actor in ruled)
        key = (typed, near, -distance, -token)
        if best is None or key > best[0]:
            best = (key, token)
    return best[1] if best is not None else None
