# Tier 2 runtime, integers outside the fixnum range (docs/ABI.md "Integers outside the fixnum range"): the
# runtime-local `$big` struct (sign, limb count, base-2^32 limbs), its arithmetic (+ - * and MOD / REM / FLOOR /
# TRUNCATE by a fixnum), comparisons and EQL of every integer mix, conversion of a `$big` to a Python int when it
# crosses (`to_wire`) and of a Python bignum to a `$big` when Wasm arithmetic meets one. Part of the runtime module
# (runtime.py builds it through BignumRT). Every entry answers null / "undecided" rather than fail, so the JIT
# code's registry slow path (Tier 1's functions) handles what is not here.
from __future__ import annotations

from typing import Any

from clysm.wasm import EQREF, EXTERNREF, F64, HT, I32, I64, ArrayType, Code, FieldType, StructType, ref, ref_null

from . import abi
from .abi import F_HANDLE, F_KIND, T_HOST
from .runtime_strings import StringsRT

# operations of the runtime export `big_op (op i32) (a eqref) (b eqref) -> eqref` (null: "not here")
OP_ADD = 0
OP_SUB = 1
OP_MUL = 2
OP_MOD = 3  # b a non-zero fixnum
OP_FLOOR = 4  # primary value; b a non-zero fixnum
OP_REM = 5  # b a non-zero fixnum
OP_TRUNCATE = 6  # primary value; b a non-zero fixnum
BIG_OPS = {"+": OP_ADD, "-": OP_SUB, "*": OP_MUL, "MOD": OP_MOD, "FLOOR": OP_FLOOR, "REM": OP_REM,
           "TRUNCATE": OP_TRUNCATE}

# $big fields
B_SIGN, B_N, B_LIMBS = 0, 1, 2
LIMBS_PER_CROSSING = 8  # host.big_limbs carries this many limbs per call

# Python functions the runtime imports for bignums (module "host"; letters as in abi.RT_FUNCS)
HOST_BIG_FUNCS: tuple[tuple[str, str, str], ...] = (
    ("big_limbs", "ii" + "f" * LIMBS_PER_CROSSING, "f"),  # (last, sign, 8 limbs) -> 0, or the int's wire if last
    ("big_fetch", "i", "x"),  # handle of a Python bignum -> its magnitude in lowercase hex (a JS string)
)


