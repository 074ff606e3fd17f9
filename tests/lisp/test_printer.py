# The printer on objects the reader cannot produce (functions, hash tables, conditions, packages, adjustable strings),
# on print settings (*package*, *print-level*, *print-length*, *print-base*), and on hostile structure (circular,
# very long, very deep). Expected strings are SBCL 2.2.9's, with the `{...}` identity made stable.
from __future__ import annotations

import re
from decimal import Decimal

from clysm.lisp.printer import (
    MAX_DEPTH,
    char_to_string,
    float_to_string,
    integer_to_string,
    prin1_to_string,
    princ_to_string,
    quote_symbol_name,
    write_to,
)
from clysm.lisp.types import (
    NIL,
    Condition,
    Cons,
    HashTable,
    LispVector,
    Package,
    SingleFloat,
    Symbol,
    T,
    char,
    lisp_list,
    to_single,
)

from .conftest import World

_ID = re.compile(r"\{[0-9A-F]+\}")


def _stable(text: str) -> str:
    return _ID.sub("{…}", text)


def test_named_and_anonymous_functions(world: World) -> None:
    """Global functions print #<FUNCTION NAME>; lambdas and local functions add an identity, as in SBCL."""

    def f(x: object) -> object:
        return x

    f.lisp_name = world.sym("FOO")  # type: ignore[attr-defined]
    assert prin1_to_string(f) == "#<FUNCTION FOO>"

    def car(x: object) -> object:
        return x

    car.lisp_name = "CAR"  # type: ignore[attr-defined]
    assert prin1_to_string(car) == "#<FUNCTION CAR>"

    def g(x: object) -> object:
        return x

    g.lisp_name = world.read("(lambda (x))")  # type: ignore[attr-defined]
    text = prin1_to_string(g)
    assert _stable(text) == "#<FUNCTION (LAMBDA (X)) {…}>"
    assert text == prin1_to_string(g)  # the identity is stable

    def h() -> None:
        return None

    h.lisp_name = world.read("(setf foo)")  # type: ignore[attr-defined]
    assert prin1_to_string(h) == "#<FUNCTION (SETF FOO)>"
    assert _stable(prin1_to_string(lambda: None)) == "#<FUNCTION {…}>"
    other = world.sym("BAR", "PK")
    f.lisp_name = other  # type: ignore[attr-defined]
    assert prin1_to_string(f) == "#<FUNCTION PK::BAR>"


def test_hash_tables() -> None:
    """#<HASH-TABLE :TEST EQL :COUNT n {id}>."""
    table = HashTable("EQUAL", lambda k: k)
    assert _stable(prin1_to_string(table)) == "#<HASH-TABLE :TEST EQUAL :COUNT 0 {…}>"
    table.data[1] = (1, 2)
    assert _stable(princ_to_string(table)) == "#<HASH-TABLE :TEST EQUAL :COUNT 1 {…}>"


def test_conditions(world: World) -> None:
    """Conditions print as SBCL does per family; PRINC prints the report (the message)."""
    simple = Condition("SIMPLE-ERROR", "msg 1", **{"FORMAT-CONTROL": "msg ~a"})
    assert _stable(prin1_to_string(simple)) == '#<SIMPLE-ERROR "msg ~a" {…}>'
    assert princ_to_string(simple) == "msg 1"
    typed = Condition("TYPE-ERROR", "The value 1 is not of type STRING", DATUM=1, EXPECTED_TYPE="STRING")
    assert prin1_to_string(typed) == "#<TYPE-ERROR expected-type: STRING datum: 1>"
    unbound = Condition("UNBOUND-VARIABLE", "The variable X is unbound.", NAME=world.sym("X"))
    assert _stable(prin1_to_string(unbound)) == "#<UNBOUND-VARIABLE X {…}>"
    plain = Condition("DIVISION-BY-ZERO", "")
    assert _stable(prin1_to_string(plain)) == "#<DIVISION-BY-ZERO {…}>"
    assert princ_to_string(plain) == "Condition DIVISION-BY-ZERO was signalled."


