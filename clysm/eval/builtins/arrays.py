# The Arrays chapter for arrays of any rank: make-array (dimension lists, :element-type :initial-element
# :initial-contents :fill-pointer :adjustable), vector, aref / svref / row-major-aref / bit with any number of
# subscripts, the dimension functions, adjust-array, array predicates. Rank 1 is a LispVector (or a str), every
# other rank a LispArray (clysm/lisp/types.py). Fill pointers and bit operations: arrays_vectors.py. Stores through
# SETF are CLYSM::%ASET (macros/places.py, which calls `array_store` here), %ROW-MAJOR-ASET, %BITSET, %SVSET.
from __future__ import annotations

from typing import Any, NoReturn

from clysm.eval import errors
from clysm.eval.builtins.common import (
    array_type_text,
    char_of,
    check_index,
    check_size,
    parse_keys,
    seq_list,
    show,
)
from clysm.eval.builtins.mvalues import returns_values, values
from clysm.eval.builtins.registry import builtin
from clysm.lisp.arrays import ContentsError, flatten_contents
from clysm.lisp.types import NIL, Char, Cons, LispArray, LispVector, SingleFloat, Symbol, T, char

# Element types we keep apart (as element_type); everything else is upgraded to T.
_ELEMENT_TYPES = {
    "CHARACTER": "character", "BASE-CHAR": "character", "STANDARD-CHAR": "character",
    "BIT": "bit", "FIXNUM": "fixnum", "DOUBLE-FLOAT": "double-float", "LONG-FLOAT": "double-float",
    "SINGLE-FLOAT": "single-float", "SHORT-FLOAT": "single-float",
}  # fmt: skip
_INDEX_TYPE = "(MOD 4611686018427387901)"
_MOST_POSITIVE_FIXNUM = 4611686018427387903
ARRAY_RANK_LIMIT = 129


def upgraded_element_type(spec: Any) -> str:
    if isinstance(spec, Symbol):
        return _ELEMENT_TYPES.get(spec.name, "t")
    if isinstance(spec, Cons) and isinstance(spec.car, Symbol) and spec.car.name in ("MOD", "UNSIGNED-BYTE"):
        arg = spec.cdr.car if isinstance(spec.cdr, Cons) else None
        if type(arg) is int and ((spec.car.name == "MOD" and arg == 2) or (spec.car.name != "MOD" and arg == 1)):
            return "bit"
    return "t"


def default_element(element_type: str) -> Any:
    if element_type == "character":
        return char(0)
    if element_type == "double-float":
        return 0.0
    if element_type == "single-float":
        return SingleFloat(0.0)
    return 0


def _not_supported(what: str) -> NoReturn:
    errors.simple_error(f"{what} are not supported by clysm")


def _vector_arg(x: Any) -> Any:
    if isinstance(x, LispVector) or type(x) is str:
        return x
    errors.type_error(x, "VECTOR")


def array_arg(x: Any) -> Any:
    if isinstance(x, (LispVector, LispArray)) or type(x) is str:
        return x
    errors.type_error(x, "ARRAY")


def dims_of(x: Any) -> tuple[int, ...]:
    """The dimensions of an array (not checked)."""
    if type(x) is str:
        return (len(x),)
    if isinstance(x, LispArray):
        return x.dims
    return (len(x.items),)


def check_element(element_type: str, x: Any) -> None:
    """What one-dimensional arrays check on a store (character and bit vectors only)."""
    if element_type == "character" and type(x) is not Char:
        errors.type_error(x, "CHARACTER")
    if element_type == "bit" and (type(x) is not int or x not in (0, 1)):
        errors.type_error(x, "BIT")


def _element_ok(element_type: str, x: Any) -> bool:
    if element_type == "t":
        return True
    if element_type == "character":
        return type(x) is Char
    if element_type == "bit":
        return type(x) is int and x in (0, 1)
    if element_type == "fixnum":
        return type(x) is int and -_MOST_POSITIVE_FIXNUM - 1 <= x <= _MOST_POSITIVE_FIXNUM
    if element_type == "single-float":
        return type(x) is SingleFloat
    return type(x) is float  # double-float


def _type_name(element_type: str) -> str:
    return element_type.upper()


def _check_nd_element(array: LispArray, x: Any) -> None:
    """A store into a multidimensional array checks the element type, as SBCL does."""
    et = array.element_type
    if et != "t" and not _element_ok(et, x):
        name = _type_name(et)
        errors.signal_error(
            "TYPE-ERROR", f"The value {show(x)} is not of type {name} when setting an element of (ARRAY {name})",
            DATUM=x, EXPECTED_TYPE=name,
        )


