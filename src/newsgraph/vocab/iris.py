"""The one place where newsgraph mints IRIs, like rdflib's term helpers or spaCy's
``StringStore``: every IRI of a build comes from an :class:`Iris` made with its base.

IRIs are deterministic (the same input gives the same IRIs) and percent-encoded.

>>> iris = Iris("https://ex.org/")
>>> iris.actor("person", "serguei-lavrov")
'https://ex.org/actor/person/serguei-lavrov'
>>> iris.article("mkfr dev 1")
'https://ex.org/article/mkfr%20dev%201'
>>> iris.char(iris.article("a1"), 258, 264)
'https://ex.org/article/a1#char=258,264'
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

from ..about import DEFAULT_BASE_IRI
from ..errors import Errors, NewsgraphError
from ..text import slug

_SAFE = "-._~"
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
_NOT_IN_IRI = re.compile(r'[\x00-\x20<>"{}|\\^`\x7f]')


def check_base(base: object) -> str:
    """``base`` if every IRI of a build can be minted under it; else a coded error that
    says why (checked before any article is read).

    >>> check_base("https://ex.org/news/")
    'https://ex.org/news/'
    >>> check_base("pas une iri")
    Traceback (most recent call last):
    ...
    newsgraph.errors.NewsgraphError: [E025] --base-iri 'pas une iri' is not an absolute IRI that IRIs can be built under (it has no scheme such as https:). Give one such as https://example.org/news/.
    """
    detail = ""
    if not isinstance(base, str) or not base.strip():
        detail = "it is empty"
    elif not _SCHEME.match(base):
        detail = "it has no scheme such as https:"
    elif bad := _NOT_IN_IRI.search(base):
        detail = f"the character {bad.group()!r} cannot stand in an IRI"
    elif "?" in base or "#" in base:
        detail = "a query (?) or fragment (#) cannot be followed by a path"
    elif base.lower().startswith(("http:", "https:")) and not urlsplit(base).hostname:
        detail = "it names no host"
    else:
        import pyoxigraph

        try:
            pyoxigraph.NamedNode(Iris(base).char(Iris(base).article("a"), 0, 1))
        except ValueError as e:
            detail = str(e)
    if detail:
        raise NewsgraphError(Errors.E025, value=base, detail=detail)
    return str(base)


def _hash(*parts: object) -> str:
    return hashlib.sha1("|".join(map(str, parts)).encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class Iris:
    """The IRIs of one build, under ``base``."""

    base: str = DEFAULT_BASE_IRI

    @property
    def root(self) -> str:
        return self.base.rstrip("/")

    # actors, articles and what articles hold
    def actor(self, kind: str, ident: str) -> str:
        """An actor: ``kind`` is ``country``, ``org`` or ``person``; ``ident`` is encoded.

        >>> Iris("https://ex.org").actor("org", "a b<c>")
        'https://ex.org/actor/org/a%20b%3Cc%3E'
        """
        return f"{self.root}/actor/{kind}/{quote(ident, safe=_SAFE)}"

    def article(self, doc_id: str) -> str:
        return f"{self.root}/article/{quote(doc_id, safe=_SAFE)}"

    def named_graph(self, doc_id: str) -> str:
        """The named graph that holds what one article says."""
        return f"{self.article(doc_id)}/graph"

    def char(self, article: str, start: int, end: int) -> str:
        """An RFC 5147 fragment IRI for a span of an article's text."""
        return f"{article}#char={start},{end}"

    def event(self, key: str) -> str:
        """An event whatever the articles that report it: ``key`` says type, actors and
        date.

        >>> Iris("https://ex.org/").event("CONSULT|a|b|2023-01")
        'https://ex.org/event/9b1d5876d881b382'
        """
        return f"{self.root}/event/{hashlib.sha1(key.encode('utf-8')).hexdigest()[:16]}"

    def local_event(self, doc_id: str, n: int) -> str:
        """The ``n``-th event of an article (1-based), when it has no corpus IRI."""
        return f"{self.article(doc_id)}/event/{n}"

    def event_role(self, event: str, which: str) -> str:
        """The ``sem:Role`` of an event's ``source`` or ``target``."""
        return f"{event}/role/{which}"

    def agreement(self, doc_id: str, n: int) -> str:
        return f"{self.article(doc_id)}/agreement/{n}"

    def conflict(self, doc_id: str, event_number: int) -> str:
        """The conflicting claims about the ``event_number``-th event (1-based)."""
        return f"{self.article(doc_id)}/conflict/{event_number}"

    def claim(self, conflict: str, n: int) -> str:
        return f"{conflict}/claim/{n}"

    def post(self, holder: str, title: str, of: str | None) -> str:
        """A post (``org:Post``) by its holder, title and what it belongs to."""
        return f"{self.root}/post/{_hash(holder, title.lower(), of or '')}"

    def place(self, name: str) -> str:
        return f"{self.root}/place/{slug(name)}"

    # provenance
    def build(self, started: str) -> str:
        return f"{self.root}/build/{quote(str(started), safe='')}"

    def software(self, name: str, version: str) -> str:
        return f"{self.root}/software/{quote(str(name), safe='')}/{quote(str(version), safe='')}"

    def prefixes(self) -> dict[str, str]:
        """Prefixes for the IRIs minted under the base, for RDF libraries that show
        compact names (rdflib would make up ``ns1``, ``ns2``...).

        >>> Iris("https://ex.org/").prefixes()["country"]
        'https://ex.org/actor/country/'
        """
        return {"country": f"{self.root}/actor/country/", "person": f"{self.root}/actor/person/",
                "organization": f"{self.root}/actor/org/", "event": f"{self.root}/event/",
                "article": f"{self.root}/article/", "place": f"{self.root}/place/", "post": f"{self.root}/post/"}
