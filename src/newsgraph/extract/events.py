"""Events from the dependency parse: trigger, source, target, place, modality.

Extractors are pure functions of a Doc and of a :class:`~newsgraph.extract.arguments.Scene`
(the actor index the resolver made and the lexicons); they yield
:class:`~newsgraph.records.Event` objects. Parsed examples for every PLOVER type
are in ``tests/test_events.py``.
"""
from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import cast

from spacy.tokens import Doc, Token

from ..data import Lexicons, Trigger
from ..records import Event, Said
from ..types import ActorId, EventType, Modality
from .arguments import SOURCE_CASES, Scene, actor_at, case_words, trigger_arguments
from .dates import date_of, dated_spans

#: Grammar words: the negation particles of French.
NEGATIONS = frozenset({"pas", "jamais", "aucun", "aucune", "ni", "guère"})


#: Dependents whose head completes a verb's set phrase ("mettre en garde", "saisir la
#: justice", "prendre en otage") and grammar words skipped in a noun's ("mise en examen").
_PHRASE_DEPS = frozenset({"obj", "obl", "obl:arg", "obl:mod", "iobj", "xcomp"})
_COMPOUND_SKIP = frozenset({"de", "d'", "d’", "du", "des", "en", "à", "au", "aux", "la", "le", "l'", "l’", "les",
                            "un", "une"})


def _pronominal(lemma: str) -> str:
    return ("s'" if lemma[:1] in "aeiouéèêhâî" else "se ") + lemma


def _phrase(base: str, complements: list[str], triggers) -> Trigger | None:
    return next((triggers[(f"{base} {c}", "VERB")] for c in complements if (f"{base} {c}", "VERB") in triggers),
                None)


def _compound(token: Token, lemma: str, triggers) -> Trigger | None:
    """A two-word noun entry: the noun and the next content word ("aide humanitaire",
    "prise d'otages", "état d'urgence")."""
    doc = token.doc
    j = token.i + 1
    while j < len(doc) and j <= token.i + 3 and doc[j].lower_ in _COMPOUND_SKIP:  # "mise à l'écart"
        j += 1
    if j >= len(doc) or not doc[j].is_alpha:
        return None
    for word in (doc[j].lemma_.lower(), doc[j].lower_):
        if (f"{lemma} {word}", "NOUN") in triggers:
            return triggers[(f"{lemma} {word}", "NOUN")]
    return None


def trigger_of(token: Token, lex: Lexicons) -> Trigger | None:
    """The lexicon entry a token triggers, if any: set phrases first ("verb complement",
    pronominal or not; "noun noun"), then "se X" for pronominal verbs, then the lemma;
    "dénoncer un accord" is a sanction. A word inside a name ("Union africaine",
    "Rassemblement pour la République") triggers nothing."""
    triggers = lex.triggers
    if token.ent_iob_ in ("B", "I"):
        return None
    pos = "VERB" if token.pos_ in ("VERB", "AUX") else token.pos_
    if pos not in ("VERB", "NOUN"):
        return None
    lemma = token.lemma_.lower()
    if pos == "NOUN":
        return _compound(token, lemma, triggers) or triggers.get((lemma, pos))
    obj = next((c for c in token.children if c.dep_ == "obj"), None)
    nouns = lex.agreement_nouns  # one list with the agreements' own extractor
    if obj is not None and (obj.lower_ in nouns or obj.lemma_.lower() in nouns):
        status = lex.status_verbs.get(lemma)
        if status in ("denounced", "suspended", "ended"):
            return Trigger(lemma, "VERB", "SANCTION", "discontinue", "agent")
        if status in ("signed", "in_force", "proposed"):
            return Trigger(lemma, "VERB", "AGREE", None, "agent")
    complements = [c.lemma_.lower() for c in token.children if c.dep_ in _PHRASE_DEPS]
    expl = [c for c in token.children if c.dep_.startswith("expl")]
    if expl:
        entry = _phrase(_pronominal(lemma), complements, triggers) or triggers.get((_pronominal(lemma), pos))
        if entry:
            return entry
        if any(c.dep_ in ("expl:pv", "expl:pass") for c in expl):
            return None  # "sa quête se poursuit" is no prosecution
    entry = _phrase(lemma, complements, triggers) or triggers.get((lemma, pos))
    if entry is None and lemma.endswith("e"):
        entry = triggers.get((lemma + "r", pos))  # the lemmatizer's "invite" for "inviter"
    if entry is not None and entry.type == "REQUEST" and entry.lemma in lex.cues("call_verb"):
        return _call(token, entry, lex)
    return entry


