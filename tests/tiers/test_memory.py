# Bounded tables at the Python/Wasm boundary (docs/ABI.md, "Handles and identity"): proxies of Wasm structs are
# held weakly, and the export slot of a struct whose proxy died is released and reused, so a loop that passes
# fresh Wasm structs to Python keeps the proxy cache and the $exports table bounded (sizes asserted, not time),
# while identity (eq) of live proxies and the values of structs that cross again stay right.
from __future__ import annotations

from tests.tiers.pyo import run_py


def test_proxy_and_export_tables_stay_bounded_over_a_loop(node_session) -> None:  # type: ignore[no-untyped-def]
    """300 fresh 100-element Wasm lists walked from Python (31,500 proxies made and dropped): the proxy cache
    and the live export slots stay under the ring of recent proxies plus two release batches; a list kept alive
    across the loop keeps its proxies (eq) and values; a struct still referenced from Wasm (a closure's
    environment) that crosses again after its proxies died reads the same values."""
    out = run_py(node_session, """
        from clysm.lisp.types import NIL
        from clysm.compiler.bridge import RELEASE_BATCH, RECENT_PROXIES
        e = make("2", 10)
        e.eval_string("(defun mk (n) (let ((l nil)) (dotimes (i n) (push i l)) l))"
                      "(defun keeper () (let ((l (mk 5))) (lambda () l)))"
                      "(defvar *k* (keeper))")
        b = e.backend.bridge(e)
        keep = e.eval_string("(mk 3)")
        second = keep.cdr
        sums, kept = [], []
        for i in range(300):
            l, s = e.eval_string("(mk 100)"), 0
            while l is not NIL:
                s += l.car
                l = l.cdr
            sums.append(s)
            k, ks = e.eval_string("(funcall *k*)"), []
            while k is not NIL:
                ks.append(k.car)
                k = k.cdr
            kept.append(ks)
        e.eval_string("(mk 1)")  # a Python -> Wasm call: a safe point
        sizes = b.table_sizes()
        bound = RECENT_PROXIES + 2 * RELEASE_BATCH + 200
        [sizes, b.released, bound, sorted(set(sums)), kept[0], all(x == kept[0] for x in kept),
         keep.cdr is second, [keep.car, second.car, second.cdr.car]]
    """)
    sizes, released, bound, sums, kept0, kept_same, same_proxy, keep_vals = out
    assert sums == [4950] and kept0 == [4, 3, 2, 1, 0] and kept_same
    assert same_proxy and keep_vals == [2, 1, 0]
    assert released >= 31500 - bound  # every export slot but the recent ones was given back
    assert sizes["proxies"] <= bound and sizes["exports"] <= bound, sizes  # 31,500 proxies were made
    assert sizes["dead"] <= bound, sizes
    assert sizes["host_handles"] < 50, sizes  # nothing here made host handles per iteration


def test_closure_proxies_released_in_a_loop(node_session) -> None:  # type: ignore[no-untyped-def]
    """Each call of SRT hands a fresh Tier-2 closure to a Python built-in (SORT calls it through a WasmFunction
    proxy): over 6,000 calls the proxy cache and the export slots stay bounded and the values right (at a5a93ec
    every closure's proxy stayed cached: +1 per call; ctak's CATCH thunks did the same before native CATCH)."""
    out = run_py(node_session, """
        from clysm.compiler.bridge import RELEASE_BATCH, RECENT_PROXIES
        e = make("2", 10)
        e.eval_string("(defun srt (k) (sort (list 3 k 1) (lambda (a b) (< a b))))"
                      "(defun many (n) (let ((s 0)) (dotimes (i n) (setq s (+ s (car (srt i))))) s))")
        b = e.backend.bridge(e)
        vals, peak = [], 0
        for i in range(20):
            vals.append(e.eval_string("(many 300)"))
            peak = max(peak, b.table_sizes()["proxies"])
        [sorted(set(vals)), peak, b.table_sizes(), b.released, RECENT_PROXIES + 2 * RELEASE_BATCH + 200]
    """)
    vals, peak, sizes, released, bound = out
    assert vals == [299]  # (srt 0) -> (0 1 3), then 1 for every k from 1 to 299
    assert released > 1000, released
    assert peak <= bound and sizes["exports"] <= bound, (peak, sizes)


