"""Number/symbol (số, ký hiệu) and place/date line of Vietnamese documents.

Shapes (vn-standards.md §1.4):

- administrative, typed:  "749/QĐ-TTg"       number/TYPE-ISSUER
- công văn:               "5744/UBND-NC"     number/ISSUER-DRAFTING UNIT (no type part)
- legal normative:        "45/2020/NĐ-CP"    number/year/TYPE-ISSUER
- law:                    "33/2024/QH15"     number/year/ISSUER (no type part)
- Party:                  "52-NQ/TW"         number-TYPE/ISSUER

`NumberSymbol.text` is the canonical form: NFC, upper case except the table's
mixed-case abbreviations (CTr, TTr, QyĐ, TTg), no spaces around "/" and "-".
A first part that is a type abbreviation is read as a type; a công văn whose issuer
happens to be spelt like a type ("12/CT-…") cannot be told apart from the symbol alone,
so store the type separately and never recompute it from the symbol.
"""

import datetime
import functools
import re
from dataclasses import dataclass

from congso.archive.reading.doctypes import (
    canonical_abbreviation,
    identifier_key,
    mixed_case_abbreviations,
)
from congso.archive.vntext import fold_lookalikes
from congso.core.text import fold, nfc

__all__ = [
    "NumberSymbol",
    "find_number_symbols",
    "fold_same_length",
    "normalize_symbol",
    "parse_loose",
    "parse_number_symbol",
    "parse_place_date",
    "parse_unnumbered_symbol",
    "parse_vn_date",
    "symbol_key",
]

_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d_"
_SLASHES = "\u2044\u2215\uff0f"
_SEPARATOR_TABLE = str.maketrans({**dict.fromkeys(_DASHES, "-"), **dict.fromkeys(_SLASHES, "/")})
# Upper-case Cyrillic and Greek letters that look like Latin capitals. `fold_lookalikes`
# keeps a word that is wholly Cyrillic ("СР"); inside a symbol it never is.
_CAPITAL_LOOKALIKES = str.maketrans(
    "АВСЕНІЈКМОРЅТХУΑΒΕΗΙΚΜΝΟΡΤΧΥΖ",
    "ABCEHIJKMOPSTXYABEHIKMNOPTXYZ",
)

_SPACED_SEPARATOR = re.compile(r"\s*([/-])\s*")
_SPACES = re.compile(r"\s+")
_PART = re.compile(r"[^/\-\s]+")
_NUMBER_PREFIX = re.compile(r"^\s*s[ốo]\s*[:.]?\s*", re.IGNORECASE)

_NUM = r"\d{1,6}(?:\.\d{1,3})?"
_SEG = r"[A-ZĐ][A-Za-zĐ0-9&.]*"
_ISSUER = rf"{_SEG}(?:[- ]{_SEG})*"
_LEGAL = re.compile(
    rf"(?P<number>{_NUM})/(?P<year>\d{{4}})/(?:(?P<type>{_SEG})-)?(?P<issuer>{_ISSUER})"
)
_ADMIN = re.compile(rf"(?P<number>{_NUM})/(?:(?P<type>{_SEG})-)?(?P<issuer>{_ISSUER})")
_PARTY = re.compile(rf"(?P<number>{_NUM})-(?P<type>{_SEG})/(?P<issuer>{_ISSUER})")
_TYPE_SLOT = re.compile(rf"^({_NUM}/(?:\d{{4}}/)?|{_NUM}-)({_SEG})(?=[-/])")

