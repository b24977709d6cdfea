"""Outgoing documents (Nghị định 30/2020, Điều 14–19): draft, approval along the
agency's route, signature, number and date from the register, dispatch (units inside,
agencies on the install, addresses outside), receipts and recall. Each state change is
audited in its transaction.

The caller has scoped the item to the acting person (`visible_to`); these functions
check the role each step needs and raise PermissionDenied otherwise.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from congso.archive import services as archive
from congso.archive import storage
from congso.archive.models import Document
from congso.core import audit
from congso.core.tasks import enqueue
from congso.core.text import nfc
from congso.org import access
from congso.org.models import Agency, Role, Unit, User
from congso.workflow import signing, tasks
from congso.workflow.models import (
    Direction,
    Dispatch,
    IncomingDocument,
    OutgoingDocument,
    Review,
)
from congso.workflow.services import incoming, notices, numbering, processes


def _unit_of(user: User, agency: Agency) -> Unit | None:
    post = user.posts.current().filter(agency=agency).first()
    return post.unit if post else None


@transaction.atomic
def create_draft(
    *,
    agency: Agency,
    by: User,
    values: dict[str, object],
    chunks: Iterable[bytes] | None = None,
    file_name: str = "",
    document: Document | None = None,
    reply_to: IncomingDocument | None = None,
) -> OutgoingDocument:
    """A member of staff starts a draft (dự thảo), from scratch or in reply to an
    incoming document; the draft file goes into the archive like any capture (or is
    one the archive already has)."""
    if not by.posts.current().filter(agency=agency).exists():
        raise PermissionDenied(_("Bạn không làm việc tại cơ quan này."))
    if reply_to is not None and reply_to.agency_id != agency.pk:
        raise PermissionDenied(_("Văn bản đến không thuộc cơ quan này."))
    item = OutgoingDocument(
        agency=agency,
        drafted_by=by,
        unit=_unit_of(by, agency),
        reply_to=reply_to,
        **values,
    )
    if chunks is not None:
        document = _capture(agency, by, chunks, file_name)
    if document is not None and document.agency_id != agency.pk:
        raise PermissionDenied(_("Tài liệu không thuộc cơ quan này."))
    item.document = document
    item.full_clean()
    item.save()
    audit.record(
        actor=by,
        verb="create_draft",
        target=item,
        after=audit.snapshot(item, ["doc_type", "abstract", "secrecy", "urgency"]),
    )
    return item


def _capture(agency: Agency, by: User, chunks: Iterable[bytes], file_name: str) -> Document:
    captured = archive.capture(
        agency=agency,
        chunks=chunks,
        original_name=file_name,
        source=Document.Source.UPLOAD,
        by=by,
    )
    return captured.document


def _require_drafter(item: OutgoingDocument, by: User) -> None:
    if by.pk != item.drafted_by_id:
        raise PermissionDenied(_("Chỉ người soạn thảo mới sửa được dự thảo."))


@transaction.atomic
def update_draft(
    *, item: OutgoingDocument, by: User, chunks: Iterable[bytes], file_name: str, note: str = ""
) -> OutgoingDocument:
    """The drafter attaches a new version of the draft (after comments); earlier
    versions stay in the document's history."""
    _require_drafter(item, by)
    if item.state != OutgoingDocument.State.DRAFT:
        raise ValidationError(_("Chỉ sửa được dự thảo chưa trình."), code="not_draft")
    if item.document is None:
        item.document = _capture(item.agency, by, chunks, file_name)
        item.save(update_fields=["document"])
    else:
        archive.add_version(
            document=item.document, chunks=chunks, original_name=file_name, by=by, note=note
        )
    audit.record(actor=by, verb="update_draft", target=item, after={"note": note})
    return item


def reviewers(item: OutgoingDocument, role: str) -> list[User]:
    """Who may act on a step: heads of the drafting unit for the unit-head role,
    holders of the role in the agency otherwise."""
    unit = item.unit if role == Role.Code.UNIT_HEAD else None
    return list(notices.people_with_role(agency_id=item.agency_id, role=role, unit=unit))


def _version(item: OutgoingDocument) -> int:
    return item.document.version if item.document else 1


