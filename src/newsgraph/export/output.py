"""Writing a build folder so that it always holds one complete build.

- **A lock** (``.newsgraph.lock``, ``flock``): one process writes into a folder at a
  time; another one fails at once with a coded error naming the holder's pid. The
  kernel drops the lock when its process dies, even by ``kill -9``.
- **Staging**: every writer writes under ``.newsgraph-staging/`` inside the folder
  (the same file system, so that a rename is atomic). A failed write (a full disk...)
  is a coded error naming the file; nothing has been put in place.
- **Commit**: once every file is complete and synced, a journal
  (``.newsgraph-commit.json``) lists the renames and the stale files of the previous
  build to remove; the files are renamed into place, the stale ones removed, the
  manifest renamed last, and the journal removed. A process killed in between leaves
  the journal, and the next newsgraph command that opens the folder finishes the
  commit (:func:`settle`) before it reads anything.

>>> import tempfile
>>> with tempfile.TemporaryDirectory() as d:
...     with staged(d) as stage:
...         with open_output(stage.path("tables/a.csv")) as f:
...             _ = f.write(b"un")
...         _ = stage.commit()
...     sorted(p.relative_to(d).as_posix() for p in Path(d).rglob("*"))
['.newsgraph.lock', 'tables', 'tables/a.csv']
"""
from __future__ import annotations

import io
import json
import logging
import os
import re
import shutil
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from ..errors import Errors, NewsgraphError
from ..types import PathLike

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: no lock, the rest holds
    fcntl = None  # type: ignore[assignment]

LOCK = ".newsgraph.lock"
STAGING = ".newsgraph-staging"
JOURNAL = ".newsgraph-commit.json"
MANIFEST = "manifest.json"
#: A file of the store folder (RocksDB's: CURRENT, MANIFEST-000005, 000010.sst...).
_STORE_FILE = re.compile(r"store/[A-Za-z0-9][A-Za-z0-9._-]{0,99}")
#: A journal larger than this is not one newsgraph wrote (a few hundred names).
MAX_JOURNAL = 1 << 20
log = logging.getLogger(__name__)

#: folder (real path) -> [lock file descriptor, depth]: the lock is re-entrant in a process
_held: dict[str, list[int]] = {}