def trigger_entries(doc: Doc, lex: Lexicons) -> list[Trigger | None]:
    """The lexicon entry each token of ``doc`` triggers (:func:`trigger_of`), each token
    looked up once."""
    return [trigger_of(t, lex) for t in doc]


def _call(verb: Token, entry: Trigger, lex: Lexicons) -> Trigger | None:
    """"appeler à la retenue", "appeler X à partir" request; "appeler X" alone is the
    event the lexicon gives (a telephone call); "ce que l'on appelle X" is no event."""
    to = {"à", "au", "aux"}
    if any(case_words(c) & to for c in verb.children if c.dep_ in ("obl", "obl:arg", "obl:mod", "xcomp", "ccomp")):
        return entry
    obj = next((c for c in verb.children if c.dep_ == "obj"), None)
    if obj is not None and obj.ent_type_ in ("PER", "ORG", "GPE"):
        kind = lex.cue_values("call_verb").get(entry.lemma)
        mode = "phone" if kind == "CONSULT" else None
        return Trigger(entry.lemma, "VERB", kind, mode, "dyadic") if kind else None
    return None


def modality_of(trigger: Token, lex: Lexicons) -> str:
    """asserted, planned, negated, reported or hypothetical, from tense, mood, negation
    and the words that govern or modify the trigger."""
    verb = trigger if trigger.pos_ in ("VERB", "AUX") else trigger.head
    chain = [trigger] + list(trigger.ancestors)[:3]
    governors, modifiers = lex.cues("planned_governor"), lex.cues("planned_modifier")
    for t in chain[:2]:
        if any(c.lower_ in NEGATIONS and c.dep_ == "advmod" for c in t.children):
            return "negated"
    for t in chain:
        if "Fut" in t.morph.get("Tense", []) or t.lemma_.lower() in governors:
            return "planned"
        if any(c.lower_ in modifiers for c in t.children if c.dep_ in ("amod", "acl")):
            return "planned"
        if t.pos_ == "NOUN" and t.i != trigger.i:
            break
    if any(c.lower_ in modifiers for c in trigger.children):
        return "planned"
    aux = [verb] + [c for c in verb.children if c.dep_.startswith("aux")]
    if any("Cnd" in t.morph.get("Mood", []) for t in aux):
        return "hypothetical" if any(t.lower_ == "si" for t in trigger.sent) else "reported"
    if trigger.head.i != trigger.i and trigger.head.lemma_.lower() == "accuser" \
            or trigger.pos_ == "NOUN" and not lex.cues("reported_cue").isdisjoint(t.lower_ for t in trigger.sent):
        return "reported"
    return "asserted"


def _governor_entry(trigger: Token, entries: Sequence[Trigger | None]) -> Trigger | None:
    """The lexicon entry of the verb a trigger depends on, through coordinations
    ("invitent les militaires à respecter ... et à libérer")."""
    t = trigger
    while t.dep_ == "conj" and t.head.i != t.i:
        t = t.head
    if t.dep_ not in ("xcomp", "ccomp", "obj") or t.head.i == t.i:
        return None
    return entries[t.head.i]


def _aimed_at_a_thing(trigger: Token, entry: Trigger, scene: Scene) -> bool:
    """A trigger that attacks only people (``human_patient``) whose object, or "contre"
    complement, names neither an actor nor people."""
    lex = scene.lex
    if entry.lemma not in lex.cues("human_patient") and trigger.lemma_.lower() not in lex.cues("human_patient"):
        return False
    humans = lex.people_words
    patients = [c for c in trigger.children if c.dep_ in ("obj", "nsubj:pass")
                or c.dep_ in ("obl", "obl:arg", "nmod") and case_words(c) & {"contre"}
                or c.dep_ == "nmod" and not case_words(c)]  # an object the parser took for a noun's
    if trigger.pos_ == "NOUN":
        patients += [c for c in trigger.children if c.dep_ == "nmod" and case_words(c) & SOURCE_CASES
                     and entry.frame == "patient"]
    if not patients:
        return False
    return not any(c.i in scene.actors or c.pos_ in ("PRON", "NUM") or c.ent_type_ in ("PER", "ORG", "GPE")
                   or c.lemma_.lower() in humans
                   or c.lower_ in humans or any(x.dep_ == "nummod" for x in c.children) for c in patients)


