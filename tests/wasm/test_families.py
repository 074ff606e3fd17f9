# Tests that every instruction family the Tier 2 compiler may use builds VALID modules (wasm-tools and wasmtime
# agree), and that the WAT printer's text of each module parses back to the very same bytes.
"""Valid modules for each instruction family; print -> parse round trips are byte-exact."""

import pytest

from clysm.wasm import (
    ANYREF,
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
    ArrayType,
    Code,
    FieldType,
    FuncType,
    Module,
    StructType,
    SubType,
    catch,
    catch_all,
    catch_all_ref,
    catch_ref,
    ref,
    ref_null,
)
from clysm.wasm.opcodes import OPCODES, SIMPLE_NUMERIC
from clysm.wasm.wat import print_module

NUM = {"i32": I32, "i64": I64, "f32": F32, "f64": F64}
UNARY = {"clz", "ctz", "popcnt", "abs", "neg", "ceil", "floor", "trunc", "nearest", "sqrt", "extend8_s",
         "extend16_s", "extend32_s"}


def numeric_signature(name: str) -> tuple[list, list]:
    """Operand and result types of a numeric instruction, from its name (e.g. f64.convert_i32_s)."""
    t, op = name.split(".")
    result = NUM[t]
    for src in ("_i32", "_i64", "_f32", "_f64"):
        if src in op:  # a conversion: the source type is named in the operator
            return [NUM[src[1:]]], [result]
    if op == "eqz":
        return [result], [I32]
    if op.split("_")[0] in ("eq", "ne", "lt", "gt", "le", "ge"):
        return [result, result], [I32]
    if op in UNARY:
        return [result], [result]
    return [result, result], [result]


def check(data: bytes, validate, wasm_tools) -> str:
    """Validate `data` and check that its printed WAT (with label comments) parses back to the same bytes;
    return the WAT without label comments."""
    validate(data)
    text = print_module(data)
    reparsed = wasm_tools("parse", "-", input=text.encode())
    assert wasm_tools("strip", "--all", "-", input=reparsed) == wasm_tools("strip", "--all", "-", input=data)
    return print_module(data, labels=False)


def test_every_numeric_instruction(validate, wasm_tools) -> None:
    """One function per numeric instruction (incl. saturating truncations), typed from its name."""
    m = Module()
    names = [n for n, _ in SIMPLE_NUMERIC] + [op[0] for op in OPCODES if op[1] == 0xFC and not op[3]]
    for name in names:
        params, results = numeric_signature(name)
        code = Code()
        for i in range(len(params)):
            code.local_get(i)
        getattr(code, name.replace(".", "_"))()
        m.add_function(m.func_type(params, results), [], code, name=name)
    text = check(m.encode(), validate, wasm_tools)
    assert "(func $f64.convert_i64_u" in text


def test_constants_and_memory(validate, wasm_tools) -> None:
    """Constants at range edges, special floats, and loads/stores with offsets and alignment."""
    m = Module()
    m.add_memory(1, 2)
    code = Code()
    for v in (0, -1, 63, 64, -65, 2**31 - 1, -(2**31), 0xFFFFFFFF):
        code.i32_const(v).drop()
    for v in (2**63 - 1, -(2**63), 2**40):
        code.i64_const(v).drop()
    for x in (0.0, -0.0, 1.5, 0.1, float("inf"), float("-inf"), float("nan"), 1e300, 5e-324):
        code.f64_const(x).drop()
        code.f32_const(x if abs(x) < 1e38 or x != x or abs(x) == float("inf") else 1e38).drop()
    code.i32_const(0).i32_const(0).i32_load(4).i32_store(8, 1)
    code.i32_const(0).i64_load8_u(3).drop().i32_const(0).f64_const(2.0).f64_store(16)
    code.memory_size().memory_grow().drop()
    code.i32_const(0).i32_const(0).i32_const(4).memory_fill()
    code.i32_const(0).i32_const(8).i32_const(4).memory_copy()
    m.add_function(m.func_type(), [], code)
    text = check(m.encode(), validate, wasm_tools)
    assert "i32.const -2147483648" in text and "f64.const 0.1" in text and "f32.const 0.1\n" in text


