"""A pipeline shared with worker processes on other machines: by name when it is the
package's own, else as the folder it is saved to, checked by the hash of its content
(``newsgraph build --engine dask``)."""
from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from spacy.language import Language

from ..about import DEFAULT_MODEL
from ..errors import Errors, NewsgraphError
from ..types import PathLike
from .pipeline import load, loaded_from


def folder_hash(folder: PathLike) -> str:
    """A hash of every file under ``folder`` (relative path and content)."""
    root = Path(folder)
    h = hashlib.sha256()
    for p in sorted(root.rglob("*")):
        if p.is_file():
            h.update(p.relative_to(root).as_posix().encode("utf-8") + b"\0")
            with p.open("rb") as f:
                for block in iter(lambda: f.read(1 << 20), b""):
                    h.update(block)
            h.update(b"\0")
    return h.hexdigest()


@dataclass(frozen=True)
class PipelineRef:
    """How a worker process finds the pipeline of a build: an installed package by
    ``name``, or a saved ``folder`` whose content has the hash ``digest``.

    A worker never loads a changed pipeline by name: a pipeline other than newsgraph's
    own :func:`load` of a package travels as its saved folder, checked by its hash
    (:func:`share`).
    """

    name: str | None = None
    folder: str | None = None
    digest: str | None = None

    def open(self) -> Language:
        """The pipeline, loaded once per process."""
        if self.folder is None:
            return load(self.name or DEFAULT_MODEL)
        return _open_saved(self.folder, self.digest or "")


@lru_cache(maxsize=2)
def _open_saved(folder: str, digest: str) -> Language:
    if not Path(folder).is_dir():
        raise NewsgraphError(Errors.E051, folder=folder)
    found = folder_hash(folder)
    if found != digest:
        raise NewsgraphError(Errors.E052, folder=folder, found=found[:12], expected=digest[:12])
    return load(folder)


def is_packaged(nlp: Language, model: PathLike | None) -> bool:
    """Whether ``nlp`` is newsgraph's own pipeline of the installed package ``model``,
    unchanged: the object :func:`load` gave, with the package's lexicons."""
    from ..data import default_lexicons
    from .components import lexicons_of

    if model is None or Path(model).is_dir() or loaded_from(nlp) != os.fspath(model):
        return False
    lexicons = lexicons_of(nlp)
    return lexicons is default_lexicons(lexicons.lang)


def share(nlp: Language, model: PathLike | None, folder: PathLike) -> PipelineRef:
    """What worker processes on other machines load: ``model`` by name when ``nlp`` is
    newsgraph's own pipeline of that package (:func:`is_packaged`); the folder ``model``
    names when ``nlp`` was loaded from it; else ``nlp`` saved under ``folder`` (in a
    subfolder named by its hash), each checked by the hash of its content."""
    if model is not None and is_packaged(nlp, model):
        return PipelineRef(name=os.fspath(model))
    if model is not None and Path(model).is_dir() and loaded_from(nlp) == os.fspath(model):
        saved = Path(model).resolve()
        return PipelineRef(folder=str(saved), digest=folder_hash(saved))
    base = Path(folder)
    base.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".pipeline-", dir=base))
    try:
        nlp.to_disk(staging)
        digest = folder_hash(staging)
        target = base / digest[:32]
        if target.is_dir() and folder_hash(target) == digest:
            shutil.rmtree(staging)
        else:
            shutil.rmtree(target, ignore_errors=True)
            os.replace(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return PipelineRef(folder=str(target.resolve()), digest=digest)
