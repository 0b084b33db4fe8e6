"""Events from the dependency parse: trigger, source, target, place, modality.

Extractors are pure functions of a Doc and of the map from token index to actor id that
the resolver made; they yield :class:`~newsgraph.extract.model.Event` objects. Parsed
examples for every PLOVER type are in ``tests/test_events.py``.
"""
from __future__ import annotations

from collections.abc import Iterator, Mapping

from spacy.tokens import Doc, Token

from .. import data
from .dates import date_of
from .lexicon import Trigger, triggers
from .model import Event

TARGET_CASES = frozenset({"à", "au", "aux", "avec", "contre", "auprès", "vers", "envers", "sur"})
SOURCE_CASES = frozenset({"de", "du", "des", "d'", "d’", "d"})
LIGHT_VERBS = frozenset({"effectuer", "faire", "mener", "entamer", "tenir", "avoir", "procéder", "organiser",
                         "entrer", "participer", "prendre", "engager", "ouvrir",
                         "lancer", "rendre", "adresser", "accomplir", "annoncer", "conduire", "porter",
                         "commettre", "perpétrer", "apporter", "accorder", "exprimer", "réitérer", "opérer"})
PLANNED_GOVERNORS = frozenset({"attendre", "prévoir", "devoir", "envisager", "projeter", "compter", "programmer",
                               "préparer", "censé", "aller", "vouloir", "prévision", "promettre", "espérer",
                               "chercher", "tenter"})
PLANNED_MODIFIERS = frozenset({"prochain", "prochaine", "futur", "future", "prévu", "prévue", "programmé",
                               "programmée", "attendu", "attendue", "annoncé", "annoncée"})
REPORTED_CUES = frozenset({"selon", "présumé", "présumée", "supposé", "supposée", "présumés", "présumées",
                           "prétendu", "prétendue", "aurait", "auraient", "allégué", "alléguée"})
NEGATIONS = frozenset({"pas", "jamais", "aucun", "aucune", "ni", "guère"})
ROLE_HEADS = frozenset({"président", "présidente", "ministre", "ambassadeur", "chef", "diplomate", "porte-parole",
                        "secrétaire", "premier", "dirigeant", "leader", "roi", "général", "colonel", "commandant",
                        "directeur", "représentant", "envoyé", "délégation", "émissaire"})
#: Nouns for members of a group: "trois membres du Mouvement" stand for the Mouvement.
GROUP_MEMBERS = frozenset({"bloc", "siège", "camp", "rangs", "unité", "unités", "branche", "aile", "mission",
                           "services", "mercenaires", "compagnie", "société", "groupe", "forces",
                           "membre", "membres", "partisan", "partisans", "militant", "militants", "combattant",
                           "combattants", "élément", "éléments", "délégation", "représentant", "représentants",
                           "rebelle", "rebelles", "dirigeant", "dirigeants", "leader", "leaders", "chef",
                           "responsable", "responsables", "émissaire", "émissaires"})
#: Nouns for a state's people in arms or office: "les militaires français" act for France.
STATE_AGENTS = frozenset({"militaire", "militaires", "soldat", "soldats", "troupe", "troupes", "force", "forces",
                          "autorité", "autorités", "dirigeant", "dirigeants", "responsable", "responsables",
                          "diplomate", "diplomates", "officiel", "officiels", "gouvernement", "régime",
                          "junte", "pays", "état", "armée", "justice", "instructeur", "instructeurs",
                          "partenaire", "partenaires"})
AGREEMENT_NOUNS = frozenset({"accord", "accords", "traité", "traités", "convention", "conventions", "protocole",
                             "pacte", "partenariat", "cessez-le-feu", "alliance", "entente", "mémorandum"})
BREAK_VERBS = frozenset({"dénoncer", "rompre", "suspendre", "abroger", "annuler", "quitter", "résilier",
                         "déchirer", "retirer"})
