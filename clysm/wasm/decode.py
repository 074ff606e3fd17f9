# Wasm toolkit: a decoder for the binary modules clysm.wasm produces (spec 5 "Binary Format"): sections into
# plain data, and instructions one at a time through the opcode table. The WAT printer is built on it.
"""Decode a binary module into a `DecodedModule`; decode instructions with `read_instr`."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .encode import DecodeError, read_name, read_s32, read_s33, read_s64, read_u32
from .instructions import Catch
from .names import Names, decode_name_section
from .opcodes import OPCODES, Op
from .types import (
    ABS_HEAP_TYPES,
    F32,
    F64,
    I8,
    I16,
    I32,
    I64,
    V128,
    ArrayType,
    CompositeType,
    FieldType,
    FuncType,
    HeapType,
    RecGroup,
    RefType,
    StorageType,
    StructType,
    SubType,
    ValType,
)

__all__ = ["DecodedModule", "Element", "Import", "decode_module", "read_expr", "read_instr"]

_NUM = {t.code: t for t in (I32, I64, F32, F64, V128)}
_PACKED = {t.code: t for t in (I8, I16)}

_SINGLE: dict[int, Op] = {}
_PREFIXED: dict[tuple[int, int], Op] = {}
for _op in OPCODES:
    if _op[2] is None:
        _SINGLE[_op[1]] = _op
    else:
        _PREFIXED[(_op[1], _op[2])] = _op
del _op


def read_heap_type(data: bytes, pos: int) -> tuple[HeapType, int]:
    """Read a heap type (s33): a type index, or an abstract heap type code."""
    v, pos = read_s33(data, pos)
    if v >= 0:
        return v, pos
    ht = ABS_HEAP_TYPES.get(v & 0x7F)
    if ht is None or v < -64:
        raise DecodeError(f"unknown heap type {v} at {pos}")
    return ht, pos


def read_val_type(data: bytes, pos: int) -> tuple[ValType, int]:
    """Read a value type (number type, abbreviated or full reference type)."""
    if pos >= len(data):
        raise DecodeError("unexpected end of data in value type")
    b = data[pos]
    if b in _NUM:
        return _NUM[b], pos + 1
    if b in (0x63, 0x64):
        ht, pos = read_heap_type(data, pos + 1)
        return RefType(ht, b == 0x63), pos
    ht_abs = ABS_HEAP_TYPES.get(b)
    if ht_abs is None:
        raise DecodeError(f"unknown value type 0x{b:02x} at {pos}")
    return RefType(ht_abs, True), pos + 1


def _read_storage(data: bytes, pos: int) -> tuple[StorageType, int]:
    if pos < len(data) and data[pos] in _PACKED:
        return _PACKED[data[pos]], pos + 1
    return read_val_type(data, pos)


def _read_field(data: bytes, pos: int) -> tuple[FieldType, int]:
    st, pos = _read_storage(data, pos)
    mut = data[pos]
    if mut > 1:
        raise DecodeError(f"bad mutability byte {mut} at {pos}")
    return FieldType(st, bool(mut)), pos + 1


def _read_vec_vals(data: bytes, pos: int) -> tuple[tuple[ValType, ...], int]:
    n, pos = read_u32(data, pos)
    out = []
    for _ in range(n):
        t, pos = read_val_type(data, pos)
        out.append(t)
    return tuple(out), pos


def _read_composite(data: bytes, pos: int) -> tuple[CompositeType, int]:
    b = data[pos]
    pos += 1
    if b == 0x60:
        params, pos = _read_vec_vals(data, pos)
        results, pos = _read_vec_vals(data, pos)
        return FuncType(params, results), pos
    if b == 0x5F:
        n, pos = read_u32(data, pos)
        fields = []
        for _ in range(n):
            f, pos = _read_field(data, pos)
            fields.append(f)
        return StructType(tuple(fields)), pos
    if b == 0x5E:
        f, pos = _read_field(data, pos)
        return ArrayType(f), pos
    raise DecodeError(f"unknown composite type 0x{b:02x} at {pos - 1}")


def _read_subtype(data: bytes, pos: int) -> tuple[SubType, int]:
    b = data[pos]
    if b in (0x4F, 0x50):
        n, pos = read_u32(data, pos + 1)
        supers = []
        for _ in range(n):
            s, pos = read_u32(data, pos)
            supers.append(s)
        comp, pos = _read_composite(data, pos)
        return SubType(comp, tuple(supers), b == 0x4F), pos
    comp, pos = _read_composite(data, pos)
    return SubType(comp), pos


def read_block_type(data: bytes, pos: int) -> tuple[Any, int]:
    """Read a block type: None (0x40), a value type, or a type index (s33)."""
    b = data[pos]
    if b == 0x40:
        return None, pos + 1
    if b in _NUM or b in (0x63, 0x64) or b in ABS_HEAP_TYPES:
        return read_val_type(data, pos)
    v, pos = read_s33(data, pos)
    if v < 0:
        raise DecodeError(f"bad block type {v}")
    return v, pos


def read_instr(data: bytes, pos: int) -> tuple[str, tuple, int]:
    """Decode one instruction at `pos`: (table name, immediates, next position). See opcodes.py for names."""
    start = pos
    b = data[pos]
    pos += 1
    if b in (0xFB, 0xFC):
        sub, pos = read_u32(data, pos)
        op = _PREFIXED.get((b, sub))
    else:
        op = _SINGLE.get(b)
    if op is None:
        raise DecodeError(f"unknown opcode 0x{b:02x} at offset {start}")
    imms: list[Any] = []
    for kind in op[3]:
        if kind in ("label", "func", "type", "local", "global", "table", "tag", "field", "mem", "u32"):
            v, pos = read_u32(data, pos)
        elif kind == "bt":
            v, pos = read_block_type(data, pos)
        elif kind == "i32":
            v, pos = read_s32(data, pos)
        elif kind == "i64":
            v, pos = read_s64(data, pos)
        elif kind == "f32":
            if pos + 4 > len(data):
                raise DecodeError("unexpected end of data in f32")
            v, pos = int.from_bytes(data[pos : pos + 4], "little"), pos + 4
        elif kind == "f64":
            if pos + 8 > len(data):
                raise DecodeError("unexpected end of data in f64")
            v, pos = int.from_bytes(data[pos : pos + 8], "little"), pos + 8
        elif kind == "ht":
            v, pos = read_heap_type(data, pos)
        elif kind == "labels":
            n, pos = read_u32(data, pos)
            labels = []
            for _ in range(n):
                lab, pos = read_u32(data, pos)
                labels.append(lab)
            default, pos = read_u32(data, pos)
            v = (tuple(labels), default)
        elif kind == "valtypes":
            v, pos = _read_vec_vals(data, pos)
        elif kind == "catches":
            n, pos = read_u32(data, pos)
            clauses = []
            for _ in range(n):
                ck = data[pos]
                pos += 1
                tag = None
                if ck > 3:
                    raise DecodeError(f"bad catch kind {ck} at {pos - 1}")
                if ck < 2:
                    tag, pos = read_u32(data, pos)
                lab, pos = read_u32(data, pos)
                clauses.append(Catch(ck, lab, tag))
            v = tuple(clauses)
        elif kind == "cast":
            flags = data[pos]
            lab, pos = read_u32(data, pos + 1)
            h1, pos = read_heap_type(data, pos)
            h2, pos = read_heap_type(data, pos)
            v = (lab, RefType(h1, bool(flags & 1)), RefType(h2, bool(flags & 2)))
        elif kind == "memarg":
            flags, pos = read_u32(data, pos)
            mem = 0
            if flags & 0x40:
                mem, pos = read_u32(data, pos)
                flags &= ~0x40
            offset, pos = read_u32(data, pos)
            v = (flags, offset, mem)
        else:  # pragma: no cover - table and decoder out of step
            raise AssertionError(kind)
        imms.append(v)
    return op[0], tuple(imms), pos


def read_expr(data: bytes, pos: int) -> tuple[bytes, int]:
    """Read a constant expression up to and including its `end`; return its bytes without the `end`."""
    start = pos
    depth = 0
    while True:
        name, _, nxt = read_instr(data, pos)
        if name == "end":
            if depth == 0:
                return bytes(data[start:pos]), nxt
            depth -= 1
        elif name in ("block", "loop", "if", "try_table"):
            depth += 1
        pos = nxt


@dataclass
class Import:
    """One import: module and field names, kind (EXTERN_* code) and description (see `decode_module`)."""

    module: str
    name: str
    kind: int
    desc: Any


@dataclass
class Element:
    """An element segment: mode ("active", "passive", "declarative"), table and offset (active only),
    element type (None: function indices of type funcref) and items (function indices or expression bytes)."""

    mode: str
    table: int | None
    offset: bytes | None
    element: RefType | None
    items: list[Any]
    flags: int


@dataclass
class DecodedModule:
    """A decoded module. `types` lists type-section entries (SubType or explicit RecGroup). Import `desc` is:
    func/tag -> type index; table -> (RefType, min, max); memory -> (min, max); global -> (ValType, mutable).
    `tables` are (RefType, min, max, init expr or None); `globals` (ValType, mutable, init expr); `codes`
    (locals as [(count, ValType)], body bytes including the final `end`, offset of body in the module)."""

    types: list[SubType | RecGroup] = field(default_factory=list)
    imports: list[Import] = field(default_factory=list)
    funcs: list[int] = field(default_factory=list)
    tables: list[tuple[RefType, int, int | None, bytes | None]] = field(default_factory=list)
    memories: list[tuple[int, int | None]] = field(default_factory=list)
    tags: list[int] = field(default_factory=list)
    globals: list[tuple[ValType, bool, bytes]] = field(default_factory=list)
    exports: list[tuple[str, int, int]] = field(default_factory=list)
    start: int | None = None
    elements: list[Element] = field(default_factory=list)
    codes: list[tuple[list[tuple[int, ValType]], bytes]] = field(default_factory=list)
    customs: list[tuple[str, bytes]] = field(default_factory=list)
    names: Names = field(default_factory=Names)

    def subtypes(self) -> list[SubType]:
        """Every type in index order (rec groups flattened)."""
        out: list[SubType] = []
        for t in self.types:
            out.extend(t.subtypes if isinstance(t, RecGroup) else (t,))
        return out

    def func_type_indices(self) -> list[int]:
        """The type index of every function, imported first."""
        return [i.desc for i in self.imports if i.kind == 0] + self.funcs


def _read_limits(data: bytes, pos: int) -> tuple[int, int | None, int]:
    flag = data[pos]
    minimum, pos = read_u32(data, pos + 1)
    if flag == 0:
        return minimum, None, pos
    if flag == 1:
        maximum, pos = read_u32(data, pos)
        return minimum, maximum, pos
    raise DecodeError(f"unsupported limits flag {flag} at {pos}")


def _read_func_indices(data: bytes, pos: int) -> tuple[list[int], int]:
    n, pos = read_u32(data, pos)
    out = []
    for _ in range(n):
        f, pos = read_u32(data, pos)
        out.append(f)
    return out, pos


def _read_exprs(data: bytes, pos: int) -> tuple[list[bytes], int]:
    n, pos = read_u32(data, pos)
    out = []
    for _ in range(n):
        e, pos = read_expr(data, pos)
        out.append(e)
    return out, pos


def _read_element(data: bytes, pos: int) -> tuple[Element, int]:
    flags, pos = read_u32(data, pos)
    table: int | None = None
    offset: bytes | None = None
    if flags > 7:
        raise DecodeError(f"bad element segment flags {flags}")
    mode = "passive" if flags & 1 and not flags & 2 else "declarative" if flags & 3 == 3 else "active"
    if mode == "active":
        if flags & 2:
            table, pos = read_u32(data, pos)
        else:
            table = 0
        offset, pos = read_expr(data, pos)
    element: RefType | None = None
    uses_exprs = bool(flags & 4)
    if flags & 3:  # an explicit elemkind / reftype follows
        if uses_exprs:
            rt, pos = read_val_type(data, pos)
            element = rt  # type: ignore[assignment]
        else:
            if data[pos] != 0x00:
                raise DecodeError(f"bad elemkind {data[pos]}")
            pos += 1
    elif uses_exprs:
        element = RefType(ABS_HEAP_TYPES[0x70], True)
    if uses_exprs:
        items: list[Any]
        items, pos = _read_exprs(data, pos)
    else:
        items, pos = _read_func_indices(data, pos)
    return Element(mode, table, offset, element, items, flags), pos


def decode_module(data: bytes) -> DecodedModule:
    """Decode a binary module (raises DecodeError when malformed or using unsupported constructs)."""
    try:
        return _decode_module(bytes(data))
    except IndexError:
        raise DecodeError("unexpected end of data") from None
    except UnicodeDecodeError as e:
        raise DecodeError(f"malformed UTF-8 in a name: {e}") from None


def _decode_module(data: bytes) -> DecodedModule:
    if data[:8] != b"\x00asm\x01\x00\x00\x00":
        raise DecodeError("not a Wasm binary module (bad magic or version)")
    mod = DecodedModule()
    pos = 8
    while pos < len(data):
        sid = data[pos]
        size, pos = read_u32(data, pos + 1)
        end = pos + size
        if end > len(data):
            raise DecodeError(f"section {sid} overruns the module")
        if sid == 0:
            name, p = read_name(data, pos)
            payload = data[p:end]
            if name == "name":
                mod.names = decode_name_section(payload)
            else:
                mod.customs.append((name, payload))
            pos = end
            continue
        if sid == 8:
            mod.start, p = read_u32(data, pos)
        elif sid == 12:
            _, p = read_u32(data, pos)  # data count: no data segments are supported, nothing to keep
        else:
            count, p = read_u32(data, pos)
            for _ in range(count):
                p = _read_entry(mod, sid, data, p)
        if p != end:
            raise DecodeError(f"section {sid} size mismatch (ends at {p}, declared {end})")
        pos = end
    return mod


def _read_entry(mod: DecodedModule, sid: int, data: bytes, p: int) -> int:
    if sid == 1:
        if data[p] == 0x4E:
            n, p = read_u32(data, p + 1)
            subs = []
            for _ in range(n):
                st, p = _read_subtype(data, p)
                subs.append(st)
            mod.types.append(RecGroup(tuple(subs)))
        else:
            st, p = _read_subtype(data, p)
            mod.types.append(st)
    elif sid == 2:
        module, p = read_name(data, p)
        name, p = read_name(data, p)
        kind = data[p]
        p += 1
        desc: Any
        if kind == 0:
            desc, p = read_u32(data, p)
        elif kind == 1:
            rt, p = read_val_type(data, p)
            mn, mx, p = _read_limits(data, p)
            desc = (rt, mn, mx)
        elif kind == 2:
            mn, mx, p = _read_limits(data, p)
            desc = (mn, mx)
        elif kind == 3:
            vt, p = read_val_type(data, p)
            desc = (vt, bool(data[p]))
            p += 1
        elif kind == 4:
            desc, p = read_u32(data, p + 1)
        else:
            raise DecodeError(f"bad import kind {kind}")
        mod.imports.append(Import(module, name, kind, desc))
    elif sid == 3:
        t, p = read_u32(data, p)
        mod.funcs.append(t)
    elif sid == 4:
        init = None
        if data[p] == 0x40:
            p += 2
            rt, p = read_val_type(data, p)
            mn, mx, p = _read_limits(data, p)
            init, p = read_expr(data, p)
        else:
            rt, p = read_val_type(data, p)
            mn, mx, p = _read_limits(data, p)
        mod.tables.append((rt, mn, mx, init))  # type: ignore[arg-type]
    elif sid == 5:
        mn, mx, p = _read_limits(data, p)
        mod.memories.append((mn, mx))
    elif sid == 13:
        t, p = read_u32(data, p + 1)
        mod.tags.append(t)
    elif sid == 6:
        vt, p = read_val_type(data, p)
        mut = bool(data[p])
        init, p = read_expr(data, p + 1)
        mod.globals.append((vt, mut, init))
    elif sid == 7:
        name, p = read_name(data, p)
        kind = data[p]
        idx, p = read_u32(data, p + 1)
        mod.exports.append((name, kind, idx))
    elif sid == 9:
        el, p = _read_element(data, p)
        mod.elements.append(el)
    elif sid == 10:
        size, p = read_u32(data, p)
        end = p + size
        n, p = read_u32(data, p)
        local_groups = []
        for _ in range(n):
            c, p = read_u32(data, p)
            t, p = read_val_type(data, p)
            local_groups.append((c, t))
        mod.codes.append((local_groups, bytes(data[p:end])))
        p = end
    else:
        raise DecodeError(f"unsupported section id {sid}")
    return p

