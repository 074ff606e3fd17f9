# Lists across the tiers (docs/ABI.md, "Tier-1 conses read by Tier 2") with the real engine in Pyodide on Node 24:
# Tier 2 caches the fields of the Tier-1 conses it reads (the cons becomes its bridge's SharedCons, same object),
# so walking a Tier-1 list again crosses nothing; a write by either tier is seen by the other; identity is kept;
# a host-handle sweep empties the cache. Tier 1's LENGTH counts a list of Wasm conses in one call.
# Values against SBCL: tests/corpus/23-tiers.lisp (cases hcons-*).
from __future__ import annotations

import textwrap
from typing import Any

from tests.tiers.pyo import run_py

EV = """
def ev(e, s):
    try:
        return e.prin1(e.eval_string(s))
    except Exception as ex:
        c = getattr(ex, "condition", None)
        return ["ERROR", c.type_name if c is not None else type(ex).__name__, str(ex)]

DEFS = '''
  (defparameter *l* (list 1 (list 2 3) 4 5))
  (defun t2-walk (l) (let ((s 0)) (dolist (x l s) (setq s (+ s (if (consp x) (car x) x))))))
  (defun t2-car (l) (car l))
  (defun t2-second (l) (car (cdr l)))
  (defun t2-nth-cdr (l n) (if (= n 0) l (t2-nth-cdr (cdr l) (1- n))))
  (defun t2-setcar (l x) (rplaca l x))
  (defun t2-make (n) (if (= n 0) nil (cons n (t2-make (1- n)))))
  (defun t2-dotted () (cons 1 (cons 2 3)))'''
NAMES = ("T2-WALK", "T2-CAR", "T2-SECOND", "T2-NTH-CDR", "T2-SETCAR", "T2-MAKE", "T2-DOTTED")

def setup(e):
    e.eval_string(DEFS)
    for f in NAMES:
        e.eval_string(f"(promote-to-tier-2 '{f.lower()})")
"""


def run(session: Any, code: str) -> Any:
    return run_py(session, EV + textwrap.dedent(code))


def test_cached_reads_writes_and_identity(node_session) -> None:  # type: ignore[no-untyped-def]
    """Tier 2 reads a Tier-1 list (its conses become SharedCons, the same objects), Tier 1 changes it (the cons is
    plain again and Tier 2 sees the new value), Tier 2 changes it (Tier 1 sees it), EQ holds across the tiers."""
    out = run(node_session, """
        e = make("auto", 10)
        setup(e)
        res = []
        res.append(ev(e, "(t2-walk *l*)"))
        l = e.eval_string("*l*")
        res.append(type(l).__name__ + "/" + type(l).__mro__[1].__name__)
        e.eval_string("(rplaca *l* 10)")
        res.append(type(l).__name__)
        res.append(ev(e, "(t2-walk *l*)"))
        res.append(ev(e, "(progn (setf (car (cdr (cdr *l*))) 40) (t2-walk *l*))"))
        res.append(ev(e, "(progn (t2-walk *l*) (setf (cdr (cdr (cdr *l*))) (list 50 60)) (t2-walk *l*))"))
        res.append(ev(e, "(progn (t2-setcar (cdr *l*) (list 20 21)) (list (car (second *l*)) (t2-walk *l*)))"))
        res.append(ev(e, "(eq (t2-second *l*) (second *l*))"))
        res.append(ev(e, "(eq (t2-nth-cdr *l* 3) (nthcdr 3 *l*))"))
        res.append(ev(e, "(let ((x (t2-nth-cdr *l* 2))) (setf (car x) 'q) (list (t2-car x) (third *l*)))"))
        res.append(ev(e, "*l*"))
        res
    """)
    assert out[0] == "12"  # 1 + 2 + 4 + 5
    assert out[1] == "SharedCons/SharedCons"
    assert out[2] == "Cons"  # a Tier-1 write makes it plain again
    assert out[3] == "21"
    assert out[4] == "57"
    assert out[5] == "162"  # (10 (2 3) 40 50 60)
    assert out[6] == "(20 180)"
    assert out[7] == "T"
    assert out[8] == "T"
    assert out[9] == "(Q Q)"
    assert out[10] == "(10 (20 21) Q 50 60)"


def test_second_walk_crosses_nothing_and_sweep_empties_the_cache(node_session) -> None:  # type: ignore[no-untyped-def]
    """The first Tier-2 walk of a Tier-1 list fetches PREFETCH conses per host call; walking it again makes no host
    call; after a host-handle sweep the fields are fetched again (the cache is not a sweep root) and the values
    are still right."""
    out = run(node_session, """
        hc = HostCalls().__enter__()  # before the runtime starts: it binds the host imports then
        e = make("auto", 10)
        setup(e)
        e.eval_string("(defparameter *big* (loop for i below 200 collect i))")
        b = e.backend.bridge(e)
        fetched = lambda: hc.by.get("h_car", 0) + hc.by.get("h_cdr", 0)
        res = []
        n0 = fetched()
        res.append(ev(e, "(t2-walk *big*)"))
        res.append(fetched() - n0)
        n0 = fetched()
        res.append(ev(e, "(t2-walk *big*)"))
        res.append(fetched() - n0)
        b.sweep_handles()
        n0 = fetched()
        res.append(ev(e, "(t2-walk *big*)"))
        res.append(fetched() - n0 > 0)
        res.append(ev(e, "(progn (setf (car (last *big*)) 1000) (t2-walk *big*))"))
        hc.__exit__()
        res
    """)
    assert out[0] == "19900"
    assert out[1] == 200 // 8  # one fetch per PREFETCH (8) conses: both fields of each, along the cdr chain
    assert out[2] == "19900"
    assert out[3] == 0
    assert out[4] == "19900"
    assert out[5] is True
    assert out[6] == str(19900 - 199 + 1000)


def test_length_of_wasm_lists_in_tier1(node_session) -> None:  # type: ignore[no-untyped-def]
    """Tier 1's LENGTH of a list of Wasm conses is counted in Wasm (one export call, not one per cons), also when
    the Wasm conses are the tail of a Tier-1 list; a dotted Wasm list is Tier 1's TYPE-ERROR as before."""
    out = run(node_session, """
        e = make("auto", 10)
        setup(e)
        b = e.backend.bridge(e)
        res = []
        calls = []
        orig = b.x_list_len
        b.x_list_len = lambda w: (calls.append(w), orig(w))[1]
        res.append(ev(e, "(length (t2-make 300))"))
        res.append(len(calls))
        res.append(ev(e, "(length (list* 'a 'b (t2-make 5)))"))
        res.append(ev(e, "(length (t2-dotted))"))
        res.append(ev(e, "(length (cons 0 (t2-dotted)))"))
        res.append(ev(e, "(length (t2-make 0))"))
        res
    """)
    assert out[0] == "300"
    assert out[1] == 1
    assert out[2] == "7"
    assert out[3][:2] == ["ERROR", "TYPE-ERROR"]
    assert out[4][:2] == ["ERROR", "TYPE-ERROR"]
    assert out[5] == "0"
