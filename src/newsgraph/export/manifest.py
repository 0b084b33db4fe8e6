"""``manifest.json``: every input with its status (done, skipped, failed) and reason."""
from __future__ import annotations

import json
import os
from dataclasses import asdict
from pathlib import Path

from ..graph import KnowledgeGraph
from ..types import PathLike
from .output import open_output


def manifest_json(kg: KnowledgeGraph) -> dict:
    """The manifest; with ``SOURCE_DATE_EPOCH`` set (a reproducible build), without the
    timings, which differ from run to run."""
    info = dict(kg.info)
    if os.environ.get("SOURCE_DATE_EPOCH", "").strip():
        info.pop("timings", None)
    return {"build": info, "summary": kg.summary(), "inputs": [asdict(m) for m in kg.manifest]}


def write_manifest(kg: KnowledgeGraph, path: PathLike) -> Path:
    p = Path(path)
    with open_output(p) as f:
        f.write((json.dumps(manifest_json(kg), ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
    return p