# Running text: raw characters (Ð, Cyrillic, dashes, a stray space) are accepted here and
# cleaned by `parse_number_symbol`. Each part must end at a word boundary, so that
# "…/QĐ-UBND - Về việc" does not swallow "V".
_UP = "A-ZĐÐ\u0391-\u03a9\u0410-\u042f"
_LOW = "a-zđð\u03b1-\u03c9\u0430-\u044f"
# A part is in capitals with at most one small letter ("TTg", "CTr") or all in small
# letters (portals lower-case abstracts: "quyết định số 3263/qđ-ubnd"); never a
# capitalised word ("Quy"). A spaced dash must be followed by capitals.
_DASH = rf"(?:[-{_DASHES}]\s?|\s[-{_DASHES}]\s?(?=[{_UP}]))"
_RUN_SEG = (
    rf"(?:[{_UP}][{_UP}0-9&]*(?:[{_LOW}][{_UP}0-9&]*)?|[{_LOW}][{_LOW}0-9&]*)(?![\w\u0300-\u036f])"
)
# The digit comes first and the look back after it: a pattern that starts with a digit
# lets the regex engine skip ahead to the digits (four times faster on running text).
_RUN_NUM = r"\d(?<![\w./\-]\d)\d{0,5}(?:\.\d{1,3})?"
_RUNNING_SYMBOL = re.compile(
    rf"{_RUN_NUM}\s?/\s?(?:\d{{4}}\s?/\s?{_RUN_SEG}(?:{_DASH}{_RUN_SEG})*"
    rf"|{_RUN_SEG}(?:{_DASH}{_RUN_SEG})+)"
    rf"|{_RUN_NUM}-{_RUN_SEG}/{_RUN_SEG}(?:-{_RUN_SEG})*"
)

_LOOSE_TOKEN = re.compile(rf"{_NUM}|[A-ZĐ][A-Za-zĐ0-9&]*")
_YEARS = range(1945, 2101)


@dataclass(frozen=True)
class NumberSymbol:
    """A parsed number/symbol.

    `issuer_abbr` is everything after the type: the issuing body, several for joint
    documents ("BTC-BNV"), and for a công văn also the drafting unit ("UBND-NC").
    """

    number: str
    year: int | None
    type_abbr: str | None
    issuer_abbr: str | None
    text: str


def _clean(text: str) -> str:
    text = fold_lookalikes(nfc(text)).translate(_SEPARATOR_TABLE)
    text = _SPACED_SEPARATOR.sub(r"\1", text)
    return _SPACES.sub(" ", text).strip()


@functools.cache
def _mixed_case_by_upper() -> dict[str, str]:
    return {abbr.upper(): abbr for abbr in mixed_case_abbreviations()}


def _restore_case(part: re.Match[str]) -> str:
    return _mixed_case_by_upper().get(part.group(), part.group())


def _canonical_type_slot(match: re.Match[str]) -> str:
    return match.group(1) + (canonical_abbreviation(match.group(2)) or match.group(2))


# A type abbreviation and the issuer's apart by a dot: a scan's hyphen ("TT.BKHCN").
_DOTTED_TYPE = re.compile(rf"^({_NUM}/(?:\d{{4}}/)?)([A-ZĐ]{{1,6}})\.(?=[A-ZĐ]{{2,}}$)")


def _dotted_type(match: re.Match[str]) -> str:
    if canonical_abbreviation(match.group(2)) is None:
        return match.group()
    return f"{match.group(1)}{match.group(2)}-"


def normalize_symbol(text: str) -> str:
    """Canonical spelling of a number/symbol, for display, storage and comparison.

    NFC; Đ typed as Ð (U+00D0) and Cyrillic/Greek lookalikes folded; dashes, "_" and
    other hyphens → "-"; no spaces around "/" and "-"; upper case except mixed-case
    abbreviations of the table; D → Đ ("QD" → "QĐ") only in the type part, and only
    when the table has no abbreviation spelt with D ("HD" stays Hướng dẫn).
    """
    text = identifier_key(_clean(text)).translate(_CAPITAL_LOOKALIKES)
    text = _DOTTED_TYPE.sub(_dotted_type, text)
    text = _PART.sub(_restore_case, text)
    return _TYPE_SLOT.sub(_canonical_type_slot, text)


def symbol_key(text: str) -> str:
    """The form in which number/symbols are matched: canonical, case-folded, the number
    without leading zeros ("01/2026/TT-BNV" and "1/2026/tt-bnv" name one document)."""
    if not text.strip():
        return ""
    key = normalize_symbol(text).replace(" ", "").casefold()
    return key.lstrip("0") or key


