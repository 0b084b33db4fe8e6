"""One event across articles: the same happening reported by several sources."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from ..resolve.events import SYMMETRIC, dates_agree
from ..vocab.iris import Iris
from .model import DocumentRecord


def assign_event_iris(records: Iterable[DocumentRecord], iris: Iris) -> None:
    """Give every event its IRI (``rec.event_iris``): events of the same type between the
    same actors (by corpus IRI) with agreeing dates share one, across articles."""
    records = list(records)
    groups: dict[tuple, list[tuple[DocumentRecord, int]]] = defaultdict(list)
    for rec in records:
        iri = {a.id: a.iri for a in rec.actors}
        for n, e in enumerate(rec.events):
            src, tgt = iri.get(e.source) or "", iri.get(e.target) or ""
            if e.type in SYMMETRIC:
                src, tgt = sorted([src, tgt])
            groups[(e.type, src, tgt)].append((rec, n))
    for key, members in groups.items():
        # dated events first, so that each cluster is named by its first date
        members.sort(key=lambda m: (m[0].events[m[1]].date is None, m[0].events[m[1]].date or "", m[0].id, m[1]))
        clusters: list[tuple[str | None, list[tuple[DocumentRecord, int]]]] = []
        for rec, n in members:
            date = rec.events[n].date
            for i, (cdate, items) in enumerate(clusters):
                if dates_agree(cdate, date) and all(r.id != rec.id for r, _ in items):
                    items.append((rec, n))
                    if not cdate and date:
                        clusters[i] = (date, items)
                    break
            else:
                clusters.append((date, [(rec, n)]))
        for cdate, items in clusters:
            name = "|".join([*key, cdate or ""] + ([] if cdate else [items[0][0].id, str(items[0][1])]))
            iri = iris.event(name)
            for rec, n in items:
                rec.event_iris[n] = iri
