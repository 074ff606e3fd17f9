# How the macro evaluation tests run Lisp source: on the real Engine (Tier 1) once clysm.engine exists, otherwise
# on the tests' small reference evaluator. `run(source)` returns PRIN1 of the last form's primary value and lets
# Lisp errors escape as LispError.
from __future__ import annotations

from collections.abc import Callable


def make_runner() -> tuple[str, Callable[[str], str]]:
    try:
        from clysm.engine import Engine
    except ImportError:
        from .minieval import MiniEval

        return "minieval", lambda source: MiniEval().run(source)

    def run(source: str) -> str:
        engine = Engine(tier="1")
        return engine.prin1(engine.eval_string(source))

    return "engine", run


KIND, RUN = make_runner()
