"""The records of a build, in one home: what each room hands on to the next.

Plain frozen dataclasses that import nothing but :mod:`newsgraph.types`, so that
``graph/``, ``export/``, ``cache.py`` and ``engines.py`` read them without importing
spaCy or the analysis:

- what is read: :class:`Article`, or an :class:`InputProblem`;
- what the date grammar finds: :class:`Timex`;
- what the extractors find (offsets into the parsed text until the analysis maps them to
  the article's input text): :class:`EntityMention`, :class:`Role`, :class:`Event` with its
  :class:`EventMention` and :class:`Claim`, :class:`Conflict`, :class:`Agreement` with its
  :class:`StatusChange`, and :class:`Said` (who spoke: no event);
- what one article gives: :class:`Actor`, :class:`DocumentRecord`;
- what a build gives besides: :class:`ManifestEntry` (one per input), :class:`Links` (the
  IRIs linking gives actors and events across the corpus), :class:`BuildInfo` and
  :class:`Work` (its provenance).

>>> a = Article(id="x", text="MENU\\nLe Mali et la France.", segments=((5, 26),))
>>> rec = DocumentRecord(article=a, actors=(Actor("a1", "Mali", "Country", country="ML"),))
>>> rec.id, rec.actor("a1").name, rec.actor("a9")
('x', 'Mali', None)
"""
from __future__ import annotations

import bisect
from collections.abc import Mapping
from dataclasses import dataclass, field

from .types import ActorId, ActorType, AgreementStatus, CharSpan, EventType, KbRef, Modality, Status

# --- inputs -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Article:
    """One news article.

    ``text`` is the input text as read; every character offset that newsgraph reports
    points into it. ``segments`` are the spans of ``text`` kept for NLP once page
    furniture is dropped (all of it when empty).

    >>> a = Article(id="x", text="MENU\\nLe Mali et la France.", segments=((5, 26),))
    >>> a.clean_text()
    'Le Mali et la France.'
    >>> a.to_original(3)
    8
    """

    id: str
    text: str
    title: str | None = None
    dct: str | None = None
    url: str | None = None
    lang: str = "fr"
    path: str | None = None
    segments: tuple[CharSpan, ...] = ()
    #: the site the page names as its own in its links ("À lire aussi sur X"): its publisher
    site: str | None = None
    dropped: tuple[tuple[CharSpan, str], ...] = field(default=(), compare=False)

    def _segments(self) -> tuple[CharSpan, ...]:
        return self.segments or ((0, len(self.text)),)

    def clean_text(self) -> str:
        """The text given to NLP: the kept segments joined by a line break."""
        return "\n".join(self.text[s:e] for s, e in self._segments())

    def _starts(self) -> list[int]:
        starts, pos = [], 0
        for s, e in self._segments():
            starts.append(pos)
            pos += e - s + 1
        return starts

    def to_original(self, offset: int) -> int:
        """Map an offset in :meth:`clean_text` back to an offset in ``text``."""
        segs = self._segments()
        starts = self._starts()
        i = max(bisect.bisect_right(starts, offset) - 1, 0)
        s, e = segs[i]
        return min(s + offset - starts[i], e)

    def span_to_original(self, start: int, end: int) -> CharSpan:
        """Map a ``(start, end)`` span of :meth:`clean_text` to ``text``."""
        return self.to_original(start), self.to_original(end - 1) + 1 if end > start else self.to_original(start)


@dataclass(frozen=True)
class InputProblem:
    """An input that gave no article: ``status`` is ``skipped`` or ``failed``."""

    id: str
    path: str
    status: Status
    reason: str


# --- dates --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Timex:
    """A temporal expression: character span, TIMEX3 type and value."""

    start: int
    end: int
    text: str
    type: str
    value: str
    interval: str | None = None  # both ends of "du 6 au 7 février" carry the whole interval


# --- what the extractors find ----------------------------------------------------------------


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
class Said:
    """Who said something (the subject of a verb of saying): whom a later reaction to
    "ces propos" is aimed at. Not an event."""

    source: ActorId
    token: int = -1  # the verb of saying
    type: str = "SAY"


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


# --- what one article gives ----------------------------------------------------------------


