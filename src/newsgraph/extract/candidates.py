"""Candidates for the event model: the words that may name an event, the actors that
may take part in it, and the named features a reader can check for each.

The lexicon, the frames and the argument rules of :mod:`newsgraph.extract.events` no
longer decide alone: they propose. A trigger candidate is a lexicon entry, a verb that
takes an actor (or a pronoun) as subject, object or complement, or a deverbal noun with
one; each actor of the document is an argument candidate of each trigger, described by
the dependency path to its nearest mention, its distance, the rules' reading, and what
the story says of it (first named, most named, speaker of a quotation). The trained
model (:mod:`newsgraph.data.model`) chooses (:mod:`newsgraph.extract.choose`).

Features are plain ``{name: value}`` dictionaries, names a reader understands
("lemma=arrêter", "path=>nsubj", "sim=COERCE").
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
import bisect
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
from spacy.tokens import Doc, Token
from spacy.vocab import Vocab

from ..data import Lexicons, Trigger
from ..records import Event
from ..types import ActorId
from .arguments import Scene, actor_at, antecedent, case_words, inherited_subjects, possessor_of, trigger_arguments

#: Dependents through which a verb or a noun takes an actor.
ARGUMENT_DEPS = frozenset({"nsubj", "nsubj:pass", "obj", "iobj", "obl", "obl:arg", "obl:agent", "obl:mod", "nmod",
                           "ccomp", "xcomp", "appos"})
#: Endings of French deverbal nouns of action ("arrestation", "déploiement", "pillage",
#: "signature", "ingérence", "alliance", "embuscade", "crise"...).
DEVERBAL_ENDINGS = ("tion", "sion", "ment", "age", "ure", "ence", "ance", "ade", "ise")
#: How many steps of the dependency tree a path may take before it is just "far".
MAX_PATH = 4
#: The 16 PLOVER types, in the order of the codebook.
PLOVER_TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
                "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")

Features = dict[str, float]


@dataclass(frozen=True)
class TriggerCandidate:
    """A word that may name an event: its lexicon entry, the events the rules read on
    it, and its features."""

    token: int
    entry: Trigger | None
    rules: tuple[Event, ...]
    features: Features = field(compare=False, repr=False)


def _lemma(token: Token) -> str:
    return token.lemma_.lower()


def _has_actor(token: Token, actors: Mapping[int, ActorId]) -> bool:
    """Whether a dependent of ``token`` (or its own dependent: "le président de X") is an
    actor or a pronoun."""
    for c in token.children:
        if c.dep_ not in ARGUMENT_DEPS:
            continue
        if c.i in actors or c.pos_ == "PRON" or any(x.i in actors for x in c.children):
            return True
    return False


def is_trigger_candidate(token: Token, entry: Trigger | None, actors: Mapping[int, ActorId]) -> bool:
    """A lexicon entry (not a set phrase that is no event), or a verb or deverbal noun
    that takes an actor or a pronoun.

    >>> import spacy; nlp = spacy.blank("fr")
    >>> is_trigger_candidate(nlp("visite")[0], Trigger("visite", "NOUN", "CONSULT", "visit", "place"), {})
    True
    """
    if entry is not None:
        return entry.type != "-"
    if token.pos_ == "VERB":
        return _has_actor(token, actors)
    if token.pos_ == "NOUN" and _lemma(token).endswith(DEVERBAL_ENDINGS):
        return _has_actor(token, actors)
    return False


@lru_cache(maxsize=4)
def type_vectors(lex: Lexicons, vocab: Vocab) -> tuple[np.ndarray, tuple[str, ...], tuple[int, ...]]:
    """The unit word vectors of the lexicon's one-word triggers grouped by type, each
    row's type, and where each type's group starts: what an unseen verb is compared
    with ("interpeller" is near "arrêter", a COERCE)."""
    rows, types = [], []
    for (lemma, _), t in sorted(lex.triggers.items(), key=lambda kv: (PLOVER_TYPES.index(kv[1].type)
                                                                      if kv[1].type in PLOVER_TYPES else 99, kv[0])):
        if t.type not in PLOVER_TYPES or " " in lemma or not vocab.has_vector(lemma):
            continue
        v = np.asarray(vocab.get_vector(lemma))
        n = float(np.linalg.norm(v))
        if n:
            rows.append(v / n)
            types.append(t.type)
    if not rows:
        return np.zeros((0, 0), dtype="float32"), (), ()
    starts = tuple(k for k in range(len(types)) if k == 0 or types[k] != types[k - 1])
    return np.vstack(rows).astype("float32"), tuple(types), starts


#: How many lemmas' similarity features are kept between documents (a lemma is looked
#: up once, not once per document).
SIMILARITY_CACHE = 50_000


@lru_cache(maxsize=4)
def _similarity_cache(lex: Lexicons, vocab: Vocab) -> dict[str, Features]:
    return {}


def similarity_features(tokens: Sequence[Token], lex: Lexicons) -> list[Features]:
    """For each token, its cosine with the nearest lexicon trigger of each type
    (``sim=TYPE``, the word vectors of the pipeline): the type of a verb the lexicon
    lacks, read from its neighbours. The features of a lemma are the same in every
    document: they are computed once."""
    if not tokens:
        return []
    vocab = tokens[0].doc.vocab
    cache = _similarity_cache(lex, vocab)
    lemmas = [_lemma(t) for t in tokens]
    new = sorted({w for w in lemmas if w not in cache})
    if new:
        if len(cache) + len(new) > SIMILARITY_CACHE:
            cache.clear()
        cache.update(zip(new, _similarities(new, lex, vocab)))
    return [cache[w] for w in lemmas]


def _similarities(lemmas: Sequence[str], lex: Lexicons, vocab: Vocab) -> list[Features]:
    matrix, types, starts = type_vectors(lex, vocab)
    out: list[Features] = [{} for _ in lemmas]
    if not types:
        return out
    table = vocab.vectors
    rows = np.asarray(table.find(keys=list(lemmas)))
    vectors = np.zeros((len(lemmas), matrix.shape[1]), dtype="float32")
    known = rows >= 0
    if table.shape[1] == matrix.shape[1] and known.any():
        vectors[known] = np.asarray(table.data)[rows[known]]
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    vectors = np.divide(vectors, norms, out=vectors, where=norms > 0)
    sims = vectors @ matrix.T
    best = np.maximum.reduceat(sims, list(starts), axis=1)  # each type's nearest
    nearest = sims.argmax(axis=1)
    kinds = [types[s] for s in starts]
    for k in np.flatnonzero(norms[:, 0] > 0):
        for j in np.flatnonzero(best[k] > 0.3):
            out[k][f"sim={kinds[j]}"] = round(float(best[k, j]), 3)
        out[k][f"nearest={types[int(nearest[k])]}"] = 1.0
    return out


_NO_CASE: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Tree:
    """A document's parse as plain arrays (head, label, sentence start, prepositions,
    part of speech, lowercase form, entity type of each token): the paths of the
    argument features are walked here, not through spaCy's Token objects."""

    heads: tuple[int, ...]
    deps: tuple[str, ...]
    sent_start: tuple[int, ...]
    cases: tuple[frozenset[str], ...]
    pos: tuple[str, ...]
    lower: tuple[str, ...]
    ent_type: tuple[str, ...]

    @classmethod
    def of(cls, doc: Doc) -> Tree:
        """The arrays of ``doc`` (read with ``Doc.to_array``, not token by token).

        >>> import spacy; nlp = spacy.blank("fr"); nlp.add_pipe("sentencizer")  # doctest: +ELLIPSIS
        <...>
        >>> tree = Tree.of(nlp("Paris accueille Rome. Berlin aussi."))
        >>> tree.lower[:3], tree.sent_start
        (('paris', 'accueille', 'rome'), (0, 0, 0, 0, 4, 4, 4))
        """
        n = len(doc)
        columns = doc.to_array(["HEAD", "DEP", "POS", "LOWER", "ENT_TYPE"]) if n else np.zeros((0, 5), dtype="uint64")
        heads = (np.arange(n) + columns[:, 0].view("int64")).tolist()  # HEAD is an offset
        strings = doc.vocab.strings
        deps, pos, lower, ents = ([strings[x] if x else "" for x in columns[:, k].tolist()] for k in range(1, 5))
        starts = [0] * n
        for sent in doc.sents if n else ():
            starts[sent.start:sent.end] = [sent.start] * (sent.end - sent.start)
        found: dict[int, set[str]] = {}
        for i in range(n):
            if deps[i] in ("case", "mark") and heads[i] != i:
                found.setdefault(heads[i], set()).add(lower[i])
        cases = [_NO_CASE] * n
        for i, words in found.items():
            cases[i] = frozenset(words)
        return cls(tuple(heads), tuple(deps), tuple(starts), tuple(cases), tuple(pos), tuple(lower), tuple(ents))

    def path(self, a: int, b: int) -> str | None:
        """The path from token ``a`` to token ``b`` (see :func:`dependency_path`)."""
        if self.sent_start[a] != self.sent_start[b]:
            return None
        up = [a]
        while self.heads[up[-1]] != up[-1]:
            up.append(self.heads[up[-1]])
        index = {t: k for k, t in enumerate(up)}
        down: list[int] = []
        t = b
        while t not in index:
            down.append(t)
            if self.heads[t] == t or len(down) > MAX_PATH:
                return None
            t = self.heads[t]
        k = index[t]
        if k + len(down) > MAX_PATH:
            return None
        steps = [f"<{self.deps[x]}" for x in up[:k]] + [f">{self.deps[x]}" for x in reversed(down)]
        if down:
            cases = sorted(self.cases[b] - {"de", "d'", "d’"}) or sorted(self.cases[b])
            if cases:
                steps[-1] += f"[{cases[0]}]"
        return "".join(steps) or "="


