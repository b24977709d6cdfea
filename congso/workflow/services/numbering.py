"""Register numbers (Nghị định 30/2020, Điều 15 and 22): one series per agency, year
and key, given out in order by the system."""

from django.db import IntegrityError, transaction
from django.db.models import F

from congso.archive.reading import doctypes
from congso.org.models import Agency, Unit
from congso.workflow.models import NumberSeries

INCOMING = "incoming"
ADMINISTRATIVE = "admin"
CLASSIFIED = "secret"  # văn bản mật


def next_number(*, agency: Agency, year: int, key: str) -> int:
    """The next number of a series. Call it inside the transaction that uses the number:
    the counter row stays locked until it commits, so two clerks at the same instant get
    distinct consecutive numbers, and a rolled-back transaction gives its number back."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("next_number must run inside a transaction")
    try:
        with transaction.atomic():  # a savepoint: a concurrent first use may win the insert
            NumberSeries.objects.get_or_create(agency=agency, year=year, key=key)
    except IntegrityError:
        pass
    NumberSeries.objects.filter(agency=agency, year=year, key=key).update(last=F("last") + 1)
    return NumberSeries.objects.get(agency=agency, year=year, key=key).last


def outgoing_series(*, doc_type: str, secret: bool, legal_normative: bool) -> str:
    """Which series an outgoing document takes (vn-standards §1.5): each legal normative
    type has its own, secret documents share one, the rest share the administrative one."""
    if legal_normative:
        return f"vbqppl:{type_abbreviation(doc_type) or doc_type}"
    return CLASSIFIED if secret else ADMINISTRATIVE


def type_abbreviation(doc_type: str) -> str:
    """QĐ for Quyết định…; empty for Công văn and Thư công, which have none."""
    found = doctypes.by_name(doc_type)
    return found.abbreviations[0] if found and found.abbreviations else ""


def number_symbol(
    *,
    number: int,
    year: int,
    doc_type: str,
    agency: Agency,
    unit: Unit | None,
    legal_normative: bool,
) -> str:
    """Số, ký hiệu as Phụ lục I writes it: `05/QĐ-UBND`, `12/UBND-VP` for a công văn
    (issuer, then drafting unit), `15/2026/QĐ-UBND` for legal normative documents.
    Numbers below 10 take a leading zero."""
    issuer = agency.symbol or agency.code
    abbreviation = type_abbreviation(doc_type)
    if legal_normative:
        return f"{number:02d}/{year}/{abbreviation}-{issuer}"
    if abbreviation:
        return f"{number:02d}/{abbreviation}-{issuer}"
    drafting = unit.code if unit and unit.code else ""
    return f"{number:02d}/{issuer}-{drafting}" if drafting else f"{number:02d}/{issuer}"
