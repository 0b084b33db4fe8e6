"""Events: PLOVER type, source and target from French sentences of our own, with
modality, negation, passives and nominal frames."""
from __future__ import annotations

import pytest


def triples(rec):
    """(type, source, target) with every name each actor goes by, for comparison."""
    names = {a.id: {a.name, *a.aliases, *(m.text for m in a.mentions)} for a in rec.actors}
    out = set()
    for e in rec.events:
        for s in names.get(e.source, {None}):
            for t in names.get(e.target, {None}):
                out.add((e.type, s, t))
    return out


CASES = [
    # CONSULT
    ("Le président Macky Sall a reçu Emmanuel Macron au palais.", ("CONSULT", "Macky Sall", "Emmanuel Macron")),
    ("Abdoulaye Diop a rencontré Antony Blinken à Washington.", ("CONSULT", "Abdoulaye Diop", "Antony Blinken")),
    ("La visite de Sergueï Lavrov au Mali doit renforcer la coopération.", ("CONSULT", "Sergueï Lavrov", "Mali")),
    # AGREE
    ("Le Niger a signé un accord de défense avec le Tchad.", ("AGREE", "Niger", "Tchad")),
    ("Le Togo s'est engagé auprès du Bénin à sécuriser la frontière.", ("AGREE", "Togo", "Bénin")),
    # SUPPORT
    ("La Russie soutient la Centrafrique dans sa lutte contre les rebelles.", ("SUPPORT", "Russie", "Centrafrique")),
    ("Le Sénégal a salué la Gambie pour la tenue pacifique du scrutin.", ("SUPPORT", "Sénégal", "Gambie")),
    # CONCEDE
    ("La Guinée a concédé au Mali l'usage du port de Conakry.", ("CONCEDE", "Guinée", "Mali")),
    ("Le Mali a levé les restrictions imposées à la Mauritanie.", ("CONCEDE", "Mali", "Mauritanie")),
    # COOPERATE
    ("Le Burkina Faso coopère avec le Niger contre les groupes armés.", ("COOPERATE", "Burkina Faso", "Niger")),
    ("La coopération entre le Mali et la Russie s'est renforcée.", ("COOPERATE", "Mali", "Russie")),
    # AID
    ("Le Japon a aidé le Mozambique après le cyclone.", ("AID", "Japon", "Mozambique")),
    ("L'Union européenne a financé la Mauritanie à hauteur de 20 millions d'euros.", ("AID", "Union européenne", "Mauritanie")),
    # RETREAT
    ("La France a retiré ses troupes du Niger.", ("RETREAT", "France", "Niger")),
    ("Le Tchad a libéré Succès Masra.", ("RETREAT", "Tchad", "Succès Masra")),
    ("Le Tchad a amnistié Mahamat Mahdi Ali et ses partisans.", ("RETREAT", "Tchad", "Mahamat Mahdi Ali")),
    # REQUEST
    ("Vladimir Poutine a invité Assimi Goïta au sommet de Sotchi.", ("REQUEST", "Vladimir Poutine", "Assimi Goïta")),
    ("Le Mali a demandé à la France de retirer ses soldats.", ("REQUEST", "Mali", "France")),
    # ACCUSE
    ("La RD Congo a accusé le Rwanda de soutenir les rebelles.", ("ACCUSE", "RD Congo", "Rwanda")),
    ("Le Canada condamne la Russie pour l'invasion de l'Ukraine.", ("ACCUSE", "Canada", "Russie")),
    # REJECT
    ("Le Rwanda rejette les accusations de la RD Congo.", ("REJECT", "Rwanda", "RD Congo")),  # aimed at the accuser
    ("Le Niger a refusé la médiation de la CEDEAO.", ("REJECT", "Niger", "CEDEAO")),  # aimed at the mediator
    # THREATEN
    ("La CEDEAO a menacé le Niger d'une intervention militaire.", ("THREATEN", "CEDEAO", "Niger")),
    ("Le Maroc menace l'Algérie de représailles.", ("THREATEN", "Maroc", "Algérie")),
    # PROTEST
    ("Les partisans de Ousmane Sonko ont manifesté contre le Sénégal.", ("PROTEST", "Ousmane Sonko", "Sénégal")),
    ("Le Front populaire ivoirien a boycotté les élections législatives.", ("PROTEST", "Front populaire ivoirien", None)),
    # a named actor's protest is a complaint (CAMEO 114), not dissent in the street
    ("Le Front populaire ivoirien a protesté contre la Côte d'Ivoire.", ("ACCUSE", "Front populaire ivoirien", "Côte d'Ivoire")),
    # SANCTION
    ("La CEDEAO a suspendu le Burkina Faso de ses instances.", ("SANCTION", "CEDEAO", "Burkina Faso")),
    ("Le Mali a expulsé l'ambassadeur de France.", ("SANCTION", "Mali", "France")),
    # MOBILIZE
    ("La Russie a déployé des troupes en Biélorussie.", ("MOBILIZE", "Russie", None)),
    ("Le Kenya va mobiliser ses forces pour la mission en Haïti.", ("MOBILIZE", "Kenya", None)),
    # COERCE
    ("La police sénégalaise a arrêté Ousmane Sonko.", ("COERCE", "police sénégalaise", "Ousmane Sonko")),
    ("Le Burkina Faso a interdit la diffusion de RFI.", ("COERCE", "Burkina Faso", "RFI")),
    # ASSAULT
    ("Le JNIM a attaqué l'armée malienne près de Mopti.", ("ASSAULT", "JNIM", "armée malienne")),
    ("Les shebab ont tué trois soldats kényans.", ("ASSAULT", "shebab", "kényans")),
]


