"""The per-document cache of incremental builds.

What one article gives (its :class:`~newsgraph.resolve.document.DocumentRecord`, or the
reason it failed) is kept under a key that hashes the article (id, text, title, date,
url, language, kept segments, site) and the pipeline's version (newsgraph's version and a
hash of its code, the model's name and version, a hash of the lexicon texts). A rebuild
parses only the articles whose key is not in the cache; the cross-document linking and
the writers run again over all of them.

The cache is a folder (``DIR/.newsgraph-cache/`` of a build, hidden like the lock and
the commit journal: it is none of the build's files, which the manifest lists; or
``--cache FOLDER``): one pickle per
article under ``documents/``, and ``inputs.json``, the keys of the last build's articles
and its other inputs in order, which ``newsgraph build --add`` starts from. Pickles run
code when loaded: use only a cache that your own builds wrote.
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
import pickle
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import asdict, replace
from functools import lru_cache
from pathlib import Path

from .about import __version__
from .errors import Errors, NewsgraphError
from .records import Article, DocumentRecord, ManifestEntry, Outcome
from .types import PathLike

log = logging.getLogger(__name__)
#: Bumped when what a cache file holds changes shape.
CACHE_FORMAT = 2
INPUTS = "inputs.json"


@lru_cache(maxsize=1)
def code_hash() -> str:
    """A hash of newsgraph's installed code and data files: a rule changed without a new
    version number still invalidates the cache."""
    root = Path(__file__).resolve().parent
    h = hashlib.sha256()
    for p in sorted(root.rglob("*")):
        if p.is_file() and p.suffix in {".py", ".tsv", ".txt", ".json"} and "__pycache__" not in p.parts:
            h.update(p.relative_to(root).as_posix().encode() + b"\0" + p.read_bytes() + b"\0")
    return h.hexdigest()


def pipeline_version(fingerprint: str) -> str:
    """A hash of everything besides the article that a document's record depends on:
    the cache's format, newsgraph's version and code, and the pipeline's ``fingerprint``
    (:func:`newsgraph.nlp.pipeline.fingerprint`: model, components, lexicons)."""
    payload = {"format": CACHE_FORMAT, "newsgraph": __version__, "code": code_hash(), "pipeline": fingerprint}
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()


def article_key(article: Article, version: str) -> str:
    """The cache key of ``article`` under the pipeline ``version`` (its path is not part
    of it: a moved file is the same article)."""
    payload = [version, article.id, article.text, article.title, article.dct, article.url, article.lang,
               [list(s) for s in article.segments], article.site]
    return hashlib.sha256(json.dumps(payload, ensure_ascii=False).encode()).hexdigest()


def _write_atomically(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class DocumentCache:
    """The cache folder: ``get`` and ``put`` what one article gave, by key."""

    def __init__(self, folder: PathLike) -> None:
        self.folder = Path(folder)

    def _path(self, key: str) -> Path:
        return self.folder / "documents" / f"{key}.pickle"

    def get(self, key: str) -> tuple[Article, DocumentRecord | None, str | None] | None:
        """``(article, record, failure)`` kept under ``key``, or None (an unreadable file
        is reported and counts as missing)."""
        p = self._path(key)
        try:
            with p.open("rb") as f:
                entry = pickle.load(f)
        except FileNotFoundError:
            return None
        except Exception as e:  # noqa: BLE001 - a damaged entry is parsed again
            log.warning("%s", NewsgraphError(Errors.E041, path=p, detail=repr(e)))
            return None
        return entry["article"], entry["record"], entry["failure"]

    def put(self, key: str, article: Article, record: DocumentRecord | None, failure: str | None) -> None:
        """Keep what ``article`` gave (linking changes no record: the IRIs are in the
        build's :class:`~newsgraph.records.Links`)."""
        data = pickle.dumps({"article": article, "record": record, "failure": failure},
                            protocol=pickle.HIGHEST_PROTOCOL)
        _write_atomically(self._path(key), data)

    def save_inputs(self, keys: list[str], problems: list[ManifestEntry]) -> None:
        """What the build read, in order: the keys of its articles, its other inputs."""
        payload = {"format": CACHE_FORMAT, "articles": keys, "problems": [asdict(m) for m in problems]}
        _write_atomically(self.folder / INPUTS, json.dumps(payload, ensure_ascii=False, indent=1).encode())

    def previous_inputs(self) -> tuple[list[Article], list[ManifestEntry]]:
        """The articles and the other inputs of the last build that used this cache."""
        p = self.folder / INPUTS
        try:
            payload = json.loads(p.read_text(encoding="utf-8"))
            keys, problems = payload["articles"], payload["problems"]
        except FileNotFoundError as e:
            raise NewsgraphError(Errors.E040, folder=self.folder) from e
        except (ValueError, KeyError, TypeError) as e:
            raise NewsgraphError(Errors.E041, path=p, detail=repr(e)) from e
        articles = []
        for key in keys:
            entry = self.get(key)
            if entry is None:
                raise NewsgraphError(Errors.E041, path=self._path(key), detail="missing")
            articles.append(entry[0])
        return articles, [ManifestEntry(**m) for m in problems]


def cached(articles: list[Article], cache: DocumentCache | None, version: Callable[[], str],
           run: Callable[[list[Article]], Iterable[Outcome]]) -> tuple[list[Outcome], list[str], int | None]:
    """What each article gives, in order (``run`` over the articles ``cache`` lacks, under
    the pipeline ``version``; what they give is kept), the articles' cache keys, and how
    many came from the cache (None: no cache).

    A failure in the cache is tried again; an article found takes the path it was read
    from this time.
    """
    if cache is None:
        return list(run(articles)), [], None
    v = version()
    keys = [article_key(a, v) for a in articles]
    found: dict[int, Outcome] = {}
    for i, (a, key) in enumerate(zip(articles, keys)):
        entry = cache.get(key)
        if entry is not None and entry[1] is not None:
            found[i] = (a, replace(entry[1], article=a), None)
    todo = [i for i in range(len(articles)) if i not in found]
    from_cache = len(found)
    for i, outcome in zip(todo, run([articles[i] for i in todo])):
        cache.put(keys[i], *outcome)
        found[i] = outcome
    return [found[i] for i in range(len(articles))], keys, from_cache
