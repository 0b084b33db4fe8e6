"""Actors of a document: places that do not act, metonyms, one actor per person."""
from __future__ import annotations

import pytest


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


@pytest.mark.parametrize("text,places", [
    # each member of a list is where its first member is
    ("Des milliers d'exilés sont partis vers la Bolivie, la Colombie et l'Équateur. Le Chili a protesté.",
     {"Bolivie", "Colombie", "Équateur"}),
    # the examples given with "comme" of a phrase that is a place
    ("Des milliers d'exilés sont partis vers les pays voisins, comme la Bolivie, la Colombie et l'Équateur. "
     "Le Chili a protesté.", {"Bolivie", "Colombie", "Équateur"}),
])
def test_members_and_examples_of_a_place_are_places(extract, text, places):
    names = {a.name for a in extract(text).actors}
    assert "Chili" in names and not names & places


def test_examples_that_act_are_actors(extract):
    names = {a.name for a in extract("Des pays comme la Bolivie et la Colombie ont protesté.").actors}
    assert {"Bolivie", "Colombie"} <= names


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


@pytest.mark.parametrize("text,country", [
    ("Les autorités maliennes ont dénoncé l'accord.", "ML"),
    ("Le gouvernement de Kigali nie ces accusations.", "RW"),
    ("Moscou a renforcé sa présence militaire en Afrique.", "RU"),
    ("Le régime burkinabè a suspendu la diffusion de la chaîne.", "BF"),
])
def test_metonyms_stand_for_the_state(extract, text, country):
    rec = extract(text)
    assert country in {a.country for a in rec.actors if a.type == "Country"}


def test_state_bodies_are_organisations_of_their_state(extract):
    rec = extract("L'armée malienne a repris la ville. Le ministère russe des Affaires étrangères "
                  "a salué l'opération.")
    orgs = {a.name: a.country for a in rec.actors if a.type == "Organization"}
    assert orgs.get("armée malienne") == "ML"
    assert orgs.get("ministère russe des Affaires étrangères") == "RU"


def test_bare_army_joins_the_qualified_one(extract):
    rec = extract("L'armée birmane a pris le pouvoir. L'armée a ensuite arrêté plusieurs ministres.")
    armies = [a for a in rec.actors if a.type == "Organization"]
    assert len(armies) == 1 and armies[0].country == "MM"


def test_acronym_defined_in_parentheses_is_an_alias(extract):
    rec = extract("La coalition Alliance pour le renouveau et la justice (ARJ) a soutenu "
                  "le candidat. Plus tard, l'ARJ a appelé au calme.")
    org = next(a for a in rec.actors if a.type == "Organization")
    assert org.name == "Alliance pour le renouveau et la justice"
    assert "ARJ" in org.aliases


def test_acronym_of_initials_joins_the_full_name(extract):
    rec = extract("Le Front populaire ivoirien a tenu son congrès. Le FPI a désigné son candidat.")
    orgs = [a for a in rec.actors if a.type == "Organization"]
    assert len(orgs) == 1 and "FPI" in orgs[0].aliases


@pytest.mark.parametrize("text,agency", [
    ("Selon l'agence de presse AFP, les combattants sont arrivés dans la vallée.", "Agence France-Presse"),
    ("Un habitant a déclaré à l'agence Reuters que le barrage avait cédé.", "Reuters"),
])
def test_a_news_agency_is_a_cited_source(extract, text, agency):
    # the guide: cited sources count, a news agency among them, wherever its dispatch is named
    assert agency in {a.name for a in extract(text).actors}


def test_medium_that_only_carries_the_news_is_no_actor(extract):
    rec = extract("Le ministre a déclaré à BBC Afrique que le Niger avait rappelé son ambassadeur.")
    assert "BBC" not in {a.name for a in rec.actors}


def test_person_name_in_a_place_name_is_no_person(extract):
    rec = extract("L'avion a atterri à l'aéroport Félix Houphouët-Boigny et le Ghana a protesté.")
    assert not any(a.type == "Person" for a in rec.actors)


