"""``--engine dask --scheduler ADDRESS`` against a cluster started the way a team starts
one (issue 20): a ``dask scheduler`` command and two ``dask worker`` commands, each its
own process on this machine, on free ports. The build's files are those of a local
build. Dask is in the ``dev`` extra: this test runs in ``make test`` (it imports
``distributed`` outright, so a missing Dask fails it rather than skipping it)."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import distributed  # noqa: F401 - no importorskip: the dev extra installs it
import pytest

from newsgraph.cli import main

ARTICLES = {
    "a.txt": "Visite à Bamako\n\nLe président malien a reçu mardi à Bamako le ministre français des "
             "Affaires étrangères. Les deux hommes ont signé un accord de coopération militaire.",
    "b.txt": "Tensions à Niamey\n\nLe Niger a rappelé son ambassadeur à Paris le 3 mars 2023.",
    "c.txt": "Sommet à Abidjan\n\nLe président ivoirien a rencontré jeudi le président ghanéen à Abidjan.",
}
#: seconds a process may take to start or a build to run, on a busy machine (a limit, not a measure)
PATIENCE = 300


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def dask_command() -> str:
    """The ``dask`` command of this Python's environment."""
    command = Path(sys.executable).parent / "dask"
    assert command.exists(), f"no {command}: install the dev extra (pip install -e '.[dev]')"
    return str(command)


@pytest.fixture()
def cluster(tmp_path):
    """A scheduler and two single-threaded workers, three processes started by the
    ``dask`` command; its address. Stopped (each process by its own handle) at the end."""
    port = free_port()
    address = f"tcp://127.0.0.1:{port}"
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000", "DASK_DISTRIBUTED__WORKER__DAEMON": "False"}
    logs = tmp_path / "dask-logs"
    logs.mkdir()
    procs: list[subprocess.Popen] = []

    def start(name: str, *args: str) -> None:
        log = (logs / f"{name}.log").open("wb")
        procs.append(subprocess.Popen([dask_command(), *args], stdout=log, stderr=subprocess.STDOUT, env=env,
                                      cwd=tmp_path))

    try:
        start("scheduler", "scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard")
        for n in range(2):
            start(f"worker{n}", "worker", address, "--nworkers", "1", "--nthreads", "1", "--host", "127.0.0.1",
                  "--no-dashboard", "--name", f"w{n}", "--local-directory", str(tmp_path / f"w{n}"))
        with distributed.Client(address, timeout=PATIENCE) as client:
            client.wait_for_workers(2, timeout=PATIENCE)
            assert len(client.scheduler_info()["workers"]) == 2
        yield address
    finally:
        for p in reversed(procs):
            p.terminate()
        deadline = time.monotonic() + 30
        for p in procs:
            try:
                p.wait(max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()


def files(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()
            and p.name != "manifest.json" and not any(s.startswith(".") or s == "store" for s in p.relative_to(out).parts)}


def test_a_cluster_started_by_the_dask_commands_builds_what_one_process_builds(cluster, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    src = tmp_path / "in"
    src.mkdir()
    for name, text in ARTICLES.items():
        (src / name).write_text(text, encoding="utf-8")
    assert main(["build", str(src), "--out", str(tmp_path / "one"), "--no-cache", "-q"]) == 0
    assert main(["build", str(src), "--out", str(tmp_path / "dask"), "--no-cache", "-q", "--engine", "dask",
                 "--scheduler", cluster]) == 0
    one, dask = files(tmp_path / "one"), files(tmp_path / "dask")
    assert sorted(one) == sorted(dask) and "documents.jsonl" in one
    for name in one:
        assert one[name] == dask[name], name
    assert '"engine": "dask"' in (tmp_path / "dask" / "manifest.json").read_text(encoding="utf-8")
    with distributed.Client(cluster, timeout=PATIENCE) as client:  # each worker holds the pipeline
        plugins = client.run(lambda dask_worker: sorted(dask_worker.plugins))
    assert len(plugins) == 2
    assert all(any(name.startswith("newsgraph-pipeline-") for name in names) for names in plugins.values())
