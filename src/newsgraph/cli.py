"""The command line: thin, calls the library.

    newsgraph build INPUT... --out DIR [--jobs N] [--engine dask [--scheduler ADDRESS]]
    newsgraph build --add NEW... --out DIR
    newsgraph watch FOLDER --out DIR [--interval SECONDS] [--once]
    newsgraph validate DIR
    newsgraph query DIR|STORE 'SPARQL' | --who-met ACTOR | --visitors-of ACTOR | --timeline ACTOR
    newsgraph query --endpoint URL 'SPARQL' | --who-met ACTOR ...
    newsgraph load DIR --store PATH
    newsgraph serve DIR|STORE [--port N]
    newsgraph view DIR
    newsgraph figure INPUT... --out FILE.png
    newsgraph --version
"""
from __future__ import annotations

import argparse
import logging
import sys
import time
from typing import TYPE_CHECKING, Any, cast

from .about import DEFAULT_BASE_IRI, DEFAULT_MODEL, __version__
from .errors import NewsgraphError, NothingBuilt

if TYPE_CHECKING:
    from .api import KnowledgeGraph
    from .options import BuildOptions


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="newsgraph", description="Build a knowledge graph of actors, "
                                "roles, events and agreements from news articles.")
    p.add_argument("--version", action="version", version=f"newsgraph {__version__}")
    sub = p.add_subparsers(dest="command")
    _build_parser(sub.add_parser("build", help="read articles and write the graph into a folder"))
    _watch_parser(sub.add_parser("watch", help="keep a folder of articles built: each new or changed article "
                                 "added as it lands, a removed one removed (the pipeline stays loaded)"))
    sub.add_parser("validate", help="check a build folder: every file parses, the files agree, "
                   "the RDF conforms to newsgraph's SHACL shapes").add_argument("folder")
    _query_parser(sub.add_parser("query", help="ask a build folder, a store or an endpoint a SPARQL question"))
    _other_parsers(sub)
    return p


def _build_parser(b: argparse.ArgumentParser) -> None:
    from .export import writers  # the registry of writers only: no heavy import

    b.add_argument("inputs", nargs="*", help=".txt, .html or .jsonl files, or folders of them")
    b.add_argument("--out", "-o", required=True, help="output folder")
    b.add_argument("--add", nargs="+", metavar="NEW", default=None,
                   help="add these inputs to the build in --out (its earlier inputs are read from its cache)")
    b.add_argument("--jobs", "-j", type=int, default=1, metavar="N",
                   help="worker processes that parse the articles (default: %(default)s); the output is the same")
    b.add_argument("--engine", choices=["local", "dask"], default="local",
                   help="local processes (default), or a Dask cluster: --scheduler ADDRESS, else a local "
                        "one of --jobs workers")
    b.add_argument("--scheduler", metavar="ADDRESS", default=None,
                   help="the Dask scheduler to use with --engine dask (e.g. tcp://10.0.0.1:8786)")
    cache = b.add_mutually_exclusive_group()
    cache.add_argument("--cache", metavar="FOLDER", default=None,
                       help="the per-article cache (default: $XDG_CACHE_HOME/newsgraph, else ~/.cache/newsgraph): "
                            "a rebuild parses only new or changed articles")
    cache.add_argument("--no-cache", action="store_true", help="keep no cache; parse every article")
    b.add_argument("--base-iri", default=DEFAULT_BASE_IRI, help="base of every IRI (default: %(default)s)")
    b.add_argument("--model", default=DEFAULT_MODEL, help="spaCy model (default: %(default)s)")
    b.add_argument("--formats", default=None, metavar="NAME[,NAME...]",
                   help="comma-separated outputs among " + ", ".join(writers()) + " (default: all but ntriples; "
                        "the manifest is always written)")
    b.add_argument("--batch-size", type=int, default=32, metavar="N",
                   help="articles spaCy parses together (default: %(default)s); larger is faster and "
                        "takes more memory")
    b.add_argument("--no-mentions", action="store_true",
                   help="leave the actors' mention spans (NIF) out of the RDF: about 3 quads in 4")
    b.add_argument("--csv-bom", action="store_true",
                   help="begin the CSV tables with a byte order mark, so that spreadsheets (Excel) read them as UTF-8")
    b.add_argument("--quiet", "-q", action="store_true", help="no progress bar and no summary")


