# The reader: every piece of standard syntax we support, the exact place (line:column) of every malformed-input
# error, incomplete-input detection for the REPL, source positions, and robustness on deep or long input.
from __future__ import annotations

from fractions import Fraction

import pytest

from clysm.lisp.printer import prin1_to_string
from clysm.lisp.reader import EOF, IncompleteInput, Reader, read_all, read_one
from clysm.lisp.types import (
    NIL,
    Char,
    Cons,
    LispVector,
    ReaderError,
    SingleFloat,
    Symbol,
    T,
    char,
    iter_list,
    to_single,
)

from .conftest import World

# -- numbers


@pytest.mark.parametrize(
    ("source", "value"),
    [
        ("42", 42),
        ("+5", 5),
        ("-0", 0),
        ("10.", 10),
        ("-10.", -10),
        ("00012", 12),
        ("123456789012345678901234567890", 123456789012345678901234567890),
        ("1/3", Fraction(1, 3)),
        ("-2/4", Fraction(-1, 2)),
        ("+1/2", Fraction(1, 2)),
        ("4/2", 2),
        ("1.5", SingleFloat(1.5)),
        ("1e10", SingleFloat(1e10)),
        ("1.5d0", 1.5),
        ("1.5f0", SingleFloat(1.5)),
        ("1.5s0", SingleFloat(1.5)),
        ("1.5l0", 1.5),
        ("1.0E+2", SingleFloat(100.0)),
        (".5", SingleFloat(0.5)),
        ("+.5", SingleFloat(0.5)),
        ("-.5", SingleFloat(-0.5)),
        ("-1.5e-3", to_single(-0.0015)),
        ("-1.5d-3", -0.0015),
        ("0.1", to_single(0.1)),
        ("0.1d0", 0.1),
        ("1.e5", SingleFloat(100000.0)),
        ("+.5e2", SingleFloat(50.0)),
        ("1e-400", SingleFloat(0.0)),
        ("1d-400", 0.0),
        ("16777217.0", SingleFloat(16777216.0)),
        ("1.00000006", SingleFloat(1.0000001192092896)),  # above the midpoint 1 + 2**-24: rounds up
        ("1.000000059604644775390625", SingleFloat(1.0)),  # exactly the midpoint: ties to even
        ("1.0000000596046448", SingleFloat(1.0000001192092896)),  # reads as the midpoint double, but is above it
        ("#b101", 5),
        ("#B101", 5),
        ("#o17", 15),
        ("#x1F", 31),
        ("#x1f", 31),
        ("#x-1F", -31),
        ("#x+ff", 255),
        ("#36rZZ", 1295),
        ("#3r12", 5),
        ("#b1/10", Fraction(1, 2)),
        ("#o-17/3", -5),
    ],
)
def test_numbers(world: World, source: str, value: object) -> None:
    """Integer, ratio (normalised), float (e/f/s or no marker: a SingleFloat rounded to binary32; d/l: a Python
    float) and radix syntax."""
    got = world.read(source)
    assert got == value
    assert type(got) is type(value)


def test_huge_integer_beyond_cpython_digit_limit(world: World) -> None:
    """Integers with more than 4300 digits read (CPython's int(str) limit is worked around)."""
    digits = "7" * 10000
    value = world.read(digits)
    assert value % 10**9 == 777777777 and value.bit_length() > 33000
    assert prin1_to_string(value) == digits


@pytest.mark.parametrize(
    "source", ["1+", "1-", "+", "-", "1/2/3", "1.5.6", "-1/-2", "1/+2", "foo+", "ab.cd", "/", "12ab"]
)
def test_number_like_tokens_are_symbols(world: World, source: str) -> None:
    """Tokens that are not number syntax are symbols (CL potential-number rules for the common cases)."""
    got = world.read(source)
    assert isinstance(got, Symbol)
    assert got.name == source.upper()


# -- symbols


