# The Strings chapter: char/schar, string designators, comparisons with :start/:end
# (case-sensitive and not, returning SBCL's mismatch indices), case conversion, trimming, PARSE-INTEGER,
# MAKE-STRING. Simple strings are Python str (immutable); mutable strings are character LispVectors.
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from clysm.eval import errors
from clysm.eval.builtins.characters import digit_weight, downcase_code, is_alpha, upcase_code
from clysm.eval.builtins.common import LATIN1_CHARS, bounds, char_fold, check_index, check_size, parse_keys, show
from clysm.eval.builtins.mvalues import returns_values, values
from clysm.eval.builtins.registry import builtin
from clysm.lisp.types import NIL, Char, LispVector, Symbol, T, char


def string_text(x: Any) -> str:
    """The text of a string designator (string, symbol, character)."""
    t = type(x)
    if t is str:
        return x
    if isinstance(x, Symbol):
        return x.name
    if t is Char:
        return chr(x.code)
    if isinstance(x, LispVector) and x.element_type == "character":
        return "".join([chr(c.code) for c in x.active()])
    errors.signal_error("SIMPLE-TYPE-ERROR", f"{show(x)} is not a string designator.", DATUM=x,
                        EXPECTED_TYPE="(OR STRING SYMBOL CHARACTER)")


def _string_arg(x: Any) -> Any:
    if type(x) is str or (isinstance(x, LispVector) and x.element_type == "character"):
        return x
    errors.type_error(x, "STRING")


# ---------------------------------------------------------------------------------------------- char, schar

@builtin("CHAR", "SCHAR")
def char_(s: Any, index: Any) -> Any:
    if type(s) is str:
        if type(index) is int and 0 <= index < len(s):
            code = ord(s[index])
            return LATIN1_CHARS[code] if code < 256 else char(code)
        check_index(index, len(s), s)
    if isinstance(s, LispVector) and s.element_type == "character":
        return s.items[check_index(index, len(s.items), s)]  # CHAR ignores the fill pointer
    errors.type_error(s, "STRING")


@builtin("STRING")
def string(x: Any) -> Any:
    if isinstance(x, LispVector) and x.element_type == "character":
        return x
    return string_text(x)


@builtin("STRINGP")
def stringp(x: Any) -> Any:
    return T if type(x) is str or (isinstance(x, LispVector) and x.element_type == "character") else NIL


@builtin("SIMPLE-STRING-P")
def simple_string_p(x: Any) -> Any:
    if type(x) is str:
        return T
    if isinstance(x, LispVector) and x.element_type == "character":
        return T if x.fill_pointer is None and not x.adjustable else NIL
    return NIL


@builtin("MAKE-STRING")
def make_string(size: Any, *keys: Any) -> Any:
    """A fresh mutable string (a character vector)."""
    kw = parse_keys(keys, frozenset({"INITIAL-ELEMENT", "ELEMENT-TYPE"}), "MAKE-STRING") if keys else {}
    check_size(size)
    init = kw.get("INITIAL-ELEMENT", char(0))
    if type(init) is not Char:
        errors.type_error(init, "CHARACTER")
    return LispVector([init] * size, None, "character")


# ---------------------------------------------------------------------------------------------- comparisons

_CMP_KEYS = frozenset({"START1", "END1", "START2", "END2"})


def _compare_args(s1: Any, s2: Any, keys: tuple[Any, ...], fname: str) -> tuple[str, str, int, int]:
    a = string_text(s1)
    b = string_text(s2)
    if not keys:
        return a, b, 0, 0
    kw = parse_keys(keys, _CMP_KEYS, fname)
    st1, e1 = bounds(kw.get("START1"), kw.get("END1"), len(a))
    st2, e2 = bounds(kw.get("START2"), kw.get("END2"), len(b))
    return a[st1:e1], b[st2:e2], st1, st2


def _fold(s: str) -> str:
    if s.isascii():
        return s.lower()
    return "".join([chr(char_fold(char(ord(c)))) for c in s])


def _mismatch(a: str, b: str) -> int:
    n = min(len(a), len(b))
    i = 0
    while i < n and a[i] == b[i]:
        i += 1
    return i


def _string_compare(name: str, fold: bool, decide: Callable[[str, str, int], bool | None]) -> Any:
    """decide(a, b, i) at the first mismatch index i: True (result index), False (NIL)."""

    def compare(s1: Any, s2: Any, *keys: Any) -> Any:
        a, b, st1, _ = _compare_args(s1, s2, keys, name)
        if fold:
            a = _fold(a)
            b = _fold(b)
        i = _mismatch(a, b)
        return st1 + i if decide(a, b, i) else NIL

    compare.__name__ = name.lower().replace("-", "_")
    return builtin(name)(compare)


def _lt(a: str, b: str, i: int) -> bool:
    return i < len(b) and (i == len(a) or a[i] < b[i])


def _gt(a: str, b: str, i: int) -> bool:
    return i < len(a) and (i == len(b) or a[i] > b[i])


def _ne(a: str, b: str, i: int) -> bool:
    return not (i == len(a) and i == len(b))


string_lt = _string_compare("STRING<", False, _lt)
string_gt = _string_compare("STRING>", False, _gt)
string_le = _string_compare("STRING<=", False, lambda a, b, i: not _gt(a, b, i))
string_ge = _string_compare("STRING>=", False, lambda a, b, i: not _lt(a, b, i))
string_ne = _string_compare("STRING/=", False, _ne)
string_lessp = _string_compare("STRING-LESSP", True, _lt)
string_greaterp = _string_compare("STRING-GREATERP", True, _gt)
string_not_greaterp = _string_compare("STRING-NOT-GREATERP", True, lambda a, b, i: not _gt(a, b, i))
string_not_lessp = _string_compare("STRING-NOT-LESSP", True, lambda a, b, i: not _lt(a, b, i))
string_not_equal = _string_compare("STRING-NOT-EQUAL", True, _ne)


