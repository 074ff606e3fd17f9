# The Lisp corpus in SBCL: every case not marked skip-sbcl is run in SBCL 2.2.9 (one process per corpus file,
# the same driver scripts/sbcl-oracle uses) and SBCL must agree exactly with the case's expected lines.
from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # plain `pytest` does not put the repo root on sys.path
    sys.path.insert(0, str(ROOT))

from tests.corpus import Case, load_cases  # noqa: E402
from tests.corpus.sbcl import SbclResult, disagreement, run_cases, sbcl_path  # noqa: E402

pytestmark = pytest.mark.sbcl

CASES = [c for c in load_cases() if c.skip_reason("sbcl") is None]


@pytest.fixture(scope="module")
def sbcl_results() -> dict[str, SbclResult]:
    if sbcl_path() is None:
        pytest.skip("sbcl is not on PATH (scripts/setup installs it; Debian: apt-get install sbcl)")
    return run_cases(CASES)


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_sbcl_agrees_with_expected_lines(case: Case, sbcl_results: dict[str, SbclResult]) -> None:
    """SBCL (the oracle) prints exactly the expected value/error type and output for the case."""
    problem = disagreement(case, sbcl_results[case.name])
    assert problem is None, f"{case.location} {case.name}: {problem}\n(run scripts/sbcl-oracle --bless if the case " \
        f"changed on purpose)\nsource:\n{case.source}"


def test_oracle_detects_a_wrong_expectation() -> None:
    """The oracle is not vacuous: a deliberately wrong expected value is reported as a disagreement."""
    if sbcl_path() is None:
        pytest.skip("sbcl is not on PATH")
    wrong = Case("probe-wrong", "99-probe.lisp", 1, "(+ 1 2)\n", "4", "", None)
    printing = Case("probe-output", "99-probe.lisp", 5, "(print 'x)\n(error \"e\")\n", None, "\nX ", "SIMPLE-ERROR")
    results = run_cases([wrong, printing])
    assert results["probe-wrong"].value == "3"
    assert disagreement(wrong, results["probe-wrong"]) is not None
    assert disagreement(printing, results["probe-output"]) is None
