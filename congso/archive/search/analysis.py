"""How text is cut into what the search index holds, the same for both engines.

A document gives five kinds of tokens, each in its own column (SQLite FTS5) or weight
class (PostgreSQL):

- `head`: the folded syllables of what names the document (its type, number, abstract,
  issuer, title), which count more than the same words in the body;

- `exact`: syllables in lower case with their tones ("chuyển", "đổi", "số");
- `folded`: the same without tones, đ as d ("chuyen", "doi", "so"), so that typing
  without diacritics finds them; every query matches on this column;
- `pairs`: neighbouring folded syllables joined ("chuyen_doi", "doi_so"): Vietnamese
  words are mostly two syllables, and a query's adjacent syllables rank documents
  holding them side by side first;
- `symbols`: document numbers in one compact form ("749/QĐ-TTg" → "749qdttg"), which
  a query gives whatever way it was typed ("749 qd ttg", "QĐ-TTg 749").

Text is NFC, lookalike letters folded, case folded; tokens hold letters and digits only.
"""

from __future__ import annotations

import functools
import itertools
import re
from dataclasses import dataclass

from congso.archive.reading import identifiers
from congso.archive.vntext import fold_lookalikes, modern_tone_marks
from congso.core.text import fold, nfc

_WORD = re.compile(r"[^\W_]+")
# Two words side by side: apart by spaces, or joined by "-" or "/" ("QĐ-TTg"). Other
# punctuation ends a phrase, and so does a dash between spaces.
_PAIR = re.compile(r"([^\W_]+)(?: +|[-/])(?=([^\W_]+))")
_NOT_KEY = re.compile(r"[^0-9a-z]")


def _fold_table() -> dict[int, str]:
    """Each Latin letter with marks → its letter without, one character for one."""
    table = {}
    for code in [*range(0xC0, 0x250), *range(0x1E00, 0x1F00)]:
        plain = fold(chr(code))
        if len(plain) == 1 and plain.isalnum() and plain != chr(code):
            table[code] = plain
    return table


_FOLD_TABLE = _fold_table()


class _FoldedWords(dict[str, str]):
    """Each word folded, kept once made: a text's words are mostly among a few thousand
    syllables, and a lookup costs a fraction of a fold (`str.translate` looks up each
    letter in a dict)."""

    def __missing__(self, word: str) -> str:
        if len(self) >= 200_000:  # numbers and rare words: never more than this
            self.clear()
        self[word] = folded = fold_word(word)
        return folded


_FOLDED_WORDS = _FoldedWords()


@dataclass(frozen=True)
class Analysis:
    """The tokens of one text, each list space-joinable into an engine's column."""

    exact: list[str]
    folded: list[str]
    symbols: list[str]
    head: list[str]
    normal: str  # the normalized text

    @functools.cached_property
    def pairs(self) -> list[str]:
        """Neighbouring syllables within a phrase (made when asked: PostgreSQL indexes
        every pair of neighbours instead)."""
        return [f"{a}_{b}" for a, b in _PAIR.findall(fold_word(self.normal))]


def normalize(text: str) -> str:
    """NFC, lookalikes folded, one tone placement, lower case."""
    return modern_tone_marks(fold_lookalikes(nfc(text))).casefold()


def fold_word(word: str) -> str:
    """A normalized word without tones, đ as d ("đường" → "duong")."""
    return word.translate(_FOLD_TABLE)


def words(text: str) -> list[str]:
    """The syllables (and numbers) of a text, normalized, in order."""
    return _WORD.findall(normalize(text))


def pair_tokens(syllables: list[str]) -> list[str]:
    folded = [fold_word(s) for s in syllables]
    return [f"{a}_{b}" for a, b in itertools.pairwise(folded)]


@functools.lru_cache(maxsize=16384)
def symbol_token(symbol: str) -> str:
    """The compact form of a number/symbol: "749/QĐ-TTg" → "749qdttg"."""
    return _NOT_KEY.sub("", fold(identifiers.symbol_key(symbol)))


def analyze(text: str, *, head: str = "") -> Analysis:
    """The tokens of a document's `text`; `head` is what names it (also in `text`)."""
    normal = normalize(text)
    exact = _WORD.findall(normal)
    found = identifiers.find_number_symbols(f"{head}\n{text}")
    symbols = dict.fromkeys(symbol_token(s.text) for _a, _b, s in found)
    return Analysis(
        exact=exact,
        folded=list(map(_FOLDED_WORDS.__getitem__, exact)),
        symbols=[s for s in symbols if s],
        head=_WORD.findall(fold_word(normalize(head))),
        normal=normal,
    )