MAKE_VERBS = frozenset({"signer", "conclure", "ratifier", "parapher", "négocier"})
PRONOUNS = frozenset({"il", "elle", "celui-ci", "celle-ci"})
#: Nouns for what someone said: "nie ces accusations" answers whoever made them.
SPEECH_VERBS = frozenset({"dire", "déclarer", "affirmer", "ajouter", "estimer", "expliquer", "indiquer",
                          "souligner", "assurer", "annoncer", "qualifier", "juger", "répondre", "rappeler"})
SPEECH_NOUNS = frozenset({"accusation", "accusations", "allégation", "allégations", "propos", "commentaire",
                          "commentaires", "déclaration", "déclarations", "critique", "critiques",
                          "affirmation", "affirmations", "menace", "menaces", "ultimatum", "exigence",
                          "exigences", "demande", "demandes", "reproches"})
#: Nouns for an act, whose author a reaction is aimed at: "condamnent le coup d'État".
ACT_NOUNS = {"coup": "COERCE", "putsch": "COERCE", "attaque": "ASSAULT", "attentat": "ASSAULT",
             "invasion": "ASSAULT", "offensive": "ASSAULT", "massacre": "ASSAULT", "arrestation": "COERCE",
             "répression": "COERCE", "agression": "ASSAULT"}


def trigger_of(token: Token) -> Trigger | None:
    """The lexicon entry a token triggers, if any ("se X" for pronominal verbs, "verb
    object" for set phrases, and "dénoncer un accord" as a sanction)."""
    lex = triggers()
    pos = "VERB" if token.pos_ in ("VERB", "AUX") else token.pos_
    if pos == "NOUN" and any(c.dep_ == "nsubj" for c in token.children) and token.lower_.endswith(("e", "ent")):
        pos = "VERB"  # "où elle pourchasse les rebelles": a verb the tagger took for a noun
    if pos not in ("VERB", "NOUN"):
        return None
    lemma = token.lemma_.lower()
    if pos == "VERB":
        obj = next((c for c in token.children if c.dep_ == "obj"), None)
        if obj is not None and obj.lower_ in AGREEMENT_NOUNS or obj is not None and obj.lemma_.lower() in AGREEMENT_NOUNS:
            if lemma in BREAK_VERBS:
                return Trigger(lemma, "VERB", "SANCTION", "discontinue", "agent")
            if lemma in MAKE_VERBS:
                return Trigger(lemma, "VERB", "AGREE", None, "agent")
        expl = [c for c in token.children if c.dep_.startswith("expl")]
        if expl:
            entry = lex.get((("s'" if lemma[:1] in "aeiouéèêhâî" else "se ") + lemma, pos))
            if entry:
                return entry
            if any(c.dep_ in ("expl:pv", "expl:pass") for c in expl):
                return None  # "sa quête se poursuit" is no prosecution
        if obj is not None and (lemma + " " + obj.lemma_.lower(), "VERB") in lex:
            return lex[(lemma + " " + obj.lemma_.lower(), "VERB")]
    entry = lex.get((lemma, pos))
    if entry is None and pos == "VERB" and lemma.endswith("e"):
        entry = lex.get((lemma + "r", pos))  # the lemmatizer's "invite" for "inviter"
    return entry


def _cases(token: Token) -> set[str]:
    return {c.lower_ for c in token.children if c.dep_ in ("case", "mark")}


