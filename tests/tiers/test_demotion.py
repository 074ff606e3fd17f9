# The Tier 2 safety net (docs/ABI.md, "Literals, prelude, demotion") with the real engine in Pyodide on Node 24:
# in automatic tiering a promoted function that crosses into Python more than once per call is demoted back to
# Tier 1 for good (tier2_error "demoted: ...", an event with demoted: true), its results and call count stay
# exact, a frame already running finishes, callers keep working; functions that stay in Wasm (fib) or cross at
# most once per call keep Tier 2; forced tier "2" never demotes (the backend watches functions only in "auto").
from __future__ import annotations

from tests.tiers.pyo import run_py

# SCAN calls CHAR on a non-literal string per character: ~1 host crossing per character, far above 1 per call
SCAN = r"(defun scan (s) (let ((n 0)) (dotimes (i (length s)) (when (char= (char s i) #\a) (incf n))) n))"
SRC = SCAN + r"""
(defun total (strs) (let ((sum 0)) (dolist (x strs) (incf sum (scan x))) sum))
(defun fib (n) (if (< n 2) n (+ (fib (- n 1)) (fib (- n 2)))))
(defvar *s* (make-string 100 :initial-element #\a))
"""
FORMS = ["(let ((acc 0)) (dotimes (i 200) (incf acc (scan *s*))) acc)",
         '(total (list *s* "xax" *s*))',
         '(let ((acc 0)) (dotimes (i 50) (incf acc (total (list *s* "ab")))) acc)',
         "(let ((acc 0)) (dotimes (i 300) (incf acc (scan \"bab\"))) acc)",
         "(fib 22)"]


def _run_modes(node_session):  # type: ignore[no-untyped-def]
    return run_py(node_session, f"""
        res = {{}}
        for tier in ("1", "auto", "2"):
            e = make(tier, 10)
            e.eval_string({SRC!r})
            vals = [e.eval_string(f) for f in {FORMS!r}]
            res[tier] = [vals, e.tiering.report(), e.tiering.events]
        res
    """)


def test_host_heavy_function_is_demoted_in_auto_mode_only(node_session) -> None:  # type: ignore[no-untyped-def]
    """Auto mode demotes SCAN (results equal Tier 1's and forced Tier 2's, calls exact); when TOTAL, its caller, is
    promoted, SCAN is promoted once more (MAX_REVIVALS) and, its crossings being its own, demoted again, never
    promoted a third time although called 300 more times; TOTAL keeps working; FIB is never demoted; forced tier
    "2" keeps every function in Tier 2."""
    res = _run_modes(node_session)
    vals1, rep1, _ = res["1"]
    assert vals1 == [20000, 201, 5050, 300, 17711]
    assert res["auto"][0] == vals1 and res["2"][0] == vals1
    _, rep, events = res["auto"]
    scan = rep["SCAN"]
    assert scan["tier"] == 1 and scan["promoted_at_call"] > 11, scan
    assert scan["tier2_error"].startswith("demoted: ") and scan["tier2_error"].endswith(" host calls per call")
    assert float(scan["tier2_error"].split()[1]) > 1.0
    assert scan["calls"] == rep1["SCAN"]["calls"] == 603  # calls made in Tier 2 before demotion still counted
    scan_events = [ev for ev in events if ev["function"] == "SCAN"]
    assert [ev["ok"] for ev in scan_events] == [True, False, True, False]  # revived once, then never again
    assert scan_events[0]["call"] == 11 and scan_events[2]["call"] == scan["promoted_at_call"]
    assert scan_events[3]["demoted"] is True and scan_events[3]["reason"] == scan["tier2_error"]
    # TOTAL, calling the demoted SCAN (a Tier-1 function for good now) through the host, may be demoted as well
    assert [ev["function"] for ev in events if ev.get("demoted") and ev["function"] != "TOTAL"] == ["SCAN", "SCAN"]
    assert rep["FIB"] == {"tier": 2, "calls": rep1["FIB"]["calls"], "promoted_at_call": 11, "tier2_error": None}
    total = rep["TOTAL"]  # the caller: right results (above) and exact calls, in whichever tier it ends
    assert total["calls"] == rep1["TOTAL"]["calls"] == 51 and total["promoted_at_call"] == 11
    assert total["tier2_error"] is None or total["tier2_error"].startswith("demoted: ")
    _, rep2, events2 = res["2"]
    assert all(f["tier"] == 2 and f["tier2_error"] is None for f in rep2.values()), rep2
    assert not any(ev.get("demoted") for ev in events2)


