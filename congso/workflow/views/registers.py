"""The incoming and outgoing registers: a page per register, filtered by the query
string, and the same rows (all of them, not one page) as XLSX or printable PDF."""

from typing import Any

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from congso.core.http import AuthenticatedHttpRequest
from congso.org.decorators import staff_required
from congso.workflow import registers
from congso.workflow.forms import RegisterFilterForm

EXPORTS = {
    "xlsx": (registers.to_xlsx, registers.XLSX_TYPE),
    "pdf": (registers.to_pdf, "application/pdf"),
}


def _filters(
    request: AuthenticatedHttpRequest, *, incoming: bool
) -> tuple[RegisterFilterForm, dict[str, Any]]:
    """The filter form and what it validly says; invalid fields keep their defaults."""
    params = request.GET.copy()
    params.setdefault("year", str(timezone.localdate().year))
    form = RegisterFilterForm(params, incoming=incoming)
    form.is_valid()
    defaults: dict[str, Any] = {"year": timezone.localdate().year}
    if not incoming:
        defaults["series"] = "admin"
    chosen = {k: v for k, v in form.cleaned_data.items() if v not in ("", None)}
    return form, defaults | chosen


def _agency(request: AuthenticatedHttpRequest) -> Any:
    post = request.user.active_post
    return post.agency if post else None


def _export(register: registers.Register, fmt: str, series: str = "") -> HttpResponse:
    build, content_type = EXPORTS[fmt]
    response = HttpResponse(build(register), content_type=content_type)
    name = register.filename(fmt, series)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@staff_required
def incoming_register(request: AuthenticatedHttpRequest) -> HttpResponse:
    form, filters = _filters(request, incoming=True)
    documents = registers.incoming_documents(request.user, **filters)
    page = Paginator(documents, registers.PAGE_SIZE).get_page(request.GET.get("page"))
    register = registers.incoming_register(_agency(request), filters["year"], page)
    context = {"form": form, "register": register, "page": page}
    return render(request, "workflow/register_incoming.html", context)


@staff_required
def incoming_register_export(request: AuthenticatedHttpRequest, fmt: str) -> HttpResponse:
    if fmt not in EXPORTS:
        raise Http404
    _form, filters = _filters(request, incoming=True)
    documents = registers.incoming_documents(request.user, **filters)
    register = registers.incoming_register(_agency(request), filters["year"], documents)
    return _export(register, fmt)


@staff_required
def outgoing_register(request: AuthenticatedHttpRequest) -> HttpResponse:
    form, filters = _filters(request, incoming=False)
    form.offer_series(registers.series_choices(request.user, filters["year"]))
    documents = registers.outgoing_documents(request.user, **filters)
    page = Paginator(documents, registers.PAGE_SIZE).get_page(request.GET.get("page"))
    register = registers.outgoing_register(
        _agency(request), filters["year"], filters["series"], page
    )
    context = {"form": form, "register": register, "page": page}
    return render(request, "workflow/register_outgoing.html", context)


@staff_required
def outgoing_register_export(request: AuthenticatedHttpRequest, fmt: str) -> HttpResponse:
    if fmt not in EXPORTS:
        raise Http404
    _form, filters = _filters(request, incoming=False)
    documents = registers.outgoing_documents(request.user, **filters)
    register = registers.outgoing_register(
        _agency(request), filters["year"], filters["series"], documents
    )
    return _export(register, fmt, filters["series"])
