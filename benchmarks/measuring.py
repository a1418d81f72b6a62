"""Paired whole-process timings and peak memory, shared by the benchmarks.

Each command runs as a child process, as a user runs it; its wall time is
taken around the process and its peak resident memory from ``wait4``
(``ru_maxrss``: the largest of the child and the processes it waited for).
The sides of a comparison run one after the other in each round, in
alternating order, so that the shared machine's drift hits both alike.
"""

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

PYTHON = sys.executable
COORDGRAPH = str(Path(sys.executable).with_name("coordgraph"))

#: The floor: read every CSV file named with the csv module into dicts.
FLOOR = """\
import csv, sys
data = []
for name in sys.argv[1:]:
    with open(name, newline="", encoding="utf-8-sig") as f:
        data.append(list(csv.DictReader(f)))
"""


def run(args, env=None, ok=(0, 1), cwd=None) -> tuple[float, float, float]:
    """Run ``args``, output to the null device; ``(seconds, peak MB, CPU
    seconds)``: the CPU time (user + system, of the process and the workers
    it waited for) wanders less than the wall time on a busy machine."""
    start = time.perf_counter()
    process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               env=env, cwd=cwd)
    stderr = process.stderr.read() if process.stderr else b""
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode not in ok:
        raise SystemExit(f"{' '.join(map(str, args))} failed ({process.returncode}):\n"
                         f"{stderr.decode(errors='replace')[:2000]}")
    return elapsed, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime


def paired(commands: dict, repeat: int) -> dict:
    """Run each of ``commands`` (name -> (args, env[, cwd])) ``repeat`` times, in
    alternating order; name -> (median seconds, median peak MB, median CPU seconds)."""
    samples: dict = {name: [] for name in commands}
    names = list(commands)
    for round_number in range(repeat):
        order = names if round_number % 2 == 0 else names[::-1]
        for name in order:
            args, env, *cwd = commands[name]
            samples[name].append(run(args, env, cwd=cwd[0] if cwd else None))
    return {name: tuple(statistics.median(column) for column in zip(*samples[name], strict=True))
            for name in names}


def baseline_command(folder, args) -> tuple:
    """``coordgraph ARGS`` run by an older copy of the package lying in
    ``folder`` (``git archive COMMIT coordgraph templates data reference | tar
    -x -C folder``): ``(args, env, cwd)`` for :func:`paired`."""
    return [PYTHON, "-m", "coordgraph", *map(str, args)], None, str(folder)


def floor_command(files) -> list[str]:
    """The floor reading ``files``."""
    return [PYTHON, "-c", FLOOR, *map(str, files)]
