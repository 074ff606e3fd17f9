# Rewrites the expected values in eval_cases.py with what SBCL prints (run: .venv/bin/python tests/macros/bless.py).
# New cases can be added with "?" as the expected value and blessed this way; review the diff before committing.
from __future__ import annotations

import re
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).parent


def sbcl_values(sources: list[str]) -> list[str]:
    lines = [
        "(defun run-case (form) (if (and (consp form) (eq (car form) 'progn))"
        " (let (v) (dolist (f (cdr form) v) (setq v (eval f)))) (eval form)))",
    ]
    for i, source in enumerate(sources):
        lines.append(
            f'(format t "~&@@CASE {i} ~a~%" (handler-case (prin1-to-string (run-case (quote {source})))'
            f' (error (c) (format nil "#<ERROR ~a>" (type-of c)))))'
        )
    with tempfile.NamedTemporaryFile("w", suffix=".lisp", delete=False) as f:
        f.write("\n".join(lines))
    out = subprocess.run(["sbcl", "--script", f.name], capture_output=True, text=True, timeout=300).stdout
    got: dict[int, str] = {}
    for line in out.splitlines():
        m = re.match(r"@@CASE (\d+) (.*)$", line)
        if m:
            got[int(m.group(1))] = m.group(2)
    return [got.get(i, "#<NO RESULT>") for i in range(len(sources))]


def main() -> None:
    sys.path.insert(0, str(HERE.parent.parent))
    from tests.macros.eval_cases import CASES

    values = sbcl_values([c[1] for c in CASES])
    text = (HERE / "eval_cases.py").read_text()
    head = text[: text.index("CASES: list")]
    body = ["CASES: list[tuple[str, str, str]] = ["]
    for (section, source, _old), value in zip(CASES, values, strict=True):
        body.append(f"    ({section!r}, {source!r}, {value!r}),")
    body.append("]")
    (HERE / "eval_cases.py").write_text(head + "\n".join(body) + "\n")
    for (_s, source, old), value in zip(CASES, values, strict=True):
        if old != value:
            print(f"{source}\n    {old} -> {value}")


if __name__ == "__main__":
    main()