def _check_initial(element_type: str, x: Any) -> None:
    """An :INITIAL-ELEMENT or :INITIAL-CONTENTS element of a multidimensional array (SBCL's THE check)."""
    if element_type != "t" and not _element_ok(element_type, x):
        name = _type_name(element_type)
        errors.signal_error(
            "TYPE-ERROR", f"The value {show(x)} is not of type {name}", DATUM=x, EXPECTED_TYPE=name
        )


def _subscripts_type(n: int) -> str:
    """SBCL's expected type for an array accessed with n subscripts: (ARRAY * (* *)), (ARRAY * NIL)."""
    return "(ARRAY * NIL)" if n == 0 else "(ARRAY * (" + " ".join(["*"] * n) + "))"


# ---------------------------------------------------------------------------------------------- construction

_MAKE_ARRAY_KEYS = frozenset({
    "ELEMENT-TYPE", "INITIAL-ELEMENT", "INITIAL-CONTENTS", "ADJUSTABLE", "FILL-POINTER", "DISPLACED-TO",
    "DISPLACED-INDEX-OFFSET",
})  # fmt: skip


def _dimensions(dims: Any) -> tuple[int, ...]:
    """The dimensions MAKE-ARRAY / ADJUST-ARRAY are given: a size or a list of sizes."""
    if type(dims) is int:
        return (check_size(dims),)
    if dims is NIL:
        return ()
    if not isinstance(dims, Cons):
        errors.type_error(dims, "(OR LIST " + _INDEX_TYPE + ")")
    out: list[int] = []
    x = dims
    while isinstance(x, Cons):
        d = x.car
        if type(d) is not int or not 0 <= d < 4611686018427387901:
            errors.type_error(d, _INDEX_TYPE)
        out.append(d)
        x = x.cdr
    if x is not NIL:
        errors.type_error(x, "LIST")
    if len(out) >= ARRAY_RANK_LIMIT:
        errors.type_error(len(out), f"(MOD {ARRAY_RANK_LIMIT})")
    total = 1
    for d in out:
        total *= d
    check_size(total)
    return tuple(out)


def _contents(n: int, element_type: str, kw: dict[str, Any]) -> list[Any]:
    if "INITIAL-CONTENTS" in kw:
        if "INITIAL-ELEMENT" in kw:
            errors.simple_error("Can't specify both :INITIAL-ELEMENT and :INITIAL-CONTENTS")
        items = seq_list(kw["INITIAL-CONTENTS"])
        if len(items) != n:
            errors.simple_error(
                f"There are {len(items)} elements in the :INITIAL-CONTENTS, but the vector length is {n}."
            )
        for x in items:
            check_element(element_type, x)
        return items
    init = kw.get("INITIAL-ELEMENT", default_element(element_type))
    check_element(element_type, init)
    return [init] * n


def _flatten(contents: Any, dims: tuple[int, ...]) -> list[Any]:
    try:
        return flatten_contents(contents, dims, show)
    except ContentsError as exc:
        if exc.datum is not None:
            errors.type_error(exc.datum, "LIST")
        errors.simple_error(exc.message)


def _nd_contents(dims: tuple[int, ...], element_type: str, kw: dict[str, Any]) -> list[Any]:
    total = 1
    for d in dims:
        total *= d
    if "INITIAL-CONTENTS" in kw:
        if "INITIAL-ELEMENT" in kw:
            errors.simple_error("Can't specify both :INITIAL-ELEMENT and :INITIAL-CONTENTS")
        items = _flatten(kw["INITIAL-CONTENTS"], dims)
        for x in items:
            _check_initial(element_type, x)
        return items
    init = kw.get("INITIAL-ELEMENT", default_element(element_type))
    _check_initial(element_type, init)
    return [init] * total


def _fill_pointer(fp: Any, n: int) -> int | None:
    if fp is NIL or fp is None:
        return None
    if fp is T:
        return n
    if type(fp) is not int or not 0 <= fp <= n:
        errors.type_error(fp, f"(INTEGER 0 {n})")
    return fp


