# The Engine object: isolation between engines, packages and interning, eval/eval_string semantics, the output
# stream, top-level form processing, and Python-level access to multiple values.
from __future__ import annotations

import io

import pytest

from clysm.engine import Engine
from clysm.lisp.types import NIL, LispError, ReaderError, Symbol


def test_two_engines_share_nothing() -> None:
    """Definitions, variables, macros, output, counters and thresholds of one engine are invisible to another."""
    a, b = Engine(threshold=3), Engine(threshold=7)
    a.eval_string("(defun f () 'from-a) (defvar *v* 1) (defmacro m () ''ma) (print 'hello)"
                  "(define-condition only-a (error) ())")
    b.eval_string("(defun f () 'from-b)")
    assert a.prin1(a.eval_string("(list (f) *v* (m))")) == "(FROM-A 1 MA)"
    assert b.prin1(b.eval_string("(f)")) == "FROM-B"
    assert b.prin1(b.eval_string("(boundp '*v*)")) == "NIL"
    assert b.prin1(b.eval_string("(fboundp 'm)")) == "NIL"
    assert a.intern("F") is not b.intern("F")
    assert a.sym("CAR") is not b.sym("CAR")
    assert a.output.getvalue() == "\nHELLO " and b.output.getvalue() == ""
    assert a.threshold == 3 and b.threshold == 7
    assert "ONLY-A" in a.condition_parents and "ONLY-A" not in b.condition_parents
    assert a.tiering.functions and not b.tiering.functions.keys() & a.tiering.functions.keys()
    with pytest.raises(LispError):
        b.eval_string("(error 'only-a)")


def test_packages_and_interning() -> None:
    """CL-USER uses CL (every standard symbol already exists), keywords evaluate to themselves, the tier API and
    *COMPILATION-THRESHOLD* are accessible from CL-USER."""
    e = Engine()
    assert e.intern("CAR") is e.sym("CAR")
    assert e.intern("OTHERWISE") is e.sym("OTHERWISE")
    assert e.intern("MY-SYM").package is e.user_package
    assert e.intern("NIL") is NIL
    k = e.intern("KEY", "KEYWORD")
    assert e.eval(k) is k
    assert e.intern("FUNCTION-TIER") is e.intern("FUNCTION-TIER", "CLYSM")
    assert e.eval_string("*compilation-threshold*") == 10
    assert e.prin1(e.eval_string("(case 4 (1 'one) (otherwise 'many))")) == "MANY"


def test_eval_string_reads_everything_first() -> None:
    """A reader error anywhere means no form runs."""
    e = Engine()
    with pytest.raises(ReaderError):
        e.eval_string("(print 'ran) (oops")
    assert e.output.getvalue() == ""
    assert e.eval_string("") is NIL


def test_top_level_forms_are_processed_in_order() -> None:
    """A macro defined in a PROGN at top level is usable by the following subforms."""
    e = Engine()
    assert e.eval_string("(progn (defmacro two () 2) (+ (two) 1))") == 3


def test_output_stream_and_stdout_echo() -> None:
    """*STANDARD-OUTPUT* is engine.output; it tracks the column for FRESH-LINE and can echo to a sink."""
    sink = io.StringIO()
    e = Engine(stdout=sink)
    e.eval_string('(princ "ab") (fresh-line) (fresh-line) (princ "c")')
    assert e.output.getvalue() == "ab\nc" == sink.getvalue()
    assert e.output.column() == 1


def test_eval_values_and_register() -> None:
    """engine.eval returns the primary value; eval_values gives all of them."""
    e = Engine()
    assert e.eval_values(e.read_all("(values 1 2 3)")[0]) == (1, 2, 3)
    assert e.eval_values(e.read_all("(values)")[0]) == ()
    assert e.eval_values(e.read_all("(floor 7 2)")[0]) == (3, 1)
    assert e.eval(e.read_all("(values 4 5)")[0]) == 4


def test_gensym_counter_per_engine() -> None:
    """GENSYM makes fresh uninterned symbols numbered by the engine's own *GENSYM-COUNTER*."""
    a, b = Engine(), Engine()
    g1 = a.gensym()
    g2 = a.gensym()
    assert isinstance(g1, Symbol) and g1.package is None and g1.name != g2.name
    assert b.gensym().name == g1.name


def test_python_errors_never_escape() -> None:
    """Whatever goes wrong inside evaluation reaches Python as a LispError."""
    e = Engine()
    for src in ["(car 1)", "(/ 1 0)", "(funcall 'undefined-xyz)", "(make-array -1)", "(aref (vector 1) 5)",
                "(error \"x\")", "(coerce 'a 'integer)"]:
        with pytest.raises(LispError):
            e.eval_string(src)


def test_package_lock() -> None:
    """DEFUN of a COMMON-LISP function is refused, as SBCL's package lock does."""
    e = Engine()
    with pytest.raises(LispError) as info:
        e.eval_string("(defun car (x) x)")
    assert info.value.condition.type_name == "PACKAGE-ERROR"
    assert e.eval_string("(car '(1))") == 1


def test_outermost_eval_from_a_running_function_keeps_catches_and_handlers() -> None:
    """A Lisp function called from Python that calls EVAL starts an outermost evaluation while its own CATCH and
    HANDLER-CASE are live: the THROW and the error inside the EVAL reach them, and the engine's dynamic state is
    empty again afterwards (an outermost evaluation used to clear both)."""
    e = Engine(tier="1")
    e.eval_string("(defun ev-catch (form) (catch 'tag (eval form) 'no-throw))"
                  "(defun ev-handled (form) (handler-case (eval form) (error () 'handled)))")
    assert e.prin1(e.intern("EV-CATCH").function(e.read_all("(throw 'tag 42)")[0])) == "42"
    assert e.prin1(e.intern("EV-HANDLED").function(e.read_all('(error "boom")')[0])) == "HANDLED"
    assert e.catch_tags == [] and e.handlers is None
    with pytest.raises(LispError):
        e.intern("EV-CATCH").function(e.read_all("(throw 'nowhere 1)")[0])
    assert e.catch_tags == [] and e.handlers is None
