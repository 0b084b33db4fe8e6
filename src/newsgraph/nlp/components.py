"""newsgraph's spaCy components, registered as factories (see pyproject entry points)."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .gazetteer import build_matcher, fix_entities, line_breaks


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
