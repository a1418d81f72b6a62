"""Same input, same bytes, whatever the process: outputs must not depend on
Python's per-process string hashing (set and dict-of-set order), so a
re-rendered organigram or export can be committed and diffed."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CONTEXTS = {"bundled": [], "nortavia": ["--data", str(ROOT / "examples" / "nortavia")]}
COMMANDS = {
    "svg": (["render", "--format", "svg", "-o", "-"], b"<svg"),
    "html": (["render", "--format", "html", "-o", "-"], b"<!DOCTYPE html>"),
    "graphml": (["export", "--format", "graphml"], b"<graphml"),
}
HASH_SEEDS = ("1", "4242")

pytestmark = pytest.mark.slow


def _start(command, seed, cwd):
    """Start ``python -m coordgraph COMMAND`` with string hashing seeded by ``seed``."""
    env = {**os.environ, "PYTHONHASHSEED": seed}
    return subprocess.Popen([sys.executable, "-m", "coordgraph", *command], cwd=cwd, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


@pytest.mark.parametrize("context", sorted(CONTEXTS))
def test_same_bytes_under_different_hash_seeds(context, tmp_path):
    # All the processes of one context run at once: a dozen dot runs in sequence take seconds.
    runs = {(fmt, seed): _start([*command, *CONTEXTS[context]], seed, tmp_path)
            for fmt, (command, _) in COMMANDS.items() for seed in HASH_SEEDS}
    outputs = {}
    for key, process in runs.items():
        stdout, stderr = process.communicate(timeout=120)
        assert process.returncode == 0, (key, stderr.decode(errors="replace"))
        outputs[key] = stdout
    for fmt, (_, marker) in COMMANDS.items():
        first, second = (outputs[fmt, seed] for seed in HASH_SEEDS)
        assert marker in first[:2000], fmt
        assert first == second, f"{context} {fmt} differs between PYTHONHASHSEED values"
