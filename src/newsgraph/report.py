"""What a build tells its user where the user looks.

Each input that gave no document is reported on the ``newsgraph`` logger as it is met
(``builder``); a library leaves the showing of its log to the application (the package
logger has a ``NullHandler``), so a notebook would show nothing. :func:`settle` is what
``newsgraph.build`` and ``build_texts`` add on return: a Python warning
(:class:`InputWarning`, which Jupyter shows under the cell) for each input that failed
or was skipped, and a coded exception (:class:`~newsgraph.errors.NothingBuilt`) when no
document came out at all. :func:`summary_line` is the one line of the notebook repr.
The command line turns the warnings off (its log handler says the same) and exits 1 on
``NothingBuilt``.
"""
from __future__ import annotations

import warnings
from collections import Counter
from collections.abc import Iterable
from typing import Any

from .errors import Errors, NothingBuilt

#: Inputs warned about one by one; the others are counted in one more warning.
MAX_WARNINGS = 10


class InputWarning(UserWarning):
    """An input that gave no document (failed or skipped), with its reason."""


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def problems(manifest: Iterable[Any]) -> list[Any]:
    """The manifest entries of the inputs that gave no document."""
    return [m for m in manifest if m.status != "done"]


def summary_line(kg: Any) -> str:
    """One line: what was built, and what became of the inputs that gave nothing.

    >>> from types import SimpleNamespace as NS
    >>> kg = NS(summary=lambda: {"documents": 1, "distinct_actors": 2, "events": 1, "roles": 0, "agreements": 0},
    ...         manifest=[NS(id="a", status="done"), NS(id="b", status="failed", reason="[E020] bad date")])
    >>> summary_line(kg)
    'KnowledgeGraph: 1 document, 2 actors, 1 event, 0 roles, 0 agreements from 2 inputs; 1 failed (b: [E020] bad date)'
    """
    s = kg.summary()
    line = (f"KnowledgeGraph: {_plural(s['documents'], 'document')}, {_plural(s['distinct_actors'], 'actor')}, "
            f"{_plural(s['events'], 'event')}, {_plural(s['roles'], 'role')}, "
            f"{_plural(s['agreements'], 'agreement')} from {_plural(len(kg.manifest), 'input')}")
    bad = problems(kg.manifest)
    if not bad:
        return line
    counts = Counter(m.status for m in bad)
    first = bad[0]
    reason = first.reason if len(first.reason) <= 120 else first.reason[:119] + "…"
    more = f"; see kg.manifest for {len(bad) - 1} more" if len(bad) > 1 else ""
    return (line + "; " + ", ".join(f"{n} {status}" for status, n in sorted(counts.items()))
            + f" ({first.id}: {reason}{more})")


def warn_problems(manifest: Iterable[Any], stacklevel: int = 3) -> None:
    """One :class:`InputWarning` per input that gave no document (the first
    :data:`MAX_WARNINGS`), then one that counts the rest."""
    bad = problems(manifest)
    for m in bad[:MAX_WARNINGS]:
        warnings.warn(f"{m.id}: {m.status}: {m.reason}", InputWarning, stacklevel=stacklevel)
    if len(bad) > MAX_WARNINGS:
        warnings.warn(f"{len(bad) - MAX_WARNINGS} more inputs gave no document: see kg.manifest",
                      InputWarning, stacklevel=stacklevel)


def check_built(kg: Any, given: Iterable[Any] = ()) -> None:
    """Raise :class:`~newsgraph.errors.NothingBuilt` when ``kg`` holds no document:
    E081 when no input was found at all (``given``: what was asked for), else E080 with
    the inputs' fates and the first reasons."""
    if kg.documents:
        return
    if not kg.manifest:
        raise NothingBuilt(Errors.E081, kg=kg, paths=", ".join(str(p) for p in given) or "the inputs")
    counts = Counter(m.status for m in kg.manifest)
    first = " | ".join(f"{m.id}: {m.reason}" for m in kg.manifest[:3])
    raise NothingBuilt(Errors.E080, kg=kg, n=len(kg.manifest),
                       counts=", ".join(f"{n} {status}" for status, n in sorted(counts.items())),
                       reasons=f"First: {first}{' ...' if len(kg.manifest) > 3 else ''}")


def settle(kg: Any, given: Iterable[Any] = (), stacklevel: int = 4) -> Any:
    """``kg``, once its failed and skipped inputs are warned about; NothingBuilt when it
    holds no document."""
    warn_problems(kg.manifest, stacklevel=stacklevel)
    check_built(kg, given)
    return kg