def test_symbols_are_upcased_and_interned_in_current_package(world: World) -> None:
    """Unescaped characters are upper-cased; the same name reads as the same symbol."""
    a = world.read("foo")
    assert a.name == "FOO" and a.package is world.user
    assert world.read("FOO") is a
    assert world.read("car") is world.sym("CAR", "COMMON-LISP")


@pytest.mark.parametrize(
    ("source", "name"),
    [("|mixed Case|", "mixed Case"), ("a\\bc", "AbC"), ("ab|cd|ef", "ABcdEF"), ("\\1", "1"), ("1\\2", "12"),
     ("|a\\|b|", "a|b"), ("||", ""), ("|.|", "."), ("\\(", "(")],
)  # fmt: skip
def test_escaped_symbols(world: World, source: str, name: str) -> None:
    """Bars and backslashes keep case and make number-looking or syntax characters part of the name."""
    sym = world.read(source)
    assert isinstance(sym, Symbol) and sym.name == name


def test_package_prefixes(world: World) -> None:
    """`:k` is a keyword; `pkg:sym` and `pkg::sym` intern in that package; NIL and T are the constants."""
    key = world.read(":foo")
    assert key.package is world.keyword and key.name == "FOO"
    assert world.read("::foo") is key
    assert world.read("pk:x") is world.read("pk::x") is world.sym("X", "PK")
    assert world.read("cl:car") is world.sym("CAR", "COMMON-LISP")
    assert world.read("nil") is NIL and world.read("t") is T and world.read("()") is NIL
    assert world.read("|PK|::|x|") is world.sym("x", "PK")


def test_uninterned_symbol(world: World) -> None:
    """`#:foo` makes a fresh symbol with no package each time."""
    a, b = world.read_all("#:foo #:foo")
    assert isinstance(a, Symbol) and a.package is None and a.name == "FOO"
    assert a is not b


# -- strings and characters


def test_strings(world: World) -> None:
    """Only \\ escapes: \\" and \\\\ and any other character stands for itself (no \\n)."""
    assert world.read('"a\\"b\\\\c\\n"') == 'a"b\\cn'
    assert world.read('"multi\nline"') == "multi\nline"
    assert world.read('""') == ""


@pytest.mark.parametrize(
    ("source", "code"),
    [("#\\a", 97), ("#\\A", 65), ("#\\Space", 32), ("#\\space", 32), ("#\\SPACE", 32), ("#\\Newline", 10),
     ("#\\Linefeed", 10), ("#\\Tab", 9), ("#\\Return", 13), ("#\\Backspace", 8), ("#\\Rubout", 127), ("#\\Page", 12),
     ("#\\Nul", 0), ("#\\Null", 0), ("#\\Esc", 27), ("#\\Escape", 27), ("#\\Del", 127), ("#\\(", 40), ("#\\)", 41),
     ("#\\;", 59), ("#\\\\", 92), ("#\\|", 124), ("#\\ ", 32), ("#\\x", 120), ("#\\U+41", 65), ("#\\u41", 65),
     ("#\\Latin_Small_Letter_A", 97), ("#\\GREEK_SMALL_LETTER_LAMDA", 955), ("#\\NO-BREAK_SPACE", 160),
     ("#\\Soh", 1), ("#\\C80", 128)],
)  # fmt: skip
def test_characters(world: World, source: str, code: int) -> None:
    """Character syntax: single characters (even macro characters) and SBCL's case-insensitive names."""
    got = world.read(source)
    assert got is char(code)


def test_character_followed_by_delimiter(world: World) -> None:
    """`#\\a(` is the character a followed by a list; `#\\Space)` ends at the parenthesis."""
    forms = world.read_all("#\\a(b) (#\\Space)")
    assert forms[0] is char(97)
    assert prin1_to_string(forms[2]) == "(#\\ )"


# -- structure


def test_lists_and_dotted_pairs(world: World) -> None:
    """Proper lists, dotted pairs and dotted tails."""
    assert prin1_to_string(world.read("(a . b)")) == "(A . B)"
    assert prin1_to_string(world.read("(a b . c)")) == "(A B . C)"
    assert prin1_to_string(world.read("(a . (b c))")) == "(A B C)"
    assert prin1_to_string(world.read("(a .b)")) == "(A .B)"
    assert prin1_to_string(world.read("(a . #|x|# b)")) == "(A . B)"
    assert prin1_to_string(world.read("((a) (b (c)) ())")) == "((A) (B (C)) NIL)"