@transaction.atomic
def submit_draft(*, item: OutgoingDocument, by: User, comment: str = "") -> OutgoingDocument:
    """The drafter sends the draft for approval. The first time, the route is copied
    from the agency's process; steps of a role the drafter holds are skipped (a unit
    head's own draft goes straight to the leader)."""
    _require_drafter(item, by)
    item = OutgoingDocument.objects.select_for_update().get(pk=item.pk)
    if item.document is None:
        raise ValidationError(_("Cần đính kèm tệp dự thảo trước khi trình."), code="no_file")
    if not item.route:
        route = processes.route_for(
            agency=item.agency, direction=Direction.OUTGOING, doc_type=item.doc_type
        )
        item.route = route.approval_roles
    item.step = 0
    while item.step < len(item.route) - 1 and by in reviewers(item, item.route[item.step]):
        item.step += 1
    item.move_to(OutgoingDocument.State.IN_REVIEW)
    item.save(update_fields=["route", "step", "state"])
    Review.objects.create(
        outgoing=item,
        step=item.step,
        role="",
        reviewer=by,
        decision=Review.Decision.SUBMIT,
        comment=nfc(comment),
        version=_version(item),
    )
    _ask_next(item)
    audit.record(actor=by, verb="submit_draft", target=item, after={"route": item.route})
    return item


def _ask_next(item: OutgoingDocument) -> None:
    role = item.current_role or ""
    people = reviewers(item, role)
    if not people:
        raise ValidationError(
            _("Không có ai giữ vai trò “%(role)s” để duyệt văn bản này.")
            % {"role": Role.objects.filter(code=role).first() or role},
            code="no_reviewer",
        )
    notices.notify(
        users=people,
        text=_("Dự thảo chờ duyệt: %(abstract)s") % {"abstract": item.abstract[:150]},
        url=item.get_absolute_url(),
    )


@transaction.atomic
def review_draft(
    *, item: OutgoingDocument, by: User, approve: bool, comment: str = ""
) -> OutgoingDocument:
    """The holder of the current step approves (to the next step; after the last one
    the draft waits for that person's signature) or returns it to the drafter."""
    item = OutgoingDocument.objects.select_for_update().get(pk=item.pk)
    role = item.current_role
    if role is None or by not in reviewers(item, role):
        raise PermissionDenied(_("Văn bản không chờ bạn duyệt."))
    if not approve and not comment.strip():
        raise ValidationError(_("Cần ghi góp ý khi trả lại dự thảo."), code="no_comment")
    Review.objects.create(
        outgoing=item,
        step=item.step,
        role=role,
        reviewer=by,
        decision=Review.Decision.APPROVE if approve else Review.Decision.RETURN,
        comment=nfc(comment),
        version=_version(item),
    )
    if not approve:
        item.move_to(OutgoingDocument.State.DRAFT)
        item.step = 0
        notices.notify(
            users=[item.drafted_by],
            text=_("Dự thảo bị trả lại: %(abstract)s. Góp ý: %(comment)s")
            % {"abstract": item.abstract[:100], "comment": comment[:200]},
            url=item.get_absolute_url(),
        )
    elif item.step + 1 < len(item.route):
        item.step += 1
        item.move_to(OutgoingDocument.State.IN_REVIEW)
        _ask_next(item)
    else:
        item.step += 1
        item.move_to(OutgoingDocument.State.APPROVED)
        item.signer = by
    item.save(update_fields=["state", "step", "signer"])
    verb = "approve_draft" if approve else "return_draft"
    audit.record(actor=by, verb=verb, target=item, after={"step": item.step, "comment": comment})
    return item


@transaction.atomic
def sign_outgoing(
    *,
    item: OutgoingDocument,
    by: User,
    chunks: Iterable[bytes] | None = None,
    file_name: str = "",
) -> OutgoingDocument:
    """The signer signs the approved draft: a file they signed elsewhere is kept byte for
    byte as the document's last version; otherwise the configured signer is asked. The
    digest of the signed file is kept, and issuing never changes the file."""
    item = OutgoingDocument.objects.select_for_update().get(pk=item.pk)
    if by.pk != item.signer_id:
        raise PermissionDenied(_("Chỉ người duyệt cuối cùng mới ký được văn bản này."))
    document = _file_of(item)
    if chunks is None:
        content = storage.absolute(document.original.name).read_bytes()
        signed = signing.get_signer().sign(content=content, name=document.original_name, by=by)
        if signed is not None:
            chunks, file_name = [signed], document.original_name
    if chunks is not None:
        archive.add_version(
            document=document,
            chunks=chunks,
            original_name=file_name,
            by=by,
            note=_("Bản đã ký"),
        )
        document.refresh_from_db()
    item.move_to(OutgoingDocument.State.SIGNED)
    item.signed_at = timezone.now()
    item.signed_sha256 = document.sha256
    item.save(update_fields=["state", "signed_at", "signed_sha256"])
    Review.objects.create(
        outgoing=item,
        step=item.step,
        role="",
        reviewer=by,
        decision=Review.Decision.SIGN,
        version=_version(item),
    )
    audit.record(actor=by, verb="sign_outgoing", target=item, after={"sha256": item.signed_sha256})
    notices.notify(
        users=notices.people_with_role(agency_id=item.agency_id, role=Role.Code.CLERK),
        text=_("Văn bản đã ký, chờ phát hành: %(abstract)s") % {"abstract": item.abstract[:150]},
        url=item.get_absolute_url(),
    )
    return item


