"""Actors of a document: places that do not act, metonyms, one actor per person."""
from __future__ import annotations


def actors(rec):
    return {a.name: a for a in rec.actors}


def test_country_only_named_as_location_is_not_an_actor(extract):
    rec = extract("Une attaque a fait dix morts au Burkina Faso. Le Niger a condamné l'attaque.")
    names = actors(rec)
    assert "Niger" in names
    assert "Burkina Faso" not in names


def test_capital_acting_is_an_alias_of_its_state(extract):
    rec = extract("Le bras de fer entre Paris et Bamako s'est durci. La France a rappelé son ambassadeur.")
    names = actors(rec)
    assert names["France"].country == "FR" and "Paris" in names["France"].aliases
    assert names["Mali"].country == "ML" and "Bamako" in names["Mali"].aliases


def test_capital_as_place_is_no_actor(extract):
    rec = extract("Le ministre est attendu à Dakar la semaine prochaine.")
    assert "Sénégal" not in actors(rec)


def test_one_person_named_several_ways(extract):
    rec = extract("Sergueï LAVROV est arrivé à Bamako. M. Lavrov a rencontré la presse. "
                  "Sergei Lavrov a ensuite quitté le pays.")
    persons = [a for a in rec.actors if a.type == "Person"]
    assert len(persons) == 1
    assert persons[0].name == "Sergueï Lavrov"


def test_two_namesakes_stay_apart(extract):
    rec = extract("Alpha Condé a été renversé. Son opposant Mamadou Condé a salué la nouvelle. "
                  "Condé a ensuite appelé au calme.")
    persons = sorted(a.name for a in rec.actors if a.type == "Person")
    assert persons == ["Alpha Condé", "Mamadou Condé"]