@builtin("MAKE-ARRAY")
def make_array(dims: Any, *keys: Any) -> Any:
    kw = parse_keys(keys, _MAKE_ARRAY_KEYS, "MAKE-ARRAY") if keys else {}
    shape = _dimensions(dims)
    if kw.get("DISPLACED-TO", NIL) is not NIL:
        _not_supported("displaced arrays")
    element_type = upgraded_element_type(kw.get("ELEMENT-TYPE", T))
    adjustable = kw.get("ADJUSTABLE", NIL) is not NIL
    if len(shape) != 1:
        if kw.get("FILL-POINTER", NIL) is not NIL:
            errors.simple_error("Only vectors can have fill pointers.")
        return LispArray(_nd_contents(shape, element_type, kw), shape, element_type, adjustable)
    n = shape[0]
    items = _contents(n, element_type, kw)
    return LispVector(items, _fill_pointer(kw.get("FILL-POINTER", NIL), n), element_type, adjustable)


@builtin("VECTOR")
def vector(*items: Any) -> Any:
    return LispVector(list(items))


def _adjust_nd(array: Any, shape: tuple[int, ...], kw: dict[str, Any]) -> Any:
    """ADJUST-ARRAY of a multidimensional array: elements at subscripts valid in both shapes are kept."""
    if kw.get("FILL-POINTER", NIL) is not NIL:
        errors.simple_error("Only vectors can have fill pointers.")
    et = array.element_type
    if "INITIAL-CONTENTS" in kw:
        items = _nd_contents(shape, et, kw)
    else:
        init = kw.get("INITIAL-ELEMENT", default_element(et))
        _check_initial(et, init)
        items = [init] * _product(shape)
        old_dims, old = array.dims, array.items
        common = [min(a, b) for a, b in zip(old_dims, shape, strict=True)]
        if all(common) and old:
            for sub in _all_subscripts(tuple(common)):
                items[_rm(shape, sub)] = old[_rm(old_dims, sub)]
    if array.adjustable:
        array.items = items
        array.dims = shape
        return array
    return LispArray(items, shape, et, False)


def _product(dims: tuple[int, ...]) -> int:
    total = 1
    for d in dims:
        total *= d
    return total


def _rm(dims: tuple[int, ...], sub: tuple[int, ...]) -> int:
    index = 0
    for d, i in zip(dims, sub, strict=True):
        index = index * d + i
    return index


def _all_subscripts(dims: tuple[int, ...]) -> Any:
    """Every subscript tuple of an array of dimensions `dims`, in row-major order."""
    sub = [0] * len(dims)
    while True:
        yield tuple(sub)
        axis = len(dims) - 1
        while axis >= 0:
            sub[axis] += 1
            if sub[axis] < dims[axis]:
                break
            sub[axis] = 0
            axis -= 1
        if axis < 0:
            return


@builtin("ADJUST-ARRAY")
def adjust_array(array: Any, dims: Any, *keys: Any) -> Any:
    kw = parse_keys(keys, _MAKE_ARRAY_KEYS, "ADJUST-ARRAY") if keys else {}
    array_arg(array)
    shape = _dimensions(dims)
    rank = len(dims_of(array))
    if len(shape) != rank:
        errors.simple_error(
            f"Expected {rank} new dimension{'' if rank == 1 else 's'} for array, but received {len(shape)}."
        )
    if kw.get("DISPLACED-TO", NIL) is not NIL:
        _not_supported("displaced arrays")
    if isinstance(array, LispArray):
        return _adjust_nd(array, shape, kw)
    n = shape[0]
    if type(array) is str:
        old: list[Any] = [char(ord(c)) for c in array]
        element_type = "character"
        fp = None
        adjustable = False
    else:
        old = array.items
        element_type = array.element_type
        fp = array.fill_pointer
        adjustable = array.adjustable
    if "INITIAL-CONTENTS" in kw:
        items = _contents(n, element_type, kw)
    else:
        init = kw.get("INITIAL-ELEMENT", default_element(element_type))
        check_element(element_type, init)
        items = old[:n] + [init] * max(0, n - len(old))
    if "FILL-POINTER" in kw:
        fp = _fill_pointer(kw["FILL-POINTER"], n)
    elif fp is not None and fp > n:
        errors.simple_error(f"Can't adjust vector to dimension {n} below its fill pointer {fp}.")
    if adjustable and isinstance(array, LispVector):
        array.items = items
        array.fill_pointer = fp
        return array
    return LispVector(items, fp, element_type, False)


# ---------------------------------------------------------------------------------------------- access

