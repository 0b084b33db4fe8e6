"""Namespaces as code: a misspelt term is an error, not a silent new IRI.

>>> str(SEM.Event)
'http://semanticweb.cs.vu.nl/2009/11/sem/Event'
>>> NG.modality in NG
True
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
    Time: URIRef
    Role: URIRef
    RoleType: URIRef
    EventType: URIRef
    ActorType: URIRef
    eventType: URIRef
    actorType: URIRef
    roleType: URIRef
    hasActor: URIRef
    hasPlace: URIRef
    hasTime: URIRef
    hasTimeStamp: URIRef
    hasBeginTimeStamp: URIRef
    hasEndTimeStamp: URIRef
    hasEarliestBeginTimeStamp: URIRef
    hasLatestEndTimeStamp: URIRef
    accordingTo: URIRef
    subEventOf: URIRef


class NG(DefinedNamespace):
    """newsgraph's own terms."""

    _fail = True
    _NS = Namespace("https://w3id.org/newsgraph/ns#")

    Agreement: URIRef
    Conflict: URIRef
    Claim: URIRef
    Mention: URIRef
    Build: URIRef
    source: URIRef
    target: URIRef
    mode: URIRef
    modality: URIRef
    evidence: URIRef
    placeName: URIRef
    country: URIRef
    mentionedIn: URIRef
    party: URIRef
    status: URIRef
    signedDate: URIRef
    statusDate: URIRef
    roleTitle: URIRef
    beginIndex: URIRef
    endIndex: URIRef
    anchorOf: URIRef
    hasMention: URIRef
    about: URIRef
    claim: URIRef
    value: URIRef


#: PLOVER event types and modes as SKOS concepts.
PLOVER = Namespace("https://w3id.org/newsgraph/plover/")
