"""The pipeline end to end: files or strings in, :class:`~newsgraph.graph.KnowledgeGraph` out.

``newsgraph.build(["examples/"])`` and ``newsgraph.build_texts(["Le Mali ..."])`` only
orchestrate: read the inputs, parse them in batches, analyse each document
(:func:`newsgraph.resolve.document.analyse`), link the documents across the corpus, and
hand the graph to the writers. ``newsgraph.pipe(texts)`` yields the analysed spaCy Docs.
The tests in ``tests/test_build.py`` and ``tests/test_api.py`` run them.
"""
from __future__ import annotations

import ctypes
import dataclasses
import datetime as _dt
import functools
import gc
import logging
import os
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from .about import DEFAULT_BASE_IRI, DEFAULT_MODEL, __version__
from .api import KnowledgeGraph
from .cache import DocumentCache, article_key, pipeline_version
from .data import default_lexicons
from .engines import ENGINES
from .errors import Errors, NewsgraphError
from .graph import to_networkx
from .ingest import read, read_texts
from .ingest.texts import TextRecord
from .nlp import lexicons_of, load, parse
from .nlp.pipeline import PipelineRef, add_components, fingerprint, pipeline_name
from .records import Article, BuildInfo, DocumentRecord, InputProblem, ManifestEntry, Work
from .resolve.document import analyse
from .resolve.linking import link
from .resolve.spans import write_records
from .types import PathLike
from .vocab.iris import Iris, check_base

log = logging.getLogger(__name__)
Progress = Callable[[int, int], None]
#: Languages whose model, gazetteers and lexicons newsgraph ships.
SUPPORTED_LANGUAGES = frozenset({"fr"})


def build_time() -> str:
    """When the build ran (UTC, ISO 8601): ``SOURCE_DATE_EPOCH`` when it is set, as the
    reproducible-builds convention asks, so that the same input gives the same files.

    >>> os.environ["SOURCE_DATE_EPOCH"] = "1700000000"; build_time()
    '2023-11-14T22:13:20+00:00'
    >>> del os.environ["SOURCE_DATE_EPOCH"]
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    when = _dt.datetime.fromtimestamp(int(epoch), _dt.timezone.utc) if epoch.isdigit() \
        else _dt.datetime.now(_dt.timezone.utc)
    return when.isoformat(timespec="seconds")


@functools.lru_cache(maxsize=1)
def _malloc_trim() -> Callable[[int], int] | None:
    """glibc's ``malloc_trim``, where the C library has it."""
    try:
        return ctypes.CDLL("libc.so.6").malloc_trim
    except (OSError, AttributeError):
        return None


def give_back_memory() -> None:
    """Return the heap pages freed by the last batch of Docs to the system.

    A parsed Doc holds reference cycles and outlives two young collections, so only a
    full collection frees it (Python runs one ever more rarely as the records pile up);
    then glibc keeps the freed memory for reuse, pinned by the records allocated between.
    Without this, a build's peak RSS grew with the number of articles though what it held
    did not (1.50 GB at 633 MasakhaNEWS articles, 1.81 GB at 3 x 633). A full collection
    takes about 0.13 s, once a batch (32 articles: about 9 s of NLP). The trim is skipped
    where the C library is not glibc.
    """
    gc.collect()
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


def _parse_safely(nlp: Language, articles: list[Article], batch_size: int):
    """``(doc, article, error)`` for each article exactly once, in order.

    Articles are parsed in batches; when a batch fails inside the pipeline, the articles
    it has not yet yielded are parsed one by one, so that only the bad one fails and none
    is parsed (and recorded) twice. What a batch freed goes back to the system before the
    next (:func:`give_back_memory`).
    """
    for i in range(0, len(articles), batch_size):
        if i:
            give_back_memory()
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


