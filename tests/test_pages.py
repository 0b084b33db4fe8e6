"""Saved news pages (issue 22): five pages written for the tests (``tests/pages.py``),
each as a browser saves it as text and as its site serves it in HTML, give the same
actors and events; page furniture is found by general rules."""
from __future__ import annotations

import warnings

import pytest

import newsgraph
from newsgraph.ingest import furniture_reason
from newsgraph.ingest.furniture import dateline_date, segment

from pages import PAGES, OTHER_NEWS, write_pages


def facts(kg):
    out = {}
    for rec in kg.documents:
        names = {a.id: a.name for a in rec.actors}
        out[rec.id] = {"actors": {(a.name, a.type) for a in rec.actors},
                       "events": {(e.type, names.get(e.source), names.get(e.target)) for e in rec.events},
                       "title": rec.article.title, "dct": rec.article.dct, "text": rec.article.clean_text()}
    return out


@pytest.fixture(scope="module")
def both(tmp_path_factory):
    folder = tmp_path_factory.mktemp("pages")
    write_pages(folder)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # every page gives a document
        return facts(newsgraph.build(folder / "txt")), facts(newsgraph.build(folder / "html"))


@pytest.mark.parametrize("page", PAGES, ids=[p.name for p in PAGES])
def test_a_page_saved_as_text_gives_what_its_html_gives(both, page):
    txt, html = both[0][page.name], both[1][page.name]
    assert txt["actors"] == html["actors"]
    assert txt["events"] == html["events"] and txt["events"]
    assert txt["title"] == html["title"] == page.headline
    assert txt["dct"] == html["dct"] == page.published[:10]


@pytest.mark.parametrize("page", PAGES, ids=[p.name for p in PAGES])
def test_nothing_of_the_furniture_reaches_the_analysis(both, page):
    text = both[0][page.name]["text"]
    for heading, items in page.lists:
        assert not any(item in text for item in items), heading
    for line in (*page.cookie, *page.menu, *page.before_body, *page.after_body, *page.comment_form,
                 *page.footer, page.byline, page.dateline, page.breadcrumb):
        assert not line or line not in text.split("\n"), line
    for reader, when, what in page.comments:
        assert what not in text and reader not in text.split("\n")
    assert all(p in text for p in page.paragraphs)
    other_actors = {"Hamas", "El Fasher", "PSG", "Rassemblement national", "Accepter Refuser", "Ibrahim Traoré"}
    assert not other_actors & {name for name, _ in both[0][page.name]["actors"]}


@pytest.mark.parametrize("page", PAGES, ids=[p.name for p in PAGES])
def test_html_text_holds_its_headline_once(both, page):
    assert both[1][page.name]["text"].count(page.headline) == 1


@pytest.mark.parametrize("line, reason", [
    ("Nous et nos partenaires utilisons des cookies et des traceurs. En cliquant sur « Accepter », vous "
     "consentez à leur dépôt.", "cookie banner"),
    ("Accepter Refuser", "page control or menu"),
    ("Continuer sans accepter", "page control or menu"),
    ("Facebook Twitter WhatsApp E-mail", "page control or menu"),
    ("Se connecter", "page control or menu"),
    ("Commentaires (12)", "page control or menu"),
    ("Votre adresse e-mail ne sera pas publiée. Les champs obligatoires sont indiqués avec *",
     "comment or subscription form"),
    ("Nom *", "comment or subscription form"),
    ("Enregistrer mon nom, mon e-mail et mon site dans le navigateur pour mon prochain commentaire.",
     "comment or subscription form"),
    ("Vous devez être connecté pour commenter.", "comment or subscription form"),
    ("Cet article est réservé aux abonnés. Il vous reste 70% à découvrir.", "comment or subscription form"),
    ("Publié le 12 mars 2024 à 10h05 - Mis à jour le 12 mars 2024 à 18h30", "dateline"),
    ("Publié le 20/04/2024 à 09:15, mis à jour le 20/04/2024 à 17:42", "dateline"),
    ("Publié le : 29/11/2024 - 08:12 Modifié le : 29/11/2024 - 21:05", "dateline"),
    ("Le 14 août 2024 à 19h12", "dateline"),
    ("il y a 3 heures", "timestamp"),
    ("Temps de lecture : 3 min.", "reading time"),
    ("Des soldats à N'Djamena, le 5 décembre 2022. © AFP - Christophe Petit", "photo credit or copyright"),
    ("Le président à Dakar, en avril 2024. Photo : Reuters", "photo credit or copyright"),
    ("Accueil > Afrique > Niger", "byline or dateline"),
    ("Par Jean Dupont et Awa Ndiaye", "byline or dateline"),
    ("RM avec AFP", "byline or dateline"),
    ("00:00/04:12", "no words"),
])
def test_furniture_of_news_pages(line, reason):
    assert furniture_reason(line) == reason


@pytest.mark.parametrize("line", [
    "« Vous devez quitter le pays », a déclaré le ministre à l'ambassadeur.",
    "Le Mali a refusé d'accepter les conditions de la CEDEAO.",
    "La France a partagé ses renseignements avec le Niger.",
    "Politique : le Sénégal vote dimanche",
    "Le Conseil de sécurité a adopté une résolution sur le Soudan.",
    "Les cookies de la boulangerie de Dakar ont séduit le président.",
    "Par ailleurs, le Tchad a rappelé son ambassadeur.",
    "Publié le rapport de l'ONU accuse le Rwanda de soutenir le M23.",
])
def test_article_lines_stay(line):
    assert furniture_reason(line) is None


def test_the_publication_date_is_read_from_a_published_and_updated_dateline():
    assert dateline_date("Publié le 12 mars 2024 à 10h05 - Mis à jour le 13 mars 2024 à 18h30") == "2024-03-12"
    assert dateline_date("Publié le : 29/11/2024 - 08:12 Modifié le : 30/11/2024 - 21:05") == "2024-11-29"


def test_a_list_heading_drops_the_headlines_under_it_not_the_paragraph_after():
    text = ("Le Niger rappelle son ambassadeur\n\nLes plus lus\n\n" + "\n".join(OTHER_NEWS["plus lus"])
            + "\n\nLe Niger a rappelé mardi son ambassadeur à Paris pour consultations.\n")
    kept, dropped = segment(text)
    assert [text[s:e] for s, e in kept] == ["Le Niger rappelle son ambassadeur",
                                           "Le Niger a rappelé mardi son ambassadeur à Paris pour consultations."]
    assert sum(why == "list of links to other articles" for _, why in dropped) == len(OTHER_NEWS["plus lus"])


def test_a_short_headline_after_a_menu_stays_the_title(tmp_path):
    from newsgraph.ingest import read_txt

    f = tmp_path / "a.txt"
    f.write_text("Menu\nInternational\nAfrique\nCoup d'État au Niger\nPar Claire Martin\n"
                 "Les militaires ont renversé mercredi le président nigérien à Niamey.\n", encoding="utf-8")
    assert read_txt(f).title == "Coup d'État au Niger"
