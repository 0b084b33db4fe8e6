"""The event model: alignment of a gold to the candidates, training on a tiny gold this
test writes itself, the model file as data, and the shipped model on sentences of our own."""
from __future__ import annotations

import json

import pytest

#: A tiny annotated corpus of our own: accusations and their rejections between states.
TINY = {
    "t1": ("Tensions au Sahel\n\nLe Tchad accuse le Soudan d'avoir armé des rebelles. "
           "Le Soudan rejette ces accusations.",
           [("ACCUSE", "td", "sd", "Le Tchad accuse le Soudan d'avoir armé des rebelles."),
            ("REJECT", "sd", "td", "Le Soudan rejette ces accusations.")],
           [("td", "Tchad", "TD"), ("sd", "Soudan", "SD")]),
    "t2": ("Frontière\n\nLa Norvège accuse le Danemark d'espionnage. Le Danemark rejette les accusations.",
           [("ACCUSE", "no", "dk", "La Norvège accuse le Danemark d'espionnage."),
            ("REJECT", "dk", "no", "Le Danemark rejette les accusations.")],
           [("no", "Norvège", "NO"), ("dk", "Danemark", "DK")]),
    "t3": ("Litige\n\nLe Pérou accuse le Chili de violer sa frontière. Le Chili rejette cette accusation.",
           [("ACCUSE", "pe", "cl", "Le Pérou accuse le Chili de violer sa frontière."),
            ("REJECT", "cl", "pe", "Le Chili rejette cette accusation.")],
           [("pe", "Pérou", "PE"), ("cl", "Chili", "CL")]),
    "t4": ("Trafics\n\nLe Ghana accuse le Togo de protéger des trafiquants. Le Togo rejette ces accusations.",
           [("ACCUSE", "gh", "tg", "Le Ghana accuse le Togo de protéger des trafiquants."),
            ("REJECT", "tg", "gh", "Le Togo rejette ces accusations.")],
           [("gh", "Ghana", "GH"), ("tg", "Togo", "TG")]),
}


