"""The development tools in Tier 1 (clysm/devtools.py, clysm/devinspect.py, clysm/eval/macros/devtools.py): TIME's
report and values, TRACE's warnings and its guard against tracing the printer, DISASSEMBLE of a Tier 1 function
(its generated Python) and of a built-in, DESCRIBE, APROPOS, ROOM, BREAK (not signalled: handlers never see it),
and a tiered function promoted while traced (with a test double backend) staying behind its trace wrapper.
The Tier 2 side (WAT, traced Wasm functions) is tests/tiers/test_devtools.py; SBCL-comparable output is in
tests/corpus/33-devtools.lisp."""
from __future__ import annotations

from typing import Any

import pytest

from clysm.engine import Engine
from clysm.lisp.types import LispError

FIB = "(defun fib (n) \"Fibonacci.\" (if (< n 2) n (+ (fib (- n 1)) (fib (- n 2)))))"


def run(src: str, tier: str = "1") -> tuple[Engine, Any, str]:
    e = Engine(tier=tier)
    v = e.eval_string(src)
    return e, v, e.output.getvalue()


def test_time_report_and_values() -> None:
    e, v, out = run(FIB + "(multiple-value-list (time (values (fib 10) 'x)))", tier="auto")  # no backend
    assert e.prin1(v) == "(55 X)"
    lines = out.splitlines()
    assert lines[0] == "Evaluation took:"
    assert lines[1].endswith(" seconds of real time")
    assert "seconds of total run time (" in lines[2]
    assert "  177 calls of FIB (Tier 1)" in lines
    assert "FIB stays in Tier 1: no Tier 2 backend" in out  # the promotion attempt at call 11 is reported


def test_trace_undefined_and_macro_warn_and_return_nil() -> None:
    e, v, out = run("(defmacro mm (x) x) (list (trace nosuch) (trace mm))")
    assert e.prin1(v) == "(NIL NIL)"
    assert "WARNING: COMMON-LISP-USER::NOSUCH is undefined, not tracing." in out
    assert "WARNING: COMMON-LISP-USER::MM is a macro, not tracing." in out


def test_retrace_warns_and_keeps_one_wrapper() -> None:
    e, _v, out = run("(defun f (x) x) (trace f) (trace f) (f 1)")
    assert "WARNING: F is already TRACE'd, untracing it first." in out
    assert out.count("0: (F 1)") == 1


def test_tracing_a_function_the_printer_calls_does_not_recurse() -> None:
    # PRINT-OBJECT's method calls a traced function while the trace prints its argument: not traced there
    src = """
    (defstruct pt x)
    (defun show-x (p) (pt-x p))
    (defmethod print-object ((p pt) s) (format s "#<PT ~a>" (show-x p)))
    (trace show-x)
    (show-x (make-pt :x 3))
    """
    _e, v, out = run(src)
    assert v == 3
    assert out == "  0: (SHOW-X #<PT 3>)\n  0: SHOW-X returned 3\n"


def test_untrace_restores_the_tier1_entry() -> None:
    e, _v, _out = run(FIB + "(trace fib) (untrace fib)")
    fib = e.intern("FIB")
    assert fib.function is e.tiering.functions[fib].entry


def test_disassemble_tier1_prints_generated_python() -> None:
    e, v, out = run(FIB + "(fib 3) (disassemble 'fib)")
    assert v is e.sym("NIL")
    assert out.startswith("; disassembly for FIB\n; Tier 1")
    assert "; the Python that Tier 1 generated and runs for it:\ndef " in out
    assert "_tf.n1" in out  # the counting prologue of a tiered function


def test_disassemble_lambda_and_builtin() -> None:
    _e, _v, out = run("(disassemble '(lambda (x) (* x 2))) (disassemble 'car)")
    assert "; disassembly for (LAMBDA (X) (* X 2))" in out
    assert "; disassembly for CAR\n; a built-in function of clysm" in out


def test_describe_symbol_function_and_variable() -> None:
    _e, _v, out = run(FIB + "(defvar *v* 42 \"The answer.\") (describe 'fib) (describe '*v*) (describe \"ab\")")
    assert "COMMON-LISP-USER::FIB\n  [symbol]\n\nFIB names a compiled function:\n  Lambda-list: (N)\n" in out
    assert "  Documentation:\n    Fibonacci.\n" in out
    assert "*V* names a special variable:\n  Value: 42\n  Documentation:\n    The answer.\n" in out
    assert '"ab"\n  [simple-array]\n\nElement-type: CHARACTER\nLength: 2\n' in out


def test_apropos_prints_and_lists() -> None:
    e, v, out = run("(defun zq-fn () 1) (defvar *zq-v* 5) (apropos \"ZQ-\") (apropos-list \"ZQ-\" :cl-user)")
    assert "*ZQ-V* = 5\n" in out and "ZQ-FN (fbound)\n" in out
    assert e.prin1(v) == "(*ZQ-V* ZQ-FN)"


def test_room_summary() -> None:
    _e, v, out = run(FIB + "(room)")
    assert "Named functions: 1 (0 in Tier 2" in out


def test_break_is_unhandled_simple_condition() -> None:
    e = Engine(tier="1")
    with pytest.raises(LispError) as info:
        e.eval_string("(handler-case (break \"stop ~a\" 1) (condition () :caught))")
    assert info.value.condition.type_name == "SIMPLE-CONDITION"
    assert info.value.condition.message == "stop 1"


class PromoteAll:
    """A test double backend: 'promotes' to a plain Python closure calling the Tier 1 code (see test_tiering)."""

    def __init__(self) -> None:
        self.changed: list[str] = []

    def promote(self, engine: Engine, tf: Any) -> Any:
        from clysm.lisp.types import NIL, Cons

        return engine.eval(Cons(engine.sym("FUNCTION"), Cons(tf.definition, NIL)))  # an untiered closure

    def function_changed(self, engine: Engine, sym: Any) -> None:
        self.changed.append(sym.name)


def test_promotion_while_traced_keeps_wrapper_and_notifies_backend() -> None:
    backend = PromoteAll()
    e = Engine(tier="auto", threshold=3, backend=backend)
    e.eval_string("(defun sq (x) (* x x)) (trace sq)")
    wrapper = e.intern("SQ").function
    backend.changed.clear()
    e.eval_string("(sq 1) (sq 2) (sq 3) (sq 4)")
    tf = e.tiering.functions[e.intern("SQ")]
    assert tf.tier == 2
    assert e.intern("SQ").function is wrapper  # still traced
    assert backend.changed == ["SQ"]  # the promoted module's slot is given back to the host stub (the wrapper)
    assert e.output.getvalue().count("SQ returned") == 4
