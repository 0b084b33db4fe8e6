"""Temporal expressions: a rule grammar over word lists, normalised to TIMEX3 values."""
from .grammar import Timex, find_timexes

__all__ = ["Timex", "find_timexes"]