def _antecedent(token: Token, actors: Mapping[int, str]) -> str | None:
    """The actor a pronoun subject refers to: for a relative pronoun, the noun its clause
    modifies; for "il"/"elle", the last actor that was a subject before it, within the
    sentence or the one before."""
    if "Rel" in token.morph.get("PronType") or token.lower_ in ("qui", "lequel", "laquelle"):
        clause = token.head
        noun = clause.head if clause.dep_.startswith("acl") else None
        return actor_at(noun, actors, follow_pronouns=False) if noun is not None else None
    if token.dep_ in ("obj", "iobj") and token.lower_ in ("le", "la", "l'", "l’", "les", "lui", "leur"):
        # an object clitic: the last actor named before that is not the clause's subject
        subj = next((c for c in token.head.children if c.dep_ == "nsubj"), None)
        subj_actor = _antecedent(subj, actors) if subj is not None and subj.pos_ == "PRON" else \
            (actors.get(subj.i) if subj is not None else None)
        doc = token.doc
        start = doc[token.sent.start - 1].sent.start if token.sent.start > 0 else token.sent.start
        for t in reversed(doc[start:token.i]):
            if t.i in actors and actors[t.i] != subj_actor:
                return actors[t.i]
        return None
    if token.lower_ not in PRONOUNS:
        return None
    sent = token.sent
    doc = token.doc
    start = doc[sent.start - 1].sent.start if sent.start > 0 else sent.start
    best = None
    for t in doc[start:token.i]:
        if t.i in actors and t.dep_ in ("nsubj", "nsubj:pass"):
            best = actors[t.i]
    if best is None:
        for t in doc[start:token.i]:
            if t.i in actors and t.ent_type_ == "PER":
                best = actors[t.i]
    return best


def actor_at(token: Token, actors: Mapping[int, str], *, follow_pronouns: bool = True,
             countries: Mapping[str, str] | None = None) -> str | None:
    """The actor a head token stands for: its own entity or role phrase; a name in
    apposition ("le ministre ..., Abdoulaye Diop"); a name the role noun governs; a
    state's agents named by a demonym ("les militaires français"); a pronoun's
    antecedent."""
    if token.i in actors:
        return actors[token.i]
    for c in token.children:
        if c.dep_ in ("appos", "flat:name", "flat") and c.i in actors:
            return actors[c.i]
    lower = token.lemma_.lower()
    if lower in ROLE_HEADS:
        for c in token.subtree:
            if c.i in actors and c.ent_type_ == "PER":
                return actors[c.i]
    if token.lower_ in GROUP_MEMBERS or lower in GROUP_MEMBERS:
        # "trois membres du Mouvement", "les services des mercenaires de la compagnie
        # ..., Wagner": follow the "de" complements down to the group
        for c in token.children:
            if c.dep_ == "nmod" and _cases(c) & SOURCE_CASES:
                a = actors.get(c.i) or (actor_at(c, actors, follow_pronouns=False, countries=countries)
                                        if _depth(token) < 4 else None)
                if a:
                    return a
        for t in token.subtree:  # "les services des « mercenaires » de la compagnie ..., Wagner"
            if t.i != token.i and t.ent_type_ == "ORG" and t.i in actors:
                return actors[t.i]
    if lower in ROLE_HEADS or token.lower_ in STATE_AGENTS or lower in STATE_AGENTS:
        # "l'ambassadeur de France", "les soldats du Mali": the state they serve
        for c in token.children:
            if c.dep_ == "nmod" and _cases(c) & SOURCE_CASES and c.i in actors and c.ent_type_ == "GPE":
                return actors[c.i]
    if countries is not None and (token.lower_ in STATE_AGENTS or lower in STATE_AGENTS):
        for c in token.children:
            iso = data.demonyms().get(c.lower_)
            if iso and iso in countries and c.dep_ in ("amod", "nmod", "appos"):
                return countries[iso]
    if follow_pronouns and token.pos_ == "PRON":
        return _antecedent(token, actors)
    return None


def _depth(token: Token) -> int:
    n = 0
    while token.dep_ == "nmod" and n < 5:
        token, n = token.head, n + 1
    return n


def _with_conjuncts(token: Token) -> list[Token]:
    return [token] + [c for c in token.children if c.dep_ == "conj"]


def _subject(verb: Token) -> Token | None:
    return next((c for c in verb.children if c.dep_ == "nsubj"), None)


def _inherited_subjects(trigger: Token) -> Iterator[Token]:
    """The subjects of the verbs that govern a verb without its own, nearest first:
    coordinated verbs, infinitives and participles ("X a posé ... et a demandé", "X veut
    rencontrer Y", "après avoir arrêté")."""
    head, hops = trigger, 0
    while head.dep_ not in ("ROOT", "nsubj", "nsubj:pass", "acl") and head.head.i != head.i and hops < 4:
        head, hops = head.head, hops + 1
        subj = _subject(head)
        if subj is not None:
            yield subj


