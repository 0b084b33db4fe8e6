"""Training examples from one annotated article: the candidates newsgraph proposes,
labelled by the gold (see :mod:`newsgraph.learn.align` for how)."""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc

from ..data import Lexicons
from ..extract.candidates import (
    DocContext,
    Features,
    TriggerCandidate,
    argument_features,
    argument_pool,
    speakers,
    trigger_candidates,
    trigger_cues,
    with_type,
)
from ..extract.events import events, modality_of, trigger_entries
from ..records import Article, Event
from ..resolve import document
from .align import align_actors, best_trigger, evidence_sentences

#: The label of a trigger candidate that names no event, and of an actor that is neither
#: source nor target.
NONE = "NONE"
#: The passes of the analysis that run before events are found.
BEFORE_EVENTS = document.PASSES[:document.PASSES.index(document.find_events)]


@dataclass
class Examples:
    """Labelled candidates: ``triggers`` and ``arguments`` as ``(features, label)``,
    with counts of what aligned."""

    triggers: list[tuple[Features, str]] = field(default_factory=list)
    arguments: list[tuple[Features, str]] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    def extend(self, other: Examples) -> None:
        self.triggers += other.triggers
        self.arguments += other.arguments
        for k, v in other.counts.items():
            self.counts[k] = self.counts.get(k, 0) + v


def analysed_state(doc: Doc, article: Article, lex: Lexicons) -> document.DocumentState:
    """The document's state just before events are found."""
    state = document.DocumentState(doc=doc, article=article, lex=lex)
    for step in BEFORE_EVENTS:
        step(state)
    return state


def actor_dicts(state: document.DocumentState) -> list[dict]:
    """Our actors in the shape of the gold FORMAT (for alignment)."""
    return [{"id": a.id, "name": a.name, "type": a.type, "country": a.country, "aliases": list(a.aliases)}
            for a in state.actors]


def _candidate_view(c: TriggerCandidate) -> tuple[int, set[str], set[str]]:
    types = {e.type for e in c.rules} | ({c.entry.type} if c.entry is not None else set())
    ruled = {x for e in c.rules for x in (e.source, e.target) if x}
    return c.token, types, ruled


def _align_events(doc: Doc, gold: Mapping, candidates: Sequence[TriggerCandidate], inverse: Mapping[str, str],
                  positions: Mapping[str, list[int]], counts: dict[str, int]) -> dict[int, list[dict]]:
    """Trigger token -> the gold events it stands for."""
    by_sentence: dict[int, list[TriggerCandidate]] = {}
    for c in candidates:
        by_sentence.setdefault(doc[c.token].sent.start, []).append(c)
    out: dict[int, list[dict]] = {}
    for e in gold.get("events", []):
        counts["gold_events"] = counts.get("gold_events", 0) + 1
        src, tgt = inverse.get(e.get("source")), inverse.get(e.get("target")) if e.get("target") else None
        if src is None or (e.get("target") and tgt is None):
            counts["unaligned_actor"] = counts.get("unaligned_actor", 0) + 1
            continue
        sents = evidence_sentences(doc, e.get("text"))
        pool = [c for s in sents for c in by_sentence.get(s.start, [])]
        if not pool:
            counts["no_candidate"] = counts.get("no_candidate", 0) + 1
            continue
        needed = [(a, positions.get(a, [])) for a in (src, tgt) if a]
        token = best_trigger(doc, map(_candidate_view, pool), e["type"], needed)
        if token is None:
            continue
        counts["aligned"] = counts.get("aligned", 0) + 1
        out.setdefault(token, []).append({**e, "source": src, "target": tgt})
    return out


@dataclass
class Prepared:
    """One annotated article made ready: its analysed state, the candidates, our actors
    aligned to the gold's and the gold events aligned to triggers."""

    article: Article
    state: document.DocumentState
    ctx: DocContext
    candidates: list[TriggerCandidate]
    rules: list[Event]
    mapping: dict[str, str]
    aligned: dict[int, list[dict]]
    gold: Mapping
    counts: dict[str, int]


def prepare(doc: Doc, article: Article, gold: Mapping, lex: Lexicons) -> Prepared:
    """The candidates of one annotated article, aligned to its gold."""
    state = analysed_state(doc, article, lex)
    scene = document.event_scene(state)
    entries = trigger_entries(doc, lex)
    rules = [e for e in events(doc, scene, entries) if isinstance(e, Event)]
    ctx = DocContext(doc, scene, speakers(doc, scene), *state.kinds())
    candidates = trigger_candidates(ctx, entries, rules, lambda t: modality_of(t, lex))
    mapping = align_actors(actor_dicts(state), gold.get("actors", []))
    inverse = {g: o for o, g in mapping.items()}
    counts: dict[str, int] = {}
    aligned = _align_events(doc, gold, candidates, inverse, ctx.positions, counts)
    return Prepared(article, state, ctx, candidates, rules, mapping, aligned, gold, counts)


def _other_mentions(p: Prepared) -> dict[int, list[dict]]:
    """Trigger candidates that tell again a gold event told elsewhere: the lexicon or the
    rules give them its type and their sentence names its source and target. The gold
    keeps one mention per event (the clearest); the others are no negative examples."""
    doc = p.ctx.doc
    golds = [g for gs in p.aligned.values() for g in gs]
    out: dict[int, list[dict]] = {}
    for c in p.candidates:
        if c.token in p.aligned:
            continue
        _, types, _ = _candidate_view(c)
        sent = doc[c.token].sent
        named = {p.ctx.scene.actors[i] for i in range(sent.start, sent.end) if i in p.ctx.scene.actors}
        for g in golds:
            if g["type"] in types and g["source"] in named and (g["target"] is None or g["target"] in named):
                out.setdefault(c.token, []).append(g)
                break
    return out


def examples_of(p: Prepared) -> Examples:
    """The labelled trigger and argument candidates of one prepared article."""
    out = Examples(counts=dict(p.counts))
    doc = p.ctx.doc
    extra = _other_mentions(p)
    for c in p.candidates:
        golds = p.aligned.get(c.token) or extra.get(c.token, [])
        label = golds[0]["type"] if golds else NONE
        out.triggers.append((c.features, label))
        if not golds:
            continue
        sources = {g["source"] for g in golds if g["type"] == label}
        targets = {g["target"] for g in golds if g["type"] == label and g["target"]}
        cues = trigger_cues(doc[c.token], p.ctx, c.entry)
        for a in argument_pool(doc[c.token], p.ctx, c.rules, cues):
            _, f = argument_features(doc[c.token], a, p.ctx, c.rules, cues)
            role = "source" if a in sources else "target" if a in targets else NONE
            out.arguments.append((with_type(f, label), role))
    return out
