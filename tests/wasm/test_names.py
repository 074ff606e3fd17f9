# Tests of the `name` custom section (writer and reader) and of how the WAT printer names entities; also the
# builder's guard rails around index spaces.
"""Names written by the encoder are read by wasm-tools and by our printer; odd names still print valid WAT."""

import pytest

from clysm.wasm import EQREF, I32, Code, FieldType, FuncType, Module, ModuleError, Names, StructType
from clysm.wasm.names import decode_name_section, encode_name_section
from clysm.wasm.wat import print_module


def named_module() -> Module:
    m = Module()
    m.names.module = "demo"
    cons = m.add_type(StructType([FieldType(EQREF, True), FieldType(EQREF, True)]), name="cons")
    m.name_field(cons, 0, "car")
    m.name_field(cons, 1, "cdr")
    t = m.add_type(FuncType([I32], [I32]), name="i2i")
    log = m.import_func("env", "log", m.func_type([I32], []))
    m.name_function(log, "log")
    f = m.declare_function(t, "fib")
    m.define_function(f, [I32], Code().local_get(0).local_tee(1), local_names={0: "n", 1: "tmp"})
    g = m.add_global(I32, True, Code().i32_const(0), name="counter")
    m.add_tag(m.func_type([EQREF], []), name="unwind")
    m.export_func("fib", f)
    m.export_global("counter", g)
    return m


def test_name_section_round_trip() -> None:
    """Every subsection we write (module, func, local, type, table, memory, global, field, tag) reads back."""
    names = Names(module="m", func={0: "a", 2: "b"}, local={2: {0: "x", 1: "y"}}, type={1: "t"}, table={0: "tb"},
                  memory={0: "mem"}, global_={3: "g"}, field={1: {0: "car"}}, tag={0: "e"})
    assert decode_name_section(encode_name_section(names)) == names


def test_name_section_bytes() -> None:
    """The function-names subsection: id 1, size, count, (index, name)*, in increasing index order."""
    payload = encode_name_section(Names(func={1: "g", 0: "f"}))
    assert payload == bytes([1, 7, 2, 0, 1, ord("f"), 1, 1, ord("g")])


def test_wasm_tools_reads_our_names(wasm_tools, validate) -> None:
    """wasm-tools' printer (an independent reader) shows the names from our name section."""
    data = named_module().encode()
    validate(data)
    text = wasm_tools("print", "-", input=data).decode()
    for expected in ("(module $demo", "(type $cons", "(field $car", "(func $fib", "(param $n i32)", "(local $tmp",
                     "(global $counter", "(tag $unwind", '(import "env" "log" (func $log'):
        assert expected in text


def test_printer_uses_name_section_and_overrides(golden) -> None:
    """print_module names entities from the section; the `names` argument overrides and extends it."""
    data = named_module().encode()
    text = print_module(data)
    assert "struct.get" not in text and "local.tee $tmp" in text and "(func $fib (type $i2i)" in text
    golden("named_module.wat", text)
    renamed = print_module(data, names={"func": {1: "fibonacci"}, "global": {0: "count"}, "local": {1: {0: "k"}}})
    assert "(func $fibonacci" in renamed and "(global $count" in renamed and "(param $k i32)" in renamed
    assert "(export \"fib\" (func $fibonacci))" in renamed


def test_our_printer_reads_wasm_tools_names(wasm_tools) -> None:
    """Names that wasm-tools writes (from WAT identifiers) are read by our decoder."""
    data = wasm_tools("parse", "-", input=b'(module (type $pair (struct (field $a i32))) (func $go (param $x i32)))')
    text = print_module(data)
    assert "(type $pair (struct (field $a i32)))" in text and "(func $go (type $t1) (param $x i32)\n" in text


def test_odd_and_duplicate_names_print_as_valid_identifiers(wasm_tools) -> None:
    """Lisp names with spaces/parens, empty names and duplicates become distinct, parseable identifiers."""
    m = Module()
    t = m.func_type()
    for name in ("(setf car)", "(setf car)", "", "f1", "1+", "*x*"):
        m.add_function(t, [], Code(), name=name)
    text = print_module(m.encode())
    for ident in ("$_setf_car_", "$_setf_car__1", "$f2", "$f1", "$1+", "$*x*"):
        assert f"(func {ident} " in text
    wasm_tools("parse", "-", input=text.encode())  # all identifiers distinct and well-formed


def test_unnamed_entities_get_index_names() -> None:
    """Without names, functions/types/globals print as $f<i>/$t<i>/$g<i>."""
    m = Module()
    t = m.func_type([I32], [])
    f = m.add_function(t, [], Code().local_get(0).drop())
    m.add_global(I32, False, Code().i32_const(1))
    m.export_func("go", f)
    text = print_module(m.encode())
    assert "(type $t0 (func (param i32)))" in text and "(func $f0 (type $t0) (param i32)" in text
    assert "(global $g0 i32 i32.const 1)" in text


def test_imports_must_precede_definitions() -> None:
    """Adding an import after a definition of the same kind would shift indices: it raises."""
    m = Module()
    t = m.func_type()
    m.declare_function(t)
    with pytest.raises(ModuleError):
        m.import_func("env", "late", t)
    m.add_global(I32, False, Code().i32_const(0))
    with pytest.raises(ModuleError):
        m.import_global("env", "late", I32)
    m.import_tag("env", "ok", t)  # other kinds are unaffected


def test_function_index_space_and_definition_errors() -> None:
    """Imported functions come first; defining twice, defining an unknown index, or never defining raise."""
    m = Module()
    t = m.func_type()
    assert m.import_func("env", "a", t) == 0
    assert m.import_func("env", "b", t) == 1
    f = m.declare_function(t)
    assert f == 2 and m.func_count == 3
    with pytest.raises(ModuleError):
        m.define_function(0, [], Code())
    with pytest.raises(ModuleError):
        m.encode()
    m.define_function(f, [], Code())
    with pytest.raises(ModuleError):
        m.define_function(f, [], Code())
    m.export_func("x", f)
    with pytest.raises(ModuleError):
        m.export_func("x", f)


def test_package_docstring_example_runs(validate) -> None:
    """The usage example in clysm.wasm's docstring builds a valid module and prints it with its names."""
    import contextlib
    import io
    import textwrap

    import clysm.wasm

    example = clysm.wasm.__doc__.split("\n\n", 1)[1].split("\nMethod names")[0]
    scope: dict = {}
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(textwrap.dedent(example), scope)
    validate(scope["data"])
    assert '(import "env" "log" (func $log' in out.getvalue() and "struct.get $cons 0" in out.getvalue()


def test_import_names() -> None:
    """Imports named with as_name print with those names."""
    m = Module()
    t = m.func_type()
    m.import_func("rt", "f", t, as_name="hook")
    m.import_global("rt", "nil", EQREF, as_name="NIL")
    m.import_tag("rt", "unwind", m.func_type([EQREF], []), as_name="unwind")
    text = print_module(m.encode())
    assert "(func $hook " in text and "(global $NIL eqref)" in text and "(tag $unwind " in text