def _query_parser(q: argparse.ArgumentParser) -> None:
    q.add_argument("folder", nargs="?", help="a build folder (its store, else its graph.nq) or a store folder")
    q.add_argument("sparql", nargs="?", help="a SELECT query; the default graph is the union of all the "
                   "graphs (one per article, and the default one)")
    named = q.add_mutually_exclusive_group()
    named.add_argument("--who-met", metavar="ACTOR", help="whom ACTOR met, visited or received")
    named.add_argument("--visitors-of", metavar="ACTOR", help="who visited ACTOR (a country, usually)")
    named.add_argument("--timeline", metavar="ACTOR", help="the dated events ACTOR took part in")
    q.add_argument("--format", choices=["table", "json", "csv", "tsv", "xml"], default="table",
                   help="an aligned table (default), or a SPARQL 1.1 results format: json, csv, tsv, xml")
    q.add_argument("--allow-service", action="store_true",
                   help="let the query call other endpoints with SERVICE (network requests)")
    q.add_argument("--endpoint", metavar="URL", help="ask this SPARQL endpoint (http or https) instead of a folder")
    q.add_argument("--timeout", type=float, default=None, metavar="SECONDS",
                   help="stop a query that runs longer (default: 60)")


def _watch_parser(w: argparse.ArgumentParser) -> None:
    w.add_argument("folder", help="the folder the articles land in (.txt, .html or .jsonl files)")
    w.add_argument("--out", "-o", required=True, help="output folder, written again after each change")
    w.add_argument("--interval", type=float, default=1.0, metavar="SECONDS",
                   help="how often the folder is looked at (default: %(default)s)")
    w.add_argument("--once", action="store_true", help="build the folder once and stop (a cron job's way)")
    w.add_argument("--rounds", type=int, default=None, metavar="N", help="stop after looking N times")
    w.add_argument("--cache", metavar="FOLDER", default=None, help="the per-article cache (default: the user's)")
    w.add_argument("--base-iri", default=DEFAULT_BASE_IRI, help="base of every IRI (default: %(default)s)")
    w.add_argument("--model", default=DEFAULT_MODEL, help="spaCy model (default: %(default)s)")
    w.add_argument("--formats", default=None, metavar="NAME[,NAME...]", help="output formats (default: all)")
    w.add_argument("--batch-size", type=int, default=32, metavar="N", help="articles per spaCy batch")
    w.add_argument("--no-mentions", action="store_true", help="leave the actors' mentions out of the RDF")
    w.add_argument("--csv-bom", action="store_true", help="begin the CSV tables with a byte order mark")
    w.add_argument("--quiet", "-q", action="store_true", help="say nothing of each round")


def _other_parsers(sub) -> None:
    ld = sub.add_parser("load", help="bulk-load a build folder's graph.nq into a persistent triple store")
    ld.add_argument("folder")
    ld.add_argument("--store", required=True, metavar="PATH", help="the store's folder (created, or added to)")
    sv = sub.add_parser("serve", help="serve a build folder or a store as a SPARQL endpoint on 127.0.0.1")
    sv.add_argument("folder", help="a build folder or a store folder")
    sv.add_argument("--port", type=int, default=7878, help="the port (default: %(default)s; 0: any free one)")
    sv.add_argument("--verbose", "-v", action="store_true", help="log every request on stderr")
    w = sub.add_parser("view", help="write DIR/graph.html from DIR/documents.jsonl and open it")
    w.add_argument("folder")
    w.add_argument("--no-open", action="store_true", help="only write the page")
    w.add_argument("--max-actors", type=int, default=300, help="thin larger graphs to this many actors")
    f = sub.add_parser("figure", help="build INPUT and draw its actor network into a PNG file")
    f.add_argument("inputs", nargs="+", help=".txt, .html or .jsonl files, or folders of them")
    f.add_argument("--out", "-o", required=True, help="the PNG file to write")
    t = sub.add_parser("train", help="learn the event model from annotated articles (needs scikit-learn)")
    t.add_argument("gold", help="a folder of gold annotations, one JSON file per article (the eval kit's FORMAT)")
    t.add_argument("--texts", nargs="+", required=True, help="folders holding <doc_id>.txt for each annotation")
    t.add_argument("--out", "-o", required=True, help="the model file to write (JSON)")
    t.add_argument("--dev", help="a gold folder to report scores on (never trained on)")
    t.add_argument("--curve", action="store_true", help="with --dev: also the learning curve (1/4, 1/2, all)")
    t.add_argument("--pipeline", help="also save the whole pipeline with this model into this folder "
                   "(load it with `newsgraph build --model FOLDER`)")
    t.add_argument("--folds", type=int, default=5, help="folds of the cross-validation (default 5)")
    t.add_argument("--model", default=None, help="the spaCy pipeline to parse with (default: the package's)")


