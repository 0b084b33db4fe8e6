"""The conventions people expect of a Python tool: `python -m`, a licence and package
metadata, help that names the choices, a progress bar on stderr with an ETA, logging."""
from __future__ import annotations

import io
import logging
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_python_dash_m_runs_the_command_line():
    r = subprocess.run([sys.executable, "-m", "newsgraph", "--version"], capture_output=True, text=True)
    assert r.returncode == 0 and r.stdout.startswith("newsgraph ")


def test_licence_and_package_metadata():
    tomllib = pytest.importorskip("tomllib")  # Python 3.11+
    meta = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert meta["license"] == "MIT" and meta["license-files"] == ["LICENSE"]  # an SPDX expression (PEP 639)
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")
    assert meta["authors"] and "urls" not in meta  # no placeholder addresses
    assert not any(c.startswith("License ::") for c in meta["classifiers"])  # setuptools warns on both
    assert any(c.startswith("Natural Language :: French") for c in meta["classifiers"])
    for extra, package in (("pandas", "pandas"), ("figures", "matplotlib"), ("dask", "dask")):
        assert any(d.startswith(package) for d in meta["optional-dependencies"][extra])  # optional
        assert not any(d.startswith(package) for d in meta["dependencies"])
    assert not any(d.startswith("pyvis") for d in meta["dependencies"])  # one script file, shipped


def test_build_help_names_the_formats_and_explains_the_batch_size():
    from newsgraph.export import writers

    r = subprocess.run([sys.executable, "-m", "newsgraph", "build", "--help"], capture_output=True, text=True)
    help_text = " ".join(r.stdout.split())
    for name in writers():
        assert name in help_text, name
    batch = help_text[help_text.index("--batch-size"):]
    assert "articles spaCy parses together" in batch


def test_progress_bar_draws_on_stderr_with_time_left(monkeypatch):
    from rich.progress import TimeRemainingColumn

    from newsgraph.cli import _ProgressBar

    err, out = io.StringIO(), io.StringIO()
    monkeypatch.setattr(sys, "stderr", err)
    monkeypatch.setattr(sys, "stdout", out)
    few = _ProgressBar(True)
    few(1, 5)
    assert few.bar is None  # five articles or fewer: no bar
    update = _ProgressBar(True)
    update(3, 10)  # sized by the first report: the inputs are walked once, by the build
    bar = update.bar
    assert bar.console.file is err
    assert any(isinstance(c, TimeRemainingColumn) for c in bar.columns)
    assert bar.tasks[0].total == 10 and bar.tasks[0].completed == 3
    update.stop()
    assert out.getvalue() == ""


def test_the_library_reports_on_the_newsgraph_logger(caplog):
    import newsgraph

    from newsgraph.errors import NothingBuilt

    with caplog.at_level(logging.WARNING, logger="newsgraph"), pytest.raises(NothingBuilt) as nothing:
        newsgraph.build_texts([("vide", "   "), ("en", "The army of Mali has seized power in the capital.")])
    kg = nothing.value.kg
    assert kg.documents == () and nothing.value.code == "E080"
    reports = {(r.levelname, r.name) for r in caplog.records}
    assert ("ERROR", "newsgraph.export.manifest") in reports and ("WARNING", "newsgraph.export.manifest") in reports
    assert any("Text 1" in r.getMessage() and "empty" in r.getMessage() for r in caplog.records)
