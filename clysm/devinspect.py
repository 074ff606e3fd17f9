# Inspection for the development tools (clysm/devtools.py): the text of DISASSEMBLE (a Tier 2 function's
# WebAssembly as WAT, a Tier 1 function's generated Python source), of DESCRIBE (SBCL-like, implementation-
# specific by the standard), and APROPOS / APROPOS-LIST.
from __future__ import annotations

import types
from typing import Any

from clysm.eval import errors
from clysm.lisp.types import NIL, Cons, Package, Symbol

# ---------------------------------------------------------------------------------------------- DISASSEMBLE


def _resolve(engine: Any, what: Any) -> tuple[str, Any, Any]:
    """(label, tiered function or None, the function object) of DISASSEMBLE's argument: a function name, a
    function, or a lambda expression (compiled first, as CLHS says)."""
    tiering = engine.tiering
    if isinstance(what, Cons) and what.car is engine.sym("LAMBDA"):
        fn = engine.compile_tiered(None, what)
        return engine.prin1(what)[:60], tiering.tiered_of(fn), fn
    sym: Symbol | None = None
    if isinstance(what, Symbol) and what is not NIL:
        sym = what
    elif isinstance(what, Cons) and what.car is engine.sym("SETF") and isinstance(what.cdr, Cons):
        sym = engine.setf_function_symbol(what.cdr.car)
    if sym is not None:
        fn = sym.function
        if fn is None:
            if sym.macro is not None:
                fn = sym.macro
            else:
                errors.undefined_function(engine.prin1(what))
        fn = getattr(fn, "traced_original", fn)
        tf = tiering.functions.get(sym)
        if tf is not None and fn not in (tf.tier1, tf.tier2, tf.entry):
            tf = tiering.tiered_of(fn)
        return engine.prin1(what), tf if tf is not None else tiering.tiered_of(fn), fn
    if callable(what) and not isinstance(what, (Symbol, Cons, type)):
        fn = getattr(what, "traced_original", what)
        tf = tiering.tiered_of(fn)
        if tf is None:
            for cand in tiering.functions.values():
                if cand.tier2 is fn:
                    tf = cand
                    break
        name = tf.name if tf is not None else getattr(fn, "lisp_name", None)
        label = engine.prin1(name) if isinstance(name, Symbol) else "an anonymous function"
        return label, tf, fn
    errors.type_error(what, "(OR FUNCTION SYMBOL (CONS (EQL SETF) (CONS SYMBOL NULL)) (CONS (EQL LAMBDA) T))",
                      "DISASSEMBLE")
    raise AssertionError


def disassemble_text(engine: Any, what: Any) -> str:
    label, tf, fn = _resolve(engine, what)
    if tf is not None and tf.tier == 2 and tf.wasm_bytes:
        return _tier2_text(label, tf)
    if tf is not None:
        return _tier1_text(engine, label, tf)
    return (f"; disassembly for {label}\n; a built-in function of clysm, written in Python "
            f"({getattr(fn, '__module__', '?')}.{getattr(fn, '__qualname__', '?')}): nothing to disassemble\n")


def _tier2_text(label: str, tf: Any) -> str:
    from clysm.wasm.wat import print_module

    data: bytes = tf.wasm_bytes
    head = [f"; disassembly for {label}",
            f"; Tier 2: WebAssembly GC, promoted at call {tf.promoted_at_call}, JIT module of {len(data):,} bytes "
            f"(compiled in {tf.compile_ms or 0:.1f} ms)",
            "; the module's own functions (its types and runtime imports are shared by every JIT module):"]
    try:
        wat = print_module(data)
    except Exception as e:  # noqa: BLE001  (a printer bug must not hide that the function is in Tier 2)
        return "\n".join([*head, f"; (the WAT printer failed: {e})"]) + "\n"
    lines = wat.splitlines()
    keep: list[str] = []
    inside = False
    for line in lines:
        if line.startswith("  (func "):
            inside = True
        if inside:
            keep.append(line)
            if line == "  )":
                inside = False
    globals_ = [ln for ln in lines if ln.startswith("  (global ") or ln.startswith("  (export ")]
    return "\n".join([*head, *globals_, *keep]) + "\n"


