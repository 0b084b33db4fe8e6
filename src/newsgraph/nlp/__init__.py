"""NLP: the spaCy pipeline (``fr_core_news_md``) and newsgraph's components."""
from .components import lexicons_of
from .pipeline import load, parse

__all__ = ["load", "parse", "lexicons_of"]
