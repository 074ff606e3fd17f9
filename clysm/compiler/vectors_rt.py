# Tier 2 runtime module, simple vectors (docs/ABI.md, "Simple vectors"): the `$vecs` table (an `$argv` indexed
# by host handle holding each migrated vector's element array), the fast paths JIT modules call for SVREF, AREF,
# (SETF SVREF/AREF), LENGTH and the vector predicates, and the exports the Python proxy (vectors.WasmItems) uses.
# Everything that is not a fixnum-indexed access to a migrated vector goes to the host import `vec_op`, which calls
# Tier 1's own built-in (its values and conditions) and migrates the vector.
from __future__ import annotations

from typing import Any

from clysm.wasm import EQREF, F64, HT, I32, Code, ref, ref_null

from . import abi
from .abi import F_BOX, F_CAR, F_CDR, F_HANDLE, F_ITEMS, F_KIND, T_ARGV, T_BOX, T_CLOSURE, T_CONS, T_HOST, T_VEC

# operation codes shared with vectors.py (the host import's first argument)
OP_SVREF, OP_AREF, OP_SVSET, OP_ASET, OP_SIMPLE_VECTOR_P, OP_VECTORP, OP_ARRAYP, OP_ELT, OP_SETELT = range(9)
GENERIC_OPS = (OP_AREF, OP_ASET, OP_ELT, OP_SETELT)  # accesses that also take specialised (FIXNUM) vectors

# runtime-internal and Python-facing functions: name -> (params, results) in abi.RT_FUNCS letters
EXTRA = {
    "vec_arr": ("ei", "a"),
    "vec_of": ("i", "r"),
    "vec_new": ("iifi", ""),
    "vec_get": ("ii", "f"),
    "vec_put": ("iif", ""),
    "vec_drop": ("i", ""),
    "vec_put8": ("ii" + "f" * 8, ""),
    "wvec_len": ("f", "i"),
    "wvec_get": ("fi", "f"),
    "wvec_put": ("fif", ""),
}
EXPORTS = ("vec_new", "vec_get", "vec_put", "vec_drop", "vec_put8", "wvec_len", "wvec_get", "wvec_put")
MAKE_MAX = 1 << 24  # MAKE-ARRAY in Tier 2 allocates in Wasm up to this length (longer: Tier 1's MAKE-ARRAY)


def declare(rt: Any) -> None:
    """Add the `$vecs` global and declare the extra functions (called from runtime._RT.__init__)."""
    m = rt.m
    rt.g_vecs = m.add_global(ref(T_ARGV), True, Code().i32_const(16).array_new_default(T_ARGV), "vecs")
    vt = {"e": EQREF, "i": I32, "f": F64, "a": ref_null(T_ARGV), "r": ref(T_ARGV)}
    for name, (params, results) in EXTRA.items():
        rt.f[name] = m.declare_function(m.func_type([vt[c] for c in params], [vt[c] for c in results]), name)


