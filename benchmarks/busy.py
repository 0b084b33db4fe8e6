"""Which process of a command is busy when: runs the command and samples, every
``--every`` seconds, the CPU time of it and of each of its descendants (Linux ``/proc``).
Prints one line per sample: the seconds since start, then each process's share of a core
over the interval (``P`` the command itself, ``w1``, ``w2``... its descendants in the
order they appeared), and at the end each process's CPU seconds and the wall time.

    python benchmarks/busy.py -- newsgraph build FOLDER --out OUT --jobs 2 -q

Nothing is asserted; the machine's other load shows as shares the command did not get.
"""
from __future__ import annotations

import os
import subprocess
import sys
import time

TICK = os.sysconf("SC_CLK_TCK")


def _children() -> dict[int, list[int]]:
    kids: dict[int, list[int]] = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        kids.setdefault(int(fields[1]), []).append(int(name))
    return kids


def _cpu(pid: int) -> float | None:
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / TICK


def _tree(root: int) -> list[int]:
    kids, out, todo = _children(), [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo.extend(kids.get(pid, []))
    return out


def main() -> None:
    args = sys.argv[1:]
    every = 1.0
    if args[:1] == ["--every"]:
        every, args = float(args[1]), args[2:]
    if args[:1] == ["--"]:
        args = args[1:]
    started = time.perf_counter()
    proc = subprocess.Popen(args)
    names: dict[int, str] = {proc.pid: "P"}
    last: dict[int, float] = {}
    total: dict[int, float] = {}
    while proc.poll() is None:
        time.sleep(every)
        line = []
        for pid in _tree(proc.pid):
            cpu = _cpu(pid)
            if cpu is None:
                continue
            names.setdefault(pid, f"w{len(names)}")
            line.append(f"{names[pid]}={(cpu - last.get(pid, 0.0)) / every:4.2f}")
            last[pid] = total[pid] = cpu
        print(f"{time.perf_counter() - started:6.1f}s " + " ".join(line), flush=True)
    wall = time.perf_counter() - started
    print("cpu seconds: " + ", ".join(f"{names[p]} {c:.1f}" for p, c in total.items()) + f"; wall {wall:.1f} s")
    sys.exit(proc.returncode)


if __name__ == "__main__":
    main()
