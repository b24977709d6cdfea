"""Records: building a unit's yearly file plan, opening dossiers from it (or outside
it), filing documents in them, closing them and handing them to the agency archive
(Nghị định 30/2020, Điều 28–31). Every change is audited; a dossier moves only along
`Dossier.TRANSITIONS`."""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from congso.archive import metadata, search, storage
from congso.archive.models import (
    Disposal,
    Document,
    DocumentVersion,
    Dossier,
    DossierDocument,
    FilePlan,
    Fonds,
    Handover,
    Heading,
    Page,
    validate_retention,
)
from congso.core import audit
from congso.org.models import Agency, Unit, User


@transaction.atomic
def create_file_plan(*, unit: Unit, year: int, by: User) -> FilePlan:
    plan = FilePlan.objects.create(agency_id=unit.agency_id, unit=unit, year=year)
    audit.record(actor=by, verb="create_file_plan", target=plan, after={"year": year})
    return plan


@transaction.atomic
def add_heading(*, plan: FilePlan, title: str, abbreviation: str, by: User) -> Heading:
    number = (plan.headings.aggregate(last=Max("number"))["last"] or 0) + 1
    heading = Heading.objects.create(
        plan=plan, number=number, title=title, abbreviation=abbreviation.upper()
    )
    audit.record(actor=by, verb="add_heading", target=heading, agency_id=plan.agency_id)
    return heading


@transaction.atomic
def plan_dossier(
    *, heading: Heading, title: str, retention_years: int, by: User, creator: User | None = None
) -> Dossier:
    """A dossier in the plan, numbered on from the plan's last one ("01.TCCB", "02.TCCB",
    … across the whole plan, as Phụ lục V allows)."""
    validate_retention(retention_years)
    plan = FilePlan.objects.select_for_update().get(pk=heading.plan_id)  # one at a time
    following = plan.dossiers.count() + 1  # a planned dossier is never deleted
    dossier = Dossier.objects.create(
        agency_id=plan.agency_id,
        unit=plan.unit,
        plan=plan,
        heading=heading,
        year=plan.year,
        notation=f"{following:02d}.{heading.abbreviation}",
        title=title,
        retention_years=retention_years,
        creator=creator,
    )
    audit.record(actor=by, verb="plan_dossier", target=dossier, after={"title": title})
    return dossier


@transaction.atomic
def open_dossier(*, dossier: Dossier, by: User) -> Dossier:
    """The handler opens a dossier of the plan (and becomes its keeper if none is set)."""
    _move(dossier, Dossier.State.OPEN, by=by)
    dossier.opened_at = dossier.opened_at or timezone.now()
    dossier.creator = dossier.creator or by
    dossier.save(update_fields=["opened_at", "creator"])
    return dossier


@transaction.atomic
def open_unplanned_dossier(
    *, unit: Unit, notation: str, title: str, retention_years: int, by: User
) -> Dossier:
    """A dossier outside the plan: the handler sets its symbol, title and retention."""
    validate_retention(retention_years)
    year = timezone.localdate().year
    if Dossier.objects.filter(agency_id=unit.agency_id, year=year, notation=notation).exists():
        raise ValidationError(_("Năm nay đã có hồ sơ số %(n)s.") % {"n": notation})
    dossier = Dossier.objects.create(
        agency_id=unit.agency_id,
        unit=unit,
        year=year,
        notation=notation,
        title=title,
        retention_years=retention_years,
        creator=by,
        state=Dossier.State.OPEN,
        opened_at=timezone.now(),
    )
    audit.record(actor=by, verb="open_dossier", target=dossier, after={"title": title})
    return dossier