def _tier1_text(engine: Any, label: str, tf: Any) -> str:
    head = [f"; disassembly for {label}"]
    if tf.tier2_error is not None:
        head.append(f"; Tier 1 (stays there: {tf.tier2_error})")
    else:
        threshold = engine.threshold
        head.append(f"; Tier 1 (Python): {tf.calls} call(s) so far; promoted to Tier 2 (WebAssembly) after "
                    f"{threshold} calls")
    code = getattr(tf.tier1, "__code__", None)
    src = _python_source(engine, code) if code is not None else None
    if src is None:
        head.append("; (the generated Python source is no longer cached)")
        return "\n".join(head) + "\n"
    head.append("; the Python that Tier 1 generated and runs for it:")
    return "\n".join(head) + "\n" + src


def _python_source(engine: Any, code: types.CodeType) -> str | None:
    """The generated source of the function whose code object is `code` (from the engine's code cache)."""
    for src, unit_code in list(engine.code_cache.items()):
        if _contains(unit_code, code):
            lines = src.splitlines()
            start = code.co_firstlineno - 1
            if not 0 <= start < len(lines):
                return src
            first = lines[start]
            indent = len(first) - len(first.lstrip())
            out = [first[indent:]]
            for line in lines[start + 1:]:
                if line.strip() and len(line) - len(line.lstrip()) <= indent:
                    break
                out.append(line[indent:])
            return "\n".join(out).rstrip() + "\n"
    return None


def _contains(outer: types.CodeType, code: types.CodeType) -> bool:
    todo = [outer]
    while todo:
        c = todo.pop()
        if c is code:
            return True
        todo.extend(k for k in c.co_consts if isinstance(k, types.CodeType))
    return False


# ---------------------------------------------------------------------------------------------- DESCRIBE

def describe(engine: Any, x: Any) -> str:
    """DESCRIBE's text: SBCL's layout (object, [type], then what the object names or holds)."""
    p = engine.prin1
    type_of = engine.sym("TYPE-OF").function
    lines = [_fully_qualified(engine, x) if isinstance(x, Symbol) else p(x)]
    t = type_of(x)
    kind = t.car if isinstance(t, Cons) else t
    lines.append(f"  [{engine.princ(kind).lower() if isinstance(kind, Symbol) else p(kind)}]")
    if isinstance(x, Symbol):
        lines.extend(_describe_symbol(engine, x))
    elif isinstance(x, Cons):
        pass
    elif isinstance(x, str):
        lines += ["", "Element-type: CHARACTER", f"Length: {len(x)}"]
    elif callable(x) and not isinstance(x, type):
        lines += [""] + _describe_function(engine, x, "")
    return "\n".join(lines) + "\n"


def _describe_symbol(engine: Any, sym: Symbol) -> list[str]:
    p = engine.prin1
    out: list[str] = []
    tools = engine.devtools
    if sym.constant or sym.special:
        what = "constant" if sym.constant else "special"
        out += ["", f"{p(sym)} names a {what} variable:"]
        value = getattr(sym, "value", None)
        from clysm.lisp.types import UNBOUND

        out.append(f"  Value: {p(value)}" if value is not UNBOUND and value is not None else "  Unbound")
        doc = tools.get_doc(sym, "VARIABLE")
        if doc:
            out += ["  Documentation:", *("    " + d for d in doc.splitlines())]
    if sym.macro is not None and sym.function is None:
        out += ["", f"{p(sym)} names a macro:"]
        doc = tools.get_doc(sym, "FUNCTION")
        if doc:
            out += ["  Documentation:", *("    " + d for d in doc.splitlines())]
    elif sym.function is not None:
        out += ["", f"{p(sym)} names a {'traced ' if sym in tools.traced else ''}compiled function:"]
        out += _describe_function(engine, sym.function, "  ", sym)
    deftypes = tools.deftypes
    if sym in deftypes:
        out += ["", f"{p(sym)} names a type-specifier:", f"  Lambda-list: {p(deftypes[sym][1])}"]
        doc = tools.get_doc(sym, "TYPE")
        if doc:
            out += ["  Documentation:", *("    " + d for d in doc.splitlines())]
    return out


