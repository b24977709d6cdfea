"""Incoming documents (Nghị định 30/2020, Điều 20–24): receive, register, direct the
handling (chủ trì / phối hợp / để biết), reassign inside a unit, record progress,
finish, forward, return and recall. Each state change is audited in its transaction.

The caller has scoped the item to the acting person (`visible_to`); these functions
check the role each step needs and raise PermissionDenied otherwise.
"""

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from congso.archive.models import Document, Urgency
from congso.core import audit
from congso.core.text import nfc
from congso.org import access
from congso.org.models import Agency, Role, Unit, User
from congso.workflow import calendar
from congso.workflow.models import Assignment, Direction, IncomingDocument, ProgressNote
from congso.workflow.services import notices, numbering, processes

URGENT = {Urgency.KHAN, Urgency.THUONG_KHAN, Urgency.HOA_TOC, Urgency.HOA_TOC_HEN_GIO}
# What registering copies from the reading step of the captured document.
PREFILLED = {
    "sender": "issuer",
    "number_symbol": "number_symbol",
    "doc_date": "issued_date",
    "doc_type": "doc_type",
    "abstract": "abstract",
    "urgency": "urgency",
    "secrecy": "secrecy",
}


def require_role(user: User, *codes: str) -> None:
    if not access.has_role(user, *codes):
        raise PermissionDenied(_("Bạn không có quyền thực hiện thao tác này."))


def prefill(document: Document) -> dict[str, object]:
    """The register's fields as the reading step found them on the document."""
    values = {name: getattr(document, source) for name, source in PREFILLED.items()}
    values["abstract"] = values["abstract"] or document.title
    return values


def receive(
    *, agency: Agency, document: Document, received_at: datetime.datetime, values: dict[str, object]
) -> IncomingDocument:
    """A document arrived and waits to be registered (from another agency on the
    install). Its registration deadline follows Điều 4: same day, at the latest the next
    working day; urgent ones at once."""
    item = IncomingDocument(
        agency=agency,
        document=document,
        received_at=received_at,
        year=timezone.localtime(received_at).year,
        register_due=calendar.register_due(
            received_at, urgent=values.get("urgency") in URGENT, agency_id=agency.pk
        ),
        **values,
    )
    item.full_clean(exclude=["dispatch"])
    item.save()
    audit.record(actor=None, verb="receive_incoming", target=item)
    return item


@transaction.atomic
def register_incoming(
    *,
    by: User,
    values: dict[str, object],
    document: Document | None = None,
    item: IncomingDocument | None = None,
) -> IncomingDocument:
    """The clerk enters a received document in the incoming register: it takes the next
    số đến of the agency's year, and goes to whoever directs its handling."""
    require_role(by, Role.Code.CLERK)
    now = timezone.now()
    if item is None:
        if document is None:
            raise ValueError("register a captured document or a received item")
        _refuse_registered_twice(document)
        item = receive(
            agency=document.agency,
            document=document,
            received_at=now,
            values={
                **values,
                "sender": values.get("sender") or "",
            },
        )
    else:
        item = IncomingDocument.objects.select_for_update().get(pk=item.pk)
        for name, value in values.items():
            setattr(item, name, value)
    item.move_to(IncomingDocument.State.REGISTERED)
    route = processes.route_for(
        agency=item.agency, direction=Direction.INCOMING, doc_type=item.doc_type
    )
    item.director_role, item.handling_days = route.director_role, route.handling_days
    item.year = timezone.localtime(item.received_at).year
    item.number = numbering.next_number(agency=item.agency, year=item.year, key=numbering.INCOMING)
    item.registered_at, item.registered_by = now, by
    item.full_clean(exclude=["dispatch"])
    item.save()
    if item.dispatch is not None:
        _acknowledge_receipt(item, now)
    audit.record(
        actor=by,
        verb="register_incoming",
        target=item,
        after=audit.snapshot(item, ["number", "year", "sender", "number_symbol", "abstract"]),
    )
    notices.notify(
        users=notices.people_with_role(agency_id=item.agency_id, role=item.director_role),
        text=_("Văn bản đến chờ phân công: %(item)s") % {"item": _label(item)},
        url=item.get_absolute_url(),
    )
    return item


