"""A plain-text progress bar, one per content type: ``Case studies [#####-----] 12/25``."""

import time

from django.core.management.base import OutputWrapper


class Progress:
    """Redraws one line on a terminal; elsewhere (logs, CI) prints the finished line only."""

    def __init__(self, stream, label: str, total: int, *, width: int = 20, label_width: int = 18):
        self.stream = stream
        self.label = label
        self.total = max(total, 0)
        self.width = width
        self.label_width = label_width
        self.done = 0
        self.started = time.monotonic()
        isatty = getattr(stream, "isatty", None)
        self.interactive = bool(isatty and isatty())
        if self.interactive:
            self._draw()

    def line(self) -> str:
        filled = self.width if not self.total else round(self.width * self.done / self.total)
        bar = "#" * filled + "-" * (self.width - filled)
        return f"{self.label:<{self.label_width}} [{bar}] {self.done}/{self.total}"

    def _write(self, text: str) -> None:
        if isinstance(self.stream, OutputWrapper):
            self.stream.write(text, ending="")  # OutputWrapper would add a newline
        else:
            self.stream.write(text)
        self.stream.flush()

    def _draw(self) -> None:
        self._write("\r" + self.line())

    def advance(self, step: int = 1) -> None:
        self.done = min(self.done + step, self.total)
        if self.interactive:
            self._draw()

    def finish(self) -> float:
        """Close the bar; returns the seconds it took."""
        elapsed = time.monotonic() - self.started
        line = f"{self.line()}  {elapsed:.1f}s"
        self._write(("\r" if self.interactive else "") + line + "\n")
        return elapsed

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb):
        if exc_type is None:
            self.finish()
        elif self.interactive:
            self._write("\n")
