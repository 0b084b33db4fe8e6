"""Issue 20, incremental: the time of a full build of a folder, of ``build --add`` of one
new article to it, and of a ``newsgraph watch`` round that adds one, all with every
output. Prints the figures; asserts nothing (the machine is shared).

    python benchmarks/bench_add.py --corpus ../shared/corpus/masakhanews/fr -n 633 --repeats 2

The full build is a fresh ``newsgraph build`` process with its own cache folder (so
that every article is parsed). Each ``--add`` is a fresh process on a copy of that
build folder, adding an article the cache does not know (the last article of the corpus
with a sentence of its own appended, under a new name): it parses that one, reads the
others from the cache, links them all and writes every file (copying the parts of the
articles that did not change). The watch rounds run in this process: the pipeline
loaded, a first round from the same cache, then rounds that each add one such article.
"""
from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def run(args: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds of one ``newsgraph`` process (and the processes it waited for)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "newsgraph", *args, "-q"], check=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime


def new_article(template: Path, folder: Path, n: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"zz-added-{n}.txt"
    path.write_text(template.read_text(encoding="utf-8") + f"\nMise à jour numéro {n} : la visite est reportée.\n",
                    encoding="utf-8")
    return path


def watch_rounds(folder: Path, out: Path, cache: Path, template: Path, rounds: int) -> None:
    from newsgraph.export import DEFAULT_FORMATS
    from newsgraph.options import BuildOptions
    from newsgraph.watch import KeptCache, Watch

    started = time.perf_counter()
    options = BuildOptions(cache=KeptCache(cache, listing=out / "manifest.json")).check()
    w = Watch(folder, out, options, list(DEFAULT_FORMATS))
    print(f"watch: pipeline loaded in {time.perf_counter() - started:.2f} s", flush=True)
    for n in range(rounds + 1):
        if n:
            new_article(template, folder, 100 + n)
        t, c = time.perf_counter(), time.process_time()
        done = w.round()
        assert done is not None
        print(f"watch round {n} ({'first, from the cache' if not n else 'one article added'}): wall "
              f"{time.perf_counter() - t:.2f} s, cpu {time.process_time() - c:.2f} s, {done.documents} documents",
              flush=True)


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--corpus", required=True)
    p.add_argument("-n", type=int, default=633)
    p.add_argument("--repeats", type=int, default=2)
    args = p.parse_args()
    os.environ["SOURCE_DATE_EPOCH"] = "1700000000"
    files = sorted(Path(args.corpus).glob("*.txt"))
    template, files = files[-1], files[: args.n]
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        folder, cache = root / "in", root / "cache"
        folder.mkdir()
        for f in files:
            shutil.copy(f, folder / f.name)
        full = run(["build", str(folder), "--out", str(root / "full"), "--cache", str(cache)])
        print(f"full build of {len(files)} articles: wall {full[0]:.1f} s, cpu {full[1]:.1f} s", flush=True)
        for r in range(args.repeats):
            out = root / f"add{r}"
            shutil.copytree(root / "full", out, copy_function=shutil.copy2)
            added = new_article(template, root / f"new{r}", r)
            wall, cpu = run(["build", "--add", str(added), "--out", str(out), "--cache", str(cache)])
            print(f"build --add of one article: wall {wall:.1f} s, cpu {cpu:.1f} s = {100 * wall / full[0]:.1f} % of "
                  f"the full build's wall time", flush=True)
        watch_rounds(folder, root / "watched", cache, template, args.repeats)


if __name__ == "__main__":
    main()
