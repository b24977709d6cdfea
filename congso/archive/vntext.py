"""Clean up text extracted from Vietnamese documents before it is stored and indexed.

Text from PDF text layers, OCR and old plain-text files often carries Vietnamese typed in
the 8-bit font encodings of the 1990s and 2000s, which come out as Latin-1 gibberish
("ViÖt Nam" in TCVN3, "Vieät Nam" in VNI), and invisible or lookalike characters that
break search. `normalize_text` repairs both and changes nothing else.

Conversion tables, checked code point by code point against three public sources each:

- TCVN3 (TCVN 5712:1993 VN3, the ABC ".VnTime" fonts): glibc iconv's TCVN5712-1
  (only the VN3 code points), UniKey's VnConv table (unikey/data.cpp in fcitx5-unikey)
  and xvnkb's tcvn.h agree on all 74 code points. PDF text layers often map two of the
  font's glyphs by glyph name instead (U+2212 MINUS SIGN for ư, U+03BC GREEK SMALL
  LETTER MU for à),
  as seen in several public TCVN3 PDF converters; both are converted too.
- VNI-Windows: UniKey's VnConv VNI-WIN table, xvnkb's vni.h and a public VBA
  converter (gist kysudo "VniToUni") agree on every letter.
"""

import re
import unicodedata
from collections import Counter
from collections.abc import Callable

__all__ = [
    "FAMILY_NAMES",
    "detect_legacy_encoding",
    "fold_lookalikes",
    "normalize_text",
    "tcvn3_to_unicode",
    "vni_to_unicode",
]

# --- TCVN3 --------------------------------------------------------------------------
# One code point per letter. The tones within a row follow the code points: grave, hook
# above, tilde, acute, dot below. Upper-case toned letters have no code points of their
# own: the ".VnTimeH" capital fonts draw them at the lower-case code points.
_TCVN3_ROWS = (
    ("\xa1\xa2\xa3\xa4\xa5\xa6\xa7", "ĂÂÊÔƠƯĐ"),
    ("\xa8\xa9\xaa\xab\xac\xad\xae", "ăâêôơưđ"),
    ("\xb5\xb6\xb7\xb8\xb9", "àảãáạ"),
    ("\xbb\xbc\xbd\xbe\xc6", "ằẳẵắặ"),
    ("\xc7\xc8\xc9\xca\xcb", "ầẩẫấậ"),
    ("\xcc\xce\xcf\xd0\xd1", "èẻẽéẹ"),
    ("\xd2\xd3\xd4\xd5\xd6", "ềểễếệ"),
    ("\xd7\xd8\xdc\xdd\xde", "ìỉĩíị"),
    ("\xdf\xe1\xe2\xe3\xe4", "òỏõóọ"),
    ("\xe5\xe6\xe7\xe8\xe9", "ồổỗốộ"),
    ("\xea\xeb\xec\xed\xee", "ờởỡớợ"),
    ("\xef\xf1\xf2\xf3\xf4", "ùủũúụ"),
    ("\xf5\xf6\xf7\xf8\xf9", "ừửữứự"),
    ("\xfa\xfb\xfc\xfd\xfe", "ỳỷỹýỵ"),
    ("\u2212\u03bc", "ưà"),  # 0xAD and 0xB5 as PDF text layers often give them
)
_TCVN3_TO_UNICODE: dict[int, str] = {
    ord(code): letter
    for codes, letters in _TCVN3_ROWS
    for code, letter in zip(codes, letters, strict=True)
}
_TCVN3_TO_UPPER: dict[int, str] = {
    code: letter.upper() for code, letter in _TCVN3_TO_UNICODE.items()
}
_TCVN3_CODES = "".join(map(chr, _TCVN3_TO_UNICODE))
_TCVN3_LOWER_CODES = "".join(chr(c) for c, letter in _TCVN3_TO_UNICODE.items() if letter.islower())
_TCVN3_UPPER_CODES = "".join(chr(c) for c, letter in _TCVN3_TO_UNICODE.items() if letter.isupper())
# A word typed in a capital font: a TCVN3 letter that only has a lower-case code point,
# no ASCII lower case, and two capitals (ASCII or TCVN3's own Ă Â Ê Ô Ơ Ư Đ) or a capital
# after that letter ("ñY" is "ỦY"; "Sè" may be "Số" and stays so).
_TCVN3_LOWER_CLASS = f"[{re.escape(_TCVN3_LOWER_CODES)}]"
_TCVN3_CAPITAL_CLASS = f"[A-Z{re.escape(_TCVN3_UPPER_CODES)}]"
_TCVN3_CAPITAL_WORD = re.compile(
    rf"(?<!\S)(?=[^\sa-z]*?{_TCVN3_LOWER_CLASS})"
    rf"(?=(?:[^\sa-z]*?{_TCVN3_CAPITAL_CLASS}){{2}}"
    rf"|[^\sa-z]*?{_TCVN3_LOWER_CLASS}[^\sa-z]*?{_TCVN3_CAPITAL_CLASS})"
    r"[^\sa-z]+(?!\S)"
)
# A word of capitals alone (no digits): "C¤NG", "TH¦¥NG", not "125/Q§-UBND".
_CAPITALS_ONLY_WORD = re.compile(
    rf"(?<!\S)(?=(?:[^\s\da-z]*?{_TCVN3_CAPITAL_CLASS}){{2}})[^\s\da-z]+(?!\S)"
)
_TCVN3_LOWER_CODE = re.compile(_TCVN3_LOWER_CLASS)
_ASCII_LOWER = re.compile("[a-z]")

