# Tier 2 compiler back end: turns a converted Unit (front.py) into one JIT module's bytes, writing instructions
# straight into bytearrays through clysm.wasm.Code. Values are eqref (abi.py); each IR node is emitted in one of
# three modes: V (push an eqref), E (push nothing), B (push an i32 truth value, for tests).
from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from clysm.lisp.types import NIL, Symbol, T
from clysm.wasm import EQREF, F64, HT, I32, I64, Code, Module, ref_null

from . import abi
from .abi import F_BOX, F_CODE, F_ENV, RT_INDEX, T_ARGV, T_BOX, T_CLOSURE, T_CONS, T_PROC
from .emit_blocks import BlockEmitter
from .emit_dyn import DynEmitter
from .emit_prims import _REG, BLOCK_TYPES, MV_TAIL, B, E, PrimEmitter, V, _is_fixnum
from .front import Unit
from .ir import Block, Fn, Var, unsupported
from .runtime_bignum import BIG_OPS
from .skeleton import RtImports, RtOverflow, skeleton

_NULL_INIT = bytes(Code().ref_null(HT.NONE))  # a global's initializer `ref.null none` (immutable bytes)
# registry names whose slow function tries Wasm bignum arithmetic first -> their rt.big_op operation codes
BIG_REG = {_REG[op]: code for op, code in BIG_OPS.items() if op in _REG}

