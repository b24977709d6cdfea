"""Pages of outgoing documents: the list, a new draft, and its page, where each person
sees the actions their role allows (new version, submit, approve or return, sign,
issue, recall, acknowledge)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from congso.archive.formats import CaptureError
from congso.core.http import AuthenticatedHttpRequest
from congso.org import access
from congso.org.decorators import staff_required
from congso.org.models import Agency, Role, Unit
from congso.workflow import forms, services
from congso.workflow.models import Dispatch, IncomingDocument, OutgoingDocument
from congso.workflow.views import actions


@staff_required
def outgoing_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    items = OutgoingDocument.objects.visible_to(request.user).select_related("drafted_by")
    state = request.GET.get("state", "")
    if state in OutgoingDocument.State.values:
        items = items.filter(state=state)
    query = request.GET.get("q", "").strip()
    if query:
        items = items.filter(Q(abstract__icontains=query) | Q(number_symbol__icontains=query))
    page = Paginator(items, 50).get_page(request.GET.get("page"))
    context = {"page": page, "states": OutgoingDocument.State.choices, "state": state, "q": query}
    return render(request, "workflow/outgoing_list.html", context)


@staff_required
def outgoing_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    """A new draft, from scratch or in reply to an incoming document (?tra-loi=uuid)."""
    reply_to = None
    if "tra-loi" in request.GET:
        reply_to = get_object_or_404(
            IncomingDocument.objects.visible_to(request.user), uuid=request.GET["tra-loi"]
        )
    initial = {"doc_type": "Công văn", "abstract": _reply_abstract(reply_to)}
    form = forms.DraftForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["upload"]
        try:
            item = services.create_draft(
                agency=request.user.active_post.agency,  # type: ignore[union-attr]  # staff
                by=request.user,
                values=form.values(),
                chunks=upload.chunks(),
                file_name=upload.name,
                reply_to=reply_to,
            )
        except (ValidationError, CaptureError) as error:
            form.add_error(None, actions.message_of(error))
        else:
            messages.success(request, _("Đã tạo dự thảo."))
            return redirect(item)
    return render(request, "workflow/outgoing_new.html", {"form": form, "reply_to": reply_to})


def _reply_abstract(reply_to: IncomingDocument | None) -> str:
    if reply_to is None:
        return ""
    return _("V/v trả lời văn bản số %(number)s của %(sender)s") % {
        "number": reply_to.number_symbol or reply_to.number,
        "sender": reply_to.sender,
    }


@staff_required
def outgoing_detail(request: AuthenticatedHttpRequest, uuid: str) -> HttpResponse:
    item = get_object_or_404(
        OutgoingDocument.objects.visible_to(request.user).select_related("document"), uuid=uuid
    )
    return render(request, "workflow/outgoing_detail.html", _detail_context(request, item))


def _detail_context(request: AuthenticatedHttpRequest, item: OutgoingDocument) -> dict[str, Any]:
    user = request.user
    state = OutgoingDocument.State
    is_drafter = user.pk == item.drafted_by_id
    role = item.current_role
    is_clerk = access.has_role(user, Role.Code.CLERK)
    dispatches = list(item.dispatches.select_related("unit", "agency"))
    return {
        "item": item,
        "route": [
            {"role": Role.objects.filter(code=code).first() or code, "done": index < item.step}
            for index, code in enumerate(item.route)
        ],
        "reviews": item.reviews.select_related("reviewer"),
        "versions": item.document.versions.all() if item.document else [],
        "dispatches": dispatches,
        "can_edit": is_drafter and item.state == state.DRAFT,
        "can_review": role is not None and user in services.reviewers(item, role),
        "can_sign": item.state == state.APPROVED and user.pk == item.signer_id,
        "issue_form": (
            forms.IssueForm(units=_units(request), agencies=_agencies(request))
            if is_clerk and item.state == state.SIGNED
            else None
        ),
        "can_recall": item.state == state.ISSUED
        and access.has_role(user, Role.Code.CLERK, Role.Code.LEADER),
        "to_acknowledge": [
            d
            for d in dispatches
            if d.kind == Dispatch.Kind.UNIT
            and d.received_at is None
            and user.posts.current().filter(unit_id=d.unit_id or 0).exists()
        ],
        "file_form": forms.FileForm(),
        "sign_form": forms.SignForm(),
        "comment_form": forms.CommentForm(),
    }


def _units(request: AuthenticatedHttpRequest) -> Any:
    return Unit.objects.visible_to(request.user).filter(is_active=True)


def _agencies(request: AuthenticatedHttpRequest) -> Any:
    return Agency.objects.filter(is_active=True).exclude(pk=request.user.active_agency_id or 0)


def _comment(request: AuthenticatedHttpRequest) -> str:
    form = forms.CommentForm(request.POST)
    return str(form.cleaned_data["comment"]) if form.is_valid() else ""


def _new_version(request: AuthenticatedHttpRequest, item: OutgoingDocument) -> str:
    form = forms.FileForm(request.POST, request.FILES)
    if not form.is_valid():
        raise ValidationError(_("Chọn tệp dự thảo."))
    upload = form.cleaned_data["upload"]
    services.update_draft(
        item=item,
        by=request.user,
        chunks=upload.chunks(),
        file_name=upload.name,
        note=form.cleaned_data["note"],
    )
    return _("Đã cập nhật dự thảo.")


def _sign(request: AuthenticatedHttpRequest, item: OutgoingDocument) -> str:
    form = forms.SignForm(request.POST, request.FILES)
    upload = form.cleaned_data["upload"] if form.is_valid() else None
    services.sign_outgoing(
        item=item,
        by=request.user,
        chunks=upload.chunks() if upload else None,
        file_name=upload.name if upload else "",
    )
    return _("Đã ký văn bản.")


def _issue(request: AuthenticatedHttpRequest, item: OutgoingDocument) -> str:
    form = forms.IssueForm(request.POST, units=_units(request), agencies=_agencies(request))
    if not form.is_valid():
        raise ValidationError([e for errors in form.errors.values() for e in errors])
    data = form.cleaned_data
    item = services.issue_outgoing(
        item=item,
        by=request.user,
        recipients=services.Recipients(
            units=list(data["units"]), agencies=list(data["agencies"]), emails=data["emails"]
        ),
        copies=data["copies"],
    )
    return _("Đã phát hành văn bản số %(number)s.") % {"number": item.number_symbol}


def _acknowledge(request: AuthenticatedHttpRequest, item: OutgoingDocument) -> str:
    dispatch = get_object_or_404(item.dispatches, pk=request.POST.get("dispatch"))
    services.acknowledge(dispatch=dispatch, by=request.user)
    return _("Đã xác nhận nhận văn bản.")


def _recall(request: AuthenticatedHttpRequest, item: OutgoingDocument) -> str:
    form = forms.ReasonForm(request.POST)
    if not form.is_valid():
        raise ValidationError(_("Cần ghi rõ lý do."))
    services.recall_outgoing(item=item, by=request.user, reason=form.cleaned_data["reason"])
    return _("Đã thu hồi văn bản.")


def _review(approve: bool) -> Callable[[AuthenticatedHttpRequest, OutgoingDocument], str]:
    def act(request: AuthenticatedHttpRequest, item: OutgoingDocument) -> str:
        services.review_draft(
            item=item, by=request.user, approve=approve, comment=_comment(request)
        )
        return _("Đã duyệt.") if approve else _("Đã trả lại dự thảo.")

    return act


def _submit(request: AuthenticatedHttpRequest, item: OutgoingDocument) -> str:
    services.submit_draft(item=item, by=request.user, comment=_comment(request))
    return _("Đã trình duyệt.")


_ACTIONS: dict[str, Callable[[AuthenticatedHttpRequest, OutgoingDocument], str]] = {
    "version": _new_version,
    "submit": _submit,
    "approve": _review(approve=True),
    "return": _review(approve=False),
    "sign": _sign,
    "issue": _issue,
    "acknowledge": _acknowledge,
    "recall": _recall,
}


@require_POST
@staff_required
def outgoing_action(request: AuthenticatedHttpRequest, uuid: str) -> HttpResponse:
    """Run the action the page posted (see views/actions.py)."""
    item = get_object_or_404(OutgoingDocument.objects.visible_to(request.user), uuid=uuid)
    return actions.run(request, item, _ACTIONS)