def _acknowledge_receipt(item: IncomingDocument, now: datetime.datetime) -> None:
    """Điều 21: the sender learns the same day, through the system, that its document
    was received; its page shows when."""
    dispatch = item.dispatch
    if dispatch is None:
        return
    dispatch.received_at = now
    dispatch.save(update_fields=["received_at"])
    outgoing = dispatch.outgoing
    notices.notify(
        users=notices.people_with_role(agency_id=outgoing.agency_id, role=Role.Code.CLERK),
        text=_("%(agency)s đã nhận văn bản %(item)s (số đến %(number)s).")
        % {"agency": item.agency, "item": outgoing, "number": item.number},
        url=outgoing.get_absolute_url(),
    )


def _refuse_registered_twice(document: Document) -> None:
    """One archived document is one line of the register (a second capture of the same
    file is the same document, so this also catches a letter scanned twice)."""
    earlier = (
        IncomingDocument.objects.filter(document=document, number__isnull=False)
        .exclude(state__in=[IncomingDocument.State.RETURNED, IncomingDocument.State.RECALLED])
        .first()
    )
    if earlier is not None:
        raise ValidationError(
            _("Văn bản này đã vào sổ văn bản đến số %(number)s/%(year)s.")
            % {"number": earlier.number, "year": earlier.year},
            code="registered",
        )


def _label(item: IncomingDocument) -> str:
    return f"{item.number_symbol or item} {item.abstract[:100]}".strip()


@dataclass
class Handler:
    """Who an assignment goes to: a unit (its head passes it on) or a person."""

    unit: Unit | None = None
    user: User | None = None
    deadline: datetime.date | None = None


@dataclass
class Directive:
    """A leader's direction on an incoming document (phiếu giải quyết văn bản đến)."""

    lead: Handler
    coordinators: list[Handler] = field(default_factory=list)
    informed: list[Handler] = field(default_factory=list)
    deadline: datetime.date | None = None
    note: str = ""


@transaction.atomic
def assign_incoming(*, item: IncomingDocument, by: User, directive: Directive) -> list[Assignment]:
    """The person who directs handling (the role the process names) gives the document
    a lead, coordinators and recipients for information, a deadline and a note. Without
    a deadline the process's usual number of working days applies."""
    require_role(by, item.director_role or processes.DEFAULT_DIRECTOR)
    item = IncomingDocument.objects.select_for_update().get(pk=item.pk)
    item.move_to(IncomingDocument.State.IN_PROGRESS)
    deadline = directive.deadline or _default_deadline(item)
    item.deadline = deadline
    item.direction_note = nfc(directive.note)
    item.directed_by, item.directed_at = by, timezone.now()
    item.save(update_fields=["state", "deadline", "direction_note", "directed_by", "directed_at"])
    made = [_assign(item, by, Assignment.Role.LEAD, directive.lead, deadline, directive.note)]
    for role, handlers in (
        (Assignment.Role.COORDINATE, directive.coordinators),
        (Assignment.Role.INFORM, directive.informed),
    ):
        made += [_assign(item, by, role, handler, deadline, directive.note) for handler in handlers]
    audit.record(
        actor=by,
        verb="assign_incoming",
        target=item,
        after={
            "deadline": deadline,
            "note": item.direction_note,
            "assignments": [str(assignment) for assignment in made],
        },
    )
    return made


def _default_deadline(item: IncomingDocument) -> datetime.date | None:
    if item.handling_days is None:
        return None
    return calendar.add_working_days(
        timezone.localdate(), item.handling_days, agency_id=item.agency_id
    )


def _assign(
    item: IncomingDocument,
    by: User,
    role: str,
    handler: Handler,
    deadline: datetime.date | None,
    note: str,
    parent: Assignment | None = None,
) -> Assignment:
    _check_handler(item, handler)
    assignment = Assignment(
        incoming=item,
        parent=parent,
        role=role,
        unit=handler.unit,
        user=handler.user,
        deadline=handler.deadline or deadline,
        note=nfc(note),
        assigned_by=by,
    )
    assignment.full_clean()
    assignment.save()
    notices.notify(
        users=notices.handlers_of(assignment),
        text=_("%(role)s: %(item)s")
        % {"role": assignment.get_role_display(), "item": _label(item)},
        url=item.get_absolute_url(),
    )
    return assignment