class _ProgressBar:
    """A progress bar on stderr (stdout stays for the summary), with the time elapsed and
    the time left; shown once the build knows it has more than ``least`` articles (it
    reads its inputs once, and says how many go to NLP before the first is parsed:
    ``bar(0, total)`` sizes the bar and starts the clock). The time left is the mean time
    an article has taken so far times the articles left, not the speed of the last
    moments (articles come out of the parser a batch at a time)."""

    def __init__(self, enabled: bool, least: int = 5) -> None:
        self.enabled, self.least = enabled, least
        self.bar: Any = None  # a rich Progress, once shown
        self.task: Any = None

    def __call__(self, done: int, total: int) -> None:
        if self.bar is None and self.enabled and total > self.least:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

            self.bar = Progress("[progress.description]{task.description}", BarColumn(), MofNCompleteColumn(),
                                TimeElapsedColumn(), "ETA", _mean_time_remaining(), console=Console(file=sys.stderr),
                                transient=True)
            self.task = self.bar.add_task("articles", total=total)
            self.bar.start()
        if self.bar is not None:
            self.bar.update(self.task, completed=done, total=total)

    def stop(self) -> None:
        if self.bar is not None:
            self.bar.stop()


def _mean_time_remaining() -> Any:
    """rich's time-left column, counted from the mean time an article has taken."""
    import datetime

    from rich.progress import TimeRemainingColumn
    from rich.text import Text

    class MeanTimeRemaining(TimeRemainingColumn):
        def render(self, task):  # noqa: ANN001 - rich's Task
            if not task.total or not task.completed or not task.elapsed:
                return Text("-:--:--", style="progress.remaining")
            left = task.elapsed / task.completed * (task.total - task.completed)
            return Text(str(datetime.timedelta(seconds=max(0, round(left)))), style="progress.remaining")

    return MeanTimeRemaining()


def _build_options(args: argparse.Namespace) -> BuildOptions:
    """The options of ``build`` as a :class:`~newsgraph.options.BuildOptions`, checked
    (with cheap imports: before spaCy's) before any input is read."""
    from .cache import default_folder
    from .options import BuildOptions

    cache = None if args.no_cache else (args.cache or default_folder())  # made by _cache once the folder is locked
    return BuildOptions(model=args.model, base_iri=args.base_iri, batch_size=args.batch_size, jobs=args.jobs,
                        engine=args.engine, scheduler=args.scheduler, cache=cache, add=args.add is not None,
                        mentions=not args.no_mentions).check()


def _check_build_options(args: argparse.Namespace) -> tuple[BuildOptions, list[str]]:
    """Every option of ``build``, checked before any input is read; the options and the
    formats."""
    from pathlib import Path

    from .errors import Errors
    from .export import DEFAULT_FORMATS, check_formats

    if args.add is not None and args.no_cache:
        raise NewsgraphError(Errors.E044)
    if bool(args.inputs) == (args.add is not None):
        raise NewsgraphError(Errors.E045)
    options = _build_options(args)
    formats = check_formats(args.formats.split(",") if args.formats else DEFAULT_FORMATS)
    if Path(args.out).exists() and not Path(args.out).is_dir():
        raise NewsgraphError(Errors.E029, path=args.out)
    from .ingest.files import out_inside_input

    inside = out_inside_input(args.out, args.inputs or args.add or [])
    if inside is not None:
        raise inside
    return options, formats


def _check_inputs_found(inputs: list[str], out) -> None:
    """A path that names nothing, given to build into a folder that holds a build: E067,
    before anything is read or written (the build stays as it is)."""
    import os

    from .errors import Errors

    if (out / "manifest.json").exists():
        for path in inputs:
            if not os.path.lexists(path):
                raise NewsgraphError(Errors.E067, path=path, folder=out)