def test_quote_and_function_abbreviations(world: World) -> None:
    """'x is (QUOTE X) and #'f is (FUNCTION F), with the COMMON-LISP symbols."""
    q = world.read("'x")
    assert isinstance(q, Cons) and q.car is world.sym("QUOTE", "COMMON-LISP")
    f = world.read("#'car")
    assert f.car is world.sym("FUNCTION", "COMMON-LISP") and f.cdr.car is world.sym("CAR", "COMMON-LISP")
    assert prin1_to_string(world.read("''x")) == "''X"


def test_vectors(world: World) -> None:
    """#(...) reads a general vector of unevaluated objects; #n(...) pads with the last element; #* bit vectors."""
    v = world.read('#(1 a "s" (b))')
    assert isinstance(v, LispVector) and len(v) == 4 and v.items[0] == 1
    assert prin1_to_string(world.read("#()")) == "#()"
    assert prin1_to_string(world.read("#3(1)")) == "#(1 1 1)"
    bits = world.read("#*1011")
    assert bits.element_type == "bit" and bits.items == [1, 0, 1, 1]


def test_complex_with_float_parts(world: World) -> None:
    """#C(re im) with float parts reads as a Python complex."""
    assert world.read("#c(1.0 2.5)") == complex(1.0, 2.5)


def test_comments(world: World) -> None:
    """; to end of line and nested #| |# comments are skipped anywhere whitespace may be."""
    forms = world.read_all("; hello\n1 #| a #| nested |# b |# 2 ; tail\n(3 ; inner\n 4)")
    assert [prin1_to_string(f) for f in forms] == ["1", "2", "(3 4)"]
    assert world.read_all("; only a comment") == []


def test_feature_expressions(world: World) -> None:
    """#+ / #- test :clysm and :common-lisp (true) and :sbcl (false); and/or/not combine them."""
    assert world.read_all("#+sbcl 1 #-sbcl 2") == [2]
    assert world.read_all("#+clysm 1 #-clysm 2") == [1]
    assert world.read_all("#+(or sbcl common-lisp) 1") == [1]
    assert world.read_all("#+(and) 1 #+(or) 2 3") == [1, 3]
    assert world.read_all("#+(not sbcl) 1") == [1]
    assert world.read_all("#+(and clysm (not sbcl)) 1") == [1]
    assert prin1_to_string(world.read("(a #+sbcl b c)")) == "(A C)"
    assert prin1_to_string(world.read("#(a #-clysm b)")) == "#(A)"


def test_skipped_form_is_not_interned_or_checked(world: World) -> None:
    """A form skipped by #+ is read without interning, so unknown packages or #. inside it are harmless."""
    before = set(world.user.symbols)
    assert world.read_all("#+sbcl (sb-ext:quit :recklessly-p t #.(x) ,y) 5") == [5]
    assert set(world.user.symbols) == before


def test_features_are_configurable(world: World) -> None:
    """The caller's *features* decide #+."""
    assert Reader("#+sbcl 1 2", intern=world.intern, features={"SBCL"}).read_all() == [1, 2]


# -- errors: message and exact 1-based line:column


