# Tier 2 runtime module, lists across tiers (docs/ABI.md "Tier-1 conses read by Tier 2"). Cached reads of Tier-1
# conses: `car_slow` / `cdr_slow` of a `$host` of kind cons look in `$hcache` (an `$argv` indexed by host handle
# whose entries are `$cons` structs used as pairs of cached fields, null = not fetched) before crossing to Python;
# a fetched field is stored there unless Python asked not to (`hc_skip`). Python drops an entry (`hc_drop`) when
# Tier 1 writes that cons, and every host-handle sweep empties the cache (so it is never a sweep root).
# And `list_len`: LENGTH of a list of Wasm conses for Tier 1 in one call.
from __future__ import annotations

from typing import Any

from clysm.wasm import EQREF, F64, HT, I32, Code, ref, ref_null

from . import abi
from .abi import F_CAR, F_CDR, F_HANDLE, F_KIND, T_ARGV, T_CONS, T_HOST

PREFETCH = 8  # conses whose two fields one `hc_put` call stores (Python fills them along a cdr chain: hcons.py)
# runtime-internal and Python-facing functions: name -> (params, results)
EXTRA = {
    "hc_entry": ("i", "c"),
    "hc_drop": ("i", ""),
    "hc_skip": ("", ""),
    "list_len": ("f", "i"),
    "hc_put": ("f" * 3 * PREFETCH, ""),
}
EXPORTS = ("hc_drop", "hc_skip", "list_len", "hc_put")
LIST_LEN_MAX = 1 << 26  # list_len gives up (-1) after this many conses (a circular list: Tier 1 decides)


def declare(rt: Any) -> None:
    """Add the `$hcache` and `$hc_skip` globals and declare the functions (called from runtime._RT.__init__)."""
    m = rt.m
    rt.g_hcache = m.add_global(ref(T_ARGV), True, Code().i32_const(0).array_new_default(T_ARGV), "hcache")
    rt.g_hcskip = m.add_global(I32, True, Code().i32_const(0), "hc_skip")
    vt = {"e": EQREF, "i": I32, "c": ref(T_CONS), "f": F64}
    for name, (params, results) in EXTRA.items():
        rt.f[name] = m.declare_function(m.func_type([vt[c] for c in params], [vt[c] for c in results]), name)


def clear(rt: Any, c: Code) -> None:
    """Code that empties the cache (the start of a host-handle sweep: handles may be reused afterwards)."""
    c.i32_const(0).array_new_default(T_ARGV).global_set(rt.g_hcache)


