"""Tiering state machine: counting, threshold, promotion, hot-patching, failures, the seed's Lisp API.

These tests use FakeBackend, a test double of the Tier 2 backend interface (`promote(engine, tf)` and
`function_changed(engine, symbol)`). It is NOT a compiler: it "promotes" by building a plain (untiered) Tier 1
closure of the definition and counting its calls, which is all the tiering machinery can observe of a backend.
The real backend (clysm.compiler.backend) is tested with the Tier 2 tests."""
from __future__ import annotations

from typing import Any

import pytest

from clysm.engine import Engine
from clysm.lisp.types import LispError, Symbol
from clysm.tiering import NO_BACKEND, Tier2Unsupported
from tests.eval.conftest import error_of


class FakeBackend:
    def __init__(self, fail: str | None = None, crash: bool = False) -> None:
        self.fail = fail
        self.crash = crash
        self.promoted: list[Any] = []
        self.changed: list[str] = []
        self.tier2_calls = 0

    def promote(self, engine: Engine, tf: Any) -> Any:
        self.promoted.append(tf.name.name if isinstance(tf.name, Symbol) else None)
        if self.crash:
            raise RuntimeError("compiler bug")
        if self.fail is not None:
            raise Tier2Unsupported(self.fail)
        plain = engine.eval(engine.read_all("(function x)")[0].__class__(engine.sym("FUNCTION"),
                                                                      _cons(tf.definition)))
        backend = self

        def tier2(*args: Any) -> Any:
            backend.tier2_calls += 1
            return plain(*args)

        tf.tier2_counter = lambda: backend.tier2_calls
        tf.compile_ms, tf.instantiate_ms, tf.module_size = 1.5, 0.5, 123
        return tier2

    def function_changed(self, engine: Engine, symbol: Symbol) -> None:
        self.changed.append(symbol.name)


def _cons(x: Any) -> Any:
    from clysm.lisp.types import NIL, Cons

    return Cons(x, NIL)


def make(threshold: int = 3, tier: str = "auto", backend: Any = None) -> Engine:
    return Engine(threshold=threshold, tier=tier, backend=backend)


def test_promotion_after_threshold_and_hot_patch() -> None:
    """Calls are counted; the call that exceeds the threshold promotes; the symbol's cell then holds the Tier 2
    callable and later calls go there, still counted."""
    b = FakeBackend()
    e = make(3, backend=b)
    e.eval_string("(defun sq (x) (* x x))")
    entry = e.intern("SQ").function
    for i in range(3):
        assert e.eval_string(f"(sq {i})") == i * i
    tf = e.tiering.functions[e.intern("SQ")]
    assert tf.tier == 1 and tf.calls == 3 and b.promoted == []
    assert e.eval_string("(sq 5)") == 25
    assert b.promoted == ["SQ"] and tf.tier == 2 and tf.promoted_at_call == 4
    assert e.intern("SQ").function is not entry
    assert e.eval_string("(list (sq 6) (sq 7))").car == 36
    assert b.tier2_calls == 3 and tf.calls == 6
    assert e.eval_string("(invocation-count 'sq)") == 6
    assert e.prin1(e.eval_string("(function-tier 'sq)")) == ":TIER-2"
    assert e.tiering.events == [{"function": "SQ", "call": 4, "compile_ms": 1.5, "instantiate_ms": 0.5,
                                 "module_bytes": 123, "ok": True, "reason": None}]
    assert e.tiering.report() == {"SQ": {"tier": 2, "calls": 6, "promoted_at_call": 4, "tier2_error": None}}


def test_recursive_calls_under_way_switch_to_tier2() -> None:
    """A recursive function promoted in the middle of its own recursion finishes correctly, and the remaining
    recursive calls (through the symbol's cell) run in Tier 2."""
    b = FakeBackend()
    e = make(10, backend=b)
    assert e.eval_string("(defun fib (n) (if (< n 2) n (+ (fib (- n 1)) (fib (- n 2))))) (fib 15)") == 610
    tf = e.tiering.functions[e.intern("FIB")]
    assert tf.promoted_at_call == 11 and tf.tier == 2
    assert tf.n1 == 10 and b.tier2_calls == 1973 - 10
    assert tf.calls == 1973


def test_threshold_is_read_at_each_call() -> None:
    """Changing *COMPILATION-THRESHOLD* applies to later calls; each function is promoted independently."""
    b = FakeBackend()
    e = make(100, backend=b)
    e.eval_string("(defun a () 1) (defun b () 2) (a) (a) (b)")
    assert b.promoted == []
    e.eval_string("(setf *compilation-threshold* 2) (a)")
    assert b.promoted == ["A"]
    e.eval_string("(b)")
    assert b.promoted == ["A"]
    e.eval_string("(b)")
    assert b.promoted == ["A", "B"]