@pytest.mark.parametrize(
    ("source", "incomplete", "line", "column", "fragment"),
    [
        ("(a\n  (b c)", True, 1, 1, "missing )"),
        ("(a (b\n c", True, 1, 4, "missing )"),
        ("x\n  )", False, 2, 3, "unmatched close parenthesis"),
        ("(a))", False, 1, 4, "unmatched close parenthesis"),
        ('(a "bc\n d', True, 1, 4, "string"),
        ("  #z", False, 1, 3, "#z"),
        ("\n #\\foo", False, 2, 2, 'unrecognized character name: "foo"'),
        ("#\\x41", False, 1, 1, "x41"),
        ("(. a)", False, 1, 2, "before ."),
        ("(a . )", False, 1, 6, "after ."),
        ("(a . b c)", False, 1, 8, "more than one object"),
        ("(a . b . c)", False, 1, 8, "dot"),
        (" .", False, 1, 2, "dot"),
        ("#(a . b)", False, 1, 5, "dot"),
        ("..", False, 1, 1, "too many dots"),
        ("(x ,a)", False, 1, 4, "comma not inside a backquote"),
        ("`(a ,,b)", False, 1, 6, "comma not inside a backquote"),
        ("'", True, 1, 1, "'"),
        ("(a '", True, 1, 4, "'"),
        ("(a ')", False, 1, 5, "unexpected ) where a form should follow '"),
        ("(#+clysm)", False, 1, 9, "#+"),
        ("#3(1 2 3 4)", False, 1, 1, "longer"),
        ("#|abc\n|", True, 1, 1, "#|"),
        ("`,@a", False, 1, 1, ",@"),
        ("`(a . ,@b)", False, 1, 1, ",@"),
        ("foo:bar", False, 1, 1, "FOO"),
        ("a:b:c", False, 1, 1, "too many colons"),
        ("cl:", False, 1, 1, "package marker"),
        ("#:a:b", False, 1, 1, "package marker"),
        ("#3r4", False, 1, 1, "not a rational"),
        ("#37r1", False, 1, 1, "radix"),
        ("#b102", False, 1, 1, "not a rational"),
        ("#x ", False, 1, 1, "#x"),
        ("#x", True, 1, 1, "#x"),
        ("#.(x)", False, 1, 1, "#."),
        ("1/0", False, 1, 1, "division by zero"),
        ("1e999", False, 1, 1, "overflow"),
        ("#\\", True, 1, 1, "#\\"),
        ("#", True, 1, 1, "#"),
        ("#+", True, 1, 1, "#+"),
        ("#+clysm", True, 1, 1, "#+"),
        ("|abc", True, 1, 1, "|"),
        ("abc\\", True, 1, 4, "escape"),
        ("#*12", False, 1, 1, "bit vector"),
        ("#+(foo) a", False, 1, 1, "feature expression"),
        ("#S(point)", False, 1, 1, "#S"),
        ("#c(1 2)", False, 1, 1, "rational parts"),
    ],
)
def test_reader_errors(world: World, source: str, incomplete: bool, line: int, column: int, fragment: str) -> None:
    """Malformed input raises ReaderError at the offending character; input that just stops early raises the
    IncompleteInput subclass (so a REPL asks for more lines)."""
    with pytest.raises(ReaderError) as info:
        world.read_all(source, filename="f.lisp")
    err = info.value
    assert isinstance(err, IncompleteInput) == incomplete
    assert (err.filename, err.line, err.column) == ("f.lisp", line, column)
    assert fragment in err.message
    assert str(err).startswith(f"f.lisp:{line}:{column}: ")


def test_read_all_is_all_or_nothing(world: World) -> None:
    """A file with a bad form anywhere yields no forms at all."""
    with pytest.raises(ReaderError):
        world.read_all("(print 1)\n(print 2))")


# -- incremental reading


def test_read_one_steps_through_text(world: World) -> None:
    """read_one returns each form and the offset after it, then EOF."""
    text = "(a b) c ; done\n"
    form, pos = read_one(text, 0, intern=world.intern)
    assert prin1_to_string(form) == "(A B)" and pos == 5
    form, pos = read_one(text, pos, intern=world.intern)
    assert form is world.sym("C") and pos == 7
    form, pos = read_one(text, pos, intern=world.intern)
    assert form is EOF and pos == len(text)


