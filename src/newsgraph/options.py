"""The options of a build, as one typed record checked in one place (:meth:`BuildOptions.check`).

The command line and the Python API (``newsgraph.build``, ``build_texts``) make the same
record, so a bad option is the same coded error from both, raised before any input is
read and before spaCy is imported.

>>> BuildOptions(jobs=2).check().jobs
2
>>> BuildOptions(batch_size=0).check()
Traceback (most recent call last):
...
newsgraph.errors.NewsgraphError: [E026] --batch-size must be a whole number of at least 1, not 0.
"""
from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from pathlib import Path

from .about import DEFAULT_BASE_IRI, DEFAULT_MODEL
from .errors import Errors, NewsgraphError
from .types import PathLike

#: Where the per-document work runs (:mod:`newsgraph.engines`).
ENGINES = ("local", "dask")


def _whole(option: str, value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise NewsgraphError(Errors.E026, option=option, value=value)


@dataclass(frozen=True)
class BuildOptions:
    """How to build: the pipeline's ``model`` (a package's name or a saved folder; None:
    a pipeline object is given, or the default), the ``base_iri`` of every IRI, the
    ``batch_size`` spaCy parses together, ``jobs`` workers of the ``engine`` (``dask``:
    on the cluster at ``scheduler``), the per-article ``cache`` folder, whether to ``add``
    to the build the cache last kept, and whether the RDF keeps the actors' ``mentions``.
    """

    model: PathLike | None = None
    base_iri: str = DEFAULT_BASE_IRI
    batch_size: int = 32
    jobs: int = 1
    engine: str = "local"
    scheduler: str | None = None
    cache: PathLike | None = None
    add: bool = False
    mentions: bool = True

    @property
    def pipeline(self) -> PathLike:
        """The model to load: ``model``, or newsgraph's default."""
        return DEFAULT_MODEL if self.model is None else self.model

    def check(self, *, nlp: object = None) -> BuildOptions:
        """The options, each usable (a coded error otherwise); ``nlp``, a pipeline object
        given besides, excludes ``model``."""
        from .vocab.iris import check_base

        _whole("--batch-size", self.batch_size)
        _whole("--jobs", self.jobs)
        if self.engine not in ENGINES:
            raise NewsgraphError(Errors.E043, known=", ".join(ENGINES), value=self.engine)
        if self.add and self.cache is None:
            raise NewsgraphError(Errors.E044)
        if nlp is not None and self.model is not None:
            raise NewsgraphError(Errors.E053)
        check_base(self.base_iri)
        if nlp is None and not (Path(self.pipeline).is_dir() or _installed(str(self.pipeline))):
            raise NewsgraphError(Errors.E007, model=self.pipeline)
        return self


def _installed(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        return False