#: Acts that, told in the clause of a verb of saying, are an allegation against their author.
ALLEGED_TYPES = frozenset({"ASSAULT", "COERCE"})


def _alleger(trigger: Token, speech_verbs: frozenset[str], scene: Scene) -> str | None:
    """The subject of the verb of saying whose complement clause tells the act: "Kiev
    affirme que les troupes russes ont commis des crimes" (PLOVER ACCUSE: allege)."""
    t = trigger
    for _ in range(3):
        if t.dep_ != "ccomp" or t.head.i == t.i:
            if t.dep_ in ("xcomp", "conj") and t.head.i != t.i:
                t = t.head
                continue
            return None
        verb = t.head
        if verb.lemma_.lower() in speech_verbs:
            subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
            return actor_at(subj, scene) if subj is not None else None
        t = verb
    return None


#: PLOVER types of events between two parties (a meeting, a cooperation, an agreement).
TWO_PARTY_TYPES = frozenset({"CONSULT", "COOPERATE", "AGREE"})


def _one_party_noun(noun: Token, entry: Trigger, lex: Lexicons) -> bool:
    """A noun of meeting, cooperation or agreement with a single party and no verb that
    makes it an act of its subject ("effectuer une visite", "entrer en discussion"):
    "le sommet de l'OTAN" names an occasion, not an event between actors."""
    if entry.pos != "NOUN" or noun.pos_ != "NOUN" or entry.type not in TWO_PARTY_TYPES or entry.frame == "place":
        return False
    return noun.head.lemma_.lower() not in lex.cues("light_verb") or noun.dep_ not in ("obj", "obl", "obl:arg")


def _asked_for(noun: Token, entries: Sequence[Trigger | None]) -> bool:
    """An event noun that is the "de" complement of a noun of request or refusal."""
    if noun.pos_ != "NOUN" or noun.dep_ != "nmod" or not case_words(noun) & SOURCE_CASES:
        return False
    head = entries[noun.head.i]
    return head is not None and noun.head.pos_ == "NOUN" and head.type in ("REQUEST", "REJECT")


def _not_an_event(token: Token, entry: Trigger, entries: Sequence[Trigger | None], lex: Lexicons) -> bool:
    """A trigger whose clause says it is no event of its own: what a request or a refusal
    asks for ("demander à X de quitter", "refuser d'extrader": the request or the refusal
    is the event), declining to tell ("a refusé de commenter"), what a request noun asks
    for ("sa demande d'adhésion", "le refus de la coopération")."""
    governor = _governor_entry(token, entries)
    if governor is not None and governor.type in ("REQUEST", "REJECT") and token.pos_ != "NOUN":
        return True
    if entry.type == "REJECT" and any(c.dep_ == "xcomp" and c.lemma_.lower() in lex.cues("comment_verb")
                                      for c in token.children):
        return True
    return _asked_for(token, entries)


def _another_sense(token: Token, entry: Trigger, sources: list[ActorId], targets: list[ActorId],
                   scene: Scene) -> bool:
    """No event after all: no source actor, a meeting or arrival without its other party,
    a person handed over ("livrer un prédicateur" is no aid), an attack on a thing or an
    idea ("combattre le virus", "lutter contre la pauvreté"), a meeting noun with one
    party ("le sommet de l'OTAN": a meeting needs two)."""
    if not sources or entry.frame in ("arrival", "dyadic") and not targets:
        return True
    if entry.type == "AID" and token.pos_ == "VERB" and any(
            c.dep_ == "obj" and c.ent_type_ == "PER" for c in token.children):
        return True
    if not targets and _aimed_at_a_thing(token, entry, scene):
        return True
    return not targets and len(set(sources)) < 2 and _one_party_noun(token, entry, scene.lex)


