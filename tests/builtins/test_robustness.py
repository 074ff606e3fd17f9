# Every COMMON-LISP built-in, called with random Lisp values: it returns Lisp values (never a Python None or bool)
# or signals a Lisp condition; the only Python exception allowed is the TypeError of a wrong argument count,
# which the evaluator turns into PROGRAM-ERROR.
from __future__ import annotations

import functools
import random
from fractions import Fraction

from clysm.engine import Engine
from clysm.eval.builtins import hashtables
from clysm.eval.builtins.mvalues import MultipleValues
from clysm.eval.builtins.registry import all_builtins
from clysm.lisp.types import NIL, Cons, LispArray, LispError, LispVector, T, char

# Built-ins that wait, change global definitions or evaluate code are left out.
_SKIP = {"SLEEP", "MAKUNBOUND", "SET", "FMAKUNBOUND", "READ", "READ-LINE", "READ-CHAR", "PEEK-CHAR",
         "READ-CHAR-NO-HANG", "READ-PRESERVING-WHITESPACE", "EVAL", "COMPILE", "LOAD"}


def test_random_calls_return_lisp_values_or_signal_lisp_conditions():
    engine = Engine(tier="1")
    kw = engine.keyword
    shared = [0, 1, -3, 2**70, Fraction(1, 3), 1.5, -0.0, complex(1, 2), char(97), char(955), "abc", "", NIL, T,
              engine.intern("FOO"), kw("TEST"), kw("KEY"), kw("START"), engine.sym("CAR"), engine.sym("<"),
              engine.sym("INTEGER"), engine.sym("STRING"), engine.sym("CAR").function,
              hashtables.make_table("EQUAL")]
    specs = [s for s in all_builtins() if s.package == "COMMON-LISP" and s.name not in _SKIP]
    rnd = random.Random(20261125)
    problems: dict[str, str] = {}
    for _ in range(6000):
        spec = rnd.choice(specs)
        fn = functools.partial(spec.func, engine) if spec.needs_engine else spec.func
        fresh = [Cons(3, Cons(1, Cons(2, NIL))), Cons(1, 2), LispVector([3, 1, 2]), LispVector([1, 0], None, "bit"),
                 LispVector([char(98), char(97)], 2, "character", True), LispArray([1, 2, 3, 4], (2, 2)),
                 LispArray([0, 1], (1, 2), "bit"), LispArray([5], ())]
        args = [rnd.choice(shared + fresh) for _ in range(rnd.randint(0, 4))]
        try:
            result = fn(*args)
        except LispError:
            continue
        except TypeError as e:
            if "argument" not in str(e):
                problems.setdefault(spec.name, repr(e))
            continue
        except Exception as e:  # noqa: BLE001  (the point of the test)
            problems.setdefault(spec.name, repr(e))
            continue
        for value in result if isinstance(result, MultipleValues) else (result,):
            if value is None or isinstance(value, bool):
                problems.setdefault(spec.name, f"returned {value!r}")
    assert not problems, problems