class ModuleEmitter:
    """Builds the JIT module for one Unit. `ctx` gives handles and slots (backend.CompileContext)."""

    def __init__(self, ctx: Any, unit: Unit, name: Any, slot: int, lazy: bool = True) -> None:
        self.ctx = ctx
        self.unit = unit
        self.name = name
        self.slot = slot
        sk = skeleton(lazy)
        m = self.m = Module(sk.template)  # the rec group, fns, nil/t/mvc, tags (and rt imports): built once
        # rt function imports: with `lazy`, RT_FIXED then RT_SLOTS reserved ones given in order of first use
        # (RtImports), so a module imports (and a validator checks) few runtime functions; else all of abi.RT_FUNCS
        self.rt: Any = RtImports(m, sk) if lazy else RT_INDEX
        self.reg: dict[str, int] = {}
        for rname in unit.reg_names:  # registry imports: function indices right after the rt functions
            self.reg[rname] = m.import_func(abi.REG, rname, sk.t_ff, as_name="reg." + rname)
        self.fns = sk.fns
        self.g_nil = sk.g_nil
        self.g_t = sk.g_t
        self.tag_pending = sk.tag_pending
        self.g_mvc = sk.g_mvc
        self.g_vecs = sk.g_vecs  # simple vectors (vectors_rt.py)
        self.tag_unwind = sk.tag_unwind
        self.t_to_ee = sk.t_to_ee
        self.t_void = sk.t_void
        # the runtime's "current Tier-2 function": tracked modules (ctx.track_id > 0, automatic tiering) set it on
        # entry and after each non-tail call, so the bridge can charge host crossings to them (docs/ABI.md)
        self.track_id = int(getattr(ctx, "track_id", 0) or 0)
        self.g_cur = m.import_global(abi.RT, "cur", I32, mutable=True, as_name="cur") if self.track_id else -1
        self.slow: dict[str, int] = {}
        for rname in unit.reg_names:
            self.slow[rname] = m.declare_function(sk.t_ee, "slow_" + rname)
        for fn in unit.fns:
            fn.wasm_index = m.declare_function(T_PROC, fn.label)
        self.consts: dict[int, int] = {}  # id(obj) -> global index
        self.const_objs: list[tuple[Any, int]] = []  # (obj, global) to install at start
        self.key_arrays: list[tuple[list[Any], int]] = []
        self.slots: dict[int, None] = {}
        self.g_self = m.add_global(ref_null(T_CLOSURE), True, Code().ref_null(HT.NONE), "self")
        # calls of the main function counted inside Wasm (read by the tiering layer through the exported global
        # `calls`), and the wire of the module's closure (set by the start function, exported as `self_wire`):
        # globals, not getter functions, so a module has two functions fewer to validate (docs/ABI.md)
        self.g_calls = m.add_global(I64, True, Code().i64_const(0), "calls")
        self.g_wire = m.add_global(F64, True, Code().f64_const(0.0), "self_wire")

    # ---- module-level resources ---------------------------------------------------------------------------
    def const_global(self, obj: Any) -> int:
        if obj is NIL:
            return self.g_nil
        if obj is T:
            return self.g_t
        g = self.consts.get(id(obj))
        if g is None:
            g = self.m.add_global(EQREF, True, _NULL_INIT)
            self.consts[id(obj)] = g
            self.const_objs.append((obj, g))
            label = getattr(obj, "name", None)
            self.m.name_global(g, f"k{len(self.const_objs)}" + (f"_{label}" if isinstance(label, str) else ""))
        return g

    def slot_for(self, sym: Any) -> int:
        slot = self.ctx.slot_of(sym)
        self.slots[slot] = None
        return slot

    def key_array(self, keys: list[Any]) -> int:
        g = self.m.add_global(ref_null(T_ARGV), True, Code().ref_null(HT.NONE))
        self.key_arrays.append((keys, g))
        return g

    def build(self) -> bytes:
        m = self.m
        for rname, idx in self.slow.items():
            # (slow_NAME a b): integers of any size in Wasm (rt.big_op) for the arithmetic ones, else (or when it
            # answers null: ratios, floats, errors) the registry import, through wire numbers
            op = BIG_REG.get(rname)
            c = Code()
            if op is not None:
                c.i32_const(op).local_get(0).local_get(1).call(self.rt["big_op"]).local_tee(2).ref_is_null()
                c.if_(EQREF)
            c.local_get(0).call(self.rt["to_wire"]).local_get(1).call(self.rt["to_wire"]).call(self.reg[rname])
            if op is not None:
                c.call(self.rt["from_wire"]).else_().local_get(2).end()
                m.define_function(idx, [EQREF], c)
            else:
                c.return_call(self.rt["from_wire"])
                m.define_function(idx, [], c)
        for fn in self.unit.fns:
            fe = FnEmitter(self, fn)
            fe.emit()
        main = self.unit.fns[0]
        c = Code()  # after the constants: key arrays, stubs for called slots, the closure, the hot-patch
        for keys, g in self.key_arrays:
            for k in keys:
                c.global_get(self.const_global(k))
            c.array_new_fixed(T_ARGV, len(keys)).global_set(g)
        for slot in self.slots:
            c.i32_const(slot).call(self.rt["ensure_stub"])
        c.i32_const(0).ref_func(main.wasm_index).ref_null(HT.NONE)
        c.global_get(self.const_global(self.name if self.name is not None else NIL))
        c.struct_new(T_CLOSURE).global_set(self.g_self)
        c.global_get(self.g_self).call(self.rt["to_wire"]).global_set(self.g_wire)
        if self.slot >= 0:
            c.i32_const(self.slot).call(self.rt["ensure_stub"])
            c.i32_const(self.slot).global_get(self.g_self).table_set(self.fns)
        start_body = Code()
        literals: list[int] = []
        for obj, g in self.const_objs:
            if id(obj) in self.unit.quoted and _plain_tree(obj):
                self.emit_tree(start_body, obj)
                literals.append(g)
            else:
                self.emit_handle(start_body, obj)
            start_body.global_set(g)
        if literals:  # held by a closure in a $fns slot of its own: roots of the host-handle sweep (runtime.py)
            from .runtime import literal_holder

            literal_holder(start_body, self.ctx.slot_of(Symbol("%LITERALS")), main.wasm_index, literals, self)
        start_body.raw(c)
        start = m.declare_function(self.t_void, "start")
        m.define_function(start, [], start_body)
        m.set_start(start)
        for fn in self.unit.fns:
            m.declare_ref_func(fn.wasm_index)
        m.export_global("self_wire", self.g_wire)
        m.export_global("calls", self.g_calls)
        return m.encode()

    def emit_handle(self, c: Code, obj: Any) -> None:
        c.i32_const(self.ctx.handle_of(obj)).call(self.rt["host"])

    def emit_tree(self, c: Code, obj: Any) -> None:
        """A quoted list constant as fresh Wasm conses (once per module instance; docs/ABI.md, "Literals"):
        car/cdr on it never cross. Leaves that are not fixnums are the usual canonical $host structs."""
        from clysm.lisp.types import Cons

        if _is_fixnum(obj):
            c.i32_const(obj).ref_i31()
            return
        if not isinstance(obj, Cons):
            if obj is NIL:
                c.global_get(self.g_nil)
            elif obj is T:
                c.global_get(self.g_t)
            else:
                self.emit_handle(c, obj)
            return
        n = 0
        while isinstance(obj, Cons):
            c.i32_const(0)
            self.emit_tree(c, obj.car)
            obj = obj.cdr
            n += 1
        self.emit_tree(c, obj)
        for _ in range(n):
            c.struct_new(T_CONS)


