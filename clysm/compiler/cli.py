# `clysm compile FILE [-o out.wasm] [--wat]`: compile every function a file defines to its Tier 2 JIT module (plus
# the runtime module they link against) so users can inspect them with any Wasm tool, or print them as WAT.
from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from clysm.lisp.types import Cons, Symbol

from .backend import compile_definition
from .ir import Tier2Unsupported
from .runtime import build_runtime

DEFINERS = ("DEFMACRO", "DEFVAR", "DEFPARAMETER", "DEFCONSTANT", "DEFSTRUCT", "IN-PACKAGE", "DEFPACKAGE",
            "EVAL-WHEN", "DEFTYPE", "DECLAIM", "PROCLAIM", "DEFGENERIC", "DEFCLASS", "DEFSETF", "DEFINE-CONDITION")


def wat_of(data: bytes) -> str:
    from clysm.wasm.wat import print_module

    return print_module(data)


def compile_forms(engine: Any, forms: list[Any]) -> list[tuple[Symbol, bytes | None, str | None]]:
    """(name, module bytes or None, reason it stayed in Tier 1 or None) for each DEFUN among `forms`; definitions
    (macros, variables, structures, functions) are evaluated in `engine` first so later forms can use them."""
    out: list[tuple[Symbol, bytes | None, str | None]] = []
    lam = engine.intern("LAMBDA", "COMMON-LISP")
    for form in forms:
        head = form.car if isinstance(form, Cons) else None
        name = getattr(head, "name", None)
        if name == "DEFUN" and isinstance(form.cdr, Cons) and isinstance(form.cdr.car, Symbol):
            engine.eval(form)
            fname = form.cdr.car
            try:
                data, _ = compile_definition(engine, fname, Cons(lam, form.cdr.cdr))
                out.append((fname, data, None))
            except Tier2Unsupported as e:
                out.append((fname, None, e.reason))
        elif name in DEFINERS:
            engine.eval(form)
    return out


def compile_file(file: str, *, output: str | None = None, wat: bool = False) -> int:
    from clysm.engine import Engine

    engine = Engine(tier="1")
    text = Path(file).read_text(encoding="utf-8")
    results = compile_forms(engine, engine.read_all(text, filename=file))
    compiled = [(n, d) for n, d, _ in results if d is not None]
    for fname, _, reason in results:
        if reason is not None:
            print(f";; {fname.name}: stays in Tier 1: {reason}", file=sys.stderr)
    if output:
        out = Path(output)
        stem = out.with_suffix("")
        runtime_path = Path(f"{stem}-runtime.wasm")
        runtime_path.write_bytes(build_runtime())
        for fname, data in compiled:
            path = out if len(compiled) == 1 else Path(f"{stem}-{_file_part(fname.name)}.wasm")
            path.write_bytes(data)
            print(f";; {fname.name}: {len(data)} bytes -> {path}", file=sys.stderr)
        print(f";; runtime module -> {runtime_path}", file=sys.stderr)
    if wat or not output:
        for fname, data in compiled:
            print(f";; ---- {fname.name} ----")
            print(wat_of(data))
    return 0 if compiled or not results else 1


def _file_part(name: str) -> str:
    return "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in name.lower())
