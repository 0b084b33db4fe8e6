"""Load the spaCy pipeline once and run it over articles in batches."""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import weakref
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from ..about import DEFAULT_MODEL
from ..errors import Errors, NewsgraphError
from ..records import Article
from ..types import PathLike


class LemmaIndex(list):
    """A rule lemmatizer's ``lemma_index`` entry: still the list spaCy saves (msgpack
    writes it as one), but ``form in index`` is a set lookup instead of a scan.

    ``fr_core_news_md`` ships these entries as lists (66,191 nouns), and spaCy's French
    lemmatizer asks ``string in index`` for every token its cache has not seen. The
    entries are never changed after loading, so the set is made once.

    >>> idx = LemmaIndex(["chat", "chien"]); "chien" in idx, "loup" in idx, idx == ["chat", "chien"]
    (True, False, True)
    """

    __slots__ = ("_members",)

    def __init__(self, forms=()) -> None:
        super().__init__(forms)
        self._members = frozenset(self)

    def __contains__(self, form: object) -> bool:
        return form in self._members

    def __reduce__(self):
        return LemmaIndex, (list(self),)


def index_lemmas(nlp: Language) -> int:
    """Give every rule lemmatizer of ``nlp`` a :class:`LemmaIndex` per part of speech in
    its ``lemma_index`` table (same forms, same lemmas); returns how many entries changed."""
    changed = 0
    for _, pipe in nlp.pipeline:
        lookups = getattr(pipe, "lookups", None)
        if lookups is None or not hasattr(lookups, "has_table") or not lookups.has_table("lemma_index"):
            continue
        table = lookups.get_table("lemma_index")
        for key, forms in list(table.items()):
            if isinstance(forms, list) and not isinstance(forms, LemmaIndex):
                table[key] = LemmaIndex(forms)
                changed += 1
    return changed


#: newsgraph's components, each with where it goes in a pipeline that lacks it.
COMPONENTS: tuple[tuple[str, dict[str, object]], ...] = (
    ("newsgraph_lexicon", {"first": True}),
    ("newsgraph_lines", {"before": "parser"}),
    ("newsgraph_entities", {"after": "ner"}),
    ("newsgraph_timex", {"last": True}),
)


def add_components(nlp: Language) -> Language:
    """Add to ``nlp`` the newsgraph components it lacks, each at its place; a pipeline
    saved with ``nlp.to_disk`` after :func:`load` carries them all (with the lexicons it
    was given) and keeps them as they are.

    ``newsgraph_lexicon`` comes first: it holds the word lists the other components and
    the extractors read (:func:`newsgraph.nlp.lexicons_of`).
    """
    from . import components  # noqa: F401  (registers the factories)

    for name, where in COMPONENTS:
        if name not in nlp.pipe_names:
            anchor = where.get("before", where.get("after"))
            nlp.add_pipe(name, **(where if anchor is None or anchor in nlp.pipe_names else {}))  # type: ignore[arg-type]
    return nlp


def load(model: PathLike = DEFAULT_MODEL) -> Language:
    """The pipeline of ``model`` (an installed package's name, or the folder of a
    pipeline saved with ``nlp.to_disk``) with newsgraph's components; loaded once per
    process.

    A folder saved from a pipeline that :func:`load` gave keeps its components and
    everything its lexicon component held (:meth:`LexiconComponent.add`); they are not
    added again.
    """
    return _load(os.fspath(model))


@lru_cache(maxsize=2)
def _load(model: str) -> Language:
    import spacy

    try:
        nlp = spacy.load(model)
    except OSError as e:
        if Path(model).is_dir():
            raise NewsgraphError(Errors.E050, folder=model, detail=e) from e
        raise NewsgraphError(Errors.E007, model=model) from e
    index_lemmas(nlp)
    _LOADED[nlp] = model
    return add_components(nlp)


#: The pipelines :func:`load` gave, with the model each was loaded from.
_LOADED: weakref.WeakKeyDictionary[Language, str] = weakref.WeakKeyDictionary()


def pipeline_name(nlp: Language) -> str:
    """The name of a pipeline's model, as spaCy's packages are named (``fr_core_news_md``)."""
    return f"{nlp.meta.get('lang')}_{nlp.meta.get('name')}"


