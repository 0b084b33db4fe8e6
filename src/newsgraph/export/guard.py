"""What a SPARQL query must pass before it is run: a size, a nesting depth, no SERVICE.

- **Size**: at most :data:`MAX_QUERY` characters (E069).
- **Nesting**, checked before any parser sees the query (pyoxigraph's parser recurses
  once a bracket: 2,500 nested braces overflow a thread's stack and kill the process).
  :func:`nesting` counts the depth of ``{ ( [`` outside strings, IRIs and comments, by
  SPARQL's lexical rules; more than :data:`MAX_DEPTH` is E069. (A ``<`` that is an
  operator but looks like the start of an IRI could make it count less than the parser
  nests: a query that fooled it still runs only in a worker process, :mod:`.workers`,
  whose crash is a coded error, not the server's.)
- **SERVICE** (a request to another endpoint, E070): found by parsing, with rdflib's
  SPARQL parser, never by scanning text. A query where the word "service" appears in no
  case cannot call it (pyoxigraph reads no escape in a keyword), so only those are
  parsed. What rdflib reads differently from pyoxigraph is made the same first: escapes
  ``\\uXXXX`` (pyoxigraph reads them only inside strings and IRIs, where they stand for one
  character, rdflib everywhere, before parsing) become a plain letter, and a carriage
  return ends a comment for both. A query rdflib cannot parse is not run (E071): it might
  hide a SERVICE.

>>> check_query("SELECT * WHERE { ?s ?p 'service' }")
>>> check_query("SELECT * WHERE { SERVICE <http://ex.org/q> { ?s ?p ?o } }")
Traceback (most recent call last):
...
newsgraph.errors.NewsgraphError: [E070] The query calls SERVICE, which would send a request to another endpoint over the network; newsgraph answers from the build only. (In `newsgraph query`, --allow-service allows it.)
>>> nesting("SELECT * WHERE { { ?s ?p '{{{' } } # {{{")
2
"""
from __future__ import annotations

import re

from ..errors import Errors, NewsgraphError

#: The longest query run (characters).
MAX_QUERY = 1 << 20
#: The deepest nesting of brackets a query may have (newsgraph's own questions: 4).
MAX_DEPTH = 100
#: What an IRI written ``<...>`` may hold (SPARQL's IRIREF).
_IRI = re.compile(r'<[^<>"{}|^`\\\x00-\x20]*>')
_OPEN, _CLOSE = "{([", "})]"
_ESCAPE = re.compile(r"\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8}")


def _string_end(query: str, i: int) -> int:
    """The index after the string that starts at ``i`` (its end of text if unclosed)."""
    quote = query[i]
    long_ = query.startswith(quote * 3, i)
    j = i + (3 if long_ else 1)
    n = len(query)
    while j < n:
        c = query[j]
        if c == "\\":
            j += 2
        elif long_ and query.startswith(quote * 3, j):
            return j + 3
        elif not long_ and c == quote:
            return j + 1
        elif not long_ and c in "\r\n":
            return j  # a short string ends at a line break (it is an error)
        else:
            j += 1
    return n


def nesting(query: str) -> int:
    """The deepest nesting of ``{ ( [`` in ``query``, strings, IRIs and comments left out."""
    depth = deepest = i = 0
    n = len(query)
    while i < n:
        c = query[i]
        if c in "'\"":
            i = _string_end(query, i)
            continue
        if c == "#":
            while i < n and query[i] not in "\r\n":
                i += 1
            continue
        if c == "<":
            m = _IRI.match(query, i)
            i = m.end() if m else i + 1
            continue
        if c == "\\":
            i += 2
            continue
        if c in _OPEN:
            depth += 1
            deepest = max(deepest, depth)
        elif c in _CLOSE:
            depth = max(depth - 1, 0)
        i += 1
    return deepest


def _walk(node) -> bool:
    from rdflib.plugins.sparql.parserutils import CompValue

    stack = [node]
    while stack:
        x = stack.pop()
        if isinstance(x, CompValue):
            if x.name == "ServiceGraphPattern":
                return True
            stack.extend(x.values())
        elif isinstance(x, dict):
            stack.extend(x.values())
        elif isinstance(x, (list, tuple)) or type(x).__name__ == "ParseResults":
            stack.extend(x)
    return False


def uses_service(query: str) -> bool:
    """Whether a SPARQL query calls SERVICE, as a parser reads it (E071 when it cannot
    be parsed and names the word).

    >>> uses_service("SELECT ?service WHERE { ?service ?p 'SERVICE' } # SERVICE")
    False
    >>> uses_service("SELECT * WHERE { ?s ?p ?o FILTER EXISTS { SERVICE SILENT ?x { ?a ?b ?c } } }")
    True
    """
    if "service" not in query.casefold():
        return False
    from rdflib.plugins.sparql.parser import parseQuery

    text = _ESCAPE.sub("A", query).replace("\r", "\n")
    try:
        return _walk(parseQuery(text))
    except Exception as e:  # noqa: BLE001 - pyparsing's errors, a RecursionError: not checked, not run
        raise NewsgraphError(Errors.E071, detail=str(e).splitlines()[0][:200] if str(e) else type(e).__name__) from None


def check_query(query: object, *, allow_service: bool = False) -> None:
    """Raise the coded error of a query that must not run (see the module's text)."""
    if not isinstance(query, str):
        raise NewsgraphError(Errors.E013, detail="the query is not text")
    if len(query) > MAX_QUERY:
        raise NewsgraphError(Errors.E069, detail=f"it is {len(query)} characters long, and newsgraph runs "
                                                 f"queries of at most {MAX_QUERY}")
    depth = nesting(query)
    if depth > MAX_DEPTH:
        raise NewsgraphError(Errors.E069, detail=f"it nests brackets {depth} deep, and newsgraph runs queries "
                                                 f"nested at most {MAX_DEPTH} deep")
    if not allow_service and uses_service(query):
        raise NewsgraphError(Errors.E070)