@pytest.mark.parametrize("text,expected", CASES)
def test_plover_types(extract, text, expected):
    assert expected in triples(extract(text))


def test_passive_agent_is_the_source(extract):
    rec = extract("Le lieutenant-colonel Emmanuel Zongrana a été arrêté par la Gendarmerie nationale.")
    assert ("COERCE", "Gendarmerie nationale", "Emmanuel Zongrana") in triples(rec)


def test_nominal_frame_patient(extract):
    rec = extract("La Guinée a annoncé l'arrestation de Alpha Condé par l'armée.")
    assert ("COERCE", "armée", "Alpha Condé") in triples(rec) or ("COERCE", None, "Alpha Condé") not in triples(rec)


def test_nominal_frame_invitation(extract):
    rec = extract("Il a transmis l'invitation adressée par Emmanuel Macron au président "
                  "ghanéen, Nana Akufo-Addo, pour le sommet de Paris.")
    assert ("REQUEST", "Emmanuel Macron", "Nana Akufo-Addo") in triples(rec)


def test_planned_visit(extract):
    rec = extract("Le Premier ministre Ousmane Sonko effectuera une visite en France le mois prochain.")
    visit = next(e for e in rec.events if e.type == "CONSULT")
    assert visit.modality == "planned"


def test_negated_event(extract):
    rec = extract("Le Niger n'a pas signé l'accord avec le Bénin.")
    event = next(e for e in rec.events if e.type == "AGREE")
    assert event.modality == "negated"


def test_reported_accusation_makes_a_reported_event(extract):
    rec = extract("Le Mouvement pour la libération du Sud est accusé d'avoir tué le gouverneur Paul Kamara.")
    assert any(e.type == "ASSAULT" and e.modality == "reported" for e in rec.events)


def test_demonym_makes_the_state_a_party(extract):
    rec = extract("Les autorités nigériennes ont demandé aux militaires américains de quitter le territoire.")
    assert ("REQUEST", "Niger", "États-Unis") in triples(rec)
    assert not any(e.type == "RETREAT" for e in rec.events)


def test_denounced_agreement_is_a_sanction_against_the_other_party(extract):
    rec = extract("En mars 2023, les autorités burkinabè ont dénoncé les accords militaires qui "
                  "liaient leur pays à la France depuis 2018.")
    assert ("SANCTION", "Burkina Faso", "France") in triples(rec)
    g = rec.agreements[0]
    name = {a.id: a.name for a in rec.actors}
    assert g.name == "accords militaires"
    assert {name[p] for p in g.parties} == {"Burkina Faso", "France"}
    assert (g.status, g.signed, g.status_date) == ("denounced", "2018", "2023-03")


