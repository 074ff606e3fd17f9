# Native CATCH / THROW / UNWIND-PROTECT / MULTIPLE-VALUE-PROG1 in Tier 2 (docs/ABI.md, "Non-local exits"), with
# the tiers mixed function by function: each program runs in Tier 1, then with chosen subsets of its functions
# promoted (the rest stay in Tier 1), in forced Tier 2 and in automatic tiering; every run must give Tier 1's
# printed value. Also checks that a Tier-2 catch/throw pair stays inside Wasm (no host crossing).
from __future__ import annotations

import json
import random
from typing import Any

import pytest

from tests.tiers.pyo import run_py

RUNNER = """
import json
def run_mixed(src, promote, tier="auto", threshold=10**9):
    e = make(tier, threshold)
    forms = e.read_all(src)
    try:
        for f in forms[:-1]:
            e.eval(f)
        for name in promote:
            tf = e.tiering.lookup(e.intern(name.upper()))
            e.tiering.force(tf)
        value = e.prin1(e.eval(forms[-1]))
    except BaseException as ex:
        value = "ERROR " + type(ex).__name__ + " " + str(ex)
    tiers = {k: v["tier"] for k, v in e.tiering.report().items()}
    return [value, tiers]
"""

CATCH_THROW = """
(defvar *log* nil)
(defun note (x) (push x *log*) x)
(defun thrower (tag v) (throw tag v))
(defun thrower-mv (tag) (throw tag (values 1 2 3)))
(defun catcher (tag f) (catch tag (funcall f) 'normal))
(defun nested (tag) (list (catch tag (catch tag (thrower tag 'inner)) 'after-inner) (catch tag 'plain)))
(defun cross (tag) (catch tag (catcher 'other (lambda () (thrower tag 'outer))) 'not-here))
(defun uwp-chain (tag)
  (unwind-protect (catch 'zz (unwind-protect (thrower tag 'through) (note 'c1))) (note 'c2)))
(defun no-catch () (handler-case (thrower 'nope 1) (control-error () 'control-error)))
(defun catch-in-loop (n) (let ((acc 0)) (dotimes (i n) (incf acc (catch i (thrower i i)))) acc))
(defun big-tag () (catch (expt 2 70) (catch 'other (thrower (expt 2 70) 'big)))) ; Tier 1: integers by value
(defun run ()
  (list (catcher 'a (lambda () (thrower 'a 1)))
        (multiple-value-list (catch 'm (thrower-mv 'm)))
        (nested 'n) (cross 'x) (catch 'q (uwp-chain 'q)) (no-catch) (catch-in-loop 10) (big-tag)
        (catcher 'b (lambda () (catcher 'c (lambda () (thrower 'b 'to-b)))))
        (reverse *log*)))
(run)
"""

UNWIND = """
(defvar *log* nil)
(defun note (x) (push x *log*) x)
(defun up-ret (x) (block b (unwind-protect (if x (return-from b 'ret) 'normal) (note 'cleanup-ret))))
(defun up-go (n)
  (let ((i 0)) (tagbody top (unwind-protect (when (< i n) (incf i) (go top)) (note (list 'go i)))) i))
(defun up-err () (handler-case (unwind-protect (error "boom") (note 'cleanup-err)) (error () 'caught)))
(defun up-order () (catch 'k (unwind-protect (unwind-protect (throw 'k 'v) (note 'inner)) (note 'outer))))
(defun up-values () (multiple-value-list (unwind-protect (values 1 2 3) (note 'mv) (values 4 5))))
(defun up-throw-mv () (multiple-value-list (catch 'k (unwind-protect (throw 'k (values 7 8)) (note (floor 7 2))))))
(defun up-closure-exit (l)
  (block b (mapc (lambda (x) (unwind-protect (when (eq x 'stop) (return-from b x)) (note x))) l) 'done))
(defun up-restart ()
  (restart-case (unwind-protect (invoke-restart 'skip 5) (note 'cleanup-restart)) (skip (v) (list 'skipped v))))
(defun up-cleanup-throws () (catch 'a (catch 'b (unwind-protect (throw 'a 1) (throw 'b 2)))))
(defun mvp1 (x) (multiple-value-list (multiple-value-prog1 (floor x 3) (note 'p1) (values 9 9))))
(defun mvc (f x) (multiple-value-call f (floor x 3) 1 (values) (catch 'v (throw 'v (values 2 3))) (floor 7 2) 4 5))
(defun mvc-tail (x) (multiple-value-call #'list (floor x 4) (values 1 2 3 4 5 6)))
(defun run ()
  (list (up-ret t) (up-ret nil) (up-go 3) (up-err) (up-order) (up-values) (up-throw-mv)
        (up-closure-exit '(a b stop c)) (up-restart) (up-cleanup-throws) (mvp1 10)
        (mvc #'list 10) (mvc-tail 9) (mvc (lambda (&rest r) (values-list r)) 1)
        (handler-case (mvc #'cons 1) (error () 'argc-error)) (reverse *log*)))
(run)
"""

