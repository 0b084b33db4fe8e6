"""Ask a remote SPARQL endpoint (``newsgraph query --endpoint URL``), over HTTP with the
standard library: the query is POSTed as a form (SPARQL 1.1 Protocol), the answer is
read in the results format asked for.

Nothing the endpoint sends is trusted: only ``http`` and ``https`` URLs are opened, a
redirect included (urllib alone follows one to ``ftp://``); the answer is read up to
:data:`MAX_ANSWER` bytes; a JSON answer must be UTF-8, nested at most as SPARQL results
are, and have their shape (``head.vars``, ``results.bindings`` of terms), else E077.
"""
from __future__ import annotations

import json
from urllib.error import HTTPError, URLError
from urllib.parse import urlencode, urlsplit
from urllib.request import HTTPRedirectHandler, Request, build_opener

#: The largest answer read from an endpoint.
MAX_ANSWER = 256 << 20

from ..errors import Errors, NewsgraphError

#: ``--format`` name -> the media type asked for
MEDIA = {"json": "application/sparql-results+json", "xml": "application/sparql-results+xml",
         "csv": "text/csv", "tsv": "text/tab-separated-values"}


def check_url(url: str) -> str:
    """``url`` if it is an http(s) URL with a host; else a :class:`NewsgraphError`.

    >>> check_url("http://127.0.0.1:7878/query")
    'http://127.0.0.1:7878/query'
    >>> check_url("file:///etc/passwd")
    Traceback (most recent call last):
    ...
    newsgraph.errors.NewsgraphError: [E037] Not an http(s) URL: 'file:///etc/passwd'. Give the SPARQL endpoint as http://HOST:PORT/query.
    """
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        raise NewsgraphError(Errors.E037, url=url)
    return url


class _HttpOnly(HTTPRedirectHandler):
    """Follows a redirect only to another http(s) URL."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        if urlsplit(newurl).scheme.lower() not in ("http", "https"):
            raise NewsgraphError(Errors.E038, url=req.full_url, detail=f"it redirects to {newurl[:200]!r}, "
                                 "which is not an http(s) URL; newsgraph does not follow it")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def ask(url: str, query: str, fmt: str = "json", *, timeout: float = 60.0) -> bytes:
    """The endpoint's answer to ``query`` in the results format ``fmt`` (json, xml, csv,
    tsv), as bytes (at most :data:`MAX_ANSWER`)."""
    request = Request(check_url(url), data=urlencode({"query": query}).encode("utf-8"), method="POST",
                      headers={"Accept": MEDIA[fmt], "Content-Type": "application/x-www-form-urlencoded"})
    try:
        with build_opener(_HttpOnly).open(request, timeout=timeout) as response:
            body = response.read(MAX_ANSWER + 1)
    except HTTPError as e:
        detail = e.read(2000).decode("utf-8", "replace").strip()[:500]
        raise NewsgraphError(Errors.E038, url=url, detail=f"HTTP {e.code}: {detail or e.reason}") from None
    except (URLError, TimeoutError, OSError, ValueError) as e:
        raise NewsgraphError(Errors.E038, url=url, detail=getattr(e, "reason", e)) from None
    if len(body) > MAX_ANSWER:
        raise NewsgraphError(Errors.E077, url=url, detail=f"more than {MAX_ANSWER} bytes")
    return body


def _text(url: str, body: bytes) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as e:
        raise NewsgraphError(Errors.E077, url=url, detail=f"not UTF-8: {e}") from None


def answer_text(url: str, query: str, fmt: str, **kwargs) -> str:
    """The endpoint's answer in ``fmt`` as text (E077 when it is not UTF-8)."""
    return _text(url, ask(url, query, fmt, **kwargs))


def _term(url: str, value: object) -> str:
    if not isinstance(value, dict) or not isinstance(value.get("value"), str):
        raise NewsgraphError(Errors.E077, url=url, detail="a binding is not a term with a \"value\"")
    return value["value"]


def parse_select(url: str, body: bytes) -> tuple[list[str], list[list[str]]]:
    """Column names and rows of SPARQL JSON results, their shape checked (E077).

    >>> parse_select("http://e/q", b'{"head": {"vars": ["n"]}, "results": {"bindings": [{"n": {"type": "literal", "value": "1"}}]}}')
    (['n'], [['1']])
    """
    try:
        data = json.loads(_text(url, body))
    except (ValueError, RecursionError) as e:
        raise NewsgraphError(Errors.E077, url=url, detail=f"not JSON: {str(e)[:200]}") from None
    head = data.get("head") if isinstance(data, dict) else None
    names = head.get("vars", []) if isinstance(head, dict) else None
    results = data.get("results", {"bindings": []}) if isinstance(data, dict) else None
    bindings = results.get("bindings") if isinstance(results, dict) else None
    if not isinstance(names, list) or not all(isinstance(n, str) for n in names) or not isinstance(bindings, list):
        raise NewsgraphError(Errors.E077, url=url, detail="no head.vars and results.bindings lists")
    rows = []
    for b in bindings:
        if not isinstance(b, dict):
            raise NewsgraphError(Errors.E077, url=url, detail="a solution is not an object")
        rows.append([_term(url, b[n]) if n in b else "" for n in names])
    return names, rows


def select(url: str, query: str, **kwargs) -> tuple[list[str], list[list[str]]]:
    """Column names and rows (as text) of a SELECT query asked of an endpoint."""
    return parse_select(url, ask(url, query, "json", **kwargs))


def actors_named(url: str, name: str, **kwargs) -> list[str]:
    """The IRIs the endpoint knows by ``name`` (any case)."""
    from ..vocab.queries import ACTORS_NAMED, bind_name

    names, rows = select(url, bind_name(ACTORS_NAMED, " ".join(name.split())), **kwargs)
    if "actor" not in names:
        raise NewsgraphError(Errors.E077, url=url, detail="the answer has no column ?actor")
    return [r[names.index("actor")] for r in rows]


def named_question(url: str, key: str, name: str) -> str:
    """The text of a named question about the actor named ``name``, resolved to IRIs by
    the endpoint first."""
    from ..vocab.queries import NAMED, about

    try:
        return about(NAMED[key], actors_named(url, name), name)
    except ValueError as e:  # an IRI the endpoint gave that is none
        raise NewsgraphError(Errors.E077, url=url, detail=str(e)[:200]) from None
