# Tier 2 code executed for real: inside Pyodide on Node 24 (the shared node_session), compiled functions must give
# exactly Tier 1's results (fixnums overflowing to bignums at the i31 boundary in both directions), keep object
# identity and mutation across the tiers, run 1,000,000 tail calls in constant stack, and turn errors (wrong
# argument counts, type errors, stack exhaustion) into Lisp conditions.
from __future__ import annotations

import textwrap

from tests.support.node import pyodide_exec

PRELUDE = """
from tests.compiler.mini_engine import MiniEngine, defun
from clysm.compiler.backend import Tier2Backend
from clysm.host.js_host import JsWasmHost
from clysm.lisp.types import Cons, NIL, T, LispError
engine = MiniEngine()
backend = Tier2Backend(JsWasmHost())
def d(text):
    return defun(engine, backend, text)[0]
def show(x):
    return engine.prin1(x)
"""


def run(session, code: str):  # type: ignore[no-untyped-def]
    return pyodide_exec(session, PRELUDE + textwrap.dedent(code))["value"]


def test_fib_and_tak(node_session) -> None:  # type: ignore[no-untyped-def]
    value = run(node_session, """
        fib = d("(defun fib (n) (if (< n 2) n (+ (fib (- n 1)) (fib (- n 2)))))")
        tak = d("(defun tak (x y z) (if (not (< y x)) z (tak (tak (1- x) y z) (tak (1- y) z x) (tak (1- z) x y))))")
        [fib(20), fib(25), tak(18, 12, 6)]
    """)
    assert value == [6765, 75025, 7]


def test_fixnum_overflow_gives_exact_bignums_both_signs(node_session) -> None:  # type: ignore[no-untyped-def]
    value = run(node_session, """
        f = d("(defun f (x y) (list (+ x y) (- x y) (* x y) (1+ x) (1- x) (- x) (< x y) (= x y)))")
        [show(f(2**30 - 1, 1)), show(f(-2**30, 1)), show(f(-2**30, -2**30)), show(f(2**62, -3)),
         show(f(1.5, 2)), show(f(2**30 - 1, 2**30 - 1))]
    """)
    top, bottom = 2**30, -2**30
    assert value == [
        f"({top} {top - 2} {top - 1} {top} {top - 2} {-(top - 1)} NIL NIL)",
        f"({bottom + 1} {bottom - 1} {bottom} {bottom + 1} {bottom - 1} {top} T NIL)",
        f"({2 * bottom} 0 {bottom * bottom} {bottom + 1} {bottom - 1} {top} NIL T)",
        f"({2**62 - 3} {2**62 + 3} {-3 * 2**62} {2**62 + 1} {2**62 - 1} {-(2**62)} NIL NIL)",
        "(3.5d0 -0.5d0 3.0d0 2.5d0 0.5d0 -1.5d0 T NIL)",  # a Python float is a double-float
        f"({2 * (top - 1)} 0 {(top - 1) ** 2} {top} {top - 2} {-(top - 1)} NIL T)",
    ]


def test_identity_and_mutation_across_tiers(node_session) -> None:  # type: ignore[no-untyped-def]
    value = run(node_session, """
        m = d("(defun m (x) (rplaca x 99) (cons x (cdr x)))")
        get = d("(defun get (x) (car x))")
        same = d("(defun same (a b) (eq a b))")
        py = Cons(1, Cons(2, NIL))
        r = m(py)                      # a Tier-1 list mutated by Tier 2; a Tier-2 cons made of it
        seen_in_python = py.car
        r.car = 5                      # a Tier-2 cons mutated by Python ...
        seen_in_wasm = get(r)          # ... is seen by Tier 2
        [seen_in_python, r.car is not py, get(r) == 5, r.cdr is py.cdr, same(r, r) is T, same(r, py) is NIL,
         get(Cons(r, NIL)) is r, seen_in_wasm, type(r).__name__]
    """)
    assert value == [99, True, True, True, True, True, True, 5, "WasmCons"]


def test_closures_keep_state_and_cross_to_python(node_session) -> None:  # type: ignore[no-untyped-def]
    value = run(node_session, """
        mk = d("(defun mk () (let ((n 0)) (lambda (&optional (k 1)) (setq n (+ n k)))))")
        c = mk()
        [c(), c(), c(10), show(d("(defun ls (f) (list (funcall f) (funcall f 5)))")(c))]
    """)
    assert value == [1, 2, 12, "(13 18)"]


def test_a_million_tail_calls_run_in_constant_stack(node_session) -> None:  # type: ignore[no-untyped-def]
    value = run(node_session, """
        cnt = d("(defun cnt (n acc) (if (= n 0) acc (cnt (- n 1) (+ acc 1))))")
        cnt(1000000, 0)
    """)
    assert value == 1000000