def modality_of(trigger: Token) -> str:
    """asserted, planned, negated, reported or hypothetical, from tense, mood, negation
    and the words that govern or modify the trigger."""
    verb = trigger if trigger.pos_ in ("VERB", "AUX") else trigger.head
    chain = [trigger] + list(trigger.ancestors)[:3]
    sent_words = {t.lower_ for t in trigger.sent}
    for t in chain[:2]:
        if any(c.lower_ in NEGATIONS and c.dep_ == "advmod" for c in t.children):
            return "negated"
    for t in chain:
        if "Fut" in t.morph.get("Tense") or t.lemma_.lower() in PLANNED_GOVERNORS:
            return "planned"
        if any(c.lower_ in PLANNED_MODIFIERS for c in t.children if c.dep_ in ("amod", "acl")):
            return "planned"
        if t.pos_ == "NOUN" and t.i != trigger.i:
            break
    if any(c.lower_ in PLANNED_MODIFIERS for c in trigger.children):
        return "planned"
    aux = [verb] + [c for c in verb.children if c.dep_.startswith("aux")]
    if any("Cnd" in t.morph.get("Mood") for t in aux):
        return "hypothetical" if "si" in sent_words else "reported"
    if trigger.head.i != trigger.i and trigger.head.lemma_.lower() == "accuser" \
            or sent_words & REPORTED_CUES and trigger.pos_ == "NOUN":
        return "reported"
    return "asserted"