def test_packages_strings_and_bit_vectors(world: World) -> None:
    """Packages, adjustable strings (print as strings, up to the fill pointer), fill-pointer vectors, bit vectors."""
    assert prin1_to_string(world.user) == '#<PACKAGE "COMMON-LISP-USER">'
    adjustable = LispVector([char(ord(c)) for c in 'ab"c'], fill_pointer=3, element_type="character", adjustable=True)
    assert prin1_to_string(adjustable) == '"ab\\""'
    assert princ_to_string(adjustable) == 'ab"'
    assert prin1_to_string(LispVector([0, 0, 0, 0, 0], fill_pointer=2)) == "#(0 0)"
    assert prin1_to_string(LispVector([1, 0, 1], element_type="bit")) == "#*101"


def test_symbols_relative_to_current_package(world: World) -> None:
    """Accessible symbols print bare, others with PKG::, keywords with :, uninterned with #:."""
    foo = world.sym("FOO", "PK")
    car = world.sym("CAR", "COMMON-LISP")
    zork = world.sym("ZORK")
    assert prin1_to_string(foo, package=world.other) == "FOO"
    assert prin1_to_string(car, package=world.other) == "CAR"
    assert prin1_to_string(zork, package=world.other) == "COMMON-LISP-USER::ZORK"
    assert prin1_to_string(zork) == "ZORK"
    assert prin1_to_string(foo) == "PK::FOO"
    assert prin1_to_string(foo, package=world.user) == "PK::FOO"
    assert princ_to_string(foo) == "FOO"
    assert prin1_to_string(Symbol("G12", None)) == "#:G12"
    assert prin1_to_string([NIL, T][0]) == "NIL" and prin1_to_string(T) == "T"
    assert prin1_to_string(Symbol("X", Package("lower case"))) == "|lower case|::X"
    bare = Package("BARE")  # uses nothing, so COMMON-LISP symbols need their (external) prefix
    assert prin1_to_string(car, package=bare) == "COMMON-LISP:CAR"


def test_quote_name_rules() -> None:
    """Bars exactly when reading the bare name would give another object (SBCL's choices)."""
    assert quote_symbol_name("FOO") == "FOO"
    assert quote_symbol_name("foo") == "|foo|"
    assert quote_symbol_name("1+") == "1+"
    assert quote_symbol_name("1E5") == "|1E5|"
    assert quote_symbol_name("A|B") == "|A\\|B|"


def test_print_level_and_length(world: World) -> None:
    """*print-level* prints deeper lists as #, *print-length* cuts lists and vectors with ... (as SBCL)."""
    form = world.read("(1 (2 (3 (4))) #(1 #(2 #(3))))")
    assert prin1_to_string(form, level=2) == "(1 (2 #) #(1 #))"
    assert prin1_to_string(form, level=0) == "#"
    assert prin1_to_string(world.read("''(a)"), level=1) == "''(A)"
    long = world.read("(1 (2 3 4) 3 4)")
    assert prin1_to_string(long, length=2) == "(1 (2 3 ...) ...)"
    assert prin1_to_string(world.read("(1 2 . 3)"), length=2) == "(1 2 . 3)"
    assert prin1_to_string(world.read("(1 2)"), length=0) == "(...)"
    assert prin1_to_string(world.read("#(1 2 3)"), length=2) == "#(1 2 ...)"
    assert prin1_to_string(world.read("#(1 2)"), length=0) == "#(...)"
    assert prin1_to_string(world.read("#()"), length=0) == "#()"


def test_print_base_and_radix(world: World) -> None:
    """*print-base* / *print-radix* for integers and ratios (SBCL's output)."""
    form = world.read("(255 1/3 -10)")
    assert prin1_to_string(form, base=16, radix=True) == "(#xFF #x1/3 #x-A)"
    assert prin1_to_string(form, base=10, radix=True) == "(255. #10r1/3 -10.)"
    assert prin1_to_string(form, base=2) == "(11111111 1/11 -1010)"
    assert integer_to_string(36**40, 36) == "1" + "0" * 40
    assert integer_to_string(-(7**3000), 7) == "-1" + "0" * 3000


def test_huge_integers_print() -> None:
    """Integers far beyond CPython's 4300-digit str() limit print in full."""
    n = 3**30000
    text = prin1_to_string(n)
    assert text == str(Decimal(n))  # Decimal's conversion has no digit limit
    assert prin1_to_string(-n) == "-" + text


