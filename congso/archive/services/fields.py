"""The fields read from documents: storing a reading, people's checks and corrections
(audited), suggestions of field of work and retention, and the citations that link
documents of one agency to each other."""

import datetime
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from congso.archive import search
from congso.archive.models import (
    FIELD_NAMES,
    Citation,
    ClassificationRule,
    Document,
    Secrecy,
    Urgency,
)
from congso.archive.reading import Reading, identifiers
from congso.archive.reading.words import folded
from congso.core import audit
from congso.org.models import User

# Reading gives the marks as printed ("TỐI MẬT"); the model keeps codes.
_SECRECY = {"MẬT": Secrecy.MAT, "TỐI MẬT": Secrecy.TOI_MAT, "TUYỆT MẬT": Secrecy.TUYET_MAT}
_URGENCY = {
    "KHẨN": Urgency.KHAN,
    "THƯỢNG KHẨN": Urgency.THUONG_KHAN,
    "HỎA TỐC": Urgency.HOA_TOC,
    "HỎA TỐC HẸN GIỜ": Urgency.HOA_TOC_HEN_GIO,
}
# Suggestions from an agency's rules are shown as such until a person checks them.
SUGGESTED = 0.5
# Fields whose change can link or unlink citations.
_IDENTIFYING = {"doc_type", "number_symbol", "issued_date", "abstract"}
_DETAILS = (
    "doc_kind",
    "number",
    "symbol_year",
    "type_abbreviation",
    "issuer_abbreviation",
    "addressees",
    "articles",
    "appendices",
)


def reading_values(found: Reading) -> dict[str, Any]:
    """The model's field values for what reading found."""
    return {
        "doc_type": found.doc_type or "",
        "number_symbol": found.number_symbol or "",
        "issued_date": found.issued_date,
        "place": found.place or "",
        "issuer": found.issuer or "",
        "issuer_parent": found.issuer_parent or "",
        "abstract": found.abstract or "",
        "signer": found.signer or "",
        "signer_position": found.signer_position or "",
        "signing_authority": found.signing_authority or "",
        "recipients": list(found.recipients),
        "secrecy": _SECRECY.get(found.secrecy or "", ""),
        "urgency": _URGENCY.get(found.urgency or "", ""),
    }


def store_reading(*, document: Document, found: Reading) -> None:
    """Put what reading found into the document and replace its citations.

    Fields a person corrected are kept as they are. Called by the pipeline inside the
    transaction that saves the processed document (no permission check: the system
    reads). Audited as "read_fields".
    """
    kept = set(document.fields_corrected)
    values = {k: v for k, v in reading_values(found).items() if k not in kept}
    for name, value in values.items():
        setattr(document, name, value)
    confidence = {k: v for k, v in found.confidence.items() if k in FIELD_NAMES}
    document.field_confidence = {k: v for k, v in confidence.items() if k not in kept}
    document.field_confidence.update(dict.fromkeys(kept, 1.0))
    document.reading = {name: getattr(found, name) for name in _DETAILS}
    document.symbol_key = identifiers.symbol_key(document.number_symbol)
    _apply_suggestions(document, kept)
    document.save(
        update_fields=[
            *values,
            "field_of_work",
            "retention_years",
            "reading",
            "field_confidence",
            "symbol_key",
            "updated_at",
        ]
    )
    _replace_citations(document, found)
    resolve_citations(document=document)
    search.index_documents([document])
    audit.record(
        actor=None,
        verb="read_fields",
        target=document,
        after={k: _plain(v) for k, v in values.items() if v not in ("", [], None)},
    )


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime.date) else value


def _apply_suggestions(document: Document, kept: set[str]) -> None:
    field_of_work, retention = suggest_classification(document)
    if "field_of_work" not in kept:
        document.field_of_work = field_of_work
        if field_of_work:
            document.field_confidence["field_of_work"] = SUGGESTED
    if "retention_years" not in kept:
        document.retention_years = retention
        if retention is not None:
            document.field_confidence["retention_years"] = SUGGESTED


def suggest_classification(document: Document) -> tuple[str, int | None]:
    """Field of work and retention years from the agency's rules (first match of each)."""
    rules = ClassificationRule.objects.filter(agency_id=document.agency_id)
    matching = [rule for rule in rules if _matches(rule, document)]
    field_of_work = next((r.field_of_work for r in matching if r.field_of_work), "")
    retention = next((r.retention_years for r in matching if r.retention_years is not None), None)
    return field_of_work, retention