def _bad_subscript(array: LispArray, i: Any, d: int) -> NoReturn:
    errors.signal_error(
        "TYPE-ERROR",
        f"Invalid index {show(i)} for {array_type_text(array)}, should be a non-negative integer below {d}.",
        DATUM=i, EXPECTED_TYPE=f"(INTEGER 0 ({d}))",
    )


def row_major(array: Any, subscripts: tuple[Any, ...]) -> int:
    """The checked row-major index of `subscripts` into any array (SBCL's errors for a wrong number of subscripts,
    a non-array and an index out of bounds). One subscript into a multidimensional array is taken as a row-major
    index, as SBCL's AREF does."""
    n = len(subscripts)
    if isinstance(array, LispArray):
        dims = array.dims
        if n == 1:
            return check_index(subscripts[0], len(array.items), array)
        if n != len(dims):
            errors.type_error(array, _subscripts_type(n))
        index = 0
        for d, i in zip(dims, subscripts, strict=True):
            if type(i) is not int or not 0 <= i < d:
                _bad_subscript(array, i, d)
            index = index * d + i
        return index
    if isinstance(array, LispVector) or type(array) is str:
        if n != 1:
            errors.type_error(array, _subscripts_type(n))
        return check_index(subscripts[0], len(array) if type(array) is str else len(array.items), array)
    errors.type_error(array, "ARRAY" if n == 1 else _subscripts_type(n))


@builtin("AREF")
def aref(array: Any, index: Any = None, *more: Any) -> Any:
    if not more and index is not None:
        if type(array) is not str:
            try:
                if index >= 0:
                    return array.items[index]  # AREF ignores the fill pointer
            except (AttributeError, IndexError, TypeError):
                pass
        if type(array) is str:
            return char_of(array[check_index(index, len(array), array)])
        i = row_major(array, (index,))  # (before reading .items: a non-array gets its TYPE-ERROR)
        return array.items[i]
    if type(array) is LispArray and len(more) == 1:  # the common two-dimensional case
        dims = array.dims
        j = more[0]
        if len(dims) == 2 and type(index) is int and type(j) is int and 0 <= index < dims[0] and 0 <= j < dims[1]:
            return array.items[index * dims[1] + j]
    i = row_major(array, (index, *more) if index is not None else ())
    return array.items[i]


def array_store(array: Any, subscripts: tuple[Any, ...], new: Any) -> Any:
    """(SETF AREF) of a multidimensional array (one-dimensional ones are stored by macros/places.py)."""
    if len(subscripts) == 2 and type(array) is LispArray:
        dims = array.dims
        i, j = subscripts
        if len(dims) == 2 and type(i) is int and type(j) is int and 0 <= i < dims[0] and 0 <= j < dims[1]:
            if array.element_type != "t":
                _check_nd_element(array, new)
            array.items[i * dims[1] + j] = new
            return new
    index = row_major(array, subscripts)
    if isinstance(array, LispArray):
        _check_nd_element(array, new)
        array.items[index] = new
        return new
    if type(array) is str:
        errors.simple_error(f"cannot modify the simple string {show(array)}: clysm strings are immutable")
    check_element(array.element_type, new)
    array.items[index] = new
    return new


@builtin("SVREF")
def svref(vec: Any, index: Any) -> Any:
    try:
        if vec.fill_pointer is None and vec.element_type == "t" and not vec.adjustable and index >= 0:
            return vec.items[index]
    except (AttributeError, IndexError, TypeError):
        pass
    if not (isinstance(vec, LispVector) and vec.element_type == "t" and vec.fill_pointer is None
            and not vec.adjustable):
        errors.type_error(vec, "SIMPLE-VECTOR")
    check_index(index, len(vec.items), vec)


@builtin("ROW-MAJOR-AREF")
def row_major_aref(array: Any, index: Any) -> Any:
    if isinstance(array, LispArray):
        i = check_index(index, len(array.items), array)
        return array.items[i]
    return aref(array_arg(array), index)


@builtin("%ROW-MAJOR-ASET", package="CLYSM")
def row_major_aset(array: Any, index: Any, new: Any) -> Any:
    if isinstance(array, LispArray):
        i = check_index(index, len(array.items), array)
        _check_nd_element(array, new)
        array.items[i] = new
        return new
    return array_store(array_arg(array), (index,), new)


def _bit_array(array: Any) -> Any:
    if not (isinstance(array, (LispVector, LispArray)) and array.element_type == "bit"):
        errors.type_error(array, "(ARRAY BIT)")
    return array


