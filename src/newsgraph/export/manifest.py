"""The manifest: every input of a build exactly once, with its status (done, skipped,
failed) and reason, kept as the build goes (:class:`Manifest`) and written as
``manifest.json`` with the build's provenance."""
from __future__ import annotations

import datetime as _dt
import json
import logging
import os
from collections.abc import Iterable
from dataclasses import asdict
from pathlib import Path
from typing import Any

from ..graph import GraphData
from ..ingest.fields import language_problem
from ..records import Article, BuildInfo, DocumentRecord, InputProblem, ManifestEntry, Work
from ..types import PathLike
from .options import WriteOptions
from .output import open_output

log = logging.getLogger(__name__)


class Manifest:
    """The entries of a build's inputs, in order, each reported as it is recorded on the
    ``newsgraph`` logger (``failed`` as an error, ``skipped`` as a warning).

    >>> m = Manifest()
    >>> [a.id for a in m.articles([Article(id="a", text="Le Mali."), Article(id="b", text="Hi", lang="en")])]
    ['a']
    >>> [(e.id, e.status) for e in m.entries]
    [('b', 'skipped')]
    """

    def __init__(self, entries: Iterable[ManifestEntry] = ()) -> None:
        self.entries: list[ManifestEntry] = list(entries)

    def problem(self, entry: ManifestEntry) -> None:
        """Record an input that gave no document, and report it."""
        self.entries.append(entry)
        log.log(logging.ERROR if entry.status == "failed" else logging.WARNING, "%s: %s", entry.status, entry.reason)

    def articles(self, items: Iterable[Article | InputProblem]) -> list[Article]:
        """The articles of ``items`` newsgraph reads; the inputs that gave none, and the
        articles in a language it does not read, recorded."""
        out: list[Article] = []
        for item in items:
            problem = item if isinstance(item, InputProblem) else language_problem(item)
            if problem is not None:
                self.problem(ManifestEntry(problem.id, problem.path, problem.status, problem.reason))
            else:
                out.append(item)  # type: ignore[arg-type]
        return out

    def outcome(self, article: Article, rec: DocumentRecord | None, failure: str | None) -> None:
        """Record what an article that went to NLP gave: its counts, or why it failed."""
        if rec is None:
            self.problem(ManifestEntry(article.id, article.path or "", "failed", failure or ""))
            return
        self.entries.append(ManifestEntry(article.id, article.path or "", "done", "", {
            "actors": len(rec.actors), "events": len(rec.events), "roles": len(rec.roles),
            "agreements": len(rec.agreements), "furniture_lines": len(article.dropped)}))


def build_time() -> str:
    """When the build ran (UTC, ISO 8601): ``SOURCE_DATE_EPOCH`` when it is set, as the
    reproducible-builds convention asks, so that the same input gives the same files.

    >>> os.environ["SOURCE_DATE_EPOCH"] = "1700000000"; build_time()
    '2023-11-14T22:13:20+00:00'
    >>> del os.environ["SOURCE_DATE_EPOCH"]
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    when = _dt.datetime.fromtimestamp(int(epoch), _dt.timezone.utc) if epoch.isdigit() \
        else _dt.datetime.now(_dt.timezone.utc)
    return when.isoformat(timespec="seconds")


def work_json(work: Work) -> dict[str, Any]:
    """How the build did its work (``from_cache`` only when it kept a cache).

    >>> work_json(Work(jobs=2, parsed=3))
    {'jobs': 2, 'engine': 'local', 'parsed': 3}
    """
    out: dict[str, Any] = {"jobs": work.jobs, "engine": work.engine, "parsed": work.parsed}
    if work.from_cache is not None:
        out["from_cache"] = work.from_cache
    return out


def build_json(info: BuildInfo, *, reproducible: bool = False) -> dict[str, Any]:
    """The ``build`` object of the manifest; ``reproducible`` leaves the timings out,
    which differ from run to run."""
    out: dict[str, Any] = {
        "software": info.software, "version": info.version, "base_iri": info.base_iri, "model": info.model,
        "model_version": info.model_version, "spacy_pipeline": list(info.spacy_pipeline), "started": info.started,
    }
    if not reproducible:
        out["timings"] = dict(info.timings)
    out["work"] = work_json(info.work)
    if not info.mentions:
        out["mentions"] = False
    if info.inputs is not None:
        out["inputs"] = list(info.inputs)
    if info.cache_inputs is not None:
        out["cache_inputs"] = info.cache_inputs
    if info.csv_bom:
        out["csv_bom"] = True
    out["files"] = list(info.files)
    return out


def manifest_json(kg: GraphData) -> dict:
    """The manifest; with ``SOURCE_DATE_EPOCH`` set (a reproducible build), without the
    timings."""
    reproducible = bool(os.environ.get("SOURCE_DATE_EPOCH", "").strip())
    return {"build": build_json(kg.info, reproducible=reproducible), "summary": kg.summary(),
            "inputs": [asdict(m) for m in kg.manifest]}


def write_manifest(kg: GraphData, path: PathLike, options: WriteOptions | None = None) -> Path:
    p = Path(path)
    with open_output(p) as f:
        f.write((json.dumps(manifest_json(kg), ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
    return p
