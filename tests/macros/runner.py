# How the macro evaluation tests run Lisp source: a fresh Tier 1 Engine per source; `run(source)` returns PRIN1 of
# the last form's primary value and lets Lisp errors escape as LispError.
from __future__ import annotations

from clysm.engine import Engine


def run(source: str) -> str:
    engine = Engine(tier="1")
    return engine.prin1(engine.eval_string(source))


RUN = run