def _describe_function(engine: Any, fn: Any, pad: str, sym: Symbol | None = None) -> list[str]:
    from clysm.devtools import function_docstring

    p = engine.prin1
    fn = getattr(fn, "traced_original", fn)
    tf = engine.tiering.functions.get(sym) if sym is not None else None
    if tf is None:
        tf = engine.tiering.tiered_of(fn)
    out: list[str] = []
    if tf is not None and isinstance(tf.definition, Cons) and isinstance(tf.definition.cdr, Cons):
        out.append(f"{pad}Lambda-list: {p(tf.definition.cdr.car)}")
    doc = (engine.devtools.get_doc(sym, "FUNCTION") if sym is not None else None) or function_docstring(engine, fn)
    if doc:
        out += [f"{pad}Documentation:", *(f"{pad}  " + d for d in doc.splitlines())]
    if tf is not None:
        if tf.tier == 2:
            out.append(f"{pad}Tier: 2 (WebAssembly GC since call {tf.promoted_at_call}; {tf.calls} calls; "
                       f"{tf.module_size or 0:,}-byte module)")
        else:
            why = f"; stays in Tier 1: {tf.tier2_error}" if tf.tier2_error else ""
            out.append(f"{pad}Tier: 1 (Python; {tf.calls} calls{why})")
    else:
        out.append(f"{pad}Built-in (Python)")
    return out


def _fully_qualified(engine: Any, sym: Symbol) -> str:
    pkg = sym.package
    if pkg is None:
        return f"#:{sym.name}"
    if pkg is engine.keyword_package:
        return engine.prin1(sym)
    name = engine.prin1(sym).rsplit(":", 1)[-1]
    external = getattr(pkg, "external", None)
    sep = ":" if pkg is engine.cl_package or (external is not None and sym.name in external) else "::"
    return f"{pkg.name}{sep}{name}"


# ---------------------------------------------------------------------------------------------- APROPOS

def _packages(engine: Any, package: Any) -> list[Package]:
    if package is NIL:
        seen: list[Package] = []
        for pkg in engine.packages.values():
            if pkg not in seen:
                seen.append(pkg)
        return seen
    pkg = engine.find_package(package)
    if pkg is None:
        errors.signal_error("PACKAGE-ERROR", f"The name {engine.prin1(package)} does not designate any package.",
                            PACKAGE=package)
    return [pkg]


def apropos_list(engine: Any, string: Any, package: Any = NIL) -> list[Symbol]:
    text = string.name if isinstance(string, Symbol) else string
    if not isinstance(text, str):
        errors.type_error(string, "STRING-DESIGNATOR", "APROPOS-LIST")
    text = text.upper()
    found: list[Symbol] = []
    seen: set[int] = set()
    for pkg in _packages(engine, package):
        for sym in list(pkg.symbols.values()):
            if text in sym.name.upper() and id(sym) not in seen:
                seen.add(id(sym))
                found.append(sym)
    found.sort(key=lambda s: (s.package.name if s.package is not None else "", s.name))
    return found


def apropos_functions(engine: Any) -> list[tuple[str, str, Any]]:
    def apropos_list_(string: Any, package: Any = NIL) -> Any:
        out: Any = NIL
        for sym in reversed(apropos_list(engine, string, package)):
            out = Cons(sym, out)
        return out

    def apropos(string: Any, package: Any = NIL) -> Any:
        lines = []
        for sym in apropos_list(engine, string, package):
            line = _fully_qualified(engine, sym) if sym.package is not engine.current_package() \
                else engine.prin1(sym)
            if sym.special or sym.constant:
                from clysm.lisp.types import UNBOUND

                v = getattr(sym, "value", UNBOUND)
                if v is not UNBOUND and v is not None:
                    line += f" = {engine.prin1(v)}"
            if sym.function is not None:
                line += " (fbound)"
            elif sym.macro is not None:
                line += " (macro)"
            lines.append(line)
        engine.output.write("".join(ln + "\n" for ln in lines))
        return NIL

    cl = "COMMON-LISP"
    return [("APROPOS-LIST", cl, apropos_list_), ("APROPOS", cl, apropos)]


__all__ = ["disassemble_text", "describe", "apropos_list", "apropos_functions"]
