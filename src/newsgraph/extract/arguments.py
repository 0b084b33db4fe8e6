"""The arguments of an event trigger: which actors a token stands for, and the source,
target and place of a trigger from the dependency parse (with fallbacks for the parser's
usual errors)."""
from __future__ import annotations

from collections.abc import Iterator, Mapping
from functools import lru_cache

from spacy.tokens import Token

from .. import data
from .lexicon import Trigger
from .roles import role_lexicon


@lru_cache(maxsize=1)
def role_words() -> frozenset[str]:
    """First words of the role lexicon's heads ("président", "premier", "chef"): a noun
    that may stand for the person holding the post."""
    return frozenset(head.split()[0] for head in role_lexicon())

TARGET_CASES = frozenset({"à", "au", "aux", "avec", "contre", "auprès", "vers", "envers", "sur"})
SOURCE_CASES = frozenset({"de", "du", "des", "d'", "d’", "d"})
LIGHT_VERBS = frozenset({"effectuer", "faire", "mener", "entamer", "tenir", "avoir", "procéder", "organiser",
                         "entrer", "participer", "prendre", "engager", "ouvrir",
                         "lancer", "rendre", "adresser", "accomplir", "annoncer", "conduire", "porter",
                         "commettre", "perpétrer", "apporter", "accorder", "exprimer", "réitérer", "opérer"})
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
PRONOUNS = frozenset({"il", "elle", "celui-ci", "celle-ci"})
#: Nouns for what someone said: "nie ces accusations" answers whoever made them.

def case_words(token: Token) -> set[str]:
    """The prepositions and conjunctions that mark a token ("au", "contre", "de")."""
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
    if lower in role_words():
        for c in token.subtree:
            if c.i in actors and c.ent_type_ == "PER":
                return actors[c.i]
    if token.lower_ in GROUP_MEMBERS or lower in GROUP_MEMBERS:
        # "trois membres du Mouvement", "les services des mercenaires de la compagnie
        # ..., Wagner": follow the "de" complements down to the group
        for c in token.children:
            if c.dep_ == "nmod" and case_words(c) & SOURCE_CASES:
                a = actors.get(c.i) or (actor_at(c, actors, follow_pronouns=False, countries=countries)
                                        if _depth(token) < 4 else None)
                if a:
                    return a
        for t in token.subtree:  # "les services des « mercenaires » de la compagnie ..., Wagner"
            if t.i != token.i and t.ent_type_ == "ORG" and t.i in actors:
                return actors[t.i]
    if lower in role_words() or token.lower_ in STATE_AGENTS or lower in STATE_AGENTS:
        # "l'ambassadeur de France", "les soldats du Mali": the state they serve
        for c in token.children:
            if c.dep_ == "nmod" and case_words(c) & SOURCE_CASES and c.i in actors and c.ent_type_ == "GPE":
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


POSSESSIVES = frozenset({"son", "sa", "ses", "leur", "leurs"})


def _possessor(noun: Token, actors: Mapping[int, str]) -> str | None:
    """Whom "son"/"sa"/"leur" before a noun refers to: the last actor named before it in
    the sentence or the one before (a person for "son", "sa", "ses")."""
    if not any(c.dep_ == "det" and c.lower_ in POSSESSIVES for c in noun.children):
        return None
    doc = noun.doc
    start = doc[noun.sent.start - 1].sent.start if noun.sent.start > 0 else noun.sent.start
    singular = any(c.lower_ in ("son", "sa", "ses") for c in noun.children)
    for t in reversed(doc[start:noun.i]):
        if t.i in actors and (not singular or t.ent_type_ == "PER"):
            return actors[t.i]
    return None


def trigger_arguments(trigger: Token, entry: Trigger, actors: Mapping[int, str],
                      countries: Mapping[str, str],
                      nationality: Mapping[str, str] | None = None) -> tuple[list[str], list[str], str | None]:
    """``(sources, targets, place)`` of a trigger: its own dependents first (subject,
    object, "par", "à", "contre", "entre", "de" for nouns), then the sources the clause
    lends it (light verbs, participles, coordinated and governing verbs, passive agents),
    then the targets its phrase or the sentence gives (places of visits, recipients
    inside the phrase, the noun right after the verb)."""
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
            elif c.dep_ == "nmod" and case_words(c) & SOURCE_CASES:
                add(targets, c)
        return sources, targets, None
    heads = [trigger]
    if is_noun:  # "l'invitation adressée par X à Y"
        heads += [c for c in trigger.children if c.dep_ in ("acl", "acl:relcl")]
    for head in heads:
        for c in head.children:
            cases = case_words(c)
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
    if is_noun:  # "sa visite", "son arrestation": the possessor is the one named before
        owner = _possessor(trigger, actors)
        if owner:
            lst = targets if entry.frame == "patient" else sources
            if not lst and owner not in sources + targets:
                lst.append(owner)
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
            if "par" in case_words(t) and t.i != trigger.i:
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
            if t.dep_ in ("nmod", "obl", "obl:arg", "iobj") and case_words(t) & cases_wanted:
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
