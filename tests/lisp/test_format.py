# FORMAT behaviour that the SBCL table cannot show: the destination's starting column (~& ~T), ~/NAME/ through a
# callback, *package* for ~S, and the shape of FORMAT errors (a Lisp SIMPLE-ERROR pointing into the control string).
from __future__ import annotations

import pytest

from clysm.lisp.format import format_string, parse_control
from clysm.lisp.types import LispError, lisp_list

from .conftest import World


def test_fresh_line_depends_on_starting_column() -> None:
    """~& emits a newline only when not at the start of a line, counting the destination's column."""
    assert format_string("~&x", [], column=0) == "x"
    assert format_string("~&x", [], column=7) == "\nx"
    assert format_string("a~&b", [], column=0) == "a\nb"
    assert format_string("a~%~&b", [], column=5) == "a\nb"


def test_tabulate_uses_starting_column() -> None:
    """~T counts from the destination's column, not from the start of FORMAT's own output."""
    assert format_string("~10Tx", [], column=4) == "      x"
    assert format_string("~10Tx", [], column=12) == " x"
    assert format_string("ab~%~4Tx", [], column=50) == "ab\n    x"


def test_user_directive_calls_back() -> None:
    """~/NAME/ calls apply_function(name, arg, colon, at, params) and inserts its text."""
    calls = []

    def call(name: str, arg: object, colon: bool, at: bool, params: list) -> str:
        calls.append((name, arg, colon, at, params))
        return "<" + str(arg) + ">"

    assert format_string("a~3,'x:@/my-fn/b", [42], apply_function=call) == "a<42>b"
    assert calls == [("my-fn", 42, True, True, [3, "x"])]
    with pytest.raises(LispError):
        format_string("~/foo/", [1])


def test_symbols_print_relative_to_package(world: World) -> None:
    """~S prints package prefixes relative to the given *package*; ~A never does."""
    sym = world.sym("FOO", "PK")
    assert format_string("~s ~a", [sym, sym]) == "PK::FOO FOO"
    assert format_string("~s", [sym], package=world.other) == "FOO"


def test_errors_are_lisp_errors_pointing_at_the_directive() -> None:
    """A bad control string or missing argument signals SIMPLE-ERROR whose message shows the place."""
    with pytest.raises(LispError) as info:
        format_string("abc ~a ~a", [1])
    condition = info.value.condition
    assert condition.type_name == "SIMPLE-ERROR"
    assert condition.message == "error in FORMAT: No more arguments\n  abc ~a ~a\n          ^"
    with pytest.raises(LispError) as info:
        format_string("~q", [1])
    assert "unknown format directive" in info.value.condition.message
    with pytest.raises(LispError):
        format_string("~{~a", [lisp_list(1)])
    with pytest.raises(LispError):
        format_string("~c", [1])


def test_parse_control_builds_a_tree() -> None:
    """Nested directives parse into one node with clauses, keeping literal text as strings."""
    nodes = parse_control("x~:[no~;yes~]y")
    assert nodes[0] == "x" and nodes[2] == "y"
    assert [[n for n in clause] for clause in nodes[1].clauses] == [["no"], ["yes"]]


def test_iteration_over_long_list_is_not_recursive() -> None:
    """~{~} over 100000 elements works (iteration, not recursion)."""
    text = format_string("~{~a~^,~}", [lisp_list(*range(100000))])
    assert text.count(",") == 99999