LONG = r"(defvar *s* (make-string 20000 :initial-element #\a))"


def test_running_frame_finishes_then_tier1(node_session) -> None:  # type: ignore[no-untyped-def]
    """A single long call crosses the audit point mid-frame: the function is demoted during the call, the call
    finishes with the right result, and later calls run in Tier 1 (no new promotion)."""
    out = run_py(node_session, f"""
        e = make("auto", 10)
        e.eval_string({SCAN!r})
        e.eval_string({LONG!r})
        warm = [e.eval_string('(scan "ab")') for _ in range(11)]   # call 11 promotes
        long = e.eval_string('(scan *s*)')                          # call 12: demoted while running
        after = dict(e.tiering.report()["SCAN"])
        b = e.backend.bridge(e)
        c0 = b.crossings
        later = [e.eval_string('(scan *s*)') for _ in range(3)]
        [warm, long, after, later, b.crossings - c0, e.tiering.report()["SCAN"], len(e.tiering.events)]
    """)
    warm, long, after, later, crossings, final, n_events = out
    assert warm == [1] * 11 and long == 20000 and later == [20000] * 3
    assert after["tier"] == 1 and after["calls"] == 12 and after["tier2_error"].startswith("demoted")
    assert crossings == 0  # later calls run entirely in Tier 1 (no Wasm at all)
    assert final["calls"] == 15 and final["tier"] == 1 and n_events == 2


def test_at_most_one_crossing_per_call_keeps_tier2(node_session) -> None:  # type: ignore[no-untyped-def]
    """ONE-HOST crosses once per call (PRINC-TO-STRING) except every 100th call, and is called from a loop
    promoted before it, which crosses nowhere else: over ~30,000 crossings (several audits) the ratio is 0.99,
    just under the limit of 1 (with room for the window's off-by-a-few),
    so nothing is demoted; TWO-HOST (PRINC-TO-STRING, then STRING-UPCASE of the Python string: 2 per call; LENGTH
    of a string is read in Wasm) is demoted."""
    out = run_py(node_session, """
        e = make("auto", 1)
        e.eval_string("(defun one-host (x) (if (zerop (mod x 100)) \\"\\" (princ-to-string x)))"
                      "(defun loop-it (n) (let ((s \\"\\")) (dotimes (i n) (setq s (one-host i))) s))"
                      "(defun two-host (x) (length (string-upcase (princ-to-string x))))"
                      "(defun loop-two (n) (let ((s 0)) (dotimes (i n) (incf s (two-host i))) s))")
        warm = [e.eval_string("(loop-it 0)") for _ in range(3)]  # LOOP-IT promoted before ONE-HOST runs at all
        b = e.backend.bridge(e)
        c0 = b.crossings
        v = e.eval_string("(loop-it 30000)")
        crossings = b.crossings - c0
        rep1 = dict(e.tiering.report())
        demoted1 = [ev for ev in e.tiering.events if ev.get("demoted")]
        warm2 = [e.eval_string("(loop-two 3)"), e.eval_string("(loop-two 3)")]
        v2 = e.eval_string("(loop-two 30000)")
        [warm, v, crossings, rep1, demoted1, warm2, v2, e.tiering.report()]
    """)
    warm, v, crossings, rep, demoted, warm2, v2, rep2 = out
    assert warm == [""] * 3 and v == "29999"
    assert 2 * 4096 <= crossings <= 30000 + 2  # counted crossings: ~0.99 per call, the audit really ran (often)
    assert rep["ONE-HOST"]["tier"] == 2 and rep["LOOP-IT"]["tier"] == 2 and demoted == [], (rep, demoted)
    assert warm2 == [3, 3] and v2 == sum(len(str(i)) for i in range(30000))
    assert rep2["TWO-HOST"]["tier"] == 1 and rep2["TWO-HOST"]["tier2_error"].startswith("demoted: ")


def test_run_source_reports_demotion(node_session) -> None:  # type: ignore[no-untyped-def]
    """The API result (`functions`, `events`) shows the demotion as the playground displays it."""
    src = SRC + "\n(list " + " ".join(FORMS[:2]) + ")"
    r = node_session.run(src, tier="auto", threshold=10)
    assert r["error"] is None and r["value"] == "(20000 201)"
    scan = r["functions"]["SCAN"]
    assert scan["tier"] == 1 and scan["tier2_error"].startswith("demoted: ")
    assert any(ev.get("demoted") and ev["function"] == "SCAN" for ev in r["events"])


