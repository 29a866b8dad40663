#!/usr/bin/env python3
"""Set up and run diplokg with nothing but Python 3.11+ and pip.

    python3 tasks.py build   # create .venv, install the locked dependencies, build the graph
    python3 tasks.py test    # same set-up, then run the whole test suite

The set-up creates ``.venv`` beside this file if it is missing, installs exactly the pinned
and hashed packages of ``requirements.lock`` without resolving anything (``pip --no-deps
--require-hashes``: the lock is complete, so no newer upstream release can slip in), checks
them with ``pip check``, and then installs this project in editable mode without dependencies
and without build isolation (its build backend, setuptools, is in the lock too). A stamp file inside ``.venv`` records the hash of
the lock it installed, so the install is skipped until the lock changes. The standard
library only: this script runs before any dependency exists.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

__all__ = ["main", "setup", "build", "test"]

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
LOCK = ROOT / "requirements.lock"
STAMP = VENV / ".diplokg-lock.sha256"


def _bin(name: str) -> Path:
    folder = "Scripts" if os.name == "nt" else "bin"
    suffix = ".exe" if os.name == "nt" else ""
    return VENV / folder / f"{name}{suffix}"


def _run(*args: str | os.PathLike[str]) -> int:
    print("+", " ".join(str(a) for a in args), flush=True)
    return subprocess.call([str(a) for a in args], cwd=ROOT)


def _check(*args: str | os.PathLike[str]) -> None:
    code = _run(*args)
    if code != 0:
        raise SystemExit(f"tasks.py: command failed with exit code {code}: {' '.join(str(a) for a in args)}")


def setup() -> Path:
    """Make sure ``.venv`` holds the locked dependencies and the project; return its python."""
    if sys.version_info < (3, 11):
        raise SystemExit(f"tasks.py: diplokg needs Python 3.11 or newer, this is {sys.version.split()[0]}")
    if not LOCK.is_file():
        raise SystemExit(f"tasks.py: {LOCK} is missing; it pins every dependency, restore it from git")
    python = _bin("python")
    if not python.exists():
        print(f"creating the virtual environment {VENV}", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    lock_hash = hashlib.sha256(LOCK.read_bytes()).hexdigest()
    if STAMP.is_file() and STAMP.read_text(encoding="utf-8").strip() == lock_hash:
        print(f"dependencies up to date ({LOCK.name} unchanged)", flush=True)
        return python
    _check(python, "-m", "pip", "install", "--no-deps", "--require-hashes", "-r", LOCK)
    _check(python, "-m", "pip", "check")
    _check(python, "-m", "pip", "install", "--no-deps", "--no-build-isolation", "-e", ROOT)
    STAMP.write_text(lock_hash + "\n", encoding="utf-8")
    return python


def build() -> int:
    """Set up, then build the graph of ``data/articles`` and write its HTML view."""
    setup()
    return _run(_bin("kg"), "build", "data/articles", "--view", ".kg/graph.html")


def test() -> int:
    """Set up, then run every test; the exit code is pytest's."""
    python = setup()
    return _run(python, "-m", "pytest")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="tasks.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("task", choices=("setup", "build", "test"), help="what to do")
    task = parser.parse_args(argv).task
    if task == "setup":
        setup()
        return 0
    return build() if task == "build" else test()


if __name__ == "__main__":
    sys.exit(main())