SPECIALS = """
(defvar *x* 0)
(defvar *y*)
(defun get-x () *x*)
(defun bind-and-call (v f) (let ((*x* v)) (funcall f)))
(defun bind-throw () (catch 'k (let ((*x* 5)) (throw 'k (get-x)))))
(defun bind-ret () (block b (let ((*x* 6)) (return-from b (list (get-x))))))
(defun bind-err () (handler-case (let ((*x* 7)) (error "e")) (error () (get-x))))
(defun progv-many () (progv '(*x* *y*) '(1) (list (get-x) (boundp '*y*))))
(defun nested-bind () (let ((*x* 1)) (list (get-x) (let ((*x* 2)) (get-x)) (get-x))))
(defun bind-values () (multiple-value-list (let ((*x* 3)) (floor (get-x) 2))))
(defun bind-loop (n) (let ((s 0)) (dotimes (i n s) (let ((*x* i)) (setq s (+ s (get-x)))))))
(defun run ()
  (list (bind-and-call 3 #'get-x) (bind-throw) (bind-ret) (bind-err) (progv-many) (nested-bind) (bind-values)
        (bind-loop 10) (handler-case (progv '(t) '(1) 1) (error () 'constant)) (get-x) (boundp '*y*)))
(run)
"""

PROGRAMS = {"catch-throw": CATCH_THROW, "unwind": UNWIND, "specials": SPECIALS}


def _names(src: str) -> list[str]:
    return [line.split()[1] for line in src.splitlines() if line.startswith("(defun ")]


def _configs(src: str) -> list[list[str]]:
    """Tier-2 subsets: none, all, each alone, all but each, and a few random ones (fixed seed)."""
    names = _names(src)
    rnd = random.Random(7)
    out = [[], names, *[[n] for n in names], *[[m for m in names if m != n] for n in names]]
    out += [[n for n in names if rnd.random() < 0.5] for _ in range(6)]
    return out


@pytest.mark.parametrize("program", sorted(PROGRAMS))
def test_mixed_tiers_give_tier1_results(node_session, program: str) -> None:  # type: ignore[no-untyped-def]
    """Every mix of Tier-1 and Tier-2 functions (THROW in one tier to a CATCH in the other, nested catches of one
    tag across tiers, cleanups in both tiers, multiple values, errors, restarts) prints what Tier 1 prints."""
    src = PROGRAMS[program]
    configs = _configs(src)
    out = run_py(node_session, RUNNER + f"""
src = {json.dumps(src)}
base = run_mixed(src, [], tier="1")
[base] + [run_mixed(src, c) for c in {json.dumps(configs)}] + [run_mixed(src, [], "2"), run_mixed(src, [], "auto", 1)]
""")
    base = out[0][0]
    assert not base.startswith("ERROR"), base
    for config, (value, tiers) in zip([["tier 1"], *configs, ["forced 2"], ["auto 1"]], out, strict=True):
        assert value == base, f"{program} with {config} in Tier 2 ({tiers}): {value} != {base}"
    promoted = out[2][1]  # the "all promoted" run really ran in Tier 2
    assert all(promoted[n.upper()] == 2 for n in _names(src)), promoted


