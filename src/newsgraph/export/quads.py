"""The quads of a build: schema.org actors and articles, SEM events typed with PLOVER
concepts, org:Post roles, NIF 2.0 mentions, PROV-O provenance; one named graph per
article, made one article at a time (:func:`dataset_chunks`).

Quads are pyoxigraph terms. Every node has an IRI (no blank nodes), deterministic from the
data, under the build's base IRI, so that two runs on the same input give the same graph.
The writers of :mod:`newsgraph.export.rdf`, the store and the name index
(:mod:`newsgraph.export.store`) and ``kg.query()`` (:mod:`newsgraph.export.sparql`) all
read them from here.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from dataclasses import replace
from itertools import chain
from typing import TypeGuard

import pyoxigraph as ox
from rdflib import RDF, RDFS, SKOS, XSD
from rdflib.namespace import ORG, OWL, PROV, SDO

from ..data import default_lexicons
from ..grammar import A_CONTRACTED, DE_FOLDED, DEFINITE_FOLDED
from ..graph import GraphData
from ..ingest.fields import iso_date
from ..records import Actor, DocumentRecord
from ..text import safe_url
from ..vocab import ITSRDF, NG, NIF, SEM
from ..vocab.plover import concept, scheme_triples
from .options import WriteOptions

ACTOR_CLASS = {"Person": SDO.Person, "Organization": SDO.Organization, "Country": SDO.Country}
#: Wikidata's items (``wd:`` in the RDF files)
WIKIDATA = "http://www.wikidata.org/entity/"


@lru_cache(maxsize=4096)
def N(iri: str) -> ox.NamedNode:  # noqa: N802 - reads like a constructor
    return ox.NamedNode(str(iri))


def lit(value, datatype=None, lang: str | None = None) -> ox.Literal:
    if lang:
        return ox.Literal(str(value), language=lang)
    if datatype is not None:
        return ox.Literal(str(value), datatype=N(datatype))
    return ox.Literal(str(value))


def date_literal(value: str) -> ox.Literal:
    """An ISO date at its precision: xsd:date, xsd:gYearMonth or xsd:gYear.

    >>> date_literal("2022-01").datatype.value
    'http://www.w3.org/2001/XMLSchema#gYearMonth'
    """
    if len(value) == 4:
        return lit(value, XSD.gYear)
    if len(value) == 7:
        return lit(value, XSD.gYearMonth)
    return lit(value[:10], XSD.date)


def _concrete(value: str | None) -> TypeGuard[str]:
    """Whether a date (or each end of a ``begin/end`` period) can be a typed literal: a
    real date at the precision :func:`date_literal` writes.

    >>> _concrete("2023-02-06TEV"), _concrete("2023-01-06/2023-01-07"), _concrete("2022")
    (True, True, True)
    >>> _concrete("2023-02-30"), _concrete("2023-W05"), _concrete("PRESENT_REF"), _concrete(None)
    (False, False, False, False)
    """
    if not value:
        return False
    return all(iso_date(p if len(p) in (4, 7) else p[:10]) and len(p[:10]) in (4, 7, 10) for p in value.split("/"))


def one_line(text: str) -> str:
    """A name on one line: runs of white space (line breaks included) as one space.

    >>> one_line("John Sudworth\\nCorrespondant ")
    'John Sudworth Correspondant'
    """
    return " ".join(text.split())


def actor_names(kg: GraphData) -> dict[str, str]:
    """One name per actor IRI across the build, so that the merged graph holds one
    ``schema:name`` an actor: the name its documents give most often (the first given on
    a tie); the others become ``schema:alternateName``."""
    counts: dict[str, dict[str, int]] = {}
    for rec in kg.documents:
        iri_of = kg.actor_iris(rec)
        for a in rec.actors:
            names = counts.setdefault(iri_of[a.id], {})
            name = one_line(a.name)
            names[name] = names.get(name, 0) + 1
    return {iri: max(names, key=lambda n: names[n]) for iri, names in counts.items()}


def _source_url(url: str | None) -> ox.NamedNode | None:
    """The article's own URL as an IRI, when it is an absolute http(s) IRI."""
    if not url or safe_url(url) != url or not url.lower().startswith(("http://", "https://")):
        return None
    try:
        return ox.NamedNode(url)
    except ValueError:
        return None


def build_iri(kg: GraphData) -> str:
    return kg.iris.build(kg.info.started or "unknown")


