# Loader for the Lisp corpus (tests/corpus/NN-topic.lisp): parses cases, compares engine results with the
# expected lines, and rewrites expected lines (used by scripts/sbcl-oracle --bless). Stdlib only; see README.md.
from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

CORPUS_DIR = Path(__file__).resolve().parent
FILE_GLOB = "[0-9][0-9]-*.lisp"

_PREFIX = ";;;; "
_CASE_RE = re.compile(r"^;;;; case (\S+)\s*$")
_DIRECTIVE_RE = re.compile(r"^;;;; ?(=>|out:|error:|skip-sbcl:|skip-tier2:|known-deviation:)(?: (.*))?$")
EXPECTATION_KEYS = ("=>", "out:", "error:")
SKIP_KEYS = {"skip-sbcl:": "sbcl", "skip-tier2:": "tier2", "known-deviation:": "deviation"}


class CorpusError(ValueError):
    """A malformed corpus file (names the file and line)."""


@dataclass(frozen=True)
class Case:
    """One corpus case: Lisp source run in a fresh engine and what SBCL says it yields."""

    name: str
    file: str  # file name, e.g. "09-numbers.lisp"
    line: int  # 1-based line of the `;;;; case` header
    source: str  # the top-level forms (ordinary comments included)
    expected_value: str | None  # PRIN1 of the last form's primary value, or None for an error case
    expected_out: str  # exact *standard-output* text ("" when the case prints nothing)
    expected_error: str | None  # standard condition type name the last form signals, or None
    skips: dict[str, str] = field(default_factory=dict)  # mode ("sbcl", "tier2") -> reason

    @property
    def id(self) -> str:
        return f"{self.file.removesuffix('.lisp')}::{self.name}"

    @property
    def location(self) -> str:
        return f"tests/corpus/{self.file}:{self.line}"

    def skip_reason(self, mode: str) -> str | None:
        """Reason this case is skipped in `mode` ("sbcl" or "tier2"), or None if it runs there."""
        return self.skips.get(mode)

    def expectation_text(self) -> str:
        if self.expected_error is not None:
            text = f"error: {self.expected_error}"
        else:
            text = f"=> {self.expected_value}"
        if self.expected_out:
            text += f"  out: {lisp_string(self.expected_out)}"
        return text


# --- Lisp string literals (the `out:` lines) ---------------------------------------------------------------------


