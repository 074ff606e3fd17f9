# The Lisp corpus in Tier 1: every case of tests/corpus/*.lisp runs in a fresh engine on CPython
# (clysm.api.run_source with tier="1") and must give SBCL's value, output and error type. Also checks the corpus
# itself (format, size, coverage of the issue's operators) and the loader's parsing and rewriting.
from __future__ import annotations

import re
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # plain `pytest` does not put the repo root on sys.path
    sys.path.insert(0, str(ROOT))

from tests.corpus import Case, compare_result, load_cases  # noqa: E402
from tests.corpus.loader import lisp_string, parse_file, read_lisp_string, rewrite_file  # noqa: E402

CASES = load_cases()
CASE_TIMEOUT_S = 30


class CaseTimeout(BaseException):
    """Raised by the alarm when a case runs too long (BaseException so the engine cannot swallow it)."""


@contextmanager
def time_limit(seconds: int) -> Iterator[None]:
    """Interrupt the block after `seconds` (POSIX main thread only; elsewhere no limit)."""
    if not hasattr(signal, "setitimer"):
        yield
        return

    def on_alarm(signum: int, frame: object) -> None:
        raise CaseTimeout(f"case did not finish in {seconds} s")

    try:
        previous = signal.signal(signal.SIGALRM, on_alarm)
    except ValueError:  # not the main thread
        yield
        return
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def describe(case: Case, problems: list[str]) -> str:
    return f"{case.location} {case.name}:\n  " + "\n  ".join(problems) + "\nsource:\n" + case.source


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_corpus_case_tier1(case: Case, request: pytest.FixtureRequest) -> None:
    """The case gives SBCL's printed value (or error type) and output when run in Tier 1 only."""
    from clysm.api import run_source

    deviation = case.skip_reason("deviation")
    if deviation is not None:  # a documented deviation from SBCL: must still fail, so the note stays true
        request.applymarker(pytest.mark.xfail(strict=True, reason=deviation))

    with time_limit(CASE_TIMEOUT_S):
        result = run_source(case.source, filename=case.id, tier="1")
    problems = compare_result(case, result)
    assert not problems, describe(case, problems)


# --- The corpus itself -------------------------------------------------------------------------------------------

# Every operator the engine-core issue lists must be exercised by at least one case.
ISSUE_OPERATORS = """
quote if progn let let* lambda setq block return-from tagbody go flet labels function catch throw unwind-protect
multiple-value-call multiple-value-prog1 macrolet symbol-macrolet the locally eval-when load-time-value progv
defun defmacro defvar defparameter defconstant cond when unless and or case ecase ccase typecase etypecase do do*
dolist dotimes prog prog* prog1 prog2 return psetq psetf setf incf decf push pushnew pop rotatef shiftf remf
multiple-value-bind multiple-value-setq multiple-value-list nth-value destructuring-bind handler-case handler-bind
ignore-errors with-output-to-string assert check-type loop defsetf define-setf-expander declare special
&optional &rest &key &allow-other-keys :allow-other-keys &aux &body &whole &environment
car cdr caar cadr cdar cddr caaar caadr cadar caddr cdaar cdadr cddar cdddr caaaar caaadr caadar caaddr cadaar
cadadr caddar cadddr cdaaar cdaadr cdadar cdaddr cddaar cddadr cdddar cddddr first second third fourth fifth sixth
seventh eighth ninth tenth nth rest aref svref elt gethash getf symbol-value symbol-function fdefinition values
+ - * / < > <= >= = /= 1+ 1- min max abs mod rem floor ceiling truncate round gcd lcm expt isqrt sqrt zerop plusp
minusp evenp oddp numberp integerp rationalp floatp realp
cons list list* make-list length list-length append revappend nreconc reverse nreverse nthcdr last butlast nbutlast
ldiff tailp member member-if member-if-not assoc assoc-if assoc-if-not rassoc rassoc-if rassoc-if-not acons pairlis
copy-list copy-alist copy-tree tree-equal subst subst-if subst-if-not nsubst nsubst-if nsubst-if-not sublis nsublis
mapcar mapc mapcan maplist mapl mapcon get-properties adjoin union intersection set-difference set-exclusive-or
subsetp nunion nintersection nset-difference nset-exclusive-or endp rplaca rplacd nconc
reduce remove remove-if remove-if-not delete delete-if delete-if-not find find-if find-if-not position position-if
position-if-not count count-if count-if-not sort stable-sort subseq concatenate coerce fill replace some every
notany notevery map :key :test :start :end :from-end eq eql equal equalp
symbol-name fboundp boundp makunbound fmakunbound gensym intern keywordp get
char schar string= string< string-equal string-upcase string-downcase char-code code-char char-upcase digit-char-p
parse-integer string write-to-string prin1-to-string make-array vector fill-pointer make-hash-table remhash maphash
hash-table-count clrhash funcall apply identity constantly complement functionp eval macroexpand macroexpand-1
macro-function print prin1 princ terpri fresh-line write-string write-line format error signal define-condition
compile compile* compile-with-tier function-tier *compilation-threshold*
""".split()

