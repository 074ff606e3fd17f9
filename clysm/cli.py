# The `clysm` command line: run files, evaluate an expression, an interactive REPL, and compile to Wasm.
# Errors are reported as `file:line:col: unhandled TYPE in FUNCTION: message` (see clysm.api for where the place
# comes from); exit status 0 ok, 1 Lisp error (or timeout), 2 reader error, 130 interrupted by Ctrl-C.
from __future__ import annotations

import argparse
import json
import os
import sys
from typing import Any

EXIT_OK, EXIT_LISP_ERROR, EXIT_READER_ERROR, EXIT_INTERRUPTED = 0, 1, 2, 130
ERROR_KEYS = ("type", "message", "line", "column", "function")


def _positive_int(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        n = 0
    if n < 1:
        raise argparse.ArgumentTypeError(f"must be a positive integer, not {text!r}")
    return n


def _seconds(text: str) -> float:
    try:
        s = float(text)
    except ValueError:
        s = 0.0
    if not s > 0 or s == float("inf"):
        raise argparse.ArgumentTypeError(f"must be a positive number of seconds, not {text!r}")
    return s


def _add_engine_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--tier", choices=["auto", "1", "2"], default="auto",
                   help="auto: normal tiering; 1: never promote; 2: compile every function to Tier 2 when defined")
    p.add_argument("--threshold", type=_positive_int, default=10, metavar="N",
                   help="*compilation-threshold*: calls before a function is promoted (default 10)")
    p.add_argument("--timeout", type=_seconds, default=None, metavar="SECONDS",
                   help="stop an evaluation that runs longer than this with a TIMEOUT error (default: no limit)")


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="clysm", description="A Common Lisp engine with a tiered JIT to WebAssembly GC.")
    sub = p.add_subparsers(dest="command", required=True)

    run = sub.add_parser("run", help="evaluate the top-level forms of each file, each in a fresh engine",
                         description="Evaluate each file's top-level forms in a fresh engine, continuing with the "
                         "next file after an error. Exit status: 0 all ran, 1 a Lisp error (or timeout) escaped, "
                         "2 a reader error.")
    run.add_argument("files", nargs="+", metavar="FILE")
    _add_engine_options(run)
    run.add_argument("--host", choices=["cpython", "node"], default=None,
                     help="cpython: this process (Tier 1 only); node: Pyodide on Node 24 (Tier 2 runs). "
                          "Default: node with --tier 2, else cpython")
    run.add_argument("--json", action="store_true", help="print one JSON object per file and nothing else")

    ev = sub.add_parser("eval", help="evaluate an expression and print its value",
                        description="Evaluate the forms in EXPR and print PRIN1 of the last one's primary value.")
    ev.add_argument("expr", metavar="EXPR", help="the forms to evaluate, or - to read them from standard input")
    _add_engine_options(ev)
    ev.add_argument("--json", action="store_true", help="print the result object of `run --json` instead")

    repl = sub.add_parser("repl", help="interactive read-eval-print loop",
                          description="Read forms (over several lines if needed), evaluate them in one session "
                          "and print every value. Ctrl-C interrupts the running form, Ctrl-D quits.")
    _add_engine_options(repl)

    comp = sub.add_parser("compile", help="compile a file's functions to WebAssembly GC")
    comp.add_argument("file", metavar="FILE")
    comp.add_argument("-o", "--output", help="write the module(s) here (FILE.wasm; several functions: FILE-NAME.wasm)")
    comp.add_argument("--wat", action="store_true", help="print the modules as WAT")
    return p


def exit_code(result: dict[str, Any]) -> int:
    err = result.get("error")
    if err is None:
        return EXIT_OK
    return EXIT_READER_ERROR if err.get("type") == "READER-ERROR" else EXIT_LISP_ERROR


def format_error(file: str, err: dict[str, Any]) -> str:
    """One error as the terminal shows it: `file:line:col: unhandled TYPE in FUNCTION: message` (the place and the
    function when known), `file:line:col: reader error: message`, or `file:line:col: message` for a timeout."""
    kind, message = err.get("type", "ERROR"), err.get("message") or ""
    line, column, function = err.get("line"), err.get("column"), err.get("function")
    place = f"{file}:{line}:{column}" if line is not None and column is not None else file
    if kind == "READER-ERROR":
        if line is not None and message.startswith(place + ": "):
            message = message[len(place) + 2:]
        return f"{place}: reader error: {message}"
    if kind == "FILE-ERROR":
        return f"clysm: {message}"
    if kind in ("TIMEOUT", "INTERRUPTED"):
        return f"{place}: {message}" + (f" (in {function})" if function else "")
    where = f" in {function}" if function else ""
    return f"{place}: unhandled {kind}{where}: {message}"


