"""Pages of the records: a unit's file plan for a year, a dossier with its documents in
order, and filing a document from its page."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from congso.archive import services
from congso.archive.forms import (
    FileDocumentForm,
    FilePlanChoiceForm,
    HeadingForm,
    PlannedDossierForm,
    UnplannedDossierForm,
)
from congso.archive.models import Disposal, Document, Dossier, FilePlan
from congso.core.http import AuthenticatedHttpRequest
from congso.org import access
from congso.org.decorators import role_required, staff_required
from congso.org.models import Role, Unit

# What the buttons of a dossier's page do.
_ACTIONS = {
    "open": (services.open_dossier, gettext_lazy("Đã mở hồ sơ.")),
    "close": (services.close_dossier, gettext_lazy("Đã kết thúc hồ sơ.")),
    "reopen": (services.reopen_dossier, gettext_lazy("Đã mở lại hồ sơ.")),
}


@staff_required
def file_plan(request: AuthenticatedHttpRequest) -> HttpResponse:
    """A unit's file plan for a year: its headings and dossiers; build it here."""
    units = Unit.objects.visible_to(request.user)
    post = request.user.active_post
    initial = {"unit": post.unit_id if post else None, "year": timezone.localdate().year}
    choice = FilePlanChoiceForm(request.GET or initial, units=units)
    if not choice.is_valid():
        choice = FilePlanChoiceForm(initial, units=units)
        choice.is_valid()
    unit, year = choice.cleaned_data.get("unit") or units.first(), choice.cleaned_data["year"]
    if unit is None:  # an agency without units has no file plans
        raise Http404
    plan = FilePlan.objects.filter(unit=unit, year=year).first()
    if request.method == "POST":
        done = _change_plan(request, unit=unit, year=year, plan=plan)
        if done:
            return redirect(f"{request.path}?unit={unit.pk}&year={year}")
    context = {
        "choice": choice,
        "unit": unit,
        "year": year,
        "plan": plan,
        "headings": _headings(plan),
        "heading_form": _heading_form(),
        # The heading added last is where the next dossier most likely goes.
        "dossier_form": (
            PlannedDossierForm(
                plan=plan, initial={"heading": plan.headings.last()}, prefix="planned"
            )
            if plan
            else None
        ),
        "unplanned_form": UnplannedDossierForm(prefix="unplanned"),
    }
    return render(request, "archive/file_plan.html", context)


