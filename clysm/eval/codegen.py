# Tier 1 code generation: IR (clysm.eval.ir) -> Python source -> Python closures. One top-level form becomes one
# *unit*: a module-like source with a factory `__mkN(penv)` per Lisp lambda and a thunk `__top()`.
# Conventions in the generated code:
# - Lisp variables not captured by closures are Python locals; captured ones live in *frames*: Python lists
#   `[parent_frame, v1, v2, ...]` made fresh at each entry of their binding form; a closure keeps the innermost
#   frame (`penv`) and reaches outer ones through slot 0.
# - Special variables are shallow-bound: save the symbol's value, set it, restore it in `finally`.
# - Every node is compiled in one of four modes: expr (a Python expression, statements may be emitted before it),
#   stmt (for effect), test (a Python bool) or into(target) (assign / return, keeping the multiple-values
#   register right when the target wants all values; see clysm.eval.values).
# - Exits: RETURN-FROM a block whose value is the function's value is a Python `return`; GO to the innermost
#   tagbody loop is `continue`; everything else raises ReturnFromExit/GoExit (clysm.eval.runtime).
from __future__ import annotations

import re
import types
import warnings
from fractions import Fraction
from typing import Any

from clysm.eval import ir, primops, runtime
from clysm.eval.codegen_forms import FormsMixin
from clysm.eval.ir import Node, Var
from clysm.eval.values import MultipleValues
from clysm.lisp.types import NIL, UNBOUND, Cons, SingleFloat, Symbol, T

EXPR_DEPTH_LIMIT = 24
_LITERAL = re.compile(r"-?\d+\Z")


class Target:
    """Where a value goes: kind 'ret' (return from the Python function) or 'var' (assign `name`); `mv` when all
    values are wanted (the register must describe them afterwards)."""

    __slots__ = ("kind", "name", "mv")

    def __init__(self, kind: str, name: str = "", mv: bool = False) -> None:
        self.kind = kind
        self.name = name
        self.mv = mv


class FrameInfo:
    __slots__ = ("pyname", "vars")

    def __init__(self, pyname: str) -> None:
        self.pyname = pyname
        self.vars: list[Var] = []


class Unit:
    """One compilation unit: the generated source and the objects it refers to."""

    def __init__(self, engine: Any) -> None:
        self.engine = engine
        self.globals: dict[str, Any] = dict(engine.codegen_globals)
        self.consts: dict[int, str] = {}
        self.defs: list[str] = []
        self.init: list[str] = []
        self.counter = 0

    def fresh(self, prefix: str) -> str:
        self.counter += 1
        return f"{prefix}{self.counter}"

    def const(self, obj: Any) -> str:
        """A Python expression for a Lisp object (a literal for small numbers, else a unit global)."""
        t = type(obj)
        if t is int and -(1 << 62) < obj < (1 << 62):
            return str(obj) if obj >= 0 else f"({obj})"
        if obj is NIL:
            return "NIL"
        if obj is T:
            return "T"
        key = id(obj)
        name = self.consts.get(key)
        if name is None:
            name = self.consts[key] = f"K{len(self.consts)}"
            self.globals[name] = obj
        return name

    def source(self, top_lines: list[str]) -> str:
        return "\n".join([*self.defs, *self.init, "def __top():", *top_lines, ""])


