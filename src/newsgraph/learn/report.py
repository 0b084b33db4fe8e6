"""What a trained model does on annotated articles it did not learn from: event scores
(typed, untyped, per type), the features that weigh most, and the learning curve."""
from __future__ import annotations

import random
from collections.abc import Callable, Sequence

from ..data.model import EventModel
from ..extract.choose import choose_events
from .evaluate import Counts, document_keys, gold_keys
from .examples import Prepared
from .train import train


def predicted(p: Prepared, model: EventModel) -> set[tuple]:
    """The (type, source, target) the model keeps in one article (our actor ids)."""
    events = choose_events(p.ctx, p.candidates, p.rules, model, lambda token, kind: {})
    return {(e.type, e.source, e.target) for e in events}


def evaluate(docs: Sequence[Prepared], model: EventModel) -> dict:
    """Events F1 typed and untyped, and precision and recall per PLOVER type."""
    typed, untyped = Counts(), Counts()
    per_type: dict[str, Counts] = {}
    for p in docs:
        found = predicted(p, model)
        ours, gold = document_keys(found, p.mapping), gold_keys(p.gold)
        typed.add(len(ours & gold), len(ours), len(gold))
        ours_u, gold_u = document_keys(found, p.mapping, typed=False), gold_keys(p.gold, typed=False)
        untyped.add(len(ours_u & gold_u), len(ours_u), len(gold_u))
        for kind in {k[0] for k in ours | gold}:
            o, g = {k for k in ours if k[0] == kind}, {k for k in gold if k[0] == kind}
            per_type.setdefault(kind, Counts()).add(len(o & g), len(o), len(g))
    return {"events": typed.summary(), "events_untyped": untyped.summary(),
            "per_type": {k: v.summary() for k, v in sorted(per_type.items())}}


def weightiest(model: EventModel, kinds: Sequence[str], n: int = 8) -> dict[str, list[tuple[str, float]]]:
    """The trigger features that weigh most for each of ``kinds``."""
    return {k: [(name, round(w, 2)) for name, w in model.triggers.top(k, n)] for k in kinds
            if k in model.triggers.classes}


def learning_curve(train_docs: Sequence[Prepared], dev_docs: Sequence[Prepared],
                   fractions: Sequence[float] = (0.25, 0.5, 1.0), seed: int = 0,
                   progress: Callable[[str], None] | None = None) -> list[dict]:
    """Dev events F1 of models trained on growing shares of the training articles (the
    same shuffled order, so each share holds the smaller ones)."""
    order = list(train_docs)
    random.Random(seed).shuffle(order)
    out = []
    for share in fractions:
        part = order[:max(4, round(share * len(order)))]
        if progress:
            progress(f"learning curve: {len(part)} articles")
        model, report = train(part, seed=seed)
        scores = evaluate(dev_docs, model)
        out.append({"share": share, "articles": len(part), "cv_events_f1": report.cv.get("events_f1"),
                    "dev_events_f1": scores["events"]["f1"], "dev_events_untyped_f1": scores["events_untyped"]["f1"]})
    return out