@dataclass
class DocContext:
    """What the features of one document read besides the token: the actor index, the
    lexicons, the first sentence, and each actor's positions and rank."""

    doc: Doc
    scene: Scene
    speakers: Mapping[int, ActorId] = field(default_factory=dict)
    #: actor id -> Person, Organization or Country
    types: Mapping[ActorId, str] = field(default_factory=dict)
    #: actor id -> the ISO code of its state (a country's own, a person's nationality,
    #: an organisation's country)
    states: Mapping[ActorId, str] = field(default_factory=dict)
    positions: dict[ActorId, list[int]] = field(init=False)
    rank: dict[ActorId, int] = field(init=False)
    headline_end: int = field(init=False)
    tree: Tree = field(init=False)
    _pairs: dict[frozenset[ActorId], int] | None = field(default=None, init=False, repr=False)

    def cooccurrences(self) -> dict[frozenset[ActorId], int]:
        """How many sentences name each pair of actors."""
        if self._pairs is None:
            pairs: dict[frozenset[ActorId], int] = {}
            by_sentence: dict[int, set[ActorId]] = {}
            for i, actor in self._mentions:
                by_sentence.setdefault(self.tree.sent_start[i], set()).add(actor)
            for named in by_sentence.values():
                here = sorted(named)
                for k, a in enumerate(here):
                    for b in here[k + 1:]:
                        key = frozenset((a, b))
                        pairs[key] = pairs.get(key, 0) + 1
            self._pairs = pairs
        return self._pairs

    def __post_init__(self) -> None:
        positions: dict[ActorId, list[int]] = {}
        for i, a in sorted(self.scene.actors.items()):
            positions.setdefault(a, []).append(i)
        self.positions = positions
        order = sorted(positions, key=lambda a: (-len(positions[a]), positions[a][0]))
        self.rank = {a: k for k, a in enumerate(order)}
        first = next(iter(self.doc.sents), None)
        self.headline_end = first.end if first is not None else 0
        self.tree = Tree.of(self.doc)
        self._mentions = sorted(self.scene.actors.items())


