# Wasm toolkit: a WebAssembly 3.0 binary encoder and WAT printer that know nothing about Lisp.
"""clysm.wasm: build WebAssembly 3.0 (GC, tail calls, exceptions) modules as bytes, and print them as WAT.

    from clysm.wasm import Module, Code, SubType, StructType, FieldType, FuncType, I32, EQREF, HT, ref
    from clysm.wasm.wat import print_module

    m = Module()
    base = m.type_count                          # rec group members refer to each other by absolute index
    cons, proc = m.add_rec_group([
        SubType(StructType([FieldType(EQREF, mutable=True), FieldType(EQREF, mutable=True)])),
        FuncType([ref(base), I32], [EQREF]),
    ], names=["cons", "proc"])
    log = m.import_func("env", "log", m.func_type([I32], []), as_name="log")  # imports before definitions
    f = m.declare_function(proc, "car_or_len")  # index now; body later (mutual recursion)
    body = Code().local_get(0).struct_get(cons, 0)  # one method per opcode, chained; NO final `end`
    m.define_function(f, [EQREF], body)          # extra locals after the params; the module adds `end`
    m.export_func("car_or_len", f)
    data = m.encode()                            # bytes, with a `name` section
    print(print_module(data))                    # WAT, named from the name section

Many modules with the same types and imports: build the shared part once, `tpl = m.freeze()` (before any
function), then `Module(tpl)` starts each module from it; its sections and names are encoded once.

Method names are the instruction names with `.` -> `_` (`i32.add` -> `i32_add`); `if_`, `else_`, `return_`;
nullable casts are `ref_test_null` / `ref_cast_null`; typed select is `select_t([t])`.
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
from .module import (
    EXTERN_FUNC,
    EXTERN_GLOBAL,
    EXTERN_MEMORY,
    EXTERN_TABLE,
    EXTERN_TAG,
    Module,
    ModuleError,
    ModuleTemplate,
)
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
    "FuncType", "HeapType", "Module", "ModuleError", "ModuleTemplate", "Names", "NumType", "PackedType",
    "RecGroup", "RefType", "StorageType", "StructType", "SubType", "ValType", "catch", "catch_all", "catch_all_ref",
    "catch_ref", "ref", "ref_null",
]
