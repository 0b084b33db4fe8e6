"""graph.html of a build, checked in headless Chromium as tests/test_browser.py does: the
actors the page ranks first (``LABELLED`` of them) are labelled, no two labels overlap,
and the search finds actors that are not drawn (the page draws them when found).

    python benchmarks/check_graph_page.py OUT_DIR [--search N]

OUT_DIR is a build folder (``newsgraph build ... --out OUT_DIR``); its graph.html is
rewritten from documents.jsonl first (``newsgraph view``). On the 633 French
MasakhaNEWS articles (../shared/corpus/masakhanews/fr) this is the check of issue 22.
"""
from __future__ import annotations

import argparse
import html
import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import quote

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars"]


def page_state(chromium: str, url: str) -> dict:
    with tempfile.TemporaryDirectory() as profile:
        r = subprocess.run([chromium, *FLAGS, f"--user-data-dir={profile}", "--virtual-time-budget=30000",
                            "--window-size=1200,800", "--dump-dom", url], capture_output=True, text=True, timeout=300)
    body = re.search(r"<body([^>]*)>", r.stdout)
    if not body:
        raise SystemExit(f"no page: {r.stderr[-2000:]}")
    attrs = {k: html.unescape(v) for k, v in re.findall(r'data-([\w-]+)="([^"]*)"', body.group(1))}
    attrs["labels"] = json.loads(attrs.get("labels") or "[]")
    return attrs


def apart(labels: list[dict]) -> bool:
    return all(a["x1"] <= b["x0"] or b["x1"] <= a["x0"] or a["y1"] <= b["y0"] or b["y1"] <= a["y0"]
               for i, a in enumerate(labels) for b in labels[i + 1:])


def main() -> int:
    from newsgraph.export.html import LABELLED, view_data, write_html_from_folder
    from newsgraph.export.jsonl import read_documents

    p = argparse.ArgumentParser()
    p.add_argument("folder")
    p.add_argument("--search", type=int, default=5, help="actors not drawn to look for")
    args = p.parse_args()
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    page = write_html_from_folder(args.folder)
    data = view_data(read_documents(Path(args.folder) / "documents.jsonl"))
    top = [n for n in data["nodes"] if n["shown"]][:LABELLED]
    attrs = page_state(chromium, page.resolve().as_uri())
    named = {x["id"] for x in attrs["labels"]}
    missing = [n["label"] for n in top if n["id"] not in named]
    print(f"{data['total_actors']} actors, {data['shown_actors']} drawn; {len(attrs['labels'])} labels; "
          f"the {LABELLED} first labelled: {not missing} {missing or ''}; labels apart: {apart(attrs['labels'])}; "
          f"errors: {attrs.get('errors', '')!r}")
    hidden = [n for n in data["nodes"] if not n["shown"]]
    step = max(1, len(hidden) // max(1, args.search))
    found = 0
    for n in hidden[::step][:args.search]:
        state = page_state(chromium, page.resolve().as_uri() + "#acteur=" + quote(n["label"]))
        ok = state.get("focused") == n["id"] or (state.get("focused") and
                                                  n["label"].lower() in state.get("focused", "").lower())
        found += bool(state.get("focused"))
        print(f"  search {n['label']!r} (not drawn): focused {state.get('focused')!r}, drawn {state.get('revealed')!r}"
              f"{'' if ok else '  <- another actor of that name'}")
    return 0 if not missing and apart(attrs["labels"]) and found == min(args.search, len(hidden[::step])) else 1


if __name__ == "__main__":
    sys.exit(main())
