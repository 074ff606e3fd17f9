# Tier 2 compiler front end: macroexpands a lambda expression and converts it into the tuple IR, resolving
# lexical scope (variables, local functions, blocks, tags) and computing which variables are captured by inner
# closures and which are assigned (those live in boxes). Anything it cannot compile raises Tier2Unsupported.
#
# IR nodes (tuples; first element is the kind):
#   ('k', obj)                 constant            ('lv', var) / ('ls', var, x)   lexical variable get / set
#   ('gv', sym) / ('gs', sym, x)   special or global variable through the host
#   ('xv', cell) / ('xs', cell, x) variable captured from the Tier-1 lexical environment (a shared cell)
#   ('if', test, then, else)   ('seq', [x...])     ('let', [(var, init)...], body, specials)  (specials: [(sym, init)])
#   ('call', sym, [args])      global function through $fns   ('lcall', holder, [args]) local fn (flet/labels)
#   ('prim', name, [args])     inlined primitive   ('fcall', f, [args])   funcall of a value
#   ('fn', fn)                 make a closure      ('gfn', sym)           #'global-function through the host
#   ('labels', [fn...], body)  bind local functions (their closures live in fn.self_var)
#   ('block', blk, body)       ('ret', blk, x)     ('tb', blk, [(tag_index or -1, [forms])])   ('go', blk, index)
#   ('catch', tag, body)  ('throw', tag, x)  ('uwp', protected, ('fn', cleanup thunk))  ('mvp1', x, [forms])
#   ('mvcall', f, [args])  ('progv', syms, vals, body)
#   ('ret', blk, x, True) / ('go', blk, index, True): an exit leaving an UNWIND-PROTECT of its function (thrown)
from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from clysm.lisp.types import NIL, Cons, Symbol, T

from .front_control import ControlFront
from .ir import Block, Fn, Var, unsupported
from .lambda_rewrite import special_parameters
from .scope import Scope, from_list, lookup, lookup_any, lookup_shadow_special, to_list
from .vectors_front import CLYSM_PRIMS, VECTOR_PRIMS, register_clysm_prims, vector_node

SPECIAL_NAMES = (
    "QUOTE FUNCTION IF PROGN LET LET* SETQ LAMBDA FLET LABELS BLOCK RETURN-FROM TAGBODY GO CATCH THROW "
    "UNWIND-PROTECT THE LOCALLY MULTIPLE-VALUE-CALL MULTIPLE-VALUE-PROG1 EVAL-WHEN PROGV LOAD-TIME-VALUE "
    "SYMBOL-MACROLET MACROLET DECLARE FUNCALL LIST &OPTIONAL &REST &KEY &AUX &ALLOW-OTHER-KEYS &BODY &WHOLE "
    "&ENVIRONMENT SPECIAL"
).split()

# Functions the emitter open-codes: name -> (min args, max args or -1). Others are called through $fns.
PRIMS: dict[str, tuple[int, int]] = {"%WCONSP": (1, 1), "%FIXNUMP": (1, 1), "%CLOSUREP": (1, 1),
    "+": (0, -1), "-": (1, -1), "*": (0, -1), "1+": (1, 1), "1-": (1, 1),
    "<": (2, 2), ">": (2, 2), "<=": (2, 2), ">=": (2, 2), "=": (2, 2), "/=": (2, 2),
    "ZEROP": (1, 1), "PLUSP": (1, 1), "MINUSP": (1, 1),
    "EQ": (2, 2), "EQL": (2, 2), "NOT": (1, 1), "NULL": (1, 1),
    "CONS": (2, 2), "CAR": (1, 1), "CDR": (1, 1), "FIRST": (1, 1), "REST": (1, 1),
    "CAAR": (1, 1), "CADR": (1, 1), "CDAR": (1, 1), "CDDR": (1, 1), "SECOND": (1, 1),
    "RPLACA": (2, 2), "RPLACD": (2, 2), "CONSP": (1, 1), "ATOM": (1, 1), "LISTP": (1, 1),
    "LIST": (0, -1), "LIST*": (1, -1), "FIXNUMP": (1, 1), "MOD": (2, 2), "FLOOR": (2, 2), "ENDP": (1, 1),
    "REM": (2, 2), "TRUNCATE": (2, 2),
    # strings and characters (emit_strings.py); LENGTH: vectors_front.py
    "CHAR": (2, 2), "SCHAR": (2, 2), "CHAR-CODE": (1, 1), "CODE-CHAR": (1, 1),
    "CHARACTERP": (1, 1), "CHAR-UPCASE": (1, 1), "CHAR-DOWNCASE": (1, 1), "STRING=": (2, 2),
    "CHAR=": (2, 2), "CHAR/=": (2, 2), "CHAR<": (2, 2), "CHAR>": (2, 2), "CHAR<=": (2, 2), "CHAR>=": (2, 2),
    "CHAR-EQUAL": (2, 2), "SEARCH": (2, 2), "PARSE-INTEGER": (1, 1), "STRINGP": (1, 1), "SIMPLE-STRING-P": (1, 1),
    "SUBSEQ": (2, 3), "STRING-UPCASE": (1, 1), "STRING-DOWNCASE": (1, 1), "CONCATENATE": (3, 3),
    **VECTOR_PRIMS,  # simple vectors (vectors_front.py)
}
# internal primitives (uninterned operator symbols, used by the prelude, prelude.py): Wasm-cons / i31 / closure tests
INTERNAL_PRIMS = ("%WCONSP", "%FIXNUMP", "%CLOSUREP")


