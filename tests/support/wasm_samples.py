# Test helper: small hand-made WasmGC modules (built with the clysm.wasm toolkit, stdlib only) that host tests and
# the crossing benchmark run inside Pyodide. Importable on CPython (to validate with wasm-tools) and in Pyodide.
"""`sample_module()`: a small WasmGC module exercising imports, GC structs, i31, tail calls, exceptions, traps."""

from __future__ import annotations

from clysm.wasm.instructions import Code, catch_all
from clysm.wasm.module import Module
from clysm.wasm.types import EQREF, F64, FUNCREF, HT, I32, FieldType, StructType

__all__ = ["SAMPLE_EXPORTS", "sample_module"]

SAMPLE_EXPORTS = (
    "add", "callcb", "loop", "rec", "count_tail", "list_sum", "throw", "trap", "catch_cb", "g", "tab", "tag",
)


def sample_module() -> bytes:
    """Imports `host.cb : (f64) -> f64`. Exports:
    add(f64, f64) -> f64; callcb(x) = cb(x); loop(n) applies cb n times to 0.0 (Wasm -> Python in a loop);
    rec(i32) recurses without end (non-tail) to overflow the stack; count_tail(n, acc) counts n down with
    return_call; list_sum(n) builds a list of n GC conses holding i31 1..n and sums it; throw(i32) throws tag `tag`;
    trap() hits unreachable; catch_cb(x) = cb(x), or -1.0 if cb raised (try_table catch_all);
    mutable global g = 7; funcref table `tab` of size 2."""
    m = Module()
    cons = m.add_type(StructType((FieldType(EQREF, True), FieldType(EQREF, True))), name="cons")
    t_f_f = m.func_type([F64], [F64])
    cb = m.import_func("host", "cb", t_f_f)
    tag = m.add_tag(m.func_type([I32], []), name="tag")
    m.export_tag("tag", tag)

    m.export_func("add", m.add_function(m.func_type([F64, F64], [F64]), [],
                                        Code().local_get(0).local_get(1).f64_add(), name="add"))
    m.export_func("callcb", m.add_function(t_f_f, [], Code().local_get(0).call(cb), name="callcb"))

    # loop(n): acc = 0.0; while n: acc = cb(acc); n -= 1
    body = (Code().block().loop()
            .local_get(0).i32_eqz().br_if(1)
            .local_get(1).call(cb).local_set(1)
            .local_get(0).i32_const(1).i32_sub().local_set(0)
            .br(0).end().end().local_get(1))
    m.export_func("loop", m.add_function(m.func_type([I32], [F64]), [F64], body, name="loop"))

    t_i_i = m.func_type([I32], [I32])
    rec = m.declare_function(t_i_i, "rec")
    m.define_function(rec, [], Code().local_get(0).i32_const(1).i32_add().call(rec).i32_const(1).i32_add())
    m.export_func("rec", rec)

    count = m.declare_function(m.func_type([I32, I32], [I32]), "count_tail")
    m.define_function(count, [], Code().local_get(0).i32_eqz().if_(I32).local_get(1).else_()
                      .local_get(0).i32_const(1).i32_sub().local_get(1).i32_const(1).i32_add()
                      .return_call(count).end())
    m.export_func("count_tail", count)

    # list_sum(n): lst = null; for i = 1..n: lst = cons(i31 i, lst); then sum the cars
    body = (Code().ref_null(HT.EQ).local_set(1)
            .block().loop()
            .local_get(0).i32_eqz().br_if(1)
            .local_get(0).ref_i31().local_get(1).struct_new(cons).local_set(1)
            .local_get(0).i32_const(1).i32_sub().local_set(0)
            .br(0).end().end()
            .block().loop()
            .local_get(1).ref_is_null().br_if(1)
            .local_get(2).local_get(1).ref_cast(cons).struct_get(cons, 0).ref_cast(HT.I31).i31_get_s().i32_add()
            .local_set(2)
            .local_get(1).ref_cast(cons).struct_get(cons, 1).local_set(1)
            .br(0).end().end()
            .local_get(2))
    m.export_func("list_sum", m.add_function(t_i_i, [EQREF, I32], body, name="list_sum"))

    m.export_func("throw", m.add_function(m.func_type([I32], []), [], Code().local_get(0).throw(tag), name="throw"))
    m.export_func("trap", m.add_function(m.func_type([], []), [], Code().unreachable(), name="trap"))

    # catch_cb(x): block $h { try_table (result f64) (catch_all $h) { cb(x) } return } -1.0
    body = (Code().block()
            .try_table(F64, [catch_all(0)]).local_get(0).call(cb).end()
            .return_().end()
            .f64_const(-1.0))
    m.export_func("catch_cb", m.add_function(t_f_f, [], body, name="catch_cb"))

    m.export_global("g", m.add_global(I32, True, Code().i32_const(7), name="g"))
    m.export_table("tab", m.add_table(FUNCREF, 2))
    return m.encode()