def vocabulary_quads() -> Iterator[ox.Quad]:
    """The PLOVER scheme and newsgraph's class axioms (default graph)."""
    g = ox.DefaultGraph()
    for s, p, o in scheme_triples():
        yield ox.Quad(N(s), N(p), _term(o), g)
    yield ox.Quad(N(NG.Agreement), N(RDFS.subClassOf), N(SDO.CreativeWork), g)
    yield ox.Quad(N(NG.Agreement), N(RDFS.label), lit("Agreement", lang="en"), g)
    yield ox.Quad(N(NG.Agreement), N(RDFS.label), lit("Accord", lang="fr"), g)
    yield ox.Quad(N(NG.Conflict), N(RDFS.label), lit("Conflicting claims", lang="en"), g)
    for role, label in ((NG.sourceRole, "source"), (NG.targetRole, "target")):
        yield ox.Quad(N(role), N(RDF.type), N(SEM.RoleType), g)
        yield ox.Quad(N(role), N(RDFS.label), lit(label, lang="en"), g)


def _term(x) -> ox.NamedNode | ox.Literal:
    """An rdflib term as a pyoxigraph term."""
    import rdflib

    if isinstance(x, rdflib.Literal):
        if x.language:
            return ox.Literal(str(x), language=x.language)
        return ox.Literal(str(x), datatype=N(x.datatype)) if x.datatype else ox.Literal(str(x))
    return N(x)


def event_attributes(kg: GraphData) -> dict[str, tuple[str | None, str | None]]:
    """For an event several articles report: its mode (the first one given) and its most
    precise date, so that the merged graph holds one of each."""
    out: dict[str, tuple[str | None, str | None]] = {}
    for rec in kg.documents:
        for n, e in enumerate(rec.events):
            iri = kg.links.event(rec.id, n)
            if not iri:
                continue
            mode, date = out.get(iri, (None, None))
            if _concrete(e.date) and (not _concrete(date) or len(e.date) > len(date or "")):
                date = e.date
            out[iri] = (mode or e.mode, date)
    return out


def provenance_quads(kg: GraphData) -> Iterator[ox.Quad]:
    """The build as a ``prov:Activity`` of newsgraph using the spaCy model (default graph)."""
    iris, info, dg = kg.iris, kg.info, ox.DefaultGraph()
    build = build_iri(kg)
    software = iris.software("newsgraph", str(info.version))
    model = iris.software(str(info.model), str(info.model_version))
    for s, p, o in (
        (build, RDF.type, N(PROV.Activity)), (build, RDFS.label, lit("newsgraph build")),
        (build, PROV.wasAssociatedWith, N(software)), (build, PROV.used, N(model)),
        (software, RDF.type, N(PROV.SoftwareAgent)), (software, RDF.type, N(SDO.SoftwareApplication)),
        (software, SDO.name, lit("newsgraph")), (software, SDO.softwareVersion, lit(info.version)),
        (model, RDF.type, N(PROV.Entity)), (model, RDF.type, N(SDO.SoftwareApplication)),
        (model, SDO.name, lit(info.model)),
        (model, SDO.softwareVersion, lit(info.model_version or "unknown")),
    ):
        yield ox.Quad(N(s), N(p), o, dg)
    if info.started:
        yield ox.Quad(N(build), N(PROV.startedAtTime), lit(info.started, XSD.dateTime), dg)


class _DocumentQuads:
    """The quads of one article's named graph, added by the writers below."""

    def __init__(self, kg: GraphData, rec: DocumentRecord, names: dict[str, str] | None = None,
                 options: WriteOptions = WriteOptions()) -> None:
        self.kg, self.rec, self.iris = kg, rec, kg.iris
        self.names = names or {}
        #: the actors' mentions as NIF spans (``--no-mentions`` leaves them out)
        self.mentions = options.mentions
        self.art = kg.iris.article(rec.id)
        self.graph = N(kg.iris.named_graph(rec.id))
        self.text = rec.article.text
        self.ctx = kg.iris.char(self.art, 0, len(self.text))
        self.actor_iri = dict(kg.actor_iris(rec))
        self.actor_type = {a.id: a.type for a in rec.actors}
        #: each quad once, in the order written (a sentence with two events is one span)
        self.out: dict[ox.Quad, None] = {}

    def q(self, s, p, o) -> None:
        self.out[ox.Quad(N(s), N(p), o if isinstance(o, (ox.Literal, ox.NamedNode)) else N(o), self.graph)] = None

    def span(self, start: int, end: int, text: str, kind=NIF.Phrase) -> str:
        """A NIF string for a span of the article's text; returns its IRI."""
        node = self.iris.char(self.art, start, end)
        q = self.q
        q(node, RDF.type, kind)
        q(node, RDF.type, NIF.RFC5147String)
        q(node, NIF.beginIndex, lit(start, XSD.nonNegativeInteger))
        q(node, NIF.endIndex, lit(end, XSD.nonNegativeInteger))
        q(node, NIF.anchorOf, lit(text))
        q(node, NIF.referenceContext, N(self.ctx))
        return node

    def sentence(self, span: tuple[int, int]) -> str:
        return self.span(span[0], span[1], self.text[span[0]:span[1]], NIF.Sentence)


