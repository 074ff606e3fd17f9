# Hash tables: the key function of each test (EQL keeps 1 and 1.0 and -0.0 apart, EQUAL compares strings and
# conses by contents without recursing along long lists, EQUALP ignores case and numeric type), and iteration
# in SBCL's order after REMHASH (a new entry takes the most recently freed slot).
from __future__ import annotations

from fractions import Fraction

from builtins_support import L, kw, mv

from clysm.eval.builtins import hashtables as h
from clysm.eval.builtins.common import pylist_to_list
from clysm.lisp.types import NIL, LispVector, Symbol, T, char


def table(test: str = "EQL"):
    return h.make_hash_table(kw("test"), Symbol(test))


def test_eql_keys_distinguish_number_types_and_signed_zero():
    t = table()
    h.puthash(1, t, "int")
    h.puthash(1.0, t, "float")
    h.puthash(-0.0, t, "negzero")
    h.puthash(0.0, t, "zero")
    h.puthash(Fraction(1, 2), t, "ratio")
    assert mv(h.gethash(1, t)) == ("int", T) and mv(h.gethash(1.0, t)) == ("float", T)
    assert mv(h.gethash(-0.0, t)) == ("negzero", T) and mv(h.gethash(0.0, t)) == ("zero", T)
    assert mv(h.gethash(Fraction(2, 4), t)) == ("ratio", T)
    assert mv(h.gethash(2**70, t, "d")) == ("d", NIL)
    a, b = "ab", "".join(["a", "b"])
    h.puthash(a, t, 1)
    assert mv(h.gethash(b, t)) == (NIL, NIL)  # different string objects are different EQL keys


def test_equal_keys_compare_contents():
    t = table("EQUAL")
    h.puthash(L(1, "ab", L(2.0)), t, "list")
    h.puthash("ab", t, "string")
    assert h.gethash(L(1, "ab", L(2.0)), t)[0] == "list"
    mutable = LispVector([char(97), char(98)], 2, "character", True)
    assert h.gethash(mutable, t)[0] == "string"
    assert h.gethash("AB", t)[1] is NIL and h.gethash(L(1, "ab", L(2)), t)[1] is NIL
    long_key = pylist_to_list(list(range(100000)))
    h.puthash(long_key, t, "long")
    assert h.gethash(pylist_to_list(list(range(100000))), t)[0] == "long"


def test_equalp_keys_ignore_case_and_number_type():
    t = table("EQUALP")
    h.puthash("Hello", t, 1)
    h.puthash(L(1, char(ord("a"))), t, 2)
    h.puthash(LispVector([1, 2]), t, 3)
    assert h.gethash("hELLO", t)[0] == 1
    assert h.gethash(L(1.0, char(ord("A"))), t)[0] == 2
    assert h.gethash(LispVector([1.0, 2]), t)[0] == 3
    assert h.gethash(LispVector([char(ord("h")), char(ord("e")), char(ord("l")), char(ord("l")), char(ord("o"))]),
                     t)[0] == 1


def keys(t) -> list:
    return [k for k, _ in h.entries(t)]


def test_iteration_order_after_remhash_follows_sbcl():
    t = table()
    for k in (1, 2, 3):
        h.puthash(k, t, k)
    h.remhash(2, t)
    h.puthash(4, t, 4)
    assert keys(t) == [1, 4, 3]
    t = table()
    for i in range(10):
        h.puthash(i, t, i)
    for i in (3, 7, 5):
        h.remhash(i, t)
    for k in ("x", "y", "z", "w"):
        h.puthash(k, t, 1)
    assert keys(t) == [0, 1, 2, "z", 4, "x", 6, "y", 8, 9, "w"]  # SBCL 2.2.9's order
    h.clrhash(t)
    h.puthash("a", t, 1)
    assert keys(t) == ["a"] and h.hash_table_count(t) == 1


def test_maphash_may_remove_the_current_entry():
    t = table()
    for i in range(5):
        h.puthash(i, t, i)
    h.maphash(lambda k, v: h.remhash(k, t) if k % 2 else NIL, t)
    assert keys(t) == [0, 2, 4]