def _change_plan(
    request: AuthenticatedHttpRequest, *, unit: Unit, year: int, plan: FilePlan | None
) -> bool:
    """Run the form posted (which one: its `action`); say what went wrong if it did."""
    action, user = request.POST.get("action"), request.user
    try:
        if action == "create_plan" and plan is None:
            services.create_file_plan(unit=unit, year=year, by=user)
        elif action == "add_heading" and plan and (form := _heading_form(request.POST)).is_valid():
            services.add_heading(plan=plan, by=user, **form.cleaned_data)
        elif action == "plan_dossier" and plan:
            planned = PlannedDossierForm(request.POST, plan=plan, prefix="planned")
            if not planned.is_valid():
                raise ValidationError(_("Hãy chọn đề mục, nhập tiêu đề và thời hạn bảo quản."))
            services.plan_dossier(by=user, **planned.cleaned_data)
        elif action == "open_unplanned":
            unplanned = UnplannedDossierForm(request.POST, prefix="unplanned")
            if not unplanned.is_valid():
                raise ValidationError(_("Hãy nhập số, ký hiệu, tiêu đề và thời hạn bảo quản."))
            dossier = services.open_unplanned_dossier(unit=unit, by=user, **unplanned.cleaned_data)
            messages.success(request, _("Đã mở hồ sơ %(code)s.") % {"code": dossier.notation})
        else:
            raise ValidationError(_("Yêu cầu không hợp lệ."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return False
    return True


def _heading_form(data: Any = None) -> HeadingForm:
    # Each form of the page has a prefix: their fields would otherwise share ids.
    return HeadingForm(data, prefix="heading")


def _headings(plan: FilePlan | None) -> list[tuple[Any, list[Dossier]]]:
    if plan is None:
        return []
    dossiers = list(plan.dossiers.select_related("creator").order_by("pk"))
    return [(h, [d for d in dossiers if d.heading_id == h.pk]) for h in plan.headings.all()]


def _dossier(request: AuthenticatedHttpRequest, pk: int) -> Dossier:
    dossiers = Dossier.objects.visible_to(request.user).select_related("agency", "unit")
    return get_object_or_404(dossiers, pk=pk)


@staff_required
def dossier_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    dossier = _dossier(request, pk)
    filings = dossier.filings.select_related("document")
    context = {
        "dossier": dossier,
        "filings": filings,
        "pages": sum(f.document.page_count for f in filings),
    }
    return render(request, "archive/dossier_detail.html", context)


@require_POST
@staff_required
def dossier_action(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Open, close, reopen or hand over a dossier (the buttons of its page)."""
    dossier = _dossier(request, pk)
    action = request.POST.get("action", "")
    try:
        if action == "hand_over":
            handover = services.hand_over(dossiers=[dossier], by=request.user)
            done = _("Đã nộp lưu; biên bản giao nhận số %(n)s.") % {"n": handover.number}
        elif action in _ACTIONS:
            service, message = _ACTIONS[action]
            service(dossier=dossier, by=request.user)
            done = str(message)
        else:
            raise Http404
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done)
    return redirect(dossier)


@staff_required
def dossier_export(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The dossier as a package (metadata XML and JSON, originals, PDF/A, checksums)."""
    dossier = _dossier(request, pk)
    return _package([dossier], f"{dossier.file_code}.zip")


@staff_required
def dossiers_export(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The dossiers chosen on the file plan's page, as one package."""
    ids = [pk for pk in request.GET.getlist("dossiers") if pk.isdigit()]
    dossiers = list(Dossier.objects.visible_to(request.user).filter(pk__in=ids).order_by("pk"))
    if not dossiers:
        raise Http404
    return _package(dossiers, f"ho-so-{timezone.localdate():%Y%m%d}.zip")


def _package(dossiers: list[Dossier], name: str) -> HttpResponse:
    response = HttpResponse(services.export_dossiers(dossiers), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_POST
@staff_required
def file_document(request: AuthenticatedHttpRequest, uuid: str) -> HttpResponse:
    """File a document (from its page) in one of the agency's open dossiers."""
    document = get_object_or_404(Document.objects.visible_to(request.user), uuid=uuid)
    form = FileDocumentForm(request.POST, dossiers=open_dossiers(request))
    if not form.is_valid():
        messages.error(request, _("Hãy chọn một hồ sơ đang lập."))
        return redirect(document)
    try:
        services.file_document(
            dossier=form.cleaned_data["dossier"], document=document, by=request.user
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Đã lưu văn bản vào hồ sơ."))
    return redirect(document)


def open_dossiers(request: AuthenticatedHttpRequest) -> Any:
    return Dossier.objects.visible_to(request.user).filter(state=Dossier.State.OPEN)


@staff_required
def disposals(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Dossiers whose retention has ended, proposals to destroy them, and decisions."""
    due = Dossier.objects.visible_to(request.user).due_for_review(timezone.localdate())
    if request.method == "POST":
        chosen = list(due.filter(pk__in=request.POST.getlist("dossiers")))
        reason = request.POST.get("reason", "").strip()
        try:
            if not reason:
                raise ValidationError(_("Hãy ghi lý do đề nghị hủy."))
            disposal = services.propose_disposal(dossiers=chosen, reason=reason, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Đã gửi đề nghị hủy số %(n)s.") % {"n": disposal.number})
        return redirect("archive:disposals")
    context = {
        "due": due.select_related("unit"),
        "disposals": Disposal.objects.visible_to(request.user).prefetch_related("dossiers"),
        "may_decide": access.has_role(request.user, Role.Code.LEADER),
    }
    return render(request, "archive/disposals.html", context)


@require_POST
@role_required(Role.Code.LEADER)
def disposal_decide(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The leader approves (the destruction record) or rejects a proposal."""
    disposal = get_object_or_404(Disposal.objects.visible_to(request.user), pk=pk)
    approve = request.POST.get("decision") == "approve"
    try:
        services.decide_disposal(
            disposal=disposal, approve=approve, note=request.POST.get("note", ""), by=request.user
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Đã duyệt hủy.") if approve else _("Đã không duyệt."))
    return redirect("archive:disposals")
