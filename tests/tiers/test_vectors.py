# Simple vectors across the tiers (docs/ABI.md, "Simple vectors") with the real engine in Pyodide on Node 24: a
# simple general vector migrates into a Wasm array on its first Tier-2 access and keeps its identity; mutations
# are seen by both tiers; Tier 1's built-ins work on the migrated vector (through the WasmItems proxy) with the
# values they give on a Python vector; errors are Tier 1's; after migration Tier 2 accesses cross nothing.
# Values against SBCL: tests/corpus/23-tiers.lisp (cases vec-*).
from __future__ import annotations

import textwrap
from typing import Any

import pytest

from tests.tiers.pyo import run_py

EV = """
def ev(e, s):
    try:
        return e.prin1(e.eval_string(s))
    except Exception as ex:
        c = getattr(ex, "condition", None)
        return ["ERROR", c.type_name if c is not None else type(ex).__name__, str(ex)]
"""


def run(session: Any, code: str) -> Any:
    return run_py(session, EV + textwrap.dedent(code))


def test_identity_and_mutation_both_ways(node_session) -> None:  # type: ignore[no-untyped-def]
    """A Tier-2 function migrates a Tier-1-made vector: the same object comes back (EQ in both tiers), Tier 2's
    stores are seen by Tier 1 and Tier 1's stores by Tier 2, including conses and vectors as elements."""
    out = run(node_session, """
        e = make("auto", 10)
        e.eval_string('''
          (defparameter *v* (make-array 5 :initial-element 0))
          (defun t2-set (v i x) (setf (svref v i) x) v)
          (defun t2-ref (v i) (svref v i))
          (defun t2-aset (v i x) (setf (aref v i) x))
          (defun t2-len (v) (length v))
          (defun t2-cons (v) (setf (svref v 3) (list 1 2)) (svref v 3))''')
        for f in ("T2-SET", "T2-REF", "T2-ASET", "T2-LEN", "T2-CONS"):
            e.eval_string(f"(promote-to-tier-2 '{f.lower()})")
        b = e.backend.bridge(e)
        res = []
        res.append(ev(e, "(eq (t2-set *v* 0 'a) *v*)"))
        res.append(type(e.eval_string("*v*").items).__name__)
        res.append(ev(e, "(progn (setf (svref *v* 1) 'from-t1) (t2-ref *v* 1))"))
        res.append(ev(e, "(progn (t2-aset *v* 2 \\"str\\") (aref *v* 2))"))
        res.append(ev(e, "(let ((c (t2-cons *v*))) (list (eq c (svref *v* 3)) (car (svref *v* 3)) (t2-len *v*)))"))
        res.append(ev(e, "(let ((w (vector 1 2))) (t2-set *v* 4 w) (list (eq w (t2-ref *v* 4)) (eq w (svref *v* 4))))"))
        res.append(ev(e, "(progn (setf (svref (svref *v* 4) 0) 'inner) (t2-ref (t2-ref *v* 4) 0))"))
        res.append(ev(e, "*v*"))
        res.append(b.vectors.migrations)
        res
    """)
    assert out[0] == "T"
    assert out[1] == "WasmItems"
    assert out[2] == "FROM-T1"
    assert out[3] == '"str"'
    assert out[4] == "(T 1 5)"
    assert out[5] == "(T T)"
    assert out[6] == "INNER"
    assert out[7] == '#(A FROM-T1 "str" (1 2) #(INNER 2))'
    assert out[8] == 2


BUILTINS = """
(list (length v) (coerce v 'list) (map 'list #'1+ v) (subseq v 1 3) (position 3 v) (find 4 v) (count 1 v)
      (equalp v (vector 5 1 4 1 3)) (equal v v) (copy-seq v) (reverse v) (reduce #'+ v) (every #'numberp v)
      (elt v 2) (prin1-to-string v) (format nil "~a" v) (vectorp v) (simple-vector-p v) (array-dimensions v)
      (= (sxhash v) (sxhash v)) (search #(1 3) v) (mismatch v #(5 1 9)) (remove 1 v) (substitute 0 1 v))
"""
MUTATORS = """
(list (sort v #'<) (copy-seq (fill v 7 :start 3)) (copy-seq (replace v #(9 8) :start1 1)) (copy-seq (nreverse v))
      (copy-seq (map-into v #'- v)) (progn (setf (elt v 0) 'e) (copy-seq v)) (stable-sort v (lambda (a b) (eq a 'e))))
"""