def test_errors_become_lisp_conditions(node_session) -> None:  # type: ignore[no-untyped-def]
    value = run(node_session, """
        out = []
        fib = d("(defun fib (n) (if (< n 2) n (+ (fib (- n 1)) (fib (- n 2)))))")
        deep = d("(defun deep (n) (if (= n 0) 0 (+ 1 (deep (- n 1)))))")
        for thunk in (lambda: fib(1, 2), lambda: fib("a"), lambda: deep(10**7)):
            try:
                thunk()
                out.append("no error")
            except LispError as e:
                out.append(e.condition.type_name)
        out.append(deep(100))          # the runtime is still usable after stack exhaustion
        out
    """)
    assert value == ["PROGRAM-ERROR", "TYPE-ERROR", "STACK-EXHAUSTED", 100]


def test_multiple_values_from_python_callees_pass_through_tail_calls_only(node_session) -> None:  # type: ignore[no-untyped-def]
    value = run(node_session, """
        f = d("(defun f (x) (floor x 3))")
        g = d("(defun g (x) (floor x 3) 5)")
        h = d("(defun h (x) (let ((q (floor x 3))) q))")
        k = d("(defun k (x) (if (> x 0) (f x) (h x)))")
        [list(f(7)) if isinstance(f(7), tuple) else f(7), g(7), h(7), list(k(8)), k(-7)]
    """)
    assert value == [[2, 1], 5, 2, [2, 2], -3]


def test_return_from_and_go_from_closures_through_tier1_frames(node_session) -> None:  # type: ignore[no-untyped-def]
    """A closure passed to a Tier-1 built-in (mapcar, mapc) exits to its Tier-2 block or tag: the exit crosses
    the Python frames of the built-in and lands in the right Tier-2 frame."""
    value = run(node_session, """
        f = d("(defun f (l) (block b (mapcar (lambda (x) (if (> x 2) (return-from b (list :found x)))) l) :none))")
        g = d("(defun g (l) (let ((n 0)) (tagbody again (mapc (lambda (x) (when (< n 3) (setq n (+ n 1))"
              " (go again))) l)) n))")
        outer = d("(defun outer (l) (block b (list (f l) (mapcar (lambda (x) (return-from b x)) l))))")
        lst = engine.read("(1 2 3 4)")[0]
        [show(f(lst)), show(f(engine.read("(1 2)")[0])), g(lst), outer(lst)]
    """)
    assert value == ["(:FOUND 3)", ":NONE", 3, 1]


def test_dynamic_constructs_run_through_the_engine_around_tier2_thunks(node_session) -> None:  # type: ignore[no-untyped-def]
    """Special bindings are performed by the engine (here a stand-in with Python semantics) around Tier-2
    closures; catch/throw, unwind-protect and multiple-value-call run natively in Wasm (also with an engine
    that has no Tier 1 catch stack): values, captured variables and exits stay right."""
    value = run(node_session, """
        from tests.compiler.mini_engine import MiniEngineWithEval
        engine = MiniEngineWithEval()
        x = engine.intern("*X*")
        x.special = True
        x.value = 1
        c = d("(defun c (n) (catch 'done (dotimes (i n) (when (= i 3) (throw 'done (list :at i)))) :all))")
        u = d("(defun u (n) (let ((log nil)) (list (block b (unwind-protect (if (> n 0) (return-from b :exit) :normal)"
              " (setq log (cons :cleanup log)))) log)))")
        s = d("(defun s () (list *x* (let ((*x* 2)) (sx)) *x*))")
        sx = d("(defun sx () *x*)")
        m = d("(defun m (x) (multiple-value-call #'list (floor x 3) (values) x))")
        [show(c(10)), show(c(2)), show(u(1)), show(u(0)), show(s()), show(m(7))]
    """)
    assert value == ["(:AT 3)", ":ALL", "(:EXIT (:CLEANUP))", "(:NORMAL (:CLEANUP))", "(1 2 1)", "(2 1 7)"]


def test_multiple_values_follow_the_engine_register_when_it_has_one(node_session) -> None:  # type: ignore[no-untyped-def]
    """With Tier 1's `mv` register (clysm/eval/values.py), a Tier-2 function returns its primary value and sets
    the register to all values when there are other than one, and clears it otherwise."""
    value = run(node_session, """
        engine.mv = None
        f = d("(defun f (x) (floor x 3))")
        h = d("(defun h (x) (let ((q (floor x 3))) q))")
        r1 = f(7); mv1 = engine.mv
        r2 = h(7); mv2 = engine.mv
        [r1, list(mv1), r2, mv2]
    """)
    assert value == [2, [2, 1], 2, None]


def test_redefinition_is_seen_by_compiled_callers(node_session) -> None:  # type: ignore[no-untyped-def]
    """A compiled caller calls through $fns: after function_changed, its next call reaches the new definition
    (here a Python function standing for Tier 1) without recompiling the caller; calls into Tier 1 count there."""
    value = run(node_session, """
        h = d("(defun h (x) (* x 2))")
        g = d("(defun g (x) (list (h x) (h (+ x 1))))")
        before = show(g(1))
        sym = engine.intern("H")
        calls = []
        sym.function = lambda x: calls.append(x) or x + 100
        backend.function_changed(engine, sym)
        after = show(g(1))
        h2 = d("(defun h (x) (- x))")          # promoted again: hot-patched into the same slot
        [before, after, calls, show(g(1))]
    """)
    assert value == ["(2 4)", "(101 102)", [1, 2], "(-1 -2)"]