class Syms:
    """The COMMON-LISP symbols the compiler dispatches on, for one engine (symbols are per engine)."""

    def __init__(self, intern: Callable[[str], Symbol]) -> None:
        self.by_name: dict[str, Symbol] = {n: intern(n) for n in SPECIAL_NAMES}
        self.prims: dict[Symbol, str] = {intern(n): n for n in PRIMS if n not in INTERNAL_PRIMS + CLYSM_PRIMS}
        self.clysm_prims = False  # CLYSM_PRIMS added to `prims` (Front.__init__, once per engine)
        self.internal: dict[str, Symbol] = {n: Symbol(n) for n in INTERNAL_PRIMS}
        for n, sym in self.internal.items():
            self.prims[sym] = n
        from .prelude import ROUTED_NAMES

        self.routed: dict[Symbol, str] = {intern(n): n for n in ROUTED_NAMES}
        self.special_forms: dict[Symbol, str] = {self.by_name[n]: n for n in SPECIAL_NAMES[:26]}
        self.keyword = intern  # placeholder; keywords come from the engine


# registry imports (the engine's runtime-import registry) used as slow paths of open-coded arithmetic
REG_OF_PRIM = {"+": "add", "-": "sub", "*": "mul", "1+": "add", "1-": "sub", "<": "lt", ">": "gt", "=": "eq",
               "<=": "le", ">=": "ge", "/=": "ne", "MOD": "mod", "FLOOR": "floor"}


class Unit:
    """One compilation unit: the promoted lambda and every Fn inside it."""

    def __init__(self) -> None:
        self.fns: list[Fn] = []
        self.reg_names: dict[str, None] = {}  # registry imports the emitter will need, in first-use order
        self.quoted: dict[int, Any] = {}  # id -> quoted list constants (materialised as Wasm conses, ABI.md)


@functools.cache
def _handlers(cls: type) -> dict[str, Callable[..., Any]]:
    return cls._handler_table(cls)  # type: ignore[attr-defined]


