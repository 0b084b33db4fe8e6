"""Reading inputs: formats, page furniture, offsets, and bad input that never stops a batch."""
from __future__ import annotations

import json

import pytest

from newsgraph.ingest import furniture_reason, read, read_txt

PAGE = """jeudi, 12 janvier 2023 08:15

Niger : le président reçoit l'envoyé de la CEDEAO à Niamey

Les plus lus

NIGER
Agence/ Niamey/ Moussa Traoré
Le président nigérien a reçu mercredi l'envoyé spécial de la CEDEAO.
Les deux hommes ont évoqué la situation sécuritaire.

LAISSER UN COMMENTAIRE
S'il vous plaît entrez votre commentaire!
"""


@pytest.mark.parametrize("line,reason", [
    ("Les plus lus", "navigation or form phrase"),
    ("Plus d'articles", "navigation or form phrase"),
    ("LAISSER UN COMMENTAIRE", "navigation or form phrase"),
    ("S'il vous plaît entrez votre nom ici", "comment or subscription form"),
    ("mardi, 30 avril 2024 05:59", "timestamp"),
    ("12/03/2023 10:45", "timestamp"),
    ("Publié le 12 mars 2023 à 10h", "dateline"),
    ("Agence/ Niamey/ Moussa Traoré", "byline or dateline"),
    ("Par Aminata Diallo", "byline or dateline"),
    ("SAHEL", "section label"),
    ("POLITIQUE", "page control or menu"),
])
def test_furniture_lines(line, reason):
    assert furniture_reason(line) == reason


@pytest.mark.parametrize("line, kept", [
    ("Lire aussi : la CEDEAO lève ses sanctions", None),
    ("Lire aussi : Niger : la CEDEAO lève ses sanctions Le président a salué la décision.",
     "Le président a salué la décision."),
    ("À lire aussi sur Radio Sahel : Pourquoi le Tchad vote ? Les électeurs attendent les résultats.",
     "Les électeurs attendent les résultats."),
    ("Le Mali proteste : la France répond.", "Le Mali proteste : la France répond."),
])
def test_links_to_other_articles_are_cut_from_the_paragraph_they_run_into(line, kept):
    from newsgraph.ingest.furniture import segment

    spans, dropped = segment(line)
    assert [line[s:e] for s, e in spans] == ([kept] if kept else [])
    assert all(why == "link to another article" for _, why in dropped)


@pytest.mark.parametrize("line", [
    "Le Niger et le Tchad signent un accord de défense.",
    "Niger : le président reçoit l'envoyé de la CEDEAO à Niamey",
    "LE VILLAGE FERA LA FÊTE DIMANCHE.",
    "Les plus lus de la semaine ont été publiés par le ministère.",
])
def test_article_lines_are_kept(line):
    assert furniture_reason(line) is None


def test_txt_headline_body_and_offsets(tmp_path):
    f = tmp_path / "niger-ecowas.txt"
    f.write_text(PAGE, encoding="utf-8")
    a = read_txt(f)
    assert a.id == "niger-ecowas"
    assert a.title == "Niger : le président reçoit l'envoyé de la CEDEAO à Niamey"
    clean = a.clean_text()
    assert "Les plus lus" not in clean and "COMMENTAIRE" not in clean and "08:15" not in clean
    assert "Moussa Traoré" not in clean
    # every offset in the cleaned text maps back onto the same characters of the input
    i = clean.index("envoyé spécial")
    j = a.to_original(i)
    assert a.text[j:j + len("envoyé spécial")] == "envoyé spécial"
    s, e = a.span_to_original(i, i + 6)
    assert a.text[s:e] == "envoyé"
    assert {why for _, why in a.dropped} >= {"timestamp", "navigation or form phrase",
                                             "section label", "byline or dateline"}


def test_jsonl_good_and_bad_lines(tmp_path):
    f = tmp_path / "batch.jsonl"
    f.write_text("\n".join([
        json.dumps({"id": "a1", "text": "Le Mali a rappelé son ambassadeur.", "dct": "2022-02-01"}),
        "{pas du json",
        json.dumps({"id": "a3"}),
        json.dumps({"id": "a4", "text": "Le Sénégal accueille le sommet.", "lang": "fr"}),
    ]), encoding="utf-8")
    items = list(read([f]))
    done = [x for x in items if hasattr(x, "segments")]
    problems = [x for x in items if not hasattr(x, "segments")]
    assert [a.id for a in done] == ["a1", "a4"]
    assert done[0].dct == "2022-02-01"
    assert [p.status for p in problems] == ["failed", "failed"]
    assert "batch.jsonl: line 2" in problems[0].reason
    assert "line 3" in problems[1].reason and "text" in problems[1].reason


