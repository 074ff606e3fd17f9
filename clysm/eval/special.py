# Tier 1 special forms: one analysis function per special operator (QUOTE, IF, LET, BLOCK, TAGBODY, ...), each
# turning the form into IR nodes. Also the engine's own special forms in package CLYSM (%DEFUN).
from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from clysm.eval import errors
from clysm.eval.ir import (
    SPECIAL,
    BlockInfo,
    Call,
    Catch,
    Const,
    Defun,
    Env,
    FunBind,
    GFunction,
    Go,
    If,
    Lambda,
    Let,
    LocalMacro,
    LRef,
    LSet,
    MvBind,
    MvCall,
    MvProg1,
    Node,
    Params,
    Progn,
    Progv,
    ReturnFrom,
    SSet,
    SymbolMacro,
    Tagbody,
    TagbodyInfo,
    Throw,
    UnwindProtect,
    Var,
)
from clysm.eval.lambdalist import parse_lambda_list
from clysm.lisp.types import NIL, Cons, Symbol

if TYPE_CHECKING:
    from clysm.eval.analyze import Analyzer

Handler = Callable[[Any, Env], Node]


def special_form_table(a: Analyzer) -> dict[Symbol, Handler]:
    eng = a.engine
    show = _show
    to_list = _to_list

    def args_of(form: Any, lo: int, hi: int | None = None) -> list[Any]:
        items = to_list(form.cdr, f"{form.car.name} form")
        if len(items) < lo or (hi is not None and len(items) > hi):
            errors.program_error(f"malformed {form.car.name} form: {show(form)}")
        return items

    def s_quote(form: Any, env: Env) -> Node:
        return Const(args_of(form, 1, 1)[0])

    def s_if(form: Any, env: Env) -> Node:
        items = args_of(form, 2, 3)
        test = a.analyze(items[0], env)
        a.nest += 1
        try:
            then = a.analyze(items[1], env)
        finally:
            a.nest -= 1
        else_ = a.analyze(items[2], env) if len(items) > 2 else Const(NIL)
        return If(test, then, else_)

    def s_progn(form: Any, env: Env) -> Node:
        return a.progn(to_list(form.cdr, "PROGN form"), env)

    def let_like(form: Any, env: Env, sequential: bool) -> Node:
        items = args_of(form, 1)
        specs = to_list(items[0], f"{form.car.name} bindings")
        declared, body, _ = a.parse_body(Cons_list(items[1:]))
        benv = env.child()
        benv.vars = {}
        bindings: list[tuple[Any, Node]] = []
        pending: list[tuple[Any, Any]] = []
        has_special = False
        for spec in specs:
            if isinstance(spec, Symbol):
                sym, init = spec, NIL
            else:
                parts = to_list(spec, "binding")
                if not 1 <= len(parts) <= 2:
                    errors.program_error(f"malformed {form.car.name} binding: {show(spec)}")
                sym, init = parts[0], (parts[1] if len(parts) > 1 else NIL)
            a.check_bindable(sym, form.car.name)
            node = a.analyze(init, benv if sequential else env)
            if a.is_special(sym, declared):
                b: Any = sym
                has_special = True
                entry: Any = SPECIAL
            else:
                b = Var(sym, env.fn)
                entry = b
            bindings.append((b, node))
            if sequential:
                benv.vars[sym] = entry
            else:
                pending.append((sym, entry))
        for sym, entry in pending:
            benv.vars[sym] = entry
        free = {s for s in declared if s not in benv.vars}
        inner = benv
        if free:
            inner = benv.child()
            inner.specials = free
        if has_special:
            inner.depth += 2
        body_node = a.progn(body, inner)
        if not bindings:
            return body_node
        return Let(bindings, body_node, sequential)

    def s_let(form: Any, env: Env) -> Node:
        return let_like(form, env, False)

    def s_let_star(form: Any, env: Env) -> Node:
        return let_like(form, env, True)

    def s_setq(form: Any, env: Env) -> Node:
        items = to_list(form.cdr, "SETQ form")
        if len(items) % 2:
            errors.program_error(f"odd number of arguments to SETQ: {show(form)}")
        nodes: list[Node] = []
        for i in range(0, len(items), 2):
            sym, value_form = items[i], items[i + 1]
            if not isinstance(sym, Symbol):
                errors.program_error(f"SETQ: {show(sym)} is not a variable")
            b = env.lookup_var(sym)
            if isinstance(b, SymbolMacro):
                nodes.append(a.analyze(_list(a.SETF, b.expansion, value_form), env))
                continue
            if b is None and sym in eng.symbol_macros:
                nodes.append(a.analyze(_list(a.SETF, eng.symbol_macros[sym], value_form), env))
                continue
            value = a.analyze(value_form, env)
            if isinstance(b, Var):
                a.note_ref(b, env)
                b.assigned = True
                nodes.append(LSet(b, value))
            else:
                if sym.constant:
                    errors.program_error(f"{show(sym)} is a constant and thus can't be set.")
                nodes.append(SSet(sym, value))
        if not nodes:
            return Const(NIL)
        return nodes[0] if len(nodes) == 1 else Progn(nodes)

    def s_block(form: Any, env: Env) -> Node:
        items = args_of(form, 1)
        name = items[0]
        if not isinstance(name, Symbol):
            errors.program_error(f"BLOCK name {show(name)} is not a symbol")
        info = BlockInfo(name, env.fn)
        benv = env.child()
        benv.blocks = {name: info}
        benv.depth += 2
        body = a.progn(items[1:], benv)
        if not info.exits:
            return body
        from clysm.eval.ir import Block

        return Block(info, body)

    def s_return_from(form: Any, env: Env) -> Node:
        items = args_of(form, 1, 2)
        name = items[0]
        info = env.lookup_block(name)
        if info is None:
            errors.program_error(f"return for unknown block: {show(name)}")
        assert info is not None
        value = a.analyze(items[1], env) if len(items) > 1 else Const(NIL)
        crosses = info.owner is not env.fn
        if crosses:
            if info.token_var is None:
                info.token_var = Var(None, info.owner, "token")
            a.note_ref(info.token_var, env)
        node = ReturnFrom(info, value, crosses)
        info.exits.append(node)
        return node

    def s_tagbody(form: Any, env: Env) -> Node:
        items = to_list(form.cdr, "TAGBODY form")
        info = TagbodyInfo(env.fn)
        tenv = env.child()
        tenv.tags = {}
        tenv.depth += 2
        seg = 0
        for item in items:
            if isinstance(item, (Symbol, int)):
                if tenv.lookup_tag(item) is not None and tenv.tags.get(item) is not None:
                    errors.program_error(f"the tag {show(item)} appears more than once in a tagbody")
                tenv.tags[item] = (info, seg)
                info.tags[item] = seg
                seg += 1
        pre: list[Node] = []
        segments: list[list[Node]] = []
        current = pre
        for item in items:
            if isinstance(item, (Symbol, int)):
                current = []
                segments.append(current)
            elif isinstance(item, Cons):
                current.append(a.analyze(item, tenv))
        return Tagbody(info, pre, segments)

    def s_go(form: Any, env: Env) -> Node:
        tag = args_of(form, 1, 1)[0]
        found = env.lookup_tag(tag)
        if found is None:
            errors.program_error(f"attempt to GO to nonexistent tag: {show(tag)}")
        assert found is not None
        info, index = found
        crosses = info.owner is not env.fn
        if crosses:
            if info.token_var is None:
                info.token_var = Var(None, info.owner, "token")
            a.note_ref(info.token_var, env)
        node = Go(info, index, crosses)
        info.gos.append(node)
        return node

    def fun_def(d: Any, env: Env, what: str) -> tuple[Symbol, Any, Any]:
        parts = to_list(d, f"{what} definition")
        if len(parts) < 2:
            errors.program_error(f"malformed {what} definition: {show(d)}")
        return a.function_name(parts[0]), parts[1], Cons_list(parts[2:])

    def named_body(name: Symbol, body: Any) -> Any:
        """Wrap a local function body in (BLOCK name ...), after its declarations and docstring."""
        declared_forms: list[Any] = []
        forms = _to_list(body, "body")
        i = 0
        while i < len(forms) and (
            (isinstance(forms[i], Cons) and forms[i].car is a.DECLARE)
            or (isinstance(forms[i], str) and i + 1 < len(forms))
        ):
            declared_forms.append(forms[i])
            i += 1
        block_name = name
        if name.package is None and name.name.startswith("(SETF "):
            block_name = eng.setf_function_base(name)
        block = Cons(eng.sym("BLOCK"), Cons(block_name, Cons_list(forms[i:])))
        return Cons_list([*declared_forms, block])

    def s_flet(form: Any, env: Env, recursive: bool = False) -> Node:
        what = "LABELS" if recursive else "FLET"
        items = args_of(form, 1)
        defs = to_list(items[0], f"{what} definitions")
        fenv = env.child()
        fenv.funs = {}
        funs: list[tuple[Var, Any]] = []
        parsed = [fun_def(d, env, what) for d in defs]
        for name, _ll, _body in parsed:
            var = Var(name, env.fn, "fun")
            funs.append((var, None))
            if recursive:
                fenv.funs[name] = var
        lambdas: list[tuple[Var, Any]] = []
        for (var, _), (name, ll, body) in zip(funs, parsed, strict=True):
            info = a.analyze_lambda(ll, named_body(name, body), fenv if recursive else env, name)
            info.source = Cons(a.LAMBDA, Cons(ll, body))
            if recursive:
                info.self_var = var
            lambdas.append((var, Lambda(info)))
        if not recursive:
            for var, _ in funs:
                fenv.funs[var.name] = var
        declared, body_forms, _ = a.parse_body(Cons_list(items[1:]))
        benv = fenv
        if declared:
            benv = fenv.child()
            benv.specials = set(declared)
        return FunBind(lambdas, a.progn(body_forms, benv), recursive)

    def s_labels(form: Any, env: Env) -> Node:
        return s_flet(form, env, True)

    def s_function(form: Any, env: Env) -> Node:
        name = args_of(form, 1, 1)[0]
        if isinstance(name, Cons) and name.car is a.LAMBDA:
            return a.function_lambda(name, env)
        sym = a.function_name(name)
        fb = env.lookup_fun(sym)
        if isinstance(fb, Var):
            a.note_ref(fb, env)
            return LRef(fb)
        if isinstance(fb, LocalMacro) or (fb is None and (sym.macro is not None or sym in a.special_forms)):
            errors.signal_error("UNDEFINED-FUNCTION", f"{show(sym)} names a macro or special operator, not a "
                                f"function", NAME=sym.name)
        return GFunction(sym)

    def s_lambda(form: Any, env: Env) -> Node:
        return a.function_lambda(form, env)

    def s_catch(form: Any, env: Env) -> Node:
        items = args_of(form, 1)
        tag = a.analyze(items[0], env)
        benv = env.child()
        benv.depth += 2
        return Catch(tag, a.progn(items[1:], benv))

    def s_throw(form: Any, env: Env) -> Node:
        items = args_of(form, 2, 2)
        return Throw(a.analyze(items[0], env), a.analyze(items[1], env))

    def s_unwind_protect(form: Any, env: Env) -> Node:
        items = args_of(form, 1)
        benv = env.child()
        benv.depth += 2
        protected = a.analyze(items[0], benv)
        cleanup = [a.analyze(f, benv) for f in items[1:]]
        return UnwindProtect(protected, cleanup)

    def s_mv_call(form: Any, env: Env) -> Node:
        items = args_of(form, 1)
        fn_form = items[0]
        lam = None
        if isinstance(fn_form, Cons) and fn_form.car is a.FUNCTION and isinstance(fn_form.cdr, Cons):
            inner = fn_form.cdr.car
            if isinstance(inner, Cons) and inner.car is a.LAMBDA:
                lam = inner
        elif isinstance(fn_form, Cons) and fn_form.car is a.LAMBDA:
            lam = fn_form
        if lam is not None and len(items) == 2:
            node = mv_bind(lam, items[1], env)
            if node is not None:
                return node
        fn = a.analyze(fn_form, env)
        return MvCall(fn, [a.analyze(f, env) for f in items[1:]])

    def mv_bind(lam: Any, value_form: Any, env: Env) -> Node | None:
        parts = to_list(lam, "lambda expression")
        if len(parts) < 2:
            return None
        ll = parse_lambda_list(parts[1], keyword=eng.keyword)
        if ll.keys is not None or ll.aux or any(o.supplied_p is not None for o in ll.optional):
            return None
        if not all(isinstance(o.default, Symbol) and o.default is NIL for o in ll.optional):
            return None
        value = a.analyze(value_form, env)
        declared, body, _ = a.parse_body(Cons_list(parts[2:]))
        benv = env.child()
        benv.vars = {}
        params = Params()

        def bind(sym: Symbol) -> Any:
            a.check_bindable(sym, "MULTIPLE-VALUE-BIND")
            if a.is_special(sym, declared):
                benv.vars[sym] = SPECIAL  # type: ignore[index]
                params.simple = False
                return sym
            v = Var(sym, env.fn)
            benv.vars[sym] = v  # type: ignore[index]
            return v

        for sym in ll.required:
            params.required.append(bind(sym))
        for o in ll.optional:
            params.optional.append((bind(o.var), Const(NIL), None))
        if ll.rest is not None:
            params.rest = bind(ll.rest)
        free = {s for s in declared if s not in benv.vars}
        inner = benv
        if free:
            inner = benv.child()
            inner.specials = free
        inner.depth += 2
        return MvBind(params, value, a.progn(body, inner))

    def s_mv_prog1(form: Any, env: Env) -> Node:
        items = args_of(form, 1)
        return MvProg1(a.analyze(items[0], env), [a.analyze(f, env) for f in items[1:]])

    def s_macrolet(form: Any, env: Env) -> Node:
        items = args_of(form, 1)
        menv = env.child()
        menv.funs = {}
        for d in to_list(items[0], "MACROLET definitions"):
            parts = to_list(d, "MACROLET definition")
            if len(parts) < 2 or not isinstance(parts[0], Symbol):
                errors.program_error(f"malformed MACROLET definition: {show(d)}")
            menv.funs[parts[0]] = LocalMacro(eng.make_macro_function(parts[0], parts[1], Cons_list(parts[2:]),
                                                                     macro_env(env)))
        return locally_body(items[1:], menv)

    def macro_env(env: Env) -> Env:
        """The part of env a local macro definition may see: macros and symbol macros only."""
        chain: list[Env] = []
        e: Env | None = env
        while e is not None:
            chain.append(e)
            e = e.parent
        out = Env(None, env.fn, eng)
        out.fn = eng.toplevel_info()
        for c in reversed(chain):
            n = out.child()
            if c.funs:
                n.funs = {k: v for k, v in c.funs.items() if isinstance(v, LocalMacro)}
            if c.vars:
                n.vars = {k: v for k, v in c.vars.items() if isinstance(v, SymbolMacro)}
            out = n
        return out

    def s_symbol_macrolet(form: Any, env: Env) -> Node:
        items = args_of(form, 1)
        senv = env.child()
        senv.vars = {}
        for d in to_list(items[0], "SYMBOL-MACROLET definitions"):
            parts = to_list(d, "SYMBOL-MACROLET definition")
            if len(parts) != 2:
                errors.program_error(f"malformed SYMBOL-MACROLET definition: {show(d)}")
            a.check_bindable(parts[0], "SYMBOL-MACROLET")
            senv.vars[parts[0]] = SymbolMacro(parts[1])
        return locally_body(items[1:], senv)

    def locally_body(forms: list[Any], env: Env) -> Node:
        declared, body, _ = a.parse_body(Cons_list(forms))
        if declared:
            env = env.child()
            env.specials = set(declared)
        return a.progn(body, env)

    def s_locally(form: Any, env: Env) -> Node:
        return locally_body(to_list(form.cdr, "LOCALLY form"), env)

    def s_the(form: Any, env: Env) -> Node:
        return a.analyze(args_of(form, 2, 2)[1], env)

    def s_eval_when(form: Any, env: Env) -> Node:
        items = args_of(form, 1)
        situations = to_list(items[0], "EVAL-WHEN situations")
        if any(isinstance(s, Symbol) and s.name == "EXECUTE" for s in situations):
            return a.progn(items[1:], env)
        return Const(NIL)

    def s_load_time_value(form: Any, env: Env) -> Node:
        items = args_of(form, 1, 2)
        return Const(eng.eval(items[0]))

    def s_progv(form: Any, env: Env) -> Node:
        items = args_of(form, 2)
        benv = env.child()
        benv.depth += 2
        return Progv(a.analyze(items[0], env), a.analyze(items[1], env), a.progn(items[2:], benv))

    def s_declare(form: Any, env: Env) -> Node:
        errors.program_error(f"declaration in the wrong place: {show(form)}")
        raise AssertionError

    def s_defun(form: Any, env: Env) -> Node:
        items = args_of(form, 2, 2)
        name_form, fn_form = items
        if isinstance(name_form, Cons) and name_form.car is a.QUOTE:
            name_form = name_form.cdr.car
        name = a.function_name(name_form)
        lam = None
        if isinstance(fn_form, Cons) and fn_form.car is a.FUNCTION and isinstance(fn_form.cdr, Cons):
            lam = fn_form.cdr.car
        elif isinstance(fn_form, Cons) and fn_form.car is a.LAMBDA:
            lam = fn_form
        if not (isinstance(lam, Cons) and lam.car is a.LAMBDA):
            errors.program_error(f"%DEFUN needs a lambda expression, not {show(fn_form)}")
        node = a.function_lambda(lam, env, name=name, tiered=True)
        return Defun(name, node, env)

    table: dict[str, Handler] = {
        "QUOTE": s_quote, "IF": s_if, "PROGN": s_progn, "LET": s_let, "LET*": s_let_star, "SETQ": s_setq,
        "BLOCK": s_block, "RETURN-FROM": s_return_from, "TAGBODY": s_tagbody, "GO": s_go, "FLET": s_flet,
        "LABELS": s_labels, "FUNCTION": s_function, "LAMBDA": s_lambda, "CATCH": s_catch, "THROW": s_throw,
        "UNWIND-PROTECT": s_unwind_protect, "MULTIPLE-VALUE-CALL": s_mv_call,
        "MULTIPLE-VALUE-PROG1": s_mv_prog1, "MACROLET": s_macrolet, "SYMBOL-MACROLET": s_symbol_macrolet,
        "LOCALLY": s_locally, "THE": s_the, "EVAL-WHEN": s_eval_when, "LOAD-TIME-VALUE": s_load_time_value,
        "PROGV": s_progv, "DECLARE": s_declare,
    }
    out = {eng.sym(name): fn for name, fn in table.items()}
    out[eng.intern("%DEFUN", "CLYSM")] = s_defun
    return out


SPECIAL_OPERATORS = frozenset(
    """QUOTE IF PROGN LET LET* SETQ BLOCK RETURN-FROM TAGBODY GO FLET LABELS FUNCTION CATCH THROW UNWIND-PROTECT
    MULTIPLE-VALUE-CALL MULTIPLE-VALUE-PROG1 MACROLET SYMBOL-MACROLET LOCALLY THE EVAL-WHEN LOAD-TIME-VALUE
    PROGV""".split()
)


def _show(x: Any) -> str:
    from clysm.eval.analyze import show

    return show(x)


def _to_list(x: Any, what: str) -> list[Any]:
    from clysm.eval.analyze import to_list

    return to_list(x, what)


def Cons_list(items: list[Any]) -> Any:  # noqa: N802  (builds a Lisp list)
    out: Any = NIL
    for item in reversed(items):
        out = Cons(item, out)
    return out


def _list(*items: Any) -> Any:
    return Cons_list(list(items))


__all__ = ["special_form_table", "SPECIAL_OPERATORS", "Call", "GFunction", "LRef", "Progn"]
