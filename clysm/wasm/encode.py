# Wasm toolkit: the primitive value encodings of the Wasm 3.0 binary format (LEB128 integers, floats, names,
# vectors) and their readers. Every other encoder in clysm.wasm appends bytes to a bytearray through these.
"""LEB128 and other primitive encodings of the WebAssembly binary format (spec 5.2 "Values")."""

from __future__ import annotations

import struct

__all__ = [
    "DecodeError",
    "read_f32",
    "read_f64",
    "read_name",
    "read_s32",
    "read_s33",
    "read_s64",
    "read_u32",
    "write_f32",
    "write_f64",
    "write_name",
    "write_s32",
    "write_s33",
    "write_s64",
    "write_u32",
    "u32_bytes",
]

_F32 = struct.Struct("<f")
_F64 = struct.Struct("<d")


class DecodeError(ValueError):
    """A byte sequence is not a well-formed encoding (truncated, overlong, or out of range)."""


def write_u32(buf: bytearray, n: int) -> None:
    """Append `n` (0 <= n < 2**32) as unsigned LEB128."""
    if n < 0x80:
        if n < 0:
            raise ValueError(f"u32 out of range: {n}")
        buf.append(n)
        return
    if n >= 1 << 32:
        raise ValueError(f"u32 out of range: {n}")
    while True:
        byte = n & 0x7F
        n >>= 7
        if n:
            buf.append(byte | 0x80)
        else:
            buf.append(byte)
            return


def u32_bytes(n: int) -> bytes:
    """Return `n` as unsigned LEB128 bytes."""
    buf = bytearray()
    write_u32(buf, n)
    return bytes(buf)


def _write_signed(buf: bytearray, n: int) -> None:
    while True:
        byte = n & 0x7F
        n >>= 7
        if (n == 0 and not byte & 0x40) or (n == -1 and byte & 0x40):
            buf.append(byte)
            return
        buf.append(byte | 0x80)


def write_s32(buf: bytearray, n: int) -> None:
    """Append `n` as signed LEB128; values in [2**31, 2**32) are taken as their two's-complement i32."""
    if -64 <= n < 64:
        buf.append(n & 0x7F)
        return
    if n >= 1 << 31:
        if n >= 1 << 32:
            raise ValueError(f"i32 out of range: {n}")
        n -= 1 << 32
    elif n < -(1 << 31):
        raise ValueError(f"i32 out of range: {n}")
    _write_signed(buf, n)


def write_s64(buf: bytearray, n: int) -> None:
    """Append `n` as signed LEB128; values in [2**63, 2**64) are taken as their two's-complement i64."""
    if -64 <= n < 64:
        buf.append(n & 0x7F)
        return
    if n >= 1 << 63:
        if n >= 1 << 64:
            raise ValueError(f"i64 out of range: {n}")
        n -= 1 << 64
    elif n < -(1 << 63):
        raise ValueError(f"i64 out of range: {n}")
    _write_signed(buf, n)


def write_s33(buf: bytearray, n: int) -> None:
    """Append `n` as signed 33-bit LEB128 (block type indices; heap type indices)."""
    if 0 <= n < 64:
        buf.append(n)
        return
    if not -(1 << 32) <= n < 1 << 32:
        raise ValueError(f"s33 out of range: {n}")
    _write_signed(buf, n)


def write_f32(buf: bytearray, x: float) -> None:
    """Append `x` as a little-endian IEEE 754 binary32."""
    buf += _F32.pack(x)


def write_f64(buf: bytearray, x: float) -> None:
    """Append `x` as a little-endian IEEE 754 binary64."""
    buf += _F64.pack(x)


def write_name(buf: bytearray, name: str) -> None:
    """Append a name: its UTF-8 byte length (u32) then the bytes."""
    data = name.encode("utf-8")
    write_u32(buf, len(data))
    buf += data


# ---------------------------------------------------------------------------------------------------------------
# Readers: each takes the data and a position and returns (value, new position).


def read_u32(data: bytes, pos: int) -> tuple[int, int]:
    """Read an unsigned LEB128 u32 at `pos`."""
    result = 0
    shift = 0
    try:
        while True:
            byte = data[pos]
            pos += 1
            result |= (byte & 0x7F) << shift
            if not byte & 0x80:
                break
            shift += 7
            if shift >= 35:
                raise DecodeError("u32 LEB128 too long")
    except IndexError:
        raise DecodeError("unexpected end of data in LEB128") from None
    if result >= 1 << 32:
        raise DecodeError("u32 out of range")
    return result, pos


def _read_signed(data: bytes, pos: int, bits: int) -> tuple[int, int]:
    result = 0
    shift = 0
    try:
        while True:
            byte = data[pos]
            pos += 1
            result |= (byte & 0x7F) << shift
            shift += 7
            if not byte & 0x80:
                break
            if shift >= bits + 7:
                raise DecodeError(f"s{bits} LEB128 too long")
    except IndexError:
        raise DecodeError("unexpected end of data in LEB128") from None
    if byte & 0x40:
        result -= 1 << shift
    if not -(1 << (bits - 1)) <= result < 1 << (bits - 1):
        raise DecodeError(f"s{bits} out of range")
    return result, pos


def read_s32(data: bytes, pos: int) -> tuple[int, int]:
    """Read a signed LEB128 i32 at `pos`."""
    return _read_signed(data, pos, 32)


def read_s33(data: bytes, pos: int) -> tuple[int, int]:
    """Read a signed LEB128 s33 at `pos`."""
    return _read_signed(data, pos, 33)


def read_s64(data: bytes, pos: int) -> tuple[int, int]:
    """Read a signed LEB128 i64 at `pos`."""
    return _read_signed(data, pos, 64)


def read_f32(data: bytes, pos: int) -> tuple[float, int]:
    """Read a little-endian binary32 at `pos`."""
    if pos + 4 > len(data):
        raise DecodeError("unexpected end of data in f32")
    return _F32.unpack_from(data, pos)[0], pos + 4


def read_f64(data: bytes, pos: int) -> tuple[float, int]:
    """Read a little-endian binary64 at `pos`."""
    if pos + 8 > len(data):
        raise DecodeError("unexpected end of data in f64")
    return _F64.unpack_from(data, pos)[0], pos + 8


def read_name(data: bytes, pos: int) -> tuple[str, int]:
    """Read a name (length-prefixed UTF-8) at `pos`."""
    n, pos = read_u32(data, pos)
    if pos + n > len(data):
        raise DecodeError("unexpected end of data in name")
    return bytes(data[pos : pos + n]).decode("utf-8"), pos + n