def test_control_and_calls(validate, wasm_tools) -> None:
    """Blocks with value and type-index block types, branches, br_table, direct/indirect/ref/tail calls."""
    m = Module()
    i2i = m.func_type([I32], [I32])
    pair = m.func_type([I32], [I32, I32])  # a block type with a parameter and two results
    m.add_table(FUNCREF, 2, 2)
    f = m.declare_function(i2i, "f")
    g = m.declare_function(i2i, "g")
    m.add_active_elements(0, Code().i32_const(0), [f, g])
    m.declare_ref_func(g)
    body = Code()
    body.nop().block(None).loop(None).local_get(0).br_if(1).br(0).end().end()
    body.local_get(0).block(pair).local_get(0).end().i32_add()
    body.block(None).block(None).local_get(0).br_table([0, 1], 1).end().end()
    body.local_get(0).i32_eqz().if_(None).i32_const(0).return_().end()
    body.local_get(0).i32_const(1).i32_sub().call(g).drop()
    body.local_get(0).i32_const(1).call_indirect(i2i, 0).drop()
    body.local_get(0).ref_func(g).call_ref(i2i).drop()
    body.local_get(0).i32_const(1).i32_sub().return_call(g)
    m.define_function(f, [], body)
    body = Code()
    body.local_get(0).i32_eqz().if_(I32).i32_const(1).else_().local_get(0).i32_const(1).i32_sub()
    body.i32_const(0).return_call_indirect(i2i, 0).end()
    m.define_function(g, [], body)
    h = m.add_function(i2i, [], Code().local_get(0).ref_func(f).return_call_ref(i2i), name="h")
    m.declare_ref_func(f)
    m.add_function(m.func_type(), [], Code().unreachable())
    m.export_func("h", h)
    text = check(m.encode(), validate, wasm_tools)
    assert "return_call_indirect $tab0 (type $t0)" in text
    assert "(elem (table $tab0) (offset i32.const 0) func $f $g)" in text


def test_exceptions(validate, wasm_tools) -> None:
    """try_table with all four catch kinds, throw, throw_ref, exnref locals and imported/exported tags."""
    m = Module()
    p_eq = m.func_type([EQREF], [])
    imported = m.import_tag("rt", "unwind", p_eq)
    tag = m.add_tag(m.func_type([I32], []), name="oops")
    m.export_tag("oops", tag)
    body = Code()
    multi = m.func_type([], [I32, ref(HT.EXN)])
    body.block(EXNREF).block(None).block(EQREF).block(multi)
    body.try_table(None, [catch_ref(tag, 0), catch(imported, 1), catch_all(2), catch_all_ref(3)])
    body.local_get(0).if_(None).i32_const(1).throw(tag).end()
    body.ref_null(HT.NONE).throw(imported)
    body.end()                                            # try_table
    body.unreachable().end()                              # block multi: [i32 exnref]
    body.local_set(1).drop().ref_null(HT.EXN).br(2).end()  # block eqref
    body.drop().ref_null(HT.EXN).br(1).end()              # block none
    body.ref_null(HT.EXN).end()                           # block exnref
    body.local_tee(1).ref_is_null().if_(None).return_().end()
    body.local_get(1).ref_as_non_null().throw_ref()
    m.add_function(m.func_type([I32], []), [EXNREF], body)
    text = check(m.encode(), validate, wasm_tools)
    assert "(catch_ref $oops 0) (catch $tag0 1) (catch_all 2) (catch_all_ref 3)" in text


def test_gc_structs_arrays_casts_and_i31(validate, wasm_tools) -> None:
    """Struct/array creation and access (packed too), casts, br_on_cast(_fail), conversions and i31."""
    m = Module()
    base = m.type_count
    obj, cons, vec, bytes_t, proc = m.add_rec_group([
        SubType(StructType([]), final=False),
        SubType(StructType([FieldType(EQREF, True), FieldType(EQREF, True), FieldType(I8, True)]), [base]),
        ArrayType(FieldType(EQREF, True)),
        ArrayType(FieldType(I16, True)),
        FuncType([ref(base + 1)], [EQREF]),
    ], names=["obj", "cons", "vec", "bytes", "proc"])
    m.name_field(cons, 0, "car")
    m.name_field(cons, 1, "cdr")
    body = Code()
    body.local_get(0).struct_get(cons, 0).local_get(0).struct_get(cons, 1).local_get(0).struct_get_s(cons, 2)
    body.struct_new(cons)
    body.local_tee(1).struct_get_u(cons, 2).drop()
    body.local_get(1).i32_const(5).struct_set(cons, 2)
    body.local_get(1).struct_new_default(obj).struct_set(cons, 1)
    body.ref_null(HT.NONE).i32_const(3).array_new(vec).local_set(2)
    body.i32_const(3).array_new_default(bytes_t).i32_const(0).array_get_s(bytes_t).drop()
    body.i32_const(1).ref_i31().i32_const(2).ref_i31().array_new_fixed(vec, 2).array_len().drop()
    body.local_get(2).i32_const(0).local_get(1).array_set(vec)
    body.local_get(2).i32_const(0).array_get(vec).drop()
    body.i32_const(2).array_new_default(bytes_t).i32_const(1).array_get_u(bytes_t).drop()
    body.local_get(2).i32_const(0).ref_null(HT.NONE).i32_const(3).array_fill(vec)
    body.local_get(2).i32_const(0).local_get(2).i32_const(1).i32_const(2).array_copy(vec, vec)
    body.local_get(1).ref_test(cons).local_get(1).ref_test_null(obj).i32_and().drop()
    body.local_get(1).ref_cast_null(HT.EQ).ref_cast(HT.STRUCT).drop()
    body.block(ref(cons)).local_get(1).br_on_cast(0, EQREF, ref(cons)).drop().local_get(0).end().drop()
    body.block(EQREF).local_get(1).br_on_cast_fail(0, EQREF, ref_null(cons)).struct_get(cons, 1).end().drop()
    body.block(None).local_get(1).br_on_null(0).drop().end()
    body.block(ref(cons)).local_get(0).br_on_non_null(0).unreachable().end().drop()
    body.local_get(1).extern_convert_any().any_convert_extern().ref_cast(HT.I31).i31_get_u().drop()
    body.local_get(1).local_get(1).ref_eq().drop()
    body.local_get(1)
    m.add_function(proc, [ref_null(cons), ref_null(vec)], body, name="gc")
    m.add_global(I31REF, False, Code().i32_const(-1).ref_i31())
    m.add_global(ANYREF, True, Code().i32_const(1).i32_const(2).i32_add().ref_i31().extern_convert_any()
                 .any_convert_extern())
    m.add_global(EXTERNREF, False, Code().ref_null(HT.NOEXTERN))
    m.add_global(ref(cons), False, Code().i32_const(0).ref_i31().ref_null(HT.NONE).i32_const(0).struct_new(cons))
    text = check(m.encode(), validate, wasm_tools)
    assert "struct.get $cons $car" in text and "(field $car (mut eqref))" in text
    assert "br_on_cast_fail 0 eqref (ref null $cons)" in text