class _Output(io.BufferedIOBase):
    """A binary file whose write errors name the file (``OSError.filename``)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._f = _open(path)

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        try:
            self._f.write(data)
        except OSError as e:
            e.filename = e.filename or str(self.path)
            raise
        return len(data)

    def flush(self) -> None:
        if self._f.closed:
            return
        try:
            self._f.flush()
        except OSError as e:
            e.filename = e.filename or str(self.path)
            raise

    def close(self) -> None:
        if not self.closed:
            try:
                self.flush()
                os.fsync(self._f.fileno())
            except OSError as e:
                e.filename = e.filename or str(self.path)
                raise
            finally:
                self._f.close()
                super().close()


def _open(path: Path):
    """The one place an output file is opened (tests replace it to fill the disk)."""
    return open(path, "wb")  # noqa: SIM115 - closed by _Output


def open_output(path: PathLike) -> io.BufferedIOBase:
    """A binary file to write one output into; synced to disk when closed."""
    return _Output(Path(path))


def _holder(lock: Path) -> str:
    try:
        return lock.read_text(encoding="ascii").strip() or "unknown"
    except (OSError, UnicodeDecodeError):
        return "unknown"


@contextmanager
def locked(folder: PathLike, *, wait: bool = False) -> Iterator[Path]:
    """Hold the folder's lock (creating the folder); raise E028 if another process holds
    it, or wait for it with ``wait``."""
    out = Path(folder)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise NewsgraphError(Errors.E029, path=out) from None
    except OSError as e:
        raise NewsgraphError(Errors.E027, path=out, detail=e.strerror or e, folder=out) from e
    key = os.path.realpath(out)
    if key in _held:
        _held[key][1] += 1
        try:
            yield out
        finally:
            _held[key][1] -= 1
        return
    lock = out / LOCK
    try:
        fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as e:
        raise NewsgraphError(Errors.E027, path=lock, detail=e.strerror or e, folder=out) from e
    try:
        if fcntl is not None:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
            except BlockingIOError:
                raise NewsgraphError(Errors.E028, pid=_holder(lock), folder=out) from None
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode("ascii"))
        _held[key] = [fd, 1]
        try:
            yield out
        finally:
            del _held[key]
    finally:
        os.close(fd)  # releases the lock


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def ours(rel: object) -> bool:
    """Whether ``rel`` is one of the names a build writes, relative to its folder: the
    closed set of :func:`newsgraph.export.registry.output_files` and the files of ``store/``.
    Nothing else is renamed or removed, whatever a journal or a manifest says.

    >>> ours("graph.nq"), ours("tables/events.csv"), ours("store/000010.sst")
    (True, True, True)
    >>> ours("../x"), ours("/etc/passwd"), ours("store/../../x"), ours("notes.txt")
    (False, False, False, False)
    """
    from .registry import output_files

    return isinstance(rel, str) and (rel in output_files() - {"store"} or _STORE_FILE.fullmatch(rel) is not None)


def inside(out: Path, rel: str) -> bool:
    """Whether ``out/rel`` lies inside ``out`` once links are followed: its folder is
    ``out`` or under it (a ``tables`` that links to another folder is not)."""
    root = os.path.realpath(out)
    parent = os.path.realpath(os.path.join(root, os.path.dirname(rel)))
    return parent == root or parent.startswith(root + os.sep)


def check_journal(out: Path, journal: object) -> dict:
    """The journal, once every name in it is one a build writes (:func:`ours`) and lies
    inside ``out``; else E060, before anything is renamed or removed."""
    path = out / JOURNAL
    if not isinstance(journal, dict) or not isinstance(journal.get("renames"), list) \
            or not isinstance(journal.get("remove", []), list):
        raise NewsgraphError(Errors.E060, path=path, detail="not an object with lists \"renames\" and \"remove\"")
    for rel in [*journal["renames"], *journal.get("remove", [])]:
        if not ours(rel):
            raise NewsgraphError(Errors.E060, path=path, detail=f"{json.dumps(rel)[:200]} is no file newsgraph writes")
        if not inside(out, rel):
            raise NewsgraphError(Errors.E060, path=path, detail=f"{rel} leads out of the folder")
    if (out / STAGING).is_symlink():
        raise NewsgraphError(Errors.E060, path=path, detail=f"{STAGING} is a link")
    return journal


def read_journal(out: Path) -> dict:
    """The commit journal of ``out``, checked (:func:`check_journal`); E060 when it is
    not one newsgraph wrote (too big, not UTF-8, not JSON, too deep, other names)."""
    path = out / JOURNAL
    try:
        with path.open("rb") as f:
            raw = f.read(MAX_JOURNAL + 1)
        if len(raw) > MAX_JOURNAL:
            raise ValueError("larger than any journal newsgraph writes")
        journal = json.loads(raw.decode("utf-8"))
    except (OSError, ValueError, RecursionError) as e:
        raise NewsgraphError(Errors.E060, path=path, detail=f"{type(e).__name__}: {e}"[:300]) from None
    return check_journal(out, journal)


def _apply(out: Path, journal: dict) -> None:
    """Carry out a commit journal: renames (the manifest last), removals, then forget it.
    Safe to repeat: what was done already is skipped."""
    stage = out / STAGING
    renames = [r for r in journal["renames"] if r != MANIFEST]
    for rel in renames:
        src = stage / rel
        if src.exists():
            (out / rel).parent.mkdir(parents=True, exist_ok=True)
            os.replace(src, out / rel)
    for rel in journal.get("remove", []):
        (out / rel).unlink(missing_ok=True)
        if (out / rel).parent != out:
            try:
                (out / rel).parent.rmdir()  # a folder (tables/) left empty goes too
            except OSError:
                pass
    if MANIFEST in journal["renames"] and (stage / MANIFEST).exists():
        os.replace(stage / MANIFEST, out / MANIFEST)
    for folder in {(out / rel).parent for rel in journal["renames"]}:
        _fsync_dir(folder)
    (out / JOURNAL).unlink(missing_ok=True)
    _fsync_dir(out)
    shutil.rmtree(stage, ignore_errors=True)


def recover(folder: PathLike) -> bool:
    """With the folder's lock held: finish a commit a killed process left half done, and
    drop the staging files of a build that never reached its commit. True if a commit
    was finished."""
    out = Path(folder)
    journal = out / JOURNAL
    if journal.exists() or journal.is_symlink():
        try:
            _apply(out, read_journal(out))
            return True
        except NewsgraphError as e:  # not ours: dropped unread, and the build goes on
            log.warning("%s", e)
            journal.unlink(missing_ok=True)
    if (out / STAGING).is_symlink():
        (out / STAGING).unlink()
    shutil.rmtree(out / STAGING, ignore_errors=True)
    (out / (JOURNAL + ".tmp")).unlink(missing_ok=True)
    return False


def settle(folder: PathLike) -> None:
    """Before reading a build folder: if a commit was left half done, wait for the lock
    and finish it, so that what is read is one complete build."""
    out = Path(folder)
    if not ((out / JOURNAL).exists() or (out / JOURNAL).is_symlink()):
        return
    read_journal(out)  # a journal newsgraph did not write is E060, and nothing is touched
    try:
        with locked(out, wait=True):
            recover(out)
    except NewsgraphError as e:  # cannot take the lock (a read-only folder): read it as it is
        if e.code == "E060":
            raise


class Staging:
    """The files of one build being written; :meth:`commit` puts them in place."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.dir = folder / STAGING
        if self.dir.is_symlink():  # not ours: the link goes, never what it points to
            self.dir.unlink()
        shutil.rmtree(self.dir, ignore_errors=True)
        self.dir.mkdir()

    def path(self, rel: str) -> Path:
        """Where to write the file ``rel`` (a path relative to the build folder)."""
        p = self.dir / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        return p

    def final(self, path: PathLike) -> Path:
        """The place in the build folder of a staged file."""
        try:
            return self.folder / Path(path).relative_to(self.dir)
        except ValueError:
            return Path(path)

    def files(self) -> list[str]:
        """The staged files, relative to the build folder, the manifest last."""
        rels = sorted(p.relative_to(self.dir).as_posix() for p in self.dir.rglob("*") if p.is_file())
        return sorted(rels, key=lambda r: r == MANIFEST)

    def commit(self, stale: Iterable[str] = ()) -> list[str]:
        """Rename every staged file into place, remove the ``stale`` files this build did
        not write, the manifest last; returns the files put in place."""
        renames = self.files()
        remove = sorted(r for r in set(stale) - set(renames)
                        if ours(r) and inside(self.folder, r) and (self.folder / r).is_file())
        tmp = self.folder / (JOURNAL + ".tmp")
        try:
            with open_output(tmp) as f:
                f.write(json.dumps({"renames": renames, "remove": remove}).encode("utf-8"))
            os.replace(tmp, self.folder / JOURNAL)
        except OSError as e:
            tmp.unlink(missing_ok=True)
            raise NewsgraphError(Errors.E027, path=tmp, detail=e.strerror or e, folder=self.folder) from e
        _apply(self.folder, {"renames": renames, "remove": remove})
        return renames


@contextmanager
def staged(folder: PathLike) -> Iterator[Staging]:
    """Lock ``folder``, finish or drop what a killed process left, and stage the files
    written in the ``with`` block; :meth:`Staging.commit` puts them in place. Without a
    commit (an error, a failed write) they are dropped and the previous build stays."""
    with locked(folder) as out:
        recover(out)
        try:
            stage = Staging(out)
        except OSError as e:
            raise NewsgraphError(Errors.E027, path=out / STAGING, detail=e.strerror or e, folder=out) from e
        try:
            yield stage
        finally:
            if not (out / JOURNAL).exists():
                shutil.rmtree(stage.dir, ignore_errors=True)
