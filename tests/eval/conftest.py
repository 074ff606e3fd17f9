# Shared helpers for the Tier 1 evaluator tests: a fresh engine per test and a one-call "evaluate and PRIN1".
from __future__ import annotations

from collections.abc import Callable

import pytest

from clysm.engine import Engine
from clysm.lisp.types import LispError


@pytest.fixture
def engine() -> Engine:
    return Engine(tier="1")


@pytest.fixture
def ev(engine: Engine) -> Callable[[str], str]:
    """Evaluate every form of the text in the test's engine; PRIN1 of the last value."""

    def run(text: str) -> str:
        return engine.prin1(engine.eval_string(text))

    return run


def error_of(engine: Engine, text: str) -> tuple[str, str]:
    """(condition type, message) of the Lisp error the text signals; fails if it signals none."""
    try:
        engine.eval_string(text)
    except LispError as e:
        return e.condition.type_name, e.condition.message
    raise AssertionError(f"no error from {text!r}")


def values_of(engine: Engine, text: str) -> list[str]:
    """PRIN1 of every value of the last form."""
    forms = engine.read_all(text)
    for f in forms[:-1]:
        engine.eval(f)
    return [engine.prin1(v) for v in engine.eval_values(forms[-1])]

