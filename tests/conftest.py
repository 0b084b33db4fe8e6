"""Shared fixtures: one spaCy pipeline for the whole session."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


@pytest.fixture(scope="session")
def nlp():
    from newsgraph.nlp import load

    return load()


@pytest.fixture(scope="session")
def parse(nlp):
    """Parse a French text the way a build does (line breaks, gazetteer, entity fixes)."""
    def _parse(text: str):
        return nlp(text)

    return _parse


@pytest.fixture(scope="session")
def extract(nlp):
    """Build the record of one text given as a .txt article."""
    from newsgraph.records import Article
    from newsgraph.ingest.readers import prepare
    from newsgraph.nlp import lexicons_of
    from newsgraph.resolve.document import analyse

    def _extract(text: str, doc_id: str = "t"):
        article = prepare(Article(id=doc_id, text=text), headline=False)
        return analyse(nlp(article.clean_text()), article, lexicons_of(nlp))

    return _extract


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory):
    """The bundled example built once, with all outputs written."""
    import newsgraph
    from newsgraph.export import write

    out = tmp_path_factory.mktemp("seed")
    kg = newsgraph.build([EXAMPLES])
    write(kg, out)
    return kg, out
