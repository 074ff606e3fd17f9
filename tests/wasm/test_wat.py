# Tests of the WAT printer's output itself: golden text for realistic modules (rewritten with BLESS=1),
# float formatting, bare instruction listings, and the time it takes on big modules.
"""print_module output is stable, readable and faithful; floats print exactly."""

import struct
import time

import pytest
from hypothesis import given
from hypothesis import strategies as st
from wasm_toolkit_samples import build_runnable_gc_module

from clysm.wasm import EQREF, HT, I32, Code, Module
from clysm.wasm.wat import format_f32, format_f64, print_instructions, print_module


def test_gc_module_golden(golden, wasm_tools) -> None:
    """The runnable GC sample prints as the blessed WAT, which wasm-tools parses back to the same code."""
    data = build_runnable_gc_module()
    text = print_module(data)
    golden("runnable_gc_module.wat", text)
    reparsed = wasm_tools("parse", "-", input=text.encode())
    assert wasm_tools("strip", "--all", "-", input=reparsed) == wasm_tools("strip", "--all", "-", input=data)


def test_print_instructions_indents_by_block_depth() -> None:
    """A bare Code buffer prints one instruction a line, nested blocks indented, else at the if's depth."""
    code = Code().local_get(0).if_(I32).block(None).nop().end().i32_const(1).else_().ref_null(HT.ANY).drop()
    code.i32_const(2).end()
    assert print_instructions(code.buf) == (
        "local.get 0\nif (result i32)\n  block\n    nop\n  end\n  i32.const 1\nelse\n  ref.null any\n  drop\n"
        "  i32.const 2\nend\n"
    )


@pytest.mark.parametrize("x, text", [
    (0.0, "0.0"), (-0.0, "-0.0"), (1.5, "1.5"), (0.1, "0.1"), (1e300, "1e+300"), (float("inf"), "inf"),
    (float("-inf"), "-inf"), (float("nan"), "nan"),
])
def test_f64_text(x: float, text: str) -> None:
    """f64 constants print as the shortest decimal (or inf/nan)."""
    assert format_f64(int.from_bytes(struct.pack("<d", x), "little")) == text


def test_nan_payload_and_f32_shortest() -> None:
    """NaN payloads are kept (nan:0x...); f32 prints the shortest text that reads back to the same f32."""
    assert format_f64(0x7FF0000000000001) == "nan:0x1"
    assert format_f64(0xFFF8000000000000) == "-nan"
    assert format_f32(int.from_bytes(struct.pack("<f", 0.1), "little")) == "0.1"
    assert format_f32(0x7FC00001) == "nan:0x400001"


@given(st.integers(0, 2**64 - 1))
def test_f64_text_reads_back(bits: int) -> None:
    """Every finite f64 prints to text that Python reads back to the same bits."""
    text = format_f64(bits)
    if "nan" not in text and "inf" not in text:
        assert struct.pack("<d", float(text)) == bits.to_bytes(8, "little")


def test_encoding_is_fast() -> None:
    """45,000 instructions in 200 functions encode well within the compiler's 50 ms budget for 1,000 lines."""

    def build() -> bytes:
        m = Module()
        t = m.func_type([EQREF, EQREF], [EQREF])
        funcs = [m.declare_function(t) for _ in range(200)]
        for f in funcs:
            c = Code()
            for _ in range(25):
                c.local_get(0).ref_cast(HT.I31).i31_get_s().local_get(1).ref_cast(HT.I31).i31_get_s()
                c.i32_add().ref_i31().local_set(0)
            m.define_function(f, [I32, I32, EQREF], c.local_get(0))
        return m.encode()

    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        build()
        best = min(best, time.perf_counter() - start)
    assert best < 0.040, f"encoding took {best * 1000:.1f} ms"


def test_label_comments_name_branch_targets() -> None:
    """Blocks are numbered @1, @2... by depth; a branch shows which block it targets; catch labels count
    from outside the try_table."""
    from clysm.wasm import FuncType, catch_all

    m = Module()
    m.add_function(m.add_type(FuncType([I32], [])), [], Code().block(None).loop(None).local_get(0).br_if(1)
                   .try_table(None, [catch_all(1)]).br(2).end().br(0).end().end())
    text = print_module(m.encode())
    assert "    block  ;; label = @1\n      loop  ;; label = @2\n" in text
    assert "br_if 1 (;@1;)" in text and "(catch_all 1 (;@1;))  ;; label = @3" in text
    assert "br 2 (;@1;)" in text and "br 0 (;@2;)" in text


def test_malformed_input_is_a_decode_error() -> None:
    """Truncated modules, bad magic and unknown opcodes raise DecodeError (never IndexError)."""
    from clysm.wasm import DecodeError

    m = Module()
    m.add_function(m.func_type([I32], [I32]), [], Code().local_get(0))
    data = m.encode()
    for bad in (data[:-3], data[:12], b"\x00asm\x02\x00\x00\x00", data[:-3] + b"\xff\x0b\x0b"):
        with pytest.raises(DecodeError):
            print_module(bad)


def test_corrupted_modules_never_crash_the_printer() -> None:
    """Random truncations and byte flips of a real module either print or raise DecodeError, nothing else."""
    import random

    from clysm.wasm import DecodeError

    data = build_runnable_gc_module()
    rnd = random.Random(7)
    for i in range(400):
        bad = bytearray(data)
        if i % 2:
            bad = bad[: rnd.randrange(len(bad))]
        else:
            for _ in range(3):
                bad[rnd.randrange(8, len(bad))] = rnd.randrange(256)
        try:
            print_module(bytes(bad))
        except DecodeError:
            pass