@transaction.atomic
def file_document(*, dossier: Dossier, document: Document, by: User) -> DossierDocument:
    """Put a document in an open dossier, after the ones already there."""
    dossier = Dossier.objects.select_for_update().get(pk=dossier.pk)
    if dossier.state != Dossier.State.OPEN:
        raise ValidationError(_("Chỉ lưu văn bản vào hồ sơ đang lập."))
    if document.agency_id != dossier.agency_id:
        raise ValidationError(_("Văn bản và hồ sơ thuộc hai cơ quan khác nhau."))
    if DossierDocument.objects.filter(document=document).exists():
        raise ValidationError(_("Văn bản này đã được lưu vào một hồ sơ."))
    last = dossier.filings.aggregate(last=Max("ordinal"))["last"] or 0
    filing = DossierDocument.objects.create(
        dossier=dossier, document=document, ordinal=last + 1, filed_by=by
    )
    audit.record(
        actor=by,
        verb="file_document",
        target=dossier,
        after={"document": str(document.uuid), "ordinal": filing.ordinal},
    )
    return filing


@transaction.atomic
def close_dossier(*, dossier: Dossier, by: User) -> Dossier:
    """Close a dossier: it holds at least one document; its period is its documents'."""
    if not dossier.filings.exists():
        raise ValidationError(_("Hồ sơ chưa có văn bản nào nên chưa kết thúc được."))
    lacking = [
        _("%(n)s. %(title)s thiếu: %(fields)s")
        % {"n": f.ordinal, "title": f.document.title, "fields": ", ".join(gaps)}
        for f in dossier.filings.select_related("document")
        if (gaps := metadata.missing(f.document))
    ]
    if lacking:  # Điều 29: the metadata is completed when the dossier is closed
        raise ValidationError(
            _("Cần bổ sung thông tin văn bản trước khi kết thúc hồ sơ: %(list)s.")
            % {"list": "; ".join(lacking)}
        )
    _move(dossier, Dossier.State.CLOSED, by=by)
    dates = [_date_of(f.document) for f in dossier.filings.select_related("document")]
    dossier.start_date, dossier.end_date = min(dates), max(dates)
    dossier.closed_at = timezone.now()
    dossier.save(update_fields=["start_date", "end_date", "closed_at"])
    return dossier


@transaction.atomic
def reopen_dossier(*, dossier: Dossier, by: User) -> Dossier:
    _move(dossier, Dossier.State.OPEN, by=by)
    return dossier


@transaction.atomic
def hand_over(*, dossiers: Sequence[Dossier], by: User, note: str = "") -> Handover:
    """Hand closed dossiers of one agency to its archive, with a handover record."""
    if not dossiers:
        raise ValidationError(_("Chọn ít nhất một hồ sơ để nộp lưu."))
    agency_id = _one_agency(dossiers, _("Các hồ sơ nộp lưu phải cùng một cơ quan."))
    number = _next_number(Handover, agency_id)
    files = DossierDocument.objects.filter(dossier__in=dossiers).count()
    handover = Handover.objects.create(
        agency_id=agency_id,
        number=number,
        handed_by=by,
        dossier_count=len(dossiers),
        file_count=files,
        note=note,
    )
    fonds = _fonds_of(agency_id)
    for dossier in dossiers:
        _move(dossier, Dossier.State.TRANSFERRED, by=by)
        dossier.handover, dossier.fonds = handover, fonds
        dossier.save(update_fields=["handover", "fonds"])
    audit.record(
        actor=by,
        verb="hand_over",
        target=handover,
        after={"dossiers": [d.file_code for d in dossiers], "files": files},
    )
    return handover


def _fonds_of(agency_id: int) -> Fonds:
    """The agency's fonds, made at its first handover (named after the agency; its code
    is the agency's electronic ID code, as OrganId is)."""
    agency = Agency.objects.get(pk=agency_id)
    fonds, _made = Fonds.objects.get_or_create(
        agency=agency,
        defaults={
            "code": agency.code[:13],
            "name": _("Phông %(agency)s") % {"agency": agency.name},
            "start_year": timezone.localdate().year,
        },
    )
    return fonds


def _one_agency(dossiers: Sequence[Dossier], refusal: str) -> int:
    agencies = {dossier.agency_id for dossier in dossiers}
    if len(agencies) != 1:
        raise ValidationError(refusal)
    return agencies.pop()


def _next_number(model: type[Handover] | type[Disposal], agency_id: int) -> int:
    """The agency's next record number; the agency's row stays locked until the
    transaction ends, so two clerks never get the same one."""
    Agency.objects.select_for_update().get(pk=agency_id)
    taken = model.objects.filter(agency_id=agency_id)
    return int(taken.aggregate(n=Max("number"))["n"] or 0) + 1


