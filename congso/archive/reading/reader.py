"""Read the fields of an administrative document from its lines in reading order.

The form is that of Nghị định 30/2020 (Phụ lục I): a header (issuing body and parent
body, national motto, number and symbol, place and date), the type and abstract, the
body (legal bases, articles), then the recipients and the signature block, then
appendices. Lines come from `layout` (which puts side-by-side boxes one after the other),
so the same rules read texts, born-digital PDFs and scans. Each field gets a confidence:
that of the rule which found it, times OCR's confidence in the line it came from.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from congso.archive import vntext
from congso.archive.lexicon import Lexicon, remove_stray_marks
from congso.archive.reading import citations, doctypes, identifiers, words
from congso.archive.reading.layout import Line
from congso.archive.reading.result import Reading
from congso.core.text import fold

# How far into the document the header may reach, in lines.
_HEADER_LINES = 30
_ABSTRACT_LINES = 20
# The number and date sit within a few lines of the motto, whichever order they come in.
_HEADER_AFTER_MOTTO = 12
_DATE_ENDS_LINE = re.compile(r"\d{4}\s*[.)]?[\s.,:;'`_~|-]*$")
# What OCR makes of specks after a value: dots, colons, underscores, dashes.
_SPECKS = " .,:;'`_~|-—"
# ... and next to a symbol's separators: "79/2025/TT-.NHNN".
_STRAY_IN_SYMBOL = re.compile(r"(?<=[-/])[.,'`_]+|[.,'`_]+(?=[-/])")
# ... and a 6 read as "ó" at the end of a symbol's part ("PCCC&CNCH-Pó").
_SIX_MISREAD = re.compile(r"(?<=[A-ZĐ0-9])ó(?=[-/\s]|$)")

# "Số: 12/…", also as a scan gives it: "- Số: …", "-Số: …", "Số:: …"; or with the number
# left blank, to be written in on issue (group "blank"): "Số:     /UBND-VP", "Số:" alone
# beside the symbol in another box of the scan.
_NUMBER_LABEL = re.compile(
    r"^[-—–.,_'`~|\s]*(?P<before>(?:[^\W\d_]+\s+){0,3}?)[s8§$][ốôổồoóőò0-9]\s*"
    r"(?:[:.;]{0,2}\s*(?=\d)|(?P<blank>[:.;]{1,2}[\s._…]*$|[:.;]{0,2}[\s._…]*(?=[/-]\s?[A-ZĐ0-9])))",
    re.IGNORECASE,
)
# "V/v", also as OCR leaves it: "V/ ", "V.v", "V/y".
_VV = re.compile(r"^\s*(?:V\s*/\s*[vy]|V\.\s*v|V\s*/(?=\s))\s*[:.]?\s*", re.IGNORECASE)
# "V/v", "V.v", "Về việc" (with a scan's speck read as a letter: "Về v việc").
_ABOUT = re.compile(
    r"^\s*(?:V\s*/\s*[vy]|V\.\s*v|V\s*/(?=\s)|Về\s+(?:[^\W\d_]\s+)?việc)\s*[:.]?\s*",
    re.IGNORECASE,
)
# A body paragraph opens with a capital: "Để…" starts the body, "để…" continues an abstract.
_BODY_OPENERS = (
    "can cu", "theo de nghi", "xet de nghi", "xet ", "thuc hien", "kinh gui", "dieu ",
    "phan thu", "trien khai", "tren co so", "nham ", "de ", "ngay ", "sau khi",
    "trong ", "thuc trang", "muc dich", "hien nay", "qua ", "tiep theo", "vua qua",
)  # fmt: skip
# "I. MỤC ĐÍCH", "1. …": headings of a body ("2) …" may be a wrapped abstract's "(đợt 2)").
_ENUMERATION = re.compile(r"^(?:[IVXLC]+|\d{1,2})\.\s")
_ARTICLE = re.compile(r"^Điều\s+\d+[a-zđ]?\s*[.:]")
# "Điều 19 Nghị định số …", "Điều 5 của Luật …": an article cited on a wrapped line.
_CITED_ARTICLE = re.compile(
    r"^Điều\s+\d+[a-zđ]?\s+(?:[a-zà-ỹđ]|(?:Luật|Bộ\s+luật|Nghị|Thông|Quyết|Pháp)\b)"
)
# "Chương I", "CHƯƠNG 2": a chapter heading opens the body; "Chương trình …" may wrap an
# abstract.
_CHAPTER = re.compile(r"^(?:Chương|CHƯƠNG)\s+(?:[IVXLC]+|\d+)\b")
_APPENDIX = re.compile(r"^(?:PHỤ\s+LỤC|Phụ\s+lục)(?:\s+[IVXLC\d]+[a-z]?)?\s*[.:]?\s*(?:$|[A-ZĐ(])")
_SECRECY = {"mat": "MẬT", "toi mat": "TỐI MẬT", "tuyet mat": "TUYỆT MẬT"}
_URGENCY = {
    "khan": "KHẨN",
    "thuong khan": "THƯỢNG KHẨN",
    "hoa toc": "HỎA TỐC",
    "hoa toc hen gio": "HỎA TỐC HẸN GIỜ",
}
_ADOPTED = re.compile(r"thông\s+qua\s+ngày", re.IGNORECASE)


@dataclass
class _Doc:
    """Lines being read and what has been found where."""

    lines: list[Line]
    texts: list[str]
    header_end: int = 0  # index of the first line after the header
    body_start: int = 0
    signature_at: int | None = None
    # What the page printed before the abstract and the field leaves out ("Về việc",
    # "V/v"): the lexicon weighs the abstract's first word after it.
    abstract_context: str = ""


def read(lines: Sequence[Line], *, lexicon: Lexicon | None = None) -> Reading:
    """The fields of one document, from its lines in reading order.

    Fields read from OCR'd lines lose stray marks and, given the agency's `lexicon`,
    get misread words put right (a wrong tone, a speck read as a letter)."""
    kept = [part for line in _cleaned(_within_margins(lines)) for part in _unglued(line)]
    doc = _Doc(kept, [line.text for line in kept])
    reading = Reading()
    _read_header(doc, reading)
    _read_type_and_abstract(doc, reading)
    _read_footer(doc, reading)
    _fill_gaps(doc, reading)
    main_text = "\n".join(doc.texts[doc.header_end : doc.signature_at or len(doc.texts)])
    if any(line.confidence is not None for line in kept):
        main_text = _cited_symbols_agreeing_with_types(main_text)
    reading.references = citations.find(main_text, own_symbol=reading.number_symbol)
    reading.articles = _articles(doc.texts[doc.body_start : doc.signature_at])
    if any(line.confidence is not None for line in kept):
        _correct_ocr(reading, lexicon, abstract_context=doc.abstract_context)
        if lexicon is not None and reading.abstract:
            restated = _restated_abstract(doc, reading.abstract, reading.doc_type)
            if restated is not None:
                reading.abstract = lexicon.combined(reading.abstract, lexicon.correct(restated))
    return reading


def _articles(texts: list[str]) -> list[str]:
    """The articles' headings ("Điều 3. Ngành, nghề … về an ninh, trật tự"), with the
    lines a page wrapped them onto: those that go on in small letters (the body under
    a heading opens with a capital, "1." or "a)")."""
    articles = []
    for at, text in enumerate(texts):
        if not _ARTICLE.match(text):
            continue
        heading = text
        for more in texts[at + 1 : at + 1 + _ARTICLE_LINES]:
            if not more[:1].islower() or len(heading) >= _ARTICLE_LENGTH:
                break
            heading = f"{heading} {more}"
        articles.append(heading[:_ARTICLE_LENGTH])
    return articles


# How long an article's heading is kept, and how many lines it may have wrapped onto.
_ARTICLE_LENGTH = 200
_ARTICLE_LINES = 2


# How many lines of the body the enacting sentence may be from its start.
_ENACTING_LINES = 40
# How many of the abstract's words it must repeat letter for letter (marks aside).
_RESTATED_SHARE = 0.8


def _restated_abstract(doc: _Doc, abstract: str, doc_type: str | None) -> str | None:
    """The abstract as the enacting sentence of a law, decree or circular says it again
    ("Chính phủ ban hành Nghị định quy định các danh mục chất ma túy…"), in the body's
    type, whose marks OCR reads better than the bold capitals of the title: the
    abstract's words with the sentence's marks and the abstract's case, where the two
    spell a word alike; None when there is no such sentence or it says other words."""
    if not doc_type:
        return None
    start = doc.header_end
    body = " ".join(
        doc.texts[start : min(start + _ENACTING_LINES, doc.signature_at or len(doc.texts))]
    )
    said = body.split()
    opening = ["ban", "hanh", *words.folded(doc_type).split()]
    ours = abstract.split()
    keys = [words.folded(word) for word in said]
    for at in range(len(said) - len(opening)):
        if keys[at : at + len(opening)] != opening:
            continue
        theirs = said[at + len(opening) : at + len(opening) + len(ours)]
        if len(theirs) < len(ours):
            return None
        alike = [words.folded(a) == words.folded(b) for a, b in zip(ours, theirs, strict=True)]
        if sum(alike) < _RESTATED_SHARE * len(ours) or not alike[-1]:
            return None
        return " ".join(
            _with_marks_of(our, their) if same else _unless_no_word(our, their)
            for our, their, same in zip(ours, theirs, alike, strict=True)
        )
    return None


def _with_marks_of(word: str, other: str) -> str:
    """`word` with the marks `other` gives its letters, in `word`'s case and punctuation
    ("CÁNG," and "cảng" → "CẢNG,")."""
    ours, theirs = _CORE.search(word), _CORE.search(other)
    if ours is None or theirs is None or fold(ours.group()) != fold(theirs.group()):
        return word
    marked = "".join(
        mark.upper() if letter.isupper() else mark.lower()
        for letter, mark in zip(ours.group(), theirs.group(), strict=True)
    )
    return word[: ours.start()] + marked + word[ours.end() :]


_CORE = re.compile(r"[^\W\d_]+")


def _unless_no_word(word: str, other: str) -> str:
    """`other`, in `word`'s case, where OCR made no syllable of the word ("ĐIỀU JA LUẬT",
    a date written over "CỦA"); `word` otherwise."""
    if vntext.is_syllable(_bare(word)) or not vntext.is_syllable(_bare(other)):
        return word
    return other.upper() if word.isupper() else other


def _bare(word: str) -> str:
    return word.strip(".,;:!?()\"'“”").lower()


# Fields of running words (not identifiers or dates), worth correcting after OCR.
_WORDED_FIELDS = (
    "abstract",
    "issuer",
    "issuer_parent",
    "place",
    "signer_position",
    "signing_authority",
)


def _correct_ocr(reading: Reading, lexicon: Lexicon | None, *, abstract_context: str) -> None:
    def correct(text: str, context: str = "") -> str:
        if lexicon is None:
            text = remove_stray_marks(text)
        else:
            text = lexicon.correct(text, context=context)
        return words.province_kinds_marked(" ".join(text.split()))

    for name in _WORDED_FIELDS:
        value = getattr(reading, name)
        if value:
            setattr(reading, name, correct(value, abstract_context if name == "abstract" else ""))
    reading.recipients = [correct(item) for item in reading.recipients]
    reading.articles = [correct(article) for article in reading.articles]
    if reading.signer:
        reading.signer = _spelt_name(reading.signer, correct(reading.signer))
    if reading.signer and lexicon is not None:
        reading.signer = lexicon.correct_name(reading.signer)
    _positions_marked(reading)
    if reading.abstract:
        joined = _SPACED_SYMBOL_DASH.sub(r"\1-", _SPECK_BETWEEN_WORDS.sub(" ", reading.abstract))
        joined = _MONTH_READ_AS_DAY.sub(_month_word, joined)
        reading.abstract = _cited_symbols_agreeing_with_types(joined)
    _symbol_agreeing_with_type(reading)
    _symbol_agreeing_with_issuer(reading)
    _legislature_in_digits(reading)


def _spelt_name(read: str, corrected: str) -> str:
    """A signer's name with only the words OCR spelt as no syllable taken from the
    lexicon's correction ("Phớóc" → "Phớc"): running text is no guide to a name, whose
    syllables make common words with their neighbours ("Bùi Văn Khắng" is no "văn
    không"). Marks put back on a real syllable are `Lexicon.correct_name`'s to judge."""
    ours, theirs = read.split(), corrected.split()
    if len(ours) != len(theirs):
        return corrected  # a speck taken out, glued words split
    return " ".join(
        word if vntext.is_syllable(word.lower()) else new
        for word, new in zip(ours, theirs, strict=True)
    )


def _positions_marked(reading: Reading) -> None:
    """The signer's position and those of the authority lines with their marks back when
    OCR got them wrong ("PHÔ CỰC TRƯỜNG", "KT. CỤC TRƯỜNG")."""
    if reading.signer_position:
        reading.signer_position = words.position_marked(reading.signer_position)
    if reading.signing_authority:
        lines = [line.split(" ", 1) for line in reading.signing_authority.split(", ")]
        reading.signing_authority = ", ".join(
            f"{line[0]} {words.position_marked(line[1])}" if len(line) == 2 else line[0]
            for line in lines
        )


# A speck read as a full stop between two words: "xe máy.chuyên dùng".
_SPECK_BETWEEN_WORDS = re.compile(r"(?<=[a-zà-ỹđ]{2})\.(?=[a-zà-ỹđ]{2})")
# A space OCR put after a cited symbol's hyphen: "Thông tư số 79/2024/TT- BCA".
_SPACED_SYMBOL_DASH = re.compile(r"(?<=\d/)([A-ZĐ]{1,6}) ?- (?=[A-ZĐ]{2,}\b)")
# "ngày 28 ngày 02 năm 2025": OCR read the month's word as the day's, which the lexicon
# cannot tell from its neighbours (a number on either side of both).
_MONTH_READ_AS_DAY = re.compile(r"\b(ngày \d{1,2} )(ngày)(?= \d{1,2} năm \d{4})", re.I)


def _month_word(match: re.Match[str]) -> str:
    return match.group(1) + ("THÁNG" if match.group(2).isupper() else "tháng")


# "… Quyết định số 4002/QĐ-UBND …" in a scan's text: the type part after the number,
# perhaps split by a space ("79/2024/T T-BCA").
_CITED_TYPE_PART = re.compile(
    r"\bsố\s+\d+(?:/\d{4})?/(?P<abbr>[^\W\d_](?:[^\W_]{0,4}|[^\W\d_]? [^\W\d_]{1,2}))(?=-)",
    re.IGNORECASE,
)


def _cited_symbols_agreeing_with_types(text: str) -> str:
    """A symbol cited in a scan's abstract or body whose type part is one letter off the
    abbreviation of the type named before it takes that abbreviation, in the case it was
    written in ("quyết định số 4002/gđ-ubnd" → "qđ-ubnd", "Nghị quyết số 51/NQG-HĐND" →
    "NQ-HĐND", "Thông tư số 79/2024/TTI-BCA" → "TT-BCA"), and loses a space OCR put
    inside it ("79/2024/T T-BCA")."""

    def agreeing(match: re.Match[str]) -> str:
        read = match.group("abbr").replace(" ", "")
        named = _type_named_before(text[: match.start()])
        expected = sorted(_abbreviations_of(named)) if named else []
        close = [a for a in expected if _one_edit_apart(re.sub(r"\d", "", read.upper()), a)]
        if read.upper() in expected:
            close = [read.upper()]
        if not close:
            return match.group()
        fixed = close[0].lower() if read.islower() else close[0]
        if fixed == match.group("abbr"):
            return match.group()
        return match.group()[: match.start("abbr") - match.start()] + fixed

    return _CITED_TYPE_PART.sub(agreeing, _cited_type_names_marked(text))


def _cited_type_names_marked(text: str) -> str:
    """A type named before a cited symbol with a wrong mark, when the symbol's type part
    is that type's ("THÔNG TỰ SỐ 12/2021/TT-BXD" → "THÔNG TƯ SỐ …"): its marks put right,
    in the case it was written in."""
    for match in reversed(list(_CITED_TYPE_PART.finditer(text))):
        before = text[: match.start()].rstrip()
        named = _type_named_before(before)
        if named is None or match.group("abbr").upper() not in _abbreviations_of(named):
            continue
        last = re.search(rf"\S+(?:\s+\S+){{{len(named.split()) - 1}}}$", before)
        if last is None or last.group().casefold() == named.casefold():
            continue
        read = last.group()
        written = named.upper() if read.isupper() else named
        if read[:1].islower():
            written = written[:1].lower() + written[1:]
        text = text[: last.start()] + written + text[len(before) :]
    return text


def _type_named_before(text: str) -> str | None:
    """The type name that the last one to four words of `text` make, longest first."""
    last = text.split()[-4:]
    for size in range(len(last), 0, -1):
        found = words.type_name_at_start(" ".join(last[-size:]), fuzzy=False)
        if found is not None and not found[1]:
            return found[0]
    return None


# The National Assembly's term closes its symbols ("QH15", "UBTVQH15"): two digits, which
# OCR reads as the letters they look like.
_LEGISLATURE = re.compile(r"(?<=QH)[0-9IlO|]{2}$")
_AS_DIGITS = str.maketrans({"I": "1", "l": "1", "|": "1", "O": "0"})


def _legislature_in_digits(reading: Reading) -> None:
    symbol = reading.number_symbol
    term = _LEGISLATURE.search(symbol) if symbol else None
    if symbol is None or term is None or term.group().isdigit():
        return
    _set_corrected_symbol(reading, symbol[: term.start()] + term.group().translate(_AS_DIGITS))


def _set_corrected_symbol(reading: Reading, symbol: str) -> None:
    """A symbol put right from what else the page says: no surer than a guess."""
    parsed = identifiers.parse_number_symbol(symbol) or identifiers.parse_unnumbered_symbol(symbol)
    if parsed is not None:
        _set_symbol(reading, parsed, min(reading.confidence.get("number_symbol", 1.0), 0.7))


def _symbol_agreeing_with_type(reading: Reading) -> None:
    """On a scan, a symbol's type part that is no abbreviation but one edit off that of
    the type line above it ("TI", "T1", "TT1" under "THÔNG TƯ"; "QĐĐ", "GĐ" under "QUYẾT
    ĐỊNH"; a digit being a letter's misread stem), or glued to the issuer part
    ("TTNHNN"), takes the type line's abbreviation."""
    symbol, read, issuer = (
        reading.number_symbol,
        reading.type_abbreviation,
        reading.issuer_abbreviation,
    )
    if not symbol or not reading.doc_type or (read and doctypes.by_abbreviation(read)):
        return
    expected = sorted(_abbreviations_of(reading.doc_type))
    fixed = None
    if read:
        letters = re.sub(r"\d", "", read)
        close = [a for a in expected if letters and _one_edit_apart(letters, a)]
        if close:
            after = issuer if issuer and symbol.endswith(issuer) else ""
            head, _sep, tail = symbol[: len(symbol) - len(after)].rpartition(read)
            fixed = head + close[0] + tail + after
    elif issuer and "-" not in issuer and symbol.endswith(issuer):
        glued = [a for a in expected if issuer.startswith(a) and len(issuer) - len(a) >= 2]
        if glued:
            fixed = f"{symbol[: -len(issuer)]}{glued[0]}-{issuer[len(glued[0]) :]}"
    elif issuer and symbol.endswith(issuer):
        # "20/QĐĐ-UBND": a type part no longer an abbreviation reads as a công văn's
        # issuer; one edit off the type line's, it is that.
        first, _dash, rest = issuer.partition("-")
        close = [a for a in expected if first != a and _one_edit_apart(first, a)]
        if close:
            fixed = f"{symbol[: -len(issuer)]}{close[0]}-{rest}"
    if fixed:
        _set_corrected_symbol(reading, fixed)


def _abbreviations_of(type_name: str) -> set[str]:
    """The symbol abbreviations of a type's name, of two letters or more (a lone "L" of
    Lệnh is too easily part of something else)."""
    key = words.folded(type_name)
    return {
        abbr
        for doc_type in doctypes.all_types()
        if words.folded(doc_type.name) == key
        for abbr in doc_type.abbreviations
        if len(abbr) >= 2
    }


def _one_edit_apart(read: str, expected: str) -> bool:
    """One letter inserted, lost or changed (or none: "TT1" less its digit is "TT")."""
    if abs(len(read) - len(expected)) > 1:
        return False
    if len(read) == len(expected):
        return sum(a != b for a, b in zip(read, expected, strict=True)) <= 1
    shorter, longer = sorted((read, expected), key=len)
    return any(longer[:i] + longer[i + 1 :] == shorter for i in range(len(longer)))


# Initials this short are too alike (BTC, BTP) to tell a misread letter from another body.
_SHORTEST_INITIALS = 4


def _symbol_agreeing_with_issuer(reading: Reading) -> None:
    """On a scan, the symbol's issuer part one letter off the initials of the issuer read
    above it ("TT-BGTV", "TT-BTTTI", "TT-BITNMT" under "BỘ GIAO THÔNG VẬN TẢI", "BỘ
    THÔNG TIN VÀ TRUYỀN THÔNG", "BỘ TÀI NGUYÊN VÀ MÔI TRƯỜNG"), or with one of their
    letters doubled, even when short ("BYTT"), or with T, I and L taken for one another
    ("BLLII"), or a speck read as a hyphen inside it ("BNN-MT"): OCR lost, added or misread
    a letter of the symbol, whose parts are no words for the lexicon to put right."""
    symbol, read = reading.number_symbol, reading.issuer_abbreviation
    if not symbol or not read or not reading.issuer or not symbol.endswith(read):
        return
    initials = _issuer_initials(reading.issuer)
    if read == initials:
        return
    if "-" in read:  # a joint symbol's parts ("BTC-BYT"), or a speck inside one ("BNN-MT")
        if read.replace("-", "") == initials:
            _set_corrected_symbol(reading, symbol[: -len(read)] + initials)
        return
    # A letter more at the end is the issuer's name read short ("BỘ GIÁO DỤC VÀ ĐÀO" of a
    # wrapped "… ĐÀO / TẠO"), not a letter added to the symbol; but a name as short as
    # "BỘ Y TẾ" does not wrap, and "BYTT" under it is a doubled letter.
    short = len(initials) < _SHORTEST_INITIALS
    cut_name = read[:-1] == initials and not (short and read[-1] == initials[-1])
    shape, expected = read.translate(_SAME_SHAPE), initials.translate(_SAME_SHAPE)
    near = not short and (shape == expected or _one_edit_apart(shape, expected))
    if cut_name or not (near or _doubled_letter(shape, expected)):
        return
    _set_corrected_symbol(reading, symbol[: -len(read)] + initials)


# Capitals OCR reads for one another in a symbol: "BLLII" of "BTTTT".
_SAME_SHAPE = str.maketrans("IL1", "TTT")


def _issuer_initials(issuer: str) -> str:
    """How symbols abbreviate a body: "Bộ Lao động - Thương binh và Xã hội" → "BLĐTBXH"."""
    names = re.findall(r"[^\W_]+", issuer)  # "_" is a speck, not a word
    return "".join(w[0] for w in names if w.casefold() != "và").upper()


def _doubled_letter(read: str, expected: str) -> bool:
    """`read` is `expected` with one letter printed twice ("BYTT" for "BYT")."""
    return any(
        read[i] == read[i + 1] and read[:i] + read[i + 1 :] == expected
        for i in range(len(read) - 1)
    )


# OCR's specks at the ends of a line, and what it reads from a stamp's ring; no line
# opens with a full stop or colon.
_EDGE_SPECKS = "_'`~|¬„‚‹›ˆ˜ˇ´¨¸˘˙˚"
_OPENING_SPECKS = ".,:;"
_SPECK_CONFIDENCE = 0.35
# Letters of other languages OCR puts on Vietnamese words ("CÑCH" of "CNCH"), and the
# inverted "¡" it reads for a lone "i" or "I" ("điểm ¡ khoản 2", "Phụ lục ¡ kèm theo").
_NO_VIETNAMESE_LETTERS = str.maketrans("Ññ¡", "Nni")


# How far left of a scanned page's text column a short line must start to be a mark in
# the margin (an incoming stamp, a note by hand) rather than a table or an outdent; and
# how wide a line must be to tell where the column starts (fractions of the page).
_MARGIN_MARK_OFFSET = 0.1
_MARGIN_MARK_WIDTH = 0.4
_FULL_LINE_WIDTH = 0.5


def _within_margins(lines: Sequence[Line]) -> list[Line]:
    """Recognized lines without what lies in a page's left margin: the "ĐẾN" stamp of a
    received document, printed over the abstract's first words ("CỔNG THÔNG TIN ĐIỆN TỬ
    CHÍNH PHỦ" read into it)."""
    column: dict[int, float] = {}
    for page in {line.page for line in lines}:
        lefts = sorted(
            line.box[0]
            for line in lines
            if line.page == page
            and line.box is not None
            and line.confidence is not None
            and line.box[2] - line.box[0] >= _FULL_LINE_WIDTH
        )
        if len(lefts) >= 3:
            column[page] = lefts[len(lefts) // 2]
    return [
        line
        for line in lines
        if line.box is None
        or line.page not in column
        or line.box[0] >= column[line.page] - _MARGIN_MARK_OFFSET
        or line.box[2] - line.box[0] >= _MARGIN_MARK_WIDTH
        or _NUMBER_LABEL.match(line.text)  # a header in a table wider than the text
    ]


def _cleaned(lines: Sequence[Line]) -> list[Line]:
    """Lines without rules, page numbers and OCR's specks ("TT" at 19 % from a stamp, a
    lone ":" or "„" of dust)."""
    kept = []
    for line in lines:
        if line.confidence is not None:
            text = line.text.translate(_NO_VIETNAMESE_LETTERS)
            text = text.lstrip(_OPENING_SPECKS + _EDGE_SPECKS + " ")  # ". _ THÔNG TƯ"
            text = text.rstrip(_EDGE_SPECKS + " ")
            letters = sum(c.isalpha() for c in text)
            if line.confidence < _SPECK_CONFIDENCE and letters < 4:
                continue
            if not any(c.isalnum() for c in text):
                continue
            line = replace(line, text=text)
        if not words.is_noise(line.text):
            kept.append(line)
    return kept


_MOTTO_START = re.compile(r"\s(?=C[ỘOÔ]NG\s+H[ÒOÓ]A\s+X[ÃA]\s+H[ỘO]I)")


# Where a place and date begin after a number on the same line ("Số: 12/QĐ-UBND __ Bình
# Dương, ngày …"): a space before a word that runs, without digits, to ", ngày".
_PLACE_DATE_START = re.compile(r"\s(?=[^\W\d_][^\d,]{1,40},\s*ngày\b)", re.IGNORECASE)


def _unglued(line: Line) -> list[Line]:
    """A header line that holds two boxes, as OCR or a web page may join them: the issuing
    body and the motto ("BỘ Y TẾ CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), or the number and
    the place and date ("Số: 2243/QĐ-UBND. Bình Dương, ngày 02 tháng 8 năm 2019")."""
    if _NUMBER_LABEL.match(line.text):
        start = _PLACE_DATE_START.search(line.text)
        if start is not None and _place_date(line.text[start.end() :]) is not None:
            number, date = line.text[: start.start()], line.text[start.end() :]
            return [replace(line, text=number.strip()), replace(line, text=date)]
        return [line]
    match = _MOTTO_START.search(line.text)
    if match is None or not words.is_upper(line.text):  # the header is in capitals
        return [line]
    left, right = line.text[: match.start()].strip(), line.text[match.end() :].strip()
    if not words.is_motto(right):
        return [line]
    return [replace(line, text=left), replace(line, text=right)]


def _ocr(line: Line) -> float:
    return 1.0 if line.confidence is None else line.confidence


# --- Header -------------------------------------------------------------------------------


def _read_header(doc: _Doc, reading: Reading) -> None:
    window = range(min(_HEADER_LINES, len(doc.texts)))
    motto = [i for i in window if words.is_motto(doc.texts[i])]
    if motto:  # an appendix further on may have a header of its own
        window = range(min(motto[0] + _HEADER_AFTER_MOTTO, window.stop))
        motto = [i for i in motto if i in window]
    number_at = _read_number(doc, reading, window)
    vv = _read_vv_in_header(doc, reading, window, number_at)
    before = _type_line_index(doc, window)
    date_at = _read_place_date(doc, reading, window, before=before, skip=vv)
    _read_marks(doc, reading, window)
    # Only the first motto is the header's: "CHỦ TỊCH / NƯỚC CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT
    # NAM", the authority line under the abstract, reads as a motto too.
    found = [*motto[:1], *(i for i in (number_at, date_at) if i is not None)]
    if not found:
        return
    doc.header_end = max([*found, vv.stop - 1]) + 1
    # A scan may give the motto's row before the issuer's wrapped last line ("BỘ GIÁO DỤC
    # VÀ ĐÀO | CỘNG HÒA …", then "TẠO"): the issuer is all above the number.
    _read_issuer(doc, reading, before=number_at if number_at is not None else min(found))


def _read_number(doc: _Doc, reading: Reading, window: range) -> int | None:
    type_at = _type_line_index(doc, window)
    for index in window:
        text = doc.texts[index]
        label = _NUMBER_LABEL.match(text)
        if label is None or words.is_motto(text) or not _is_number_label(text):
            continue
        if label.group("before").strip() and index > type_at:
            continue  # "Nghị định số 193/…" under the type line: a legal basis wrapped
        if label.group("blank") is not None:
            if index > type_at:
                continue
            blank_at = _read_unnumbered(doc, reading, index, _symbol_text(text[label.end() :]))
            if blank_at is not None:
                return blank_at
            continue
        rest = _symbol_text(text[label.end() :])
        whole = _symbol_with_wrapped_tail(doc, index, rest, before=type_at)
        if whole is None and index > type_at:
            continue  # "SỐ 111/2025/UBTVQH15 ngày …" under the type line: a cited one
        found = identifiers.find_number_symbols(rest)
        if whole is None and found and found[0][0] <= 2:
            whole = found[0][2]
        if whole is not None:
            _set_symbol(reading, whole, 0.97 * _ocr(doc.lines[index]))
            return index
        type_line = doc.texts[type_at] if type_at < len(doc.texts) else ""
        restored = _with_lost_type_part(rest, type_line)
        if restored is not None:
            _set_symbol(reading, restored, 0.7 * _ocr(doc.lines[index]))
            return index
    # Party documents and some scans print the symbol without "Số:", above the type line
    # (under it, a symbol alone on a line is a cited one the abstract wrapped).
    for index in range(window.start, type_at):
        bare = _symbol_with_wrapped_tail(doc, index, doc.texts[index], before=type_at)
        if bare is not None:
            _set_symbol(reading, bare, 0.85 * _ocr(doc.lines[index]))
            return index
    return None


def _symbol_text(text: str) -> str:
    """The symbol after "Số:" as a scan gives it, without its specks."""
    return _SIX_MISREAD.sub("6", _STRAY_IN_SYMBOL.sub("", text.rstrip(_SPECKS)))


def _read_unnumbered(doc: _Doc, reading: Reading, index: int, rest: str) -> int | None:
    """A symbol whose number is blank ("Số:      /PCCC&CNCH-P6"), on the label's line or,
    from a scan, on the next one beside it; returns the line it was on. Its confidence is
    low: the number is for the clerk to fill in."""
    at = index
    following = index + 1
    beside = following < len(doc.texts) and doc.lines[following].page == doc.lines[index].page
    if not rest.strip(" ._…") and beside:
        at, rest = following, _symbol_text(doc.texts[following])
    parsed = identifiers.parse_unnumbered_symbol(rest)
    if parsed is None:
        return None
    _set_symbol(reading, parsed, 0.5 * _ocr(doc.lines[at]))
    return at


# The rest of a long symbol wrapped in the header's box: "29/2025/TTLT-BTP-BCA-B" over
# "QP-BTC-TANDTC-VKSNDTC" (a joint circular's issuers), capitals and hyphens only.
_SYMBOL_TAIL = re.compile(r"^-?[A-ZĐ0-9]+(?:-[A-ZĐ0-9]+)+$")


def _symbol_with_wrapped_tail(
    doc: _Doc, index: int, text: str, *, before: int
) -> identifiers.NumberSymbol | None:
    """The symbol `text` (of line `index`) makes, with the rest of it wrapped on the next
    line above line `before` when there is one."""
    tail = _wrapped_symbol_tail(doc, index, before=before)
    whole = identifiers.parse_number_symbol(text + tail) if tail else None
    return whole or identifiers.parse_number_symbol(text)


def _wrapped_symbol_tail(doc: _Doc, index: int, *, before: int) -> str:
    """The next line when it is the rest of the symbol on line `index`, else ""."""
    following = index + 1
    if (
        following >= min(before, len(doc.texts))
        or doc.lines[following].page != doc.lines[index].page
    ):
        return ""
    text = doc.texts[following].strip()
    return text if _SYMBOL_TAIL.match(text) else ""


_LOST_TYPE_PART = re.compile(r"^(\d+)/((?:19|20)\d\d)-([A-ZĐ]{2,}(?:-[A-ZĐ]+)*)$")


def _with_lost_type_part(symbol: str, type_line: str) -> identifiers.NumberSymbol | None:
    """ "Số: 03/2026-BCT" under "THÔNG TƯ": a typed symbol that lost its type part between
    the year and the issuer, put back from the type line when it names one abbreviation."""
    lost = _LOST_TYPE_PART.match(symbol.strip())
    found = words.type_name_at_start(_LEADING_MARKS.sub("", type_line)) if type_line else None
    if lost is None or found is None:
        return None
    abbreviations = _abbreviations_of(found[0])
    if len(abbreviations) != 1:
        return None
    number, year, issuer = lost.groups()
    return identifiers.parse_number_symbol(f"{number}/{year}/{abbreviations.pop()}-{issuer}")


def _is_number_label(text: str) -> bool:
    """ "Số: …", "Luật số: …": the number line of a header."""
    label = _NUMBER_LABEL.match(text)
    # "Luật số: …" opens with a capital; "quyết định số 633/…" continues a "V/v" line.
    if label is None:
        return False
    opening = text[label.start("before") :]  # past a scan's specks ("- Số: …")
    return opening[:1].isupper() and _only_type(label.group("before"))


def _only_type(text: str) -> bool:
    """Nothing, or a type name: "Số:", "Luật số:", "Nghị quyết số:" (not "Căn cứ … số")."""
    if not text.strip():
        return True
    found = words.type_name_at_start(text)
    return found is not None and not found[1]


def _set_symbol(reading: Reading, parsed: identifiers.NumberSymbol, confidence: float) -> None:
    reading.set("number_symbol", parsed.text, confidence)
    reading.number = parsed.number or None  # "" when it is left blank
    reading.symbol_year = parsed.year
    reading.type_abbreviation = parsed.type_abbr
    reading.issuer_abbreviation = parsed.issuer_abbr


def _type_line_index(doc: _Doc, window: range) -> int:
    for index in window:
        if _is_type_line(doc.texts[index]):
            return index
    return window.stop


def _read_place_date(
    doc: _Doc, reading: Reading, window: range, *, before: int, skip: range
) -> int | None:
    for index in window:
        if index >= before:
            break
        found = None if index in skip else _place_date(doc.texts[index])
        if found is None:
            blank = None if index in skip else _place_of_blank_date(doc, index)
            if blank is None:
                continue
            place, at = blank
            reading.set("place", place, 0.9 * _ocr(doc.lines[index]))
            return at
        place, date = found
        confidence = 0.97 * _ocr(doc.lines[index])
        reading.set("issued_date", date, confidence)
        if len(place) <= 50:
            reading.set("place", place.strip(" ,.;:-"), confidence)
        return index
    return None


def _place_date(text: str) -> tuple[str, datetime.date] | None:
    """Place and date of a line such as "Hà Nội, ngày 03 tháng 6 năm 2020": the date ends
    the line and a place name comes before it (a wrapped "V/v" line has neither)."""
    if len(text) > 90 or not _DATE_ENDS_LINE.search(text):
        return None
    place, date = identifiers.parse_place_date(text)
    if date is None or place is None or identifiers.find_number_symbols(text):
        return None
    if not _is_place(place) or _NUMBER_LABEL.match(place):
        return None
    return place, date


# A date left blank, to be written in on issue ("Hà Nội, ngày    tháng    năm 2025"), or
# written by hand where OCR reads no number ("ngày 2Z tháng 0† năm 2025"); matched on
# the line folded to the same length. A scan may cut it after "ngày".
_BLANK_DATE = re.compile(
    r"^(?P<place>[^\d,]{2,50}),?\s*ngay[\s._…—–-]*(?:\S{1,4}\s+)?thang[\s._…—–-]*"
    r"(?:\S{1,4}\s+)?nam\s*\d{4}[\s.]*$"
)
_CUT_AFTER_DAY = re.compile(r"ngay[\s._…—–-]*$")


def _place_of_blank_date(doc: _Doc, index: int) -> tuple[str, int] | None:
    """The place before a blank date on line `index` (with the next line when a scan cut
    it after "ngày"), and the index of the date's last line."""
    text, at = doc.texts[index], index
    following = index + 1
    if (
        _CUT_AFTER_DAY.search(identifiers.fold_same_length(text))
        and following < len(doc.texts)
        and doc.lines[following].page == doc.lines[index].page
    ):
        text, at = f"{text} {doc.texts[following]}", following
    match = _BLANK_DATE.match(identifiers.fold_same_length(text))
    if match is None:
        return None
    place = text[: match.end("place")].strip(" ,.;:-")
    return (place, at) if _is_place(place) else None


def _is_place(place: str | None) -> bool:
    """A place name before a date ("Hà Nội", "Thành phố Hồ Chí Minh", "TP. Huế"), not the
    end of a sentence that mentions a date, nor a label ("Ngày đến: 04/7/2025" in the
    "ĐẾN" stamp of the office that received the document)."""
    if place is None:
        return True
    names = place.strip(" ,").split()
    if names and words.folded(names[0]).startswith("ngay"):
        return False
    return len(names) <= 7 and sum(not w[:1].isupper() for w in names) <= 1


def _read_marks(doc: _Doc, reading: Reading, window: range) -> None:
    for index in window:
        key = words.folded(doc.texts[index])
        confidence = 0.95 * _ocr(doc.lines[index])
        if key in _SECRECY and reading.secrecy is None:
            reading.set("secrecy", _SECRECY[key], confidence)
        elif key in _URGENCY and reading.urgency is None:
            reading.set("urgency", _URGENCY[key], confidence)


def _read_vv(doc: _Doc, reading: Reading, start: int) -> range:
    """The công văn abstract ("V/v …") under the number; returns the lines it took (a
    place and date split off the number's line may come before them)."""
    for index in range(start, min(start + 4, len(doc.texts))):
        if _is_type_line(doc.texts[index]):
            break
        match = _VV.match(doc.texts[index])
        if match is None:
            continue
        parts = [doc.texts[index][match.end() :]]
        end = index + 1
        while end < len(doc.texts) and end < index + _ABSTRACT_LINES:
            text = doc.texts[end]
            if _ends_vv(text):
                break
            parts.append(text)
            end += 1
        confidence = 0.93 * min(_ocr(doc.lines[i]) for i in range(index, end))
        reading.set("abstract", _without_specks(_join(parts)), confidence)
        _note_area(doc, reading, "abstract", range(index, end))
        doc.abstract_context = "V/v"
        return range(index, end)
    return range(0)


def _read_vv_in_header(doc: _Doc, reading: Reading, window: range, number_at: int | None) -> range:
    """A công văn's "V/v" lines, which may quote dates of their own: under the number, or
    under a "Số:" line whose symbol is unreadable ("Số: 1830 QĐ-UBND", "Số:" left empty),
    or, failing those, the first line above the type line that opens with "V/v" (under
    it, "V/v" opens the abstract of a typed document)."""
    after = number_at
    if after is None:
        labels = (i for i in window if _is_number_label(doc.texts[i]))
        after = next(labels, None)
    if after is not None:
        vv = _read_vv(doc, reading, after + 1)
        if vv:
            return vv
    for index in range(window.start, _type_line_index(doc, window)):
        if _VV.match(doc.texts[index]):
            return _read_vv(doc, reading, index)
    return range(0)


def _ends_vv(text: str) -> bool:
    key = words.folded(text)
    return (
        words.is_motto(text)
        or words.is_upper(text)
        or key.startswith("kinh gui")
        or _is_number_label(text)
        or _place_date(text) is not None
        or key in _SECRECY
        or key in _URGENCY
    )


def _read_issuer(doc: _Doc, reading: Reading, *, before: int) -> None:
    """Issuing body and parent body: the organisation lines above the number/motto."""
    names: list[list[int]] = []
    for index in range(before):
        text = doc.texts[index]
        if _is_number_label(text):
            break  # a scan gives the left box first: the issuer is above its "Số:" line
        key = words.folded(text)
        if key in _SECRECY or key in _URGENCY or not words.is_upper(text) or words.is_motto(text):
            continue
        if _is_rule_read_as_letters(text, doc.lines[index]):
            continue
        if names and words.continues_name(doc.texts[names[-1][-1]], text):
            names[-1].append(index)
        else:
            names.append([index])
    if not names:
        return
    issuer = names[-1]
    confidence = 0.95 * min(_ocr(doc.lines[i]) for i in issuer)
    reading.set("issuer", _without_rule(_join(doc.texts[i] for i in issuer)), confidence)
    if len(names) > 1:
        parent = names[-2]
        reading.set("issuer_parent", _without_rule(_join(doc.texts[i] for i in parent)), confidence)


# How sure OCR must be of a short line under the issuing body that is no syllable.
_SURE_SHORT_LINE = 0.5


def _is_rule_read_as_letters(text: str, line: Line) -> bool:
    """The rule under the issuing body read as a few capitals ("TC" under "BỘ NỘI VỤ",
    at 47 %): a short line OCR doubts that spells no syllable. A body's name is printed
    bold and read surely, and its abbreviations ("UBND") share a line with other words."""
    return (
        line.confidence is not None
        and line.confidence < _SURE_SHORT_LINE
        and text.isalpha()
        and len(text) < 4
        and not vntext.is_syllable(text.lower())
    )


# The short rule printed under the issuing body (Phụ lục I), read from a scan as a dash.
# A speck may cling to it ("BỘ NÔNG NGHIỆP VÀ _. MÔI TRƯỜNG").
_RULE_MARK = re.compile(r"(?:^|\s)[—–_][—–_.,:;'`~|-]*(?=\s|$)|\s+-+$|^-+(?=\s)")


def _without_rule(name: str) -> str:
    return " ".join(_RULE_MARK.sub(" ", name).split())


def _join(parts: Iterable[str]) -> str:
    return " ".join(" ".join(parts).split()).strip(" ;,")


# --- Type and abstract ----------------------------------------------------------------------


def _is_type_line(text: str, following: str | None = None) -> bool:
    """A line in capitals opening with a type name. Ending with a colon it is the line
    before the articles ("QUYẾT ĐỊNH:"), unless the line `following` it opens no body:
    then the colon is a scan's speck after the type of an abstract ("THÔNG TƯ:")."""
    text = _LEADING_MARKS.sub("", text)  # "- THÔNG TƯ": a speck before it
    if not words.is_upper(text):
        return False
    if text.rstrip().endswith(":") and (following is None or _starts_body(following)):
        return False
    return words.type_name_at_start(text) is not None


def _read_type_and_abstract(doc: _Doc, reading: Reading) -> None:
    start = doc.header_end
    for index in range(start, min(start + 6, len(doc.texts))):
        text = _LEADING_MARKS.sub("", doc.texts[index])
        following = doc.texts[index + 1] if index + 1 < len(doc.texts) else None
        if not _is_type_line(text, following):
            continue
        found = words.type_name_at_start(text)
        if found is None:
            continue
        name, rest = found
        if not rest.strip(_SPECKS):  # "NGHỊ ĐỊNH .", "THÔNG TƯ ,": a speck after the type
            rest = ""
        elif _another_type_by_symbol(name, reading):
            # "QUY ĐỊNH CHÍNH SÁCH …" under a type line OCR lost, in a "…/NĐ-CP": the
            # abstract opens with its verb; the type is the symbol's (see _fill_gaps).
            doc.body_start = _read_abstract(doc, reading, index, first="")
            return
        confidence = _type_confidence(name, reading) * _ocr(doc.lines[index])
        consolidated = doctypes.by_abbreviation(reading.type_abbreviation or "", "consolidated")
        if consolidated is not None and name != consolidated.name:
            # A văn bản hợp nhất prints the type of the text it consolidates: "THÔNG TƯ".
            reading.set("doc_type", consolidated.name, confidence)
            rest = f"{name} {rest[:1].lower()}{rest[1:]}" if rest else name
        else:
            reading.set("doc_type", name, confidence)
        end = _read_abstract(doc, reading, index + 1, first=rest)
        doc.body_start = end
        return
    doc.body_start = _skip_addressees(doc, reading, start)


def _another_type_by_symbol(name: str, reading: Reading) -> bool:
    """Whether the symbol's type part names a type other than `name`."""
    by_symbol = doctypes.by_abbreviation(reading.type_abbreviation or "")
    return by_symbol is not None and by_symbol.name != name


def _type_confidence(name: str, reading: Reading) -> float:
    """A type line agreeing with the symbol's abbreviation is surer than one alone."""
    if reading.type_abbreviation is None:
        return 0.9
    by_symbol = doctypes.by_abbreviation(reading.type_abbreviation)
    return 0.99 if by_symbol is not None and by_symbol.name == name else 0.85


def _read_abstract(doc: _Doc, reading: Reading, start: int, *, first: str) -> int:
    """The abstract under the type line; `first` is what the type line held after the type."""
    parts = [first] if first else []
    # A văn bản hợp nhất's printed type opens its abstract but says nothing of its case.
    read = bool(first) and first != reading.doc_type and words.type_name_at_start(first) is None
    upper = _in_capitals(first) if read else None
    end = start
    while end < len(doc.texts) and end < start + _ABSTRACT_LINES:
        text = doc.texts[end]
        if len(text.strip()) == 1 and doc.lines[end].confidence is not None:
            end += 1  # a scan's speck read as a letter or digit between the lines
            continue
        if upper is None:
            upper = _in_capitals(text)
        elif _ends_abstract(text, parts[-1], upper=upper, issuer=reading.issuer):
            break
        if (read and _starts_body(text)) or words.folded(text).startswith("can cu "):
            break  # no abstract opens with a legal basis: the type line stood alone
        if parts and doc.lines[end - 1].confidence is not None and not _introduces(parts[-1], text):
            parts[-1] = _WRAPPED_SPECK.sub("", parts[-1])
        parts.append(text)
        read = True
        end += 1
    if parts and reading.abstract is None:
        confidence = 0.95 * min([_ocr(doc.lines[i]) for i in range(start, end)] or [1.0])
        joined = _join(parts)
        about = _ABOUT.match(joined)
        if about is not None:
            letter = not words.folded(about.group()).startswith("ve")
            doc.abstract_context = "V/v" if letter else "Về việc"
        abstract = _without_issuer(joined[about.end() if about else 0 :], reading)
        abstract = _without_specks(_LEADING_MARKS.sub("", abstract))
        if any(doc.lines[i].confidence is not None for i in range(start, end)):
            abstract = _TRAILING_DASH.sub("", _GLUED_STOP.sub("", abstract))
        if any(c.isalpha() for c in abstract):  # a lone "." is a misread, not an abstract
            reading.set("abstract", abstract, confidence)
            _note_area(doc, reading, "abstract", range(start, end))
    return _skip_addressees(doc, reading, end)


def _note_area(doc: _Doc, reading: Reading, name: str, taken: range) -> None:
    """Where on its page a field read from recognized lines was printed."""
    lines = [doc.lines[i] for i in taken]
    boxes = [line.box for line in lines if line.box is not None and line.confidence is not None]
    if len(boxes) != len(lines) or len({line.page for line in lines}) != 1:
        return
    area = (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )
    reading.areas[name] = (lines[0].page, area)


# A full stop or colon a scan put after the last word of a line that the abstract goes
# on from ("… QUẢN LÝ MỘT SỐ NỘI: / DUNG …"); "TP." and other short abbreviations kept.
_WRAPPED_SPECK = re.compile(r"(?<=[^\W\d_]{3})[.:]$")
# ... or after a word inside a line: an abstract is one sentence ("HỘI ĐỒNG DÂN. TỘC").
_GLUED_STOP = re.compile(r"(?<=[^\W\d_]{3})\.(?=\s+[^\W\d_])")


def _introduces(line: str, following: str) -> bool:
    """Whether a line in mixed case ends with a colon that introduces what the next line
    names ("… nhóm thủ tục hành chính: / Đăng ký thành lập …"): a speck read as a colon
    is seldom followed by a capital in the middle of a sentence."""
    first = _LEADING_MARKS.sub("", following.lstrip())[:1]
    return line.endswith(":") and not words.is_upper(line) and first.isupper()


# A dash a scan put after the last word (what is left of the rule under the abstract),
# with any speck of a stop after it ("-:"): no abstract ends on one.
_TRAILING_DASH = re.compile(r"\s+[-—–_]+[.,:;]*$")


# A dash or bullet a scan put before the first word of the abstract.
_LEADING_MARKS = re.compile(r"^(?:[-—–•·*.]+\s*)+")


# Specks of a scan read as a full stop or colon standing alone between words or after
# the last ("… thể thao :"); a comma alone is kept: typists leave "sửa đổi , bổ sung".
_LONE_MARK = re.compile(r"(?<=\s)[.:;·•]+(?=\s|$)")


def _without_specks(text: str) -> str:
    return " ".join(_LONE_MARK.sub("", text).split())


def _without_issuer(abstract: str, reading: Reading) -> str:
    """An abstract in capitals glued to the authority line after it ("… CÓ HIỆU LỰC CHÍNH
    PHỦ", as some web pages join them) loses the issuing body's name."""
    issuer = reading.issuer
    if issuer and words.is_upper(abstract) and abstract.endswith(" " + issuer):
        rest = abstract[: -len(issuer)].rstrip(" ,;")
        if not _continued(rest):  # "… CỦA BỘ Y TẾ" names the body on purpose
            return rest
    return abstract


# "Căn cứ Luật …" whose first word a stamp spoilt ("mn cứ Luật Trật tự …") or hid.
_LEGAL_BASIS_CUT = re.compile(
    r"^(?:\S{1,4}\s+)?cứ\s+(?:Luật|Bộ\s+luật|Hiến|Nghị|Pháp|Quyết|Thông|Chỉ|Lệnh|Văn)\b"
)


def _starts_body(text: str) -> bool:
    """A line that opens the body: a legal basis, an article, a numbered heading, a
    sentence in mixed case with a body's first words, a line ending with a colon."""
    key = words.folded(text)
    opener = text[:1].isupper() and not words.is_upper(text) and key.startswith(_BODY_OPENERS)
    # A colon ends an introduction ("… như sau:", "QUYẾT ĐỊNH:"); at the end of a long
    # line in capitals it is a scan's speck in a wrapped abstract.
    short = not words.is_upper(text) or len(text.split()) <= 3
    return (
        (opener and not _CITED_ARTICLE.match(text))
        or bool(_ENUMERATION.match(text))
        or bool(_ARTICLE.match(text))
        or bool(_CHAPTER.match(text))
        or bool(_LEGAL_BASIS_CUT.match(text))
        or (text[:1].isupper() and text.rstrip().endswith(":") and short)
    )


# Words after which a line goes on, matched without tones ("CUA": a scan lost the hook).
# "Bộ" too: a ministry's name follows it ("… CỦA BỘ / TRƯỞNG BỘ TÀI CHÍNH").
_CONTINUING_WORDS = {
    *("cua", "va", "ve", "tai", "cho", "voi", "trong", "thuoc", "so", "theo", "den", "bo"),
}


def _continued(text: str) -> bool:
    """Whether a line stops mid-phrase: on a comma, a dash or a word such as "của"."""
    text = text.rstrip()
    if text.endswith((",", "-")):
        return True
    last = words.folded(text).split()[-1:]
    return bool(last) and text[-1:].isalnum() and last[0] in _CONTINUING_WORDS


def _ends_abstract(text: str, previous: str, *, upper: bool, issuer: str | None) -> bool:
    """Whether `text` is past the abstract, whose last line so far is `previous`."""
    if _starts_body(text):
        return True
    if _continued(previous):  # "… CỦA / BỘ Y TẾ": the name goes on
        return False
    if not upper:  # a line in capitals after one in mixed case: the authority line
        single = len(text.split()) == 1 and not words.starts_organisation(text)  # "ASEAN"
        return words.is_upper(text) and _mostly_letters(text) and not single
    if not any(c.isalpha() for c in text):
        return False  # "- 2030" of "GIAI ĐOẠN 2026 / - 2030"
    if not _in_capitals(text):
        return True
    key = words.folded(text)
    return _is_authority(text) or (issuer is not None and key == words.folded(issuer))


# Words of a position that others share without their tones: "PHỔ BIẾN", "TRƯỜNG HỌC"
# open wrapped lines of an abstract, "PHÓ", "TRƯỞNG" an authority line under it.
_TONED_POSITION_WORDS = {"pho": ("phó", "pho"), "truong": ("trưởng", "truong")}


def _is_authority(text: str) -> bool:
    """The authority line under an abstract in capitals ("BỘ TRƯỞNG BỘ TÀI CHÍNH")."""
    first = text.split()[0].casefold()
    toned = _TONED_POSITION_WORDS.get(words.folded(first))
    return words.is_position(text) and (toned is None or first in toned)


def _in_capitals(text: str) -> bool:
    """In capitals but for letters alone, which label points ("CÁC ĐIỂM đ, h, i")."""
    return words.is_upper(" ".join(w for w in text.split() if len(w.strip(",.;")) > 1))


def _mostly_letters(text: str) -> bool:
    """Not a symbol or number wrapped onto its own line ("09/2022/QH15")."""
    letters = sum(c.isalpha() for c in text)
    return letters >= 0.6 * len(text.replace(" ", ""))


def _skip_addressees(doc: _Doc, reading: Reading, start: int) -> int:
    """Read "Kính gửi: …" (the addressees) and return where the body starts."""
    for index in range(start, min(start + 3, len(doc.texts))):
        text = doc.texts[index]
        if not words.folded(text).startswith("kinh gui"):
            continue
        first = text.split(":", 1)[1] if ":" in text else ""
        items = [first] if first.strip() else []
        end = index + 1
        while end < len(doc.texts) and doc.texts[end].lstrip()[:1] in _ITEM_MARKS:
            items.append(doc.texts[end])
            end += 1
        reading.addressees = [_list_item(item) for item in items if _list_item(item)]
        return end
    return start


# What opens an item of a list ("Nơi nhận", "Kính gửi"): a dash, or what a scan makes of
# one ("~ Văn phòng Chủ tịch nước;").
_ITEM_MARKS = "-+•–—~"


def _item_without_its_dash(previous: str, text: str) -> bool:
    """An item whose dash a scan lost (or read as a speck that was left out): after an
    item that ended, a line opening with a capital and ending like an item."""
    return (
        previous.rstrip().endswith(";")
        and text[:1].isupper()
        and not words.is_upper(text)
        and text.rstrip().endswith((";", "."))
    )


def _list_item(text: str) -> str:
    return text.strip().lstrip(_ITEM_MARKS + " ").rstrip(" ;,.").strip()


# --- Recipients and signature -----------------------------------------------------------------


def _read_footer(doc: _Doc, reading: Reading) -> None:
    block = _find_signature(doc)
    signature = block[0] if block is not None else None
    if block is not None:
        doc.signature_at = block[0]
        _read_signature(doc, reading, *block)
    recipients_at = _find_recipients(doc, near=signature)
    if recipients_at is not None:
        _read_recipients(doc, reading, recipients_at)
        if doc.signature_at is None or recipients_at < doc.signature_at:
            doc.signature_at = recipients_at
    end = doc.signature_at if doc.signature_at is not None else len(doc.texts)
    reading.appendices = _appendices(doc, end)


def _find_signature(doc: _Doc) -> tuple[int, int] | None:
    """The first signature block after the body (authority or position lines, then a
    name), as the indexes of its first line and of the name.

    The first, not the last: appendices often hold forms with blocks of their own."""
    start = max(doc.body_start, doc.header_end)
    for index in range(start, len(doc.texts)):
        text = doc.texts[index]
        if not (words.authority_prefix(text) or words.is_position(text)):
            continue
        name_at = _name_after(doc, index)
        if name_at is not None:
            return index, name_at
    return None


def _name_after(doc: _Doc, index: int) -> int | None:
    """Index of the signer's name in the lines after a block's first line: the block goes
    on through positions in capitals, "(Đã ký)" and what a stamp or a signature left
    (specks, or what OCR itself doubts). A name OCR doubts is a signature's scrawl read
    as one ("ẦN ƯỜNG" at 3 %) when a name it is sure of follows."""
    doubtful = None
    for after in range(index + 1, min(index + 9, len(doc.texts))):
        text = doc.texts[after]
        if words.is_person_name(text) or words.is_upper_name(text):
            if _ocr(doc.lines[after]) >= _DOUBTFUL_OCR:
                return after
            doubtful = after if doubtful is None else doubtful
            continue
        if _in_block_capitals(text) or words.is_signature_mark(text):
            continue
        if _is_digital_signature_note(text) or _is_marks(doc.lines[after]):
            continue
        return doubtful
    return doubtful


def _in_block_capitals(text: str) -> bool:
    """A line of the signature block in capitals, or a position OCR read partly in small
    letters ("PHÔ Cực TRƯỜNG")."""
    if words.is_upper(text):
        return True
    letters = [c for c in text if c.isalpha()]
    capitals = sum(c.isupper() for c in letters)
    return capitals >= 0.7 * len(letters) and words.is_position(text.upper())


def _is_marks(line: Line) -> bool:
    """Specks, or a line OCR reads with little confidence: a stamp or a hand signature
    ("SÀN ⁄ 7w" at 37 %)."""
    return _is_specks(line.text) or _ocr(line) < _DOUBTFUL_OCR


_DOUBTFUL_OCR = 0.5


def _is_specks(text: str) -> bool:
    """What a stamp or a hand signature reads as: few letters among signs ("⁄XNZ^-<z"),
    or scraps of words ("N cự", "kh ờN", ", s Ki NT")."""
    letters = sum(c.isalpha() for c in text)
    scraps = all(len(word) <= 2 for word in text.split())
    return letters <= 2 or letters < 0.6 * len(text.replace(" ", "")) or scraps


def _is_digital_signature_note(text: str) -> bool:
    key = words.folded(text)
    return key.startswith(("ky boi", "nguoi ky", "thoi gian ky", "co quan", "email", "ngay ky"))


def _read_signature(doc: _Doc, reading: Reading, start: int, name_at: int) -> None:
    authority: list[str] = []
    position: list[str] = []
    used = [start, name_at]  # the lines the fields come from: marks between do not count
    for index in range(start, name_at):
        text = doc.texts[index]
        prefix = words.authority_prefix(text)
        if prefix is not None and not position:
            authority.append(f"{prefix[0]} {prefix[1]}")
            used.append(index)
        elif (
            _in_block_capitals(text)
            and not words.is_signature_mark(text)
            and not _is_marks(doc.lines[index])
        ):
            position.append(text.upper())
            used.append(index)
    confidence = 0.93 * min(_ocr(doc.lines[i]) for i in used)
    name = doc.texts[name_at].strip().rstrip(".")
    if words.is_upper(name):
        name = name.title()
    reading.set("signer", name, confidence)
    if authority:
        reading.set("signing_authority", ", ".join(authority), confidence)
    if position:
        reading.set("signer_position", _join(position), confidence)
    elif authority:  # "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH": the last line is the position
        reading.set("signer_position", authority[-1].split(" ", 1)[1], confidence * 0.8)


def read_signature_area(lines: Sequence[Line], *, lexicon: Lexicon | None = None) -> Reading:
    """The signer in the lines of a signature block read on their own, where a stamp and a
    signature hid the whole block from the page's reading: the last line that is a full
    name opening with a family name ("Nguyễn Sinh Hùng" under "CHỦ TỊCH QUỐC HỘI"; what
    the marks left around it does not count), and the positions in capitals above it.
    The name is put right as the page's would be; an empty Reading without one."""
    kept = [line for line in _cleaned(lines) if not _is_specks(line.text)]
    reading = Reading()
    names = [(i, name) for i, line in enumerate(kept) if (name := _family_name_in(line.text))]
    if not names:
        return reading
    name_at, name = names[-1]
    above = [
        line
        for line in kept[:name_at]
        if _in_block_capitals(line.text) and not _is_marks(line) and words.is_position(line.text)
    ]
    confidence = 0.8 * min(_ocr(line) for line in [kept[name_at], *above])
    reading.set("signer", name, confidence)
    if above:
        position = _join(_without_last_scraps(line.text.upper()) for line in above)
        reading.set("signer_position", position, confidence)
    _correct_ocr(reading, lexicon, abstract_context="")
    return reading


def _without_last_scraps(text: str) -> str:
    """A line without the letters a stamp left of its last words ("CHỦ TỊCH Ọ")."""
    parts = text.split()
    while len(parts) > 1 and len(parts[-1]) == 1:
        parts.pop()
    return " ".join(parts)


def _family_name_in(text: str) -> str | None:
    """A full name opening with a family name at the end of a line, after what a stamp
    left before it ("M Nguyễn Sinh Hùng")."""
    parts = text.strip().rstrip(".").split()
    for start, part in enumerate(parts):
        if fold(part) in _FAMILY_NAME_FOLDS and words.is_person_name(" ".join(parts[start:])):
            return " ".join(parts[start:])
        if len(part) > 2:
            return None
    return None


_FAMILY_NAME_FOLDS = frozenset(fold(name) for name in vntext.FAMILY_NAMES)


def _find_recipients(doc: _Doc, *, near: int | None) -> int | None:
    start = max(doc.body_start, doc.header_end)
    candidates = [
        i for i in range(start, len(doc.texts)) if words.folded(doc.texts[i]).startswith("noi nhan")
    ]
    if not candidates:
        return None
    if near is None:
        return candidates[0]
    return min(candidates, key=lambda i: abs(i - near))


def _read_recipients(doc: _Doc, reading: Reading, start: int) -> None:
    first = doc.texts[start].split(":", 1)[1] if ":" in doc.texts[start] else ""
    items = [first.strip()] if first.strip() else []
    for text in doc.texts[start + 1 : start + 60]:
        if text.lstrip()[:1] in _ITEM_MARKS or (items and _item_without_its_dash(items[-1], text)):
            items.append(text)
        elif items and not items[-1].rstrip().endswith((";", ".")) and not words.is_upper(text):
            items[-1] = f"{items[-1]} {text}"
        else:
            break
    recipients = [_list_item(item) for item in items]
    reading.recipients = [
        r for r in recipients if r and not words.folded(r).startswith(("luu", "luu tru"))
    ]
    if reading.recipients:
        reading.confidence["recipients"] = 0.9 * _ocr(doc.lines[start])


def _appendices(doc: _Doc, start: int) -> list[str]:
    found = []
    for index in range(start, len(doc.texts)):
        text = doc.texts[index]
        if len(text) <= 80 and _APPENDIX.match(text):
            title = text
            following = doc.texts[index + 1] if index + 1 < len(doc.texts) else ""
            if words.is_upper(following) and not _APPENDIX.match(following):
                title = f"{text} – {following}"
            found.append(title[:200])
    return found


# --- What the header did not give -------------------------------------------------------------


def _fill_gaps(doc: _Doc, reading: Reading) -> None:
    """Fallbacks, each with less confidence: type from the symbol or a "V/v", the number
    from the document naming itself, the issuer from "TM. …", a law's adoption date."""
    if reading.doc_type is None:
        _type_from_symbol(reading)
    if reading.number_symbol is None and reading.doc_type is not None:
        own = citations.own_symbol(doc.texts, reading.doc_type)
        if own is not None:
            parsed = identifiers.parse_number_symbol(own)
            if parsed is not None:
                _set_symbol(reading, parsed, 0.6)
    if reading.issuer is None and reading.signing_authority:
        first = reading.signing_authority.split(", ")[0]
        if first.startswith("TM. "):
            reading.set("issuer", first[4:], 0.6)
    if reading.issued_date is None:
        _adoption_date(doc, reading)
    if reading.doc_type is not None:
        kind = _kind(reading)
        reading.doc_kind = kind


def _type_from_symbol(reading: Reading) -> None:
    if reading.number_symbol is None:
        return
    if reading.type_abbreviation is None:
        if reading.symbol_year is None and reading.abstract is not None:
            reading.set("doc_type", "Công văn", 0.85)
        elif reading.symbol_year is not None and (reading.issuer_abbreviation or "").startswith(
            "QH"
        ):
            reading.set("doc_type", "Luật", 0.6)
        return
    found = doctypes.by_abbreviation(reading.type_abbreviation)
    if found is not None:
        reading.set("doc_type", found.name, 0.75)


def _kind(reading: Reading) -> str:
    if reading.doc_type == "Văn bản hợp nhất":
        return "consolidated"
    symbol = reading.number_symbol or ""
    if re.match(r"^\d+(?:\.\d+)?-", symbol):
        return "party"
    legal = doctypes.by_name(reading.doc_type or "", kind="legal_normative")
    administrative = doctypes.by_name(reading.doc_type or "", kind="administrative")
    if legal is not None and (reading.symbol_year is not None or administrative is None):
        return "legal_normative"
    return "administrative"


def _adoption_date(doc: _Doc, reading: Reading) -> None:
    """Laws and resolutions of elected bodies are dated by their adoption."""
    end = doc.signature_at if doc.signature_at is not None else len(doc.texts)
    for index in range(end - 1, max(end - 8, -1), -1):
        text = doc.texts[index]
        match = _ADOPTED.search(text)
        if match is None:
            continue
        date = identifiers.parse_vn_date(text[match.start() :])
        if date is not None:
            reading.set("issued_date", date, 0.9 * _ocr(doc.lines[index]))
            return


def read_text(text: str) -> Reading:
    """The fields of a plain text (lines as they come)."""
    from congso.archive.reading.layout import lines_from_text

    return read(lines_from_text(text))
