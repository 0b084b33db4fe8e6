"""The per-document cache of incremental builds.

What one article gives (its :class:`~newsgraph.records.DocumentRecord`, or the reason it
failed) is kept under a key that hashes the article (id, text, title, date, url,
language, kept segments, site) and the pipeline's version (newsgraph's version and a
hash of its code, the pipeline's fingerprint: model, components, lexicons). A rebuild
parses only the articles whose key is not in the cache (:func:`cached`); the
cross-document linking and the writers run again over all of them.

Nothing read from the cache can run code or reach a file outside it:

- **A data format.** An entry is JSON: the records encoded by their type hints
  (:mod:`newsgraph.codec`), which decodes only the record types reachable from
  ``DocumentRecord`` and checks every field's type. No pickle.
- **Checked.** Each entry carries an HMAC-SHA256 of its key and content under a secret of
  the user's (``secret`` in the user cache folder, made once, readable by its owner
  only). An entry that does not match (altered, damaged, cut short, moved under another
  key) is ignored with a warning (E062) and its article parsed again.
- **Keys are hex digests.** The file of an entry is ``documents/<2 hex>/<64 hex>.json``;
  anything else as a key is refused, so no path taken from input reaches the file system.
- **Outside the build folder.** By default the cache is the user's
  (``$XDG_CACHE_HOME/newsgraph``, else ``~/.cache/newsgraph``, made with mode 0700), not
  ``DIR/.newsgraph-cache``: a build folder is what people share, copy and publish, and a
  cache in it is what a stranger could alter for the next person who builds that folder.
  The cache is shared by the user's builds (keys are content hashes, so two folders of
  the same articles share their entries). ``--cache FOLDER`` puts it elsewhere; its
  entries are still signed with the user's secret.

The list of what a build read (the keys of its articles in order, and its other inputs)
is part of the build folder: the CLI writes it into ``manifest.json``
(``build.cache_inputs``, :attr:`DocumentCache.listed_inputs`), which is committed last
and atomically with the other files, so that ``newsgraph build --add`` starts from
exactly the build the folder holds (a build that was killed or failed leaves the
previous list). Without a folder (the Python API's ``build(cache=..., add=True)``) the
list is ``inputs.json`` in the cache folder.
"""
from __future__ import annotations

import hashlib
import hmac
import json
import logging
import os
import re
import secrets
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import asdict, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from .about import NOT_RECORDS, __version__, code_hash
from .codec import Codec, CodecError, encode
from .errors import Errors, NewsgraphError
from .records import Article, DocumentRecord, ManifestEntry, Outcome
from .types import PathLike

log = logging.getLogger(__name__)
#: Bumped when what a cache file holds changes shape (2: JSON signed entries, no pickles; 3: the
#: records of newsgraph.records, which linking no longer changes).
CACHE_FORMAT = 3
INPUTS = "inputs.json"
SECRET = "secret"
#: What a key must be: a SHA-256 in hex.
_KEY = re.compile(r"[0-9a-f]{64}")
#: An entry larger than this is not one newsgraph wrote.
MAX_ENTRY = 256 << 20


def pipeline_version(fingerprint: str) -> str:
    """A hash of everything besides the article that a document's record depends on:
    the cache's format, newsgraph's version and the code that makes records, and the pipeline's ``fingerprint``
    (:func:`newsgraph.nlp.pipeline.fingerprint`: model, components, lexicons)."""
    payload = {"format": CACHE_FORMAT, "newsgraph": __version__, "code": code_hash(NOT_RECORDS), "pipeline": fingerprint}
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()


def article_key(article: Article, version: str) -> str:
    """The cache key of ``article`` under the pipeline ``version`` (its path is not part
    of it: a moved file is the same article)."""
    payload = [version, article.id, article.text, article.title, article.dct, article.url, article.lang,
               [list(s) for s in article.segments], article.site]
    return hashlib.sha256(json.dumps(payload, ensure_ascii=False).encode()).hexdigest()


def source_file(path: str | None) -> str:
    """The file an article was read from, links followed (a JSONL line's ``:N`` dropped).

    >>> source_file("/a/lot.jsonl:12") == source_file("/a/lot.jsonl")
    True
    """
    path = path or ""
    if re.search(r"\.jsonl:\d+$", path, re.IGNORECASE):
        path = path.rsplit(":", 1)[0]
    return os.path.realpath(path) if path and not path.startswith("<") else path


def _same_text(a: Article, b: Article) -> bool:
    return (a.text, a.title, a.dct, a.url, a.lang) == (b.text, b.title, b.dct, b.url, b.lang)


