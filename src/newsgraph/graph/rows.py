"""The graph as five tables (actors, events, roles, agreements, mentions): the rows the
CSV writer and ``kg.to_pandas()`` share. List values stay lists here; the CSV writer
joins them."""
from __future__ import annotations

from typing import Any

from ..records import DocumentRecord
from .model import GraphData

COLUMNS = {
    "actors": ["doc_id", "actor_id", "iri", "name", "type", "country", "aliases", "mentions"],
    "events": ["doc_id", "event_id", "iri", "type", "mode", "source", "source_iri", "target", "target_iri",
               "date", "modality", "place", "trigger", "evidence"],
    "roles": ["doc_id", "actor", "actor_iri", "title", "of", "of_iri", "of_inferred", "start", "end"],
    "agreements": ["doc_id", "agreement_id", "name", "parties", "status", "signed", "status_date", "evidence"],
    "mentions": ["doc_id", "actor_iri", "text", "start", "end"],
}


def table_rows(kg: GraphData) -> dict[str, list[dict[str, Any]]]:
    """The rows of every table, keyed by table name."""
    out: dict[str, list[dict[str, Any]]] = {k: [] for k in COLUMNS}
    for rec in kg.documents:
        for table, rows in document_rows(kg, rec).items():
            out[table].extend(rows)
    return out


def document_rows(kg: GraphData, rec: DocumentRecord) -> dict[str, list[dict[str, Any]]]:
    """The rows one document gives each table (every table's rows are its documents'
    rows, in the order of the documents)."""
    out: dict[str, list[dict[str, Any]]] = {k: [] for k in COLUMNS}
    by_id = {a.id: a for a in rec.actors}
    iri_of = kg.actor_iris(rec)
    text = rec.article.text

    def name(aid):
        return by_id[aid].name if aid in by_id else ""

    def iri(aid):
        return iri_of[aid] if aid in by_id else ""

    for a in rec.actors:
        out["actors"].append({"doc_id": rec.id, "actor_id": a.id, "iri": iri_of[a.id], "name": a.name, "type": a.type,
                              "country": a.country or "", "aliases": list(a.aliases),
                              "mentions": len(a.mentions)})
        for m in a.mentions:
            out["mentions"].append({"doc_id": rec.id, "actor_iri": iri_of[a.id], "text": m.text, "start": m.start,
                                    "end": m.end})
    for n, e in enumerate(rec.events):
        out["events"].append({"doc_id": rec.id, "event_id": f"e{n + 1}", "iri": kg.links.event(rec.id, n) or "",
                              "type": e.type, "mode": e.mode or "", "source": name(e.source),
                              "source_iri": iri(e.source), "target": name(e.target), "target_iri": iri(e.target),
                              "date": e.date or "", "modality": e.modality, "place": e.place or "",
                              "trigger": e.trigger, "evidence": text[e.sentence[0]:e.sentence[1]].strip()})
    for r in rec.roles:
        out["roles"].append({"doc_id": rec.id, "actor": name(r.actor), "actor_iri": iri(r.actor),
                             "title": r.title, "of": name(r.of), "of_iri": iri(r.of),
                             "of_inferred": r.of_inferred, "start": r.start, "end": r.end})
    for n, g in enumerate(rec.agreements, 1):
        out["agreements"].append({"doc_id": rec.id, "agreement_id": f"g{n}", "name": g.name,
                                  "parties": [name(p) for p in g.parties],
                                  "status": g.status or "", "signed": g.signed or "",
                                  "status_date": g.status_date or "",
                                  "evidence": text[slice(*g.sentence)].strip()})
    return out
