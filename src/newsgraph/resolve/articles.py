"""The analysis of many articles: parsed in batches, each analysed, a failure kept to
its own article (:func:`outcomes`), in this process or in a worker of
:mod:`newsgraph.engines`."""
from __future__ import annotations

from collections.abc import Iterator

from spacy.language import Language
from spacy.tokens import Doc

from ..errors import Errors, NewsgraphError
from ..nlp import lexicons_of
from ..nlp.pipeline import parse_safely
from ..records import Article, DocumentRecord
from ..types import Progress
from .document import analyse



def outcomes(nlp: Language, articles: list[Article], batch_size: int, progress: Progress | None = None, *,
             spans: bool = False) -> Iterator[tuple[Doc | None, Article, DocumentRecord | None, str | None]]:
    """``(doc, article, record, failure)`` for each article exactly once, in order: the
    record when the article was parsed and analysed (with ``spans``, the Doc's span
    groups written, for ``newsgraph.pipe``), else why it failed."""
    lex = lexicons_of(nlp)
    for done, (doc, article, error) in enumerate(parse_safely(nlp, articles, batch_size), 1):
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
