# Wasm toolkit: the Wasm 3.0 type language (spec 2.3 "Types", 5.3 binary "Types") as plain immutable data:
# number, reference, packed, field, struct, array, func, sub and rec types. Each value can append its own
# binary encoding to a bytearray (`encode(buf)`) and print itself as WAT (`wat(name_of_type)`).
"""WebAssembly 3.0 types as frozen dataclasses, with their binary encodings."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from .encode import write_s33, write_u32

__all__ = [
    "ABS_HEAP_TYPES",
    "ANYREF",
    "ARRAYREF",
    "EQREF",
    "EXNREF",
    "EXTERNREF",
    "F32",
    "F64",
    "FUNCREF",
    "HT",
    "I8",
    "I16",
    "I31REF",
    "I32",
    "I64",
    "NULLEXNREF",
    "NULLEXTERNREF",
    "NULLFUNCREF",
    "NULLREF",
    "STRUCTREF",
    "V128",
    "AbsHeapType",
    "ArrayType",
    "CompositeType",
    "FieldType",
    "FuncType",
    "HeapType",
    "NumType",
    "PackedType",
    "RecGroup",
    "RefType",
    "StorageType",
    "StructType",
    "SubType",
    "ValType",
    "as_subtype",
    "default_type_name",
    "encode_heap_type",
    "heap_type_wat",
    "ref",
    "ref_null",
]

TypeNamer = Callable[[int], str]


def default_type_name(idx: int) -> str:
    """The WAT reference used for type index `idx` when no name is known: the bare index."""
    return str(idx)


@dataclass(frozen=True, slots=True)
class NumType:
    """A number (or vector) value type: i32, i64, f32, f64, v128."""

    name: str
    code: int

    def encode(self, buf: bytearray) -> None:
        """Append the one-byte type code."""
        buf.append(self.code)

    def wat(self, type_name: TypeNamer = default_type_name) -> str:
        """The WAT spelling (`i32`, ...)."""
        return self.name


I32 = NumType("i32", 0x7F)
I64 = NumType("i64", 0x7E)
F32 = NumType("f32", 0x7D)
F64 = NumType("f64", 0x7C)
V128 = NumType("v128", 0x7B)


@dataclass(frozen=True, slots=True)
class PackedType:
    """A packed storage type for struct/array fields: i8 or i16."""

    name: str
    code: int

    def encode(self, buf: bytearray) -> None:
        """Append the one-byte type code."""
        buf.append(self.code)

    def wat(self, type_name: TypeNamer = default_type_name) -> str:
        """The WAT spelling (`i8`, `i16`)."""
        return self.name


I8 = PackedType("i8", 0x78)
I16 = PackedType("i16", 0x77)


@dataclass(frozen=True, slots=True)
class AbsHeapType:
    """An abstract heap type (`any`, `eq`, `func`, ...); `code` is its one-byte (negative s33) encoding."""

    name: str
    code: int

    def encode(self, buf: bytearray) -> None:
        """Append the one-byte heap type code."""
        buf.append(self.code)


class HT:
    """Namespace of the abstract heap types, e.g. `HT.ANY`, `HT.EQ`, `HT.I31`."""

    FUNC = AbsHeapType("func", 0x70)
    EXTERN = AbsHeapType("extern", 0x6F)
    ANY = AbsHeapType("any", 0x6E)
    EQ = AbsHeapType("eq", 0x6D)
    I31 = AbsHeapType("i31", 0x6C)
    STRUCT = AbsHeapType("struct", 0x6B)
    ARRAY = AbsHeapType("array", 0x6A)
    EXN = AbsHeapType("exn", 0x69)
    NOEXN = AbsHeapType("noexn", 0x74)
    NOFUNC = AbsHeapType("nofunc", 0x73)
    NOEXTERN = AbsHeapType("noextern", 0x72)
    NONE = AbsHeapType("none", 0x71)


ABS_HEAP_TYPES: Mapping[int, AbsHeapType] = MappingProxyType({
    ht.code: ht
    for ht in (HT.FUNC, HT.EXTERN, HT.ANY, HT.EQ, HT.I31, HT.STRUCT, HT.ARRAY, HT.EXN, HT.NOEXN, HT.NOFUNC,
               HT.NOEXTERN, HT.NONE)
})
"""Abstract heap types by their one-byte code (read-only)."""

HeapType = AbsHeapType | int
"""A heap type: an abstract heap type or a (module-level, absolute) type index."""


def encode_heap_type(buf: bytearray, ht: HeapType) -> None:
    """Append heap type `ht` (abstract code byte, or type index as s33)."""
    if type(ht) is int:
        write_s33(buf, ht)
    else:
        buf.append(ht.code)  # type: ignore[union-attr]


def heap_type_wat(ht: HeapType, type_name: TypeNamer = default_type_name) -> str:
    """The WAT spelling of a heap type (`any`, `$t3`, ...)."""
    if type(ht) is int:
        return type_name(ht)
    return ht.name  # type: ignore[union-attr]


_SHORTHAND = {
    "func": "funcref", "extern": "externref", "any": "anyref", "eq": "eqref", "i31": "i31ref",
    "struct": "structref", "array": "arrayref", "exn": "exnref", "noexn": "nullexnref", "nofunc": "nullfuncref",
    "noextern": "nullexternref", "none": "nullref",
}


@dataclass(frozen=True, slots=True)
class RefType:
    """A reference type `(ref null? heap)`."""

    heap: HeapType
    nullable: bool

    def encode(self, buf: bytearray) -> None:
        """Append the encoding: the one-byte shorthand for nullable abstract types, else 0x63/0x64 + heap type."""
        heap = self.heap
        if type(heap) is int:
            buf.append(0x63 if self.nullable else 0x64)
            if 0 <= heap < 64:
                buf.append(heap)
            else:
                write_s33(buf, heap)
        elif self.nullable:
            buf.append(heap.code)  # type: ignore[union-attr]
        else:
            buf.append(0x64)
            buf.append(heap.code)  # type: ignore[union-attr]

    def wat(self, type_name: TypeNamer = default_type_name) -> str:
        """The WAT spelling (`eqref`, `(ref $t3)`, `(ref null $t3)`)."""
        heap = self.heap
        if type(heap) is not int and self.nullable:
            return _SHORTHAND[heap.name]  # type: ignore[union-attr]
        return f"(ref {'null ' if self.nullable else ''}{heap_type_wat(heap, type_name)})"


@functools.cache  # immutable values: one object per heap type (the emitters ask for the same few per local)
def ref(heap: HeapType) -> RefType:
    """The non-nullable reference type `(ref heap)`."""
    return RefType(heap, False)


@functools.cache
def ref_null(heap: HeapType) -> RefType:
    """The nullable reference type `(ref null heap)`."""
    return RefType(heap, True)


FUNCREF = RefType(HT.FUNC, True)
EXTERNREF = RefType(HT.EXTERN, True)
ANYREF = RefType(HT.ANY, True)
EQREF = RefType(HT.EQ, True)
I31REF = RefType(HT.I31, True)
STRUCTREF = RefType(HT.STRUCT, True)
ARRAYREF = RefType(HT.ARRAY, True)
EXNREF = RefType(HT.EXN, True)
NULLREF = RefType(HT.NONE, True)
NULLFUNCREF = RefType(HT.NOFUNC, True)
NULLEXTERNREF = RefType(HT.NOEXTERN, True)
NULLEXNREF = RefType(HT.NOEXN, True)

ValType = NumType | RefType
"""A value type: number type or reference type."""
StorageType = NumType | RefType | PackedType
"""A field storage type: a value type or a packed type."""


@dataclass(frozen=True, slots=True)
class FieldType:
    """A struct/array field: storage type and mutability."""

    storage: StorageType
    mutable: bool = False

    def encode(self, buf: bytearray) -> None:
        """Append storage type then the mutability byte."""
        self.storage.encode(buf)
        buf.append(1 if self.mutable else 0)

    def wat(self, type_name: TypeNamer = default_type_name) -> str:
        """The WAT spelling (`i32`, `(mut eqref)`)."""
        s = self.storage.wat(type_name)
        return f"(mut {s})" if self.mutable else s


@dataclass(frozen=True, slots=True)
class StructType:
    """A struct composite type: a sequence of fields."""

    fields: tuple[FieldType, ...]

    def __post_init__(self) -> None:
        object.__setattr__(self, "fields", tuple(self.fields))

    def encode(self, buf: bytearray) -> None:
        """Append 0x5F then the vector of fields."""
        buf.append(0x5F)
        write_u32(buf, len(self.fields))
        for f in self.fields:
            f.encode(buf)


@dataclass(frozen=True, slots=True)
class ArrayType:
    """An array composite type: one element field."""

    field: FieldType

    def encode(self, buf: bytearray) -> None:
        """Append 0x5E then the element field."""
        buf.append(0x5E)
        self.field.encode(buf)


def _tuple_of(items: Iterable[ValType]) -> tuple[ValType, ...]:
    return tuple(items)


@dataclass(frozen=True, slots=True)
class FuncType:
    """A function composite type: parameter and result value types."""

    params: tuple[ValType, ...] = ()
    results: tuple[ValType, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "params", _tuple_of(self.params))
        object.__setattr__(self, "results", _tuple_of(self.results))

    def encode(self, buf: bytearray) -> None:
        """Append 0x60, the parameter vector and the result vector."""
        buf.append(0x60)
        write_u32(buf, len(self.params))
        for t in self.params:
            t.encode(buf)
        write_u32(buf, len(self.results))
        for t in self.results:
            t.encode(buf)


CompositeType = StructType | ArrayType | FuncType
"""A composite type: struct, array or func."""


@dataclass(frozen=True, slots=True)
class SubType:
    """A sub type: a composite type with its declared supertypes (absolute type indices) and finality."""

    composite: CompositeType
    supertypes: tuple[int, ...] = ()
    final: bool = True

    def __post_init__(self) -> None:
        object.__setattr__(self, "supertypes", tuple(self.supertypes))

    def encode(self, buf: bytearray) -> None:
        """Append the sub type; a final type without supertypes is written as its bare composite type."""
        if self.final and not self.supertypes:
            self.composite.encode(buf)
            return
        buf.append(0x4F if self.final else 0x50)
        write_u32(buf, len(self.supertypes))
        for s in self.supertypes:
            write_u32(buf, s)
        self.composite.encode(buf)


def as_subtype(t: SubType | CompositeType) -> SubType:
    """Wrap a bare composite type as a final sub type without supertypes."""
    return t if isinstance(t, SubType) else SubType(t)


@dataclass(frozen=True, slots=True)
class RecGroup:
    """A recursion group: sub types that may refer to each other by (absolute) type index."""

    subtypes: tuple[SubType, ...]

    def __post_init__(self) -> None:
        object.__setattr__(self, "subtypes", tuple(as_subtype(t) for t in self.subtypes))

    def encode(self, buf: bytearray) -> None:
        """Append 0x4E then the vector of sub types."""
        buf.append(0x4E)
        write_u32(buf, len(self.subtypes))
        for t in self.subtypes:
            t.encode(buf)
