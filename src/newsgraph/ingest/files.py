"""Finding the input files: folders walked in name order, symbolic links followed once,
and every path that gives no file (missing, a dangling link, a loop of links, a FIFO,
newsgraph's own outputs) reported as an :class:`InputProblem`, never dropped silently.
"""
from __future__ import annotations

import errno
import json
import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import Errors, NewsgraphError
from ..records import InputProblem
from ..types import PathLike, Status

#: Files of a build folder that newsgraph writes and could otherwise read as input.
OUTPUT_NAMES = frozenset({"manifest.json", "documents.jsonl", "graph.html"})


@dataclass(frozen=True)
class InputFile:
    """A file to read: its path as found, and its path relative to the folder given
    (its name for a file given by name)."""

    path: Path
    rel: str


def build_manifest(folder: Path) -> dict | None:
    """The manifest of a newsgraph build folder, or None when ``folder`` is not one.

    >>> build_manifest(Path("/nonexistent")) is None
    True
    """
    try:
        data = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):
        return None
    if isinstance(data, dict) and isinstance(data.get("build"), dict) and data["build"].get("software") == "newsgraph":
        return data
    return None


def _written_by_newsgraph(path: Path, manifests: dict[Path, dict | None]) -> bool:
    """Whether ``path`` is a file of a build folder: its manifest, documents, page, or a
    file its manifest lists (``manifests`` caches the folders' manifests)."""
    for folder in (path.parent, path.parent.parent):
        if folder not in manifests:
            manifests[folder] = build_manifest(folder)
        manifest = manifests[folder]
        if manifest is not None:
            rel = path.relative_to(folder).as_posix()
            return rel in OUTPUT_NAMES or rel in (manifest["build"].get("files") or [])
    return False


def _problem(path: Path, status: Status, template: str, **kw: object) -> InputProblem:
    return InputProblem(path.stem or str(path), str(path), status, str(NewsgraphError(template, path=path, **kw)))


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "not a file"


def walk(paths: Iterable[PathLike], exclude: Iterable[PathLike] = ()) -> Iterator[InputFile | InputProblem]:
    """Every file under ``paths`` (folders recursively, in name order, hidden names left
    out), and a problem for each path that gives none. Nothing under ``exclude`` is
    visited; a folder or file reached twice (through links) is read once.
    """
    excluded = {os.path.realpath(x) for x in exclude}
    seen: dict[tuple[int, int], Path] = {}
    manifests: dict[Path, dict | None] = {}

    def inside_excluded(real: str) -> bool:
        return any(real == x or real.startswith(x.rstrip(os.sep) + os.sep) for x in excluded)

    def visit(p: Path, rel: str, given: bool, ancestors: tuple[tuple[int, int], ...]):
        try:
            st = os.stat(p)
        except OSError as e:
            if e.errno == errno.ELOOP:
                yield _problem(p, "skipped", Errors.E023, detail="a loop of links")
            elif os.path.islink(p):
                yield _problem(p, "failed", Errors.E023, detail=f"its target {os.readlink(p)} does not exist")
            else:
                yield _problem(p, "failed", Errors.E001)
            return
        if inside_excluded(os.path.realpath(p)):
            if given:
                yield _problem(p, "skipped", Errors.E024, what="the output folder or a file in it")
            return
        key = (st.st_dev, st.st_ino)
        if key in ancestors:
            yield _problem(p, "skipped", Errors.E023, detail=f"it leads back to {seen.get(key, p)}")
            return
        if key in seen:
            yield _problem(p, "skipped", Errors.E032, first=seen[key])
            return
        if stat.S_ISDIR(st.st_mode):
            seen[key] = p
            if build_manifest(p) is not None:
                yield _problem(p, "skipped", Errors.E024, what="a build folder")
                return
            try:
                names = sorted(e.name for e in os.scandir(p))
            except OSError:
                yield _problem(p, "failed", Errors.E001)
                return
            for name in names:
                if not name.startswith("."):
                    yield from visit(p / name, f"{rel}/{name}" if rel else name, False, ancestors + (key,))
        elif stat.S_ISREG(st.st_mode):
            seen[key] = p
            if _written_by_newsgraph(p, manifests):
                yield _problem(p, "skipped", Errors.E024, what="a file")
            else:
                yield InputFile(p, rel or p.name)
        else:
            yield _problem(p, "failed" if given else "skipped", Errors.E022, kind=_kind(st.st_mode))

    for path in paths:
        p = Path(path)
        yield from visit(p, "", True, ())