def merge_added(before: list[Article], added: list[Article], problems: list[ManifestEntry],
                new_problems: list[ManifestEntry]) -> tuple[list[Article], list[ManifestEntry]]:
    """The articles of ``build --add`` and the earlier inputs' problems still standing.

    An added article whose id is in the build already is refused when it is the same
    article (E065) or another file's (E066, an id collision: two files with one stem);
    read again from the same file with a changed text, it replaces the earlier one in its
    place. An earlier problem (a file that failed) is dropped when that file is added.
    """
    out = list(before)
    where = {a.id: i for i, a in enumerate(out)}
    for a in added:
        i = where.get(a.id)
        if i is None:
            where[a.id] = len(out)
            out.append(a)
        elif _same_text(out[i], a):
            raise NewsgraphError(Errors.E065, path=a.path, id=a.id)
        elif source_file(out[i].path) != source_file(a.path):
            raise NewsgraphError(Errors.E066, path=a.path, id=a.id, first=out[i].path)
        else:
            out[i] = a
    again = {source_file(a.path) for a in added} | {source_file(m.path) for m in new_problems}
    return out, [m for m in problems if source_file(m.path) not in again]


def user_cache_dir() -> Path:
    """newsgraph's folder in the user's cache: ``$XDG_CACHE_HOME/newsgraph``, else
    ``~/.cache/newsgraph`` (the XDG base directory convention)."""
    base = os.environ.get("XDG_CACHE_HOME", "").strip()
    root = Path(base) if base and os.path.isabs(base) else Path.home() / ".cache"
    return root / "newsgraph"


def default_folder() -> Path:
    """The cache a CLI build uses unless given ``--cache`` or ``--no-cache``."""
    return user_cache_dir()


def _secret() -> bytes:
    """The user's secret the entries are signed with, made on first use (mode 0600)."""
    path = user_cache_dir() / SECRET
    try:
        data = path.read_bytes()
        if len(data) >= 32:
            return data
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    data = secrets.token_bytes(32)
    _write_atomically(path, data, mode=0o600)
    return path.read_bytes()


def check_key(key: object) -> str:
    """``key`` if it is a SHA-256 in hex; else a ``ValueError`` (no path from input).

    >>> check_key("../../etc/passwd")
    Traceback (most recent call last):
    ...
    ValueError: not a cache key: '../../etc/passwd'
    """
    if not isinstance(key, str) or not _KEY.fullmatch(key):
        raise ValueError(f"not a cache key: {str(key)[:80]!r}")
    return key


@lru_cache(maxsize=1)
def record_codec() -> Codec:
    """The codec of cache entries: the records reachable from ``Article`` and
    ``DocumentRecord`` (:mod:`newsgraph.records`)."""
    return Codec(Article, DocumentRecord)


def _write_atomically(path: Path, data: bytes, mode: int = 0o600) -> None:
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


Entry = tuple[Article, "DocumentRecord | None", "str | None"]


