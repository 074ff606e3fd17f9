# Bounded differential run (issue 4): 150 random well-formed programs (tests/tiers/gen.py: bignum arithmetic at
# the i31 boundary, conses and list mutation, closures mutating captured variables, recursion, loops, non-local
# exits) give the same value, output and error in Tier 1 (CPython and Pyodide), forced Tier 2 and automatic
# promotion with thresholds 1 and 3. The long run is scripts/difftest (result in docs/LOG.md).
from __future__ import annotations

from tests.tiers.difftest import describe, run_seeds
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
