"""The metadata standards of an electronic document and dossier, as data: Nghị định
30/2020 Phụ lục VI Phần II (element names, types, lengths) and the required elements
of Công văn 7197/BKHCN-CĐSQG (2025). Forms check lengths on entry; a dossier is closed
only when its documents carry the required elements (Điều 29: the metadata is completed
when the dossier is closed)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Element:
    name: str  # the standard's element name
    label: Any  # in Vietnamese, for users
    max_length: int | None
    required: bool


# Elements of a document, by what holds them on `Document` (the number/symbol gives two).
DOCUMENT = {
    "doc_type": Element("TypeName", _("Tên loại văn bản"), 100, True),
    "number": Element("CodeNumber", _("Số của văn bản"), 11, True),
    "notation": Element("CodeNotation", _("Ký hiệu của văn bản"), 30, True),
    "issued_date": Element("IssuedDate", _("Ngày, tháng, năm văn bản"), None, True),
    "issuer": Element("OrganName", _("Tên cơ quan, tổ chức ban hành văn bản"), 200, True),
    "abstract": Element("Subject", _("Trích yếu nội dung"), 500, True),
    "signer_position": Element("Position", _("Chức vụ của người ký"), 100, False),
    "signer": Element("FullName", _("Họ và tên người ký"), 50, False),
}
# Elements of a dossier (Phụ lục VI, III), by `Dossier` attribute.
DOSSIER = {
    "notation": Element("FileNotation", _("Số và ký hiệu hồ sơ"), 20, True),
    "title": Element("Title", _("Tiêu đề hồ sơ"), 1000, True),
    "language": Element("Language", _("Ngôn ngữ"), 50, True),
    "description": Element("Description", _("Ghi chú"), 500, False),
}


_NUMBER = re.compile(r"^\s*(\d+)\s*[/-]\s*(.+?)\s*$")


def split_number_symbol(text: str) -> tuple[str, str]:
    """CodeNumber and CodeNotation: "749/QĐ-TTg" → ("749", "QĐ-TTg"), "52-NQ/TW" →
    ("52", "NQ/TW"); ("", text) when the text opens with no number, without the
    separator of a number left blank ("/PCCC&CNCH-P6" → ("", "PCCC&CNCH-P6"))."""
    found = _NUMBER.match(text or "")
    if found:
        return found.group(1), found.group(2)
    return "", (text or "").strip().lstrip("/-")


def document_values(values: dict[str, Any]) -> dict[str, Any]:
    """A document's values by element key: its number/symbol split in two."""
    number, notation = split_number_symbol(values.get("number_symbol") or "")
    return {**values, "number": number, "notation": notation}


def too_long(values: dict[str, Any], table: dict[str, Element]) -> dict[str, str]:
    """{key: message} for each value longer than its element allows."""
    problems = {}
    for key, element in table.items():
        value = values.get(key)
        if element.max_length and isinstance(value, str) and len(value) > element.max_length:
            problems[key] = str(
                _("%(label)s dài tối đa %(n)s ký tự (%(element)s).")
                % {"label": element.label, "n": element.max_length, "element": element.name}
            )
    return problems


def missing(document: Any) -> list[str]:
    """The labels of the required elements a document lacks."""
    values = document_values(
        {key: getattr(document, key, None) for key in (*DOCUMENT, "number_symbol")}
    )
    return [str(e.label) for key, e in DOCUMENT.items() if e.required and not values.get(key)]
