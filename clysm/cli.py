# The `clysm` command line: run files, evaluate an expression, an interactive REPL, and compile to Wasm.
from __future__ import annotations

import argparse
import json
import os
import sys
from typing import Any

EXIT_OK, EXIT_LISP_ERROR, EXIT_READER_ERROR = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="clysm", description="A Common Lisp engine with a tiered JIT to WebAssembly GC.")
    sub = p.add_subparsers(dest="command", required=True)

    run = sub.add_parser("run", help="evaluate the top-level forms of each file, each in a fresh engine")
    run.add_argument("files", nargs="+")
    run.add_argument("--tier", choices=["auto", "1", "2"], default="auto",
                     help="auto: normal tiering; 1: never promote; 2: compile everything to Tier 2 from the start")
    run.add_argument("--threshold", type=int, default=10, help="*compilation-threshold* (default 10)")
    run.add_argument("--host", choices=["cpython", "node"], default="cpython",
                     help="cpython: this process (Tier 1 only); node: Pyodide on Node 24 (Tier 2 runs)")
    run.add_argument("--json", action="store_true", help="print one JSON object per file and nothing else")

    ev = sub.add_parser("eval", help="evaluate an expression and print its value")
    ev.add_argument("expr")
    ev.add_argument("--tier", choices=["auto", "1", "2"], default="auto")

    sub.add_parser("repl", help="interactive read-eval-print loop")

    comp = sub.add_parser("compile", help="compile a file's functions to WebAssembly GC")
    comp.add_argument("file")
    comp.add_argument("-o", "--output", help="write the module(s) here (FILE.wasm; several functions: FILE-NAME.wasm)")
    comp.add_argument("--wat", action="store_true", help="print the modules as WAT")
    return p


def exit_code(result: dict[str, Any]) -> int:
    err = result.get("error")
    if err is None:
        return EXIT_OK
    return EXIT_READER_ERROR if err.get("type") == "READER-ERROR" else EXIT_LISP_ERROR


def print_result(result: dict[str, Any], as_json: bool) -> None:
    """Print one file's result the way `clysm run` does (shared by the CPython and Node hosts)."""
    if as_json:
        sys.stdout.write(json.dumps(result) + "\n")
        sys.stdout.flush()
        return
    sys.stdout.write(result.get("stdout") or "")
    sys.stdout.flush()
    err = result.get("error")
    if err is not None:
        if err["type"] == "READER-ERROR":
            sys.stderr.write(f"clysm: reader error: {err['message']}\n")
        else:
            sys.stderr.write(f"clysm: {result['file']}: unhandled {err['type']}: {err['message']}\n")


def cmd_run(args: argparse.Namespace) -> int:
    if args.threshold < 1:
        sys.stderr.write("clysm: --threshold must be a positive integer\n")
        return EXIT_LISP_ERROR
    if args.host == "node":
        from clysm.host.node_cli import run_files_on_node

        return run_files_on_node(args.files, tier=args.tier, threshold=args.threshold, json_output=args.json)
    from clysm.api import run_source

    worst = EXIT_OK
    for path in args.files:
        try:
            with open(path, encoding="utf-8") as f:
                text = f.read()
        except OSError as e:
            result: dict[str, Any] = {"file": path, "value": None, "stdout": "", "elapsed_ms": 0.0,
                                      "error": {"type": "FILE-ERROR", "message": str(e)}, "functions": {},
                                      "events": []}
        else:
            result = run_source(text, filename=path, tier=args.tier, threshold=args.threshold)
        print_result(result, args.json)
        worst = max(worst, exit_code(result))
    return worst


def cmd_eval(args: argparse.Namespace) -> int:
    from clysm.api import run_source

    result = run_source(args.expr, filename="<eval>", tier=args.tier)
    sys.stdout.write(result.get("stdout") or "")
    if result["error"] is not None:
        sys.stderr.write(f"clysm: {result['error']['type']}: {result['error']['message']}\n")
        return exit_code(result)
    print(result["value"])
    return EXIT_OK


def cmd_repl(_args: argparse.Namespace) -> int:
    from clysm.repl import repl

    return repl()


def cmd_compile(args: argparse.Namespace) -> int:
    from clysm.compiler.cli import compile_file

    return compile_file(args.file, output=args.output, wat=args.wat)


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    handler = {"run": cmd_run, "eval": cmd_eval, "repl": cmd_repl, "compile": cmd_compile}[args.command]
    try:
        return handler(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
