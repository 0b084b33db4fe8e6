"""newsgraph's spaCy components, registered as factories (see pyproject entry points)."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .gazetteer import build_matcher, fix_entities, line_breaks
from .timex.component import doc_timexes

if not Doc.has_extension("dct"):
    Doc.set_extension("dct", default=None)
if not Doc.has_extension("timexes"):
    Doc.set_extension("timexes", default=None)


class LineBreaks:
    """Sets a sentence start after each line break (runs before the parser)."""

    def __call__(self, doc: Doc) -> Doc:
        return line_breaks(doc)


@Language.factory("newsgraph_lines", assigns=["token.is_sent_start"])
def make_line_breaks(nlp: Language, name: str) -> LineBreaks:
    return LineBreaks()


class EntityFixer:
    """Adds gazetteer entities (countries, capitals, organisations) and mends NER spans."""

    def __init__(self, nlp: Language, *, lang: str) -> None:
        self.lang = lang
        self.matcher = build_matcher(nlp, lang)

    def __call__(self, doc: Doc) -> Doc:
        return fix_entities(doc, self.matcher, self.lang)


@Language.factory("newsgraph_entities", default_config={"lang": "fr"}, assigns=["doc.ents"])
def make_entities(nlp: Language, name: str, lang: str) -> EntityFixer:
    return EntityFixer(nlp, lang=lang)


class TimexTagger:
    """Sets ``doc._.timexes``: temporal expressions with TIMEX3 values, anchored on
    ``doc._.dct`` (the publication date) when it is set."""

    def __init__(self, *, lang: str) -> None:
        self.lang = lang

    def __call__(self, doc: Doc) -> Doc:
        doc._.timexes = doc_timexes(doc, doc._.dct, self.lang)
        return doc


@Language.factory("newsgraph_timex", default_config={"lang": "fr"}, assigns=["doc._.timexes"])
def make_timex(nlp: Language, name: str, lang: str) -> TimexTagger:
    return TimexTagger(lang=lang)
