"""Fitting a linear model over named features (scikit-learn, at training time only).

>>> rows = [({"w=a": 1.0}, "X"), ({"w=b": 1.0}, "Y")] * 5
>>> m = fit_linear(rows, C=10.0)
>>> m.classes, m.proba({"w=a": 1.0})[0] > 0.9
(('X', 'Y'), True)
"""
from __future__ import annotations

from collections.abc import Sequence

from ..data.model import PRUNE, LinearModel
from ..errors import Errors, NewsgraphError

Rows = Sequence[tuple[dict[str, float], str]]


def _sklearn():
    try:
        from sklearn.feature_extraction import DictVectorizer
        from sklearn.linear_model import LogisticRegression
    except ImportError as e:  # pragma: no cover - depends on the environment
        raise NewsgraphError(Errors.E090, extra="train") from e
    return DictVectorizer, LogisticRegression


#: The bias of a class the training rows never show: never chosen.
ABSENT = -20.0


def _constant(classes: Sequence[str], present: str) -> LinearModel:
    return LinearModel(tuple(classes), {}, tuple(0.0 if c == present else ABSENT for c in classes))


def _with_classes(model: LinearModel, classes: Sequence[str]) -> LinearModel:
    """The model with every one of ``classes`` (those it lacks never chosen)."""
    order = tuple(sorted(set(model.classes) | set(classes)))
    if order == model.classes:
        return model
    where = {c: i for i, c in enumerate(model.classes)}
    weights = {n: tuple(w[where[c]] if c in where else 0.0 for c in order) for n, w in model.weights.items()}
    return LinearModel(order, weights, tuple(model.bias[where[c]] if c in where else ABSENT for c in order))


def fit_linear(rows: Rows, *, C: float = 0.3, max_iter: int = 3000, classes: Sequence[str] = ()) -> LinearModel:
    """A multinomial logistic regression (L2, ``C`` the inverse of its strength) of the
    labels of ``rows`` over their features, as a :class:`LinearModel`; weights under
    :data:`~newsgraph.data.model.PRUNE` in every class are dropped. ``classes`` the
    rows do not show are added, never chosen (a small training set may lack one).

    >>> m = fit_linear([({"w=a": 1.0}, "no")], classes=("yes", "no"))
    >>> m.classes, [round(p, 3) for p in m.proba({})]
    (('no', 'yes'), [1.0, 0.0])
    """
    labels = sorted({label for _, label in rows})
    if len(labels) < 2:
        return _constant(sorted(set(labels) | set(classes)), labels[0] if labels else "")
    return _with_classes(_fit(rows, C, max_iter), classes)


def _fit(rows: Rows, C: float, max_iter: int) -> LinearModel:
    DictVectorizer, LogisticRegression = _sklearn()
    vectorizer = DictVectorizer(sparse=True, sort=True)
    X = vectorizer.fit_transform([f for f, _ in rows])
    y = [label for _, label in rows]
    model = LogisticRegression(C=C, max_iter=max_iter, solver="lbfgs")
    model.fit(X, y)
    classes = tuple(str(c) for c in model.classes_)
    coef, bias = model.coef_, model.intercept_
    if len(classes) == 2:  # scikit-learn keeps one row for two classes: the second's
        coef = [[0.0] * coef.shape[1], coef[0].tolist()]
        bias = [0.0, float(bias[0])]
    else:
        coef, bias = coef.tolist(), bias.tolist()
    names = vectorizer.get_feature_names_out()
    weights = {}
    for j, name in enumerate(names):
        column = tuple(round(float(row[j]), 4) for row in coef)
        if max(abs(w) for w in column) >= PRUNE:
            weights[str(name)] = column
    return LinearModel(classes, weights, tuple(round(float(b), 4) for b in bias))
