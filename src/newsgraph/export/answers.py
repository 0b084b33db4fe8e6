"""SPARQL answers for ``kg.query()`` in a notebook: every query form, each answer once.

pyoxigraph's ``use_default_graph_as_union`` gives the union of the graphs as a multiset:
a triple several article graphs hold (``<France> schema:name "France"``) comes out once
per graph. rdflib's union, and what a reader expects, is a set. :func:`union_store`
therefore keeps every article's named graph and puts each triple once in the default
graph too; queries run over that default graph (``GRAPH ?g`` still reaches the article
graphs). SELECT, ASK, CONSTRUCT and DESCRIBE are all answered (:func:`answer`); SERVICE
stays refused as :func:`newsgraph.export.sparql.solutions` refuses it. ``k=value``
binds ``?k`` by pyoxigraph's substitutions where the query selects ``?k``, and by a
``VALUES`` block (terms written by pyoxigraph, so escaped) where it does not. Names are
tagged with their language (``"Mali"@fr``): a string given for a name matches it, as the
text alone or tagged with one of the build's ``languages`` (both forms in the
``VALUES`` block; a ``FILTER`` that compares text keeps the one it can).
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

from ..errors import Errors, NewsgraphError
from .sparql import uses_service

#: What a query's braces may hide in: strings, IRIs and comments (where_start skips them).
_OPAQUE = re.compile("|".join([
    r"'''[\s\S]*?'''", r'"""[\s\S]*?"""',              # long strings
    r"'(?:[^'\\\n]|\\.)*'", r'"(?:[^"\\\n]|\\.)*"',     # strings
    r'<[^<>"{}|^`\\\s]*>',                            # IRIs
    r"#[^\n\r]*",                                    # comments
]))

if TYPE_CHECKING:  # pragma: no cover
    from ..graph import GraphData


def union_store(kg: GraphData) -> ox.Store:
    """A store of ``kg``: its named graphs, and their union (a set) as the default graph
    with the provenance; made once per graph (``kg.views["union_store"]``: a graph never
    changes, so its store is never stale)."""
    if "union_store" not in kg.views:
        from .quads import quad_batches

        store = ox.Store()
        for batch in quad_batches(kg):
            store.bulk_extend(batch)
            store.bulk_extend([ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph())
                               for q in batch if not isinstance(q.graph_name, ox.DefaultGraph)])
        kg.views["union_store"] = store
    return kg.views["union_store"]


def _term(value: Any):
    return value if isinstance(value, (ox.NamedNode, ox.Literal, ox.BlankNode)) else ox.Literal(str(value))


def where_start(query: str) -> int | None:
    """Where the first group of a query's WHERE clause opens (after its ``{``), strings,
    IRIs and comments aside; None when it has none.

    >>> q = 'CONSTRUCT { ?s ?p "{" } WHERE { ?s ?p ?o }'
    >>> q[where_start(q):].strip()
    '?s ?p ?o }'
    >>> q = "SELECT ?s WHERE { ?s ?p ?o }"; q[where_start(q):].strip()
    '?s ?p ?o }'
    """
    masked = _OPAQUE.sub(lambda m: " " * len(m.group()), query)
    construct = re.search(r"(?i)\bCONSTRUCT\s*\{", masked)
    start = 0
    if construct:  # skip the template: its braces are balanced
        depth, i = 1, construct.end()
        while i < len(masked) and depth:
            depth += {"{": 1, "}": -1}.get(masked[i], 0)
            i += 1
        start = i
    brace = masked.find("{", start)
    return None if brace < 0 else brace + 1


def _forms(value: Any, languages: tuple[str, ...]) -> list:
    """The terms a bound value stands for: a string as itself and tagged with each language."""
    if isinstance(value, str):
        return [ox.Literal(value), *(ox.Literal(value, language=lang) for lang in languages)]
    return [_term(value)]


def with_values(query: str, bindings: dict[str, Any], languages: tuple[str, ...] = ()) -> str:
    """``query`` with each binding as a ``VALUES`` block at the start of its WHERE.

    >>> with_values("SELECT ?a WHERE { ?a ?p ?name }", {"name": 'dit "non"'})
    'SELECT ?a WHERE { VALUES ?name { "dit \\\\"non\\\\"" } ?a ?p ?name }'
    >>> with_values("ASK { ?a ?p ?name }", {"name": "Mali"}, ("fr",))
    'ASK { VALUES ?name { "Mali" "Mali"@fr } ?a ?p ?name }'
    """
    at = where_start(query)
    if at is None:
        raise NewsgraphError(Errors.E013, detail="the query has no WHERE clause to bind "
                                                 f"{', '.join('?' + k for k in bindings)} in")
    blocks = "".join(f" VALUES {ox.Variable(k)} {{ {' '.join(str(t) for t in _forms(v, languages))} }}"
                     for k, v in bindings.items())
    return query[:at] + blocks + query[at:]


def answer(store: ox.Store, query: str, *, allow_service: bool = False, languages: tuple[str, ...] = (),
           **bindings: Any):
    """The answer of any SPARQL query over the default graph of ``store``: solutions,
    a boolean or triples (pyoxigraph's objects); every failure is E013. With
    ``languages``, a string bound also matches the text tagged with them.

    >>> s = ox.Store(); s.add(ox.Quad(ox.NamedNode("http://ex.org/a"), ox.NamedNode("http://ex.org/p"),
    ...                             ox.Literal("Mali")))
    >>> bool(answer(s, "ASK { ?s ?p ?name }", name="Mali"))
    True
    >>> [r["s"].value for r in answer(s, "SELECT ?s WHERE { ?s ?p ?name }", name="Mali")]
    ['http://ex.org/a']
    """
    if not allow_service and uses_service(query):
        raise NewsgraphError(Errors.E013, detail="it calls SERVICE, which would send a request over the network, "
                             "and newsgraph answers from the build only")
    subs = {ox.Variable(k): _term(v) for k, v in bindings.items()}
    try:
        if languages and any(isinstance(v, str) for v in bindings.values()):
            return store.query(with_values(query, bindings, languages))
        try:
            return store.query(query, substitutions=subs or None)
        except RuntimeError:  # a bound variable the query does not select (SEP-0007)
            return store.query(with_values(query, bindings))
    except (SyntaxError, ValueError, OSError, RuntimeError) as e:
        raise NewsgraphError(Errors.E013, detail=e) from e