def _check_handler(item: IncomingDocument, handler: Handler) -> None:
    if handler.unit is None and handler.user is None:
        raise ValidationError(_("Chưa chọn đơn vị hoặc người xử lý."), code="no_handler")
    if handler.unit is not None and handler.unit.agency_id != item.agency_id:
        raise ValidationError(_("Đơn vị không thuộc cơ quan này."), code="other_agency")
    if (
        handler.user is not None
        and not handler.user.posts.current().filter(agency_id=item.agency_id).exists()
    ):
        raise ValidationError(
            _("Người được giao không làm việc tại cơ quan này."), code="other_agency"
        )


def _require_handler(assignment: Assignment, by: User) -> None:
    if by.pk not in {user.pk for user in notices.handlers_of(assignment)}:
        raise PermissionDenied(_("Việc này không được giao cho bạn."))


def _require_open(assignment: Assignment) -> None:
    if assignment.state != Assignment.State.OPEN:
        raise ValidationError(_("Việc này đã kết thúc."), code="closed")


def _close(assignment: Assignment, state: str, result: str) -> None:
    assignment.state = state
    assignment.finished_at = timezone.now()
    assignment.result = nfc(result)
    assignment.save(update_fields=["state", "finished_at", "result"])


@transaction.atomic
def reassign(
    *, assignment: Assignment, by: User, user: User, deadline: datetime.date | None, note: str
) -> Assignment:
    """The head of the assigned unit passes the work to one of its people, with the
    same role (chủ trì stays chủ trì). The unit's line counts as handed on."""
    _require_open(assignment)
    if assignment.unit is None or assignment.user_id:
        raise ValidationError(_("Chỉ việc giao cho đơn vị mới giao tiếp được."), code="not_unit")
    _require_handler(assignment, by)
    if not user.posts.current().filter(unit=assignment.unit).exists():
        raise ValidationError(_("Người được giao không thuộc đơn vị này."), code="other_unit")
    child = _assign(
        assignment.incoming,
        by,
        assignment.role,
        Handler(unit=assignment.unit, user=user, deadline=deadline or assignment.deadline),
        assignment.deadline,
        note,
        parent=assignment,
    )
    _close(assignment, Assignment.State.REASSIGNED, note)
    audit.record(actor=by, verb="reassign", target=assignment.incoming, after={"to": str(child)})
    return child


@transaction.atomic
def record_progress(
    *, assignment: Assignment, by: User, text: str, attachment: Document | None = None
) -> ProgressNote:
    """A handler records progress or an opinion, with a draft attached if any."""
    _require_open(assignment)
    _require_handler(assignment, by)
    note = ProgressNote(
        incoming=assignment.incoming,
        assignment=assignment,
        author=by,
        text=nfc(text),
        attachment=attachment,
    )
    note.full_clean()
    note.save()
    audit.record(
        actor=by, verb="record_progress", target=assignment.incoming, after={"text": note.text}
    )
    return note


@transaction.atomic
def finish_assignment(*, assignment: Assignment, by: User, result: str) -> None:
    """A handler finishes their own line. Finishing the lead's line finishes the
    document; a coordinating unit only closes its own contribution."""
    _require_open(assignment)
    _require_handler(assignment, by)
    _close(assignment, Assignment.State.DONE, result)
    for ancestor in _ancestors(assignment):
        ancestor.state = Assignment.State.DONE
        ancestor.save(update_fields=["state"])
    item = IncomingDocument.objects.select_for_update().get(pk=assignment.incoming_id)
    if assignment.role == Assignment.Role.LEAD:
        item.move_to(IncomingDocument.State.DONE)
        item.finished_at = timezone.now()
        item.save(update_fields=["state", "finished_at"])
    audit.record(
        actor=by,
        verb="finish_assignment",
        target=item,
        after={"assignment": str(assignment), "result": assignment.result},
    )


def _ancestors(assignment: Assignment) -> list[Assignment]:
    found, parent = [], assignment.parent
    while parent is not None:
        found.append(parent)
        parent = parent.parent
    return found


