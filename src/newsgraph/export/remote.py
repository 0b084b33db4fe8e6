"""Ask a remote SPARQL endpoint (``newsgraph query --endpoint URL``), over HTTP with the
standard library: the query is POSTed as a form (SPARQL 1.1 Protocol), the answer is
read in the results format asked for. Only ``http`` and ``https`` URLs are opened.
"""
from __future__ import annotations

import json
from urllib.error import HTTPError, URLError
from urllib.parse import urlencode, urlsplit
from urllib.request import Request, urlopen

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


def ask(url: str, query: str, fmt: str = "json", *, timeout: float = 60.0) -> bytes:
    """The endpoint's answer to ``query`` in the results format ``fmt`` (json, xml, csv,
    tsv), as bytes."""
    request = Request(check_url(url), data=urlencode({"query": query}).encode("utf-8"), method="POST",
                      headers={"Accept": MEDIA[fmt], "Content-Type": "application/x-www-form-urlencoded"})
    try:
        with urlopen(request, timeout=timeout) as response:  # noqa: S310 - the scheme is checked above
            return response.read()
    except HTTPError as e:
        detail = e.read().decode("utf-8", "replace").strip()[:500]
        raise NewsgraphError(Errors.E038, url=url, detail=f"HTTP {e.code}: {detail or e.reason}") from None
    except (URLError, TimeoutError, OSError) as e:
        raise NewsgraphError(Errors.E038, url=url, detail=getattr(e, "reason", e)) from None


def select(url: str, query: str, **kwargs) -> tuple[list[str], list[list[str]]]:
    """Column names and rows (as text) of a SELECT query asked of an endpoint."""
    data = json.loads(ask(url, query, "json", **kwargs))
    names = data["head"].get("vars", [])
    rows = [[b.get(n, {}).get("value", "") for n in names] for b in data.get("results", {}).get("bindings", [])]
    return names, rows


def actors_named(url: str, name: str, **kwargs) -> list[str]:
    """The IRIs the endpoint knows by ``name`` (any case)."""
    from ..vocab.queries import ACTORS_NAMED, bind_name

    names, rows = select(url, bind_name(ACTORS_NAMED, " ".join(name.split())), **kwargs)
    return [r[names.index("actor")] for r in rows]


def named_question(url: str, key: str, name: str) -> str:
    """The text of a named question about the actor named ``name``, resolved to IRIs by
    the endpoint first."""
    from ..vocab.queries import NAMED, about

    return about(NAMED[key], actors_named(url, name), name)