def define(rt: Any) -> None:
    """Define `hc_entry`, `hc_drop`, `hc_skip` and the slow paths `car_slow` / `cdr_slow` (runtime._RT.build)."""
    f, hf, g = rt.f, rt.hf, rt.g_hcache
    # hc_entry (param $h i32) (result (ref $cons)) (local $new (ref null $argv)) (local $e eqref): h's entry,
    # made empty (both fields null) when there is none; the table grows by doubling
    c = Code()
    c.local_get(0).global_get(g).array_len().i32_ge_u().if_()
    c.ref_null(HT.NONE).local_get(0).i32_const(1).i32_add().global_get(g).array_len().i32_const(2).i32_mul()
    c.local_get(0).i32_const(1).i32_add().global_get(g).array_len().i32_const(2).i32_mul().i32_gt_u().select()
    c.i32_const(64).i32_add().array_new(T_ARGV).local_tee(1)
    c.i32_const(0).global_get(g).i32_const(0).global_get(g).array_len().array_copy(T_ARGV, T_ARGV)
    c.local_get(1).ref_as_non_null().global_set(g)
    c.end()
    c.global_get(g).local_get(0).array_get(T_ARGV).local_tee(2).ref_test(T_CONS).if_()
    c.local_get(2).ref_cast(T_CONS).return_().end()
    c.global_get(g).local_get(0)
    c.i32_const(0).ref_null(HT.NONE).ref_null(HT.NONE).struct_new(T_CONS).local_tee(2).array_set(T_ARGV)
    c.local_get(2).ref_cast(T_CONS)
    rt.define("hc_entry", [ref_null(T_ARGV), EQREF], c)
    # hc_drop (param $h i32): forget h's fields (Python is about to let Tier 1 change the cons)
    c = Code()
    c.local_get(0).global_get(g).array_len().i32_lt_u().if_()
    c.global_get(g).local_get(0).ref_null(HT.NONE).array_set(T_ARGV).end()
    rt.define("hc_drop", [], c)
    # hc_put (param f64 x 3*PREFETCH): (handle, car wire, cdr wire) triples, a negative handle ends them
    c = Code()
    for i in range(PREFETCH):
        c.local_get(3 * i).f64_const(0).f64_lt().if_().return_().end()
        c.local_get(3 * i).i32_trunc_f64_s().call(f["hc_entry"])
        c.local_get(3 * i + 1).call(f["from_wire"]).struct_set(T_CONS, F_CAR)
        c.local_get(3 * i).i32_trunc_f64_s().call(f["hc_entry"])
        c.local_get(3 * i + 2).call(f["from_wire"]).struct_set(T_CONS, F_CDR)
    rt.define("hc_put", [], c)
    # hc_skip: the field being fetched must not be cached (Python could not watch the cons for writes)
    rt.define("hc_skip", [], Code().i32_const(1).global_set(rt.g_hcskip))
    # list_len (param $w f64) (result i32) (local $x eqref) (local $n i32): LENGTH of a proper list of Wasm conses
    # for Tier 1 (one crossing instead of one per cons); -1 when the list ends otherwise or is too long
    c = Code()
    c.local_get(0).call(f["from_wire"]).local_set(1)
    c.block().loop()
    c.local_get(1).ref_test(T_CONS).i32_eqz().br_if(1)
    c.local_get(2).i32_const(LIST_LEN_MAX).i32_ge_u().if_().i32_const(-1).return_().end()
    c.local_get(1).ref_cast(T_CONS).struct_get(T_CONS, F_CDR).local_set(1)
    c.local_get(2).i32_const(1).i32_add().local_set(2).br(0)
    c.end().end()
    c.local_get(1).global_get(rt.g_nil).ref_eq().if_(I32).local_get(2).else_().i32_const(-1).end()
    rt.define("list_len", [EQREF, I32], c)
    # car_slow / cdr_slow (param $x eqref) (result eqref) (local $h i32) (local $e eqref) (local $v eqref)
    for name, field in (("car_slow", F_CAR), ("cdr_slow", F_CDR)):
        c = Code()
        c.local_get(0).ref_test(T_CONS).if_()
        c.local_get(0).ref_cast(T_CONS).struct_get(T_CONS, field).return_().end()
        c.local_get(0).global_get(rt.g_nil).ref_eq().if_().global_get(rt.g_nil).return_().end()
        c.local_get(0).ref_test(T_HOST).if_()
        c.local_get(0).ref_cast(T_HOST).struct_get(T_HOST, F_KIND).i32_const(abi.HK_CONS).i32_eq().if_()
        c.local_get(0).ref_cast(T_HOST).struct_get(T_HOST, F_HANDLE).local_tee(1)
        c.global_get(g).array_len().i32_lt_u().if_()
        c.global_get(g).local_get(1).array_get(T_ARGV).local_tee(2).ref_test(T_CONS).if_()
        c.local_get(2).ref_cast(T_CONS).struct_get(T_CONS, field).local_tee(3).ref_is_null().i32_eqz().if_()
        c.local_get(3).return_().end()
        c.end().end()
        c.local_get(0).call(f["to_wire"]).call(hf[name[:3]]).call(f["from_wire"]).local_set(3)
        c.global_get(rt.g_hcskip).if_().i32_const(0).global_set(rt.g_hcskip).local_get(3).return_().end()
        c.local_get(1).call(f["hc_entry"]).local_get(3).struct_set(T_CONS, field)
        c.local_get(3).return_()
        c.end().end()
        c.local_get(0).call(f["to_wire"]).call(hf[name[:3]]).return_call(f["from_wire"])
        rt.define(name, [I32, EQREF, EQREF], c)
