# The Lisp corpus in the two Tier-2 modes, inside Pyodide on Node 24 with the real engine: forced Tier 2
# (`tier="2"`: every function is compiled to Wasm when defined, or the case fails with the reason) and automatic
# promotion with threshold 1 (every function called twice is promoted). Each must give exactly the corpus's
# expected value, output and error type (SBCL's, and Tier 1's). Cases marked `;;;; skip-tier2: REASON` are
# skipped in forced Tier 2 only. Results come from a few batched requests per mode (tests/tiers/batch.py).
from __future__ import annotations

from typing import Any

import pytest

from tests.corpus import Case, compare_result, load_cases
from tests.tiers.batch import run_many

CASES = load_cases()
MODES = {"tier2": ("2", 10), "auto": ("auto", 1)}


@pytest.fixture(scope="session")
def tier_results(node_session) -> dict[str, list[dict[str, Any]]]:  # type: ignore[no-untyped-def]
    out: dict[str, list[dict[str, Any]]] = {}
    for mode, (tier, threshold) in MODES.items():
        items = [(c.source, tier, threshold) for c in CASES]
        out[mode] = run_many(node_session, items)
    return out


def _check(case: Case, mode: str, results: dict[str, list[dict[str, Any]]], request: Any) -> None:
    deviation = case.skip_reason("deviation")
    if deviation is not None:
        request.applymarker(pytest.mark.xfail(strict=True, reason=deviation))
    result = results[mode][CASES.index(case)]
    problems = compare_result(case, result)
    assert not problems, (f"{case.location} {case.name} [{mode}]:\n  " + "\n  ".join(problems)
                          + f"\nevents: {result.get('events')}\nsource:\n{case.source}")


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_corpus_forced_tier2(case: Case, tier_results, request) -> None:  # type: ignore[no-untyped-def]
    """Forced Tier 2 gives SBCL's value/output/error type."""
    reason = case.skip_reason("tier2")
    if reason is not None:
        pytest.skip(f"skip-tier2: {reason}")
    _check(case, "tier2", tier_results, request)


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_corpus_auto_threshold_1(case: Case, tier_results, request) -> None:  # type: ignore[no-untyped-def]
    """Automatic promotion after the first call gives SBCL's value/output/error type."""
    _check(case, "auto", tier_results, request)
