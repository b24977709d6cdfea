"""A document in the decree's form composed from catalogue metadata.

Some corpora are registers: they give a document's number/symbol, date, abstract, issuer
and signer but not its text. `congso bench extract` composes such a document in the
form of Nghị định 30/2020 (header, type and abstract, a body drawn from the sample word
lists, recipients and signature), so that the real values are read back from a real
layout: as plain lines, or rendered and scanned with `--scanned`.

The header is written in either of the two orders found in real texts (issuing body and
motto, then number and date; or issuing body and number, then motto and date), long
names and abstracts are wrapped as on paper, and each choice follows from the seed.
"""

from __future__ import annotations

import datetime
import random
import re
import textwrap
import unicodedata
from dataclasses import dataclass

from .text import _person, _rng, _sentence, _vn_date
from .words import _LEGAL_BASES, _RECIPIENTS

_MOTTO = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")
_PLANS = {"Kế hoạch", "Thông báo", "Báo cáo", "Chương trình", "Phương án", "Đề án", "Tờ trình"}
_CONTEXT = {
    "year": "2024",
    "kind": "tỉnh",
    "area": "tỉnh",
    "dept": "Sở Nội vụ",
    "body": "Ủy ban nhân dân tỉnh",
    "count": "12",
    "percent": "90",
    "money": "1.250.000.000",
    "field": "cải cách hành chính",
    "deadline": "ngày 31 tháng 12 năm 2024",
    "report_day": "15",
    "party": "Tỉnh ủy",
}


@dataclass(frozen=True)
class Metadata:
    """What a register row gives. `doc_type` None means a công văn (no type line)."""

    number_symbol: str
    abstract: str
    issuer: str  # as the header prints it, e.g. "ỦY BAN NHÂN DÂN TỈNH BÌNH DƯƠNG"
    place: str
    issued_date: datetime.date | None
    doc_type: str | None = None
    issuer_parent: str | None = None
    signer: str | None = None
    position: str | None = None  # "Thứ trưởng", "Phó Chủ tịch"
    collective: str | None = None  # "ỦY BAN NHÂN DÂN" for "TM. ỦY BAN NHÂN DÂN"
    plain_abstract: bool = True  # False when the abstract goes on a type ("HƯỚNG DẪN / …")


_VV_ALREADY = re.compile(r"^v\s*/\s*v\s*[:.]?\s*", re.IGNORECASE)


def compose_text(meta: Metadata, *, seed: str) -> str:
    """The document's text, NFC, one line per printed line."""
    rng = _rng("compose", seed)
    issuer = _wrap_upper(meta.issuer, 26)
    left = ([*_wrap_upper(meta.issuer_parent, 30)] if meta.issuer_parent else []) + issuer
    number = f"Số: {meta.number_symbol}"
    date = f"{meta.place}, {_vn_date(meta.issued_date)}" if meta.issued_date else None
    abstract = _sentence_case(meta.abstract)
    about = _VV_ALREADY.sub("", abstract)  # a register's "v/v thực hiện …" is not doubled
    vv = [f"V/v {line}" if i == 0 else line for i, line in enumerate(_wrap(about, 48))]
    header = _header(rng.random() < 0.5, left, number, date, vv if meta.doc_type is None else [])
    title: list[str] = []
    if meta.doc_type is not None:
        if rng.random() < 0.3 and not abstract.casefold().startswith("về") and meta.plain_abstract:
            abstract = f"Về việc {abstract[:1].lower()}{abstract[1:]}"
        title = [meta.doc_type.upper(), *_wrap(abstract, 70)]
    lines = [*header, *title, *_body(rng, meta), *_footer(rng, meta)]
    return unicodedata.normalize("NFC", "\n".join(lines))


def _header(
    by_rows: bool, left: list[str], number: str, date: str | None, vv: list[str]
) -> list[str]:
    dated = [date] if date else []
    if by_rows:  # issuing body, motto, number, date: as web pages list table rows
        return [*left, *_MOTTO, number, *vv, *dated]
    return [*left, number, *vv, *_MOTTO, *dated]  # left box, then right box


def _body(rng: random.Random, meta: Metadata) -> list[str]:
    used: set[str] = set()
    paragraphs = [_sentence(rng, _CONTEXT, used) for _ in range(rng.randint(2, 4))]
    if meta.doc_type is None:
        addressee = rng.choice(("Sở Nội vụ", "Sở Tài chính", "Ủy ban nhân dân các xã, phường"))
        return [f"Kính gửi: {addressee}", *paragraphs]
    if meta.doc_type in _PLANS:
        return ["I. MỤC ĐÍCH, YÊU CẦU", *paragraphs[:1], "II. NỘI DUNG", *paragraphs[1:]]
    bases = rng.sample(_LEGAL_BASES, k=2)
    articles = [f"Điều {n}. {text}" for n, text in enumerate(paragraphs, start=1)]
    return [*bases, f"{meta.doc_type.upper()}:", *articles]


def _footer(rng: random.Random, meta: Metadata) -> list[str]:
    recipients = ["Nơi nhận:", "- Như trên;"]
    recipients += [r.format(**_CONTEXT) for r in rng.sample(_RECIPIENTS, k=rng.randint(2, 4))]
    recipients.append("- Lưu: VT.")
    position = (meta.position or "Chủ tịch").rstrip(" .").upper()
    block = [f"TM. {meta.collective}"] if meta.collective else []
    head = _head_of(position)
    if head is not None:
        block.append(f"KT. {head}")
    block.append(position)
    if rng.random() < 0.6:
        block.append("(Đã ký)")
    block.append(meta.signer or _person(rng))
    return [*recipients, *block]


def _head_of(position: str) -> str | None:
    """The head a deputy signs for: "THỨ TRƯỞNG" → "BỘ TRƯỞNG", "PHÓ CHỦ TỊCH" → "CHỦ TỊCH"."""
    if position.startswith("THỨ TRƯỞNG"):
        return "BỘ TRƯỞNG"
    if position.startswith("PHÓ "):
        return position.removeprefix("PHÓ ").split(" BỘ ")[0]
    return None


def _sentence_case(text: str) -> str:
    text = " ".join(text.split())
    return text[:1].upper() + text[1:]


def _wrap(text: str, width: int) -> list[str]:
    return textwrap.wrap(text, width=width, break_long_words=False) or [text]


_UNIT_BREAK = re.compile(r" (?=(?:TỈNH|THÀNH PHỐ|HUYỆN|QUẬN|XÃ|PHƯỜNG) )")


def _wrap_upper(text: str | None, width: int) -> list[str]:
    """A name in capitals on lines of about `width`, broken before an administrative
    unit as headers are ("ỦY BAN NHÂN DÂN / TỈNH BÌNH DƯƠNG")."""
    text = (text or "").upper()
    parts = _UNIT_BREAK.split(text, maxsplit=1)
    return [line for part in parts for line in _wrap(part, width)]
