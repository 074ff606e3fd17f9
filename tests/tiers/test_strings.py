# Tier 2 strings and characters (docs/ABI.md "Strings and characters") with the real engine in Pyodide on Node 24:
# a promoted function reading a Python string crosses into Python at most twice per string (its `kind`, once per
# handle, and the one-time fetch of its characters), never per character; CHAR returns Tier 1's own character
# objects (EQ across tiers); strings keep their identity; slow paths give Tier 1's errors. Values of every
# open-coded primitive against SBCL are checked by the corpus (tests/corpus/28-strings-tier2.lisp).
from __future__ import annotations

from tests.tiers.pyo import run_py

CKS = """
(defun cks (s)
  (let ((sum 0))
    (dotimes (k (length s) sum)
      (setq sum (mod (+ (* sum 31) (char-code (char s k))) 1000003)))))
(defun cmp (a b) (list (char= a b) (char< a b) (char-equal a b) (char-upcase a) (string= a b)))
"""


def test_reading_a_string_crosses_once_per_string_not_per_character(node_session) -> None:  # type: ignore[no-untyped-def]
    """CKS over a 500-character string made by Tier 1: the same value in every tier; in Tier 2 the first time at
    most the string's kind and fetch plus one call per distinct character (its canonical object, cached), none the
    second time, whatever the length."""
    out = run_py(node_session, f"""
        res = []
        for tier in ("1", "2", "auto"):
            with HostCalls() as hc:  # around the engine: its runtime binds the (counted) imports when it starts
                e = make(tier, 1)
                e.eval_string({CKS!r})
                e.eval_string('(cks "warm") (cks "up")')
                s = e.eval_string('(defvar *s* (format nil "~{{~a~}}" (loop for i below 100 collect "abcλ😀")))')
                f = e.intern("CKS").function
                warm = hc.n
                hc.by.clear()
                v1 = f(e.intern("*S*").value)
                n1 = dict(hc.by)
                hc.by.clear()
                v2 = f(e.intern("*S*").value)
                n2 = dict(hc.by)
            res.append([tier, v1, v2, n1, n2, e.tiering.report()["CKS"]["tier"], warm])
        res
    """)
    values = {(v1, v2) for _, v1, v2, _, _, _, _ in out}
    assert len(values) == 1, out
    for tier, _, _, n1, n2, cks_tier, warm in out:
        if tier == "1":
            continue
        assert warm > 0, out  # the counter sees this engine's crossings (not vacuous)
        assert cks_tier == 2, out
        # the string's kind and characters once, each distinct character's canonical object once (a b c λ 😀 at most)
        assert n1.get("h_str_fetch", 0) <= 1 and n1.get("h_kind", 0) <= 1, (tier, n1)
        assert n1.get("h_char_handle", 0) <= 5 and set(n1) <= {"h_kind", "h_str_fetch", "h_char_handle"}, (tier, n1)
        assert n2 == {}, (tier, n2)


def test_characters_and_strings_keep_their_identity(node_session) -> None:  # type: ignore[no-untyped-def]
    """CHAR, CODE-CHAR and CHAR-UPCASE in Tier 2 return the very Char objects Tier 1 uses (EQ, and `is` in
    Python); a string passed through Tier 2 comes back as the same Python str object."""
    out = run_py(node_session, """
        from clysm.lisp.types import char
        e = make("2", 10)
        e.eval_string('(defun ch (s i) (char s i)) (defun co (n) (code-char n)) (defun up (c) (char-upcase c))'
                      '(defun pass (x) x) (defun same (a b) (eq a b))')
        s = "hé😀" + str(12345)
        ch, co, up, pas, same = (e.intern(n).function for n in ("CH", "CO", "UP", "PASS", "SAME"))
        [ch(s, 0) is char(104), ch(s, 1) is char(233), ch(s, 2) is char(128512), co(955) is char(955),
         co(128512) is ch(s, 2), up(char(97)) is char(65), up(char(955)) is char(923), pas(s) is s,
         same(ch(s, 0), char(104)) is e.intern("T", "COMMON-LISP"),
         e.prin1(e.eval_string('(list (eq (ch "abc" 1) #\\\\b) (same (co 98) #\\\\b) (eq (up #\\\\b) #\\\\B))'))]
    """)
    assert out[:9] == [True] * 9, out
    assert out[9] == "(T T T)", out


def test_slow_paths_signal_tier1_errors(node_session) -> None:  # type: ignore[no-untyped-def]
    """Out-of-range indices, non-strings, mutable strings and non-characters go to the CL function: the same
    condition type and message as Tier 1."""
    forms = ['(ch "abc" 3)', '(ch "abc" -1)', "(ch 'abc 0)", '(ch "abc" 1.5)', "(cc 97)", "(co -1)",
             '(cmp #\\a 1)', "(cmp 1 #\\a)", "(s= 1 \"1\")", "(len 'x)"]
    out = run_py(node_session, f"""
        res = {{}}
        for tier in ("1", "2"):
            e = make(tier, 10)
            e.eval_string('(defun ch (s i) (char s i)) (defun cc (c) (char-code c)) (defun co (n) (code-char n))'
                          '(defun cmp (a b) (char< a b)) (defun s= (a b) (string= a b)) (defun len (x) (length x))')
            r = []
            for form in {forms!r}:
                try:
                    r.append(["value", e.prin1(e.eval_string(form))])
                except Exception as exc:
                    cond = getattr(exc, "condition", None)
                    r.append([getattr(cond, "type_name", type(exc).__name__), str(exc)])
            m = e.eval_string('(let ((m (make-string 2 :initial-element #\\\\a))) (setf (char m 1) #\\\\b) m)')
            r.append(e.prin1(e.intern("CH").function(m, 1)))
            res[tier] = r
        res
    """)
    assert out["2"] == out["1"], out
    assert all(kind != "value" for kind, _ in out["1"][:-1]), out
    assert out["1"][-1] == "#\\b"
