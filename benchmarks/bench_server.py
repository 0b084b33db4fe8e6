"""A bounded load test of ``newsgraph serve`` on 127.0.0.1 (issue 21).

    newsgraph build ../shared/corpus/masakhanews/fr --out /tmp/b633 -q
    python benchmarks/bench_server.py /tmp/b633 [--clients 20] [--questions 50]

Starts ``newsgraph serve DIR --port 0``; ``--clients`` threads each ask ``--questions``
named questions over HTTP, as ``newsgraph query --endpoint`` asks them (the actor's IRIs
by name, then the question: two requests), mixing who-met, visitors-of and timeline over
the actors of the build with most events and the states of the issue (Russie, Ukraine,
France...). It prints the errors, the latency of a question (p50, p99, max), the peak
memory of the server (its process and its workers, sampled every 0.1 s), whether the
server process is the one started (no restart); then asks a query nested 2,500 deep (a
coded error expected) and a plain one after it. Before the load, each question is
timed alone for every actor asked (the slowest is printed). Times are printed, never
asserted.
"""
from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import psutil

from newsgraph.errors import NewsgraphError
from newsgraph.export import remote

STATES = ["Russie", "Ukraine", "France", "Mali", "Chine", "États-Unis", "Niger", "Burkina Faso"]
KEYS = ["who_met", "visitors_of", "timeline"]


def busiest_actors(folder: Path, n: int) -> list[str]:
    """The names of the ``n`` actors with most events in documents.jsonl."""
    events: Counter = Counter()
    names: dict[str, str] = {}
    with (folder / "documents.jsonl").open(encoding="utf-8") as f:
        for line in f:
            doc = json.loads(line)
            iri = {a["id"]: a["iri"] for a in doc["actors"]}
            for a in doc["actors"]:
                names.setdefault(a["iri"], a["name"])
            for e in doc["events"]:
                for x in (e.get("source"), e.get("target")):
                    if x in iri:
                        events[iri[x]] += 1
    return [names[i] for i, _ in events.most_common(n)]


def ask(url: str, key: str, name: str) -> float:
    t = time.perf_counter()
    remote.select(url, remote.named_question(url, key, name))
    return time.perf_counter() - t


def memory(pid: int) -> int:
    try:
        root = psutil.Process(pid)
        return sum(p.memory_info().rss for p in [root, *root.children(recursive=True)])
    except psutil.Error:
        return 0


def serve(folder: Path) -> tuple[subprocess.Popen, str]:
    proc = subprocess.Popen([sys.executable, "-m", "newsgraph", "serve", str(folder), "--port", "0"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    line = proc.stdout.readline()
    if "http://" not in line:
        raise SystemExit(f"serve did not start: {proc.stderr.read()}")
    return proc, next(w for w in line.split() if w.startswith("http://"))


def percentile(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def main() -> None:
    a = argparse.ArgumentParser()
    a.add_argument("folder", type=Path)
    a.add_argument("--clients", type=int, default=20)
    a.add_argument("--questions", type=int, default=50)
    a.add_argument("--actors", type=int, default=20)
    args = a.parse_args()
    actors = list(dict.fromkeys(STATES + busiest_actors(args.folder, args.actors)))
    proc, url = serve(args.folder)
    pid = proc.pid
    try:
        alone = {(k, n): ask(url, k, n) for k in KEYS for n in actors}
        (k, n), worst = max(alone.items(), key=lambda x: x[1])
        print(f"{len(alone)} questions asked alone ({len(actors)} actors): slowest {worst:.3f} s ({k} {n}), "
              f"median {percentile(list(alone.values()), 50):.3f} s")
        rng = random.Random(21)
        plans = [[(rng.choice(KEYS), rng.choice(actors)) for _ in range(args.questions)] for _ in range(args.clients)]
        times: list[float] = []
        errors: list[str] = []
        peak = [0]
        done = threading.Event()

        def sample() -> None:
            while not done.wait(0.1):
                peak[0] = max(peak[0], memory(pid))

        def client(plan) -> None:
            for key, name in plan:
                try:
                    times.append(ask(url, key, name))
                except NewsgraphError as e:
                    errors.append(str(e)[:200])

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        started = time.perf_counter()
        threads = [threading.Thread(target=client, args=(p,)) for p in plans]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall = time.perf_counter() - started
        done.set()
        sampler.join()
        same = proc.poll() is None and psutil.Process(pid).pid == pid
        print(f"{args.clients} clients x {args.questions} questions: {len(times)} answered, {len(errors)} errors "
              f"in {wall:.1f} s ({len(times) / wall:.1f} questions/s)")
        if errors:
            print("  errors:", Counter(errors).most_common(3))
        print(f"  latency of a question: p50 {percentile(times, 50):.3f} s, p99 {percentile(times, 99):.3f} s, "
              f"max {max(times):.3f} s")
        print(f"  server memory (process and workers), peak: {peak[0] / 2**20:.0f} MB; "
              f"same server process all along: {same}")
        deep = "SELECT * WHERE " + "{" * 2500 + " ?s ?p ?o " + "}" * 2500
        try:
            remote.select(url, deep)
            print("  2,500-deep query: answered (unexpected)")
        except NewsgraphError as e:
            print(f"  2,500-deep query: {str(e)[:160]}")
        n = remote.select(url, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")[1][0][0]
        print(f"  then a plain query: {n} quads; server still up: {proc.poll() is None}")
    finally:
        proc.terminate()
        proc.wait(timeout=30)


if __name__ == "__main__":
    main()
