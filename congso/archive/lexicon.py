"""Post-OCR correction of Vietnamese text from the words an agency has already written.

Tesseract reads most Vietnamese letters right but often gets a tone or a vowel mark
wrong ("chi tiết" → "chỉ tiết", "tổ chức" → "tổ chúc", "XÃ HỘI" → "XÃ HỌI"), confuses
a few letters ("trường" → "tru0ng") and turns specks into marks, letters, hyphens or
dots ("pháp ' luật", "thực ộ hiện", "tổ-chức", "pháp. luật"). A `Lexicon` counts the
syllables and syllable pairs of trusted, born-digital text (one per agency, from its
own documents) and puts back what the context strongly favours: a noisy-channel model,
a bigram language model decoded with Viterbi over each line, with a price on every
change. On top of the price, a change must be backed by pairs actually seen in the
trusted text, so that correct text, rare words and names stay as they are.

Only free-standing words are candidates: anything holding digits or joined to digits,
slashes or hyphens ("45/2020/NĐ-CP", "QĐ-UBND", "01/7/2025") is kept as it is, and a
replacement takes the case pattern of the OCR'd word ("TRIEN" → "TRIỂN"). The input is
expected in NFC, as the pipeline's text normalization leaves it; decomposed words are
left alone.
"""

from __future__ import annotations

import difflib
import itertools
import json
import math
import re
import sys
import unicodedata
import zlib
from array import array
from collections import Counter
from collections.abc import Iterable, Iterator
from functools import lru_cache

from congso.archive.vntext import FAMILY_NAMES, modern_tone_marks
from congso.core.text import fold, nfc

__all__ = ["MIN_TOKENS", "Lexicon", "remove_stray_marks"]

# Below this many learned tokens (about 500 abstracts or a few long documents) too many
# real words are unknown and look like misreadings: `correct` only removes stray marks.
MIN_TOKENS = 20_000

# --- Tokens ---------------------------------------------------------------------------
# Keys are lower-case NFC with the modern tone placement, so that "hoà" and "hòa" count
# as one syllable; every run of digits is one key, since which number it is says
# nothing about the words around it; every other visible character is a key of its
# own, and a line break is one too, so that pairs never span lines.
_NUMBER_KEY = "0"
_BREAK_KEY = "\n"
_DIGITS = re.compile(r"\d+")
_LEARN_TOKEN = re.compile(r"[^\W\d_]+|0|\n|[^\s]")
# A tone on the second vowel of oa, oe, uy ending a word ("hoà", "thuỷ"), which
# vntext.modern_tone_marks moves ("hòa", "thủy"); "quý" keeps it.
_OLD_TONE = re.compile("(?<!q)[ou][àáảãạèéẻẽẹỳýỷỹỵ](?!\\w)")
_LETTERS = re.compile(r"[^\W\d_]+")


# Punctuation that may sit around a word without making it part of a code.
_EDGE = "\"'“”‘’«»()[]{}.,;:!?…"
# A chunk between spaces: a word with punctuation around it (groups 1-3), or anything else.
_CHUNK = re.compile(rf"(?<!\S)([{re.escape(_EDGE)}]*)([^\W\d_]+)([{re.escape(_EDGE)}]*)(?!\S)|\S+")
_HYPHENED = re.compile(rf"([{re.escape(_EDGE)}]*)([^\W\d_]+)-([^\W\d_]+)([{re.escape(_EDGE)}]*)")
# Tesseract reads "o" as "0" and "l"/"i" as "1" inside words ("tru0ng", "1uật").
_DIGIT_WORD = re.compile(r"[^\W\d_]*[01][^\W_2-9]*")
_DIGIT_LETTERS = {"0": ("o",), "1": ("l", "i")}

# Stray marks: specks, underline and table rules that OCR turns into characters.
_MARKS = "'`_~|^¬ˆ´¨„‚‹›"
_MARK_SET = f"[{re.escape(_MARKS)}]+"
_ANY_MARK = re.compile(f"[{re.escape(_MARKS)}]| [.] ")
_LONE_MARK_AFTER_SPACE = re.compile(rf"[ \t]+{_MARK_SET}(?=\s|$)", re.MULTILINE)
_LONE_MARK_AT_START = re.compile(rf"^{_MARK_SET}(?:[ \t]+|$)", re.MULTILINE)
# A dash with marks stuck to it, alone between words ("tín -_ dụng"): a dash, which the
# lexicon then weighs as any other ("tổ chức - cá nhân" or a speck).
_MARKED_DASH = re.compile(rf"(?<!\S)({_MARK_SET})?([-—–])(?(1)|{_MARK_SET})(?!\S)")
_LEADING_MARK = re.compile(rf"(?<!\S){_MARK_SET}(?=[^\W_])")
_TRAILING_MARK = re.compile(rf"(?<=[^\W_]|[.,;:]){_MARK_SET}(?!\S)")
# A dot alone between two words of one sentence: "TÁC . GIẢ", "nội dung . chi".
_LONE_DOT = re.compile(r"\b([^\W\d_]+) \. ([^\W\d_]+)")
# 'quoted' words: a single quote that opens and closes is not a speck.
_SINGLE_QUOTED = re.compile(r"(?<!\S)'[^\W_](?:[^']*[^\W_])?'(?!\w)")

