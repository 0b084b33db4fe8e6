"""One IRI per real-world actor across documents."""
from __future__ import annotations

from dataclasses import replace

from newsgraph.data import default_lexicons
from newsgraph.records import EntityMention
from newsgraph.resolve.linking import link_actors
from newsgraph.resolve.within import cluster
from newsgraph.types import KbRef
from newsgraph.vocab.iris import Iris

BASE = Iris("https://ex.org/")


def doc(*names):
    mentions = [EntityMention(text=n, start=0, end=len(n), token_start=i, token_end=i + 1,
                              type=t, key=KbRef.parse(k), country=c)
                for i, (n, t, k, c) in enumerate(names)]
    return [a.record() for a in cluster(mentions, default_lexicons())[0]]


def linked(docs, iris=BASE, doc_ids=None) -> list[list[str]]:
    """The IRIs linking gives the actors of each document (lists of actors), in order."""
    ids = doc_ids or [str(i) for i in range(len(docs))]
    found = link_actors(list(zip(ids, docs)), iris, default_lexicons())
    return [[found[doc_id][a.id] for a in d] for doc_id, d in zip(ids, docs)]


def test_countries_by_iso_code_and_people_by_name():
    d1 = doc(("Mali", "Country", "country:ML", "ML"), ("Sergueï Lavrov", "Person", None, None))
    d2 = doc(("Bamako", "Country", "country:ML", "ML"), ("Sergei Lavrov", "Person", None, None))
    i1, i2 = linked([d1, d2])
    assert i1[0] == i2[0] == "https://ex.org/actor/country/ML"
    assert i1[1] == i2[1]


def test_surname_alone_joins_the_only_full_name():
    i1, i2 = linked([doc(("Vladimir Poutine", "Person", None, None)), doc(("Poutine", "Person", None, None))])
    assert i1[0] == i2[0]


def test_namesakes_across_documents_stay_apart():
    i1, i2, i3 = linked([doc(("Alpha Condé", "Person", None, None)), doc(("Mamadou Condé", "Person", None, None)),
                         doc(("Condé", "Person", None, None))])
    assert i1[0] != i2[0]
    assert i3[0] not in (i1[0], i2[0])


def test_hostile_names_give_valid_iris():
    [iris] = linked([doc(('Le "Groupe" <X>\n 🚀', "Organization", None, None))])
    assert all(c not in iris[0] for c in ' "<>\n')


def test_state_bodies_are_told_apart_by_state():
    d1 = [replace(a, country=None) for a in doc(("armée", "Organization", None, None))]
    d2 = [replace(a, country=None) for a in doc(("armée", "Organization", None, None))]
    d3 = [replace(a, country="ML") for a in doc(("armée malienne", "Organization", None, None))]
    d4 = [replace(a, country="ML") for a in doc(("armée malienne", "Organization", None, None))]
    i1, i2, i3, i4 = linked([d1, d2, d3, d4], doc_ids=["a", "b", "c", "d"])
    assert i1[0] != i2[0]  # two armies of unknown states are not one
    assert i3[0] == i4[0]


def test_linking_changes_no_record():
    d1, d2 = doc(("Mali", "Country", "country:ML", "ML")), doc(("Mali", "Country", "country:ML", "ML"))
    before = [list(d1), list(d2)]
    linked([d1, d2])
    assert [d1, d2] == before and not hasattr(d1[0], "iri")


def test_a_name_cut_short_joins_the_gazetteer_name_it_begins():
    from newsgraph.resolve.index import ActorIndex
    from newsgraph.resolve.within import DraftActor, _merge_prefixes

    index = ActorIndex()
    index.assign([3], "a1")
    index.assign([9, 10], "a2")
    short = DraftActor("a1", "Parti des travailleurs", "Organization")
    full = DraftActor("a2", "Parti des travailleurs du Kurdistan", "Organization", key=KbRef("org", "pkk"))
    kept = _merge_prefixes([short, full], index)
    assert [a.id for a in kept] == ["a2"] and index[3] == "a2"