def _from_match(match: re.Match[str], text: str) -> NumberSymbol:
    type_abbr = match.group("type")
    issuer = match.group("issuer")
    is_type = type_abbr is not None and canonical_abbreviation(type_abbr) is not None
    if type_abbr is not None and not is_type and match.re is _ADMIN:
        type_abbr, issuer = None, f"{type_abbr}-{issuer}"
    year = match.groupdict().get("year")
    return NumberSymbol(
        number=match.group("number"),
        year=int(year) if year else None,
        type_abbr=type_abbr,
        issuer_abbr=issuer,
        text=text,
    )


# The years of each National Assembly (Quốc hội khóa N), whose number ends the symbols of
# its laws and resolutions ("27/2001/QH10", "35/2018/UBTVQH14"); a term's last year is
# the next one's first.
LEGISLATURES = {
    10: (1997, 2002),
    11: (2002, 2007),
    12: (2007, 2011),
    13: (2011, 2016),
    14: (2016, 2021),
    15: (2021, 2026),
    16: (2026, 2031),
}
_TERM_OF_YEAR = re.compile(
    r"^(?P<head>[^/]+/(?P<year>\d{4})/(?:[^/]*-)?(?:UBTV)?QH)(?P<term>\d{1,2})$"
)


def _term_agreeing_with_year(symbol: str) -> str:
    """A legislature the symbol's year rules out, one digit away from the only one it
    allows, is that one: a scan's "27/2001/QH19" is "27/2001/QH10"."""
    match = _TERM_OF_YEAR.match(symbol)
    if match is None:
        return symbol
    year, term = int(match.group("year")), match.group("term")
    allowed = [str(n) for n, (first, last) in LEGISLATURES.items() if first <= year <= last]
    if not allowed or term in allowed:
        return symbol
    near = [n for n in allowed if _one_digit_apart(n, term)]
    return match.group("head") + near[0] if len(near) == 1 else symbol


def _one_digit_apart(one: str, other: str) -> bool:
    return len(one) == len(other) and sum(a != b for a, b in zip(one, other, strict=True)) == 1


@functools.lru_cache(maxsize=16384)  # the same symbols come back in document after document
def parse_number_symbol(text: str) -> NumberSymbol | None:
    """Parse one number/symbol field ("Số: 749/QĐ-TTg", "45/2020/NĐ-CP", "52-NQ/TW").

    The whole text must be the symbol (after an optional "Số:"); use `parse_loose` for
    search input and `find_number_symbols` for running text. A legislature its year
    rules out is put right where one digit tells (`_term_agreeing_with_year`).
    """
    canonical = _term_agreeing_with_year(normalize_symbol(_NUMBER_PREFIX.sub("", nfc(text))))
    for pattern in (_LEGAL, _PARTY, _ADMIN):
        match = pattern.fullmatch(canonical)
        if match:
            return _from_match(match, canonical)
    return None


# The number left blank before the symbol, to be written in when the document is issued
# (or written by hand, which OCR does not read): "Số:      /UBND-VP", "Số: …/2025/NĐ-CP".
_BLANK_NUMBER = re.compile(r"^[\s._…]*(?=[/-])")


def parse_unnumbered_symbol(text: str) -> NumberSymbol | None:
    """Parse a number/symbol whose number is blank: "/PCCC&CNCH-P6", "Số: …/2025/TT-BCA",
    "-NQ/TW". The result's `number` is "" and its text starts at the separator."""
    rest = _BLANK_NUMBER.sub("", _NUMBER_PREFIX.sub("", nfc(text)))
    if not rest.startswith(("/", "-")):
        return None
    parsed = parse_number_symbol("0" + rest)  # any number, to reuse the shapes
    if parsed is None:
        return None
    return NumberSymbol(
        number="",
        year=parsed.year,
        type_abbr=parsed.type_abbr,
        issuer_abbr=parsed.issuer_abbr,
        text=parsed.text[1:],
    )


