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


def shown(path: PathLike) -> str:
    """A path as text any output can carry: bytes of its name that are not UTF-8 shown
    as ``\\xNN``.

    >>> shown(os.fsdecode(b"caf\\xe9.txt"))
    'caf\\\\xe9.txt'
    """
    try:
        return os.fsencode(str(path)).decode("utf-8", "backslashreplace")
    except UnicodeError:
        return str(path).encode("utf-8", "backslashreplace").decode("utf-8")


def _problem(path: Path, status: Status, template: str, **kw: object) -> InputProblem:
    return InputProblem(shown(path.stem or str(path)), shown(path), status,
                        str(NewsgraphError(template, path=shown(path), **kw)))


def _not_utf8(path: Path) -> str | None:
    """What is not UTF-8 in ``path``'s name, or None."""
    try:
        str(path).encode("utf-8")
        return None
    except UnicodeEncodeError:
        return "a byte that is no UTF-8 character, shown here as \\xNN"


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "not a file"


def _listing(folder: Path) -> list[str] | InputProblem:
    """The names in ``folder``, sorted, or why they cannot be read."""
    try:
        return sorted(e.name for e in os.scandir(folder))
    except FileNotFoundError:
        return _problem(folder, "failed", Errors.E001)
    except OSError as e:  # there, but not readable
        return _problem(folder, "failed", Errors.E078, detail=e.strerror or e)


def _stat(p: Path, given: bool) -> os.stat_result | InputProblem:
    """What the file system says of ``p``, or the problem of a path that gives no file:
    a name that is not UTF-8 (E064), a loop of links or a dangling one (E023), nothing
    there (E001)."""
    bad = _not_utf8(p)
    if bad and (given or not p.name.startswith(".")):
        return _problem(p, "failed", Errors.E064, detail=bad)
    try:
        return os.stat(p)
    except OSError as e:
        if e.errno == errno.ELOOP:
            return _problem(p, "skipped", Errors.E023, detail="a loop of links")
        if os.path.islink(p):
            return _problem(p, "failed", Errors.E023, detail=f"its target {os.readlink(p)} does not exist")
        return _problem(p, "failed", Errors.E001)


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
        st = _stat(p, given)
        if isinstance(st, InputProblem):
            yield st
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
            names = _listing(p)
            if isinstance(names, InputProblem):
                yield names
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


def input_paths(paths: object) -> list[Path]:
    """The paths ``newsgraph.build`` was given, as a list: one path (a string or a
    ``Path``) stands for a list of one; anything else is a coded TypeError.

    >>> input_paths("examples"), input_paths([Path("a.txt"), "b"])
    ([PosixPath('examples')], [PosixPath('a.txt'), PosixPath('b')])
    >>> input_paths(42)
    Traceback (most recent call last):
    ...
    newsgraph.errors.NewsgraphTypeError: [E083] build takes a path (a str or a pathlib.Path) or a list of paths, not a int.
    """
    from ..errors import NewsgraphTypeError

    takes = "a path (a str or a pathlib.Path) or a list of paths"
    if isinstance(paths, (str, os.PathLike)):
        return [Path(paths)]
    if isinstance(paths, (bytes, bytearray)) or not isinstance(paths, Iterable):
        raise NewsgraphTypeError(Errors.E083, function="build", takes=takes, got=f"a {type(paths).__name__}")
    out = []
    for p in paths:
        if not isinstance(p, (str, os.PathLike)):
            raise NewsgraphTypeError(Errors.E083, function="build", takes=takes,
                                     got=f"a list holding a {type(p).__name__} ({p!r:.60})")
        out.append(Path(p))
    return out


def out_inside_input(out: PathLike, paths: Iterable[PathLike]) -> NewsgraphError | None:
    """E082 when the output folder ``out`` is one of the input folders or lies inside
    one (links resolved), else None.

    >>> out_inside_input("/tmp/articles/out", ["/tmp/articles"]).code
    'E082'
    >>> out_inside_input("/tmp/out", ["/tmp/articles", "/tmp/a.txt"]) is None
    True
    """
    real_out = Path(os.path.realpath(out))
    for p in paths:
        real = Path(os.path.realpath(p))
        if real.is_file() or (real.suffix and not real.exists()):
            continue
        if real_out == real or real in real_out.parents:
            return NewsgraphError(Errors.E082, out=out, where="the same folder as" if real_out == real else "inside",
                                  folder=p)
    return None
