# The Arrays chapter, one-dimensional only: make-array (:element-type :initial-element :initial-contents
# :fill-pointer :adjustable), vector, aref, svref, dimensions, fill pointers, vector-push(-extend), vector-pop,
# adjust-array, array predicates. Stores through SETF are CLYSM::%ASET / %SVSET / %SET-FILL-POINTER (macros/places.py).
from __future__ import annotations

from typing import Any, NoReturn

from clysm.eval import errors
from clysm.eval.builtins.common import char_of, check_index, check_size, parse_keys, seq_list, show
from clysm.eval.builtins.registry import builtin
from clysm.lisp.types import NIL, Char, Cons, LispVector, SingleFloat, Symbol, T, char

# Element types we keep apart (as LispVector.element_type); everything else is upgraded to T.
_ELEMENT_TYPES = {
    "CHARACTER": "character", "BASE-CHAR": "character", "STANDARD-CHAR": "character",
    "BIT": "bit", "FIXNUM": "fixnum", "DOUBLE-FLOAT": "double-float", "LONG-FLOAT": "double-float",
    "SINGLE-FLOAT": "single-float", "SHORT-FLOAT": "single-float",
}  # fmt: skip


def upgraded_element_type(spec: Any) -> str:
    if isinstance(spec, Symbol):
        return _ELEMENT_TYPES.get(spec.name, "t")
    if isinstance(spec, Cons) and isinstance(spec.car, Symbol) and spec.car.name in ("MOD", "UNSIGNED-BYTE"):
        arg = spec.cdr.car if isinstance(spec.cdr, Cons) else None
        if type(arg) is int and ((spec.car.name == "MOD" and arg == 2) or (spec.car.name != "MOD" and arg == 1)):
            return "bit"
    return "t"


def _default_element(element_type: str) -> Any:
    if element_type == "character":
        return char(0)
    if element_type == "double-float":
        return 0.0
    if element_type == "single-float":
        return SingleFloat(0.0)
    return 0


def _not_supported(what: str) -> NoReturn:
    errors.simple_error(f"{what} are not supported by clysm (only one-dimensional arrays)")


def _vector_arg(x: Any) -> Any:
    if isinstance(x, LispVector) or type(x) is str:
        return x
    errors.type_error(x, "VECTOR")


def _array_arg(x: Any) -> Any:
    if isinstance(x, LispVector) or type(x) is str:
        return x
    errors.type_error(x, "ARRAY")


def _one_dimension(dims: Any) -> int:
    if type(dims) is int:
        n = dims
    elif isinstance(dims, Cons) and dims.cdr is NIL:
        n = dims.car
    elif dims is NIL or isinstance(dims, Cons):
        _not_supported("arrays of rank " + str(len(seq_list(dims))))
    else:
        errors.type_error(dims, "(OR (MOD 4611686018427387901) LIST)")
    return check_size(n)


def _check_element(element_type: str, x: Any) -> None:
    if element_type == "character" and type(x) is not Char:
        errors.type_error(x, "CHARACTER")
    if element_type == "bit" and (type(x) is not int or x not in (0, 1)):
        errors.type_error(x, "BIT")


# ---------------------------------------------------------------------------------------------- construction

_MAKE_ARRAY_KEYS = frozenset({
    "ELEMENT-TYPE", "INITIAL-ELEMENT", "INITIAL-CONTENTS", "ADJUSTABLE", "FILL-POINTER", "DISPLACED-TO",
    "DISPLACED-INDEX-OFFSET",
})  # fmt: skip


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
            _check_element(element_type, x)
        return items
    init = kw.get("INITIAL-ELEMENT", _default_element(element_type))
    _check_element(element_type, init)
    return [init] * n


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
    n = _one_dimension(dims)
    if kw.get("DISPLACED-TO", NIL) is not NIL:
        _not_supported("displaced arrays")
    element_type = upgraded_element_type(kw.get("ELEMENT-TYPE", T))
    items = _contents(n, element_type, kw)
    adjustable = kw.get("ADJUSTABLE", NIL) is not NIL
    return LispVector(items, _fill_pointer(kw.get("FILL-POINTER", NIL), n), element_type, adjustable)