def _whole(option: str, value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise NewsgraphError(Errors.E026, option=option, value=value)


def check_options(*, base_iri: str = DEFAULT_BASE_IRI, batch_size: int = 32, jobs: int = 1,
                  engine: str = "local") -> None:
    """Raise a coded error for an option a build cannot use, before any input is read.

    >>> check_options(batch_size=0)
    Traceback (most recent call last):
    ...
    newsgraph.errors.NewsgraphError: [E026] --batch-size must be a whole number of at least 1, not 0.
    """
    _whole("--batch-size", batch_size)
    _whole("--jobs", jobs)
    if engine not in ENGINES:
        raise NewsgraphError(Errors.E043, known=", ".join(ENGINES), value=engine)
    check_base(base_iri)


def _language(lang: str) -> str:
    return lang.split("-")[0].lower()


def _problem(manifest: list[ManifestEntry], entry: ManifestEntry) -> None:
    """Record an input that gave no document, and report it (``failed`` as an error,
    ``skipped`` as a warning)."""
    manifest.append(entry)
    log.log(logging.ERROR if entry.status == "failed" else logging.WARNING, "%s: %s", entry.status, entry.reason)


def _articles(items: Iterable[Article | InputProblem], manifest: list[ManifestEntry]) -> list[Article]:
    articles: list[Article] = []
    for item in items:
        if isinstance(item, InputProblem):
            _problem(manifest, ManifestEntry(item.id, item.path, item.status, item.reason))
        elif _language(item.lang) not in SUPPORTED_LANGUAGES:
            _problem(manifest, ManifestEntry(item.id, item.path or "", "skipped",
                                             str(NewsgraphError(Errors.E014, path=item.path, lang=item.lang))))
        else:
            articles.append(item)
    return articles


Outcome = tuple[Article, "DocumentRecord | None", "str | None"]


def _outcomes(nlp: Language, articles: list[Article], batch_size: int, progress: Progress | None = None, *,
              spans: bool = False) -> Iterator[tuple[Doc | None, Article, DocumentRecord | None, str | None]]:
    """``(doc, article, record, failure)`` for each article exactly once, in order: the
    record when the article was parsed and analysed (with ``spans``, the Doc's span
    groups written, for ``pipe``), else why it failed."""
    lex = lexicons_of(nlp)
    for done, (doc, article, error) in enumerate(_parse_safely(nlp, articles, batch_size), 1):
        if progress:
            progress(done, len(articles))
        if error is not None or doc is None:
            yield None, article, None, str(NewsgraphError(Errors.E011, path=article.path, detail=error))
            continue
        try:
            rec = analyse(doc, article, lex, spans=spans)
        except Exception as e:  # noqa: BLE001 - one bad article must not stop the batch
            yield doc, article, None, str(NewsgraphError(Errors.E011, path=article.path, detail=repr(e)))
            continue
        yield doc, article, rec, None


def analyse_shard(articles: list[Article], pipeline: PipelineRef, batch_size: int) -> list[Outcome]:
    """What each of ``articles`` gives, in a worker (:mod:`newsgraph.engines`): the
    parent's pipeline in a forked worker, else ``pipeline`` loaded once per process; no
    spaCy Doc leaves the worker."""
    from .engines import worker_pipeline

    nlp = worker_pipeline() or pipeline.open()
    return [(article, rec, failure) for _, article, rec, failure in _outcomes(nlp, articles, batch_size)]


def _account(manifest: list[ManifestEntry], article: Article, rec: DocumentRecord | None,
             failure: str | None) -> None:
    """The manifest entry of one article that went to NLP."""
    if rec is None:
        _problem(manifest, ManifestEntry(article.id, article.path or "", "failed", failure or ""))
        return
    manifest.append(ManifestEntry(article.id, article.path or "", "done", "", {
        "actors": len(rec.actors), "events": len(rec.events), "roles": len(rec.roles),
        "agreements": len(rec.agreements), "furniture_lines": len(article.dropped)}))


def _analysed(nlp: Language, articles: list[Article], batch_size: int, manifest: list[ManifestEntry],
              progress: Progress | None) -> Iterator[tuple[Doc, DocumentRecord]]:
    for doc, article, rec, failure in _outcomes(nlp, articles, batch_size, progress, spans=True):
        _account(manifest, article, rec, failure)
        if rec is not None:
            yield doc, rec


@dataclass(frozen=True)
class Engine:
    """How a build runs the per-document work: ``jobs`` worker processes (1: this
    process), or ``dask`` on the cluster at ``scheduler`` (a local one of ``jobs``
    workers when None)."""

    jobs: int = 1
    name: str = "local"
    scheduler: str | None = None


def _run(nlp: Language, articles: list[Article], *, model: PathLike | None, batch_size: int, engine: Engine,
         progress: Progress | None, cache: PathLike | None = None) -> Iterator[Outcome]:
    """What each article gives, in order, wherever the engine runs it: forked workers
    use this process's pipeline; Dask workers load it by name when it is the package's
    own, else from the folder it is saved to (under ``cache``, or a temporary one)."""
    if engine.name == "local" and (engine.jobs == 1 or len(articles) <= 1):
        for _, article, rec, failure in _outcomes(nlp, articles, batch_size, progress):
            yield article, rec, failure
        return
    from . import engines

    parts = engines.shards(articles, engine.jobs, batch_size)
    if engine.name == "dask":
        results = engines.run_dask_with(analyse_shard, parts, nlp, model, scheduler=engine.scheduler,
                                        workers=engine.jobs, folder=cache, args=(batch_size,))
    else:
        results = engines.run_processes(analyse_shard, parts, engine.jobs, nlp=nlp,
                                        args=(PipelineRef(), batch_size))
    done = 0
    for part in results:
        for outcome in part:
            done += 1
            if progress:
                progress(done, len(articles))
            yield outcome


def _cached_run(nlp: Language, articles: list[Article], cache: DocumentCache | None, *, model: PathLike | None,
                batch_size: int, engine: Engine, progress: Progress | None,
                work: dict) -> tuple[list[Outcome], list[str]]:
    """What each article gives, in order, and the cache keys: only the articles the
    cache does not know go to NLP; what they give is kept."""
    if cache is None:
        outcomes = list(_run(nlp, articles, model=model, batch_size=batch_size, engine=engine, progress=progress))
        work["parsed"] = len(articles)
        return outcomes, []
    version = pipeline_version(fingerprint(nlp, model_name(nlp, model)))
    keys = [article_key(a, version) for a in articles]
    found: dict[int, Outcome] = {}
    for i, (a, key) in enumerate(zip(articles, keys)):
        entry = cache.get(key)
        if entry is not None and entry[1] is not None:  # a failure is tried again
            found[i] = (a, dataclasses.replace(entry[1], article=a), None)
    todo = [i for i in range(len(articles)) if i not in found]
    work["parsed"], work["from_cache"] = len(todo), len(found)
    fresh = _run(nlp, [articles[i] for i in todo], model=model, batch_size=batch_size, engine=engine,
                 progress=progress, cache=cache.folder)
    for i, outcome in zip(todo, fresh):
        cache.put(keys[i], *outcome)  # before linking, which sets IRIs in the record
        found[i] = outcome
    return [found[i] for i in range(len(articles))], keys


def model_name(nlp: Language, model: PathLike | None) -> str:
    """What the build's provenance calls its model: ``model`` as given, else the name of
    the pipeline's model."""
    return os.fspath(model) if model is not None else pipeline_name(nlp)


def _pipeline(model: PathLike | None, nlp: Language | None) -> tuple[PathLike | None, Language | None]:
    """The model to load (None: ``nlp`` is given, with the newsgraph components added
    where it lacks them)."""
    if nlp is not None and model is not None:
        raise NewsgraphError(Errors.E053)
    if nlp is not None:
        return None, add_components(nlp)
    return (DEFAULT_MODEL if model is None else model), None


def _build(items: Iterable[Article | InputProblem], *, model: PathLike | None, base_iri: str, batch_size: int,
           progress: Progress | None, engine: Engine = Engine(), cache: PathLike | None = None,
           add: bool = False, mentions: bool = True, nlp: Language | None = None) -> KnowledgeGraph:
    started = time.perf_counter()
    manifest: list[ManifestEntry] = []
    store = DocumentCache(cache) if cache is not None else None
    if add:
        if store is None:
            raise NewsgraphError(Errors.E044)
        before, problems = store.previous_inputs()
        manifest.extend(problems)
        articles = before + _articles(items, manifest)
    else:
        articles = _articles(items, manifest)
    problems = list(manifest)
    if not articles:
        nlp = None
    elif nlp is None:
        nlp = load(model)  # type: ignore[arg-type]
    lex = lexicons_of(nlp) if nlp is not None else default_lexicons()
    work: dict = {"jobs": engine.jobs, "engine": engine.name, "parsed": 0}
    records: list[DocumentRecord] = []
    if nlp is not None:
        outcomes, keys = _cached_run(nlp, articles, store, model=model, batch_size=batch_size, engine=engine,
                                     progress=progress, work=work)
        for article, rec, failure in outcomes:
            _account(manifest, article, rec, failure)
            if rec is not None:
                records.append(rec)
        if store is not None:
            store.save_inputs(keys, problems)
    elif store is not None:
        store.save_inputs([], problems)
    timings = {"nlp_and_extract": time.perf_counter() - started}
    iris = Iris(base_iri)
    links = link(records, iris, lex)
    graph = to_networkx(records, iris, links)
    timings["total"] = time.perf_counter() - started
    info = BuildInfo(
        version=__version__, base_iri=base_iri,
        model=model_name(nlp, model) if nlp else os.fspath(model or DEFAULT_MODEL),
        model_version=nlp.meta.get("version") if nlp else None,
        spacy_pipeline=tuple(nlp.pipe_names) if nlp else (),
        started=build_time(), timings=timings, work=Work(**work),
        mentions=mentions,  # False: the RDF writers leave the actors' mention spans out
    )
    log.info("built %d documents from %d inputs", len(records), len(manifest))
    return KnowledgeGraph(documents=records, manifest=manifest, graph=graph, info=info, iris=iris, links=links)


def build(paths: Iterable[PathLike], *, model: PathLike | None = None, nlp: Language | None = None,
          base_iri: str = DEFAULT_BASE_IRI, batch_size: int = 32, progress: Progress | None = None,
          exclude: Iterable[PathLike] = (), jobs: int = 1, engine: str = "local", scheduler: str | None = None,
          cache: PathLike | None = None, add: bool = False, mentions: bool = True) -> KnowledgeGraph:
    """Read, parse, extract and resolve every article under ``paths`` into a graph.

    The pipeline is ``nlp`` (a spaCy ``Language`` you hold: newsgraph's components are
    added where it lacks them), or ``model``, an installed package's name or the folder
    of a pipeline saved with ``nlp.to_disk`` (default: ``fr_core_news_md``); not both.

    Bad inputs do not stop the build: each appears in ``KnowledgeGraph.manifest``
    exactly once, as ``done``, ``skipped`` or ``failed`` with its reason, and is reported
    on the ``newsgraph`` logger. Nothing under ``exclude`` (the output folder) is read.
    ``mentions=False`` leaves every actor mention (a NIF span, most of the RDF's quads)
    out of the RDF writers' output; ``documents.jsonl`` and the tables keep them.

    ``jobs`` worker processes parse and analyse the articles (``engine="dask"``: on the
    Dask cluster at ``scheduler``, or a local one of ``jobs`` workers); the result is the
    same as with one. With a ``cache`` folder, only articles it does not know are parsed
    (:mod:`newsgraph.cache`); ``add=True`` builds the articles of the last build that used
    the cache and those under ``paths`` after them.
    """
    paths = list(paths)
    if not paths:
        raise NewsgraphError(Errors.E010)
    check_options(base_iri=base_iri, batch_size=batch_size, jobs=jobs, engine=engine)
    model, nlp = _pipeline(model, nlp)
    return _build(read(paths, exclude), model=model, nlp=nlp, base_iri=base_iri, batch_size=batch_size,
                  progress=progress, engine=Engine(jobs, engine, scheduler), cache=cache, add=add,
                  mentions=mentions)


def build_texts(texts: Iterable[TextRecord], *, model: PathLike | None = None, nlp: Language | None = None,
                base_iri: str = DEFAULT_BASE_IRI,
                batch_size: int = 32, progress: Progress | None = None, jobs: int = 1, engine: str = "local",
                scheduler: str | None = None, cache: PathLike | None = None,
                mentions: bool = True) -> KnowledgeGraph:
    """The graph of texts given as strings, or as ``(id, text)`` or ``(id, text, metadata)``
    records (metadata: ``title``, ``dct``, ``url``, ``lang``); strings get the ids
    ``text1``, ``text2``... (``model``, ``nlp``, ``jobs``, ``engine``, ``scheduler``, ``cache``: as
    :func:`build` takes them).

    A bad text does not stop the build: it is in the manifest with its reason.
    """
    check_options(base_iri=base_iri, batch_size=batch_size, jobs=jobs, engine=engine)
    model, nlp = _pipeline(model, nlp)
    return _build(read_texts(texts), model=model, nlp=nlp, base_iri=base_iri, batch_size=batch_size, progress=progress,
                  engine=Engine(jobs, engine, scheduler), cache=cache, mentions=mentions)


def pipe(texts: Iterable[TextRecord], *, model: PathLike | None = None, nlp: Language | None = None,
         base_iri: str = DEFAULT_BASE_IRI, batch_size: int = 32) -> Iterator[Doc]:
    """The analysed spaCy Docs of ``texts`` (as :func:`build_texts` takes them), for
    spaCy users: ``doc.spans["actors"]``, ``doc.spans["events"]``, ``doc.spans["timexes"]``
    and the records in ``doc._.actors``, ``doc._.events``, ``doc._.roles``,
    ``doc._.agreements`` (see :mod:`newsgraph.resolve.spans`), and ``doc._.iris``: the IRI
    of each actor and event (by its id, a span's ``kb_id_``), linked across the texts given.
    """
    model, nlp = _pipeline(model, nlp)
    manifest: list[ManifestEntry] = []
    articles = _articles(read_texts(texts), manifest)
    if not articles:
        return
    nlp = nlp or load(model)  # type: ignore[arg-type]
    pairs = list(_analysed(nlp, articles, batch_size, manifest, None))
    links = link([r for _, r in pairs], Iris(base_iri), lexicons_of(nlp))
    for doc, rec in pairs:
        write_records(doc, rec, links)
        yield doc
