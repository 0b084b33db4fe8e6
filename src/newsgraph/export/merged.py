"""The merged RDF files, Turtle and N-Triples, spliced as far as they can be.

A merged file is one graph: each triple once, where it first comes (:class:`Merge`).
An article's part of it is what its chunk
says about the nodes minted under it, and what it says *first* about a node other
articles share (an actor, an event linked across articles, a place...): so a part
depends on the parts before it. It can be copied from the earlier file as long as every
article before it is the same, in the same place, as in the earlier build (the *prefix*
of the build); from there on each part is made again.

To make them, the build must know what the prefix said first about shared nodes,
without making the prefix's quads again: ``.newsgraph-merged`` keeps, for each
article, an 8-byte key (BLAKE2b of its N-Triples form) of each triple its part said
first about a shared node. It is spliced like the other files (its parts are copied
with the prefix's), and read as untrusted data: a wrong key can only make a triple be
written once too few or too many times, never run anything. The head (the vocabulary
and the builds) is made again each time; no article states a triple about a build, so
a new build's head leaves the prefix's parts as they were.
"""
from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path
from typing import cast

import pyoxigraph as ox

from .graphs import within
from .parts import FileParts, Plan
from .quads import Chunk
from .registry import SEEN_FILE
from .serialize import PREFIXES, _prefix_lines

#: The merged writers and their files.
MERGED = {"turtle": ("graph.ttl", ox.RdfFormat.TURTLE), "ntriples": ("graph.nt", ox.RdfFormat.N_TRIPLES)}
#: The keys of what each article's part of the merged files said first about shared nodes.
SEEN = SEEN_FILE
KEY = 8


def triple_key(t: ox.Triple) -> bytes:
    """The key of a triple in :data:`SEEN`.

    >>> t = ox.Triple(ox.NamedNode("http://ex.org/s"), ox.NamedNode("http://ex.org/p"), ox.Literal("o"))
    >>> len(triple_key(t)), triple_key(t) == triple_key(ox.Triple(t.subject, t.predicate, ox.Literal("o")))
    (8, True)
    """
    return hashlib.blake2b(str(t).encode("utf-8"), digest_size=KEY).digest()


def prefix(plan: Plan, merged: Iterable[str]) -> int:
    """How many articles, from the first, are those of the earlier build in the same
    places, with parts of every merged file (``merged``: their names in the build folder)
    and of :data:`SEEN` to copy; 0 when the earlier build has none of them."""
    old = plan.old
    if old is None or not all(name in old.files for name in [*merged, SEEN]):
        return 0
    n = 0
    for j, reuse in enumerate(plan.reuse):
        if reuse != j:
            break
        n += 1
    return n


def old_keys(path: Path, parts: FileParts, upto: int) -> set[bytes]:
    """The keys the first ``upto`` articles' parts of the earlier :data:`SEEN` hold."""
    end = parts.regions[0][upto]
    with path.open("rb") as f:
        data = f.read(end)
    if len(data) != end or end % KEY:
        raise OSError(f"{path} is not what its parts index says")
    return {data[i:i + KEY] for i in range(0, end, KEY)}


class Merge:
    """The triples of chunks merged into one graph, each once, in the order they come.

    A triple about a node minted under an article (:func:`within`) can only come from
    that article's chunk, which holds it once; only the triples about nodes several
    articles share (actors, events linked across articles and their roles, posts,
    places, the vocabulary) are remembered, to write each of them once: those of the
    chunks given, and the ``known`` keys of what the articles before them (a prefix
    copied from the earlier file) said first. :attr:`first` holds the keys of what the
    last chunk said first.
    """

    def __init__(self, known: set[bytes] | None = None) -> None:
        self.seen: set[ox.Triple] = set()
        self.known = known or set()
        self.first: list[bytes] = []

    def __call__(self, chunk: Chunk) -> list[ox.Triple]:
        out, self.first = [], []
        for t in dict.fromkeys(ox.Triple(q.subject, q.predicate, q.object) for q in chunk):
            if chunk.article is not None and within(cast(ox.NamedNode, t.subject).value, chunk.article):
                out.append(t)
            elif t not in self.seen:
                self.seen.add(t)
                if chunk.article is None:
                    out.append(t)
                    continue
                key = triple_key(t)
                if key not in self.known:
                    out.append(t)
                    self.first.append(key)
        return out


def serialized(triples: list[ox.Triple], fmt: ox.RdfFormat, head: bool = False) -> bytes:
    """``triples`` as ``fmt``; the ``@prefix`` lines only at the ``head`` of a Turtle file."""
    if not triples:
        return b""
    prefixes = PREFIXES if fmt == ox.RdfFormat.TURTLE else None
    data = cast(bytes, ox.serialize(triples, format=fmt, prefixes=prefixes))
    header = _prefix_lines(fmt) if prefixes and not head else b""
    return data[len(header):] if header and data.startswith(header) else data
