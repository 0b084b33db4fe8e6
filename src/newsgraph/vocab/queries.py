"""Named questions as SPARQL, for ``newsgraph query DIR --who-met ACTOR`` and friends.

Each takes an actor's name (any of its names, case-insensitive) as ``?name``, bound with
pyoxigraph's substitutions (SPARQL SEP-0007), which ask for the bound variable to be
selected: it is the last column.
"""
from __future__ import annotations

PREFIXES = """PREFIX schema: <https://schema.org/>
PREFIX sem: <http://semanticweb.cs.vu.nl/2009/11/sem/>
PREFIX ng: <https://w3id.org/newsgraph/ns#>
PREFIX plover: <https://w3id.org/newsgraph/plover/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""

_ACTOR = """
  ?actor schema:name|schema:alternateName ?n .
  FILTER(LCASE(STR(?n)) = LCASE(?name))
"""

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

TIMELINE = PREFIXES + """SELECT DISTINCT ?date ?type ?source ?target ?modality ?article ?evidence ?name WHERE {""" + _ACTOR + """
  ?event sem:eventType ?t ; ng:modality ?modality ; ng:evidenceText ?evidence ; ng:reportedIn ?a .
  { ?event ng:source ?actor } UNION { ?event ng:target ?actor }
  ?t skos:notation ?type . ?a schema:identifier ?article .
  ?event ng:source ?s . ?s schema:name ?source .
  OPTIONAL { ?event ng:target ?tg . ?tg schema:name ?target }
  OPTIONAL { ?event sem:hasTimeStamp|sem:hasBeginTimeStamp ?date }
} ORDER BY ?date ?type"""

NAMED = {"who_met": WHO_MET, "visitors_of": VISITORS_OF, "timeline": TIMELINE}
