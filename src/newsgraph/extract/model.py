"""The records the extractors yield; offsets are characters of the parsed text until the
analysis maps them to the article's input text (:mod:`newsgraph.resolve.document`)."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..types import ActorId, ActorType, AgreementStatus, CharSpan, EventType, KbRef, Modality


@dataclass(frozen=True)
class EntityMention:
    """A name in the text that may denote an actor.

    ``key`` is what the gazetteer knows (``KbRef("country", "ML")``), ``acting`` is
    False when the mention is only a location ("une attaque au Mali").
    """

    text: str
    start: int
    end: int
    token_start: int
    token_end: int
    type: ActorType
    key: KbRef | None = None
    country: str | None = None
    acting: bool = True
    capital: bool = False
    body: bool = False
    demonym: bool = False


@dataclass(frozen=True)
class Role:
    actor: ActorId
    title: str
    of: ActorId | None
    start: int
    end: int
    of_inferred: bool = False
    of_state: str | None = None  # the ISO code of the state the text names for the post


@dataclass(frozen=True)
class EventMention:
    """One place an event is told: its trigger and its sentence."""

    start: int
    end: int
    sentence: CharSpan


@dataclass(frozen=True)
class Claim:
    """One value a text gives for an attribute of an event, and the sentence saying it."""

    value: str
    sentence: CharSpan


@dataclass(frozen=True)
class Event:
    type: EventType
    source: ActorId | None
    target: ActorId | None
    trigger: str
    start: int
    end: int
    sentence: CharSpan
    mode: str | None = None
    place: str | None = None
    date: str | None = None
    modality: Modality = "asserted"
    #: every place the event is told, the first one included (set when events merge)
    mentions: tuple[EventMention, ...] = field(default=(), compare=False)
    #: the dates the text gives when they disagree (set when events merge)
    claims: tuple[Claim, ...] = field(default=(), compare=False)


@dataclass(frozen=True)
class Conflict:
    """Claims of one document that disagree on an attribute of its ``event``-th event
    (0-based index into the document's events)."""

    event: int
    attribute: str
    claims: tuple[Claim, ...]


@dataclass(frozen=True)
class StatusChange:
    """A change of an agreement's status that the text reports."""

    status: AgreementStatus
    date: str | None
    sentence: CharSpan


@dataclass(frozen=True)
class Agreement:
    """A treaty, accord, convention, ceasefire or partnership and where it stands.

    ``verbs`` are the character spans of the verbs that change its status ("ont
    dénoncé"), which link it to the events those verbs name.
    """

    name: str
    parties: tuple[ActorId, ...]
    start: int
    end: int
    sentence: CharSpan
    status: AgreementStatus | None = None
    signed: str | None = None
    status_date: str | None = None
    verbs: tuple[CharSpan, ...] = ()
    #: each change the text reports
    history: tuple[StatusChange, ...] = ()
    #: "cet accord", "cette alliance": a mention of an agreement named before
    anaphoric: bool = False