def _children_cases(token: Token) -> Iterable[str]:
    for c in token.children:
        if c.dep_ in ("obl", "obl:arg", "obl:mod", "nmod", "iobj", "obl:agent"):
            for w in case_words(c):
                yield w


def _actor_dependents(token: Token, ctx: DocContext) -> Features:
    out: Features = {}
    actors = ctx.scene.actors
    for c in token.children:
        if c.dep_ not in ARGUMENT_DEPS:
            continue
        if c.i in actors or any(x.dep_ in ("flat:name", "appos") and x.i in actors for x in c.children):
            cases = sorted(case_words(c)) or ["-"]
            out[f"actor_dep={c.dep_}:{cases[0]}"] = 1.0
        elif c.pos_ == "PRON":
            out[f"pron_dep={c.dep_}"] = 1.0
    return out


def _governor(token: Token) -> Token | None:
    t = token
    while t.dep_ == "conj" and t.head.i != t.i:
        t = t.head
    return t.head if t.head.i != t.i else None


def trigger_features(token: Token, entry: Trigger | None, rules: Sequence[Event], ctx: DocContext,
                     modality: str) -> Features:
    """The named features of one trigger candidate (the vectors' ``sim=`` features are
    added by :func:`similarity_features`)."""
    lemma, pos = _lemma(token), token.pos_
    f: Features = {f"lemma={lemma}": 1.0, f"pos={pos}": 1.0, f"dep={token.dep_}": 1.0,
                   f"modality={modality}": 1.0, "bias": 1.0}
    if entry is not None:
        f.update({f"lex={entry.type}": 1.0, f"lex={entry.type}:{entry.pos}": 1.0, f"frame={entry.frame}": 1.0,
                  f"lexlemma={entry.lemma}": 1.0})
    else:
        f["lex=none"] = 1.0
    for e in rules:
        f[f"rule={e.type}"] = 1.0
    if entry is not None and not rules:
        f["rule=dropped"] = 1.0
    gov = _governor(token)
    if gov is not None:
        f[f"governor={_lemma(gov)}"] = 1.0
        f[f"governor_dep={token.dep_}:{gov.pos_}"] = 1.0
    for c in token.children:
        if c.dep_ in ("obj", "xcomp"):
            f[f"{c.dep_}={_lemma(c)}"] = 1.0
        if c.dep_.startswith("expl"):
            f["pronominal"] = 1.0
        if c.dep_ == "aux:pass":
            f["passive"] = 1.0
    for w in _children_cases(token):
        f[f"case={w}"] = 1.0
    f.update(_actor_dependents(token, ctx))
    if token.i < ctx.headline_end:
        f["headline"] = 1.0
    if len(lemma) > 4:
        f[f"suffix={lemma[-4:]}"] = 1.0
    return f


