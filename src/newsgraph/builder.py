"""The pipeline end to end: files in, :class:`~newsgraph.graph.KnowledgeGraph` out.

``newsgraph.build(["examples/"])`` reads, parses, extracts and resolves; the tests in
``tests/test_build.py`` run it on the bundled example.
"""
from __future__ import annotations

import datetime as _dt
import time
from collections.abc import Callable, Iterable
from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc

from .about import DEFAULT_BASE_IRI, DEFAULT_MODEL, __version__
from .errors import Errors, NewsgraphError
from .extract import EntityMention, Event, entity_mentions, events
from .extract.model import Agreement, Role
from .extract.actors import demonym_mentions
from .extract.agreements import agreements
from .extract.bodies import body_mentions
from .extract.roles import person_roles
from .graph import DocumentRecord, KnowledgeGraph, ManifestEntry, to_networkx
from .graph.identity import assign_event_iris
from .ingest import Article, InputProblem, read
from .nlp import load, parse
from .resolve import assign_iris, cluster
from .resolve.within import anaphoric_aliases
from .resolve.events import merge_events
from .resolve.names import fold
from .resolve.roles import resolve_role_phrases, tidy_roles
from .types import PathLike

Progress = Callable[[int, int], None]
#: Languages whose model, gazetteers and lexicons newsgraph ships.
SUPPORTED_LANGUAGES = frozenset({"fr"})


def document_state(mentions: list[EntityMention]) -> list[EntityMention]:
    """Give "le gouvernement", "les autorités" used alone the state the article names
    most (places included); drop them when it names none."""
    counts: dict[str, int] = {}
    for m in mentions:
        if m.type == "Country" and m.country:
            counts[m.country] = counts.get(m.country, 0) + 1
    main = max(counts, key=lambda k: counts[k]) if counts else None
    out = []
    for m in mentions:
        if m.type == "Country" and not m.country:
            if main is None:
                continue
            m = replace(m, country=main, key=f"country:{main}")
        out.append(m)
    return out


