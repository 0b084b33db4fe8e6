"""``manifest.json``: every input with its status (done, skipped, failed) and reason, and
the build's provenance."""
from __future__ import annotations

import json
import os
from dataclasses import asdict
from pathlib import Path
from typing import Any

from ..graph import KnowledgeGraph
from ..records import BuildInfo, Work
from ..types import PathLike
from .options import WriteOptions
from .output import open_output


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
    out["files"] = list(info.files)
    return out


def manifest_json(kg: KnowledgeGraph) -> dict:
    """The manifest; with ``SOURCE_DATE_EPOCH`` set (a reproducible build), without the
    timings."""
    reproducible = bool(os.environ.get("SOURCE_DATE_EPOCH", "").strip())
    return {"build": build_json(kg.info, reproducible=reproducible), "summary": kg.summary(),
            "inputs": [asdict(m) for m in kg.manifest]}


def write_manifest(kg: KnowledgeGraph, path: PathLike, options: WriteOptions | None = None) -> Path:
    p = Path(path)
    with open_output(p) as f:
        f.write((json.dumps(manifest_json(kg), ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
    return p
