"""What reading a document yields: its fields, the documents it cites, and how sure we are.

`Reading.as_json()` is the stable JSON of `congso extract --json` and of the API; its keys
are documented in docs/reading.md and must not change meaning.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field, fields
from typing import Any, Literal

Relation = Literal["based_on", "amends", "replaces", "repeals", "cites"]
RELATIONS: tuple[Relation, ...] = ("based_on", "amends", "replaces", "repeals", "cites")
# When one document cites another twice, the stronger relation is kept.
RELATION_STRENGTH: dict[str, int] = {
    "replaces": 5,
    "repeals": 4,
    "amends": 3,
    "based_on": 2,
    "cites": 1,
}


@dataclass(frozen=True)
class Citation:
    """A document cited in the text: "Nghị định số 45/2020/NĐ-CP ngày 08/4/2020 của Chính phủ"."""

    doc_type: str | None
    number_symbol: str | None
    issued_date: datetime.date | None
    issuer: str | None
    relation: Relation
    text: str  # the citation as written
    title: str | None = None  # a law cited by name: "Luật Tổ chức Chính phủ"

    def as_json(self) -> dict[str, Any]:
        return {
            "doc_type": self.doc_type,
            "number_symbol": self.number_symbol,
            "issued_date": self.issued_date.isoformat() if self.issued_date else None,
            "issuer": self.issuer,
            "relation": self.relation,
            "title": self.title,
            "text": self.text,
        }

    @property
    def key(self) -> tuple[str, ...]:
        """What makes two citations the same document."""
        if self.number_symbol:
            return ("symbol", self.number_symbol)
        date = self.issued_date.isoformat() if self.issued_date else ""
        return ("title", self.doc_type or "", (self.title or "").casefold(), date)


@dataclass
class Reading:
    """The fields of one administrative document (Nghị định 30/2020, Điều 8)."""

    doc_type: str | None = None
    doc_kind: str | None = None  # administrative, legal_normative, party, consolidated
    number_symbol: str | None = None
    number: str | None = None
    symbol_year: int | None = None
    type_abbreviation: str | None = None
    issuer_abbreviation: str | None = None
    issued_date: datetime.date | None = None
    place: str | None = None
    issuer: str | None = None
    issuer_parent: str | None = None
    abstract: str | None = None
    addressees: list[str] = field(default_factory=list)  # "Kính gửi"
    articles: list[str] = field(default_factory=list)
    signer: str | None = None
    signer_position: str | None = None
    signing_authority: str | None = None
    recipients: list[str] = field(default_factory=list)  # "Nơi nhận", without "Lưu"
    secrecy: str | None = None  # MẬT, TỐI MẬT, TUYỆT MẬT
    urgency: str | None = None  # KHẨN, THƯỢNG KHẨN, HỎA TỐC
    appendices: list[str] = field(default_factory=list)
    references: list[Citation] = field(default_factory=list)
    confidence: dict[str, float] = field(default_factory=dict)
    # Where a field was read on a recognized page: field → (page, (left, top, right,
    # bottom) as fractions of the page). Not part of the JSON: capture reads the area
    # again (see pipeline.read_fields).
    areas: dict[str, tuple[int, tuple[float, float, float, float]]] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {}
        for item in fields(self):
            if item.name == "areas":
                continue
            value = getattr(self, item.name)
            if isinstance(value, datetime.date):
                value = value.isoformat()
            elif item.name == "references":
                value = [citation.as_json() for citation in value]
            elif item.name == "confidence":
                value = {name: round(score, 2) for name, score in value.items()}
            data[item.name] = value
        return data

    def set(self, name: str, value: Any, confidence: float) -> None:
        """Set a field with the confidence of the rule that found it."""
        setattr(self, name, value)
        if value not in (None, "", []):
            self.confidence[name] = max(0.0, min(1.0, confidence))
