# Tier 2 emitter, open-coded primitives: fixnum arithmetic and comparisons with their slow paths, eq/eql,
# conses and list predicates. Mixed into emit.FnEmitter (which provides the code sink, locals and modes).
from __future__ import annotations

from typing import Any

from clysm.wasm import EQREF, HT, I32, I64, ref, ref_null

from . import abi
from .abi import (
    F_BOX,
    F_CAR,
    F_CDR,
    F_CODE,
    F_HANDLE,
    F_ITEMS,
    F_KIND,
    T_ARGV,
    T_BOX,
    T_CLOSURE,
    T_CONS,
    T_HOST,
    T_PROC,
    T_VEC,
)
from .emit_strings import STRING_PRIMS, StringEmitter
from .ir import unsupported
from .runtime_bignum import BIG_OPS
from .runtime_strings import OP_LENGTH
from .vectors_rt import (
    GENERIC_OPS,
    OP_AREF,
    OP_ARRAYP,
    OP_ASET,
    OP_ELT,
    OP_SETELT,
    OP_SIMPLE_VECTOR_P,
    OP_SVREF,
    OP_SVSET,
    OP_VECTORP,
)

V, E, B = 0, 1, 2  # emission modes: push an eqref / push nothing / push an i32 truth value
BLOCK_TYPES = {V: EQREF, E: None, B: I32}  # the block type of a construct emitted in each mode
# `tail` is False, True (tail position: calls are return_call) or MV_TAIL: the value is the function's value
# but a try_table is in between, so calls are plain calls that keep $mvc (their values flow out of the function)
MV_TAIL = 2
FIXNUM_LO, FIXNUM_HI = abi.FIXNUM_MIN, abi.FIXNUM_MAX

_CMP = {"<": "i32_lt_s", ">": "i32_gt_s", "<=": "i32_le_s", ">=": "i32_ge_s", "=": "i32_eq", "/=": "i32_ne"}
_REG = {"+": "add", "-": "sub", "*": "mul", "<": "lt", ">": "gt", "=": "eq", "<=": "le", ">=": "ge", "/=": "ne",
        "MOD": "mod", "FLOOR": "floor"}
_SIGN = {"ZEROP": "i32_eq", "PLUSP": "i32_gt_s", "MINUSP": "i32_lt_s"}
_CXR = {"CAR": "a", "FIRST": "a", "CDR": "d", "REST": "d", "CAAR": "aa", "CADR": "da", "SECOND": "da",
        "CDAR": "ad", "CDDR": "dd"}


_VEC_OPS = {"SVREF": OP_SVREF, "AREF": OP_AREF, "%SVSET": OP_SVSET, "%ASET": OP_ASET, "LENGTH": -1,
            "SIMPLE-VECTOR-P": OP_SIMPLE_VECTOR_P, "VECTORP": OP_VECTORP, "ARRAYP": OP_ARRAYP, "ELT": OP_ELT,
            "%SETELT": OP_SETELT}


def _is_fixnum(x: Any) -> bool:
    return type(x) is int and FIXNUM_LO <= x <= FIXNUM_HI


