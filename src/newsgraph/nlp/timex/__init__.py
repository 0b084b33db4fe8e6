"""Temporal expressions: a rule grammar over word lists, normalised to TIMEX3 values."""
from .grammar import find_timexes
from .lexicon import Lexicon

__all__ = ["Lexicon", "find_timexes"]