@dataclass
class Recipients:
    """Where an issued document goes."""

    units: list[Unit] = field(default_factory=list)
    agencies: list[Agency] = field(default_factory=list)
    emails: list[str] = field(default_factory=list)


@transaction.atomic
def issue_outgoing(
    *,
    item: OutgoingDocument,
    by: User,
    recipients: Recipients,
    copies: int = 1,
    issued_date: datetime.date | None = None,
) -> OutgoingDocument:
    """The clerk issues a signed document: it takes the next number of its series for
    the calendar year (the number row stays locked until commit, so concurrent issues
    get consecutive numbers), the date, and goes to its recipients. The archive copy
    takes the final number, date and signer."""
    incoming.require_role(by, Role.Code.CLERK)
    item = OutgoingDocument.objects.select_for_update().get(pk=item.pk)
    item.move_to(OutgoingDocument.State.ISSUED)
    if not (recipients.units or recipients.agencies or recipients.emails):
        raise ValidationError(_("Chưa chọn nơi nhận."), code="no_recipient")
    issued_date = issued_date or timezone.localdate()
    item.series = numbering.outgoing_series(
        doc_type=item.doc_type, secret=bool(item.secrecy), legal_normative=item.legal_normative
    )
    item.year = issued_date.year
    item.number = numbering.next_number(agency=item.agency, year=item.year, key=item.series)
    item.number_symbol = numbering.number_symbol(
        number=item.number,
        year=item.year,
        doc_type=item.doc_type,
        agency=item.agency,
        unit=item.unit,
        legal_normative=item.legal_normative,
    )
    item.issued_date, item.issued_at, item.issued_by = issued_date, timezone.now(), by
    item.copies = copies
    item.save()
    _dispatch(item, recipients)
    _describe_in_archive(item, by)
    audit.record(
        actor=by,
        verb="issue_outgoing",
        target=item,
        after=audit.snapshot(item, ["number_symbol", "issued_date", "series", "number"]),
    )
    return item


def _file_of(item: OutgoingDocument) -> Document:
    """The item's file; a draft is submitted only with one, so this never fails after."""
    if item.document is None:
        raise ValidationError(_("Văn bản chưa có tệp."), code="no_file")
    return item.document


def _describe_in_archive(item: OutgoingDocument, by: User) -> None:
    archive.correct_fields(
        document=_file_of(item),
        values={
            "doc_type": item.doc_type,
            "number_symbol": item.number_symbol,
            "issued_date": item.issued_date,
            "issuer": item.agency.name,
            "abstract": item.abstract,
            "signer": item.signer.full_name if item.signer else "",
        },
        by=by,
    )


def _dispatch(item: OutgoingDocument, recipients: Recipients) -> None:
    now = timezone.now()
    for unit in recipients.units:
        if unit.agency_id != item.agency_id:
            raise ValidationError(_("Đơn vị nhận không thuộc cơ quan này."), code="other_agency")
        Dispatch.objects.create(outgoing=item, kind=Dispatch.Kind.UNIT, unit=unit, sent_at=now)
        notices.notify(
            users=notices.people_with_role(
                agency_id=item.agency_id, role=Role.Code.UNIT_HEAD, unit=unit
            ),
            text=_("Văn bản %(item)s gửi đơn vị: %(abstract)s")
            % {"item": item.number_symbol, "abstract": item.abstract[:100]},
            url=item.get_absolute_url(),
        )
    for agency in recipients.agencies:
        dispatch = Dispatch.objects.create(
            outgoing=item, kind=Dispatch.Kind.AGENCY, agency=agency, sent_at=now
        )
        _deliver(item, dispatch, agency)
    for email in recipients.emails:
        dispatch = Dispatch.objects.create(
            outgoing=item, kind=Dispatch.Kind.EMAIL, email=email, sent_at=now
        )
        enqueue(tasks.mail_dispatch, dispatch.pk)