def _arguments(trigger: Token, entry: Trigger, actors: Mapping[int, str],
               countries: Mapping[str, str],
               nationality: Mapping[str, str] | None = None) -> tuple[list[str], list[str], str | None]:
    sources: list[str] = []
    targets: list[str] = []
    place: str | None = None

    def add(lst: list[str], tok: Token) -> None:
        for t in _with_conjuncts(tok):
            a = actor_at(t, actors, countries=countries)
            if a and a not in lst:
                lst.append(a)

    is_noun = trigger.pos_ == "NOUN"
    passive = any(c.dep_ == "aux:pass" for c in trigger.children)
    if is_noun and any(c.dep_ == "cop" for c in trigger.children):
        # "la Russie est l'alliée de la junte": the subject holds the relation
        for c in trigger.children:
            if c.dep_ in ("nsubj", "nsubj:pass"):
                add(sources, c)
            elif c.dep_ == "nmod" and _cases(c) & SOURCE_CASES:
                add(targets, c)
        return sources, targets, None
    heads = [trigger]
    if is_noun:  # "l'invitation adressée par X à Y"
        heads += [c for c in trigger.children if c.dep_ in ("acl", "acl:relcl")]
    for head in heads:
        for c in head.children:
            cases = _cases(c)
            dep = c.dep_
            if dep == "advmod" and c.lower_ == "auprès":  # "s'est engagé auprès du Bénin"
                for x in c.children:
                    if x.dep_ in ("obl:arg", "obl", "nmod"):
                        add(targets, x)
                continue
            if dep == "nsubj" and head is trigger and not passive:
                add(sources, c)
            elif dep == "obl:agent" or (dep in ("obl", "nmod", "obl:arg") and "par" in cases):
                add(sources, c)
            elif dep == "nsubj:pass" or dep == "nsubj" and passive:
                # "la force doit être déployée": the force deployed is who mobilises
                add(sources if entry.type == "MOBILIZE" else targets, c)
            elif dep in ("obj", "iobj") and head is trigger:
                add(targets, c)
            elif dep == "xcomp" and c.pos_ == "PROPN" and head is trigger:
                add(targets, c)
            elif dep in ("nmod", "obl", "obl:arg", "obl:mod"):
                if "entre" in cases:
                    add(sources, c)
                elif is_noun and cases & SOURCE_CASES and head is trigger:
                    add(targets if entry.frame == "patient" else sources, c)
                elif cases & TARGET_CASES:
                    if entry.frame == "place" and c.ent_type_ in ("GPE", "LOC"):
                        place = place or c.text
                        kb = c.ent_kb_id_
                        if kb.startswith("capital:") and kb.split(":")[1] in countries:
                            targets.append(countries[kb.split(":")[1]])
                            continue
                    add(targets, c)
    if not sources and is_noun and trigger.head.lemma_.lower() in LIGHT_VERBS \
            and trigger.dep_ in ("obj", "obl", "obl:arg"):  # "effectuer une visite", "entrer en discussion"
        subj = _subject(trigger.head)
        if subj is not None:
            add(sources, subj)
    if not is_noun and trigger.dep_ == "acl" and "Part" in trigger.morph.get("VerbForm") \
            and "Pres" in trigger.morph.get("Tense"):
        if not sources:  # "un tribunal demandant son extradition": the noun acts
            add(sources, trigger.head)
    elif not is_noun and trigger.dep_ in ("acl", "amod") and "Part" in trigger.morph.get("VerbForm") \
            and "Past" in trigger.morph.get("Tense"):
        # a past participle on a noun: the noun undergoes the action ("la France, accusée
        # de ..."), except the one expected or arriving, who makes the visit
        lst = sources if entry.frame in ("arrival", "place") else targets
        if not lst:
            add(lst, trigger.head)
    elif not sources and not is_noun and not passive:
        for subj in _inherited_subjects(trigger):
            add(sources, subj)
            if sources:
                break
    if passive and not targets and not any(c.dep_ in ("nsubj:pass", "nsubj") for c in trigger.children):
        # "la force doit être déployée": the passive subject is the governing verb's
        for subj in _inherited_subjects(trigger):
            add(sources if entry.type == "MOBILIZE" else targets, subj)
            break
    if not sources and is_noun and any(c.dep_ == "case" and c.lower_ == "en" for c in trigger.children):
        # "en coordination avec X": the clause's subject works with X
        for subj in _inherited_subjects(trigger):
            add(sources, subj)
            if sources:
                break
    if not sources and passive:  # "est arrêté avec sept autres par la Gendarmerie"
        for t in trigger.subtree:
            if "par" in _cases(t) and t.i != trigger.i:
                add(sources, t)
                if sources:
                    break
    if entry.frame in ("place", "arrival") and not targets:
        # "la visite de X, attendu ... à Bamako": a place of the sentence is the host
        own = {(nationality or {}).get(x) for x in sources}
        for t in trigger.sent:
            kb = t.ent_kb_id_
            if t.ent_iob_ == "B" and kb.startswith(("capital:", "country:")) and kb.split(":")[1] in countries \
                    and kb.split(":")[1] not in own:  # one visits a foreign state
                if entry.frame == "arrival" and not (t.head.i == trigger.i or t.head.head.i == trigger.i):
                    continue
                targets.append(countries[kb.split(":")[1]])
                place = place or t.text
                break
    if sources and not targets:
        # the parser may hang "au président ..." on the wrong word of the phrase: a
        # recipient marked "à"/"contre" inside the trigger's phrase (or its object's:
        # "a levé les restrictions imposées à la Mauritanie") still counts
        scope = list(trigger.subtree) if is_noun else [
            t for c in trigger.children if c.dep_ == "obj" for t in c.subtree]
        cases_wanted = {"à", "au", "aux", "contre"}
        if entry.type in ("CONCEDE", "SANCTION", "COERCE") and not is_noun:
            cases_wanted |= SOURCE_CASES  # "lève l'interdiction de l'ANC", "interdit la diffusion de RFI"
        for t in scope:
            if t.dep_ in ("nmod", "obl", "obl:arg", "iobj") and _cases(t) & cases_wanted:
                a = actor_at(t, actors, countries=countries)
                if a and a not in sources:
                    targets.append(a)
                    break
    if sources and not targets and not is_noun and not passive:
        # French puts the object right after the verb: "a appelé dimanche le gouvernement"
        doc = trigger.doc
        for t in doc[trigger.i + 1:min(trigger.i + 6, trigger.sent.end)]:
            if t.is_punct or t.pos_ in ("VERB", "AUX", "ADP", "SCONJ") or t.lower_ in ("que", "qu'", "qui"):
                break
            a = actors.get(t.i)
            if a and a not in sources:
                targets.append(a)
                break
    return sources, targets, place


