# Tests of the primitive encodings (LEB128, floats, names): the exact bytes the Wasm binary format requires.
"""LEB128 writers produce the spec's minimal encodings, reject out-of-range values, and readers invert them."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clysm.wasm.encode import (
    DecodeError,
    read_name,
    read_s32,
    read_s33,
    read_s64,
    read_u32,
    write_f64,
    write_name,
    write_s32,
    write_s33,
    write_s64,
    write_u32,
)


def enc(writer, value) -> bytes:
    buf = bytearray()
    writer(buf, value)
    return bytes(buf)


@pytest.mark.parametrize("value, expected", [
    (0, b"\x00"), (1, b"\x01"), (127, b"\x7f"), (128, b"\x80\x01"), (624485, b"\xe5\x8e\x26"),
    (2**32 - 1, b"\xff\xff\xff\xff\x0f"),
])
def test_u32_known_encodings(value: int, expected: bytes) -> None:
    """Unsigned LEB128 matches the textbook examples (624485 -> E5 8E 26) and is minimal."""
    assert enc(write_u32, value) == expected


@pytest.mark.parametrize("value, expected", [
    (0, b"\x00"), (-1, b"\x7f"), (63, b"\x3f"), (64, b"\xc0\x00"), (-64, b"\x40"), (-65, b"\xbf\x7f"),
    (-123456, b"\xc0\xbb\x78"), (2**31 - 1, b"\xff\xff\xff\xff\x07"), (-(2**31), b"\x80\x80\x80\x80\x78"),
])
def test_s32_known_encodings(value: int, expected: bytes) -> None:
    """Signed LEB128: 64 needs two bytes (bit 6 is the sign), -123456 is C0 BB 78."""
    assert enc(write_s32, value) == expected


def test_s32_unsigned_alias() -> None:
    """An i32 constant given as its unsigned value encodes as the two's-complement signed value."""
    assert enc(write_s32, 0xFFFFFFFF) == enc(write_s32, -1)
    assert enc(write_s64, 2**64 - 1) == enc(write_s64, -1)


def test_s33_type_index_needs_sign_room() -> None:
    """Heap/block type indices are s33: index 64 takes two bytes so it is not read as a negative type code."""
    assert enc(write_s33, 63) == b"\x3f"
    assert enc(write_s33, 64) == b"\xc0\x00"
    assert read_s33(b"\xc0\x00", 0) == (64, 2)


@pytest.mark.parametrize("writer, value", [
    (write_u32, -1), (write_u32, 2**32), (write_s32, 2**32), (write_s32, -(2**31) - 1), (write_s64, 2**64),
    (write_s64, -(2**63) - 1), (write_s33, 2**32),
])
def test_out_of_range_rejected(writer, value: int) -> None:
    """Values that do not fit the immediate's width raise instead of silently wrapping."""
    with pytest.raises(ValueError):
        enc(writer, value)


@given(st.integers(0, 2**32 - 1))
def test_u32_round_trip(n: int) -> None:
    """read_u32 inverts write_u32 and consumes exactly the written bytes."""
    data = enc(write_u32, n)
    assert read_u32(data, 0) == (n, len(data))


@given(st.integers(-(2**31), 2**31 - 1))
def test_s32_round_trip(n: int) -> None:
    """read_s32 inverts write_s32."""
    data = enc(write_s32, n)
    assert read_s32(data, 0) == (n, len(data))


@given(st.integers(-(2**63), 2**63 - 1))
def test_s64_round_trip(n: int) -> None:
    """read_s64 inverts write_s64; at most 10 bytes."""
    data = enc(write_s64, n)
    assert len(data) <= 10
    assert read_s64(data, 0) == (n, len(data))


def test_truncated_and_overlong_input_rejected() -> None:
    """A LEB128 missing its last byte, or longer than 5 bytes for a u32, is a DecodeError."""
    with pytest.raises(DecodeError):
        read_u32(b"\x80", 0)
    with pytest.raises(DecodeError):
        read_u32(b"\x80\x80\x80\x80\x80\x00", 0)
    with pytest.raises(DecodeError):
        read_u32(b"\xff\xff\xff\xff\x1f", 0)  # 2**36 - 1 does not fit


def test_f64_little_endian_and_names() -> None:
    """f64 is IEEE little-endian; names are length-prefixed UTF-8."""
    assert enc(write_f64, 1.0) == b"\x00\x00\x00\x00\x00\x00\xf0\x3f"
    data = enc(write_name, "λx")
    assert data == b"\x03\xce\xbbx"
    assert read_name(data, 0) == ("λx", 4)