@dataclass(frozen=True)
class Actor:
    """An actor of one document, with every mention that refers to it (the analysis
    builds it up as a :class:`newsgraph.resolve.within.DraftActor`)."""

    id: ActorId
    name: str
    type: ActorType
    key: KbRef | None = None
    country: str | None = None
    mentions: tuple[EntityMention, ...] = ()
    aliases: tuple[str, ...] = ()

    @property
    def acting(self) -> bool:
        return any(m.acting for m in self.mentions)


@dataclass(frozen=True)
class DocumentRecord:
    """Everything newsgraph found in one article; offsets point into ``article.text``.
    The IRIs linking gives its actors and events are in the build's :class:`Links`."""

    article: Article
    actors: tuple[Actor, ...]
    roles: tuple[Role, ...] = ()
    events: tuple[Event, ...] = ()
    agreements: tuple[Agreement, ...] = ()
    timexes: tuple[Timex, ...] = ()
    conflicts: tuple[Conflict, ...] = ()

    @property
    def id(self) -> str:
        return self.article.id

    def actor(self, actor_id: str | None) -> Actor | None:
        return next((a for a in self.actors if a.id == actor_id), None)


#: What one article that went to NLP gave: ``(article, record, None)``, or ``(article,
#: None, why it failed)``.
Outcome = tuple[Article, "DocumentRecord | None", "str | None"]


# --- what a build gives besides ---------------------------------------------------------------


@dataclass(frozen=True)
class ManifestEntry:
    """What became of one input: ``done``, ``skipped`` or ``failed``, and why."""

    id: str
    path: str
    status: str
    reason: str = ""
    counts: Mapping[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Links:
    """The IRIs that linking the documents of a build gives (:mod:`newsgraph.resolve.linking`).

    ``actors``: document id -> actor id -> the actor's IRI in the corpus; ``events``:
    ``(document id, event index)`` -> the event's IRI in the corpus, shared by the
    articles that report it; ``pairs``: event IRI -> the IRIs of its source and target,
    one pair for every article that reports it (a direction-free event, a meeting of
    China and Russia, is told either way round).

    >>> links = Links(actors={"d1": {"a1": "http://ex.org/ML"}}, events={("d1", 0): "http://ex.org/e"})
    >>> links.actor_iris("d1")["a1"], links.actor_iris("d2"), links.event("d1", 0), links.event("d1", 1)
    ('http://ex.org/ML', {}, 'http://ex.org/e', None)
    """

    actors: Mapping[str, Mapping[ActorId, str]] = field(default_factory=dict)
    events: Mapping[tuple[str, int], str] = field(default_factory=dict)
    pairs: Mapping[str, tuple[str | None, str | None]] = field(default_factory=dict)

    def actor_iris(self, doc_id: str) -> Mapping[ActorId, str]:
        """Actor id -> IRI for the actors of one document."""
        return self.actors.get(doc_id, {})

    def event(self, doc_id: str, n: int) -> str | None:
        """The corpus IRI of a document's ``n``-th event (0-based), if linked."""
        return self.events.get((doc_id, n))


@dataclass(frozen=True)
class Work:
    """How a build did its work: ``jobs`` workers of the ``engine``, how many articles it
    ``parsed``, and how many it took ``from_cache`` (None: it kept no cache)."""

    jobs: int = 1
    engine: str = "local"
    parsed: int = 0
    from_cache: int | None = None


@dataclass(frozen=True)
class BuildInfo:
    """The provenance of a build: the software, the model, when it ran, how long each
    stage took (seconds), its work, whether its RDF keeps the actors' mentions, the
    ``inputs`` it was given (paths: a build is never written among them), the
    ``cache_inputs`` the folder's manifest keeps for ``build --add`` (see
    :mod:`newsgraph.cache`), whether its CSV tables begin with a byte order mark, and the
    files its folder holds (set when written)."""

    version: str
    base_iri: str
    model: str
    model_version: str | None = None
    spacy_pipeline: tuple[str, ...] = ()
    started: str | None = None
    timings: Mapping[str, float] = field(default_factory=dict)
    work: Work = field(default_factory=Work)
    mentions: bool = True
    inputs: tuple[str, ...] | None = None
    cache_inputs: Mapping[str, object] | None = None
    csv_bom: bool = False
    files: tuple[str, ...] = ()
    software: str = "newsgraph"