class DocumentCache:
    """The cache folder: ``get`` and ``put`` what one article gave, by key.

    ``listing``: the build folder's manifest, where the list of a build's inputs is kept
    (see the module's text); None to keep it in the cache folder (``inputs.json``).
    Making one checks that the folder can be written (E061).
    """

    def __init__(self, folder: PathLike, *, listing: PathLike | None = None) -> None:
        self.folder = Path(folder)
        self.listing = Path(listing) if listing is not None else None
        self.inputs: dict[str, Any] | None = None  # what save_inputs was given
        self.read: dict[str, Entry] = {}  # what previous_inputs decoded, until get asks for it
        try:
            self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            if not self.folder.is_dir():
                raise NotADirectoryError(f"{self.folder} is not a folder")
            probe, tmp = tempfile.mkstemp(dir=self.folder, prefix=".probe-")
            os.close(probe)
            os.unlink(tmp)
            self.secret = _secret()
        except OSError as e:
            raise NewsgraphError(Errors.E061, path=self.folder, detail=e.strerror or e) from e

    def _path(self, key: str) -> Path:
        key = check_key(key)
        return self.folder / "documents" / key[:2] / f"{key}.json"

    def _digest(self, key: str, body: bytes) -> str:
        return hmac.new(self.secret, key.encode("ascii") + b"\n" + body, hashlib.sha256).hexdigest()

    def get(self, key: str) -> Entry | None:
        """``(article, record, failure)`` kept under ``key``, or None; an entry that is
        damaged, altered or not newsgraph's is reported (E062) and counts as missing."""
        if key in self.read:  # decoded a moment ago by previous_inputs (build --add)
            return self.read.pop(key)
        p = self._path(key)
        try:
            with p.open("rb") as f:
                raw = f.read(MAX_ENTRY + 1)
        except FileNotFoundError:
            return None
        except OSError as e:
            log.warning("%s", NewsgraphError(Errors.E062, path=p, detail=e.strerror or e))
            return None
        try:
            return self._decode(key, raw)
        except (ValueError, KeyError, TypeError, RecursionError, CodecError) as e:
            log.warning("%s", NewsgraphError(Errors.E062, path=p, detail=str(e)[:300]))
            return None

    def _decode(self, key: str, raw: bytes) -> Entry:
        if len(raw) > MAX_ENTRY:
            raise ValueError("larger than any entry newsgraph writes")
        head, sep, body = raw.partition(b"\n")
        meta = json.loads(head.decode("ascii"))
        if not sep or not isinstance(meta, dict) or meta.get("format") != CACHE_FORMAT or meta.get("key") != key:
            raise ValueError("not an entry of this key in this cache's format")
        if not hmac.compare_digest(str(meta.get("digest")), self._digest(key, body)):
            raise ValueError("its content does not match its signature (altered, or written by another user)")
        data = json.loads(body.decode("utf-8"))
        codec = record_codec()
        article = codec.decode(Article, data["article"], "article")
        record = codec.decode(DocumentRecord | None, data["record"], "record")
        failure = codec.decode(str | None, data["failure"], "failure")
        return article, record, failure

    def put(self, key: str, article: Article, record: DocumentRecord | None, failure: str | None) -> None:
        """Keep what ``article`` gave (linking changes no record: the IRIs are in the
        build's :class:`~newsgraph.records.Links`). A failed write (a full disk) is
        reported (E063) and the build goes on: the article is parsed again next time."""
        body = json.dumps({"article": encode(article), "record": encode(record) if record is not None else None,
                           "failure": failure}, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        head = json.dumps({"format": CACHE_FORMAT, "key": key, "digest": self._digest(key, body)}).encode("ascii")
        try:
            _write_atomically(self._path(key), head + b"\n" + body)
        except OSError as e:
            log.warning("%s", NewsgraphError(Errors.E063, path=self._path(key), detail=e.strerror or e))

    def save_inputs(self, keys: list[str], problems: list[ManifestEntry]) -> None:
        """What the build read, in order: the keys of its articles, its other inputs. With
        a ``listing``, only kept here for the manifest to carry (:attr:`inputs`)."""
        self.inputs = {"format": CACHE_FORMAT, "articles": keys, "problems": [asdict(m) for m in problems]}
        if self.listing is None:
            try:
                _write_atomically(self.folder / INPUTS, json.dumps(self.inputs, ensure_ascii=False, indent=1).encode())
            except OSError as e:
                log.warning("%s", NewsgraphError(Errors.E063, path=self.folder / INPUTS, detail=e.strerror or e))

    @property
    def listed_inputs(self) -> dict[str, Any] | None:
        """What the build folder's manifest carries (``build.cache_inputs``): the inputs
        :meth:`save_inputs` was last given, when the list is kept there."""
        return self.inputs if self.listing is not None else None

    def _listed(self) -> tuple[Path, Any]:
        if self.listing is None:
            p = self.folder / INPUTS
            return p, json.loads(p.read_text(encoding="utf-8"))
        p = self.listing
        build = json.loads(p.read_text(encoding="utf-8"))["build"]
        if "cache_inputs" not in build:
            raise FileNotFoundError(p)
        return p, build["cache_inputs"]

    def previous_inputs(self) -> tuple[list[Article], list[ManifestEntry]]:
        """The articles and the other inputs of the last build that used this cache (of
        the folder whose manifest is ``listing``)."""
        try:
            p, payload = self._listed()
            keys = [check_key(k) for k in payload["articles"]]
            problems = [ManifestEntry(**m) for m in payload["problems"]]
        except FileNotFoundError as e:
            raise NewsgraphError(Errors.E040, folder=self.listing.parent if self.listing else self.folder) from e
        except (OSError, ValueError, KeyError, TypeError, RecursionError) as e:
            raise NewsgraphError(Errors.E041, path=self.listing or self.folder / INPUTS, detail=repr(e)[:300]) from e
        articles = []
        for key in keys:
            entry = self.get(key)
            if entry is None:
                raise NewsgraphError(Errors.E041, path=self._path(key), detail=(
                    "an article of the build --add starts from is not in this cache: it was trimmed, or the folder "
                    "was built by another user or on another machine; build the folder again with all its inputs"))
            articles.append(entry[0])
            self.read[key] = entry
        return articles, problems


def cache_of(cache: PathLike | DocumentCache | None) -> DocumentCache | None:
    """The cache a build keeps: the one given, or the cache in the folder given (None:
    no cache)."""
    return cache if cache is None or isinstance(cache, DocumentCache) else DocumentCache(cache)


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
