"""CSV tables for pandas and spreadsheets: actors, events, roles, agreements, mentions."""
from __future__ import annotations

import csv
import io
from pathlib import Path

from ..graph import KnowledgeGraph
from ..types import PathLike
from .output import open_output

COLUMNS = {
    "actors": ["doc_id", "actor_id", "iri", "name", "type", "country", "aliases", "mentions"],
    "events": ["doc_id", "event_id", "iri", "type", "mode", "source", "source_iri", "target", "target_iri",
               "date", "modality", "place", "trigger", "evidence"],
    "roles": ["doc_id", "actor", "actor_iri", "title", "of", "of_iri", "of_inferred", "start", "end"],
    "agreements": ["doc_id", "agreement_id", "name", "parties", "status", "signed", "status_date", "evidence"],
    "mentions": ["doc_id", "actor_iri", "text", "start", "end"],
}


def table_rows(kg: KnowledgeGraph) -> dict[str, list[dict]]:
    """The rows of every table."""
    out: dict[str, list[dict]] = {k: [] for k in COLUMNS}
    for rec in kg.documents:
        by_id = {a.id: a for a in rec.actors}
        text = rec.article.text

        def name(aid):
            return by_id[aid].name if aid in by_id else ""

        def iri(aid):
            return by_id[aid].iri if aid in by_id else ""

        for a in rec.actors:
            out["actors"].append({"doc_id": rec.id, "actor_id": a.id, "iri": a.iri, "name": a.name, "type": a.type,
                                  "country": a.country or "", "aliases": " | ".join(a.aliases),
                                  "mentions": len(a.mentions)})
            for m in a.mentions:
                out["mentions"].append({"doc_id": rec.id, "actor_iri": a.iri, "text": m.text, "start": m.start,
                                        "end": m.end})
        for n, e in enumerate(rec.events):
            out["events"].append({"doc_id": rec.id, "event_id": f"e{n + 1}", "iri": rec.event_iris[n], "type": e.type,
                                  "mode": e.mode or "", "source": name(e.source), "source_iri": iri(e.source),
                                  "target": name(e.target), "target_iri": iri(e.target), "date": e.date or "",
                                  "modality": e.modality, "place": e.place or "", "trigger": e.trigger,
                                  "evidence": text[e.sentence[0]:e.sentence[1]].strip()})
        for r in rec.roles:
            out["roles"].append({"doc_id": rec.id, "actor": name(r.actor), "actor_iri": iri(r.actor),
                                 "title": r.title, "of": name(r.of), "of_iri": iri(r.of),
                                 "of_inferred": r.of_inferred, "start": r.start, "end": r.end})
        for n, g in enumerate(rec.agreements, 1):
            out["agreements"].append({"doc_id": rec.id, "agreement_id": f"g{n}", "name": g.name,
                                      "parties": " | ".join(name(p) for p in g.parties),
                                      "status": g.status or "", "signed": g.signed or "",
                                      "status_date": g.status_date or "",
                                      "evidence": text[slice(*g.sentence)].strip()})
    return out


def write_tables(kg: KnowledgeGraph, path: PathLike) -> Path:
    """Write ``path/{actors,events,roles,agreements,mentions}.csv``; returns the folder."""
    folder = Path(path)
    folder.mkdir(parents=True, exist_ok=True)
    for table, rows in table_rows(kg).items():
        with io.TextIOWrapper(open_output(folder / f"{table}.csv"), encoding="utf-8", newline="") as f:
            w = csv.DictWriter(f, fieldnames=COLUMNS[table])
            w.writeheader()
            w.writerows(rows)
    return folder
