"""Which words of a question its ranking candidates are drawn from.

A question (a long query, any of whose words may match) matches most of the archive, and
ranking reads every candidate's tokens. BM25 weighs rare words most, so the documents
holding the question's rarest words (and pairs of words) are the ones that can rank
high: they are the candidates, up to a budget of documents.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence

# How many documents (summed over the words chosen) a question's candidates may come to.
QUESTION_POOL = 5000
# How long a word's document count is reused: it changes slowly, and counting costs a
# read of the word's whole posting list.
_SECONDS = 600.0


class Frequencies:
    """How many documents hold each word, counted by `count` and kept for a while."""

    def __init__(self, count: Callable[[str], int]) -> None:
        self._count = count
        self._known: dict[str, tuple[float, int]] = {}

    def __call__(self, word: str) -> int:
        now = time.monotonic()
        known = self._known.get(word)
        if known is not None and now - known[0] < _SECONDS:
            return known[1]
        value = self._count(word)
        self._known[word] = (now, value)
        return value


def rarest(words: Sequence[str], frequency: Callable[[str], int]) -> list[str]:
    """The rarest `words` whose document counts add up to at most `QUESTION_POOL` (at
    least the rarest one)."""
    chosen: list[str] = []
    total = 0
    for word in sorted(dict.fromkeys(words), key=frequency):
        count = frequency(word)
        if chosen and total + count > QUESTION_POOL:
            break
        chosen.append(word)
        total += count
    return chosen