# a vector made by Tier 1 (READ-FROM-STRING is Tier 1's even in forced Tier 2) and one made by Tier 2 code
MAKERS = {"tier1": ('(copy-seq (read-from-string "#(5 1 4 1 3)"))', "WasmItems"),
          "tier2": ("(vector 5 1 4 1 3)", "WasmBornItems")}


@pytest.mark.parametrize("maker", sorted(MAKERS))
def test_tier1_builtins_on_migrated_vectors(node_session, maker: str) -> None:  # type: ignore[no-untyped-def]
    """Tier 1's sequence, printer and predicate built-ins give the same values on a migrated vector, and on one
    made by Tier 2 code, as on a Python one (the vector is touched by a Tier-2 SVREF first; SORT, FILL,
    REPLACE, ... mutate it in place)."""
    src, storage = MAKERS[maker]
    out = run(node_session, f"""
        res = {{}}
        for tier in ("1", "2"):
            e = make(tier, 10)
            e.eval_string("(defun touch (v) (svref v 0))")
            r = []
            for src in ({BUILTINS!r}, {MUTATORS!r}):
                e.eval_string("(defparameter v {src.replace('"', chr(92) + '"')})")
                e.eval_string("(touch v)")
                r.append(ev(e, src))
                r.append(ev(e, "v"))
            if tier == "2":
                r.append([type(e.eval_string("v").items).__name__, e.backend.bridge(e).vectors.migrations])
            res[tier] = r
        res
    """)
    assert out["2"][:-1] == out["1"]
    assert out["2"][-1] == [storage, 2 if storage == "WasmItems" else 0]
    assert "ERROR" not in str(out["1"])


ERRORS = [
    "(svref v 99)", "(svref v -1)", "(svref v 1.5)", "(svref '(1) 0)", "(svref \"abc\" 0)", "(svref fp 0)",
    "(aref v 5)", "(aref 'x 0)", "(setf (svref v 5) 1)", "(setf (aref v -1) 1)", "(setf (svref 3 0) 1)",
    "(length 'x)", "(svref v (expt 2 70))", "(svref fx 0)", "(setf (svref fx 1) 0)", "(aref fx 9)",
    "(setf (aref fx -1) 0)", "(elt v 9)", "(setf (elt v 7) 0)", "(elt fx 5)", "(elt '(1 2) 5)", "(elt 'x 0)",
    "(setf (elt \"abc\" 0) #\\z)",
]


@pytest.mark.parametrize("migrated", [False, True])
@pytest.mark.parametrize("maker", sorted(MAKERS))
def test_errors_are_tier1s(node_session, migrated: bool, maker: str) -> None:  # type: ignore[no-untyped-def]
    """Index and type errors of SVREF / AREF / ELT and their SETFs and LENGTH in Tier 2 are the very conditions
    (type and message) Tier 1 signals, before and after the vector migrated, and on a vector made by Tier 2."""
    vsrc = "(vector 1 2 3 4 5)" if maker == "tier2" else '(copy-seq (read-from-string "#(1 2 3 4 5)"))'
    storage = MAKERS[maker][1] if migrated or maker == "tier2" else "list"
    out = run(node_session, f"""
        res = {{}}
        for tier in ("1", "2"):
            e = make(tier, 10)
            e.eval_string({"(defparameter v " + vsrc + ")"!r})
            e.eval_string("(defparameter fp (make-array 3 :fill-pointer 2 :initial-element 0))")
            e.eval_string("(defparameter fx (make-array 3 :element-type 'fixnum :initial-element 7))")
            if {migrated!r}:
                e.eval_string("(list (svref v 0) (aref fx 0))")
            res[tier] = [ev(e, f"(progn {{src}})") for src in {ERRORS!r}]
            res[tier].append(type(e.eval_string("v").items).__name__)
            res[tier].append(type(e.eval_string("fx").items).__name__)
            res[tier].append(ev(e, "(list (simple-vector-p fx) (vectorp fx) (arrayp fx) (length fx) "
                                   "(setf (aref fx 1) 5) fx)"))
        res
    """)
    assert out["2"][-3:-1] == [storage, "WasmItems" if migrated else "list"]
    assert out["1"][-3:-1] == ["list", "list"]
    assert out["1"][-1] == out["2"][-1] == "(NIL T T 3 5 #(7 5 7))"
    for src, a, b in zip(ERRORS, out["1"][:-3], out["2"][:-3], strict=True):
        assert a[0] == "ERROR", (src, a)
        assert a == b, src


