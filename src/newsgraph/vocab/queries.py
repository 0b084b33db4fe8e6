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

# Each question is a join of small tables, one a property of the actor's events, each
# made DISTINCT on its own: the union of the graphs holds a fact once per article that
# states it, so that an event told by k articles, joined property by property, gave k
# rows for each of its properties, their product (and the names of an actor named in
# 200 articles 200 times): on 633 articles `--timeline Russie` took 20 GB before it was
# stopped. :func:`about` puts the actors' IRIs at the start of every table
# (:data:`_EACH`), so that each is read from the actor's events only.
_EACH = "# the actors\n"
_EVENTS_OF = "{ ?event ng:source ?actor } UNION { ?event ng:target ?actor }"


def _table(columns: str, pattern: str, *, optional: bool = False) -> str:
    """``{ SELECT DISTINCT ?actor ?event COLUMNS WHERE { the actor's events, PATTERN } }``."""
    table = (f"{{ SELECT DISTINCT ?actor ?event {columns} WHERE {{ {_EACH}  {_EVENTS_OF}\n"
             f"    {pattern} }} }}")
    return ("  OPTIONAL " if optional else "  ") + table + "\n"


def _named(columns: str, pattern: str, node: str, name: str, predicate: str = "schema:name") -> str:
    """A table of the actor's events and the names of ``?node`` they lead to: the
    distinct nodes first, then their names."""
    return (f"  {{ SELECT DISTINCT ?actor ?event {columns} ?{name} WHERE {{\n"
            f"    {{ SELECT DISTINCT ?actor ?event {columns} ?{node} WHERE {{ {_EACH}  {pattern} }} }}\n"
            f"    ?{node} {predicate} ?{name} }} }}\n")


_EVIDENCE = _table("?evidence", "?event ng:evidenceText ?evidence .")
_ARTICLE = _table("?article", "?event ng:reportedIn ?a . ?a schema:identifier ?article .")
_MODALITY = _table("?modality", "?event ng:modality ?modality .")
_DATE = _table("?date", "?event sem:hasTimeStamp|sem:hasBeginTimeStamp ?date .", optional=True)

WHO_MET = PREFIXES + """SELECT DISTINCT ?other ?type ?date ?article ?evidence ?name WHERE {""" + _ACTOR + \
    _named("", "{ ?event ng:source ?actor ; ng:target ?o } UNION { ?event ng:target ?actor ; ng:source ?o }\n"
               "    ?event sem:eventType plover:CONSULT .", "o", "other") + \
    _EVIDENCE + _ARTICLE + _table("?type", "?event ng:mode/skos:notation ?type .", optional=True) + _DATE + \
    """} ORDER BY ?date ?other"""

VISITORS_OF = PREFIXES + """SELECT DISTINCT ?visitor ?date ?modality ?article ?evidence ?name WHERE {""" + \
    _ACTOR + \
    _named("", "?event ng:target ?actor ; sem:eventType plover:CONSULT ; ng:mode plover:CONSULT-visit ;\n"
               "           ng:source ?v .", "v", "visitor") + \
    _MODALITY + _EVIDENCE + _ARTICLE + _DATE + """} ORDER BY ?date ?visitor"""

TIMELINE = PREFIXES + """SELECT DISTINCT ?date ?type ?source ?target ?modality ?article ?evidence ?name WHERE {""" + \
    _ACTOR + _table("?type", "?event sem:eventType ?t . ?t skos:notation ?type .") + _MODALITY + _EVIDENCE + \
    _ARTICLE + _named("", _EVENTS_OF + " ?event ng:source ?s .", "s", "source") + \
    "  OPTIONAL" + _named("", _EVENTS_OF + " ?event ng:target ?tg .", "tg", "target")[1:] + _DATE + \
    """} ORDER BY ?date ?type ?source ?target ?article ?evidence"""

NAMED = {"who_met": WHO_MET, "visitors_of": VISITORS_OF, "timeline": TIMELINE}

#: The questions as they were asked before names were resolved to actors first, and
#: joined property by property: the name matched case-insensitively against every
#: literal of the store. Kept only so that the tests and ``benchmarks/bench_queries.py``
#: compare the answers and the times.
FORMER_WHO_MET = PREFIXES + """SELECT DISTINCT ?other ?type ?date ?article ?evidence ?name WHERE {""" + _ACTOR + """
  ?event sem:eventType plover:CONSULT ; ng:evidenceText ?evidence ; ng:reportedIn ?a .
  { ?event ng:source ?actor ; ng:target ?o } UNION { ?event ng:target ?actor ; ng:source ?o }
  ?o schema:name ?other . ?a schema:identifier ?article .
  OPTIONAL { ?event ng:mode/skos:notation ?type }
  OPTIONAL { ?event sem:hasTimeStamp|sem:hasBeginTimeStamp ?date }
} ORDER BY ?date ?other"""

FORMER_VISITORS_OF = PREFIXES + """SELECT DISTINCT ?visitor ?date ?modality ?article ?evidence ?name WHERE {""" + \
    _ACTOR + """
  ?event sem:eventType plover:CONSULT ; ng:mode plover:CONSULT-visit ; ng:target ?actor ;
         ng:source ?v ; ng:modality ?modality ; ng:evidenceText ?evidence ; ng:reportedIn ?a .
  ?v schema:name ?visitor . ?a schema:identifier ?article .
  OPTIONAL { ?event sem:hasTimeStamp|sem:hasBeginTimeStamp ?date }
} ORDER BY ?date ?visitor"""

FORMER_TIMELINE = PREFIXES + """SELECT DISTINCT ?date ?type ?source ?target ?modality ?article ?evidence ?name WHERE {
  ?actor schema:name|schema:alternateName ?n . FILTER(LCASE(STR(?n)) = LCASE(?name))
  ?event sem:eventType ?t ; ng:modality ?modality ; ng:evidenceText ?evidence ; ng:reportedIn ?a .
  { ?event ng:source ?actor } UNION { ?event ng:target ?actor }
  ?t skos:notation ?type . ?a schema:identifier ?article .
  ?event ng:source ?s . ?s schema:name ?source .
  OPTIONAL { ?event ng:target ?tg . ?tg schema:name ?target }
  OPTIONAL { ?event sem:hasTimeStamp|sem:hasBeginTimeStamp ?date }
} ORDER BY ?date ?type ?source ?target ?article ?evidence"""

FORMER = {"who_met": FORMER_WHO_MET, "visitors_of": FORMER_VISITORS_OF, "timeline": FORMER_TIMELINE}


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
    # and at the start of every table too, so that the engine starts from their events
    question = question.replace(_ACTOR, "\n  " + values + "\n").replace(_EACH, values + "\n")
    return question if name is None else bind_name(question, name)


def bind_name(query: str, name: str) -> str:
    """``query`` with ``?name`` given by a ``VALUES`` block at the start of its ``WHERE``
    (for an endpoint, where there are no substitutions).

    >>> print(bind_name("SELECT ?n WHERE { ?a ?p ?n }", 'dit "non"'))
    SELECT ?n WHERE { VALUES ?name { "dit \\"non\\"" } ?a ?p ?n }
    """
    import pyoxigraph as ox

    return query.replace("WHERE {", "WHERE { VALUES ?name { " + str(ox.Literal(name)) + " }", 1)
