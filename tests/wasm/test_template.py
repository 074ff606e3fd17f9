# Tests of module templates (Module.freeze / Module(template)): many modules start from one encoded prefix of
# types, imports, globals and names (clysm's JIT modules do), and must encode exactly as if built from scratch.
"""A module started from a template is the same module, byte for byte, as one that repeats the template's calls."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from clysm.wasm import EQREF, F64, HT, I32, Code, FieldType, FuncType, Module, ModuleError, StructType, ref_null
from clysm.wasm.decode import decode_module
from clysm.wasm.wat import print_module


def prefix(m: Module) -> None:
    """The shared part: a struct type with field names, function types, named imports of every kind, a global."""
    cons = m.add_type(StructType([FieldType(EQREF, True), FieldType(EQREF, True)]), name="cons")
    m.name_field(cons, 0, "car")
    m.name_field(cons, 1, "cdr")
    for i in range(3):
        m.import_func("rt", f"f{i}", m.func_type([EQREF] * i, [EQREF]), as_name=f"rt.f{i}")
    m.import_table("rt", "fns", ref_null(cons), 0, as_name="fns")
    m.import_global("rt", "nil", EQREF, as_name="nil")
    m.import_tag("rt", "unwind", m.func_type([EQREF], []))
    m.add_global(I32, True, Code().i32_const(0), "counter")


def suffix(m: Module, rename_import: bool = False, more_fields: bool = False) -> None:
    """What one module adds: an import after the template's, types (some already there), functions, names."""
    reg = m.import_func("reg", "add", m.func_type([F64, F64], [F64]), as_name="reg.add")
    t = m.func_type([EQREF], [EQREF])  # already in the template
    t2 = m.func_type([I32], [I32])  # new
    f = m.declare_function(t, "main")
    g = m.declare_function(t2, "helper")
    m.define_function(f, [EQREF], Code().local_get(0).call(1), local_names={0: "x", 1: "tmp"})
    m.define_function(g, [], Code().local_get(0).f64_convert_i32_s().f64_const(1).call(reg).i32_trunc_f64_s())
    m.add_global(EQREF, True, Code().ref_null(HT.NONE), "k1_foo")
    m.export_func("main", f)
    if rename_import:
        m.name_function(0, "renamed.f0")  # overrides a template name: the prefix cannot be reused as is
    if more_fields:
        m.name_field(0, 0, "first")


@pytest.mark.parametrize(("rename", "fields"), [(False, False), (True, False), (False, True)])
def test_template_module_is_byte_identical(rename: bool, fields: bool, validate: Callable[[bytes], None]) -> None:
    """Module(template) + the same later calls encodes exactly like a module that makes all the calls itself,
    including the name section (template names first, added ones after, overridden ones merged)."""
    scratch = Module()
    prefix(scratch)
    suffix(scratch, rename, fields)
    base = Module()
    prefix(base)
    tpl = base.freeze()
    m = Module(tpl)
    suffix(m, rename, fields)
    data = m.encode()
    assert data == scratch.encode()
    assert m.encode(names=False) == scratch.encode(names=False)
    validate(data)


def test_template_is_not_changed_by_its_modules() -> None:
    """Adding types, imports, globals and names to one module leaves the template (and later modules) as they were."""
    base = Module()
    prefix(base)
    tpl = base.freeze()
    empty = Module(tpl).encode()
    m = Module(tpl)
    suffix(m, rename_import=True, more_fields=True)
    m.encode()
    assert Module(tpl).encode() == empty == base.encode()
    scratch = Module()
    prefix(scratch)
    suffix(scratch)
    again = Module(tpl)  # the same additions again get the same (fresh) indices
    suffix(again)
    assert again.encode() == scratch.encode()


def test_template_names_are_printed() -> None:
    """The WAT of a module built from a template names the template's entities and the added ones."""
    base = Module()
    prefix(base)
    m = Module(base.freeze())
    suffix(m)
    text = print_module(m.encode())
    for expected in ("$rt.f1", "$reg.add", "$main", "$helper", "$fns", "$nil", "$counter", "$k1_foo", "$car",
                     "(param $x eqref)"):
        assert expected in text
    names = decode_module(m.encode()).names
    assert names.func[0] == "rt.f0" and names.func[3] == "reg.add" and names.field[0] == {0: "car", 1: "cdr"}


def test_template_of_a_templated_module() -> None:
    """A module started from a template can itself become a template (its names are the merged ones)."""
    base = Module()
    prefix(base)
    m = Module(base.freeze())
    m.import_func("reg", "sub", m.func_type([F64, F64], [F64]), as_name="reg.sub")
    m.name_function(0, "renamed.f0")
    second = Module(m.freeze())
    suffix(second)
    scratch = Module()
    prefix(scratch)
    scratch.import_func("reg", "sub", scratch.func_type([F64, F64], [F64]), as_name="reg.sub")
    scratch.name_function(0, "renamed.f0")
    suffix(scratch)
    assert second.encode() == scratch.encode()


def test_template_holds_only_types_imports_globals_and_names() -> None:
    """A module that already has functions (or exports, tables, ...) cannot become a template."""
    m = Module()
    m.add_function(m.func_type(), [], Code())
    with pytest.raises(ModuleError):
        m.freeze()


def test_reserved_function_imports_encode_in_place(validate: Callable[[bytes], None]) -> None:
    """Function imports reserved after a template's (Module.reserve_func_imports) and given later, once functions
    are declared and other imports added, encode at their place in the import section; the unset ones import the
    filler; encoded types (add_encoded_type) are ordinary types."""
    t = Module()
    prefix(t)
    m = Module(t.freeze())
    ee = m.func_type([EQREF], [EQREF])
    first = m.reserve_func_imports(3, ("rt", "f1", ee))
    assert first == 3
    after = m.import_func("reg", "g", m.func_type([F64, F64], [F64]), as_name="reg.g")
    assert after == 6
    f = m.declare_function(ee, "main")
    enc = bytearray()
    FuncType((EQREF, EQREF), (EQREF,)).encode(enc)
    t2 = m.add_encoded_type(bytes(enc))
    m.set_func_import(first, "rt", "h", t2, as_name="rt.h")
    m.define_function(f, [], Code().local_get(0).local_get(0).call(first).call(first + 1))
    data = m.encode()
    validate(data)
    text = print_module(data)
    order = [text.index(s) for s in ('"rt" "unwind"', '"rt" "h" (func $rt.h', '"rt" "f1" (func $f4',
                                     '"rt" "f1" (func $f5', '"reg" "g" (func $reg.g')]
    assert order == sorted(order)
    assert len(decode_module(data).imports) == 3 + 3 + 3 + 1
    with pytest.raises(ModuleError):
        m.reserve_func_imports(1, ("rt", "f1", ee))
