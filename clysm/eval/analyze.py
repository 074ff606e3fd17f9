# Tier 1 analysis: Lisp forms -> IR nodes (clysm.eval.ir), done once per form. Expands macros, resolves every
# variable to a lexical Var or a special symbol, marks variables captured by closures, records the exits of
# blocks and tagbodies, and open-codes COMMON-LISP functions (which cannot be redefined). Special forms are in
# clysm.eval.special; the result is turned into Python by clysm.eval.codegen.
from __future__ import annotations

from typing import Any

from clysm.eval import errors
from clysm.eval.ir import (
    SPECIAL,
    Call,
    Const,
    Env,
    GFunction,
    Lambda,
    LambdaInfo,
    LocalMacro,
    LRef,
    Node,
    Params,
    Prim,
    Progn,
    SRef,
    SymbolMacro,
    Values,
    Var,
)
from clysm.eval.lambdalist import parse_lambda_list
from clysm.eval.values import MV_FUNCTIONS, PASS_THROUGH_FUNCTIONS, may_return_values
from clysm.lisp.types import NIL, Cons, Symbol, T

# Open-coded COMMON-LISP functions: name -> allowed argument counts ("n" = any count >= 2, folded left).
PRIM_ARITIES: dict[str, tuple[Any, ...]] = {
    "+": (2, "n"), "-": (1, 2, "n"), "*": (2, "n"), "<": (2,), ">": (2,), "<=": (2,), ">=": (2,), "=": (2,),
    "/=": (2,), "1+": (1,), "1-": (1,), "ZEROP": (1,), "PLUSP": (1,), "MINUSP": (1,), "EVENP": (1,),
    "ODDP": (1,), "CAR": (1,), "CDR": (1,), "FIRST": (1,), "REST": (1,), "CONS": (2,), "EQ": (2,), "EQL": (2,),
    "NULL": (1,), "NOT": (1,), "CONSP": (1,), "ATOM": (1,), "LISTP": (1,), "SYMBOLP": (1,), "NUMBERP": (1,),
    "INTEGERP": (1,), "CADR": (1,), "CDDR": (1,), "SECOND": (1,),
}
PYTHON_DEPTH_LIMIT = 15  # Python blocks (try/except/finally count 2) in one generated function before outlining
NEST_LIMIT = 30  # nested IF-then / block forms (indentation) in one generated function before outlining
# Forms whose code opens a Python block (try/while); deeper nesting is moved into a local function.
_BLOCK_FORMS = frozenset(["BLOCK", "TAGBODY", "CATCH", "UNWIND-PROTECT", "PROGV", "LET", "LET*"])


def show(x: Any) -> str:
    try:
        from clysm.lisp.printer import prin1_to_string

        return prin1_to_string(x)
    except Exception:  # noqa: BLE001
        return repr(x)


def to_list(x: Any, what: str) -> list[Any]:
    out: list[Any] = []
    y = x
    while isinstance(y, Cons):
        out.append(y.car)
        y = y.cdr
    if y is not NIL:
        errors.program_error(f"malformed {what}: {show(x)}")
    return out