# --- VNI ------------------------------------------------------------------------------
# A letter is its base letter followed by a modifier character; upper-case letters take
# the upper-case modifier (mixed case is accepted too). đ, ơ, ư, ỵ and the toned i are
# single characters (í and ì the same as in Unicode).
_ACUTE, _GRAVE, _HOOK, _TILDE, _DOT = "\u0301", "\u0300", "\u0309", "\u0303", "\u0323"
_CIRCUMFLEX, _BREVE, _HORN = "\u0302", "\u0306", "\u031b"
_VNI_TONES = {"ù": _ACUTE, "ø": _GRAVE, "û": _HOOK, "õ": _TILDE, "ï": _DOT}
_VNI_WITH_CIRCUMFLEX = {"â": "", "á": _ACUTE, "à": _GRAVE, "å": _HOOK, "ã": _TILDE, "ä": _DOT}
_VNI_WITH_BREVE = {"ê": "", "é": _ACUTE, "è": _GRAVE, "ú": _HOOK, "ü": _TILDE, "ë": _DOT}
_VNI_SINGLES = {"ô": "ơ", "ö": "ư", "ñ": "đ", "î": "ỵ", "æ": "ỉ", "ó": "ĩ", "ò": "ị"}
_TONE_MODIFIERS = tuple(_VNI_TONES.items())
_CIRCUMFLEX_MODIFIERS = tuple((m, _CIRCUMFLEX + t) for m, t in _VNI_WITH_CIRCUMFLEX.items())
_BREVE_MODIFIERS = tuple((m, _BREVE + t) for m, t in _VNI_WITH_BREVE.items())
# base character in VNI → (the letter it stands for, the modifiers it takes)
_VNI_BASES: dict[str, tuple[str, tuple[tuple[str, str], ...]]] = {
    "a": ("a", _TONE_MODIFIERS + _CIRCUMFLEX_MODIFIERS + _BREVE_MODIFIERS),
    "e": ("e", _TONE_MODIFIERS + _CIRCUMFLEX_MODIFIERS),
    "o": ("o", _TONE_MODIFIERS + _CIRCUMFLEX_MODIFIERS),
    "u": ("u", _TONE_MODIFIERS),
    "y": ("y", tuple((m, t) for m, t in _TONE_MODIFIERS if t != _DOT)),  # ỵ is "î"
    "ô": ("o" + _HORN, _TONE_MODIFIERS),
    "ö": ("u" + _HORN, _TONE_MODIFIERS),
}


def _build_vni_table() -> dict[str, str]:
    table: dict[str, str] = {}
    for single, letter in _VNI_SINGLES.items():
        table[single] = letter
        table[single.upper()] = letter.upper()
    for base, (letter, modifiers) in _VNI_BASES.items():
        for modifier, marks in modifiers:
            lower = unicodedata.normalize("NFC", letter + marks)
            for b, m in ((base, modifier), (base, modifier.upper())):
                table[b + m] = lower
            for b, m in ((base.upper(), modifier), (base.upper(), modifier.upper())):
                table[b + m] = lower.upper()
    return table


