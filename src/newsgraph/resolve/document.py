"""The within-document analysis: named passes over one :class:`DocumentState`.

A parsed article goes in, a :class:`DocumentRecord` comes out. Each pass reads what the
passes before it found and adds to the state; :data:`PASSES` lists them in order and
:func:`analyse` only runs them::

    mentions -> article state -> actors -> roles -> role phrases -> persons' states
    -> anaphora -> agreements -> events -> tidy roles -> participants -> Doc spans
    -> input offsets

To add a rule, add to the pass that owns what it finds (or a new pass at its place in
the list); the extractors it calls are pure functions of the Doc and a
:class:`~newsgraph.extract.Scene`.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc

from ..data import Lexicons
from ..extract import (
    Scene,
    agreements,
    body_mentions,
    demonym_mentions,
    entity_mentions,
    events,
    person_roles,
    subject_pronouns,
)
from ..extract.actors import publishers
from ..grammar import DE_TOKENS
from ..nlp.gazetteer import kb_ref
from ..extract.choose import learned_events
from ..extract.events import trigger_entries
from ..records import (
    Agreement,
    Article,
    Claim,
    Conflict,
    DocumentRecord,
    EntityMention,
    Event,
    EventMention,
    Role,
    StatusChange,
    Timex,
)
from ..types import ActorId, CharSpan, KbRef
from .agreement_merging import link_agreement, merge_agreements
from .event_merging import merge_events
from .index import ActorIndex
from .names import fold
from .participants import rule_participants, used_actors
from .role_holders import resolve_role_phrases, tidy_roles
from .spans import write_spans
from .within import DraftActor, anaphoric_aliases, cluster, is_army, repeated_surnames


@dataclass
class DocumentState:
    """What the analysis of one document has found so far; offsets are of the parsed
    text (``doc.text``) until :func:`to_input_offsets` runs."""

    doc: Doc
    article: Article
    lex: Lexicons
    mentions: list[EntityMention] = field(default_factory=list)
    actors: list[DraftActor] = field(default_factory=list)
    index: ActorIndex = field(default_factory=ActorIndex)
    roles: list[Role] = field(default_factory=list)
    agreements: list[Agreement] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    timexes: list[Timex] = field(default_factory=list)

    def states(self, *, named: bool) -> dict[str, ActorId]:
        """ISO code -> the document's Country actor; with ``named``, only the states the
        text names (a demonym alone makes no actor)."""
        return {a.country: a.id for a in self.actors if a.type == "Country" and a.country
                and not (named and all(m.demonym for m in a.mentions))}

    def armies(self) -> dict[str, ActorId]:
        """ISO code -> the document's army of that state ("l'armée russe"), when it names
        one: "les troupes russes" are that army."""
        out: dict[str, ActorId] = {}
        for a in self.actors:
            if a.country and is_army(a, self.lex):
                out.setdefault(a.country, a.id)
        return out

    def kinds(self) -> tuple[dict[ActorId, str], dict[ActorId, str]]:
        """Each actor's type, and the ISO code of its state where it has one."""
        return {a.id: a.type for a in self.actors}, {a.id: a.country for a in self.actors if a.country}

    def scene(self, **kw) -> Scene:
        """The extractors' view of the state (actor index, lexicons, ``countries``...)."""
        kw.setdefault("armies", self.armies())
        return Scene(actors=self.index, lex=self.lex, **kw)


Pass = Callable[[DocumentState], None]


def find_mentions(state: DocumentState) -> None:
    """Names (NER and gazetteers), state bodies and demonyms, in text order."""
    doc, lex = state.doc, state.lex
    state.mentions = sorted([*entity_mentions(doc, lex), *body_mentions(doc, lex), *demonym_mentions(doc, lex)],
                            key=lambda m: m.token_start)


def article_state(state: DocumentState) -> None:
    """"le gouvernement", "les autorités" used alone stand for the state the article
    names most (places included); without one they are dropped."""
    counts: dict[str, int] = {}
    for m in state.mentions:
        if m.type == "Country" and m.country:
            counts[m.country] = counts.get(m.country, 0) + 1
    main = max(counts, key=lambda k: counts[k]) if counts else None
    out = []
    for m in state.mentions:
        if m.type == "Country" and not m.country:
            if main is None:
                continue
            m = replace(m, country=main, key=KbRef("country", main))
        out.append(m)
    state.mentions = out