@builtin("VECTOR")
def vector(*items: Any) -> Any:
    return LispVector(list(items))


@builtin("ADJUST-ARRAY")
def adjust_array(array: Any, dims: Any, *keys: Any) -> Any:
    kw = parse_keys(keys, _MAKE_ARRAY_KEYS, "ADJUST-ARRAY") if keys else {}
    _vector_arg(array)
    n = _one_dimension(dims)
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
        init = kw.get("INITIAL-ELEMENT", _default_element(element_type))
        _check_element(element_type, init)
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

@builtin("AREF")
def aref(array: Any, index: Any = None, *more: Any) -> Any:
    if not more and index is not None:
        if type(array) is not str:
            try:
                if index >= 0:
                    return array.items[index]  # AREF ignores the fill pointer
            except (AttributeError, IndexError, TypeError):
                pass
        if isinstance(array, LispVector):
            check_index(index, len(array.items), array)
        if type(array) is str:
            return char_of(array[check_index(index, len(array), array)])
        errors.type_error(array, "ARRAY")
    _array_arg(array)
    n = len(more) + (index is not None)
    errors.simple_error(f"Wrong number of subscripts, {n}, for array of rank 1.")


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
    return aref(array, index)


@builtin("BIT", "SBIT")
def bit(array: Any, *subscripts: Any) -> Any:
    if not (isinstance(array, LispVector) and array.element_type == "bit"):
        errors.type_error(array, "(ARRAY BIT)")
    return aref(array, *subscripts)


@builtin("ARRAY-DIMENSION")
def array_dimension(array: Any, axis: Any) -> Any:
    _array_arg(array)
    if axis != 0 or type(axis) is not int:
        errors.type_error(axis, "(INTEGER 0 (1))")
    return len(array) if type(array) is str else len(array.items)


@builtin("ARRAY-DIMENSIONS")
def array_dimensions(array: Any) -> Any:
    _array_arg(array)
    return Cons(len(array) if type(array) is str else len(array.items), NIL)


@builtin("ARRAY-TOTAL-SIZE")
def array_total_size(array: Any) -> Any:
    _array_arg(array)
    return len(array) if type(array) is str else len(array.items)


@builtin("ARRAY-RANK")
def array_rank(array: Any) -> Any:
    _array_arg(array)
    return 1


@builtin("ARRAY-IN-BOUNDS-P")
def array_in_bounds_p(array: Any, *subscripts: Any) -> Any:
    _array_arg(array)
    if len(subscripts) != 1:
        errors.simple_error(f"Wrong number of subscripts, {len(subscripts)}, for array of rank 1.")
    i = subscripts[0]
    if type(i) is not int:
        errors.type_error(i, "INTEGER")
    return T if 0 <= i < array_total_size(array) else NIL


@builtin("ARRAY-ROW-MAJOR-INDEX")
def array_row_major_index(array: Any, *subscripts: Any) -> Any:
    if array_in_bounds_p(array, *subscripts) is NIL:
        check_index(subscripts[0], array_total_size(array), array)
    return subscripts[0]


@builtin("ARRAY-ELEMENT-TYPE", engine=True)
def array_element_type(engine: Any, array: Any) -> Any:
    _array_arg(array)
    et = "character" if type(array) is str else array.element_type
    return engine.intern(et.upper(), "COMMON-LISP")


# ---------------------------------------------------------------------------------------------- fill pointers

def _fp_vector(v: Any) -> LispVector:
    if not isinstance(v, LispVector) or v.fill_pointer is None:
        errors.signal_error(
            "SIMPLE-TYPE-ERROR", f"{show(v)} is not an array with a fill pointer.", DATUM=v,
            EXPECTED_TYPE="(AND VECTOR (SATISFIES ARRAY-HAS-FILL-POINTER-P))",
        )
    return v


@builtin("FILL-POINTER")
def fill_pointer(v: Any) -> Any:
    return _fp_vector(v).fill_pointer


