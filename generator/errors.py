"""One error type for every bad input: the CLI prints it as one line, never a traceback."""

from __future__ import annotations

from pathlib import Path


class BriefingError(Exception):
    """A problem with a named file. `str()` is the one line the user sees."""

    def __init__(self, path: Path | str, message: str, line: int | None = None):
        self.path = str(path)
        self.message = message
        self.line = line
        where = f"{self.path}:{line}" if line else self.path
        super().__init__(f"{where}: {message}")
