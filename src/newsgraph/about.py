"""Package metadata, and a hash of the installed code (:func:`code_hash`)."""
from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

__version__ = "0.1.0"
__title__ = "newsgraph"
DEFAULT_MODEL = "fr_core_news_md"
DEFAULT_BASE_IRI = "https://newsgraph.example.org/"


#: The parts of the package that make no record: what the graph is made of and how it is
#: written, and the orchestration around them (a writer changed keeps the cache; the
#: parts index of a build folder, :mod:`newsgraph.export.parts`, hashes them as well).
NOT_RECORDS = ("export/", "graph/", "cli.py", "api.py", "builder.py", "engines.py", "cluster.py", "report.py",
               "watch.py")


@lru_cache(maxsize=2)
def code_hash(skip: tuple[str, ...] = ()) -> str:
    """A hash of newsgraph's installed code and data files but those under ``skip``
    (paths relative to the package): a rule changed without a new version number still
    invalidates the cache."""
    root = Path(__file__).resolve().parent
    h = hashlib.sha256()
    for p in sorted(root.rglob("*")):
        rel = p.relative_to(root).as_posix()
        if p.is_file() and p.suffix in {".py", ".tsv", ".txt", ".json"} and "__pycache__" not in p.parts \
                and not rel.startswith(skip):
            h.update(rel.encode() + b"\0" + p.read_bytes() + b"\0")
    return h.hexdigest()
