# Smoke test of the Wasm toolkit's public API: the shape of module the Tier 2 compiler builds validates.
"""A rec group, imports, a recursive function, a global, a tag and a typed table validate in wasm-tools."""

from clysm.wasm import EQREF, I32, Code, FieldType, FuncType, Module, StructType, SubType, ref, ref_null


def test_compiler_shaped_module_validates(validate) -> None:
    """Types, imports, declared-then-defined functions, globals, tags, tables: one valid module."""
    m = Module()
    base = m.type_count
    cons, closure, proc = m.add_rec_group([
        SubType(StructType([FieldType(EQREF, True), FieldType(EQREF, True)])),
        SubType(StructType([FieldType(ref(base + 2))]), final=False),
        FuncType([ref(base + 1), I32, EQREF], [EQREF]),
    ], names=["cons", "closure", "proc"])
    fib_t = m.func_type([I32], [I32])
    assert m.func_type([I32], [I32]) == fib_t
    m.import_func("env", "log", m.func_type([I32], []))
    fib = m.declare_function(fib_t, "fib")
    assert fib == 1
    c = Code()
    c.local_get(0).i32_const(2).i32_lt_s().if_(I32).local_get(0).else_()
    c.local_get(0).i32_const(1).i32_sub().call(fib).local_get(0).i32_const(2).i32_sub().call(fib).i32_add().end()
    m.define_function(fib, [], c)
    m.export_func("fib", fib)
    m.add_global(EQREF, True, Code().i32_const(5).ref_i31(), name="g")
    m.add_tag(m.func_type([EQREF], []))
    m.add_table(ref_null(closure), 10)
    validate(m.encode())
