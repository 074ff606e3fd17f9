# Tier 2 runtime module: built once per backend, instantiated once per engine. It owns the $fns table (one
# closure per named function slot), the canonical $host cache, the $exports array (Wasm structs that crossed to
# Python), NIL/T, the $pending tag, wire conversion, host stubs, `enter` (Python -> Wasm) and the generic slow
# paths that call the Python host imports. JIT modules import the abi.RT_FUNCS they call (skeleton.RtImports).
from __future__ import annotations

from typing import Any

from clysm.wasm import EQREF, EXTERNREF, F64, HT, I32, I64, Code, Module, catch, catch_all, ref, ref_null

from . import abi, hcons_rt, vectors_rt
from .abi import (
    F_CAR,
    F_CDR,
    F_CODE,
    F_HANDLE,
    F_ID,
    F_KIND,
    F_NAME,
    T_ARGV,
    T_CLOSURE,
    T_CONS,
    T_HOST,
    T_HOSTS,
    T_OBJ,
    T_PROC,
)
from .runtime_bignum import HOST_BIG_FUNCS, BignumRT
from .runtime_dyn import CatchMixin
from .runtime_gc import SweepMixin
from .runtime_strings import StringsRT

# Python functions the runtime imports from module "host": (name, params, results), letters as in abi.RT_FUNCS.
HOST_FUNCS: tuple[tuple[str, str, str], ...] = (
    ("call_host", "iiffff", "f"),
    ("push", "f", ""),
    ("funcall", "fiffff", "f"),
    ("argc_error", "fiii", "f"),
    ("symbol_value", "i", "f"),
    ("set_symbol_value", "if", "f"),
    ("car", "f", "f"),
    ("cdr", "f", "f"),
    ("rplaca", "ff", "f"),
    ("rplacd", "ff", "f"),
    ("eql", "ff", "i"),
    ("kind", "i", "i"),
    ("cell_get", "i", "f"),
    ("cell_set", "if", "f"),
    ("symbol_function", "i", "f"),
    ("key_error", "fi", "f"),
    ("resume", "", "f"),
    ("resume_value", "", "f"),
    ("str_fetch", "i", "x"),
    ("char_handle", "i", "i"),
    ("str_new", "x", "i"),  # a string made in Wasm (a JS string): the handle of its new Python str
    ("throw", "ffi", "f"),
    ("save_state", "", "i"),
    ("restore_state", "i", ""),
    ("mv_value", "i", "f"),
    ("progv_push", "ffi", ""),
    ("progv_bind", "", "i"),
    ("progv_unbind", "i", ""),
    ("vec_op", "ifff", "f"),  # simple vectors: Tier 1's built-in + migration (vectors.py)
    *HOST_BIG_FUNCS,  # bignums (runtime_bignum.py)
)

_VT = {"e": EQREF, "i": I32, "f": F64, "h": ref(T_HOST), "v": ref_null(T_ARGV), "c": ref(T_CLOSURE),
       "x": EXTERNREF}


def valtypes(letters: str) -> list:
    return [_VT[c] for c in letters]


