"""Issue 20: the time of a build with ``--jobs 1``, ``--jobs 2`` and ``--engine dask``
(two local workers) on the same articles, runs alternated, with the CPU time they took,
and whether their outputs are the same bytes. Prints the figures; asserts nothing (the
machine is shared: each run says how many cores a probe got just before it).

    python benchmarks/bench_scale.py --corpus ../shared/corpus/masakhanews/fr -n 200 --repeats 3
    python benchmarks/bench_scale.py ... --modes j1,j2,dask --formats jsonl

Each run is a fresh ``newsgraph build ... --no-cache`` process (``SOURCE_DATE_EPOCH`` set,
so that the outputs of two builds can be the same bytes); its CPU time is that of the
process and every process it waited for (its workers, the Dask cluster's). The runs go
j1, j2, dask, j1, j2, dask...; the speed-up of a mode is the ratio of the medians, and its
spread the lowest and highest ratio of the runs of one round.
"""
from __future__ import annotations

import argparse
import filecmp
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

MODES = {"j1": ["--jobs", "1"], "j2": ["--jobs", "2"], "dask": ["--engine", "dask", "--jobs", "2"]}


def _spin(seconds: float) -> None:
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        pass


def cores(seconds: float = 0.5) -> float:
    """How many cores two spinning processes got just now (2.0 on a quiet two-core machine)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    procs = [subprocess.Popen([sys.executable, "-c", f"import time\nt=time.perf_counter()\nwhile time.perf_counter()-t<{seconds}: pass"])
             for _ in range(2)]
    for p in procs:
        p.wait()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime) / seconds


def build(folder: Path, out: Path, mode: str, formats: str) -> tuple[float, float]:
    """Wall and CPU seconds of one build."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "newsgraph", "build", str(folder), "--out", str(out), "--no-cache", "-q",
                    "--formats", formats, *MODES[mode]], check=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime


def same_files(a: Path, b: Path) -> bool:
    """Whether two build folders hold the same bytes, the manifest apart (it says how the
    build ran) and the store's database files apart (compare its quads instead)."""
    files = sorted(p.relative_to(a) for p in a.rglob("*") if p.is_file() and p.name != "manifest.json"
                   and "store" not in p.relative_to(a).parts and not p.name.startswith(".newsgraph"))
    return all(filecmp.cmp(a / f, b / f, shallow=False) for f in files) and bool(files)


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--corpus", required=True)
    p.add_argument("-n", type=int, default=200)
    p.add_argument("--repeats", type=int, default=3)
    p.add_argument("--modes", default="j1,j2,dask")
    p.add_argument("--formats", default="jsonl")
    args = p.parse_args()
    os.environ["SOURCE_DATE_EPOCH"] = "1700000000"
    modes = args.modes.split(",")
    files = sorted(Path(args.corpus).glob("*.txt"))[: args.n]
    runs: dict[str, list[tuple[float, float, float]]] = {m: [] for m in modes}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        folder.mkdir()
        for f in files:
            (folder / f.name).symlink_to(f.resolve())
        print(f"{len(files)} articles, {sum(f.stat().st_size for f in files) / 1e6:.2f} MB; formats {args.formats}")
        for r in range(args.repeats):
            for mode in modes:
                got = cores()
                wall, cpu = build(folder, Path(tmp) / mode, mode, args.formats)
                runs[mode].append((wall, cpu, got))
                print(f"round {r + 1} {mode:5s} wall {wall:6.1f} s  cpu {cpu:6.1f} s  (cores free before: {got:.2f})",
                      flush=True)
        for mode in modes[1:]:
            same = same_files(Path(tmp) / modes[0], Path(tmp) / mode)
            print(f"outputs of {mode} {'==' if same else '!='} those of {modes[0]} (every file but the manifest)")
    base = statistics.median(w for w, _, _ in runs[modes[0]])
    for mode in modes:
        walls = [w for w, _, _ in runs[mode]]
        cpus = [c for _, c, _ in runs[mode]]
        med = statistics.median(walls)
        pairs = [a[0] / b[0] for a, b in zip(runs[modes[0]], runs[mode])]
        print(f"{mode:5s} wall median {med:6.1f} s (runs {min(walls):.1f}-{max(walls):.1f}), cpu median "
              f"{statistics.median(cpus):6.1f} s; {base / med:4.2f}x {modes[0]} (rounds {min(pairs):.2f}-{max(pairs):.2f})")


if __name__ == "__main__":
    main()