def _deliver(item: OutgoingDocument, dispatch: Dispatch, agency: Agency) -> None:
    """Another agency on the install receives the document as incoming: a copy of the
    signed file goes into its archive and waits for its clerk to register it."""
    copy = archive.capture_path(
        agency=agency,
        path=storage.absolute(_file_of(item).original.name),
        source=Document.Source.TRANSFER,
        source_detail=str(item.agency),
        by=None,
    ).document
    received = incoming.receive(
        agency=agency,
        document=copy,
        received_at=dispatch.sent_at,
        values={
            "sender": item.agency.name,
            "number_symbol": item.number_symbol,
            "doc_date": item.issued_date,
            "doc_type": item.doc_type,
            "abstract": item.abstract,
            "urgency": item.urgency,
            "secrecy": item.secrecy,
        },
    )
    received.dispatch = dispatch
    received.save(update_fields=["dispatch"])
    notices.notify(
        users=notices.people_with_role(agency_id=agency.pk, role=Role.Code.CLERK),
        text=_("Văn bản đến từ %(sender)s chờ vào sổ: %(item)s")
        % {"sender": item.agency, "item": item.number_symbol},
        url=received.get_absolute_url(),
    )


def mail_dispatch(*, dispatch_id: int) -> None:
    """Send an issued document by e-mail to an address outside the platform."""
    dispatch = (
        Dispatch.objects.select_related("outgoing__document", "outgoing__agency")
        .filter(pk=dispatch_id, kind=Dispatch.Kind.EMAIL)
        .first()
    )
    if dispatch is None or dispatch.outgoing.document is None:
        return
    item = dispatch.outgoing
    document = _file_of(item)
    message = EmailMessage(
        subject=f"{item.number_symbol} {item.abstract[:150]}",
        body=_("%(agency)s gửi văn bản số %(number)s ngày %(date)s: %(abstract)s")
        % {
            "agency": item.agency.name,
            "number": item.number_symbol,
            "date": f"{item.issued_date:%d/%m/%Y}",
            "abstract": item.abstract,
        },
        to=[dispatch.email],
    )
    message.attach(
        document.original_name,
        storage.absolute(document.original.name).read_bytes(),
        document.media_type or None,
    )
    message.send()


@transaction.atomic
def acknowledge(*, dispatch: Dispatch, by: User) -> None:
    """A member of the receiving unit acknowledges an internal document."""
    if dispatch.kind != Dispatch.Kind.UNIT or dispatch.received_at is not None:
        return
    if dispatch.unit_id is None or not by.posts.current().filter(unit_id=dispatch.unit_id).exists():
        raise PermissionDenied(_("Bạn không thuộc đơn vị nhận."))
    dispatch.received_at = timezone.now()
    dispatch.save(update_fields=["received_at"])
    audit.record(actor=by, verb="acknowledge_dispatch", target=dispatch.outgoing)


@transaction.atomic
def recall_outgoing(*, item: OutgoingDocument, by: User, reason: str) -> None:
    """Thu hồi (Điều 18): the document is frozen as issued; each copy another agency
    received is cancelled in its system, and its clerks are told."""
    if not access.has_role(by, Role.Code.CLERK, Role.Code.LEADER):
        raise PermissionDenied(_("Bạn không có quyền thu hồi văn bản."))
    if not reason.strip():
        raise ValidationError(_("Cần ghi rõ lý do."), code="no_reason")
    item = OutgoingDocument.objects.select_for_update().get(pk=item.pk)
    item.move_to(OutgoingDocument.State.RECALLED)
    item.recall_reason = nfc(reason)[:500]
    item.save(update_fields=["state", "recall_reason"])
    received = IncomingDocument.objects.filter(dispatch__outgoing=item).exclude(
        state__in=[IncomingDocument.State.RETURNED, IncomingDocument.State.RECALLED]
    )
    for copy in received.select_related("agency"):
        copy.move_to(IncomingDocument.State.RECALLED)
        copy.note = item.recall_reason
        copy.save(update_fields=["state", "note"])
        copy.assignments.open().update(state="recalled", finished_at=timezone.now())
        notices.notify(
            users=notices.people_with_role(agency_id=copy.agency_id, role=Role.Code.CLERK),
            text=_("%(sender)s thu hồi văn bản %(item)s. Lý do: %(reason)s")
            % {"sender": item.agency, "item": item.number_symbol, "reason": reason},
            url=copy.get_absolute_url(),
        )
        audit.record(actor=by, verb="recall_incoming", target=copy, after={"reason": reason})
    audit.record(actor=by, verb="recall_outgoing", target=item, after={"reason": reason})
