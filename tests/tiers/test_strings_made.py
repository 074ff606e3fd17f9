# Strings made by Tier 2 and lists given to FORMAT (docs/ABI.md "Strings and characters", str_make, and "Lists
# given to FORMAT") with the real engine in Pyodide on Node 24: SUBSEQ / STRING-UPCASE / CONCATENATE of simple
# strings cost one host.str_new crossing per new string and no call of the CL function, and Tier 2 reads the new
# string without fetching it; FORMAT gets a short flat Wasm list as a Python copy (no proxy, no export slot kept),
# but walks lists it must not copy. Values against SBCL: tests/corpus/34-strings-made-in-tier2.lisp.
from __future__ import annotations

from tests.tiers.pyo import run_py

SRC = """
(defun rec (i) (format nil "~a-~d[~{~a~^,~}]" 'item i (list (mod i 3) (mod i 5))))
(defun shout (s) (let ((u (string-upcase (concatenate 'string s "-done")))) (list u (search "-" u) (subseq u 0 4))))
(defun ind (l) (format nil "~?" "~{~a~}" (list l)))
(defun inside (s) (let ((u (string-upcase (concatenate 'string s "-done")))) (+ (length u) (search "-D" u))))
"""


def test_new_strings_are_made_in_wasm(node_session) -> None:  # type: ignore[no-untyped-def]
    """SHOUT makes three strings and returns two of them: those two become Python strings when they cross (one
    str_new each), the CONCATENATE result never does; no CL call, and only its argument (a new Python string) is
    fetched. INSIDE's strings never leave Wasm: no crossing but the fetch of its argument."""
    out = run_py(node_session, f"""
        res = []
        for tier in ("1", "2"):
            with HostCalls() as hc:  # (the runtime's imports are bound when the engine's bridge starts)
                e = make(tier, 10)
                e.eval_string({SRC!r})
                f = e.intern("SHOUT").function
                f("warm")
                hc.by.clear()
                v = e.prin1(f("item-12"))
                by = dict(hc.by)
                g = e.intern("INSIDE").function
                g("warm")
                hc.by.clear()
                w = g("item-13")
            res.append([tier, v, by, w, dict(hc.by)])
        res
    """)
    assert out[0][1] == out[1][1] == '("ITEM-12-DONE" 4 "ITEM")', out
    assert out[1][2] == {"h_str_fetch": 1, "h_str_new": 2}, out
    assert out[0][3] == out[1][3] == 19 and out[1][4] == {"h_str_fetch": 1}, out


def test_format_gets_copies_of_short_wasm_lists(node_session) -> None:  # type: ignore[no-untyped-def]
    """REC's list reaches FORMAT as a Python copy: one FORMAT call per record, no proxy made and no export slot
    left behind; with ~? (a control string taken from the arguments) the list is walked through proxies instead."""
    out = run_py(node_session, f"""
        with HostCalls() as hc:  # (the runtime's imports are bound when the engine's bridge starts)
            e = make("2", 10)
            e.eval_string({SRC!r})
            b = next(iter(e.backend._bridges.values()))[1]
            rec = e.intern("REC").function
            rec(0)
            before = b.table_sizes()
            copies = b.lists.copies
            hc.by.clear()
            vals = [rec(i) for i in range(50)]
        after = b.table_sizes()
        ind = e.prin1(e.intern("IND").function(e.eval_string("(list 1 2 3)")))
        [vals[:3], dict(hc.by), b.lists.copies - copies, before["exports"], after["exports"], after["proxies"], ind,
         b.lists.copies - copies]
    """)
    vals, calls, copies, exp_before, exp_after, proxies, ind, copies_after = out
    assert vals == ["ITEM-0[0,0]", "ITEM-1[1,1]", "ITEM-2[2,2]"], out
    assert set(calls) <= {"h_call_host", "h_push"} and 50 <= calls["h_call_host"] <= 51, out  # FORMAT, 5 args
    assert copies == 50 and exp_after <= exp_before + 1 and proxies <= exp_after, out
    assert ind == '"123"' and copies_after == 50, out
