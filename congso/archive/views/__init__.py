from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import HttpResponseClientRefresh

from congso.archive import ocr, search, services, signatures, storage
from congso.archive.formats import CaptureError
from congso.archive.forms import (
    ClassificationRuleForm,
    DocumentFilterForm,
    FieldsForm,
    FileDocumentForm,
    ReadersForm,
    RerunForm,
    SavedSearchForm,
    SearchForm,
    UploadForm,
    VersionForm,
)
from congso.archive.models import (
    FIELD_NAMES,
    Citation,
    ClassificationRule,
    Document,
    SavedSearch,
    Validity,
)
from congso.archive.views import records
from congso.core.http import AuthenticatedHttpRequest
from congso.core.text import vi_sort_key
from congso.org import access
from congso.org.decorators import role_required, staff_required
from congso.org.models import Post, User

# Who keeps the agency's classification rules.
RULE_KEEPERS = ("van_thu", "lanh_dao_co_quan", "quan_tri")
# Below this confidence a field is shown as one to check.
UNSURE_BELOW = 0.9


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
                Q(title__icontains=query)
                | Q(original_name__icontains=query)
                | Q(number_symbol__icontains=query)
                | Q(abstract__icontains=query)
            )
        if form.cleaned_data["state"] == "review":
            documents = documents.filter(needs_review=True)
        elif form.cleaned_data["state"] == "unchecked":
            documents = documents.fields_to_check()
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
        "fields": _field_rows(document),
        "citations": list(document.citations.select_related("target")),
        "cited_by": list(document.cited_by.select_related("document")),
        "marks": services.citation_marks(document),
        "similar": _similar(request, document),
        "signatures": _signatures(document),
        "filing": getattr(document, "filing", None),
        "readers_form": _readers_form(request, document),
        "versions": list(document.versions.select_related("captured_by", "replaced_by")),
        "version_form": VersionForm(),
        "file_form": FileDocumentForm(dossiers=records.open_dossiers(request)),
    }
    template = "archive/document_detail.html" + ("#status" if request.htmx else "")
    return render(request, template, context)


def _readers_form(request: AuthenticatedHttpRequest, document: Document) -> Any:
    """The form naming a secret document's readers, for those who may name them."""
    if not document.secrecy or not access.has_role(request.user, access.SECRECY_LEAD):
        return None
    return ReadersForm(initial={"readers": document.readers.all()}, staff=_agency_staff(document))


def _agency_staff(document: Document) -> Any:
    posts = Post.objects.current().filter(agency_id=document.agency_id)
    return User.objects.filter(posts__in=posts).distinct().order_by("full_name")


@require_POST
@staff_required
def add_version(request: AuthenticatedHttpRequest, uuid: str) -> HttpResponse:
    """A new version of the document's original; the earlier one is kept."""
    document = _document(request, uuid)
    form = VersionForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Hãy chọn tệp của phiên bản mới."))
        return redirect(document)
    uploaded = form.cleaned_data["upload"]
    try:
        services.add_version(
            document=document,
            chunks=uploaded.chunks(),
            original_name=uploaded.name,
            by=request.user,
            note=form.cleaned_data["note"],
        )
    except CaptureError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Đã nhận phiên bản mới; văn bản đang được đọc lại."))
    return redirect(document)


@staff_required
def download_version(request: AuthenticatedHttpRequest, uuid: str, number: int) -> FileResponse:
    version = get_object_or_404(_document(request, uuid).versions, number=number)
    return FileResponse(
        storage.absolute(version.original.name).open("rb"),
        as_attachment=True,
        filename=version.original_name,
    )


@require_POST
@role_required(access.SECRECY_LEAD)
def document_readers(request: AuthenticatedHttpRequest, uuid: str) -> HttpResponse:
    document = _document(request, uuid)
    form = ReadersForm(request.POST, staff=_agency_staff(document))
    if not document.secrecy or not form.is_valid():
        raise Http404
    services.set_readers(document=document, readers=form.cleaned_data["readers"], by=request.user)
    messages.success(request, _("Đã lưu danh sách người được xem."))
    return redirect(document)


def _signatures(document: Document) -> list[dict[str, Any]]:
    """The signatures as validated at capture, each with its status in words and its
    time as a datetime (stored as ISO text)."""
    return [
        signature
        | {
            "label": signatures.STATUSES.get(signature["status"], signature["status"]),
            "signed_at": parse_datetime(signature["signed_at"] or ""),
        }
        for signature in document.signatures
    ]


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
            unmark=form.cleaned_data["unmark"],
        )
        services.rerun_ocr(
            document=document, pages=form.cleaned_data["pages"], options=options, by=request.user
        )
        messages.success(request, _("Đã xếp hàng nhận dạng lại các trang đã chọn."))
    else:
        for problem in form.errors.get("pages", []):
            messages.error(request, str(problem))
    return redirect(document)


