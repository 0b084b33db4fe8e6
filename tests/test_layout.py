"""The house rules of ../shared/STYLE.md that code can check: data flows one way through
the rooms, and the spaCy components survive a save and load."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src" / "newsgraph"
ROOMS = ["ingest", "nlp", "extract", "resolve", "graph", "export"]
SHARED = {"vocab", "data", "errors", "types", "about", "text", "records", "grammar"}


#: What a module imports when it imports the top-level package itself.
PACKAGE = "newsgraph (the top-level package)"


def imported_rooms(path: Path, source: str | None = None) -> set[str]:
    """The rooms and top-level modules a module imports (:data:`PACKAGE` for the package
    itself: ``import newsgraph``, ``from newsgraph import build``, ``from .. import x``)."""
    tree = ast.parse(path.read_text(encoding="utf-8") if source is None else source)
    rel = path.relative_to(SRC).parts
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:  # relative: resolve against the module's package
                base = list(rel[:-1])[: len(rel) - 1 - (node.level - 1)]
                target = (base + (node.module.split(".") if node.module else []))
            elif node.module == "newsgraph" or (node.module or "").startswith("newsgraph."):
                target = node.module.split(".")[1:]
            else:
                continue
            if target:
                out.add(target[0])
            else:  # "from .. import x", "from newsgraph import x": x is a room or a package name
                for alias in node.names:
                    is_module = (SRC / alias.name).is_dir() or (SRC / f"{alias.name}.py").exists()
                    out.add(alias.name if is_module and alias.name not in ("builder", "cli") else PACKAGE)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name == "newsgraph":
                    out.add(PACKAGE)
                elif alias.name.startswith("newsgraph."):
                    out.add(alias.name.split(".")[1])
    return out


@pytest.mark.parametrize("line, expected", [
    ("import newsgraph", PACKAGE), ("from newsgraph import build", PACKAGE),
    ("from .. import builder", PACKAGE), ("from .. import data", "data"), ("from ..graph import x", "graph"),
])
def test_the_import_check_sees_the_top_level_package(line, expected):
    assert imported_rooms(SRC / "export" / "probe.py", line + "\n") == {expected}


@pytest.mark.parametrize("room", ROOMS + ["vocab", "data"])
def test_rooms_import_only_rooms_to_their_left(room):
    allowed = set(ROOMS[: ROOMS.index(room) + 1] if room in ROOMS else [room]) | SHARED
    if room == "vocab":
        allowed = {"vocab", "data", "errors", "types", "about", "text"}
    for path in (SRC / room).rglob("*.py"):
        bad = imported_rooms(path) - allowed - {path.stem}
        assert not bad, f"{path.relative_to(SRC)} imports {sorted(bad)}"
        assert PACKAGE not in bad


def test_nothing_imports_the_cli():
    for path in SRC.rglob("*.py"):
        if path.name not in ("cli.py", "__main__.py"):  # __main__: `python -m newsgraph`, the script's twin
            assert "cli" not in imported_rooms(path), path


def test_pipeline_round_trips_through_disk(nlp, tmp_path):
    import spacy

    nlp.to_disk(tmp_path / "pipeline")
    again = spacy.load(tmp_path / "pipeline")
    assert again.pipe_names == nlp.pipe_names
    doc = again("Le Mali a rappelé son ambassadeur à Paris hier.")
    assert ("Mali", "country:ML") in {(e.text, e.kb_id_) for e in doc.ents}
    assert doc._.timexes and doc._.timexes[0].text == "hier"


def imported_modules(path: Path, top_level_only: bool = False) -> set[str]:
    """The first component of every module a file imports (``spacy``, ``newsgraph``...),
    relative imports given as the room they reach; with ``top_level_only``, only the
    imports run when the module is imported (not those inside functions)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    nodes = [n for n in (tree.body if top_level_only else ast.walk(tree)) if isinstance(n, (ast.Import, ast.ImportFrom))]
    out = set()
    for node in nodes:
        if isinstance(node, ast.Import):
            out |= {alias.name.split(".")[0] for alias in node.names}
        elif not node.level and node.module:
            out.add(node.module.split(".")[0])
    return out | imported_rooms(path, "\n".join(ast.unparse(n) for n in nodes))


def test_records_import_only_types():
    assert imported_modules(SRC / "records.py") - {"__future__", "bisect", "collections", "dataclasses"} == {"types"}


ANALYSIS = {"spacy", "nlp", "extract", "resolve"}


@pytest.mark.parametrize("where", ["graph", "export", "cache.py"])
def test_records_are_reached_without_spacy_or_the_analysis(where):
    for path in [SRC / where] if where.endswith(".py") else (SRC / where).rglob("*.py"):
        assert not imported_modules(path) & ANALYSIS, path.relative_to(SRC)


def test_engines_import_the_analysis_only_to_run_it():
    assert not imported_modules(SRC / "engines.py", top_level_only=True) & ANALYSIS


def module_name(path: Path) -> str:
    """``newsgraph.export.rdf`` for ``src/newsgraph/export/rdf.py`` (a package: its name)."""
    parts = list(path.relative_to(SRC.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _is_module(name: str) -> bool:
    p = SRC.parent.joinpath(*name.split("."))
    return p.with_suffix(".py").exists() or (p / "__init__.py").exists()


def module_imports(path: Path, source: str | None = None) -> set[str]:
    """The newsgraph modules a module imports, anywhere in it (inside functions too):
    ``from .x import name`` is ``x.name`` when that is a module, else ``x``."""
    me = module_name(path)
    package = me if path.name == "__init__.py" else me.rpartition(".")[0]
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8") if source is None else source)):
        if isinstance(node, ast.ImportFrom):
            base = package.split(".")[:len(package.split(".")) - node.level + 1] if node.level else []
            module = ".".join(base + (node.module.split(".") if node.module else []))
            if module.split(".")[0] == "newsgraph":
                out |= {f"{module}.{a.name}" if _is_module(f"{module}.{a.name}") else module for a in node.names}
        elif isinstance(node, ast.Import):
            out |= {a.name for a in node.names if a.name.split(".")[0] == "newsgraph"}
    return out - {me}


def import_circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The circles of a graph of imports (its strongly connected components of more than
    one module, Tarjan's algorithm).

    >>> import_circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}})
    [['a', 'b', 'c']]
    """
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    circles: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = [stack.pop()]
            while component[-1] != v:
                component.append(stack.pop())
            if len(component) > 1:
                circles.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return circles


def test_the_circle_check_sees_an_import_inside_a_function():
    inner = "def f():\n    from .store import load\n"
    assert module_imports(SRC / "export" / "rdf.py", inner) == {"newsgraph.export.store"}
    assert import_circles({"x": {"y"}, "y": {"x"}}) == [["x", "y"]]


def test_no_import_circle():
    graph = {module_name(p): module_imports(p) for p in SRC.rglob("*.py")}
    assert import_circles(graph) == []


def test_the_builder_only_orchestrates():
    assert len((SRC / "builder.py").read_text(encoding="utf-8").splitlines()) <= 180


def long_functions(limit: int = 60) -> list[tuple[str, str, int]]:
    """``(module, function, lines)`` for every function (methods and inner functions too)
    longer than ``limit`` lines."""
    out = []
    for path in sorted(SRC.rglob("*.py")):
        rel = path.relative_to(SRC).as_posix()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                lines = node.end_lineno - node.lineno + 1
                if lines > limit:
                    out.append((rel, node.name, lines))
    return out


def test_no_function_over_60_lines():
    assert long_functions() == []
