"""One IRI per real-world actor across the whole corpus."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from ..data import Lexicons
from ..vocab.iris import Iris
from .names import fold, same_given_name, slug
from .within import Actor


def assign_iris(documents: Iterable[list[Actor]], iris: Iris, lex: Lexicons,
                doc_ids: Iterable[str] | None = None) -> None:
    """Give every actor of every document its corpus-wide ``iri`` (in place).

    Countries are identified by ISO code and known organisations by gazetteer key; other
    organisations by name, and a state body ("armée", "ministère de la justice") by name
    and state: without a state it is one document's own (``doc_ids`` name the documents).
    Persons with the same surname share an IRI when their given names are spellings of
    one name; a surname alone joins the only full name that carries it in the corpus,
    and stays on its own when two different persons share it.
    """
    docs = [list(d) for d in documents]
    ids = list(doc_ids) if doc_ids is not None else [str(i) for i in range(len(docs))]
    heads = lex.bodies
    persons: dict[str, list[Actor]] = defaultdict(list)
    for doc_id, actors in zip(ids, docs):
        for a in actors:
            if a.type == "Country" and a.country:
                a.iri = iris.actor("country", a.country)
            elif a.key:
                a.iri = iris.actor("org", a.key.id)
            elif a.type == "Organization":
                words = [w for w in fold(a.name).split() if w not in ("de", "du", "des", "la", "le", "l", "d")]
                generic = bool(words) and len(words) <= 2 and any(fold(h) == words[0] for h in heads)
                if generic:  # "armée", "Cour suprême": a state body, but whose?
                    scope = a.country or f"doc-{slug(doc_id)}"
                    a.iri = iris.actor("org", f"{slug(a.name)}-{scope.lower()}")
                else:
                    a.iri = iris.actor("org", slug(a.name))
            else:
                tokens = fold(a.name).split()
                persons[tokens[-1] if tokens else ""].append(a)
    for surname, group in persons.items():
        # full names first: each distinct given name (up to spelling) is one person
        people: list[tuple[str, str]] = []  # (folded given name, iri)
        for a in sorted(group, key=lambda x: -len(x.name.split())):
            tokens = fold(a.name).split()
            if len(tokens) > 1:
                given = tokens[0]
                match = next((iri for g, iri in people if same_given_name(g, given)), None)
                if match is None:
                    match = iris.actor("person", slug(a.name))
                    people.append((given, match))
                a.iri = match
            else:
                distinct = {iri for _, iri in people}
                a.iri = distinct.pop() if len(distinct) == 1 else iris.actor("person", slug(a.name))
