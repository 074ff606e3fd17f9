# Tests for clysm.host.node_cli.run_files_on_node (`clysm run --host node`): results print exactly as on the CPython
# path, all files share one Pyodide load, and exit codes match.
from __future__ import annotations

import json

import pytest

from clysm.host.node_cli import run_files_on_node
from clysm.host.node_session import node_unavailable_reason


def cpython_run(capsys, argv: list[str]) -> tuple[int, str, str]:
    from clysm.cli import main

    code = main(argv)
    out = capsys.readouterr()
    return code, out.out, out.err


def test_missing_file_reported_like_cpython(tmp_path, capsys):
    """A file that cannot be read is reported exactly as the CPython path reports it, with the same exit code."""
    pytest.importorskip("clysm.api")
    missing = str(tmp_path / "missing.lisp")
    node_code = run_files_on_node([missing], tier="auto", threshold=10, json_output=False)
    node_out = capsys.readouterr()
    code, out, err = cpython_run(capsys, ["run", missing])
    assert (node_code, node_out.out, node_out.err) == (code, out, err)
    assert code != 0 and "missing.lisp" in err


@pytest.mark.node
def test_results_match_cpython_path(tmp_path, capsys):
    """Output and exit code of `run --host node` equal the CPython path for Tier 1 (values, stdout, errors), in
    text and JSON modes (JSON compared without timings and tier events)."""
    pytest.importorskip("clysm.api")
    if node_unavailable_reason():
        pytest.skip(node_unavailable_reason())
    ok = tmp_path / "ok.lisp"
    ok.write_text('(defun sq (x) (* x x))\n(print (sq 12))\n(format t "~a~%" (list 1 "two" 3.5))\n(sq 3)\n')
    bad = tmp_path / "bad.lisp"
    bad.write_text("(print 1)\n(car 5)\n")
    files = [str(ok), str(bad)]
    node_code = run_files_on_node(files, tier="1", threshold=10, json_output=False)
    node_out = capsys.readouterr()
    code, out, err = cpython_run(capsys, ["run", "--tier", "1", *files])
    assert (node_code, node_out.out, node_out.err) == (code, out, err)

    node_code = run_files_on_node(files, tier="1", threshold=10, json_output=True)
    node_json = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    code, out, _ = cpython_run(capsys, ["run", "--tier", "1", "--json", *files])
    cpy_json = [json.loads(line) for line in out.splitlines()]
    for r in node_json + cpy_json:
        r.pop("elapsed_ms", None)
    assert node_code == code
    assert node_json == cpy_json
