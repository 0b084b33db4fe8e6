"""What the analysis found, written into the spaCy ``Doc`` for spaCy users (``newsgraph.pipe``).

Three span groups (``doc.spans``), in the Doc's own character offsets, so that
``displacy.render(doc, style="span", options={"spans_key": "events"})`` and the usual
spaCy habits work:

- ``"actors"``: every mention of an actor, labelled with its type (``Person``,
  ``Organization``, ``Country``), ``kb_id_`` the actor's id in the document (``a1``);
- ``"events"``: every event trigger, labelled with its PLOVER type, ``kb_id_`` the
  event's id (``e1``);
- ``"timexes"``: every temporal expression, labelled with its TIMEX3 type (``DATE``,
  ``TIME``, ``DURATION``, ``SET``), ``id_`` its TIMEX3 value.

And the records as Doc extensions: ``doc._.actors``, ``doc._.events``, ``doc._.roles``,
``doc._.agreements``, ``doc._.conflicts`` (offsets into the article's input text, as in
every newsgraph record), beside ``doc._.timexes`` and ``doc._.dct``; ``doc._.iris`` maps
an actor's or an event's id (a span's ``kb_id_``) to its IRI, linked across the texts.
"""
from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Span

from ..records import DocumentRecord, Event, Links
from .within import DraftActor

RECORDS = ("actors", "events", "roles", "agreements", "conflicts")
for _name in (*RECORDS, "iris"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


def write_spans(doc: Doc, actors: Sequence[DraftActor], events: Sequence[Event]) -> None:
    """Actor mentions, event triggers and timexes as ``doc.spans`` groups (offsets of the
    Doc's own text, before the analysis maps them to the input text)."""
    doc.spans["actors"] = [Span(doc, m.token_start, m.token_end, label=a.type, kb_id=a.id)
                           for a in actors for m in a.mentions]
    found = (doc.char_span(e.start, e.end, label=e.type, kb_id=f"e{n}", alignment_mode="expand")
             for n, e in enumerate(events, 1))
    doc.spans["events"] = [s for s in found if s is not None]
    timexes = (doc.char_span(t.start, t.end, label=t.type, span_id=t.value, alignment_mode="expand")
               for t in (doc._.timexes or []))
    doc.spans["timexes"] = [s for s in timexes if s is not None]


def write_records(doc: Doc, rec: DocumentRecord, links: Links) -> None:
    """The document's records as Doc extensions, and the IRIs linking gave its actors and
    events (``doc._.iris``: ``"a1"`` or ``"e1"`` -> IRI)."""
    for name in RECORDS:
        setattr(doc._, name, list(getattr(rec, name)))
    iris: dict[str, str] = dict(links.actor_iris(rec.id))
    for n in range(len(rec.events)):
        event = links.event(rec.id, n)
        if event:
            iris[f"e{n + 1}"] = event
    doc._.iris = iris

