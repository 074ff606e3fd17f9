# Tier 2 runtime module, host-handle sweep (docs/ABI.md "Handles and identity"): the Wasm functions that mark the
# $host structs reachable from the runtime's roots and give the other host handles back. Mixed into runtime._RT.
from __future__ import annotations

from typing import Any

from clysm.wasm import EQREF, HT, I32, Code, ref_null

from . import abi, hcons_rt
from .abi import (
    F_BOX,
    F_CAR,
    F_CDR,
    F_ENV,
    F_HANDLE,
    F_ID,
    F_NAME,
    T_ARGV,
    T_BOX,
    T_CLOSURE,
    T_CONS,
    T_HOST,
    T_HOSTS,
    T_OBJ,
)


class SweepMixin:
    """Methods of the runtime builder (runtime._RT), which holds the module, the indices and `define`."""

    m: Any
    f: dict[str, int]
    hf: dict[str, int]

    define: Any  # (name, local_types, body) -> None

    def def_sweep(self) -> None:
        """Host handles no Wasm data reaches are given back (docs/ABI.md "Handles and identity"). `sweep` (Python
        calls it only when no Wasm frame is live) replaces the canonical $hosts cache by a new array holding the
        pinned handles (constants of compiled code, `pin`) and every $host reached from the roots: the $fns table,
        the live $exports slots and the unwind globals, through conses, closures (name, environment) and boxes.
        Conses and closures are marked by toggling the top bit of their $id (export ids stay below 2^30), and a
        second traversal in mode 0 toggles it back. `freed_next` then lists the handles of the old cache that the
        new one lacks, 30 per call."""
        f = self.f
        mark = -(1 << 31)
        # pin (param $h i32) (local $new (ref null $hosts))
        c = Code()
        c.local_get(0).global_get(self.g_pinned).array_len().i32_ge_u().if_()
        c.local_get(0).i32_const(2).i32_mul().i32_const(16).i32_add().array_new_default(T_HOSTS).local_tee(1)
        c.i32_const(0).global_get(self.g_pinned).i32_const(0).global_get(self.g_pinned).array_len()
        c.array_copy(T_HOSTS, T_HOSTS)
        c.local_get(1).ref_as_non_null().global_set(self.g_pinned)
        c.end()
        c.global_get(self.g_pinned).local_get(0).local_get(0).call(f["host"]).array_set(T_HOSTS)
        self.define("pin", [ref_null(T_HOSTS)], c)
        # gc_push (param $x eqref) (local $new (ref null $argv))
        c = Code()
        c.local_get(0).ref_is_null().if_().return_().end()
        c.local_get(0).ref_test(HT.I31).if_().return_().end()
        c.local_get(0).ref_test(T_HOST).if_()
        c.global_get(self.g_gcmode).if_()  # (a string made in Wasm that never crossed has no handle: -1)
        c.local_get(0).ref_cast(T_HOST).struct_get(T_HOST, F_HANDLE).i32_const(0).i32_ge_s().if_()
        c.global_get(self.g_hosts).local_get(0).ref_cast(T_HOST).struct_get(T_HOST, F_HANDLE)
        c.local_get(0).ref_cast(T_HOST).array_set(T_HOSTS)
        c.end()
        c.end().return_().end()
        c.global_get(self.g_nwork).global_get(self.g_work).array_len().i32_ge_u().if_()
        c.ref_null(HT.NONE).global_get(self.g_nwork).i32_const(2).i32_mul().array_new(T_ARGV).local_tee(1)
        c.i32_const(0).global_get(self.g_work).i32_const(0).global_get(self.g_nwork).array_copy(T_ARGV, T_ARGV)
        c.local_get(1).ref_as_non_null().global_set(self.g_work)
        c.end()
        c.global_get(self.g_work).global_get(self.g_nwork).local_get(0).array_set(T_ARGV)
        c.global_get(self.g_nwork).i32_const(1).i32_add().global_set(self.g_nwork)
        self.define("gc_push", [ref_null(T_ARGV)], c)
        # gc_trace (local $x eqref) (local $id i32) (local $env (ref null $argv)) (local $i i32)
        c = Code()
        c.block().loop()
        c.global_get(self.g_nwork).i32_eqz().br_if(1)
        c.global_get(self.g_nwork).i32_const(1).i32_sub().global_set(self.g_nwork)
        c.global_get(self.g_work).global_get(self.g_nwork).array_get(T_ARGV).local_set(0)
        c.global_get(self.g_work).global_get(self.g_nwork).ref_null(HT.NONE).array_set(T_ARGV)
        c.local_get(0).ref_test(T_OBJ).if_()
        # visited test: skip when (marked) == (mode), else toggle the mark
        c.local_get(0).ref_cast(T_OBJ).struct_get(T_OBJ, F_ID).local_tee(1).i32_const(mark).i32_and()
        c.i32_const(0).i32_ne().global_get(self.g_gcmode).i32_eq().br_if(1)
        c.local_get(0).ref_cast(T_OBJ).local_get(1).i32_const(mark).i32_xor().struct_set(T_OBJ, F_ID)
        c.local_get(0).ref_test(T_CONS).if_()
        c.local_get(0).ref_cast(T_CONS).struct_get(T_CONS, F_CAR).call(f["gc_push"])
        c.local_get(0).ref_cast(T_CONS).struct_get(T_CONS, F_CDR).call(f["gc_push"])
        c.br(2).end()
        c.local_get(0).ref_test(T_CLOSURE).if_()
        c.local_get(0).ref_cast(T_CLOSURE).struct_get(T_CLOSURE, F_NAME).call(f["gc_push"])
        c.local_get(0).ref_cast(T_CLOSURE).struct_get(T_CLOSURE, F_ENV).local_tee(2).ref_is_null().br_if(2)
        c.i32_const(0).local_set(3)
        c.block().loop()
        c.local_get(3).local_get(2).array_len().i32_ge_u().br_if(1)
        c.local_get(2).local_get(3).array_get(T_ARGV).call(f["gc_push"])
        c.local_get(3).i32_const(1).i32_add().local_set(3).br(0)
        c.end().end()
        c.end()
        c.local_get(0).ref_test(abi.T_VEC).if_()  # a vector made by Tier 2: its items array
        c.local_get(0).ref_cast(abi.T_VEC).struct_get(abi.T_VEC, abi.F_ITEMS).call(f["gc_push"])
        c.end()
        c.br(1).end()
        c.local_get(0).ref_test(T_BOX).if_()
        c.local_get(0).ref_cast(T_BOX).struct_get(T_BOX, F_BOX).call(f["gc_push"])
        c.br(1).end()
        c.local_get(0).ref_test(T_ARGV).if_()  # element arrays ($vec items, $vecs entries; boxed for FIXNUM vectors)
        c.local_get(0).ref_cast(T_ARGV).local_set(2).i32_const(0).local_set(3)
        c.block().loop()
        c.local_get(3).local_get(2).array_len().i32_ge_u().br_if(1)
        c.local_get(2).local_get(3).array_get(T_ARGV).call(f["gc_push"])
        c.local_get(3).i32_const(1).i32_add().local_set(3).br(0)
        c.end().end()
        c.end()
        c.br(0)
        c.end().end()
        self.define("gc_trace", [EQREF, I32, ref_null(T_ARGV), I32], c)
        # gc_roots (local $i i32) (local $n i32)
        c = Code()
        c.i32_const(0).local_set(0).table_size(self.fns).local_set(1)
        c.block().loop()
        c.local_get(0).local_get(1).i32_ge_u().br_if(1)
        c.local_get(0).table_get(self.fns).call(f["gc_push"])
        c.local_get(0).i32_const(1).i32_add().local_set(0).br(0)
        c.end().end()
        c.i32_const(1).local_set(0).global_get(self.g_nexp).local_set(1)
        c.block().loop()
        c.local_get(0).local_get(1).i32_ge_u().br_if(1)
        c.global_get(self.g_exports).local_get(0).array_get(T_ARGV).call(f["gc_push"])
        c.local_get(0).i32_const(1).i32_add().local_set(0).br(0)
        c.end().end()
        # migrated Tier-1 vectors ($vecs, by host handle): their handles are kept and their elements traced
        c.i32_const(0).local_set(0).global_get(self.g_vecs).array_len().local_set(1)
        c.block().loop()
        c.local_get(0).local_get(1).i32_ge_u().br_if(1)
        c.global_get(self.g_vecs).local_get(0).array_get(T_ARGV).ref_is_null().i32_eqz().if_()
        c.global_get(self.g_gcmode).if_()
        c.local_get(0).global_get(self.g_old).ref_as_non_null().array_len().i32_lt_u().if_()
        c.global_get(self.g_hosts).local_get(0).global_get(self.g_old).ref_as_non_null().local_get(0)
        c.array_get(T_HOSTS).array_set(T_HOSTS)
        c.end().end()
        c.global_get(self.g_vecs).local_get(0).array_get(T_ARGV).call(f["gc_push"])
        c.end()
        c.local_get(0).i32_const(1).i32_add().local_set(0).br(0)
        c.end().end()
        c.i32_const(0).local_set(0).global_get(self.g_csp).local_set(1)  # active catch tags (none at depth 0)
        c.block().loop()
        c.local_get(0).local_get(1).i32_ge_u().br_if(1)
        c.global_get(self.g_ctags).local_get(0).array_get(T_ARGV).call(f["gc_push"])
        c.local_get(0).i32_const(1).i32_add().local_set(0).br(0)
        c.end().end()
        c.global_get(self.g_utok).call(f["gc_push"]).global_get(self.g_uval).call(f["gc_push"])
        c.call(f["gc_trace"])
        self.define("gc_roots", [I32, I32], c)
        # sweep (result i32: handles freed) (local $n i32) (local $new (ref null $hosts)) (local $h i32)
        #   (local $count i32) (local $old (ref null $hosts))
        c = Code()
        hcons_rt.clear(self, c)  # cached fields of Tier-1 conses: not roots, and handles may be reused afterwards
        c.global_get(self.g_hosts).array_len().local_tee(0).array_new_default(T_HOSTS).local_tee(1)
        c.i32_const(0).global_get(self.g_pinned).i32_const(0)
        c.local_get(0).global_get(self.g_pinned).array_len().local_get(0).global_get(self.g_pinned).array_len()
        c.i32_lt_u().select()
        c.array_copy(T_HOSTS, T_HOSTS)
        c.global_get(self.g_hosts).local_tee(4).global_set(self.g_old)
        c.local_get(1).ref_as_non_null().global_set(self.g_hosts)
        c.i32_const(1).global_set(self.g_gcmode).call(f["gc_roots"])
        c.i32_const(0).global_set(self.g_gcmode).call(f["gc_roots"])
        c.i32_const(0).local_set(2)
        c.block().loop()
        c.local_get(2).local_get(0).i32_ge_u().br_if(1)
        c.local_get(4).local_get(2).array_get(T_HOSTS).ref_is_null().i32_eqz()
        c.local_get(1).local_get(2).array_get(T_HOSTS).ref_is_null().i32_and()
        c.local_get(3).i32_add().local_set(3)
        c.local_get(2).i32_const(1).i32_add().local_set(2).br(0)
        c.end().end()
        c.local_get(3)
        self.define("sweep", [I32, ref_null(T_HOSTS), I32, I32, ref_null(T_HOSTS)], c)
        # freed_bits (param $base i32) (result i32: bit i set when handle base+i was freed; base < 0 drops the old
        #   cache) (local $old (ref null $hosts)) (local $i i32) (local $r i32) (local $h i32)
        c = Code()
        c.local_get(0).i32_const(0).i32_lt_s().if_().ref_null(HT.NONE).global_set(self.g_old).i32_const(0).return_()
        c.end()
        c.global_get(self.g_old).local_tee(1).ref_is_null().if_().i32_const(0).return_().end()
        c.block().loop()
        c.local_get(2).i32_const(30).i32_ge_u().br_if(1)
        c.local_get(0).local_get(2).i32_add().local_tee(4).local_get(1).array_len().i32_ge_u().br_if(1)
        c.local_get(1).local_get(4).array_get(T_HOSTS).ref_is_null().i32_eqz()
        c.global_get(self.g_hosts).local_get(4).array_get(T_HOSTS).ref_is_null().i32_and()
        c.local_get(2).i32_shl().local_get(3).i32_or().local_set(3)
        c.local_get(2).i32_const(1).i32_add().local_set(2).br(0)
        c.end().end()
        c.local_get(3)
        self.define("freed_bits", [ref_null(T_HOSTS), I32, I32, I32], c)
