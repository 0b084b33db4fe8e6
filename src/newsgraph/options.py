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
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .about import DEFAULT_BASE_IRI, DEFAULT_MODEL
from .errors import Errors, NewsgraphError
from .types import PathLike

if TYPE_CHECKING:
    from .cache import DocumentCache

#: Where the per-document work runs (:mod:`newsgraph.engines`).
ENGINES = ("local", "dask")
_ADDRESS = re.compile(r"(?:tcp|tls|ucx|ws|wss)://(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+):\d{1,5}/?")


def _whole(option: str, value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise NewsgraphError(Errors.E026, option=option, value=value)


def check_scheduler(address: object) -> str:
    """``address`` if it reads as a Dask scheduler's (``tcp://HOST:PORT``); else E068.

    >>> check_scheduler("tcp://10.0.0.1:8786")
    'tcp://10.0.0.1:8786'
    >>> check_scheduler("not a url")
    Traceback (most recent call last):
    ...
    newsgraph.errors.NewsgraphError: [E068] --scheduler 'not a url': not an address such as tcp://HOST:8786. Give the address of a running Dask scheduler (tcp://HOST:8786) with --engine dask, or leave --scheduler out.
    """
    if not isinstance(address, str) or not _ADDRESS.fullmatch(address.strip()):
        raise NewsgraphError(Errors.E068, value=repr(address), detail="not an address such as tcp://HOST:8786")
    return address


@dataclass(frozen=True)
class BuildOptions:
    """How to build: the pipeline's ``model`` (a package's name or a saved folder; None:
    a pipeline object is given, or the default), the ``base_iri`` of every IRI, the
    ``batch_size`` spaCy parses together, ``jobs`` workers of the ``engine`` (``dask``:
    on the cluster at ``scheduler``), the per-article ``cache`` (a folder, or a
    :class:`~newsgraph.cache.DocumentCache`), whether to ``add``
    to the build the cache last kept, and whether the RDF keeps the actors' ``mentions``.
    """

    model: PathLike | None = None
    base_iri: str = DEFAULT_BASE_IRI
    batch_size: int = 32
    jobs: int = 1
    engine: str = "local"
    scheduler: str | None = None
    cache: PathLike | DocumentCache | None = None
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
        if self.scheduler is not None:
            if self.engine != "dask":
                raise NewsgraphError(Errors.E068, value=repr(self.scheduler),
                                     detail="it is used only with --engine dask")
            check_scheduler(self.scheduler)
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
