"""Issue 12, memory: the peak RSS of a build with every output written, and what the
build still holds once its files are written, at two corpus sizes side by side.

    python benchmarks/bench_memory.py --corpus ../shared/corpus/masakhanews/fr -n 633 --copies 1 3

Each size is measured in a fresh process (``--one``). A size of ``n x k`` is the first
``n`` articles of the corpus ``k`` times, each copy under other file names (so other
document ids, named graphs and article IRIs): the NIF spans, mentions and named graphs
grow ``k`` times, but the actors and the events linked across articles are those of the
``n`` articles (a copy names the same actors and reports the same events), so the
cross-document tables do not grow as they would with ``k x n`` different articles.

Each process first builds and writes two articles (loading the model, the lexicons and
every writer's modules). Printed per size: peak RSS of the process (``ru_maxrss``), RSS
after that warm-up, once the graph is built (before export: the records of every
article, per article), after export, and the RSS the export leaves held, per article
(after ``gc.collect()`` and glibc's ``malloc_trim``, so that freed memory is given back).
``--trace`` also runs ``tracemalloc`` over the export alone: the Python memory the
export allocated and still holds (per article) and its peak. The figures vary with the
machine and its load; nothing is asserted here.
"""
from __future__ import annotations

import argparse
import ctypes
import gc
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def rss_mb() -> float:
    """The resident set size now, in MB (Linux ``/proc/self/statm``)."""
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def settle_memory() -> None:
    """Collect garbage and give freed heap pages back to the system (glibc)."""
    gc.collect()
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass


def corpus(src: Path, n: int, copies: int, into: Path) -> Path:
    """A folder holding the first ``n`` ``.txt`` files of ``src``, ``copies`` times (copied:
    newsgraph reads a file that several links point to once)."""
    files = sorted(src.glob("*.txt"))[:n]
    for k in range(copies):
        for f in files:
            (into / (f"c{k}-{f.name}" if copies > 1 else f.name)).write_bytes(f.read_bytes())
    return into


def one(args: argparse.Namespace) -> dict:
    import newsgraph
    from newsgraph.export import DEFAULT_FORMATS, write

    formats = args.formats.split(",") if args.formats else list(DEFAULT_FORMATS)
    with tempfile.TemporaryDirectory() as warm:  # the model, the lexicons, every writer's imports
        (Path(warm) / "in").mkdir()  # the output beside the inputs, not among them (E082)
        write(newsgraph.build([corpus(args.corpus, 2, 1, Path(warm) / "in")]), Path(warm) / "out", formats)
    settle_memory()
    rss_warm = rss_mb()
    with tempfile.TemporaryDirectory() as tmp:
        folder = corpus(args.corpus, args.n, args.copies, Path(tmp))
        t0 = time.perf_counter()
        kg = newsgraph.build([folder], batch_size=args.batch_size)
        t_build = time.perf_counter() - t0
        docs = len(kg.documents)
        settle_memory()
        rss_built, peak_built = rss_mb(), peak_mb()
        tracing = args.trace
        if tracing:
            import tracemalloc

            tracemalloc.start()
        with tempfile.TemporaryDirectory() as tmp_out:
            out = args.keep or tmp_out
            t1 = time.perf_counter()
            write(kg, out, formats)
            t_export = time.perf_counter() - t1
            sizes = {p.name: p.stat().st_size for p in Path(out).iterdir() if p.is_file()}
        settle_memory()
        result = {
            "articles": f"{args.n} x {args.copies}", "documents": docs,
            "build_s": round(t_build, 1), "export_s": round(t_export, 1),
            "peak_rss_mb": round(peak_mb(), 1), "peak_rss_before_export_mb": round(peak_built, 1),
            "rss_warm_mb": round(rss_warm, 1), "rss_built_mb": round(rss_built, 1),
            "rss_after_export_mb": round(rss_mb(), 1),
            "built_graph_mb_per_article": round((rss_built - rss_warm) / max(docs, 1), 4),
            "held_after_export_mb_per_article": round((rss_mb() - rss_built) / max(docs, 1), 4),
            "kg_cache_keys": sorted(kg.views),
            "graph_nq_mb": round(sizes.get("graph.nq", 0) / 2**20, 1),
        }
        if tracing:
            held, peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()
            result["traced_held_after_export_mb_per_article"] = round(held / 2**20 / max(docs, 1), 4)
            result["traced_export_peak_mb"] = round(peak / 2**20, 1)
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", required=True, type=Path)
    ap.add_argument("-n", type=int, default=633, help="articles of the corpus (first n in name order)")
    ap.add_argument("--copies", type=int, nargs="+", default=[1, 3], help="sizes: n x each of these")
    ap.add_argument("--formats", default="", help="comma-separated (default: every default output)")
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--trace", action="store_true", help="tracemalloc over the export")
    ap.add_argument("--keep", default="", help="write the build into this folder (one size only)")
    ap.add_argument("--one", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1700000000")
    if args.one:
        args.copies = args.copies[0]
        print(json.dumps(one(args)), flush=True)
        return
    results = []
    for k in args.copies:
        cmd = [sys.executable, __file__, "--one", "--corpus", str(args.corpus), "-n", str(args.n),
               "--copies", str(k), "--batch-size", str(args.batch_size)]
        cmd += ["--formats", args.formats] if args.formats else []
        cmd += ["--trace"] if args.trace else []
        cmd += ["--keep", args.keep] if args.keep else []
        out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
        results.append(json.loads(out.strip().splitlines()[-1]))
        print(json.dumps(results[-1], indent=2), flush=True)
    if len(results) > 1:
        first, last = results[0], results[-1]
        print(f"peak RSS {last['articles']} / {first['articles']}: "
              f"{last['peak_rss_mb'] / first['peak_rss_mb']:.3f}")


if __name__ == "__main__":
    main()