def test_native_catch_throw_stays_in_wasm(node_session) -> None:  # type: ignore[no-untyped-def]
    """A Tier-2 CATCH caught by a Tier-2 THROW (ctak) makes no host call at all."""
    out = run_py(node_session, """
e = make("2", 10)
e.eval_string('''(defun ctak-aux (x y z)
  (cond ((not (< y x)) (throw 'ctak z))
        (t (ctak-aux (catch 'ctak (ctak-aux (1- x) y z)) (catch 'ctak (ctak-aux (1- y) z x))
                     (catch 'ctak (ctak-aux (1- z) x y))))))''')
e.eval_string("(defun ctak (x y z) (catch 'ctak (ctak-aux x y z)))")
e.eval_string("(defun run () (ctak 18 12 6))")
with HostCalls() as hc:
    v = e.eval_string("(run)")
[v, hc.n, hc.by]
""")
    assert out[0] == 7
    assert out[1] <= 2, out[2]  # the top-level entry only


def _deep_cases() -> Any:
    return """
(defvar *in* 0)
(defvar *out* 0)
(defun deep () (setq *in* (1+ *in*)) (unwind-protect (deep) (setq *out* (1+ *out*))))
(defun run () (list (handler-case (deep) (storage-condition () 'exhausted)) (= *in* *out*) (> *in* 10)))
(run)
"""


def test_cleanups_run_on_stack_exhaustion(node_session) -> None:  # type: ignore[no-untyped-def]
    """Unbounded recursion through UNWIND-PROTECT in Tier 2: STACK-EXHAUSTED is signalled, every cleanup ran,
    and the engine stays usable."""
    out = run_py(node_session, RUNNER + f"""
r = run_mixed({json.dumps(_deep_cases())}, ["deep", "run"])
e = make("2", 10)
[r, e.eval_string("(+ 1 2)")]
""")
    assert out[0][0] == "(EXHAUSTED T T)", out
    assert out[1] == 3


EVAL_INSIDE = """
(defun ev-catch (form) (catch 'tag (eval form) 'no-throw))
(defun ev-t1 (form) (eval form))
(defun ev-via-t1 (form) (catch 'tag (ev-t1 form) 'no-throw))
(defun ev-handled (form) (handler-case (eval form) (error (c) (list 'handled (type-of c)))))
"""


def test_outermost_eval_inside_running_code_keeps_catches(node_session) -> None:  # type: ignore[no-untyped-def]
    """A Lisp function called from Python (not from inside an evaluation) that calls EVAL starts an outermost
    evaluation while its own frames, Tier 2's catch-stack marker and its handlers are live: a THROW inside the
    EVAL reaches the CATCH around it (in Wasm directly, or through a Tier-1 function in between), an error
    inside reaches the HANDLER-CASE around it, and afterwards the engine's catch stack is empty again."""
    out = run_py(node_session, f"""
res = []
for tier, forced in [("1", []), ("auto", ["EV-CATCH", "EV-VIA-T1", "EV-HANDLED"])]:
    e = make(tier, 10**9)
    e.eval_string({json.dumps(EVAL_INSIDE)})
    for name in forced:
        e.tiering.force(e.tiering.lookup(e.intern(name)))
    row = []
    for name, src in [("EV-CATCH", "(throw 'tag 42)"), ("EV-VIA-T1", "(throw 'tag 43)"),
                      ("EV-CATCH", "(+ 1 2)"), ("EV-HANDLED", "(error \\"boom\\")")]:
        try:
            row.append(e.prin1(e.intern(name).function(e.read_all(src)[0])))
        except BaseException as ex:
            row.append("ERROR " + type(ex).__name__ + " " + str(ex))
    tiers = {{k: v["tier"] for k, v in e.tiering.report().items()}}
    res.append([row, [tiers.get(n) for n in forced], len(e.catch_tags), e.handlers is None, e.eval_string("(+ 1 2)")])
res
""")
    expected = ["42", "43", "NO-THROW", "(HANDLED SIMPLE-ERROR)"]
    for row, tiers, ntags, no_handlers, after in out:
        assert row == expected, row
        assert all(t == 2 for t in tiers), tiers
        assert (ntags, no_handlers, after) == (0, True, 3)
