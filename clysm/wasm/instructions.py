# Wasm toolkit: the instruction sink `Code`, one method per opcode, each appending the instruction's binary
# encoding (spec 5.4 "Instructions") to a bytearray. Built for speed: no per-instruction objects, no lookups.
"""The instruction sink: `Code().local_get(0).i32_const(1).i32_add()` builds instruction bytes."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from .encode import write_f32, write_f64, write_s32, write_s33, write_s64, write_u32
from .numeric import NumericInstructions
from .types import HeapType, NumType, RefType, ValType

__all__ = [
    "CATCH",
    "CATCH_ALL",
    "CATCH_ALL_REF",
    "CATCH_REF",
    "BlockType",
    "Catch",
    "Code",
    "catch",
    "catch_all",
    "catch_all_ref",
    "catch_ref",
]

BlockType = None | NumType | RefType | int
"""A block type: None (no params, no results), one result value type, or a function type index."""

CATCH = 0x00
CATCH_REF = 0x01
CATCH_ALL = 0x02
CATCH_ALL_REF = 0x03


@dataclass(frozen=True, slots=True)
class Catch:
    """One catch clause of `try_table`: kind (CATCH, CATCH_REF, CATCH_ALL, CATCH_ALL_REF), tag, target label."""

    kind: int
    label: int
    tag: int | None = None


def catch(tag: int, label: int) -> Catch:
    """`(catch tag label)`: on exception `tag`, branch to `label` with its payload."""
    return Catch(CATCH, label, tag)


def catch_ref(tag: int, label: int) -> Catch:
    """`(catch_ref tag label)`: on exception `tag`, branch to `label` with its payload and the exnref."""
    return Catch(CATCH_REF, label, tag)


def catch_all(label: int) -> Catch:
    """`(catch_all label)`: on any exception, branch to `label`."""
    return Catch(CATCH_ALL, label)


def catch_all_ref(label: int) -> Catch:
    """`(catch_all_ref label)`: on any exception, branch to `label` with the exnref."""
    return Catch(CATCH_ALL_REF, label)


def _block_type(buf: bytearray, bt: BlockType) -> None:
    if bt is None:
        buf.append(0x40)
    elif type(bt) is int:
        write_s33(buf, bt)
    else:
        bt.encode(buf)  # type: ignore[union-attr]


def _heap(buf: bytearray, ht: HeapType) -> None:
    if type(ht) is int:
        if 0 <= ht < 64:
            buf.append(ht)
        else:
            write_s33(buf, ht)
    else:
        buf.append(ht.code)  # type: ignore[union-attr]


def _mem_op(code: int, name: str, natural_align: int) -> Callable[..., Any]:
    """Make a load/store method: `(offset=0, align=natural, memory=0)`; `align` in bytes (a power of two)."""

    def method(self: Code, offset: int = 0, align: int = natural_align, memory: int = 0) -> Code:
        buf = self.buf
        buf.append(code)
        flags = align.bit_length() - 1
        if memory:
            write_u32(buf, flags | 0x40)
            write_u32(buf, memory)
        else:
            write_u32(buf, flags)
        write_u32(buf, offset)
        return self

    method.__name__ = name.replace(".", "_")
    method.__qualname__ = "Code." + method.__name__
    method.__doc__ = f"Append `{name}` (0x{code:02X}) with memarg offset/align (bytes)/memory index."
    return method


class Code(NumericInstructions):
    """An instruction sink: each method appends one instruction's bytes to `self.buf` and returns `self`.

    Index immediates are absolute indices of the module's index spaces (functions include imports first).
    A function body given to `Module.define_function` is an instruction sequence WITHOUT the final `end`;
    the module adds it (likewise for constant expressions).
    """

    __slots__ = ("buf",)

    def __init__(self, buf: bytearray | None = None) -> None:
        self.buf: bytearray = bytearray() if buf is None else buf

    def __bytes__(self) -> bytes:
        return bytes(self.buf)

    def __len__(self) -> int:
        return len(self.buf)

    def raw(self, data: bytes | bytearray | Code) -> Code:
        """Append already-encoded instruction bytes (e.g. another `Code`)."""
        self.buf += data.buf if isinstance(data, Code) else data
        return self

    # --- control instructions -----------------------------------------------------------------------------

    def unreachable(self) -> Code:
        """`unreachable` (0x00)."""
        self.buf.append(0x00)
        return self

    def nop(self) -> Code:
        """`nop` (0x01)."""
        self.buf.append(0x01)
        return self

    def block(self, bt: BlockType = None) -> Code:
        """`block bt` (0x02): bt is None, a result value type, or a function type index."""
        buf = self.buf
        buf.append(0x02)
        if bt is None:  # _block_type, inlined (hot)
            buf.append(0x40)
        elif type(bt) is int:
            write_s33(buf, bt)
        else:
            bt.encode(buf)  # type: ignore[union-attr]
        return self

    def loop(self, bt: BlockType = None) -> Code:
        """`loop bt` (0x03)."""
        self.buf.append(0x03)
        _block_type(self.buf, bt)
        return self

    def if_(self, bt: BlockType = None) -> Code:
        """`if bt` (0x04)."""
        buf = self.buf
        buf.append(0x04)
        if bt is None:  # _block_type, inlined (hot)
            buf.append(0x40)
        elif type(bt) is int:
            write_s33(buf, bt)
        else:
            bt.encode(buf)  # type: ignore[union-attr]
        return self

    def else_(self) -> Code:
        """`else` (0x05)."""
        self.buf.append(0x05)
        return self

    def end(self) -> Code:
        """`end` (0x0B) of a block, loop, if or try_table."""
        self.buf.append(0x0B)
        return self

    def br(self, label: int) -> Code:
        """`br label` (0x0C)."""
        buf = self.buf
        buf.append(0x0C)
        if label < 0x80:
            buf.append(label)
        else:
            if label < 0x80:
                buf.append(label)
            else:
                write_u32(buf, label)
        return self

    def br_if(self, label: int) -> Code:
        """`br_if label` (0x0D)."""
        buf = self.buf
        buf.append(0x0D)
        if label < 0x80:
            buf.append(label)
        else:
            if label < 0x80:
                buf.append(label)
            else:
                write_u32(buf, label)
        return self

    def br_table(self, labels: Sequence[int], default: int) -> Code:
        """`br_table labels* default` (0x0E)."""
        buf = self.buf
        buf.append(0x0E)
        write_u32(buf, len(labels))
        for label in labels:
            write_u32(buf, label)
        write_u32(buf, default)
        return self

    def return_(self) -> Code:
        """`return` (0x0F)."""
        self.buf.append(0x0F)
        return self

    def call(self, func: int) -> Code:
        """`call func` (0x10)."""
        buf = self.buf
        buf.append(0x10)
        if func < 0x80:
            buf.append(func)
        else:
            write_u32(buf, func)
        return self

    def call_indirect(self, type_idx: int, table: int = 0) -> Code:
        """`call_indirect table (type type_idx)` (0x11; binary order: type index, table index)."""
        self.buf.append(0x11)
        write_u32(self.buf, type_idx)
        write_u32(self.buf, table)
        return self

    def return_call(self, func: int) -> Code:
        """`return_call func` (0x12): tail call."""
        self.buf.append(0x12)
        if func < 0x80:
            self.buf.append(func)
        else:
            write_u32(self.buf, func)
        return self

    def return_call_indirect(self, type_idx: int, table: int = 0) -> Code:
        """`return_call_indirect table (type type_idx)` (0x13)."""
        self.buf.append(0x13)
        write_u32(self.buf, type_idx)
        write_u32(self.buf, table)
        return self

    def call_ref(self, type_idx: int) -> Code:
        """`call_ref type_idx` (0x14): call a `(ref null type_idx)` function reference."""
        self.buf.append(0x14)
        write_u32(self.buf, type_idx)
        return self

    def return_call_ref(self, type_idx: int) -> Code:
        """`return_call_ref type_idx` (0x15): tail call through a function reference."""
        self.buf.append(0x15)
        write_u32(self.buf, type_idx)
        return self

    def throw(self, tag: int) -> Code:
        """`throw tag` (0x08)."""
        self.buf.append(0x08)
        write_u32(self.buf, tag)
        return self

    def throw_ref(self) -> Code:
        """`throw_ref` (0x0A): rethrow an exnref."""
        self.buf.append(0x0A)
        return self

    def try_table(self, bt: BlockType, catches: Iterable[Catch]) -> Code:
        """`try_table bt catch*` (0x1F); close it with `end()`. Labels in catches count from outside the
        try_table (0 is the innermost block enclosing it)."""
        buf = self.buf
        buf.append(0x1F)
        _block_type(buf, bt)
        clauses = list(catches)
        write_u32(buf, len(clauses))
        for c in clauses:
            buf.append(c.kind)
            if c.kind < CATCH_ALL:
                write_u32(buf, c.tag)  # type: ignore[arg-type]
            write_u32(buf, c.label)
        return self

    # --- parametric instructions --------------------------------------------------------------------------

    def drop(self) -> Code:
        """`drop` (0x1A)."""
        self.buf.append(0x1A)
        return self

    def select(self) -> Code:
        """`select` (0x1B) for number operands."""
        self.buf.append(0x1B)
        return self

    def select_t(self, types: Sequence[ValType]) -> Code:
        """Typed `select (result t*)` (0x1C), required for reference operands."""
        buf = self.buf
        buf.append(0x1C)
        write_u32(buf, len(types))
        for t in types:
            t.encode(buf)
        return self

    # --- variable instructions ----------------------------------------------------------------------------

    def local_get(self, idx: int) -> Code:
        """`local.get idx` (0x20)."""
        buf = self.buf
        buf.append(0x20)
        if idx < 0x80:
            buf.append(idx)
        else:
            write_u32(buf, idx)
        return self

    def local_set(self, idx: int) -> Code:
        """`local.set idx` (0x21)."""
        buf = self.buf
        buf.append(0x21)
        if idx < 0x80:
            buf.append(idx)
        else:
            write_u32(buf, idx)
        return self

    def local_tee(self, idx: int) -> Code:
        """`local.tee idx` (0x22)."""
        buf = self.buf
        buf.append(0x22)
        if idx < 0x80:
            buf.append(idx)
        else:
            write_u32(buf, idx)
        return self

    def global_get(self, idx: int) -> Code:
        """`global.get idx` (0x23)."""
        buf = self.buf
        buf.append(0x23)
        if idx < 0x80:
            buf.append(idx)
        else:
            write_u32(buf, idx)
        return self

    def global_set(self, idx: int) -> Code:
        """`global.set idx` (0x24)."""
        self.buf.append(0x24)
        if idx < 0x80:
            self.buf.append(idx)
        else:
            write_u32(self.buf, idx)
        return self

    # --- table instructions -------------------------------------------------------------------------------

    def table_get(self, table: int = 0) -> Code:
        """`table.get table` (0x25)."""
        self.buf.append(0x25)
        if table < 0x80:
            self.buf.append(table)
        else:
            write_u32(self.buf, table)
        return self

    def table_set(self, table: int = 0) -> Code:
        """`table.set table` (0x26)."""
        self.buf.append(0x26)
        if table < 0x80:
            self.buf.append(table)
        else:
            write_u32(self.buf, table)
        return self

    def table_grow(self, table: int = 0) -> Code:
        """`table.grow table` (0xFC 15)."""
        self.buf += b"\xfc\x0f"
        write_u32(self.buf, table)
        return self

    def table_size(self, table: int = 0) -> Code:
        """`table.size table` (0xFC 16)."""
        self.buf += b"\xfc\x10"
        write_u32(self.buf, table)
        return self

    def table_fill(self, table: int = 0) -> Code:
        """`table.fill table` (0xFC 17)."""
        self.buf += b"\xfc\x11"
        write_u32(self.buf, table)
        return self

    def table_copy(self, dst: int = 0, src: int = 0) -> Code:
        """`table.copy dst src` (0xFC 14)."""
        self.buf += b"\xfc\x0e"
        write_u32(self.buf, dst)
        write_u32(self.buf, src)
        return self

    # --- memory instructions ------------------------------------------------------------------------------

    i32_load = _mem_op(0x28, "i32.load", 4)
    i64_load = _mem_op(0x29, "i64.load", 8)
    f32_load = _mem_op(0x2A, "f32.load", 4)
    f64_load = _mem_op(0x2B, "f64.load", 8)
    i32_load8_s = _mem_op(0x2C, "i32.load8_s", 1)
    i32_load8_u = _mem_op(0x2D, "i32.load8_u", 1)
    i32_load16_s = _mem_op(0x2E, "i32.load16_s", 2)
    i32_load16_u = _mem_op(0x2F, "i32.load16_u", 2)
    i64_load8_s = _mem_op(0x30, "i64.load8_s", 1)
    i64_load8_u = _mem_op(0x31, "i64.load8_u", 1)
    i64_load16_s = _mem_op(0x32, "i64.load16_s", 2)
    i64_load16_u = _mem_op(0x33, "i64.load16_u", 2)
    i64_load32_s = _mem_op(0x34, "i64.load32_s", 4)
    i64_load32_u = _mem_op(0x35, "i64.load32_u", 4)
    i32_store = _mem_op(0x36, "i32.store", 4)
    i64_store = _mem_op(0x37, "i64.store", 8)
    f32_store = _mem_op(0x38, "f32.store", 4)
    f64_store = _mem_op(0x39, "f64.store", 8)
    i32_store8 = _mem_op(0x3A, "i32.store8", 1)
    i32_store16 = _mem_op(0x3B, "i32.store16", 2)
    i64_store8 = _mem_op(0x3C, "i64.store8", 1)
    i64_store16 = _mem_op(0x3D, "i64.store16", 2)
    i64_store32 = _mem_op(0x3E, "i64.store32", 4)

    def memory_size(self, memory: int = 0) -> Code:
        """`memory.size memory` (0x3F)."""
        self.buf.append(0x3F)
        write_u32(self.buf, memory)
        return self

    def memory_grow(self, memory: int = 0) -> Code:
        """`memory.grow memory` (0x40)."""
        self.buf.append(0x40)
        write_u32(self.buf, memory)
        return self

    def memory_copy(self, dst: int = 0, src: int = 0) -> Code:
        """`memory.copy dst src` (0xFC 10)."""
        self.buf += b"\xfc\x0a"
        write_u32(self.buf, dst)
        write_u32(self.buf, src)
        return self

    def memory_fill(self, memory: int = 0) -> Code:
        """`memory.fill memory` (0xFC 11)."""
        self.buf += b"\xfc\x0b"
        write_u32(self.buf, memory)
        return self

    # --- constants ----------------------------------------------------------------------------------------

    def i32_const(self, value: int) -> Code:
        """`i32.const value` (0x41); value in [-2**31, 2**32) (values >= 2**31 are two's complement)."""
        buf = self.buf
        buf.append(0x41)
        if -64 <= value < 64:
            buf.append(value & 0x7F)
        else:
            write_s32(buf, value)
        return self

    def i64_const(self, value: int) -> Code:
        """`i64.const value` (0x42); value in [-2**63, 2**64)."""
        self.buf.append(0x42)
        write_s64(self.buf, value)
        return self

    def f32_const(self, value: float) -> Code:
        """`f32.const value` (0x43)."""
        self.buf.append(0x43)
        write_f32(self.buf, value)
        return self

    def f64_const(self, value: float) -> Code:
        """`f64.const value` (0x44)."""
        self.buf.append(0x44)
        write_f64(self.buf, value)
        return self

    # --- reference instructions ---------------------------------------------------------------------------

    def ref_null(self, ht: HeapType) -> Code:
        """`ref.null ht` (0xD0): ht is an abstract heap type (HT.ANY, ...) or a type index."""
        buf = self.buf
        buf.append(0xD0)
        if type(ht) is int:
            _heap(buf, ht)
        else:
            buf.append(ht.code)  # type: ignore[union-attr]
        return self

    def ref_is_null(self) -> Code:
        """`ref.is_null` (0xD1)."""
        self.buf.append(0xD1)
        return self

    def ref_func(self, func: int) -> Code:
        """`ref.func func` (0xD2); the function must be declared (see `Module.declare_ref_func`)."""
        self.buf.append(0xD2)
        if func < 0x80:
            self.buf.append(func)
        else:
            write_u32(self.buf, func)
        return self

    def ref_eq(self) -> Code:
        """`ref.eq` (0xD3)."""
        self.buf.append(0xD3)
        return self

    def ref_as_non_null(self) -> Code:
        """`ref.as_non_null` (0xD4)."""
        self.buf.append(0xD4)
        return self

    def br_on_null(self, label: int) -> Code:
        """`br_on_null label` (0xD5)."""
        self.buf.append(0xD5)
        write_u32(self.buf, label)
        return self

    def br_on_non_null(self, label: int) -> Code:
        """`br_on_non_null label` (0xD6)."""
        self.buf.append(0xD6)
        write_u32(self.buf, label)
        return self

    # --- GC: structs --------------------------------------------------------------------------------------

    def struct_new(self, type_idx: int) -> Code:
        """`struct.new type_idx` (0xFB 0)."""
        buf = self.buf
        buf += b"\xfb\x00"
        if type_idx < 0x80:
            buf.append(type_idx)
        else:
            write_u32(buf, type_idx)
        return self

    def struct_new_default(self, type_idx: int) -> Code:
        """`struct.new_default type_idx` (0xFB 1)."""
        self.buf += b"\xfb\x01"
        write_u32(self.buf, type_idx)
        return self

    def struct_get(self, type_idx: int, field: int) -> Code:
        """`struct.get type_idx field` (0xFB 2)."""
        buf = self.buf
        buf += b"\xfb\x02"
        if type_idx < 0x80:
            buf.append(type_idx)
        else:
            write_u32(buf, type_idx)
        if field < 0x80:
            buf.append(field)
        else:
            write_u32(buf, field)
        return self

    def struct_get_s(self, type_idx: int, field: int) -> Code:
        """`struct.get_s type_idx field` (0xFB 3): packed field, sign-extended."""
        self.buf += b"\xfb\x03"
        write_u32(self.buf, type_idx)
        write_u32(self.buf, field)
        return self

    def struct_get_u(self, type_idx: int, field: int) -> Code:
        """`struct.get_u type_idx field` (0xFB 4): packed field, zero-extended."""
        self.buf += b"\xfb\x04"
        write_u32(self.buf, type_idx)
        write_u32(self.buf, field)
        return self

    def struct_set(self, type_idx: int, field: int) -> Code:
        """`struct.set type_idx field` (0xFB 5)."""
        buf = self.buf
        buf += b"\xfb\x05"
        if type_idx < 0x80:
            buf.append(type_idx)
        else:
            write_u32(buf, type_idx)
        if field < 0x80:
            buf.append(field)
        else:
            write_u32(buf, field)
        return self

    # --- GC: arrays ---------------------------------------------------------------------------------------

    def array_new(self, type_idx: int) -> Code:
        """`array.new type_idx` (0xFB 6): [init, length] -> array."""
        self.buf += b"\xfb\x06"
        if type_idx < 0x80:
            self.buf.append(type_idx)
        else:
            write_u32(self.buf, type_idx)
        return self

    def array_new_default(self, type_idx: int) -> Code:
        """`array.new_default type_idx` (0xFB 7): [length] -> array."""
        self.buf += b"\xfb\x07"
        write_u32(self.buf, type_idx)
        return self

    def array_new_fixed(self, type_idx: int, n: int) -> Code:
        """`array.new_fixed type_idx n` (0xFB 8): n operands -> array."""
        self.buf += b"\xfb\x08"
        if type_idx < 0x80:
            self.buf.append(type_idx)
        else:
            write_u32(self.buf, type_idx)
        if n < 0x80:
            self.buf.append(n)
        else:
            write_u32(self.buf, n)
        return self

    def array_get(self, type_idx: int) -> Code:
        """`array.get type_idx` (0xFB 11)."""
        self.buf += b"\xfb\x0b"
        if type_idx < 0x80:
            self.buf.append(type_idx)
        else:
            write_u32(self.buf, type_idx)
        return self

    def array_get_s(self, type_idx: int) -> Code:
        """`array.get_s type_idx` (0xFB 12): packed element, sign-extended."""
        self.buf += b"\xfb\x0c"
        write_u32(self.buf, type_idx)
        return self

    def array_get_u(self, type_idx: int) -> Code:
        """`array.get_u type_idx` (0xFB 13): packed element, zero-extended."""
        self.buf += b"\xfb\x0d"
        write_u32(self.buf, type_idx)
        return self

    def array_set(self, type_idx: int) -> Code:
        """`array.set type_idx` (0xFB 14)."""
        self.buf += b"\xfb\x0e"
        if type_idx < 0x80:
            self.buf.append(type_idx)
        else:
            write_u32(self.buf, type_idx)
        return self

    def array_len(self) -> Code:
        """`array.len` (0xFB 15)."""
        self.buf += b"\xfb\x0f"
        return self

    def array_fill(self, type_idx: int) -> Code:
        """`array.fill type_idx` (0xFB 16): [array, offset, value, n]."""
        self.buf += b"\xfb\x10"
        write_u32(self.buf, type_idx)
        return self

    def array_copy(self, dst_type: int, src_type: int) -> Code:
        """`array.copy dst_type src_type` (0xFB 17): [dst, dst_off, src, src_off, n]."""
        self.buf += b"\xfb\x11"
        write_u32(self.buf, dst_type)
        write_u32(self.buf, src_type)
        return self

    # --- GC: casts ----------------------------------------------------------------------------------------

    def ref_test(self, ht: HeapType) -> Code:
        """`ref.test (ref ht)` (0xFB 20)."""
        buf = self.buf
        buf += b"\xfb\x14"
        if type(ht) is int and 0 <= ht < 64:
            buf.append(ht)
        else:
            _heap(buf, ht)
        return self

    def ref_test_null(self, ht: HeapType) -> Code:
        """`ref.test (ref null ht)` (0xFB 21)."""
        self.buf += b"\xfb\x15"
        _heap(self.buf, ht)
        return self

    def ref_cast(self, ht: HeapType) -> Code:
        """`ref.cast (ref ht)` (0xFB 22)."""
        buf = self.buf
        buf += b"\xfb\x16"
        if type(ht) is int and 0 <= ht < 64:
            buf.append(ht)
        else:
            _heap(buf, ht)
        return self

    def ref_cast_null(self, ht: HeapType) -> Code:
        """`ref.cast (ref null ht)` (0xFB 23)."""
        self.buf += b"\xfb\x17"
        _heap(self.buf, ht)
        return self

    def br_on_cast(self, label: int, from_type: RefType, to_type: RefType) -> Code:
        """`br_on_cast label from_type to_type` (0xFB 24): branch if the operand is a `to_type`."""
        buf = self.buf
        buf += b"\xfb\x18"
        buf.append(int(from_type.nullable) | int(to_type.nullable) << 1)
        write_u32(buf, label)
        _heap(buf, from_type.heap)
        _heap(buf, to_type.heap)
        return self

    def br_on_cast_fail(self, label: int, from_type: RefType, to_type: RefType) -> Code:
        """`br_on_cast_fail label from_type to_type` (0xFB 25): branch if the operand is NOT a `to_type`."""
        buf = self.buf
        buf += b"\xfb\x19"
        buf.append(int(from_type.nullable) | int(to_type.nullable) << 1)
        write_u32(buf, label)
        _heap(buf, from_type.heap)
        _heap(buf, to_type.heap)
        return self

    def any_convert_extern(self) -> Code:
        """`any.convert_extern` (0xFB 26)."""
        self.buf += b"\xfb\x1a"
        return self

    def extern_convert_any(self) -> Code:
        """`extern.convert_any` (0xFB 27)."""
        self.buf += b"\xfb\x1b"
        return self

    # --- GC: i31 ------------------------------------------------------------------------------------------

    def ref_i31(self) -> Code:
        """`ref.i31` (0xFB 28): i32 -> (ref i31), keeping the low 31 bits."""
        self.buf += b"\xfb\x1c"
        return self

    def i31_get_s(self) -> Code:
        """`i31.get_s` (0xFB 29): i31ref -> i32, sign-extended."""
        self.buf += b"\xfb\x1d"
        return self

    def i31_get_u(self) -> Code:
        """`i31.get_u` (0xFB 30): i31ref -> i32, zero-extended."""
        self.buf += b"\xfb\x1e"
        return self
