# The interactive REPL of `clysm repl`: multi-line input (reads until the forms are complete), history, and
# errors reported without ending the session.
from __future__ import annotations

import sys
from typing import TextIO


def _setup_history() -> None:
    try:
        import atexit
        import os
        import readline

        path = os.path.expanduser("~/.clysm_history")
        try:
            readline.read_history_file(path)
        except OSError:
            pass
        atexit.register(readline.write_history_file, path)
    except ImportError:  # no readline (e.g. some minimal Pythons): plain input() still works
        pass


def repl(stdin: TextIO | None = None, stdout: TextIO | None = None) -> int:
    """Run a REPL on one engine until end of input. Returns the exit status."""
    from clysm.engine import Engine
    from clysm.lisp.reader import IncompleteInput
    from clysm.lisp.types import LispError, ReaderError

    inp = stdin or sys.stdin
    out = stdout or sys.stdout
    interactive = stdin is None and sys.stdin.isatty()
    if interactive:
        _setup_history()
        out.write("clysm REPL. Ctrl-D to quit.\n")
    engine = Engine(stdout=out)
    buffer = ""
    while True:
        prompt = "CL-USER> " if not buffer else "  ... "
        try:
            if interactive:
                line = input(prompt)
            else:
                line = inp.readline()
                if not line:
                    break
                line = line.rstrip("\n")
        except EOFError:
            break
        except KeyboardInterrupt:
            out.write("\n; input discarded\n")
            buffer = ""
            continue
        buffer += line + "\n"
        try:
            forms = engine.read_all(buffer, filename="<repl>")
        except IncompleteInput:
            continue
        except ReaderError as e:
            out.write(f"; reader error: {e}\n")
            buffer = ""
            continue
        buffer = ""
        for form in forms:
            try:
                value = engine.eval(form)
            except LispError as e:
                out.write(f"; unhandled {e.condition.type_name}: {e.condition.message}\n")
                break
            except RecursionError:
                out.write("; unhandled STACK-EXHAUSTED: Control stack exhausted\n")
                break
            engine.output.fresh_line() if hasattr(engine.output, "fresh_line") else None
            out.write(engine.prin1(value) + "\n")
        out.flush()
    if interactive:
        out.write("\n")
    return 0