class Analyzer:
    """Per-engine analyzer. `analyze(form, env)` returns an IR node."""

    def __init__(self, engine: Any) -> None:
        from clysm.eval.special import special_form_table

        self.engine = engine
        self.DECLARE = engine.sym("DECLARE")
        self.LAMBDA = engine.sym("LAMBDA")
        self.FUNCTION = engine.sym("FUNCTION")
        self.QUOTE = engine.sym("QUOTE")
        self.SPECIAL = engine.sym("SPECIAL")
        self.SETF = engine.sym("SETF")
        self.special_forms = special_form_table(self)
        cl = engine.packages["COMMON-LISP"]
        self.cl_package = cl
        self.clysm_package = engine.packages["CLYSM"]
        self.prims: dict[Symbol, str] = {engine.sym(n): n for n in PRIM_ARITIES}
        self.VALUES = engine.sym("VALUES")
        self.IF = engine.sym("IF")
        self.nest = 0  # IF-then / block nesting in the function being analyzed (see NEST_LIMIT)
        self.FUNCALL = engine.sym("FUNCALL")

    # ------------------------------------------------------------------------------------------ dispatch
    def analyze(self, form: Any, env: Env) -> Node:
        if isinstance(form, Symbol):
            return self.variable(form, env)
        if isinstance(form, Cons):
            op = form.car
            if isinstance(op, Symbol):
                handler = self.special_forms.get(op)
                if handler is not None:
                    if op.name in _BLOCK_FORMS:
                        if env.depth >= PYTHON_DEPTH_LIMIT or self.nest >= NEST_LIMIT:
                            return self.outline(form, env)
                        self.nest += 1
                        try:
                            return handler(form, env)
                        finally:
                            self.nest -= 1
                    if op is self.IF and self.nest >= NEST_LIMIT:
                        return self.outline(form, env)
                    return handler(form, env)
                fb = env.lookup_fun(op) if env.funs is not None or env.parent is not None else None
                if isinstance(fb, Var):
                    self.note_ref(fb, env)
                    return Call("local", fb, self.args(form.cdr, env, form))
                if isinstance(fb, LocalMacro):
                    return self.analyze(self.expand(fb.expander, form, env), env)
                if op.macro is not None:
                    return self.analyze(self.expand(op.macro, form, env), env)
                return self.global_call(op, form, env)
            if isinstance(op, Cons) and op.car is self.LAMBDA:
                return self.lambda_call(op, form, env)
            errors.program_error(f"illegal function call: {show(form)}")
        return Const(form)

    def expand(self, expander: Any, form: Any, env: Env) -> Any:
        return expander(form, env)

    def outline(self, form: Any, env: Env) -> Node:
        """Move a deeply nested form into a local function (Python limits nesting of try/while blocks)."""
        info = LambdaInfo(env.fn)
        fenv = env.child(fn=info)
        params = Params()
        info.params = params
        saved, self.nest = self.nest, 0
        try:
            info.body = self.analyze_form_in(form, fenv)
        finally:
            self.nest = saved
        return Call("value", Lambda(info), [])

    def analyze_form_in(self, form: Any, env: Env) -> Node:
        op = form.car
        return self.special_forms[op](form, env)

    # ------------------------------------------------------------------------------------------ variables
    def variable(self, sym: Symbol, env: Env) -> Node:
        if sym.constant:
            return Const(sym.value)
        b = env.lookup_var(sym)
        if isinstance(b, Var):
            self.note_ref(b, env)
            return LRef(b)
        if isinstance(b, SymbolMacro):
            return self.analyze(b.expansion, env)
        if b is None:
            gm = self.engine.symbol_macros.get(sym)
            if gm is not None:
                return self.analyze(gm, env)
        return SRef(sym)

    def note_ref(self, var: Var, env: Env) -> None:
        """A reference from env's function: a reference from a nested lambda captures the variable."""
        fn = env.fn
        if var.owner is not fn:
            var.captured = True
            while fn is not None and fn is not var.owner:
                fn.needs_penv = True
                fn = fn.parent

    def is_special(self, sym: Symbol, declared: set[Any]) -> bool:
        return sym.special or sym in declared

    def check_bindable(self, sym: Any, what: str) -> Symbol:
        if not isinstance(sym, Symbol) or sym is NIL or sym is T:
            errors.program_error(f"{show(sym)} is not a variable name ({what})")
        if sym.constant or sym.is_keyword:
            errors.program_error(f"{show(sym)} names a defined constant, and cannot be used as a local variable")
        return sym

    # ------------------------------------------------------------------------------------------ bodies
    def parse_body(self, forms: Any, doc_allowed: bool = False) -> tuple[set[Any], list[Any], Any]:
        """(special symbols declared, body forms, docstring) of a body with optional declarations."""
        specials: set[Any] = set()
        doc = None
        body = to_list(forms, "body")
        i = 0
        while i < len(body):
            f = body[i]
            if isinstance(f, Cons) and f.car is self.DECLARE:
                for spec in to_list(f.cdr, "declaration"):
                    if isinstance(spec, Cons) and spec.car is self.SPECIAL:
                        for s in to_list(spec.cdr, "SPECIAL declaration"):
                            specials.add(s)
                i += 1
                continue
            if doc_allowed and doc is None and isinstance(f, str) and i + 1 < len(body):
                doc = f
                i += 1
                continue
            break
        return specials, body[i:], doc

    def progn(self, forms: list[Any], env: Env) -> Node:
        if not forms:
            return Const(NIL)
        if len(forms) == 1:
            return self.analyze(forms[0], env)
        return Progn([self.analyze(f, env) for f in forms])

    def args(self, x: Any, env: Env, form: Any) -> list[Node]:
        out: list[Node] = []
        y = x
        while isinstance(y, Cons):
            out.append(self.analyze(y.car, env))
            y = y.cdr
        if y is not NIL:
            errors.program_error(f"malformed call (dotted argument list): {show(form)}")
        return out

    # ------------------------------------------------------------------------------------------ calls
    def global_call(self, op: Symbol, form: Any, env: Env) -> Node:
        args = self.args(form.cdr, env, form)
        if op.package is self.cl_package:
            name = op.name
            arities = PRIM_ARITIES.get(name)
            if arities is not None and op.function is not None:
                n = len(args)
                if n in arities:
                    return Prim(name, args, op.function)
                if n > 2 and "n" in arities:
                    node: Node = Prim(name, args[:2], op.function)
                    for a in args[2:]:
                        node = Prim(name, [node, a], op.function)
                    return node
            if op is self.VALUES:
                return Values(args)
            if op is self.FUNCALL and args:
                return self.funcall(args, form)
            raw = self.engine.raw_builtins.get(op)
            if raw is not None:
                fn, needs_engine = raw
                return Call("builtin", op, args, fn=fn, needs_engine=needs_engine,
                            mv=name in MV_FUNCTIONS or may_return_values(fn),
                            pass_through=name in PASS_THROUGH_FUNCTIONS)
        elif op.package is self.clysm_package:
            raw = self.engine.raw_builtins.get(op)
            if raw is not None and op.function is not None:  # engine internals: fixed, but may call Lisp code
                fn, needs_engine = raw
                return Call("builtin", op, args, fn=fn, needs_engine=needs_engine, mv=True, pass_through=True)
        return Call("global", op, args)

    def funcall(self, args: list[Node], form: Any) -> Node:
        fn = args[0]
        if isinstance(fn, GFunction):
            return Call("global", fn.sym, args[1:])
        if isinstance(fn, LRef) and fn.var.kind == "fun":
            return Call("local", fn.var, args[1:])
        if isinstance(fn, Const) and isinstance(fn.value, Symbol) and fn.value is not NIL:
            return Call("global", fn.value, args[1:])
        return Call("value", fn, args[1:])

    def lambda_call(self, lam: Any, form: Any, env: Env) -> Node:
        """((lambda (params) body) args): a LET when the lambda list is simple, else a call of the closure."""
        parts = to_list(lam, "lambda expression")
        if len(parts) < 2:
            errors.program_error(f"malformed lambda expression: {show(lam)}")
        params = to_list(parts[1], "lambda list") if parts[1] is not NIL else []
        args = to_list(form.cdr, "call")
        if all(isinstance(p, Symbol) and not p.name.startswith("&") for p in params):
            if len(params) != len(args):
                errors.program_error(
                    f"invalid number of arguments to (LAMBDA {show(parts[1])} ...): {len(args)} "
                    f"(expected {len(params)})")
            let_form = Cons(self.engine.sym("LET"),
                            Cons(_pairs(params, args), lam.cdr.cdr))
            return self.analyze(let_form, env)
        fn = self.function_lambda(lam, env)
        return Call("value", fn, self.args(form.cdr, env, form))

    # ------------------------------------------------------------------------------------------ lambdas
    def function_lambda(self, lam: Any, env: Env, name: Any = None, tiered: bool = False) -> Lambda:
        parts = lam.cdr
        if not isinstance(parts, Cons):
            errors.program_error(f"malformed lambda expression: {show(lam)}")
        info = self.analyze_lambda(parts.car, parts.cdr, env, name)
        info.source = lam
        info.tiered = tiered
        return Lambda(info)

    def analyze_lambda(self, lambda_list: Any, body: Any, env: Env, name: Any = None) -> LambdaInfo:
        saved, self.nest = self.nest, 0
        try:
            return self._analyze_lambda(lambda_list, body, env, name)
        finally:
            self.nest = saved

    def _analyze_lambda(self, lambda_list: Any, body: Any, env: Env, name: Any) -> LambdaInfo:
        info = LambdaInfo(env.fn, name)
        fenv = env.child(fn=info)
        fenv.vars = {}
        ll = parse_lambda_list(lambda_list, keyword=self.engine.keyword)
        declared, forms, doc = self.parse_body(body, doc_allowed=True)
        info.doc = doc
        params = Params()
        info.params = params

        def bind(sym: Any) -> Any:
            self.check_bindable(sym, "lambda list")
            if self.is_special(sym, declared):
                b: Any = sym
                fenv.vars[sym] = SPECIAL  # type: ignore[index]
                params.simple = False
            else:
                b = Var(sym, info)
                fenv.vars[sym] = b  # type: ignore[index]
            return b

        for sym in ll.required:
            params.required.append(bind(sym))
        for o in ll.optional:
            default = self.analyze(o.default, fenv)
            params.optional.append((bind(o.var), default, bind(o.supplied_p) if o.supplied_p else None))
        if ll.rest is not None:
            params.rest = bind(ll.rest)
        if ll.keys is not None:
            params.keys = []
            for k in ll.keys:
                default = self.analyze(k.default, fenv)
                params.keys.append((k.keyword, bind(k.var), default,
                                    bind(k.supplied_p) if k.supplied_p else None))
        params.allow_other_keys = ll.allow_other_keys
        for a in ll.aux:
            init = self.analyze(a.init, fenv)
            params.aux.append((bind(a.var), init))
        if ll.optional or ll.rest is not None or ll.keys is not None or ll.aux:
            params.simple = False
        free = {s for s in declared if fenv.vars.get(s) is None}  # type: ignore[union-attr]
        benv = fenv
        if free:
            benv = fenv.child()
            benv.specials = free
        info.body = self.progn(forms, benv)
        return info

    def function_name(self, name: Any) -> Symbol:
        """The symbol that holds the global function of a function name (NAME or (SETF NAME))."""
        if isinstance(name, Symbol) and name is not NIL:
            return name
        if (isinstance(name, Cons) and name.car is self.SETF and isinstance(name.cdr, Cons)
                and isinstance(name.cdr.car, Symbol) and name.cdr.cdr is NIL):
            return self.engine.setf_function_symbol(name.cdr.car)
        errors.program_error(f"{show(name)} is not a valid function name")
        raise AssertionError