def _cache(args: argparse.Namespace):
    """The build's cache: ``--cache FOLDER`` (E061 if it cannot be written), else the
    user's; None with ``--no-cache``, or when the user's cannot be written (a note says
    so, and the build goes on without one)."""
    from pathlib import Path

    from .cache import DocumentCache, default_folder

    if args.no_cache:
        return None
    listing = Path(args.out) / "manifest.json"
    if args.cache:
        return DocumentCache(args.cache, listing=listing)
    try:
        return DocumentCache(default_folder(), listing=listing)
    except NewsgraphError as e:
        if args.add is not None:
            raise
        logging.getLogger("newsgraph").warning("%s The build goes on without a cache.", e)
        return None


def cmd_build(args: argparse.Namespace) -> int:
    from .export.output import locked, recover

    options, formats = _check_build_options(args)
    with locked(args.out) as out:  # a second build into the same folder fails here, at once
        recover(out)  # finish a commit a killed build left, so that readers need not wait for this one
        return _build(args, options, formats)


def _summary(kg: KnowledgeGraph, out: str, written: dict) -> None:
    s = kg.summary()
    conflicts = sum(len(d.conflicts) for d in kg.documents)

    def n(count: int, word: str) -> str:
        return f"{count} {word}{'' if count == 1 else 's'}"

    print(", ".join([n(s["documents"], "document"), n(s["distinct_actors"], "actor"), n(s["events"], "event"),
                     n(s["roles"], "role"), n(s["agreements"], "agreement"), n(conflicts, "conflict")])
          + f" -> {out}")
    if s["documents"] <= 3:
        for rec in kg.documents:
            print(f"  {rec.id}: " + ", ".join(f"{a.name} ({a.type})" for a in rec.actors))
    print("written: " + ", ".join(str(p) for p in written.values()))
    if "html" in written:
        print(f"explore: open {written['html']} in a browser, or `newsgraph query {out} --timeline ACTOR`")


def _build(args: argparse.Namespace, options: BuildOptions, formats: list[str]) -> int:
    from dataclasses import fields, replace
    from pathlib import Path

    from .builder import build
    from .export import write

    started = time.perf_counter()
    inputs = args.add if args.add is not None else args.inputs
    _check_inputs_found(inputs, Path(args.out))
    cache = _cache(args)
    options = replace(options, cache=cache)
    exclude = [args.out] + ([cache.folder] if cache is not None else [])  # neither is read as input
    bar = _ProgressBar(not args.quiet and sys.stderr.isatty())
    nothing = None
    try:
        kg = build(inputs, progress=bar, exclude=exclude, **{f.name: getattr(options, f.name) for f in fields(options)})
    except NothingBuilt as e:  # the manifest still says what became of each input
        nothing, kg = e, cast("KnowledgeGraph", e.kg)
    finally:
        bar.stop()
    # skipped and failed inputs went to the log; the cache's list of inputs goes into the manifest
    written = write(kg, args.out, formats, started=started, csv_bom=args.csv_bom)
    if nothing is not None:
        print(f"newsgraph: error: {nothing}", file=sys.stderr)
        return 1
    if not args.quiet:
        _summary(kg, args.out, written)
    failed = sum(m.status == "failed" for m in kg.manifest)
    return 1 if failed else 0


def cmd_watch(args: argparse.Namespace) -> int:
    """``newsgraph watch``: rounds until Ctrl-C (or ``--once``, ``--rounds``); 1 when
    an input of the last round failed."""
    from pathlib import Path

    from .cache import default_folder
    from .errors import Errors
    from .export import DEFAULT_FORMATS, check_formats
    from .ingest.files import out_inside_input
    from .options import BuildOptions
    from .watch import Round, watch

    if not args.interval > 0 or args.interval > 86400:  # also NaN
        raise NewsgraphError(Errors.E101, option="--interval", what="a number of seconds above 0 (a day at most)",
                             value=args.interval)
    if args.rounds is not None and args.rounds < 1:
        raise NewsgraphError(Errors.E101, option="--rounds", what="a number of rounds of 1 or more", value=args.rounds)
    formats = check_formats(args.formats.split(",") if args.formats else DEFAULT_FORMATS)
    options = BuildOptions(model=args.model, base_iri=args.base_iri, batch_size=args.batch_size,
                           cache=args.cache or default_folder(), mentions=not args.no_mentions).check()
    if Path(args.out).exists() and not Path(args.out).is_dir():
        raise NewsgraphError(Errors.E029, path=args.out)
    inside = out_inside_input(args.out, [args.folder])
    if inside is not None:
        raise inside
    last: list[Round] = []

    def told(r: Round) -> None:
        last[:] = [r]
        if not args.quiet:
            print(f"round {r.number}: {len(r.changed)} new or changed, {len(r.removed)} removed -> "
                  f"{r.documents} documents, {r.failed} failed ({r.seconds:.2f} s)", flush=True)

    watch(args.folder, args.out, options, formats, csv_bom=args.csv_bom, interval=args.interval,
          rounds=1 if args.once else args.rounds, on_round=told)
    return 1 if last and last[0].failed else 0


