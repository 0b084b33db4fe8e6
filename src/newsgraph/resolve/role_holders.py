"""Role phrases used alone ("le chef de la diplomatie russe") resolve to the person who
holds that role in the document."""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace

from spacy.tokens import Doc

from ..data import Lexicons
from ..extract.roles import title_head, unnamed_role_phrases
from ..grammar import DE_FOLDED, DEFINITE_FOLDED
from ..records import Role
from .index import ActorIndex
from .names import fold
from .within import DraftActor, is_army


def resolve_role_phrases(doc: Doc, roles: Iterable[Role], index: ActorIndex, actors: list[DraftActor],
                         country_actor: Mapping[str, str], lex: Lexicons) -> list[Role]:
    """Index the tokens of unnamed role phrases as the persons holding those roles, add
    the phrases as aliases, and return the roles these
    phrases add ("le ministre malien des Affaires étrangères" for the person named
    elsewhere "chef de la diplomatie malienne").

    A phrase goes to a holder whose title has the same head (or, for a generic head
    such as "diplomate", the same kind of position) and the same ``of``; among several,
    the one mentioned last before the phrase.
    """
    roles = list(roles)
    held: dict[str, list[tuple[str, str, str | None]]] = {}
    held_titles: dict[str, str] = {}
    for r in roles:
        th = title_head(r.title, lex)
        if th:
            held.setdefault(r.actor, []).append((th[0], th[1], r.of))
            held_titles[r.actor] = held_titles.get(r.actor, "") + " " + r.title
    if not held:
        return []
    by_id = {a.id: a for a in actors}
    first_token = {a.id: min((m.token_start for m in a.mentions), default=0) for a in actors}
    positions = index.positions()
    generic_heads = lex.cues("generic_role_head")
    added: list[Role] = []
    for span, title, of, head in list(unnamed_role_phrases(doc, index, country_actor, lex)):
        th = title_head(title, lex)
        canonical = th[0] if th else head.canonical
        generic = head.head in generic_heads
        candidates = []
        # what the phrase says beyond its head: "de la Cour suprême" must be in the held
        # title, an adjective ("le président déchu") need not
        phrase_words = _complement_words(title if head.canonical == head.head else head.canonical)
        for pid, titles in held.items():
            for canon, group, r_of in titles:
                # the phrase says no more than the held title: "le président" for the
                # "président de la transition", not "le président de la Cour suprême"
                same = (canon == canonical and phrase_words <= _words(held_titles[pid]))\
                    or (generic and group == head.group)
                if same and (of is None or r_of is None or of == r_of):
                    candidates.append(pid)
                    break
        if not candidates:
            continue
        if len(candidates) > 1 and of is None and not generic:
            continue  # "le président" with two presidents around: leave it
        before = [(max((p for p in positions.get(c, []) if p < span.start), default=-1), c) for c in candidates]
        best = max(before)[1] if max(before)[0] >= 0 else min(candidates, key=lambda c: first_token[c])
        index.assign_free(range(span.start + 1, span.end), best)
        person = by_id[best]
        person.add_alias(span.text)
        if not any(fold(r.title) == fold(title) and r.actor == best for r in list(roles) + added):
            if not generic:
                added.append(Role(actor=best, title=title, of=of, start=span.start_char, end=span.end_char))
    return added


#: Groups of titles that, with no complement, are the state's own ("le président").
STATE_GROUPS = frozenset({"leader", "minister"})


def _complement_words(title: str) -> set[str]:
    """The words of a title's complements ("président de la Cour suprême" -> cour, suprême).

    >>> sorted(_complement_words("président de la Cour suprême")), _complement_words("président déchu")
    (['cour', 'supreme'], set())
    """
    words = fold(title).split()
    for i, w in enumerate(words):
        if w in DE_FOLDED:
            return set(words[i + 1:]) - (DE_FOLDED | DEFINITE_FOLDED)
    return set()