def test_event_takes_the_date_of_its_clause(extract):
    rec = extract("C'est le jeudi 10 novembre 2022 que Abdoulaye Diop a reçu Igor Gromyko.")
    e = next(e for e in rec.events if e.type == "CONSULT")
    assert e.date == "2022-11-10"


def test_conflicting_dates_are_kept_as_claims(extract):
    rec = extract("Annalena Baerbock, ministre allemande des Affaires étrangères, se rendra à Dakar du 6 "
                  "au 7 février.\nLe jeudi 10 novembre 2022, l'Allemagne a annoncé la visite. Annalena "
                  "Baerbock se rendra à Dakar les 6 et 7 janvier.")
    visit = next(e for e in rec.events if e.type == "CONSULT" and e.target)
    dates = {c.value for c in visit.claims}
    assert dates == {"2023-02-06/2023-02-07", "2023-01-06/2023-01-07"}
    assert rec.conflicts and rec.conflicts[0].attribute == "date"


def test_one_event_per_type_source_target(extract):
    rec = extract("Le Mali a accusé la France. Le Mali a ensuite accusé la France une nouvelle fois.")
    accuse = [e for e in rec.events if e.type == "ACCUSE"]
    assert len(accuse) == 1 and len(accuse[0].mentions) == 2


def test_meeting_verbs_need_two_parties(extract):
    rec = extract("Harry Knoesen a déclaré avoir reçu des informations sur le complot.")
    assert not any(e.type == "CONSULT" for e in rec.events)


def test_requested_action_is_not_asserted(extract):
    rec = extract("L'armée birmane a pris le pouvoir. Antony Blinken invite les militaires à respecter "
                  "le droit et à libérer les dirigeants civils.")
    assert not any(e.type == "RETREAT" for e in rec.events)
    assert ("REQUEST", "Antony Blinken", "armée birmane") in triples(rec)


def test_the_group_takes_up_the_organisation_named_before(extract):
    rec = extract("Le M23 a pris la ville. Kinshasa accuse le Rwanda de soutenir le groupe.")
    assert ("SUPPORT", "Rwanda", "M23") in triples(rec)


def test_denial_is_aimed_at_the_accuser(extract):
    rec = extract("Le Soudan a accusé l'Éthiopie de soutenir les rebelles. L'Éthiopie nie ces accusations.")
    assert ("REJECT", "Éthiopie", "Soudan") in triples(rec)


def test_condemnation_of_an_act_is_aimed_at_its_author(extract):
    rec = extract("L'armée birmane a arrêté Aung San Suu Kyi. Les États-Unis condamnent l'arrestation.")
    assert ("ACCUSE", "États-Unis", "armée birmane") in triples(rec)


def test_deployed_force_mobilises(extract):
    rec = extract("La Force multinationale mixte doit être déployée immédiatement au Liptako "
                  "en coordination avec la MINUSMA.")
    got = triples(rec)
    assert any(t[0] == "MOBILIZE" and t[1] and t[1].startswith("Force multinationale") for t in got)
    assert any(t[0] == "COOPERATE" and t[2] == "MINUSMA" for t in got)


def test_phrase_marked_as_no_event(extract):
    rec = extract("Depuis Bamako, Rokia Traoré affirme que sa quête de justice se poursuit.")
    assert not any(e.type == "ACCUSE" for e in rec.events)


def test_present_participle_acts(extract):
    rec = extract("La Cour suprême demandant le départ du Premier ministre, la Guinée a protesté.")
    assert ("REQUEST", "Cour suprême", None) in triples(rec)


def test_continuing_is_no_prosecution(extract):
    rec = extract("Mikhaïl Gorbatchev a compris qu'il ne pouvait pas poursuivre la guerre.")
    assert not any(e.type == "ACCUSE" for e in rec.events)


def test_matches_are_no_assaults(extract):
    rec = extract("Le PSG affrontera le FC Barcelone en huitièmes de finale.")
    assert not any(e.type == "ASSAULT" for e in rec.events)


