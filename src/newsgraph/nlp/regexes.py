"""Start-up: the French tokenizer's big regular expression, compiled once per machine.

spaCy's French tokenizer finds hyphenated and elided words with one regular expression
of about 200,000 characters (``spacy.lang.fr.tokenizer_exceptions.TOKEN_MATCH``, case
insensitive over large character classes); Python's ``re`` compiler spends about 6 s on
it, in every process, before the first article is read. :func:`cached_regexes` keeps
what the compiler makes of such a long pattern (the code the regex engine runs, as
JSON) in a cache folder, keyed by the exact Python version, the engine's magic number,
the flags and the pattern, and gives it straight to the engine the next time: the same
compiled pattern, in milliseconds.

The cache folder is ``$NEWSGRAPH_CACHE``, else ``$XDG_CACHE_HOME/newsgraph``, else
``~/.cache/newsgraph``; ``NEWSGRAPH_REGEX_CACHE=0`` turns the cache off. Where the
folder cannot be written, or on a Python whose compiler is not the one this was written
against (3.11 to 3.13), patterns are compiled as usual.
"""
from __future__ import annotations

import hashlib
import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

#: patterns shorter than this are compiled as usual (they are quick)
MIN_LENGTH = 20_000
_PYTHONS = ((3, 11), (3, 12), (3, 13))


def cache_folder() -> Path | None:
    """Where compiled patterns are kept, or ``None`` when the cache is off."""
    if os.environ.get("NEWSGRAPH_REGEX_CACHE", "").strip() in ("0", "no", "off", "false"):
        return None
    if os.environ.get("NEWSGRAPH_CACHE"):
        return Path(os.environ["NEWSGRAPH_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "newsgraph"


def _compiled(pattern: str, flags: int, folder: Path, real):
    import _sre
    from re import _compiler, _parser

    key = hashlib.sha256(f"{sys.version}\0{_sre.MAGIC}\0{flags}\0{pattern}".encode()).hexdigest()[:40]
    path = folder / f"re-{key}.json"
    try:
        flags_out, code, groups, groupindex, indexgroup = json.loads(path.read_text(encoding="ascii"))
    except (OSError, ValueError):
        p = _parser.parse(pattern, flags)  # what re._compiler.compile does, keeping its code
        code = _compiler._code(p, flags)
        groupindex = dict(p.state.groupdict)
        indexgroup = [None] * p.state.groups
        for name, i in groupindex.items():
            indexgroup[i] = name
        flags_out, groups = flags | p.state.flags, p.state.groups - 1
        try:
            folder.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(f".{path.name}.{os.getpid()}")
            tmp.write_text(json.dumps([flags_out, code, groups, groupindex, indexgroup]), encoding="ascii")
            os.replace(tmp, path)
        except OSError:
            pass
    return _sre.compile(pattern, flags_out, code, groups, groupindex, tuple(indexgroup))


@contextmanager
def cached_regexes(folder: Path | None = None) -> Iterator[None]:
    """Within the block, ``re`` compiles long patterns through the cache (see above).

    >>> import re, tempfile
    >>> big = "(?i)" + "|".join(f"x{i}y" for i in range(5000))  # 35,000 characters
    >>> with tempfile.TemporaryDirectory() as d, cached_regexes(Path(d)):
    ...     first = re.compile(big); kept = len(list(Path(d).glob("re-*.json")))  # compiled, and kept
    ...     re.purge(); again = re.compile(big)  # read back
    >>> kept, again is not first, again.pattern == first.pattern
    (1, True, True)
    >>> bool(again.fullmatch("X4999Y")), bool(again.fullmatch("x5000y"))
    (True, False)
    """
    try:
        import _sre  # noqa: F401
        from re import _compiler, _parser  # noqa: F401
    except ImportError:  # Python 3.10 calls them sre_compile and sre_parse
        yield
        return
    folder = folder if folder is not None else cache_folder()
    if folder is None or sys.version_info[:2] not in _PYTHONS:
        yield
        return
    real = _compiler.compile

    def compile(p, flags=0):  # noqa: A001 - re._compiler.compile's name
        if not isinstance(p, str) or len(p) < MIN_LENGTH or flags & 128:  # 128: re.DEBUG
            return real(p, flags)
        try:
            return _compiled(p, flags, folder, real)
        except Exception:  # noqa: BLE001 - anything unexpected: compile as usual
            return real(p, flags)

    _compiler.compile = compile
    try:
        yield
    finally:
        _compiler.compile = real
