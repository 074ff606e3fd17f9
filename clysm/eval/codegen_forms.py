# Tier 1 code generation for the statement-shaped forms: lambda-list binding, LET/LET*, FLET/LABELS, BLOCK and
# RETURN-FROM, TAGBODY and GO, CATCH/THROW, UNWIND-PROTECT, the multiple-value forms, PROGV and %DEFUN.
# A mixin of codegen.FnGen (see that module's header for the conventions of the generated code).
from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from clysm.eval import ir
from clysm.eval.ir import Node, Var
from clysm.eval.runtime import StaticTag
from clysm.lisp.types import Symbol

if TYPE_CHECKING:
    from clysm.eval.codegen import FnGen, FrameInfo, Target

MAX_SIMPLE_ARGS = 30  # beyond this, a fixed-arity function takes *args (Python handles any count, but keep sane)


def _target(kind: str, name: str = "", mv: bool = False) -> Target:
    from clysm.eval.codegen import Target

    return Target(kind, name, mv)


def _exits(node: Node, want: Callable[[Node], bool]) -> Iterator[tuple[Node, int, bool]]:
    """(exit node, Python loop depth, inside a cleanup form) for every node satisfying `want` in node's tree,
    not entering lambdas (their exits are marked `crosses`)."""
    todo: list[tuple[Any, int, bool]] = [(node, 0, False)]
    while todo:
        n, depth, cleanup = todo.pop()
        if n is None:
            continue
        if want(n):
            yield n, depth, cleanup
        t = type(n)
        if t is ir.Lambda:
            continue
        if t is ir.Tagbody:
            inner = depth + (1 if n.info.gos else 0)
            for f in n.pre:
                todo.append((f, inner, cleanup))
            for seg in n.segments:
                for f in seg:
                    todo.append((f, inner, cleanup))
            continue
        if t is ir.UnwindProtect:
            todo.append((n.form, depth, cleanup))
            for f in n.cleanup:
                todo.append((f, depth, True))
            continue
        for child in _children(n):
            todo.append((child, depth, cleanup))


def _children(n: Node) -> list[Any]:
    t = type(n)
    if t is ir.If:
        return [n.test, n.then, n.else_]
    if t is ir.Progn:
        return list(n.forms)
    if t is ir.Let:
        return [init for _b, init in n.bindings] + [n.body]
    if t is ir.FunBind:
        return [n.body]
    if t in (ir.LSet, ir.SSet):
        return [n.value]
    if t is ir.Call:
        return ([n.target] if n.kind == "value" else []) + list(n.args)
    if t is ir.Prim or t is ir.Values:
        return list(n.args)
    if t is ir.Block:
        return [n.body]
    if t is ir.ReturnFrom:
        return [n.value]
    if t is ir.Catch:
        return [n.tag, n.body]
    if t is ir.Throw:
        return [n.tag, n.value]
    if t is ir.MvCall:
        return [n.fn, *n.args]
    if t is ir.MvBind:
        return [n.form, n.body] + [d for _v, d, _s in n.params.optional]
    if t is ir.MvProg1:
        return [n.first, *n.rest]
    if t is ir.Progv:
        return [n.syms, n.vals, n.body]
    return []