# ---- per-function attribution (docs/ABI.md "Demotion": charges) --------------------------------------------------

def test_bystander_is_not_demoted(node_session) -> None:  # type: ignore[no-untyped-def]
    """SQ (pure fixnum arithmetic) is called in the same audit windows as SCAN (~1 host crossing per character):
    only SCAN, whose frames made the crossings, is demoted; SQ stays in Tier 2 (the global rule demoted both)."""
    out = run_py(node_session, f"""
        e = make("auto", 10)
        e.eval_string({SCAN!r} + "(defun sq (x) (* x x)) (defvar *s* (make-string 100 :initial-element #\\\\a))")
        v = e.eval_string("(let ((acc 0)) (dotimes (i 400) (incf acc (scan *s*)) (incf acc (sq i))) acc)")
        [v, e.tiering.report(), [ev["function"] for ev in e.tiering.events if ev.get("demoted")]]
    """)
    v, rep, demoted = out
    assert v == 400 * 100 + sum(i * i for i in range(400))
    assert demoted == ["SCAN"] and rep["SCAN"]["tier"] == 1
    assert rep["SQ"]["tier"] == 2 and rep["SQ"]["tier2_error"] is None and rep["SQ"]["calls"] == 400


def test_proxy_heavy_tier1_caller_demotes_the_allocator(node_session) -> None:  # type: ignore[no-untyped-def]
    """MK (promoted) returns Wasm lists that Tier-1 code walks through WasmCons proxies (~100 accesses per call):
    the accesses are charged to MK, which is demoted once it has made PROXY_MIN_CALLS calls; values stay right and
    `crossings` (host imports and entries only) does not count the proxy accesses."""
    out = run_py(node_session, """
        from clysm.compiler.backend import PROXY_MIN_CALLS
        e = make("auto", 10)
        e.eval_string("(defun mk (n) (let ((l nil)) (dotimes (i n) (push i l)) l))")
        form = "(let ((s 0)) (dotimes (i 200) (dolist (x (mk 50)) (incf s x))) s)"
        v = e.eval_string(form)
        b = e.backend.bridge(e)
        ev = [x for x in e.tiering.events if x.get("demoted")]
        [v, e.tiering.report()["MK"], [(x["function"], x["call"]) for x in ev], PROXY_MIN_CALLS, b.crossings]
    """)
    v, mk, demoted, min_calls, crossings = out
    assert v == 200 * sum(range(50))
    assert mk["tier"] == 1 and mk["tier2_error"].startswith("demoted: ") and mk["calls"] == 200
    assert [f for f, _ in demoted] == ["MK"]
    assert 10 + min_calls <= demoted[0][1] <= 60  # judged after PROXY_MIN_CALLS Tier-2 calls, not much later
    assert crossings < 200  # only the entries into MK: proxy accesses are charged, not counted as crossings


def test_printed_result_does_not_demote(node_session) -> None:  # type: ignore[no-untyped-def]
    """BIG's 20,000-element result is printed from Python (prin1 walks 40,000 proxy accesses, several audit
    windows): BIG was called only a few times, so the printing is not a pattern and BIG stays in Tier 2."""
    out = run_py(node_session, """
        e = make("auto", 1)
        e.eval_string("(defun big (n) (let ((l nil)) (dotimes (i n) (push i l)) l))")
        e.eval_string("(big 3) (big 3)")
        texts = [e.prin1(e.eval_string("(big 20000)")) for _ in range(2)]
        [len(texts[0]), texts[0] == texts[1], e.tiering.report()["BIG"],
         [x["function"] for x in e.tiering.events if x.get("demoted")]]
    """)
    n, same, big, demoted = out
    assert n == len("(" + " ".join(str(i) for i in range(19999, -1, -1)) + ")") and same
    assert big["tier"] == 2 and big["tier2_error"] is None and demoted == []