# --- Channel ---------------------------------------------------------------------------
# Log-probability prices of an OCR confusion. A tone or vowel mark is the commonest
# error, other letter confusions are rarer, and anything else rarer still; the price is
# what the context has to win back before a word is changed.
_MARK_COST = 7.0
# Tesseract's commonest misreadings: the dot of an "i" read as a hook or a dot below
# ("chi" → "chỉ", "thi" → "thị") and a horn dropped ("chức" → "chúc", "thực" → "thục").
_LIKELY_MARK_COST = 2.0
_HORNED = "ơờởỡớợưừửữứự"
_CONFUSION_COST = 10.0
_EDIT_COST = 13.0
# Letters Tesseract takes for one another, both ways round.
_CONFUSIONS = [
    (one, other)
    for pair in ("rn m", "cl d", "l i", "c e", "n u", "h b", "t f", "t l")
    for one, other in (pair.split(), pair.split()[::-1])
]
_LETTERS_FOLDED = "abcdeghiklmnopqrstuvxy"
# The shape of a Vietnamese syllable without its marks. Letters other than marks are
# only looked for in a word of that shape: others are names, foreign words
# ("Rating") or numerals ("XXXV"), where a known word one letter away means nothing.
_SYLLABLE = re.compile(
    "(?:ngh|ng|gh|gi|kh|nh|ph|th|tr|ch|qu|[bcdghklmnpqrstvx])?[aeiouy]{1,3}(?:ch|ng|nh|[cmnpt])?"
)
_ROMAN = re.compile("[IVXLCDM]+")
# The letters of a code: a run next to its hyphen or slash ("NQ-HĐND", "38/2016/nq-hđnd").
_CODE_LETTERS = re.compile(r"(?<=[-/])[^\W\d_]{3,}|[^\W\d_]{3,}(?=[-/])")
# A vowel with a tone or a hat, horn or breve (decomposed), which no abbreviation has.
_MARKED_VOWEL = re.compile("[aeiouyAEIOUY][\u0300-\u0309\u0323\u031b\u0302\u0306]")
# A run of letters long enough to be two syllables OCR glued together ("BỘCÔNGAN"), at
# most this many of them; a run that is itself one syllable is never split.
_GLUED = re.compile(r"(?<![\w/-])[^\W\d_]{5,}(?![\w/-])")
_MAX_GLUED = 4
_MIN_EDIT_LENGTH = 4  # shorter words have too many neighbours one edit away
_LONGEST_KEY = 12  # longer keys are not syllables; they are never candidates

# --- Language model ---------------------------------------------------------------------
_PAIR_PRIOR = 2.0  # Dirichlet weight of the single-word probability within a pair
_WORD_PRIOR = 0.5  # added count that every word, unknown ones too, starts with
# A replacement must be a word seen this often, next to a neighbour it has been seen
# with at least this often: one occurrence may be a typo in the trusted text.
_MIN_CANDIDATE_COUNT = 2
_MIN_SUPPORT = 2
_MIN_SUPPORT_RATIO = 10  # ... and at least this many times as often as the OCR'd word
# A word seen this often is known: fewer may be typos in the trusted text.
_KNOWN_MIN = 5
# A known word is read right far more often than not: the extra price of changing it,
# in full for a word seen this often, less for a rarer one. Not for Tesseract's commonest
# misreadings (_LIKELY_MARK_COST): most "chỉ" it gives are "chi" (620 of 734 on
# vbpl1000's scans), however common "chỉ" is.
_KNOWN_COST = 5.0
_WELL_KNOWN = 100
# A known word seen this often next to each neighbour is not in doubt; fewer may be
# typos in the trusted text, which repeat the very OCR confusions ("chỉ tiết").
_TRUSTED_PAIR = 3
# Two known words both changed must make a pair seen this often ("bề mặt").
_MUTUAL_SUPPORT = 20
_LONGEST_SPECK = 2  # letters OCR may make of a speck ("ộ", "zà")

# A person's name: two to five syllables; at most this many spellings of one are weighed.
_NAME_LENGTH = (2, 5)
_MAX_NAMES = 20_000

_MAGIC = b"congso-lexicon\x001\x00"
# Counts are stored as unsigned 32-bit little-endian numbers.
_UINT32 = next(code for code in "IL" if array(code).itemsize == 4)


@lru_cache(maxsize=1 << 16)
def _key(word: str) -> str:
    return modern_tone_marks(nfc(word).lower())


@lru_cache(maxsize=1 << 16)
def _folded(key: str) -> str:
    return fold(key)


def _family_names_by_fold() -> dict[str, str]:
    """The common family names that no other one looks like but for its marks."""
    by_fold: dict[str, list[str]] = {}
    for family in FAMILY_NAMES:
        by_fold.setdefault(fold(family), []).append(family)
    return {folded: names[0] for folded, names in by_fold.items() if len(names) == 1}


_FAMILY_NAME_BY_FOLD = _family_names_by_fold()


def _keys(text: str) -> list[str]:
    """The token keys of a text, as `learn` counts them, framed by line breaks."""
    # NUL separates the two keys of a pair in the tables.
    text = _DIGITS.sub(_NUMBER_KEY, nfc(text).lower().replace("\x00", ""))
    # Moving the few old-style tones one by one is far cheaper than over a whole text.
    text = _OLD_TONE.sub(_modern_tone, text)
    return [_BREAK_KEY, *_LEARN_TOKEN.findall(text), _BREAK_KEY]


def _modern_tone(match: re.Match[str]) -> str:
    return modern_tone_marks(match.group())


def _pairs(keys: list[str]) -> Iterator[str]:
    return map("\x00".join, itertools.pairwise(keys))


def _apply_case(original: str, replacement: str) -> str:
    if original.isupper():
        return replacement.upper()
    if original.islower():
        return replacement
    if original[:1].isupper() and original[1:].islower():
        return replacement[:1].upper() + replacement[1:]
    if len(original) == len(replacement):
        return "".join(
            new.upper() if old.isupper() else new
            for old, new in zip(original, replacement, strict=True)
        )
    return replacement


def remove_stray_marks(text: str) -> str:
    """Specks and rules read as ' ` _ ~ | ^ „ ‹: alone between words, stuck to a
    word's edge ("_Điều" → "Điều") or to a lone dash ("-_"), and a dot alone inside a
    sentence ("TÁC . GIẢ"); single-quoted words are kept."""
    if _ANY_MARK.search(text) is None:
        return text
    text = _MARKED_DASH.sub(r"\2", text)
    text = _LONE_MARK_AT_START.sub("", _LONE_MARK_AFTER_SPACE.sub("", text))
    text = _LONE_DOT.sub(_without_dot, text)
    if _SINGLE_QUOTED.search(text):
        return text
    return _TRAILING_MARK.sub("", _LEADING_MARK.sub("", text))


def _without_dot(match: re.Match[str]) -> str:
    before, after = match.group(1, 2)
    if after.islower() or (before.isupper() and after.isupper()):
        return f"{before} {after}"
    return match.group()