@builtin("BIT", "SBIT")
def bit(array: Any, *subscripts: Any) -> Any:
    return aref(_bit_array(array), *subscripts)


@builtin("%BITSET", package="CLYSM")
def bitset(array: Any, *args: Any) -> Any:
    """(%BITSET array subscripts... new): SETF of BIT / SBIT."""
    return array_store(_bit_array(array), args[:-1], args[-1])


# ---------------------------------------------------------------------------------------------- dimensions

@builtin("ARRAY-DIMENSION")
def array_dimension(array: Any, axis: Any) -> Any:
    dims = dims_of(array_arg(array))
    if type(axis) is not int or not 0 <= axis < ARRAY_RANK_LIMIT:
        errors.type_error(axis, f"(MOD {ARRAY_RANK_LIMIT})")
    if axis >= len(dims):
        if len(dims) == 1:
            errors.simple_error(f"Vector axis is not zero: {axis}")
        errors.simple_error(f"Axis number {axis} is too big; {show(array)} only has {len(dims)} dimensions.")
    return dims[axis]


@builtin("ARRAY-DIMENSIONS")
def array_dimensions(array: Any) -> Any:
    result: Any = NIL
    for d in reversed(dims_of(array_arg(array))):
        result = Cons(d, result)
    return result


@builtin("ARRAY-TOTAL-SIZE")
def array_total_size(array: Any) -> Any:
    array_arg(array)
    return len(array) if type(array) is str else len(array.items)


@builtin("ARRAY-RANK")
def array_rank(array: Any) -> Any:
    return len(dims_of(array_arg(array)))


@builtin("ARRAY-IN-BOUNDS-P")
def array_in_bounds_p(array: Any, *subscripts: Any) -> Any:
    dims = dims_of(array_arg(array))
    if len(subscripts) != len(dims):
        errors.type_error(array, "VECTOR" if len(subscripts) == 1 else _subscripts_type(len(subscripts)))
    for i in subscripts:
        if type(i) is not int:
            errors.type_error(i, "INTEGER")
    return T if all(0 <= i < d for i, d in zip(subscripts, dims, strict=True)) else NIL


@builtin("ARRAY-ROW-MAJOR-INDEX")
def array_row_major_index(array: Any, *subscripts: Any) -> Any:
    dims = dims_of(array_arg(array))
    if len(subscripts) != len(dims):
        errors.type_error(array, "VECTOR" if len(subscripts) == 1 else _subscripts_type(len(subscripts)))
    for i in subscripts:
        if type(i) is not int or i < 0:
            errors.type_error(i, _INDEX_TYPE)
    return row_major(array, subscripts)


@builtin("ARRAY-DISPLACEMENT")
@returns_values
def array_displacement(array: Any) -> Any:
    """NIL and 0: clysm has no displaced arrays."""
    array_arg(array)
    return values(NIL, 0)


@builtin("ARRAY-ELEMENT-TYPE", engine=True)
def array_element_type(engine: Any, array: Any) -> Any:
    array_arg(array)
    et = "character" if type(array) is str else array.element_type
    return T if et == "t" else engine.intern(et.upper(), "COMMON-LISP")


# ---------------------------------------------------------------------------------------------- predicates

@builtin("ARRAYP")
def arrayp(x: Any) -> Any:
    return T if isinstance(x, (LispVector, LispArray)) or type(x) is str else NIL


@builtin("VECTORP")
def vectorp(x: Any) -> Any:
    return T if isinstance(x, LispVector) or type(x) is str else NIL


@builtin("SIMPLE-VECTOR-P")
def simple_vector_p(x: Any) -> Any:
    ok = isinstance(x, LispVector) and x.element_type == "t" and x.fill_pointer is None and not x.adjustable
    return T if ok else NIL


@builtin("BIT-VECTOR-P")
def bit_vector_p(x: Any) -> Any:
    return T if isinstance(x, LispVector) and x.element_type == "bit" else NIL


@builtin("SIMPLE-BIT-VECTOR-P")
def simple_bit_vector_p(x: Any) -> Any:
    ok = isinstance(x, LispVector) and x.element_type == "bit" and x.fill_pointer is None and not x.adjustable
    return T if ok else NIL


@builtin("UPGRADED-ARRAY-ELEMENT-TYPE", engine=True)
def upgraded_array_element_type(engine: Any, spec: Any, env: Any = NIL) -> Any:
    et = upgraded_element_type(spec)
    return T if et == "t" else engine.intern(et.upper(), "COMMON-LISP")
