"""The ``Article``: what every reader produces and every later stage consumes."""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from ..types import CharSpan


@dataclass(frozen=True)
class Article:
    """One news article.

    ``text`` is the input text as read; every character offset that newsgraph reports
    points into it. ``segments`` are the spans of ``text`` kept for NLP once page
    furniture is dropped (all of it when empty).

    >>> a = Article(id="x", text="MENU\\nLe Mali et la France.", segments=((5, 26),))
    >>> a.clean_text()
    'Le Mali et la France.'
    >>> a.to_original(3)
    8
    """

    id: str
    text: str
    title: str | None = None
    dct: str | None = None
    url: str | None = None
    lang: str = "fr"
    path: str | None = None
    segments: tuple[CharSpan, ...] = ()
    #: the site the page names as its own in its links ("À lire aussi sur X"): its publisher
    site: str | None = None
    dropped: tuple[tuple[CharSpan, str], ...] = field(default=(), compare=False)

    def _segments(self) -> tuple[CharSpan, ...]:
        return self.segments or ((0, len(self.text)),)

    def clean_text(self) -> str:
        """The text given to NLP: the kept segments joined by a line break."""
        return "\n".join(self.text[s:e] for s, e in self._segments())

    def _starts(self) -> list[int]:
        starts, pos = [], 0
        for s, e in self._segments():
            starts.append(pos)
            pos += e - s + 1
        return starts

    def to_original(self, offset: int) -> int:
        """Map an offset in :meth:`clean_text` back to an offset in ``text``."""
        segs = self._segments()
        starts = self._starts()
        i = max(bisect.bisect_right(starts, offset) - 1, 0)
        s, e = segs[i]
        return min(s + offset - starts[i], e)

    def span_to_original(self, start: int, end: int) -> CharSpan:
        """Map a ``(start, end)`` span of :meth:`clean_text` to ``text``."""
        return self.to_original(start), self.to_original(end - 1) + 1 if end > start else self.to_original(start)