class FnGen(FormsMixin):
    """Generates the body of one Python function."""

    def __init__(self, unit: Unit, info: ir.LambdaInfo, outer: list[FrameInfo], indent: int) -> None:
        self.unit = unit
        self.info = info
        self.outer = outer  # frames reachable through penv, innermost first
        self.has_penv = info.needs_penv and bool(outer)
        self.frames: list[FrameInfo] = []
        self.lines: list[str] = []
        self.ind = indent
        self.loops: list[int] = []  # ids of enclosing Python loops (tagbodies), innermost last
        self.finally_mark: int | None = None  # len(self.loops) when the innermost finally: began
        self.stable: set[str] = {"NIL", "T"}
        self.edepth = 0
        self.try_depth = 0  # try: blocks enclosing the current point (a self tail call may not leave them)
        self.fname = ""  # the Python name of the function being generated (for self tail calls)
        self.self_tail_used = False
        self.tiered = False

    # ------------------------------------------------------------------------------------------ emission
    def emit(self, line: str) -> None:
        self.lines.append("    " * self.ind + line)

    def tmp(self) -> str:
        t = self.unit.fresh("_t")
        self.stable.add(t)
        return t

    def block_start(self) -> int:
        self.ind += 1
        return len(self.lines)

    def block_end(self, mark: int) -> None:
        if len(self.lines) == mark:
            self.emit("pass")
        self.ind -= 1

    def is_stable(self, e: str) -> bool:
        return e in self.stable or bool(_LITERAL.match(e)) or (e.startswith("K") and e[1:].isdigit())

    def atom(self, e: str) -> str:
        if self.is_stable(e):
            return e
        t = self.tmp()
        self.emit(f"{t} = {e}")
        return t

    def in_finally(self) -> bool:
        return self.finally_mark is not None

    # ------------------------------------------------------------------------------------------ variables
    def frame_expr(self, frame: FrameInfo) -> str:
        for f in self.frames:
            if f is frame:
                return f.pyname
        for i, f in enumerate(self.outer):
            if f is frame:
                return "penv" + "[0]" * i
        raise AssertionError("frame not reachable")

    def current_frame(self) -> str:
        if self.frames:
            return self.frames[-1].pyname
        return "penv" if self.has_penv else "None"

    def chain(self) -> list[FrameInfo]:
        """Frames a closure created here can reach, innermost first."""
        return list(reversed(self.frames)) + (self.outer if self.has_penv else [])

    def var_get(self, var: Var) -> str:
        if var.frame is None:
            return var.pyname
        return f"{self.frame_expr(var.frame)}[{var.slot}]"

    def new_local(self, var: Var, name: str | None = None) -> str:
        var.pyname = name or self.unit.fresh("v")
        if not var.assigned:
            self.stable.add(var.pyname)
        return var.pyname

    def open_frame(self, vars_: list[Var]) -> FrameInfo | None:
        """Allocate a frame for the captured ones among vars_ (does not emit its creation)."""
        captured = [v for v in vars_ if v.captured]
        if not captured:
            return None
        frame = FrameInfo(self.unit.fresh("f"))
        for i, v in enumerate(captured, 1):
            v.frame = frame
            v.slot = i
            frame.vars.append(v)
        return frame

    # ------------------------------------------------------------------------------------------ expressions
    def expr(self, node: Node) -> str:
        self.edepth += 1
        try:
            if self.edepth > EXPR_DEPTH_LIMIT:
                saved, self.edepth = self.edepth, 0
                try:
                    return self.atom(self._expr(node))
                finally:
                    self.edepth = saved
            return self._expr(node)
        finally:
            self.edepth -= 1

    def _expr(self, node: Node) -> str:
        t = type(node)
        if t is ir.Const:
            return self.unit.const(node.value)  # type: ignore[attr-defined]
        if t is ir.LRef:
            return self.var_get(node.var)  # type: ignore[attr-defined]
        if t is ir.Prim:
            return self.prim_value(node)  # type: ignore[arg-type]
        if t is ir.Call:
            return self.call_expr(node)  # type: ignore[arg-type]
        if t is ir.If:
            return self.if_expr(node)  # type: ignore[arg-type]
        if t is ir.SRef:
            k = self.unit.const(node.sym)  # type: ignore[attr-defined]
            v = self.tmp()
            return f"({v} if ({v} := {k}.value) is not UNBOUND else _unbound({k}))"
        if t is ir.Progn:
            for f in node.forms[:-1]:  # type: ignore[attr-defined]
                self.stmt(f)
            return self.expr(node.forms[-1])  # type: ignore[attr-defined]
        if t is ir.LSet:
            var = node.var  # type: ignore[attr-defined]
            e = self.expr(node.value)  # type: ignore[attr-defined]
            if var.frame is None:
                return f"({var.pyname} := {e})"
            e = self.atom(e)
            self.emit(f"{self.var_get(var)} = {e}")
            return e
        if t is ir.SSet:
            e = self.atom(self.expr(node.value))  # type: ignore[attr-defined]
            self.emit(f"{self.unit.const(node.sym)}.value = {e}")  # type: ignore[attr-defined]
            return e
        if t is ir.Lambda:
            return self.closure(node.info)  # type: ignore[attr-defined]
        if t is ir.GFunction:
            k = self.unit.const(node.sym)  # type: ignore[attr-defined]
            return f"({k}.function or _undef({k}))"
        if t is ir.Values:
            args = self.exprs(node.args)  # type: ignore[attr-defined]
            if not args:
                return "NIL"
            if len(args) == 1:
                return args[0]
            first = self.atom(args[0])
            for a in args[1:]:
                if not self.is_stable(a):
                    self.emit(a)
            return first
        if t is ir.Go or t is ir.ReturnFrom or t is ir.Throw:
            self.stmt(node)
            return "NIL"
        # statement-shaped forms: compute into a temporary
        v = self.tmp()
        self.into(node, Target("var", v))
        return v

    def exprs(self, nodes: list[Node]) -> list[str]:
        """Expressions for nodes evaluated left to right (earlier ones are saved when a later one needs
        statements)."""
        out: list[str] = []
        for node in nodes:
            saved = self.lines
            self.lines = []
            e = self.expr(node)
            sub = self.lines
            self.lines = saved
            if sub:
                for i, prev in enumerate(out):
                    if not self.is_stable(prev):
                        t = self.tmp()
                        self.emit(f"{t} = {prev}")
                        out[i] = t
                self.lines.extend(sub)
            out.append(e)
        return out

    def operands(self, nodes: list[Node], multi_use: bool) -> list[primops.Operand]:
        es = self.exprs(nodes)
        out: list[primops.Operand] = []
        for node, e in zip(nodes, es, strict=True):
            is_int = isinstance(node, ir.Const) and type(node.value) is int
            if not multi_use or self.is_stable(e) or is_int:
                out.append((e, e, is_int))
            else:
                t = self.tmp()
                out.append((f"({t} := {e})", t, False))
        return out

    def prim_value(self, node: ir.Prim) -> str:
        ops = self.operands(node.args, primops.uses_operand_twice(node.name))
        return primops.value_expr(node.name, ops, self.unit.const(node.fn))

    def if_expr(self, node: ir.If) -> str:
        test = self.test(node.test)
        saved = self.lines
        self.lines = []
        then = self.expr(node.then)
        then_lines = self.lines
        self.lines = []
        else_ = self.expr(node.else_)
        else_lines = self.lines
        self.lines = saved
        if not then_lines and not else_lines:
            return f"({then} if {test} else {else_})"
        v = self.tmp()
        self.emit(f"if {test}:")
        self.ind += 1
        self.lines.extend("    " + ln for ln in then_lines)
        self.emit(f"{v} = {then}")
        self.ind -= 1
        self.emit("else:")
        self.ind += 1
        self.lines.extend("    " + ln for ln in else_lines)
        self.emit(f"{v} = {else_}")
        self.ind -= 1
        return v

    # ------------------------------------------------------------------------------------------ tests
    def test(self, node: Node) -> str:
        t = type(node)
        if t is ir.Prim and node.name in primops.PREDICATES:  # type: ignore[attr-defined]
            ops = self.operands(node.args, primops.uses_operand_twice(node.name))  # type: ignore[attr-defined]
            r = primops.test_expr(node.name, ops, self.unit.const(node.fn))  # type: ignore[attr-defined]
            assert r is not None
            return r
        if t is ir.Const:
            return "False" if node.value is NIL else "True"  # type: ignore[attr-defined]
        if t is ir.If:
            c = self.test(node.test)  # type: ignore[attr-defined]
            saved = self.lines
            self.lines = []
            a = self.test(node.then)  # type: ignore[attr-defined]
            la = self.lines
            self.lines = []
            b = self.test(node.else_)  # type: ignore[attr-defined]
            lb = self.lines
            self.lines = saved
            if not la and not lb:
                return f"({a} if {c} else {b})"
            v = self.tmp()
            self.emit(f"if {c}:")
            self.lines.extend("    " + ln for ln in la)
            self.emit(f"    {v} = {a}")
            self.emit("else:")
            self.lines.extend("    " + ln for ln in lb)
            self.emit(f"    {v} = {b}")
            return v
        if t is ir.Progn:
            for f in node.forms[:-1]:  # type: ignore[attr-defined]
                self.stmt(f)
            return self.test(node.forms[-1])  # type: ignore[attr-defined]
        return f"{self.expr(node)} is not NIL"

    # ------------------------------------------------------------------------------------------ statements
    def stmt(self, node: Node) -> None:
        t = type(node)
        if t is ir.Const or t is ir.LRef or t is ir.Lambda:
            return
        if t is ir.LSet:
            var = node.var  # type: ignore[attr-defined]
            e = self.expr(node.value)  # type: ignore[attr-defined]
            self.emit(f"{self.var_get(var)} = {e}")
            return
        if t is ir.Progn:
            for f in node.forms:  # type: ignore[attr-defined]
                self.stmt(f)
            return
        if t is ir.If:
            self.if_stmt(node)  # type: ignore[arg-type]
            return
        if t is ir.Go:
            self.go(node)  # type: ignore[arg-type]
            return
        if t is ir.ReturnFrom:
            self.return_from(node)  # type: ignore[arg-type]
            return
        if t is ir.Throw:
            self.throw(node)  # type: ignore[arg-type]
            return
        if t in _STATEMENT_FORMS:
            self.into(node, Target("none"))
            return
        e = self.expr(node)
        if not self.is_stable(e) and not self._is_plain_read(e):
            self.emit(e)

    def if_stmt(self, node: ir.If, target: Target | None = None) -> None:
        """IF as statements (for effect when target is None), with elif chains."""
        first = True
        cur: Node = node
        while True:
            assert isinstance(cur, ir.If)
            if first:
                self.emit(f"if {self.test(cur.test)}:")
            else:
                saved = self.lines
                self.lines = []
                c = self.test(cur.test)
                sub = self.lines
                self.lines = saved
                if sub:  # the condition needs statements: no elif
                    self.emit("else:")
                    self.ind += 1
                    self.lines.extend("    " + ln for ln in sub)
                    self.emit(f"if {c}:")
                    mark = self.block_start()
                    self._branch(cur.then, target)
                    self.block_end(mark)
                    self.emit("else:")
                    mark = self.block_start()
                    self._branch(cur.else_, target)
                    self.block_end(mark)
                    self.ind -= 1
                    return
                self.emit(f"elif {c}:")
            mark = self.block_start()
            self._branch(cur.then, target)
            self.block_end(mark)
            first = False
            nxt = cur.else_
            if isinstance(nxt, ir.If):
                cur = nxt
                continue
            if target is None and isinstance(nxt, ir.Const):
                return
            self.emit("else:")
            mark = self.block_start()
            self._branch(nxt, target)
            self.block_end(mark)
            return

    def _branch(self, node: Node, target: Target | None) -> None:
        if target is None:
            self.stmt(node)
        else:
            self.into(node, target)

    # ------------------------------------------------------------------------------------------ into
    def deliver(self, target: Target, e: str, mv_defined: bool) -> None:
        """Put value `e` into `target`. Unless mv_defined, the register is cleared for an all-values target."""
        if target.kind == "none":
            if not self.is_stable(e):
                self.emit(e)
            return
        if target.mv and not mv_defined:
            if not self.is_stable(e) and not self._is_plain_read(e):
                t = self.tmp()
                self.emit(f"{t} = {e}")
                e = t
            self.emit("_E.mv = None")
        if target.kind == "ret":
            self.emit(f"return {e}")
        else:
            self.emit(f"{target.name} = {e}")

    @staticmethod
    def _is_plain_read(e: str) -> bool:
        return e.isidentifier() or bool(re.fullmatch(r"[A-Za-z_]\w*(\[\d+\])+", e))

    def into(self, node: Node, target: Target) -> None:
        t = type(node)
        handler = _INTO.get(t)
        if handler is not None:
            handler(self, node, target)
            return
        if target.kind == "none":
            self.stmt(node)
            return
        self.deliver(target, self.expr(node), False)

    def into_if(self, node: ir.If, target: Target) -> None:
        self.if_stmt(node, target)

    def into_progn(self, node: ir.Progn, target: Target) -> None:
        for f in node.forms[:-1]:
            self.stmt(f)
        self.into(node.forms[-1], target)

    def into_values(self, node: ir.Values, target: Target) -> None:
        args = [self.atom(e) for e in self.exprs(node.args)]
        if target.kind == "none":
            return
        if target.mv:
            if len(args) == 1:
                self.emit("_E.mv = None")
            else:
                self.emit(f"_E.mv = ({', '.join(args)}{',' if len(args) == 1 else ''})")
        self.deliver(target, args[0] if args else "NIL", True)

    # ------------------------------------------------------------------------------------------ calls
    def callee(self, node: ir.Call) -> str:
        kind = node.kind
        if kind == "global":
            k = self.unit.const(node.target)
            return f"({k}.function or _undef({k}))"
        if kind == "local":
            return self.var_get(node.target)
        if kind == "builtin":
            return self.unit.const(node.fn)
        e = self.expr(node.target)
        if isinstance(node.target, ir.Lambda):
            return e
        v = self.tmp()
        return f"({v} if type({v} := {e}) is _FN else _fdesig({v}))"

    def call_text(self, node: ir.Call, atoms: bool) -> str:
        saved = self.lines
        self.lines = []
        f = self.callee(node)
        callee_lines = self.lines
        self.lines = saved
        if callee_lines:
            self.lines.extend(callee_lines)
        if callee_lines or atoms:
            f = self.atom(f) if node.kind == "value" or callee_lines else f
        args = self.exprs(node.args)
        if atoms:
            args = [self.atom(a) for a in args]
        if node.needs_engine:
            args = ["_E", *args]
        return f"{f}({', '.join(args)})"

    def call_expr(self, node: ir.Call) -> str:
        text = self.call_text(node, False)
        if (node.kind == "builtin" and node.mv) or node.kind == "value":
            v = self.tmp()
            return f"(_pr({v}) if type({v} := {text}) is _MV else {v})"
        return text

    def self_tail_call(self, node: ir.Call) -> bool:
        """Is `node`, in return position, a call of the function being generated that can become a jump back
        to its start (no Python loop, try block or finally between)? Then emit it and return True."""
        info = self.info
        params = info.params
        if (not self.fname or params is None or not params.simple or self.loops or self.try_depth
                or self.finally_mark is not None or len(node.args) != len(params.required)):
            return False
        if node.kind == "global":
            if not (info.tiered and node.target is info.name):
                return False
        elif node.kind != "local" or info.self_var is None or node.target is not info.self_var:
            return False
        temps = []
        for e in self.exprs(node.args):
            if _LITERAL.match(e) or (e.startswith("K") and e[1:].isdigit()) or e in ("NIL", "T"):
                temps.append(e)
            else:
                t = self.tmp()
                self.emit(f"{t} = {e}")
                temps.append(t)
        if node.kind == "global":
            k = self.unit.const(node.target)
            self.emit(f"if {k}.function is {self.fname}:")
            self.ind += 1
        for i, t in enumerate(temps):
            self.emit(f"p{i} = {t}")
        if self.tiered:
            self.tier_prologue(params)
        self.emit("continue")
        self.self_tail_used = True
        if node.kind == "global":
            self.ind -= 1
            r = self.tmp()
            self.emit("_E.mv = None")
            self.emit(f"{r} = {k}.function({', '.join(temps)})")
            self.emit(f"if type({r}) is _MV: {r} = _mvset({r})")
            self.emit(f"return {r}")
        return True

    def into_call(self, node: ir.Call, target: Target) -> None:
        if target.kind == "ret" and target.mv and self.self_tail_call(node):
            return
        if not target.mv:
            if target.kind == "none":
                self.emit(self.call_text(node, False))
            else:
                self.deliver(target, self.call_expr(node), True)
            return
        kind = node.kind
        lisp_callee = kind in ("global", "local", "value") or node.pass_through
        text = self.call_text(node, lisp_callee)
        r = self.tmp()
        if lisp_callee:
            self.emit("_E.mv = None")
            self.emit(f"{r} = {text}")
            if kind != "local":
                self.emit(f"if type({r}) is _MV: {r} = _mvset({r})")
        elif node.mv:
            self.emit(f"{r} = {text}")
            self.emit(f"if type({r}) is _MV: {r} = _mvset({r})")
            self.emit("else: _E.mv = None")
        else:
            self.emit(f"{r} = {text}")
            self.emit("_E.mv = None")
        self.deliver(target, r, True)

    # ------------------------------------------------------------------------------------------ closures
    def closure(self, info: ir.LambdaInfo) -> str:
        factory = generate_lambda(self.unit, info, self.chain() if info.needs_penv else [])
        if info.needs_penv:
            return f"{factory}({self.current_frame()})"
        name = self.unit.fresh("C")
        self.unit.init.append(f"{name} = {factory}(None)")
        self.stable.add(name)
        return name