def test_request_noun_after_light_verb_finds_its_addressee(extract):
    rec = extract("Volodymyr Zelensky a lancé la demande d'adhésion à l'Union européenne.")
    assert ("REQUEST", "Volodymyr Zelensky", "Union européenne") in triples(rec)


def test_agreement_lifecycle_and_status_as_of_the_article(extract):
    rec = extract("En 2015, le Mali et l'Algérie ont signé un accord de paix. En mars 2023, le Mali a "
                  "suspendu cet accord.")
    from newsgraph.export.jsonl import document_json

    g = document_json(rec)["agreements"][0]
    assert g["name"].startswith("accord de paix")
    assert [(x["status"], x["date"]) for x in g["lifecycle"]] == [("signed", "2015"), ("suspended", "2023-03")]
    assert (g["status"], g["status_date"], g["signed"]) == ("suspended", "2023-03", "2015")


def test_suspending_this_agreement_is_aimed_at_the_other_party(extract):
    rec = extract("En 2015, le Mali et l'Algérie ont signé un accord de paix. En mars 2023, le Mali a "
                  "suspendu cet accord.")
    assert ("SANCTION", "Mali", "Algérie") in triples(rec)


def test_accusing_verb_itself_is_asserted(extract):
    rec = extract("La RD Congo accuse le Rwanda de soutenir le M23.")
    accuse = next(e for e in rec.events if e.type == "ACCUSE")
    support = next(e for e in rec.events if e.type == "SUPPORT")
    assert accuse.modality == "asserted" and support.modality == "reported"


def test_lifting_a_ban_concedes_to_the_banned(extract):
    rec = extract("Le 2 février 1990, le président De Klerk lève l'interdiction de l'ANC.")
    assert any(t[0] == "CONCEDE" and t[2] == "ANC" for t in triples(rec))
    assert not any(t[0] == "COERCE" and t[1] == "ANC" for t in triples(rec))


def test_stopping_a_reaction_is_no_arrest(extract):
    rec = extract("Claire Corkhill dit que les techniciens arrêtent la réaction nucléaire.")
    assert not any(e.type == "COERCE" for e in rec.events)


def test_organisation_with_its_article_is_the_gazetteer_one(extract):
    rec = extract("Les Nations unies ont condamné la Russie. L'ONU a demandé un cessez-le-feu.")
    orgs = [a for a in rec.actors if a.type == "Organization"]
    assert len(orgs) == 1 and str(orgs[0].key) == "org:un"


@pytest.mark.parametrize("text,expected", [
    ("L'armée birmane a pris le pouvoir au Myanmar.", ("COERCE", "armée birmane", "Birmanie")),
    ("Le colonel Mamadi Doumbouya a mené un coup d'État en Guinée.", ("COERCE", "Mamadi Doumbouya", "Guinée")),
])
def test_coups_seize_the_state(extract, text, expected):
    assert expected in triples(extract(text))


@pytest.mark.parametrize("text,expected", [
    ("Le président Alpha Condé a été renversé. Son arrestation par l'armée guinéenne a choqué la CEDEAO.",
     ("COERCE", "armée guinéenne", "Alpha Condé")),
    ("La ministre Aïssata Tall Sall est partie de Dakar. Sa visite en France a duré deux jours.",
     ("CONSULT", "Aïssata Tall Sall", "France")),
])
def test_possessive_before_an_event_noun(extract, text, expected):
    assert expected in triples(extract(text))


@pytest.mark.parametrize("text,parties", [
    # a compound adjective of nationality names both parties
    ("Les États-Unis et l'Union soviétique ont négocié. L'accord céréalier américano-soviétique a pris fin.",
     {"États-Unis", "Union soviétique"}),
    # the clause's subject and a partner marked "avec" elsewhere in the sentence
    ("Le Laos a signé en 2020 un contrat de cession de son réseau électrique avec la Chine.", {"Laos", "Chine"}),
])
def test_agreement_parties_from_the_sentence(extract, text, parties):
    rec = extract(text)
    name = {a.id: a.name for a in rec.actors}
    assert any({name[p] for p in g.parties} == parties for g in rec.agreements)


def test_one_party_alone_makes_no_agreement(extract):
    rec = extract("La Grèce a décidé de quitter l'alliance en 1974.")
    assert not rec.agreements
