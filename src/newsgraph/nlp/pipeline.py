"""Load the spaCy pipeline once and run it over articles in batches."""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from ..about import DEFAULT_MODEL
from ..errors import Errors, NewsgraphError
from ..ingest import Article


@lru_cache(maxsize=2)
def load(model: str = DEFAULT_MODEL) -> Language:
    """The model with newsgraph's components added; loaded once per process.

    ``newsgraph_lexicon`` comes first: it holds the word lists the other components and
    the extractors read (:func:`newsgraph.nlp.lexicons_of`).
    """
    import spacy

    from . import components  # noqa: F401  (registers the factories)

    try:
        nlp = spacy.load(model)
    except OSError as e:
        raise NewsgraphError(Errors.E007, model=model) from e
    nlp.add_pipe("newsgraph_lexicon", first=True)
    nlp.add_pipe("newsgraph_lines", before="parser")
    nlp.add_pipe("newsgraph_entities", after="ner")
    nlp.add_pipe("newsgraph_timex", last=True)
    return nlp


def parse(nlp: Language, articles: Iterable[Article], *, batch_size: int = 32) -> Iterator[tuple[Doc, Article]]:
    """``(Doc, Article)`` pairs; the Doc is of :meth:`Article.clean_text`, with
    ``doc._.dct`` set to the article's publication date."""
    def docs():
        for a in articles:
            doc = nlp.make_doc(a.clean_text())
            doc._.dct = a.dct
            yield doc, a

    yield from nlp.pipe(docs(), as_tuples=True, batch_size=batch_size)
