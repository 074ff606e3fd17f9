# Every JIT module starts from one per-process skeleton (skeleton.skeleton: the ABI rec group, the runtime imports and
# their names, encoded once) and compile_definition keeps one Syms per engine: these tests check that the sharing
# leaks nothing from one module into the next and that the modules keep the names the WAT views show.
from __future__ import annotations

from clysm.compiler.backend import compile_definition
from clysm.lisp.types import Cons
from clysm.wasm.wat import print_module
from tests.compiler.mini_engine import MiniEngine

FIB = "(defun fib (n) (if (< n 2) n (+ (fib (- n 1)) (fib (- n 2)))))"
OTHER = "(defun other (x &key (k 'sym) q) (list* x k q '(1 2 \"s\") (mapcar #'car x)))"


def _compile(engine: MiniEngine, text: str) -> bytes:
    (form,) = engine.read(text)
    data, _ = compile_definition(engine, form.cdr.car, Cons(engine.intern("LAMBDA", "COMMON-LISP"), form.cdr.cdr))
    return data


def test_modules_do_not_depend_on_what_was_compiled_before() -> None:
    """A function's module is the same bytes whether it is the first module of the process or comes after
    others (with other constants, registry imports, key arrays and names) in this or another engine."""
    first = _compile(MiniEngine(), FIB)
    engine = MiniEngine()
    _compile(engine, OTHER)
    assert _compile(engine, FIB) == first
    _compile(MiniEngine(), OTHER)
    assert _compile(MiniEngine(), FIB) == first


def test_jit_module_wat_keeps_readable_names() -> None:
    """The skeleton's names (types, fields, runtime imports, table, globals) and the module's own (registry
    imports, functions, parameters, constants) are all in the name section the WAT views print from."""
    text = print_module(_compile(MiniEngine(), FIB))
    for expected in ("(type $closure", "(field $car", '(import "rt" "to_wire" (func $rt.to_wire',
                     '(import "reg" "add" (func $reg.add', "(table $fns", "(global $nil", "(global $mvc",
                     "(func $slow_add", "(func $start", "(global $self_wire", "(global $self", "(param $n eqref)",
                     "call $rt.argc_error"):
        assert expected in text, expected


def test_compile_definition_keeps_one_syms_per_engine() -> None:
    """Without `syms`, compile_definition interns the compiler's symbols once per engine, not once per call."""
    engine = MiniEngine()
    _compile(engine, FIB)
    syms = engine._tier2_syms
    _compile(engine, OTHER)
    assert engine._tier2_syms is syms
    other = MiniEngine()
    _compile(other, FIB)
    assert other._tier2_syms is not syms


def test_modules_import_only_the_runtime_functions_they_call() -> None:
    """Besides skeleton.RT_FIXED, rt function imports are given in order of first use into skeleton.RT_SLOTS
    reserved slots; the slots left over import to_wire again: no other runtime function is imported."""
    import re

    from clysm.compiler import skeleton

    for src in (FIB, OTHER):
        text = print_module(_compile(MiniEngine(), src))
        imported = re.findall(r'\(import "rt" "(\w+)" \(func', text)
        assert len(imported) == len(skeleton.RT_FIXED) + skeleton.RT_SLOTS
        named = set(re.findall(r'\(import "rt" "\w+" \(func \$rt\.(\w+)', text))
        called = set(re.findall(r"call \$rt\.(\w+)", text))
        assert called <= named and named - called <= set(skeleton.RT_FIXED)
        assert set(imported) == named and "vec_make" not in named
