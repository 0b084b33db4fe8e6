"""Annotated articles read for training: each gold file of a folder (the kit's FORMAT)
with its text, parsed and prepared (:func:`newsgraph.learn.examples.prepare`)."""
from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from spacy.language import Language

from ..errors import Errors, NewsgraphError
from ..ingest import read
from ..nlp import lexicons_of, parse
from ..records import Article
from ..types import PathLike
from .examples import Prepared, prepare


def gold_files(folder: PathLike) -> list[Path]:
    """The gold files of a folder, in name order."""
    return sorted(Path(folder).glob("*.json"))


def digest(paths: Iterable[Path]) -> str:
    """The SHA-256 of the files' names and bytes, in order: what a model learned from.

    >>> len(digest([]))
    64
    """
    h = hashlib.sha256()
    for p in paths:
        h.update(p.name.encode("utf-8") + b"\0" + p.read_bytes() + b"\0")
    return h.hexdigest()


def text_of(doc_id: str, folders: Sequence[PathLike]) -> Path | None:
    """The text file ``<doc_id>.txt`` in the first of ``folders`` that has it."""
    for folder in folders:
        path = Path(folder) / f"{doc_id}.txt"
        if path.is_file():
            return path
    return None


def read_annotated(gold: PathLike, texts: Sequence[PathLike], nlp: Language,
                   progress: Callable[[str], None] | None = None) -> tuple[list[Prepared], list[Path]]:
    """The prepared articles of a gold folder (those whose text is found) and the text
    files read."""
    golds, paths = [], []
    for g in gold_files(gold):
        annotation = json.loads(g.read_text(encoding="utf-8"))
        path = text_of(str(annotation.get("doc_id") or g.stem), texts)
        if path is not None:
            golds.append(annotation)
            paths.append(path)
    if not paths:
        raise NewsgraphError(Errors.E092, gold=gold, texts=", ".join(map(str, texts)))
    articles = [a for a in read(paths) if isinstance(a, Article)]
    by_id = {str(g.get("doc_id")): g for g in golds}
    lex = lexicons_of(nlp)
    out = []
    for n, (doc, article) in enumerate(parse(nlp, articles), 1):
        if progress and n % 10 == 0:
            progress(f"prepared {n} of {len(articles)} articles")
        out.append(prepare(doc, article, by_id[article.id], lex))
    return out, paths