def _pairs(entry: Trigger, sources: list[ActorId], targets: list[ActorId]) -> list[tuple[ActorId | None, ActorId | None]]:
    """The (source, target) pairs of a trigger: sources and targets crossed; parties
    fighting each other ("combats entre X et Y") both ways; the first of several parties
    of a meeting, a cooperation or an agreement with each of the others."""
    if entry.frame == "mutual" and len(sources) > 1 and not targets:
        if entry.type == "ASSAULT":
            return [(s, t) for s in sources for t in sources if s != t]
        return [(sources[0], t) for t in sources[1:]]
    if len(sources) > 1 and not targets and entry.type in ("CONSULT", "COOPERATE", "AGREE"):
        return [(sources[0], t) for t in sources[1:]]
    maybe: list[ActorId | None] = [None]
    return [(s, t) for s in (sources or maybe) for t in (targets or maybe) if s != t]


def _read(token: Token, entry: Trigger, entries: Sequence[Trigger | None], history: list[Event | Said],
          scene: Scene) -> tuple[list[ActorId], list[ActorId], str | None, str]:
    """Sources, targets, place and modality of a trigger: the accused of "accusé d'avoir
    infligé ..." is the source of a reported act; a reaction without a target is aimed at
    the author of what it reacts to."""
    sources, targets, place = trigger_arguments(token, entry, scene)
    modality = modality_of(token, scene.lex)
    accuser = _accusing_verb(token, entries)
    if accuser is not None:
        accused = _accused(accuser, scene)
        if accused:
            sources, modality = accused, "reported"
    if sources and not targets and entry.type in ("ACCUSE", "REJECT", "THREATEN", "SANCTION", "REQUEST", "PROTEST"):
        author = _author_of_object(token, history, sources, scene)
        if author:
            targets = [author]
    return sources, targets, place, modality


def events(doc: Doc, scene: Scene, entries: Sequence[Trigger | None] | None = None) -> Iterator[Event]:
    """Every event the lexicon triggers in ``doc`` with a known source actor, dated by
    ``doc._.timexes`` (``entries``: :func:`trigger_entries` of the doc, when the caller
    has them)."""
    lex = scene.lex
    timexes = doc._.timexes if doc.has_extension("timexes") and doc._.timexes else []
    dated = dated_spans(doc, timexes)
    if entries is None:
        entries = trigger_entries(doc, lex)
    history: list[Event | Said] = []
    consumed: set[int] = set()
    speech_verbs = lex.cues("speech_verb")
    for token in doc:
        if token.i in consumed:
            continue
        if token.pos_ == "VERB" and token.lemma_.lower() in speech_verbs:
            speaker = next((actor_at(c, scene) for c in token.children if c.dep_ == "nsubj"), None)
            if speaker:  # who spoke: what a later "ces propos" refers to
                history.append(Said(speaker, token.i))
        entry = entries[token.i]
        if entry is None or entry.type == "-":
            continue
        if " " in entry.lemma and entry.pos == "VERB":
            consumed.update(c.i for c in token.children if c.dep_ == "obj")  # "faire appel"
        if _not_an_event(token, entry, entries, lex):
            continue
        sources, targets, place, modality = _read(token, entry, entries, history, scene)
        if _another_sense(token, entry, sources, targets, scene):
            continue
        alleger = _alleger(token, speech_verbs, scene) if entry.type in ALLEGED_TYPES else None
        for event in _told(token, entry, _pairs(entry, sources, targets), place, modality,
                           date_of(token, timexes, dated), alleger):
            history.append(event)
            yield event


