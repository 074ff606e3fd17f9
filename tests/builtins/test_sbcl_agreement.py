# Every table case of the built-in tests, run through SBCL 2.2.9: the expected texts in the tables are SBCL's.
from __future__ import annotations

import shutil

import pytest
import test_cases_conses
import test_cases_data
import test_cases_sequences
import test_cases_strings
import test_cases_symbols_io
from builtins_support import sbcl_results

TABLES = [test_cases_conses.CASES, test_cases_data.CASES, test_cases_sequences.CASES, test_cases_strings.CASES,
          test_cases_symbols_io.CASES]


@pytest.mark.sbcl
@pytest.mark.skipif(shutil.which("sbcl") is None, reason="SBCL not installed")
def test_tables_agree_with_sbcl():
    cases = [c for table in TABLES for c in table]
    forms = [f for f, _ in cases]
    wanted = [w for _, w in cases]
    got = sbcl_results(forms, wanted)
    mismatches = [(f, w, g) for f, w, g in zip(forms, wanted, got, strict=True) if w != g]
    assert not mismatches, "\n".join(f"{f}\n  table: {w}\n  sbcl:  {g}" for f, w, g in mismatches)
