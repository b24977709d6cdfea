"""Pages of incoming documents: the list, registering one, and its page, where each
person sees the actions their role allows (direct, reassign, record progress, finish,
forward, return, recall)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import F, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from congso.archive import services as archive
from congso.archive.formats import CaptureError
from congso.archive.models import Document
from congso.core.http import AuthenticatedHttpRequest
from congso.core.text import nfc
from congso.org import access
from congso.org.decorators import staff_required
from congso.org.models import Role, Unit, User
from congso.workflow import forms, services
from congso.workflow.models import Assignment, IncomingDocument
from congso.workflow.services import notices
from congso.workflow.views import actions


@staff_required
def incoming_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The agency's incoming documents: waiting to be registered first, then newest."""
    items = IncomingDocument.objects.visible_to(request.user)
    state = request.GET.get("state", "")
    if state in IncomingDocument.State.values:
        items = items.filter(state=state)
    query = request.GET.get("q", "").strip()
    if query:
        items = items.filter(
            Q(abstract__icontains=query)
            | Q(number_symbol__icontains=query)
            | Q(sender__icontains=query)
        )
    # Waiting to be registered first (no number yet), then the newest numbers.
    ordered = items.order_by(F("number").desc(nulls_first=True), "-received_at")
    page = Paginator(ordered, 50).get_page(request.GET.get("page"))
    context = {"page": page, "states": IncomingDocument.State.choices, "state": state, "q": query}
    return render(request, "workflow/incoming_list.html", context)


def _people(user: User) -> Any:
    agency_id = user.active_agency_id or 0
    return User.objects.filter(posts__agency_id=agency_id, is_active=True).distinct()


