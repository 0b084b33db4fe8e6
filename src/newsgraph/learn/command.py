"""``newsgraph train``: read the annotated articles, train, measure, write the model file
with its provenance (and, if asked, a whole pipeline that carries it)."""
from __future__ import annotations

import datetime as _dt
import json
import os
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from ..about import DEFAULT_MODEL, __version__
from ..data.model import EventModel
from ..nlp import lexicons_of, load
from ..types import PathLike
from .corpus import digest, gold_files, read_annotated
from .report import evaluate, learning_curve, weightiest
from .train import C, train

#: What the features of each decision are, for the model file's reader.
FEATURES = {
    "triggers": "lemma, part of speech, dependency label, the lexicon's type, frame and mode, the rules' reading, "
                "the governing word, the object's and complement's lemmas, prepositions, actor dependents, "
                "voice, modality cues, headline, suffix, cosine of the word vector with the nearest lexicon "
                "trigger of each type (sim=TYPE) and the type of the nearest (nearest=TYPE)",
    "arguments": "dependency path from the trigger to the actor's nearest mention (and its first step), alone "
                 "and with the event's type; where the actor is named (sentence, previous, earlier, later); "
                 "the mention's kind; distance; before/after; the actor's type and rank in the story; "
                 "headline; speaker of the sentence; the rules' and the argument grammar's reading; "
                 "inherited subject, possessor, pronoun antecedent; recency",
    "events": "for a (type, source, target) of a document: how sure the readings are (max, sum, joint), how "
              "many, whether the lexicon or the rules agree, where the actors are named, the actors' types "
              "and ranks, how many sentences name both, a person acting on their own state",
}


def trained_on() -> str:
    """The training date: from ``SOURCE_DATE_EPOCH`` when set (reproducible files), else
    today (UTC)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    when = _dt.datetime.fromtimestamp(int(epoch), _dt.timezone.utc) if epoch.isdigit() \
        else _dt.datetime.now(_dt.timezone.utc)
    return when.date().isoformat()


def write_atomically(path: PathLike, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file in the same folder."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _sklearn_version() -> str:
    import sklearn

    return str(sklearn.__version__)


def train_command(gold: PathLike, texts: Sequence[PathLike], out: PathLike, *, dev: PathLike | None = None,
                  curve: bool = False, folds: int = 5, pipeline: PathLike | None = None,
                  model: str | None = None, progress: Callable[[str], None] | None = None) -> str:
    """Train on ``gold`` (texts under ``texts``), write the model to ``out``; returns a
    summary for the terminal."""
    nlp = load(model or DEFAULT_MODEL)
    docs, paths = read_annotated(gold, texts, nlp, progress)
    trained, report = train(docs, k=folds, progress=progress)
    provenance: dict = {
        "trained": trained_on(), "newsgraph": __version__, "scikit-learn": _sklearn_version(),
        "gold": {"folder": Path(gold).name, "documents": len(docs), "sha256": digest(gold_files(gold)),
                 "texts_sha256": digest(paths)},
        "features": FEATURES, "C": C, "folds": folds, "alignment": report.counts, "cross_validation": report.cv,
    }
    if dev is not None:
        dev_docs, _ = read_annotated(dev, texts, nlp, progress)
        provenance["dev"] = {"folder": Path(dev).name, "documents": len(dev_docs), **evaluate(dev_docs, trained)}
        if curve:
            provenance["learning_curve"] = learning_curve(docs, dev_docs, progress=progress)
    provenance["weightiest"] = weightiest(trained, ("ASSAULT", "ACCUSE", "COERCE"))
    trained = replace(trained, provenance=provenance)
    text = trained.to_json()
    write_atomically(out, text)
    if pipeline is not None:
        component: Any = nlp.get_pipe("newsgraph_lexicon")
        component.lexicons = lexicons_of(nlp).with_text("event_model", text)
        nlp.to_disk(Path(pipeline))
    return summary(trained, out)


def summary(model: EventModel, out: PathLike) -> str:
    """A few lines on what was trained and how it scores."""
    p = model.provenance
    lines = [f"wrote {out}: {len(model.triggers.weights)} trigger, {len(model.arguments.weights)} argument and "
             f"{len(model.events.weights) if model.events else 0} event features, "
             f"from {p['gold']['documents']} articles",
             f"alignment: {json.dumps(p['alignment'])}",
             f"cross-validated events F1: {p['cross_validation'].get('events_f1')}"]
    if "dev" in p:
        lines.append(f"dev events: {p['dev']['events']}, untyped: {p['dev']['events_untyped']}")
    for row in p.get("learning_curve", []):
        lines.append(f"learning curve: {row}")
    return "\n".join(lines)
