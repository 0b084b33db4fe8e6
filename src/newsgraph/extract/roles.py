"""Roles: positions held by named persons, from appositions and titles before names.

"Abdoulaye Diop, ministre des Affaires étrangères", "le président Vladimir Poutine",
"le ministre russe des Affaires étrangères, Sergueï Lavrov": the title is the role
phrase without article, demonym or state complement; the demonym ("russe") or the state
complement ("de la Russie") gives ``of``, and so does an organisation complement ("du
M23"), which stays in the title.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from ..data import Lexicons
from ..grammar import A_CONTRACTED, CONTRACTED_SINGULAR, COPULA, DE_CONTRACTED, DE_TOKENS, DEFINITE, DEFINITE_SINGULAR
from ..nlp.gazetteer import kb_ref
from ..records import Role

_DETERMINERS = DEFINITE | DE_CONTRACTED | A_CONTRACTED | {"un", "une", "son", "sa", "ses", "leur", "leurs", "ce",
                                                          "cet", "cette"}
_PREPOSITIONS = DE_TOKENS | A_CONTRACTED | {"à", "en"}
_LOCATIVE = frozenset({"à", "en", "au", "aux"})
_TIME_PREPOSITIONS = frozenset({"depuis", "pendant", "durant", "jusqu'", "jusqu’", "lors", "avant", "après"})
_BOUNDARY_LOWER = frozenset({"qui", "que", "dont", "et", "ou", "mais", "a", "est", "selon", "avec", "ne", "n'", "n’"})


@dataclass(frozen=True)
class RoleHead:
    head: str
    canonical: str
    group: str
    size: int


def _join(tokens) -> str:
    out = ""
    for t in tokens:
        out += t.text + (t.whitespace_ if t.whitespace_ else "")
    return out.strip()


def role_head_at(doc: Doc, i: int, lex: Lexicons, end: int | None = None) -> RoleHead | None:
    """The longest role head starting at token ``i`` ("chef de la diplomatie", "ministre")."""
    roles = lex.roles
    end = len(doc) if end is None else end
    best = None
    for n in range(1, 6):
        if i + n > end:
            break
        words = _join(doc[i:i + n]).lower().replace("’", "'")
        if words in roles:
            canonical, group = roles[words]
            best = RoleHead(words, canonical, group, n)
    return best


def parse_role(span: Span, country_actor: Mapping[str, str], actor_of: Callable[[Token], str | None],
               lex: Lexicons) -> tuple[str, str | None, RoleHead, int, str | None] | None:
    """``(title, of, head, first, state)`` of a role phrase, or None when it has no role
    head; ``first`` is the index of the title's first token, ``state`` the ISO code of the
    state a demonym or complement names, whether or not it is an actor.

    ``country_actor`` maps ISO codes to the document's Country actors; ``actor_of``
    gives the actor a token belongs to.
    """
    doc = span.doc
    start = span.start
    while start < span.end and doc[start].lower_ in _DETERMINERS:
        start += 1
    found = _last_head(span, start, lex)
    if found is None:
        return None
    head_at, head = found
    prefixes = lex.cues("role_prefix")
    first = head_at
    while first > start and doc[first - 1].lower_ in prefixes:
        first -= 1
    reader = _TitleReader(span, country_actor, actor_of, lex, list(doc[first:head_at + head.size]))
    reader.read(head_at + head.size)
    of = reader.of
    body = next((a for t in doc[head_at:head_at + head.size] if (a := actor_of(t)) is not None
                 and a not in country_actor.values()), None)
    if body is not None:
        of = body  # "président de la Cour suprême du Kenya": the body the title names, in its state
    title = _join(reader.kept).strip(" ,-")
    if head.canonical != head.head:
        title = " ".join([*(t.lower_ for t in doc[first:head_at]), head.canonical])
    elif title[:1].isupper():
        title = title[:1].lower() + title[1:]
    return (title, of, head, first, reader.state) if title else None


def _last_head(span: Span, start: int, lex: Lexicons) -> tuple[int, RoleHead] | None:
    """Where the role head of a phrase is and which: the last head of the phrase ("l'avocat
    de la chanteuse malienne, [X]")."""
    doc = span.doc
    prefixes = lex.cues("role_prefix")
    head_at, head = None, None
    i = start
    while i < span.end:
        found = role_head_at(doc, i, lex, span.end) if doc[i].lower_ not in prefixes else None
        if found is not None and (i == start or doc[i - 1].lower_ in prefixes | _PREPOSITIONS
                                  or doc[i - 1].lower_ in DEFINITE):
            head_at, head = i, found
            i += found.size
        else:
            i += 1
    return None if head is None or head_at is None else (head_at, head)


class _TitleReader:
    """The words of a role phrase after its head: demonyms and complements say whose post
    it is (``of``, an actor) and in which ``state``; the words that belong to the title
    go to ``kept``."""

    def __init__(self, span: Span, country_actor: Mapping[str, str], actor_of: Callable[[Token], str | None],
                 lex: Lexicons, kept: list[Token]) -> None:
        self.doc, self.end = span.doc, span.end
        self.country_actor, self.actor_of, self.demonyms = country_actor, actor_of, lex.demonyms
        self.kept = kept
        self.of: str | None = None
        self.state: str | None = None  # the state the phrase names, actor or not

    def read(self, i: int) -> None:
        doc = self.doc
        while i < self.end:
            t = doc[i]
            iso = self.demonyms.get(t.lower_)
            if iso:
                self.of = self.of or self.country_actor.get(iso)
                self.state = self.state or iso
                i += 1
                continue
            if t.lower_ in _PREPOSITIONS:
                nxt = self.complement(i)
                if nxt is None:
                    break
                i = nxt
                continue
            if t.is_punct and t.text not in ("'", "’", "-"):
                break
            if t.pos_ == "PROPN" and t.text[:1].isupper():
                break  # "le président Erdogan": the name that follows is no part of the title
            if t.lower_ in _TIME_PREPOSITIONS:
                break  # "chef suprême du pays depuis 1989": when is no part of the title
            self.kept.append(t)
            i += 1

    def _complement_end(self, j: int) -> int:
        doc, end = self.doc, self.end
        k = j + 1
        if doc[j].ent_iob_ in ("B", "I") and doc[j].ent_type_:
            while k < end and doc[k].ent_iob_ == "I":
                k += 1
            return k
        while k < end and doc[k].lower_ not in _PREPOSITIONS and doc[k].text != "," \
                and doc[k].lower_ not in self.demonyms and doc[k].lower_ not in _TIME_PREPOSITIONS:
            k += 1
        return k

    def complement(self, i: int) -> int | None:
        """The complement the preposition at ``i`` brings: the token after it, or None
        when the phrase ends there."""
        doc, t = self.doc, self.doc[i]
        j = i + 1
        while j < self.end and doc[j].lower_ in DEFINITE:
            j += 1
        if j >= self.end:
            return None
        comp = doc[j]
        k = self._complement_end(j)
        kb = kb_ref(comp)
        place_like = comp.ent_type_ in ("GPE", "LOC") or comp.text[:1].isupper() and comp.ent_type_ == ""
        employer = self.actor_of(comp) if t.lower_ in _LOCATIVE else None
        if employer is not None and employer not in self.country_actor.values() and not kb:
            # an organisation after "à" is the employer ("chercheur invité à Carnegie
            # Europe", "professeur à l'université de Dakar"), not part of the title
            self.of = self.of or employer
            return k
        if t.lower_ in _LOCATIVE and place_like:
            return k  # "ambassadeur de la Russie à Bamako": the place is not in the title
        # the actor the complement names: its first word, or a name after a common noun
        # ("membre du parti Nidaa Tounes")
        a = next((x for t in doc[j:k] if (x := self.actor_of(t)) is not None), None)
        if kb and kb.iso and (a is None or a in self.country_actor.values()):
            self.of = self.of or self.country_actor.get(kb.iso)
            self.state = self.state or kb.iso
            return k
        if kb and kb.iso:  # "président de la Cour suprême du Kenya": the body, in its state
            self.state = self.state or kb.iso
        if a is not None and self.of is None:
            self.of = a
        self.kept.extend(doc[i:k])
        return k


def _is_verb(t: Token) -> bool:
    """A finite verb or auxiliary; a bare participle ("le président déchu") is not."""
    if t.pos_ == "AUX":
        return True
    if t.pos_ != "VERB":
        return False
    return "Part" not in t.morph.get("VerbForm", []) or any(c.dep_.startswith("aux") for c in t.children)


def _clause_start(doc: Doc, i: int) -> int:
    """The first token after the last full stop or line break before ``i`` (the parser's
    sentence splits are not trusted: it sometimes splits at a comma)."""
    j = i - 1
    while j >= 0 and not (doc[j].text in (".", "!", "?") or "\n" in doc[j].text):
        j -= 1
    return j + 1


def _left_phrase(ent: Span, lex: Lexicons) -> Span | None:
    """The phrase before a name that may be its title: "le ministre russe des Affaires
    étrangères, [Sergueï Lavrov]", "du président [Vladimir Poutine]", "le secrétaire
    d'État américain, M. [Antony Blinken]"."""
    doc = ent.doc
    i = ent.start - 1
    while i >= 0 and (doc[i].text == "." or lex.titles.get(doc[i].lower_.rstrip(".")) == "honorific"):
        i -= 1  # "M.", "Mme" between the title and the name
    comma = i >= 0 and doc[i].text == ","
    if comma:
        i -= 1
    if i >= 0 and doc[i].lower_ in _PREPOSITIONS:
        return None  # "le parti d'[Alpha Condé]": the name is a complement, not titled
    end = i + 1
    sent_start = _clause_start(doc, ent.start)
    start = _left_start(doc, i, end, sent_start, lex)
    if comma and start > 0 and doc[start - 1].text == ",":
        return None  # "X, président du CNT, [Y] ...": the title is X's apposition
    return doc[start:end] if start < end else None


def _left_start(doc: Doc, i: int, end: int, sent_start: int, lex: Lexicons) -> int:
    """Where a title that ends at ``end`` begins, going left from ``i``."""
    while i >= sent_start and end - i <= 12:
        t = doc[i]
        if t.is_punct and t.text not in ("'", "’", "-"):
            break
        if _is_verb(t) or t.lower_ in _BOUNDARY_LOWER or t.ent_type_ == "PER":
            break
        contraction = t.lower_ in DE_CONTRACTED | A_CONTRACTED and t.pos_ == "ADP"
        if t.lower_ in _DETERMINERS and not contraction and not (i > sent_start and doc[i - 1].lower_ in ("de", "à")):
            break
        i -= 1
    return i + 1


def _left_phrases(ent: Span, lex: Lexicons) -> list[Span]:
    """:func:`_left_phrase`, and the title before it when "et" joins two: "la
    représentante du Colorado et militante des droits civiques, [X]"."""
    first = _left_phrase(ent, lex)
    if first is None:
        return []
    doc = ent.doc
    out = [first]
    k = first.start - 1
    if k > 0 and doc[k].lower_ == "et":
        sent_start = _clause_start(doc, ent.start)
        start = _left_start(doc, k - 1, k, sent_start, lex)
        if sent_start <= start < k and role_head_at(doc, start, lex) is None and start > 0 \
                and doc[start - 1].lower_ in _DETERMINERS:
            out.append(doc[start - 1:k])
        elif start < k:
            out.append(doc[start:k])
    return out


#: Words that end an apposition without undoing it: "X, ministre de la Défense et
#: porte-parole du gouvernement", "X, ancien diplomate qui dirige..."
_APPOSITION_END = frozenset({"et", "ou", "qui", "que", "qu'", "qu’", "dont"})


def _right_phrases(ent: Span) -> list[Span]:
    """The appositions after a name: "[Abdoulaye Diop], ministre des Affaires étrangères,",
    "[X], ancien diplomate portugais et chercheur invité à l'Institut Bruegel," (two)."""
    doc = ent.doc
    i = ent.end
    if i >= len(doc) or doc[i].text != ",":
        return []
    start = i + 1
    if start < len(doc) and doc[start].lower_ == "qui":
        # "X, qui a été longtemps le porte-parole du gouvernement de Y,": a copula
        # in a relative clause says a post as an apposition does
        k, copula = start + 1, False
        while k < len(doc) and (doc[k].pos_ in ("AUX", "ADV") and doc[k].lemma_ in ("être", "avoir")
                                or doc[k].pos_ == "ADV"):
            copula = copula or doc[k].lemma_ == COPULA
            k += 1
        if not copula:
            return []
        start = k
    relative = start > i + 1
    j = start
    limit = min(len(doc), start + 24)
    cuts = [start]
    while j < limit:
        t = doc[j]
        if t.is_punct and t.text not in ("'", "’", "-"):
            break
        if t.lower_ in _APPOSITION_END:
            if t.lower_ not in ("et", "ou"):
                break
            cuts.append(j + 1)
        elif t.ent_type_ == "PER" and j > start and (relative or doc[j - 1].lower_ in _PREPOSITIONS):
            # "qui a été le porte-parole de l'ancien président Jacques Chirac", "la
            # nouvelle avocate de Y": the post ends before the complement that names
            # another person
            j = max((k for k in range(start, j) if doc[k].lower_ in _PREPOSITIONS), default=j)
            break
        elif _is_verb(t) and j > start or t.lower_ in _BOUNDARY_LOWER or t.ent_type_ == "PER":
            return []  # "X, le chef de la diplomatie russe est attendu": a subject, not an apposition
        j += 1
    ends = [c - 1 for c in cuts[1:]] + [j]
    return [doc[s:e] for s, e in zip(cuts, ends) if s < e]


def person_roles(doc: Doc, actors: Mapping[int, str], country_actor: Mapping[str, str],
                 lex: Lexicons) -> Iterator[Role]:
    """Roles of the named persons of ``doc`` (``actors``: token index -> actor id)."""

    def actor_of(t: Token) -> str | None:
        return actors.get(t.i)

    for ent in doc.ents:
        if ent.label_ != "PER" or ent.start not in actors:
            continue
        for phrase in (*_left_phrases(ent, lex), *_right_phrases(ent)):
            if phrase is None:
                continue
            parsed = parse_role(phrase, country_actor, actor_of, lex)
            if parsed is None:
                continue
            title, of, _, first, state = parsed
            yield Role(actor=actors[ent.start], title=title, of=of,
                       start=doc[first].idx, end=phrase.end_char, of_state=state)


def title_head(title: str, lex: Lexicons) -> tuple[str, str] | None:
    """``(canonical head, group)`` of a title, its prefixes ("ancien") skipped.

    >>> from newsgraph.data import default_lexicons
    >>> title_head("ancien président de la transition", default_lexicons())
    ('président', 'leader')
    >>> title_head("ministre des affaires étrangères", default_lexicons())
    ('ministre des affaires étrangères', 'diplomat')
    """
    roles = lex.roles
    prefixes = lex.cues("role_prefix")
    words = title.lower().replace("’", "'").split()
    while words and words[0] in prefixes:
        words = words[1:]
    text = " ".join(words)
    for canon, group in roles.values():
        if canon == text:
            return canon, group
    best = None
    for n in range(len(words), 0, -1):
        head = " ".join(words[:n])
        if head in roles:
            best = (roles[head][0], roles[head][1])
            break
    return best


def unnamed_role_phrases(doc: Doc, actors: Mapping[int, str], country_actor: Mapping[str, str],
                         lex: Lexicons) -> Iterator[tuple[Span, str, str | None, RoleHead]]:
    """Definite role phrases not tied to a name: "le chef de la diplomatie russe",
    "le ministre malien des Affaires étrangères"; ``(span, title, of, head)``."""

    def actor_of(t: Token) -> str | None:
        return actors.get(t.i)

    i = 0
    while i < len(doc):
        t = doc[i]
        if i in actors or i == 0 or doc[i - 1].lower_ not in DEFINITE_SINGULAR | CONTRACTED_SINGULAR:
            i += 1
            continue
        head = role_head_at(doc, i, lex)
        if head is None or t.pos_ not in ("NOUN", "ADJ", "PROPN"):
            i += 1
            continue
        end = i + head.size
        limit = min(t.sent.end, end + 10)
        while end < limit:
            x = doc[end]
            if (x.is_punct and x.text not in ("'", "’", "-")) or x.pos_ in ("VERB", "AUX") \
                    or x.lower_ in _BOUNDARY_LOWER or x.ent_type_ == "PER":
                break
            end += 1
        # a name right after the phrase makes it a title, which person_roles handles
        nxt = doc[end + 1] if end < len(doc) - 1 and doc[end].text == "," else doc[end] if end < len(doc) else None
        if nxt is not None and nxt.ent_type_ == "PER":
            i = end
            continue
        span = doc[i - 1:end]
        parsed = parse_role(span, country_actor, actor_of, lex)
        if parsed:
            title, of, rh, _, _ = parsed
            yield span, title, of, rh
        i = end