def _matches(rule: ClassificationRule, document: Document) -> bool:
    if rule.doc_type and folded(rule.doc_type) != folded(document.doc_type):
        return False
    issuers = folded(f"{document.issuer} {document.issuer_parent}")
    if rule.issuer_contains and folded(rule.issuer_contains) not in issuers:
        return False
    return not rule.abstract_contains or folded(rule.abstract_contains) in folded(document.abstract)


@transaction.atomic
def save_rule(*, rule: ClassificationRule, by: User) -> None:
    """Create or change one of the agency's classification rules (audited)."""
    created = rule.pk is None
    before = None
    if not created:
        before = audit.snapshot(
            ClassificationRule.objects.get(pk=rule.pk), list(ClassificationRule.EDITABLE)
        )
    rule.full_clean()
    rule.save()
    verb = "create_rule" if created else "change_rule"
    audit.record(
        actor=by,
        verb=verb,
        target=rule,
        before=before,
        after=audit.snapshot(rule, list(ClassificationRule.EDITABLE)),
    )


@transaction.atomic
def delete_rule(*, rule: ClassificationRule, by: User) -> None:
    audit.record(
        actor=by,
        verb="delete_rule",
        target=rule,
        before=audit.snapshot(rule, list(ClassificationRule.EDITABLE)),
    )
    rule.delete()


def apply_rules(*, agency_id: int, by: User) -> int:
    """Suggest field of work and retention again for the agency's documents whose
    fields nobody has checked yet, after the rules changed. Returns how many changed."""
    changed = 0
    documents = Document.objects.filter(agency_id=agency_id).fields_to_check()
    for document in documents.iterator():
        kept = set(document.fields_corrected)
        before = (document.field_of_work, document.retention_years)
        _apply_suggestions(document, kept)
        if (document.field_of_work, document.retention_years) == before:
            continue
        with transaction.atomic():
            document.save(update_fields=["field_of_work", "retention_years", "field_confidence"])
            audit.record(
                actor=by,
                verb="suggest_classification",
                target=document,
                after={
                    "field_of_work": document.field_of_work,
                    "retention": document.retention_years,
                },
            )
        changed += 1
    return changed


# --- Corrections ------------------------------------------------------------------------


@transaction.atomic
def correct_fields(*, document: Document, values: dict[str, Any], by: User) -> list[str]:
    """A person checked the document's fields and set `values` (field name → value).

    Changed fields are marked corrected (reading again keeps them) and the document
    counts as checked. The caller has scoped the document to `by` (visible_to). Audited
    as "correct_fields" with the values before and after, or "check_fields" when
    nothing changed. Returns the names of the changed fields.
    """
    unknown = set(values) - set(FIELD_NAMES)
    if unknown:
        raise ValueError(f"not correctable: {', '.join(sorted(unknown))}")
    changed = [name for name, value in values.items() if getattr(document, name) != value]
    before = audit.snapshot(document, changed)
    for name in changed:
        setattr(document, name, values[name])
        document.field_confidence[name] = 1.0
    document.fields_corrected = sorted(set(document.fields_corrected) | set(changed))
    document.fields_checked_by = by
    document.fields_checked_at = timezone.now()
    document.symbol_key = identifiers.symbol_key(document.number_symbol)
    document.full_clean(exclude=["original", "archive"])
    document.save(
        update_fields=[
            *changed,
            "field_confidence",
            "fields_corrected",
            "fields_checked_by",
            "fields_checked_at",
            "symbol_key",
            "updated_at",
        ]
    )
    if changed:
        search.index_documents([document])
    after = audit.snapshot(document, changed)
    verb = "correct_fields" if changed else "check_fields"
    audit.record(actor=by, verb=verb, target=document, before=before, after=after)
    if _IDENTIFYING & set(changed):
        Citation.objects.filter(target=document).update(target=None)
        resolve_citations(document=document)
    return changed


def reread_document(*, document: Document, by: User | None) -> None:
    """Read a processed document's fields again from its stored pages (after the reader
    improved, or a page was recognized again); corrected fields are kept."""
    from congso.archive import pipeline

    found = pipeline.read_stored(document)
    with transaction.atomic():
        store_reading(document=document, found=found)
        audit.record(actor=by, verb="reread_fields", target=document)


