"""Ingest: read .txt, .html and .jsonl files and folders into :class:`Article` objects."""
from .furniture import furniture_reason, segment
from .readers import read, read_html, read_jsonl, read_txt
from .texts import read_texts

__all__ = ["read", "read_txt", "read_html", "read_jsonl",
           "furniture_reason", "segment", "read_texts"]