_STATEMENT_FORMS: set[type] = set()
_INTO: dict[type, Any] = {}


def generate_lambda(unit: Unit, info: ir.LambdaInfo, chain: list[FrameInfo], tiered: bool = False) -> str:
    """Emit `def __mkN(penv[, _tf]): def fn(...): ...; return fn` into the unit; return the factory name."""
    n = unit.counter = unit.counter + 1
    factory = f"__mk{n}"
    fname = f"__fn{n}"
    g = FnGen(unit, info, chain, 2)
    g.fname = fname
    g.tiered = tiered
    params = info.params
    assert params is not None
    sig = g.signature(params)
    if tiered:
        g.tier_prologue(params)
    loop_start = len(g.lines)
    close = g.prologue(params, False)
    g.into(info.body, Target("ret", mv=True))
    close()
    if g.self_tail_used:  # self tail calls jump back here
        g.lines[loop_start:] = ["        while True:"] + ["    " + ln for ln in g.lines[loop_start:]]
    head = [f"def {factory}(penv{', _tf' if tiered else ''}):", f"    def {fname}({sig}):"]
    tail = []
    name = info.name
    if name is not None:
        label = name.name if isinstance(name, Symbol) else str(name)
        tail.append(f"    {fname}.__qualname__ = {label!r}")
        tail.append(f"    {fname}.lisp_name = {unit.const(name)}")
    tail.append(f"    return {fname}")
    unit.defs.append("\n".join(head + (g.lines or ["        pass"]) + tail))
    return factory