def dependency_path(a: Token, b: Token) -> str | None:
    """The path from ``a`` to ``b`` in the tree: ``<dep`` up from ``a``, ``>dep`` down to
    ``b`` (with ``b``'s preposition); None past :data:`MAX_PATH` steps or across
    sentences.

    >>> import spacy
    >>> from spacy.tokens import Doc
    >>> doc = Doc(spacy.blank("fr").vocab, words=["Paris", "accuse", "Moscou"], heads=[1, 1, 1],
    ...           deps=["nsubj", "ROOT", "obj"])
    >>> dependency_path(doc[1], doc[0]), dependency_path(doc[0], doc[2])
    ('>nsubj', '<nsubj>obj')
    """
    return Tree.of(a.doc).path(a.i, b.i)


def _mention_kind(i: int, ctx: DocContext) -> str:
    tree = ctx.tree
    if tree.pos[i] == "PRON":
        return "pronoun"
    if ctx.scene.lex.demonyms.get(tree.lower[i]):
        return "demonym"
    if tree.ent_type[i]:
        return f"ent:{tree.ent_type[i]}"
    return "noun"


def _nearest_mention(trigger: int, positions: Sequence[int], tree: Tree) -> tuple[int | None, str | None]:
    """The actor's mention in the trigger's sentence with the shortest tree path."""
    sent = tree.sent_start[trigger]
    inside = [i for i in positions if tree.sent_start[i] == sent]
    best: tuple[int, int, str] | None = None
    for i in inside:
        path = tree.path(trigger, i)
        if path is None:
            continue
        cost = path.count("<") + path.count(">")
        if best is None or cost < best[0]:
            best = (cost, i, path)
    if best is not None:
        return best[1], best[2]
    return (inside[0], None) if inside else (None, None)


def _where(trigger: int, positions: Sequence[int], tree: Tree) -> str:
    """Where an actor is named with respect to the trigger's sentence."""
    sent = tree.sent_start[trigger]
    starts = {tree.sent_start[i] for i in positions}
    if sent in starts:
        return "sentence"
    if sent > 0 and tree.sent_start[sent - 1] in starts:
        return "previous"
    if any(i < sent for i in positions):
        return "earlier"
    return "later"


