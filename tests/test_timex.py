"""French temporal expressions and their TIMEX3 values, anchored on the publication date.

Each row: a sentence of our own, its publication date, the expression and its type and
value. The families: absolute, partial, ranges, relative to the publication date, parts
of the day, seasons, durations, sets, PRESENT/PAST/FUTURE_REF, weekdays and months whose
direction comes from the tense, years inferred without a publication date.
"""
from __future__ import annotations

import pytest

from newsgraph.nlp.timex import find_timexes

ROWS = [
    # absolute
    ("Le ministre a été reçu le jeudi 10 novembre 2022 à Bamako.", None, "le jeudi 10 novembre 2022", "DATE", "2022-11-10"),
    ("Le traité a été signé le 1er juillet 1999.", "2003-01-05", "le 1er juillet 1999", "DATE", "1999-07-01"),
    ("La réunion du 12/03/2023 a été reportée.", None, "12/03/2023", "DATE", "2023-03-12"),
    # partial
    ("En janvier 2022, le bras de fer a connu un tournant.", None, "janvier 2022", "DATE", "2022-01"),
    ("Le sommet est prévu en juillet 2023 à Sotchi.", None, "juillet 2023", "DATE", "2023-07"),
    ("Les accords liaient les deux pays depuis 2013.", None, "2013", "DATE", "2013"),
    ("Ces chansons datent des années 60.", "1999-07-29", "années 60", "DATE", "196X"),
    ("La ville a doublé de taille au début des années 2000.", "2010-01-01", "années 2000", "DATE", "200X"),
    ("Les élections ont eu lieu fin 2020.", None, "fin 2020", "DATE", "2020"),
    # ranges
    ("Il est attendu à Bamako du 6 au 7 février 2023.", None, "7 février 2023", "DATE", "2023-02-07"),
    # relative to the publication date
    ("Le président est arrivé hier à Dakar.", "1999-05-21", "hier", "DATE", "1999-05-20"),
    ("Le ministre partira demain pour Abuja.", "2002-04-02", "demain", "DATE", "2002-04-03"),
    ("Les troupes sont arrivées il y a trois jours.", "2002-04-02", "il y a trois jours", "DATE", "2002-03-30"),
    ("La loi a été votée l'an dernier.", "1999-09-13", "l'an dernier", "DATE", "1998"),
    ("Le sommet aura lieu la semaine prochaine.", "2002-04-02", "la semaine prochaine", "DATE", "2002-W15"),
    ("Les prix ont baissé le mois dernier.", "2002-01-15", "le mois dernier", "DATE", "2001-12"),
    ("Cette année, la récolte est bonne.", "1999-07-29", "Cette année", "DATE", "1999"),
    # parts of the day
    ("Le convoi a été attaqué hier soir.", "1999-05-21", "hier soir", "TIME", "1999-05-20TEV"),
    ("Les soldats sont partis ce matin.", "2003-01-04", "ce matin", "TIME", "2003-01-04TMO"),
    ("La réunion commence à 14 h 30.", "2003-02-16", "14 h 30", "TIME", "2003-02-16T14:30"),
    # seasons
    ("L'offensive a commencé au printemps 2021.", None, "printemps 2021", "DATE", "2021-SP"),
    ("Les pluies reviendront cet hiver.", "2002-09-14", "cet hiver", "DATE", "2002-WI"),
    # durations
    ("Il a passé deux ans en prison.", "2002-01-01", "deux ans", "DURATION", "P2Y"),
    ("La transition durera 24 mois.", "2021-09-06", "24 mois", "DURATION", "P24M"),
    ("Les combats ont duré plusieurs jours.", "2002-01-01", "plusieurs jours", "DURATION", "PXD"),
    ("La panne a duré vingt minutes.", "2002-01-01", "vingt minutes", "DURATION", "PT20M"),
    # sets
    ("Le conseil se réunit chaque année à Addis-Abeba.", "2002-01-01", "chaque année", "SET", "P1Y"),
    ("Le marché se tient tous les jeudis.", "1999-09-05", "tous les jeudis", "SET", "XXXX-WXX-4"),
    # references
    ("Le pays traverse actuellement une crise.", "2002-10-31", "actuellement", "TIME", "PRESENT_REF"),
    ("Les deux pays étaient alliés auparavant.", "1999-07-09", "auparavant", "TIME", "PAST_REF"),
    # weekdays: the tense gives the direction
    ("Le président a rencontré son homologue mardi.", "1999-05-20", "mardi", "DATE", "1999-05-18"),
    ("Le comité se réunira samedi.", "1999-05-26", "samedi", "DATE", "1999-05-29"),
    ("Il a démissionné mercredi dernier.", "1999-07-28", "mercredi dernier", "DATE", "1999-07-21"),
    ("Il souffre depuis mardi d'une bronchite.", "1999-05-21", "mardi", "DATE", "1999-05-18"),
    # months and days without a year
    ("Le 26 septembre dernier, l'armée a repris la ville.", "2002-02-09", "Le 26 septembre dernier", "DATE", "2001-09-26"),
    ("Les élections se tiendront le 13 avril prochain.", "2003-02-24", "le 13 avril prochain", "DATE", "2003-04-13"),
    ("La date limite est fixée au 30 juin.", "1999-05-21", "30 juin", "DATE", "1999-06-30"),
]