def _article(d: _DocumentQuads) -> None:
    rec, q, art, ctx = d.rec, d.q, d.art, d.ctx
    q(art, RDF.type, SDO.NewsArticle)
    q(art, SDO.identifier, lit(rec.id))
    if rec.article.title:
        q(art, SDO.headline, lit(rec.article.title))
    if _concrete(rec.article.dct):
        q(art, SDO.datePublished, date_literal(rec.article.dct))
    if rec.article.url:
        q(art, SDO.url, lit(rec.article.url, XSD.anyURI))
    q(ctx, RDF.type, NIF.Context)
    q(ctx, RDF.type, NIF.RFC5147String)
    q(ctx, NIF.beginIndex, lit(0, XSD.nonNegativeInteger))
    q(ctx, NIF.endIndex, lit(len(d.text), XSD.nonNegativeInteger))
    q(ctx, NIF.isString, lit(d.text))
    source = _source_url(rec.article.url)
    if source is not None:  # where the text was read from; the article node is not a URL
        q(ctx, NIF.sourceUrl, source)


#: Grammar words a name may begin with ("la BBC", "de Gaulle", "al-Shabab"), folded: what
#: follows them must hold a capital for the words to be a name.
_LEADING = DE_FOLDED | DEFINITE_FOLDED | A_CONTRACTED | {"les", "al", "el"}


def is_proper_name(text: str) -> bool:
    """Whether ``text`` reads as a proper name: its first word past any leading grammar
    word holds a capital letter. Descriptions an actor is also called by ("pays",
    "gouvernement britannique", "le président") do not, and are no ``alternateName``.

    >>> [is_proper_name(x) for x in ("Moscou", "La BBC", "al-Shabab", "RD Congo", "de Gaulle")]
    [True, True, True, True, True]
    >>> [is_proper_name(x) for x in ("pays", "gouvernement britannique", "Le président", "pays comme les États-Unis")]
    [False, False, False, False]
    """
    words = [w for w in re.split(r"[\s'’-]+", text.strip()) if w]
    while words and words[0].lower() in _LEADING:
        words = words[1:]
    return bool(words) and any(c.isupper() for c in words[0])


def language(rec: DocumentRecord) -> str:
    """The language tag of an article's names: its primary subtag (``fr`` for ``fr-CA``)."""
    return (rec.article.lang or "fr").split("-")[0].lower() or "fr"


@lru_cache(maxsize=1)
def wikidata_items() -> dict[str, str]:
    """``country:ML`` / ``org:un`` -> the Wikidata item's IRI, from
    ``data/wikidata_countries.tsv`` and the ``qid`` column of ``data/organizations.tsv``.

    >>> wikidata_items()["country:ML"], wikidata_items()["org:un"]
    ('http://www.wikidata.org/entity/Q912', 'http://www.wikidata.org/entity/Q1065')
    """
    lex = default_lexicons()
    items = {f"country:{iso}": WIKIDATA + qid for iso, qid in lex.country_items.items()}
    items.update({f"org:{o.key}": WIKIDATA + o.qid for o in lex.organizations.values() if o.qid})
    return items


def same_as(actor: Actor) -> str | None:
    """The Wikidata item of a country or a known organisation, else None."""
    key = actor.key
    if key is None or key.kind not in ("country", "org") or (key.kind == "country" and actor.type != "Country"):
        return None
    return wikidata_items().get(f"{key.kind}:{key.id}")


def _actors(d: _DocumentQuads) -> None:
    q, tag = d.q, language(d.rec)
    for a in d.rec.actors:
        iri = d.actor_iri[a.id]
        q(iri, RDF.type, ACTOR_CLASS[a.type])
        q(iri, RDF.type, SEM.Actor)
        name = d.names.get(iri) or one_line(a.name)
        q(iri, SDO.name, lit(name, lang=tag))
        for alias in dict.fromkeys(one_line(x) for x in [a.name, *a.aliases]):
            if alias and alias != name and is_proper_name(alias):
                q(iri, SDO.alternateName, lit(alias, lang=tag))
        item = same_as(a)
        if item:
            q(iri, OWL.sameAs, N(item))
        if a.country:
            q(iri, NG.country, lit(a.country))
        q(iri, NG.mentionedIn, d.art)
        if not d.mentions:
            continue
        for m in a.mentions:
            q(d.span(m.start, m.end, m.text), ITSRDF.taIdentRef, iri)


