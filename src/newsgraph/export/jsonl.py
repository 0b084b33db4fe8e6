"""``documents.jsonl``: one JSON object per article, in the format of the evaluation kit
(``doc_id``, ``actors``, ``roles``, ``events``, ``agreements``...), with mentions,
offsets into the input text, IRIs and evidence added."""
from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..graph import DocumentRecord, KnowledgeGraph
from ..types import PathLike


def document_json(rec: DocumentRecord) -> dict[str, Any]:
    """The JSON object of one document."""
    a = rec.article
    text = a.text
    return {
        "doc_id": a.id,
        "lang": a.lang,
        "title": a.title,
        "dct": a.dct,
        "url": a.url,
        "path": a.path,
        "actors": [{
            "id": x.id, "name": x.name, "type": x.type, "aliases": x.aliases,
            "country": x.country, "iri": x.iri,
            "mentions": [{"text": m.text, "start": m.start, "end": m.end} for m in x.mentions],
        } for x in rec.actors],
        "roles": [{"actor": r.actor, "title": r.title, "of": r.of, "of_inferred": r.of_inferred,
                   "start": r.start, "end": r.end} for r in rec.roles],
        "events": [{
            "id": f"e{n}", "iri": rec.event_iris[n - 1] or None, "type": e.type, "mode": e.mode, "source": e.source, "target": e.target,
            "place": e.place, "date": e.date, "modality": e.modality,
            "text": text[e.sentence[0]:e.sentence[1]].strip(),
            "trigger": {"text": e.trigger, "start": e.start, "end": e.end},
            "mentions": [{"start": s, "end": t, "sentence": list(sent)}
                         for s, t, sent in e.extra.get("mentions", [])],
            **({"claims": e.extra["claims"]} if e.extra.get("claims") else {}),
        } for n, e in enumerate(rec.events, 1)],
        "agreements": rec.agreements,
        "timexes": rec.timexes,
        "conflicts": rec.conflicts,
        "furniture": [{"start": s, "end": t, "reason": why} for (s, t), why in a.dropped],
        "text": text,
    }


def generate_documents(kg: KnowledgeGraph) -> Iterator[str]:
    """One JSON line per document."""
    for rec in kg.documents:
        yield json.dumps(document_json(rec), ensure_ascii=False) + "\n"


def write_documents(kg: KnowledgeGraph, path: PathLike) -> Path:
    p = Path(path)
    with p.open("w", encoding="utf-8") as f:
        f.writelines(generate_documents(kg))
    return p


def read_documents(path: PathLike) -> list[dict[str, Any]]:
    """The documents of a ``documents.jsonl`` file, as dictionaries."""
    return parse_documents(Path(path).read_text(encoding="utf-8"))


def parse_documents(text: str) -> list[dict[str, Any]]:
    """Documents from the text of a JSON Lines file.

    >>> parse_documents('{"doc_id": "x"}')[0]["doc_id"]
    'x'
    """
    return [json.loads(line) for line in text.splitlines() if line.strip()]