def _pairs(params: list[Any], args: list[Any]) -> Any:
    out: Any = NIL
    for p, a in reversed(list(zip(params, args, strict=True))):
        out = Cons(Cons(p, Cons(a, NIL)), out)
    return out


def macroexpand_1(engine: Any, form: Any, env: Any) -> tuple[Any, bool]:
    """One step of macro expansion in `env` (an Env, or NIL/None for the global environment)."""
    e = env if isinstance(env, Env) else None
    if isinstance(form, Symbol):
        if form.constant:
            return form, False
        b = e.lookup_var(form) if e is not None else None
        if isinstance(b, SymbolMacro):
            return b.expansion, True
        if b is None:
            gm = engine.symbol_macros.get(form)
            if gm is not None:
                return gm, True
        return form, False
    if isinstance(form, Cons) and isinstance(form.car, Symbol):
        op = form.car
        fb = e.lookup_fun(op) if e is not None else None
        if isinstance(fb, LocalMacro):
            return fb.expander(form, env if e is not None else NIL), True
        if fb is None and op.macro is not None:
            return op.macro(form, env if e is not None else NIL), True
    return form, False


def macroexpand(engine: Any, form: Any, env: Any) -> tuple[Any, bool]:
    expanded_any = False
    while True:
        form, expanded = macroexpand_1(engine, form, env)
        if not expanded:
            return form, expanded_any
        expanded_any = True


def macro_function(engine: Any, sym: Any, env: Any = None) -> Any:
    """The expander of `sym` in env (a local MACROLET shadows, a local function hides), or None."""
    e = env if isinstance(env, Env) else None
    if not isinstance(sym, Symbol):
        errors.type_error(sym, "SYMBOL", "MACRO-FUNCTION")
    fb = e.lookup_fun(sym) if e is not None else None
    if isinstance(fb, LocalMacro):
        return fb.expander
    if isinstance(fb, Var):
        return None
    return sym.macro
