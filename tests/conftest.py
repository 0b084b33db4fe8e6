"""Shared fixtures: one spaCy pipeline for the whole session."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


@pytest.fixture(scope="session", autouse=True)
def user_cache(tmp_path_factory):
    """The user's cache folder of every build the tests run (``$XDG_CACHE_HOME``), in a
    temporary folder: never the real one."""
    import os

    folder = tmp_path_factory.mktemp("xdg-cache")
    old = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(folder)
    yield folder / "newsgraph"
    if old is None:
        del os.environ["XDG_CACHE_HOME"]
    else:
        os.environ["XDG_CACHE_HOME"] = old


@pytest.fixture(autouse=True)
def own_user_cache(tmp_path_factory, monkeypatch):
    """Each test its own user cache, so that what one built is not in another's cache."""
    folder = tmp_path_factory.mktemp("xdg-cache")
    monkeypatch.setenv("XDG_CACHE_HOME", str(folder))
    return folder / "newsgraph"


@pytest.fixture()
def inputs_of(tmp_path, monkeypatch):
    """A function that writes articles (file name -> text) into a new input folder under
    ``tmp_path``; ``SOURCE_DATE_EPOCH`` is fixed, so that two builds compare byte for byte."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")

    def write(articles: dict[str, str], name: str = "in") -> Path:
        folder = tmp_path / name
        folder.mkdir()
        for file_name, text in articles.items():
            (folder / file_name).write_text(text, encoding="utf-8")
        return folder

    return write


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


def _extractor(nlp, lex):
    from newsgraph.records import Article
    from newsgraph.ingest.readers import prepare
    from newsgraph.resolve.document import analyse

    def _extract(text: str, doc_id: str = "t"):
        article = prepare(Article(id=doc_id, text=text), headline=False)
        return analyse(nlp(article.clean_text()), article, lex)

    return _extract


@pytest.fixture(scope="session")
def extract(nlp):
    """The record of one text given as a .txt article, read by the rules alone: the
    rules are the event model's candidate generator, and these tests say what they
    propose (the pipeline's lexicons with an empty event model)."""
    from newsgraph.nlp import lexicons_of

    return _extractor(nlp, lexicons_of(nlp).with_text("event_model", ""))


@pytest.fixture(scope="session")
def extract_learned(nlp):
    """The record of one text as a build makes it: the trained event model chooses."""
    from newsgraph.nlp import lexicons_of

    return _extractor(nlp, lexicons_of(nlp))


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory):
    """The bundled example built once, with all outputs written."""
    import newsgraph
    from newsgraph.export import write

    out = tmp_path_factory.mktemp("seed")
    kg = newsgraph.build([EXAMPLES])
    write(kg, out)
    return kg, out