def test_no_crossings_after_migration(node_session) -> None:  # type: ignore[no-untyped-def]
    """Once migrated, SVREF, AREF, ELT, their SETFs, LENGTH and SIMPLE-VECTOR-P in Tier 2 cross nothing; vectors that
    never migrate (fill pointer, adjustable, specialised element type, strings) still work through the slow path."""
    out = run(node_session, """
        e = make("2", 10)
        e.eval_string('''
          (defun sum (v) (let ((s 0)) (dotimes (i (length v) s) (setf (svref v i) (1+ (svref v i)))
                                          (when (simple-vector-p v) (setq s (+ s (aref v i)))))))
          (defun asum (v) (let ((s 0)) (dotimes (i (length v) s) (setq s (+ s (aref v i))))))
          (defun esum (v) (let ((s 0)) (dotimes (i (length v) s) (setf (elt v i) (elt v i))
                                                                  (setq s (+ s (elt v i))))))''')
        b = e.backend.bridge(e)
        e.eval_string("(defparameter v (make-array 1000 :initial-element 1 :element-type t))")  # Tier 1's
        first = ev(e, "(sum v)")
        c0 = b.crossings
        again = [ev(e, "(sum v)") for _ in range(3)] + [ev(e, "(esum v)")]
        c1 = b.crossings
        others = [ev(e, "(asum (make-array 3 :initial-element 2 :fill-pointer 2))"),
                  ev(e, "(asum (make-array 3 :initial-element 2 :adjustable t))"),
                  ev(e, "(asum (make-array 3 :initial-element 2 :element-type 'fixnum))"),
                  ev(e, "(asum (make-array 3 :initial-element 1 :element-type 'bit))"),
                  ev(e, "(length \\"abcd\\")"), ev(e, "(length (list 1 2))"), ev(e, "(esum (list 1 2 3))")]
        [first, again, c1 - c0, others, b.vectors.migrations]
    """)
    first, again, crossings, others, migrations = out
    assert first == "2000"
    assert again == ["3000", "4000", "5000", "5000"]
    assert crossings <= 4  # only the Python -> Wasm entries of the four top-level forms
    assert others == ["4", "6", "6", "3", "4", "2", "6"]
    assert migrations == 2  # V and the FIXNUM vector (AREF only)


def test_large_vectors_migrate_after_enough_tier2_accesses(node_session) -> None:  # type: ignore[no-untyped-def]
    """A vector above MIGRATE_SMALL elements migrates only after length/MIGRATE_RATIO slow-path accesses from Tier
    2 (a vector touched a few times is not copied); then all its (distinct) elements arrive intact."""
    out = run(node_session, """
        from clysm.compiler import vectors as V
        e = make("2", 10)
        e.eval_string("(defun r (v i) (svref v i))")
        e.eval_string("(defparameter big (make-array 1003 :element-type t "  # made by Tier 1's MAKE-ARRAY
                      ":initial-contents (loop for i below 1003 collect (* i i))))")
        vs = e.backend.bridge(e).vectors
        kinds = []
        for k in range(1003 // V.MIGRATE_RATIO + 2):
            e.eval_string(f"(r big {k})")
            kinds.append(type(e.eval_string("big").items).__name__)
        [kinds.index("WasmItems"), 1003 // V.MIGRATE_RATIO, ev(e, "(reduce #'+ big)"), ev(e, "(r big 1002)"),
         ev(e, "(let ((s 0)) (dotimes (i 1003 s) (setq s (+ s (r big i)))))"), vs.migrations]
    """)
    first_migrated, expected_at, total1, last, total2, migrations = out
    assert first_migrated == expected_at
    assert total1 == total2 == str(sum(i * i for i in range(1003)))
    assert last == str(1002 * 1002)
    assert migrations == 1