def cluster_actors(state: DocumentState) -> None:
    """One actor per entity: mentions grouped by name, acronym and gazetteer entry."""
    state.actors, state.index = cluster(state.mentions, state.lex)


def surnames(state: DocumentState) -> None:
    """A person's surname stands for them where the model missed it."""
    repeated_surnames(state.doc, state.actors, state.index)


def bodies_of_states(state: DocumentState) -> None:
    """A body named by its kind and its state ("la Cour suprême du Kenya", "le Parlement
    du Ghana") goes by that whole name too, when NER took only the kind ("Cour
    suprême")."""
    doc, heads = state.doc, state.lex.bodies
    for actor in state.actors:
        if actor.type != "Organization" or actor.key is not None:
            continue
        for m in actor.mentions:
            if fold(doc[m.token_start].text) not in heads:
                continue
            state_name = _state_complement(doc, m.token_end)
            if state_name is not None:
                actor.add_alias(doc[m.token_start:state_name].text)


def _state_complement(doc: Doc, i: int) -> int | None:
    """Where "du Kenya", "de la Guinée", "de l'Égypte" (a country right after token
    ``i``) ends, if it is there."""
    if i >= len(doc) or doc[i].lower_ not in DE_TOKENS:
        return None
    j = i + 1
    if j < len(doc) and doc[j].pos_ == "DET":
        j += 1
    ref = kb_ref(doc[j]) if j < len(doc) else None
    if ref is None or ref.kind != "country" or doc[j].ent_iob_ != "B":
        return None
    end = j + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return end


def find_roles(state: DocumentState) -> None:
    """Roles of named persons, and those that role phrases used alone add; one role per
    (person, title, of), the one that names a state preferred."""
    named = state.states(named=True)
    roles = list(person_roles(state.doc, state.index, named, state.lex))
    roles += resolve_role_phrases(state.doc, roles, state.index, state.actors, named, state.lex)
    unique: dict[tuple, Role] = {}
    for r in roles:
        key = (r.actor, fold(r.title), r.of)
        if key not in unique or r.of_state and not unique[key].of_state:
            unique[key] = r
    state.roles = list(unique.values())


def role_phrases_stand_for_holders(state: DocumentState) -> None:
    """A role phrase stands for its holder in events: "au président ..., X"."""
    for r in state.roles:
        phrase = state.doc.char_span(r.start, r.end, alignment_mode="expand")
        if phrase is not None:
            state.index.assign_free([t.i for t in phrase if t.pos_ in ("NOUN", "ADJ", "PROPN")], r.actor)


def persons_states(state: DocumentState) -> None:
    """A person's country is the state of a post they hold."""
    by_id = {a.id: a for a in state.actors}
    for r in state.roles:
        person, of = by_id.get(r.actor), by_id.get(r.of or "")
        if person and not person.country:
            person.country = of.country if of and of.type == "Country" else r.of_state


def anaphora(state: DocumentState) -> None:
    """"le groupe", "les militaires" for the organisation or army named before."""
    anaphoric_aliases(state.doc, state.actors, state.index, state.lex)


def pronouns(state: DocumentState) -> None:
    """Subject "il"/"elle" indexed as the actor they take up, one after the other, so a
    chain of pronouns over several sentences keeps its actor (rules over the parse: the
    last subject of the same gender in the sentence or the one before, else the last
    person named)."""
    scene = state.scene()
    for i, actor in subject_pronouns(state.doc, scene):  # each one seen by the next
        state.index.assign([i], actor)


def find_agreements(state: DocumentState) -> None:
    """Agreements, one per name and parties, with their status as of the article."""
    state.agreements = merge_agreements(agreements(state.doc, state.scene(countries=state.states(named=False))))


def event_scene(state: DocumentState) -> Scene:
    """The extractors' view of the state when events are read: every state the text
    names or implies, and persons' nationalities."""
    nationality = {a.id: a.country for a in state.actors if a.type == "Person" and a.country}
    return state.scene(countries=state.states(named=False), nationality=nationality)


def find_events(state: DocumentState) -> None:
    """Events, one per (type, source, target), aimed at an agreement's other party when
    their verb acts on it; dates the text disagrees on become conflicts. The rules read
    events; with a trained model (:attr:`~newsgraph.data.Lexicons.event_model`) they only
    propose, and the model chooses among them and the other candidates."""
    scene = event_scene(state)
    entries = trigger_entries(state.doc, state.lex)
    rules = list(events(state.doc, scene, entries))
    model = state.lex.event_model
    found = rules if model is None else learned_events(state.doc, scene, rules, model, *state.kinds(), entries)
    found = [link_agreement(e, state.agreements) for e in found]
    state.events, state.conflicts = merge_events(found, fill_targets=model is None)


