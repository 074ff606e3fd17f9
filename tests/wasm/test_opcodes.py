# Tests that the instruction sink, the opcode table, our decoder and wasm-tools' decoder agree on every
# instruction clysm.wasm supports (opcode bytes and immediates).
"""Every `Code` method encodes the instruction the opcode table names, as wasm-tools reads it too."""

import re

import pytest

from clysm.wasm import ANYREF, EQREF, HT, I32, Code, FieldType, Module, StructType, catch, catch_all_ref, ref
from clysm.wasm.decode import read_instr
from clysm.wasm.opcodes import OPCODES
from clysm.wasm.wat import print_module

SAMPLE = {"label": 1, "func": 0, "type": 0, "local": 0, "global": 0, "table": 0, "tag": 0, "field": 1, "mem": 0,
          "u32": 3, "bt": I32, "i32": -5, "i64": 2**40, "f32": 1.5, "f64": -2.25, "ht": HT.ANY}
TEXT_NAME = {"select_t": "select", "ref.test_null": "ref.test", "ref.cast_null": "ref.cast"}


def method_name(op_name: str) -> str:
    """The `Code` method for an opcode-table name."""
    return {"if": "if_", "else": "else_", "return": "return_"}.get(op_name, op_name.replace(".", "_"))


def emit(code: Code, op) -> None:
    """Call the method for table entry `op` with sample immediates."""
    name, _, _, kinds = op
    method = getattr(code, method_name(name))
    if kinds == ("labels",):
        method([0, 1], 2)
    elif kinds == ("valtypes",):
        method([EQREF])
    elif kinds == ("bt", "catches"):
        method(I32, [catch(0, 0), catch_all_ref(1)])
    elif kinds == ("cast",):
        method(0, ANYREF, ref(0))
    elif kinds == ("memarg",):
        method(8)
    else:
        method(*[SAMPLE[k] for k in kinds])


def all_instructions() -> bytes:
    """One instruction of each kind; the blocks left open are closed at the end (not a valid body)."""
    code = Code()
    for op in OPCODES:
        emit(code, op)
    code.end().end().end()  # block, loop, try_table
    return bytes(code.buf)


@pytest.mark.parametrize("op", OPCODES, ids=[op[0] for op in OPCODES])
def test_method_encodes_table_opcode(op) -> None:
    """The method writes the table's opcode bytes, and our decoder reads back the same instruction."""
    code = Code()
    emit(code, op)
    data = bytes(code.buf)
    prefix = bytes([op[1]]) if op[2] is None else bytes([op[1], op[2]])
    assert data.startswith(prefix)
    name, _, end = read_instr(data, 0)
    assert name == op[0]
    assert end == len(data)


def test_no_method_without_table_entry() -> None:
    """Every public instruction method of Code is in the opcode table (so the WAT printer can decode it)."""
    table = {method_name(op[0]) for op in OPCODES}
    public = {n for n in dir(Code) if not n.startswith("_")} - {"buf", "raw"}
    assert public - table == set()


def module_with_everything() -> bytes:
    m = Module()
    m.add_type(StructType([FieldType(I32, True), FieldType(I32, True)]))
    void = m.func_type()
    f = m.declare_function(void)
    m.define_function(f, [I32], all_instructions())  # plus the final end the module adds
    return m.encode()


def test_wasm_tools_reads_the_same_instructions(wasm_tools) -> None:
    """wasm-tools' own decoder sees the same mnemonic sequence as the opcode table, in order."""
    text = wasm_tools("print", "-", input=module_with_everything()).decode()
    body = text.split("(local i32)", 1)[1]
    mnemonics = [line.split()[0] for line in body.splitlines() if re.match(r"\s+[a-z]", line)]
    expected = [TEXT_NAME.get(op[0], op[0]) for op in OPCODES] + ["end", "end", "end"]
    assert mnemonics == expected


def test_printed_text_parses_back_to_the_same_bytes(wasm_tools) -> None:
    """print_module's WAT for every instruction, parsed by wasm-tools, gives back our exact bytes."""
    data = module_with_everything()
    text = print_module(data)
    reparsed = wasm_tools("parse", "-", input=text.encode())
    stripped = wasm_tools("strip", "--all", "-", input=reparsed)
    assert stripped == data
