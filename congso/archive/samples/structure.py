"""Document structure, shared by the page layout and the DOCX/ODT/RTF writers."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Literal, TypeAlias

Style: TypeAlias = Literal["regular", "bold", "italic", "bolditalic"]
Align: TypeAlias = Literal["left", "center", "justify"]


@dataclass(frozen=True)
class _Para:
    """A paragraph with its typography; sizes and spaces in points."""

    text: str
    style: Style = "regular"
    size: float = 13.0
    align: Align = "justify"
    indent: float = 0.0  # first line
    before: float = 0.0
    after: float = 0.0
    bold_prefix: int = 0  # the first characters are bold ("Điều 1.")
    rule: float = 0.0  # a centred rule under the paragraph, as a fraction of its widest line
    fit: bool = False  # shrink the font (down to 9 pt) rather than wrap
    signature: float = 0.0  # room left above the paragraph for a signature and stamp


@dataclass(frozen=True)
class _Columns:
    """Two side-by-side columns (the header and the signature block)."""

    left: tuple[_Para, ...]
    right: tuple[_Para, ...]
    split: float  # fraction of the text width given to the left column
    before: float = 0.0


_Block: TypeAlias = _Para | _Columns

_MOTTOS = ("cộng hòa xã hội chủ nghĩa việt nam", "cộng hoà xã hội chủ nghĩa việt nam")
_NUMBER_RE = re.compile(r"^(?:\w+(?: \w+)? )?[Ss]ố\s*[:.]?\s*\S")  # "Số: 1/QĐ", "Luật số: 1"
_DATE_RE = re.compile(r",\s*ngày\b.*\bnăm\b")
_ABOUT_RE = re.compile(r"^V/v\b")
_ARTICLE_RE = re.compile(r"^Điều\s+\d+[a-zđ]?\.")
_PART_RE = re.compile(r"^(Chương|Mục|Phần)\s+[IVXLC\d]+\.?$")
_SEPARATOR_RE = re.compile(r"^[-_=*.–—\s]{3,}$")
_BASIS_PREFIXES = ("Căn cứ", "Theo đề nghị", "Xét đề nghị", "Thực hiện")
_INDENT = 36.0  # 1.27 cm


def _is_upper(line: str) -> bool:
    """True for lines written in capitals ("QUYẾT ĐỊNH", "KT. CHỦ TỊCH")."""
    return any(ch.isalpha() for ch in line) and line == line.upper()


def _clean_lines(text: str) -> list[str]:
    """NFC lines without blanks, invisible characters or dash separator lines."""
    text = unicodedata.normalize("NFC", text)
    for invisible in ("\u00ad", "\u200b", "\u200c", "\u200d", "\ufeff"):
        text = text.replace(invisible, "")
    lines = (" ".join(line.split()) for line in text.splitlines())
    return [line for line in lines if line and not _SEPARATOR_RE.match(line)]


def _header_block(lines: list[str]) -> tuple[_Columns | None, int]:
    """The issuing body / motto header if the text starts with one, and the lines it used."""
    motto = next(
        (i for i, line in enumerate(lines[:8]) if line.casefold() in _MOTTOS),
        None,
    )
    if motto is None:
        return None, 0
    left_lines = lines[:motto]
    right = [_Para(lines[motto], "bold", 12.0, "center", fit=True)]
    used = motto + 1
    if used < len(lines) and lines[used].casefold().startswith("độc lập"):
        right.append(_Para(lines[used], "bold", 13.0, "center", rule=1.0, fit=True))
        used += 1
    number = next((line for line in left_lines if _NUMBER_RE.match(line)), None)
    # A công văn's abstract ("V/v …", wrapped on a few lines) sits under its number.
    at = left_lines.index(number) + 1 if number is not None else len(left_lines)
    about = left_lines[at:] if at < len(left_lines) and _ABOUT_RE.match(left_lines[at]) else []
    issuer = [line for line in left_lines if line is not number and line not in about]
    date = None
    while used < len(lines):
        line = lines[used]
        if number is None and _NUMBER_RE.match(line) and len(line) < 60:
            number = line
        elif date is None and _DATE_RE.search(line) and len(line) < 80:
            date = line
        elif number is not None and not date and (about or _ABOUT_RE.match(line)):
            about.append(line)  # the "V/v" lines that follow the number in this order
        else:
            break
        used += 1
    left: list[_Para] = []
    for index, line in enumerate(issuer):
        regular = index == 0 and len(issuer) > 1 and line.startswith(("UBND", "BỘ", "TỔNG"))
        last = index == len(issuer) - 1
        left.append(
            _Para(line, "regular" if regular else "bold", 12.0, "center", rule=0.4 if last else 0)
        )
    if number is not None:
        left.append(_Para(number, "regular", 13.0, "center", before=6.0))
    for index, line in enumerate(about):
        left.append(_Para(line, "regular", 12.0, "center", before=4.0 if index == 0 else 0.0))
    if date is not None:
        right.append(_Para(date, "italic", 13.0, "center", before=6.0))
    return _Columns(tuple(left), tuple(right), 0.4), used


def _footer_block(lines: list[str]) -> _Columns:
    """The recipients ("Nơi nhận:" and its list) on the left, the signer on the right."""
    left = [_Para(lines[0], "bolditalic", 12.0, "left")]
    index = 1
    while index < len(lines) and lines[index].startswith(("-", "+", "–")):
        left.append(_Para(lines[index], "regular", 11.0, "left"))
        index += 1
    signer = lines[index:]
    right: list[_Para] = []
    for position, line in enumerate(signer):
        last = position == len(signer) - 1 and position > 0
        if last:
            right.append(_Para(line, "bold", 13.0, "center", signature=62.0))
        elif line.startswith("("):
            right.append(_Para(line, "italic", 13.0, "center"))
        else:
            right.append(_Para(line, "bold", 13.0, "center"))
    return _Columns(tuple(left), tuple(right), 0.45, before=12.0)


def _structure(text: str) -> list[_Block]:
    """Split a document text into typeset blocks: header, title, bases, articles, footer."""
    lines = _clean_lines(text)
    blocks: list[_Block] = []
    header, start = _header_block(lines)
    if header is not None:
        blocks.append(header)
    footer_at = next(
        (i for i in range(start, len(lines)) if lines[i].casefold().startswith("nơi nhận")),
        len(lines),
    )
    previous = "start"
    for line in lines[start:footer_at]:
        if _is_upper(line) and len(line) <= 100:
            if previous == "start":
                blocks.append(_Para(line, "bold", 14.0, "center", before=18.0))
                previous = "type"
            else:
                before = 12.0 if previous in {"abstract", "text"} else 4.0
                blocks.append(_Para(line, "bold", 13.0, "center", before=before, after=6.0))
                previous = "title"
        elif previous == "type" and not line.startswith("Căn cứ") and not _ARTICLE_RE.match(line):
            blocks.append(_Para(line, "bold", 14.0, "center", rule=0.3, after=6.0))
            previous = "abstract"
        elif previous == "abstract" and line[:1].islower() and isinstance(blocks[-1], _Para):
            # The abstract's wrapped lines ("… mặt hàng / muối, trứng gia cầm năm 2026")
            # are printed as one bold block, not as paragraphs of the body.
            blocks[-1] = replace(blocks[-1], text=f"{blocks[-1].text} {line}")
        elif _PART_RE.match(line):
            blocks.append(_Para(line, "bold", 13.0, "center", before=6.0))
            previous = "title"
        elif line.startswith(_BASIS_PREFIXES):
            blocks.append(_Para(line, "italic", indent=_INDENT, after=4.0))
            previous = "basis"
        elif match := _ARTICLE_RE.match(line):
            whole = len(line) <= 80 and not line.endswith(".")
            blocks.append(
                _Para(
                    line,
                    "bold" if whole else "regular",
                    indent=_INDENT,
                    before=4.0,
                    after=4.0,
                    bold_prefix=0 if whole else match.end(),
                )
            )
            previous = "text"
        else:
            blocks.append(_Para(line, indent=_INDENT, after=4.0))
            previous = "text"
    if footer_at < len(lines):
        blocks.append(_footer_block(lines[footer_at:]))
    return blocks


def _segments(para: _Para) -> list[tuple[str, Style]]:
    """The paragraph as (text, style) runs: the bold prefix, if any, then the rest."""
    if para.bold_prefix and para.bold_prefix < len(para.text):
        return [
            (para.text[: para.bold_prefix], "bold"),
            (para.text[para.bold_prefix :], para.style),
        ]
    return [(para.text, para.style)]


def _title(blocks: Sequence[_Block]) -> str:
    """Document type and abstract ("QUYẾT ĐỊNH Về việc ..."), for file metadata."""
    paras = [block for block in blocks if isinstance(block, _Para)]
    return " ".join(para.text for para in paras[:2] if para.align == "center") or "Văn bản"


def _issuer(blocks: Sequence[_Block]) -> str:
    """The issuing body from the header, for file metadata."""
    for block in blocks:
        if isinstance(block, _Columns):
            names = [p.text for p in block.left if not _NUMBER_RE.match(p.text)]
            return " ".join(names)
    return ""
