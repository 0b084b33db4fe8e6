"""The trained event model as data: linear models over named features, read from JSON.

A model file (``event_model_<lang>.json``, written by ``make train``) holds, for each
decision, the classes, a bias per class and, per feature name, the weight it gives each
class (weights under :data:`PRUNE` in every class are left out). A reader sees which
features weigh for which type; nothing in it is code. Scoring is a sum of weights and a
softmax (numpy only: scikit-learn is needed to train, not to build).

>>> m = LinearModel(("NONE", "ASSAULT"), {"lemma=attaquer": (0.0, 2.0)}, (0.0, -1.0))
>>> [round(p, 3) for p in m.proba({"lemma=attaquer": 1.0})]
[0.269, 0.731]
>>> LinearModel.from_json(m.to_json()) == m
True
"""
from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from itertools import repeat
from typing import Any

import numpy as np

#: The format this module reads and writes.
FORMAT = "newsgraph-event-model/1"
#: Weights smaller than this in every class are dropped from the file (and weights are
#: written with three decimals): they change no decision.
PRUNE = 0.01


@dataclass(frozen=True)
class LinearModel:
    """A multinomial logistic regression: ``classes``, ``weights`` (feature name -> one
    weight per class) and ``bias`` (one per class)."""

    classes: tuple[str, ...]
    weights: Mapping[str, tuple[float, ...]]
    bias: tuple[float, ...]

    def __post_init__(self) -> None:
        names = sorted(self.weights)
        matrix = np.asarray([self.weights[n] for n in names], dtype="float64").reshape(len(names), len(self.classes))
        object.__setattr__(self, "_index", {n: i for i, n in enumerate(names)})
        object.__setattr__(self, "_matrix", matrix)
        object.__setattr__(self, "_bias", np.asarray(self.bias, dtype="float64"))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, LinearModel) and (self.classes, dict(self.weights), self.bias) == \
            (other.classes, dict(other.weights), other.bias)

    def __hash__(self) -> int:
        return hash((self.classes, self.bias))

    def logits(self, rows: Sequence[Mapping[str, float]]) -> np.ndarray:
        """The score of each class for each row of features: the bias plus the weighted
        features (features the model does not know weigh nothing)."""
        index: dict[str, int] = self._index  # type: ignore[attr-defined]
        out = np.tile(self._bias, (len(rows), 1))  # type: ignore[attr-defined]
        names = [name for f in rows for name in f]
        if not names:
            return out
        values = [value for f in rows for value in f.values()]
        cols = np.fromiter(map(index.get, names, repeat(-1)), dtype=np.int64, count=len(names))
        known = cols >= 0
        which = np.repeat(np.arange(len(rows)), [len(f) for f in rows])[known]
        weighted = self._matrix[cols[known]] * np.asarray(values, dtype="float64")[known][:, None]  # type: ignore[attr-defined]
        for k in range(out.shape[1]):
            out[:, k] += np.bincount(which, weights=weighted[:, k], minlength=len(rows))
        return out

    def proba_many(self, rows: Sequence[Mapping[str, float]]) -> np.ndarray:
        """The probability of each class for each row (softmax of :meth:`logits`)."""
        if not rows:
            return np.zeros((0, len(self.classes)))
        z = self.logits(rows)
        e = np.exp(z - z.max(axis=1, keepdims=True))
        return e / e.sum(axis=1, keepdims=True)

    def proba(self, features: Mapping[str, float]) -> list[float]:
        """The probability of each class for one row of features."""
        return self.proba_many([features])[0].tolist()

    def top(self, cls: str, n: int = 10) -> list[tuple[str, float]]:
        """The ``n`` features that weigh most for ``cls``, against the other classes."""
        k = self.classes.index(cls)
        scored = [(name, w[k] - (sum(w) - w[k]) / max(len(w) - 1, 1)) for name, w in self.weights.items()]
        return sorted(scored, key=lambda x: -x[1])[:n]

    def to_json(self) -> dict[str, Any]:
        return {"classes": list(self.classes), "bias": [round(b, 3) for b in self.bias],
                "weights": {name: {c: round(w, 3) for c, w in zip(self.classes, ws) if abs(w) >= PRUNE}
                            for name, ws in sorted(self.weights.items()) if max(map(abs, ws)) >= PRUNE}}

    @classmethod
    def from_json(cls, obj: Mapping[str, Any]) -> LinearModel:
        classes = tuple(obj["classes"])
        weights = {name: tuple(float(ws.get(c, 0.0)) for c in classes) for name, ws in obj["weights"].items()}
        return cls(classes, weights, tuple(float(b) for b in obj["bias"]))


@dataclass(frozen=True)
class EventModel:
    """The decisions newsgraph learned from annotated articles: ``triggers`` (a PLOVER
    type or NONE for each trigger candidate), ``arguments`` (source, target or NONE for
    each actor of a trigger), ``events`` (whether a (type, source, target) the first two
    read somewhere in a document is one of its events); ``thresholds`` tuned on the
    training articles;
    ``provenance`` says what it learned from (the gold's hash, the features, the date,
    its scores)."""

    triggers: LinearModel
    arguments: LinearModel
    events: LinearModel | None = None
    thresholds: Mapping[str, float] = field(default_factory=dict)
    provenance: Mapping[str, Any] = field(default_factory=dict, compare=False)

    def to_json(self) -> str:
        """The model file: its provenance and thresholds indented, then each decision's
        classes, biases and one line per feature (``"lemma=arrêter": {"COERCE": 1.2}``)."""
        head = {"format": FORMAT, "provenance": dict(self.provenance), "thresholds": dict(self.thresholds)}
        lines = [json.dumps(head, ensure_ascii=False, indent=1)[:-2] + ",", ' "models": {']
        models = [(n, m) for n, m in (("triggers", self.triggers), ("arguments", self.arguments),
                                      ("events", self.events)) if m is not None]
        for k, (name, model) in enumerate(models):
            obj = model.to_json()
            lines.append(f'  "{name}": {{"classes": {json.dumps(obj["classes"])}, "bias": {json.dumps(obj["bias"])},')
            rows = [f"   {json.dumps(f, ensure_ascii=False)}: {json.dumps(w, ensure_ascii=False)}"
                    for f, w in obj["weights"].items()]
            lines.append('   "weights": {\n' + ",\n".join(rows) + "}}" + ("," if k < len(models) - 1 else ""))
        lines.append(" }\n}\n")
        return "\n".join(lines)

    @classmethod
    def from_json(cls, text: str) -> EventModel | None:
        """The model a file holds; None for an empty file (no model: the rules decide)."""
        if not text.strip():
            return None
        obj = json.loads(text)
        if obj.get("format") != FORMAT:
            raise ValueError(f"not a {FORMAT} file: {obj.get('format')!r}")
        models = obj["models"]
        return cls(triggers=LinearModel.from_json(models["triggers"]),
                   arguments=LinearModel.from_json(models["arguments"]),
                   events=LinearModel.from_json(models["events"]) if "events" in models else None,
                   thresholds={k: float(v) for k, v in obj.get("thresholds", {}).items()},
                   provenance=obj.get("provenance", {}))
