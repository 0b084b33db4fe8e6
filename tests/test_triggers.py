"""The French trigger dictionary (``data/events_fr.tsv``): its size and form, and entries
of each PLOVER type, found concept by concept through the CAMEO codebook, giving the
right (type, source, target) on French sentences of our own."""
from __future__ import annotations

from importlib.resources import files

import pytest

from newsgraph.data import default_lexicons
from test_events import triples


def _rows():
    text = files("newsgraph.data").joinpath("events_fr.tsv").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    header = lines[0].split("\t")
    return [dict(zip(header, line.split("\t"))) for line in lines[1:]]


def test_the_dictionary_has_over_a_thousand_event_entries():
    rows = _rows()
    assert len([r for r in rows if r["type"] != "-"]) > 1000
    assert len(default_lexicons().triggers) == len(rows)  # no (lemma, pos) key twice


def test_every_row_is_complete_and_says_its_source():
    plover = {(r["type"], r["mode"]) for r in _rows_of("plover.tsv")}
    types = {t for t, _ in plover}
    for r in _rows():
        assert r["pos"] in ("VERB", "NOUN"), r
        assert r["source"].strip(), r
        if r["type"] == "-":
            assert r["frame"] == "-" and not r["mode"], r
            continue
        assert r["type"] in types, r
        assert not r["mode"] or (r["type"], r["mode"]) in plover, r
        assert r["frame"] in ("agent", "patient", "place", "dyadic", "arrival", "mutual"), r
        assert r["source"].startswith(f"PLOVER {r['type']}"), r


def _rows_of(name):
    text = files("newsgraph.data").joinpath(name).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    header = lines[0].split("\t")
    return [dict(zip(header, (line.split("\t") + [""] * len(header))[:len(header)])) for line in lines[1:]]


CASES = [
    # CONSULT: a reciprocal pronominal verb (CAMEO 040)
    ("Le président Mohamed Bazoum et le président Patrice Talon se sont rencontrés à Cotonou.",
     ("CONSULT", "Mohamed Bazoum", "Patrice Talon")),
    # AGREE: an offer of mediation (CAMEO 039)
    ("Le Qatar a proposé sa médiation au Tchad.", ("AGREE", "Qatar", "Tchad")),
    # SUPPORT: rallying to another actor (CAMEO 053)
    ("La Gambie s'est ralliée au Sénégal.", ("SUPPORT", "Gambie", "Sénégal")),
    # COOPERATE: a purchase from another state (CAMEO 061)
    ("Le Niger a acquis des drones auprès de la Turquie.", ("COOPERATE", "Niger", "Turquie")),
    # AID: equipping, supplying arms (CAMEO 070, 072)
    ("La Turquie a doté le Niger de drones armés.", ("AID", "Turquie", "Niger")),
    ("L'Iran fournit des armes aux Houthis.", ("AID", "Iran", "Houthis")),
    # CONCEDE: lifting a ban on a politician (CAMEO 0812)
    ("La Cour suprême a réhabilité Karim Wade.", ("CONCEDE", "Cour suprême", "Karim Wade")),
    # RETREAT: an acquittal, property handed back (CAMEO 0841, 0842)
    ("La CPI a acquitté Laurent Gbagbo.", ("RETREAT", "CPI", "Laurent Gbagbo")),
    ("La France a rétrocédé la base de Gao au Mali.", ("RETREAT", "France", "Mali")),
    # ACCUSE: a rebuke, a summoned ambassador (CAMEO 111, 114)
    ("Le Premier ministre Choguel Maïga a tancé la France.", ("ACCUSE", "Choguel Maïga", "France")),
    ("L'Algérie a convoqué l'ambassadeur de France.", ("ACCUSE", "Algérie", "France")),
    # REJECT: dismissing an accusation, defying a norm (CAMEO 120, 128)
    ("Le Rwanda a balayé les accusations de la RD Congo.", ("REJECT", "Rwanda", "RD Congo")),
    ("La Corée du Nord a enfreint les résolutions de l'ONU.", ("REJECT", "Corée du Nord", "ONU")),
    # THREATEN: vows of retaliation (CAMEO 138)
    ("L'Iran a promis une riposte contre Israël.", ("THREATEN", "Iran", "Israël")),
    ("Le Hezbollah a juré vengeance contre Israël.", ("THREATEN", "Hezbollah", "Israël")),
    # PROTEST: a strike, a mutiny (CAMEO 143, 145)
    ("Le Syndicat des travailleurs de la santé s'est mis en grève.",
     ("PROTEST", "Syndicat des travailleurs de la santé", None)),
    ("Des soldats maliens se sont mutinés à Kati.", ("PROTEST", "Mali", None)),
    # SANCTION: a border closed, an actor ousted (CAMEO 163, 166)
    ("Le Bénin a fermé sa frontière avec le Niger.", ("SANCTION", "Bénin", "Niger")),
    ("Le Mali a évincé la Minusma.", ("SANCTION", "Mali", "Minusma")),
    # MOBILIZE: a contingent sent, ships redeployed (CAMEO 154)
    ("Le Rwanda a envoyé un contingent au Mozambique.", ("MOBILIZE", "Rwanda", "Mozambique")),
    ("La Chine a redéployé ses navires autour de Taïwan.", ("MOBILIZE", "Chine", None)),
    # COERCE: expropriation, exile (CAMEO 1711, 174)
    ("La Guinée a exproprié la société Rusal.", ("COERCE", "Guinée", "Rusal")),
    ("La Russie a exilé Alexeï Navalny.", ("COERCE", "Russie", "Alexeï Navalny")),
    # ASSAULT: a stabbing, rocket fire, an assault on a base (CAMEO 182, 194, 190)
    ("La police a poignardé Mamadou Diallo.", ("ASSAULT", "police", "Mamadou Diallo")),
    ("Le Hezbollah a tiré des roquettes sur Israël.", ("ASSAULT", "Hezbollah", "Israël")),
    ("Le JNIM a assailli l'armée burkinabè.", ("ASSAULT", "JNIM", "armée burkinabè")),
]


