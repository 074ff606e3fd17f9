# Wasm toolkit: the table of every instruction clysm.wasm can encode, with its binary opcode and the kinds of
# its immediates. The WAT printer decodes with it; tests check that every `Code` method agrees with it.
"""Opcode table of the WebAssembly 3.0 instructions supported by clysm.wasm (spec 5.4 binary "Instructions")."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

__all__ = ["OPCODES", "OPS_BY_NAME", "Op", "SIMPLE_NUMERIC"]

Op = tuple[str, int, int | None, tuple[str, ...]]
"""(WAT name, first byte, sub-opcode after a 0xFB/0xFC prefix or None, immediate kinds)."""

# Immediate kinds: bt (block type), label, labels (br_table vector + default), func, type, local, global, table,
# tag, field, mem, u32 (a count), i32, i64, f32, f64 (constants), ht (heap type), valtypes (select's vector),
# catches (try_table's vector), cast (br_on_cast: flags byte, label, two heap types), memarg.

_CONTROL: list[Op] = [
    ("unreachable", 0x00, None, ()),
    ("nop", 0x01, None, ()),
    ("block", 0x02, None, ("bt",)),
    ("loop", 0x03, None, ("bt",)),
    ("if", 0x04, None, ("bt",)),
    ("else", 0x05, None, ()),
    ("throw", 0x08, None, ("tag",)),
    ("throw_ref", 0x0A, None, ()),
    ("end", 0x0B, None, ()),
    ("br", 0x0C, None, ("label",)),
    ("br_if", 0x0D, None, ("label",)),
    ("br_table", 0x0E, None, ("labels",)),
    ("return", 0x0F, None, ()),
    ("call", 0x10, None, ("func",)),
    ("call_indirect", 0x11, None, ("type", "table")),
    ("return_call", 0x12, None, ("func",)),
    ("return_call_indirect", 0x13, None, ("type", "table")),
    ("call_ref", 0x14, None, ("type",)),
    ("return_call_ref", 0x15, None, ("type",)),
    ("drop", 0x1A, None, ()),
    ("select", 0x1B, None, ()),
    ("select_t", 0x1C, None, ("valtypes",)),
    ("try_table", 0x1F, None, ("bt", "catches")),
    ("local.get", 0x20, None, ("local",)),
    ("local.set", 0x21, None, ("local",)),
    ("local.tee", 0x22, None, ("local",)),
    ("global.get", 0x23, None, ("global",)),
    ("global.set", 0x24, None, ("global",)),
    ("table.get", 0x25, None, ("table",)),
    ("table.set", 0x26, None, ("table",)),
]

_MEMORY: list[Op] = [
    (name, code, None, ("memarg",))
    for code, name in enumerate(
        "i32.load i64.load f32.load f64.load i32.load8_s i32.load8_u i32.load16_s i32.load16_u i64.load8_s "
        "i64.load8_u i64.load16_s i64.load16_u i64.load32_s i64.load32_u i32.store i64.store f32.store f64.store "
        "i32.store8 i32.store16 i64.store8 i64.store16 i64.store32".split(),
        start=0x28,
    )
] + [
    ("memory.size", 0x3F, None, ("mem",)),
    ("memory.grow", 0x40, None, ("mem",)),
    ("i32.const", 0x41, None, ("i32",)),
    ("i64.const", 0x42, None, ("i64",)),
    ("f32.const", 0x43, None, ("f32",)),
    ("f64.const", 0x44, None, ("f64",)),
]

_NUMERIC_NAMES = """
i32.eqz i32.eq i32.ne i32.lt_s i32.lt_u i32.gt_s i32.gt_u i32.le_s i32.le_u i32.ge_s i32.ge_u
i64.eqz i64.eq i64.ne i64.lt_s i64.lt_u i64.gt_s i64.gt_u i64.le_s i64.le_u i64.ge_s i64.ge_u
f32.eq f32.ne f32.lt f32.gt f32.le f32.ge
f64.eq f64.ne f64.lt f64.gt f64.le f64.ge
i32.clz i32.ctz i32.popcnt i32.add i32.sub i32.mul i32.div_s i32.div_u i32.rem_s i32.rem_u
i32.and i32.or i32.xor i32.shl i32.shr_s i32.shr_u i32.rotl i32.rotr
i64.clz i64.ctz i64.popcnt i64.add i64.sub i64.mul i64.div_s i64.div_u i64.rem_s i64.rem_u
i64.and i64.or i64.xor i64.shl i64.shr_s i64.shr_u i64.rotl i64.rotr
f32.abs f32.neg f32.ceil f32.floor f32.trunc f32.nearest f32.sqrt f32.add f32.sub f32.mul f32.div
f32.min f32.max f32.copysign
f64.abs f64.neg f64.ceil f64.floor f64.trunc f64.nearest f64.sqrt f64.add f64.sub f64.mul f64.div
f64.min f64.max f64.copysign
i32.wrap_i64 i32.trunc_f32_s i32.trunc_f32_u i32.trunc_f64_s i32.trunc_f64_u
i64.extend_i32_s i64.extend_i32_u i64.trunc_f32_s i64.trunc_f32_u i64.trunc_f64_s i64.trunc_f64_u
f32.convert_i32_s f32.convert_i32_u f32.convert_i64_s f32.convert_i64_u f32.demote_f64
f64.convert_i32_s f64.convert_i32_u f64.convert_i64_s f64.convert_i64_u f64.promote_f32
i32.reinterpret_f32 i64.reinterpret_f64 f32.reinterpret_i32 f64.reinterpret_i64
i32.extend8_s i32.extend16_s i64.extend8_s i64.extend16_s i64.extend32_s
""".split()

SIMPLE_NUMERIC: tuple[tuple[str, int], ...] = tuple(
    (name, code) for code, name in enumerate(_NUMERIC_NAMES, start=0x45)
)
"""(name, opcode) of the one-byte numeric instructions without immediates, 0x45 (i32.eqz) .. 0xC4."""

assert SIMPLE_NUMERIC[-1] == ("i64.extend32_s", 0xC4)

_SATURATING: list[Op] = [
    (name, 0xFC, sub, ())
    for sub, name in enumerate(
        "i32.trunc_sat_f32_s i32.trunc_sat_f32_u i32.trunc_sat_f64_s i32.trunc_sat_f64_u "
        "i64.trunc_sat_f32_s i64.trunc_sat_f32_u i64.trunc_sat_f64_s i64.trunc_sat_f64_u".split()
    )
]

_REFERENCE: list[Op] = [
    ("ref.null", 0xD0, None, ("ht",)),
    ("ref.is_null", 0xD1, None, ()),
    ("ref.func", 0xD2, None, ("func",)),
    ("ref.eq", 0xD3, None, ()),
    ("ref.as_non_null", 0xD4, None, ()),
    ("br_on_null", 0xD5, None, ("label",)),
    ("br_on_non_null", 0xD6, None, ("label",)),
]

_GC: list[Op] = [
    ("struct.new", 0xFB, 0, ("type",)),
    ("struct.new_default", 0xFB, 1, ("type",)),
    ("struct.get", 0xFB, 2, ("type", "field")),
    ("struct.get_s", 0xFB, 3, ("type", "field")),
    ("struct.get_u", 0xFB, 4, ("type", "field")),
    ("struct.set", 0xFB, 5, ("type", "field")),
    ("array.new", 0xFB, 6, ("type",)),
    ("array.new_default", 0xFB, 7, ("type",)),
    ("array.new_fixed", 0xFB, 8, ("type", "u32")),
    ("array.get", 0xFB, 11, ("type",)),
    ("array.get_s", 0xFB, 12, ("type",)),
    ("array.get_u", 0xFB, 13, ("type",)),
    ("array.set", 0xFB, 14, ("type",)),
    ("array.len", 0xFB, 15, ()),
    ("array.fill", 0xFB, 16, ("type",)),
    ("array.copy", 0xFB, 17, ("type", "type")),
    ("ref.test", 0xFB, 20, ("ht",)),
    ("ref.test_null", 0xFB, 21, ("ht",)),
    ("ref.cast", 0xFB, 22, ("ht",)),
    ("ref.cast_null", 0xFB, 23, ("ht",)),
    ("br_on_cast", 0xFB, 24, ("cast",)),
    ("br_on_cast_fail", 0xFB, 25, ("cast",)),
    ("any.convert_extern", 0xFB, 26, ()),
    ("extern.convert_any", 0xFB, 27, ()),
    ("ref.i31", 0xFB, 28, ()),
    ("i31.get_s", 0xFB, 29, ()),
    ("i31.get_u", 0xFB, 30, ()),
]

_TABLE: list[Op] = [
    ("memory.copy", 0xFC, 10, ("mem", "mem")),
    ("memory.fill", 0xFC, 11, ("mem",)),
    ("table.copy", 0xFC, 14, ("table", "table")),
    ("table.grow", 0xFC, 15, ("table",)),
    ("table.size", 0xFC, 16, ("table",)),
    ("table.fill", 0xFC, 17, ("table",)),
]

OPCODES: tuple[Op, ...] = tuple(
    _CONTROL + _MEMORY + [(n, c, None, ()) for n, c in SIMPLE_NUMERIC] + _SATURATING + _REFERENCE + _GC + _TABLE
)
"""Every supported instruction. `select_t`, `ref.test_null` and `ref.cast_null` are table-only names for the
typed `select` and the nullable forms of `ref.test`/`ref.cast`; WAT spells them `select (result t)`,
`ref.test (ref null ht)`, `ref.cast (ref null ht)`."""

OPS_BY_NAME: Mapping[str, Op] = MappingProxyType({op[0]: op for op in OPCODES})
"""The table by name (read-only)."""