@pytest.fixture(scope="module")
def tiny_gold(tmp_path_factory):
    root = tmp_path_factory.mktemp("tiny")
    (root / "gold").mkdir()
    (root / "texts").mkdir()
    for doc_id, (text, events, actors) in TINY.items():
        (root / "texts" / f"{doc_id}.txt").write_text(text, encoding="utf-8")
        gold = {"doc_id": doc_id, "lang": "fr",
                "actors": [{"id": i, "name": n, "type": "Country", "country": c, "aliases": []} for i, n, c in actors],
                "roles": [], "agreements": [],
                "events": [{"type": t, "source": s, "target": g, "text": e} for t, s, g, e in events]}
        (root / "gold" / f"{doc_id}.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def tiny_model(tiny_gold, monkeypatch_module):
    from newsgraph.learn.command import train_command

    monkeypatch_module.setenv("SOURCE_DATE_EPOCH", "1700000000")
    out = tiny_gold / "model.json"
    summary = train_command(tiny_gold / "gold", [tiny_gold / "texts"], out, folds=2)
    return out, summary


@pytest.fixture(scope="module")
def monkeypatch_module():
    mp = pytest.MonkeyPatch()
    yield mp
    mp.undo()


def test_actors_align_as_the_scorer_counts_them():
    from newsgraph.learn.align import align_actors

    ours = [{"id": "a1", "name": "M. Lavrov", "type": "Person"},
            {"id": "a2", "name": "Moscou", "type": "Country", "country": "RU"},
            {"id": "a3", "name": "Tartempion", "type": "Person"}]
    gold = [{"id": "lavrov", "name": "Sergueï Lavrov", "type": "Person"},
            {"id": "russia", "name": "Russie", "type": "Country", "country": "RU"}]
    assert align_actors(ours, gold) == {"a1": "lavrov", "a2": "russia"}


def test_an_evidence_text_finds_its_sentence(nlp):
    from newsgraph.learn.align import evidence_sentences

    doc = nlp("Le Tchad accuse le Soudan. Le Soudan dément. Le Niger se tait.")
    assert [s.text for s in evidence_sentences(doc, "Le Soudan dément.")] == ["Le Soudan dément."]
    # words of the sentence in another form still find it
    assert [s.text for s in evidence_sentences(doc, "Le  Soudan  dément")] == ["Le Soudan dément."]
    assert evidence_sentences(doc, "Rien de tout cela.") == []


def test_a_gold_event_stands_for_the_trigger_of_its_type_near_its_actors(nlp):
    from newsgraph.learn.align import best_trigger

    doc = nlp("Le Tchad accuse le Soudan et menace le Niger.")
    accuse, threaten = (t.i for t in doc if t.lower_ in ("accuse", "menace"))
    tchad, soudan = (t.i for t in doc if t.text in ("Tchad", "Soudan"))
    candidates = [(accuse, {"ACCUSE"}, set()), (threaten, {"THREATEN"}, set())]
    assert best_trigger(doc, candidates, "ACCUSE", [("td", [tchad]), ("sd", [soudan])]) == accuse
    assert best_trigger(doc, candidates, "THREATEN", [("td", [tchad])]) == threaten


def test_an_actor_named_only_far_away_is_no_argument_candidate(nlp):
    from newsgraph.data import default_lexicons
    from newsgraph.extract.candidates import DocContext, argument_pool, trigger_cues
    from newsgraph.learn.examples import analysed_state
    from newsgraph.records import Article
    from newsgraph.resolve.document import event_scene

    text = ("Le Portugal a salué la décision. Le Tchad et le Soudan se disputent la frontière. "
            "Le Tchad accuse le Soudan. Le Soudan dément. Le Niger et le Mali observent. "
            "Le Mali et le Niger se taisent. Le Tchad et le Soudan s'opposent. Le Niger et le Mali "
            "regardent. Hier, le Tchad a menacé le Soudan.")
    lex = default_lexicons()
    doc = nlp(text)
    state = analysed_state(doc, Article(id="t", text=text, dct="2024-01-02"), lex)
    ctx = DocContext(doc, event_scene(state), {}, *state.kinds())
    names = {a.id: a.name for a in state.actors}
    threat = next(t for t in doc if t.lower_ == "menacé")
    pool = {names[a] for a in argument_pool(threat, ctx, [], trigger_cues(threat, ctx))}
    assert {"Tchad", "Soudan"} <= pool  # named in the trigger's sentence
    assert "Portugal" not in pool  # named once, seven sentences before, not a main actor
    first = next(t for t in doc if t.lower_ == "salué")
    assert "Portugal" in {names[a] for a in argument_pool(first, ctx, [], trigger_cues(first, ctx))}


def test_training_on_a_tiny_gold_writes_a_model_that_reads_its_events(tiny_model, nlp):
    from newsgraph.data import EventModel
    from newsgraph.records import Article
    from newsgraph.ingest.readers import prepare
    from newsgraph.nlp import lexicons_of
    from newsgraph.resolve.document import analyse

    out, summary = tiny_model
    assert "from 4 articles" in summary
    model = EventModel.from_json(out.read_text(encoding="utf-8"))
    assert {"ACCUSE", "REJECT", "NONE"} <= set(model.triggers.classes)
    assert model.events is not None and model.events.classes == ("no", "yes")
    lex = lexicons_of(nlp).with_text("event_model", out.read_text(encoding="utf-8"))
    article = prepare(Article(id="x", text="Le Kenya accuse l'Ouganda d'ingérence."), headline=False)
    record = analyse(nlp(article.clean_text()), article, lex)
    names = {a.id: a.name for a in record.actors}
    assert ("ACCUSE", "Kenya", "Ouganda") in {(e.type, names.get(e.source), names.get(e.target))
                                              for e in record.events}


def test_the_model_file_says_what_it_learned_from(tiny_model, tiny_gold):
    out, _ = tiny_model
    provenance = json.loads(out.read_text(encoding="utf-8"))["provenance"]
    assert provenance["trained"] == "2023-11-14"  # SOURCE_DATE_EPOCH
    assert provenance["gold"]["documents"] == 4 and len(provenance["gold"]["sha256"]) == 64
    assert provenance["alignment"]["gold_events"] == 8
    assert "lemma" in provenance["features"]["triggers"]


def test_training_is_deterministic(tiny_model, tiny_gold):
    from newsgraph.learn.command import train_command

    out, _ = tiny_model
    again = tiny_gold / "again.json"
    train_command(tiny_gold / "gold", [tiny_gold / "texts"], again, folds=2)
    assert again.read_bytes() == out.read_bytes()


def test_a_gold_without_its_texts_is_a_coded_error(tiny_gold, tmp_path, nlp):
    from newsgraph.errors import NewsgraphError
    from newsgraph.learn.corpus import read_annotated

    with pytest.raises(NewsgraphError, match="E092"):
        read_annotated(tiny_gold / "gold", [tmp_path], nlp)


def test_a_damaged_model_file_is_a_coded_error():
    from newsgraph.data import default_lexicons
    from newsgraph.errors import NewsgraphError

    with pytest.raises(NewsgraphError, match="E091"):
        default_lexicons().with_text("event_model", '{"format": "something else"}').event_model


def test_the_shipped_model_is_data_with_its_provenance():
    from importlib import resources

    text = resources.files("newsgraph.data").joinpath("event_model_fr.json").read_text(encoding="utf-8")
    obj = json.loads(text)
    assert obj["format"] == "newsgraph-event-model/1"
    assert obj["provenance"]["gold"]["documents"] >= 80 and len(obj["provenance"]["gold"]["sha256"]) == 64
    assert set(obj["models"]) == {"triggers", "arguments", "events"}


@pytest.mark.parametrize("text,expected", [
    # a verb of the lexicon, its subject and object
    ("Le Niger accuse la France d'ingérence dans ses affaires.", ("ACCUSE", "Niger", "France")),
    # an arrest: the police acts on a named person
    ("La police a interpellé le militant Jean Dupont à Lyon mardi.", ("COERCE", "police", "Jean Dupont")),
    # an agreement denounced: a sanction aimed at the other party
    ("Le Mali a dénoncé les accords de défense qui le liaient à la France.", ("SANCTION", "Mali", "France")),
])
def test_the_shipped_model_reads_plain_events(extract_learned, text, expected):
    record = extract_learned(text)
    names = {a.id: a.name for a in record.actors}
    found = {(e.type, names.get(e.source), names.get(e.target)) for e in record.events}
    assert expected in found