_VNI_TO_UNICODE = _build_vni_table()


def _both_cases(chars: str) -> str:
    return chars + chars.upper()


_VNI_SEQUENCE = re.compile(
    "|".join(
        f"[{_both_cases(base)}][{_both_cases(''.join(m for m, _marks in modifiers))}]"
        for base, (_letter, modifiers) in _VNI_BASES.items()
    )
    + f"|[{_both_cases(''.join(_VNI_SINGLES))}]"
)
_VNI_CODES = _both_cases(
    "".join(_VNI_TONES)
    + "".join(_VNI_WITH_CIRCUMFLEX)
    + "".join(_VNI_WITH_BREVE)
    + "".join(_VNI_SINGLES)
)

# --- Vietnamese syllables, to weigh the evidence for a legacy encoding --------------------
_TONE_MARKS = _ACUTE + _GRAVE + _HOOK + _TILDE + _DOT
_TONED_VOWEL = re.compile(f"([aeiouy][{_CIRCUMFLEX}{_BREVE}{_HORN}]?)([{_TONE_MARKS}])")
_ANY_TONE = re.compile(f"[{_TONE_MARKS}]")
_INITIALS = "ngh|ng|nh|ch|gh|gi|kh|ph|th|tr|qu|[bcdđghklmnprstvx]"
_FINALS = "ch|ng|nh|[cmnpt]"
_OPEN_RHYMES = (  # never followed by a final consonant
    "iêu|oai|oay|oeo|uây|uôi|ươi|ươu|yêu|uyu|uya|ai|ao|au|ay|âu|ây|eo|êu|ia|iu|oi|ôi|ơi"
    "|ua|ui|ưa|ưi|ưu|uơ"
)
_CLOSED_RHYMES = "uyê|iê|yê|uô|ươ|oă|uâ|oo|ă|â"  # always followed by one
_RHYMES = "oa|oe|uê|uy|a|e|ê|i|o|ô|ơ|u|ư|y"  # either
_SYLLABLE = re.compile(
    f"(?:{_INITIALS})?(?:(?:{_OPEN_RHYMES})|(?:{_CLOSED_RHYMES})(?:{_FINALS})"
    f"|(?:{_RHYMES})(?:{_FINALS})?)"
)
_STOP_FINALS = ("c", "ch", "p", "t")
_LONGEST_SYLLABLE = 10  # characters, in Unicode or a legacy encoding ("nghieäng")


def is_syllable(word: str) -> bool:
    """True when a lower-case word is spelled like one Vietnamese syllable."""
    if len(word) > _LONGEST_SYLLABLE:
        return False
    decomposed = unicodedata.normalize("NFD", word)
    tones = _TONED_VOWEL.findall(decomposed)
    if len(tones) > 1:
        return False
    bare = _TONED_VOWEL.sub(r"\1", decomposed)
    if _ANY_TONE.search(bare):  # a tone mark on a consonant: ñ, not Vietnamese
        return False
    bare = unicodedata.normalize("NFC", bare)
    if _SYLLABLE.fullmatch(bare) is None:
        return False
    # After c, ch, p, t only the rising and heavy tones (or none) are possible.
    return not (tones and tones[0][1] in _GRAVE + _HOOK + _TILDE and bare.endswith(_STOP_FINALS))


# The commonest Vietnamese family names (nine in ten people bear one of the first
# fourteen), in lower case as the lexicon keys them.
FAMILY_NAMES = frozenset(
    {
        "nguyễn", "trần", "lê", "phạm", "hoàng", "huỳnh", "phan", "vũ", "võ", "đặng", "bùi",
        "đỗ", "hồ", "ngô", "dương", "lý", "đào", "đoàn", "vương", "trịnh", "trương", "lâm",
        "phùng", "mai", "tô", "hà", "tạ", "lưu", "châu", "cao", "đinh", "lương", "thái",
        "chu", "quách", "kiều", "tăng", "lại", "triệu", "đàm", "hứa", "la", "tống", "thân",
        "lã", "nông", "lò", "quan", "khổng", "mạc", "âu", "từ", "giang", "nghiêm", "tôn",
        "đồng", "lục",
    }
)  # fmt: skip


