"""``documents.jsonl``: one JSON object per article, in the format of the evaluation kit
(``doc_id``, ``actors``, ``roles``, ``events``, ``agreements``...), with mentions,
offsets into the input text, IRIs and evidence added."""
from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..graph import GraphData
from ..records import Agreement, Claim, DocumentRecord, Links
from ..types import CharSpan, PathLike
from .options import WriteOptions
from .output import open_output


def _evidence(text: str, span: CharSpan) -> str:
    return text[slice(*span)].strip()


def _claims(text: str, claims: tuple[Claim, ...]) -> list[dict[str, Any]]:
    return [{"date": c.value, "evidence": _evidence(text, c.sentence), "sentence": list(c.sentence)} for c in claims]


def _agreement(text: str, n: int, g: Agreement) -> dict[str, Any]:
    return {
        "id": f"g{n}", "name": g.name, "parties": list(g.parties), "signed": g.signed,
        "status": g.status, "status_date": g.status_date,
        "lifecycle": [{"status": h.status, "date": h.date, "evidence": _evidence(text, h.sentence)}
                      for h in sorted(g.history, key=lambda h: h.date or "")],
        "text": _evidence(text, g.sentence), "start": g.start, "end": g.end,
    }


def document_json(rec: DocumentRecord, links: Links = Links()) -> dict[str, Any]:
    """The JSON object of one document, with the IRIs ``links`` gives its actors and events."""
    a = rec.article
    iri_of = links.actor_iris(rec.id)
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
            "country": x.country, "iri": iri_of.get(x.id),
            "mentions": [{"text": m.text, "start": m.start, "end": m.end} for m in x.mentions],
        } for x in rec.actors],
        "roles": [{"actor": r.actor, "title": r.title, "of": r.of, "of_inferred": r.of_inferred,
                   "start": r.start, "end": r.end} for r in rec.roles],
        "events": [{
            "id": f"e{n}", "iri": links.event(rec.id, n - 1), "type": e.type, "mode": e.mode, "source": e.source, "target": e.target,
            "place": e.place, "date": e.date, "modality": e.modality,
            "text": text[e.sentence[0]:e.sentence[1]].strip(),
            "trigger": {"text": e.trigger, "start": e.start, "end": e.end},
            "mentions": [{"start": m.start, "end": m.end, "sentence": list(m.sentence)} for m in e.mentions],
            **({"claims": _claims(text, e.claims)} if e.claims else {}),
        } for n, e in enumerate(rec.events, 1)],
        "agreements": [_agreement(text, n, g) for n, g in enumerate(rec.agreements, 1)],
        "timexes": [{"start": t.start, "end": t.end, "text": t.text, "type": t.type, "value": t.value}
                    for t in rec.timexes],
        "conflicts": [{"event": f"e{c.event + 1}", "attribute": c.attribute, "claims": _claims(text, c.claims)}
                      for c in rec.conflicts],
        "furniture": [{"start": s, "end": t, "reason": why} for (s, t), why in a.dropped],
        "text": text,
    }


def generate_documents(kg: GraphData) -> Iterator[str]:
    """One JSON line per document."""
    for rec in kg.documents:
        yield json.dumps(document_json(rec, kg.links), ensure_ascii=False) + "\n"


def write_documents(kg: GraphData, path: PathLike, options: WriteOptions | None = None) -> Path:
    p = Path(path)
    with open_output(p) as f:
        for line in generate_documents(kg):
            f.write(line.encode("utf-8"))
    return p


def read_documents(path: PathLike) -> list[dict[str, Any]]:
    """The documents of a ``documents.jsonl`` file, as dictionaries."""
    return parse_documents(Path(path).read_text(encoding="utf-8"))


def parse_documents(text: str) -> list[dict[str, Any]]:
    r"""Documents from the text of a JSON Lines file, split on line feeds only (U+2028 or
    U+0085 may stand inside a JSON string).

    >>> [d["doc_id"] for d in parse_documents('{"doc_id": "x\u2028y"}\n{"doc_id": "z"}\n')]
    ['x\u2028y', 'z']
    """
    return [json.loads(line) for line in text.split("\n") if line.strip(" \t\r")]