def settle_roles(state: DocumentState) -> None:
    """Roles said more fully by another dropped; a state given to bare head-of-state and
    minister titles (see :func:`~newsgraph.resolve.role_holders.tidy_roles`)."""
    sentences = [(s.start_char, s.end_char) for s in state.doc.sents]
    state.roles = tidy_roles(state.roles, state.actors, state.lex, sentences)


def keep_participants(state: DocumentState) -> None:
    """The actors that act or take part in the story are kept
    (:func:`~newsgraph.resolve.participants.rule_participants`); the events, roles and
    agreements of the others go with them (a post of a dropped body is of no one: "la
    correspondante de BBC Afrique")."""
    in_events = {x for e in state.events for x in (e.source, e.target) if x}
    used = used_actors(state.events, state.roles, state.agreements)
    publisher = publishers(state.doc, state.lex, state.article.site)
    kept = rule_participants(state.doc, state.actors, used, in_events, publisher)
    state.actors = [a for a in state.actors if a.id in kept]
    state.events = [e for e in state.events if e.source in kept and (e.target is None or e.target in kept)]
    state.roles = [replace(r, of=r.of if r.of in kept else None) for r in state.roles if r.actor in kept]
    state.agreements = [replace(g, parties=tuple(p for p in g.parties if p in kept)) for g in state.agreements]


def to_input_offsets(state: DocumentState) -> None:
    """Every offset mapped from the parsed text to the article's input text."""
    article = state.article
    span = article.span_to_original

    def sentence(s: CharSpan) -> CharSpan:
        return span(*s)

    for a in state.actors:
        a.mentions = [replace(m, start=s, end=e) for m in a.mentions for s, e in [span(m.start, m.end)]]
    state.events = [replace(e, start=s, end=t, sentence=sentence(e.sentence),
                            mentions=tuple(EventMention(*span(m.start, m.end), sentence(m.sentence))
                                           for m in e.mentions),
                            claims=tuple(Claim(c.value, sentence(c.sentence)) for c in e.claims))
                    for e in state.events for s, t in [span(e.start, e.end)]]
    state.conflicts = [replace(c, claims=state.events[c.event].claims) for c in state.conflicts]
    state.roles = [replace(r, start=s, end=e) for r in state.roles for s, e in [span(r.start, r.end)]]
    state.agreements = [replace(g, start=s, end=e, sentence=sentence(g.sentence),
                                verbs=tuple(span(*v) for v in g.verbs),
                                history=tuple(StatusChange(h.status, h.date, sentence(h.sentence))
                                              for h in g.history))
                        for g in state.agreements for s, e in [span(g.start, g.end)]]
    state.timexes = [replace(t, start=s, end=e, text=article.text[s:e])
                     for t in (state.doc._.timexes or []) for s, e in [span(t.start, t.end)]]


def doc_spans(state: DocumentState) -> None:
    """Actor mentions, event triggers and timexes as ``doc.spans`` groups, in the Doc's
    own offsets (:func:`newsgraph.resolve.spans.write_spans`): only for
    ``newsgraph.pipe``, whose users read the Doc."""
    write_spans(state.doc, state.actors, state.events)


#: The analysis of one document, in order (``newsgraph.pipe`` runs :func:`doc_spans`
#: before the last).
PASSES: tuple[Pass, ...] = (
    find_mentions, article_state, cluster_actors, surnames, bodies_of_states, find_roles, role_phrases_stand_for_holders, persons_states,
    anaphora, pronouns, find_agreements, find_events, settle_roles, keep_participants, to_input_offsets,
)


def analyse(doc: Doc, article: Article, lex: Lexicons, *, spans: bool = False) -> DocumentRecord:
    """Actors, roles, events and agreements of one parsed article, offsets mapped to its
    input text; with ``spans``, the Doc's span groups written too (:func:`doc_spans`)."""
    state = DocumentState(doc=doc, article=article, lex=lex)
    for step in (PASSES[:-1] + (doc_spans, PASSES[-1]) if spans else PASSES):
        step(state)
    return DocumentRecord(article=article, actors=tuple(a.record() for a in state.actors), roles=tuple(state.roles),
                          events=tuple(state.events), agreements=tuple(state.agreements),
                          timexes=tuple(state.timexes), conflicts=tuple(state.conflicts))
