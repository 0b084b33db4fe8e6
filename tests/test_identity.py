"""One IRI per real-world actor across documents."""
from __future__ import annotations

from newsgraph.data import default_lexicons
from newsgraph.extract.model import EntityMention
from newsgraph.resolve import assign_iris as _assign_iris, cluster
from newsgraph.types import KbRef
from newsgraph.vocab.iris import Iris

BASE = Iris("https://ex.org/")


def doc(*names):
    mentions = [EntityMention(text=n, start=0, end=len(n), token_start=i, token_end=i + 1,
                              type=t, key=KbRef.parse(k), country=c)
                for i, (n, t, k, c) in enumerate(names)]
    return cluster(mentions, default_lexicons())[0]


def assign_iris(docs, iris, doc_ids=None):
    _assign_iris(docs, iris, default_lexicons(), doc_ids)


def test_countries_by_iso_code_and_people_by_name():
    d1 = doc(("Mali", "Country", "country:ML", "ML"), ("Sergueï Lavrov", "Person", None, None))
    d2 = doc(("Bamako", "Country", "country:ML", "ML"), ("Sergei Lavrov", "Person", None, None))
    assign_iris([d1, d2], BASE)
    assert d1[0].iri == d2[0].iri == "https://ex.org/actor/country/ML"
    assert d1[1].iri == d2[1].iri


def test_surname_alone_joins_the_only_full_name():
    d1 = doc(("Vladimir Poutine", "Person", None, None))
    d2 = doc(("Poutine", "Person", None, None))
    assign_iris([d1, d2], BASE)
    assert d1[0].iri == d2[0].iri


def test_namesakes_across_documents_stay_apart():
    d1 = doc(("Alpha Condé", "Person", None, None))
    d2 = doc(("Mamadou Condé", "Person", None, None))
    d3 = doc(("Condé", "Person", None, None))
    assign_iris([d1, d2, d3], BASE)
    assert d1[0].iri != d2[0].iri
    assert d3[0].iri not in (d1[0].iri, d2[0].iri)


def test_hostile_names_give_valid_iris():
    d = doc(('Le "Groupe" <X>\n 🚀', "Organization", None, None))
    assign_iris([d], BASE)
    assert all(c not in d[0].iri for c in ' "<>\n')


def test_state_bodies_are_told_apart_by_state():
    d1 = doc(("armée", "Organization", None, None))
    d2 = doc(("armée", "Organization", None, None))
    d1[0].country, d2[0].country = None, None
    d3 = doc(("armée malienne", "Organization", None, None))
    d4 = doc(("armée malienne", "Organization", None, None))
    d3[0].country = d4[0].country = "ML"
    assign_iris([d1, d2, d3, d4], BASE, ["a", "b", "c", "d"])
    assert d1[0].iri != d2[0].iri  # two armies of unknown states are not one
    assert d3[0].iri == d4[0].iri


def test_a_name_cut_short_joins_the_gazetteer_name_it_begins():
    from newsgraph.resolve.index import ActorIndex
    from newsgraph.resolve.within import Actor, _merge_prefixes
    from newsgraph.types import KbRef

    index = ActorIndex()
    index.assign([3], "a1")
    index.assign([9, 10], "a2")
    short = Actor("a1", "Parti des travailleurs", "Organization")
    full = Actor("a2", "Parti des travailleurs du Kurdistan", "Organization", key=KbRef("org", "pkk"))
    kept = _merge_prefixes([short, full], index)
    assert [a.id for a in kept] == ["a2"] and index[3] == "a2"