class Front(ControlFront):
    """Converts one lambda expression. `ctx` supplies engine services (see backend.CompileContext)."""

    def __init__(self, ctx: Any, syms: Syms) -> None:
        self.ctx = ctx
        self.s = syms
        self.unit = Unit()
        self.env_uses = 0  # references to the Tier-1 environment (cells, local functions, macros) made so far
        self.sf = syms.special_forms
        register_clysm_prims(syms, ctx.engine)
        b = syms.by_name
        self.s_lambda = b["LAMBDA"]
        self.s_declare = b["DECLARE"]
        self.s_special = b["SPECIAL"]
        self.s_function = b["FUNCTION"]
        self.s_quote = b["QUOTE"]
        self.s_funcall = b["FUNCALL"]
        self.s_list = syms.by_name["LIST"]
        self.lk = {b[n]: n for n in ("&OPTIONAL", "&REST", "&KEY", "&AUX", "&ALLOW-OTHER-KEYS", "&BODY", "&WHOLE",
                                     "&ENVIRONMENT")}
        self.handlers = _handlers(type(self))
        self.t1_special_forms = getattr(getattr(ctx.engine, "analyzer", None), "special_forms", None) or ()

    # The special-form table, built once per class (called with the class as `self`, so its values are plain
    # functions: no per-instance dict of bound methods, i.e. no reference cycle per compilation). See _handlers.
    def _handler_table(self) -> dict[str, Callable[[Any, list[Any], Scope, Fn], Any]]:
        return {
            "QUOTE": self.c_quote, "FUNCTION": self.c_function, "IF": self.c_if, "PROGN": self.c_progn,
            "LET": self.c_let, "LET*": self.c_letstar, "SETQ": self.c_setq, "LAMBDA": self.c_lambda_form,
            "FLET": self.c_flet, "LABELS": self.c_labels, "BLOCK": self.c_block, "RETURN-FROM": self.c_return_from,
            "TAGBODY": self.c_tagbody, "GO": self.c_go, "CATCH": self.c_catch, "THROW": self.c_throw,
            "UNWIND-PROTECT": self.c_uwp, "THE": self.c_the, "LOCALLY": self.c_locally,
            "MULTIPLE-VALUE-CALL": self.c_mvcall, "MULTIPLE-VALUE-PROG1": self.c_mvp1, "EVAL-WHEN": self.c_eval_when,
            "PROGV": self.c_progv, "MACROLET": self.c_macrolet, "SYMBOL-MACROLET": self.c_symbol_macrolet,
            "LOAD-TIME-VALUE": self.c_load_time_value,
        }

    # ---- entry -----------------------------------------------------------------------------------------------
    def convert_toplevel(self, name: Any, form: Any) -> Unit:
        if not (isinstance(form, Cons) and form.car is self.s_lambda and isinstance(form.cdr, Cons)):
            raise unsupported("a definition that is not a lambda expression")
        self.new_fn(name, None, form.cdr.car, form.cdr.cdr, None)
        return self.unit

    def new_fn(self, name: Any, parent: Fn | None, lambda_list: Any, body: Any, scope: Scope,
               block_name: Any = None) -> Fn:
        fn = Fn(name, parent, len(self.unit.fns))
        self.unit.fns.append(fn)
        fn.label = (getattr(name, "name", None) or "lambda") + ("" if parent is None else f"#{fn.index}")
        forms = to_list(body, "body")
        if len(forms) > 1 and isinstance(forms[0], str):
            forms = forms[1:]  # docstring
        body_forms, specials = self.parse_declarations(forms)
        if block_name is None and isinstance(name, Symbol):
            block_name = name
        lambda_list, forms, specials, block_name = special_parameters(  # rewritten away (lambda_rewrite.py)
            lambda_list, forms, body_forms, specials, block_name, self.s.by_name, self.ctx.keyword)
        scope = self.parse_lambda_list(fn, lambda_list, scope, specials)
        for sym in specials:
            scope = ("s", sym, True, scope)
        if block_name is not None and block_name is not NIL:
            blk = Block(block_name, fn)
            inner = ("b", block_name, blk, scope)
            fn.body = ("block", blk, self.c_body(forms, inner, fn))
        else:
            fn.body = self.c_body(forms, scope, fn)
        return fn

    def parse_declarations(self, forms: list[Any]) -> tuple[list[Any], list[Any]]:
        specials: list[Any] = []
        i = 0
        while i < len(forms) and isinstance(forms[i], Cons) and forms[i].car is self.s_declare:
            for spec in to_list(forms[i].cdr):
                if isinstance(spec, Cons) and spec.car is self.s_special:
                    specials.extend(to_list(spec.cdr))
            i += 1
        return forms[i:], specials

    def is_special(self, sym: Any, scope: Scope, specials: list[Any] = ()) -> bool:  # type: ignore[assignment]
        """Is a BINDING of `sym` special (proclaimed, or declared by the binding form: enclosing declarations
        do not reach inner bindings, CLHS 3.3.4)?"""
        if getattr(sym, "special", False) or getattr(sym, "constant", False):
            return True
        return sym in specials

    def bind_var(self, sym: Any, fn: Fn, scope: Scope, specials: list[Any]) -> tuple[Var | None, Scope]:
        if not isinstance(sym, Symbol) or sym is NIL or sym is T:
            raise unsupported(f"binding {sym!r}")
        if self.is_special(sym, scope, specials):
            if getattr(sym, "constant", False):
                raise unsupported("binding a constant")
            return None, scope
        var = Var(sym, fn)
        return var, ("v", sym, var, scope)

    def parse_lambda_list(self, fn: Fn, ll: Any, scope: Scope, specials: list[Any]) -> Scope:
        params = fn.params
        mode = "req"
        for item in to_list(ll, "lambda list"):
            kw = self.lk.get(item)
            if kw is not None:
                if kw in ("&WHOLE", "&ENVIRONMENT"):
                    raise unsupported(f"{kw} in a lambda list")
                mode = {"&OPTIONAL": "opt", "&REST": "rest", "&BODY": "rest", "&KEY": "key", "&AUX": "aux",
                        "&ALLOW-OTHER-KEYS": mode}[kw]
                if kw == "&KEY":
                    params.has_keys = True
                if kw == "&ALLOW-OTHER-KEYS":
                    params.allow_other_keys = True
                continue
            if mode in ("req", "rest"):
                var, scope = self.bind_var(item, fn, scope, specials)
                if var is None:  # special parameters were rewritten away by new_fn
                    raise unsupported("a special variable as a parameter")
                if mode == "req":
                    params.required.append(var)
                else:
                    params.rest = var
            else:
                parts = to_list(item) if isinstance(item, Cons) else [item]
                target = parts[0]
                init = self.convert(parts[1], scope, fn) if len(parts) > 1 else ("k", NIL)
                if mode == "aux":
                    var, scope = self.bind_var(target, fn, scope, specials)
                    if var is None:
                        raise unsupported("a special variable as a parameter")
                    params.aux.append((var, init))
                    continue
                if mode == "key":
                    if isinstance(target, Cons):
                        key, target = to_list(target)[:2]
                    else:
                        key = self.ctx.keyword(target.name)
                var, scope = self.bind_var(target, fn, scope, specials)
                if var is None:
                    raise unsupported("a special variable as a parameter")
                svar = None
                if len(parts) > 2:
                    svar, scope = self.bind_var(parts[2], fn, scope, specials)
                    if svar is None:
                        raise unsupported("a special variable as a parameter")
                if mode == "opt":
                    params.optional.append((var, init, svar))
                else:
                    params.keys.append((key, var, init, svar))
        return scope

    # ---- forms -----------------------------------------------------------------------------------------------
    def c_body(self, forms: list[Any], scope: Scope, fn: Fn) -> Any:
        if not forms:
            return ("k", NIL)
        if len(forms) == 1:
            return self.convert(forms[0], scope, fn)
        return ("seq", [self.convert(f, scope, fn) for f in forms])

    def convert(self, form: Any, scope: Scope, fn: Fn) -> Any:
        if isinstance(form, Symbol):
            return self.c_symbol(form, scope, fn)
        if not isinstance(form, Cons):
            return ("k", form)
        op = form.car
        if isinstance(op, Symbol):
            hit = lookup_any(scope, ("f", "m"), op)
            if hit is not None:
                if hit[0] == "m":  # a MACROLET macro
                    return self.convert(hit[1](form, None), scope, fn)
                return self.c_local_call(hit[1], form.cdr, scope, fn)
            name = self.sf.get(op)
            if name is not None:
                handler = self.handlers.get(name)
                if handler is None:
                    raise unsupported(f"the special operator {name}")
                return handler(self, to_list(form.cdr), scope, fn)
            if op in self.t1_special_forms:  # e.g. CLYSM::%DEFUN
                if op.name == "%DEFUN" and getattr(op.package, "name", None) == "CLYSM":
                    return self.c_defun(to_list(form.cdr), scope, fn)
                raise unsupported(f"the Tier-1 special form {op.name}")
            if self.ctx.lexenv is not None:
                cell = self.ctx.lexenv_function(op)
                if cell is not None:  # a FLET/LABELS function of the enclosing Tier-1 environment
                    self.env_uses += 1
                    return ("fcall", ("xv", cell), [self.convert(a, scope, fn) for a in to_list(form.cdr)])
                if self.ctx.lexenv_has_local_function(op):
                    raise unsupported("a local function of the enclosing Tier-1 environment without a cell")
            if op.macro is None and self.ctx.lexenv is None:  # no expander can apply: skip the engine round trip
                expanded, form2 = False, form
            else:
                expanded, form2 = self.ctx.macroexpand_1(form)
            if expanded and self.ctx.lexenv is not None:
                self.env_uses += 1  # possibly a MACROLET macro of the Tier-1 environment
            if expanded:
                return self.convert(form2, scope, fn)
            if self.ctx.is_special_operator(op):
                raise unsupported(f"the special operator {op.name}")
            args = [self.convert(a, scope, fn) for a in to_list(form.cdr)]
            prim = self.s.prims.get(op)
            if prim is not None:
                lo, hi = PRIMS[prim]
                if lo <= len(args) and (hi < 0 or len(args) <= hi):
                    return self.c_prim(prim, args, op)
            if op is self.s_funcall and args:
                return self.c_funcall(args)
            routed = self.s.routed.get(op)
            if routed is not None:
                psym = self.prelude_symbol(routed, len(args))
                if psym is not None:
                    return ("call", psym, args)
            return ("call", op, args)
        if isinstance(op, Cons) and op.car is self.s_lambda:
            lam = self.c_lambda(op, scope, fn)
            return ("fcall", lam, [self.convert(a, scope, fn) for a in to_list(form.cdr)])
        raise unsupported(f"the operator {op!r}")

    def prelude_symbol(self, name: str, argc: int) -> Any:
        """The symbol of the Wasm prelude function standing for CL built-in `name` called with `argc` arguments
        (CL functions cannot be redefined), or None (no prelude here, or no such case)."""
        from .prelude import ROUTES

        pname = ROUTES.get((name, argc))
        ensure = getattr(self.ctx, "prelude", None)
        if pname is None or ensure is None:
            return None
        return ensure(pname)

    def c_prim(self, prim: str, args: list[Any], op: Symbol) -> Any:
        if prim in ("+", "*"):
            unit = 0 if prim == "+" else 1
            if not args:
                return ("k", unit)
            if len(args) == 1:
                args = [args[0], ("k", unit)]
            self.unit.reg_names[REG_OF_PRIM[prim]] = None
            node = ("prim", prim, args[:2], op)
            for a in args[2:]:
                node = ("prim", prim, [node, a], op)
            return node
        if prim == "-":
            if len(args) == 1:
                return ("prim", "NEG", args, op)
            self.unit.reg_names["sub"] = None
            node = ("prim", prim, args[:2], op)
            for a in args[2:]:
                node = ("prim", prim, [node, a], op)
            return node
        if prim in ("1+", "1-"):
            self.unit.reg_names[REG_OF_PRIM[prim]] = None
            return ("prim", "+" if prim == "1+" else "-", [args[0], ("k", 1)], op)
        node = vector_node(self, prim, args, op)
        if node is not None:
            return node
        if prim == "CONCATENATE" and not (args[0][0] == "k"
                                          and args[0][1] is self.ctx.engine.intern("STRING", "COMMON-LISP")):
            return ("call", op, args)  # only (concatenate 'string a b) is made in Wasm (emit_strings.py)
        reg = REG_OF_PRIM.get(prim)
        if reg is not None:
            self.unit.reg_names[reg] = None
        return ("prim", prim, args, op)

    def c_funcall(self, args: list[Any]) -> Any:
        f = args[0]
        if f[0] == "gfn" or (f[0] == "k" and isinstance(f[1], Symbol) and f[1] is not NIL and f[1] is not T):
            return ("call", f[1], args[1:])
        return ("fcall", f, args[1:])

    def c_symbol(self, sym: Symbol, scope: Scope, fn: Fn) -> Any:
        if sym is NIL or sym is T or sym.is_keyword:
            return ("k", sym)
        hit = lookup_any(scope, ("v", "sm"), sym)
        if hit is not None and hit[0] == "sm":  # a SYMBOL-MACROLET symbol
            return self.convert(hit[1], scope, fn)
        var = None if hit is None else hit[1]  # the innermost 'v' entry (hit is not 'sm' here)
        if var is not None and lookup_shadow_special(scope, sym, var):
            return self.ref_var(var, fn)
        if sym.constant:
            return ("k", sym.value)
        if var is None and not sym.special and lookup(scope, "s", sym) is None:
            cell = self.ctx.lexenv_variable(sym)
            if cell is not None:
                self.env_uses += 1
                return ("xv", cell)
            expanded, form2 = self.ctx.macroexpand_1(sym)
            if expanded:
                self.env_uses += 1
                return self.convert(form2, scope, fn)
        return ("gv", sym)

    def ref_var(self, var: Var, fn: Fn) -> Any:
        if var.fn is not fn:
            var.captured = True
            f: Fn | None = fn
            while f is not None and f is not var.fn:
                if var not in f.free:
                    f.free[var] = len(f.free)
                f = f.parent
        return ("lv", var)

    def c_quote(self, args: list[Any], scope: Scope, fn: Fn) -> Any:
        if isinstance(args[0], Cons):
            self.unit.quoted[id(args[0])] = args[0]
        return ("k", args[0])

    def c_function(self, args: list[Any], scope: Scope, fn: Fn) -> Any:
        x = args[0]
        if isinstance(x, Cons) and x.car is self.s_lambda:
            return self.c_lambda(x, scope, fn)
        if not isinstance(x, Symbol):
            x = self.setf_function_symbol(x)  # #'(setf f): the symbol holding it, local or global
        if x is not None:
            local = lookup(scope, "f", x)
            if local is not None:
                return self.ref_var(local, fn)
            cell = self.ctx.lexenv_function(x)
            if cell is not None:
                self.env_uses += 1
                return ("xv", cell)
            if self.ctx.lexenv is not None and self.ctx.lexenv_has_local_function(x):
                raise unsupported("a local function of the enclosing Tier-1 environment without a cell")
            return ("gfn", x)
        raise unsupported(f"(function {args[0]!r})")

    def setf_function_symbol(self, x: Any) -> Any:
        """The symbol whose function cell holds the function named (SETF name), or None."""
        s_setf = self.ctx.engine.intern("SETF", "COMMON-LISP")
        if isinstance(x, Cons) and x.car is s_setf and isinstance(x.cdr, Cons) and isinstance(x.cdr.car, Symbol) \
                and x.cdr.cdr is NIL:
            make = getattr(self.ctx.engine, "setf_function_symbol", None)
            if make is not None:
                return make(x.cdr.car)
        return None

    def c_defun(self, args: list[Any], scope: Scope, fn: Fn) -> Any:
        """CLYSM::%DEFUN inside a compiled function (a function that defines or redefines functions): a host
        call that installs the definition each time it runs. A lambda that closes over nothing of this function
        or of the Tier-1 environment is installed as Tier 1 installs it (a tiered function, counted and
        promoted); one that closes over this function's variables is compiled here and its Tier-2 closure
        installed."""
        engine = self.ctx.engine
        if len(args) != 2:
            raise unsupported("a malformed %DEFUN")
        name_form, fn_form = args
        if isinstance(name_form, Cons) and name_form.car is self.s_quote:
            name_form = name_form.cdr.car
        analyzer = getattr(engine, "analyzer", None)
        if analyzer is None or getattr(engine, "compile_tiered", None) is None:
            raise unsupported("%DEFUN")
        name = analyzer.function_name(name_form)
        lam = fn_form.cdr.car if isinstance(fn_form, Cons) and fn_form.car is self.s_function else fn_form
        if not (isinstance(lam, Cons) and lam.car is self.s_lambda):
            raise unsupported("%DEFUN of something other than a lambda expression")
        before, n_fns = self.env_uses, len(self.unit.fns)
        inner = self.new_fn(name, fn, lam.cdr.car, lam.cdr.cdr, scope, block_name=NIL)
        if not inner.free and self.env_uses == before and not _has_local_macros(scope):
            del self.unit.fns[n_fns:]  # not compiled here: Tier 1 installs (and later promotes) it
            return ("fcall", ("k", _defun_installer(engine, name, lam)), [])
        return ("fcall", ("k", _closure_installer(engine)), [("k", name), ("fn", inner)])

    def c_lambda(self, form: Any, scope: Scope, fn: Fn) -> Any:
        parts = to_list(form)
        inner = self.new_fn(None, fn, parts[1], form.cdr.cdr, scope)
        return ("fn", inner)

    def c_lambda_form(self, args: list[Any], scope: Scope, fn: Fn) -> Any:
        inner = self.new_fn(None, fn, args[0], from_list(args[1:]), scope)
        return ("fn", inner)

    def c_if(self, args: list[Any], scope: Scope, fn: Fn) -> Any:
        test = self.convert(args[0], scope, fn)
        then = self.convert(args[1], scope, fn)
        other = self.convert(args[2], scope, fn) if len(args) > 2 else ("k", NIL)
        return ("if", test, then, other)

    def c_progn(self, args: list[Any], scope: Scope, fn: Fn) -> Any:
        return self.c_body(args, scope, fn)

    def c_eval_when(self, args: list[Any], scope: Scope, fn: Fn) -> Any:
        situations = [getattr(s, "name", "") for s in to_list(args[0])]
        if "EXECUTE" in situations:
            return self.c_body(args[1:], scope, fn)
        return ("k", NIL)

    def c_locally(self, args: list[Any], scope: Scope, fn: Fn) -> Any:
        forms, specials = self.parse_declarations(args)
        for sym in specials:
            scope = ("s", sym, True, scope)
        return self.c_body(forms, scope, fn)

    def c_macrolet(self, args: list[Any], scope: Scope, fn: Fn) -> Any:
        """Local macros: expanders built by the engine exactly as Tier 1 builds them, expanded here."""
        make = getattr(self.ctx.engine, "make_macro_function", None)
        if make is None or not args:
            raise unsupported("the special operator MACROLET")
        for d in to_list(args[0]):
            parts = to_list(d)
            if len(parts) < 2 or not isinstance(parts[0], Symbol):
                raise unsupported("a malformed MACROLET definition")
            body: Any = NIL
            for x in reversed(parts[2:]):
                body = Cons(x, body)
            scope = ("m", parts[0], make(parts[0], parts[1], body, None), scope)
        return self.c_locally(args[1:], scope, fn)

    def c_symbol_macrolet(self, args: list[Any], scope: Scope, fn: Fn) -> Any:
        if not args:
            raise unsupported("a malformed SYMBOL-MACROLET")
        for d in to_list(args[0]):
            parts = to_list(d)
            if len(parts) != 2 or not isinstance(parts[0], Symbol):
                raise unsupported("a malformed SYMBOL-MACROLET definition")
            scope = ("sm", parts[0], parts[1], scope)
        return self.c_locally(args[1:], scope, fn)

    def c_load_time_value(self, args: list[Any], scope: Scope, fn: Fn) -> Any:
        """Evaluated once, when the function is compiled (as Tier 1 does when it analyzes the function)."""
        ev = getattr(self.ctx.engine, "eval", None)
        if ev is None or not args:
            raise unsupported("the special operator LOAD-TIME-VALUE")
        return ("k", ev(args[0]))

    def c_the(self, args: list[Any], scope: Scope, fn: Fn) -> Any:
        return self.convert(args[1], scope, fn)

    def _let(self, args: list[Any], scope: Scope, fn: Fn, sequential: bool) -> Any:
        bindings = [(to_list(b) + [NIL])[:2] if isinstance(b, Cons) else [b, NIL] for b in to_list(args[0])]
        forms, specials = self.parse_declarations(args[1:])
        if any(self.is_special(sym, scope, specials) for sym, _ in bindings):
            return self.convert(self._rewrite_special_let(bindings, args[1:], specials, scope, sequential), scope,
                                fn)
        lex: list[tuple[Var, Any]] = []
        inner = scope
        for sym, init_form in bindings:
            init = self.convert(init_form, inner if sequential else scope, fn)
            var, inner = self.bind_var(sym, fn, inner, specials)
            lex.append((var, init))  # type: ignore[arg-type]
        for sym in specials:
            inner = ("s", sym, True, inner)
        return ("let", lex, self.c_body(forms, inner, fn), [])

    def _rewrite_special_let(self, bindings: list[list[Any]], body: list[Any], specials: list[Any], scope: Scope,
                             sequential: bool) -> Any:
        """LET/LET* binding special variables, as lexical bindings around PROGV (which Tier 1 performs), keeping
        the order of evaluation: (let ((a 1) (*x* 2)) . body) -> (let ((a 1) (#:x 2)) (progv '(*x*) (list #:x)
        (locally . body)))."""
        b = self.s.by_name
        L = from_list  # noqa: N806
        decls = [f for f in body if isinstance(f, Cons) and f.car is self.s_declare]
        rest = body[len(decls):]
        locally = L([b["LOCALLY"], *decls, *rest])
        if sequential:
            for i, (sym, init) in enumerate(bindings):
                if self.is_special(sym, scope, specials):
                    inner_let = L([b["LET*"], L([L(x) for x in bindings[i + 1:]]), *body]) \
                        if i + 1 < len(bindings) else locally  # the inner LET* keeps the declarations
                    inner_let = L([b["LOCALLY"], L([self.s_declare, L([self.s_special, sym])]), inner_let])
                    progv = L([b["PROGV"], L([self.s_quote, L([sym])]), L([self.s_list, init]), inner_let])
                    return L([b["LET*"], L([L(x) for x in bindings[:i]]), progv])
        lexical, syms, temps = [], [], []
        for sym, init in bindings:
            if self.is_special(sym, scope, specials):
                temp = Symbol(sym.name)  # uninterned: always lexical
                lexical.append(L([temp, init]))
                syms.append(sym)
                temps.append(temp)
            else:
                lexical.append(L([sym, init]))
        progv = L([b["PROGV"], L([self.s_quote, L(syms)]), L([self.s_list, *temps]), locally])
        return L([b["LET"], L(lexical), progv])

    def c_let(self, args: list[Any], scope: Scope, fn: Fn) -> Any:
        return self._let(args, scope, fn, False)

    def c_letstar(self, args: list[Any], scope: Scope, fn: Fn) -> Any:
        return self._let(args, scope, fn, True)

    def c_setq(self, args: list[Any], scope: Scope, fn: Fn) -> Any:
        if len(args) % 2:
            raise unsupported("setq with an odd number of arguments")
        out = []
        for i in range(0, len(args), 2):
            hit = lookup_any(scope, ("v", "sm"), args[i])
            if hit is not None and hit[0] == "sm":  # (setq symbol-macro v) is (setf expansion v)
                setf = self.ctx.engine.intern("SETF", "COMMON-LISP")
                out.append(self.convert(Cons(setf, Cons(hit[1], Cons(args[i + 1], NIL))), scope, fn))
                continue
            sym = args[i]
            var = lookup(scope, "v", sym)
            if var is None and not getattr(sym, "special", False) and lookup(scope, "s", sym) is None:
                cell = self.ctx.lexenv_variable(sym)
                if cell is not None:
                    self.env_uses += 1
                    out.append(("xs", cell, self.convert(args[i + 1], scope, fn)))
                    continue
                expanded, form2 = self.ctx.macroexpand_1(sym)
                if expanded:  # a global or Tier-1-environment symbol macro: (setf expansion v)
                    self.env_uses += 1
                    setf = self.ctx.engine.intern("SETF", "COMMON-LISP")
                    out.append(self.convert(Cons(setf, Cons(form2, Cons(args[i + 1], NIL))), scope, fn))
                    continue
            val = self.convert(args[i + 1], scope, fn)
            if var is not None and lookup_shadow_special(scope, sym, var):
                self.ref_var(var, fn)
                var.assigned = True
                out.append(("ls", var, val))
                continue
            if getattr(sym, "constant", False):
                raise unsupported("setq of a constant")
            out.append(("gs", sym, val))
        if not out:
            return ("k", NIL)
        return out[0] if len(out) == 1 else ("seq", out)

    def _local_fns(self, args: list[Any], scope: Scope, fn: Fn, recursive: bool) -> Any:
        defs = [to_list(d) for d in to_list(args[0])]
        fns: list[Fn] = []
        inner = scope
        entries = []
        for d in defs:
            name = d[0] if isinstance(d[0], Symbol) else self.setf_function_symbol(d[0])  # (setf f): its symbol
            if name is None:
                raise unsupported(f"the local function name {d[0]!r}")
            holder = Var(name, fn)
            holder.assigned = recursive  # labels closures capture each other: their holders are boxed
            entries.append((name, holder))
        for name, holder in entries:
            inner = ("f", name, holder, inner)
        body_scope = inner
        def_scope = inner if recursive else scope
        for (name, holder), d in zip(entries, defs, strict=True):
            base = getattr(self.ctx.engine, "setf_function_base", lambda _: None)(name)  # (setf f): block f
            local_fn = self.new_fn(name, fn, d[1], from_list(d[2:]), def_scope, block_name=base or name)
            local_fn.label = f"{name.name}#{local_fn.index}"
            local_fn.self_var = holder
            holder.target = local_fn
            holder.fn = fn
            fns.append(local_fn)
        forms, specials = self.parse_declarations(args[1:])
        for sym in specials:
            body_scope = ("s", sym, True, body_scope)
        body = self.c_body(forms, body_scope, fn)
        return ("labels", fns, body)

    def c_flet(self, args: list[Any], scope: Scope, fn: Fn) -> Any:
        return self._local_fns(args, scope, fn, False)

    def c_labels(self, args: list[Any], scope: Scope, fn: Fn) -> Any:
        return self._local_fns(args, scope, fn, True)

    def c_local_call(self, holder: Var, args_form: Any, scope: Scope, fn: Fn) -> Any:
        self.ref_var(holder, fn)
        return ("lcall", holder, [self.convert(a, scope, fn) for a in to_list(args_form)])

def _has_local_macros(scope: Scope) -> bool:
    while scope is not None:
        if scope[0] in ("m", "sm"):
            return True
        scope = scope[3]
    return False


def _defun_installer(engine: Any, name: Any, lam: Any) -> Any:
    """The host function a compiled %DEFUN calls: installs `lam` under `name` exactly as Tier 1's %DEFUN does
    (a new tiered function in the null lexical environment)."""

    def install() -> Any:
        return engine.compile_tiered(name, lam)

    return install


def _closure_installer(engine: Any) -> Any:
    """The host function a compiled %DEFUN of a closure calls: (name, Tier-2 closure) -> name."""

    def install(name: Any, closure: Any) -> Any:
        if name.package is getattr(engine, "cl_package", None):
            from clysm.eval import errors

            errors.signal_error("PACKAGE-ERROR", f"Lock on package COMMON-LISP violated when setting "
                                f"fdefinition of {name.name} while in package COMMON-LISP-USER.")
        name.macro = None
        tiering = engine.tiering
        tiering.forget(name)
        closure.lisp_name = name
        name.function = closure
        engine.function_changed(name)
        return name

    return install
