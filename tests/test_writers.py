"""Writers found by name and imported only when used: newsgraph's own, a package's through
the ``newsgraph.writers`` entry points (as rdflib finds its serializers), a program's
through ``register``."""
from __future__ import annotations

import json
import sys

import pytest

from newsgraph.errors import NewsgraphError

PLUGIN = '''
def write_summary(kg, path, options=None):
    from pathlib import Path

    Path(path).write_text(f"{len(kg.documents)} documents\\n", encoding="utf-8")
    return Path(path)


write_summary.file = "summary.txt"
'''


@pytest.fixture()
def plugin(tmp_path, monkeypatch):
    """A package installed on the path that declares a writer in its entry points."""
    from newsgraph.export import registry

    (tmp_path / "ngsummary.py").write_text(PLUGIN, encoding="utf-8")
    info = tmp_path / "ngsummary-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: ngsummary\nVersion: 0.1\n", encoding="utf-8")
    (info / "entry_points.txt").write_text("[newsgraph.writers]\nsummary = ngsummary:write_summary\n",
                                           encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    registry._entry_points.cache_clear()
    yield
    registry._entry_points.cache_clear()
    sys.modules.pop("ngsummary", None)


def test_newsgraphs_own_writers_are_listed_without_being_imported():
    import subprocess

    code = ("import sys; from newsgraph.export import writers; names = sorted(writers()); "
            "print(names, any(m.startswith('newsgraph.export.') and m.split('.')[-1] in "
            "('rdf', 'jsonl', 'graphml', 'html', 'store', 'tables') for m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip().endswith("False") and "'trig'" in out


def test_the_streamed_writers_are_those_the_one_pass_writes():
    from newsgraph.export import rdf
    from newsgraph.export.registry import BUILTIN

    assert {w.name for w in BUILTIN if w.streamed} == set(rdf.STREAMED)


def test_a_package_adds_a_writer_through_an_entry_point(plugin, tmp_path):
    import newsgraph
    from newsgraph.cli import _parser
    from newsgraph.export import write, writers

    assert "summary" in writers() and "ngsummary" not in sys.modules  # listed, not imported
    assert "summary" in " ".join(_parser()._subparsers._group_actions[0].choices["build"].format_help().split())
    kg = newsgraph.build_texts(["Le Mali a rappelé son ambassadeur à Paris."])
    written = write(kg, tmp_path / "out", ["summary", "jsonl"])
    assert (tmp_path / "out" / "summary.txt").read_text(encoding="utf-8") == "1 documents\n"
    assert written["summary"] == tmp_path / "out" / "summary.txt"
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text(encoding="utf-8"))
    assert "summary.txt" in manifest["build"]["files"]


def test_a_program_registers_a_writer(tmp_path, monkeypatch):
    import newsgraph
    from newsgraph.export import register, registry, write

    (tmp_path / "mine.py").write_text(PLUGIN, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(registry, "_REGISTERED", {})
    register("count", "mine:write_summary", "count.txt")
    write(newsgraph.build_texts(["Le Niger a rappelé son ambassadeur."]), tmp_path / "out", ["count"])
    assert (tmp_path / "out" / "count.txt").read_text(encoding="utf-8") == "1 documents\n"
    with pytest.raises(NewsgraphError, match="E054"):
        register("trig", "mine:write_summary")