def _plain_tree(obj: Any, limit: int = 20000) -> bool:
    """A tree of conses without shared or circular structure (copying it keeps every EQ relation inside it),
    not too big, of plain Tier-1 conses (no Wasm proxies)."""
    from clysm.lisp.types import Cons

    from .hcons import SharedCons

    seen: set[int] = set()
    todo = [obj]
    while todo:
        x = todo.pop()
        while isinstance(x, Cons):
            if (type(x) is not Cons and not isinstance(x, SharedCons)) or id(x) in seen or len(seen) >= limit:
                return False
            seen.add(id(x))
            todo.append(x.car)
            x = x.cdr
    return True


@functools.cache
def _dispatch(cls: type) -> dict[str, Callable[..., None]]:
    return cls._dispatch_table(cls)  # type: ignore[attr-defined]


class FnEmitter(BlockEmitter, DynEmitter, PrimEmitter):
    """Emits the body of one Fn (a $proc function)."""

    def __init__(self, me: ModuleEmitter, fn: Fn) -> None:
        self.me = me
        self.rt = me.rt
        self.fn = fn
        self.c = Code()
        self.locals: list[Any] = []
        self.depth = 0
        self.env = -1
        self.free_eq: list[int] = []
        self.free_i32: list[int] = []
        self.free_clo: list[int] = []
        self.try_depths: list[int] = []  # depths of the try_tables open in this function (no tail calls inside)
        self.catching: list[tuple[int, Block]] = []  # (depth, block or tagbody) of those try_tables
        self.catch_frames: list[tuple[int, int]] = []  # CATCHes open here: (depth, local of the stack index)
        self.names: dict[int, str] = dict(enumerate(("self", "argc", "a0", "a1", "a2", "a3", "more")))
        self.dispatch = _dispatch(type(self))

    # The IR node table, built once per class (called with the class as `self`, so its values are plain
    # functions: no per-instance dict of bound methods, i.e. no reference cycle per function). See _dispatch.
    def _dispatch_table(self) -> dict[str, Callable[..., None]]:
        return {
            "k": self.e_const, "lv": self.e_lv, "ls": self.e_ls, "gv": self.e_gv, "gs": self.e_gs,
            "xv": self.e_xv, "xs": self.e_xs, "if": self.e_if, "seq": self.e_seq, "let": self.e_let,
            "call": self.e_call, "lcall": self.e_lcall, "prim": self.e_prim, "fcall": self.e_fcall,
            "fn": self.e_fn, "gfn": self.e_gfn, "labels": self.e_labels, "block": self.e_block, "ret": self.e_ret,
            "tb": self.e_tagbody, "go": self.e_go,
            "catch": self.e_catch, "throw": self.e_throw, "uwp": self.e_uwp, "mvp1": self.e_mvp1,
            "mvcall": self.e_mvcall, "progv": self.e_progv,
        }

    # ---- locals -------------------------------------------------------------------------------------------
    def new_local(self, t: Any, name: str | None = None) -> int:
        self.locals.append(t)
        idx = abi.N_PROC_PARAMS + len(self.locals) - 1
        if name is not None:
            self.names[idx] = name
        return idx

    def tmp(self) -> int:
        return self.free_eq.pop() if self.free_eq else self.new_local(EQREF)

    def tmp_i32(self) -> int:
        return self.free_i32.pop() if self.free_i32 else self.new_local(I32)

    def tmp_clo(self) -> int:
        return self.free_clo.pop() if self.free_clo else self.new_local(ref_null(T_CLOSURE))

    def open(self, kind: str, bt: Any) -> None:
        getattr(self.c, kind)(bt)
        self.depth += 1

    def close(self) -> None:
        self.c.end()
        self.depth -= 1

    # ---- function -----------------------------------------------------------------------------------------
    def emit(self) -> None:
        fn, c, me = self.fn, self.c, self.me
        p = fn.params
        lo, hi = p.min_args, p.max_args
        name_g = me.const_global(fn.name if fn.name is not None else NIL)
        if fn is me.unit.fns[0]:  # count every call of the promoted function (docs/ABI.md, "Call counts")
            c.global_get(me.g_calls).i64_const(1).i64_add().global_set(me.g_calls)
        if me.track_id:
            c.i32_const(me.track_id).global_set(me.g_cur)
        if hi == lo:
            c.local_get(1).i32_const(lo).i32_ne()
        elif hi < 0:
            c.local_get(1).i32_const(lo).i32_lt_s()
        else:
            c.local_get(1).i32_const(lo).i32_sub().i32_const(hi - lo).i32_gt_u()
        c.if_().global_get(name_g).local_get(1).i32_const(lo).i32_const(hi).call(self.rt["argc_error"]).drop().end()
        if fn.free:
            self.env = self.new_local(ref_null(T_ARGV))
            c.local_get(0).struct_get(T_CLOSURE, F_ENV).local_set(self.env)
        pos = 0
        for var in p.required:
            self.bind_param(var, pos)
            pos += 1
        for var, init, svar in p.optional:
            c.local_get(1).i32_const(pos).i32_gt_s()
            self.open("if_", EQREF)
            self.arg(pos)
            c.else_()
            self.emit_node(init, V)
            self.close()
            self.bind_new(var)
            if svar is not None:
                c.local_get(1).i32_const(pos).i32_gt_s()
                self.from_bool(V)
                self.bind_new(svar)
            pos += 1
        if p.rest is not None or p.has_keys:
            if p.rest is not None:
                c.local_get(1).i32_const(pos)
                self.all_args()
                c.call(self.rt["rest_list"])
                self.bind_new(p.rest)
            if p.has_keys:
                keys = [me.ctx.keyword("ALLOW-OTHER-KEYS")] + [k for k, _, _, _ in p.keys]
                g = me.key_array(keys)
                c.global_get(g).local_get(1).i32_const(pos).i32_const(1 if p.allow_other_keys else 0)
                self.all_args()
                c.call(self.rt["check_keys"]).drop()
                for key, var, init, svar in p.keys:
                    t = self.tmp()
                    c.global_get(me.const_global(key)).local_get(1).i32_const(pos)
                    self.all_args()
                    c.call(self.rt["key_arg"]).local_tee(t).ref_is_null()
                    self.open("if_", EQREF)
                    self.emit_node(init, V)
                    c.else_().local_get(t)
                    self.close()
                    self.bind_new(var)
                    if svar is not None:
                        c.local_get(t).ref_is_null().i32_eqz()
                        self.from_bool(V)
                        self.bind_new(svar)
                    self.free_eq.append(t)
        for var, init in p.aux:
            self.emit_node(init, V)
            self.bind_new(var)
        self.emit_node(fn.body, V, True)
        me.m.define_function(fn.wasm_index, self.locals, c, local_names=self.names)

    def arg(self, i: int) -> None:
        if i < abi.N_REG_ARGS:
            self.c.local_get(abi.P_ARG0 + i)
        else:
            self.c.local_get(abi.P_MORE).i32_const(i - abi.N_REG_ARGS).array_get(T_ARGV)

    def all_args(self) -> None:
        for i in range(abi.N_REG_ARGS):
            self.c.local_get(abi.P_ARG0 + i)
        self.c.local_get(abi.P_MORE)

    def bind_param(self, var: Var, pos: int) -> None:
        if pos < abi.N_REG_ARGS and not var.boxed:
            var.local = abi.P_ARG0 + pos
            self.names[var.local] = _var_name(var)
            return
        self.arg(pos)
        self.bind_new(var)

    def bind_new(self, var: Var) -> None:
        """Pop the value on the stack into a new local for `var` (boxing it if needed)."""
        if var.boxed:
            t = self.tmp()
            self.c.local_set(t)
            var.local = self.new_local(ref_null(T_BOX), _var_name(var) + "_box")
            self.c.local_get(t).struct_new(T_BOX).local_set(var.local)
            self.free_eq.append(t)
        else:
            var.local = self.new_local(EQREF, _var_name(var))
            self.c.local_set(var.local)

    def single_value(self) -> None:
        """After a non-tail call: whatever the callee returned, this expression has exactly one value."""
        self.c.i32_const(1).global_set(self.me.g_mvc)
        if self.me.track_id:
            self.c.i32_const(self.me.track_id).global_set(self.me.g_cur)

    # ---- modes --------------------------------------------------------------------------------------------
    def emit_node(self, node: Any, mode: int, tail: bool = False) -> None:
        self.dispatch[node[0]](self, node, mode, tail)

    def from_val(self, mode: int) -> None:
        if mode == E:
            self.c.drop()
        elif mode == B:
            self.c.global_get(self.me.g_nil).ref_eq().i32_eqz()

    def from_bool(self, mode: int) -> None:
        if mode == V:
            self.c.if_(EQREF).global_get(self.me.g_t).else_().global_get(self.me.g_nil).end()
        elif mode == E:
            self.c.drop()

    # ---- constants and variables --------------------------------------------------------------------------
    def e_const(self, node: Any, mode: int, tail: bool) -> None:
        obj = node[1]
        if mode == E:
            return
        if mode == B:
            self.c.i32_const(0 if obj is NIL else 1)
            return
        self.push_const(obj)

    def push_const(self, obj: Any) -> None:
        if _is_fixnum(obj):
            self.c.i32_const(obj).ref_i31()
        elif obj is NIL:
            self.c.global_get(self.me.g_nil)
        elif obj is T:
            self.c.global_get(self.me.g_t)
        else:
            self.c.global_get(self.me.const_global(obj))

    def load_raw(self, var: Var) -> None:
        """Push the variable's storage (its box when boxed) as seen from this function."""
        if var.fn is self.fn:
            self.c.local_get(var.local)
        else:
            self.c.local_get(self.env).i32_const(self.fn.free[var]).array_get(T_ARGV)
            if var.boxed:
                self.c.ref_cast(T_BOX)

    def e_lv(self, node: Any, mode: int, tail: bool) -> None:
        if mode == E:
            return
        var = node[1]
        self.load_raw(var)
        if var.boxed:
            self.c.struct_get(T_BOX, F_BOX)
        self.from_val(mode)

    def e_ls(self, node: Any, mode: int, tail: bool) -> None:
        var = node[1]
        if var.boxed:
            self.load_raw(var)
            self.emit_node(node[2], V)
            if mode == E:
                self.c.struct_set(T_BOX, F_BOX)
                return
            t = self.tmp()
            self.c.local_tee(t).struct_set(T_BOX, F_BOX)
            self.c.local_get(t)
            self.free_eq.append(t)
        else:
            self.emit_node(node[2], V)
            if mode == E:
                self.c.local_set(var.local)
                return
            self.c.local_tee(var.local)
        self.from_val(mode)

    def e_gv(self, node: Any, mode: int, tail: bool) -> None:
        self.c.i32_const(self.me.ctx.handle_of(node[1])).call(self.rt["symbol_value"])
        self.from_val(mode)

    def e_gs(self, node: Any, mode: int, tail: bool) -> None:
        self.c.i32_const(self.me.ctx.handle_of(node[1]))
        self.emit_node(node[2], V)
        self.c.call(self.rt["set_symbol_value"])
        self.from_val(mode)

    def e_xv(self, node: Any, mode: int, tail: bool) -> None:
        self.c.i32_const(self.me.ctx.handle_of(node[1])).call(self.rt["cell_get"])
        self.from_val(mode)

    def e_xs(self, node: Any, mode: int, tail: bool) -> None:
        self.c.i32_const(self.me.ctx.handle_of(node[1]))
        self.emit_node(node[2], V)
        self.c.call(self.rt["cell_set"])
        self.from_val(mode)

    # ---- control ------------------------------------------------------------------------------------------
    def e_if(self, node: Any, mode: int, tail: bool) -> None:
        self.emit_node(node[1], B)
        self.open("if_", BLOCK_TYPES[mode])
        self.emit_node(node[2], mode, tail)
        self.c.else_()
        self.emit_node(node[3], mode, tail)
        self.close()

    def e_seq(self, node: Any, mode: int, tail: bool) -> None:
        forms = node[1]
        for f in forms[:-1]:
            self.emit_node(f, E)
        self.emit_node(forms[-1], mode, tail)

    def e_let(self, node: Any, mode: int, tail: bool) -> None:
        if node[3]:
            raise unsupported("binding special variables")
        for var, init in node[1]:
            self.emit_node(init, V)
            self.bind_new(var)
        self.emit_node(node[2], mode, tail)

    # ---- calls --------------------------------------------------------------------------------------------
    def push_args(self, args: list[Any]) -> None:
        c = self.c
        c.i32_const(len(args))
        for a in args[: abi.N_REG_ARGS]:
            self.emit_node(a, V)
        for _ in range(len(args), abi.N_REG_ARGS):
            c.ref_null(HT.NONE)
        if len(args) > abi.N_REG_ARGS:
            for a in args[abi.N_REG_ARGS:]:
                self.emit_node(a, V)
            c.array_new_fixed(T_ARGV, len(args) - abi.N_REG_ARGS)
        else:
            c.ref_null(HT.NONE)

    def call_slot(self, slot: int, args: list[Any], mode: int, tail: bool) -> None:
        c = self.c
        t = self.tmp_clo()
        c.i32_const(slot).table_get(self.me.fns).local_tee(t).ref_as_non_null()
        self.push_args(args)
        c.local_get(t).struct_get(T_CLOSURE, F_CODE)
        self.free_clo.append(t)
        if tail is True and mode == V:
            c.return_call_ref(T_PROC)
        else:
            c.call_ref(T_PROC)
            if not (tail == MV_TAIL and mode == V):
                self.single_value()
            self.from_val(mode)

    def e_call(self, node: Any, mode: int, tail: bool) -> None:
        slot = self.me.slot_for(node[1])
        if slot == self.me.slot and len(node[2]) <= abi.N_REG_ARGS:
            self.call_self(node[2], mode, tail)
            return
        self.call_slot(slot, node[2], mode, tail)

    def call_self(self, args: list[Any], mode: int, tail: Any) -> None:
        """A call of the function being compiled by its global name: when its $fns slot still holds this
        module's closure (not redefined), a direct `call` of the main function (no call_ref); otherwise the
        usual call through the slot. The arguments are evaluated first, then the slot is read."""
        c, me = self.c, self.me
        temps = []
        for a in args:
            t = self.tmp()
            self.emit_node(a, V)
            c.local_set(t)
            temps.append(t)
        clo = self.tmp_clo()
        c.i32_const(me.slot).table_get(me.fns).local_tee(clo).global_get(me.g_self).ref_eq()
        self.open("if_", EQREF)
        for direct in (True, False):
            c.local_get(clo).ref_as_non_null().i32_const(len(args))
            for t in temps:
                c.local_get(t)
            for _ in range(len(args), abi.N_REG_ARGS + 1):
                c.ref_null(HT.NONE)
            if not direct:
                c.local_get(clo).struct_get(T_CLOSURE, F_CODE)
            if tail is True and mode == V:
                c.return_call(me.unit.fns[0].wasm_index) if direct else c.return_call_ref(T_PROC)
            else:
                c.call(me.unit.fns[0].wasm_index) if direct else c.call_ref(T_PROC)
            if direct:
                c.else_()
        self.close()
        self.free_clo.append(clo)
        self.free_eq += temps
        if not (tail is True and mode == V):
            if not (tail == MV_TAIL and mode == V):
                self.single_value()
            self.from_val(mode)

    def e_lcall(self, node: Any, mode: int, tail: bool) -> None:
        holder: Var = node[1]
        target: Fn = holder.target  # type: ignore[assignment]
        c = self.c
        if target is self.fn:
            c.local_get(0)
        else:
            self.e_lv(("lv", holder), V, False)
            c.ref_cast(T_CLOSURE)
        self.push_args(node[2])
        if tail is True and mode == V:
            c.return_call(target.wasm_index)
        else:
            c.call(target.wasm_index)
            if not (tail == MV_TAIL and mode == V):
                self.single_value()
            self.from_val(mode)

    def e_fcall(self, node: Any, mode: int, tail: bool) -> None:
        self.emit_node(node[1], V)
        self.push_args(node[2])
        if tail is True and mode == V:
            self.c.return_call(self.rt["funcall"])
        else:
            self.c.call(self.rt["funcall"])
            if not (tail == MV_TAIL and mode == V):
                self.single_value()
            self.from_val(mode)

    def e_gfn(self, node: Any, mode: int, tail: bool) -> None:
        """#'f: the Tier-2 closure in f's $fns slot when it is not a host stub (a stub's name is its i31 slot;
        the slot holds a closure exactly when f's function is that Tier-2 closure, ABI.md), else through the
        host (Tier 1 functions, macros, undefined functions: Tier 1's own errors)."""
        c = self.c
        t = self.tmp_clo()
        c.i32_const(self.me.slot_for(node[1])).table_get(self.me.fns).local_tee(t)
        c.struct_get(T_CLOSURE, abi.F_NAME).ref_test(HT.I31)
        self.open("if_", EQREF)
        c.i32_const(self.me.ctx.handle_of(node[1])).call(self.rt["symbol_function"])
        c.else_().local_get(t)
        self.close()
        self.free_clo.append(t)
        self.from_val(mode)

    def make_closure(self, inner: Fn) -> None:
        c = self.c
        c.i32_const(0).ref_func(inner.wasm_index)
        if inner.free:
            for var in inner.free:
                self.load_raw(var)
            c.array_new_fixed(T_ARGV, len(inner.free))
        else:
            c.ref_null(HT.NONE)
        self.push_const(inner.name if inner.name is not None else NIL)
        c.struct_new(T_CLOSURE)

    def e_fn(self, node: Any, mode: int, tail: bool) -> None:
        if mode == E:
            return
        self.make_closure(node[1])
        self.from_val(mode)

    def e_labels(self, node: Any, mode: int, tail: bool) -> None:
        fns: list[Fn] = node[1]
        c = self.c
        for f in fns:
            holder = f.self_var
            if holder.boxed:
                holder.local = self.new_local(ref_null(T_BOX))
                c.ref_null(HT.NONE).struct_new(T_BOX).local_set(holder.local)
            else:
                holder.local = self.new_local(EQREF)
        for f in fns:
            holder = f.self_var
            if holder.boxed:
                c.local_get(holder.local)
                self.make_closure(f)
                c.struct_set(T_BOX, F_BOX)
            else:
                self.make_closure(f)
                c.local_set(holder.local)
        self.emit_node(node[2], mode, tail)


def _var_name(var: Var) -> str:
    return str(getattr(var.sym, "name", "v")).lower()


def emit_unit(ctx: Any, unit: Unit, name: Any, slot: int) -> tuple[bytes, ModuleEmitter]:
    try:
        me = ModuleEmitter(ctx, unit, name, slot)
        return me.build(), me
    except RtOverflow:  # rare: more than RT_SLOTS runtime functions called; emitting again is idempotent
        me = ModuleEmitter(ctx, unit, name, slot, lazy=False)
        return me.build(), me

