"""The entity component: gazetteers, type fixes, names in capitals, titles kept out."""
from __future__ import annotations

import pytest


def ents(doc):
    return {(e.text, e.label_, e.kb_id_) for e in doc.ents}


@pytest.mark.parametrize("text,expected", [
    ("Le Mali et la Russie ont signé un accord.", {("Mali", "GPE", "country:ML"), ("Russie", "GPE", "country:RU")}),
    ("La Fédération de Russie a protesté.", {("Fédération de Russie", "GPE", "country:RU")}),
    ("La Côte d'Ivoire a rappelé son ambassadeur.", {("Côte d'Ivoire", "GPE", "country:CI")}),
    ("Les États-Unis ont condamné le coup d'État.", {("États-Unis", "GPE", "country:US")}),
    ("La RDC accuse le Rwanda.", {("RDC", "GPE", "country:CD"), ("Rwanda", "GPE", "country:RW")}),
    ("Moscou a renforcé sa présence.", {("Moscou", "LOC", "capital:RU")}),
])
def test_countries_and_capitals(parse, text, expected):
    assert expected <= ents(parse(text))


@pytest.mark.parametrize("text,name,kb", [
    ("Les mercenaires de Wagner sont arrivés à Bamako.", "Wagner", "org:wagner"),
    ("La CEDEAO a levé ses sanctions contre la Guinée.", "CEDEAO", "org:ecowas"),
    ("Le groupe Wagner est présent en Centrafrique.", "groupe Wagner", "org:wagner"),
    ("La MINUSMA a quitté Tombouctou.", "MINUSMA", "org:minusma"),
    ("L'Union africaine a suspendu le Niger.", "Union africaine", "org:au"),
])
def test_organisations_from_the_gazetteer(parse, text, name, kb):
    found = {(e.text, e.kb_id_) for e in parse(text).ents if e.label_ == "ORG"}
    assert (name, kb) in found


def test_acronyms_match_only_in_capitals(parse):
    doc = parse("Il a fallu une aide pour le pays.")
    assert not any(e.kb_id_.startswith("org:") for e in doc.ents)


@pytest.mark.parametrize("text,person", [
    ("Le Colonel Assimi GOÏTA a reçu les chefs religieux.", "Assimi GOÏTA"),
    ("M. Abdoulaye Diop a rencontré son homologue.", "Abdoulaye Diop"),
    ("Le président Vladimir POUTINE a reçu son homologue.", "Vladimir POUTINE"),
    ("Le général Mamadi Doumbouya a prêté serment.", "Mamadi Doumbouya"),
])
def test_person_names_without_titles(parse, text, person):
    persons = [e.text for e in parse(text).ents if e.label_ == "PER"]
    assert person in persons
    assert not any(p.lower().startswith(("colonel", "m.", "président", "général")) for p in persons)


def test_person_containing_a_country_name_stays_a_person(parse):
    doc = parse("Maurice Kamto a dénoncé les résultats de l'élection au Cameroun.")
    assert ("Maurice Kamto", "PER") in {(e.text, e.label_) for e in doc.ents}


def test_capitalised_common_word_is_not_an_entity(parse):
    doc = parse("Coopération : le Niger et le Bénin rouvrent leur frontière.")
    assert "Coopération" not in {e.text for e in doc.ents}


def test_name_taken_for_a_place_but_acting_like_a_person(parse):
    doc = parse("Alpha Condé a été renversé par les militaires.")
    assert ("Alpha Condé", "PER") in {(e.text, e.label_) for e in doc.ents}


def test_place_that_is_shelled_stays_a_place(parse):
    doc = parse("Sud Kivu a été bombardé par les rebelles.")
    assert not any(e.label_ == "PER" for e in doc.ents)


def test_country_with_its_article_as_subject_stays_a_country(parse):
    doc = parse("La France a annoncé son retrait.")
    assert ("France", "GPE") in {(e.text, e.label_) for e in doc.ents}