def make_globals(engine: Any) -> dict[str, Any]:
    """The names every generated unit can use (per engine)."""
    from clysm.eval import lambdalist

    try:
        from clysm.eval.builtins.common import eq as eq_bool
        from clysm.eval.builtins.common import eql as eql_bool
    except ImportError:  # pragma: no cover  (built-ins not installed)
        def eq_bool(a: Any, b: Any) -> bool:
            return a is b or (type(a) is int and type(b) is int and a == b)

        eql_bool = eq_bool
    g: dict[str, Any] = {
        "__builtins__": __builtins__,
        "_E": engine, "NIL": NIL, "T": T, "UNBOUND": UNBOUND, "Cons": Cons, "Symbol": Symbol,
        "_MV": MultipleValues, "_FN": types.FunctionType, "_pr": runtime.primary_of,
        "_undef": runtime.undefined, "_unbound": runtime.unbound, "_fdesig": runtime.function_designator,
        "_list": runtime.lisp_list, "_items": runtime.list_items, "_keys": lambdalist.parse_keyword_args,
        "_UNSUP": lambdalist.UNSUPPLIED, "_toomany": runtime.too_many_args, "_RFE": runtime.ReturnFromExit,
        "_GoE": runtime.GoExit, "_THE": runtime.ThrowExit, "_Tok": runtime.ExitToken, "_chk": runtime.check_token,
        "_EQ": eq_bool, "_EQL": eql_bool, "_NUMT": frozenset([int, float, Fraction, complex, SingleFloat]),
        "_argerr": runtime.too_many_args,
    }
    g.update(runtime.engine_helpers(engine))
    return g