@builtin("ARRAY-HAS-FILL-POINTER-P")
def array_has_fill_pointer_p(v: Any) -> Any:
    _array_arg(v)
    return T if isinstance(v, LispVector) and v.fill_pointer is not None else NIL


@builtin("ADJUSTABLE-ARRAY-P")
def adjustable_array_p(v: Any) -> Any:
    _array_arg(v)
    return T if isinstance(v, LispVector) and v.adjustable else NIL


@builtin("VECTOR-PUSH")
def vector_push(new: Any, v: Any) -> Any:
    vec = _fp_vector(v)
    fp = vec.fill_pointer
    if fp >= len(vec.items):
        return NIL
    _check_element(vec.element_type, new)
    vec.items[fp] = new
    vec.fill_pointer = fp + 1
    return fp


@builtin("VECTOR-PUSH-EXTEND")
def vector_push_extend(new: Any, v: Any, extension: Any = None) -> Any:
    vec = _fp_vector(v)
    fp = vec.fill_pointer
    _check_element(vec.element_type, new)
    items = vec.items
    if fp >= len(items):
        if extension is not None and (type(extension) is not int or extension < 1):
            errors.type_error(extension, "(INTEGER 1 4611686018427387903)")
        grow = max(extension or 0, len(items), 1)
        items.extend([_default_element(vec.element_type)] * grow)
    items[fp] = new
    vec.fill_pointer = fp + 1
    return fp


@builtin("VECTOR-POP")
def vector_pop(v: Any) -> Any:
    vec = _fp_vector(v)
    if vec.fill_pointer == 0:
        errors.simple_error("There is nothing left to pop.")
    vec.fill_pointer -= 1
    return vec.items[vec.fill_pointer]


# ---------------------------------------------------------------------------------------------- predicates

@builtin("ARRAYP")
def arrayp(x: Any) -> Any:
    return T if isinstance(x, LispVector) or type(x) is str else NIL


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


def _bit_vector(x: Any) -> LispVector:
    if not (isinstance(x, LispVector) and x.element_type == "bit"):
        errors.type_error(x, "(ARRAY BIT)")
    return x


def _bit_op(name: str, op: Any) -> Any:
    def bit_op(a: Any, b: Any, result: Any = NIL) -> Any:
        x = _bit_vector(a).active()
        y = _bit_vector(b).active()
        if len(x) != len(y):
            errors.simple_error(f"{name}: the bit arrays have different dimensions")
        bits = [op(p, q) & 1 for p, q in zip(x, y, strict=True)]
        if result is NIL:
            return LispVector(bits, None, "bit")
        target = a if result is T else _bit_vector(result)
        target.items[: len(bits)] = bits
        return target

    bit_op.__name__ = name.lower().replace("-", "_")
    return builtin(name)(bit_op)


bit_and = _bit_op("BIT-AND", lambda p, q: p & q)
bit_ior = _bit_op("BIT-IOR", lambda p, q: p | q)
bit_xor = _bit_op("BIT-XOR", lambda p, q: p ^ q)
bit_eqv = _bit_op("BIT-EQV", lambda p, q: ~(p ^ q))
bit_nand = _bit_op("BIT-NAND", lambda p, q: ~(p & q))
bit_nor = _bit_op("BIT-NOR", lambda p, q: ~(p | q))
bit_andc1 = _bit_op("BIT-ANDC1", lambda p, q: ~p & q)
bit_andc2 = _bit_op("BIT-ANDC2", lambda p, q: p & ~q)
bit_orc1 = _bit_op("BIT-ORC1", lambda p, q: ~p | q)
bit_orc2 = _bit_op("BIT-ORC2", lambda p, q: p | ~q)


@builtin("BIT-NOT")
def bit_not(a: Any, result: Any = NIL) -> Any:
    bits = [1 - b for b in _bit_vector(a).active()]
    if result is NIL:
        return LispVector(bits, None, "bit")
    target = a if result is T else _bit_vector(result)
    target.items[: len(bits)] = bits
    return target
