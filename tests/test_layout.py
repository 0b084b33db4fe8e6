"""The house rules of ../shared/STYLE.md that code can check: data flows one way through
the rooms, and the spaCy components survive a save and load."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src" / "newsgraph"
ROOMS = ["ingest", "nlp", "extract", "resolve", "graph", "export"]
SHARED = {"vocab", "data", "errors", "types", "about", "text"}


def imported_rooms(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    rel = path.relative_to(SRC).parts
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:  # relative: resolve against the module's package
                base = list(rel[:-1])[: len(rel) - 1 - (node.level - 1)]
                target = (base + (node.module.split(".") if node.module else []))
            elif node.module and node.module.startswith("newsgraph."):
                target = node.module.split(".")[1:]
            else:
                continue
            if target:
                out.add(target[0])
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("newsgraph."):
                    out.add(alias.name.split(".")[1])
    return out


@pytest.mark.parametrize("room", ROOMS + ["vocab", "data"])
def test_rooms_import_only_rooms_to_their_left(room):
    allowed = set(ROOMS[: ROOMS.index(room) + 1] if room in ROOMS else [room]) | SHARED
    if room == "vocab":
        allowed = {"vocab", "data", "errors", "types", "about", "text"}
    for path in (SRC / room).rglob("*.py"):
        bad = imported_rooms(path) - allowed - {path.stem}
        assert not bad, f"{path.relative_to(SRC)} imports {sorted(bad)}"


def test_nothing_imports_the_cli():
    for path in SRC.rglob("*.py"):
        if path.name != "cli.py":
            assert "cli" not in imported_rooms(path), path


def test_pipeline_round_trips_through_disk(nlp, tmp_path):
    import spacy

    nlp.to_disk(tmp_path / "pipeline")
    again = spacy.load(tmp_path / "pipeline")
    assert again.pipe_names == nlp.pipe_names
    doc = again("Le Mali a rappelé son ambassadeur à Paris hier.")
    assert ("Mali", "country:ML") in {(e.text, e.kb_id_) for e in doc.ents}
    assert doc._.timexes and doc._.timexes[0].text == "hier"
