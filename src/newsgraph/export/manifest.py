"""``manifest.json``: every input with its status (done, skipped, failed) and reason."""
from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

from ..graph import KnowledgeGraph
from ..types import PathLike
from .output import open_output


def manifest_json(kg: KnowledgeGraph) -> dict:
    return {"build": kg.info, "summary": kg.summary(), "inputs": [asdict(m) for m in kg.manifest]}


def write_manifest(kg: KnowledgeGraph, path: PathLike) -> Path:
    p = Path(path)
    with open_output(p) as f:
        f.write((json.dumps(manifest_json(kg), ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
    return p