# --- Citations --------------------------------------------------------------------------


def _replace_citations(document: Document, found: Reading) -> None:
    Citation.objects.filter(document=document).delete()
    Citation.objects.bulk_create(
        [
            Citation(
                document=document,
                position=position,
                doc_type=cited.doc_type or "",
                number_symbol=(cited.number_symbol or "")[:150],
                symbol_key=identifiers.symbol_key(cited.number_symbol or ""),
                issued_date=cited.issued_date,
                issuer=(cited.issuer or "")[:300],
                title=(cited.title or "")[:300],
                relation=cited.relation,
                text=cited.text,
            )
            for position, cited in enumerate(found.references, start=1)
        ]
    )


def resolve_citations(*, document: Document) -> None:
    """Link the document's unresolved citations to the agency's documents they name,
    and other documents' unresolved citations that name this one. Only documents of
    the same agency are ever linked."""
    library = Document.objects.filter(agency_id=document.agency_id).exclude(
        symbol_key="", abstract=""
    )
    for citation in document.citations.filter(target__isnull=True):
        target = _cited_document(citation, library.exclude(pk=document.pk))
        if target is not None:
            citation.target = target
            citation.save(update_fields=["target"])
    waiting = Citation.objects.filter(document__agency_id=document.agency_id, target__isnull=True)
    naming = Q(symbol_key=document.symbol_key) if document.symbol_key else Q(pk__in=[])
    if document.abstract:
        naming |= Q(number_symbol="", doc_type=document.doc_type)
    for citation in waiting.filter(naming).exclude(document=document):
        if _cited_document(citation, library.filter(pk=document.pk)) is not None:
            citation.target = document
            citation.save(update_fields=["target"])


def _cited_document(citation: Citation, library: Any) -> Document | None:
    """The one document of `library` that the citation names, if exactly one does.

    By symbol: the dates must agree when both are known; a symbol without a year
    ("123/QĐ-UBND" repeats every year) needs the citation's date or a single match.
    By title (laws cited by name): same type, the title as abstract, same date.
    """
    if citation.symbol_key:
        candidates = list(library.filter(symbol_key=citation.symbol_key)[:10])
        if citation.issued_date is not None:
            dated = [d for d in candidates if d.issued_date in (None, citation.issued_date)]
            exact = [d for d in dated if d.issued_date == citation.issued_date]
            candidates = exact or dated
        return candidates[0] if len(candidates) == 1 else None
    if not citation.title:
        return None
    title = folded(citation.title)
    named = [
        d
        for d in library.filter(doc_type=citation.doc_type)[:500]
        if folded(d.abstract) == title
        and (citation.issued_date is None or d.issued_date == citation.issued_date)
    ]
    return named[0] if len(named) == 1 else None


def citation_marks(document: Document) -> list[Citation]:
    """Later documents of the agency that replace, repeal or amend this one."""
    changing = [Citation.Relation.REPLACES, Citation.Relation.REPEALS, Citation.Relation.AMENDS]
    return list(
        document.cited_by.filter(relation__in=changing)
        .select_related("document")
        .order_by("document__issued_date", "pk")
    )


def unresolved_citations(citations: Iterable[Citation]) -> list[dict[str, Any]]:
    """Unresolved citations grouped by the document they name, most cited first."""
    groups: dict[tuple[str, ...], dict[str, Any]] = {}
    for citation in citations:
        key = (
            (citation.symbol_key,)
            if citation.symbol_key
            else (citation.doc_type, folded(citation.title))
        )
        group = groups.setdefault(key, {"citation": citation, "citing": []})
        group["citing"].append(citation.document)
    return sorted(groups.values(), key=lambda g: (-len(g["citing"]), g["citation"].label))


@transaction.atomic
def set_readers(*, document: Document, readers: Iterable[User], by: User) -> None:
    """Name who may see a secret document (the agency's leaders do this)."""
    before = sorted(document.readers.values_list("username", flat=True))
    document.readers.set(list(readers))
    after = sorted(document.readers.values_list("username", flat=True))
    audit.record(
        actor=by,
        verb="set_readers",
        target=document,
        before={"readers": before},
        after={"readers": after},
    )
