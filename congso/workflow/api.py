"""JSON API of the e-office: the same path as the pages, from registering an incoming
document to issuing the reply. Every id goes through `visible_to`; services check the
roles; refusals are 403, invalid requests 422."""

import datetime
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, cast
from uuid import UUID

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate

from congso.archive.models import Document
from congso.org.models import Agency, Unit, User
from congso.workflow import services
from congso.workflow.models import Assignment, IncomingDocument, OutgoingDocument

incoming_router = Router(tags=["Văn bản đến"])
outgoing_router = Router(tags=["Văn bản đi"])


class AssignmentOut(Schema):
    id: int
    role: str
    unit: int | None
    user: int | None
    handler: str
    deadline: datetime.date | None
    state: str
    result: str

    @staticmethod
    def resolve_unit(assignment: Assignment) -> int | None:
        return assignment.unit_id

    @staticmethod
    def resolve_user(assignment: Assignment) -> int | None:
        return assignment.user_id

    @staticmethod
    def resolve_handler(assignment: Assignment) -> str:
        return assignment.handler_label


class IncomingOut(Schema):
    uuid: UUID
    state: str
    year: int
    number: int | None
    received_at: datetime.datetime
    sender: str
    number_symbol: str
    doc_date: datetime.date | None
    doc_type: str
    abstract: str
    urgency: str
    secrecy: str
    deadline: datetime.date | None
    direction_note: str
    document: UUID
    assignments: list[AssignmentOut]

    @staticmethod
    def resolve_document(item: IncomingDocument) -> UUID:
        return item.document.uuid

    @staticmethod
    def resolve_assignments(item: IncomingDocument) -> list[Assignment]:
        return list(item.assignments.select_related("unit", "user"))


class IncomingIn(Schema):
    document: UUID | None = None  # a captured document; absent for a received one
    sender: str = ""
    number_symbol: str = ""
    doc_date: datetime.date | None = None
    doc_type: str = ""
    abstract: str = ""
    urgency: str = ""
    secrecy: str = ""


class DirectiveIn(Schema):
    lead_unit: int | None = None
    lead_user: int | None = None
    coordinators: list[int] = []
    informed: list[int] = []
    deadline: datetime.date | None = None
    note: str = ""


class ReassignIn(Schema):
    user: int
    deadline: datetime.date | None = None
    note: str = ""


class TextIn(Schema):
    text: str = ""


class OutgoingOut(Schema):
    uuid: UUID
    state: str
    doc_type: str
    abstract: str
    secrecy: str
    urgency: str
    route: list[str]
    step: int
    series: str
    year: int | None
    number: int | None
    number_symbol: str
    issued_date: datetime.date | None
    signed_sha256: str
    document: UUID | None
    reply_to: UUID | None

    @staticmethod
    def resolve_document(item: OutgoingDocument) -> UUID | None:
        return item.document.uuid if item.document else None

    @staticmethod
    def resolve_reply_to(item: OutgoingDocument) -> UUID | None:
        return item.reply_to.uuid if item.reply_to else None


class DraftIn(Schema):
    doc_type: str
    abstract: str
    document: UUID
    legal_normative: bool = False
    secrecy: str = ""
    urgency: str = ""
    reply_to: UUID | None = None


class IssueIn(Schema):
    units: list[int] = []
    agencies: list[str] = []  # electronic ids (mã định danh) of agencies on this install
    emails: list[str] = []
    copies: int = 1


@contextmanager
def _refusals() -> Iterator[None]:
    """Services speak in Django exceptions; the API answers 403 and 422."""
    try:
        yield
    except PermissionDenied as error:
        raise HttpError(
            403, str(error) or _("Bạn không có quyền thực hiện thao tác này.")
        ) from error
    except ValidationError as error:
        raise HttpError(422, " ".join(error.messages)) from error


def _user(request: HttpRequest) -> User:
    """The API key's user (ApiKeyAuth has authenticated the request)."""
    return cast(User, request.auth)  # type: ignore[attr-defined]  # set by django-ninja