def _field_rows(document: Document) -> list[dict[str, object]]:
    """Each field with its label, value for display and how sure reading was."""
    labels = {name: FieldsForm.base_fields[name].label for name in FIELD_NAMES}
    rows = []
    for name in FIELD_NAMES:
        value: object = getattr(document, name)
        if name in ("secrecy", "urgency"):
            value = getattr(document, f"get_{name}_display")()
        elif name == "retention_years":
            value = document.retention_label
        confidence = document.field_confidence.get(name)
        rows.append(
            {
                "name": name,
                "label": labels[name],
                "value": value,
                "percent": round(confidence * 100) if confidence is not None else None,
                "corrected": name in document.fields_corrected,
                "suggested": confidence == services.fields.SUGGESTED
                and name not in document.fields_corrected,
                "unsure": confidence is not None and confidence < UNSURE_BELOW,
            }
        )
    return rows


@staff_required
def document_fields(request: AuthenticatedHttpRequest, uuid: str) -> HttpResponse:
    """Check and correct the fields reading found; keyboard first (see js/fields.js)."""
    document = _document(request, uuid)
    if document.state != Document.State.DONE:
        messages.info(request, _("Tài liệu chưa xử lý xong nên chưa có thông tin để kiểm tra."))
        return redirect(document)
    form = FieldsForm(request.POST or None, document=document)
    if request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data[name] for name in FIELD_NAMES}
        values["secrecy"] = values["secrecy"] or ""
        values["urgency"] = values["urgency"] or ""
        changed = services.correct_fields(document=document, values=values, by=request.user)
        messages.success(
            request,
            ngettext(
                "Đã lưu; %(count)s trường được sửa.",
                "Đã lưu; %(count)s trường được sửa.",
                len(changed),
            )
            % {"count": len(changed)}
            if changed
            else _("Đã xác nhận thông tin văn bản."),
        )
        if "next" in request.POST:
            return redirect("archive:check-next")
        return redirect(document)
    form.fields[_first_unsure(document)].widget.attrs["autofocus"] = True
    rows = {str(row["name"]): row for row in _field_rows(document)}
    context = {
        "document": document,
        "form": form,
        "pairs": [(form[name], rows[name]) for name in FIELD_NAMES],
        "type_names": FieldsForm.type_names(),
    }
    return render(request, "archive/document_fields.html", context)


def _first_unsure(document: Document) -> str:
    unsure = [
        name
        for name in FIELD_NAMES
        if document.field_confidence.get(name, 0.0) < UNSURE_BELOW
        and name not in document.fields_corrected
    ]
    return unsure[0] if unsure else "doc_type"


