"""The trained model chooses among the candidates, in two stages.

1. **Readings** (:func:`readings`): for each trigger candidate the ``triggers`` model
   gives a probability per PLOVER type; for its best types (at most ``types``, each at
   least ``floor``) the ``arguments`` model gives each actor of the document a
   probability of being the source and the target. The best ``sources`` sources, each
   with the best ``targets`` targets or none, are the trigger's readings.
2. **Events** (:func:`choose_events`): a document tells an event once or several times;
   the readings and the rules' events of one (type, source, target) are put together
   and the ``events`` model, over what they share (how sure the readings are, how many
   there are, whether the lexicon or the rules agree, how often the two actors meet in a
   sentence, how central they are to the story), says whether it is one of the
   document's events (at least ``event``). Each of its readings becomes a mention.

The thresholds and limits are tuned on the training articles (``make train``) and
saved with the model.
"""
from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace

import numpy as np
from spacy.tokens import Doc, Token

from ..data import Trigger
from ..data.model import EventModel
from ..records import Event
from ..types import ActorId
from .arguments import Scene, trigger_arguments
from .candidates import (
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
from .dates import date_of, dated_spans
from .events import modality_of

#: PLOVER types where direction means nothing (a meeting, a cooperation, an agreement).
SYMMETRIC = frozenset({"CONSULT", "COOPERATE", "AGREE"})
#: Limits and thresholds used when a model file gives none.
DEFAULTS = {"types": 2, "sources": 3, "targets": 3, "floor": 0.1, "event": 0.15}

Key = tuple[str, ActorId, "ActorId | None"]


@dataclass(frozen=True)
class Reading:
    """One reading of a trigger: a type, a source and a target (or none), with how sure
    the first stage is of each and what the lexicon and the rules say."""

    token: int
    kind: str
    source: ActorId
    target: ActorId | None
    p_type: float
    p_source: float
    p_target: float
    top_type: bool = False
    top_source: bool = False
    top_target: bool = False
    lex_typed: bool = False
    rule_typed: bool = False
    rule_source: bool = False
    rule_target: bool = False
    #: where the source and the target are named: in the trigger's sentence, the one
    #: before, earlier or later in the text ("none" for no target)
    source_where: str = "sentence"
    target_where: str = "none"


def event_key(kind: str, source: ActorId | None, target: ActorId | None) -> tuple:
    """(type, source, target), the two actors in order where direction means nothing.

    >>> event_key("CONSULT", "a2", "a1"), event_key("ACCUSE", "a2", "a1")
    (('CONSULT', 'a1', 'a2'), ('ACCUSE', 'a2', 'a1'))
    """
    if kind in SYMMETRIC and target is not None and source is not None:
        source, target = sorted([source, target])
    return (kind, source, target)


def _limits(model: EventModel) -> dict[str, float]:
    return {**DEFAULTS, **model.thresholds}


def _best_types(probs: np.ndarray, classes: Sequence[str], limits) -> list[int]:
    order = [int(k) for k in np.argsort(-probs) if classes[int(k)] != "NONE"]
    return [k for k in order[:int(limits["types"])] if probs[k] >= limits["floor"]]


def _trigger_readings(candidate: TriggerCandidate, kind: str, p_type: float, top: bool, args: list[Features],
                      actors: Sequence[ActorId], probs: np.ndarray, model: EventModel, limits) -> Iterator[Reading]:
    """The readings of one trigger as one type (``probs``: the argument model's
    probabilities for each of ``actors``)."""
    classes = model.arguments.classes
    s_i, t_i = classes.index("source"), classes.index("target")
    f = candidate.features
    lex, rule = f.get(f"lex={kind}", 0.0) > 0, f.get(f"rule={kind}", 0.0) > 0
    wheres = [_where(a) for a in args]
    sources = [int(j) for j in np.argsort(-probs[:, s_i])[:int(limits["sources"])]]
    for rank_s, s in enumerate(sources):
        targets = [int(j) for j in np.argsort(-probs[:, t_i]) if int(j) != s][:int(limits["targets"])]
        options: list[tuple[int | None, float]] = [(None, 1.0 - probs[targets[0], t_i] if targets else 1.0)]
        options += [(j, float(probs[j, t_i])) for j in targets]
        for rank_t, (t, p_t) in enumerate(options):
            yield Reading(candidate.token, kind, actors[s], actors[t] if t is not None else None, p_type,
                          float(probs[s, s_i]), p_t, top, rank_s == 0, rank_t == 1,
                          lex, rule, args[s].get("rule_source", 0.0) > 0,
                          t is not None and args[t].get("rule_target", 0.0) > 0,
                          wheres[s], wheres[t] if t is not None else "none")


def _where(features: Features) -> str:
    return next((k[6:] for k in features if k.startswith("where=") and "|" not in k), "?")


def readings(ctx: DocContext, candidates: Sequence[TriggerCandidate], model: EventModel) -> list[Reading]:
    """Stage one: the readings of every trigger candidate of a document."""
    if not candidates or not ctx.positions:
        return []
    limits = _limits(model)
    probs = model.triggers.proba_many([c.features for c in candidates])
    classes = model.triggers.classes
    doc = ctx.doc
    # (candidate, type, its probability, its rank, argument features, actors)
    asked: list[tuple[TriggerCandidate, str, float, int, list[Features], list[ActorId]]] = []
    for c, p in zip(candidates, probs):
        kinds = _best_types(p, classes, limits)
        if not kinds:
            continue
        token = doc[c.token]
        cues = trigger_cues(token, ctx, c.entry)
        actors = argument_pool(token, ctx, c.rules, cues)
        args = [argument_features(token, a, ctx, c.rules, cues)[1] for a in actors]
        asked.extend((c, classes[k], float(p[k]), n, args, actors) for n, k in enumerate(kinds))
    # one call of the argument model for the whole document
    rows = [with_type(f, kind) for _, kind, _, _, args, _ in asked for f in args]
    argument_probs = model.arguments.proba_many(rows)
    out: list[Reading] = []
    at = 0
    for c, kind, p_type, n, args, actors in asked:
        mine = argument_probs[at:at + len(args)]
        at += len(args)
        out.extend(_trigger_readings(c, kind, p_type, n == 0, args, actors, mine, model, limits))
    return out


def _aggregate(group: Sequence[Reading]) -> Features:
    f: Features = {}
    for name in ("p_type", "p_source", "p_target"):
        best = max(getattr(r, name) for r in group)
        f[f"max_{name}"] = best
        f[f"log_max_{name}"] = math.log(max(best, 1e-4))
    joint = [r.p_type * r.p_source * r.p_target for r in group]
    f["max_joint"], f["log_max_joint"] = max(joint), math.log(max(max(joint), 1e-4))
    f["sum_joint"], f["log_sum_joint"] = sum(joint), math.log(max(sum(joint), 1e-4))
    f["log_readings"] = math.log(1 + len(group))
    for flag in ("top_type", "top_source", "top_target", "lex_typed", "rule_typed", "rule_source", "rule_target"):
        if any(getattr(r, flag) for r in group):
            f[flag] = 1.0
    best = max(group, key=lambda r: r.p_type * r.p_source * r.p_target)
    f[f"source_where={best.source_where}"] = 1.0
    f[f"target_where={best.target_where}"] = 1.0

    if any(r.source_where == "sentence" and r.target_where in ("sentence", "none") for r in group):
        f["one_sentence"] = 1.0
    return f


def event_features(key: tuple, group: Sequence[Reading], ruled: int, ctx: DocContext) -> Features:
    """The features of one (type, source, target) of a document: what its readings
    share and what the story says of its two actors."""
    kind, source, target = key
    types = ctx.types
    f: Features = {"bias": 1.0, f"type={kind}": 1.0, f"has_target={target is not None}|{kind}": 1.0,
                   "has_target": float(target is not None), f"source_type={types.get(source, '?')}": 1.0,
                   f"source_type={types.get(source, '?')}|{kind}": 1.0,
                   f"target_type={types.get(target, 'none') if target else 'none'}": 1.0,
                   f"source_rank={min(ctx.rank.get(source, 9), 5)}": 1.0,
                   f"target_rank={min(ctx.rank.get(target, 9), 5) if target else 'none'}": 1.0}
    if target is not None:
        f["log_cooccurrences"] = math.log(1 + ctx.cooccurrences().get(frozenset((source, target)), 0))
        if ctx.states.get(target) and ctx.states.get(target) == ctx.states.get(source):
            f[f"own_state|{kind}"] = 1.0  # "Lavrov ... la Russie": a person and their own state
    if group:
        f.update(_aggregate(group))
    if ruled:
        f["from_rules"] = 1.0
        f["log_rule_events"] = math.log(1 + ruled)
        if f.get("rule_typed") and f.get("rule_source") and (target is None or f.get("rule_target")):
            f["rules_agree"] = 1.0
    return f


def group_readings(found: Iterable[Reading], rules: Iterable[Event]) -> tuple[dict[tuple, list[Reading]],
                                                                             dict[tuple, list[Event]]]:
    """Readings and rule events by (type, source, target)."""
    groups: dict[tuple, list[Reading]] = {}
    for r in found:
        groups.setdefault(event_key(r.kind, r.source, r.target), []).append(r)
    ruled: dict[tuple, list[Event]] = {}
    for e in rules:
        if e.source is not None:
            ruled.setdefault(event_key(e.type, e.source, e.target), []).append(e)
    return groups, ruled


def event_rows(ctx: DocContext, candidates: Sequence[TriggerCandidate], rules: Sequence[Event],
               model: EventModel) -> tuple[list[tuple], list[Features], dict, dict]:
    """The (type, source, target) of a document that the readings or the rules propose,
    and their features."""
    groups, ruled = group_readings(readings(ctx, candidates, model), rules)
    keys = sorted(set(groups) | set(ruled), key=lambda k: tuple(str(x) for x in k))
    rows = [event_features(k, groups.get(k, []), len(ruled.get(k, [])), ctx) for k in keys]
    add_rivals(keys, rows)
    add_siblings(keys, rows)
    return keys, rows, groups, ruled


def add_siblings(keys: Sequence[tuple], rows: Sequence[Features]) -> None:
    """For an event without a target, what its readings with a target are worth: "X
    accuses" is seldom told apart from "X accuses Y" when the story names Y.

    >>> rows = [{"max_joint": 0.1}, {"max_joint": 0.4}]
    >>> add_siblings([("ACCUSE", "a1", None), ("ACCUSE", "a1", "a2")], rows)
    >>> rows[0]["target_sibling"], round(rows[0]["log_sibling_ratio"], 2), "target_sibling" in rows[1]
    (1.0, -1.39, False)
    """
    best: dict[tuple, float] = {}
    for k, f in zip(keys, rows):
        if k[2] is not None:
            best[k[:2]] = max(best.get(k[:2], 0.0), f.get("max_joint", 0.0))
    for k, f in zip(keys, rows):
        if k[2] is None and k[:2] in best:
            f["target_sibling"] = 1.0
            f["log_sibling_ratio"] = math.log(max(f.get("max_joint", 0.0), 1e-4) / max(best[k[:2]], 1e-4))


def add_rivals(keys: Sequence[tuple], rows: Sequence[Features]) -> None:
    """What each (type, source, target) is worth beside its rivals: the others of the
    same type and source (other targets), and of the same type and target (other
    sources). A story that makes X accuse Y makes its readings of "X accuses Z" weaker.

    >>> rows = [{"max_joint": 0.4}, {"max_joint": 0.1}]
    >>> add_rivals([("ACCUSE", "a1", "a2"), ("ACCUSE", "a1", "a3")], rows)
    >>> rows[0]["best_for_source"], rows[1].get("best_for_source"), round(rows[1]["log_ratio_source"], 2)
    (1.0, None, -1.39)
    """
    for side, (pick, name) in enumerate(((lambda k: (k[0], k[1]), "source"), (lambda k: (k[0], k[2]), "target"))):
        best: dict[tuple, float] = {}
        count: dict[tuple, int] = {}
        for k, f in zip(keys, rows):
            if side and k[2] is None:
                continue
            g = pick(k)
            best[g] = max(best.get(g, 0.0), f.get("max_joint", 0.0))
            count[g] = count.get(g, 0) + 1
        for k, f in zip(keys, rows):
            if side and k[2] is None:
                continue
            g = pick(k)
            mine = f.get("max_joint", 0.0)
            if mine >= best[g]:
                f[f"best_for_{name}"] = 1.0
            f[f"log_ratio_{name}"] = math.log(max(mine, 1e-4) / max(best[g], 1e-4))
            f[f"log_rivals_{name}"] = math.log(count[g])


def choose_events(ctx: DocContext, candidates: Sequence[TriggerCandidate], rules: Sequence[Event],
                  model: EventModel, details: Callable[[Token, str], dict]) -> list[Event]:
    """Stage two: the events the model keeps, one :class:`Event` per place it is told
    (its readings' triggers, the rules' events); ``details`` gives the mode, place, date
    and modality of a trigger read as a type."""
    if model.events is None:
        return []
    keys, rows, groups, ruled = event_rows(ctx, candidates, rules, model)
    if not keys:
        return []
    probs = model.events.proba_many(rows)[:, model.events.classes.index("yes")]
    threshold = _limits(model)["event"]
    out: list[Event] = []
    for key, p in zip(keys, probs):
        if p < threshold:
            continue
        out.extend(_mentions(key, groups.get(key, []), ruled.get(key, []), ctx, details))
    return sorted(out, key=lambda e: e.start)


def _mentions(key: tuple, group: Sequence[Reading], ruled: Sequence[Event], ctx: DocContext,
              details: Callable[[Token, str], dict]) -> list[Event]:
    """The events of one kept key, one per trigger that tells it, oriented as its most
    likely reading."""
    kind = key[0]
    best = max(group, key=lambda r: r.p_type * r.p_source * r.p_target) if group else None
    # the rules' orientation first: "entre X et Y" says X first, as the text does
    source, target = (ruled[0].source, ruled[0].target) if ruled else (best.source, best.target)  # type: ignore[union-attr]
    out = [replace(e, type=kind, source=source, target=target) for e in ruled]
    told = {e.start for e in out}
    doc = ctx.doc
    # a trigger tells the event when this is its own best reading, the most likely one
    # always does
    for r in sorted(group, key=lambda r: -(r.p_type * r.p_source * r.p_target)):
        token = doc[r.token]
        if token.idx in told or out and not (r.top_type and r.top_source):
            continue
        told.add(token.idx)
        sent = token.sent
        out.append(Event(type=kind, source=source, target=target, trigger=token.text,
                         start=token.idx, end=token.idx + len(token), sentence=(sent.start_char, sent.end_char),
                         **details(token, kind)))
    return out


def learned_events(doc: Doc, scene: Scene, rules: Sequence[Event], model: EventModel,
                   types: Mapping[ActorId, str], states: Mapping[ActorId, str],
                   entries: Sequence[Trigger | None]) -> list[Event]:
    """The events of a document as the model chooses them among its candidates and the
    rules' events (``types``: each actor's type, ``states``: its state's ISO code,
    ``entries``: each token's lexicon entry); mode, place, date and modality of each
    mention are read from its trigger as the rules read them."""
    lex = scene.lex
    ctx = DocContext(doc, scene, speakers(doc, scene), types, states)
    said: dict[int, str] = {}

    def modality(token: Token) -> str:
        if token.i not in said:
            said[token.i] = modality_of(token, lex)
        return said[token.i]

    candidates = trigger_candidates(ctx, entries, rules, modality)
    timexes = doc._.timexes if doc.has_extension("timexes") and doc._.timexes else []
    spans = dated_spans(doc, timexes)

    def details(token: Token, kind: str) -> dict:
        entry = entries[token.i]
        place = None
        if entry is not None and entry.frame in ("place", "arrival"):
            place = trigger_arguments(token, entry, scene)[2]
        return {"mode": entry.mode if entry is not None and entry.type == kind else None, "place": place,
                "date": date_of(token, timexes, spans), "modality": modality(token)}

    return choose_events(ctx, candidates, rules, model, details)