def _incoming(request: HttpRequest, item_uuid: UUID) -> IncomingDocument:
    return get_object_or_404(IncomingDocument.objects.visible_to(request.user), uuid=item_uuid)


def _outgoing(request: HttpRequest, item_uuid: UUID) -> OutgoingDocument:
    return get_object_or_404(OutgoingDocument.objects.visible_to(request.user), uuid=item_uuid)


def _unit(request: HttpRequest, pk: int | None) -> Unit | None:
    return get_object_or_404(Unit.objects.visible_to(request.user), pk=pk) if pk else None


def _person(request: HttpRequest, pk: int | None) -> User | None:
    if not pk:
        return None
    people = User.objects.filter(posts__agency_id=_user(request).active_agency_id or 0)
    return get_object_or_404(people.distinct(), pk=pk)


@incoming_router.get("", response=list[IncomingOut], summary="Văn bản đến của cơ quan")
@paginate
def list_incoming(request: HttpRequest, state: str | None = None) -> object:
    items = IncomingDocument.objects.visible_to(request.user).select_related("document")
    return items.filter(state=state) if state else items


@incoming_router.post("", response={201: IncomingOut}, summary="Vào sổ văn bản đến")
def register_incoming(request: HttpRequest, body: IncomingIn) -> Status[IncomingDocument]:
    document = get_object_or_404(Document.objects.visible_to(request.user), uuid=body.document)
    values = services.prefill(document) | {
        name: value for name, value in body.dict(exclude={"document"}).items() if value
    }
    with _refusals():
        item = services.register_incoming(by=_user(request), document=document, values=values)
    return Status(201, item)


@incoming_router.get("/{item_uuid}", response=IncomingOut, summary="Một văn bản đến")
def get_incoming(request: HttpRequest, item_uuid: UUID) -> IncomingDocument:
    return _incoming(request, item_uuid)


@incoming_router.post(
    "/{item_uuid}/register", response=IncomingOut, summary="Vào sổ văn bản nhận qua hệ thống"
)
def register_received(request: HttpRequest, item_uuid: UUID, body: IncomingIn) -> object:
    item = _incoming(request, item_uuid)
    values = {name: value for name, value in body.dict(exclude={"document"}).items() if value}
    with _refusals():
        return services.register_incoming(by=_user(request), item=item, values=values)


@incoming_router.post("/{item_uuid}/assign", response=IncomingOut, summary="Phân công xử lý")
def assign_incoming(request: HttpRequest, item_uuid: UUID, body: DirectiveIn) -> object:
    item = _incoming(request, item_uuid)
    directive = services.Directive(
        lead=services.Handler(
            unit=_unit(request, body.lead_unit), user=_person(request, body.lead_user)
        ),
        coordinators=[services.Handler(unit=_unit(request, pk)) for pk in body.coordinators],
        informed=[services.Handler(unit=_unit(request, pk)) for pk in body.informed],
        deadline=body.deadline,
        note=body.note,
    )
    with _refusals():
        services.assign_incoming(item=item, by=_user(request), directive=directive)
    item.refresh_from_db()
    return item


def _assignment(request: HttpRequest, item_uuid: UUID, pk: int) -> Assignment:
    return get_object_or_404(_incoming(request, item_uuid).assignments, pk=pk)


@incoming_router.post(
    "/{item_uuid}/assignments/{pk}/reassign", response=IncomingOut, summary="Giao tiếp trong đơn vị"
)
def reassign(request: HttpRequest, item_uuid: UUID, pk: int, body: ReassignIn) -> object:
    assignment = _assignment(request, item_uuid, pk)
    person = _person(request, body.user)
    if person is None:
        raise HttpError(422, _("Chọn người được giao."))
    with _refusals():
        services.reassign(
            assignment=assignment,
            by=_user(request),
            user=person,
            deadline=body.deadline,
            note=body.note,
        )
    return assignment.incoming


