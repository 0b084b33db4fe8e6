"""What the analysis found, written into the spaCy ``Doc`` for spaCy users.

Three span groups (``doc.spans``), in the Doc's own character offsets, so that
``displacy.render(doc, style="span", options={"spans_key": "events"})`` and the usual
spaCy habits work:

- ``"actors"``: every mention of an actor, labelled with its type (``Person``,
  ``Organization``, ``Country``), ``kb_id_`` the actor's id in the document (``a1``);
- ``"events"``: every event trigger, labelled with its PLOVER type, ``kb_id_`` the
  event's id (``e1``);
- ``"timexes"``: every temporal expression, labelled with its TIMEX3 type (``DATE``,
  ``TIME``, ``DURATION``, ``SET``), ``id_`` its TIMEX3 value.

And the records as Doc extensions, read when asked: ``doc._.actors``, ``doc._.events``,
``doc._.roles``, ``doc._.agreements``, ``doc._.conflicts`` (offsets into the article's
input text, as in every newsgraph record), beside ``doc._.timexes`` and ``doc._.dct``.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span

if TYPE_CHECKING:
    from .document import DocumentState

RECORDS = ("actors", "events", "roles", "agreements", "conflicts")
if not Doc.has_extension("newsgraph_state"):
    Doc.set_extension("newsgraph_state", default=None)
for _name in RECORDS:
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, getter=lambda doc, _n=_name: list(getattr(doc._.newsgraph_state, _n, None) or []))


def write_spans(state: DocumentState) -> None:
    """Actor mentions, event triggers and timexes as ``doc.spans`` groups; the records as
    Doc extensions (they are read from the state when asked, so they are the final ones)."""
    doc = state.doc
    doc.spans["actors"] = [Span(doc, m.token_start, m.token_end, label=a.type, kb_id=a.id)
                           for a in state.actors for m in a.mentions]
    events = (doc.char_span(e.start, e.end, label=e.type, kb_id=f"e{n}", alignment_mode="expand")
              for n, e in enumerate(state.events, 1))
    doc.spans["events"] = [s for s in events if s is not None]
    timexes = (doc.char_span(t.start, t.end, label=t.type, span_id=t.value, alignment_mode="expand")
               for t in (doc._.timexes or []))
    doc.spans["timexes"] = [s for s in timexes if s is not None]
    doc._.newsgraph_state = state