def _move(dossier: Dossier, state: str, *, by: User) -> None:
    if not dossier.can_become(state):
        raise ValidationError(
            _("Hồ sơ %(code)s đang ở trạng thái «%(now)s», không chuyển được sang «%(to)s».")
            % {
                "code": dossier.notation,
                "now": dossier.get_state_display(),
                "to": Dossier.State(state).label,
            }
        )
    before = dossier.state
    dossier.state = state
    dossier.save(update_fields=["state"])
    audit.record(
        actor=by,
        verb=f"dossier_{state}",
        target=dossier,
        before={"state": before},
        after={"state": state},
    )


def _date_of(document: Document) -> datetime.date:
    return document.issued_date or timezone.localdate(document.captured_at)


@transaction.atomic
def propose_disposal(*, dossiers: Sequence[Dossier], reason: str, by: User) -> Disposal:
    """List dossiers whose retention has ended for the leader to decide on."""
    today = timezone.localdate()
    ids = [dossier.pk for dossier in dossiers]
    due = Dossier.objects.due_for_review(today).select_for_update().filter(pk__in=ids)
    if not ids or due.count() != len(set(ids)):
        raise ValidationError(_("Chỉ đề nghị hủy hồ sơ đã hết thời hạn bảo quản."))
    agency_id = _one_agency(dossiers, _("Các hồ sơ đề nghị hủy phải cùng một cơ quan."))
    number = _next_number(Disposal, agency_id)
    disposal = Disposal.objects.create(
        agency_id=agency_id, number=number, reason=reason, proposed_by=by
    )
    Dossier.objects.filter(pk__in=ids).update(disposal=disposal)
    audit.record(
        actor=by,
        verb="propose_disposal",
        target=disposal,
        after={"dossiers": [d.file_code for d in dossiers], "reason": reason},
    )
    return disposal


@transaction.atomic
def decide_disposal(*, disposal: Disposal, approve: bool, note: str, by: User) -> Disposal:
    """The leader's decision. Approved: each dossier is marked destroyed and its
    documents' files are deleted once the decision commits; the rows stay as the
    record of what was destroyed. Rejected: the dossiers are free again."""
    disposal = Disposal.objects.select_for_update().get(pk=disposal.pk)
    if disposal.state != Disposal.State.PROPOSED:
        raise ValidationError(_("Đề nghị này đã được quyết định."))
    disposal.state = Disposal.State.APPROVED if approve else Disposal.State.REJECTED
    disposal.decided_by, disposal.decided_at = by, timezone.now()
    disposal.decision_note = note
    disposal.save(update_fields=["state", "decided_by", "decided_at", "decision_note"])
    dossiers = list(disposal.dossiers.all())
    names: list[str] = []
    if approve:
        for dossier in dossiers:
            _move(dossier, Dossier.State.DESTROYED, by=by)
        names = _dispose_documents(dossiers)
    else:
        disposal.dossiers.update(disposal=None)
    audit.record(
        actor=by,
        verb="approve_disposal" if approve else "reject_disposal",
        target=disposal,
        after={"dossiers": [d.file_code for d in dossiers], "files": len(names), "note": note},
    )
    return disposal


def _dispose_documents(dossiers: list[Dossier]) -> list[str]:
    """Mark the dossiers' documents destroyed, take them out of search, and delete their
    files after the commit (a rolled-back decision must leave them)."""
    documents = Document.objects.filter(filing__dossier__in=dossiers)
    names = [n for d in documents for n in (d.original.name, d.archive.name) if n]
    names += [v.original.name for v in DocumentVersion.objects.filter(document__in=documents)]
    names += [
        p.thumbnail.name for p in Page.objects.filter(document__in=documents).exclude(thumbnail="")
    ]
    search.remove_documents(list(documents.values_list("pk", flat=True)))
    documents.update(disposed_at=timezone.now())
    transaction.on_commit(lambda: _delete_files(names))
    return names


def _delete_files(names: list[str]) -> None:
    for name in names:
        storage.absolute(name).unlink(missing_ok=True)