@pytest.mark.parametrize("text,expected", CASES)
def test_new_triggers_give_type_source_and_target(extract, text, expected):
    assert expected in triples(extract(text))


NOT_EVENTS = [
    ("Le président Macky Sall s'est rendu compte de son erreur.", "CONSULT"),
    ("Le Sénégal a donné le coup d'envoi de la campagne.", "COERCE"),
    ("Le Mali a tiré les leçons de la crise avec la France.", "ASSAULT"),
    ("La Banque mondiale a saisi l'occasion pour saluer le Niger.", "COERCE"),
    ("La menace terroriste pèse sur le Bénin.", "THREATEN"),
    ("Le Burkina Faso a lancé un appel d'offres.", "REQUEST"),
    ("Le président Emmanuel Macron a rompu le silence sur le Niger.", "SANCTION"),
    ("Le ministre Abdoulaye Diop a tenu une conférence de presse à Bamako.", "CONSULT"),
]


@pytest.mark.parametrize("text,event_type", NOT_EVENTS)
def test_set_phrases_that_are_no_event(extract, text, event_type):
    assert not any(e.type == event_type for e in extract(text).events)


def test_a_two_word_noun_with_an_article_between_matches(extract):
    from test_events import triples

    found = triples(extract("Le président Macky Sall a passé un coup de fil au président Emmanuel Macron."))
    assert ("CONSULT", "Macky Sall", "Emmanuel Macron") in found or ("CONSULT", "Emmanuel Macron", "Macky Sall") in found


def test_no_trigger_key_holds_a_word_the_matcher_skips():
    from newsgraph.data import default_lexicons
    from newsgraph.extract.events import _COMPOUND_SKIP

    keys = [lemma for lemma, pos in default_lexicons().triggers if pos == "NOUN" and " " in lemma]
    assert keys and not [k for k in keys if set(k.split()[1:]) & _COMPOUND_SKIP]


@pytest.mark.parametrize("text, expected", [
    ("Le Tchad a établi des relations diplomatiques avec Israël.", ("COOPERATE", "Tchad", "Israël")),
    ("Le Mali a rompu ses relations avec la France.", ("SANCTION", "Mali", "France")),
])
def test_a_partner_after_the_object(extract, text, expected):
    assert expected in triples(extract(text))


def test_a_candidacy_is_a_request_only_to_someone(extract):
    assert not extract("Le parti a déposé la candidature de Pascal Affi N'Guessan à la présidentielle.").events
    assert ("REQUEST", "Ukraine", "Union européenne") in triples(
        extract("La candidature de l'Ukraine à l'Union européenne a été examinée."))


def test_using_weapons_is_an_attack_and_saying_so_an_allegation(extract):
    found = triples(extract("Le ministre Abdoulaye Diop affirme que le Niger pourrait utiliser des armes chimiques."))
    assert ("ASSAULT", "Niger", None) in found and ("ACCUSE", "Abdoulaye Diop", "Niger") in found
    assert not extract("Le Mali a utilisé son armée pour sécuriser les élections.").events
