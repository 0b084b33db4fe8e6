"""Namespaces as code: a misspelt term is an error, not a silent new IRI.

Each class lists the terms newsgraph writes, and only those (``tests/test_vocab.py``
checks that every one is used): a term is added here when a writer starts to use it.

>>> str(SEM.Event)
'http://semanticweb.cs.vu.nl/2009/11/sem/Event'
>>> NG.modality in NG
True
>>> NG.modallity  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
AttributeError: term 'modallity' not in namespace 'https://w3id.org/newsgraph/ns#'
"""
from __future__ import annotations

from rdflib import URIRef
from rdflib.namespace import DefinedNamespace, Namespace


class SEM(DefinedNamespace):
    """The Simple Event Model (van Hage et al., 2011)."""

    _fail = True
    _NS = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")

    Event: URIRef
    Actor: URIRef
    Place: URIRef
    Role: URIRef
    RoleType: URIRef
    EventType: URIRef
    eventType: URIRef
    roleType: URIRef
    hasActor: URIRef
    hasPlace: URIRef
    hasTimeStamp: URIRef
    hasBeginTimeStamp: URIRef
    hasEndTimeStamp: URIRef


class NIF(DefinedNamespace):
    """NLP Interchange Format 2.0 core: character spans of a text."""

    _fail = True
    _NS = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")

    Context: URIRef
    Phrase: URIRef
    Sentence: URIRef
    RFC5147String: URIRef
    beginIndex: URIRef
    endIndex: URIRef
    anchorOf: URIRef
    referenceContext: URIRef
    isString: URIRef
    sourceUrl: URIRef


class ITSRDF(DefinedNamespace):
    """Internationalization Tag Set: what a span of text refers to."""

    _fail = True
    _NS = Namespace("http://www.w3.org/2005/11/its/rdf#")

    taIdentRef: URIRef


class NG(DefinedNamespace):
    """newsgraph's own terms."""

    _fail = True
    _NS = Namespace("https://w3id.org/newsgraph/ns#")

    Agreement: URIRef
    Conflict: URIRef
    Claim: URIRef
    sourceRole: URIRef
    targetRole: URIRef
    source: URIRef
    target: URIRef
    mode: URIRef
    modality: URIRef
    evidence: URIRef
    evidenceText: URIRef
    country: URIRef
    mentionedIn: URIRef
    party: URIRef
    status: URIRef
    signedDate: URIRef
    statusDate: URIRef
    about: URIRef
    attribute: URIRef
    claim: URIRef
    value: URIRef
    ofInferred: URIRef
    reportedIn: URIRef
    trigger: URIRef
    postOfState: URIRef


#: PLOVER event types and modes as SKOS concepts.
PLOVER = Namespace("https://w3id.org/newsgraph/plover/")
#: Where newsgraph's own vocabulary files live (SHACL shapes, JSON-LD context).