def _words(title: str) -> set[str]:
    return set(fold(title).split()) - (DE_FOLDED | DEFINITE_FOLDED)


def tidy_roles(roles: Iterable[Role], actors: list[DraftActor], lex: Lexicons,
               sentences: Iterable[tuple[int, int]] = ()) -> list[Role]:
    """Drop a role that another role of the same person says more fully ("président"
    beside "ancien président"); give a head-of-state or minister title whose state the
    text does not name the state the article is about (``of_inferred``): the one country
    named in the role's sentence, else the person's own country, else the country that
    acts most in the document.
    """
    roles = list(roles)
    out = []
    for r in roles:
        w = _words(r.title)
        if any(o is not r and o.actor == r.actor and w <= _words(o.title)
               and (w < _words(o.title) or o.of and not r.of)
               and (r.of is None or r.of == o.of) for o in roles):
            continue
        out.append(r)
    # states the text names (a demonym alone makes no actor)
    countries = [a for a in actors if a.type == "Country" and not all(m.demonym for m in a.mentions)]
    by_id = {a.id: a for a in actors}
    if not countries:
        return [_in_army_or_country(r, by_id, {}, None, actors, lex) for r in out]
    main = max(countries, key=lambda a: sum(m.acting for m in a.mentions))
    by_iso = {a.country: a for a in countries if a.country}  # (every Country actor has one)
    sentences = list(sentences)
    result = []
    for r in out:
        head = title_head(r.title, lex)
        words = set(fold(r.title).split())
        ministry = head is not None and head[1] in ("minister", "diplomat") and bool(lex.cues("minister_word") & words)
        bare = head is not None and not (DE_FOLDED | {"en", "a", "au"}) & words
        if r.of is None and r.of_state is None and head and head[1] in STATE_GROUPS | {"diplomat"} \
                and (bare or ministry):
            sent = next(((s, e) for s, e in sentences if s <= r.start < e), None)
            # the state named (or meant by a demonym) closest to the title in its sentence:
            # "En Australie, la ministre ...", "le président Joe Biden ... les forces américaines"
            near = sorted((min(abs(m.start - r.start), abs(m.start - r.end)), m.country)
                          for a in countries for m in a.mentions
                          if sent and sent[0] <= m.start < sent[1] and m.country in by_iso)
            person = by_id.get(r.actor)
            if person and person.country:
                if person.country not in by_iso:
                    result.append(r)  # their state is known but not an actor here: leave it
                    continue
                state = by_iso[person.country]
            elif near and near[0][0] <= 80:
                state = by_iso[near[0][1]]
            else:
                state = main
            r = replace(r, of=state.id, of_inferred=True)
        result.append(r)
    return [_in_army_or_country(r, by_id, by_iso, main, actors, lex) for r in result]


def _in_army_or_country(r: Role, by_id: Mapping[str, DraftActor], by_iso: Mapping[str, DraftActor], main: DraftActor | None,
                        actors: list[DraftActor], lex: Lexicons) -> Role:
    """A military title of a state whose army the story names is held in that army ("le
    chef de char russe" beside "l'armée russe"); a title "du pays" is held in the
    person's state, else the state the article is about ("chef suprême du pays")."""
    head = title_head(r.title, lex)
    of = by_id.get(r.of) if r.of else None
    iso = of.country if of is not None and of.type == "Country" else (r.of_state if of is None else None)
    if head and head[1] == "military" and iso:
        army = next((a for a in actors if a.country == iso and is_army(a, lex)), None)
        if army is not None:
            return replace(r, of=army.id)
    words = fold(r.title).split()
    if r.of is None and words[-2:-1] == ["du"] and words[-1] in lex.cues("one_state_noun"):
        person = by_id.get(r.actor)
        state = by_iso.get(person.country) if person and person.country else main
        if state is not None:
            return replace(r, of=state.id, of_inferred=True)
    return r