class Lexicon:
    """Syllable unigram and bigram counts learned from trusted (born-digital) text."""

    def __init__(self) -> None:
        self._words: dict[str, int] = {}
        self._pairs: dict[str, int] = {}
        self._total = 0
        # Folded form ("truong") → the known words that fold to it ("trường", "trương").
        self._by_fold: dict[str, set[str]] = {}
        self._cache: dict[str, list[tuple[str, float]]] = {}

    @property
    def tokens(self) -> int:
        """How many tokens (words, numbers, punctuation) have been learned."""
        return self._total

    def __len__(self) -> int:
        """How many different tokens have been learned."""
        return len(self._words)

    # --- Learning ---------------------------------------------------------------------

    def learn(self, text: str) -> None:
        """Add the counts of a text."""
        keys = _keys(text)
        words = Counter(keys[1:])  # every key is counted once as the start of a pair
        pairs = Counter(_pairs(keys))
        for word, count in words.items():
            known = self._words.get(word)
            if known is None:
                self._index(word)
                known = 0
            self._words[word] = known + count
        for pair, count in pairs.items():
            self._pairs[pair] = self._pairs.get(pair, 0) + count
        self._total += len(keys) - 1
        self._cache.clear()

    def learn_words(self, entries: Iterable[str]) -> None:
        """Add a word list (one word of one or more syllables an entry) as a second
        witness of each syllable and each pair of syllables within a word: what nothing
        learned yet holds is seen once, what was seen once twice, and what was seen more
        often stays as it was. A list says a word exists, not how often it is written:
        alone it makes no syllable a candidate and supports no correction (each wants two
        sightings), and it never makes a word known or common; beside one sighting in a
        learned text it does ("xếp đỡ" → "xếp dỡ")."""
        words: set[str] = set()
        pairs: set[str] = set()
        for entry in entries:
            keys = _keys(entry)[1:-1]
            if keys and all(_LETTERS.fullmatch(key) for key in keys):
                words.update(keys)
                pairs.update(_pairs(keys))
        for word in words:
            seen = self._words.get(word, 0)
            if seen < _MIN_CANDIDATE_COUNT:
                if not seen:
                    self._index(word)
                self._words[word] = seen + 1
                self._total += 1
        for pair in pairs:
            seen = self._pairs.get(pair, 0)
            if seen < _MIN_SUPPORT:
                self._pairs[pair] = seen + 1
        self._cache.clear()

    def forget(self, text: str) -> None:
        """Remove exactly what `learn(text)` added; ValueError, and nothing removed, when
        the text was not learned."""
        keys = _keys(text)
        words = Counter(keys[1:])
        pairs = Counter(_pairs(keys))
        for table, counts in ((self._words, words), (self._pairs, pairs)):
            for item, count in counts.items():
                if table.get(item, 0) < count:
                    raise ValueError(f"forget(): {item!r} was not learned that often")
        for table, counts in ((self._words, words), (self._pairs, pairs)):
            for item, count in counts.items():
                left = table[item] - count
                if left:
                    table[item] = left
                else:
                    del table[item]
                    if table is self._words:
                        self._unindex(item)
        self._total -= len(keys) - 1
        self._cache.clear()

    def _index(self, word: str) -> None:
        if len(word) <= _LONGEST_KEY and _LETTERS.fullmatch(word):
            self._by_fold.setdefault(_folded(word), set()).add(word)

    def _unindex(self, word: str) -> None:
        folded = _folded(word)
        group = self._by_fold.get(folded)
        if group is not None:
            group.discard(word)
            if not group:
                del self._by_fold[folded]

    # --- Serialization ----------------------------------------------------------------

    def to_bytes(self) -> bytes:
        """The counts, compressed: words with their counts, pairs as word numbers."""
        words = list(self._words)
        number = {word: index for index, word in enumerate(words)}
        counts = array(_UINT32, self._words.values())
        pairs = array(_UINT32)
        for pair, count in sorted(self._pairs.items()):
            first, second = pair.split("\x00")
            pairs.extend((number[first], number[second], count))
        if sys.byteorder == "big":
            counts.byteswap()
            pairs.byteswap()
        head = json.dumps(words, ensure_ascii=False).encode()
        body = len(head).to_bytes(4, "little") + head + counts.tobytes() + pairs.tobytes()
        return _MAGIC + zlib.compress(body, 6)

    @classmethod
    def from_bytes(cls, data: bytes) -> Lexicon:
        """A lexicon saved by `to_bytes`; ValueError when the data is not one."""
        if not data.startswith(_MAGIC):
            raise ValueError("not a saved lexicon")
        try:
            body = zlib.decompress(data[len(_MAGIC) :])
            size = int.from_bytes(body[:4], "little")
            words = json.loads(body[4 : 4 + size].decode())
            numbers = array(_UINT32)
            numbers.frombytes(body[4 + size :])
        except (zlib.error, ValueError) as error:
            raise ValueError("a damaged lexicon") from error
        if sys.byteorder == "big":
            numbers.byteswap()
        if (
            not isinstance(words, list)
            or len(numbers) < len(words)
            or (len(numbers) - len(words)) % 3
        ):
            raise ValueError("a damaged lexicon")
        lexicon = cls()
        lexicon._words = dict(zip(map(str, words), numbers[: len(words)], strict=True))
        pairs = numbers[len(words) :]
        try:
            lexicon._pairs = {
                f"{words[pairs[at]]}\x00{words[pairs[at + 1]]}": pairs[at + 2]
                for at in range(0, len(pairs), 3)
            }
        except IndexError as error:
            raise ValueError("a damaged lexicon") from error
        lexicon._total = sum(lexicon._words.values())
        for word in lexicon._words:
            lexicon._index(word)
        return lexicon

    # --- Correction -------------------------------------------------------------------

    def correct(self, text: str, *, context: str = "") -> str:
        """An OCR'd line or field with stray marks removed, each word replaced by a known
        form where the neighbouring words strongly favour it, and specks read as letters,
        hyphens or dots between two words ("thực ộ hiện", "tổ-chức", "buôn lậu. gian
        lận") taken out; only the stray marks until MIN_TOKENS have been learned.

        `context` is what the page had just before the field and the field was read
        without ("Về việc" before an abstract): it is weighed, never changed, so that the
        field's first word has a neighbour ("Về việc bản hành" → "ban hành")."""
        text = remove_stray_marks(text)
        if self._total < MIN_TOKENS:
            return text
        text = _GLUED.sub(self._unglued, text)
        if not context:
            return self._correct(text, fixed=0)
        # The context's own characters are never edited; a speck deleted at the field's
        # start may take the space between them.
        joined = self._correct(f"{context} {text}", fixed=len(context) + 1)
        return joined[len(context) :].lstrip(" ")

    def _correct(self, text: str, *, fixed: int) -> str:
        """`correct` on a text whose first `fixed` characters are context, left as read."""
        keys, spans, joints = _slots(text)
        for at, span in enumerate(spans):
            if span is not None and span[0] < fixed:
                spans[at] = None
        specks = [
            at
            for at, span in enumerate(spans)
            if span is not None and self._is_speck(keys, at, text[span[0] : span[1]])
        ]
        edits = [_deletion(text, *span) for at in specks if (span := spans[at]) is not None]
        for at in specks:  # gone, not to be corrected
            spans[at] = None
        odd = _odd_capitals(text, spans)
        best = self._decode(text, keys, spans, odd)
        edits += [
            (span[0], span[1], new if at in odd else _apply_case(text[span[0] : span[1]], new))
            for at, (key, new, span) in enumerate(zip(keys, best, spans, strict=True))
            if new != key and span is not None
        ]
        edits += [
            (start, end, gap)
            for at, (start, end, gap) in joints.items()
            if start >= fixed and self._is_stray_joint(text, best, spans, at, inside=bool(gap))
        ]
        edits += [edit for edit in self._code_edits(text) if edit[0] >= fixed]
        if not edits:
            return text
        pieces: list[str] = []
        done = 0
        for start, end, new in sorted(edits):
            if start < done:  # touches the edit before it: one change is enough
                continue
            pieces += [text[done:start], new]
            done = end
        return "".join(pieces) + text[done:]

    def _unglued(self, match: re.Match[str]) -> str:
        """Syllables OCR read without the spaces between them ("BỘCÔNGAN"), as the known
        words they are made of, when the trusted text has each of them next to the next
        ("bộ công", "công an"); the fewest words, then the likeliest. A word the trusted
        text knows, or that splits no such way, is left as it is."""
        word = match.group()
        if self._words.get(_key(word), 0) or _SYLLABLE.fullmatch(_folded(_key(word))):
            return word
        # best[end]: (words, -likelihood, parts) for the first `end` characters.
        best: dict[int, tuple[int, float, list[str]]] = {0: (0, 0.0, [])}
        for end in range(1, len(word) + 1):
            options = []
            for start in range(max(0, end - _LONGEST_KEY), end):
                before = best.get(start)
                part = _key(word[start:end])
                if before is None or not self._is_glued_part(part, before[2]):
                    continue
                previous = _key(before[2][-1]) if before[2] else _BREAK_KEY
                step = self._step(previous, part) if before[2] else 0.0
                options.append((before[0] + 1, before[1] - step, [*before[2], word[start:end]]))
            if options:
                best[end] = min(options, key=lambda option: option[:2])
        found = best.get(len(word))
        if found is None or not 2 <= found[0] <= _MAX_GLUED:
            return word
        return " ".join(found[2])

    def _is_glued_part(self, part: str, before: list[str]) -> bool:
        """Whether `part` may be a syllable of a glued run after the parts `before`: a
        known word but for its marks ("coquan": "cơ" and "quan"; the marks are then
        corrected as any word's), seen after the one before it."""
        readings = self._glued_readings(part)
        if not readings:
            return False
        if not before:
            return True
        return any(
            self._pairs.get(f"{first}\x00{second}", 0) >= _MIN_SUPPORT
            for first in self._glued_readings(_key(before[-1]))
            for second in readings
        )

    def _glued_readings(self, part: str) -> list[str]:
        folded = _folded(part)
        if not _SYLLABLE.fullmatch(folded):
            return []
        return [
            word
            for word in self._by_fold.get(folded, ())
            if self._words.get(word, 0) >= _MIN_CANDIDATE_COUNT
        ]

    def _code_edits(self, text: str) -> Iterator[tuple[int, int, str]]:
        """Abbreviations inside codes read with a vowel mark ("51/nq-hửnd"): no code
        carries one, so a speck made it, and the one abbreviation the trusted text knows
        a letter away from it is meant ("hđnd"). A known word beside a slash is a word
        ("Giám đốc/Phó Giám đốc"), not a code."""
        for match in _CODE_LETTERS.finditer(text):
            run = match.group()
            if not _has_marked_vowel(run) or self._known(_key(run)):
                continue
            folded = _folded(run.lower())
            found = {
                word
                for edited in (folded, *_one_edit(folded))
                if not _SYLLABLE.fullmatch(edited)
                for word in self._by_fold.get(edited, ())
                if self._known(word) and not _has_marked_vowel(word)
            }
            if len(found) == 1:
                yield match.start(), match.end(), _apply_case(run, found.pop())

    def likelihood(self, text: str) -> float:
        """log P(text) in the bigram model, read as one line: how much the text reads like
        the trusted text; of two OCR readings of one field, the likelier is the better."""
        keys = _keys(" ".join(text.split()))
        return sum(self._step(before, key) for before, key in itertools.pairwise(keys))

    def combined(self, first: str, *others: str) -> str:
        """Readings of one line that say the same words but for some marks ("THUỘC TỈNH"
        and "ĐIỂU CUA" in one, "THUỘC TÍNH" and "ĐIỀU CỦA" in another), as one: at each
        word where they differ, the one that makes the likelier line, a word that more
        of the readings give weighing a little more (`_VOTE`). Readings whose words do
        not pair up one to one (as many, each alike the others' without marks: "N ghị
        định" against "Nghị định" shifts every word after it) are not mixed: the
        likeliest is kept whole."""
        readings = [first, *others]
        columns = list(itertools.zip_longest(*(reading.split() for reading in readings)))
        if not all(_alike(column) for column in columns):
            return max(readings, key=self.likelihood)
        # Viterbi over the words in doubt: the best line so far for each last key.
        best: dict[str, tuple[float, list[str]]] = {_BREAK_KEY: (0.0, [])}
        for column in columns:
            step: dict[str, tuple[float, list[str]]] = {}
            for chunk in _most_quoted_alike(column):
                keys = _keys(chunk)[1:-1] or [chunk]
                inside = sum(self._step(a, b) for a, b in itertools.pairwise(keys))
                inside += _VOTE * math.log(column.count(chunk))
                score, line = max(
                    (done + self._step(last, keys[0]) + inside, words)
                    for last, (done, words) in best.items()
                )
                if keys[-1] not in step or step[keys[-1]][0] < score:
                    step[keys[-1]] = (score, [*line, chunk])
            best = step
        return " ".join(max(best.values())[1])

    def correct_name(self, name: str) -> str:
        """A person's name OCR'd with a wrong mark ("Đồ Thanh Bình", "Trân Tuần Anh") put
        right: when the trusted text has never held the name as read, and holds it with
        other marks often enough (a signer signs many documents, and staff names are
        learned). Only marks change: other letters misread in a name are not guessed;
        nor is a common family name read as such ("Phan Văn Khải" is no "Phần văn"); one
        read with other marks than the only family name they fit is that name ("Trân"
        is "Trần", "Đồ" "Đỗ") unless the trusted text holds it so (a family name of the
        minorities: "Phàn Văn …")."""
        parts = name.split()
        if (
            self._total < MIN_TOKENS
            or not _NAME_LENGTH[0] <= len(parts) <= _NAME_LENGTH[1]
            or not all(part.isalpha() and part.istitle() for part in parts)
        ):
            return name
        keys = [_key(part) for part in parts]
        family = _FAMILY_NAME_BY_FOLD.get(_folded(keys[0]), keys[0])
        if self._pairs.get(f"{keys[0]}\x00{keys[1]}", 0) < _MIN_SUPPORT:  # "Phàn Văn" known
            keys[0], parts[0] = family, _apply_case(parts[0], family)
            name = " ".join(parts)
        read = self._name_support(keys)
        if read >= _MIN_SUPPORT:
            return name
        enough = max(_MIN_SUPPORT, _MIN_SUPPORT_RATIO * read)
        options = self._name_options(keys)
        if keys[0] in FAMILY_NAMES:
            options[0] = [keys[0]]
        spellings = itertools.islice(itertools.product(*options), _MAX_NAMES)
        known = [option for option in spellings if self._name_support(option) >= enough]
        if not known:
            return name
        # The fewest marks changed ("Đồ" is "Đỗ" before it is "Do"), then the likeliest
        # chain: "Đỗ Thanh" over "Độ Thanh", which "mức độ thanh toán" makes more common.
        best = min(
            known,
            key=lambda option: (
                sum(_mark_cost(new, key) for new, key in zip(option, keys, strict=True)),
                -self._name_likelihood(option),
            ),
        )
        return " ".join(_apply_case(part, new) for part, new in zip(parts, best, strict=True))

    def _name_options(self, keys: list[str]) -> list[list[str]]:
        """Each syllable of a name as read, then the known ones with other marks that make
        a pair seen in the trusted text with some option of a neighbouring syllable."""
        spellings = [sorted({key, *self._by_fold.get(_folded(key), ())}) for key in keys]
        pairs = self._pairs
        options = []
        for at, key in enumerate(keys):
            before = spellings[at - 1] if at else []
            after = spellings[at + 1] if at + 1 < len(keys) else []
            paired = [
                word
                for word in spellings[at]
                if word != key
                and (
                    any(pairs.get(f"{other}\x00{word}", 0) >= _MIN_SUPPORT for other in before)
                    or any(pairs.get(f"{word}\x00{other}", 0) >= _MIN_SUPPORT for other in after)
                )
            ]
            options.append([key, *paired])
        return options

    def _name_likelihood(self, keys: Iterable[str]) -> float:
        """log P(name | a line starts), each syllable given the one before it."""
        chain = [_BREAK_KEY, *keys, _BREAK_KEY]
        return sum(
            math.log((self._pairs.get(pair, 0) + 0.5) / (self._words.get(first, 0) + 1))
            for first, pair in zip(chain[:-1], _pairs(chain), strict=True)
        )

    def _name_support(self, keys: Iterable[str]) -> int:
        """How often the least seen pair of a name's syllables was seen, a line's start
        and end counted: a signer's name stands on a line of its own, which common words
        ("độ thanh" of "mức độ thanh toán") seldom start."""
        pairs = self._pairs
        return min(pairs.get(pair, 0) for pair in _pairs([_BREAK_KEY, *keys, _BREAK_KEY]))

    def _is_speck(self, keys: list[str], at: int, surface: str) -> bool:
        """Whether a letter or two the lexicon does not know is a speck OCR read as a
        letter: between two words seen together often ("thực ộ hiện"), or a lone letter
        at an end of the line next to a known word ("bình dương ị"). Two letters are a
        speck only when no syllable looks like them."""
        key = keys[at]
        if len(key) > _LONGEST_SPECK or self._words.get(key, 0) >= _KNOWN_MIN:
            return False
        if len(key) > 1 and (not surface.islower() or _SYLLABLE.fullmatch(_folded(key))):
            return False  # "Vđ", "kỉ": an abbreviation or a rare word, not a speck
        if surface.isupper() and surface.isascii():
            return False
        before = keys[at - 1] if at else _BREAK_KEY
        after = keys[at + 1] if at + 1 < len(keys) else _BREAK_KEY
        if len(key) == 1 and (before == _BREAK_KEY or after == _BREAK_KEY):
            # Only a letter never seen alone: many are words ("ý kiến", "ở").
            inner = after if before == _BREAK_KEY else before
            return key not in self._words and _is_word(inner) and self._known(inner)
        if not (_is_word(before) and _is_word(after)):
            return False
        together = self._pairs.get(f"{before}\x00{after}", 0)
        return together >= _MIN_SUPPORT and together >= _MIN_SUPPORT_RATIO * (
            self._pairs.get(f"{before}\x00{key}", 0) + self._pairs.get(f"{key}\x00{after}", 0)
        )

    def _is_stray_joint(
        self,
        text: str,
        keys: list[str],
        spans: list[tuple[int, int] | None],
        at: int,
        *,
        inside: bool,
    ) -> bool:
        """Whether the mark between two words is a speck: the two words are known and
        seen together far more often than either with the mark. Compounds ("tua-bin"),
        codes ("QĐ-UBND") and sentence ends are not. Only a hyphen inside a chunk is in
        doubt before a capital ("Trung ương-Đảng"): a dash, a colon or a dot before one
        starts a name or a sentence ("Xã hội - Chủ nghĩa")."""
        before, mark, after = keys[at - 1], keys[at], keys[at + 1]
        following = spans[at + 1]
        if following is None:  # a number: only after a word ("năm. 2025")
            if after != _NUMBER_KEY or not before.isalpha():
                return False
        elif not inside and text[following[0] : following[1]].istitle():
            return False
        pairs = self._pairs
        apart = pairs.get(f"{before}\x00{after}", 0)
        joined = max(pairs.get(f"{before}\x00{mark}", 0), pairs.get(f"{mark}\x00{after}", 0))
        if mark == ":" and joined:  # a colon may start a list in small letters
            return False
        return (
            self._known(before)
            and self._known(after)
            and apart >= _MIN_SUPPORT
            and apart >= joined * _MIN_SUPPORT_RATIO
        )

    def _decode(
        self, text: str, keys: list[str], spans: list[tuple[int, int] | None], odd: set[int]
    ) -> list[str]:
        """The most likely keys: each run of words in doubt decoded between its fixed
        neighbours, which separate the runs in a bigram model."""
        options = [
            self._options(keys, at, text[span[0] : span[1]], odd=at in odd) if span else None
            for at, span in enumerate(spans)
        ]
        best = list(keys)
        at = 0
        while at < len(keys):
            if options[at] is None:
                at += 1
                continue
            end = at
            run: list[list[tuple[str, float]]] = []
            while end < len(keys) and (choices := options[end]) is not None:
                run.append(choices)
                end += 1
            before = keys[at - 1] if at else _BREAK_KEY
            after = keys[end] if end < len(keys) else _BREAK_KEY
            best[at:end] = self._decode_run(run, before, after)
            at = end
        return best

    def _decode_run(
        self, options: list[list[tuple[str, float]]], before: str, after: str
    ) -> list[str]:
        """Viterbi over a run; a change the pairs do not support is refused and the run
        decoded again without it."""
        originals = [before, *(choices[0][0] for choices in options), after]
        while True:
            path = self._viterbi(options, before, after)
            context = [before, *path, after]
            refused = False
            for at, key in enumerate(path):
                original = originals[at + 1]
                if key == original:
                    continue
                left, right = context[at], context[at + 2]
                if not self._may_vouch(original, key, originals[at], left, first=True):
                    left = ""
                if not self._may_vouch(original, key, originals[at + 2], right, first=False):
                    right = ""
                if not self._supports(original, key, left, right):
                    options[at] = options[at][:1]
                    refused = True
            if not refused:
                return path

    def _may_vouch(
        self, original: str, replacement: str, neighbour: str, now: str, *, first: bool
    ) -> bool:
        """Whether a neighbour (`now`, read as `neighbour`; `first` when it comes before)
        may support a change. A changed neighbour is a guess itself: two guesses may
        only hold each other up when both only put marks back, and when both overrule a
        known word, only as a pair seen often ("BE MẠT" → "BỀ MẶT"; not "thịnh vượng"
        → "trình đường" or "phỏng đoán" → "phòng đoàn")."""
        if now == neighbour:
            return True
        if _folded(now) != _folded(neighbour) or _folded(replacement) != _folded(original):
            return False
        if not (self._known(original) and self._known(neighbour)):
            return True
        pair = f"{now}\x00{replacement}" if first else f"{replacement}\x00{now}"
        return self._pairs.get(pair, 0) >= _MUTUAL_SUPPORT

    def _viterbi(
        self, options: list[list[tuple[str, float]]], before: str, after: str
    ) -> list[str]:
        step = self._step
        scores = {before: 0.0}
        links: list[dict[str, str]] = []
        for choices in options:
            next_scores: dict[str, float] = {}
            came: dict[str, str] = {}
            for key, cost in choices:
                best, score = max(
                    ((prior, total + step(prior, key)) for prior, total in scores.items()),
                    key=lambda item: item[1],
                )
                next_scores[key] = score - cost
                came[key] = best
            scores = next_scores
            links.append(came)
        last = max(scores, key=lambda key: scores[key] + step(key, after))
        path = [last]
        for came in reversed(links[1:]):
            path.append(came[path[-1]])
        path.reverse()
        return path

    def _supports(self, original: str, replacement: str, before: str, after: str) -> bool:
        """Whether a word beside the replacement has been seen with it often, and (next
        to) never with the OCR'd word; and every other known word beside it that has been
        seen with the OCR'd word has been seen with it too, or one frequent pair ("thời
        hạn") would turn a rare word ("thời nhàn rỗi") into a common one. A neighbour
        seen with neither says nothing ("tổ chúc kinh tế": "tổ chức" is enough). A known
        OCR'd word also needs known words on both sides: beside an unknown one the
        context is too thin to overrule it. Punctuation and line ends (and neighbours
        passed as "") say nothing."""
        pairs = self._pairs
        sides = []  # (pairs with the replacement, pairs with the OCR'd word, known)
        if _is_word(before):
            seen = pairs.get(f"{before}\x00{replacement}", 0)
            rival = pairs.get(f"{before}\x00{original}", 0)
            sides.append((seen, rival, self._known(before)))
        if _is_word(after):
            seen = pairs.get(f"{replacement}\x00{after}", 0)
            rival = pairs.get(f"{original}\x00{after}", 0)
            sides.append((seen, rival, self._known(after)))
        if self._known(original) and not all(known for _, _, known in sides):
            return False
        if self._known(original) and _folded(original) != _folded(replacement):
            # Another real word by its letters ("cán hộ" for "cán bộ"): only a pair seen
            # very often, beside a neighbour never seen with the word as read.
            return any(seen >= _MUTUAL_SUPPORT and not rival for seen, rival, _ in sides) and all(
                seen or not rival for seen, rival, _ in sides
            )
        return all(seen or not rival for seen, rival, known in sides if known) and any(
            seen >= _MIN_SUPPORT and rival * _MIN_SUPPORT_RATIO <= seen for seen, rival, _ in sides
        )

    def _known(self, key: str) -> bool:
        """Seen often enough to be a word rather than a typo in the trusted text."""
        return self._words.get(key, 0) >= _KNOWN_MIN

    def _options(
        self, keys: list[str], at: int, surface: str, *, odd: bool = False
    ) -> list[tuple[str, float]] | None:
        """The known words an editable key may stand for, the key itself first with no
        price; None when the key is not in doubt: a known word seen next to each word
        beside it. An `odd` capital (see `_odd_capitals`) may be a misread first letter."""
        key = keys[at]
        before = keys[at - 1] if at else _BREAK_KEY
        after = keys[at + 1] if at + 1 < len(keys) else _BREAK_KEY
        known = self._known(key)
        if known and len(key) == 1:  # "ở", "ý", "a": too short to tell from context
            return None
        if not (surface.islower() or surface.isupper() or surface.istitle()):
            return None  # "VIIa", "iPhone": whatever it is, it is meant
        if not known and _ROMAN.fullmatch(surface):  # "XXXV" is not "XXXI"
            return None
        if known and self._trusted_beside(key, before, after):
            return None
        candidates = self._candidates(key, known)
        if odd:
            candidates = candidates + self._first_letter_candidates(key)
        if not candidates:
            return None
        return [(key, 0.0), *candidates]

    def _trusted_beside(self, key: str, before: str, after: str) -> bool:
        """Whether a known word is not in doubt: seen next to each word beside it, and
        not ten times as often replaced there by the word Tesseract most often misreads
        as it ("nội dung chỉ quản lý": "dung chi" is far commoner than "dung chỉ")."""
        likely = [word for word, cost in self._candidates(key, True) if cost <= _LIKELY_MARK_COST]
        for neighbour, first in ((before, True), (after, False)):
            if not _is_word(neighbour):
                continue
            seen = self._pair_count(neighbour, key, first=first)
            if seen < _TRUSTED_PAIR or any(
                self._pair_count(neighbour, word, first=first) >= seen * _MIN_SUPPORT_RATIO
                for word in likely
            ):
                return False
        return True

    def _pair_count(self, neighbour: str, word: str, *, first: bool) -> int:
        """How often `word` was seen after (`first`) or before `neighbour`."""
        return self._pairs.get(f"{neighbour}\x00{word}" if first else f"{word}\x00{neighbour}", 0)

    def _first_letter_candidates(self, key: str) -> list[tuple[str, float]]:
        """Known words that differ from `key` by a confusion at its first letter."""
        folded = _folded(key)
        found = {
            word: _CONFUSION_COST + self._known_cost(key)
            for wrong, right in _CONFUSIONS
            if folded.startswith(wrong)
            for word in self._by_fold.get(right + folded[len(wrong) :], ())
            if self._words.get(word, 0) >= _MIN_CANDIDATE_COUNT
        }
        return sorted(found.items())

    def _candidates(self, key: str, known: bool) -> list[tuple[str, float]]:
        """Known words the OCR'd key may stand for, each with the price of the confusion.
        A known word may be another real word misread by its marks or by one of the
        letters Tesseract confuses ("cán hộ" for "cán bộ"; `_supports` asks much more of
        the latter), never by any other edit: too rare to pay for the risk. Nor may a
        syllable seen at all, if only once or in the word list: a rare name ("Hoàng
        Oanh") is no misread common one ("Hoàng Anh"). Only a syllable never seen may be
        one edit away from a known word."""
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        found: dict[str, float] = {}

        def add(folded: str, cost: float) -> None:
            for word in self._by_fold.get(folded, ()):
                if word != key and found.get(word, math.inf) > cost:
                    found[word] = cost

        folded = _folded(key)
        if not folded.isalpha():
            for spelled in _respelled_digits(folded):
                add(spelled, _MARK_COST)
        else:
            for word in self._by_fold.get(folded, ()):
                if word != key:
                    found[word] = _mark_cost(word, key)
        if folded.isalpha() and _SYLLABLE.fullmatch(folded):
            for wrong, right in _CONFUSIONS:
                start = folded.find(wrong)
                while start >= 0:
                    add(folded[:start] + right + folded[start + len(wrong) :], _CONFUSION_COST)
                    start = folded.find(wrong, start + 1)
            if len(folded) >= _MIN_EDIT_LENGTH and not self._words.get(key):
                for edited in _one_edit(folded):
                    add(edited, _EDIT_COST)
        elif folded.isalpha() and not known:
            # No syllable. A letter no syllable doubles, doubled ("ANN", "đdoping"): OCR
            # read one letter twice, however short the word.
            for single in _undoubled(folded):
                add(single, _CONFUSION_COST)
            # An abbreviation OCR got a letter of ("tahh", "hửnd") is one edit from a
            # known abbreviation; a name or a foreign word seldom is.
            if len(folded) >= _MIN_EDIT_LENGTH:
                for edited in _one_edit(folded):
                    if not _SYLLABLE.fullmatch(edited):
                        add(edited, _EDIT_COST)
        words = self._words
        extra = self._known_cost(key)
        cached = [
            (word, cost + (0.0 if cost <= _LIKELY_MARK_COST else extra))
            for word, cost in sorted(found.items())
            if words.get(word, 0) >= _MIN_CANDIDATE_COUNT
        ]
        self._cache[key] = cached
        return cached

    def _known_cost(self, key: str) -> float:
        """The extra price of changing a known word: in full for a word seen _WELL_KNOWN
        times, less for a rarer one; none for an unknown one."""
        if not self._known(key):
            return 0.0
        return _KNOWN_COST * min(1.0, math.log(self._words[key]) / math.log(_WELL_KNOWN))

    def _step(self, before: str, word: str) -> float:
        """log P(word | before); after a line end log P(word), and a line end costs
        nothing: OCR lines need not end where the learned text's lines did."""
        words = self._words
        single = (words.get(word, 0) + _WORD_PRIOR) / (self._total + _WORD_PRIOR * (len(words) + 1))
        if before == _BREAK_KEY:
            return math.log(single)
        if word == _BREAK_KEY:
            return 0.0
        pair = self._pairs.get(f"{before}\x00{word}", 0)
        return math.log((pair + _PAIR_PRIOR * single) / (words.get(before, 0) + _PAIR_PRIOR))