def _governor_entry(trigger: Token) -> Trigger | None:
    """The lexicon entry of the verb a trigger depends on, through coordinations
    ("invitent les militaires à respecter ... et à libérer")."""
    t = trigger
    while t.dep_ == "conj" and t.head.i != t.i:
        t = t.head
    if t.dep_ not in ("xcomp", "ccomp", "obj") or t.head.i == t.i:
        return None
    return trigger_of(t.head)


def events(doc: Doc, actors: Mapping[int, str], countries: Mapping[str, str] | None = None,
           nationality: Mapping[str, str] | None = None) -> Iterator[Event]:
    """Every event the lexicon triggers in ``doc`` with a known source actor, dated by
    ``doc._.timexes``.

    ``actors`` maps token indices to actor ids; ``countries`` maps ISO codes to the
    document's Country actors (demonyms use it: "les militaires français");
    ``nationality`` maps person ids to their country, for visits said as presence.
    """
    countries = countries or {}
    timexes = doc._.timexes if doc.has_extension("timexes") and doc._.timexes else []
    history: list[Event] = list(_presences(doc, actors, countries, nationality or {}, timexes))
    yield from history
    consumed: set[int] = set()
    for token in doc:
        if token.i in consumed:
            continue
        if token.pos_ == "VERB" and token.lemma_.lower() in SPEECH_VERBS:
            speaker = next((actor_at(c, actors, countries=countries) for c in token.children
                            if c.dep_ == "nsubj"), None)
            if speaker:  # who spoke: what a later "ces propos" refers to
                history.append(Event("SAY", speaker, None, token.text, token.idx, token.idx, (0, 0)))
        entry = trigger_of(token)
        if entry is None or entry.type == "-":
            continue
        if " " in entry.lemma and entry.pos == "VERB":
            consumed.update(c.i for c in token.children if c.dep_ == "obj")  # "faire appel"
        governor = _governor_entry(token)
        if governor is not None and governor.type == "REQUEST" and token.pos_ != "NOUN":
            continue  # "demander à X de quitter": the request is the event, not the departure
        sources, targets, place = _arguments(token, entry, actors, countries, nationality)
        modality = modality_of(token)
        accuser = _accusing_verb(token)
        if accuser is not None:
            # "accusé d'avoir infligé ...": the accused is the source, the claim is reported
            accused = [a for a in _accused(accuser, actors, countries)]
            if accused:
                sources, modality = accused, "reported"
        if sources and not targets and entry.type in ("ACCUSE", "REJECT", "THREATEN", "SANCTION", "REQUEST", "PROTEST"):
            author = _author_of_object(token, history, sources)
            if author:
                targets = [author]
        if not sources or entry.frame in ("arrival", "dyadic") and not targets:
            continue  # an event needs at least a source actor
        if entry.frame == "mutual" and len(sources) > 1 and not targets:
            pairs = [(s, t) for s in sources for t in sources if s != t]
            if entry.type not in ("ASSAULT",):
                pairs = [(sources[0], t) for t in sources[1:]]
        else:
            pairs = [(s, t) for s in (sources or [None]) for t in (targets or [None]) if s != t]
            if len(sources) > 1 and not targets and entry.type in ("CONSULT", "COOPERATE", "AGREE"):
                pairs = [(sources[0], t) for t in sources[1:]]
        sent = token.sent
        date = date_of(token, timexes)
        for src, tgt in pairs:
            event = Event(type=entry.type, mode=entry.mode, source=src, target=tgt,
                          trigger=token.text, start=token.idx, end=token.idx + len(token),
                          sentence=(sent.start_char, sent.end_char), place=place, modality=modality,
                          date=date)
            history.append(event)
            yield event
    # (history also holds "SAY" records, which are not events and are not yielded)