def fingerprint(nlp: Language, model: str) -> str:
    """A hash of what a pipeline makes of a text: the ``model`` it was given as, its
    model's name and version, its components, and the text of its lexicons."""
    from .components import lexicons_of

    payload = {
        "model": model, "model_name": pipeline_name(nlp), "model_version": nlp.meta.get("version"),
        "pipeline": nlp.pipe_names,
        "lexicons": hashlib.sha256(json.dumps(lexicons_of(nlp).texts, sort_keys=True,
                                              ensure_ascii=False).encode()).hexdigest(),
    }
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()


def folder_hash(folder: PathLike) -> str:
    """A hash of every file under ``folder`` (relative path and content)."""
    root = Path(folder)
    h = hashlib.sha256()
    for p in sorted(root.rglob("*")):
        if p.is_file():
            h.update(p.relative_to(root).as_posix().encode("utf-8") + b"\0")
            with p.open("rb") as f:
                for block in iter(lambda: f.read(1 << 20), b""):
                    h.update(block)
            h.update(b"\0")
    return h.hexdigest()


@dataclass(frozen=True)
class PipelineRef:
    """How a worker process finds the pipeline of a build: an installed package by
    ``name``, or a saved ``folder`` whose content has the hash ``digest``.

    A worker never loads a changed pipeline by name: a pipeline other than newsgraph's
    own :func:`load` of a package travels as its saved folder, checked by its hash
    (:func:`share`).
    """

    name: str | None = None
    folder: str | None = None
    digest: str | None = None

    def open(self) -> Language:
        """The pipeline, loaded once per process."""
        if self.folder is None:
            return load(self.name or DEFAULT_MODEL)
        return _open_saved(self.folder, self.digest or "")


@lru_cache(maxsize=2)
def _open_saved(folder: str, digest: str) -> Language:
    if not Path(folder).is_dir():
        raise NewsgraphError(Errors.E051, folder=folder)
    found = folder_hash(folder)
    if found != digest:
        raise NewsgraphError(Errors.E052, folder=folder, found=found[:12], expected=digest[:12])
    return load(folder)


def is_packaged(nlp: Language, model: PathLike | None) -> bool:
    """Whether ``nlp`` is newsgraph's own pipeline of the installed package ``model``,
    unchanged: the object :func:`load` gave, with the package's lexicons."""
    from ..data import default_lexicons
    from .components import lexicons_of

    if model is None or Path(model).is_dir() or _LOADED.get(nlp) != os.fspath(model):
        return False
    lexicons = lexicons_of(nlp)
    return lexicons is default_lexicons(lexicons.lang)


def share(nlp: Language, model: PathLike | None, folder: PathLike) -> PipelineRef:
    """What worker processes on other machines load: ``model`` by name when ``nlp`` is
    newsgraph's own pipeline of that package (:func:`is_packaged`); the folder ``model``
    names when ``nlp`` was loaded from it; else ``nlp`` saved under ``folder`` (in a
    subfolder named by its hash), each checked by the hash of its content."""
    if model is not None and is_packaged(nlp, model):
        return PipelineRef(name=os.fspath(model))
    if model is not None and Path(model).is_dir() and _LOADED.get(nlp) == os.fspath(model):
        saved = Path(model).resolve()
        return PipelineRef(folder=str(saved), digest=folder_hash(saved))
    base = Path(folder)
    base.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".pipeline-", dir=base))
    try:
        nlp.to_disk(staging)
        digest = folder_hash(staging)
        target = base / digest[:32]
        if target.is_dir() and folder_hash(target) == digest:
            shutil.rmtree(staging)
        else:
            shutil.rmtree(target, ignore_errors=True)
            os.replace(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return PipelineRef(folder=str(target.resolve()), digest=digest)


def parse(nlp: Language, articles: Iterable[Article], *, batch_size: int = 32) -> Iterator[tuple[Doc, Article]]:
    """``(Doc, Article)`` pairs; the Doc is of :meth:`Article.clean_text`, with
    ``doc._.dct`` set to the article's publication date."""
    def docs():
        for a in articles:
            doc = nlp.make_doc(a.clean_text())
            doc._.dct = a.dct
            yield doc, a

    yield from nlp.pipe(docs(), as_tuples=True, batch_size=batch_size)
