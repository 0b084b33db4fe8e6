"""Training the event model from annotated articles (``make train``).

1. Each annotated article is parsed and analysed up to its events; its candidates are
   aligned to the gold (:mod:`newsgraph.learn.align`, :mod:`newsgraph.learn.examples`).
2. Stage one (``triggers``, ``arguments``) is fitted on every article; to train stage
   two on readings like those of unseen articles, stage one is also fitted ``folds``
   times, each time without one fold, and reads the fold it did not see.
3. Stage two (``events``) is fitted on those out-of-fold readings; its threshold is the
   one that gives the best F1 over the folds (each fold scored by a stage two fitted on
   the other folds: the cross-validated F1 of the report), the highest of those within
   0.005 of it (where F1 hardly moves, fewer false events).
Everything is deterministic: the folds come from a fixed seed, the solvers are exact.
"""
from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from ..data.model import EventModel, LinearModel
from ..extract.choose import DEFAULTS, event_rows
from .evaluate import Counts, document_keys, gold_keys
from .examples import Examples, Prepared, examples_of
from .fit import fit_linear

#: Regularisation (scikit-learn's C) of each decision, chosen by cross-validation on
#: the training articles.
C = {"triggers": 0.3, "arguments": 0.3, "events": 0.3}
#: The event thresholds tried.
THRESHOLDS = (0.08, 0.1, 0.12, 0.15, 0.18, 0.22, 0.26, 0.3)

Progress = Callable[[str], None]


@dataclass
class Report:
    """What training measured: the alignment counts, the cross-validated scores."""

    counts: dict[str, int] = field(default_factory=dict)
    cv: dict[str, float] = field(default_factory=dict)
    threshold: float = DEFAULTS["event"]


def folds_of(n: int, k: int, seed: int = 0) -> list[list[int]]:
    """``k`` folds of ``range(n)``, shuffled with ``seed``.

    >>> folds_of(5, 2)
    [[2, 0, 3], [1, 4]]
    """
    order = list(range(n))
    random.Random(seed).shuffle(order)
    return [order[i::k] for i in range(k)]


def fit_stage_one(docs: Sequence[Prepared]) -> tuple[LinearModel, LinearModel]:
    """The trigger and argument models of these articles."""
    ex = Examples()
    for p in docs:
        ex.extend(examples_of(p))
    return (fit_linear(ex.triggers, C=C["triggers"], classes=("NONE",)),
            fit_linear(ex.arguments, C=C["arguments"], classes=("NONE", "source", "target")))


def event_examples(p: Prepared, model: EventModel) -> list[tuple[dict, str, tuple]]:
    """``(features, yes/no, key)`` for each (type, source, target) stage one or the rules
    propose in an article: yes when the gold has it."""
    keys, rows, _, _ = event_rows(p.ctx, p.candidates, p.rules, model)
    gold = gold_keys(p.gold)
    out = []
    for key, features in zip(keys, rows):
        mapped = document_keys([key], p.mapping)
        out.append((features, "yes" if mapped & gold else "no", key))
    return out


def out_of_fold(docs: Sequence[Prepared], folds: list[list[int]],
                progress: Progress | None = None) -> list[list[tuple[dict, str, tuple]]]:
    """Stage-two examples of each article, read by a stage one that did not see it."""
    out: list[list[tuple[dict, str, tuple]]] = [[] for _ in docs]
    for n, fold in enumerate(folds, 1):
        if progress:
            progress(f"stage one, fold {n} of {len(folds)}")
        held = set(fold)
        triggers, arguments = fit_stage_one([p for i, p in enumerate(docs) if i not in held])
        model = EventModel(triggers, arguments)
        for i in fold:
            out[i] = event_examples(docs[i], model)
    return out


def _kept(examples: Sequence[tuple[dict, str, tuple]], model: LinearModel, threshold: float) -> list[tuple]:
    if not examples:
        return []
    probs = model.proba_many([f for f, _, _ in examples])[:, model.classes.index("yes")]
    return [key for (_, _, key), p in zip(examples, probs) if p >= threshold]


def cross_validate(docs: Sequence[Prepared], examples: Sequence[list], folds: list[list[int]]) -> dict[float, Counts]:
    """Event counts at each threshold, each fold decided by a stage two fitted on the
    other folds' out-of-fold examples."""
    counts = {t: Counts() for t in THRESHOLDS}
    for fold in folds:
        held = set(fold)
        rows = [(f, label) for i, ex in enumerate(examples) if i not in held for f, label, _ in ex]
        stage_two = fit_linear(rows, C=C["events"], classes=("no", "yes"))
        for i in fold:
            gold = gold_keys(docs[i].gold)
            for t in THRESHOLDS:
                ours = document_keys(_kept(examples[i], stage_two, t), docs[i].mapping)
                counts[t].add(len(ours & gold), len(ours), len(gold))
    return counts


#: Thresholds whose cross-validated F1 is this close to the best are as good.
TOLERANCE = 0.005


def pick_threshold(f1: dict[float, float]) -> float:
    """The highest threshold whose F1 is within :data:`TOLERANCE` of the best: where the
    F1 hardly moves, fewer false events at the same F1.

    >>> pick_threshold({0.1: 0.240, 0.15: 0.238, 0.2: 0.220})
    0.15
    """
    top = max(f1.values())
    return max(t for t, v in f1.items() if v >= top - TOLERANCE)


def train(docs: Sequence[Prepared], *, k: int = 5, seed: int = 0,
          progress: Progress | None = None) -> tuple[EventModel, Report]:
    """The event model of these annotated articles, and what training measured."""
    report = Report()
    for p in docs:
        for name, n in p.counts.items():
            report.counts[name] = report.counts.get(name, 0) + n
    folds = folds_of(len(docs), k, seed)
    examples = out_of_fold(docs, folds, progress)
    if progress:
        progress("stage two")
    counts = cross_validate(docs, examples, folds)
    best = pick_threshold({t: counts[t].f1 for t in THRESHOLDS})
    report.threshold = best
    report.cv = {"events_f1": round(counts[best].f1, 3), **{f"events_{k}": v for k, v in
                                                               counts[best].summary().items()}}
    stage_two = fit_linear([(f, label) for ex in examples for f, label, _ in ex], C=C["events"],
                           classes=("no", "yes"))
    if progress:
        progress("stage one, all articles")
    triggers, arguments = fit_stage_one(docs)
    thresholds = {**DEFAULTS, "event": best}
    return EventModel(triggers, arguments, stage_two, thresholds=thresholds), report