def test_tier1_heavy_use_sends_the_vector_back(node_session) -> None:  # type: ignore[no-untyped-def]
    """A migrated vector that Tier 1 then reads and writes more than its budget goes back to a Python list with
    all its values (and stays the same object); Tier 2 migrates it again after REMIGRATE_WAIT slow accesses (with a
    fresh budget); a
    WasmItems proxy kept across the move forwards to the vector's current storage."""
    out = run(node_session, """
        from clysm.compiler import vectors as V
        e = make("2", 10)
        e.eval_string("(defun r (v i) (svref v i)) (defun w (v i x) (setf (svref v i) x))")
        e.eval_string("(defparameter v (make-array 10 :initial-element 0 :element-type t))")  # made by Tier 1
        v = e.eval_string("v")
        vs = e.backend.bridge(e).vectors
        e.eval_string("(w v 3 'three)")
        old = v.items
        res = [type(v.items).__name__]
        for k in range(V.UNMIGRATE_MIN + 1):   # Tier 1 loop over the migrated vector
            v.items[k % 10] = k if k % 10 != 3 else v.items[3]
        res.append(type(v.items).__name__)
        res.append(e.prin1(v))
        res.append(ev(e, "(list (r v 3) (r v 9) (w v 0 'zero) (svref v 0))"))
        res.append(type(v.items).__name__)
        for _ in range(V.REMIGRATE_WAIT):
            e.eval_string("(r v 1)")
        res.append(type(v.items).__name__)
        res.append([e.prin1(old[0]), e.prin1(old[3]), len(old), old.live])
        res.append(ev(e, "(eq v (progn (w v 1 'one) v))"))
        res.append(e.prin1(v))
        res.append([vs.migrations, vs.unmigrations, V.UNMIGRATE_MIN - 100 < v.items.budget <= V.UNMIGRATE_MIN])
        res
    """)
    assert out[0] == "WasmItems"
    assert out[1] == "list"
    assert out[2] == "#(1020 1021 1022 THREE 1024 1015 1016 1017 1018 1019)"
    assert out[3] == "(THREE 1019 ZERO ZERO)"
    assert out[4] == "list"
    assert out[5] == "WasmItems"
    assert out[6] == ["ZERO", "THREE", 10, False]
    assert out[7] == "T"
    assert out[8] == "#(ZERO ONE 1022 THREE 1024 1015 1016 1017 1018 1019)"
    assert out[9] == [2, 1, True]


FUZZ_DEFS = """
(defun g (v i) (svref v i)) (defun s (v i x) (setf (svref v i) x)) (defun ag (v i) (aref v i))
(defun as (v i x) (setf (aref v i) x)) (defun eg (v i) (elt v i)) (defun es (v i x) (setf (elt v i) x))
(defun ln (v) (length v)) (defun pr (v) (list (simple-vector-p v) (vectorp v)))
(defun try (f) (handler-case (funcall f) (error (c) (list 'err (type-of c)))))
"""
FUZZ_VECTORS = [
    "(vector 1 2 3)", "(make-array 5 :initial-element 0)", "(make-array 70 :initial-element 'a)",
    "(make-array 4 :element-type 'fixnum :initial-element 3)", "(make-array 3 :fill-pointer 2 :initial-element 9)",
    "(coerce (loop for i below 200 collect i) 'vector)", "(list 1 2 3)", '"abc"',
]
FUZZ_OPS = [
    "(g V I)", "(s V I X)", "(ag V I)", "(as V I X)", "(eg V I)", "(es V I X)", "(ln V)", "(pr V)", "(svref V I)",
    "(setf (svref V I) X)", "(sort V (lambda (a b) (and (numberp a) (numberp b) (< a b))))", "(fill V X)",
    "(reverse V)", "(nreverse V)", "(copy-seq V)", "(position 7 V)", "(length V)", "(replace V (vector 5 6))",
    "(dotimes (k 30) (g V 0))", "(dotimes (k 1100) (svref V 0))", "(equalp V (copy-seq V))",
    "(map 'list #'identity V)",
]


def fuzz_program(seed: int) -> str:
    """Three vectors (or other sequences) and a random mix of Tier-2 accesses (the DEFUNs), top-level accesses
    (Tier 2 thunks when forced, Tier 1 otherwise: long loops send migrated vectors back) and Tier-1 built-ins."""
    import random

    rng = random.Random(seed)
    lines = [f"(defparameter v{k} {rng.choice(FUZZ_VECTORS)})" for k in range(3)]
    for _ in range(rng.randrange(5, 40)):
        v = f"v{rng.randrange(3)}"
        i = str(rng.choice([0, 1, 2, 3, 4, -1, 100, "'x", 1.5]))
        x = str(rng.choice([7, "'q", "(list 1)", '"s"', "#\\a", 2.5, "(vector 1)"]))
        op = rng.choice(FUZZ_OPS).replace("V", v).replace("I", i).replace("X", x)
        lines.append(f"(try (lambda () {op}))")
    lines.append("(list v0 v1 v2)")
    return "\n".join(lines)