@builtin("STRING=")
def string_eq(s1: Any, s2: Any, *keys: Any) -> Any:
    if not keys and type(s1) is str and type(s2) is str:
        return T if s1 == s2 else NIL
    a, b, _, _ = _compare_args(s1, s2, keys, "STRING=")
    return T if a == b else NIL


@builtin("STRING-EQUAL")
def string_equal(s1: Any, s2: Any, *keys: Any) -> Any:
    a, b, _, _ = _compare_args(s1, s2, keys, "STRING-EQUAL")
    return T if len(a) == len(b) and _fold(a) == _fold(b) else NIL


# ---------------------------------------------------------------------------------------------- case conversion

def _map_codes(text: str, fn: Callable[[int], int]) -> str:
    return "".join([chr(fn(ord(c))) for c in text])


def _capitalize(text: str) -> str:
    out = []
    in_word = False
    for c in text:
        code = ord(c)
        alnum = is_alpha(code) or digit_weight(code, 10) is not None
        if alnum:
            out.append(chr(downcase_code(code) if in_word else upcase_code(code)))
        else:
            out.append(c)
        in_word = alnum
    return "".join(out)


def _case_fn(name: str, convert: Callable[[str], str], destructive: bool) -> Any:
    def case(s: Any, *keys: Any) -> Any:
        if destructive:
            _string_arg(s)
        text = string_text(s)
        if keys:
            kw = parse_keys(keys, frozenset({"START", "END"}), name)
            st, e = bounds(kw.get("START"), kw.get("END"), len(text))
        else:
            st, e = 0, len(text)
        result = text[:st] + convert(text[st:e]) + text[e:]
        if destructive and isinstance(s, LispVector):
            s.items[: len(result)] = [char(ord(c)) for c in result]
            return s
        return result

    case.__name__ = name.lower().replace("-", "_")
    return builtin(name)(case)


def _upcase(text: str) -> str:
    return text.upper() if text.isascii() else _map_codes(text, upcase_code)


def _downcase(text: str) -> str:
    return text.lower() if text.isascii() else _map_codes(text, downcase_code)


string_upcase = _case_fn("STRING-UPCASE", _upcase, False)
string_downcase = _case_fn("STRING-DOWNCASE", _downcase, False)
string_capitalize = _case_fn("STRING-CAPITALIZE", _capitalize, False)
nstring_upcase = _case_fn("NSTRING-UPCASE", _upcase, True)
nstring_downcase = _case_fn("NSTRING-DOWNCASE", _downcase, True)
nstring_capitalize = _case_fn("NSTRING-CAPITALIZE", _capitalize, True)


# ---------------------------------------------------------------------------------------------- trimming

def _bag(bag: Any) -> set[str]:
    if type(bag) is str:
        return set(bag)
    from clysm.eval.builtins.common import seq_list

    items = seq_list(bag)
    out = set()
    for c in items:
        if type(c) is not Char:
            errors.type_error(c, "CHARACTER")
        out.add(chr(c.code))
    return out


def _trim(name: str, left: bool, right: bool) -> Any:
    def trim(bag: Any, s: Any) -> Any:
        chars = _bag(bag)
        text = string_text(s)
        st = 0
        e = len(text)
        if left:
            while st < e and text[st] in chars:
                st += 1
        if right:
            while e > st and text[e - 1] in chars:
                e -= 1
        return text[st:e]

    trim.__name__ = name.lower().replace("-", "_")
    return builtin(name)(trim)


string_trim = _trim("STRING-TRIM", True, True)
string_left_trim = _trim("STRING-LEFT-TRIM", True, False)
string_right_trim = _trim("STRING-RIGHT-TRIM", False, True)


# ---------------------------------------------------------------------------------------------- parse-integer

_WHITESPACE = frozenset("\t\n\x0c\r ")


def _parse_error(message: str, text: str) -> None:
    errors.signal_error("PARSE-ERROR", f"{message} {show(text)}")


@builtin("PARSE-INTEGER")
@returns_values
def parse_integer(s: Any, *keys: Any) -> Any:
    """SBCL's algorithm: optional whitespace, sign, digits, optional trailing whitespace; 2 values."""
    text = string_text(_string_arg(s))
    kw = parse_keys(keys, frozenset({"START", "END", "RADIX", "JUNK-ALLOWED"}), "PARSE-INTEGER") if keys else {}
    start, end = bounds(kw.get("START"), kw.get("END"), len(text))
    radix = kw.get("RADIX", 10)
    if type(radix) is not int or not 2 <= radix <= 36:
        errors.type_error(radix, "(INTEGER 2 36)")
    junk = kw.get("JUNK-ALLOWED", NIL) is not NIL
    i = start
    while i < end and text[i] in _WHITESPACE:
        i += 1
    if i == end:
        if junk:
            return values(NIL, end)
        errors.signal_error("PARSE-ERROR", f"no non-whitespace characters in string {show(text)}.")
    negative = False
    if text[i] == "-":
        negative = True
        i += 1
    elif text[i] == "+":
        i += 1
    result = 0
    found = False
    while i < end:
        w = digit_weight(ord(text[i]), radix)
        if w is not None:
            result = result * radix + w
            found = True
        elif junk:
            break
        elif text[i] in _WHITESPACE:
            i += 1
            while i < end:
                if text[i] not in _WHITESPACE:
                    _parse_error("junk in string", text)
                i += 1
            break
        else:
            _parse_error("junk in string", text)
        i += 1
    if not found:
        if junk:
            return values(NIL, i)
        _parse_error("no digits in string", text)
    return values(-result if negative else result, i)