# --- Detection ----------------------------------------------------------------------
# A word: a run of anything but white space, ASCII punctuation and digits.
_TOKEN = re.compile(r"[^\s!-@\[-`{-~]+")
_LEGACY_CHAR = re.compile("[\x80-\xff\u2212\u03bc]")
_NOT_LEGACY_CHAR = re.compile("[^\x00-\xff\u2212\u03bc]")
_TCVN3_SIGNAL = re.compile(f"[{re.escape(_TCVN3_CODES)}]")
_VNI_SIGNAL = re.compile(f"[{re.escape(_VNI_CODES)}]")
# Thresholds: a legacy text has most of its words with diacritics converted into real
# syllables, where they were impossible spellings before. Unicode Vietnamese, English
# and French give next to no such words.
_MIN_DISTINCT_EVIDENCE = 3  # different words
_MIN_SHARE_OF_CANDIDATES = 0.5  # of the words holding characters the encoding uses
_MIN_SHARE_OF_WORDS = 0.15  # of all words
_MIN_SHARE_OF_SYLLABLES = 0.5  # of all words, Vietnamese syllables once converted
_MOST_COMMON_WORDS = 20_000  # distinct words looked at; enough for any real text


def _tcvn3_plain(text: str) -> str:
    return text.translate(_TCVN3_TO_UNICODE)


def detect_legacy_encoding(text: str) -> str | None:
    """'tcvn3', 'vni' or None: which legacy 8-bit Vietnamese font encoding the text appears
    to be in.

    Conservative: a word counts as evidence only when converting it turns an impossible
    spelling into a Vietnamese syllable ("ViÖt" → "Việt"); the text is called legacy only
    when such words are most of the words the encoding could touch and a fair share of
    all words. Words that read as Vietnamese either way ("sè"/"số") prove nothing.
    """
    if _LEGACY_CHAR.search(text) is None:
        return None
    words = dict(Counter(_TOKEN.findall(text)).most_common(_MOST_COMMON_WORDS))
    total = sum(words.values())
    plain: dict[str, bool] = {}

    def is_plain_syllable(word: str) -> bool:
        if word not in plain:
            plain[word] = is_syllable(word.lower())
        return plain[word]

    encodings: tuple[tuple[str, re.Pattern[str], Callable[[str], str]], ...] = (
        ("tcvn3", _TCVN3_SIGNAL, _tcvn3_plain),
        ("vni", _VNI_SIGNAL, vni_to_unicode),
    )
    best: str | None = None
    best_evidence = 0
    for name, signal, convert in encodings:
        candidates = evidence = converted_syllables = 0
        distinct: set[str] = set()
        others: list[tuple[str, int]] = []
        for word, count in words.items():
            if (
                not 2 <= len(word) <= _LONGEST_SYLLABLE
                or signal.search(word) is None
                or _NOT_LEGACY_CHAR.search(word)
            ):
                others.append((word, count))
                continue
            candidates += count
            if is_syllable(convert(word).lower()):
                converted_syllables += count
                if not is_plain_syllable(word):
                    evidence += count
                    distinct.add(word.lower())
        if (
            len(distinct) < _MIN_DISTINCT_EVIDENCE
            or evidence < _MIN_SHARE_OF_CANDIDATES * candidates
            or evidence < _MIN_SHARE_OF_WORDS * total
            or evidence <= best_evidence
        ):
            continue
        # The words it leaves alone count too: legacy text is Vietnamese throughout.
        syllables = converted_syllables + sum(c for w, c in others if is_plain_syllable(w))
        if syllables >= _MIN_SHARE_OF_SYLLABLES * total:
            best, best_evidence = name, evidence
    return best


# --- Conversion -----------------------------------------------------------------------