def _events(d: _DocumentQuads, canonical: dict[str, tuple[str | None, str | None]]) -> None:
    q, rec, iri = d.q, d.rec, d.actor_iri
    for n, e in enumerate(rec.events):
        ev = d.kg.event_iri(rec, n)
        mode, date = canonical.get(ev, (e.mode, e.date))  # one event across articles, one value
        # one pair across articles: a direction-free event told either way round has its first report's
        src, tgt = d.kg.links.pairs.get(ev) or (iri.get(e.source or ""), iri.get(e.target or ""))
        q(ev, RDF.type, SEM.Event)
        q(ev, SEM.eventType, concept(e.type))
        if mode:
            q(ev, NG.mode, concept(e.type, mode))
        q(ev, NG.modality, lit(e.modality))
        for role, rel, which, actor in ((NG.sourceRole, NG.source, "source", src),
                                        (NG.targetRole, NG.target, "target", tgt)):
            if actor:
                q(ev, rel, actor)
                r = d.iris.event_role(ev, which)
                q(ev, SEM.hasActor, r)
                q(r, RDF.type, SEM.Role)
                q(r, RDF.value, actor)
                q(r, SEM.roleType, role)
        if e.place:
            place = d.iris.place(e.place)
            q(ev, SEM.hasPlace, place)
            q(place, RDF.type, SEM.Place)
            q(place, RDFS.label, lit(e.place))
        if _concrete(date):
            begin, _, end = date.partition("/")
            if end:
                q(ev, SEM.hasBeginTimeStamp, date_literal(begin))
                q(ev, SEM.hasEndTimeStamp, date_literal(end))
            else:
                q(ev, SEM.hasTimeStamp, date_literal(begin))
        q(ev, NG.evidence, d.sentence(e.sentence))
        q(ev, NG.evidenceText, lit(d.text[e.sentence[0]:e.sentence[1]].strip()))
        q(ev, NG.trigger, d.span(e.start, e.end, e.trigger))
        q(ev, NG.reportedIn, d.art)
        q(ev, PROV.wasDerivedFrom, d.art)


def _conflicts(d: _DocumentQuads) -> None:
    q = d.q
    for c in d.rec.conflicts:
        node = d.iris.conflict(d.rec.id, c.event + 1)
        q(node, RDF.type, NG.Conflict)
        q(node, NG.about, d.kg.event_iri(d.rec, c.event))
        q(node, NG.attribute, lit(c.attribute))
        for i, claim in enumerate(c.claims, 1):
            cl = d.iris.claim(node, i)
            q(node, NG.claim, cl)
            q(cl, RDF.type, NG.Claim)
            q(cl, NG.value, lit(claim.value))
            q(cl, NG.evidence, d.sentence(claim.sentence))


def _roles(d: _DocumentQuads) -> None:
    q, iri = d.q, d.actor_iri
    for r in d.rec.roles:
        if r.actor not in iri:
            continue
        post = d.iris.post(iri[r.actor], r.title, iri.get(r.of or ""))
        q(post, RDF.type, ORG.Post)
        q(post, SKOS.prefLabel, lit(r.title, lang="fr"))
        q(post, ORG.heldBy, iri[r.actor])
        q(iri[r.actor], ORG.holds, post)
        if r.of in iri and d.actor_type[r.of] in ("Organization", "Country"):
            # org:postIn ranges over organisations: a state's post says ng:postOfState
            q(post, ORG.postIn if d.actor_type[r.of] == "Organization" else NG.postOfState, iri[r.of])
            if r.of_inferred:
                q(post, NG.ofInferred, lit("true", XSD.boolean))
        q(post, NG.evidence, d.span(r.start, r.end, d.text[r.start:r.end]))


def _agreements(d: _DocumentQuads) -> None:
    q, iri = d.q, d.actor_iri
    for n, ag in enumerate(d.rec.agreements, 1):
        node = d.iris.agreement(d.rec.id, n)
        q(node, RDF.type, NG.Agreement)
        q(node, SDO.name, lit(one_line(ag.name), lang=language(d.rec)))
        for p in ag.parties:
            if p in iri:
                q(node, NG.party, iri[p])
        if ag.status:
            q(node, NG.status, lit(ag.status))
        if _concrete(ag.signed):
            q(node, NG.signedDate, date_literal(ag.signed))
        if _concrete(ag.status_date):
            q(node, NG.statusDate, date_literal(ag.status_date))
        q(node, NG.evidence, d.span(ag.start, ag.end, d.text[ag.start:ag.end]))
        q(node, PROV.wasDerivedFrom, d.art)