@pytest.mark.parametrize("sentence,dct,text,typ,value", ROWS)
def test_timex_table(parse, sentence, dct, text, typ, value):
    from newsgraph.nlp.timex.component import doc_timexes

    doc = parse(sentence)
    found = {(t.text, t.type, t.value) for t in doc_timexes(doc, dct)}
    assert (text, typ, value) in found, found


def test_year_inferred_without_publication_date():
    """The seed's case: "les 6 et 7 janvier" after "jeudi 10 novembre 2022" is 2023."""
    text = ("Le jeudi 10 novembre 2022, l'ambassadeur a annoncé la visite. "
            "Le ministre sera à Bamako les 6 et 7 janvier.")
    found = find_timexes(text)
    assert [t.interval for t in found if t.interval] == ["2023-01-06/2023-01-07"] * 2


def test_headline_takes_the_year_of_the_body():
    text = "Visite attendue du 6 au 7 février.\nLe 10 novembre 2022, le ministre a reçu l'ambassadeur."
    assert find_timexes(text)[0].interval == "2023-02-06/2023-02-07"


def test_ages_are_not_durations():
    found = find_timexes("Le suspect, 38 ans, a été arrêté. Un homme de 45 ans a été blessé.", dct="2002-01-01")
    assert not [t for t in found if t.type == "DURATION"]


def test_participle_ete_is_not_summer():
    found = find_timexes("Il a été arrêté. L'été dernier, il avait fui.", dct="2002-09-14")
    assert [(t.text, t.value) for t in found] == [("L'été dernier", "2001-SU")]


def test_bare_numbers_are_not_years():
    found = find_timexes("Plus de 2000 personnes ont fui, selon 1500 témoins.", dct="2002-01-01")
    assert found == []


def test_relative_expressions_without_publication_date_point_only_in_time():
    found = find_timexes("Le ministre est attendu la semaine prochaine.")
    assert [(t.text, t.value) for t in found] == [("la semaine prochaine", "FUTURE_REF")]


def test_timexes_in_documents_jsonl_point_into_the_input(tmp_path):
    import json

    import newsgraph
    from newsgraph.export import write

    f = tmp_path / "batch.jsonl"
    f.write_text(json.dumps({"id": "d1", "dct": "2002-04-02",
                             "text": "\nLe président est arrivé hier soir à Dakar. Il repartira lundi."}),
                 encoding="utf-8")
    out = tmp_path / "out"
    write(newsgraph.build([f]), out, ["jsonl"])
    d = json.loads((out / "documents.jsonl").read_text(encoding="utf-8"))
    values = {(t["text"], t["value"]) for t in d["timexes"]}
    assert ("hier soir", "2002-04-01TEV") in values and ("lundi", "2002-04-08") in values
    for t in d["timexes"]:
        assert d["text"][t["start"]:t["end"]] == t["text"]


def test_a_lexicon_of_ones_own_adds_words(tmp_path):
    """The old abbreviation "Xbre" (décembre) and the old spelling "vendredy", added to
    a copy of the French word lists, are dated; the shipped lexicon does not know them."""
    import json

    from newsgraph.nlp.timex import Lexicon
    from newsgraph.nlp.timex.lexicon import lexicon

    words = json.loads(json.dumps(lexicon("fr").raw))  # a deep copy
    words["month_abbreviations"]["xbre"] = 12
    words["weekdays"]["vendredy"] = 5
    path = tmp_path / "timex_old_fr.json"
    path.write_text(json.dumps(words, ensure_ascii=False), encoding="utf-8")
    old = Lexicon.from_path(path)

    text = "La foire s'ouvrira le 3 Xbre 1788. Les marchands arriveront vendredy."
    shipped = {(t.text, t.value) for t in find_timexes(text, dct="1788-11-26")}
    own = {(t.text, t.value) for t in find_timexes(text, dct="1788-11-26", lexicon=old)}
    assert own == {("le 3 Xbre 1788", "1788-12-03"), ("vendredy", "1788-11-28")}
    assert shipped == {("1788", "1788")}
    assert "xbre" not in lexicon("fr")["month_abbreviations"]