@pytest.mark.parametrize("seed", range(8))
def test_random_vector_programs_agree(node_session, seed: int) -> None:  # type: ignore[no-untyped-def]
    """Random mixes of vector accesses from both tiers, errors included, print the same in Tier 1, forced Tier 2
    and automatic tiering with threshold 1 (160 seeds were run while developing; these 8 stay as a regression
    check)."""
    out = run(node_session, f"""
        outs = []
        for tier, thr in (("1", 10), ("2", 10), ("auto", 1)):
            e = make(tier, thr)
            e.eval_string({FUZZ_DEFS!r})
            outs.append([e.prin1(e.eval(f)) for f in e.read_all({fuzz_program(seed)!r})])
        outs
    """)
    assert out[0] == out[1] == out[2]


def test_vectors_made_by_tier2(node_session) -> None:  # type: ignore[no-untyped-def]
    """VECTOR and (MAKE-ARRAY n [:initial-element x]) in Tier 2 code make the vector in Wasm (no crossing); Python
    sees one cached WasmVector per vector (EQ holds both ways; stores from either tier are seen by the other);
    MAKE-ARRAY's errors and other keywords are Tier 1's."""
    out = run(node_session, """
        e = make("auto", 10)
        e.eval_string('''
          (defun mk (n x) (make-array n :initial-element x))
          (defun mk0 (n) (make-array n))
          (defun vec3 (a b c) (vector a b c))
          (defun fill-sq (v) (dotimes (i (length v) v) (setf (svref v i) (* i i))))
          (defun get-it (v i) (svref v i))
          (defun many (n)
            (let ((s 0)) (dotimes (i n s) (let ((v (vector i 1 2))) (setq s (+ s (svref v 0) (length v)))))))''')
        for f in ("mk", "mk0", "vec3", "fill-sq", "get-it", "many"):
            e.eval_string(f"(promote-to-tier-2 '{f})")
        b = e.backend.bridge(e)
        res = []
        res.append(ev(e, "(list (mk 3 'x) (mk0 2) (vec3 1 'b \\"c\\") (vec3 nil nil nil) (fill-sq (mk0 5)))"))
        e.eval_string("(defparameter w (vec3 1 2 3))")
        w = e.eval_string("w")
        res.append([type(w).__name__, type(w.items).__name__, w is e.eval_string("w")])
        res.append(ev(e, "(progn (setf (svref w 0) 'from-t1) (list (get-it w 0) (eq w (fill-sq w)) w))"))
        res.append(ev(e, "(list (type-of w) (typep w 'simple-vector) (simple-vector-p w) (length w) (coerce w 'list)"
                         " (sort (vec3 3 1 2) #'<) (equalp (vec3 1 2 3) #(1 2 3)) (position 4 w) (subseq w 1))"))
        c0 = b.crossings
        res.append(ev(e, "(many 1000)"))
        res.append(b.crossings - c0)
        for src in ("(mk -1 0)", "(mk 'a 0)", "(mk 2.5 0)", "(mk0 (expt 2 40))", "(get-it (vec3 1 2 3) 3)",
                    "(get-it (mk 2 0) -1)"):
            res.append(ev(e, src))
        res
    """)
    assert out[0] == '(#(X X X) #(0 0) #(1 B "c") #(NIL NIL NIL) #(0 1 4 9 16))'
    assert out[1] == ["WasmVector", "WasmBornItems", True]
    assert out[2] == "(FROM-T1 T #(0 1 4))"
    assert out[3] == "((SIMPLE-VECTOR 3) T T 3 (0 1 4) #(1 2 3) T 2 #(1 4))"
    assert out[4] == str(sum(range(1000)) + 3000)
    assert out[5] <= 1  # only the Python -> Wasm entry
    errors = out[6:]
    assert all(x[0] == "ERROR" for x in errors), errors
    t1 = run(node_session, """
        e = make("1", 10)
        e.eval_string("(defun mk (n x) (make-array n :initial-element x)) (defun mk0 (n) (make-array n))"
                      "(defun vec3 (a b c) (vector a b c)) (defun get-it (v i) (svref v i))")
        [ev(e, src) for src in ("(mk -1 0)", "(mk 'a 0)", "(mk 2.5 0)", "(mk0 (expt 2 40))",
                                "(get-it (vec3 1 2 3) 3)", "(get-it (mk 2 0) -1)")]
    """)
    assert errors == t1