def document_provenance_quads(kg: GraphData, rec: DocumentRecord) -> Iterator[ox.Quad]:
    """Where an article's named graph comes from (default graph): its article, the build."""
    graph, dg = N(kg.iris.named_graph(rec.id)), ox.DefaultGraph()
    yield ox.Quad(graph, N(PROV.wasDerivedFrom), N(kg.iris.article(rec.id)), dg)
    yield ox.Quad(graph, N(PROV.wasGeneratedBy), N(build_iri(kg)), dg)
    if kg.info.started:
        yield ox.Quad(graph, N(PROV.generatedAtTime), lit(kg.info.started, XSD.dateTime), dg)


def named_graph_quads(kg: GraphData, rec: DocumentRecord,
                      canonical: dict[str, tuple[str | None, str | None]],
                      names: dict[str, str] | None = None, options: WriteOptions = WriteOptions()) -> list[ox.Quad]:
    """The named graph of one article, each quad once, in the order written."""
    d = _DocumentQuads(kg, rec, names, options)
    _article(d)
    _actors(d)
    _events(d, canonical)
    _conflicts(d)
    _roles(d)
    _agreements(d)
    return list(d.out)


class Chunk(list):
    """The quads of one part of a build (:func:`dataset_chunks`), each once, and the
    article whose named graph it holds (``None``: the vocabulary and the build)."""

    def __init__(self, quads: Iterable[ox.Quad], article: str | None = None) -> None:
        super().__init__(quads)
        self.article = article


def dataset_chunks(kg: GraphData, options: WriteOptions | None = None) -> Iterator[Chunk]:
    """The quads of the build one part at a time, made when asked for: the vocabulary and
    the build's provenance (default graph), then for each article its provenance
    (default graph) and its named graph.

    The writers consume this stream, so that one article's quads at most are held at a
    time, never a list of the whole build's. Each quad is in one chunk only: a chunk
    holds each of its quads once, and two chunks share none (every article has its own
    named graph and its own provenance, document ids being distinct in a build).
    ``options`` default to the build's (:meth:`WriteOptions.of`).
    """
    options = options or WriteOptions.of(kg)
    yield head_chunk(kg)
    across = across_articles(kg)
    for rec in kg.documents:
        yield document_chunk(kg, rec, options, across)


def head_chunk(kg: GraphData, builds: Iterable[str] = ()) -> Chunk:
    """The vocabulary and the provenance of the build (default graph): of each build of
    ``builds`` (times) whose graphs a folder holds, else of ``kg``'s."""
    times = list(builds) or [kg.info.started or ""]
    quads = [vocabulary_quads()]
    for t in times:
        quads.append(provenance_quads(kg if t == (kg.info.started or "") else
                                      replace(kg, info=replace(kg.info, started=t or None))))
    return Chunk(dict.fromkeys(chain.from_iterable(quads)))


#: What the named graphs take from the whole build: each event's mode and date, each actor's name.
Across = tuple[dict[str, tuple[str | None, str | None]], dict[str, str]]


def across_articles(kg: GraphData) -> Across:
    """What an article's named graph takes from the others: :func:`event_attributes`
    and :func:`actor_names`, made once for all the chunks of a pass."""
    return event_attributes(kg), actor_names(kg)


def document_chunk(kg: GraphData, rec: DocumentRecord, options: WriteOptions | None = None,
                   across: Across | None = None) -> Chunk:
    """One article's chunk: its provenance (default graph) and its named graph."""
    canonical, names = across or across_articles(kg)
    return Chunk(chain(document_provenance_quads(kg, rec),
                       named_graph_quads(kg, rec, canonical, names, options or WriteOptions.of(kg))),
                 kg.iris.article(rec.id))


def dataset_quads(kg: GraphData) -> Iterator[ox.Quad]:
    """Every quad of the build, each once (a stream: see :func:`dataset_chunks`): one
    named graph per article, provenance and vocabulary in the default graph."""
    for chunk in dataset_chunks(kg):
        yield from chunk


def quad_batches(kg: GraphData, size: int = 50_000) -> Iterator[list[ox.Quad]]:
    """:func:`dataset_quads` in lists of whole chunks of about ``size`` quads (at least
    one chunk each), for consumers that take a list at a time (a store's bulk load)."""
    batch: list[ox.Quad] = []
    for chunk in dataset_chunks(kg):
        batch.extend(chunk)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch
