# A small reference evaluator used ONLY by the macro tests while the real Engine is not available: it runs the
# special forms directly (a plain AST walker, no analysis) on top of MacroWorld and the registered built-ins, so
# macro expansions can be checked against SBCL's answers. Deliberately simple; not part of clysm.
from __future__ import annotations

import importlib
import pkgutil
from typing import Any

import clysm.eval.builtins as builtins_package
from clysm.eval.builtins.common import eq, eql, equal
from clysm.eval.builtins.mvalues import MultipleValues
from clysm.eval.builtins.registry import all_builtins
from clysm.eval.errors import condition_subtypep, program_error, signal_error
from clysm.eval.macros.util import L
from clysm.lisp.types import NIL, UNBOUND, Cons, HashTable, LispError, LispVector, Symbol, T, char

from .world import MacroWorld, from_py, iter_list


def primary(x: Any) -> Any:
    if isinstance(x, MultipleValues):
        return x[0] if x else NIL
    return x


def all_values(x: Any) -> list[Any]:
    return list(x) if isinstance(x, MultipleValues) else [x]


class ReturnFrom(Exception):
    def __init__(self, tag: object, value: Any) -> None:
        self.tag = tag
        self.value = value


class Go(Exception):
    def __init__(self, tag: object, label: Any) -> None:
        self.tag = tag
        self.label = label


class Env:
    __slots__ = ("vars", "funs", "blocks", "tags", "macros", "symmacros", "parent")

    def __init__(self, parent: Env | None = None) -> None:
        self.vars: dict[Symbol, list[Any]] = {}
        self.funs: dict[Any, Any] = {}
        self.blocks: dict[Symbol, object] = {}
        self.tags: dict[Any, object] = {}
        self.macros: dict[Symbol, Any] = {}
        self.symmacros: dict[Symbol, Any] = {}
        self.parent = parent

    def find(self, attr: str, key: Any) -> Any:
        e: Env | None = self
        while e is not None:
            d = getattr(e, attr)
            if key in d:
                return d[key]
            e = e.parent
        return None


