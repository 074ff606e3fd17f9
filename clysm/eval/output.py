# Character output streams: the engine's *STANDARD-OUTPUT* (kept in memory, optionally echoed to a Python text
# sink such as sys.stdout) and string output streams. They track the column for FRESH-LINE and FORMAT's ~&/~T.
from __future__ import annotations

from typing import Any


class OutputStream:
    """A Lisp character output stream. write(text) appends; getvalue() is everything written so far."""

    __slots__ = ("parts", "column_", "sink", "element_type", "open", "__weakref__")
    lisp_stream = True
    lisp_output = True
    lisp_input = False

    def __init__(self, sink: Any = None) -> None:
        self.parts: list[str] = []
        self.column_ = 0
        self.sink = sink  # an object with write(str) (and maybe flush()), or None
        self.element_type = "CHARACTER"
        self.open = True

    def write(self, text: str) -> None:
        if not text:
            return
        self.parts.append(text)
        nl = text.rfind("\n")
        self.column_ = len(text) - nl - 1 if nl >= 0 else self.column_ + len(text)
        if self.sink is not None:
            self.sink.write(text)

    def column(self) -> int:
        return self.column_

    def fresh_line(self) -> bool:
        """Start a new line unless at the start of one; True if a newline was written."""
        if self.column_ != 0:
            self.write("\n")
            return True
        return False

    def getvalue(self) -> str:
        if len(self.parts) > 1:
            self.parts = ["".join(self.parts)]
        return self.parts[0] if self.parts else ""

    def clear(self) -> str:
        """Return what was written and empty the stream (GET-OUTPUT-STREAM-STRING)."""
        text = self.getvalue()
        self.parts = []
        return text

    def flush(self) -> None:
        if self.sink is not None and hasattr(self.sink, "flush"):
            self.sink.flush()

    def __repr__(self) -> str:
        return "#<STRING-OUTPUT-STREAM>" if self.sink is None else "#<FD-STREAM for \"standard output\">"