def test_repl_can_tell_incomplete_from_malformed(world: World) -> None:
    """An unfinished form raises IncompleteInput; adding the missing text makes it read."""
    with pytest.raises(IncompleteInput):
        read_one("(defun f (x)\n  (+ x", intern=world.intern)
    form, _ = read_one("(defun f (x)\n  (+ x 1))", intern=world.intern)
    assert prin1_to_string(form) == "(DEFUN F (X) (+ X 1))"
    with pytest.raises(ReaderError) as info:
        read_one("  )", intern=world.intern)
    assert not isinstance(info.value, IncompleteInput)


# -- positions and robustness


def test_positions_of_lists(world: World) -> None:
    """Each list read records its 1-based line and column in `positions`, keyed by id() of its first cons."""
    reader = Reader("(a\n  (b c)\n 'd)", intern=world.intern)
    form = reader.read()
    inner = form.cdr.car
    quoted = form.cdr.cdr.car
    assert reader.positions[id(form)] == (1, 1)
    assert reader.positions[id(inner)] == (2, 3)
    assert reader.positions[id(quoted)] == (3, 2)


def test_deep_nesting_does_not_exhaust_the_python_stack(world: World) -> None:
    """100000 nested parentheses read fine (the reader is iterative) and print with a depth cut-off."""
    depth = 100000
    form = world.read("(" * depth + "x" + ")" * depth)
    for _ in range(depth):
        assert isinstance(form, Cons) and form.cdr is NIL
        form = form.car
    assert form is world.sym("X")


def test_long_list_reads(world: World) -> None:
    """A list of 200000 elements reads and keeps its order."""
    form = world.read("(" + " ".join(str(i) for i in range(200000)) + ")")
    assert list(iter_list(form))[-3:] == [199997, 199998, 199999]


def test_reading_characters_gives_interned_chars(world: World) -> None:
    """Characters are the interned Char objects (so EQ works)."""
    a, b = world.read_all("#\\a #\\a")
    assert isinstance(a, Char) and a is b


# -- the fast paths (plain tokens, one regex for blanks and parentheses) and the token->symbol cache


def test_tokens_mixing_plain_runs_and_escapes_in_lists(world: World) -> None:
    """A token whose plain start runs into | or \\ is read whole by the escape-aware path, inside lists too;
    Unicode whitespace other than space, tab, newline, return and page is a constituent."""
    form = world.read("(ab|cd| x\\y z (q\u00a0r) .5 a.b)")
    names = []
    while form is not NIL:
        item = form.car
        names.append(item if not isinstance(item, Symbol) else item.name)
        form = form.cdr
    assert names[:3] == ["ABcd", "Xy", "Z"]
    assert names[3].car.name == "Q\u00a0R" and names[3].cdr is NIL
    assert names[4:] == [0.5, "A.B"]


def test_read_all_interns_each_token_once(world: World) -> None:
    """read_all reads every form before anything runs, so a token gives the same symbol in every form: it is
    interned once (per spelling), whatever the number of forms."""
    calls: list[tuple[str, str | None]] = []

    def intern(name: str, package: str | None) -> Symbol:
        calls.append((name, package))
        return world.intern(name, package)

    forms = read_all("(defun f (x) (car x)) (defun g (x) (f x)) (f :k) (pk:y pk:y)", intern=intern)
    assert forms[0].car is forms[1].car and forms[2].car is forms[1].cdr.cdr.cdr.car.car
    assert sorted(calls) == sorted({("DEFUN", None), ("F", None), ("X", None), ("CAR", None), ("G", None),
                                    ("K", "KEYWORD"), ("Y", "PK")})


def test_read_interns_again_in_each_form(world: World) -> None:
    """Outside read_all a caller may evaluate between two read() calls (IN-PACKAGE, UNINTERN...), so each form
    interns its tokens afresh: what `intern` gives may change from one form to the next."""
    current = {"pkg": world.user}

    def intern(name: str, package: str | None) -> Symbol:
        return current["pkg"].intern(name) if package is None else world.intern(name, package)

    reader = Reader("(x x) (x x)", intern=intern)
    first = reader.read()
    current["pkg"] = world.other
    second = reader.read()
    assert first.car is first.cdr.car and first.car.package is world.user
    assert second.car is second.cdr.car and second.car.package is world.other
