# Sample modules shared by the Wasm toolkit tests (execution on Node, WAT golden files).
"""Builders of small, realistic modules."""

from clysm.wasm import (
    EQREF,
    HT,
    I31REF,
    I32,
    Code,
    FieldType,
    FuncType,
    Module,
    StructType,
    catch,
    ref,
    ref_null,
)


def build_runnable_gc_module() -> bytes:
    """fib over i31ref, a cons-list sum, a tail-recursive countdown, throw/catch, an import; all exported."""
    m = Module()
    base = m.type_count
    cons, _ = m.add_rec_group([
        StructType([FieldType(EQREF, True), FieldType(EQREF, True)]),
        FuncType([I32], [I32]),
    ], names=["cons", "i2i"])
    i2i = base + 1
    log = m.import_func("env", "log", m.func_type([I32], []))
    fail = m.add_tag(m.func_type([I32], []), name="fail")

    # fib over i31ref: (fib n) on boxed fixnums, recursive
    fib_t = m.func_type([I31REF], [I31REF])
    fib = m.declare_function(fib_t, "fib_i31")
    c = Code()
    c.local_get(0).i31_get_s().i32_const(2).i32_lt_s().if_(I31REF).local_get(0).else_()
    c.local_get(0).i31_get_s().i32_const(1).i32_sub().ref_i31().call(fib).i31_get_s()
    c.local_get(0).i31_get_s().i32_const(2).i32_sub().ref_i31().call(fib).i31_get_s()
    c.i32_add().ref_i31().end()
    m.define_function(fib, [], c)
    fib_export = m.add_function(i2i, [], Code().local_get(0).ref_i31().call(fib).i31_get_s(), "fib")

    # (sum (list 1 .. n)) with $cons structs, nil = null
    c = Code()
    c.ref_null(HT.NONE).local_set(1)
    c.block(None).loop(None)
    c.local_get(0).i32_eqz().br_if(1)
    c.local_get(0).ref_i31().local_get(1).struct_new(cons).local_set(1)
    c.local_get(0).i32_const(1).i32_sub().local_set(0).br(0)
    c.end().end()
    c.i32_const(0).local_set(0)
    c.block(None).loop(None)
    c.local_get(1).br_on_null(1).local_tee(2).struct_get(cons, 0).ref_cast(HT.I31).i31_get_s()
    c.local_get(0).i32_add().local_set(0)
    c.local_get(2).struct_get(cons, 1).ref_cast_null(cons).local_set(1).br(0)
    c.end().end()
    c.local_get(0).local_get(0).call(log)
    sum_list = m.add_function(i2i, [ref_null(cons), ref(cons)], c, "sum_list")

    # a million tail calls do not grow the stack
    count = m.declare_function(i2i, "count_down")
    c = Code().local_get(0).i32_eqz().if_(I32).i32_const(42).else_()
    c.local_get(0).i32_const(1).i32_sub().return_call(count).end()
    m.define_function(count, [], c)

    # throw in a callee, caught by try_table in the caller
    div = m.add_function(m.func_type([I32, I32], [I32]), [], Code().local_get(1).i32_eqz().if_(None)
                         .local_get(0).throw(fail).end().local_get(0).local_get(1).i32_div_s(), "div")
    c = Code().block(I32).try_table(None, [catch(fail, 0)]).local_get(0).local_get(1).call(div).return_().end()
    c.unreachable().end().i32_const(1000).i32_add()
    safe_div = m.add_function(m.func_type([I32, I32], [I32]), [], c, "safe_div")
    mk = m.add_function(m.func_type([I32], [EQREF]), [], Code().local_get(0).ref_i31(), "make_fixnum")
    for name, f in (("fib", fib_export), ("sum_list", sum_list), ("count_down", count), ("safe_div", safe_div),
                    ("make_fixnum", mk)):
        m.export_func(name, f)
    return m.encode()
