"""The actor index: which actor of its document each token stands for.

Passes of the analysis add to it (names, role phrases, anaphora) and merge actors in it;
extractors read it as a plain mapping from token index to actor id.

>>> index = ActorIndex()
>>> index.assign(range(0, 2), "a1"); index.assign([5], "a2")
>>> index.merge("a2", into="a1"); dict(index)
{0: 'a1', 1: 'a1', 5: 'a1'}
>>> index.assign_free([1, 6], "a3"); index.positions()["a3"]
[6]
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping

from ..types import ActorId


class ActorIndex(Mapping[int, ActorId]):
    """Token index -> actor id, for one document."""

    def __init__(self) -> None:
        self._actor: dict[int, ActorId] = {}

    def __getitem__(self, token: int) -> ActorId:
        return self._actor[token]

    def __iter__(self) -> Iterator[int]:
        return iter(self._actor)

    def __len__(self) -> int:
        return len(self._actor)

    def __repr__(self) -> str:
        return f"ActorIndex({len(self._actor)} tokens)"

    def assign(self, tokens: Iterable[int], actor: ActorId) -> None:
        """These tokens stand for ``actor`` (whatever they stood for before)."""
        for i in tokens:
            self._actor[i] = actor

    def assign_free(self, tokens: Iterable[int], actor: ActorId) -> None:
        """Those of these tokens that stand for no actor yet stand for ``actor``."""
        for i in tokens:
            self._actor.setdefault(i, actor)

    def merge(self, actor: ActorId, *, into: ActorId) -> None:
        """Every token of ``actor`` now stands for ``into``."""
        for i, a in self._actor.items():
            if a == actor:
                self._actor[i] = into

    def positions(self) -> dict[ActorId, list[int]]:
        """Actor id -> its token indices, in order."""
        out: dict[ActorId, list[int]] = {}
        for i, a in sorted(self._actor.items()):
            out.setdefault(a, []).append(i)
        return out