def print_result(result: dict[str, Any], as_json: bool, *, stdout_shown: bool = False) -> None:
    """Print one file's result the way `clysm run` does (shared by the CPython and Node hosts): JSON, or the
    program's output (unless it was already shown while running) and the error on stderr."""
    err = result.get("error")
    if err is not None:  # the same keys from every host
        result["error"] = {**{k: None for k in ERROR_KEYS}, **err}
    if as_json:
        sys.stdout.write(json.dumps(result) + "\n")
        sys.stdout.flush()
        return
    out = result.get("stdout") or ""
    if not stdout_shown:
        sys.stdout.write(out)
    if err is not None and out and not out.endswith("\n") and sys.stdout.isatty():
        sys.stdout.write("\n")  # on a terminal the error starts a line of its own
    sys.stdout.flush()
    if err is not None:
        sys.stderr.write(format_error(str(result.get("file", "<input>")), result["error"]) + "\n")
        sys.stderr.flush()


def _file_error(path: str, e: OSError) -> dict[str, Any]:
    return {"file": path, "value": None, "stdout": "", "elapsed_ms": 0.0,
            "error": {"type": "FILE-ERROR", "message": str(e), "line": None, "column": None, "function": None},
            "functions": {}, "events": []}


def _run_text(text: str, filename: str, args: argparse.Namespace, as_json: bool) -> tuple[dict[str, Any], bool]:
    """run_source in this process; in text mode the program's output goes to stdout as it is written."""
    from clysm.api import run_source
    from clysm.engine import Engine

    stream = not as_json
    engine = Engine(threshold=args.threshold, tier=args.tier, stdout=sys.stdout if stream else None)
    return run_source(text, filename=filename, engine=engine, timeout=args.timeout), stream


def cmd_run(args: argparse.Namespace) -> int:
    if args.host is None:  # Tier 2 needs a JS engine: --tier 2 means "run it where Tier 2 exists"
        args.host = "node" if args.tier == "2" else "cpython"
    if args.host == "node":
        from clysm.host.node_cli import run_files_on_node

        return run_files_on_node(args.files, tier=args.tier, threshold=args.threshold, json_output=args.json,
                                 timeout=args.timeout)
    worst = EXIT_OK
    for path in args.files:
        shown = False
        try:
            with open(path, encoding="utf-8") as f:
                text = f.read()
        except (OSError, UnicodeDecodeError) as e:
            result = _file_error(path, e if isinstance(e, OSError) else OSError(f"{path}: {e}"))
        else:
            result, shown = _run_text(text, path, args, args.json)
        print_result(result, args.json, stdout_shown=shown)
        worst = max(worst, exit_code(result))
    return worst


def cmd_eval(args: argparse.Namespace) -> int:
    if args.expr == "-":  # `echo '(+ 1 2)' | clysm eval -`
        result, shown = _run_text(sys.stdin.read(), "<stdin>", args, args.json)
    else:
        result, shown = _run_text(args.expr, "<eval>", args, args.json)
    if args.json or result["error"] is not None:
        print_result(result, args.json, stdout_shown=shown)
        return exit_code(result)
    if result["stdout"] and not result["stdout"].endswith("\n"):
        sys.stdout.write("\n")  # the value on a line of its own (FRESH-LINE)
    if result["value"] is not None:
        sys.stdout.write(result["value"] + "\n")
    return EXIT_OK


def cmd_repl(args: argparse.Namespace) -> int:
    from clysm.repl import repl

    return repl(tier=args.tier, threshold=args.threshold, timeout=args.timeout)


def cmd_compile(args: argparse.Namespace) -> int:
    from clysm.compiler.cli import compile_file
    from clysm.lisp.types import LispError, ReaderError

    try:
        return compile_file(args.file, output=args.output, wat=args.wat)
    except ReaderError as e:
        sys.stderr.write(format_error(args.file, {"type": "READER-ERROR", "message": str(e), "line": e.line,
                                                  "column": e.column}) + "\n")
        return EXIT_READER_ERROR
    except LispError as e:
        sys.stderr.write(format_error(args.file, {"type": e.condition.type_name, "message": e.condition.message})
                         + "\n")
        return EXIT_LISP_ERROR
    except BrokenPipeError:
        raise
    except OSError as e:
        sys.stderr.write(f"clysm: {e}\n")
        return EXIT_LISP_ERROR


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    handler = {"run": cmd_run, "eval": cmd_eval, "repl": cmd_repl, "compile": cmd_compile}[args.command]
    try:
        return handler(args)
    except KeyboardInterrupt:
        sys.stdout.flush()
        sys.stderr.write("clysm: interrupted\n")
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
