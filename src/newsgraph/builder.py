"""The pipeline end to end: files in, :class:`~newsgraph.graph.KnowledgeGraph` out.

``newsgraph.build(["examples/"])`` only orchestrates: read the inputs, parse them in
batches, analyse each document (:func:`newsgraph.resolve.document.analyse`), link the
documents across the corpus, and hand the graph to the writers. The tests in
``tests/test_build.py`` run it on the bundled example.
"""
from __future__ import annotations

import datetime as _dt
import time
from collections.abc import Callable, Iterable

from spacy.language import Language

from .about import DEFAULT_BASE_IRI, DEFAULT_MODEL, __version__
from .data import default_lexicons
from .errors import Errors, NewsgraphError
from .graph import DocumentRecord, KnowledgeGraph, ManifestEntry, to_networkx
from .graph.identity import assign_event_iris
from .ingest import Article, InputProblem, read
from .nlp import lexicons_of, load, parse
from .resolve import assign_iris
from .resolve.document import analyse
from .types import PathLike
from .vocab.iris import Iris, check_base

Progress = Callable[[int, int], None]
#: Languages whose model, gazetteers and lexicons newsgraph ships.
SUPPORTED_LANGUAGES = frozenset({"fr"})


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


def build(paths: Iterable[PathLike], *, model: str = DEFAULT_MODEL, base_iri: str = DEFAULT_BASE_IRI,
          batch_size: int = 32, progress: Progress | None = None,
          exclude: Iterable[PathLike] = ()) -> KnowledgeGraph:
    """Read, parse, extract and resolve every article under ``paths`` into a graph.

    Bad inputs do not stop the build: each appears in ``KnowledgeGraph.manifest``
    exactly once, as ``done``, ``skipped`` or ``failed`` with its reason. Nothing under
    ``exclude`` (the output folder) is read.
    """
    paths = list(paths)
    if not paths:
        raise NewsgraphError(Errors.E010)
    check_options(base_iri=base_iri, batch_size=batch_size)
    started = time.perf_counter()
    manifest: list[ManifestEntry] = []
    articles: list[Article] = []
    for item in read(paths, exclude):
        if isinstance(item, InputProblem):
            manifest.append(ManifestEntry(item.id, item.path, item.status, item.reason))
        elif _language(item.lang) not in SUPPORTED_LANGUAGES:
            manifest.append(ManifestEntry(item.id, item.path or "", "skipped",
                                          str(NewsgraphError(Errors.E014, path=item.path, lang=item.lang))))
        else:
            articles.append(item)
    nlp = load(model) if articles else None
    lex = lexicons_of(nlp) if nlp is not None else default_lexicons()
    records: list[DocumentRecord] = []
    timings = {"nlp_and_extract": 0.0}
    done = 0
    if nlp is not None:
        for doc, article, error in _parse_safely(nlp, articles, batch_size):
            done += 1
            if progress:
                progress(done, len(articles))
            if error is not None or doc is None:
                manifest.append(ManifestEntry(article.id, article.path or "", "failed",
                                              str(NewsgraphError(Errors.E011, path=article.path, detail=error))))
                continue
            try:
                rec = analyse(doc, article, lex)
            except Exception as e:  # noqa: BLE001 - one bad article must not stop the batch
                manifest.append(ManifestEntry(article.id, article.path or "", "failed",
                                              str(NewsgraphError(Errors.E011, path=article.path, detail=repr(e)))))
                continue
            records.append(rec)
            manifest.append(ManifestEntry(article.id, article.path or "", "done", "", {
                "actors": len(rec.actors), "events": len(rec.events), "roles": len(rec.roles),
                "agreements": len(rec.agreements), "furniture_lines": len(article.dropped)}))
    timings["nlp_and_extract"] = time.perf_counter() - started
    iris = Iris(base_iri)
    assign_iris([r.actors for r in records], iris, lex, [r.id for r in records])
    assign_event_iris(records, iris)
    graph = to_networkx(records, iris)
    timings["total"] = time.perf_counter() - started
    info = {
        "software": "newsgraph", "version": __version__, "base_iri": base_iri,
        "model": model, "model_version": nlp.meta.get("version") if nlp else None,
        "spacy_pipeline": nlp.pipe_names if nlp else [],
        "started": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"),
        "timings": timings,
    }
    return KnowledgeGraph(documents=records, manifest=manifest, graph=graph, info=info, iris=iris)
