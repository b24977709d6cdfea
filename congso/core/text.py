"""Vietnamese text helpers: NFC normalization, tone/đ folding, collation keys.

Collation follows the Vietnamese alphabet (a ă â b c d đ e ê g h i k l m n o ô ơ p q r
s t u ư v x y, with f j w z placed as in Latin) at the primary level and the tones at
the secondary level in dictionary order (none, huyền, hỏi, ngã, sắc, nặng), the same
order as ICU's `vi` tailoring. See docs/decisions/0002-vietnamese-collation.md.
"""

import unicodedata

_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_LETTER_RANK = {letter: rank for rank, letter in enumerate(_ALPHABET, start=10)}
# Combining marks that are tones (secondary) rather than part of the letter.
_TONE_RANK = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
_OTHER_RANK_BASE = 1000

SortKey = tuple[tuple[int, ...], tuple[int, ...], tuple[int, ...]]


def nfc(text: str) -> str:
    """Compose text to NFC: decomposed input (some keyboards) must compare equal."""
    return unicodedata.normalize("NFC", text)


def fold(text: str) -> str:
    """Lower-case and strip tones and diacritics, with đ → d ("Đường" → "duong")."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return nfc(stripped).lower()


def _split_letters(text: str) -> list[tuple[str, int, bool]]:
    """Split text into (letter without tone, tone rank, is upper case) triples."""
    letters: list[tuple[str, int, bool]] = []
    for char in nfc(text):
        decomposed = unicodedata.normalize("NFD", char)
        tone = 0
        kept = ""
        for part in decomposed:
            if part in _TONE_RANK:
                tone = _TONE_RANK[part]
            else:
                kept += part
        letter = nfc(kept)
        letters.append((letter.lower(), tone, letter != letter.lower()))
    return letters


def vi_sort_key(text: str) -> SortKey:
    """A key that sorts strings in Vietnamese dictionary order."""
    primary: list[int] = []
    secondary: list[int] = []
    tertiary: list[int] = []
    for letter, tone, upper in _split_letters(text):
        if letter.isspace():
            primary.append(0)
        else:
            primary.append(_LETTER_RANK.get(letter, _OTHER_RANK_BASE + ord(letter[0])))
        secondary.append(tone)
        tertiary.append(int(upper))
    return tuple(primary), tuple(secondary), tuple(tertiary)


def name_sort_key(full_name: str) -> tuple[SortKey, SortKey]:
    """Sort Vietnamese people by given name (the last word), then family and middle."""
    words = nfc(full_name).split()
    if not words:
        return vi_sort_key(""), vi_sort_key("")
    return vi_sort_key(words[-1]), vi_sort_key(" ".join(words[:-1]))


def folded_match(query: str, *texts: str) -> bool:
    """True when every word of the query occurs in the texts, ignoring tones and case."""
    haystack = " ".join(fold(text) for text in texts)
    return all(word in haystack for word in fold(query).split())
