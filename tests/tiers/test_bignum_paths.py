# Bignums in compiled code (docs/ABI.md, "Wire numbers" and "Integers outside the fixnum range";
# bench/programs/bignum.lisp): the kind of a host object travels with its wire, so a bignum compared with a fixnum
# or sign-tested is decided inside Wasm; + - * MOD FLOOR on integers run in Wasm (a Python bignum operand is fetched
# once per handle, a Wasm `$big` crosses to Python only when it leaves Wasm, LIMBS_PER_CROSSING limbs per crossing).
# Counted with the real engine in Pyodide (the values themselves are corpus cases:
# tests/corpus/29-bignum-paths.lisp, tests/corpus/31-bignum-native.lisp).
from __future__ import annotations

from tests.tiers.pyo import run_py

DEFS = [
    "(defvar *big* (expt 2 100))",
    "(defun t-cmp (x n) (let ((c 0)) (dotimes (i n) (when (> x 0) (incf c)) (when (< x 5) (incf c))) c))",
    "(defun t-sign (x n) (let ((c 0)) (dotimes (i n) (when (plusp x) (incf c)) (when (zerop x) (incf c))) c))",
    "(defun t-mul (x n) (let ((r 0)) (dotimes (i n) (setq r (* x i))) r))",
    "(defun t-over (n) (let ((r 0)) (dotimes (i n) (setq r (* 1073741823 (- 1073741823 i)))) r))",
    "(defun t-mod (x n) (let ((r 0) (q 0)) (dotimes (i n) (setq r (mod x 10) q (floor x 10))) (list r q)))",
]


def test_bignum_operations_stay_in_wasm(node_session) -> None:  # type: ignore[no-untyped-def]
    out = run_py(node_session, f"""
        with HostCalls() as hc:
            e = make("2", 10)
            for d in {DEFS!r}:
                e.eval_string(d)
            per_call = {{}}
            values = {{}}
            for name, args in (("t-cmp", "*big*"), ("t-sign", "*big*"), ("t-mul", "*big*"), ("t-over", ""),
                               ("t-mod", "*big*")):
                hc.n = 0; hc.by.clear()
                e.eval_string(f"({{name}} {{args}} 1)")
                few = dict(hc.by)
                hc.n = 0; hc.by.clear()
                values[name] = e.prin1(e.eval_string(f"({{name}} {{args}} 101)"))
                many = dict(hc.by)
                per_call[name] = {{k: (many.get(k, 0) - few.get(k, 0)) / 100 for k in set(many) | set(few)
                                  if many.get(k, 0) != few.get(k, 0)}}
        [per_call, values]
    """)
    per_call, values = out
    assert per_call["t-cmp"] == {} and values["t-cmp"] == "101"  # (> big 0) and (< big 5): no crossing
    assert per_call["t-sign"] == {} and values["t-sign"] == "101"  # (plusp big), (zerop big): no crossing
    # (per iteration: the difference between 101 and 1 iterations over 100; a crossing per call, such as the
    # fetch of *big* or the result leaving Wasm, shows as +-0.01)
    assert all(abs(v) <= 0.01 for v in per_call["t-mul"].values())  # every product stays a Wasm $big
    assert values["t-mul"] == str(2 ** 100 * 100)
    assert all(abs(v) <= 0.01 for v in per_call["t-over"].values())  # fixnum * fixnum overflowing: made in Wasm
    assert all(abs(v) <= 0.01 for v in per_call["t-mod"].values())  # MOD / FLOOR of *big* by a fixnum: in Wasm
    assert values["t-mod"] == f"({2 ** 100 % 10} {2 ** 100 // 10})"


def test_kinds_outside_the_wire_bits_are_asked_once(node_session) -> None:  # type: ignore[no-untyped-def]
    """A kind that does not fit the wire's 4 bits (a character's kind is -1 - code, docs/ABI.md "Strings and
    characters") travels as HK_WIRE_ASK: the runtime asks host.kind once for the handle and keeps the answer."""
    out = run_py(node_session, """
        with HostCalls() as hc:
            e = make("2", 10)
            e.eval_string('(defvar *s* (code-char 955))')
            e.eval_string('(defun probe (x y) (list (consp x) (eq x y) (listp x) (characterp x)))')
            counts, values = [], []
            for form in ('(probe (char-upcase *s*) *s*)', '(probe (make-hash-table) *s*)', '(probe *s* *s*)'):
                hc.by.clear()
                values.append(e.prin1(e.eval_string(form)))
                counts.append(hc.by.get("h_kind", 0))
        [values, counts]
    """)
    values, counts = out
    assert values == ["(NIL NIL NIL T)", "(NIL NIL NIL NIL)", "(NIL T NIL T)"]
    assert counts == [1, 0, 0]  # the new character's kind is asked once; a hash table's (kind 0) travels in its wire


def test_big_results_cross_as_python_ints(node_session) -> None:  # type: ignore[no-untyped-def]
    """A $big made in Wasm reaches Python as an ordinary int when it leaves Wasm (one `big_limbs` crossing per 8
    limbs, nothing per operation); a Python bignum operand is fetched once (`big_fetch`), whatever the number of
    operations on it; values are exactly Python's."""
    out = run_py(node_session, """
        with HostCalls() as hc:
            e = make("2", 10)
            e.eval_string("(defun pow (b n) (let ((x 1)) (dotimes (i n x) (setq x (* x b)))))")
            e.eval_string("(defun sum-with (x n) (let ((s 0)) (dotimes (i n s) (setq s (+ s (* x i))))))")
            e.eval_string("(defvar *p* (expt 3 500))")
            counts, values = [], []
            for form in ("(pow 2 1000)", "(pow -7 81)", "(sum-with *p* 50)", "(pow 2 31)"):
                hc.by.clear()
                v = e.eval_string(form)
                values.append(v)
                counts.append(dict(hc.by))
        [values, counts]
    """)
    values, counts = out
    assert values == [2 ** 1000, (-7) ** 81, 3 ** 500 * sum(range(50)), 2 ** 31]
    assert [-(-v.bit_length() // 32) for v in values] == [32, 8, 26, 1]  # limbs
    assert counts[0] == {"h_big_limbs": 4}  # 32 limbs, 8 per crossing, nothing per multiplication
    assert counts[1] == {"h_big_limbs": 1}
    assert counts[2] == {"h_symbol_value": 1, "h_big_fetch": 1, "h_big_limbs": 4}  # *p* fetched once for 50 products
    assert counts[3] == {"h_big_limbs": 1}
