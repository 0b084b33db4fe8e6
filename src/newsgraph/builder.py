"""The pipeline end to end: files or strings in, :class:`~newsgraph.graph.KnowledgeGraph` out.

``newsgraph.build(["examples/"])`` and ``newsgraph.build_texts(["Le Mali ..."])`` only
orchestrate: read the inputs, parse them in batches, analyse each document
(:func:`newsgraph.resolve.document.analyse`), link the documents across the corpus, and
hand the graph to the writers. ``newsgraph.pipe(texts)`` yields the analysed spaCy Docs.
The tests in ``tests/test_build.py`` and ``tests/test_api.py`` run them.
"""
from __future__ import annotations

import datetime as _dt
import logging
import os
import time
from collections.abc import Callable, Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from .about import DEFAULT_BASE_IRI, DEFAULT_MODEL, __version__
from .api import KnowledgeGraph
from .data import default_lexicons
from .errors import Errors, NewsgraphError
from .graph import DocumentRecord, ManifestEntry, to_networkx
from .graph.identity import assign_event_iris
from .ingest import Article, InputProblem, read, read_texts
from .ingest.texts import TextRecord
from .nlp import lexicons_of, load, parse
from .resolve import assign_iris
from .resolve.document import analyse
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


def _parse_safely(nlp: Language, articles: list[Article], batch_size: int):
    """``(doc, article, error)`` for each article exactly once, in order.

    Articles are parsed in batches; when a batch fails inside the pipeline, the articles
    it has not yet yielded are parsed one by one, so that only the bad one fails and none
    is parsed (and recorded) twice.
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


def check_options(*, base_iri: str = DEFAULT_BASE_IRI, batch_size: int = 32) -> None:
    """Raise a coded error for an option a build cannot use, before any input is read.

    >>> check_options(batch_size=0)
    Traceback (most recent call last):
    ...
    newsgraph.errors.NewsgraphError: [E026] --batch-size must be a whole number of at least 1, not 0.
    """
    if isinstance(batch_size, bool) or not isinstance(batch_size, int) or batch_size < 1:
        raise NewsgraphError(Errors.E026, option="--batch-size", value=batch_size)
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


def _analysed(nlp: Language, articles: list[Article], batch_size: int, manifest: list[ManifestEntry],
              progress: Progress | None) -> Iterator[tuple[Doc, DocumentRecord]]:
    lex = lexicons_of(nlp)
    for done, (doc, article, error) in enumerate(_parse_safely(nlp, articles, batch_size), 1):
        if progress:
            progress(done, len(articles))
        if error is not None or doc is None:
            _problem(manifest, ManifestEntry(article.id, article.path or "", "failed",
                                             str(NewsgraphError(Errors.E011, path=article.path, detail=error))))
            continue
        try:
            rec = analyse(doc, article, lex)
        except Exception as e:  # noqa: BLE001 - one bad article must not stop the batch
            _problem(manifest, ManifestEntry(article.id, article.path or "", "failed",
                                             str(NewsgraphError(Errors.E011, path=article.path, detail=repr(e)))))
            continue
        manifest.append(ManifestEntry(article.id, article.path or "", "done", "", {
            "actors": len(rec.actors), "events": len(rec.events), "roles": len(rec.roles),
            "agreements": len(rec.agreements), "furniture_lines": len(article.dropped)}))
        yield doc, rec


def _build(items: Iterable[Article | InputProblem], *, model: str, base_iri: str, batch_size: int,
           progress: Progress | None, mentions: bool = True) -> KnowledgeGraph:
    started = time.perf_counter()
    manifest: list[ManifestEntry] = []
    articles = _articles(items, manifest)
    nlp = load(model) if articles else None
    lex = lexicons_of(nlp) if nlp is not None else default_lexicons()
    records = [rec for _, rec in _analysed(nlp, articles, batch_size, manifest, progress)] if nlp else []
    timings = {"nlp_and_extract": time.perf_counter() - started}
    iris = Iris(base_iri)
    assign_iris([r.actors for r in records], iris, lex, [r.id for r in records])
    assign_event_iris(records, iris)
    graph = to_networkx(records, iris)
    timings["total"] = time.perf_counter() - started
    info = {
        "software": "newsgraph", "version": __version__, "base_iri": base_iri,
        "model": model, "model_version": nlp.meta.get("version") if nlp else None,
        "spacy_pipeline": nlp.pipe_names if nlp else [],
        "started": build_time(),
        "timings": timings,
    }
    if not mentions:  # the RDF writers leave the actors' mention spans out
        info["mentions"] = False
    log.info("built %d documents from %d inputs", len(records), len(manifest))
    return KnowledgeGraph(documents=records, manifest=manifest, graph=graph, info=info, iris=iris)


def build(paths: Iterable[PathLike], *, model: str = DEFAULT_MODEL, base_iri: str = DEFAULT_BASE_IRI,
          batch_size: int = 32, progress: Progress | None = None,
          exclude: Iterable[PathLike] = (), mentions: bool = True) -> KnowledgeGraph:
    """Read, parse, extract and resolve every article under ``paths`` into a graph.

    Bad inputs do not stop the build: each appears in ``KnowledgeGraph.manifest``
    exactly once, as ``done``, ``skipped`` or ``failed`` with its reason, and is reported
    on the ``newsgraph`` logger. Nothing under ``exclude`` (the output folder) is read.
    ``mentions=False`` leaves every actor mention (a NIF span, most of the RDF's quads)
    out of the RDF writers' output; ``documents.jsonl`` and the tables keep them.
    """
    paths = list(paths)
    if not paths:
        raise NewsgraphError(Errors.E010)
    check_options(base_iri=base_iri, batch_size=batch_size)
    return _build(read(paths, exclude), model=model, base_iri=base_iri, batch_size=batch_size,
                  progress=progress, mentions=mentions)


def build_texts(texts: Iterable[TextRecord], *, model: str = DEFAULT_MODEL, base_iri: str = DEFAULT_BASE_IRI,
                batch_size: int = 32, progress: Progress | None = None, mentions: bool = True) -> KnowledgeGraph:
    """The graph of texts given as strings, or as ``(id, text)`` or ``(id, text, metadata)``
    records (metadata: ``title``, ``dct``, ``url``, ``lang``); strings get the ids
    ``text1``, ``text2``...

    A bad text does not stop the build: it is in the manifest with its reason.
    """
    check_options(base_iri=base_iri, batch_size=batch_size)
    return _build(read_texts(texts), model=model, base_iri=base_iri, batch_size=batch_size, progress=progress,
                  mentions=mentions)


def pipe(texts: Iterable[TextRecord], *, model: str = DEFAULT_MODEL, base_iri: str = DEFAULT_BASE_IRI,
         batch_size: int = 32) -> Iterator[Doc]:
    """The analysed spaCy Docs of ``texts`` (as :func:`build_texts` takes them), for
    spaCy users: ``doc.spans["actors"]``, ``doc.spans["events"]``, ``doc.spans["timexes"]``
    and the records in ``doc._.actors``, ``doc._.events``, ``doc._.roles``,
    ``doc._.agreements`` (see :mod:`newsgraph.resolve.spans`). Actors carry their IRIs,
    linked across the texts given.
    """
    manifest: list[ManifestEntry] = []
    articles = _articles(read_texts(texts), manifest)
    if not articles:
        return
    nlp = load(model)
    pairs = list(_analysed(nlp, articles, batch_size, manifest, None))
    iris = Iris(base_iri)
    assign_iris([r.actors for _, r in pairs], iris, lexicons_of(nlp), [r.id for _, r in pairs])
    for doc, _ in pairs:
        yield doc
