# Bignums in compiled code (docs/ABI.md, "Wire numbers"; bench/programs/bignum.lisp): the kind of a host object
# travels with its wire, so a new bignum returned by a slow path costs no `host.kind` crossing, a bignum compared
# with a fixnum or sign-tested is decided inside Wasm, and + - * MOD FLOOR on bignums cost exactly one registry
# call each. Counted with the real engine in Pyodide (the values themselves are corpus cases:
# tests/corpus/29-bignum-paths.lisp).
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


def test_bignum_operations_cross_once_and_never_ask_kinds(node_session) -> None:  # type: ignore[no-untyped-def]
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
    assert per_call["t-mul"] == {"mul": 1.0}  # the result is a new bignum each time: no h_kind
    assert values["t-mul"] == str(2 ** 100 * 100)
    assert per_call["t-over"] == {"mul": 1.0}  # fixnum * fixnum overflowing: one host call
    assert per_call["t-mod"] == {"mod": 1.0, "floor": 1.0}
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