def extract_document(doc: Doc, article: Article) -> DocumentRecord:
    """Actors, roles and events of one parsed article, offsets mapped to its text."""
    mentions = sorted([*entity_mentions(doc), *body_mentions(doc), *demonym_mentions(doc)],
                      key=lambda m: m.token_start)
    mentions = document_state(mentions)
    actors, token_map = cluster(mentions)
    named = [a for a in actors if not all(m.demonym for m in a.mentions)]
    country_actor = {a.country: a.id for a in named if a.type == "Country" and a.country}
    any_country = {a.country: a.id for a in actors if a.type == "Country" and a.country}
    roles = list(person_roles(doc, token_map, country_actor))
    roles += resolve_role_phrases(doc, roles, token_map, actors, country_actor)
    unique: dict[tuple, Role] = {}
    for r in roles:  # one role per (person, title, of); the one that names a state wins
        key = (r.actor, fold(r.title), r.of)
        if key not in unique or r.of_state and not unique[key].of_state:
            unique[key] = r
    roles = list(unique.values())
    for r in roles:  # a role phrase stands for its holder in events: "au président ..., X"
        phrase = doc.char_span(r.start, r.end, alignment_mode="expand")
        if phrase is not None:
            for t in phrase:
                if t.i not in token_map and t.pos_ in ("NOUN", "ADJ", "PROPN"):
                    token_map[t.i] = r.actor
    by_id = {a.id: a for a in actors}
    for r in roles:  # a person's country is the state of a post they hold
        person, of = by_id.get(r.actor), by_id.get(r.of or "")
        if person and not person.country:
            person.country = of.country if of and of.type == "Country" else r.of_state
    anaphoric_aliases(doc, actors, token_map)
    nationality = {a.id: a.country for a in actors if a.type == "Person" and a.country}
    deals = merge_agreements(agreements(doc, token_map, any_country))
    found = [link_agreement(e, deals) for e in events(doc, token_map, any_country, nationality)]
    found, conflicts = merge_events(found)
    roles = tidy_roles(roles, actors, [(s.start_char, s.end_char) for s in doc.sents])
    used = {x for e in found for x in (e.source, e.target) if x} | {r.of for r in roles if r.of}
    used |= {p for g in deals for p in g.parties}
    actors = [a for a in actors if a.acting or a.id in used]

    def span(start: int, end: int) -> tuple[int, int]:
        return article.span_to_original(start, end)

    for a in actors:
        a.mentions = [replace(m, start=s, end=e) for m in a.mentions
                      for s, e in [span(m.start, m.end)]]
    mapped = []
    for e in found:
        s, t = span(e.start, e.end)
        mentions = [(*span(ms, me), span(*sent)) for ms, me, sent in e.extra.get("mentions", [])]
        claims = [{"date": c["date"], "evidence": article.text[slice(*span(*c["sentence"]))].strip(),
                   "sentence": list(span(*c["sentence"]))} for c in e.extra.get("claims", [])]
        mapped.append(replace(e, start=s, end=t, sentence=span(*e.sentence),
                              extra={**e.extra, "mentions": mentions, "claims": claims}))
    conflicts = [{"event": f"e{c['event'] + 1}", "attribute": c["attribute"],
                  "claims": mapped[c["event"]].extra["claims"]} for c in conflicts]
    roles = [replace(r, start=s, end=e) for r in roles for s, e in [span(r.start, r.end)]]
    agreement_records = [{
        "id": f"g{n}", "name": g.name, "parties": list(g.parties), "signed": g.signed,
        "status": g.status, "status_date": g.status_date,
        "lifecycle": [{"status": st, "date": d, "evidence": article.text[slice(*span(*sp))].strip()}
                      for st, d, sp in sorted(g.history, key=lambda h: h[1] or "")],
        "text": article.text[slice(*span(*g.sentence))].strip(), "start": span(g.start, g.end)[0],
        "end": span(g.start, g.end)[1]} for n, g in enumerate(deals, 1)]
    timexes = []
    for t in doc._.timexes or []:
        s, e = span(t.start, t.end)
        timexes.append({"start": s, "end": e, "text": article.text[s:e], "type": t.type, "value": t.value})
    return DocumentRecord(article=article, actors=actors, roles=roles, events=mapped, timexes=timexes,
                          conflicts=conflicts, agreements=agreement_records)


def merge_agreements(found: Iterable[Agreement]) -> list[Agreement]:
    """One agreement per name and set of parties; a later mention ("cette alliance", "cet
    accord") adds to the one named before; statuses and dates accumulate."""
    out: dict[tuple, Agreement] = {}

    def fold_into(key: tuple, g: Agreement) -> None:
        first = out[key]
        out[key] = replace(first, status=first.status or g.status, signed=first.signed or g.signed,
                           status_date=first.status_date or g.status_date, verbs=first.verbs + g.verbs,
                           history=first.history + g.history)

    for g in found:
        if not g.parties or g.anaphoric:  # "cette alliance est scellée en juillet 2019"
            head = fold(g.name).split()[0].rstrip("s")
            same = [k for k in out if k[0].split()[0] == head and set(g.parties) <= k[1]]
            if same:
                fold_into(same[-1], g)
                continue
            if not g.parties:
                continue
        key = (fold(g.name).rstrip("s"), frozenset(g.parties))
        if key in out:
            fold_into(key, g)
        else:
            out[key] = g
    return [_current_status(g) for g in out.values()]


def _current_status(g: Agreement) -> Agreement:
    """The status as of the article: the latest dated change, else the last one told."""
    if not g.history:
        return g
    dated = [h for h in g.history if h[1]]
    status, date, _ = max(dated, key=lambda h: h[1]) if dated else g.history[-1]
    return replace(g, status=status, status_date=date or g.status_date)


