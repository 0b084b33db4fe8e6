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
from .vocab.iris import Iris

Progress = Callable[[int, int], None]
#: Languages whose model, gazetteers and lexicons newsgraph ships.
SUPPORTED_LANGUAGES = frozenset({"fr"})


def _parse_safely(nlp: Language, articles: list[Article], batch_size: int):
    """Parse in batches; if a batch fails, parse its articles one by one so that only
    the bad one fails."""
    for i in range(0, len(articles), batch_size):
        batch = articles[i:i + batch_size]
        try:
            yield from ((d, a, None) for d, a in parse(nlp, batch, batch_size=batch_size))
        except Exception:  # noqa: BLE001 - isolate the failing article below
            for a in batch:
                try:
                    yield next(iter(parse(nlp, [a]))) + (None,)
                except Exception as e:  # noqa: BLE001
                    yield None, a, e


def build(paths: Iterable[PathLike], *, model: str = DEFAULT_MODEL, base_iri: str = DEFAULT_BASE_IRI,
          batch_size: int = 32, progress: Progress | None = None) -> KnowledgeGraph:
    """Read, parse, extract and resolve every article under ``paths`` into a graph.

    Bad inputs do not stop the build: each appears in ``KnowledgeGraph.manifest`` as
    ``skipped`` or ``failed`` with its reason.
    """
    paths = list(paths)
    if not paths:
        raise NewsgraphError(Errors.E010)
    started = time.perf_counter()
    manifest: list[ManifestEntry] = []
    articles: list[Article] = []
    for item in read(paths):
        if isinstance(item, InputProblem):
            manifest.append(ManifestEntry(item.id, item.path, item.status, item.reason))
        elif item.lang not in SUPPORTED_LANGUAGES:
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