@staff_required
def check_next(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The next document whose fields nobody has checked, oldest first."""
    document = (
        Document.objects.visible_to(request.user).fields_to_check().order_by("captured_at").first()
    )
    if document is None:
        messages.success(request, _("Mọi văn bản đã được kiểm tra thông tin."))
        return redirect("archive:document-list")
    return redirect("archive:document-fields", uuid=document.uuid)


@staff_required
def citations_unresolved(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Documents cited in the archive that it does not hold yet, for the clerk to capture."""
    citations = Citation.objects.visible_to(request.user).unresolved().select_related("document")
    groups = services.unresolved_citations(citations)
    page = Paginator(groups, 50).get_page(request.GET.get("page"))
    return render(request, "archive/citations_unresolved.html", {"page": page})


@role_required(*RULE_KEEPERS)
def rule_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    rules = ClassificationRule.objects.visible_to(request.user)
    post = request.user.active_post
    if post is None:
        raise Http404
    form = ClassificationRuleForm(
        request.POST or None, instance=ClassificationRule(agency=post.agency)
    )
    if request.method == "POST" and form.is_valid():
        services.save_rule(rule=form.save(commit=False), by=request.user)
        messages.success(request, _("Đã thêm quy tắc."))
        return redirect("archive:rule-list")
    return render(request, "archive/rule_list.html", {"rules": rules, "form": form})


@role_required(*RULE_KEEPERS)
def rule_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    rule = get_object_or_404(ClassificationRule.objects.visible_to(request.user), pk=pk)
    form = ClassificationRuleForm(request.POST or None, instance=rule)
    if request.method == "POST" and form.is_valid():
        services.save_rule(rule=form.save(commit=False), by=request.user)
        messages.success(request, _("Đã lưu quy tắc."))
        return redirect("archive:rule-list")
    return render(request, "archive/rule_edit.html", {"rule": rule, "form": form})


@require_POST
@role_required(*RULE_KEEPERS)
def rule_delete(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    rule = get_object_or_404(ClassificationRule.objects.visible_to(request.user), pk=pk)
    services.delete_rule(rule=rule, by=request.user)
    messages.success(request, _("Đã xóa quy tắc."))
    return redirect("archive:rule-list")


@require_POST
@role_required(*RULE_KEEPERS)
def rules_apply(request: AuthenticatedHttpRequest) -> HttpResponse:
    agency_id = request.user.active_agency_id
    if agency_id is None:
        raise Http404
    count = services.apply_rules(agency_id=agency_id, by=request.user)
    messages.success(
        request,
        ngettext(
            "Đã gợi ý lại cho %(count)s văn bản chưa kiểm tra.",
            "Đã gợi ý lại cho %(count)s văn bản chưa kiểm tra.",
            count,
        )
        % {"count": count},
    )
    return redirect("archive:rule-list")


@require_POST
@staff_required
def reread(request: AuthenticatedHttpRequest, uuid: str) -> HttpResponse:
    document = _document(request, uuid)
    if document.state != Document.State.DONE:
        raise Http404
    services.reread_document(document=document, by=request.user)
    messages.success(request, _("Đã đọc lại thông tin văn bản; các trường đã sửa được giữ."))
    return redirect(document)


def _similar(request: AuthenticatedHttpRequest, document: Document) -> list[search.Hit]:
    if document.state != Document.State.DONE or request.htmx:
        return []
    return search.similar(document, within=Document.objects.visible_to(request.user), limit=5)


SEARCH_PAGE = 20


@staff_required
@vary_on_headers("HX-Request")
def search_documents(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The search page; the same view answers the box's search-as-you-type requests."""
    form = SearchForm(request.GET)
    results, page = None, _page_number(request)
    if form.is_valid() and form.cleaned_data["q"]:
        within = form.filtered(Document.objects.visible_to(request.user))
        results = search.search(
            within=within,
            text=form.cleaned_data["q"],
            prefix="as_you_type" in request.GET,
            by_date=form.cleaned_data["sort"] == "date",
            limit=SEARCH_PAGE,
            offset=(page - 1) * SEARCH_PAGE,
        )
    context = {
        "form": form,
        "results": results,
        "page": page,
        "pages": (results.total + SEARCH_PAGE - 1) // SEARCH_PAGE if results else 0,
        "has_next": _has_next(results, page),
        "saved": sorted(
            SavedSearch.objects.visible_to(request.user), key=lambda s: vi_sort_key(s.name)
        ),
        "save_form": SavedSearchForm(initial={"query": request.GET.urlencode()}),
        "here": _without_page(request),
    }
    template = "archive/search.html" + ("#results" if request.htmx else "")
    return render(request, template, context)


def _has_next(results: search.Results | None, page: int) -> bool:
    if results is None:
        return False
    if results.total_exact:
        return page * SEARCH_PAGE < results.total
    return len(results.hits) == SEARCH_PAGE  # past the count: while pages come full


@staff_required
def search_facets(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The facet counts of a search, asked for by its page once the results are shown:
    counting every match takes longer than finding the best ones."""
    form = SearchForm(request.GET)
    counted: dict[str, list[tuple[Any, int]]] = {}
    if form.is_valid() and form.cleaned_data["q"]:
        within = form.filtered(Document.objects.visible_to(request.user))
        counted = search.facet_counts(within=within, text=form.cleaned_data["q"])
    context = {"facets": _facet_links(request, counted), "total": search.facet_total(counted)}
    return render(request, "archive/search_facets.html", context)


def _without_page(request: AuthenticatedHttpRequest) -> Any:
    query = request.GET.copy()
    query.pop("page", None)
    query.pop("as_you_type", None)
    return query


def _page_number(request: AuthenticatedHttpRequest) -> int:
    try:
        return max(1, min(int(request.GET.get("page", "1")), 500))
    except ValueError:
        return 1


_FACET_PARAMS = {"doc_type": "doc_type", "issuer": "issuer", "year": "year", "unit": "unit"}


def _facet_links(
    request: AuthenticatedHttpRequest, counted: dict[str, list[tuple[Any, int]]]
) -> dict[str, list[tuple[str, int, str]]]:
    """Each facet value with its count and the link (to the search page) filtering on it."""
    links: dict[str, list[tuple[str, int, str]]] = {}
    validity_labels = dict(Validity.choices)
    page = reverse("archive:search")
    for name, values in counted.items():
        param = _FACET_PARAMS.get(name, name)
        rows = []
        for value, count in values:
            shown, chosen = value, value
            if name in ("unit", "dossier"):
                chosen, shown = value
            elif name == "validity":
                shown = validity_labels.get(value, value)
            query = request.GET.copy()
            query[param] = str(chosen)
            query.pop("page", None)
            rows.append((str(shown), count, f"{page}?{query.urlencode()}"))
        links[name] = rows
    return links


@require_POST
@staff_required
def save_search(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = SavedSearchForm(request.POST)
    if form.is_valid() and request.user.active_post is not None:
        services.save_search(
            owner=request.user, name=form.cleaned_data["name"], query=form.cleaned_data["query"]
        )
        messages.success(request, _("Đã lưu tìm kiếm."))
    return redirect(reverse("archive:search") + "?" + form.data.get("query", ""))


@require_POST
@staff_required
def delete_saved_search(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    saved = get_object_or_404(SavedSearch.objects.visible_to(request.user), pk=pk)
    services.delete_search(saved=saved, by=request.user)
    messages.success(request, _("Đã xóa tìm kiếm đã lưu."))
    return redirect("archive:search")