def _has_marked_vowel(word: str) -> bool:
    return _MARKED_VOWEL.search(unicodedata.normalize("NFD", word)) is not None


def _mark_cost(word: str, misread: str) -> float:
    """The price of reading `word` as `misread`, which folds to the same letters."""
    cost = 0.0
    for right, wrong in zip(word, misread, strict=True):
        if right == wrong:
            continue
        if (right == "i" and wrong in "ỉị") or (right in _HORNED and _plain_vowel(right) == wrong):
            cost += _LIKELY_MARK_COST
        else:
            cost += _MARK_COST
    return cost


@lru_cache(maxsize=256)
def _plain_vowel(letter: str) -> str:
    """The letter without its horn ("ứ" → "ú"), its tone kept."""
    return unicodedata.normalize("NFC", unicodedata.normalize("NFD", letter).replace("\u031b", ""))


def _odd_capitals(text: str, spans: list[tuple[int, int] | None]) -> set[int]:
    """Words with a capital first letter between two words in small letters: OCR's
    reading of a small letter ("công Ly tnhh" of "công ty tnhh", "Lại" of "tại"). A
    replacement for one is written in small letters."""
    odd = set()
    for at in range(1, len(spans) - 1):
        here, before, after = spans[at], spans[at - 1], spans[at + 1]
        if here is None or before is None or after is None:
            continue
        word = text[here[0] : here[1]]
        if (
            len(word) > 1
            and word.istitle()
            and text[before[0] : before[1]].islower()
            and text[after[0] : after[1]].islower()
        ):
            odd.add(at)
    return odd


