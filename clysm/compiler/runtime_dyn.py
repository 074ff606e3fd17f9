# Tier 2 runtime module, non-local exits (docs/ABI.md "Non-local exits and errors across tiers"): the Tier-2 half of
# the catch stack in segments, throw, unwind-protect cleanups, PROGV and multiple values. Mixed into runtime._RT.
from __future__ import annotations

from typing import Any

from clysm.wasm import EQREF, F64, HT, I32, Code, ref_null

from . import abi
from .abi import (
    F_CAR,
    F_CDR,
    F_KIND,
    T_ARGV,
    T_BOX,
    T_CONS,
    T_HOST,
)


class CatchMixin:
    """Methods of the runtime builder (runtime._RT), which holds the module, the indices and `define`."""

    m: Any
    f: dict[str, int]
    hf: dict[str, int]

    define: Any  # (name, local_types, body) -> None

    def def_catch(self) -> None:
        f, hf = self.f, self.hf
        ctags, csp, bases, nseg = self.g_ctags, self.g_csp, self.g_bases, self.g_nseg
        # seg_enter (local $new (ref null $argv)): push $csp as the base of a new segment
        c = Code()
        c.global_get(nseg).global_get(bases).array_len().i32_ge_u().if_()
        c.ref_null(HT.NONE).global_get(nseg).i32_const(2).i32_mul().array_new(T_ARGV).local_tee(0)
        c.i32_const(0).global_get(bases).i32_const(0).global_get(nseg).array_copy(T_ARGV, T_ARGV)
        c.local_get(0).ref_as_non_null().global_set(bases)
        c.end()
        c.global_get(bases).global_get(nseg).global_get(csp).ref_i31().array_set(T_ARGV)
        c.global_get(nseg).i32_const(1).i32_add().global_set(nseg)
        self.define("seg_enter", [ref_null(T_ARGV)], c)
        # seg_leave: pop the segment, dropping every catch pushed in it
        c = Code()
        c.global_get(nseg).i32_const(1).i32_sub().global_set(nseg)
        c.global_get(bases).global_get(nseg).array_get(T_ARGV).ref_cast(HT.I31).i31_get_s().global_set(csp)
        self.define("seg_leave", [], c)
        # catch_push (param $tag eqref) (result i32) (local $new (ref null $argv)): the new entry's index
        c = Code()
        c.global_get(csp).global_get(ctags).array_len().i32_ge_u().if_()
        c.ref_null(HT.NONE).global_get(csp).i32_const(2).i32_mul().array_new(T_ARGV).local_tee(1)
        c.i32_const(0).global_get(ctags).i32_const(0).global_get(csp).array_copy(T_ARGV, T_ARGV)
        c.local_get(1).ref_as_non_null().global_set(ctags)
        c.end()
        c.global_get(ctags).global_get(csp).local_get(0).array_set(T_ARGV)
        c.global_get(csp).global_get(csp).i32_const(1).i32_add().global_set(csp)
        self.define("catch_push", [ref_null(T_ARGV)], c)
        self.define("catch_pop", [], Code().local_get(0).global_set(csp))
        # catch_lo (param $level i32) (result i32): the base of segment $level (-1: no such segment)
        c = Code()
        c.local_get(0).global_get(nseg).i32_ge_u().if_().i32_const(-1).return_().end()
        c.global_get(bases).local_get(0).array_get(T_ARGV).ref_cast(HT.I31).i31_get_s()
        self.define("catch_lo", [], c)
        self.define("catch_top", [], Code().global_get(csp))
        c = Code()  # catch_tag (param $i i32) (result f64) (local eqref): the tag of entry $i (fixnum 0: a cleanup)
        c.global_get(ctags).local_get(0).array_get(T_ARGV).local_tee(1).ref_test(T_BOX).if_().f64_const(0).return_()
        c.end().local_get(1).call(f["to_wire"])
        self.define("catch_tag", [EQREF], c)
        # After a trap (a JS stack overflow is not catchable in Wasm) unwound segment $level without running any
        # landing: trap_reset drops the segment (returns its base); trap_cleanup (param $lo i32) pops entries down
        # to the innermost UNWIND-PROTECT cleanup (a $box holding its closure) and returns the closure's wire, or
        # 0 once the stack is back at $lo. Python runs the cleanups, innermost first (Bridge.call).
        c = Code()
        c.local_get(0).global_get(nseg).i32_lt_u().if_(I32)
        c.local_get(0).global_set(nseg)
        c.global_get(bases).local_get(0).array_get(T_ARGV).ref_cast(HT.I31).i31_get_s()
        c.else_().global_get(csp).end()
        self.define("trap_reset", [], c)
        c = Code()  # (local $i i32) (local $e eqref)
        c.global_get(csp).local_set(1)
        c.loop()
        c.local_get(1).local_get(0).i32_le_s().if_().local_get(0).global_set(csp).f64_const(0).return_().end()
        c.global_get(ctags).local_get(1).i32_const(1).i32_sub().local_tee(1).array_get(T_ARGV).local_tee(2)
        c.ref_test(T_BOX).if_()
        c.local_get(1).global_set(csp).local_get(2).ref_cast(T_BOX).struct_get(T_BOX, 0).call(f["to_wire"]).return_()
        c.end()
        c.br(0)
        c.end()
        c.unreachable()
        self.define("trap_cleanup", [I32, EQREF], c)
        # find_catch (param $tag f64) (param $level i32) (result i32) (local $t eqref) (local $i i32)
        # (local $lo i32): the innermost entry for $tag (ref.eq) at or above segment $level's base, or -1
        c = Code()
        c.local_get(1).call(f["catch_lo"]).local_tee(4).i32_const(0).i32_lt_s().if_().i32_const(-1).return_().end()
        c.local_get(0).call(f["from_wire"]).local_set(2)
        c.global_get(csp).local_set(3)
        c.loop()
        c.local_get(3).local_get(4).i32_le_s().if_().i32_const(-1).return_().end()
        c.global_get(ctags).local_get(3).i32_const(1).i32_sub().local_tee(3).array_get(T_ARGV).local_get(2)
        c.ref_eq().if_().local_get(3).return_().end()
        c.br(0)
        c.end()
        c.unreachable()
        self.define("find_catch", [EQREF, I32, I32], c)
        # throw (param $tag eqref) (param $v eqref) (result eqref) (local $i i32) (local $lo i32): a catch of the
        # current segment gets $unwind (i31 index, value); anything else is decided by Tier 1 (host.throw)
        c = Code()
        c.block()
        c.local_get(0).ref_test(T_HOST).if_()
        c.local_get(0).ref_cast(T_HOST).struct_get(T_HOST, F_KIND).local_tee(3).i32_const(abi.HK_NUMBER).i32_eq()
        c.local_get(3).i32_const(abi.HK_BIGPOS).i32_eq().i32_or().local_get(3).i32_const(abi.HK_BIGNEG).i32_eq()
        c.i32_or().br_if(1)
        c.end()
        c.global_get(nseg).i32_eqz().br_if(0)
        c.global_get(bases).global_get(nseg).i32_const(1).i32_sub().array_get(T_ARGV).ref_cast(HT.I31)
        c.i31_get_s().local_set(3)
        c.global_get(csp).local_set(2)
        c.loop()
        c.local_get(2).local_get(3).i32_le_s().br_if(1)
        c.global_get(ctags).local_get(2).i32_const(1).i32_sub().local_tee(2).array_get(T_ARGV).local_get(0)
        c.ref_eq().if_().local_get(2).ref_i31().local_get(1).throw(self.tag_unwind).end()
        c.br(0)
        c.end()
        c.end()
        c.local_get(0).call(f["to_wire"]).local_get(1).call(f["to_wire"]).global_get(self.g_mvc)
        c.call(hf["throw"]).return_call(f["from_wire"])
        self.define("throw", [I32, I32], c)
        # dyn_save (param $pending i32) (result i32): keep the bridge's values and pending exception across a
        # cleanup when they matter (-1: nothing kept); dyn_restore (param i32) puts them back
        c = Code()
        c.local_get(0).global_get(self.g_mvc).i32_const(1).i32_ne().i32_or().if_(I32)
        c.call(hf["save_state"]).else_().i32_const(-1).end()
        self.define("dyn_save", [], c)
        c = Code()
        c.local_get(0).i32_const(0).i32_ge_s().if_().local_get(0).call(hf["restore_state"]).end()
        self.define("dyn_restore", [], c)
        # MULTIPLE-VALUE-CALL: mv_collect (param $acc eqref) (param $v eqref) (local $i i32) (local $n i32)
        # pushes the values of the form just evaluated ($v, or the host's when $mvc is not 1) on $acc, a list of
        # $cons in reverse order (null = empty; never a Lisp value)
        c = Code()
        c.global_get(self.g_mvc).i32_const(1).i32_eq().if_()
        c.i32_const(0).local_get(1).local_get(0).struct_new(T_CONS).return_().end()
        c.global_get(self.g_mvc).local_set(3).i32_const(1).global_set(self.g_mvc)
        c.block().loop()
        c.local_get(2).local_get(3).i32_ge_s().br_if(1)
        c.i32_const(0).local_get(2).call(hf["mv_value"]).call(f["from_wire"]).local_get(0).struct_new(T_CONS)
        c.local_set(0).local_get(2).i32_const(1).i32_add().local_set(2).br(0)
        c.end().end()
        c.local_get(0)
        self.define("mv_collect", [I32, I32], c)
        # mv_apply (param $f eqref) (param $acc eqref) (local $n i32) (local $p eqref) (local $more (ref null
        # $argv)) (local $a0..$a3 eqref): call $f with the collected values (funcall: Tier 1's errors)
        c = Code()
        c.local_get(1).local_set(3)
        c.block().loop()
        c.local_get(3).ref_is_null().br_if(1)
        c.local_get(2).i32_const(1).i32_add().local_set(2)
        c.local_get(3).ref_cast(T_CONS).struct_get(T_CONS, F_CDR).local_set(3).br(0)
        c.end().end()
        c.local_get(2).i32_const(4).i32_gt_s().if_()
        c.local_get(2).i32_const(4).i32_sub().array_new_default(T_ARGV).local_set(4)
        c.end()
        c.local_get(1).local_set(3)
        c.block().loop()  # values from the last one back: $i counts down from $n - 1 (reusing $n)
        c.local_get(3).ref_is_null().br_if(1)
        c.local_get(2).i32_const(1).i32_sub().local_set(2)
        c.local_get(3).ref_cast(T_CONS).struct_get(T_CONS, F_CAR).local_set(9)
        c.local_get(2).i32_const(4).i32_ge_s().if_()
        c.local_get(4).local_get(2).i32_const(4).i32_sub().local_get(9).array_set(T_ARGV)
        c.else_()
        c.block().block().block().block().block()
        c.local_get(2).br_table([0, 1, 2], 3)
        c.end().local_get(9).local_set(5).br(3)
        c.end().local_get(9).local_set(6).br(2)
        c.end().local_get(9).local_set(7).br(1)
        c.end().local_get(9).local_set(8)
        c.end()
        c.end()
        c.local_get(3).ref_cast(T_CONS).struct_get(T_CONS, F_CDR).local_set(3).br(0)
        c.end().end()
        c.local_get(1).local_set(3)
        c.block().loop()  # count again for argc
        c.local_get(3).ref_is_null().br_if(1)
        c.local_get(2).i32_const(1).i32_add().local_set(2)
        c.local_get(3).ref_cast(T_CONS).struct_get(T_CONS, F_CDR).local_set(3).br(0)
        c.end().end()
        c.local_get(0).local_get(2).local_get(5).local_get(6).local_get(7).local_get(8).local_get(4)
        c.return_call(f["funcall"])
        self.define("mv_apply", [I32, EQREF, ref_null(T_ARGV), EQREF, EQREF, EQREF, EQREF, EQREF], c)
        # PROGV: progv_bind (param $syms eqref) (param $vals eqref) (result i32): hands each (symbol, value or
        # none) to the host (host.progv_push), which binds them as Tier 1 does and returns a token for
        # progv_unbind; conses are Wasm ($cons) or the host's (kind HK_CONS, read through car_slow/cdr_slow)
        c = Code()
        c.block().loop()
        c.local_get(0).ref_test(T_CONS).local_get(0).ref_test(T_HOST).if_(I32)
        c.local_get(0).ref_cast(T_HOST).struct_get(T_HOST, F_KIND).i32_const(abi.HK_CONS).i32_eq()
        c.else_().i32_const(0).end().i32_or().i32_eqz().br_if(1)
        c.local_get(0).call(f["car_slow"]).call(f["to_wire"])
        c.local_get(1).ref_test(T_CONS).local_get(1).ref_test(T_HOST).if_(I32)
        c.local_get(1).ref_cast(T_HOST).struct_get(T_HOST, F_KIND).i32_const(abi.HK_CONS).i32_eq()
        c.else_().i32_const(0).end().i32_or().if_()
        c.local_get(1).call(f["car_slow"]).call(f["to_wire"]).local_set(3)
        c.local_get(1).call(f["cdr_slow"]).local_set(1).i32_const(1).local_set(4)
        c.else_().f64_const(0).local_set(3).i32_const(0).local_set(4).end()
        c.local_get(3).local_get(4).call(hf["progv_push"])
        c.local_get(0).call(f["cdr_slow"]).local_set(0).br(0)
        c.end().end()
        c.call(hf["progv_bind"]).local_tee(2).i32_const(0).i32_lt_s().if_()
        c.f64_const(3).call(f["from_wire"]).drop().end()
        c.local_get(2)
        self.define("progv_bind", [I32, F64, I32], c)
        self.define("progv_unbind", [], Code().local_get(0).call(hf["progv_unbind"]))
