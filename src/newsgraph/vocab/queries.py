"""Named questions as SPARQL, for ``newsgraph query DIR --who-met ACTOR`` and friends.

A question is asked in two steps, so that it scales: the actor's name (any of its names,
case-insensitive) is first resolved to the actors' IRIs (the build's name index, or
:data:`ACTORS_NAMED` where there is none), then the question is asked about those IRIs
only (:func:`about`, which puts them in a ``VALUES ?actor`` block). Matching the name
inside the question, ``FILTER(LCASE(STR(?n)) = LCASE(?name))``, made the engine test
every literal of the build against it: on 633 articles ``--timeline`` did not finish.

The name asked is the last column, ``?name``, bound with pyoxigraph's substitutions
(SPARQL SEP-0007, which ask for the bound variable to be selected).
"""
from __future__ import annotations

PREFIXES = """PREFIX schema: <https://schema.org/>
PREFIX sem: <http://semanticweb.cs.vu.nl/2009/11/sem/>
PREFIX ng: <https://w3id.org/newsgraph/ns#>
PREFIX plover: <https://w3id.org/newsgraph/plover/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""

#: how a question names its actor when asked as it is (``kg.query(NAMED["timeline"],
#: name="Mali")``: fine on a few articles); :func:`about` puts the actors' IRIs instead
_ACTOR = """
  ?actor schema:name|schema:alternateName ?n .
  FILTER(LCASE(STR(?n)) = LCASE(?name))
"""

#: The IRIs named ``?name`` (any case): scans the name triples only.
ACTORS_NAMED = PREFIXES + """SELECT DISTINCT ?actor ?name WHERE {
  ?actor schema:name|schema:alternateName ?n .
  FILTER(LCASE(STR(?n)) = LCASE(STR(?name)))
} ORDER BY ?actor"""

WHO_MET = PREFIXES + """SELECT DISTINCT ?other ?type ?date ?article ?evidence ?name WHERE {""" + _ACTOR + """
  ?event sem:eventType plover:CONSULT ; ng:evidenceText ?evidence ; ng:reportedIn ?a .
  { ?event ng:source ?actor ; ng:target ?o } UNION { ?event ng:target ?actor ; ng:source ?o }
  ?o schema:name ?other . ?a schema:identifier ?article .
  OPTIONAL { ?event ng:mode/skos:notation ?type }
  OPTIONAL { ?event sem:hasTimeStamp|sem:hasBeginTimeStamp ?date }
} ORDER BY ?date ?other"""

VISITORS_OF = PREFIXES + """SELECT DISTINCT ?visitor ?date ?modality ?article ?evidence ?name WHERE {""" + _ACTOR + """
  ?event sem:eventType plover:CONSULT ; ng:mode plover:CONSULT-visit ; ng:target ?actor ;
         ng:source ?v ; ng:modality ?modality ; ng:evidenceText ?evidence ; ng:reportedIn ?a .
  ?v schema:name ?visitor . ?a schema:identifier ?article .
  OPTIONAL { ?event sem:hasTimeStamp|sem:hasBeginTimeStamp ?date }
} ORDER BY ?date ?visitor"""

# The actor's events first, in a subquery, and each name once: the union of the graphs
# holds an actor's name once per article that names it, and left to itself the engine
# started from every event of the build (on 633 articles, 2 minutes for France).
_EVENTS_OF = "{ ?event ng:source ?actor } UNION { ?event ng:target ?actor }"
_NAME_OF = "{{ SELECT DISTINCT ?{0} ?{1} WHERE {{ ?{0} schema:name ?{1} }} }}"
TIMELINE = PREFIXES + """SELECT DISTINCT ?date ?type ?source ?target ?modality ?article ?evidence ?name WHERE {""" + _ACTOR + """
  { SELECT DISTINCT ?event ?actor WHERE { """ + _EVENTS_OF + """ } }
  ?event sem:eventType ?t ; ng:modality ?modality ; ng:evidenceText ?evidence ; ng:reportedIn ?a ; ng:source ?s .
  ?t skos:notation ?type . ?a schema:identifier ?article .
  """ + _NAME_OF.format("s", "source") + """
  OPTIONAL { ?event ng:target ?tg . """ + _NAME_OF.format("tg", "target") + """ }
  OPTIONAL { ?event sem:hasTimeStamp|sem:hasBeginTimeStamp ?date }
} ORDER BY ?date ?type ?source ?target ?article ?evidence"""

NAMED = {"who_met": WHO_MET, "visitors_of": VISITORS_OF, "timeline": TIMELINE}

#: The timeline as it was asked before names were resolved to actors first: the name
#: matched case-insensitively against every literal of the store. Kept only so that the
#: tests and ``benchmarks/bench_queries.py`` compare the answers and the times.
FORMER_TIMELINE = PREFIXES + """SELECT DISTINCT ?date ?type ?source ?target ?modality ?article ?evidence ?name WHERE {
  ?actor schema:name|schema:alternateName ?n . FILTER(LCASE(STR(?n)) = LCASE(?name))
  ?event sem:eventType ?t ; ng:modality ?modality ; ng:evidenceText ?evidence ; ng:reportedIn ?a .
  { ?event ng:source ?actor } UNION { ?event ng:target ?actor }
  ?t skos:notation ?type . ?a schema:identifier ?article .
  ?event ng:source ?s . ?s schema:name ?source .
  OPTIONAL { ?event ng:target ?tg . ?tg schema:name ?target }
  OPTIONAL { ?event sem:hasTimeStamp|sem:hasBeginTimeStamp ?date }
} ORDER BY ?date ?type ?source ?target ?article ?evidence"""


def about(question: str, actors: list[str], name: str | None = None) -> str:
    """The text of a named question about the actors ``actors`` (IRIs), which are put in
    a ``VALUES`` block; ``name``, where given, in one too (for an endpoint, where there
    are no substitutions). Terms are written by pyoxigraph, which checks and escapes them.

    >>> q = about(WHO_MET, ["https://ex.org/ml"], "Mali")
    >>> "VALUES ?actor { <https://ex.org/ml> }" in q, 'VALUES ?name { "Mali" }' in q, "FILTER" in q
    (True, True, False)
    """
    import pyoxigraph as ox

    values = "VALUES ?actor { " + " ".join(str(ox.NamedNode(a)) for a in actors) + " }"
    # and inside the timeline's subquery too, so that the engine starts from their events
    question = question.replace(_ACTOR, "\n  " + values + "\n").replace(_EVENTS_OF, values + " " + _EVENTS_OF)
    return question if name is None else bind_name(question, name)


def bind_name(query: str, name: str) -> str:
    """``query`` with ``?name`` given by a ``VALUES`` block at the start of its ``WHERE``
    (for an endpoint, where there are no substitutions).

    >>> print(bind_name("SELECT ?n WHERE { ?a ?p ?n }", 'dit "non"'))
    SELECT ?n WHERE { VALUES ?name { "dit \\"non\\"" } ?a ?p ?n }
    """
    import pyoxigraph as ox

    return query.replace("WHERE {", "WHERE { VALUES ?name { " + str(ox.Literal(name)) + " }", 1)
