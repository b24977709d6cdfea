from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import HttpResponseClientRefresh

from congso.archive import ocr, services, storage
from congso.archive.formats import CaptureError
from congso.archive.forms import DocumentFilterForm, RerunForm, UploadForm
from congso.archive.models import Document
from congso.core.http import AuthenticatedHttpRequest
from congso.org.decorators import staff_required


def _document(request: AuthenticatedHttpRequest, uuid: str) -> Document:
    return get_object_or_404(Document.objects.visible_to(request.user), uuid=uuid)


@staff_required
@vary_on_headers("HX-Request")
def document_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = DocumentFilterForm(request.GET)
    documents = Document.objects.visible_to(request.user).select_related("captured_by")
    if form.is_valid():
        if query := form.cleaned_data["q"].strip():
            documents = documents.filter(
                Q(title__icontains=query) | Q(original_name__icontains=query)
            )
        if form.cleaned_data["state"] == "review":
            documents = documents.filter(needs_review=True)
        elif state := form.cleaned_data["state"]:
            documents = documents.filter(state=state)
    page = Paginator(documents.defer("text"), 50).get_page(request.GET.get("page"))
    live = any(not d.is_finished for d in page)
    template = "archive/document_list.html" + ("#rows" if request.htmx else "")
    return render(request, template, {"form": form, "page": page, "live": live})


@staff_required
def upload(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Many files at once; each is kept, checked and queued (or named as a duplicate)."""
    form = UploadForm(request.POST or None, request.FILES or None)
    results: list[tuple[str, services.Capture | None, str]] = []
    if request.method == "POST" and form.is_valid():
        agency = request.user.active_post.agency if request.user.active_post else None
        if agency is None:
            messages.error(request, _("Bạn chưa có chức vụ ở cơ quan nào nên chưa số hóa được."))
            return redirect("home")
        where = request.META.get("REMOTE_ADDR", "")
        for uploaded in form.cleaned_data["upload"]:
            try:
                capture = services.capture(
                    agency=agency,
                    chunks=uploaded.chunks(),
                    original_name=uploaded.name,
                    source=Document.Source.UPLOAD,
                    source_detail=where,
                    by=request.user,
                )
                results.append((uploaded.name, capture, ""))
            except CaptureError as error:
                results.append((uploaded.name, None, error.message))
        if not request.htmx and not request.headers.get("X-Upload"):
            created = sum(1 for _n, c, _e in results if c and c.created)
            messages.success(request, _("Đã tiếp nhận %(count)s tệp.") % {"count": created})
            for name, outcome, reason in results:
                if outcome and outcome.duplicate:
                    messages.info(
                        request,
                        _("%(name)s trùng với tài liệu đã có: %(title)s.")
                        % {"name": name, "title": outcome.document.title},
                    )
                elif reason:
                    messages.error(request, f"{name}: {reason}")
            return redirect("archive:document-list")
        return render(request, "archive/upload.html#results", {"results": results})
    return render(request, "archive/upload.html", {"form": form})


@staff_required
@vary_on_headers("HX-Request")
def document_detail(request: AuthenticatedHttpRequest, uuid: str) -> HttpResponse:
    document = _document(request, uuid)
    if request.htmx and document.is_finished:
        return HttpResponseClientRefresh()  # the status poll ends: show the pages
    pages = list(document.pages.defer("words")) if document.state == Document.State.DONE else []
    flagged = [p.number for p in pages if p.needs_review]
    context = {
        "document": document,
        "pages": pages,
        "flagged": flagged,
        "rerun_form": RerunForm(page_count=document.page_count, flagged=flagged),
    }
    template = "archive/document_detail.html" + ("#status" if request.htmx else "")
    return render(request, template, context)


@staff_required
def download_original(request: AuthenticatedHttpRequest, uuid: str) -> FileResponse:
    document = _document(request, uuid)
    return FileResponse(
        storage.absolute(document.original.name).open("rb"),
        as_attachment=True,
        filename=document.original_name,
        content_type=document.media_type or "application/octet-stream",
    )


@staff_required
def download_archive(request: AuthenticatedHttpRequest, uuid: str) -> FileResponse:
    document = _document(request, uuid)
    if not document.archive:
        raise Http404
    return FileResponse(
        storage.absolute(document.archive.name).open("rb"),
        filename=f"{document.title}.pdf",
        content_type="application/pdf",
    )


@staff_required
def page_thumbnail(request: AuthenticatedHttpRequest, uuid: str, number: int) -> FileResponse:
    page = get_object_or_404(_document(request, uuid).pages, number=number)
    if not page.thumbnail:
        raise Http404
    return FileResponse(storage.absolute(page.thumbnail.name).open("rb"), content_type="image/png")


@require_POST
@staff_required
def retry(request: AuthenticatedHttpRequest, uuid: str) -> HttpResponse:
    document = _document(request, uuid)
    services.retry_document(document=document, by=request.user)
    messages.success(request, _("Đã xếp hàng xử lý lại."))
    return redirect(document)


@require_POST
@staff_required
def rerun(request: AuthenticatedHttpRequest, uuid: str) -> HttpResponse:
    document = _document(request, uuid)
    flagged = list(document.pages.filter(needs_review=True).values_list("number", flat=True))
    form = RerunForm(request.POST, page_count=document.page_count, flagged=flagged)
    if form.is_valid():
        options = ocr.OcrOptions(
            rotate=form.cleaned_data["rotate"],
            deskew=form.cleaned_data["deskew"],
            clean=form.cleaned_data["despeckle"],
        )
        services.rerun_ocr(
            document=document, pages=form.cleaned_data["pages"], options=options, by=request.user
        )
        messages.success(request, _("Đã xếp hàng nhận dạng lại các trang đã chọn."))
    else:
        for problem in form.errors.get("pages", []):
            messages.error(request, str(problem))
    return redirect(document)