LOOP_KEYWORDS = """
for as from to below downto by in on across = then hash-keys hash-values with repeat while until always never
thereis collect append nconc count sum maximize minimize into when if unless else end and do return named initially
finally
""".split()

FORMAT_DIRECTIVES = ["~a", "~s", "~d", "~b", "~o", "~x", "~%", "~&", "~~", "~{", "~}", "~^", "~[", "~;", "~]", "~:[",
                     "~*"]

ERROR_TYPES = ["ERROR", "SIMPLE-ERROR", "TYPE-ERROR", "PROGRAM-ERROR", "UNBOUND-VARIABLE", "UNDEFINED-FUNCTION",
               "DIVISION-BY-ZERO", "CONTROL-ERROR"]


def _tokens(text: str) -> set[str]:
    return set(re.findall(r"[^\s()'`,\"|;]+", text.lower().replace("#'", " ")))


def test_corpus_size_and_unique_names() -> None:
    """At least 450 cases, with unique names (load_cases raises on duplicates), spread over topic files."""
    assert len(CASES) >= 450
    assert len({c.name for c in CASES}) == len(CASES)
    assert len({c.file for c in CASES}) >= 15


def test_corpus_covers_every_issue_operator() -> None:
    """Every operator, lambda-list keyword and sequence keyword named in the engine-core issue appears in a case."""
    tokens = _tokens(" ".join(c.source for c in CASES))
    missing = [op for op in ISSUE_OPERATORS if op not in tokens]
    assert not missing, f"no corpus case uses: {missing}"


def test_corpus_covers_loop_clauses_and_format_directives() -> None:
    """The LOOP keywords and FORMAT directives of the issue each appear in their topic file."""
    loop_tokens = _tokens(" ".join(c.source for c in CASES if c.file.endswith("-loop.lisp")))
    assert [k for k in LOOP_KEYWORDS if k not in loop_tokens] == []
    format_text = " ".join(c.source.lower() for c in CASES if c.file.endswith("-format.lisp"))
    assert [d for d in FORMAT_DIRECTIVES if d not in format_text] == []


def test_corpus_covers_escaping_error_types() -> None:
    """Cases expect each standard error type users test for, escaping to the top level."""
    expected = {c.expected_error for c in CASES}
    assert [t for t in ERROR_TYPES if t not in expected] == []


def test_sbcl_skips_have_reasons_and_hand_written_expectations() -> None:
    """A case SBCL cannot check still says what it expects, and why SBCL skips it."""
    for case in CASES:
        if case.skip_reason("sbcl") is not None:
            assert case.skip_reason("sbcl").strip()
            assert case.expected_value is not None or case.expected_error is not None, case.location


