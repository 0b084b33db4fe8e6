"""Ingest: read .txt, .html and .jsonl files and folders into :class:`Article` objects."""
from .article import Article
from .furniture import furniture_reason, segment
from .readers import InputProblem, read, read_html, read_jsonl, read_txt
from .texts import read_texts

__all__ = ["Article", "InputProblem", "read", "read_txt", "read_html", "read_jsonl",
           "furniture_reason", "segment", "read_texts"]