class MiniEval(MacroWorld):
    """MacroWorld plus an evaluator: `run(text)` evaluates every form and returns PRIN1 of the last value."""

    def __init__(self) -> None:
        for m in pkgutil.iter_modules(builtins_package.__path__):
            importlib.import_module(f"clysm.eval.builtins.{m.name}")
        super().__init__()
        for spec in all_builtins():
            fn = spec.func
            if spec.needs_engine:
                fn = (lambda f: lambda *a: f(self, *a))(fn)
            self.intern(spec.name, spec.package).function = fn
        extra = {
            "FUNCALL": lambda f, *a: self.call(f, list(a)),
            "APPLY": lambda f, *a: self.call(f, list(a[:-1]) + list(iter_list(a[-1]))),
            "VALUES": lambda *a: MultipleValues(a),
            "EQ": lambda a, b: T if eq(a, b) else NIL,
            "EQL": lambda a, b: T if eql(a, b) else NIL,
            "EQUAL": lambda a, b: T if equal(a, b) else NIL,
            "TYPEP": self.typep,
            "ERROR": self.error,
            "AREF": lambda v, i: v.items[i] if isinstance(v, LispVector) else char(ord(v[i])),
            "SVREF": lambda v, i: v.items[i],
            "VECTOR": lambda *a: LispVector(list(a)),
            "GET": lambda s, i, d=NIL: self.getf(s.plist or NIL, i, d),
            "SYMBOL-VALUE": lambda s: s.value,
            "SET": self.set_value,
            "BOUNDP": lambda s: NIL if s.value is UNBOUND else T,
            "GENSYM": lambda prefix="G": self.gensym(prefix),
        }
        for name, fn in extra.items():
            self.sym(name).function = fn
        self.intern("%DEFUN", "CLYSM").function = self.defun
        self.intern("%DEFMACRO", "CLYSM").function = self.defmacro
        self.intern("%HANDLER-BIND", "CLYSM").function = self.handler_bind
        self.output: list[str] = []

    # -- helpers installed as functions

    def getf(self, plist: Any, ind: Any, default: Any) -> Any:
        x = plist
        while isinstance(x, Cons):
            if x.car is ind:
                return x.cdr.car
            x = x.cdr.cdr
        return default

    def set_value(self, s: Symbol, v: Any) -> Any:
        s.value = v
        return v

    def defun(self, name: Any, fn: Any) -> Any:
        if isinstance(name, Cons):
            self.setf_functions[name.cdr.car] = fn
        else:
            name.function = fn
        return name

    def defmacro(self, name: Symbol, fn: Any) -> Any:
        self.expanders[name] = lambda engine, form, env: fn(form, env)
        return name

    def typep(self, x: Any, t: Any) -> Any:
        name = t.name if isinstance(t, Symbol) else t.car.name
        checks = {
            "INTEGER": lambda v: type(v) is int, "FIXNUM": lambda v: type(v) is int, "STRING": lambda v: type(v) is str,
            "SYMBOL": lambda v: isinstance(v, Symbol), "NUMBER": lambda v: type(v) in (int, float),
            "LIST": lambda v: v is NIL or isinstance(v, Cons), "CONS": lambda v: isinstance(v, Cons),
            "NULL": lambda v: v is NIL, "T": lambda v: True, "FLOAT": lambda v: type(v) is float,
            "KEYWORD": lambda v: isinstance(v, Symbol) and v.is_keyword,
            "HASH-TABLE": lambda v: isinstance(v, HashTable),
        }
        if name == "OR":
            return T if any(self.typep(x, s) is T for s in iter_list(t.cdr)) else NIL
        if name == "MEMBER":
            return T if any(eql(x, s) for s in iter_list(t.cdr)) else NIL
        return T if checks[name](x) else NIL

    def error(self, datum: Any, *args: Any) -> Any:
        if isinstance(datum, str):
            from clysm.lisp.printer import prin1_to_string

            text = datum.replace("~S", "{}").replace("~A", "{}").format(*[prin1_to_string(a) for a in args])
            signal_error("SIMPLE-ERROR", text)
        signal_error(datum.name, datum.name)

    def handler_bind(self, handlers: Any, thunk: Any) -> Any:
        pairs = list(iter_list(handlers))
        try:
            return thunk()
        except LispError as e:
            for i in range(0, len(pairs), 2):
                spec = pairs[i]
                names = [s.name for s in iter_list(spec.cdr)] if isinstance(spec, Cons) else [spec.name]
                if any(condition_subtypep(e.condition.type_name, n) for n in names):
                    self.call(pairs[i + 1], [e.condition])
            raise

    # -- evaluation

    def macroexpand_1(self, form: Any, env: Any) -> tuple[Any, bool]:
        if isinstance(env, Env):
            if isinstance(form, Symbol):
                e: Env | None = env
                while e is not None:  # a lexical variable shadows an outer symbol macro
                    if form in e.vars:
                        return form, False
                    if form in e.symmacros:
                        return e.symmacros[form], True
                    e = e.parent
                return form, False
            if isinstance(form, Cons) and isinstance(form.car, Symbol):
                local = env.find("macros", form.car)
                if local is not None:
                    return local(form), True
        return super().macroexpand_1(form, None)

    def run(self, text: str) -> str:
        self.setf_functions: dict[Symbol, Any] = {}
        from clysm.lisp.reader import read_all

        value: Any = NIL
        for form in read_all(text, intern=lambda name, pkg: self.intern(name, pkg)):
            value = primary(self.eval(form, Env()))
        return self.prin1(value)

    def call(self, f: Any, args: list[Any]) -> Any:
        if isinstance(f, Symbol):
            fn = f.function
            if fn is None:
                signal_error("UNDEFINED-FUNCTION", f"The function {f.name} is undefined.")
            f = fn
        return f(*args)

    def eval(self, form: Any, env: Env) -> Any:
        if isinstance(form, Symbol):
            if form is NIL or form is T or form.is_keyword:
                return form
            expansion, changed = self.macroexpand_1(form, env)
            if changed:
                return self.eval(expansion, env)
            cell = env.find("vars", form)
            if cell is not None:
                return cell[0]
            if form.value is UNBOUND:
                signal_error("UNBOUND-VARIABLE", f"The variable {form.name} is unbound.")
            return form.value
        if not isinstance(form, Cons):
            return form
        op = form.car
        if isinstance(op, Symbol):
            handler = getattr(self, "sf_" + op.name.replace("-", "_").replace("*", "_star").lower(), None)
            if handler is not None and op.package is self.cl:
                return handler(form.cdr, env)
            local_macro = env.find("macros", op)
            if local_macro is not None:
                return self.eval(local_macro(form), env)
            if op in self.expanders and env.find("funs", op) is None:
                return self.eval(self.expanders[op](self, form, env), env)
            fn = env.find("funs", op)
            args = [primary(self.eval(a, env)) for a in iter_list(form.cdr)]
            return self.call(fn if fn is not None else op, args)
        fn = self.make_function(op, env)
        return fn(*[primary(self.eval(a, env)) for a in iter_list(form.cdr)])

    def progn(self, body: Any, env: Env) -> Any:
        result: Any = NIL
        for f in iter_list(body):
            if isinstance(f, Cons) and f.car is self.sym("DECLARE"):
                continue
            result = self.eval(f, env)
        return result

    def sf_quote(self, args: Any, env: Env) -> Any:
        return args.car

    def sf_if(self, args: Any, env: Env) -> Any:
        test = primary(self.eval(args.car, env))
        if test is not NIL:
            return self.eval(args.cdr.car, env)
        return self.eval(args.cdr.cdr.car, env) if isinstance(args.cdr.cdr, Cons) else NIL

    def sf_progn(self, args: Any, env: Env) -> Any:
        return self.progn(args, env)

    def sf_locally(self, args: Any, env: Env) -> Any:
        return self.progn(args, env)

    def sf_the(self, args: Any, env: Env) -> Any:
        return self.eval(args.cdr.car, env)

    def sf_let(self, args: Any, env: Env) -> Any:
        new = Env(env)
        for b in iter_list(args.car):
            var, init = (b.car, b.cdr.car if isinstance(b.cdr, Cons) else NIL) if isinstance(b, Cons) else (b, NIL)
            new.vars[var] = [primary(self.eval(init, env))]
        return self.progn(args.cdr, new)

    def sf_let_star(self, args: Any, env: Env) -> Any:
        new = env
        for b in iter_list(args.car):
            var, init = (b.car, b.cdr.car if isinstance(b.cdr, Cons) else NIL) if isinstance(b, Cons) else (b, NIL)
            value = primary(self.eval(init, new))
            new = Env(new)
            new.vars[var] = [value]
        return self.progn(args.cdr, Env(new))

    def sf_setq(self, args: Any, env: Env) -> Any:
        items = list(iter_list(args))
        value: Any = NIL
        for i in range(0, len(items), 2):
            expansion, changed = self.macroexpand_1(items[i], env)
            if changed:
                value = primary(self.eval(L(self.sym("SETF"), expansion, items[i + 1]), env))
                continue
            value = primary(self.eval(items[i + 1], env))
            cell = env.find("vars", items[i])
            if cell is not None:
                cell[0] = value
            else:
                items[i].value = value
        return value

    def sf_block(self, args: Any, env: Env) -> Any:
        new = Env(env)
        tag = object()
        new.blocks[args.car] = tag
        try:
            return self.progn(args.cdr, new)
        except ReturnFrom as r:
            if r.tag is tag:
                return r.value
            raise

    def sf_return_from(self, args: Any, env: Env) -> Any:
        tag = env.find("blocks", args.car)
        if tag is None:
            program_error(f"return for unknown block: {args.car.name}")
        raise ReturnFrom(tag, self.eval(args.cdr.car, env) if isinstance(args.cdr, Cons) else NIL)

    def sf_tagbody(self, args: Any, env: Env) -> Any:
        new = Env(env)
        tag = object()
        items = list(iter_list(args))
        labels = {}
        for i, x in enumerate(items):
            if not isinstance(x, Cons):
                new.tags[x] = tag
                labels[x] = i
        pc = 0
        while pc < len(items):
            x = items[pc]
            pc += 1
            if isinstance(x, Cons):
                try:
                    self.eval(x, new)
                except Go as g:
                    if g.tag is not tag:
                        raise
                    pc = labels[g.label] + 1
        return NIL

    def sf_go(self, args: Any, env: Env) -> Any:
        raise Go(env.find("tags", args.car), args.car)

    def sf_function(self, args: Any, env: Env) -> Any:
        x = args.car
        if isinstance(x, Cons) and x.car is self.sym("LAMBDA"):
            return self.make_function(x, env)
        if isinstance(x, Cons):
            return self.setf_functions[x.cdr.car]
        local = env.find("funs", x)
        return local if local is not None else x.function

    def sf_lambda(self, args: Any, env: Env) -> Any:
        return self.make_function(Cons(self.sym("LAMBDA"), args), env)

    def sf_flet(self, args: Any, env: Env) -> Any:
        new = Env(env)
        for d in iter_list(args.car):
            new.funs[d.car] = self.make_function(Cons(self.sym("LAMBDA"), d.cdr), env)
        return self.progn(args.cdr, new)

    def sf_labels(self, args: Any, env: Env) -> Any:
        new = Env(env)
        for d in iter_list(args.car):
            new.funs[d.car] = self.make_function(Cons(self.sym("LAMBDA"), d.cdr), new)
        return self.progn(args.cdr, new)

    def sf_macrolet(self, args: Any, env: Env) -> Any:
        from clysm.eval.macros.definitions import macro_function_form

        new = Env(env)
        for d in iter_list(args.car):
            fn = self.eval(macro_function_form(self, d.car, d.cdr.car, list(iter_list(d.cdr.cdr)), "MACROLET"), env)
            new.macros[d.car] = (lambda f: lambda form: f(form, NIL))(fn)
        return self.progn(args.cdr, new)

    def sf_symbol_macrolet(self, args: Any, env: Env) -> Any:
        new = Env(env)
        for d in iter_list(args.car):
            new.symmacros[d.car] = d.cdr.car
        return self.progn(args.cdr, new)

    def sf_multiple_value_call(self, args: Any, env: Env) -> Any:
        fn = primary(self.eval(args.car, env))
        vals: list[Any] = []
        for a in iter_list(args.cdr):
            vals += all_values(self.eval(a, env))
        return self.call(fn, vals)

    def sf_multiple_value_prog1(self, args: Any, env: Env) -> Any:
        result = self.eval(args.car, env)
        self.progn(args.cdr, env)
        return result

    def sf_unwind_protect(self, args: Any, env: Env) -> Any:
        try:
            return self.eval(args.car, env)
        finally:
            self.progn(args.cdr, env)

    def make_function(self, lam: Any, env: Env) -> Any:
        ll = list(iter_list(lam.cdr.car))
        body = lam.cdr.cdr

        def fn(*args: Any) -> Any:
            new = Env(env)
            i = 0
            mode = "req"
            for p in ll:
                if isinstance(p, Symbol) and p.name.startswith("&"):
                    mode = p.name
                    continue
                if mode == "req":
                    if i >= len(args):
                        program_error("too few arguments")
                    new.vars[p] = [args[i]]
                    i += 1
                elif mode == "&OPTIONAL":
                    var, init = (p, NIL)
                    if isinstance(p, Cons):
                        var, init = p.car, p.cdr.car if isinstance(p.cdr, Cons) else NIL
                    new.vars[var] = [args[i] if i < len(args) else primary(self.eval(init, new))]
                    i += 1
                elif mode == "&REST":
                    new.vars[p] = [from_py(list(args[i:]))]
                    i = len(args)
            if i < len(args):
                program_error("too many arguments")
            return self.progn(body, new)

        return fn