def _recency(trigger: Token, ctx: DocContext) -> dict[ActorId, int]:
    """Actor -> 0 for the actor named last before the trigger, 1 for the one before...
    (up to 3: the rest are all "3")."""
    out: dict[ActorId, int] = {}
    k = bisect.bisect_left(ctx._mentions, (trigger.i,))
    for _, actor in reversed(ctx._mentions[:k]):
        if actor not in out:
            out[actor] = len(out)
            if len(out) > 3:
                break
    rest = {a: 3 for a in ctx.positions if a not in out and ctx.positions[a][0] < trigger.i}
    return {**rest, **out}


def generic_entry(token: Token, entry: Trigger | None) -> Trigger:
    """The lexicon entry of a candidate, or for a word the lexicon lacks, one that reads
    its arguments as an agent's ("X interpelle Y": X acts on Y)."""
    if entry is not None:
        return entry
    pos = "VERB" if token.pos_ in ("VERB", "AUX") else "NOUN"
    return Trigger(_lemma(token), pos, "?", None, "agent")


def trigger_cues(trigger: Token, ctx: DocContext, entry: Trigger | None = None) -> dict[ActorId, list[str]]:
    """What the clause says of some actors beyond the tree path: the source and target
    the argument rules read (:func:`~newsgraph.extract.arguments.trigger_arguments`), the
    subject the trigger's verb inherits ("X a décidé de rencontrer"), the owner of a
    possessive ("sa visite"), the antecedent of a pronoun dependent ("il l'a reçu"), and
    the recency of each actor's last mention before the trigger."""
    scene = ctx.scene
    cues: dict[ActorId, list[str]] = {}
    sources, targets, _ = trigger_arguments(trigger, generic_entry(trigger, entry), scene)
    for a in sources:
        cues.setdefault(a, []).append("syntax_source")
    for a in targets:
        cues.setdefault(a, []).append("syntax_target")
    for k, subj in enumerate(inherited_subjects(trigger)):
        inherited = actor_at(subj, scene)
        if inherited is not None:
            cues.setdefault(inherited, []).append(f"inherited_subject={min(k, 2)}")
            break
    owner = possessor_of(trigger, scene.actors)
    if owner is not None:
        cues.setdefault(owner, []).append("possessor")
    for c in trigger.children:
        if c.pos_ == "PRON" and c.i not in scene.actors and c.dep_ in ARGUMENT_DEPS:
            taken_up = antecedent(c, scene)
            if taken_up is not None:
                cues.setdefault(taken_up, []).append(f"antecedent={c.dep_}")
    for a, k in _recency(trigger, ctx).items():
        cues.setdefault(a, []).append(f"recent={min(k, 3)}")
    return cues


#: Story actors (by number of mentions) that are always argument candidates: the main
#: actors of an article are often the unnamed source of a sentence that names no one.
POOL_RANK = 3


def argument_pool(trigger: Token, ctx: DocContext, rules: Sequence[Event],
                  cues: Mapping[ActorId, Sequence[str]]) -> list[ActorId]:
    """The actors that may be a trigger's source or target: those named in its sentence
    or the one before, those the clause points to (``cues`` of :func:`trigger_cues`
    other than a distant mention), the rules' arguments, the quotation's speaker and
    the story's main actors. An actor named only far away is none of them (on the
    training articles, 93 % of the sources and targets are in this pool, a quarter of
    the actors)."""
    tree = ctx.tree
    sent = tree.sent_start[trigger.i]
    near = {sent, tree.sent_start[sent - 1] if sent > 0 else sent}
    ruled = {x for e in rules for x in (e.source, e.target) if x is not None}
    speaker = ctx.speakers.get(sent)
    return [a for a, positions in ctx.positions.items()
            if a in ruled or a == speaker or ctx.rank.get(a, 99) <= POOL_RANK
            or any(c != "recent=3" for c in cues.get(a, ()))
            or any(tree.sent_start[i] in near for i in positions)]


