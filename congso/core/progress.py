"""A progress bar for long commands (import, reindex): one line redrawn in place on a
terminal, a line every 50 items in a log."""

from __future__ import annotations

from typing import Any


class Progress:
    """One line redrawn in place: a bar, counts, and what is being done."""

    def __init__(self, stream: Any, total: int, label: str) -> None:
        self.stream, self.total, self.label = stream, max(total, 1), label
        self.live = stream.isatty()

    def show(self, done: int, detail: str) -> None:
        filled = int(30 * done / self.total)
        line = f"{self.label} [{'#' * filled}{'.' * (30 - filled)}] {done}/{self.total} {detail}"
        if self.live:
            self.stream.write("\r" + line[:160].ljust(160))
        elif done == self.total or done % 50 == 0:
            self.stream.write(line + "\n")
        self.stream.flush()

    def end(self) -> None:
        if self.live:
            self.stream.write("\n")