class FormsMixin:
    # ------------------------------------------------------------------------------------------ binding
    def assign_binding(self: FnGen, b: Any, e: str, param: bool = False) -> None:
        if isinstance(b, Var):
            if b.frame is not None:
                self.emit(f"{self.frame_expr(b.frame)}[{b.slot}] = {e}")
            elif param:
                b.pyname = e
                if not b.assigned:
                    self.stable.add(e)
            else:
                name = b.pyname or self.new_local(b)
                self.emit(f"{name} = {e}")
        else:
            self.emit(f"{self.unit.const(b)}.value = {e}")

    def begin_bindings(self: FnGen, bindings: list[Any], frame_now: bool) -> tuple[FrameInfo | None, list[str]]:
        """Allocate the frame for captured Vars (emitting it now if frame_now) and save the old values of special
        bindings; opens `try:` when there are specials. Returns (frame, saved-value temporaries)."""
        frame = self.open_frame([b for b in bindings if isinstance(b, Var)])
        if frame is not None and frame_now:
            self.emit(f"{frame.pyname} = [{self.current_frame()}{', None' * len(frame.vars)}]")
            self.frames.append(frame)
        olds: list[str] = []
        specials = [b for b in bindings if isinstance(b, Symbol)]
        for s in specials:
            o = self.tmp()
            self.emit(f"{o} = {self.unit.const(s)}.value")
            olds.append(o)
        if specials:
            self.emit("try:")
            self.ind += 1
            self.try_depth += 1
        return frame, olds

    def end_bindings(self: FnGen, bindings: list[Any], frame: FrameInfo | None, olds: list[str]) -> None:
        specials = [b for b in bindings if isinstance(b, Symbol)]
        if specials:
            self.ind -= 1
            self.try_depth -= 1
            self.emit("finally:")
            for s, o in zip(reversed(specials), reversed(olds), strict=True):
                self.emit(f"    {self.unit.const(s)}.value = {o}")
        if frame is not None and self.frames and self.frames[-1] is frame:
            self.frames.pop()

    def bind_parallel(self: FnGen, pairs: list[tuple[Any, str]]) -> tuple[FrameInfo | None, list[str]]:
        """Bind already-evaluated values (LET): frame creation, then specials. Returns what end_bindings needs."""
        bindings = [b for b, _e in pairs]
        frame = self.open_frame([b for b in bindings if isinstance(b, Var)])
        if frame is not None:
            vals = [e for b, e in pairs if isinstance(b, Var) and b.frame is frame]
            self.emit(f"{frame.pyname} = [{self.current_frame()}, {', '.join(vals)}]")
        for b, e in pairs:
            if isinstance(b, Var) and b.frame is None:
                self.assign_binding(b, e)
        _f, olds = self.begin_bindings([b for b in bindings if isinstance(b, Symbol)], False)
        for b, e in pairs:
            if isinstance(b, Symbol):
                self.assign_binding(b, e)
        if frame is not None:
            self.frames.append(frame)
        return frame, olds

    # ------------------------------------------------------------------------------------------ lambdas
    def signature(self: FnGen, params: ir.Params) -> str:
        names = [f"p{i}" for i in range(len(params.required))]
        if params.optional or params.rest is not None or params.keys is not None:
            names.append("*r")
        return ", ".join(names)

    def prologue(self: FnGen, params: ir.Params, tiered: bool) -> Callable[[], None]:
        if tiered:
            self.tier_prologue(params)
        bindings: list[Any] = list(params.required)
        for v, _d, sp in params.optional:
            bindings += [v] + ([sp] if sp is not None else [])
        if params.rest is not None:
            bindings.append(params.rest)
        for _k, v, _d, sp in params.keys or []:
            bindings += [v] + ([sp] if sp is not None else [])
        bindings += [v for v, _i in params.aux]
        frame, olds = self.begin_bindings(bindings, True)
        for i, b in enumerate(params.required):
            self.assign_binding(b, f"p{i}", param=True)
        nreq, nopt = len(params.required), len(params.optional)
        fname = self.info.name.name if isinstance(self.info.name, Symbol) else "(LAMBDA)"
        if params.optional or params.rest is not None or params.keys is not None:
            self.emit("_n = len(r)")
            self.stable.add("_n")
        for j, (v, default, sp) in enumerate(params.optional):
            self.emit(f"if _n > {j}:")
            self.ind += 1
            self.assign_binding(v, f"r[{j}]")
            if sp is not None:
                self.assign_binding(sp, "T")
            self.ind -= 1
            self.emit("else:")
            self.ind += 1
            self.assign_binding(v, self.expr(default))
            if sp is not None:
                self.assign_binding(sp, "NIL")
            self.ind -= 1
        if (params.optional or params.keys is not None or params.rest is not None) and params.rest is None \
                and params.keys is None:
            self.emit(f"if _n > {nopt}: _toomany({fname!r}, {nreq} + _n, {nreq}, {nreq + nopt})")
        if params.rest is not None:
            self.assign_binding(params.rest, f"_list(r, {nopt})" if nopt else "_list(r)")
        if params.keys is not None:
            keys = self.unit.const(tuple(k for k, _v, _d, _s in params.keys))
            kv = self.tmp()
            start = f"min(_n, {nopt})" if nopt else "0"
            self.emit(f"{kv} = _keys(r, {start}, {keys}, {params.allow_other_keys}, {fname!r})")
            for i, (_k, v, default, sp) in enumerate(params.keys):
                self.emit(f"if {kv}[{i}] is _UNSUP:")
                self.ind += 1
                self.assign_binding(v, self.expr(default))
                if sp is not None:
                    self.assign_binding(sp, "NIL")
                self.ind -= 1
                self.emit("else:")
                self.ind += 1
                self.assign_binding(v, f"{kv}[{i}]")
                if sp is not None:
                    self.assign_binding(sp, "T")
                self.ind -= 1
        for v, init in params.aux:
            self.assign_binding(v, self.expr(init))

        def close() -> None:
            self.end_bindings(bindings, frame, olds)

        return close

    def tier_prologue(self: FnGen, params: ir.Params) -> None:
        args = [f"p{i}" for i in range(len(params.required))]
        if params.optional or params.rest is not None or params.keys is not None:
            args.append("*r")
        tup = f"({', '.join(args)}{',' if len(args) == 1 else ''})"
        self.emit("_c = _tf.n1 + 1")
        self.emit("_tf.n1 = _c")
        self.emit("try:")
        self.emit("    _h = _c > _THR.value")
        self.emit("except TypeError:")
        self.emit("    _h = True")
        self.emit("if _h and _tf.live:")
        self.emit(f"    _r = _tf.slow({tup})")
        self.emit("    if _r is not _CONT: return _r")

    # ------------------------------------------------------------------------------------------ LET, FLET
    def into_let(self: FnGen, node: ir.Let, target: Target) -> None:
        bindings = [b for b, _i in node.bindings]
        if node.sequential:
            frame, olds = self.begin_bindings(bindings, True)
            for b, init in node.bindings:
                self.assign_binding(b, self.expr(init))
        else:
            es = self.exprs([init for _b, init in node.bindings])
            pairs: list[tuple[Any, str]] = []
            for (b, _init), e in zip(node.bindings, es, strict=True):
                if isinstance(b, Symbol) or b.captured:
                    e = self.atom(e)
                pairs.append((b, e))
            frame, olds = self.bind_parallel(pairs)
        self.into(node.body, target)
        self.end_bindings(bindings, frame, olds)

    def into_funbind(self: FnGen, node: ir.FunBind, target: Target) -> None:
        vars_ = [v for v, _l in node.funs]
        if node.recursive:
            frame, olds = self.begin_bindings(vars_, True)
            for v, lam in node.funs:
                self.assign_binding(v, self.closure(lam.info))
        else:
            es = [self.atom(self.closure(lam.info)) for _v, lam in node.funs]
            frame, olds = self.bind_parallel(list(zip(vars_, es, strict=True)))
        self.into(node.body, target)
        self.end_bindings(vars_, frame, olds)

    # ------------------------------------------------------------------------------------------ BLOCK
    def into_block(self: FnGen, node: ir.Block, target: Target) -> None:
        info = node.info
        info.target = target
        in_cleanup = any(c for _n, _d, c in _exits(node.body, lambda n: type(n) is ir.ReturnFrom
                                                   and n.info is info))
        needs_try = info.token_var is not None or target.kind != "ret" or in_cleanup or self.in_finally()
        if not needs_try:
            self.into(node.body, target)
            return
        frame = None
        if info.token_var is not None:
            frame = self.open_frame([info.token_var])
            assert frame is not None
            self.emit(f"{frame.pyname} = [{self.current_frame()}, _Tok({info.name.name!r})]")
            self.frames.append(frame)
            tag = f"{frame.pyname}[1]"
            self.emit("try:")
            self.ind += 1
            self.try_depth += 1
        else:
            info.static_tag = StaticTag(info.name.name)
            tag = self.unit.const(info.static_tag)
        self.body_catching_exit(node.body, target, "_RFE", tag)
        if frame is not None:
            self.ind -= 1
            self.try_depth -= 1
            self.emit("finally:")
            self.emit(f"    {tag}.live = False")
            self.frames.pop()

    def return_from(self: FnGen, node: ir.ReturnFrom) -> None:
        info = node.info
        tgt = info.target
        assert tgt is not None
        if not node.crosses and tgt.kind == "ret" and not self.in_finally():
            self.into(node.value, tgt)
            return
        if tgt.kind == "none":
            self.stmt(node.value)
            v = "NIL"
        else:
            v = self.tmp()
            self.into(node.value, _target("var", v, tgt.mv))
        mv = "_E.mv" if tgt.mv else "None"
        if info.token_var is not None:
            tok = self.var_get(info.token_var)
            tag = f"_chk({tok}, 'RETURN-FROM')" if node.crosses else tok
        else:
            if info.static_tag is None:
                info.static_tag = StaticTag(info.name.name)
            tag = self.unit.const(info.static_tag)
        self.emit(f"raise _RFE({tag}, {v}, {mv})")

    # ------------------------------------------------------------------------------------------ TAGBODY
    def into_tagbody(self: FnGen, node: ir.Tagbody, target: Target) -> None:
        info = node.info
        if not info.gos:
            for f in node.pre:
                self.stmt(f)
            for seg in node.segments:
                for f in seg:
                    self.stmt(f)
            self.deliver(target, "NIL", False)
            return
        mine = [(d, c) for n, d, c in _exits(node, lambda n: type(n) is ir.Go and n.info is info)]
        needs_try = info.token_var is not None or any(d > 1 or c for d, c in mine) or self.in_finally()
        segments = ([node.pre] if node.pre else []) + node.segments
        first = 0 if node.pre else 1
        use_pc = len(segments) > 1
        pc = self.unit.fresh("_pc")
        info.pyid = first  # index offset: segment of tag i is i + 1
        frame = None
        if info.token_var is not None:
            frame = self.open_frame([info.token_var])
            assert frame is not None
            self.emit(f"{frame.pyname} = [{self.current_frame()}, _Tok('TAGBODY')]")
            self.frames.append(frame)
            tag = f"{frame.pyname}[1]"
            self.emit("try:")
            self.ind += 1
        else:
            info.static_tag = StaticTag("TAGBODY")
            tag = self.unit.const(info.static_tag)
        if use_pc:
            self.emit(f"{pc} = {first}")
        loop_id = self.unit.counter = self.unit.counter + 1
        info.loop_id = loop_id
        self.loops.append(loop_id)
        self._pcs = getattr(self, "_pcs", {})
        self._pcs[loop_id] = pc if use_pc else None
        self.emit("while True:")
        self.ind += 1
        if needs_try:
            self.emit("try:")
            self.ind += 1
        for k, seg in enumerate(segments):
            index = k + first
            if use_pc:
                self.emit(f"if {pc} == {index}:")
                self.ind += 1
            mark = len(self.lines)
            for f in seg:
                self.stmt(f)
            if use_pc:
                if k + 1 < len(segments):
                    self.emit(f"{pc} = {index + 1}")
                elif len(self.lines) == mark:
                    self.emit("pass")
                self.ind -= 1
        self.emit("break")
        if needs_try:
            self.ind -= 1
            self.emit("except _GoE as _g:")
            self.emit(f"    if _g.tag is not {tag}: raise")
            self.emit(f"    {pc} = _g.index" if use_pc else "    pass")
        self.ind -= 1
        self.loops.pop()
        if frame is not None:
            self.ind -= 1
            self.emit("finally:")
            self.emit(f"    {tag}.live = False")
            self.frames.pop()
        self.deliver(target, "NIL", False)

    def go(self: FnGen, node: ir.Go) -> None:
        info = node.info
        index = node.index + 1
        pc = getattr(self, "_pcs", {}).get(info.loop_id, None)
        direct = (not node.crosses and self.loops and self.loops[-1] == info.loop_id
                  and not (self.finally_mark is not None and self.finally_mark >= len(self.loops)))
        if direct:
            if pc is not None:
                self.emit(f"{pc} = {index}")
            self.emit("continue")
            return
        if info.token_var is not None:
            tok = self.var_get(info.token_var)
            tag = f"_chk({tok}, 'GO to')" if node.crosses else tok
        else:
            if info.static_tag is None:
                info.static_tag = StaticTag("TAGBODY")
            tag = self.unit.const(info.static_tag)
        self.emit(f"raise _GoE({tag}, {index})")

    # ------------------------------------------------------------------------------------------ CATCH/THROW
    def body_catching_exit(self: FnGen, body: Any, target: Target, exc: str, tag: str) -> None:
        """Emit `try: BODY except EXC as _e:` that delivers the exit's value(s) to `target` when `_e.tag` is `tag`
        (and re-raises otherwise). Shared by BLOCK (RETURN-FROM exits) and CATCH (THROW exits)."""
        self.emit("try:")
        mark = self.block_start()
        self.try_depth += 1
        self.into(body, target)
        self.try_depth -= 1
        self.block_end(mark)
        self.emit(f"except {exc} as _e:")
        self.ind += 1
        self.emit(f"if _e.tag is not {tag}: raise")
        if target.kind != "none":
            if target.mv:
                self.emit("_E.mv = _e.mv")
            self.deliver(target, "_e.value", True)
        self.ind -= 1

    def into_catch(self: FnGen, node: ir.Catch, target: Target) -> None:
        tag = self.atom(self.expr(node.tag))
        self.emit(f"_E.catch_tags.append({tag})")
        self.body_catching_exit(node.body, target, "_THE", tag)
        self.emit("finally:")
        self.emit("    _E.catch_tags.pop()")

    def throw(self: FnGen, node: ir.Throw) -> None:
        tag = self.atom(self.expr(node.tag))
        v = self.tmp()
        self.into(node.value, _target("var", v, True))
        self.emit(f"_throw({tag}, {v}, _E.mv)")

    def into_unwind_protect(self: FnGen, node: ir.UnwindProtect, target: Target) -> None:
        self.emit("try:")
        mark = self.block_start()
        self.try_depth += 1
        self.into(node.form, target)
        self.try_depth -= 1
        self.block_end(mark)
        self.emit("finally:")
        mark = self.block_start()
        sv = None
        if target.mv:
            sv = self.tmp()
            self.emit(f"{sv} = _E.mv")
        saved = self.finally_mark
        self.finally_mark = len(self.loops)
        for f in node.cleanup:
            self.stmt(f)
        self.finally_mark = saved
        if sv is not None:
            self.emit(f"_E.mv = {sv}")
        self.block_end(mark)

    # ------------------------------------------------------------------------------------------ values
    def into_mvprog1(self: FnGen, node: ir.MvProg1, target: Target) -> None:
        v = self.tmp()
        self.into(node.first, _target("var", v, target.mv))
        m = None
        if target.mv and node.rest:
            m = self.tmp()
            self.emit(f"{m} = _E.mv")
        for f in node.rest:
            self.stmt(f)
        if m is not None:
            self.emit(f"_E.mv = {m}")
        self.deliver(target, v, True)

    def into_mvcall(self: FnGen, node: ir.MvCall, target: Target) -> None:
        fe = self.expr(node.fn)
        if not isinstance(node.fn, ir.Lambda):
            t = self.tmp()
            fe = f"({t} if type({t} := {fe}) is _FN else _fdesig({t}))"
        f = self.atom(fe)
        parts: list[str] = []
        for arg in node.args:
            v = self.tmp()
            self.into(arg, _target("var", v, True))
            self.emit(f"{v} = _vals({v})")
            parts.append(f"*{v}")
        text = f"{f}({', '.join(parts)})"
        r = self.tmp()
        if target.mv:
            self.emit("_E.mv = None")
            self.emit(f"{r} = {text}")
            self.emit(f"if type({r}) is _MV: {r} = _mvset({r})")
        else:
            self.emit(f"{r} = {text}")
            self.emit(f"if type({r}) is _MV: {r} = _pr({r})")
        self.deliver(target, r, True)

    def into_mvbind(self: FnGen, node: ir.MvBind, target: Target) -> None:
        v = self.tmp()
        self.into(node.form, _target("var", v, True))
        vs = self.tmp()
        self.emit(f"{vs} = _vals({v})")
        p = node.params
        nreq, nopt = len(p.required), len(p.optional)
        if nreq:
            hi = "None" if p.rest is not None else str(nreq + nopt)
            self.emit(f"if len({vs}) < {nreq}: _toomany('(LAMBDA)', len({vs}), {nreq}, {hi})")
        if p.rest is None:
            self.emit(f"if len({vs}) > {nreq + nopt}: _toomany('(LAMBDA)', len({vs}), {nreq}, {nreq + nopt})")
        bindings: list[Any] = list(p.required) + [b for b, _d, _s in p.optional]
        if p.rest is not None:
            bindings.append(p.rest)
        frame, olds = self.begin_bindings(bindings, True)
        for i, b in enumerate(p.required):
            self.assign_binding(b, f"{vs}[{i}]")
        for j, (b, _d, _s) in enumerate(p.optional):
            k = nreq + j
            self.assign_binding(b, f"({vs}[{k}] if len({vs}) > {k} else NIL)")
        if p.rest is not None:
            self.assign_binding(p.rest, f"_list({vs}, {nreq + nopt})")
        self.into(node.body, target)
        self.end_bindings(bindings, frame, olds)

    def into_progv(self: FnGen, node: ir.Progv, target: Target) -> None:
        syms, vals = self.exprs([node.syms, node.vals])
        syms = self.atom(syms)
        o = self.tmp()
        self.emit(f"{o} = _progv_bind({syms}, {vals})")
        self.emit("try:")
        mark = self.block_start()
        self.try_depth += 1
        self.into(node.body, target)
        self.try_depth -= 1
        self.block_end(mark)
        self.emit("finally:")
        self.emit(f"    _progv_unbind({o})")

    # ------------------------------------------------------------------------------------------ %DEFUN
    def into_defun(self: FnGen, node: ir.Defun, target: Target) -> None:
        from clysm.eval.codegen import generate_lambda
        from clysm.eval.lexenv import LexInfo

        info = node.lam.info
        chain = self.chain() if info.needs_penv else []
        factory = generate_lambda(self.unit, info, chain, tiered=True)
        penv = self.current_frame() if info.needs_penv else "None"
        lexinfo = LexInfo(node.env, chain)
        e = (f"_defun({self.unit.const(node.name)}, {self.unit.const(info.source)}, {factory}, {penv}, "
             f"{self.unit.const(lexinfo)})")
        self.deliver(target, e, False)
