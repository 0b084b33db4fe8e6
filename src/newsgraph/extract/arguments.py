"""The arguments of an event trigger: which actors a token stands for, and the source,
target and place of a trigger from the dependency parse (with fallbacks for the parser's
usual errors).

:func:`trigger_arguments` runs named steps (:data:`STEPS`) in order over one
:class:`Arguments` record; each step reads the parse and adds what it finds.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field

from spacy.tokens import Token

from ..data import Lexicons, Trigger
from ..nlp.gazetteer import kb_ref
from ..types import ActorId

# Grammar words: the prepositions that mark a target or a source, subject pronouns and
# possessive determiners.
TARGET_CASES = frozenset({"à", "au", "aux", "avec", "contre", "auprès", "vers", "envers", "sur"})
SOURCE_CASES = frozenset({"de", "du", "des", "d'", "d’", "d"})
PRONOUNS = frozenset({"il", "elle", "celui-ci", "celle-ci", "-il", "-elle"})  # "-il": "avait-il ajouté"
#: A quoted "je" or "nous" is its speaker.
FIRST_PERSON = frozenset({"je", "j'", "j’", "nous"})
#: Plural subject pronouns: they take up a plural subject that stands for one actor.
PLURAL_PRONOUNS = frozenset({"ils", "elles", "-ils", "-elles"})
POSSESSIVES = frozenset({"son", "sa", "ses", "leur", "leurs"})


@dataclass(frozen=True)
class Scene:
    """What the extractors know of a document besides its parse.

    ``actors`` maps token indices to actor ids (the actor index the resolver keeps);
    ``countries`` maps ISO codes to the document's Country actors (demonyms use it: "les
    militaires français"); ``nationality`` maps person ids to their country.
    """

    actors: Mapping[int, ActorId]
    lex: Lexicons
    countries: Mapping[str, ActorId] = field(default_factory=dict)
    nationality: Mapping[ActorId, str] = field(default_factory=dict)
    #: ISO code -> the document's army of that state, which "les troupes russes" stand for
    armies: Mapping[str, ActorId] = field(default_factory=dict)


#: Contracted and elided prepositions and the one they stand for.
_BASE_CASE = {"au": "à", "aux": "à", "du": "de", "des": "de", "d'": "de", "d’": "de", "d": "de"}


def same_case(a: Token, b: Token) -> bool:
    """Whether two complements are marked by the same preposition ("au Maroc", "à la
    Mauritanie")."""
    return bool({_BASE_CASE.get(w, w) for w in case_words(a)} & {_BASE_CASE.get(w, w) for w in case_words(b)})


def sentence_before_start(token: Token) -> int:
    """Where the sentence before ``token``'s begins (its own start in the first one): the
    reach of an anaphor."""
    sent = token.sent
    return token.doc[sent.start - 1].sent.start if sent.start > 0 else sent.start


def case_words(token: Token) -> set[str]:
    """The prepositions and conjunctions that mark a token ("au", "contre", "de")."""
    return {c.lower_ for c in token.children if c.dep_ in ("case", "mark")}


def antecedent(token: Token, scene: Scene) -> ActorId | None:
    """The actor a pronoun subject refers to: for a relative pronoun, the noun its clause
    modifies; for "il"/"elle", the last actor that was a subject before it, within the
    sentence or the one before."""
    actors = scene.actors
    if "Rel" in token.morph.get("PronType", []) or token.lower_ in ("qui", "lequel", "laquelle"):
        clause = token.head
        noun = clause.head if clause.dep_.startswith("acl") else None
        return actor_at(noun, scene, follow_pronouns=False, states=False) if noun is not None else None
    if token.dep_ in ("obj", "iobj") and token.lower_ in ("le", "la", "l'", "l’", "les", "lui", "leur"):
        # an object clitic: the last actor named before that is not the clause's subject
        subj = next((c for c in token.head.children if c.dep_ == "nsubj"), None)
        subj_actor = antecedent(subj, scene) if subj is not None and subj.pos_ == "PRON" else \
            (actors.get(subj.i) if subj is not None else None)
        doc = token.doc
        start = sentence_before_start(token)
        for t in reversed(doc[start:token.i]):
            if t.i in actors and actors[t.i] != subj_actor:
                return actors[t.i]
        return None
    if token.lower_ in FIRST_PERSON:
        return _speaker(token, scene)
    if token.lower_ in PLURAL_PRONOUNS:
        return _plural_antecedent(token, scene)
    if token.lower_ not in PRONOUNS:
        return None
    doc = token.doc
    start = sentence_before_start(token)
    gender = "Masc" if token.lower_ in ("il", "-il", "celui-ci") else "Fem"
    clause = token.head
    if token.dep_ in ("nsubj", "nsubj:pass", "expl:subj") and clause.dep_ == "ccomp":
        # "X a indiqué à Y qu'il est préoccupé": the subject of the verb of saying
        subj = _subject(clause.head)
        said_by = actor_at(subj, scene, follow_pronouns=False) if subj is not None else None
        if subj is not None and said_by is not None and _agrees(subj, gender):
            return said_by
    best = None
    for t in doc[start:token.i]:
        if t.i in actors and t.dep_ in ("nsubj", "nsubj:pass", "expl:subj") and _agrees(t, gender):
            best = actors[t.i]
    if best is None:
        for t in doc[start:token.i]:
            if t.i in actors and t.ent_type_ == "PER":
                best = actors[t.i]
    if best is None:  # "Le Tchad accuse la Libye ... Elle nie": the one of its gender
        for t in doc[start:token.i]:
            if t.i in actors and _gender(t) == gender and _number(t) != "Plur":
                best = actors[t.i]
    if best is None and start > 0:
        # the story's person went unnamed for a sentence or two ("Sa nomination a été
        # critiquée. ... avait-il ajouté"): the last person subject a little further back
        far = sentence_before_start(doc[start - 1])
        for t in doc[far:start]:
            if t.i in actors and t.dep_ in ("nsubj", "nsubj:pass", "expl:subj") and _agrees(t, gender) \
                    and (t.ent_type_ == "PER" or t.pos_ == "PRON"):
                best = actors[t.i]
    return best


def _plural_antecedent(token: Token, scene: Scene) -> ActorId | None:
    """"ils"/"elles": the last plural subject of the sentence or the one before that
    stands for one actor ("les talibans ... ils ont pris Kaboul")."""
    doc, actors = token.doc, scene.actors
    start = sentence_before_start(token)
    gender = "Fem" if token.lower_.lstrip("-") == "elles" else "Masc"
    best = None
    for t in doc[start:token.i]:
        if t.i in actors and t.dep_ in ("nsubj", "nsubj:pass") and _number(t) == "Plur" \
                and _gender(t) in (None, gender) and not any(c.dep_ == "conj" for c in t.children):
            best = actors[t.i]
    return best


def _agrees(noun: Token, gender: str) -> bool:
    """Whether a noun phrase can be taken up by a singular pronoun of ``gender``."""
    return _gender(noun) in (None, gender) and _number(noun) != "Plur"


def _number(noun: Token) -> str | None:
    """"les talibans": plural, whatever the name's own form says."""
    for c in noun.children:
        if c.dep_ == "det" and c.morph.get("Number", []):
            return c.morph.get("Number", [])[0]
    n = noun.morph.get("Number", [])
    return n[0] if n else None


def _gender(noun: Token) -> str | None:
    """The grammatical gender its determiner gives a noun phrase ("la Cour", "le
    Tchad"), if it says one: "il" does not take up "la Cour"."""
    for c in noun.children:
        if c.dep_ == "det":
            g = c.morph.get("Gender", [])
            if g:
                return g[0]
    g = noun.morph.get("Gender", [])  # "l'Érythrée": the elided article says none
    return g[0] if g else None


def subject_pronouns(doc, scene: Scene) -> Iterator[tuple[int, ActorId]]:
    """``(token index, actor)`` for each subject "il" or "elle" whose antecedent is found,
    in text order; indexing them as their actor lets the next pronoun take up the chain
    ("Il est un ancien ministre. ... avait-il ajouté. Les autorités l'ont arrêté")."""
    for token in doc:
        if token.pos_ == "PRON" and token.lower_ in PRONOUNS | PLURAL_PRONOUNS \
                and token.dep_ in ("nsubj", "nsubj:pass", "expl:subj") \
                and token.i not in scene.actors:
            a = antecedent(token, scene)
            if a is not None:
                yield token.i, a


def _speaker(token: Token, scene: Scene) -> ActorId | None:
    """Who says a quoted "je" or "nous": the subject of a verb of saying in its sentence
    or, when the quote follows a colon, in the sentence before ("X a déclaré : « Nous
    condamnons... »", "« Je ne céderai pas », a affirmé X")."""
    doc = token.doc
    sents = [token.sent]
    if token.sent.start > 0:
        sents.append(doc[token.sent.start - 1].sent)
    speech = scene.lex.cues("speech_verb")
    for sent in sents:
        for t in sent:
            if t.pos_ == "VERB" and t.lemma_.lower() in speech:
                subj = next((c for c in t.children if c.dep_ == "nsubj"), None)
                if subj is None or subj.lower_ in FIRST_PERSON:
                    continue
                a = actor_at(subj, scene, follow_pronouns=subj.lower_ in PRONOUNS)
                if a:
                    return a
    return None


def actor_at(token: Token, scene: Scene, *, follow_pronouns: bool = True, states: bool = True) -> ActorId | None:
    """The actor a head token stands for: its own entity or role phrase; a name in
    apposition ("le ministre ..., Abdoulaye Diop"); a name the role noun governs; a
    state's agents named by a demonym ("les militaires français", unless ``states`` is
    False); a pronoun's antecedent."""
    actors, lex = scene.actors, scene.lex
    if token.i in actors:
        return actors[token.i]
    for c in token.children:
        if c.dep_ in ("appos", "flat:name", "flat") and c.i in actors:
            return actors[c.i]
    lower = token.lemma_.lower()
    role_words = lex.role_words
    if lower in role_words:
        for c in token.subtree:
            if c.i in actors and c.ent_type_ == "PER":
                return actors[c.i]
    members = lex.cues("group_member")
    if token.lower_ in members or lower in members:
        # "trois membres du Mouvement", "les combattants des milices de la société ...,
        # Wagner": follow the "de" complements down to the group
        for c in token.children:
            if c.dep_ == "nmod" and case_words(c) & SOURCE_CASES:
                a = actors.get(c.i) or (actor_at(c, scene, follow_pronouns=False, states=states)
                                        if _depth(token) < 4 else None)
                if a:
                    return a
        for t in token.subtree:  # "les combattants des « milices » de la société ..., Wagner"
            if t.i != token.i and t.ent_type_ == "ORG" and t.i in actors:
                return actors[t.i]
    agents = lex.cues("state_agent")
    if lower in role_words or token.lower_ in agents or lower in agents:
        # "l'ambassadeur de France", "les soldats du Mali", "le ministre des Affaires
        # étrangères du Niger": the state they serve
        for c in _de_chain(token):
            if c.i in actors and c.ent_type_ == "GPE":
                return actors[c.i]
    if states and (token.lower_ in agents or lower in agents):
        armed = token.lower_ in lex.cues("army_noun") or lower in lex.cues("army_noun")
        for c in token.children:
            iso = lex.demonyms.get(c.lower_)
            if iso and armed and iso in scene.armies and c.dep_ in ("amod", "nmod", "appos"):
                return scene.armies[iso]  # "les troupes russes" beside "l'armée russe"
            if iso and iso in scene.countries and c.dep_ in ("amod", "nmod", "appos"):
                return scene.countries[iso]
    if follow_pronouns and token.pos_ == "PRON":
        return antecedent(token, scene)
    return None


def actors_at(token: Token, scene: Scene) -> list[ActorId]:
    """:func:`actor_at`, and when it names its actor through a "de" complement (a
    state's agents, a group's members), the other members of a list there."""
    a = actor_at(token, scene)
    if a is None:
        return []
    out = [a]
    members = list(_de_chain(token))
    anchor = next((c for c in members if actor_at(c, scene, follow_pronouns=False) == a), None)
    if anchor is None:
        return out
    # the parser hangs "du Niger" on the head as a second complement, or on the
    # complement before ("des affaires étrangères du Mali, du Niger"), "et du Tchad" on
    # the one before as a conjunct; members are of the first one's kind (states, groups)
    for x in members:
        other = actor_at(x, scene, follow_pronouns=False)
        if other and other not in out and x.ent_type_ == anchor.ent_type_:
            out.append(other)
    return out


def _de_chain(token: Token, depth: int = 3) -> Iterator[Token]:
    """The "de" complements of a noun, of their own "de" complements, and their
    conjuncts, in the order of the text: "les ministres des affaires étrangères du Mali,
    du Niger et du Tchad" -> affaires, Mali, Niger, Tchad."""
    found: list[Token] = []
    frontier = [token]
    for _ in range(depth):
        step = [c for t in frontier for c in t.children
                if (c.dep_ == "nmod" and case_words(c) & SOURCE_CASES)
                or (c.dep_ == "conj" and (t is not token or case_words(c) & SOURCE_CASES))]
        found += step
        frontier = step
    yield from sorted(found, key=lambda t: t.i)


def _depth(token: Token) -> int:
    n = 0
    while token.dep_ == "nmod" and n < 5:
        token, n = token.head, n + 1
    return n


def _with_conjuncts(token: Token) -> list[Token]:
    return [token] + [c for c in token.children if c.dep_ == "conj"]


def _subject(verb: Token) -> Token | None:
    return next((c for c in verb.children if c.dep_ == "nsubj"), None)


def inherited_subjects(trigger: Token) -> Iterator[Token]:
    """The subjects of the verbs that govern a verb without its own, nearest first:
    coordinated verbs, infinitives and participles ("X a posé ... et a demandé", "X veut
    rencontrer Y", "après avoir arrêté")."""
    head, hops = trigger, 0
    while head.dep_ not in ("ROOT", "nsubj", "nsubj:pass", "acl") and head.head.i != head.i and hops < 4:
        head, hops = head.head, hops + 1
        subj = _subject(head)
        if subj is not None:
            yield subj


def possessor_of(noun: Token, actors: Mapping[int, ActorId]) -> ActorId | None:
    """Whom "son"/"sa"/"leur" before a noun refers to: the last actor named before it in
    the sentence or the one before (a person for "son", "sa", "ses")."""
    if not any(c.dep_ == "det" and c.lower_ in POSSESSIVES for c in noun.children):
        return None
    doc = noun.doc
    start = sentence_before_start(noun)
    singular = any(c.lower_ in ("son", "sa", "ses") for c in noun.children)
    for t in reversed(doc[start:noun.i]):
        if t.i in actors and (not singular or t.ent_type_ == "PER"):
            return actors[t.i]
    return None


@dataclass
class Arguments:
    """The source, target and place of one trigger, as the steps find them."""

    trigger: Token
    entry: Trigger
    scene: Scene
    sources: list[ActorId] = field(default_factory=list)
    targets: list[ActorId] = field(default_factory=list)
    place: str | None = None

    @property
    def is_noun(self) -> bool:
        # the lexicon's reading wins over the tagger's: "où elle pourchasse les rebelles"
        return self.trigger.pos_ == "NOUN" and self.entry.pos == "NOUN"

    @property
    def passive(self) -> bool:
        return any(c.dep_ == "aux:pass" for c in self.trigger.children)

    def add(self, lst: list[ActorId], tok: Token) -> None:
        """Add the actors ``tok`` and its conjuncts stand for to ``lst``; a list inside
        its complement counts member by member ("les présidents du Mali, du Niger et du
        Tchad")."""
        own = case_words(tok)
        for t in _with_conjuncts(tok):
            if t is not tok and case_words(t) and own and not same_case(t, tok):
                continue  # "du président X à la Suède et à la Finlande": no co-member of X
            for a in actors_at(t, self.scene):
                if a not in lst:
                    lst.append(a)

    def add_inherited(self, lst: list[ActorId]) -> None:
        """Add the nearest inherited subject that stands for an actor."""
        for subj in inherited_subjects(self.trigger):
            self.add(lst, subj)
            if lst:
                break


def _dependent(args: Arguments, head: Token, c: Token) -> None:
    """One dependent of the trigger (or of a clause on a trigger noun)."""
    trigger, entry = args.trigger, args.entry
    cases = case_words(c)
    dep = c.dep_
    if dep == "advmod" and c.lower_ == "auprès":  # "s'est engagé auprès du Bénin"
        for x in c.children:
            if x.dep_ in ("obl:arg", "obl", "nmod"):
                args.add(args.targets, x)
        return
    if dep == "nsubj" and head is trigger and not args.passive \
            or dep == "nsubj:pass" and head is trigger and not args.passive and _reflexive(trigger):
        # "il s'est entretenu avec...": the parser may read a pronominal verb as a passive
        args.add(args.sources, c)
    elif dep == "obl:agent" and _misplaced_agent(c):
        return
    elif dep == "obl:agent" or (dep in ("obl", "nmod", "obl:arg") and "par" in cases) \
            or (dep == "conj" and "par" in cases and args.is_noun and head is trigger):
        # the parser may make "par la Russie" after "l'invasion de l'Ukraine" a conjunct
        args.add(args.sources, c)
    elif dep == "nsubj:pass" or dep == "nsubj" and args.passive:
        # "la force doit être déployée": the force deployed is who mobilises
        args.add(args.sources if entry.type == "MOBILIZE" else args.targets, c)
    elif dep in ("obj", "iobj") and head is trigger:
        args.add(args.targets, c)
    elif dep == "xcomp" and c.pos_ == "PROPN" and head is trigger:
        args.add(args.targets, c)
    elif dep in ("nmod", "obl", "obl:arg", "obl:mod"):
        if "entre" in cases:
            args.add(args.sources, c)
        elif args.is_noun and cases & SOURCE_CASES and head is trigger:
            # "l'invasion de X par Y", "son retrait du Mali": beside an agent (or a
            # possessive, which says the agent), "de" marks the patient
            patient = entry.frame == "patient" or _has_agent(trigger) or any(
                x.dep_ == "det" and x.lower_ in POSSESSIVES for x in trigger.children)
            args.add(args.targets if patient else args.sources, c)
        elif cases & TARGET_CASES:
            if entry.frame == "place" and c.ent_type_ in ("GPE", "LOC"):
                args.place = args.place or c.text
                kb = kb_ref(c)
                if kb and kb.kind == "capital" and kb.iso is not None and kb.iso in args.scene.countries:
                    args.targets.append(args.scene.countries[kb.iso])
                    return
            args.add(args.targets, c)


def _misplaced_agent(agent: Token) -> bool:
    """A "par" agent the parser hung on an active verb belongs to the verb's object noun:
    "a condamné l'invasion de la Géorgie par la Russie"."""
    verb = agent.head
    return not any(c.dep_ == "aux:pass" for c in verb.children) and verb.dep_ not in ("acl", "amod") \
        and any(c.dep_ == "obj" and c.pos_ == "NOUN" for c in verb.children)


def _agents(noun: Token) -> list[Token]:
    """The "par" complements of an event noun, the ones the parser hung on its verb too."""
    own = [c for c in noun.children if "par" in case_words(c) and c.dep_ in ("nmod", "conj", "obl")]
    if noun.dep_ == "obj":
        own += [c for c in noun.head.children if c.dep_ == "obl:agent" and _misplaced_agent(c)]
    return own


def _reflexive(verb: Token) -> bool:
    """A pronominal verb ("s'entretenir", "se rendre"): its "se" is no passive."""
    return any(c.dep_.startswith("expl") and c.lower_ in ("se", "s'", "s’") for c in verb.children)


def _has_agent(noun: Token) -> bool:
    """An event noun with a "par" complement: "l'invasion de l'Ukraine par la Russie"."""
    return bool(_agents(noun))


def own_dependents(args: Arguments) -> None:
    """Subject, object, "par", "à", "contre", "entre", and "de" for nouns; for a noun,
    the dependents of the clause on it too ("l'invitation adressée par X à Y")."""
    heads = [args.trigger]
    if args.is_noun:
        heads += [c for c in args.trigger.children if c.dep_ in ("acl", "acl:relcl")]
        for agent in _agents(args.trigger):
            if agent.head is not args.trigger:
                args.add(args.sources, agent)
    for head in heads:
        for c in head.children:
            _dependent(args, head, c)


def possessor(args: Arguments) -> None:
    """"sa visite", "son arrestation": the possessor is the one named before."""
    if not args.is_noun:
        return
    trigger = args.trigger
    if trigger.dep_ in ("obj", "obl:arg") and any(c.dep_ == "det" and c.lower_ in POSSESSIVES
                                                  for c in trigger.children):
        subj = _subject(trigger.head)  # "la Suède a présenté sa demande": the subject's
        if subj is not None and not args.sources and args.entry.frame != "patient":
            args.add(args.sources, subj)
            if args.sources:
                return
    owner = possessor_of(args.trigger, args.scene.actors)
    if owner:
        lst = args.targets if args.entry.frame == "patient" else args.sources
        if not lst and owner not in args.sources + args.targets:
            lst.append(owner)


def light_verb_subject(args: Arguments) -> None:
    """"effectuer une visite", "entrer en discussion": the light verb's subject acts."""
    trigger = args.trigger
    light = args.scene.lex.cues("light_verb")
    verb = trigger.head.lemma_.lower()
    # the lemmatizer's "entame" for "entamer"
    if not args.sources and args.is_noun and (verb in light or verb + "r" in light) \
            and trigger.dep_ in ("obj", "obl", "obl:arg"):
        subj = _subject(trigger.head)
        if subj is not None:
            args.add(args.sources, subj)
        if args.entry.frame == "patient" and not args.targets:
            # "entame l'extradition du pasteur X": the parser hangs the patient on the verb
            for c in trigger.head.children:
                if c.dep_ in ("obl:arg", "obl") and c.i > trigger.i and case_words(c) & SOURCE_CASES:
                    args.add(args.targets, c)
                    break


def participle_or_governor(args: Arguments) -> None:
    """A present participle on a noun: the noun acts ("un tribunal demandant son
    extradition"); a past participle: the noun undergoes it ("la France, accusée de
    ..."), except the one expected or arriving, who makes the visit; any other verb
    without a subject takes the subject of the verb governing it."""
    trigger, entry = args.trigger, args.entry
    if args.is_noun:
        return
    part = "Part" in trigger.morph.get("VerbForm", [])
    tense = trigger.morph.get("Tense", [])
    if trigger.dep_ == "acl" and part and "Pres" in tense:
        if not args.sources:
            args.add(args.sources, trigger.head)
    elif trigger.dep_ in ("acl", "amod") and part and "Past" in tense:
        lst = args.sources if entry.frame in ("arrival", "place") else args.targets
        if not lst:
            args.add(lst, trigger.head)
    elif not args.sources and not args.passive and not _own_pronoun_subject(trigger):
        args.add_inherited(args.sources)


def _own_pronoun_subject(verb: Token) -> bool:
    """A verb whose subject is a pronoun that stands for no actor ("ce que l'on appelle",
    "ils exécutent") keeps it: the subject of the verb governing it is not its own."""
    subj = _subject(verb)
    return subj is not None and subj.pos_ == "PRON" and "Rel" not in subj.morph.get("PronType", []) \
        and subj.lower_ not in ("qui", "lequel", "laquelle", "lesquels", "lesquelles")


def passive_subject(args: Arguments) -> None:
    """"la force doit être déployée": a passive without its own subject takes the
    governing verb's."""
    trigger = args.trigger
    if args.passive and not args.targets and not any(c.dep_ in ("nsubj:pass", "nsubj") for c in trigger.children):
        for subj in inherited_subjects(trigger):
            args.add(args.sources if args.entry.type == "MOBILIZE" else args.targets, subj)
            break


def coordination_subject(args: Arguments) -> None:
    """"en coordination avec X": the clause's subject works with X."""
    if not args.sources and args.is_noun and any(c.dep_ == "case" and c.lower_ == "en"
                                                 for c in args.trigger.children):
        args.add_inherited(args.sources)


def passive_agent_in_phrase(args: Arguments) -> None:
    """"est arrêté avec sept autres par la Gendarmerie": a "par" anywhere in the phrase."""
    if args.sources or not args.passive:
        return
    for t in args.trigger.subtree:
        if "par" in case_words(t) and t.i != args.trigger.i:
            args.add(args.sources, t)
            if args.sources:
                break


def host_in_sentence(args: Arguments) -> None:
    """"la visite de X, attendu ... à Bamako": a state or capital of the sentence is the
    host of a visit (a foreign one: one visits another state)."""
    trigger, entry, scene = args.trigger, args.entry, args.scene
    if entry.frame not in ("place", "arrival") or args.targets:
        return
    own = {scene.nationality.get(x) for x in args.sources}
    for t in trigger.sent:
        kb = kb_ref(t)
        if t.ent_iob_ == "B" and kb and kb.iso is not None and kb.iso in scene.countries and kb.iso not in own:
            if entry.frame == "arrival" and not (t.head.i == trigger.i or t.head.head.i == trigger.i):
                continue
            args.targets.append(scene.countries[kb.iso])
            args.place = args.place or t.text
            break


def recipient_in_phrase(args: Arguments) -> None:
    """The parser may hang "au président ..." on the wrong word of the phrase: a
    recipient marked "à"/"contre" inside the trigger's phrase (or its object's: "a levé
    les restrictions imposées à la Mauritanie") still counts."""
    if not args.sources or args.targets:
        return
    trigger = args.trigger
    scope = list(trigger.subtree) if args.is_noun else [
        t for c in trigger.children if c.dep_ == "obj" for t in c.subtree]
    cases_wanted = {"à", "au", "aux", "contre", "avec"}  # "a établi des relations avec Israël"
    if args.entry.type in ("CONCEDE", "SANCTION", "COERCE") and not args.is_noun:
        cases_wanted |= SOURCE_CASES  # "lève l'interdiction de l'ANC", "interdit la diffusion de RFI"
    for t in scope:
        if t.dep_ in ("nmod", "obl", "obl:arg", "iobj") and case_words(t) & cases_wanted:
            a = actor_at(t, args.scene)
            if a and a not in args.sources:
                args.targets.append(a)
                # "à la Suède et à la Finlande", the second hung elsewhere by the parser
                args.targets += [b for x in scope if x.dep_ == "conj" and x.i > t.i and same_case(x, t)
                                 for b in [actor_at(x, args.scene)] if b and b not in args.sources + args.targets]
                break


def undergoer(args: Arguments) -> None:
    """"le Mali a été soumis à des sanctions de la Cédéao", "X a subi une attaque", "X a
    été victime d'une attaque", "X fait l'objet de sanctions": the subject of the word that
    governs the event noun undergoes it."""
    trigger = args.trigger
    if not args.is_noun or args.targets or trigger.dep_ not in ("obj", "obl", "obl:arg"):
        return
    head, words = trigger.head, args.scene.lex.cues("undergo_word")
    if head.lemma_.lower() in words or any(c.dep_ == "obj" and c.lemma_.lower() in words for c in head.children):
        subj = next((c for c in head.children if c.dep_ in ("nsubj", "nsubj:pass")), None)
        if subj is not None:
            found: list[ActorId] = []
            args.add(found, subj)
            args.targets += [a for a in found if a not in args.sources]


#: Types of verbal reactions whose object may be an act or a word of someone else:
#: "rejeter la candidature de X", "protester contre la nomination de X".
REACTION_TYPES = frozenset({"ACCUSE", "REJECT", "SUPPORT"})


def owner_of_object(args: Arguments) -> None:
    """A reaction aimed at someone's act or word is aimed at them: the actor named in
    the "de" complement of the verb's object or "contre" complement."""
    if not args.sources or args.targets or args.is_noun or args.entry.type not in REACTION_TYPES:
        return
    for c in args.trigger.children:
        if not (c.dep_ == "obj" or c.dep_ in ("obl", "obl:arg") and case_words(c) & {"contre", "à", "au", "aux"}):
            continue
        if actor_at(c, args.scene):
            continue
        for x in c.children:
            if x.dep_ == "nmod" and case_words(x) & SOURCE_CASES:
                a = actor_at(x, args.scene)
                if a and a not in args.sources:
                    args.targets.append(a)
                    return


#: Types whose verb may say what it is about in a clause: "X allègue que Y est
#: responsable", "X dénonce le fait que Y..."; the clause's subject is the target.
CLAUSE_TARGET_TYPES = frozenset({"ACCUSE", "REJECT", "SUPPORT", "THREATEN"})


def clause_subject(args: Arguments) -> None:
    """"la CPI allègue que M. Yekatom est responsable": the subject of the clause a verb
    of accusation, rejection, support or threat governs is its target."""
    if not args.sources or args.targets or args.is_noun or args.entry.type not in CLAUSE_TARGET_TYPES:
        return
    for c in args.trigger.children:
        if c.dep_ != "ccomp":
            continue
        subj = next((x for x in c.children if x.dep_ in ("nsubj", "nsubj:pass")), None)
        if subj is None:
            continue
        a = actor_at(subj, args.scene)
        if a and a not in args.sources:
            args.targets.append(a)
            return


def object_after_verb(args: Arguments) -> None:
    """French puts the object right after the verb: "a appelé dimanche le gouvernement"."""
    if not args.sources or args.targets or args.is_noun or args.passive:
        return
    trigger = args.trigger
    doc = trigger.doc
    # "..., a averti le président russe": a subject after its verb is no object
    subject = {t.i for c in trigger.children if c.dep_ in ("nsubj", "nsubj:pass") for t in c.subtree}
    # "pourchasse depuis novembre les rebelles": a time or manner adverbial comes between
    heads = [c for c in trigger.children if c.dep_ in ("obl:mod", "advmod")]
    adverbials = {t.i for c in heads for t in c.subtree}
    # a preposition inside the adverbial ("le 4 décembre un passeport de la part de X"
    # in the parser's words) still ends the object's reach; its own ("depuis") does not
    adverbials -= {t.i for t in trigger.doc[trigger.i:trigger.sent.end]
                   if t.pos_ == "ADP" and t.i in adverbials and t.head not in heads}
    seen = 0
    for t in doc[trigger.i + 1:trigger.sent.end]:
        if t.i in adverbials and t.i not in args.scene.actors:
            continue
        seen += 1
        if t.i in subject or seen > 5:
            break
        if t.dep_ == "obj" and t.head.i == trigger.i and t.i not in args.scene.actors:
            break  # "reçoit un passeport de la part de X": the object is a thing
        if t.is_punct or t.pos_ in ("VERB", "AUX", "ADP", "SCONJ") or t.lower_ in ("que", "qu'", "qui"):
            break
        a = args.scene.actors.get(t.i)
        if a and a not in args.sources:
            args.targets.append(a)
            break


#: The steps of :func:`trigger_arguments`, in order: the trigger's own dependents, then
#: the sources the clause lends it, then the targets its phrase or sentence gives.
STEPS: tuple[Callable[[Arguments], None], ...] = (
    own_dependents, possessor, light_verb_subject, participle_or_governor, passive_subject,
    coordination_subject, passive_agent_in_phrase, host_in_sentence, undergoer, recipient_in_phrase, owner_of_object,
    clause_subject,
    object_after_verb,
)


def copula_arguments(args: Arguments) -> None:
    """"la Russie est l'alliée de la junte": the subject holds the relation; "X était
    en visite en Afrique du Sud": the place says the host, "à"/"contre" the target."""
    for c in args.trigger.children:
        if c.dep_ in ("nsubj", "nsubj:pass"):
            args.add(args.sources, c)
        elif c.dep_ == "nmod" and case_words(c) & SOURCE_CASES:
            args.add(args.targets, c)
    host_in_sentence(args)
    recipient_in_phrase(args)


def trigger_arguments(trigger: Token, entry: Trigger, scene: Scene) -> tuple[list[ActorId], list[ActorId], str | None]:
    """``(sources, targets, place)`` of a trigger (see :data:`STEPS`); a noun with a
    copula takes its subject and its "de" complement only."""
    args = Arguments(trigger, entry, scene)
    if args.is_noun and any(c.dep_ == "cop" for c in trigger.children):
        copula_arguments(args)
        return args.sources, args.targets, args.place
    for step in STEPS:
        step(args)
    return args.sources, args.targets, args.place