class BignumRT:
    """The bignum part of the runtime module builder `rt` (runtime._RT): types, functions."""

    def __init__(self, rt: Any) -> None:
        self.rt = rt
        m = rt.m
        # runtime-local types (singleton rec groups after the ABI rec group; JIT modules never see them)
        self.t_limbs = m.add_type(ArrayType(FieldType(I32, True)), name="limbs")
        self.t_big = m.add_type(StructType((FieldType(I32), FieldType(I32), FieldType(ref(self.t_limbs)))),
                                name="big")
        # the $big copy of a Python bignum, remembered per host handle with the canonical $host it was made for
        # (valid only while that $host is ref.eq the operand: a handle given back by a sweep and reused never sees
        # a stale copy), as the string copies of runtime_strings.py
        self.t_copy = m.add_type(StructType((FieldType(ref(T_HOST)), FieldType(ref(self.t_big)))), name="bigcopy")
        self.t_cache = m.add_type(ArrayType(FieldType(ref_null(self.t_copy), True)), name="bigcopies")

    def declare(self) -> None:
        m = self.rt.m
        tb, tl = ref(self.t_big), ref(self.t_limbs)
        sigs: dict[str, tuple[list[Any], list[Any]]] = {
            "big_small": ([I32], [tb]),
            "big_fetch": ([ref(T_HOST)], [tb]),
            "big_parse": ([ref(T_HOST)], [tb]),
            "big_of": ([EQREF], [ref_null(self.t_big)]),
            "is_int": ([EQREF], [I32]),
            "big_norm": ([I32, tl, I32], [EQREF]),
            "mag_cmp": ([tb, tb], [I32]),
            "mag_add": ([tb, tb], [tl]),
            "mag_sub": ([tb, tb], [tl]),
            "mag_mul": ([tb, tb], [tl]),
            "big_addsub": ([tb, tb, I32], [EQREF]),
            "big_mul": ([tb, tb], [EQREF]),
            "mag_div": ([tb, I32, I32], [ref_null(self.t_limbs)]),
            "big_divide": ([tb, I32, I32], [EQREF]),
            "big_eq": ([EQREF, EQREF], [I32]),
            "big_to_wire": ([tb], [F64]),
            "num_class": ([EQREF], [I32]),
        }
        self.fi: dict[str, int] = {}
        for name, (params, results) in sigs.items():
            self.fi[name] = m.declare_function(m.func_type(params, results), name)
        self.g_rem = m.add_global(I32, True, Code().i32_const(0), "big_rem")
        # the last division by a fixnum (big_divide): dividend, |divisor|, quotient and remainder magnitudes
        self.g_last_a = m.add_global(ref_null(self.t_big), True, Code().ref_null(HT.NONE), "big_last_a")
        self.g_last_d = m.add_global(I32, True, Code().i32_const(0), "big_last_d")
        self.g_last_q = m.add_global(ref_null(self.t_limbs), True, Code().ref_null(HT.NONE), "big_last_q")
        self.g_last_rem = m.add_global(I32, True, Code().i32_const(0), "big_last_rem")
        self.g_cache = m.add_global(ref(self.t_cache), True, Code().i32_const(64).array_new_default(self.t_cache),
                                    "bigcopies")

    def _define(self, name: str, local_types: list[Any], body: Code) -> None:
        self.rt.m.define_function(self.fi[name], local_types, body)

    def to_wire_test(self, c: Code, x: int) -> None:
        """Code for the runtime's to_wire: a `$big` in local `x` crosses as a new Python int."""
        c.local_get(x).ref_test(self.t_big).if_()
        c.local_get(x).ref_cast(self.t_big).return_call(self.fi["big_to_wire"])
        c.end()

    def define(self) -> None:
        self._define_basics()
        self._define_magnitudes()
        self._define_ops()
        self._define_compare()
        self._define_crossing()

    # ---- making and normalising ---------------------------------------------------------------------------
    def _define_basics(self) -> None:
        rt, fi = self.rt, self.fi
        tl, tb = self.t_limbs, self.t_big
        # big_small (param $v i32): a fixnum as a (temporary, unnormalised) $big; 0 has no limbs
        c = Code()
        c.i32_const(-1).i32_const(1).local_get(0).i32_const(0).i32_lt_s().select()
        c.local_get(0).i32_eqz().i32_eqz()
        c.i32_const(0).local_get(0).i32_sub().local_get(0).local_get(0).i32_const(0).i32_lt_s().select()
        c.array_new_fixed(tl, 1).struct_new(tb)
        self._define("big_small", [], c)
        # is_int (param $x eqref): 1 for a fixnum, a $big or a Python bignum ($host of kind 5 / 6)
        c = Code()
        c.local_get(0).ref_test(HT.I31).local_get(0).ref_test(tb).i32_or().if_().i32_const(1).return_().end()
        c.local_get(0).ref_test(T_HOST).if_()
        c.local_get(0).ref_cast(T_HOST).struct_get(T_HOST, F_KIND).i32_const(abi.HK_BIGPOS).i32_sub()
        c.i32_const(1).i32_le_u().return_().end()
        c.i32_const(0)
        self._define("is_int", [], c)
        # big_of (param $x eqref): the integer as a $big (a Python bignum is fetched: one crossing), else null
        c = Code()
        c.local_get(0).ref_test(HT.I31).if_()
        c.local_get(0).ref_cast(HT.I31).i31_get_s().call(fi["big_small"]).return_().end()
        c.local_get(0).ref_test(tb).if_().local_get(0).ref_cast(tb).return_().end()
        c.local_get(0).call(fi["is_int"]).local_get(0).ref_test(T_HOST).i32_and().if_()
        c.local_get(0).ref_cast(T_HOST).call(fi["big_fetch"]).return_().end()
        c.ref_null(HT.NONE)
        self._define("big_of", [], c)
        # big_fetch (param $h (ref $host)) (local $i i32) (local $e (ref null $bigcopy)) (local $b (ref null $big))
        #   (local $new (ref null $bigcopies)): the cached copy of this Python bignum, else parse it and keep it
        tcp, tca = self.t_copy, self.t_cache
        c = Code()
        c.local_get(0).struct_get(T_HOST, F_HANDLE).local_tee(1).global_get(self.g_cache).array_len().i32_lt_u()
        c.if_()
        c.global_get(self.g_cache).local_get(1).array_get(tca).local_tee(2).ref_is_null().i32_eqz().if_()
        c.local_get(2).struct_get(tcp, 0).local_get(0).ref_eq().if_().local_get(2).struct_get(tcp, 1).return_().end()
        c.end().end()
        c.local_get(0).call(fi["big_parse"]).local_set(3)
        StringsRT.grow(c, self.g_cache, tca, 1, 4)
        c.global_get(self.g_cache).local_get(1).local_get(0).local_get(3).ref_as_non_null().struct_new(tcp)
        c.array_set(tca)
        c.local_get(3).ref_as_non_null()
        self._define("big_fetch", [I32, ref_null(tcp), ref_null(tb), ref_null(tca)], c)
        # big_parse (param $h (ref $host)) (local $s externref) (local $len i32) (local $l (ref null $limbs))
        #   (local $i i32) (local $ch i32): the hex digits of the magnitude, least significant last
        js = rt.strings.js
        c = Code()
        c.local_get(0).struct_get(T_HOST, F_HANDLE).call(rt.hf["big_fetch"]).local_tee(1).call(js["length"])
        c.local_set(2)
        c.local_get(2).i32_const(7).i32_add().i32_const(3).i32_shr_u().array_new_default(tl).local_set(3)
        c.block().loop()
        c.local_get(4).local_get(2).i32_ge_u().br_if(1)
        c.local_get(1).local_get(2).i32_const(1).i32_sub().local_get(4).i32_sub().call(js["codePointAt"])
        c.local_set(5)
        c.local_get(3).local_get(4).i32_const(3).i32_shr_u()
        c.local_get(3).local_get(4).i32_const(3).i32_shr_u().array_get(tl)
        c.local_get(5).i32_const(87).i32_sub().local_get(5).i32_const(48).i32_sub()
        c.local_get(5).i32_const(97).i32_ge_u().select()
        c.local_get(4).i32_const(7).i32_and().i32_const(2).i32_shl().i32_shl().i32_or().array_set(tl)
        c.local_get(4).i32_const(1).i32_add().local_set(4).br(0)
        c.end().end()
        c.i32_const(-1).i32_const(1).local_get(0).struct_get(T_HOST, F_KIND).i32_const(abi.HK_BIGNEG).i32_eq()
        c.select()
        c.local_get(2).i32_const(7).i32_add().i32_const(3).i32_shr_u()
        c.local_get(3).ref_as_non_null().struct_new(tb)
        self._define("big_parse", [EXTERNREF, I32, ref_null(tl), I32, I32], c)
        # big_norm (param $sign i32) (param $l (ref $limbs)) (param $n i32) (local $m i32): drop leading zero
        # limbs; a value in the fixnum range is an i31, anything else a $big
        c = Code()
        c.block().loop()
        c.local_get(2).i32_eqz().br_if(1)
        c.local_get(1).local_get(2).i32_const(1).i32_sub().array_get(tl).br_if(1)
        c.local_get(2).i32_const(1).i32_sub().local_set(2).br(0)
        c.end().end()
        c.local_get(2).i32_eqz().if_().i32_const(0).ref_i31().return_().end()
        c.local_get(2).i32_const(1).i32_eq().if_()
        c.local_get(1).i32_const(0).array_get(tl).local_tee(3).i32_const(1 << 30).i32_lt_u().if_()
        c.local_get(3).local_get(0).i32_mul().ref_i31().return_().end()
        c.local_get(3).i32_const(1 << 30).i32_eq().local_get(0).i32_const(0).i32_lt_s().i32_and().if_()
        c.i32_const(abi.FIXNUM_MIN).ref_i31().return_().end()
        c.end()
        c.local_get(0).local_get(2).local_get(1).struct_new(tb)
        self._define("big_norm", [I32], c)

    # ---- magnitudes -----------------------------------------------------------------------------------------
    def _define_magnitudes(self) -> None:
        fi = self.fi
        tl, tb = self.t_limbs, self.t_big
        nl = ref_null(tl)

        def load(c: Code, arr: int, idx: int) -> None:  # u64 of limb idx of array local arr
            c.local_get(arr).local_get(idx).array_get(tl).i64_extend_i32_u()

        # mag_cmp (param $a) (param $b) (local $na $i $x $y i32) (local $la $lb): -1 / 0 / 1 for |a| vs |b|
        c = Code()
        c.local_get(0).struct_get(tb, B_N).local_tee(2).local_get(1).struct_get(tb, B_N).i32_ne().if_()
        c.i32_const(1).i32_const(-1).local_get(2).local_get(1).struct_get(tb, B_N).i32_gt_u().select().return_()
        c.end()
        c.local_get(0).struct_get(tb, B_LIMBS).local_set(6).local_get(1).struct_get(tb, B_LIMBS).local_set(7)
        c.local_get(2).local_set(3)
        c.block().loop()
        c.local_get(3).i32_eqz().br_if(1)
        c.local_get(3).i32_const(1).i32_sub().local_set(3)
        c.local_get(6).local_get(3).array_get(tl).local_tee(4)
        c.local_get(7).local_get(3).array_get(tl).local_tee(5).i32_ne().if_()
        c.i32_const(1).i32_const(-1).local_get(4).local_get(5).i32_gt_u().select().return_().end()
        c.br(0)
        c.end().end()
        c.i32_const(0)
        self._define("mag_cmp", [I32, I32, I32, I32, nl, nl], c)
        # mag_add (param $a) (param $b) (local $na $nb $i i32) (local $carry i64) (local $r $la $lb)
        c = Code()
        c.local_get(0).struct_get(tb, B_N).local_tee(2).local_get(1).struct_get(tb, B_N).local_tee(3).i32_lt_u()
        c.if_().local_get(1).local_get(0).return_call(fi["mag_add"]).end()
        c.local_get(0).struct_get(tb, B_LIMBS).local_set(7).local_get(1).struct_get(tb, B_LIMBS).local_set(8)
        c.local_get(2).i32_const(1).i32_add().array_new_default(tl).local_set(6)
        c.block().loop()
        c.local_get(4).local_get(2).i32_ge_u().br_if(1)
        c.local_get(6).local_get(4)
        load(c, 7, 4)
        c.local_get(5).i64_add()
        c.local_get(4).local_get(3).i32_lt_u().if_(I64)
        load(c, 8, 4)
        c.else_().i64_const(0).end()
        c.i64_add().local_tee(5).i32_wrap_i64().array_set(tl)
        c.local_get(5).i64_const(32).i64_shr_u().local_set(5)
        c.local_get(4).i32_const(1).i32_add().local_set(4).br(0)
        c.end().end()
        c.local_get(6).local_get(2).local_get(5).i32_wrap_i64().array_set(tl)
        c.local_get(6).ref_as_non_null()
        self._define("mag_add", [I32, I32, I32, I64, nl, nl, nl], c)
        # mag_sub (param $a) (param $b): |a| - |b| for |a| >= |b| (locals as mag_add; $carry is the borrow)
        c = Code()
        c.local_get(0).struct_get(tb, B_N).local_set(2).local_get(1).struct_get(tb, B_N).local_set(3)
        c.local_get(0).struct_get(tb, B_LIMBS).local_set(7).local_get(1).struct_get(tb, B_LIMBS).local_set(8)
        c.local_get(2).array_new_default(tl).local_set(6)
        c.block().loop()
        c.local_get(4).local_get(2).i32_ge_u().br_if(1)
        c.local_get(6).local_get(4)
        load(c, 7, 4)
        c.local_get(4).local_get(3).i32_lt_u().if_(I64)
        load(c, 8, 4)
        c.else_().i64_const(0).end()
        c.i64_sub().local_get(5).i64_sub().local_tee(5).i32_wrap_i64().array_set(tl)
        c.local_get(5).i64_const(63).i64_shr_u().local_set(5)
        c.local_get(4).i32_const(1).i32_add().local_set(4).br(0)
        c.end().end()
        c.local_get(6).ref_as_non_null()
        self._define("mag_sub", [I32, I32, I32, I64, nl, nl, nl], c)
        # mag_mul (param $a) (param $b) (local $na $nb $i $j i32) (local $ai $t i64) (local $r $la $lb):
        # schoolbook, the shorter operand in the outer loop
        c = Code()
        c.local_get(0).struct_get(tb, B_N).local_tee(2).local_get(1).struct_get(tb, B_N).local_tee(3).i32_gt_u()
        c.if_().local_get(1).local_get(0).return_call(fi["mag_mul"]).end()
        c.local_get(0).struct_get(tb, B_LIMBS).local_set(9).local_get(1).struct_get(tb, B_LIMBS).local_set(10)
        c.local_get(2).local_get(3).i32_add().array_new_default(tl).local_set(8)
        c.block().loop()
        c.local_get(4).local_get(2).i32_ge_u().br_if(1)
        load(c, 9, 4)
        c.local_tee(6).i64_eqz().i32_eqz().if_()
        c.i64_const(0).local_set(7).i32_const(0).local_set(5)
        c.block().loop()
        c.local_get(5).local_get(3).i32_ge_u().br_if(1)
        c.local_get(8).local_get(4).local_get(5).i32_add()
        c.local_get(6)
        load(c, 10, 5)
        c.i64_mul()
        c.local_get(8).local_get(4).local_get(5).i32_add().array_get(tl).i64_extend_i32_u().i64_add()
        c.local_get(7).i64_add().local_tee(7).i32_wrap_i64().array_set(tl)
        c.local_get(7).i64_const(32).i64_shr_u().local_set(7)
        c.local_get(5).i32_const(1).i32_add().local_set(5).br(0)
        c.end().end()
        c.local_get(8).local_get(4).local_get(3).i32_add().local_get(7).i32_wrap_i64().array_set(tl)
        c.end()
        c.local_get(4).i32_const(1).i32_add().local_set(4).br(0)
        c.end().end()
        c.local_get(8).ref_as_non_null()
        self._define("mag_mul", [I32, I32, I32, I32, I64, I64, nl, nl, nl], c)
        # mag_div (param $a) (param $d i32: 1 .. 2^30) (param $want_q i32) (local $i i32) (local $rem $cur $dd
        #   $t i64) (local $q $la): |a| / d from the top limb down; the quotient (if wanted, else null) and the
        #   remainder in global $big_rem
        c = Code()
        c.local_get(0).struct_get(tb, B_LIMBS).local_set(9)
        c.local_get(0).struct_get(tb, B_N).local_set(3)
        c.local_get(1).i64_extend_i32_u().local_set(6)
        c.local_get(2).if_().local_get(3).array_new_default(tl).local_set(8).end()
        c.block().loop()
        c.local_get(3).i32_eqz().br_if(1)
        c.local_get(3).i32_const(1).i32_sub().local_set(3)
        c.local_get(4).i64_const(32).i64_shl()
        load(c, 9, 3)
        c.i64_or().local_set(5)
        c.local_get(2).if_()
        c.local_get(8).local_get(3).local_get(5).local_get(6).i64_div_u().local_tee(7).i32_wrap_i64().array_set(tl)
        c.local_get(5).local_get(7).local_get(6).i64_mul().i64_sub().local_set(4)
        c.else_()
        c.local_get(5).local_get(6).i64_rem_u().local_set(4)
        c.end()
        c.br(0)
        c.end().end()
        c.local_get(4).i32_wrap_i64().global_set(self.g_rem)
        c.local_get(8)
        self._define("mag_div", [I32, I64, I64, I64, I64, nl, nl], c)

    # ---- signed operations ----------------------------------------------------------------------------------
    def _define_ops(self) -> None:
        rt, fi = self.rt, self.fi
        tl, tb = self.t_limbs, self.t_big
        nl = ref_null(tl)
        # big_addsub (param $a) (param $b) (param $neg i32: b's sign flipped) (local $sa $sb i32) (local $r)
        c = Code()
        c.local_get(0).struct_get(tb, B_SIGN).local_set(3)
        c.i32_const(0).local_get(1).struct_get(tb, B_SIGN).local_tee(4).i32_sub().local_get(4).local_get(2)
        c.select().local_tee(4)
        c.local_get(3).i32_eq().if_()
        c.local_get(3).local_get(0).local_get(1).call(fi["mag_add"]).local_tee(5).ref_as_non_null()
        c.local_get(5).array_len().return_call(fi["big_norm"])
        c.end()
        c.local_get(0).local_get(1).call(fi["mag_cmp"]).i32_const(0).i32_ge_s().if_()
        c.local_get(3).local_get(0).local_get(1).call(fi["mag_sub"]).local_tee(5).ref_as_non_null()
        c.local_get(5).array_len().return_call(fi["big_norm"])
        c.end()
        c.local_get(4).local_get(1).local_get(0).call(fi["mag_sub"]).local_tee(5).ref_as_non_null()
        c.local_get(5).array_len().return_call(fi["big_norm"])
        self._define("big_addsub", [I32, I32, nl], c)
        # big_mul (param $a) (param $b) (local $r)
        c = Code()
        c.local_get(0).struct_get(tb, B_SIGN).local_get(1).struct_get(tb, B_SIGN).i32_mul()
        c.local_get(0).local_get(1).call(fi["mag_mul"]).local_tee(2).ref_as_non_null()
        c.local_get(2).array_len().return_call(fi["big_norm"])
        self._define("big_mul", [nl], c)
        # big_divide (param $a) (param $d i32, non-zero) (param $op) (local $ad $sd $rem $sa $i i32) (local $q $c):
        # MOD / REM (the remainder takes the divisor's / the dividend's sign) or the quotient of FLOOR / TRUNCATE.
        # The last division is remembered (dividend by identity, |divisor|, quotient and remainder magnitudes), so
        # (mod x d) then (floor x d) divide once: $bigs are immutable (the FLOOR adjustment copies the quotient)
        c = Code()
        c.local_get(0).struct_get(tb, B_SIGN).local_set(6)
        c.i32_const(-1).i32_const(1).local_get(1).i32_const(0).i32_lt_s().select().local_set(4)
        c.i32_const(0).local_get(1).i32_sub().local_get(1).local_get(1).i32_const(0).i32_lt_s().select()
        c.local_set(3)
        c.local_get(0).global_get(self.g_last_a).ref_eq().local_get(3).global_get(self.g_last_d).i32_eq().i32_and()
        c.if_()
        c.global_get(self.g_last_q).local_set(8).global_get(self.g_last_rem).local_set(5)
        c.else_()
        c.local_get(0).local_get(3).i32_const(1).call(fi["mag_div"]).local_tee(8).global_set(self.g_last_q)
        c.global_get(self.g_rem).local_tee(5).global_set(self.g_last_rem)
        c.local_get(0).global_set(self.g_last_a).local_get(3).global_set(self.g_last_d)
        c.end()
        c.local_get(2).i32_const(OP_MOD).i32_eq().local_get(2).i32_const(OP_REM).i32_eq().i32_or().if_()
        c.local_get(5).i32_eqz().if_().i32_const(0).ref_i31().return_().end()
        c.local_get(5).local_get(6).i32_mul()
        c.local_get(1).i32_const(0).local_get(6).local_get(4).i32_ne().local_get(2).i32_const(OP_MOD).i32_eq()
        c.i32_and().select().i32_add().ref_i31().return_()
        c.end()
        c.local_get(5).i32_const(0).i32_ne().local_get(6).local_get(4).i32_ne().i32_and()
        c.local_get(2).i32_const(OP_FLOOR).i32_eq().i32_and().if_()
        c.local_get(8).array_len().array_new_default(tl).local_tee(9)
        c.i32_const(0).local_get(8).i32_const(0).local_get(8).array_len().array_copy(tl, tl)
        c.local_get(9).local_set(8)
        c.block().loop()  # the magnitude of a negative quotient goes up by one (never past its last limb)
        c.local_get(7).local_get(8).array_len().i32_ge_u().br_if(1)
        c.local_get(8).local_get(7).local_get(8).local_get(7).array_get(tl).i32_const(1).i32_add().array_set(tl)
        c.local_get(8).local_get(7).array_get(tl).br_if(1)
        c.local_get(7).i32_const(1).i32_add().local_set(7).br(0)
        c.end().end()
        c.end()
        c.local_get(6).local_get(4).i32_mul().local_get(8).ref_as_non_null().local_get(8).array_len()
        c.return_call(fi["big_norm"])
        self._define("big_divide", [I32, I32, I32, I32, I32, nl, nl], c)
        # big_op (param $op i32) (param $a eqref) (param $b eqref): the abi.RT_FUNCS entry JIT code calls when
        # a fixnum fast path does not apply; null when an operand is not an integer (or a divisor is not a
        # non-zero fixnum): then the registry slow path
        c = Code()
        c.local_get(0).i32_const(OP_MOD).i32_ge_u().if_()
        c.local_get(2).ref_test(HT.I31).i32_eqz().if_().ref_null(HT.NONE).return_().end()
        c.local_get(2).ref_cast(HT.I31).i31_get_s().i32_eqz().if_().ref_null(HT.NONE).return_().end()
        c.local_get(1).call(fi["is_int"]).i32_eqz().if_().ref_null(HT.NONE).return_().end()
        c.local_get(1).call(fi["big_of"]).ref_as_non_null().local_get(2).ref_cast(HT.I31).i31_get_s()
        c.local_get(0).return_call(fi["big_divide"])
        c.end()
        c.local_get(1).call(fi["is_int"]).local_get(2).call(fi["is_int"]).i32_and().i32_eqz().if_()
        c.ref_null(HT.NONE).return_().end()
        c.local_get(1).call(fi["big_of"]).local_set(3).local_get(2).call(fi["big_of"]).local_set(4)
        c.local_get(0).i32_const(OP_MUL).i32_eq().if_()
        c.local_get(3).ref_as_non_null().local_get(4).ref_as_non_null().return_call(fi["big_mul"]).end()
        c.local_get(3).ref_as_non_null().local_get(4).ref_as_non_null().local_get(0)
        c.return_call(fi["big_addsub"])
        rt.define("big_op", [ref_null(tb), ref_null(tb)], c)

    # ---- comparisons and EQL ------------------------------------------------------------------------------
    def _define_compare(self) -> None:
        rt, fi = self.rt, self.fi
        tb = self.t_big
        # num_class (param $x eqref) (local $k i32): 0 fixnum, 1 integer >= 2^30, -1 integer < -2^30, 2 other
        c = Code()
        c.local_get(0).ref_test(HT.I31).if_().i32_const(0).return_().end()
        c.local_get(0).ref_test(tb).if_().local_get(0).ref_cast(tb).struct_get(tb, B_SIGN).return_().end()
        c.local_get(0).ref_test(T_HOST).if_()
        c.local_get(0).ref_cast(T_HOST).struct_get(T_HOST, F_KIND).local_tee(1).i32_const(abi.HK_BIGPOS).i32_eq()
        c.if_().i32_const(1).return_().end()
        c.local_get(1).i32_const(abi.HK_BIGNEG).i32_eq().if_().i32_const(-1).return_().end()
        c.end()
        c.i32_const(2)
        self._define("num_class", [I32], c)
        # cmp_big (param $a) (param $b) (local $ca $cb i32): -1 / 0 / 1 comparing two integers (any mix of
        # fixnums, $bigs and Python bignums: a Python bignum of the same sign as a $big is fetched), 2 otherwise
        c = Code()
        c.local_get(0).call(fi["num_class"]).local_tee(2).i32_const(2).i32_eq()
        c.local_get(1).call(fi["num_class"]).local_tee(3).i32_const(2).i32_eq().i32_or()
        c.if_().i32_const(2).return_().end()
        c.local_get(2).local_get(3).i32_ne().if_()
        c.i32_const(1).i32_const(-1).local_get(2).local_get(3).i32_gt_s().select().return_().end()
        c.local_get(2).i32_eqz().if_()
        c.local_get(0).ref_cast(HT.I31).i31_get_s().local_tee(2).local_get(1).ref_cast(HT.I31).i31_get_s()
        c.local_tee(3).i32_gt_s().local_get(2).local_get(3).i32_lt_s().i32_sub().return_().end()
        c.local_get(0).call(fi["big_of"]).ref_as_non_null().local_get(1).call(fi["big_of"]).ref_as_non_null()
        c.call(fi["mag_cmp"]).local_get(2).i32_mul()
        rt.define("cmp_big", [I32, I32], c)
        # big_eq (param $a) (param $b) (local $x $y (ref null $big)): EQL when one of them is a $big
        c = Code()
        c.local_get(0).call(fi["is_int"]).local_get(1).call(fi["is_int"]).i32_and().i32_eqz().if_()
        c.i32_const(0).return_().end()
        c.local_get(0).call(fi["big_of"]).local_tee(2).struct_get(tb, B_SIGN)
        c.local_get(1).call(fi["big_of"]).local_tee(3).struct_get(tb, B_SIGN).i32_eq().if_(I32)
        c.local_get(2).ref_as_non_null().local_get(3).ref_as_non_null().call(fi["mag_cmp"]).i32_eqz()
        c.else_().i32_const(0).end()
        self._define("big_eq", [ref_null(tb), ref_null(tb)], c)

    def eql_test(self, c: Code) -> None:
        """Code for the runtime's eql_slow (params $a $b): decided here when either is a $big."""
        tb = self.t_big
        c.local_get(0).ref_test(tb).local_get(1).ref_test(tb).i32_or().if_()
        c.local_get(0).local_get(1).return_call(self.fi["big_eq"]).end()

    # ---- crossing to Python ---------------------------------------------------------------------------------
    def _define_crossing(self) -> None:
        rt = self.rt
        tl, tb = self.t_limbs, self.t_big
        # big_to_wire (param $b) (local $i $n i32) (local $l (ref null $limbs)) (local $w f64): the limbs go to
        # Python LIMBS_PER_CROSSING at a time; the last call answers the new int's host wire
        c = Code()
        c.local_get(0).struct_get(tb, B_N).local_set(2).local_get(0).struct_get(tb, B_LIMBS).local_set(3)
        c.loop()
        c.local_get(1).i32_const(LIMBS_PER_CROSSING).i32_add().local_get(2).i32_ge_u()
        c.local_get(0).struct_get(tb, B_SIGN)
        for k in range(LIMBS_PER_CROSSING):
            c.local_get(1).i32_const(k).i32_add().local_get(2).i32_lt_u().if_(F64)
            c.local_get(3).local_get(1).i32_const(k).i32_add().array_get(tl).f64_convert_i32_u()
            c.else_().f64_const(0).end()
        c.call(rt.hf["big_limbs"]).local_set(4)
        c.local_get(1).i32_const(LIMBS_PER_CROSSING).i32_add().local_tee(1).local_get(2).i32_lt_u().br_if(0)
        c.end()
        c.local_get(4)
        self._define("big_to_wire", [I32, I32, ref_null(tl), F64], c)