class PrimEmitter(StringEmitter):
    """Primitive emission; relies on FnEmitter's c, me, fn, emit_node, open/close, temps and mode helpers."""

    c: Any
    me: Any
    fn: Any
    free_eq: list[int]
    free_i32: list[int]
    free_clo: list[int]

    # ---- primitives ---------------------------------------------------------------------------------------
    def e_prim(self, node: Any, mode: int, tail: bool) -> None:
        name = node[1]
        args = node[2]
        if name in _CMP:
            self.compare(name, args[0], args[1], mode)
        elif name in ("+", "-", "*"):
            self.arith(name, args[0], args[1])
            self.from_val(mode)
        elif name == "NEG":
            self.arith("-", ("k", 0), args[0], node[3])
            self.from_val(mode)
        elif name in _SIGN:
            self.sign_test(name, args[0], node[3], mode)
        elif name == "EQ":
            self.emit_node(args[0], V)
            self.emit_node(args[1], V)
            self.c.ref_eq()
            self.from_bool(mode)
        elif name == "EQL":
            self.eql(args, mode)
        elif name in ("NOT", "NULL"):
            self.emit_node(args[0], B)
            self.c.i32_eqz()
            self.from_bool(mode)
        elif name == "CONS":
            self.c.i32_const(0)
            self.emit_node(args[0], V)
            self.emit_node(args[1], V)
            self.c.struct_new(T_CONS)
            self.from_val(mode)
        elif name in ("LIST", "LIST*"):
            items = args if name == "LIST" else args[:-1]
            for a in items:
                self.c.i32_const(0)
                self.emit_node(a, V)
            if name == "LIST":
                self.c.global_get(self.me.g_nil)
            else:
                self.emit_node(args[-1], V)
            for _ in items:
                self.c.struct_new(T_CONS)
            self.from_val(mode)
        elif name in _CXR:
            steps = _CXR[name]
            for _ in steps:
                self.open("block", EQREF)
                self.open("block", EQREF)
            self.emit_node(args[0], V)
            for step in steps:
                self.cxr(step)
            self.from_val(mode)
        elif name in ("RPLACA", "RPLACD"):
            self.emit_node(args[0], V)
            self.emit_node(args[1], V)
            self.c.call(self.rt["rplaca" if name == "RPLACA" else "rplacd"])
            self.from_val(mode)
        elif name in ("CONSP", "ATOM", "LISTP"):
            self.consp(args[0], name, mode)
        elif name in ("%WCONSP", "%FIXNUMP", "%CLOSUREP"):
            self.emit_node(args[0], V)
            self.c.ref_test({"%WCONSP": T_CONS, "%FIXNUMP": HT.I31, "%CLOSUREP": T_CLOSURE}[name])
            self.from_bool(mode)
        elif name == "ENDP":
            self.endp(args[0], node[3], mode)
        elif name in ("MOD", "FLOOR", "REM", "TRUNCATE"):
            self.divide(name, args, node[3], mode, tail)
        elif name in _VEC_OPS:
            self.vector_op(name, args, node[3], mode)
        elif name == "VECTOR":
            self.c.i32_const(0)
            for a in args:
                self.emit_node(a, V)
            self.c.array_new_fixed(T_ARGV, len(args)).struct_new(T_VEC)
            self.from_val(mode)
        elif name == "MAKE-ARRAY":
            self.make_array(args, node[3], mode)
        elif name == "COERCE":  # to a simple vector (front.py): a proper Wasm list in Wasm, else CL COERCE
            c = self.c
            ox = self.operand(args[0], True)
            t = self.tmp()
            self.get_eq(ox)
            c.call(self.rt["vec_from_list"]).local_tee(t).ref_is_null()
            self.open("if_", EQREF)
            k = self.tmp()
            self.push_const(args[1][1])
            c.local_set(k)
            self.call_sym(node[3], [ox, ("t", k)], False)
            c.else_().local_get(t)
            self.close()
            self.free_eq += [k, t]
            self.release(ox)
            self.from_val(mode)
        elif name in STRING_PRIMS:
            self.e_string_prim(node, mode, tail)
        else:
            raise unsupported(f"the primitive {name}")

    def call_sym(self, sym: Any, ops: list[tuple[str, Any]], keep_mv: bool) -> None:
        """Call the global function `sym` through its slot with already evaluated operands."""
        c = self.c
        t = self.tmp_clo()
        c.i32_const(self.me.slot_for(sym)).table_get(self.me.fns).local_tee(t).ref_as_non_null()
        c.i32_const(len(ops))
        for op in ops:
            self.get_eq(op)
        for _ in range(len(ops), 5):
            c.ref_null(HT.NONE)
        c.local_get(t).struct_get(T_CLOSURE, F_CODE).call_ref(T_PROC)
        if not keep_mv:
            self.single_value()
        self.free_clo.append(t)

    def endp(self, x: Any, sym: Any, mode: int) -> None:
        """(endp x): NIL -> true, a Wasm cons -> false, anything else through CL ENDP (its errors)."""
        c = self.c
        t = self.tmp()
        self.emit_node(x, V)
        c.local_tee(t).ref_test(T_CONS)
        c.if_(I32).i32_const(0).else_()
        c.local_get(t).global_get(self.me.g_nil).ref_eq()
        c.if_(I32).i32_const(1).else_()
        self.call_sym(sym, [("t", t)], False)
        c.global_get(self.me.g_nil).ref_eq().i32_eqz()
        c.end().end()
        self.free_eq.append(t)
        self.from_bool(mode)

    def divide(self, name: str, args: list[Any], sym: Any, mode: int, tail: Any) -> None:
        """(mod a b), (rem a b) and the primary value of (floor a b), (truncate a b): fixnum fast path (b /= 0,
        fixnum result), else integers in Wasm (rt.big_op), else the registry slow path (MOD, FLOOR) or the CL
        function (REM, TRUNCATE). FLOOR / TRUNCATE in a position whose values are wanted is always the CL function."""
        from .emit import MV_TAIL

        c = self.c
        mv = name in ("FLOOR", "TRUNCATE") and mode == V and (tail is True or tail == MV_TAIL)
        oa, ob = self.operands(args[0], args[1])
        if mv:
            self.call_sym(sym, [oa, ob], True)
            self.release(oa, ob)
            return
        tested = self.fixnum_test((oa, ob))
        if tested:  # not short-circuit otherwise: ref.cast of a bignum would trap
            c.if_(I32)
        self.get_i32(ob)
        c.i32_const(0).i32_ne()
        if tested:
            c.else_().i32_const(0).end()
        self.open("if_", EQREF)
        r, q = self.tmp_i32(), self.new_local(I64)
        self.get_i32(oa)
        self.get_i32(ob)
        c.i32_rem_s().local_set(r)
        if name == "REM":
            c.local_get(r).ref_i31()
        elif name == "MOD":
            # result has the divisor's sign: r + b when r /= 0 and sign(r) /= sign(b)
            c.local_get(r)
            c.local_get(r).i32_const(0).i32_ne().local_get(r)
            self.get_i32(ob)
            c.i32_xor().i32_const(0).i32_lt_s().i32_and().if_(I32)
            self.get_i32(ob)
            c.else_().i32_const(0).end().i32_add().ref_i31()
        else:
            self.get_i32(oa)
            c.i64_extend_i32_s()
            self.get_i32(ob)
            c.i64_extend_i32_s().i64_div_s()
            if name == "FLOOR":
                c.local_get(r).i32_const(0).i32_ne().local_get(r)
                self.get_i32(ob)
                c.i32_xor().i32_const(0).i32_lt_s().i32_and().i64_extend_i32_u().i64_sub()
            c.local_tee(q).i64_const(1 << 30).i64_add().i64_const(1 << 31).i64_lt_u()
            self.open("if_", EQREF)
            c.local_get(q).i32_wrap_i64().ref_i31()
            c.else_()
            self.divide_slow(name, oa, ob, sym)
            self.close()
        self.free_i32.append(r)
        c.else_()
        self.divide_slow(name, oa, ob, sym)
        self.close()
        self.release(oa, ob)
        self.from_val(mode)

    def divide_slow(self, name: str, oa: tuple[str, Any], ob: tuple[str, Any], sym: Any) -> None:
        """MOD / REM / primary value of FLOOR / TRUNCATE on non-fixnums: an integer by a non-zero fixnum in Wasm
        (rt.big_op), else one registry import call for MOD / FLOOR (the CL function's primary value; no slot call,
        no multiple values kept), like the arithmetic slow paths, or the CL function through its slot."""
        if name in _REG:  # the module's slow_mod / slow_floor tries rt.big_op first (emit.py, ModuleEmitter.build)
            self.registry_call(name, oa, ob)
        else:
            self.big_op(name, oa, ob, lambda: self.call_sym(sym, [oa, ob], False))

    def registry_call(self, name: str, oa: tuple[str, Any], ob: tuple[str, Any]) -> None:
        self.get_eq(oa)
        self.get_eq(ob)
        self.c.call(self.me.slow[_REG[name]])

    def big_op(self, name: str, oa: tuple[str, Any], ob: tuple[str, Any], otherwise: Any) -> None:
        """Push the result of `rt.big_op` for (name a b) on integers of any size (docs/ABI.md "Integers outside the
        fixnum range"); where it answers null (not integers, a divisor that is not a non-zero fixnum), the code
        `otherwise()` emits."""
        c = self.c
        t = self.tmp()
        c.i32_const(BIG_OPS[name])
        self.get_eq(oa)
        self.get_eq(ob)
        c.call(self.rt["big_op"]).local_tee(t).ref_is_null()
        self.open("if_", EQREF)
        otherwise()
        c.else_().local_get(t)
        self.close()
        self.free_eq.append(t)

    def vector_op(self, name: str, args: list[Any], sym: Any, mode: int) -> None:
        """Simple-vector accesses (docs/ABI.md, "Simple vectors"): one call of a runtime function whose fast
        path reads the migrated vector's Wasm array; LENGTH of a simple string is read in Wasm too
        (emit_strings.py), of anything else calls `sym` (%LENGTH or LENGTH)."""
        c = self.c
        op = _VEC_OPS[name]
        if name == "LENGTH":
            t, k = self.tmp(), self.tmp_i32()
            self.emit_node(args[0], V)
            c.local_tee(t).call(self.rt["vec_len"]).local_tee(k).i32_const(0).i32_ge_s()
            self.open("if_", EQREF)
            c.local_get(k).ref_i31()
            c.else_()
            self.str_op_or_call(sym, [("t", t)], OP_LENGTH)  # a simple string's length, else %LENGTH / LENGTH
            self.close()
            self.free_eq.append(t)
            self.free_i32.append(k)
        elif len(args) == 1:
            self.emit_node(args[0], V)
            c.i32_const(op).call(self.rt["vec_test"])
        else:
            self.vector_access(args, op)
        self.from_val(mode)

    def make_array(self, args: list[Any], sym: Any, mode: int) -> None:
        """(make-array n [:initial-element x]): a `$vec` made in Wasm when n is a fixnum in range (runtime
        vec_make), else Tier 1's MAKE-ARRAY with the same arguments (its errors, its big arrays)."""
        c = self.c
        on = self.operand(args[0], len(args) == 1 or self._pure(args[2]))
        ox = self.operand(args[2], True) if len(args) == 3 else ("c", 0)
        t = self.tmp()
        self.get_eq(on)
        self.get_eq(ox)
        c.call(self.rt["vec_make"]).local_tee(t).ref_is_null()
        self.open("if_", EQREF)
        if len(args) == 1:
            self.call_sym(sym, [on], False)
        else:
            k = self.tmp()
            self.push_const(args[1][1])
            c.local_set(k)
            self.call_sym(sym, [on, ("t", k), ox], False)
            self.free_eq.append(k)
        c.else_().local_get(t)
        self.close()
        self.free_eq.append(t)
        self.release(on, ox)
        self.from_val(mode)

    def vector_access(self, args: list[Any], op: int) -> None:
        """SVREF / AREF (2 args) or %SVSET / %ASET (3 args), inline: when the vector is a `$host` whose `$vecs`
        entry is an array and the index a fixnum in bounds, array.get / array.set; otherwise the runtime's
        vec_ref / vec_set (which repeats the test, then calls Tier 1's built-in and migrates)."""
        c = self.c
        pure_rest = all(self._pure(a) for a in args[1:])
        ov = self.operand(args[0], pure_rest)
        oi = self.operand(args[1], len(args) == 2 or self._pure(args[2]))
        ox = self.operand(args[2], True) if len(args) == 3 else None
        h, k = self.tmp_i32(), self.tmp_i32()
        a = getattr(self, "_vec_arr_local", None)
        if a is None:
            a = self._vec_arr_local = self.new_local(ref_null(T_ARGV), "vec_arr")
        g = self.me.g_vecs
        self.open("block", EQREF)
        self.open("block", None)
        if oi[0] == "c":
            if oi[1] < 0:
                c.br(0)
            c.i32_const(oi[1]).local_set(k)
        else:
            c.local_get(oi[1]).ref_test(HT.I31).i32_eqz().br_if(0)
            c.local_get(oi[1]).ref_cast(HT.I31).i31_get_s().local_set(k)
        self.get_eq(ov)
        c.ref_test(T_VEC).if_()  # made by Tier 2
        self.get_eq(ov)
        c.ref_cast(T_VEC).struct_get(T_VEC, F_ITEMS).local_set(a)
        c.else_()  # a migrated Python vector (labels one deeper in here)
        self.get_eq(ov)
        c.ref_test(T_HOST).i32_eqz().br_if(1)
        self.get_eq(ov)
        c.ref_cast(T_HOST).struct_get(T_HOST, F_HANDLE).local_tee(h)
        c.global_get(g).array_len().i32_ge_u().br_if(1)
        e = self.tmp()
        c.global_get(g).local_get(h).array_get(T_ARGV)
        if op in GENERIC_OPS:  # a specialised (fixnum) vector: its array in a $box, not for SVREF
            c.local_tee(e).ref_test(T_BOX).if_(EQREF)
            c.local_get(e).ref_cast(T_BOX).struct_get(T_BOX, F_BOX).else_().local_get(e).end()
        c.local_tee(e).ref_test(T_ARGV).i32_eqz().br_if(1)
        c.local_get(e).ref_cast(T_ARGV).local_set(a)
        c.end()
        self.free_eq.append(e)
        c.local_get(k).local_get(a).array_len().i32_ge_u().br_if(0)
        c.local_get(a).local_get(k)
        if ox is None:
            c.array_get(T_ARGV)
        else:
            self.get_eq(ox)
            c.array_set(T_ARGV)
            self.get_eq(ox)
        c.br(1)
        self.close()
        for o in (ov, oi) if ox is None else (ov, oi, ox):
            self.get_eq(o)
        c.i32_const(op).call(self.rt["vec_ref" if ox is None else "vec_set"])
        self.close()
        self.free_i32 += [k, h]
        self.release(*((ov, oi) if ox is None else (ov, oi, ox)))

    def cxr(self, step: str) -> None:
        """Finish one car/cdr step; its two blocks were opened before the operand was pushed."""
        c = self.c
        c.br_on_cast_fail(0, EQREF, ref(T_CONS))
        c.struct_get(T_CONS, F_CAR if step == "a" else F_CDR).br(1)
        self.close()
        c.call(self.rt["car_slow" if step == "a" else "cdr_slow"])
        self.close()

    def consp(self, x: Any, name: str, mode: int) -> None:
        c = self.c
        t = self.tmp()
        self.emit_node(x, V)
        c.local_tee(t).ref_test(T_CONS)
        c.if_(I32).i32_const(1).else_()
        c.local_get(t).ref_test(T_HOST).if_(I32)
        c.local_get(t).ref_cast(T_HOST).struct_get(T_HOST, F_KIND).i32_const(abi.HK_CONS).i32_eq()
        c.else_().i32_const(0).end().end()
        if name == "ATOM":
            c.i32_eqz()
        elif name == "LISTP":
            c.local_get(t).global_get(self.me.g_nil).ref_eq().i32_or()
        self.free_eq.append(t)
        self.from_bool(mode)

    def eql(self, args: list[Any], mode: int) -> None:
        c = self.c
        a, b = self.tmp(), self.tmp()
        self.emit_node(args[0], V)
        c.local_set(a)
        self.emit_node(args[1], V)
        c.local_tee(b).local_get(a).ref_eq()
        c.if_(I32).i32_const(1).else_().local_get(a).local_get(b).call(self.rt["eql_slow"]).end()
        self.free_eq += [b, a]
        self.from_bool(mode)

    def operand(self, node: Any, later_pure: bool) -> tuple[str, Any]:
        """Make an operand of an open-coded operation: ('c', fixnum) or ('l', local index)."""
        if node[0] == "k" and _is_fixnum(node[1]):
            return ("c", node[1])
        if node[0] == "lv" and later_pure and node[1].fn is self.fn and not node[1].boxed:
            return ("l", node[1].local)
        t = self.tmp()
        self.emit_node(node, V)
        self.c.local_set(t)
        return ("t", t)

    @staticmethod
    def _pure(node: Any) -> bool:
        return node[0] == "k" or (node[0] == "lv" and not node[1].boxed)

    def operands(self, a: Any, b: Any) -> tuple[tuple[str, Any], tuple[str, Any]]:
        oa = self.operand(a, self._pure(b))
        ob = self.operand(b, True)
        return oa, ob

    def release(self, *ops: tuple[str, Any]) -> None:
        for kind, v in ops:
            if kind == "t":
                self.free_eq.append(v)

    def fixnum_test(self, ops: tuple[tuple[str, Any], ...]) -> bool:
        """Push an i32: all non-constant operands are i31. False if there is nothing to test."""
        n = 0
        for kind, v in ops:
            if kind != "c":
                self.c.local_get(v).ref_test(HT.I31)
                n += 1
                if n > 1:
                    self.c.i32_and()
        return n > 0

    def get_i32(self, op: tuple[str, Any]) -> None:
        kind, v = op
        if kind == "c":
            self.c.i32_const(v)
        else:
            self.c.local_get(v).ref_cast(HT.I31).i31_get_s()

    def get_eq(self, op: tuple[str, Any]) -> None:
        kind, v = op
        if kind == "c":
            self.c.i32_const(v).ref_i31()
        else:
            self.c.local_get(v)

    def arith(self, name: str, a: Any, b: Any, generic_sym: Any = None) -> None:
        """Push the eqref result of (name a b) for + - *: fixnum fast path, else the registry slow path
        (or, for unary minus, the generic function)."""
        c = self.c
        oa, ob = self.operands(a, b)
        tested = self.fixnum_test((oa, ob))
        if tested:
            self.open("if_", EQREF)
        if name == "*":
            r = self.new_local(I64)
            self.get_i32(oa)
            c.i64_extend_i32_s()
            self.get_i32(ob)
            c.i64_extend_i32_s().i64_mul().local_tee(r).i64_const(1 << 30).i64_add().i64_const(1 << 31).i64_lt_u()
            self.open("if_", EQREF)
            c.local_get(r).i32_wrap_i64().ref_i31()
        else:
            r = self.tmp_i32()
            self.get_i32(oa)
            self.get_i32(ob)
            (c.i32_add() if name == "+" else c.i32_sub()).local_tee(r)
            c.i32_const(1).i32_shl().i32_const(1).i32_shr_s().local_get(r).i32_eq()
            self.open("if_", EQREF)
            c.local_get(r).ref_i31()
            self.free_i32.append(r)
        c.else_()
        self.arith_slow(name, oa, ob, generic_sym)
        self.close()
        if tested:
            c.else_()
            self.arith_slow(name, oa, ob, generic_sym)
            self.close()
        self.release(oa, ob)

    def arith_slow(self, name: str, oa: tuple[str, Any], ob: tuple[str, Any], generic_sym: Any) -> None:
        """Overflow or non-fixnum operands: integers in Wasm (rt.big_op), anything else through the registry (or,
        for unary minus, the generic function: (- 0.0) is -0.0, not (- 0 0.0))."""
        if generic_sym is not None:
            self.big_op(name, oa, ob, lambda: self.negate_generic(ob, generic_sym))
        else:  # the module's slow_add / slow_sub / slow_mul tries rt.big_op first (emit.py, ModuleEmitter.build)
            self.registry_call(name, oa, ob)

    def negate_generic(self, ob: tuple[str, Any], generic_sym: Any) -> None:
        """Unary minus of a non-integer through the generic function."""
        slot = self.me.slot_for(generic_sym)
        c = self.c
        t = self.tmp_clo()
        c.i32_const(slot).table_get(self.me.fns).local_tee(t).ref_as_non_null().i32_const(1)
        self.get_eq(ob)
        c.ref_null(HT.NONE).ref_null(HT.NONE).ref_null(HT.NONE).ref_null(HT.NONE)
        c.local_get(t).struct_get(T_CLOSURE, F_CODE).call_ref(T_PROC)
        self.single_value()
        self.free_clo.append(t)

    def compare(self, name: str, a: Any, b: Any, mode: int) -> None:
        c = self.c
        oa, ob = self.operands(a, b)
        tested = self.fixnum_test((oa, ob))
        if tested:
            self.open("if_", I32)
        self.get_i32(oa)
        self.get_i32(ob)
        getattr(c, _CMP[name])()
        if tested:
            c.else_()
            r = self.tmp_i32()
            self.get_eq(oa)
            self.get_eq(ob)
            c.call(self.rt["cmp_big"]).local_tee(r).i32_const(2).i32_ne().if_(I32)  # integers: decided in Wasm
            c.local_get(r).i32_const(0)
            getattr(c, _CMP[name])()
            c.else_()
            self.get_eq(oa)
            self.get_eq(ob)
            c.call(self.me.slow[_REG[name]]).global_get(self.me.g_nil).ref_eq().i32_eqz()
            c.end()
            self.free_i32.append(r)
            self.close()
        self.release(oa, ob)
        self.from_bool(mode)

    def sign_test(self, name: str, x: Any, sym: Any, mode: int) -> None:
        c = self.c
        ox = self.operand(x, True)
        tested = self.fixnum_test((ox,))
        if tested:
            self.open("if_", I32)
        self.get_i32(ox)
        c.i32_const(0)
        getattr(c, _SIGN[name])()
        if tested:
            c.else_()
            r = self.tmp_i32()
            self.get_eq(ox)
            c.i32_const(0).ref_i31().call(self.rt["cmp_big"]).local_tee(r).i32_const(2).i32_ne().if_(I32)  # bignum
            c.local_get(r).i32_const(0)
            getattr(c, _SIGN[name])()
            c.else_()
            slot = self.me.slot_for(sym)
            t = self.tmp_clo()
            c.i32_const(slot).table_get(self.me.fns).local_tee(t).ref_as_non_null().i32_const(1)
            self.get_eq(ox)
            c.ref_null(HT.NONE).ref_null(HT.NONE).ref_null(HT.NONE).ref_null(HT.NONE)
            c.local_get(t).struct_get(T_CLOSURE, F_CODE).call_ref(T_PROC)
            self.single_value()
            c.global_get(self.me.g_nil).ref_eq().i32_eqz()
            c.end()
            self.free_clo.append(t)
            self.free_i32.append(r)
            self.close()
        self.release(ox)
        self.from_bool(mode)