def test_tables_and_element_segments(validate, wasm_tools) -> None:
    """Typed tables with and without init, table.get/set/size/grow/fill/copy, every element segment form."""
    m = Module()
    void = m.func_type()
    imported = m.import_table("rt", "fns", ref_null(void), 4)
    f = m.declare_function(void)
    t1 = m.add_table(ref(void), 2, 10, Code().ref_func(f))
    t2 = m.add_table(FUNCREF, 3)
    m.add_active_elements(t2, Code().i32_const(0), [f])
    m.add_active_elements(t1, Code().i32_const(1), [f, f], element=ref(void))
    m.add_element_exprs(ref_null(void), [Code().ref_func(f), Code().ref_null(void)])
    m.add_element_exprs(ref(void), [Code().ref_func(f)], declarative=True)
    m.add_element_exprs(ref_null(void), [Code().ref_null(HT.NOFUNC)], table=imported, offset=Code().i32_const(0))
    m.add_declarative_elements([f])
    body = Code()
    body.i32_const(1).i32_const(0).table_get(t1).table_set(t1)
    body.ref_func(f).i32_const(1).table_grow(t1).drop().table_size(t2).drop()
    body.i32_const(0).ref_null(HT.NOFUNC).i32_const(1).table_fill(imported)
    body.i32_const(0).i32_const(0).i32_const(1).table_copy(imported, t1)
    m.define_function(f, [], body)
    m.export_table("fns", imported)
    text = check(m.encode(), validate, wasm_tools)
    assert "(table $tab1 2 10 (ref $t0) ref.func $f0)" in text


@pytest.mark.parametrize("vt", [I32, I64, F32, F64, EQREF])
def test_select(vt, validate, wasm_tools) -> None:
    """select for numbers, typed select (required for references) for every kind of operand."""
    m = Module()
    code = Code().local_get(0).local_get(0).local_get(1)
    if vt is EQREF:
        code.select_t([vt])
    else:
        code.select_t([vt]).drop().local_get(0).local_get(0).local_get(1).select()
    m.add_function(m.func_type([vt, I32], [vt]), [], code)
    check(m.encode(), validate, wasm_tools)


def test_every_import_and_export_kind(validate, wasm_tools) -> None:
    """Function, table, memory, global and tag imports (index spaces start with them) and exports of each."""
    m = Module()
    void = m.func_type()
    f = m.import_func("rt", "f", void)
    t = m.import_table("rt", "t", FUNCREF, 1, 5)
    mem = m.import_memory("rt", "mem", 1)
    g = m.import_global("rt", "g", I64, mutable=True)
    tag = m.import_tag("rt", "e", m.func_type([I64], []))
    assert (f, t, mem, g, tag) == (0, 0, 0, 0, 0)
    own = m.add_function(void, [], Code().global_get(g).throw(tag))
    assert own == 1 and m.add_memory(1) == 1 and m.add_global(I32, False, Code().i32_const(0)) == 1
    for name, kind_export, idx in (("f", m.export_func, own), ("t", m.export_table, t), ("m", m.export_memory, 1),
                                   ("g", m.export_global, g), ("e", m.export_tag, tag)):
        kind_export(name, idx)
    text = check(m.encode(), validate, wasm_tools)
    assert '(import "rt" "mem" (memory $mem0 1))' in text and '(export "m" (memory $mem1))' in text