# --- The loader --------------------------------------------------------------------------------------------------

SAMPLE = """;;; header comment
;;;; case one
(print "a")
;;;; => "a"
;;;; out: ""
;;;; out: "\\"a\\" "

;;;; case two
;;;; skip-tier2: not yet
(format nil "x~%y")
;;;; => "x
;;;; => y"
;;; section comment

;;;; case three
(car 1)
;;;; error: type-error
"""


def test_loader_parses_values_output_errors_and_skips(tmp_path: Path) -> None:
    """Multi-line => and out: lines are joined with newlines; error types are upcased; skips are recorded."""
    path = tmp_path / "01-sample.lisp"
    path.write_text(SAMPLE)
    one, two, three = parse_file(path)
    assert (one.name, one.line, one.source) == ("one", 2, '(print "a")\n')
    assert one.expected_value == '"a"' and one.expected_out == '\n"a" ' and one.expected_error is None
    assert two.expected_value == '"x\ny"' and two.expected_out == "" and two.skip_reason("tier2") == "not yet"
    assert two.skip_reason("sbcl") is None
    assert three.expected_error == "TYPE-ERROR" and three.expected_value is None
    assert three.id == "01-sample::three"


def test_loader_rewrite_round_trips(tmp_path: Path) -> None:
    """Blessing replaces only the expected lines, in place, and parsing the result gives the new expectations."""
    path = tmp_path / "02-sample.lisp"
    path.write_text(SAMPLE)
    rewrite_file(path, {"one": ("1", "x\ny", None), "three": (None, "", "SIMPLE-ERROR")})
    text = path.read_text()
    assert ";;; section comment" in text and ";;;; skip-tier2: not yet" in text
    one, two, three = parse_file(path)
    assert (one.expected_value, one.expected_out) == ("1", "x\ny")
    assert two.expected_value == '"x\ny"'
    assert (three.expected_error, three.expected_value) == ("SIMPLE-ERROR", None)
    assert rewrite_file(path, {"one": ("1", "x\ny", None)}) is False


def test_loader_adds_missing_expectations(tmp_path: Path) -> None:
    """A new case without expected lines gets them right after its code when blessed."""
    path = tmp_path / "03-sample.lisp"
    path.write_text(";;;; case fresh\n(+ 1 2)\n\n;;;; case next\n3\n;;;; => 3\n")
    with pytest.raises(ValueError):
        parse_file(path)
    rewrite_file(path, {"fresh": ("3", "", None)})
    assert path.read_text() == ";;;; case fresh\n(+ 1 2)\n;;;; => 3\n\n;;;; case next\n3\n;;;; => 3\n"


def test_lisp_string_literals_round_trip() -> None:
    """out: strings use Lisp escapes (backslash and double quote only)."""
    for text in ['', 'plain', 'q"uote', 'back\\slash', '\\"']:
        assert read_lisp_string(lisp_string(text)) == (text, len(lisp_string(text)))


def test_compare_result_reports_each_difference() -> None:
    """Value, output and error-type mismatches are all reported; an error subtype satisfies its supertype."""
    value_case = Case("v", "x.lisp", 1, "(f)\n", "3", "hi", None)
    error_case = Case("e", "x.lisp", 1, "(f)\n", None, "", "ERROR")
    ok = {"value": "3", "stdout": "hi", "error": None}
    assert compare_result(value_case, ok, lambda a, b: a == b) == []
    assert len(compare_result(value_case, {"value": "4", "stdout": "", "error": None}, lambda a, b: a == b)) == 2
    err = {"value": None, "stdout": "", "error": {"type": "TYPE-ERROR", "message": "m"}}
    assert compare_result(error_case, err, lambda a, b: b == "ERROR") == []
    assert compare_result(error_case, err, lambda a, b: a == b) != []
    assert compare_result(value_case, err, lambda a, b: True) != []
