"""The lexicon layer: word lists read once into typed objects, extended by the user
without editing the package, and saved and reloaded with the spaCy pipeline."""
from __future__ import annotations

import pytest

from newsgraph.data import Lexicons, default_lexicons
from newsgraph.errors import NewsgraphError

#: An organisation of our own invention, given by a user with its acronym.
LEAGUE = {"key": "lcus", "kind": "igo", "country": "", "name_fr": "Ligue des cités unies du Sahel",
          "name_en": "League of United Sahel Cities", "aliases": "LCUS"}
#: A REJECT trigger that the shipped lexicon does not have.
SNUB = {"lemma": "snober", "pos": "VERB", "type": "REJECT", "mode": "", "frame": "agent"}
SENTENCE = "La LCUS a snobé le Malawi lors du sommet."


def _events(rec):
    names = {a.id: a.name for a in rec.actors}
    return {(e.type, names.get(e.source), names.get(e.target)) for e in rec.events}


def _analyse(nlp, text):
    from newsgraph.records import Article
    from newsgraph.nlp import lexicons_of
    from newsgraph.resolve.document import analyse

    article = Article(id="t", text=text)
    return analyse(nlp(article.clean_text()), article, lexicons_of(nlp))


def test_extended_lexicons_leave_the_package_ones_alone():
    lex = default_lexicons().extended("organizations", [LEAGUE]).extended("triggers", [SNUB])
    assert lex.organizations["lcus"].aliases == ("LCUS",)
    assert lex.triggers[("snober", "VERB")].type == "REJECT"
    assert "lcus" not in default_lexicons().organizations
    assert ("snober", "VERB") not in default_lexicons().triggers


def test_lexicons_round_trip_through_bytes_and_disk(tmp_path):
    lex = default_lexicons().extended("non_actors", ["Zorglub"])
    assert "zorglub" in Lexicons.from_bytes(lex.to_bytes()).non_actors
    lex.to_disk(tmp_path)
    again = Lexicons.from_disk(tmp_path)
    assert again.texts == lex.texts and "zorglub" in again.non_actors


@pytest.mark.parametrize("name, rows", [("timex", [{"a": "b"}]), ("nope", ["x"]), ("triggers", ["snober"])])
def test_a_lexicon_that_cannot_take_rows_says_so(name, rows):
    with pytest.raises(NewsgraphError, match="E016"):
        default_lexicons().extended(name, rows)


def test_user_trigger_and_gazetteer_entry_survive_a_saved_pipeline(nlp, tmp_path):
    from newsgraph.nlp import load

    nlp.to_disk(tmp_path / "shipped")
    mine = load(tmp_path / "shipped")  # a copy: the session pipeline stays as shipped
    before = _analyse(mine, SENTENCE)
    assert not any(a.name == LEAGUE["name_fr"] for a in before.actors)
    assert ("REJECT", LEAGUE["name_fr"], "Malawi") not in _events(before)

    lexicon = mine.get_pipe("newsgraph_lexicon")
    lexicon.add("organizations", [LEAGUE])
    lexicon.add("triggers", [SNUB])
    mine.to_disk(tmp_path / "mine")
    reloaded = load(tmp_path / "mine")  # newsgraph's own load: the components are not added twice
    rec = _analyse(reloaded, SENTENCE)
    league = next(a for a in rec.actors if a.name == LEAGUE["name_fr"])
    assert league.type == "Organization" and str(league.key) == "org:lcus"
    assert ("REJECT", LEAGUE["name_fr"], "Malawi") in _events(rec)