def tcvn3_to_unicode(text: str) -> str:
    """Convert text in the TCVN3 (ABC, ".VnTime") font encoding to Unicode (NFC).

    Upper-case toned letters share code points with lower-case ones, so they come out in
    lower case, except in words typed in capitals (no ASCII lower case, and two capitals
    or a capital after the toned letter): those are upper-cased whole, and so is every
    word of a line with no ASCII lower case that has such a word or two words of
    capitals ("CéNG HOµ X· HéI" → "CỘNG HOÀ XÃ HỘI", "Së C¤NG TH¦¥NG" → "SỞ CÔNG
    THƯƠNG"). A capitalised word alone ("Sè: 12/Q§-UBND" → "Số: 12/QĐ-UBND") stays as
    it is: it may be title case. A capital toned letter in a title-case word ("ñy ban"
    for "Ủy ban") cannot be told from a small one and stays small.
    """
    return "".join(_tcvn3_line(line) for line in text.splitlines(keepends=True))


def _tcvn3_line(line: str) -> str:
    if _TCVN3_LOWER_CODE.search(line) is None:
        return line.translate(_TCVN3_TO_UNICODE)
    capitals = list(_TCVN3_CAPITAL_WORD.finditer(line))
    if _ASCII_LOWER.search(line) is None and (
        capitals or len(_CAPITALS_ONLY_WORD.findall(line)) >= 2
    ):
        return line.translate(_TCVN3_TO_UPPER)
    parts: list[str] = []
    end = 0
    for word in capitals:
        parts.append(line[end : word.start()].translate(_TCVN3_TO_UNICODE))
        parts.append(word.group().translate(_TCVN3_TO_UPPER))
        end = word.end()
    parts.append(line[end:].translate(_TCVN3_TO_UNICODE))
    return "".join(parts)


def vni_to_unicode(text: str) -> str:
    """Convert text in the VNI-Windows font encoding ("VNI-Times") to Unicode (NFC)."""
    return _VNI_SEQUENCE.sub(lambda match: _VNI_TO_UNICODE[match.group()], text)


# --- Lookalikes, spaces, invisible characters --------------------------------------------
_CONFUSABLES = {
    # Cyrillic
    "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "у": "y", "х": "x", "і": "i",
    "ј": "j", "ѕ": "s", "һ": "h", "ԁ": "d", "ԛ": "q", "ԝ": "w", "ӏ": "l",
    "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P",
    "С": "C", "Т": "T", "Х": "X", "У": "Y", "Ү": "Y", "І": "I", "Ј": "J", "Ѕ": "S",
    "Ӏ": "I",
    # Greek
    "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M",
    "Ν": "N", "Ο": "O", "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X", "ο": "o",
    # Latin: the Icelandic eth, which registers type and OCR reads for Đ ("NÐ-CP")
    "Ð": "Đ", "ð": "đ",
}  # fmt: skip
_CONFUSABLE_TABLE = str.maketrans(_CONFUSABLES)
_CONFUSABLE_CHAR = re.compile(f"[{''.join(_CONFUSABLES)}]")
_WORD = re.compile(r"(?:[^\W\d_]|[\u0300-\u036f])+")  # letters and combining marks
_LATIN_LETTER = re.compile("[A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff]")
_GREEK_OR_CYRILLIC = re.compile("[\u0370-\u03ff\u1f00-\u1fff\u0400-\u052f]")

_UNICODE_SPACES = (
    "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u202f\u205f\u3000"
)
# Zero-width and other invisible formatting characters (soft hyphen apart: TCVN3's ư):
# Mongolian vowel separator, zero-width space/non-joiner/joiner, direction marks and
# embeddings, word joiner, invisible operators, direction isolates, BOM.
_INVISIBLE = (
    "\u180e\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
    "\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069\ufeff"
)
_SOFT_HYPHEN = "\u00ad"
_FOLD_TABLE: dict[int, str | None] = {
    **{ord(space): " " for space in _UNICODE_SPACES},
    **{ord(char): None for char in _INVISIBLE + _SOFT_HYPHEN},
    **{ord(hyphen): "-" for hyphen in "\u2010\u2011"},  # hyphen, non-breaking hyphen
    **{code: chr(code - 0xFEE0) for code in range(0xFF01, 0xFF5F)},  # fullwidth ASCII
}
# Any character _FOLD_TABLE changes: most texts hold none, and looking for them costs
# far less than translating every character.
_FOLDED_CHAR = re.compile("[" + "".join(re.escape(chr(code)) for code in _FOLD_TABLE) + "]")
_CONTROL_TABLE: dict[int, str | None] = {
    **{code: None for code in (*range(0x20), 0x7F, *range(0x80, 0xA0)) if chr(code) not in "\t\n"},
    **{ord(brk): "\n" for brk in "\r\v\f\x85\u2028\u2029"},
    **{ord(char): None for char in _INVISIBLE},
}