class _RT(SweepMixin, CatchMixin):
    """Builds the runtime module; attributes hold the indices of its entities."""

    def __init__(self) -> None:
        m = self.m = Module()
        m.add_rec_group(abi.REC_GROUP, abi.TYPE_NAMES)
        from .skeleton import name_fields

        name_fields(m)
        self.strings = StringsRT(self)  # runtime-local types of the string support (runtime_strings.py)
        self.bignum = BignumRT(self)  # runtime-local types of the bignum support (runtime_bignum.py)
        self.t_void = m.func_type()
        self.hf: dict[str, int] = {}
        for name, params, results in HOST_FUNCS:
            self.hf[name] = m.import_func(abi.HOST, name, m.func_type(valtypes(params), valtypes(results)))
            m.name_function(self.hf[name], "host." + name)
        self.strings.add_imports()
        self.fns = m.add_table(ref_null(T_CLOSURE), 256)
        m.name_table(self.fns, "fns")
        self.g_nil = m.add_global(ref(T_HOST), False, Code().i32_const(abi.H_NIL).i32_const(abi.HK_SYMBOL)
                                  .struct_new(T_HOST), "nil")
        self.g_t = m.add_global(ref(T_HOST), False, Code().i32_const(abi.H_T).i32_const(abi.HK_SYMBOL)
                                .struct_new(T_HOST), "t")
        self.g_hosts = m.add_global(ref(T_HOSTS), True, Code().i32_const(256).array_new_default(T_HOSTS), "hosts")
        self.g_exports = m.add_global(ref(T_ARGV), True, Code().i32_const(256).array_new_default(T_ARGV),
                                      "exports")
        self.g_nexp = m.add_global(I32, True, Code().i32_const(1), "nexports")
        self.g_push = m.add_global(ref(T_ARGV), True, Code().i32_const(16).array_new_default(T_ARGV), "pushed")
        self.g_npush = m.add_global(I32, True, Code().i32_const(0), "npushed")
        self.g_fault = m.add_global(I32, True, Code().i32_const(0), "fault")
        # the elements of the last list `flat_list` accepted (Python copies short lists of atoms; host_lists.py)
        self.g_flat = m.add_global(ref(T_ARGV), True, Code().i32_const(abi.FLAT_LIST_MAX).array_new_default(T_ARGV),
                                   "flat_items")
        self.g_mvc = m.add_global(I32, True, Code().i32_const(1), "mvc")
        # the Tier-2 function running now (its charge id, set by tracked JIT code; docs/ABI.md "Demotion") and the
        # free list of released $exports slots (threaded through the array as i31 "next" links; 0 ends it)
        self.g_cur = m.add_global(I32, True, Code().i32_const(0), "cur")
        self.g_free = m.add_global(I32, True, Code().i32_const(0), "free_exports")
        self.g_nfree = m.add_global(I32, True, Code().i32_const(0), "nfree_exports")
        # host-handle sweep (def_sweep): handles pinned by compiled code, the canonical cache before the sweep, the
        # mark worklist and the mode (1 mark, 0 unmark)
        self.g_pinned = m.add_global(ref(T_HOSTS), True, Code().i32_const(16).array_new_default(T_HOSTS), "pinned")
        self.g_old = m.add_global(ref_null(T_HOSTS), True, Code().ref_null(HT.NONE), "old_hosts")
        self.g_work = m.add_global(ref(T_ARGV), True, Code().i32_const(256).array_new_default(T_ARGV), "gc_work")
        self.g_nwork = m.add_global(I32, True, Code().i32_const(0), "gc_nwork")
        self.g_gcmode = m.add_global(I32, True, Code().i32_const(0), "gc_mode")
        self.tag_pending = m.add_tag(self.t_void, "pending")
        self.t_ee = m.func_type([EQREF, EQREF], [])
        self.t_to_ee = m.func_type([], [EQREF, EQREF])
        self.tag_unwind = m.add_tag(self.t_ee, "unwind")
        self.g_utok = m.add_global(EQREF, True, Code().ref_null(HT.NONE), "unwind_token")
        self.g_uval = m.add_global(EQREF, True, Code().ref_null(HT.NONE), "unwind_value")
        self.strings.add_globals()
        # the Tier-2 half of the catch stack: tags, height, and the height at each active `enter` (i31s)
        self.g_ctags = m.add_global(ref(T_ARGV), True, Code().i32_const(64).array_new_default(T_ARGV), "ctags")
        self.g_csp = m.add_global(I32, True, Code().i32_const(0), "csp")
        self.g_bases = m.add_global(ref(T_ARGV), True, Code().i32_const(16).array_new_default(T_ARGV), "bases")
        self.g_nseg = m.add_global(I32, True, Code().i32_const(0), "nseg")
        self.f: dict[str, int] = {}
        # every function is declared first so bodies can call any of them
        for name, params, results in abi.RT_FUNCS:
            self.f[name] = m.declare_function(m.func_type(valtypes(params), valtypes(results)), name)
        extra = {
            "stub_proc": T_PROC,
            "make_stub": m.func_type([I32], [ref(T_CLOSURE)]),
            "arg_at": m.func_type(valtypes("ieeeev"), [EQREF]),
            "grow_exports": m.func_type([I32], []),
            "host_k": m.func_type([I32, I32], [ref(T_HOST)]),
            "enter": m.func_type(valtypes("fiffff"), [F64]),
            "push_arg": m.func_type([F64], []),
            "fn_wire": m.func_type([I32], [F64]),
            "reset_slot": m.func_type([I32], []),
            "set_slot": m.func_type([I32, F64], []),
            "clear_slot": m.func_type([I32], []),
            "car": m.func_type([F64], [F64]),
            "cdr": m.func_type([F64], [F64]),
            "set_car": m.func_type([F64, F64], [F64]),
            "set_cdr": m.func_type([F64, F64], [F64]),
            "kind": m.func_type([F64], [I32]),
            "closure_name": m.func_type([F64], [F64]),
            "flat_list": m.func_type([F64, I32], [I32]),
            "flat_item": m.func_type([I32], [F64]),
            "take_fault": m.func_type([], [I32]),
            "unwind_token": m.func_type([], [F64]),
            "unwind_value": m.func_type([], [F64]),
            "alloc_export": m.func_type([], [I32]),
            "release": m.func_type([F64], [I32]),
            "export_count": m.func_type([], [I32]),
            "pin": m.func_type([I32], []),
            "gc_push": m.func_type([EQREF], []),
            "gc_trace": self.t_void,
            "gc_roots": self.t_void,
            "sweep": m.func_type([], [I32]),
            "freed_bits": m.func_type([I32], [I32]),
            "seg_enter": self.t_void,
            "seg_leave": self.t_void,
            "find_catch": m.func_type([F64, I32], [I32]),
            "catch_lo": m.func_type([I32], [I32]),
            "catch_top": m.func_type([], [I32]),
            "catch_tag": m.func_type([I32], [F64]),
            "trap_reset": m.func_type([I32], [I32]),
            "trap_cleanup": m.func_type([I32], [F64]),
            "start": self.t_void,
        }
        for name, t in extra.items():
            self.f[name] = m.declare_function(t, name)
        self.strings.declare()
        self.bignum.declare()
        vectors_rt.declare(self)
        hcons_rt.declare(self)

    def define(self, name: str, local_types: list, body: Code) -> None:
        self.m.define_function(self.f[name], local_types, body)

    def build(self) -> bytes:
        m, f = self.m, self.f
        self.def_from_wire()
        self.def_to_wire()
        self.def_host()
        self.def_stubs()
        self.def_funcall()
        self.def_args()
        self.def_simple_slow_paths()
        self.def_keys()
        self.def_enter()
        self.def_proxy_accessors()
        self.strings.define()
        self.bignum.define()
        self.def_export_slots()
        self.def_sweep()
        self.def_catch()
        vectors_rt.define(self)
        c = Code()
        c.global_get(self.g_hosts).i32_const(abi.H_NIL).global_get(self.g_nil).array_set(T_HOSTS)
        c.global_get(self.g_hosts).i32_const(abi.H_T).global_get(self.g_t).array_set(T_HOSTS)
        self.define("start", [], c)
        m.set_start(f["start"])
        m.declare_ref_func(f["stub_proc"])
        for name, _, _ in abi.RT_FUNCS:
            m.export_func(name, f[name])
        for name in ("enter", "push_arg", "fn_wire", "reset_slot", "set_slot", "clear_slot", "car", "cdr", "set_car",
                     "set_cdr", "kind", "closure_name", "take_fault", "unwind_token", "unwind_value", "find_catch",
                     "catch_lo", "catch_top", "catch_tag", "trap_reset", "trap_cleanup", "release", "export_count",
                     "pin", "sweep", "freed_bits", "flat_list", "flat_item"):
            m.export_func("py_" + name, f[name])
        for name in vectors_rt.EXPORTS + hcons_rt.EXPORTS:
            m.export_func("py_" + name, f[name])
        m.export_table("fns", self.fns)
        m.export_global("nil", self.g_nil)
        m.export_global("t", self.g_t)
        m.export_global("mvc", self.g_mvc)
        m.export_global("cur", self.g_cur)
        m.export_global("vecs", self.g_vecs)
        m.export_tag("pending", self.tag_pending)
        m.export_tag("unwind", self.tag_unwind)
        return m.encode()

    # ---- wire conversion ----------------------------------------------------------------------------------
    def def_from_wire(self) -> None:
        # (param $w f64) (local $i i64) (local $p i32)
        c = Code()
        c.local_get(0).i64_trunc_f64_s().local_tee(1).i64_const(2).i64_shr_s().i32_wrap_i64().local_set(2)
        c.block().block().block().block()
        c.local_get(1).i32_wrap_i64().i32_const(3).i32_and().br_table([0, 1, 2], 3)
        c.end().local_get(2).ref_i31().return_()
        # host wire 64*h + 4*kind + 1: the kind comes with it (docs/ABI.md), no host.kind crossing
        c.end().local_get(2).i32_const(abi.WIRE_KIND_MASK).i32_and().i32_const(abi.HK_WIRE_ASK).i32_eq().if_(ref(T_HOST))
        c.local_get(1).i64_const(abi.HOST_SHIFT).i64_shr_u().i32_wrap_i64().call(self.f["host"])
        c.else_().local_get(1).i64_const(abi.HOST_SHIFT).i64_shr_u().i32_wrap_i64()
        c.local_get(2).i32_const(abi.WIRE_KIND_MASK).i32_and().call(self.f["host_k"]).end().return_()
        c.end().global_get(self.g_exports).local_get(2).array_get(T_ARGV).return_()
        # wire 3: an error (throw $pending) or a Tier-2 non-local exit that went through Python (rethrow it)
        c.end().i32_const(1).global_set(self.g_mvc)  # host.resume sets the values an exit carries
        c.call(self.hf["resume"]).local_tee(0).f64_const(3).f64_eq().if_().throw(self.tag_pending).end()
        c.local_get(0).call(self.f["from_wire"]).call(self.hf["resume_value"]).call(self.f["from_wire"])
        c.throw(self.tag_unwind)
        self.define("from_wire", [I64, I32], c)

    def def_to_wire(self) -> None:
        # (param $x eqref) (local $o (ref null $obj)) (local $id i32)
        c = Code()
        c.local_get(0).ref_is_null().if_().f64_const(0).return_().end()
        c.local_get(0).ref_test(HT.I31).if_()
        c.local_get(0).ref_cast(HT.I31).i31_get_s().f64_convert_i32_s().f64_const(4).f64_mul().return_().end()
        c.local_get(0).ref_test(T_HOST).if_()
        c.local_get(0).ref_cast(T_HOST).struct_get(T_HOST, F_HANDLE).i32_const(0).i32_lt_s().if_()  # made in Wasm
        c.local_get(0).ref_cast(self.strings.t_lstr).call(self.strings.f_materialize).drop().end()
        c.local_get(0).ref_cast(T_HOST).struct_get(T_HOST, F_HANDLE).f64_convert_i32_u()
        c.f64_const(1 << abi.HOST_SHIFT).f64_mul()
        c.local_get(0).ref_cast(T_HOST).struct_get(T_HOST, F_KIND).local_tee(2).i32_const(abi.HK_WIRE_ASK)
        c.local_get(2).i32_const(abi.HK_WIRE_ASK).i32_lt_u().select()  # kinds outside 0-14 travel as "ask"
        c.i32_const(2).i32_shl().i32_const(1).i32_or().f64_convert_i32_u().f64_add().return_().end()
        self.bignum.to_wire_test(c, 0)  # a $big crosses as a new Python int
        c.local_get(0).ref_cast(T_OBJ).local_tee(1).struct_get(T_OBJ, F_ID).local_tee(2).i32_eqz().if_()
        c.call(self.f["alloc_export"]).local_set(2)
        c.global_get(self.g_exports).local_get(2).local_get(0).array_set(T_ARGV)
        c.local_get(1).local_get(2).struct_set(T_OBJ, F_ID)
        c.end()
        c.local_get(2).f64_convert_i32_u().f64_const(4).f64_mul().f64_const(2).f64_add()
        self.define("to_wire", [ref_null(T_OBJ), I32], c)
        # grow_exports (param $need i32) (local $new (ref null $argv))
        c = Code()
        c.local_get(0).global_get(self.g_exports).array_len().i32_ge_u().if_()
        c.ref_null(HT.NONE).local_get(0).i32_const(2).i32_mul().array_new(T_ARGV).local_tee(1)
        c.i32_const(0).global_get(self.g_exports).i32_const(0).global_get(self.g_exports).array_len()
        c.array_copy(T_ARGV, T_ARGV)
        c.local_get(1).ref_as_non_null().global_set(self.g_exports)
        c.end()
        self.define("grow_exports", [ref_null(T_ARGV)], c)

    def def_host(self) -> None:
        # host_k (param $h i32) (param $kind i32) (result (ref $host)) (local $new (ref null $hosts))
        #   (local $r (ref null $host)): the canonical $host of handle h, made with `kind` if not cached yet
        c = Code()
        c.local_get(0).global_get(self.g_hosts).array_len().i32_ge_u().if_()
        c.local_get(0).i32_const(2).i32_mul().i32_const(16).i32_add().array_new_default(T_HOSTS).local_tee(2)
        c.i32_const(0).global_get(self.g_hosts).i32_const(0).global_get(self.g_hosts).array_len()
        c.array_copy(T_HOSTS, T_HOSTS)
        c.local_get(2).ref_as_non_null().global_set(self.g_hosts)
        c.end()
        c.global_get(self.g_hosts).local_get(0).array_get(T_HOSTS).local_tee(3).ref_is_null().if_()
        c.local_get(0).local_get(1).struct_new(T_HOST).local_set(3)
        c.global_get(self.g_hosts).local_get(0).local_get(3).array_set(T_HOSTS)
        c.end()
        c.local_get(3).ref_as_non_null()
        self.define("host_k", [ref_null(T_HOSTS), ref_null(T_HOST)], c)
        # host (param $h i32) (result (ref $host)): as host_k, asking Python for the kind of an unseen handle
        c = Code()
        c.local_get(0).global_get(self.g_hosts).array_len().i32_lt_u().if_()
        c.global_get(self.g_hosts).local_get(0).array_get(T_HOSTS).local_tee(1).ref_is_null().i32_eqz().if_()
        c.local_get(1).ref_as_non_null().return_().end().end()
        c.local_get(0).local_get(0).call(self.hf["kind"]).return_call(self.f["host_k"])
        self.define("host", [ref_null(T_HOST)], c)

    # ---- host stubs and the $fns table ----------------------------------------------------------------------
    def _push_extra(self, c: Code, argc: int, more: int, i: int) -> None:
        """Push arguments 4..argc-1 from `more` to the host (host.push), using i32 local `i`."""
        c.local_get(argc).i32_const(4).i32_gt_s().if_()
        c.i32_const(0).local_set(i)
        c.loop()
        c.local_get(more).local_get(i).array_get(T_ARGV).call(self.f["to_wire"]).call(self.hf["push"])
        c.local_get(i).i32_const(1).i32_add().local_tee(i).local_get(argc).i32_const(4).i32_sub().i32_lt_s()
        c.br_if(0)
        c.end().end()

    def def_stubs(self) -> None:
        f = self.f
        # stub_proc: (self argc a0 a1 a2 a3 more) (local $i i32)
        c = Code()
        self._push_extra(c, 1, 6, 7)
        c.local_get(0).struct_get(T_CLOSURE, F_NAME).ref_cast(HT.I31).i31_get_s()
        c.local_get(1)
        for a in range(4):
            c.local_get(2 + a).call(f["to_wire"])
        c.call(self.hf["call_host"]).return_call(f["from_wire"])
        self.define("stub_proc", [I32], c)
        c = Code()
        c.i32_const(0).ref_func(f["stub_proc"]).ref_null(HT.NONE).local_get(0).ref_i31().struct_new(T_CLOSURE)
        self.define("make_stub", [], c)
        # ensure_stub (param $slot i32)
        c = Code()
        c.local_get(0).table_size(self.fns).i32_ge_u().if_()
        c.ref_null(HT.NONE).local_get(0).table_size(self.fns).i32_sub().i32_const(256).i32_add()
        c.table_grow(self.fns).drop().end()
        c.local_get(0).table_get(self.fns).ref_is_null().if_()
        c.local_get(0).local_get(0).call(f["make_stub"]).table_set(self.fns).end()
        self.define("ensure_stub", [], c)
        c = Code()
        c.local_get(0).call(f["ensure_stub"]).local_get(0).local_get(0).call(f["make_stub"]).table_set(self.fns)
        self.define("reset_slot", [], c)
        c = Code()  # set_slot (param $slot i32) (param $fn f64): install a Tier-2 closure (given as its wire)
        c.local_get(0).call(f["ensure_stub"]).local_get(0).local_get(1).call(f["from_wire"]).ref_cast(T_CLOSURE)
        c.table_set(self.fns)
        self.define("set_slot", [], c)
        c = Code()
        c.local_get(0).call(f["ensure_stub"]).local_get(0).ref_null(HT.NONE).table_set(self.fns)
        self.define("clear_slot", [], c)
        c = Code()
        c.local_get(0).table_get(self.fns).call(f["to_wire"])
        self.define("fn_wire", [], c)

    def def_funcall(self) -> None:
        # funcall (param $f eqref) (param $argc i32) (param a0..a3) (param $more) (local $i i32)
        f = self.f
        c = Code()
        c.local_get(0).ref_test(T_CLOSURE).if_()
        c.local_get(0).ref_cast(T_CLOSURE).local_get(1)
        for a in range(4):
            c.local_get(2 + a)
        c.local_get(6).local_get(0).ref_cast(T_CLOSURE).struct_get(T_CLOSURE, F_CODE).return_call_ref(T_PROC)
        c.end()
        self._push_extra(c, 1, 6, 7)
        c.local_get(0).call(f["to_wire"]).local_get(1)
        for a in range(4):
            c.local_get(2 + a).call(f["to_wire"])
        c.call(self.hf["funcall"]).return_call(f["from_wire"])
        self.define("funcall", [I32], c)
        # argc_error (param $name eqref) (param $argc i32) (param $min i32) (param $max i32)
        c = Code()
        c.local_get(0).call(f["to_wire"]).local_get(1).local_get(2).local_get(3).call(self.hf["argc_error"])
        c.return_call(f["from_wire"])
        self.define("argc_error", [], c)
        c = Code()
        c.local_get(0).call(self.hf["symbol_function"]).return_call(f["from_wire"])
        self.define("symbol_function", [], c)

    def def_args(self) -> None:
        f = self.f
        # arg_at (param $i i32) (param a0..a3 eqref) (param $more)
        c = Code()
        c.block().block().block().block().block()
        c.local_get(0).br_table([0, 1, 2, 3], 4)
        c.end().local_get(1).return_()
        c.end().local_get(2).return_()
        c.end().local_get(3).return_()
        c.end().local_get(4).return_()
        c.end().local_get(5).local_get(0).i32_const(4).i32_sub().array_get(T_ARGV)
        self.define("arg_at", [], c)
        # rest_list (param $argc i32) (param $start i32) (param a0..a3) (param $more) (local $r eqref) (local $i)
        c = Code()
        c.global_get(self.g_nil).local_set(7)
        c.local_get(0).i32_const(1).i32_sub().local_set(8)
        c.block().loop()
        c.local_get(8).local_get(1).i32_lt_s().br_if(1)
        c.i32_const(0).local_get(8).local_get(2).local_get(3).local_get(4).local_get(5).local_get(6)
        c.call(f["arg_at"]).local_get(7).struct_new(T_CONS).local_set(7)
        c.local_get(8).i32_const(1).i32_sub().local_set(8).br(0)
        c.end().end()
        c.local_get(7)
        self.define("rest_list", [EQREF, I32], c)

    def def_simple_slow_paths(self) -> None:
        f, hf = self.f, self.hf
        c = Code()
        c.local_get(0).call(hf["symbol_value"]).return_call(f["from_wire"])
        self.define("symbol_value", [], c)
        c = Code()
        c.local_get(0).local_get(1).call(f["to_wire"]).call(hf["set_symbol_value"]).return_call(f["from_wire"])
        self.define("set_symbol_value", [], c)
        c = Code()
        c.local_get(0).call(hf["cell_get"]).return_call(f["from_wire"])
        self.define("cell_get", [], c)
        c = Code()
        c.local_get(0).local_get(1).call(f["to_wire"]).call(hf["cell_set"]).return_call(f["from_wire"])
        self.define("cell_set", [], c)
        hcons_rt.define(self)  # car_slow / cdr_slow: Tier-1 conses read through a cache
        for name, field in (("rplaca", F_CAR), ("rplacd", F_CDR)):
            c = Code()
            c.local_get(0).ref_test(T_CONS).if_()
            c.local_get(0).ref_cast(T_CONS).local_get(1).struct_set(T_CONS, field).local_get(0).return_().end()
            c.local_get(0).call(f["to_wire"]).local_get(1).call(f["to_wire"]).call(hf[name])
            c.return_call(f["from_wire"])
            self.define(name, [], c)
        # eql_slow: called when not ref.eq; only integers ($big) or two host objects (numbers, characters) can
        # still be eql
        c = Code()
        self.bignum.eql_test(c)
        c.local_get(0).ref_test(T_HOST).local_get(1).ref_test(T_HOST).i32_and().if_()
        c.local_get(0).ref_cast(T_HOST).struct_get(T_HOST, F_KIND).local_tee(2).i32_const(abi.HK_NUMBER).i32_eq()
        c.local_get(2).i32_const(abi.HK_BIGPOS).i32_ge_u().i32_or().if_()
        c.local_get(0).call(f["to_wire"]).local_get(1).call(f["to_wire"]).call(hf["eql"]).return_()
        c.end().end()
        c.i32_const(0)
        self.define("eql_slow", [I32], c)

    def def_keys(self) -> None:
        f = self.f
        # key_arg (param $key eqref) (param $argc i32) (param $start i32) (param a0..a3) (param $more)
        #   (local $i i32): the value after the FIRST occurrence of $key in args[start..argc), or null
        c = Code()
        c.local_get(2).local_set(8)
        c.block().loop()
        c.local_get(8).i32_const(1).i32_add().local_get(1).i32_ge_s().br_if(1)
        c.local_get(8).local_get(3).local_get(4).local_get(5).local_get(6).local_get(7).call(f["arg_at"])
        c.local_get(0).ref_eq().if_()
        c.local_get(8).i32_const(1).i32_add().local_get(3).local_get(4).local_get(5).local_get(6).local_get(7)
        c.call(f["arg_at"]).return_().end()
        c.local_get(8).i32_const(2).i32_add().local_set(8).br(0)
        c.end().end()
        c.ref_null(HT.NONE)
        self.define("key_arg", [I32], c)
        # check_keys (param $allowed eqref: $argv of keywords; [0] is :allow-other-keys) (param $argc)
        #   (param $start) (param $allow i32) (param a0..a3) (param $more) (local $i i32) (local $j i32)
        #   (local $k eqref) (local $bad eqref)
        c = Code()
        c.local_get(1).local_get(2).i32_le_s().if_().global_get(self.g_nil).return_().end()  # no keyword arguments
        c.local_get(1).local_get(2).i32_sub().i32_const(1).i32_and().if_()
        c.ref_null(HT.NONE).call(f["to_wire"]).i32_const(1).call(self.hf["key_error"]).return_call(f["from_wire"])
        c.end()
        c.local_get(3).i32_eqz().if_()
        # :allow-other-keys <true> anywhere among the keys allows everything
        c.local_get(0).ref_cast(T_ARGV).i32_const(0).array_get(T_ARGV).local_get(1).local_get(2)
        for a in range(5):
            c.local_get(4 + a)
        c.call(f["key_arg"]).local_tee(12)
        c.ref_is_null().if_().else_().local_get(12).global_get(self.g_nil).ref_eq().i32_eqz().local_set(3).end()
        c.end()
        c.local_get(3).if_().global_get(self.g_nil).return_().end()
        c.local_get(2).local_set(9)
        c.block().loop()
        c.local_get(9).local_get(1).i32_ge_s().br_if(1)
        c.local_get(9)
        for a in range(5):
            c.local_get(4 + a)
        c.call(f["arg_at"]).local_set(11)
        c.i32_const(0).local_set(10)
        c.block().loop()
        c.local_get(10).local_get(0).ref_cast(T_ARGV).array_len().i32_ge_s().if_()
        c.local_get(11).call(f["to_wire"]).i32_const(0).call(self.hf["key_error"]).return_call(f["from_wire"])
        c.end()
        c.local_get(0).ref_cast(T_ARGV).local_get(10).array_get(T_ARGV).local_get(11).ref_eq().br_if(1)
        c.local_get(10).i32_const(1).i32_add().local_set(10).br(0)
        c.end().end()
        c.local_get(9).i32_const(2).i32_add().local_set(9).br(0)
        c.end().end()
        c.global_get(self.g_nil)
        self.define("check_keys", [I32, I32, EQREF, EQREF], c)

    # ---- Python -> Wasm ---------------------------------------------------------------------------------------
    def def_enter(self) -> None:
        f = self.f
        # enter (param $fn f64) (param $argc i32) (param w0..w3 f64) (result f64)
        #   (local $c (ref null $closure)) (local $more (ref null $argv)) (local $n i32)
        c = Code()
        c.call(f["seg_enter"])  # a new catch-stack segment; every way out truncates the stack back to its base
        c.block().block().block(self.t_to_ee)
        c.try_table(F64, [catch(self.tag_pending, 2), catch(self.tag_unwind, 0), catch_all(1)])
        c.local_get(0).call(f["from_wire"]).ref_cast(T_CLOSURE).local_set(6)
        c.local_get(1).i32_const(4).i32_gt_s().if_()
        c.local_get(1).i32_const(4).i32_sub().local_tee(8).array_new_default(T_ARGV).local_tee(7)
        c.i32_const(0).global_get(self.g_push).i32_const(0).local_get(8).array_copy(T_ARGV, T_ARGV)
        c.end()
        c.i32_const(0).global_set(self.g_npush)
        c.i32_const(1).global_set(self.g_mvc)
        c.local_get(6).ref_as_non_null().local_get(1)
        for a in range(4):
            c.local_get(2 + a).call(f["from_wire"])
        c.local_get(7).local_get(6).struct_get(T_CLOSURE, F_CODE).call_ref(T_PROC).call(f["to_wire"])
        # several values (set by the host when a Python callee returned them): the host holds them; say so
        c.f64_const(abi.WIRE_MV).global_get(self.g_mvc).i32_const(1).i32_eq().select()
        c.i32_const(1).global_set(self.g_mvc)  # consumed: a Wasm caller of the host import sees one value
        c.end().call(f["seg_leave"]).return_()
        c.end()  # unwind: a return-from / go / throw to a Tier-2 frame outside this call: Python carries it
        c.global_set(self.g_uval).global_set(self.g_utok).i32_const(2).global_set(self.g_fault)
        c.call(f["seg_leave"]).i32_const(0).global_set(self.g_npush).f64_const(3).return_()
        c.end()  # catch_all: a JS exception (stack overflow) unwound through Wasm
        c.i32_const(1).global_set(self.g_fault)
        c.end()  # pending: the host already holds the exception
        c.call(f["seg_leave"]).i32_const(0).global_set(self.g_npush).i32_const(1).global_set(self.g_mvc)
        c.f64_const(3)
        self.define("enter", [ref_null(T_CLOSURE), ref_null(T_ARGV), I32], c)
        # push_arg (param $w f64) (local $new (ref null $argv))
        c = Code()
        c.global_get(self.g_npush).global_get(self.g_push).array_len().i32_ge_u().if_()
        c.ref_null(HT.NONE).global_get(self.g_npush).i32_const(2).i32_mul().array_new(T_ARGV).local_tee(1)
        c.i32_const(0).global_get(self.g_push).i32_const(0).global_get(self.g_npush).array_copy(T_ARGV, T_ARGV)
        c.local_get(1).ref_as_non_null().global_set(self.g_push)
        c.end()
        c.global_get(self.g_push).global_get(self.g_npush).local_get(0).call(f["from_wire"]).array_set(T_ARGV)
        c.global_get(self.g_npush).i32_const(1).i32_add().global_set(self.g_npush)
        self.define("push_arg", [ref_null(T_ARGV)], c)
        c = Code()
        c.global_get(self.g_fault).i32_const(0).global_set(self.g_fault)
        self.define("take_fault", [], c)
        self.define("unwind_token", [], Code().global_get(self.g_utok).call(f["to_wire"]))
        self.define("unwind_value", [], Code().global_get(self.g_uval).call(f["to_wire"]))

    def def_proxy_accessors(self) -> None:
        f = self.f
        for name, field in (("car", F_CAR), ("cdr", F_CDR)):
            c = Code()
            c.local_get(0).call(f["from_wire"]).ref_cast(T_CONS).struct_get(T_CONS, field).call(f["to_wire"])
            self.define(name, [], c)
        for name, field in (("set_car", F_CAR), ("set_cdr", F_CDR)):
            c = Code()
            c.local_get(0).call(f["from_wire"]).ref_cast(T_CONS).local_get(1).call(f["from_wire"])
            c.struct_set(T_CONS, field).local_get(1)
            self.define(name, [], c)
        c = Code()
        c.local_get(0).call(f["from_wire"]).local_tee(1).ref_test(T_CONS).if_().i32_const(abi.KIND_CONS).return_()
        c.end().local_get(1).ref_test(T_CLOSURE).if_().i32_const(abi.KIND_CLOSURE).return_().end()
        c.local_get(1).ref_test(abi.T_VEC).if_().i32_const(abi.KIND_VECTOR).return_().end().i32_const(0)
        self.define("kind", [EQREF], c)
        c = Code()
        c.local_get(0).call(f["from_wire"]).ref_cast(T_CLOSURE).struct_get(T_CLOSURE, F_NAME).call(f["to_wire"])
        self.define("closure_name", [], c)
        # flat_list (param $w f64) (param $release i32) (result i32) (local $x eqref) (local $n i32) (local $a eqref):
        # the length of a proper list of at most FLAT_LIST_MAX elements that are all fixnums or Python objects (no
        # Wasm structs), its elements kept in $flat_items for flat_item (host_lists.py), and its export slot
        # released if $release (no proxy holds it); -1 for anything else
        c = Code()
        c.local_get(0).call(f["from_wire"]).local_set(2)
        c.loop()
        c.local_get(2).ref_test(T_CONS).if_()
        c.local_get(3).i32_const(abi.FLAT_LIST_MAX).i32_ge_u().if_().i32_const(-1).return_().end()
        c.local_get(2).ref_cast(T_CONS).struct_get(T_CONS, F_CAR).local_tee(4).ref_test(HT.I31)
        c.local_get(4).ref_test(T_HOST).i32_or().i32_eqz().if_().i32_const(-1).return_().end()
        c.global_get(self.g_flat).local_get(3).local_get(4).array_set(T_ARGV)
        c.local_get(3).i32_const(1).i32_add().local_set(3)
        c.local_get(2).ref_cast(T_CONS).struct_get(T_CONS, F_CDR).local_set(2).br(1)
        c.end()
        c.end()
        c.local_get(2).global_get(self.g_nil).ref_eq().i32_eqz().if_().i32_const(-1).return_().end()
        c.local_get(1).if_().local_get(0).call(f["release"]).drop().end()
        c.local_get(3)
        self.define("flat_list", [EQREF, I32, EQREF], c)
        c = Code()
        c.global_get(self.g_flat).local_get(0).array_get(T_ARGV).call(f["to_wire"])
        self.define("flat_item", [], c)

    def def_export_slots(self) -> None:
        """Export slots are reused: `release` (Python, when a proxy died; docs/ABI.md "Handles and identity")
        resets the struct's id to 0 and puts the slot on the free list, `alloc_export` (to_wire) pops it."""
        f = self.f
        # alloc_export (result i32) (local $h i32)
        c = Code()
        c.global_get(self.g_free).local_tee(0).if_()
        c.global_get(self.g_exports).local_get(0).array_get(T_ARGV).ref_cast(HT.I31).i31_get_s()
        c.global_set(self.g_free)
        c.global_get(self.g_nfree).i32_const(1).i32_sub().global_set(self.g_nfree)
        c.local_get(0).return_().end()
        c.global_get(self.g_nexp).local_tee(0).call(f["grow_exports"])
        c.local_get(0).i32_const(1).i32_add().global_set(self.g_nexp)
        c.local_get(0)
        self.define("alloc_export", [I32], c)
        # release (param $w f64) (result i32: 1 if released) (local $h i32) (local $o (ref null $obj))
        c = Code()
        c.local_get(0).i64_trunc_f64_s().i64_const(2).i64_shr_s().i32_wrap_i64().local_tee(1)
        c.i32_eqz().local_get(1).global_get(self.g_nexp).i32_ge_u().i32_or().if_().i32_const(0).return_().end()
        c.global_get(self.g_exports).local_get(1).array_get(T_ARGV).local_tee(2).ref_test(T_OBJ).i32_eqz().if_()
        c.i32_const(0).return_().end()
        c.local_get(2).ref_cast(T_OBJ).local_tee(3).struct_get(T_OBJ, F_ID).local_get(1).i32_ne().if_()
        c.i32_const(0).return_().end()
        c.local_get(3).i32_const(0).struct_set(T_OBJ, F_ID)
        c.global_get(self.g_exports).local_get(1).global_get(self.g_free).ref_i31().array_set(T_ARGV)
        c.local_get(1).global_set(self.g_free)
        c.global_get(self.g_nfree).i32_const(1).i32_add().global_set(self.g_nfree)
        c.i32_const(1)
        self.define("release", [I32, EQREF, ref_null(T_OBJ)], c)
        # export_count (result i32): export slots in use
        c = Code()
        c.global_get(self.g_nexp).i32_const(1).i32_sub().global_get(self.g_nfree).i32_sub()
        self.define("export_count", [], c)

def literal_holder(c: Code, slot: int, main_index: int, literal_globals: list[int], me: Any) -> None:
    """JIT start-function code (emit.py): a closure whose environment holds the module's quoted list trees, put in
    `$fns[slot]` so that the host-handle sweep (def_sweep) reaches them; its code (`main_index`) is never called."""
    c.i32_const(slot).call(me.rt["ensure_stub"]).i32_const(slot)
    c.i32_const(0).ref_func(main_index)
    for g in literal_globals:
        c.global_get(g)
    c.array_new_fixed(T_ARGV, len(literal_globals)).global_get(me.g_nil).struct_new(T_CLOSURE).table_set(me.fns)
    # ---- the Tier-2 half of the catch stack (docs/ABI.md, "Non-local exits and errors across tiers") -----------


def build_runtime() -> bytes:
    """The runtime module's bytes (the same for every engine)."""
    return _RT().build()