def _deletion(text: str, start: int, end: int) -> tuple[int, int, str]:
    """An edit removing text[start:end] with the space before it, or after it at the
    start of a line."""
    if text[start - 1 : start] in (" ", "\t"):
        return start - 1, end, ""
    while text[end : end + 1] in (" ", "\t") and end < len(text):
        end += 1
    return start, end, ""


# How alike (difflib's ratio, without marks) two readings of one word must be.
_ALIKE = 0.5
# What each further reading giving a word adds to its log-likelihood in `combined`: two
# readings of three decide where the lexicon hardly prefers either word ("phụ lục I"
# and "phụ lục II"), never against a clear preference.
_VOTE = 1.0


def _alike(column: tuple[str | None, ...]) -> bool:
    """Whether the words several readings give in one place are one word read apart."""
    if None in column:
        return False
    folded = {_folded(_key(chunk)) for chunk in column}
    return all(
        difflib.SequenceMatcher(a=one, b=other).ratio() >= _ALIKE
        for one, other in itertools.combinations(folded, 2)
    )


# Marks that open or close a quote or an aside: dropping one leaves the other unpaired.
_PAIRED = re.compile("[\"“”'‘’«»()\\[\\]]")


def _most_quoted_alike(column: tuple[str | None, ...]) -> list[str]:
    """The readings of one word with the quotes and brackets most readings give it (all
    of them on a tie): the bigram model alone would drop a quote that one reading
    missed, since every token costs, and leave its pair alone."""
    chunks = [chunk for chunk in column if chunk is not None]
    marks = Counter("".join(_PAIRED.findall(chunk)) for chunk in chunks)
    most = max(marks.values())
    return list(dict.fromkeys(c for c in chunks if marks["".join(_PAIRED.findall(c))] == most))


