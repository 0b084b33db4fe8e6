"""The PLOVER event ontology as a SKOS concept scheme with French and English labels."""
from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from rdflib import RDF, Literal, URIRef
from rdflib.namespace import SKOS

from .. import data
from .namespaces import PLOVER, SEM

SCHEME = PLOVER["scheme"]


@lru_cache(maxsize=1)
def plover_rows() -> tuple[dict[str, str], ...]:
    """The rows of ``data/plover.tsv`` (the package's lexicons: ``plover``).

    >>> len([r for r in plover_rows() if not r["mode"]])
    16
    """
    return data.default_lexicons().plover


def concept(event_type: str, mode: str | None = None) -> URIRef:
    """The IRI of a type or of a type's mode.

    >>> str(concept("CONSULT", "visit"))
    'https://w3id.org/newsgraph/plover/CONSULT-visit'
    """
    return PLOVER[f"{event_type}-{mode}" if mode else event_type]


def scheme_triples() -> Iterator[tuple]:
    """The concept scheme: types as top concepts, modes narrower than their type; each a
    ``sem:EventType``, as the objects of ``sem:eventType`` and ``ng:mode`` are."""
    yield SCHEME, RDF.type, SKOS.ConceptScheme
    yield SCHEME, SKOS.prefLabel, Literal("PLOVER event types and modes", lang="en")
    yield SCHEME, SKOS.prefLabel, Literal("Types et modes d'événements PLOVER", lang="fr")
    for r in plover_rows():
        c = concept(r["type"], r["mode"] or None)
        yield c, RDF.type, SKOS.Concept
        yield c, RDF.type, SEM.EventType
        yield c, SKOS.inScheme, SCHEME
        yield c, SKOS.notation, Literal(f"{r['type']}/{r['mode']}" if r["mode"] else r["type"])
        yield c, SKOS.prefLabel, Literal(r["label_en"], lang="en")
        yield c, SKOS.prefLabel, Literal(r["label_fr"], lang="fr")
        if r["definition_en"]:
            yield c, SKOS.definition, Literal(r["definition_en"], lang="en")
        if r["mode"]:
            yield c, SKOS.broader, concept(r["type"])
        else:
            yield c, SKOS.topConceptOf, SCHEME