@transaction.atomic
def forward_assignment(*, assignment: Assignment, by: User, to: Handler, reason: str) -> Assignment:
    """A handler passes their line to another unit or person (wrongly sent to them)."""
    _require_open(assignment)
    _require_handler(assignment, by)
    _require_reason(reason)
    new = _assign(
        assignment.incoming,
        by,
        assignment.role,
        to,
        assignment.deadline,
        reason,
        parent=assignment.parent,
    )
    _close(assignment, Assignment.State.REASSIGNED, reason)
    audit.record(
        actor=by,
        verb="forward_assignment",
        target=assignment.incoming,
        after={"from": str(assignment), "to": str(new), "reason": reason},
    )
    return new


@transaction.atomic
def return_assignment(*, assignment: Assignment, by: User, reason: str) -> None:
    """A handler gives their line back to whoever assigned it. When the lead is given
    back, the document waits to be directed again."""
    _require_open(assignment)
    _require_handler(assignment, by)
    _require_reason(reason)
    _close(assignment, Assignment.State.RETURNED, reason)
    _after_lead_left(assignment)
    notices.notify(
        users=[assignment.assigned_by],
        text=_("%(person)s trả lại việc: %(item)s. Lý do: %(reason)s")
        % {"person": by, "item": _label(assignment.incoming), "reason": reason},
        url=assignment.incoming.get_absolute_url(),
    )
    audit.record(
        actor=by,
        verb="return_assignment",
        target=assignment.incoming,
        after={"assignment": str(assignment), "reason": reason},
    )


@transaction.atomic
def recall_assignment(*, assignment: Assignment, by: User, reason: str) -> None:
    """Whoever assigned a line (or the director of the document) takes it back."""
    _require_open(assignment)
    item = assignment.incoming
    if by.pk != assignment.assigned_by_id:
        require_role(by, item.director_role or processes.DEFAULT_DIRECTOR)
    _require_reason(reason)
    _close(assignment, Assignment.State.RECALLED, reason)
    _after_lead_left(assignment)
    notices.notify(
        users=notices.handlers_of(assignment),
        text=_("Đã thu hồi việc: %(item)s. Lý do: %(reason)s")
        % {"item": _label(item), "reason": reason},
        url=item.get_absolute_url(),
    )
    audit.record(
        actor=by,
        verb="recall_assignment",
        target=item,
        after={"assignment": str(assignment), "reason": reason},
    )


def _after_lead_left(assignment: Assignment) -> None:
    if assignment.role != Assignment.Role.LEAD:
        return
    item = IncomingDocument.objects.select_for_update().get(pk=assignment.incoming_id)
    if not item.assignments.open().filter(role=Assignment.Role.LEAD).exists():
        item.move_to(IncomingDocument.State.REGISTERED)
        item.save(update_fields=["state"])


def _require_reason(reason: str) -> None:
    if not reason.strip():
        raise ValidationError(_("Cần ghi rõ lý do."), code="no_reason")


@transaction.atomic
def return_to_sender(*, item: IncomingDocument, by: User, reason: str) -> None:
    """The clerk returns a wrongly addressed or invalid document through the system
    (Điều 21): the sender sees the reason on its dispatch."""
    require_role(by, Role.Code.CLERK)
    _require_reason(reason)
    item = IncomingDocument.objects.select_for_update().get(pk=item.pk)
    dispatch = item.dispatch
    if dispatch is None:
        raise ValidationError(
            _("Chỉ trả lại được văn bản nhận qua hệ thống."), code="not_electronic"
        )
    item.move_to(IncomingDocument.State.RETURNED)
    item.note = nfc(reason)[:500]
    item.save(update_fields=["state", "note"])
    dispatch.returned_reason = item.note
    dispatch.save(update_fields=["returned_reason"])
    outgoing = dispatch.outgoing
    notices.notify(
        users=notices.people_with_role(agency_id=outgoing.agency_id, role=Role.Code.CLERK),
        text=_("%(agency)s trả lại văn bản %(item)s. Lý do: %(reason)s")
        % {"agency": item.agency, "item": outgoing, "reason": reason},
        url=outgoing.get_absolute_url(),
    )
    audit.record(actor=by, verb="return_to_sender", target=item, after={"reason": reason})