def argument_features(trigger: Token, actor: ActorId, ctx: DocContext, rules: Sequence[Event],
                      cues: Mapping[ActorId, Sequence[str]] | None = None) -> tuple[int | None, Features]:
    """The nearest mention of ``actor`` to ``trigger`` and the named features of the pair
    (:func:`with_type` adds those that depend on the event's type); ``cues`` as
    :func:`trigger_cues` gives them."""
    positions = ctx.positions.get(actor, [])
    tree = ctx.tree
    mention, path = _nearest_mention(trigger.i, positions, tree)
    where = _where(trigger.i, positions, tree)
    f: Features = {"bias": 1.0, f"where={where}": 1.0, f"atype={ctx.types.get(actor, '?')}": 1.0}
    for cue in (cues or {}).get(actor, ()):
        f[cue] = 1.0
    rank = ctx.rank.get(actor, 99)
    f[f"rank={min(rank, 4)}"] = 1.0
    if positions and positions[0] < ctx.headline_end:
        f["in_headline"] = 1.0
    if mention is not None:
        f[f"mention={_mention_kind(mention, ctx)}"] = 1.0
        f["before" if mention < trigger.i else "after"] = 1.0
        f[f"distance={min(abs(mention - trigger.i) // 3, 5)}"] = 1.0
    if path is not None:
        f[f"path={path}"] = 1.0
        f[f"first={path[:path.find('>', 1) if '>' in path[1:] else len(path)]}"] = 1.0
    if ctx.speakers.get(tree.sent_start[trigger.i]) == actor:
        f["speaker"] = 1.0
    for e in rules:
        if e.source == actor:
            f["rule_source"] = 1.0
        if e.target == actor:
            f["rule_target"] = 1.0
    return mention, f


#: Features of a pair that are also read together with the event's type.
TYPED_PREFIXES = ("path=", "where=", "rule_", "first=", "atype=", "inherited_subject", "possessor", "antecedent",
                  "syntax_")


def with_type(features: Features, kind: str) -> Features:
    """The pair's features and, for paths, places and the rules' reading, the same
    conjoined with the event's type ("path=>obj|ASSAULT").

    >>> with_type({"path=>obj": 1.0, "rank=0": 1.0}, "ASSAULT")
    {'path=>obj': 1.0, 'rank=0': 1.0, 'path=>obj|ASSAULT': 1.0}
    """
    out = dict(features)
    for k, v in features.items():
        if k.startswith(TYPED_PREFIXES):
            out[f"{k}|{kind}"] = v
    return out


def speakers(doc: Doc, scene: Scene) -> dict[int, ActorId]:
    """Sentence start -> who speaks in it: the actor subject of a verb of saying there,
    or in the sentence before when this one is a quotation ("X a déclaré : « ... »")."""
    speech = scene.lex.cues("speech_verb")
    out: dict[int, ActorId] = {}
    last: ActorId | None = None
    for sent in doc.sents:
        own = None
        for t in sent:
            if t.pos_ == "VERB" and _lemma(t) in speech:
                subj = next((c for c in t.children if c.dep_ == "nsubj"), None)
                if subj is not None and subj.i in scene.actors:
                    own = scene.actors[subj.i]
        quoted = any(t.text in ("«", "\"", "“") for t in sent[:2])
        speaker = own or (last if quoted else None)
        if speaker is not None:
            out[sent.start] = speaker
        last = own
    return out


def trigger_candidates(ctx: DocContext, entries: Sequence[Trigger | None], rules: Sequence[Event],
                       modality) -> list[TriggerCandidate]:
    """Every trigger candidate of the document in text order, with its features;
    ``rules`` are the events the rules read (each on the token at its ``start``),
    ``modality`` a function of a token."""
    doc, scene = ctx.doc, ctx.scene
    by_token: dict[int, list[Event]] = {}
    for e in rules:
        span = doc.char_span(e.start, e.start + 1, alignment_mode="expand")  # the token at its start
        if span is not None and len(span) and doc[span.start].idx == e.start:
            by_token.setdefault(span.start, []).append(e)
    tokens = [t for t in doc if t.i in by_token or is_trigger_candidate(t, entries[t.i], scene.actors)]
    sims = similarity_features(tokens, scene.lex)
    out = []
    for t, sim in zip(tokens, sims):
        rules_here = tuple(by_token.get(t.i, ()))
        f = trigger_features(t, entries[t.i], rules_here, ctx, modality(t))
        f.update(sim)
        out.append(TriggerCandidate(t.i, entries[t.i], rules_here, f))
    return out
