"""First-cut events: CONSULT and REQUEST with source, target, place and modality."""
from __future__ import annotations

import pytest


def triples(rec):
    name = {a.id: a.name for a in rec.actors}
    return {(e.type, name.get(e.source), name.get(e.target)) for e in rec.events}


@pytest.mark.parametrize("text,expected", [
    ("Le président Macky Sall a reçu Emmanuel Macron au palais.", ("CONSULT", "Macky Sall", "Emmanuel Macron")),
    ("Abdoulaye Diop a rencontré Antony Blinken à Washington.", ("CONSULT", "Abdoulaye Diop", "Antony Blinken")),
    ("Vladimir Poutine a invité Assimi Goïta au sommet de Sotchi.", ("REQUEST", "Vladimir Poutine", "Assimi Goïta")),
])
def test_verbal_frames(extract, text, expected):
    assert expected in triples(extract(text))


def test_visit_to_a_country_targets_it(extract):
    rec = extract("La visite de Sergueï Lavrov au Mali doit renforcer la coopération.")
    assert ("CONSULT", "Sergueï Lavrov", "Mali") in triples(rec)
    visit = next(e for e in rec.events if e.type == "CONSULT")
    assert visit.place == "Mali"


def test_planned_visit(extract):
    rec = extract("Le Premier ministre Ousmane Sonko effectuera une visite en France le mois prochain.")
    visit = next(e for e in rec.events if e.type == "CONSULT")
    assert visit.modality == "planned"