_ASSIGNMENT_ACTIONS: dict[str, Callable[..., Any]] = {
    "progress": lambda a, by, text: services.record_progress(assignment=a, by=by, text=text),
    "finish": lambda a, by, text: services.finish_assignment(assignment=a, by=by, result=text),
    "return": lambda a, by, text: services.return_assignment(assignment=a, by=by, reason=text),
    "recall": lambda a, by, text: services.recall_assignment(assignment=a, by=by, reason=text),
}


@incoming_router.post(
    "/{item_uuid}/assignments/{pk}/{action}",
    response=IncomingOut,
    summary="Ghi tiến độ (progress), hoàn thành (finish), trả lại (return), thu hồi (recall)",
)
def assignment_action(
    request: HttpRequest, item_uuid: UUID, pk: int, action: str, body: TextIn
) -> object:
    handler = _ASSIGNMENT_ACTIONS.get(action)
    if handler is None:
        raise HttpError(404, _("Không có thao tác này."))
    assignment = _assignment(request, item_uuid, pk)
    with _refusals():
        handler(assignment, _user(request), body.text)
    item = assignment.incoming
    item.refresh_from_db()
    return item


@outgoing_router.get("", response=list[OutgoingOut], summary="Văn bản đi của cơ quan")
@paginate
def list_outgoing(request: HttpRequest, state: str | None = None) -> object:
    items = OutgoingDocument.objects.visible_to(request.user).select_related("document", "reply_to")
    return items.filter(state=state) if state else items


@outgoing_router.post("", response={201: OutgoingOut}, summary="Tạo dự thảo văn bản đi")
def create_draft(request: HttpRequest, body: DraftIn) -> Status[OutgoingDocument]:
    document = get_object_or_404(Document.objects.visible_to(request.user), uuid=body.document)
    reply_to = _incoming(request, body.reply_to) if body.reply_to else None
    values = body.dict(exclude={"document", "reply_to"})
    with _refusals():
        item = services.create_draft(
            agency=document.agency,
            by=_user(request),
            values=values,
            document=document,
            reply_to=reply_to,
        )
    return Status(201, item)


@outgoing_router.get("/{item_uuid}", response=OutgoingOut, summary="Một văn bản đi")
def get_outgoing(request: HttpRequest, item_uuid: UUID) -> OutgoingDocument:
    return _outgoing(request, item_uuid)


_OUTGOING_ACTIONS: dict[str, Callable[..., Any]] = {
    "submit": lambda item, by, text: services.submit_draft(item=item, by=by, comment=text),
    "approve": lambda item, by, text: services.review_draft(
        item=item, by=by, approve=True, comment=text
    ),
    "return": lambda item, by, text: services.review_draft(
        item=item, by=by, approve=False, comment=text
    ),
    "sign": lambda item, by, text: services.sign_outgoing(item=item, by=by),
    "recall": lambda item, by, text: services.recall_outgoing(item=item, by=by, reason=text),
}


@outgoing_router.post("/{item_uuid}/issue", response=OutgoingOut, summary="Cấp số và phát hành")
def issue_outgoing(request: HttpRequest, item_uuid: UUID, body: IssueIn) -> object:
    item = _outgoing(request, item_uuid)
    recipients = services.Recipients(
        units=[unit for pk in body.units if (unit := _unit(request, pk))],
        agencies=[get_object_or_404(Agency, code=code, is_active=True) for code in body.agencies],
        emails=body.emails,
    )
    with _refusals():
        return services.issue_outgoing(
            item=item,
            by=_user(request),
            recipients=recipients,
            copies=body.copies,
        )


@outgoing_router.post(
    "/{item_uuid}/{action}",
    response=OutgoingOut,
    summary="Trình (submit), duyệt (approve), trả lại (return), ký (sign), thu hồi (recall)",
)
def outgoing_action(request: HttpRequest, item_uuid: UUID, action: str, body: TextIn) -> object:
    handler = _OUTGOING_ACTIONS.get(action)
    if handler is None:
        raise HttpError(404, _("Không có thao tác này."))
    item = _outgoing(request, item_uuid)
    with _refusals():
        handler(item, _user(request), body.text)
    item.refresh_from_db()
    return item