def lisp_string(text: str) -> str:
    """`text` as a Lisp string literal (only backslash and double quote are escaped, as PRIN1 does)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def read_lisp_string(text: str, pos: int = 0) -> tuple[str, int]:
    """Parse the Lisp string literal starting at text[pos] (a double quote); return (value, index after it)."""
    if pos >= len(text) or text[pos] != '"':
        raise ValueError(f"expected a Lisp string literal at {text[pos:pos + 20]!r}")
    out: list[str] = []
    i = pos + 1
    while i < len(text):
        ch = text[i]
        if ch == "\\":
            if i + 1 >= len(text):
                break
            out.append(text[i + 1])
            i += 2
        elif ch == '"':
            return "".join(out), i + 1
        else:
            out.append(ch)
            i += 1
    raise ValueError("unterminated Lisp string literal")


def read_lisp_strings(text: str) -> list[str]:
    """All Lisp string literals in `text`, separated by whitespace (the oracle driver's output format)."""
    result: list[str] = []
    i = 0
    while True:
        while i < len(text) and text[i].isspace():
            i += 1
        if i >= len(text):
            return result
        value, i = read_lisp_string(text, i)
        result.append(value)


# --- Parsing -----------------------------------------------------------------------------------------------------


@dataclass
class _RawCase:
    name: str
    line: int
    body: list[tuple[int, str]]  # (line number, text) for every line after the header


def _split_cases(path: Path, lines: list[str]) -> list[_RawCase]:
    cases: list[_RawCase] = []
    for number, text in enumerate(lines, start=1):
        m = _CASE_RE.match(text)
        if m:
            cases.append(_RawCase(m.group(1), number, []))
        elif text.startswith(";;;; case"):
            raise CorpusError(f"{path.name}:{number}: malformed case header {text!r}")
        elif cases:
            cases[-1].body.append((number, text))
        elif text.startswith(_PREFIX) and _DIRECTIVE_RE.match(text):
            raise CorpusError(f"{path.name}:{number}: directive before the first case")
    return cases


def _parse_case(path: Path, raw: _RawCase, require_expectation: bool) -> Case:
    source_lines: list[str] = []
    values: list[str] = []
    outs: list[str] = []
    error: str | None = None
    skips: dict[str, str] = {}
    for number, text in raw.body:
        m = _DIRECTIVE_RE.match(text)
        if not m:
            if values or outs or error:
                if text.strip() and not text.lstrip().startswith(";"):
                    raise CorpusError(f"{path.name}:{number}: code after the expected lines of case {raw.name}")
            else:
                source_lines.append(text)
            continue
        key, rest = m.group(1), m.group(2) or ""
        if key == "=>":
            values.append(rest)
        elif key == "out:":
            try:
                value, end = read_lisp_string(rest)
            except ValueError as exc:
                raise CorpusError(f"{path.name}:{number}: bad out: line ({exc})") from None
            if rest[end:].strip():
                raise CorpusError(f"{path.name}:{number}: text after the out: string")
            outs.append(value)
        elif key == "error:":
            if error is not None or not rest.strip():
                raise CorpusError(f"{path.name}:{number}: bad or repeated error: line")
            error = rest.strip().upper()
        else:
            if not rest.strip():
                raise CorpusError(f"{path.name}:{number}: {key} needs a reason")
            skips[SKIP_KEYS[key]] = rest.strip()
    while source_lines and not source_lines[-1].strip():
        source_lines.pop()
    while source_lines and not source_lines[0].strip():
        source_lines.pop(0)
    if not any(t.strip() and not t.lstrip().startswith(";") for t in source_lines):
        raise CorpusError(f"{path.name}:{raw.line}: case {raw.name} has no forms")
    if values and error is not None:
        raise CorpusError(f"{path.name}:{raw.line}: case {raw.name} has both => and error:")
    if require_expectation and not values and error is None:
        raise CorpusError(f"{path.name}:{raw.line}: case {raw.name} has no => or error: line (run the oracle --bless)")
    return Case(
        name=raw.name,
        file=path.name,
        line=raw.line,
        source="\n".join(source_lines) + "\n",
        expected_value="\n".join(values) if values else None,
        expected_out="\n".join(outs),
        expected_error=error,
        skips=skips,
    )


def parse_file(path: Path, *, require_expectation: bool = True) -> list[Case]:
    """Every case of one corpus file, in order."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [_parse_case(path, raw, require_expectation) for raw in _split_cases(path, lines)]


def corpus_files(directory: Path = CORPUS_DIR) -> list[Path]:
    return sorted(directory.glob(FILE_GLOB))


def load_cases(files: Iterable[Path | str] | None = None, *, require_expectation: bool = True) -> list[Case]:
    """All corpus cases (of `files`, default every tests/corpus/NN-*.lisp), checking names are unique."""
    paths = [Path(f) for f in files] if files is not None else corpus_files()
    cases: list[Case] = []
    seen: dict[str, str] = {}
    for path in paths:
        for case in parse_file(path, require_expectation=require_expectation):
            if case.name in seen:
                raise CorpusError(f"{case.location}: duplicate case name {case.name} (also {seen[case.name]})")
            seen[case.name] = case.location
            cases.append(case)
    return cases


# --- Rewriting expected lines (--bless) --------------------------------------------------------------------------


def expectation_lines(value: str | None, out: str, error: str | None) -> list[str]:
    """The `;;;; =>` / `;;;; error:` and `;;;; out:` lines for a result (multi-line text becomes several lines)."""
    lines: list[str] = []
    if error is not None:
        lines.append(f";;;; error: {error}")
    else:
        assert value is not None
        lines.extend(f";;;; => {part}" if part else ";;;; =>" for part in value.split("\n"))
    if out:
        lines.extend(f";;;; out: {lisp_string(part)}" for part in out.split("\n"))
    return lines


def rewrite_file(path: Path, results: dict[str, tuple[str | None, str, str | None]]) -> bool:
    """Replace the expected lines of the cases named in `results` (name -> (value, out, error)).

    New lines go where the old first expected line was (or after the case's last code line). Returns True if the
    file changed.
    """
    original = path.read_text(encoding="utf-8")
    lines = original.splitlines()
    raws = _split_cases(path, lines)
    replacements: dict[int, list[str]] = {}  # 0-based index of first line to replace -> new lines
    drop: set[int] = set()
    for raw in raws:
        if raw.name not in results:
            continue
        value, out, error = results[raw.name]
        new = expectation_lines(value, out, error)
        old = [n - 1 for n, t in raw.body if (m := _DIRECTIVE_RE.match(t)) and m.group(1) in EXPECTATION_KEYS]
        if old:
            replacements[old[0]] = new
            drop.update(old)
        else:
            last_code = raw.line - 1
            for n, t in raw.body:
                if _DIRECTIVE_RE.match(t) or (t.strip() and not t.lstrip().startswith(";")):
                    last_code = n - 1
            replacements.setdefault(last_code + 1, [])
            replacements[last_code + 1] = new + replacements[last_code + 1]
    output: list[str] = []
    for index in range(len(lines) + 1):
        if index in replacements:
            output.extend(replacements[index])
        if index < len(lines) and index not in drop:
            output.append(lines[index])
    text = "\n".join(output) + "\n"
    if text != original:
        path.write_text(text, encoding="utf-8")
        return True
    return False


# --- Comparing an engine result (clysm.api.run_source dict) with a case ------------------------------------------


def compare_result(
    case: Case, result: dict, subtypep: Callable[[str, str], bool] | None = None
) -> list[str]:
    """Differences between `result` (value/stdout/error as run_source returns) and the case; [] if it passes.

    Error types match when the engine's type is the expected type or a subtype (`subtypep`, default
    clysm.eval.errors.condition_subtypep).
    """
    if subtypep is None:
        from clysm.eval.errors import condition_subtypep as subtypep
    problems: list[str] = []
    error = result.get("error")
    if case.expected_error is not None:
        if not error:
            problems.append(f"expected error {case.expected_error}, got value {result.get('value')}")
        elif not subtypep(str(error.get("type")), case.expected_error):
            problems.append(
                f"expected error {case.expected_error}, got {error.get('type')}: {error.get('message')}"
            )
    elif error:
        problems.append(
            f"expected value {case.expected_value}, got error {error.get('type')}: {error.get('message')}"
        )
    elif result.get("value") != case.expected_value:
        problems.append(f"expected value {case.expected_value}, got {result.get('value')}")
    stdout = result.get("stdout") or ""
    if stdout != case.expected_out:
        problems.append(f"expected output {lisp_string(case.expected_out)}, got {lisp_string(stdout)}")
    return problems
