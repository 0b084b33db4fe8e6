"""How long the named questions and the README's queries take on a build folder.

    newsgraph build ../shared/corpus/masakhanews/fr --out /tmp/b633 -q
    python benchmarks/bench_queries.py /tmp/b633 [--before] [--timeout 60]

For each question it prints the time of ``newsgraph query DIR ...`` as a command (start-up
included) and in-process (store opened, name resolved, every row read). ``--before`` adds
the way it was done before: ``graph.nq`` parsed into memory and the name matched by a
case-insensitive FILTER inside the question, each in a process stopped after
``--timeout`` seconds. Times are printed, never asserted.
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

NAMES = ("Mali", "france", "Emmanuel Macron")
README = {
    "countries": "SELECT ?n WHERE { ?a a <https://schema.org/Country> ; <https://schema.org/name> ?n }",
    "count": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
}
_BEFORE = """
import sys, time
from newsgraph.export.sparql import select
from newsgraph.export.store import load_store
from newsgraph.vocab.queries import FORMER, NAMED
t = time.perf_counter()
store = load_store(sys.argv[1])
q = FORMER[sys.argv[2]]
rows = select(store, q, name=sys.argv[3])[1]
print(len(rows), time.perf_counter() - t)
"""


def _command(args: list[str], timeout: float) -> tuple[float, str]:
    t = time.perf_counter()
    try:
        r = subprocess.run(args, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return float("inf"), ""
    if r.returncode:
        raise SystemExit(f"{' '.join(args)} failed: {r.stderr}")
    return time.perf_counter() - t, r.stdout


def _in_process(folder: Path, key: str | None, arg: str) -> tuple[float, int]:
    from newsgraph.export.sparql import named_question, solutions
    from newsgraph.export.store import names_of, open_store

    t = time.perf_counter()
    store = open_store(folder)
    result = named_question(store, key, arg, names_of(folder)) if key else solutions(store, arg)
    n = sum(1 for _ in result)
    return time.perf_counter() - t, n


def _fmt(seconds: float, timeout: float) -> str:
    return f"> {timeout:.0f} s" if seconds == float("inf") else f"{seconds:.2f} s"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("folder", type=Path)
    ap.add_argument("--before", action="store_true", help="also time the former way (graph.nq, FILTER)")
    ap.add_argument("--timeout", type=float, default=60.0)
    args = ap.parse_args()
    cli = [sys.executable, "-m", "newsgraph", "query", str(args.folder)]
    print(f"{'question':34} {'rows':>5} {'in-process':>11} {'command':>9}" + ("  before" if args.before else ""))
    cases = [(k, n) for k in ("who_met", "visitors_of", "timeline") for n in NAMES]
    cases += [(None, q) for q in README]
    for key, arg in cases:
        label = f"--{key.replace('_', '-')} {arg}" if key else f"README: {arg}"
        sparql = README.get(arg, arg)
        seconds, n = _in_process(args.folder, key, sparql)
        flag = [f"--{key.replace('_', '-')}", arg, "--format", "csv"] if key else [sparql, "--format", "csv"]
        wall, _ = _command(cli + flag, args.timeout)
        line = f"{label:34} {n:5d} {seconds:10.3f}s {_fmt(wall, args.timeout):>9}"
        if args.before and key:
            before, out = _command([sys.executable, "-c", _BEFORE, str(args.folder), key, arg], args.timeout)
            line += f"  {_fmt(before, args.timeout)}" + (f" ({out.split()[0]} rows)" if out else "")
        print(line, flush=True)


if __name__ == "__main__":
    main()