def test_fixnum_programs_keep_tier2_under_attribution(node_session) -> None:  # type: ignore[no-untyped-def]
    """TAKL's shape (Tier-1 RUN, LISTN promoted mid-recursion so its first lists are mixed Tier-1/Wasm, SHORTERP and
    MAS walking them): nothing is demoted over three runs (a window where LISTN was hardly called but charged a
    few proxy accesses is not judged: MIN_WINDOW_CALLS)."""
    out = run_py(node_session, """
        e = make("auto", 10)
        e.eval_string('''
          (defun listn (n) (if (not (= 0 n)) (cons n (listn (1- n)))))
          (defun shorterp (x y) (and y (or (null x) (shorterp (cdr x) (cdr y)))))
          (defun mas (x y z) (if (not (shorterp y x)) z
            (mas (mas (cdr x) y z) (mas (cdr y) z x) (mas (cdr z) x y))))
          (defun run (n) (length (mas (listn n) (listn 12) (listn 6))))''')
        vals = [e.eval_string("(run 16)") for _ in range(3)]
        [vals, {k: r["tier"] for k, r in e.tiering.report().items()},
         [x["function"] for x in e.tiering.events if x.get("demoted")]]
    """)
    vals, tiers, demoted = out
    assert vals == [7, 7, 7] and demoted == []
    assert tiers["LISTN"] == tiers["SHORTERP"] == tiers["MAS"] == 2


def test_demoted_callee_is_promoted_again_with_its_caller(node_session) -> None:  # type: ignore[no-untyped-def]
    """MK is demoted while Tier-1 code walks its Wasm lists; once WALK, which calls MK and walks its lists, is
    promoted, MK is promoted again at its next call (MAX_REVIVALS, once) and stays: its lists are now walked in
    Wasm. Values are the same throughout."""
    out = run_py(node_session, """
        from clysm.tiering import MAX_REVIVALS
        e = make("auto", 10)
        e.eval_string("(defun mk (n) (let ((l nil)) (dotimes (i n) (push i l)) l))"
                      "(defun walk (k) (let ((s 0)) (dotimes (i k) (dolist (x (mk 50)) (incf s x))) s))")
        v1 = e.eval_string("(let ((s 0)) (dotimes (i 200) (dolist (x (mk 50)) (incf s x))) s)")
        rep1 = dict(e.tiering.report()["MK"])
        vals = [e.eval_string("(walk 20)") for _ in range(14)]
        evs = [(x["function"], x["ok"], bool(x.get("demoted"))) for x in e.tiering.events]
        [v1, rep1, vals, evs, e.tiering.report()["MK"], e.tiering.report()["WALK"], MAX_REVIVALS]
    """)
    v1, rep1, vals, evs, mk, walk, max_revivals = out
    assert v1 == 200 * sum(range(50)) and vals == [20 * sum(range(50))] * 14
    assert rep1["tier"] == 1 and rep1["tier2_error"].startswith("demoted: ")
    assert walk["tier"] == 2 and walk["promoted_at_call"] == 11
    assert [x for x in evs if x[0] == "MK"] == [["MK", True, False], ["MK", False, True], ["MK", True, False]]
    assert mk["tier"] == 2 and mk["tier2_error"] is None and mk["promoted_at_call"] > 200
    assert max_revivals == 1


def test_entered_function_hastens_its_tier1_callers(node_session) -> None:  # type: ignore[no-untyped-def]
    """STEP1 is promoted inside the first call of OUTER, which calls it in a loop (one Python -> Wasm entry per
    two STEP1 calls, under the demotion limit): at the next audit OUTER, which has run once, is promoted at its next
    call (call 2, not 11), so its loop calls STEP1 in Wasm; INNER-ONLY, which names nothing hot, keeps the
    threshold. Reported calls are the real ones. Values are the same throughout."""
    out = run_py(node_session, """
        from clysm.compiler.backend import HASTEN_ENTRIES
        e = make("auto", 10)
        e.eval_string("(defun step1 (x k) (if (= k 0) (+ x 1) (step1 x (1- k))))"
                      "(defun outer (n) (let ((s 0)) (dotimes (i n) (setq s (step1 s 1))) s))"
                      "(defun inner-only (x) x)")
        vals = [e.eval_string("(outer 3000)"), e.eval_string("(inner-only 1)"), e.eval_string("(outer 3000)")]
        rep = e.tiering.report()
        evs = [(x["function"], x["call"], x["ok"]) for x in e.tiering.events]
        [vals, rep["OUTER"], rep["STEP1"], rep["INNER-ONLY"], evs, HASTEN_ENTRIES]
    """)
    vals, outer, step, inner, evs, hasten = out
    assert vals == [3000, 1, 3000] and hasten == 64, out
    assert step["tier"] == 2 and step["promoted_at_call"] == 11 and step["calls"] == 12000, out
    assert outer["tier"] == 2 and outer["promoted_at_call"] == 2 and outer["calls"] == 2, outer
    assert inner["tier"] == 1 and inner["calls"] == 1 and inner["promoted_at_call"] is None
    assert evs == [["STEP1", 11, True], ["OUTER", 2, True]]