def test_failed_promotion_stays_in_tier1_and_never_retries() -> None:
    """Tier2Unsupported keeps the function in Tier 1 for good with the reason recorded; no user-visible error."""
    b = FakeBackend(fail="closures over special variables")
    e = make(2, backend=b)
    assert e.eval_string("(defun f (x) (+ x 1)) (dotimes (i 10) (f i)) (f 41)") == 42
    tf = e.tiering.functions[e.intern("F")]
    assert b.promoted == ["F"] and tf.tier == 1 and tf.calls == 11
    assert tf.tier2_error == "closures over special variables" and tf.promoted_at_call is None
    assert e.tiering.events[0]["ok"] is False and e.tiering.events[0]["reason"] == tf.tier2_error


def test_backend_crash_is_a_recorded_failure() -> None:
    """An unexpected exception from the backend is recorded like Tier2Unsupported; the program goes on."""
    e = make(1, backend=FakeBackend(crash=True))
    assert e.eval_string("(defun f () 7) (f) (f)") == 7
    assert "compiler bug" in e.tiering.functions[e.intern("F")].tier2_error


def test_no_backend_reason() -> None:
    """Without a backend promotion fails gracefully with the documented reason."""
    e = make(1)
    e.eval_string("(defun f () 7) (f) (f) (f)")
    tf = e.tiering.functions[e.intern("F")]
    assert tf.tier2_error == NO_BACKEND and tf.calls == 3 and tf.tier == 1


def test_tier_1_never_promotes_but_counts() -> None:
    """tier='1' never asks the backend; calls are still counted."""
    b = FakeBackend()
    e = make(1, tier="1", backend=b)
    e.eval_string("(defun f () 7) (dotimes (i 5) (f))")
    assert b.promoted == [] and e.tiering.functions[e.intern("F")].calls == 5


def test_tier_2_promotes_at_definition_and_reports_failure() -> None:
    """tier='2' promotes every tiered function when it is defined; a failure is an error saying why."""
    b = FakeBackend()
    e = make(10, tier="2", backend=b)
    e.eval_string("(defun f (x) x)")
    assert b.promoted == ["F"] and e.tiering.functions[e.intern("F")].tier == 2
    e2 = make(10, tier="2", backend=FakeBackend(fail="TAGBODY is not supported"))
    kind, message = error_of(e2, "(defun g (x) x)")
    assert kind == "SIMPLE-ERROR" and "TAGBODY is not supported" in message


def test_redefinition_notifies_backend_and_replaces_counts() -> None:
    """Redefining a function tells the backend (function_changed) and starts a new tiered function."""
    b = FakeBackend()
    e = make(5, backend=b)
    e.eval_string("(defun f () 1) (f) (f) (defun f () 2)")
    assert b.changed == ["F", "F"]
    assert e.eval_string("(f)") == 2 and e.tiering.functions[e.intern("F")].calls == 1


def test_old_references_dispatch_to_tier2() -> None:
    """A function object taken before promotion (e.g. #'f stored in a variable) runs Tier 2 after promotion."""
    b = FakeBackend()
    e = make(2, backend=b)
    e.eval_string("(defun f (x) (* 2 x)) (defvar *old* #'f) (f 1) (f 2) (f 3)")
    assert b.promoted == ["F"]
    before = b.tier2_calls
    assert e.eval_string("(funcall *old* 21)") == 42
    assert b.tier2_calls == before + 1


def test_anonymous_compile_is_tiered() -> None:
    """(compile nil lambda) returns a tiered function that is promoted through its entry."""
    b = FakeBackend()
    e = make(2, backend=b)
    e.eval_string("(defvar *g* (compile nil '(lambda (x) (+ x 100))))")
    assert e.eval_string("(list (funcall *g* 1) (funcall *g* 2) (funcall *g* 3))").car == 101
    assert b.promoted == [None] and b.tier2_calls == 1


def test_seed_api_from_lisp() -> None:
    """The seed's tier API is callable from COMMON-LISP-USER."""
    b = FakeBackend()
    e = make(5, backend=b)
    p = e.prin1
    assert p(e.eval_string("(compile 'f2 '(lambda (a b) (+ a b)))")) == "F2"
    assert e.eval_values(e.read_all("(compile 'f3 '(lambda () 1))")[0])[1:] == (e.sym("NIL"), e.sym("NIL"))
    assert e.eval_string("(f2 1 2)") == 3
    assert p(e.eval_string("(funcall (compile* nil '(lambda (x) (* x x))) 9)")) == "81"
    assert p(e.eval_string("(functionp (compile* 'f4 '(lambda () 4)))")) == "T"
    assert e.eval_string("(f4)") == 4
    assert p(e.eval_string("(function-tier 'f4)")) == ":TIER-1"
    assert e.eval_string("(list (record-invocation 'f4) (record-invocation 'f4))").car == 2
    assert p(e.eval_string("(should-promote-to-tier-2-p 'f4)")) == "NIL"
    e.eval_string("(dotimes (i 3) (record-invocation 'f4))")
    assert p(e.eval_string("(should-promote-to-tier-2-p 'f4)")) == "T"
    assert e.eval_string("(funcall (promote-to-tier-2 'f4 nil))") == 4
    assert p(e.eval_string("(function-tier 'f4)")) == ":TIER-2"
    assert e.eval_string("(funcall (compile-with-tier :tier-1 '(lambda () 11)))") == 11
    assert e.eval_string("(funcall (compile-with-tier :tier-2 '(lambda () 12)))") == 12
    assert e.eval_string("(funcall (jit-compile '(+ 6 7)))") == 13
    assert p(e.eval_string("(register-runtime-import \"twice\" (lambda (x) (* 2 x)))")) == "T"
    assert e.eval_string("(funcall (get-runtime-import \"twice\") 4)") == 8
    assert p(e.eval_string("(get-runtime-import \"missing\")")) == "NIL"
    assert p(e.eval_string("(hotpatch-function 'f4 (lambda () 'patched))")) == "T"
    assert p(e.eval_string("(f4)")) == "PATCHED"
    assert e.tiering.get_runtime_import("twice") is not None