def _author_of_object(trigger: Token, history: list[Event], sources: list[str]) -> str | None:
    """Whom a reaction to words or acts is aimed at: "nie ces accusations" -> who
    accused; "condamnent le coup d'État" -> who seized power (from the events before)."""
    for c in trigger.children:
        if c.dep_ not in ("obj", "obl:arg", "obl", "nsubj:pass", "nsubj"):  # the parser may say nsubj
            continue
        if any(x.dep_ == "nmod" for x in c.children if _cases(x) & SOURCE_CASES):
            continue  # "les accusations de Kinshasa" name their author themselves
        word = c.lower_
        if word in SPEECH_NOUNS or c.lemma_.lower() in SPEECH_NOUNS:
            for e in reversed(history):
                if e.source not in sources and e.source is not None:
                    return e.source
        kind = ACT_NOUNS.get(word) or ACT_NOUNS.get(c.lemma_.lower())
        if kind:
            for e in reversed(history):
                if e.type == kind and e.source not in sources:
                    return e.source
    return None


def _presences(doc: Doc, actors: Mapping[int, str], countries: Mapping[str, str],
               nationality: Mapping[str, str], timexes) -> Iterator[Event]:
    """A foreign person said to be in a state's capital on a date is visiting it:
    "Sergueï Lavrov à Bamako les 6 et 7 janvier" (a visit, whatever verb, or typo,
    stands between)."""
    for sent in doc.sents:
        if any(trigger_of(t) and trigger_of(t).type == "CONSULT" for t in sent):
            continue
        for i, t in enumerate(sent):
            pid = actors.get(t.i)
            if pid is None or t.ent_type_ != "PER" or pid not in nationality:
                continue
            window = doc[t.i + 1:min(t.i + 6, sent.end)]
            for j, x in enumerate(window):
                kb = x.ent_kb_id_
                if x.ent_iob_ != "B" or not kb.startswith("capital:") or j == 0 or window[j - 1].lower_ not in ("à", "au", "en"):
                    continue
                iso = kb.split(":")[1]
                if iso == nationality[pid] or iso not in countries:
                    continue
                date = date_of(x, timexes)
                if date is None:
                    continue
                future = "Fut" in "".join(str(w.morph) for w in sent) or any(
                    w.lemma_ in ("officiel", "attendre", "prévoir") for w in sent)
                yield Event(type="CONSULT", mode="visit", source=pid, target=countries[iso],
                            trigger=x.text, start=x.idx, end=x.idx + len(x),
                            sentence=(sent.start_char, sent.end_char), place=x.text,
                            modality="planned" if future else "asserted", date=date)
                break
            else:
                continue
            break  # one presence per sentence


def _accusing_verb(trigger: Token) -> Token | None:
    """The verb of accusation an infinitive depends on ("accusés ... de recourir")."""
    infinitive = "Inf" in trigger.morph.get("VerbForm") or any(
        c.dep_.startswith("aux") and "Inf" in c.morph.get("VerbForm") for c in trigger.children)
    if trigger.pos_ == "NOUN" or not infinitive:  # "de recourir", "d'avoir tué"
        return None
    if not any(c.dep_ == "mark" and c.lower_ in ("de", "d'", "d’") for c in trigger.children):
        return None
    head = trigger
    for _ in range(2):
        head = head.head
        entry = trigger_of(head)
        if entry is not None and entry.type == "ACCUSE" and head.pos_ in ("VERB", "AUX"):
            return head
    return None


def _accused(verb: Token, actors: Mapping[int, str], countries: Mapping[str, str]) -> list[str]:
    out = []
    for c in verb.children:
        if c.dep_ in ("obj", "nsubj:pass") or c.dep_ == "nsubj" and any(x.dep_ == "aux:pass" for x in verb.children):
            a = actor_at(c, actors, countries=countries)
            if a:
                out.append(a)
    if not out and verb.dep_ in ("acl", "acl:relcl"):
        a = actor_at(verb.head, actors, countries=countries)
        if a:
            out.append(a)
    return out