def cmd_validate(args: argparse.Namespace) -> int:
    from .export.validate import validate_folder

    conforms, report = validate_folder(args.folder)
    if conforms:
        print(f"{args.folder}: every file parses, the files agree, and the RDF conforms to newsgraph's SHACL shapes")
        return 0
    print(report)
    return 1


def _query_arguments(args: argparse.Namespace) -> tuple[tuple[str, str] | None, str | None]:
    """The named question ``(key, name)`` or the SPARQL text asked. The folder and the
    query are told apart by what they are, in either order and around the options
    (`query DIR --format csv 'SELECT ...'`); sets ``args.folder``."""
    import os

    from .errors import Errors

    named = next(((k, v) for k, v in (("who_met", args.who_met), ("visitors_of", args.visitors_of),
                                      ("timeline", args.timeline)) if v is not None), None)
    if named is not None and not " ".join(named[1].split()):
        raise NewsgraphError(Errors.E079, what=f"--{named[0].replace('_', '-')} needs the name of an actor (any of "
                                                "its names, in any case), not an empty one")
    given = [x for x in (args.folder, args.sparql, *getattr(args, "extra", [])) if x is not None]
    if args.endpoint and len(given) > 1:
        raise NewsgraphError(Errors.E079, what="give a build folder (or a store) or --endpoint URL, not both")
    if len(given) > 2 or (named is not None and len(given) > 1):
        raise NewsgraphError(Errors.E079, what=f"too many arguments ({len(given)}): give one folder and one query")
    if args.endpoint:
        args.folder, sparql = None, (given[0] if given else None)
    else:
        folders = [x for x in given if os.path.isdir(x)] or given[:1]
        args.folder = folders[0] if folders and (named is not None or len(given) == 2 or os.path.isdir(folders[0])) \
            else None
        rest = [x for x in given if x is not args.folder]
        sparql = rest[0] if rest else None
    if named is None and not sparql:
        raise NewsgraphError(Errors.E079, what="give a SPARQL query or one of --who-met, --visitors-of, --timeline")
    if not args.endpoint and not args.folder:
        raise NewsgraphError(Errors.E079, what="give a build folder (or a store) or --endpoint URL")
    return named, sparql


def _print(text: str) -> None:
    """Write to stdout; a reader that went away (`| head -1`) ends the output quietly."""
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        import os

        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # no second error when Python flushes at exit


def cmd_query(args: argparse.Namespace) -> int:
    named, sparql = _query_arguments(args)
    if args.endpoint:
        from .export import remote

        query = remote.named_question(args.endpoint, *named) if named else sparql or ""
        if args.format == "table":
            from .export.sparql import format_rows

            _print(format_rows(*remote.select(args.endpoint, query)) + "\n")
        else:
            _print(remote.answer_text(args.endpoint, query, args.format))
        return 0
    from .export.store import check_target
    from .export.workers import Job, Limits, ask_once

    check_target(args.folder)
    if args.timeout is not None and not args.timeout > 0:
        from .errors import Errors

        raise NewsgraphError(Errors.E026, option="--timeout", value=args.timeout)
    fmt = "json" if args.format == "table" else args.format
    job = Job(query=sparql or "", named=named, fmt=fmt, allow_service=args.allow_service, select_only=True)
    _, body = ask_once(args.folder, job, Limits(seconds=args.timeout or 60.0))
    if args.format == "table":
        import pyoxigraph as ox

        from .export.sparql import format_rows, rows

        answer = cast(ox.QuerySolutions, ox.parse_query_results(body, ox.QueryResultsFormat.JSON))  # SELECT only
        _print(format_rows(*rows(answer)) + "\n")
    else:
        _print(body.decode("utf-8"))
    return 0