@staff_required
def incoming_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Register an incoming document: one the archive has (?tai-lieu=uuid), or a file
    uploaded here. Fields come prefilled from the reading of the document."""
    document = None
    if "tai-lieu" in request.GET:
        document = get_object_or_404(
            Document.objects.visible_to(request.user), uuid=request.GET["tai-lieu"]
        )
    initial = services.prefill(document) if document else {}
    form = forms.IncomingForm(
        request.POST or None, request.FILES or None, initial=initial, needs_file=document is None
    )
    if request.method == "POST" and form.is_valid():
        try:
            document = document or _capture(request, form.cleaned_data["upload"])
            item = services.register_incoming(
                by=request.user, document=document, values=form.values()
            )
        except (ValidationError, CaptureError) as error:
            form.add_error(None, actions.message_of(error))
        else:
            messages.success(
                request, _("Đã vào sổ văn bản đến số %(number)s.") % {"number": item.number}
            )
            return redirect(item)
    return render(request, "workflow/incoming_new.html", {"form": form, "document": document})


def _capture(request: AuthenticatedHttpRequest, upload: Any) -> Document:
    agency = request.user.active_post.agency  # type: ignore[union-attr]  # staff_required
    return archive.capture(
        agency=agency,
        chunks=upload.chunks(),
        original_name=upload.name,
        source=Document.Source.UPLOAD,
        by=request.user,
    ).document


@staff_required
def incoming_detail(request: AuthenticatedHttpRequest, uuid: str) -> HttpResponse:
    item = get_object_or_404(IncomingDocument.objects.visible_to(request.user), uuid=uuid)
    return render(request, "workflow/incoming_detail.html", _detail_context(request, item))


def _detail_context(
    request: AuthenticatedHttpRequest, item: IncomingDocument, **bound: Any
) -> dict[str, Any]:
    user = request.user
    units = Unit.objects.visible_to(user).filter(is_active=True)
    assignments = list(item.assignments.select_related("unit", "user", "assigned_by"))
    mine = [
        a
        for a in assignments
        if a.state == Assignment.State.OPEN and user in notices.handlers_of(a)
    ]
    can_direct = item.state == IncomingDocument.State.REGISTERED and access.has_role(
        user, item.director_role
    )
    is_clerk = access.has_role(user, Role.Code.CLERK)
    return {
        "item": item,
        "assignments": assignments,
        "notes": item.progress_notes.select_related("author", "attachment"),
        "replies": item.replies.all(),
        "mine": [
            {
                "assignment": a,
                "reassign": (
                    forms.PersonForm(
                        people=_people(user).filter(posts__unit=a.unit), prefix=f"r{a.pk}"
                    )
                    if a.unit_id and not a.user_id
                    else None
                ),
                "forward": forms.ForwardForm(units=units, prefix=f"f{a.pk}"),
            }
            for a in mine
        ],
        "recallable": [
            a
            for a in assignments
            if a.state == Assignment.State.OPEN and (a.assigned_by_id == user.pk or can_direct)
        ],
        "directive_form": bound.get("directive_form")
        or (forms.DirectiveForm(units=units, people=_people(user)) if can_direct else None),
        "register_form": bound.get("register_form")
        or (
            forms.IncomingForm(instance=item)
            if is_clerk and item.state == IncomingDocument.State.RECEIVED
            else None
        ),
        "can_return_to_sender": is_clerk
        and item.dispatch_id
        and item.state in (IncomingDocument.State.RECEIVED, IncomingDocument.State.REGISTERED),
        "can_reply": bool(mine) or can_direct,
    }


def _assignment(request: AuthenticatedHttpRequest, item: IncomingDocument) -> Assignment:
    return get_object_or_404(item.assignments, pk=request.POST.get("assignment"))


def _direct(request: AuthenticatedHttpRequest, item: IncomingDocument) -> str:
    form = forms.DirectiveForm(
        request.POST, units=Unit.objects.visible_to(request.user), people=_people(request.user)
    )
    if not form.is_valid():
        raise ValidationError([e for errors in form.errors.values() for e in errors])
    data = form.cleaned_data
    services.assign_incoming(
        item=item,
        by=request.user,
        directive=services.Directive(
            lead=services.Handler(unit=data["lead_unit"], user=data["lead_user"]),
            coordinators=[services.Handler(unit=unit) for unit in data["coordinators"]],
            informed=[services.Handler(unit=unit) for unit in data["informed"]],
            deadline=data["deadline"],
            note=data["note"],
        ),
    )
    return _("Đã phân công xử lý.")


def _register(request: AuthenticatedHttpRequest, item: IncomingDocument) -> str:
    form = forms.IncomingForm(request.POST, instance=item)
    if not form.is_valid():
        raise ValidationError([e for errors in form.errors.values() for e in errors])
    item = services.register_incoming(by=request.user, item=item, values=form.values())
    return _("Đã vào sổ văn bản đến số %(number)s.") % {"number": item.number}


def _reason(request: AuthenticatedHttpRequest) -> str:
    form = forms.ReasonForm(request.POST)
    if not form.is_valid():
        raise ValidationError(_("Cần ghi rõ kết quả hoặc lý do."))
    return str(form.cleaned_data["reason"])


def _result(request: AuthenticatedHttpRequest) -> str:
    """What a handler writes on finishing: optional (a line for information is just read)."""
    return nfc(request.POST.get("reason", "")).strip()[:1000]


def _reassign(request: AuthenticatedHttpRequest, item: IncomingDocument) -> str:
    assignment = _assignment(request, item)
    form = forms.PersonForm(request.POST, people=_people(request.user), prefix=f"r{assignment.pk}")
    if not form.is_valid():
        raise ValidationError(_("Chọn người được giao."))
    services.reassign(
        assignment=assignment,
        by=request.user,
        user=form.cleaned_data["user"],
        deadline=form.cleaned_data["deadline"],
        note=form.cleaned_data["note"],
    )
    return _("Đã giao việc.")


def _progress(request: AuthenticatedHttpRequest, item: IncomingDocument) -> str:
    form = forms.ProgressForm(request.POST, request.FILES)
    if not form.is_valid():
        raise ValidationError(_("Cần ghi nội dung."))
    upload = form.cleaned_data["attachment"]
    attachment = _capture(request, upload) if upload else None
    services.record_progress(
        assignment=_assignment(request, item),
        by=request.user,
        text=form.cleaned_data["text"],
        attachment=attachment,
    )
    return _("Đã ghi nhận.")


def _forward(request: AuthenticatedHttpRequest, item: IncomingDocument) -> str:
    assignment = _assignment(request, item)
    form = forms.ForwardForm(
        request.POST, units=Unit.objects.visible_to(request.user), prefix=f"f{assignment.pk}"
    )
    if not form.is_valid():
        raise ValidationError(_("Chọn đơn vị và ghi lý do."))
    services.forward_assignment(
        assignment=assignment,
        by=request.user,
        to=services.Handler(unit=form.cleaned_data["unit"]),
        reason=form.cleaned_data["reason"],
    )
    return _("Đã chuyển.")


def _finish(request: AuthenticatedHttpRequest, item: IncomingDocument) -> str:
    services.finish_assignment(
        assignment=_assignment(request, item), by=request.user, result=_result(request)
    )
    return _("Đã hoàn thành.")


def _give_back(request: AuthenticatedHttpRequest, item: IncomingDocument) -> str:
    services.return_assignment(
        assignment=_assignment(request, item), by=request.user, reason=_reason(request)
    )
    return _("Đã trả lại.")


def _recall(request: AuthenticatedHttpRequest, item: IncomingDocument) -> str:
    services.recall_assignment(
        assignment=_assignment(request, item), by=request.user, reason=_reason(request)
    )
    return _("Đã thu hồi.")


def _return_to_sender(request: AuthenticatedHttpRequest, item: IncomingDocument) -> str:
    services.return_to_sender(item=item, by=request.user, reason=_reason(request))
    return _("Đã trả lại nơi gửi.")


_ACTIONS: dict[str, Callable[[AuthenticatedHttpRequest, IncomingDocument], str]] = {
    "register": _register,
    "direct": _direct,
    "reassign": _reassign,
    "progress": _progress,
    "forward": _forward,
    "finish": _finish,
    "return": _give_back,
    "recall": _recall,
    "return_to_sender": _return_to_sender,
}


@require_POST
@staff_required
def incoming_action(request: AuthenticatedHttpRequest, uuid: str) -> HttpResponse:
    """Run the action the page posted (see views/actions.py)."""
    item = get_object_or_404(IncomingDocument.objects.visible_to(request.user), uuid=uuid)
    return actions.run(request, item, _ACTIONS)
