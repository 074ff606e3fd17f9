# Differential testing across tiers: each generated program (tests/tiers/gen.py) runs in Tier 1 on CPython and,
# inside Pyodide on Node 24, in Tier 1, forced Tier 2 and automatic promotion with thresholds 1 and 3; the printed
# value, the output and the error (type and message) must be the same in every mode. Used by
# tests/tiers/test_differential.py (a bounded run) and scripts/difftest (long runs).
from __future__ import annotations

from typing import Any

from tests.tiers.batch import run_many
from tests.tiers.gen import program

PYODIDE_MODES: dict[str, tuple[str, int]] = {"pyodide-tier1": ("1", 10), "tier2": ("2", 10), "auto1": ("auto", 1),
                                             "auto3": ("auto", 3)}


def outcome(result: dict[str, Any]) -> tuple[Any, ...]:
    err = result.get("error")
    return (result.get("value"), result.get("stdout"),
            None if err is None else (err.get("type"), err.get("message")))


def run_seeds(session: Any, seeds: list[int], *, batch: int = 60) -> dict[str, Any]:
    """Run the programs of `seeds` in every mode. Returns {"programs", "errors" (programs whose Tier-1 result is
    a Lisp error, all modes agreeing), "disagreements": [{"seed", "source", "outcomes": {mode: outcome}}],
    "promotions" / "failed_promotions" / "failure_reasons" (promotion events with threshold 1)}."""
    from clysm.api import run_source

    sources = [program(s) for s in seeds]
    base = [outcome(run_source(src, tier="1", timeout=60)) for src in sources]
    remote: dict[str, list[tuple[Any, ...]]] = {}
    promoted = failed = demoted = 0
    reasons: dict[str, int] = {}
    for mode, (tier, threshold) in PYODIDE_MODES.items():
        items = [(src, tier, threshold) for src in sources]
        results = run_many(session, items, size=batch)
        remote[mode] = [outcome(r) for r in results]
        if mode == "auto1":  # did Tier 2 really run? (a failed promotion is silent in auto mode)
            for r in results:
                for ev in r.get("events") or []:
                    if ev.get("demoted"):  # the safety net undid a promotion that did happen: not a failure
                        demoted += 1
                    elif ev.get("ok"):
                        promoted += 1
                    else:
                        failed += 1
                        key = str(ev.get("reason"))[:120]
                        reasons[key] = reasons.get(key, 0) + 1
    disagreements = []
    errors = 0
    for i, seed in enumerate(seeds):
        outs = {"cpython-tier1": base[i], **{m: remote[m][i] for m in PYODIDE_MODES}}
        if len(set(map(repr, outs.values()))) > 1:
            disagreements.append({"seed": seed, "source": sources[i], "outcomes": outs})
        elif base[i][2] is not None:
            errors += 1
    return {"programs": len(seeds), "errors": errors, "disagreements": disagreements, "promotions": promoted,
            "failed_promotions": failed, "failure_reasons": reasons, "demotions": demoted}


def describe(d: dict[str, Any]) -> str:
    lines = [f"seed {d['seed']}:"]
    for mode, out in d["outcomes"].items():
        lines.append(f"  {mode:14} {str(out)[:300]}")
    lines.append(d["source"])
    return "\n".join(lines)


def sbcl_disagreements(seeds: list[int], *, timeout: float = 600.0) -> list[dict[str, Any]]:
    """Run the programs of `seeds` in SBCL (one process) and in Tier 1 on CPython: the printed value and output
    must be the same, and an error on one side must be an error of a standard type the other side's condition is
    a subtype of (messages differ between implementations). Tier 2 is held to Tier 1 by run_seeds, so this makes
    SBCL the oracle of every mode. Returns the disagreements as describe() takes them."""
    from clysm.api import run_source
    from clysm.eval.errors import condition_subtypep
    from tests.corpus.loader import Case
    from tests.corpus.sbcl import run_file_cases

    cases = [Case(f"p{s}", "difftest.lisp", 1, program(s), None, "", None) for s in seeds]
    answers = run_file_cases(cases, timeout=timeout)
    bad = []
    for seed, case in zip(seeds, cases, strict=True):
        sbcl = answers[case.name]
        mine = run_source(case.source, tier="1", timeout=60)
        err = (mine.get("error") or {}).get("type")
        if sbcl.note is not None:
            ok = False
        elif sbcl.error is not None or err is not None:
            ok = sbcl.error is not None and err is not None and condition_subtypep(err, sbcl.error)
        else:
            ok = mine.get("value") == sbcl.value
        if not ok or mine.get("stdout") != sbcl.out:
            theirs = (sbcl.value, sbcl.out, sbcl.error or sbcl.note)
            bad.append({"seed": seed, "source": case.source,
                        "outcomes": {"sbcl": theirs, "cpython-tier1": (mine.get("value"), mine.get("stdout"), err)}})
    return bad