def test_special_floats() -> None:
    """Infinities and NaN print as SBCL shows them in CL-USER; -0.0 keeps its sign."""
    assert float_to_string(float("inf")) == "#.DOUBLE-FLOAT-POSITIVE-INFINITY"
    assert float_to_string(float("-inf")) == "#.DOUBLE-FLOAT-NEGATIVE-INFINITY"
    assert float_to_string(float("nan")) == "#<DOUBLE-FLOAT quiet NaN>"
    assert float_to_string(-0.0) == "-0.0d0"
    assert float_to_string(SingleFloat(-0.0)) == "-0.0"
    assert float_to_string(SingleFloat(float("inf"))) == "#.SINGLE-FLOAT-POSITIVE-INFINITY"


def test_float_formats_and_markers() -> None:
    """Under *read-default-float-format* SINGLE-FLOAT singles print bare and doubles with d; under DOUBLE-FLOAT the
    reverse, with f for singles."""
    third = to_single(1 / 3)
    assert float_to_string(third) == "0.33333334"
    assert float_to_string(1 / 3) == "0.3333333333333333d0"
    assert float_to_string(1e20) == "1.0d20" and float_to_string(SingleFloat(1e20)) == "1.0e20"
    assert float_to_string(third, double_default=True) == "0.33333334f0"
    assert float_to_string(1 / 3, double_default=True) == "0.3333333333333333"
    assert float_to_string(SingleFloat(1.5e10), double_default=True) == "1.5f10"
    assert float_to_string(to_single(3.4028234663852886e38)) == "3.4028235e38"


def test_characters_princ_and_prin1() -> None:
    """PRINC writes the character itself; PRIN1 uses #\\ syntax with SBCL's names."""
    assert char_to_string(char(10), escape=False) == "\n"
    assert char_to_string(char(10)) == "#\\Newline"
    assert char_to_string(char(0x4E00)) == "#\\U4E00"


def test_cdr_circular_list_terminates() -> None:
    """A list whose tail loops back prints a prefix and ' ...)' instead of looping forever."""
    cells = lisp_list(1, 2, 3)
    cells.cdr.cdr.cdr = cells
    text = prin1_to_string(cells)
    assert text.startswith("(1 2 3 1") and text.endswith(" ...)")
    one = Cons(1, NIL)
    one.cdr = one
    assert prin1_to_string(one) == "(1 ...)"


def test_car_circular_structure_terminates() -> None:
    """A list containing itself is cut off at MAX_DEPTH levels with '...'."""
    cell = Cons(NIL, NIL)
    cell.car = cell
    text = prin1_to_string(cell)
    assert text == "(" * MAX_DEPTH + "..." + ")" * MAX_DEPTH


def test_long_and_deep_lists_do_not_recurse() -> None:
    """A million-element list and 5000-deep nesting print without touching Python's recursion limit."""
    big = lisp_list(*range(1_000_000))
    text = prin1_to_string(big)
    assert text.startswith("(0 1 2 ") and text.endswith(" 999999)")
    deep: object = NIL
    for _ in range(5000):
        deep = Cons(deep, NIL)
    assert prin1_to_string(deep) == "(" * 5000 + "NIL" + ")" * 5000


def test_custom_print_hook_and_foreign_objects(world: World) -> None:
    """Objects with a `lisp_print(self, sub, escape)` method print themselves; other Python objects are #<...>."""

    class Point:
        def __init__(self, x: object) -> None:
            self.x = x

        def lisp_print(self, sub: object, escape: bool) -> str:
            return f"#S(POINT :X {sub(self.x)})"  # type: ignore[operator]

    assert prin1_to_string(lisp_list(Point("a"))) == '(#S(POINT :X "a"))'
    assert _stable(prin1_to_string(object())) == "#<PYTHON object {…}>"


def test_write_to_stream() -> None:
    """write_to sends the printed text to a write callable."""
    parts: list[str] = []
    write_to(parts.append, lisp_list(1, "a"), escape=False)
    assert parts == ["(1 a)"]
