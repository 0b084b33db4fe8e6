"""Issue 12: the time of a build with --jobs 1 and --jobs 2, of a Dask build with two
local workers, and of adding one article to a built folder, side by side on the same
articles. Prints the figures; asserts nothing (the machine is shared and noisy).

    python benchmarks/bench_scale.py --corpus ../shared/corpus/masakhanews/fr -n 100 [--dask]
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def run(*args: str) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "newsgraph", "build", *args, "-q", "--formats", "jsonl"], check=True)
    return time.perf_counter() - started


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--corpus", required=True)
    p.add_argument("-n", type=int, default=100)
    p.add_argument("--dask", action="store_true", help="also time --engine dask with two local workers")
    args = p.parse_args()
    os.environ["SOURCE_DATE_EPOCH"] = "1700000000"
    files = sorted(Path(args.corpus).iterdir())[: args.n]
    with tempfile.TemporaryDirectory() as tmp:
        t = Path(tmp)
        base, extra = t / "base", t / "extra"
        base.mkdir()
        extra.mkdir()
        for f in files[:-1]:
            (base / f.name).symlink_to(f.resolve())
        (extra / files[-1].name).symlink_to(files[-1].resolve())
        rows = []
        rows.append(("build, --jobs 1", run(str(base), str(extra), "--out", str(t / "j1"), "--no-cache")))
        rows.append(("build, --jobs 2", run(str(base), str(extra), "--out", str(t / "j2"), "--no-cache", "--jobs", "2")))
        if args.dask:
            rows.append(("build, --engine dask (2 local workers)",
                         run(str(base), str(extra), "--out", str(t / "dk"), "--no-cache", "--engine", "dask",
                             "--jobs", "2")))
        rows.append((f"build of {len(files) - 1} with a cache, --jobs 1", run(str(base), "--out", str(t / "inc"))))
        rows.append(("--add 1 article", run("--add", str(extra / files[-1].name), "--out", str(t / "inc"))))
        rows.append((f"rebuild of all {len(files)}, nothing changed", run(str(base), str(extra), "--out", str(t / "inc"))))
        ref = (t / "j1" / "documents.jsonl").read_bytes()
        for name in ("j2", "dk", "inc"):
            if (t / name).exists():
                same = (t / name / "documents.jsonl").read_bytes() == ref
                print(f"documents.jsonl of {name} {'==' if same else '!='} that of --jobs 1")
        full = rows[0][1]
        for label, secs in rows:
            print(f"{label:45s} {secs:7.1f} s  ({secs / full:5.2f} x --jobs 1)")
        shutil.rmtree(t, ignore_errors=True)


if __name__ == "__main__":
    main()
