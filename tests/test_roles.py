"""Roles: appositions, titles before names, demonyms and complements as ``of``, and role
phrases used alone that resolve to the person holding the role."""
from __future__ import annotations

import pytest


def roles(rec):
    name = {a.id: a.name for a in rec.actors}
    return {(name[r.actor], r.title.lower(), name.get(r.of)) for r in rec.roles}


@pytest.mark.parametrize("text,expected", [
    # apposition after the name
    ("Le Niger a reçu Abdoulaye Diop, ministre malien des Affaires étrangères, à Niamey.",
     ("Abdoulaye Diop", "ministre des affaires étrangères", None)),
    # title and demonym before the name, with a comma
    ("Au Mali, le ministre russe des Affaires étrangères, Sergueï Lavrov, a été reçu par la junte. "
     "La Russie a salué la visite.",
     ("Sergueï Lavrov", "ministre des affaires étrangères", "Russie")),
    # title before the name without a comma
    ("La France a annoncé que le président Emmanuel Macron se rendra au Sénégal.",
     ("Emmanuel Macron", "président", "France")),
    # state complement gives of, and stays out of the title
    ("Igor Gromyko, ambassadeur de la Russie à Bamako, a remis une lettre.",
     ("Igor Gromyko", "ambassadeur", "Russie")),
    # an institution after "à" is the employer, lowercase or capitalised, out of the title
    ("« La crise va durer », dit Paul Martin, professeur de droit à l'université du Texas.",
     ("Paul Martin", "professeur de droit", "université du Texas")),
    ("Selon Anne Roux, chercheuse à l'Université de Sheffield, le conflit va durer.",
     ("Anne Roux", "chercheuse", "Université de Sheffield")),
    # a name after a common noun of the complement gives of
    ("Selon Jean Dupont, membre du parti Union pour le progrès, la loi sera votée.",
     ("Jean Dupont", "membre du parti union pour le progrès", "Union pour le progrès")),
    # a person in the complement ends the post, not the apposition
    ("Anne Durand, la nouvelle avocate de Paul Martin, a déclaré que son client était innocent.",
     ("Anne Durand", "nouvelle avocate", None)),
    # organisation complement gives of and stays in the title
    ("Le porte-parole du M23, Willy Ngoma, a démenti ces informations.",
     ("Willy Ngoma", "porte-parole du m23", "Mouvement du 23 mars")),
    # prefix kept: ancien
    ("Le Tchad a rendu hommage à l'ancien président Idriss Déby.",
     ("Idriss Déby", "ancien président", "Tchad")),
    # a periphrasis is written as the title it stands for
    ("La Guinée a accueilli le chef de la diplomatie guinéenne Morissanda Kouyaté à Conakry.",
     ("Morissanda Kouyaté", "ministre des affaires étrangères", "Guinée")),
])
def test_role_patterns(extract, text, expected):
    assert expected in roles(extract(text))


def test_military_rank_is_a_role_and_not_part_of_the_name(extract):
    rec = extract("Le colonel Mamadi Doumbouya a pris le pouvoir en Guinée.")
    person = next(a for a in rec.actors if a.type == "Person")
    assert person.name == "Mamadi Doumbouya"
    assert ("Mamadi Doumbouya", "colonel", None) in roles(rec)


def test_subject_after_a_name_is_not_an_apposition(extract):
    rec = extract("À l'invitation du président Emmanuel Macron, le chef de la diplomatie allemande "
                  "est attendu à Paris. Annalena Baerbock, ministre des Affaires étrangères de "
                  "l'Allemagne, sera reçue par les autorités françaises.")
    got = roles(rec)
    assert ("Emmanuel Macron", "ministre des affaires étrangères", "Allemagne") not in got
    assert ("Annalena Baerbock", "ministre des affaires étrangères", "Allemagne") in got


def test_role_phrase_alone_resolves_to_its_holder(extract):
    rec = extract("Sergueï Lavrov, ministre des Affaires étrangères de la Russie, est arrivé à "
                  "Bamako. Le chef de la diplomatie russe a rencontré Abdoulaye Diop.")
    lavrov = next(a for a in rec.actors if a.name == "Sergueï Lavrov")
    assert any("chef de la diplomatie russe" in alias for alias in lavrov.aliases)
    name = {a.id: a.name for a in rec.actors}
    assert ("Sergueï Lavrov", "Abdoulaye Diop") in {(name.get(e.source), name.get(e.target)) for e in rec.events} \
        or ("Abdoulaye Diop", "Sergueï Lavrov") in {(name.get(e.source), name.get(e.target)) for e in rec.events}


def test_role_phrase_with_another_complement_is_someone_else(extract):
    rec = extract("Dans une lettre adressée au président Uhuru Kenyatta, le président de la Cour "
                  "suprême a demandé la dissolution du Parlement.")
    got = roles(rec)
    assert not any(title.startswith("président de la cour") and who == "Uhuru Kenyatta"
                   for who, title, _ in got)


def test_demonyms_and_titles_without_accents(extract):
    rec = extract("Le president kenyan Uhuru Kenyatta a salué l'ancien chef d'Etat Mwai Kibaki.")
    got = roles(rec)
    # the titles come out in their usual spelling, the periphrasis as the post it names
    assert ("Uhuru Kenyatta", "président", None) in got
    assert ("Mwai Kibaki", "ancien président", None) in got


def test_inferred_state_is_the_one_named_in_the_sentence(extract):
    rec = extract("Le Niger a protesté. Au Canada, la ministre des affaires étrangères, Mélanie Joly, "
                  "a condamné le coup d'État.")
    r = next(r for r in rec.roles if "affaires" in r.title)
    name = {a.id: a.name for a in rec.actors}
    assert name[r.of] == "Canada" and r.of_inferred


def test_no_state_is_inferred_when_the_text_names_one(extract):
    rec = extract("Le Mali a protesté contre la visite du président kényan William Ruto au Mali.")
    r = next(r for r in rec.roles if r.title == "président")
    assert r.of is None or {a.id: a.name for a in rec.actors}[r.of] != "Mali"


def test_inferred_state_is_the_closest_named(extract):
    rec = extract("Le président Joe Biden a retiré les forces américaines d'Afghanistan. "
                  "Les États-Unis ont quitté Kaboul et les talibans ont pris l'Afghanistan.")
    r = next(r for r in rec.roles if r.title == "président")
    assert {a.id: a.name for a in rec.actors}[r.of] == "États-Unis"


def test_villages_after_their_inhabitants_are_no_persons(extract):
    rec = extract("Les habitants de Sirgadji ont fui vers Ouagadougou. Le Burkina Faso les a accueillis.")
    assert not any(a.type == "Person" for a in rec.actors)


def test_person_with_a_known_state_keeps_it(extract):
    rec = extract("Le président américain Joe Biden a appelé Kiev. Plus tard, le président Joe Biden "
                  "a accusé la Russie de mettre en danger l'Europe.")
    inferred = [r for r in rec.roles if r.of_inferred]
    assert not any({a.id: a.name for a in rec.actors}.get(r.of) == "Russie" for r in inferred)