def _fold_word(match: re.Match[str]) -> str:
    word = match.group()
    if _CONFUSABLE_CHAR.search(word) is None:
        return word
    if _LATIN_LETTER.search(word) is None:  # wholly Cyrillic or Greek: a real word
        return word
    folded = word.translate(_CONFUSABLE_TABLE)
    if _GREEK_OR_CYRILLIC.search(folded):  # other Cyrillic or Greek letters: leave it
        return word
    return unicodedata.normalize("NFC", folded)


def fold_lookalikes(text: str) -> str:
    """Fold characters that look like others but break matching.

    Cyrillic/Greek letters that look like Latin ones inside Latin words (а→a, е→e, о→o,
    р→p, с→c, х→x, у→y, і→i, Α→A, Ο→O, …), fullwidth ASCII → ASCII, and typographic
    variants that break matching: NBSP and other Unicode spaces → space, soft hyphen
    removed, zero-width and other invisible formatting characters removed, hyphen and
    non-breaking hyphen (U+2010, U+2011) → "-". Vietnamese letters are not changed, and a
    word that is wholly Cyrillic or Greek ("Москва"), or has Cyrillic or Greek letters
    with no Latin lookalike, is kept as it is.
    """
    if _FOLDED_CHAR.search(text) is not None:
        text = text.translate(_FOLD_TABLE)
    if _CONFUSABLE_CHAR.search(text) is None:
        return text
    return _WORD.sub(_fold_word, text)


def _remove_controls(text: str) -> str:
    """Control characters and invisible formatting removed; line and page breaks (CR,
    CRLF, VT, FF, NEL, U+2028, U+2029) become "\\n"; tabs kept."""
    return text.replace("\r\n", "\n").translate(_CONTROL_TABLE)


def normalize_text(text: str) -> str:
    """NFC; legacy TCVN3 (ABC) and VNI font encodings converted to Unicode when detected;
    lookalike characters folded; control characters removed (keep \\n and \\t); no other
    change.

    Line and page breaks other than \\n (\\r\\n, \\r, form feed, …) become \\n rather than
    disappearing, so that lines and pages are not glued together.
    """
    text = _remove_controls(unicodedata.normalize("NFC", text))
    encoding = detect_legacy_encoding(text)
    if encoding == "tcvn3":
        text = tcvn3_to_unicode(text)
    elif encoding == "vni":
        text = vni_to_unicode(text)
    return unicodedata.normalize("NFC", fold_lookalikes(text))


# Old-style tone placement puts the tone on the second vowel of "oa", "oe", "uy" with no
# final consonant ("hoà", "khoẻ", "thuỷ"); the modern one on the first ("hòa", "khỏe",
# "thủy"). Both are correct Vietnamese; "quý" keeps its tone, the "u" belongs to "qu".
# Matched on composed text: o or u, then a, e or y with a tone and nothing more, at the
# end of the word. Only the two letters are rewritten, so a long text is not decomposed.
_OLD_TONE_PLACEMENT = re.compile(
    "(?<![qQ])([oOuU])([àáảãạÀÁẢÃẠèéẻẽẹÈÉẺẼẸỳýỷỹỵỲÝỶỸỴ])(?![\\w\u0300-\u036f])"
)


def _moved_tone(match: re.Match[str]) -> str:
    vowel_and_tone = unicodedata.normalize("NFD", match[2])
    return unicodedata.normalize("NFC", match[1] + vowel_and_tone[1]) + vowel_and_tone[0]


def modern_tone_marks(text: str) -> str:
    """The same words with tones placed the modern way ("hoà" → "hòa", "uỷ" → "ủy")."""
    return _OLD_TONE_PLACEMENT.sub(_moved_tone, unicodedata.normalize("NFC", text))