def _told(token: Token, entry: Trigger, pairs: list[tuple[ActorId | None, ActorId | None]], place: str | None,
          modality: str, date: str | None, alleger: ActorId | None) -> Iterator[Event]:
    """The events of one trigger, one per pair; an act told in what someone says is also
    their accusation: "X affirme que les troupes de Y ont commis des crimes": X accuses Y
    (and a later "Y nie" answers X)."""
    sent = token.sent
    where = dict(trigger=token.text, start=token.idx, end=token.idx + len(token),
                 sentence=(sent.start_char, sent.end_char), date=date)
    for src, tgt in pairs:
        yield Event(type=cast(EventType, entry.type), mode=entry.mode, source=src, target=tgt, place=place,
                    modality=cast(Modality, modality), **where)  # type: ignore[arg-type]
        if alleger is not None and src is not None and alleger != src:
            yield Event(type="ACCUSE", mode=None, source=alleger, target=src, modality="asserted",
                        **where)  # type: ignore[arg-type]


def _author_of_object(trigger: Token, history: list[Event | Said], sources: list[str],
                      scene: Scene) -> str | None:
    """Whom a reaction to words or acts is aimed at: "nie ces accusations" -> who
    accused; "condamnent le coup d'État" -> who seized power (from the events before)."""
    lex = scene.lex
    speech_nouns, act_nouns = lex.cues("speech_noun"), lex.cue_values("act_noun")
    # who reports the reaction is not its target: "X a déclaré que l'alliance rejette ces
    # allégations"
    reporters = {s.source for s in history if isinstance(s, Said) and s.token in
                 {a.i for a in trigger.ancestors}}
    for c in trigger.children:
        if c.dep_ not in ("obj", "obl:arg", "obl", "nsubj:pass", "nsubj"):  # the parser may say nsubj
            continue
        word = c.lower_
        spoken = word in speech_nouns or c.lemma_.lower() in speech_nouns
        owners = [x for x in c.children if x.dep_ == "nmod" and case_words(x) & SOURCE_CASES]
        if owners:  # "les accusations de Kinshasa" name their author themselves
            owner = actor_at(owners[0], scene) if spoken else None
            if owner and owner not in sources:
                return owner
            continue
        if spoken:
            accused = _accusation_of(history, sources)
            if accused:
                return accused
            for e in reversed(history):
                if e.source not in sources and e.source is not None and e.source not in reporters:
                    return e.source
        kind = act_nouns.get(word) or act_nouns.get(c.lemma_.lower())
        if kind:
            for e in reversed(history):
                if e.type == kind and e.source not in sources:
                    return e.source
    if trigger.lemma_.lower() in lex.cues("denial_verb") and not any(
            c.dep_ in ("obj", "nsubj:pass") and c.pos_ != "PRON" for c in trigger.children):
        # "X nie que ...", "une allégation qu'il dément": who accused X before
        return _accusation_of(history, sources)
    return None


def _accusation_of(history: list[Event | Said], sources: list[str]) -> str | None:
    """Who last accused one of ``sources``: whom their denial answers."""
    return next((e.source for e in reversed(history) if isinstance(e, Event) and e.type == "ACCUSE"
                 and e.target in sources and e.source not in sources), None)


def _accusing_verb(trigger: Token, entries: Sequence[Trigger | None]) -> Token | None:
    """The verb of accusation an infinitive depends on ("accusés ... de recourir")."""
    infinitive = "Inf" in trigger.morph.get("VerbForm", []) or any(
        c.dep_.startswith("aux") and "Inf" in c.morph.get("VerbForm", []) for c in trigger.children)
    if trigger.pos_ == "NOUN" or not infinitive:  # "de recourir", "d'avoir tué"
        return None
    if not any(c.dep_ == "mark" and c.lower_ in ("de", "d'", "d’") for c in trigger.children):
        return None
    head = trigger
    for _ in range(2):
        head = head.head
        entry = entries[head.i]
        if entry is not None and entry.type == "ACCUSE" and head.pos_ in ("VERB", "AUX"):
            return head
    return None


def _accused(verb: Token, scene: Scene) -> list[str]:
    out = []
    for c in verb.children:
        if c.dep_ in ("obj", "nsubj:pass") or c.dep_ == "nsubj" and any(x.dep_ == "aux:pass" for x in verb.children):
            a = actor_at(c, scene)
            if a:
                out.append(a)
    if not out and verb.dep_ in ("acl", "acl:relcl"):
        a = actor_at(verb.head, scene)
        if a:
            out.append(a)
    return out
