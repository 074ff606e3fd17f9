# Wasm toolkit: a WebAssembly 3.0 binary encoder and WAT printer that know nothing about Lisp.
"""clysm.wasm: build WebAssembly 3.0 (GC, tail calls, exceptions) modules as bytes, and print them as WAT.

    from clysm.wasm import Module, Code, I32, EQREF, HT, ref, ref_null, FuncType, StructType, FieldType
"""

from .encode import DecodeError
from .instructions import (
    CATCH,
    CATCH_ALL,
    CATCH_ALL_REF,
    CATCH_REF,
    BlockType,
    Catch,
    Code,
    catch,
    catch_all,
    catch_all_ref,
    catch_ref,
)
from .module import EXTERN_FUNC, EXTERN_GLOBAL, EXTERN_MEMORY, EXTERN_TABLE, EXTERN_TAG, Module, ModuleError
from .names import Names
from .types import (
    ANYREF,
    ARRAYREF,
    EQREF,
    EXNREF,
    EXTERNREF,
    F32,
    F64,
    FUNCREF,
    HT,
    I8,
    I16,
    I31REF,
    I32,
    I64,
    NULLEXNREF,
    NULLEXTERNREF,
    NULLFUNCREF,
    NULLREF,
    STRUCTREF,
    V128,
    AbsHeapType,
    ArrayType,
    CompositeType,
    FieldType,
    FuncType,
    HeapType,
    NumType,
    PackedType,
    RecGroup,
    RefType,
    StorageType,
    StructType,
    SubType,
    ValType,
    ref,
    ref_null,
)

__all__ = [
    "ANYREF", "ARRAYREF", "CATCH", "CATCH_ALL", "CATCH_ALL_REF", "CATCH_REF", "EQREF", "EXNREF", "EXTERNREF",
    "EXTERN_FUNC", "EXTERN_GLOBAL", "EXTERN_MEMORY", "EXTERN_TABLE", "EXTERN_TAG", "F32", "F64", "FUNCREF", "HT",
    "I8", "I16", "I31REF", "I32", "I64", "NULLEXNREF", "NULLEXTERNREF", "NULLFUNCREF", "NULLREF", "STRUCTREF",
    "V128", "AbsHeapType", "ArrayType", "BlockType", "Catch", "Code", "CompositeType", "DecodeError", "FieldType",
    "FuncType", "HeapType", "Module", "ModuleError", "Names", "NumType", "PackedType", "RecGroup", "RefType",
    "StorageType", "StructType", "SubType", "ValType", "catch", "catch_all", "catch_all_ref", "catch_ref", "ref",
    "ref_null",
]
