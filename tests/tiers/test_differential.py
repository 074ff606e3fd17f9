# Bounded differential run (issue 4): 150 random well-formed programs (tests/tiers/gen.py: bignum arithmetic at
# the i31 boundary, conses and list mutation, closures mutating captured variables, recursion, loops, non-local
# exits) give the same value, output and error in Tier 1 (CPython and Pyodide), forced Tier 2 and automatic
# promotion with thresholds 1 and 3, and 100 of them print the same in SBCL. The long run is scripts/difftest
# [--sbcl] (results in docs/LOG.md).
from __future__ import annotations

import pytest

from tests.tiers.difftest import describe, run_seeds, sbcl_disagreements
from tests.tiers.gen import program

SEEDS = list(range(1000, 1150))


def test_generator_is_deterministic_and_varied() -> None:
    assert program(7) == program(7)
    assert len({program(s) for s in range(20)}) == 20


def test_random_programs_agree_in_every_mode(node_session) -> None:  # type: ignore[no-untyped-def]
    summary = run_seeds(node_session, SEEDS)
    bad = summary["disagreements"]
    assert summary["failed_promotions"] == 0, summary["failure_reasons"]
    assert summary["promotions"] >= summary["programs"]  # Tier 2 really ran
    assert not bad, f"{len(bad)} of {summary['programs']} programs disagree:\n" + "\n\n".join(map(describe, bad[:3]))


def test_random_programs_agree_with_sbcl() -> None:
    """SBCL, the oracle, prints the same values and output and signals errors of the same types as Tier 1 (which
    every Tier 2 mode matches, above) for 100 of the programs."""
    from tests.corpus.sbcl import sbcl_path

    if sbcl_path() is None:
        pytest.skip("sbcl is not on PATH (scripts/setup installs it)")
    bad = sbcl_disagreements(SEEDS[:100])
    assert not bad, f"{len(bad)} programs disagree with SBCL:\n" + "\n\n".join(map(describe, bad[:3]))