def parse_loose(text: str) -> NumberSymbol | None:
    """Parse search-style input: "749 qd ttg", "QĐ-TTg 749", "45 2020 nđ cp".

    Tries `parse_number_symbol` first. Otherwise the first number is the number, a
    following plausible year the year, a leading type abbreviation the type and the
    remaining words the issuer; the result is in the administrative or legal shape.
    """
    strict = parse_number_symbol(text)
    if strict is not None:
        return strict
    tokens = _LOOSE_TOKEN.findall(normalize_symbol(_NUMBER_PREFIX.sub("", nfc(text))))
    numbers = [token for token in tokens if token[0].isdigit()]
    words = [token for token in tokens if not token[0].isdigit()]
    if not numbers or not words or len(numbers) > 2:
        return None
    year = numbers[1] if len(numbers) == 2 else None
    if year is not None and int(year) not in _YEARS:
        return None
    type_abbr = canonical_abbreviation(words[0]) if len(words) > 1 else None
    parts = [numbers[0], year, "-".join([type_abbr or words[0], *words[1:]])]
    return parse_number_symbol("/".join(part for part in parts if part))


def find_number_symbols(text: str) -> list[tuple[int, int, NumberSymbol]]:
    """Number/symbols cited in running text, as (start, end, parsed) in `text` offsets.

    A symbol needs letters after the number and, in the administrative shape, a "-":
    dates ("03/6/2020"), fractions, phone numbers and "Điều 5/2" are not symbols.
    """
    found: list[tuple[int, int, NumberSymbol]] = []
    for match in _RUNNING_SYMBOL.finditer(text):
        parsed = parse_number_symbol(match.group())
        if parsed is not None:
            found.append((match.start(), match.end(), parsed))
    return found


# --- Place and date line ----------------------------------------------------------------
# Matched on a tone-folded, lower-case copy of the same length (see `fold_same_length`),
# so that "NGÀY", "ngay" and OCR's "ngày03" all match and offsets still index the line.
# OCR leaves stray dots and commas around the numbers ("ngày.27 tháng 02 năm 2025").
_WORDED_DATE = re.compile(
    r"ngay[\s.,:]*(\d{1,2})[\s.,]*thang[\s.,:]*(\d{1,2})[\s.,]*nam[\s.,:]*(\d{4})(?!\d)"
)
_NUMERIC_DATE = re.compile(r"(?<![\d/.\-])(\d{1,2})\s?([/.\-])\s?(\d{1,2})\s?\2\s?(\d{4})(?!\d)")
_PLACE_END = re.compile(r"[\s,]+$")


class _SameLengthFold(dict[int, str]):
    """A `str.translate` table: each character folded to one, filled as characters come."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        self[code] = folded = fold(char)[:1] or char
        return folded


_SAME_LENGTH_FOLD = _SameLengthFold()


def fold_same_length(text: str) -> str:
    """Lower case without tones (đ → d), one character for each: offsets still index `text`."""
    return text.translate(_SAME_LENGTH_FOLD)


def _find_date(line: str) -> tuple[int, datetime.date | None] | None:
    """Start offset and value of the first date-like text in `line` (NFC)."""
    folded = fold_same_length(line.translate(_SEPARATOR_TABLE))
    worded = _WORDED_DATE.search(folded)
    if worded:
        day, month, year = worded.groups()
        return worded.start(), _make_date(year, month, day)
    numeric = _NUMERIC_DATE.search(folded)
    if numeric:
        day, _, month, year = numeric.groups()
        return numeric.start(), _make_date(year, month, day)
    return None


def _make_date(year: str, month: str, day: str) -> datetime.date | None:
    try:
        return datetime.date(int(year), int(month), int(day))
    except ValueError:
        return None


def parse_vn_date(text: str) -> datetime.date | None:
    """The first date in `text`: "ngày 03 tháng 6 năm 2020", "03/6/2020", "3-6-2020",
    "03.06.2020", also upper case, without tones or spaces. None if there is none or it
    does not exist (31/02)."""
    found = _find_date(nfc(text))
    return found[1] if found else None


def parse_place_date(line: str) -> tuple[str | None, datetime.date | None]:
    """Place and date of a place-date line: "Hà Nội, ngày 03 tháng 6 năm 2020".

    The place is the text before the date, without the comma; None when there is none.
    """
    line = nfc(line).strip()
    found = _find_date(line)
    if found is None:
        return None, None
    place = _PLACE_END.sub("", line[: found[0]])
    return (place or None), found[1]
