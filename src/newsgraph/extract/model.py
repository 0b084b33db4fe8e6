"""Dataclasses that the extractors yield; offsets are characters of the parsed text."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..types import ActorType, Modality


@dataclass(frozen=True)
class EntityMention:
    """A name in the text that may denote an actor.

    ``key`` is what the gazetteer knows (``country:ML``, ``org:ecowas``), ``acting`` is
    False when the mention is only a location ("une attaque au Mali").
    """

    text: str
    start: int
    end: int
    token_start: int
    token_end: int
    type: ActorType
    key: str | None = None
    country: str | None = None
    acting: bool = True
    capital: bool = False
    body: bool = False
    demonym: bool = False


@dataclass(frozen=True)
class Role:
    actor: str
    title: str
    of: str | None
    start: int
    end: int
    of_inferred: bool = False
    of_state: str | None = None  # the ISO code of the state the text names for the post


@dataclass(frozen=True)
class Event:
    type: str
    source: str | None
    target: str | None
    trigger: str
    start: int
    end: int
    sentence: tuple[int, int]
    mode: str | None = None
    place: str | None = None
    date: str | None = None
    modality: Modality = "asserted"
    extra: dict = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class Agreement:
    """A treaty, accord, convention, ceasefire or partnership and where it stands.

    ``verbs`` are the character spans of the verbs that change its status ("ont
    dénoncé"), which link it to the events those verbs name.
    """

    name: str
    parties: tuple[str, ...]
    start: int
    end: int
    sentence: tuple[int, int]
    status: str | None = None
    signed: str | None = None
    status_date: str | None = None
    verbs: tuple[tuple[int, int], ...] = ()
    #: ``(status, date, sentence span)`` for each change the text reports
    history: tuple[tuple[str, str | None, tuple[int, int]], ...] = ()
    #: "cet accord", "cette alliance": a mention of an agreement named before
    anaphoric: bool = False
