# Helpers for the built-in tests: a tiny stand-in for the Engine (packages, intern, gensym, output) and helpers
# to build Lisp data (keywords, lists, vectors) and read multiple values.
from __future__ import annotations

import functools
import io
from typing import Any

from clysm.eval.builtins import mvalues
from clysm.eval.builtins.registry import all_builtins
from clysm.eval.errors import condition_subtypep
from clysm.lisp.printer import prin1_to_string
from clysm.lisp.reader import read_all
from clysm.lisp.types import NIL, Cons, LispError, LispVector, Package, Symbol, T, char, iter_list

# COMMON-LISP symbols that name types (the real engine has every COMMON-LISP symbol from the start).
_CL_TYPE_NAMES = """FIXNUM INTEGER BIGNUM RATIO RATIONAL REAL NUMBER FLOAT DOUBLE-FLOAT SINGLE-FLOAT SHORT-FLOAT
LONG-FLOAT
COMPLEX BIT UNSIGNED-BYTE SIGNED-BYTE MOD CHARACTER BASE-CHAR STANDARD-CHAR EXTENDED-CHAR STRING SIMPLE-STRING
BASE-STRING SIMPLE-BASE-STRING SYMBOL KEYWORD BOOLEAN NULL LIST CONS ATOM SEQUENCE ARRAY VECTOR SIMPLE-ARRAY
SIMPLE-VECTOR BIT-VECTOR SIMPLE-BIT-VECTOR HASH-TABLE FUNCTION COMPILED-FUNCTION PACKAGE RANDOM-STATE AND OR NOT
MEMBER EQL SATISFIES VALUES ERROR TYPE-ERROR SIMPLE-ERROR CONDITION * LAMBDA QUOTE"""


class FakeEngine:
    """Just what engine=True built-ins use (intern/sym/gensym, an output stream), plus a reader and a tiny
    evaluator of calls to built-ins so that tests can be written as Lisp forms and compared with SBCL's output."""

    def __init__(self) -> None:
        self.cl = Package("COMMON-LISP", nicknames=("CL",))
        self.cl.symbols["NIL"] = NIL
        self.cl.symbols["T"] = T
        self.keyword = Package("KEYWORD")
        self.clysm = Package("CLYSM", [self.cl])
        self.user = Package("COMMON-LISP-USER", [self.cl], nicknames=("CL-USER",))
        self.packages = {p.name: p for p in (self.cl, self.keyword, self.clysm, self.user)}
        self.output = io.StringIO()
        self.counter = 0
        for name in _CL_TYPE_NAMES.split():
            self.cl.intern(name)
        for spec in all_builtins():
            fn = spec.func
            if spec.needs_engine:
                fn = functools.partial(fn, self)
            self.packages[spec.package].intern(spec.name).function = fn

    def read(self, text: str) -> Any:
        forms = read_all(text, intern=lambda name, pkg: self.packages[pkg or "COMMON-LISP-USER"].intern(name))
        assert len(forms) == 1
        return forms[0]

    def eval(self, form: Any, env: dict[str, Any] | None = None) -> Any:
        """Calls of built-ins on literals, quoted data, #'name, variables bound by a (LAMBDA (vars) body)."""
        env = env or {}
        if isinstance(form, Symbol):
            if form is NIL or form is T or form.is_keyword:
                return form
            return env[form.name]
        if not isinstance(form, Cons):
            return form
        op = form.car
        if op.name == "QUOTE":
            return form.cdr.car
        if op.name == "FUNCTION":
            target = form.cdr.car
            if isinstance(target, Cons):  # (LAMBDA (vars...) body)
                params = [p.name for p in iter_list(target.cdr.car)]
                body = target.cdr.cdr.car
                return lambda *args: self.eval(body, {**env, **dict(zip(params, args, strict=True))})
            return target.function
        args = [primary(self.eval(a, env)) for a in iter_list(form.cdr)]
        return op.function(*args)

    def run(self, text: str, expected_error: str | None = None) -> str:
        """PRIN1 of every value of the form (joined by ' ; '), or 'ERROR <condition type>' (the expected type
        instead when the condition is of that type)."""
        try:
            result = self.eval(self.read(text))
        except LispError as e:
            name = e.condition.type_name
            if expected_error is not None and condition_subtypep(name, expected_error):
                name = expected_error
            return f"ERROR {name}"
        return " ; ".join(prin1_to_string(v, package=self.user) for v in mv(result))

    def check(self, form: str, expected: str) -> None:
        wanted_error = expected.split()[1] if expected.startswith("ERROR ") else None
        assert self.run(form, wanted_error) == expected

    def intern(self, name: str, package: str = "COMMON-LISP-USER") -> Symbol:
        return self.packages[package].intern(name)

    def sym(self, name: str) -> Symbol:
        return self.cl.intern(name)

    def gensym(self, prefix: str = "G") -> Symbol:
        self.counter += 1
        return Symbol(f"{prefix}{self.counter}")


_KEYWORDS = Package("KEYWORD")


def kw(name: str) -> Symbol:
    return _KEYWORDS.intern(name.upper())


def L(*items: Any) -> Any:  # noqa: N802
    result: Any = NIL
    for item in reversed(items):
        result = Cons(item, result)
    return result


def to_py(x: Any) -> Any:
    """A Lisp list (recursively) as a Python list, for comparisons."""
    if isinstance(x, Cons):
        out = []
        while isinstance(x, Cons):
            out.append(to_py(x.car))
            x = x.cdr
        if x is not NIL:
            out.append(("dot", to_py(x)))
        return out
    return x


def vec(*items: Any) -> LispVector:
    return LispVector(list(items))


def chars(text: str) -> list[Any]:
    return [char(ord(c)) for c in text]


def mv(result: Any) -> tuple[Any, ...]:
    """All values of a built-in's result."""
    if isinstance(result, mvalues.MultipleValues):
        return tuple(result)
    return (result,)


def primary(result: Any) -> Any:
    return mv(result)[0] if isinstance(result, mvalues.MultipleValues) else result


def sbcl_results(forms: list[str], expected: list[str]) -> list[str]:
    """Run every form in one SBCL process (double-float reading) and return the same shape of text as
    FakeEngine.run: values joined by ' ; ', or 'ERROR <type>' where <type> is the expected condition type when
    the signalled condition is of that type."""
    import os
    import subprocess
    import tempfile

    lines: list[str] = []
    for form, want in zip(forms, expected, strict=True):
        wanted_type = want.split()[1] if want.startswith("ERROR ") else "ERROR"
        lines.append(
            "(handler-case (let ((vs (multiple-value-list " + form + ")))"
            " (format t \"~{~s~^ ; ~}~%\" vs))"
            f" (error (e) (format t \"ERROR ~a~%\" (if (typep e '{wanted_type}) '{wanted_type} (type-of e)))))"
        )
    with tempfile.NamedTemporaryFile("w", suffix=".lisp", delete=False) as f:
        f.write("\n".join(lines))
    try:
        out = subprocess.run(
            ["sbcl", "--noinform", "--non-interactive", "--no-userinit", "--eval", "(setf *print-pretty* nil)",
             "--load", f.name],
            capture_output=True, text=True, timeout=120,
        )
    finally:
        os.unlink(f.name)
    results = [line for line in out.stdout.splitlines()]
    assert len(results) == len(forms), out.stdout + out.stderr
    return results