def compile_unit(engine: Any, info: ir.LambdaInfo) -> Any:
    """Generate and compile the unit for a top-level form analyzed into `info`; return its thunk."""
    unit = Unit(engine)
    g = FnGen(unit, info, [], 1)
    g.into(info.body, Target("ret", mv=True))
    src = unit.source(g.lines or ["    return NIL"])
    if engine.show_code is not None:
        engine.show_code(src)
    cache = engine.code_cache
    code = cache.get(src)
    if code is None:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            code = compile(src, "<lisp>", "exec")
        if len(cache) > 2000:
            cache.clear()
        cache[src] = code
    exec(code, unit.globals)
    return unit.globals["__top"]


def _register() -> None:
    from clysm.eval import codegen_forms as cf

    _INTO.update({
        ir.If: FnGen.into_if, ir.Progn: FnGen.into_progn, ir.Values: FnGen.into_values, ir.Call: FnGen.into_call,
        ir.Let: cf.FormsMixin.into_let, ir.FunBind: cf.FormsMixin.into_funbind, ir.Block: cf.FormsMixin.into_block,
        ir.Tagbody: cf.FormsMixin.into_tagbody, ir.Catch: cf.FormsMixin.into_catch,
        ir.UnwindProtect: cf.FormsMixin.into_unwind_protect, ir.MvCall: cf.FormsMixin.into_mvcall,
        ir.MvBind: cf.FormsMixin.into_mvbind, ir.MvProg1: cf.FormsMixin.into_mvprog1,
        ir.Progv: cf.FormsMixin.into_progv, ir.Defun: cf.FormsMixin.into_defun,
    })
    _STATEMENT_FORMS.update([ir.Let, ir.FunBind, ir.Block, ir.Tagbody, ir.Catch, ir.UnwindProtect, ir.MvCall,
                             ir.MvBind, ir.MvProg1, ir.Progv, ir.Values, ir.Call, ir.Defun])


_register()