def define(rt: Any) -> None:
    """Define the vector functions (called from runtime._RT.build)."""
    f, hf, g = rt.f, rt.hf, rt.g_vecs
    # vec_arr (param $v eqref) (param $any i32) (result (ref null $argv)) (local $h i32) (local $e eqref): the
    # element array of a migrated vector; of a specialised one (a $box around its array) only when $any
    c = Code()
    c.local_get(0).ref_test(T_VEC).if_().local_get(0).ref_cast(T_VEC).struct_get(T_VEC, F_ITEMS).return_().end()
    c.local_get(0).ref_test(T_HOST).i32_eqz().if_().ref_null(HT.NONE).return_().end()
    c.local_get(0).ref_cast(T_HOST).struct_get(T_HOST, F_HANDLE).local_tee(2)
    c.global_get(g).array_len().i32_ge_u().if_().ref_null(HT.NONE).return_().end()
    c.global_get(g).local_get(2).array_get(T_ARGV).local_tee(3).ref_test(T_ARGV).if_()
    c.local_get(3).ref_cast(T_ARGV).return_().end()
    c.local_get(1).local_get(3).ref_test(T_BOX).i32_and().if_()
    c.local_get(3).ref_cast(T_BOX).struct_get(T_BOX, F_BOX).ref_cast(T_ARGV).return_().end()
    c.ref_null(HT.NONE)
    rt.define("vec_arr", [I32, EQREF], c)
    # vec_of (param $h i32) (result (ref $argv)) (local $e eqref): the array of migrated vector $h (for Python)
    c = Code()
    c.global_get(g).local_get(0).array_get(T_ARGV).local_tee(1).ref_test(T_BOX).if_()
    c.local_get(1).ref_cast(T_BOX).struct_get(T_BOX, F_BOX).local_set(1).end()
    c.local_get(1).ref_cast(T_ARGV)
    rt.define("vec_of", [EQREF], c)

    def slow(c: Code, op_local: int, v: int, i: int | None, x: int | None) -> None:
        c.local_get(op_local).local_get(v).call(f["to_wire"])
        for a in (i, x):
            if a is None:
                c.f64_const(0)
            else:
                c.local_get(a).call(f["to_wire"])
        c.call(hf["vec_op"]).return_call(f["from_wire"])

    def fast_index(c: Code, v: int, i: int, arr: int, k: int, op: int, aop: int, eop: int) -> None:
        """Open three ifs; inside, `arr` is the array and `k` an index in bounds (caller closes them)."""
        c.local_get(i).ref_test(HT.I31).if_()
        c.local_get(v).local_get(op).i32_const(aop).i32_eq().local_get(op).i32_const(eop).i32_eq().i32_or()
        c.call(f["vec_arr"]).local_tee(arr)
        c.ref_is_null().i32_eqz().if_()
        c.local_get(i).ref_cast(HT.I31).i31_get_s().local_tee(k).local_get(arr).array_len().i32_lt_u().if_()

    # vec_ref (param $v eqref) (param $i eqref) (param $op i32) (result eqref) (local $a (ref null $argv)) (local $k)
    c = Code()
    fast_index(c, 0, 1, 3, 4, 2, OP_AREF, OP_ELT)
    c.local_get(3).local_get(4).array_get(T_ARGV).return_()
    c.end().end().end()
    slow(c, 2, 0, 1, None)
    rt.define("vec_ref", [ref_null(T_ARGV), I32], c)
    # vec_set (param $v) (param $i) (param $x) (param $op i32) (result eqref) (local $a) (local $k)
    c = Code()
    fast_index(c, 0, 1, 4, 5, 3, OP_ASET, OP_SETELT)
    c.local_get(4).local_get(5).local_get(2).array_set(T_ARGV).local_get(2).return_()
    c.end().end().end()
    c.local_get(3).local_get(0).call(f["to_wire"]).local_get(1).call(f["to_wire"]).local_get(2).call(f["to_wire"])
    c.call(hf["vec_op"]).return_call(f["from_wire"])
    rt.define("vec_set", [ref_null(T_ARGV), I32], c)
    # vec_len (param $v eqref) (result i32) (local $a): the length of a migrated vector, else -1
    c = Code()
    c.local_get(0).i32_const(1).call(f["vec_arr"]).local_tee(1).ref_is_null().if_(I32).i32_const(-1)
    c.else_().local_get(1).array_len().end()
    rt.define("vec_len", [ref_null(T_ARGV)], c)
    # vec_test (param $v eqref) (param $op i32) (result eqref): SIMPLE-VECTOR-P / VECTORP / ARRAYP
    c = Code()
    c.local_get(0).local_get(1).i32_const(OP_SIMPLE_VECTOR_P).i32_ne().call(f["vec_arr"]).ref_is_null().i32_eqz()
    c.if_().global_get(rt.g_t).return_().end()
    c.local_get(0).ref_test(HT.I31).local_get(0).ref_test(T_CONS).i32_or().local_get(0).ref_test(T_CLOSURE).i32_or()
    c.if_().global_get(rt.g_nil).return_().end()
    c.local_get(0).ref_test(T_HOST).if_()
    c.local_get(0).ref_cast(T_HOST).struct_get(T_HOST, F_KIND).i32_const(abi.HK_OTHER).i32_ne()
    c.local_get(0).ref_cast(T_HOST).struct_get(T_HOST, F_KIND).i32_const(abi.HK_STRING).i32_ne().i32_and().if_()
    c.global_get(rt.g_nil).return_().end().end()  # a string (HK_STRING) is a vector and an array: Tier 1 says
    slow(c, 1, 0, None, None)
    rt.define("vec_test", [], c)
    # vec_new (param $h i32) (param $n i32) (param $fill f64) (param $boxed i32) (local $new (ref null $argv))
    #   (local $arr eqref): a specialised vector's array is kept in a $box, so SVREF's fast path misses it
    c = Code()
    c.local_get(0).global_get(g).array_len().i32_ge_u().if_()
    c.ref_null(HT.NONE).local_get(0).i32_const(2).i32_mul().i32_const(16).i32_add().array_new(T_ARGV).local_tee(4)
    c.i32_const(0).global_get(g).i32_const(0).global_get(g).array_len().array_copy(T_ARGV, T_ARGV)
    c.local_get(4).ref_as_non_null().global_set(g)
    c.end()
    c.local_get(2).call(f["from_wire"]).local_get(1).array_new(T_ARGV).local_set(5)
    c.local_get(3).if_().local_get(5).struct_new(T_BOX).local_set(5).end()
    c.global_get(g).local_get(0).local_get(5).array_set(T_ARGV)
    rt.define("vec_new", [ref_null(T_ARGV), EQREF], c)
    # vec_get (param $h i32) (param $i i32) (result f64); vec_put (param $h) (param $i) (param $w f64)
    c = Code()
    c.local_get(0).call(f["vec_of"]).local_get(1).array_get(T_ARGV).call(f["to_wire"])
    rt.define("vec_get", [], c)
    c = Code()
    c.local_get(0).call(f["vec_of"]).local_get(1).local_get(2).call(f["from_wire"]).array_set(T_ARGV)
    rt.define("vec_put", [], c)
    # vec_put8 (param $h) (param $i) (param w0..w7 f64) (local $a (ref null $argv)): elements i..i+7 (those in
    # bounds) in one crossing, for migration
    c = Code()
    c.local_get(0).call(f["vec_of"]).local_set(10)
    for j in range(8):
        c.local_get(1).i32_const(j).i32_add().local_get(10).array_len().i32_lt_u().if_()
        c.local_get(10).local_get(1).i32_const(j).i32_add().local_get(2 + j).call(f["from_wire"]).array_set(T_ARGV)
        c.end()
    rt.define("vec_put8", [ref_null(T_ARGV)], c)
    # a vector made by Tier 2 ($vec), for its Python proxy: wvec_len (param $w f64) (result i32), wvec_get (param
    # $w) (param $i i32) (result f64), wvec_put (param $w) (param $i) (param $x f64)
    c = Code()
    c.local_get(0).call(f["from_wire"]).ref_cast(T_VEC).struct_get(T_VEC, F_ITEMS).array_len()
    rt.define("wvec_len", [], c)
    c = Code()
    c.local_get(0).call(f["from_wire"]).ref_cast(T_VEC).struct_get(T_VEC, F_ITEMS).local_get(1).array_get(T_ARGV)
    c.call(f["to_wire"])
    rt.define("wvec_get", [], c)
    c = Code()
    c.local_get(0).call(f["from_wire"]).ref_cast(T_VEC).struct_get(T_VEC, F_ITEMS).local_get(1)
    c.local_get(2).call(f["from_wire"]).array_set(T_ARGV)
    rt.define("wvec_put", [], c)
    # vec_make (param $n eqref) (param $init eqref) (result eqref): (make-array n :initial-element init) made in
    # Wasm when n is a fixnum in [0, MAKE_MAX), else null (the caller then calls Tier 1's MAKE-ARRAY)
    c = Code()
    c.local_get(0).ref_test(HT.I31).if_()
    c.local_get(0).ref_cast(HT.I31).i31_get_s().i32_const(MAKE_MAX).i32_lt_u().if_()
    c.i32_const(0).local_get(1).local_get(0).ref_cast(HT.I31).i31_get_s().array_new(T_ARGV).struct_new(T_VEC)
    c.return_().end().end()
    c.ref_null(HT.NONE)
    rt.define("vec_make", [], c)
    # vec_from_list (param $x eqref) (result eqref) (local $n i32) (local $l eqref) (local $a (ref null $argv))
    #   (local $i i32): (coerce x 'simple-vector) of NIL or a proper list of Wasm conses (shorter than MAKE_MAX: a
    #   circular one stops there), else null (the caller then calls Tier 1's COERCE)
    c = Code()
    c.local_get(0).local_set(2)
    c.block().loop()
    c.local_get(2).ref_test(T_CONS).i32_eqz().br_if(1)
    c.local_get(2).ref_cast(T_CONS).struct_get(T_CONS, F_CDR).local_set(2)
    c.local_get(1).i32_const(1).i32_add().local_tee(1).i32_const(MAKE_MAX).i32_ge_u().if_().ref_null(HT.NONE)
    c.return_().end()
    c.br(0)
    c.end().end()
    c.local_get(2).global_get(rt.g_nil).ref_eq().i32_eqz().if_().ref_null(HT.NONE).return_().end()
    c.local_get(1).array_new_default(T_ARGV).local_set(3)
    c.local_get(0).local_set(2)
    c.block().loop()
    c.local_get(4).local_get(1).i32_ge_u().br_if(1)
    c.local_get(3).local_get(4).local_get(2).ref_cast(T_CONS).struct_get(T_CONS, F_CAR).array_set(T_ARGV)
    c.local_get(2).ref_cast(T_CONS).struct_get(T_CONS, F_CDR).local_set(2)
    c.local_get(4).i32_const(1).i32_add().local_set(4).br(0)
    c.end().end()
    c.i32_const(0).local_get(3).ref_as_non_null().struct_new(T_VEC)
    rt.define("vec_from_list", [I32, EQREF, ref_null(T_ARGV), I32], c)
    c = Code()  # vec_drop (param $h i32): the vector's storage went back to Python
    c.global_get(g).local_get(0).ref_null(HT.NONE).array_set(T_ARGV)
    rt.define("vec_drop", [], c)
