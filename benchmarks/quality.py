"""Quality on the development gold, by halves, and a regression check on unannotated text.

    python benchmarks/quality.py --shared ../shared --out out/eval [--baseline FILE]

1. Builds the texts of the development gold and scores them with the kit's ``score.py``:
   the whole, then two halves split by a fixed rule (the sorted gold files, odd and even
   positions; the same split as the ``before-stop`` hook). A rule written while reading
   one half must help on the other.
2. Builds the first 100 French MasakhaNEWS articles (sorted by name) that have no gold
   and prints how many actors, events per PLOVER type and agreements they give; with
   ``--baseline`` (a JSON file this script wrote with ``--save-baseline``), each count
   beside the baseline's and a warning where it moved by more than half.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent


def dev_inputs(shared: Path) -> list[Path]:
    out = subprocess.run([str(shared / "eval" / "bin" / "dev-inputs")], capture_output=True, text=True, check=True)
    return [Path(line) for line in out.stdout.split("\n") if line.strip()]


def halves(gold: Path, tmp: Path) -> list[Path]:
    """Two folders of links to the gold files: odd and even positions of the sorted list."""
    folders = [tmp / "half1", tmp / "half2"]
    for f in folders:
        f.mkdir(parents=True, exist_ok=True)
    for i, g in enumerate(sorted(gold.glob("*.json")), 1):
        (folders[i % 2] / g.name).symlink_to(g.resolve())
    return folders


def score(shared: Path, gold: Path, system: Path) -> str:
    out = subprocess.run([sys.executable, str(shared / "eval" / "score.py"), "--gold", str(gold),
                          "--system", str(system)], capture_output=True, text=True, check=True)
    return out.stdout


def build_jsonl(paths: list[Path], out: Path) -> Path:
    import newsgraph
    from newsgraph.export import write

    kg = newsgraph.build(paths)
    write(kg, out, ["jsonl"])
    return out / "documents.jsonl"


def counts(documents: Path) -> dict[str, int]:
    c: Counter[str] = Counter()
    for line in documents.read_text(encoding="utf-8").split("\n"):
        if not line.strip():
            continue
        d = json.loads(line)
        c["documents"] += 1
        c["actors"] += len(d["actors"])
        c["roles"] += len(d["roles"])
        c["agreements"] += len(d["agreements"])
        c["events"] += len(d["events"])
        for e in d["events"]:
            c[f"events {e['type']}"] += 1
    return dict(sorted(c.items()))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=HERE.parent.parent / "shared")
    ap.add_argument("--out", type=Path, default=HERE.parent / "out" / "eval")
    ap.add_argument("--baseline", type=Path, default=HERE / "regression_baseline.json")
    ap.add_argument("--save-baseline", action="store_true", help="write the counts as the new baseline")
    args = ap.parse_args()
    gold = args.shared / "eval" / "gold" / "dev"
    dev = build_jsonl(dev_inputs(args.shared), args.out / "dev")
    print("Development gold, all documents:")
    print(score(args.shared, gold, dev))
    with tempfile.TemporaryDirectory() as tmp:
        for n, half in enumerate(halves(gold, Path(tmp)), 1):
            print(f"Half {n} ({len(list(half.glob('*.json')))} documents):")
            print("".join(line + "\n" for line in score(args.shared, half, dev).splitlines()
                          if line.split()[:1] and line.split()[0] in ("actors", "roles", "events", "events_untyped",
                                                                     "agreements")))
    annotated = {g.stem for g in gold.glob("*.json")}
    fr = sorted(p for p in (args.shared / "corpus" / "masakhanews" / "fr").glob("*.txt") if p.stem not in annotated)
    now = counts(build_jsonl(fr[:100], args.out / "unannotated"))
    base = json.loads(args.baseline.read_text(encoding="utf-8")) if args.baseline.exists() else {}
    print("Regression check, 100 unannotated French articles (now / baseline):")
    for key in sorted(set(now) | set(base.get("counts", {}))):
        n, b = now.get(key, 0), base.get("counts", {}).get(key)
        flag = "  <- moved by more than half" if b and abs(n - b) > b / 2 or b == 0 and n else ""
        print(f"  {key:20s} {n:6d} / {b if b is not None else '-':>6}{flag}")
    if args.save_baseline:
        args.baseline.write_text(json.dumps({"note": "counts on the first 100 unannotated MasakhaNEWS fr "
                                             "articles", "counts": now}, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {args.baseline}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
