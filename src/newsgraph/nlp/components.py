"""newsgraph's spaCy components, registered as factories (see pyproject entry points).

``newsgraph_lexicon`` holds the pipeline's :class:`~newsgraph.data.Lexicons` and saves
them with ``nlp.to_disk``, as spaCy's ``EntityRuler`` does its patterns; the other
components name it in their config (``lexicon``) and read their word lists from it, so a
lexicon extended with :meth:`LexiconComponent.add` reaches every rule:

>>> import spacy
>>> nlp = spacy.blank("fr")
>>> lexicon = nlp.add_pipe("newsgraph_lexicon")
>>> lexicon.add("non_actors", ["Tartempion"])
>>> "tartempion" in lexicons_of(nlp).non_actors
True
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import cast

from spacy.language import Language
from spacy.tokens import Doc

from ..data import Lexicons, default_lexicons
from ..errors import Errors, NewsgraphError
from .gazetteer import Gazetteer, fix_entities, line_breaks
from .timex.component import doc_timexes
from .timex.lexicon import Lexicon as TimexLexicon

if not Doc.has_extension("dct"):
    Doc.set_extension("dct", default=None)
if not Doc.has_extension("timexes"):
    Doc.set_extension("timexes", default=None)

LEXICON_PIPE = "newsgraph_lexicon"


class LexiconComponent:
    """Holds the lexicons of the pipeline; does nothing to a Doc."""

    def __init__(self, nlp: Language, name: str = LEXICON_PIPE, *, lang: str = "fr") -> None:
        self.name = name
        self.lang = lang
        self.lexicons: Lexicons = default_lexicons(lang)

    def __call__(self, doc: Doc) -> Doc:
        return doc

    def initialize(self, get_examples: Callable[[], Iterable] | None = None, *, nlp: Language | None = None,
                   extend: Mapping[str, list] | None = None) -> None:
        """Start from the package's lexicons, extended with ``extend`` (lexicon name ->
        rows), e.g. from ``[initialize.components.newsgraph_lexicon.extend]``."""
        self.lexicons = default_lexicons(self.lang)
        for name, rows in (extend or {}).items():
            self.add(name, rows)

    def add(self, name: str, rows: Iterable[Mapping[str, str] | str]) -> None:
        """Add rows to one lexicon (see :meth:`newsgraph.data.Lexicons.extended`)."""
        self.lexicons = self.lexicons.extended(name, rows)

    def to_disk(self, path, *, exclude: Iterable[str] = ()) -> None:
        self.lexicons.to_disk(Path(path))

    def from_disk(self, path, *, exclude: Iterable[str] = ()) -> LexiconComponent:
        self.lexicons = Lexicons.from_disk(Path(path), self.lang)
        return self

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        return self.lexicons.to_bytes()

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> LexiconComponent:
        self.lexicons = Lexicons.from_bytes(data)
        return self


@Language.factory(LEXICON_PIPE, default_config={"lang": "fr"}, assigns=[])
def make_lexicon(nlp: Language, name: str, lang: str) -> LexiconComponent:
    return LexiconComponent(nlp, name, lang=lang)


def lexicons_of(nlp: Language, name: str = LEXICON_PIPE) -> Lexicons:
    """The lexicons of a pipeline (its ``newsgraph_lexicon`` component)."""
    if name not in nlp.pipe_names:
        raise NewsgraphError(Errors.E017, name=name)
    return cast(LexiconComponent, nlp.get_pipe(name)).lexicons


class LineBreaks:
    """Sets a sentence start after each line break (runs before the parser)."""

    def __call__(self, doc: Doc) -> Doc:
        return line_breaks(doc)


@Language.factory("newsgraph_lines", assigns=["token.is_sent_start"])
def make_line_breaks(nlp: Language, name: str) -> LineBreaks:
    return LineBreaks()


class EntityFixer:
    """Adds gazetteer entities (countries, capitals, organisations) and mends NER spans,
    with the gazetteers of the pipeline's lexicon component."""

    def __init__(self, nlp: Language, *, lexicon: str) -> None:
        self.nlp = nlp
        self.lexicon = lexicon
        self._gazetteer: Gazetteer | None = None

    def gazetteer(self) -> Gazetteer:
        lex = lexicons_of(self.nlp, self.lexicon)
        if self._gazetteer is None or self._gazetteer.lex is not lex:  # built again when extended
            self._gazetteer = Gazetteer(self.nlp, lex)
        return self._gazetteer

    def __call__(self, doc: Doc) -> Doc:
        return fix_entities(doc, self.gazetteer())


@Language.factory("newsgraph_entities", default_config={"lexicon": LEXICON_PIPE}, assigns=["doc.ents"])
def make_entities(nlp: Language, name: str, lexicon: str) -> EntityFixer:
    return EntityFixer(nlp, lexicon=lexicon)


class TimexTagger:
    """Sets ``doc._.timexes``: temporal expressions with TIMEX3 values, anchored on
    ``doc._.dct`` (the publication date) when it is set."""

    def __init__(self, nlp: Language, *, lexicon: str) -> None:
        self.nlp = nlp
        self.lexicon = lexicon
        self._words: tuple[Lexicons, TimexLexicon] | None = None

    def words(self) -> TimexLexicon:
        lex = lexicons_of(self.nlp, self.lexicon)
        if self._words is None or self._words[0] is not lex:
            self._words = (lex, TimexLexicon(lex.timex))
        return self._words[1]

    def __call__(self, doc: Doc) -> Doc:
        words = self.words()
        doc._.timexes = doc_timexes(doc, doc._.dct, lexicon=words)
        return doc


@Language.factory("newsgraph_timex", default_config={"lexicon": LEXICON_PIPE}, assigns=["doc._.timexes"])
def make_timex(nlp: Language, name: str, lexicon: str) -> TimexTagger:
    return TimexTagger(nlp, lexicon=lexicon)