def link_agreement(event: Event, deals: list[Agreement]) -> Event:
    """A sanction or agreement event whose verb acts on an agreement is aimed at the
    agreement's other party: "ont dénoncé les accords qui liaient leur pays à la France"."""
    if event.target is not None:
        return event
    for g in deals:
        if any(v[0] <= event.start < v[1] for v in g.verbs):
            others = [p for p in g.parties if p != event.source]
            if others:
                return replace(event, target=others[0])
    return event


def _parse_safely(nlp: Language, articles: list[Article], batch_size: int):
    """Parse in batches; if a batch fails, parse its articles one by one so that only
    the bad one fails."""
    for i in range(0, len(articles), batch_size):
        batch = articles[i:i + batch_size]
        try:
            yield from ((d, a, None) for d, a in parse(nlp, batch, batch_size=batch_size))
        except Exception:  # noqa: BLE001 - isolate the failing article below
            for a in batch:
                try:
                    yield next(iter(parse(nlp, [a]))) + (None,)
                except Exception as e:  # noqa: BLE001
                    yield None, a, e


def build(paths: Iterable[PathLike], *, model: str = DEFAULT_MODEL, base_iri: str = DEFAULT_BASE_IRI,
          batch_size: int = 32, progress: Progress | None = None) -> KnowledgeGraph:
    """Read, parse, extract and resolve every article under ``paths`` into a graph.

    Bad inputs do not stop the build: each appears in ``KnowledgeGraph.manifest`` as
    ``skipped`` or ``failed`` with its reason.
    """
    paths = list(paths)
    if not paths:
        raise NewsgraphError(Errors.E010)
    started = time.perf_counter()
    manifest: list[ManifestEntry] = []
    articles: list[Article] = []
    for item in read(paths):
        if isinstance(item, InputProblem):
            manifest.append(ManifestEntry(item.id, item.path, item.status, item.reason))
        elif item.lang not in SUPPORTED_LANGUAGES:
            manifest.append(ManifestEntry(item.id, item.path or "", "skipped",
                                          str(NewsgraphError(Errors.E014, path=item.path, lang=item.lang))))
        else:
            articles.append(item)
    nlp = load(model) if articles else None
    records: list[DocumentRecord] = []
    timings = {"nlp_and_extract": 0.0}
    done = 0
    if nlp is not None:
        for doc, article, error in _parse_safely(nlp, articles, batch_size):
            done += 1
            if progress:
                progress(done, len(articles))
            if error is not None or doc is None:
                manifest.append(ManifestEntry(article.id, article.path or "", "failed",
                                              str(NewsgraphError(Errors.E011, path=article.path, detail=error))))
                continue
            try:
                rec = extract_document(doc, article)
            except Exception as e:  # noqa: BLE001 - one bad article must not stop the batch
                manifest.append(ManifestEntry(article.id, article.path or "", "failed",
                                              str(NewsgraphError(Errors.E011, path=article.path, detail=repr(e)))))
                continue
            records.append(rec)
            manifest.append(ManifestEntry(article.id, article.path or "", "done", "", {
                "actors": len(rec.actors), "events": len(rec.events), "roles": len(rec.roles),
                "agreements": len(rec.agreements), "furniture_lines": len(article.dropped)}))
    timings["nlp_and_extract"] = time.perf_counter() - started
    assign_iris([r.actors for r in records], base_iri, [r.id for r in records])
    assign_event_iris(records, base_iri)
    graph = to_networkx(records, base_iri)
    timings["total"] = time.perf_counter() - started
    info = {
        "software": "newsgraph", "version": __version__, "base_iri": base_iri,
        "model": model, "model_version": nlp.meta.get("version") if nlp else None,
        "spacy_pipeline": nlp.pipe_names if nlp else [],
        "started": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"),
        "timings": timings,
    }
    return KnowledgeGraph(documents=records, manifest=manifest, graph=graph, info=info)
