# Wasm toolkit: the numeric instructions without immediates (i32/i64/f32/f64 comparisons, arithmetic,
# conversions; spec 5.4.7 "Numeric Instructions") as methods of the instruction sink. Generated once from
# clysm.wasm.opcodes and kept by hand; tests check every method against that table.
"""Numeric instruction methods, mixed into `clysm.wasm.instructions.Code`."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

__all__ = ["NumericInstructions"]


def _op(code: int, name: str) -> Callable[[Any], Any]:
    """Make a method that appends the one-byte opcode `code` (instruction `name`) and returns the sink."""

    def method(self: Any) -> Any:
        self.buf.append(code)
        return self

    method.__name__ = name.replace(".", "_")
    method.__qualname__ = "NumericInstructions." + method.__name__
    method.__doc__ = f"Append `{name}` (0x{code:02X})."
    return method


def _op_fc(sub: int, name: str) -> Callable[[Any], Any]:
    """Make a method that appends 0xFC and the sub-opcode `sub` (instruction `name`) and returns the sink."""

    def method(self: Any) -> Any:
        self.buf += bytes((0xFC, sub))
        return self

    method.__name__ = name.replace(".", "_")
    method.__qualname__ = "NumericInstructions." + method.__name__
    method.__doc__ = f"Append `{name}` (0xFC {sub})."
    return method


class NumericInstructions:
    """Numeric instructions without immediates; each appends its opcode to `self.buf` and returns `self`."""

    __slots__ = ()
    buf: bytearray

    i32_eqz = _op(0x45, "i32.eqz")
    i32_eq = _op(0x46, "i32.eq")
    i32_ne = _op(0x47, "i32.ne")
    i32_lt_s = _op(0x48, "i32.lt_s")
    i32_lt_u = _op(0x49, "i32.lt_u")
    i32_gt_s = _op(0x4A, "i32.gt_s")
    i32_gt_u = _op(0x4B, "i32.gt_u")
    i32_le_s = _op(0x4C, "i32.le_s")
    i32_le_u = _op(0x4D, "i32.le_u")
    i32_ge_s = _op(0x4E, "i32.ge_s")
    i32_ge_u = _op(0x4F, "i32.ge_u")
    i64_eqz = _op(0x50, "i64.eqz")
    i64_eq = _op(0x51, "i64.eq")
    i64_ne = _op(0x52, "i64.ne")
    i64_lt_s = _op(0x53, "i64.lt_s")
    i64_lt_u = _op(0x54, "i64.lt_u")
    i64_gt_s = _op(0x55, "i64.gt_s")
    i64_gt_u = _op(0x56, "i64.gt_u")
    i64_le_s = _op(0x57, "i64.le_s")
    i64_le_u = _op(0x58, "i64.le_u")
    i64_ge_s = _op(0x59, "i64.ge_s")
    i64_ge_u = _op(0x5A, "i64.ge_u")
    f32_eq = _op(0x5B, "f32.eq")
    f32_ne = _op(0x5C, "f32.ne")
    f32_lt = _op(0x5D, "f32.lt")
    f32_gt = _op(0x5E, "f32.gt")
    f32_le = _op(0x5F, "f32.le")
    f32_ge = _op(0x60, "f32.ge")
    f64_eq = _op(0x61, "f64.eq")
    f64_ne = _op(0x62, "f64.ne")
    f64_lt = _op(0x63, "f64.lt")
    f64_gt = _op(0x64, "f64.gt")
    f64_le = _op(0x65, "f64.le")
    f64_ge = _op(0x66, "f64.ge")
    i32_clz = _op(0x67, "i32.clz")
    i32_ctz = _op(0x68, "i32.ctz")
    i32_popcnt = _op(0x69, "i32.popcnt")
    i32_add = _op(0x6A, "i32.add")
    i32_sub = _op(0x6B, "i32.sub")
    i32_mul = _op(0x6C, "i32.mul")
    i32_div_s = _op(0x6D, "i32.div_s")
    i32_div_u = _op(0x6E, "i32.div_u")
    i32_rem_s = _op(0x6F, "i32.rem_s")
    i32_rem_u = _op(0x70, "i32.rem_u")
    i32_and = _op(0x71, "i32.and")
    i32_or = _op(0x72, "i32.or")
    i32_xor = _op(0x73, "i32.xor")
    i32_shl = _op(0x74, "i32.shl")
    i32_shr_s = _op(0x75, "i32.shr_s")
    i32_shr_u = _op(0x76, "i32.shr_u")
    i32_rotl = _op(0x77, "i32.rotl")
    i32_rotr = _op(0x78, "i32.rotr")
    i64_clz = _op(0x79, "i64.clz")
    i64_ctz = _op(0x7A, "i64.ctz")
    i64_popcnt = _op(0x7B, "i64.popcnt")
    i64_add = _op(0x7C, "i64.add")
    i64_sub = _op(0x7D, "i64.sub")
    i64_mul = _op(0x7E, "i64.mul")
    i64_div_s = _op(0x7F, "i64.div_s")
    i64_div_u = _op(0x80, "i64.div_u")
    i64_rem_s = _op(0x81, "i64.rem_s")
    i64_rem_u = _op(0x82, "i64.rem_u")
    i64_and = _op(0x83, "i64.and")
    i64_or = _op(0x84, "i64.or")
    i64_xor = _op(0x85, "i64.xor")
    i64_shl = _op(0x86, "i64.shl")
    i64_shr_s = _op(0x87, "i64.shr_s")
    i64_shr_u = _op(0x88, "i64.shr_u")
    i64_rotl = _op(0x89, "i64.rotl")
    i64_rotr = _op(0x8A, "i64.rotr")
    f32_abs = _op(0x8B, "f32.abs")
    f32_neg = _op(0x8C, "f32.neg")
    f32_ceil = _op(0x8D, "f32.ceil")
    f32_floor = _op(0x8E, "f32.floor")
    f32_trunc = _op(0x8F, "f32.trunc")
    f32_nearest = _op(0x90, "f32.nearest")
    f32_sqrt = _op(0x91, "f32.sqrt")
    f32_add = _op(0x92, "f32.add")
    f32_sub = _op(0x93, "f32.sub")
    f32_mul = _op(0x94, "f32.mul")
    f32_div = _op(0x95, "f32.div")
    f32_min = _op(0x96, "f32.min")
    f32_max = _op(0x97, "f32.max")
    f32_copysign = _op(0x98, "f32.copysign")
    f64_abs = _op(0x99, "f64.abs")
    f64_neg = _op(0x9A, "f64.neg")
    f64_ceil = _op(0x9B, "f64.ceil")
    f64_floor = _op(0x9C, "f64.floor")
    f64_trunc = _op(0x9D, "f64.trunc")
    f64_nearest = _op(0x9E, "f64.nearest")
    f64_sqrt = _op(0x9F, "f64.sqrt")
    f64_add = _op(0xA0, "f64.add")
    f64_sub = _op(0xA1, "f64.sub")
    f64_mul = _op(0xA2, "f64.mul")
    f64_div = _op(0xA3, "f64.div")
    f64_min = _op(0xA4, "f64.min")
    f64_max = _op(0xA5, "f64.max")
    f64_copysign = _op(0xA6, "f64.copysign")
    i32_wrap_i64 = _op(0xA7, "i32.wrap_i64")
    i32_trunc_f32_s = _op(0xA8, "i32.trunc_f32_s")
    i32_trunc_f32_u = _op(0xA9, "i32.trunc_f32_u")
    i32_trunc_f64_s = _op(0xAA, "i32.trunc_f64_s")
    i32_trunc_f64_u = _op(0xAB, "i32.trunc_f64_u")
    i64_extend_i32_s = _op(0xAC, "i64.extend_i32_s")
    i64_extend_i32_u = _op(0xAD, "i64.extend_i32_u")
    i64_trunc_f32_s = _op(0xAE, "i64.trunc_f32_s")
    i64_trunc_f32_u = _op(0xAF, "i64.trunc_f32_u")
    i64_trunc_f64_s = _op(0xB0, "i64.trunc_f64_s")
    i64_trunc_f64_u = _op(0xB1, "i64.trunc_f64_u")
    f32_convert_i32_s = _op(0xB2, "f32.convert_i32_s")
    f32_convert_i32_u = _op(0xB3, "f32.convert_i32_u")
    f32_convert_i64_s = _op(0xB4, "f32.convert_i64_s")
    f32_convert_i64_u = _op(0xB5, "f32.convert_i64_u")
    f32_demote_f64 = _op(0xB6, "f32.demote_f64")
    f64_convert_i32_s = _op(0xB7, "f64.convert_i32_s")
    f64_convert_i32_u = _op(0xB8, "f64.convert_i32_u")
    f64_convert_i64_s = _op(0xB9, "f64.convert_i64_s")
    f64_convert_i64_u = _op(0xBA, "f64.convert_i64_u")
    f64_promote_f32 = _op(0xBB, "f64.promote_f32")
    i32_reinterpret_f32 = _op(0xBC, "i32.reinterpret_f32")
    i64_reinterpret_f64 = _op(0xBD, "i64.reinterpret_f64")
    f32_reinterpret_i32 = _op(0xBE, "f32.reinterpret_i32")
    f64_reinterpret_i64 = _op(0xBF, "f64.reinterpret_i64")
    i32_extend8_s = _op(0xC0, "i32.extend8_s")
    i32_extend16_s = _op(0xC1, "i32.extend16_s")
    i64_extend8_s = _op(0xC2, "i64.extend8_s")
    i64_extend16_s = _op(0xC3, "i64.extend16_s")
    i64_extend32_s = _op(0xC4, "i64.extend32_s")

    # saturating truncation (0xFC prefix)
    i32_trunc_sat_f32_s = _op_fc(0, "i32.trunc_sat_f32_s")
    i32_trunc_sat_f32_u = _op_fc(1, "i32.trunc_sat_f32_u")
    i32_trunc_sat_f64_s = _op_fc(2, "i32.trunc_sat_f64_s")
    i32_trunc_sat_f64_u = _op_fc(3, "i32.trunc_sat_f64_u")
    i64_trunc_sat_f32_s = _op_fc(4, "i64.trunc_sat_f32_s")
    i64_trunc_sat_f32_u = _op_fc(5, "i64.trunc_sat_f32_u")
    i64_trunc_sat_f64_s = _op_fc(6, "i64.trunc_sat_f64_s")
    i64_trunc_sat_f64_u = _op_fc(7, "i64.trunc_sat_f64_u")