def test_folder_with_bad_files(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "ok.txt").write_text("Titre\n\nLe Togo proteste.", encoding="utf-8")
    (tmp_path / "latin1.txt").write_bytes("Le Bénin proteste.".encode("latin-1"))
    (tmp_path / "empty.txt").write_text("  \n", encoding="utf-8")
    (tmp_path / "notes.md").write_text("# notes", encoding="utf-8")
    items = {x.id: x for x in read([tmp_path, tmp_path / "missing.txt"])}
    assert items["ok"].title == "Titre"
    assert items["latin1"].status == "failed" and "latin1.txt" in items["latin1"].reason
    assert "UTF-8" in items["latin1"].reason
    assert items["empty"].status == "failed" and "empty" in items["empty"].reason
    assert items["notes"].status == "skipped"
    assert items["missing"].status == "failed" and "[E001]" in items["missing"].reason


def test_same_name_in_two_folders_gives_two_documents(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "same.txt").write_text("Titre\nLe Mali proteste.", encoding="utf-8")
    (tmp_path / "b" / "same.txt").write_text("Titre\nLe Niger proteste.", encoding="utf-8")
    (tmp_path / "b" / "other.txt").write_text("Titre\nLe Tchad proteste.", encoding="utf-8")
    items = list(read([tmp_path]))
    assert [(x.id, x.text.split("\n")[1]) for x in items] == [
        ("a/same", "Le Mali proteste."), ("other", "Le Tchad proteste."), ("b/same", "Le Niger proteste.")]


def test_a_repeated_jsonl_id_is_skipped_not_lost(tmp_path):
    f = tmp_path / "batch.jsonl"
    f.write_text("\n".join(json.dumps({"id": "x", "text": t}) for t in ("Le Mali proteste.", "Le Niger proteste.")),
                 encoding="utf-8")
    items = list(read([f]))
    assert len(items) == 2
    assert items[1].status == "skipped" and "duplicate" in items[1].reason and "batch.jsonl:1" in items[1].reason


def test_html_article(tmp_path):
    f = tmp_path / "page.html"
    f.write_text("""<html><head><title>Le Tchad et le Niger renforcent leur coopération</title>
    <meta name="date" content="2023-03-14"><link rel="canonical" href="https://example.org/a"></head>
    <body><nav>Accueil Politique Sport</nav><article><h1>Le Tchad et le Niger renforcent leur
    coopération</h1><p>Le président tchadien a reçu mardi à N'Djamena le Premier ministre nigérien
    pour une visite de travail consacrée à la sécurité dans le bassin du lac Tchad.</p>
    <p>Les deux pays ont convenu de renforcer leurs patrouilles communes le long de la frontière.</p>
    </article><footer>Tous droits réservés</footer></body></html>""", encoding="utf-8")
    a = next(iter(read([f])))
    assert a.id == "page"
    assert a.title.startswith("Le Tchad et le Niger")
    assert a.dct == "2023-03-14"
    assert "patrouilles communes" in a.clean_text()
    assert "Tous droits réservés" not in a.clean_text()


def test_publication_date_from_a_dateline_never_from_a_scrape_timestamp(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("mardi, 30 avril 2024 05:59\nLe Niger rappelle son ambassadeur\n"
                 "Publié le 12 mars 2023 à 10h\nLe Niger a rappelé son ambassadeur à Paris.",
                 encoding="utf-8")
    assert read_txt(f).dct == "2023-03-12"
    g = tmp_path / "b.txt"
    g.write_text("mardi, 30 avril 2024 05:59\nLe Niger rappelle son ambassadeur\n"
                 "Le Niger a rappelé son ambassadeur à Paris.", encoding="utf-8")
    assert read_txt(g).dct is None


def test_articles_in_other_languages_are_skipped_with_a_reason(tmp_path):
    import newsgraph

    (tmp_path / "en.txt").write_text("Army seizes power\n\nThe army has seized power and the president "
                                     "was arrested by the soldiers in the capital.", encoding="utf-8")
    (tmp_path / "fr.txt").write_text("Coup d'État\n\nL'armée a pris le pouvoir et le président a été arrêté.",
                                     encoding="utf-8")
    kg = newsgraph.build([tmp_path])
    status = {m.id: (m.status, m.reason) for m in kg.manifest}
    assert status["fr"][0] == "done"
    assert status["en"][0] == "skipped" and "'en'" in status["en"][1]