def test_api_errors() -> None:
    """Bad definitions, bad tiers and a bad threshold signal clear errors."""
    e = make(5)
    kind, message = error_of(e, "(compile 'x '(not-a-lambda))")
    assert kind == "SIMPLE-ERROR" and "not a lambda expression" in message
    assert "not a lambda expression" in error_of(e, "(compile* nil 42)")[1]
    assert "TIER-1" in error_of(e, "(compile-with-tier :tier-3 '(lambda () 1))")[1]
    e2 = make(5, backend=FakeBackend(fail="no"))
    assert "no" in error_of(e2, "(compile-with-tier :tier-2 '(lambda () 1))")[1]
    e3 = make(5)
    kind, message = error_of(e3, "(setf *compilation-threshold* -5) (defun f () 1) (f)")
    assert kind == "TYPE-ERROR" and "*COMPILATION-THRESHOLD*" in message
    e4 = make(5)
    kind, message = error_of(e4, "(setf *compilation-threshold* \"ten\") (defun f () 1) (f)")
    assert kind == "TYPE-ERROR" and "positive fixnum" in message


def test_lexenv_cells_are_shared_with_tier1() -> None:
    """tf.lexenv exposes the Tier-1 variables a definition closes over as shared cells (no copies)."""
    e = make(100)
    e.eval_string("(let ((count 10)) (flet ((helper () 'h)) (defun bump () (helper) (incf count))))")
    tf = e.tiering.functions[e.intern("BUMP")]
    cell = tf.lexenv.lookup_variable(e.intern("COUNT"))
    assert cell is not None and cell.value == 10
    assert e.eval_string("(bump)") == 11 and cell.value == 11
    cell.value = 100
    assert e.eval_string("(bump)") == 101
    fcell = tf.lexenv.lookup_function(e.intern("HELPER"))
    assert fcell is not None and callable(fcell.value)
    assert tf.lexenv.lookup_variable(e.intern("UNKNOWN")) is None
    assert tf.definition.car is e.sym("LAMBDA")


def test_macroexpansion_api_for_the_compiler() -> None:
    """engine.macroexpand_1 / macroexpand work with a lexenv and tell special forms and macros apart."""
    e = make(100)
    e.eval_string("(defmacro twice (x) `(* 2 ,x))")
    form = e.read_all("(twice 3)")[0]
    expansion, expanded = e.macroexpand_1(form)
    assert expanded and e.prin1(expansion) == "(* 2 3)"
    assert e.macroexpand(e.read_all("(when a b)")[0])[1]
    assert e.is_special_operator(e.sym("IF")) and not e.is_special_operator(e.sym("WHEN"))
    e.eval_string("(defvar *sv* 1)")
    assert e.is_special_variable(e.intern("*SV*"))
    e.eval_string("(symbol-macrolet ((sm 5)) (defun uses-sm () sm))")
    tf = e.tiering.functions[e.intern("USES-SM")]
    assert tf.lexenv.lookup_symbol_macro(e.intern("SM")) == 5
    assert e.macroexpand_1(e.intern("SM"), tf.lexenv)[0] == 5


def test_errors_do_not_escape_as_python_exceptions() -> None:
    """A Lisp error inside a tiered function is a LispError with the Lisp type."""
    e = make(1, backend=FakeBackend())
    with pytest.raises(LispError) as info:
        e.eval_string("(defun d (x) (/ 1 x)) (d 1) (d 2) (d 0)")
    assert info.value.condition.type_name == "DIVISION-BY-ZERO"


def test_tier_2_runs_top_level_forms_in_tier2() -> None:
    """tier='2' with tier2_toplevel: the top-level forms (other than definitions) run as Tier 2 thunks, not logged as
    promotions; a form Tier 2 cannot compile is an error naming the form."""
    b = FakeBackend()
    e = make(10, tier="2", backend=b)
    e.tier2_toplevel = True
    assert e.eval_string("(defun f (x) (* x 3)) (+ (f 1) 1)") == 4
    assert b.promoted == ["F", None]
    assert [ev["function"] for ev in e.tiering.events] == ["F"]
    e2 = make(10, tier="2", backend=FakeBackend(fail="PRINT is not supported"))
    e2.tier2_toplevel = True
    kind, message = error_of(e2, "(print 1)")
    assert kind == "SIMPLE-ERROR" and "top-level form (PRINT 1)" in message and "PRINT is not supported" in message