def cmd_load(args: argparse.Namespace) -> int:
    from .export.store import load_into_store

    n = load_into_store(args.folder, args.store)
    print(f"{args.store}: {n} quads")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from .export.server import serve

    def ready(url: str) -> None:
        print(f"SPARQL endpoint: {url} (the union of the named graphs is the default graph); Ctrl-C stops it",
              flush=True)

    serve(args.folder, args.port, verbose=args.verbose, ready=ready)
    return 0


def cmd_view(args: argparse.Namespace) -> int:
    from .errors import Errors
    from .export.html import write_html_from_folder

    if args.max_actors < 1:
        raise NewsgraphError(Errors.E026, option="--max-actors", value=args.max_actors)
    out = write_html_from_folder(args.folder, max_actors=args.max_actors)
    print(f"wrote {out}")
    if not args.no_open:
        import webbrowser

        webbrowser.open(out.resolve().as_uri())
    return 0


def cmd_figure(args: argparse.Namespace) -> int:
    import importlib.util

    from .errors import Errors

    if importlib.util.find_spec("matplotlib") is None:  # before the build, not after
        raise NewsgraphError(Errors.E085, what="`newsgraph figure`", package="matplotlib", extra="figures")
    from .builder import build
    from .export.figure import write_network_figure

    write_network_figure(build(args.inputs), args.out)
    print(f"wrote {args.out}")
    return 0


def cmd_train(args: argparse.Namespace) -> int:
    from .learn.command import train_command

    report = train_command(args.gold, args.texts, args.out, dev=args.dev, curve=args.curve, folds=args.folds,
                           pipeline=args.pipeline, model=args.model,
                           progress=lambda msg: print(f"newsgraph: {msg}", file=sys.stderr))
    print(report)
    return 0


class _StderrHandler(logging.Handler):
    """The library's reports on stderr, as ``newsgraph: error: ...`` or ``newsgraph: note:
    ...``; written to the current ``sys.stderr``, so that the progress bar stays whole."""

    def emit(self, record: logging.LogRecord) -> None:
        kind = "error" if record.levelno >= logging.ERROR else "note"
        print(f"newsgraph: {kind}: {record.getMessage()}", file=sys.stderr)


def _report_logs() -> None:
    logger = logging.getLogger("newsgraph")
    if not any(isinstance(h, _StderrHandler) for h in logger.handlers):
        logger.addHandler(_StderrHandler(logging.WARNING))
    logger.setLevel(logging.WARNING)
    logger.propagate = False


def _parse(argv: list[str] | None) -> argparse.Namespace:
    """The arguments; ``query`` takes its folder and its query on either side of the
    options (argparse alone takes positionals only before the first option)."""
    parser = _parser()
    args, extra = parser.parse_known_args(argv)
    if extra and (args.command != "query" or any(x.startswith("-") and x != "-" for x in extra)):
        parser.error("unrecognized arguments: " + " ".join(extra))
    args.extra = extra
    return args


def main(argv: list[str] | None = None) -> int:
    import warnings

    from .report import InputWarning

    args = _parse(argv)
    _report_logs()
    warnings.simplefilter("ignore", InputWarning)  # the log handler reports each input already
    if args.command is None:
        _parser().print_help()
        return 2
    try:
        return {"build": cmd_build, "watch": cmd_watch, "validate": cmd_validate, "query": cmd_query, "load": cmd_load,
                "serve": cmd_serve, "view": cmd_view, "figure": cmd_figure, "train": cmd_train}[args.command](args)
    except NothingBuilt as e:  # an input failed (or none was found): not a wrong command
        print(f"newsgraph: error: {e}", file=sys.stderr)
        return 1
    except NewsgraphError as e:
        print(f"newsgraph: error: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except Exception as e:  # noqa: BLE001 - a message, not a traceback; NEWSGRAPH_DEBUG=1 shows it
        import os

        if os.environ.get("NEWSGRAPH_DEBUG"):
            raise
        print(f"newsgraph: internal error: {type(e).__name__}: {e}. This is a bug in newsgraph; "
              "run again with NEWSGRAPH_DEBUG=1 for the traceback and report it.", file=sys.stderr)
        return 3


if __name__ == "__main__":
    sys.exit(main())
