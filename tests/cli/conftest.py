# Helpers for the command-line tests: run `clysm` in this process (fast, output captured by capsys) or as a real
# subprocess (exit status, stdin, signals), and write small Lisp files.
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


class Ran:
    def __init__(self, code: int, out: str, err: str) -> None:
        self.code, self.out, self.err = code, out, err

    def __repr__(self) -> str:
        return f"Ran(code={self.code}, out={self.out!r}, err={self.err!r})"


@pytest.fixture
def clysm(capsys: pytest.CaptureFixture[str]):
    """clysm(*argv) -> Ran: `clysm.cli.main(argv)` in this process, with stdout and stderr captured."""
    from clysm.cli import main

    def run(*argv: str) -> Ran:
        capsys.readouterr()
        code = main(list(argv))
        captured = capsys.readouterr()
        return Ran(code, captured.out, captured.err)

    return run


def process_env(home: Path) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(REPO), "HOME": str(home)}


@pytest.fixture
def clysm_process(tmp_path: Path):
    """clysm_process(*argv, stdin=None) -> Ran: `python -m clysm ARGV...` as a subprocess (HOME: a temp folder)."""

    def run(*argv: str, stdin: str | None = None, timeout: float = 60) -> Ran:
        p = subprocess.run([sys.executable, "-m", "clysm", *argv], input=stdin, capture_output=True, text=True,
                           timeout=timeout, env=process_env(tmp_path), cwd=REPO)
        return Ran(p.returncode, p.stdout, p.stderr)

    return run


@pytest.fixture
def lisp_file(tmp_path: Path):
    """lisp_file(name, text) -> path (str) of a new file in a temporary folder."""

    def make(name: str, text: str) -> str:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return str(path)

    return make
