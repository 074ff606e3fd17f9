# Arrays of any rank as data (no evaluation): nested :INITIAL-CONTENTS / #nA contents -> dimensions and row-major
# elements, with SBCL's messages. Used by the reader (#2A((1 2) (3 4))) and by MAKE-ARRAY / ADJUST-ARRAY.
from __future__ import annotations

from collections.abc import Callable

from clysm.lisp.types import NIL, Cons, LispArray, LispObject, LispVector, char


class ContentsError(Exception):
    """Malformed contents; `message` is SBCL's text; `datum` is set for a dotted list (SBCL: a TYPE-ERROR, the
    tail is not of type LIST)."""

    def __init__(self, message: str, datum: LispObject = None) -> None:
        super().__init__(message)
        self.message = message
        self.datum = datum


def sequence_items(x: LispObject, show: Callable[[LispObject], str]) -> list[LispObject] | None:
    """The elements of a Lisp sequence as a Python list (None if x is not a sequence)."""
    if x is NIL:
        return []
    if isinstance(x, Cons):
        items = []
        while isinstance(x, Cons):
            items.append(x.car)
            x = x.cdr
        if x is not NIL:
            raise ContentsError(f"The value {show(x)} is not of type LIST", x)
        return items
    if type(x) is str:
        return [char(ord(c)) for c in x]
    if isinstance(x, LispVector):
        return list(x.active())
    return None


def flatten_contents(contents: LispObject, dims: tuple[int, ...], show: Callable[[LispObject], str]) -> list:
    """The row-major elements of nested `contents` for an array of dimensions `dims` (SBCL's FILL-DATA-VECTOR)."""
    out: list[LispObject] = []
    rank = len(dims)
    # explicit stack of (axis, contents) so deep ranks cannot exhaust Python's stack
    stack: list[tuple[int, LispObject]] = [(0, contents)]
    while stack:
        axis, x = stack.pop()
        if axis == rank:
            out.append(x)
            continue
        items = sequence_items(x, show)
        if items is None:
            more = rank - axis
            raise ContentsError(
                f"malformed :INITIAL-CONTENTS: {show(x)} is not a sequence, but {more} more layer"
                f"{'' if more == 1 else 's'} needed."
            )
        if len(items) != dims[axis]:
            raise ContentsError(
                f"malformed :INITIAL-CONTENTS: Dimension of axis {axis} is {dims[axis]}, but {show(x)} is "
                f"{len(items)} long."
            )
        for item in reversed(items):
            stack.append((axis + 1, item))
    return out


def reader_dims(contents: LispObject, rank: int, show: Callable[[LispObject], str]) -> tuple[int, ...]:
    """The dimensions #rankA takes from its contents (SBCL's SHARP-A: the lengths along the first elements)."""
    dims: list[int] = []
    seq = contents
    for axis in range(rank):
        items = sequence_items(seq, show)
        if items is None:
            raise ContentsError(f"#{rank}A axis {axis} is not a sequence: {show(seq)}")
        dims.append(len(items))
        if axis != rank - 1 and items:
            seq = items[0]
    return tuple(dims)


def read_array(rank: int, contents: LispObject, show: Callable[[LispObject], str]) -> LispObject:
    """The array #rankA denotes: a LispVector for rank 1, else a LispArray of element type T."""
    dims = reader_dims(contents, rank, show)
    items = flatten_contents(contents, dims, show)
    if rank == 1:
        return LispVector(items)
    return LispArray(items, dims)


def row_major_index(dims: tuple[int, ...], subscripts: tuple[int, ...]) -> int:
    """Row-major index of valid subscripts (no checking)."""
    index = 0
    for d, i in zip(dims, subscripts, strict=True):
        index = index * d + i
    return index