SWEEP_SRC = """
(defun big (i) (* (expt 2 40) (+ i 1)))
(defun churn (n) (let ((s 0)) (dotimes (i n) (setq s (+ s (mod (big i) 7)))) s))
(defun lit-nconc (x) (let ((l '(a b))) (if x (nconc l x)) l))
(defun make-counter (start) (let ((n start)) (lambda () (setq n (+ n 1)) n)))
(defvar *c* (make-counter (expt 2 70)))
(defun stash (x) (let ((cell (list x))) (lambda () (car cell))))
(defvar *s* (stash (make-string 3 :initial-element #\\q)))
"""


def test_host_handles_swept_over_a_bignum_loop(node_session) -> None:  # type: ignore[no-untyped-def]
    """Every bignum result of CHURN gets a host handle (1,000 per call): over 40 calls the live handles stay under
    twice the sweep threshold (at a5a93ec: +1,000 per call for the engine's life); values stay right."""
    out = run_py(node_session, f"""
        from clysm.compiler.bridge import SWEEP_MIN
        e = make("2", 10)
        e.eval_string({SWEEP_SRC!r})
        b = e.backend.bridge(e)
        vals, peak = [], 0
        for i in range(40):
            vals.append(e.eval_string("(churn 1000)"))
            peak = max(peak, b.table_sizes()["host_handles"])
        [sorted(set(vals)), peak, b.swept, SWEEP_MIN]
    """)
    vals, peak, swept, sweep_min = out
    assert vals == [3003] and swept >= 30000 and peak <= 2 * sweep_min + 1100, (peak, swept)


def test_sweep_keeps_what_wasm_still_references(node_session) -> None:  # type: ignore[no-untyped-def]
    """Forced sweeps (before every call) between uses: a Tier-1 list reachable only through a Wasm literal that was
    NCONCed onto (a root through its module's literal holder in $fns), a bignum in a closure's box, a string in a
    Wasm cons in a closure environment, and pinned constants all keep their objects; handles are reused."""
    out = run_py(node_session, f"""
        e = make("2", 10)
        e.eval_string({SWEEP_SRC!r})
        b = e.backend.bridge(e)
        e.eval_string('(lit-nconc (read-from-string "(p q)"))')
        b.recent[:] = [None] * len(b.recent)  # let every proxy die: the literal's export slots are released too
        seen = []
        for i in range(6):
            b.sweep_at = 1
            e.eval_string("(churn 300)")
            b.sweep_at = 1
            seen.append(e.prin1(e.eval_string("(list (lit-nconc nil) (funcall *c*) (funcall *s*) (big 1))")))
        [seen, b.swept, b.table_sizes()["host_handles"], len(b.free_handles) > 0, b.released]
    """)
    seen, swept, live, reused, released = out
    assert seen == [f'((A B P Q) {2 ** 70 + i} "qqq" {2 ** 41})' for i in range(1, 7)]
    assert swept >= 1800 and live < 200 and reused and released >= 1


def test_sweep_keeps_vector_elements(node_session) -> None:  # type: ignore[no-untyped-def]
    """Forced sweeps between uses: the elements of a Tier-1 vector migrated into Wasm ($vecs, by host handle) and of
    a vector made by Tier 2 that only a closure's environment holds keep their objects (strings, bignums)."""
    out = run_py(node_session, f"""
        e = make("2", 10)
        e.eval_string({SWEEP_SRC!r} + '''
          (defvar *v* (make-array 3 :initial-element 0))
          (defun fill-v ()
            (setf (svref *v* 0) (make-string 2 :initial-element #\\\\z)) (setf (svref *v* 1) (big 5)) *v*)
          (defun mk-vec-holder () (let ((v (vector (make-string 2 :initial-element #\\\\y) (big 7)))) (lambda () v)))
          (defvar *h* (mk-vec-holder))''')
        b = e.backend.bridge(e)
        e.eval_string("(fill-v)")
        seen = []
        for i in range(4):
            b.sweep_at = 1
            e.eval_string("(churn 300)")
            b.sweep_at = 1
            seen.append(e.prin1(e.eval_string("(list (svref *v* 0) (svref *v* 1) (funcall *h*))")))
        [seen, b.swept]
    """)
    seen, swept = out
    assert seen == [f'("zz" {2 ** 40 * 6} #("yy" {2 ** 40 * 8}))'] * 4
    assert swept >= 900