def _is_word(key: str) -> bool:
    return key == _NUMBER_KEY or key.isalpha()


def _respelled_digits(folded: str) -> Iterator[str]:
    """The spellings with each 0 and 1 read as the letters they stand for ("truong")."""
    spellings = [""]
    for char in folded:
        options = _DIGIT_LETTERS.get(char, (char,))
        spellings = [spelled + option for spelled in spellings for option in options]
    yield from (spelled for spelled in spellings if spelled.isalpha())


def _undoubled(folded: str) -> Iterator[str]:
    """`folded` without one of its doubled letters, where no syllable doubles it (every
    letter but the vowels of "xoong", "quy" and the like)."""
    for at in range(1, len(folded)):
        if folded[at] == folded[at - 1] and folded[at] not in "aeiouy":
            yield folded[:at] + folded[at + 1 :]


def _one_edit(word: str) -> Iterable[str]:
    splits = [(word[:at], word[at:]) for at in range(len(word) + 1)]
    yield from (left + right[1:] for left, right in splits if right)
    for left, right in splits:
        for letter in _LETTERS_FOLDED:
            yield left + letter + right
            if right:
                yield left + letter + right[1:]


def _slots(
    text: str,
) -> tuple[list[str], list[tuple[int, int] | None], dict[int, tuple[int, int, str]]]:
    """The keys of a line in `learn`'s tokenization and the span of each free-standing
    word (the ones that may be corrected), None for everything else; and the joints, a
    mark between two words that may be a speck, with the edit that takes it out: a
    hyphen inside a chunk ("tổ-chức"), a dash between two chunks ("chống - dịch"), a
    dot or a colon ending a word ("lậu. gian", "kinh: doanh"). Key index → edit; only
    a hyphen inside a chunk leaves a space behind."""
    keys: list[str] = []
    spans: list[tuple[int, int] | None] = []
    joints: dict[int, tuple[int, int, str]] = {}
    breaks = "\n" in text
    done = 0
    for chunk in _CHUNK.finditer(text):
        if breaks and done and "\n" in text[done : chunk.start()]:
            keys.append(_BREAK_KEY)
            spans.append(None)
        elif chunk.group() == "-" and spans and spans[-1] is not None:
            joints[len(keys)] = (chunk.start() - 1, chunk.end(), "")
        done = chunk.end()
        if chunk.group(2) is not None:
            words = [chunk.span(2)]
            opening, closing = chunk.group(1, 3)
        elif (joined := _HYPHENED.fullmatch(chunk.group())) is not None:
            base = chunk.start()
            words = [(base + joined.start(2), base + joined.end(2))]
            words.append((base + joined.start(3), base + joined.end(3)))
            opening, closing = joined.group(1, 4)
        elif (spelled := _digit_word(chunk.group())) is not None:
            base = chunk.start()
            words = [(base + spelled.start(2), base + spelled.end(2))]
            opening, closing = spelled.group(1, 3)
        else:
            fixed = _keys(chunk.group())[1:-1]
            keys += fixed
            spans += [None] * len(fixed)
            continue
        if opening:
            keys += opening
            spans += [None] * len(opening)
        for start, end in words:
            if start != words[0][0]:
                joints[len(keys)] = (start - 1, start, " ")
                keys.append("-")
                spans.append(None)
            keys.append(_key(text[start:end]))
            spans.append((start, end))
        if closing in (".", ":") and text[chunk.end() : chunk.end() + 1] == " ":
            joints[len(keys)] = (chunk.end() - 1, chunk.end(), "")
        if closing:
            keys += closing
            spans += [None] * len(closing)
    return keys, spans, {at: edit for at, edit in joints.items() if at + 1 < len(keys)}


_DIGIT_CHUNK = re.compile(rf"([{re.escape(_EDGE)}]*)(\w+?)([{re.escape(_EDGE)}]*)")


def _digit_word(chunk: str) -> re.Match[str] | None:
    """A word with a 0 or 1 read for a letter ("tru0ng"), not a number or a code."""
    match = _DIGIT_CHUNK.fullmatch(chunk)
    if match is None:
        return None
    core = match.group(2)
    if _DIGIT_WORD.fullmatch(core) is None or sum(char.isalpha() for char in core) < 2:
        return None
    return match