def test_countries_in_a_list_do_not_act(extract):
    rec = extract("L'organisation compte sept pays - le Kenya, la Tanzanie, l'Ouganda et le Burundi. "
                  "Le Rwanda a rejeté l'accord.")
    countries = {a.name for a in rec.actors if a.type == "Country"}
    assert "Rwanda" in countries and not countries & {"Kenya", "Tanzanie", "Ouganda", "Burundi"}


def test_wagner_is_an_organisation(extract):
    rec = extract("Les autorités sont accusées de recourir aux mercenaires de Wagner.")
    wagner = next(a for a in rec.actors if a.name == "Wagner")
    assert wagner.type == "Organization" and wagner.country == "RU"


def test_diseases_currencies_and_weekdays_are_no_actors(extract):
    rec = extract("Le Covid a frappé le Sénégal. Lundi, le franc CFA a baissé et le Ghana a protesté.")
    names = {a.name for a in rec.actors}
    assert "Covid" not in names and "Lundi" not in names and "CFA" not in names
    assert {"Sénégal", "Ghana"} <= names


def test_seat_of_government_stands_for_its_state(extract):
    rec = extract("Le Kremlin a démenti toute implication. La Maison Blanche a répondu.")
    countries = {a.country: a for a in rec.actors if a.type == "Country"}
    assert "Kremlin" in countries["RU"].aliases and "Maison Blanche" in countries["US"].aliases


def test_former_states_are_countries(extract):
    rec = extract("L'Union soviétique a envahi l'Afghanistan en 1979.")
    ussr = next(a for a in rec.actors if a.name == "Union soviétique")
    assert ussr.type == "Country" and ussr.country == "SU"


def test_organisation_written_with_its_article_in_one_token(extract):
    rec = extract("L'UE a sanctionné la Russie.")
    eu = next(a for a in rec.actors if a.type == "Organization")
    assert eu.name == "Union européenne" and str(eu.key) == "org:eu"


def test_bare_council_is_no_actor_but_bare_army_is(extract):
    rec = extract("Le conseil a voté la loi. L'armée a pris le pouvoir au Niger.")
    names = {a.name for a in rec.actors}
    assert "armée" in names and "conseil" not in names


def test_the_country_alone_is_the_article_s_state(extract):
    rec = extract("Insécurité au Mali : le pays accuse la France de soutenir des groupes armés.")
    name = {a.id: a.name for a in rec.actors}
    assert ("ACCUSE", "Mali", "France") in {(e.type, name.get(e.source), name.get(e.target)) for e in rec.events}


def test_press_spelling_of_acronyms(extract):
    rec = extract("L'Ukraine veut rejoindre l'Otan. L'OTAN a répondu.")
    nato = [a for a in rec.actors if str(a.key) == "org:nato"]
    assert len(nato) == 1 and {"Otan", "OTAN"} & {*nato[0].aliases, *(m.text for m in nato[0].mentions)}


def test_misspelt_surname_joins_the_person(extract):
    rec = extract("Volodymyr Zelensky a parlé. Plus tard, Zelenksy a répondu aux journalistes.")
    assert len([a for a in rec.actors if a.type == "Person"]) == 1


def test_countries_listed_in_parentheses_do_not_act(extract):
    rec = extract("Il a servi lors de missions (Afghanistan, Djibouti, Chypre). La Guinée l'a nommé.")
    assert {a.name for a in rec.actors if a.type == "Country"} == {"Guinée"}


def test_hyphenated_surname_and_its_short_form(extract):
    rec = extract("Nana Akufo-Addo, président du Ghana, a parlé. Nana Akufo a ensuite accusé le Burkina Faso.")
    persons = [a for a in rec.actors if a.type == "Person"]
    assert [p.name for p in persons] == ["Nana Akufo-Addo"] and persons[0].country == "GH"


def test_body_name_stops_before_other_prepositions(extract):
    rec = extract("Le Ghana a saisi le ministère des Affaires étrangères pour demande d'explications.")
    assert "ministère des Affaires étrangères" in {a.name for a in rec.actors}


def test_a_body_named_with_its_state_goes_by_the_whole_name(extract):
    # NER takes "Cour suprême"; the text names the court of Kenya
    rec = extract("La Cour suprême du Kenya a annulé l'élection présidentielle.")
    court = next(a for a in rec.actors if a.name.startswith("Cour suprême"))
    assert "Cour suprême du Kenya" in {court.name, *court.aliases}
