"""JSON API of the archive: capture files and follow their processing."""

import datetime
import uuid

from django.http import FileResponse, Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import File, Router, Schema, Status
from ninja.errors import HttpError
from ninja.files import UploadedFile
from ninja.pagination import paginate

from congso.archive import search, services, storage
from congso.archive.formats import CaptureError
from congso.archive.forms import FieldsForm, SearchForm
from congso.archive.models import FIELD_NAMES, Citation, Document

router = Router(tags=["Tài liệu"])


class PageOut(Schema):
    number: int
    text_source: str
    confidence: float | None
    needs_review: bool


class DocumentOut(Schema):
    uuid: uuid.UUID
    title: str
    original_name: str
    state: str
    error: str
    media_type: str
    size: int
    sha256: str
    page_count: int
    pages_done: int
    needs_review: bool
    ocr_confidence: float | None
    source: str
    captured_at: datetime.datetime
    processed_at: datetime.datetime | None


class CitationOut(Schema):
    doc_type: str | None
    number_symbol: str | None
    issued_date: datetime.date | None
    issuer: str | None
    title: str | None
    relation: str
    text: str
    document: uuid.UUID | None  # the cited document, once the archive holds it


class CitingOut(Schema):
    document: uuid.UUID
    doc_type: str
    number_symbol: str
    relation: str


class FieldsOut(Schema):
    """The document's fields; keys are stable (docs/reading.md)."""

    doc_type: str | None
    number_symbol: str | None
    number: str | None
    issued_date: datetime.date | None
    place: str | None
    issuer: str | None
    issuer_parent: str | None
    abstract: str | None
    signer: str | None
    signer_position: str | None
    signing_authority: str | None
    recipients: list[str]
    secrecy: str | None
    urgency: str | None
    field_of_work: str | None
    retention_years: int | None
    references: list[CitationOut]
    cited_by: list[CitingOut]
    confidence: dict[str, float]
    corrected: list[str]
    checked_at: datetime.datetime | None


class SignatureOut(Schema):
    """A digital signature of the PDF original, as validated at capture."""

    field: str
    signer: str
    organisation: str
    signed_at: datetime.datetime | None
    intact: bool
    trusted: bool
    whole_file: bool
    status: str  # valid, untrusted, modified, invalid


class DocumentDetailOut(DocumentOut):
    text: str
    pages: list[PageOut]
    fields: FieldsOut | None
    signature_status: str  # "" when unsigned; else the worst of `signatures`
    signatures: list[SignatureOut]

    @staticmethod
    def resolve_fields(document: Document) -> dict[str, object] | None:
        return fields_of(document)


class FieldsIn(Schema):
    """Corrections: only the fields sent change; the document then counts as checked."""

    doc_type: str | None = None
    number_symbol: str | None = None
    issued_date: datetime.date | None = None
    place: str | None = None
    issuer: str | None = None
    issuer_parent: str | None = None
    abstract: str | None = None
    signer: str | None = None
    signer_position: str | None = None
    signing_authority: str | None = None
    recipients: list[str] | None = None
    secrecy: str | None = None
    urgency: str | None = None
    field_of_work: str | None = None
    retention_years: int | None = None


class UnresolvedOut(Schema):
    doc_type: str | None
    number_symbol: str | None
    issued_date: datetime.date | None
    issuer: str | None
    title: str | None
    cited_in: list[uuid.UUID]


def _text(value: str) -> str | None:
    return value or None


def _citation(citation: Citation) -> dict[str, object]:
    return {
        "doc_type": _text(citation.doc_type),
        "number_symbol": _text(citation.number_symbol),
        "issued_date": citation.issued_date,
        "issuer": _text(citation.issuer),
        "title": _text(citation.title),
        "relation": citation.relation,
        "text": citation.text,
        "document": citation.target.uuid if citation.target else None,
    }


def fields_of(document: Document) -> dict[str, object] | None:
    """The stable JSON of a processed document's fields (None before processing)."""
    if document.state != Document.State.DONE:
        return None
    values = {name: getattr(document, name) for name in FIELD_NAMES}
    data: dict[str, object] = {
        name: _text(value) if isinstance(value, str) else value for name, value in values.items()
    }
    data["number"] = document.reading.get("number")
    data["references"] = [
        _citation(c) for c in document.citations.select_related("target").order_by("position")
    ]
    data["cited_by"] = [
        {
            "document": c.document.uuid,
            "doc_type": c.document.doc_type,
            "number_symbol": c.document.number_symbol,
            "relation": c.relation,
        }
        for c in document.cited_by.select_related("document")
    ]
    data["confidence"] = document.field_confidence
    data["corrected"] = document.fields_corrected
    data["checked_at"] = document.fields_checked_at
    return data


class CaptureOut(Schema):
    duplicate: bool
    document: DocumentOut


def _document(request: HttpRequest, document_uuid: uuid.UUID) -> Document:
    return get_object_or_404(
        Document.objects.visible_to(request.auth),  # type: ignore[attr-defined]
        uuid=document_uuid,
    )


@router.post("", response={201: CaptureOut, 200: CaptureOut}, summary="Tải lên một tệp để số hóa")
def create_document(request: HttpRequest, file: File[UploadedFile]) -> Status[dict[str, object]]:
    """Keeps the file, queues it; a file with the same bytes answers 200 with the
    document that already holds it."""
    user = request.auth  # type: ignore[attr-defined]
    if user.is_public_user or user.active_post is None:
        raise HttpError(403, _("Tài khoản chưa có cơ quan làm việc."))
    try:
        capture = services.capture(
            agency=user.active_post.agency,
            chunks=file.chunks(),
            original_name=file.name or "",
            source=Document.Source.API,
            source_detail=request.META.get("REMOTE_ADDR", ""),
            by=user,
        )
    except CaptureError as error:
        raise HttpError(400, error.message) from error
    body = {"duplicate": capture.duplicate, "document": capture.document}
    return Status(201 if capture.created else 200, body)


@router.get("", response=list[DocumentOut], summary="Danh sách tài liệu của cơ quan")
@paginate
def list_documents(request: HttpRequest, state: str | None = None) -> object:
    documents = Document.objects.visible_to(request.auth).defer("text")  # type: ignore[attr-defined]
    return documents.filter(state=state) if state else documents


@router.get("/{document_uuid}", response=DocumentDetailOut, summary="Một tài liệu")
def get_document(request: HttpRequest, document_uuid: uuid.UUID) -> Document:
    return _document(request, document_uuid)


@router.patch(
    "/{document_uuid}/fields", response=FieldsOut, summary="Kiểm tra, sửa thông tin văn bản"
)
def update_fields(request: HttpRequest, document_uuid: uuid.UUID, body: FieldsIn) -> object:
    """Sets the fields sent (the others keep their values) and marks the document
    checked; audited. Values are validated as in the correction form."""
    document = _document(request, document_uuid)
    if document.state != Document.State.DONE:
        raise HttpError(409, _("Tài liệu chưa xử lý xong nên chưa có thông tin để sửa."))
    sent = body.dict(exclude_unset=True)
    data = {**FieldsForm(document=document).initial, **sent}
    if "recipients" in sent:
        data["recipients"] = "\n".join(sent["recipients"] or [])
    data = {k: "" if v is None else v for k, v in data.items()}
    form = FieldsForm(data, document=document)
    if not form.is_valid():
        problems = (
            f"{name}: {' '.join(str(e) for e in errors)}" for name, errors in form.errors.items()
        )
        raise HttpError(422, "; ".join(problems))
    values = {name: form.cleaned_data[name] for name in FIELD_NAMES}
    services.correct_fields(document=document, values=values, by=request.auth)  # type: ignore[attr-defined]
    return fields_of(document)


@router.get("/{document_uuid}/original", summary="Tải bản gốc", response={200: None})
def get_original(request: HttpRequest, document_uuid: uuid.UUID) -> FileResponse:
    document = _document(request, document_uuid)
    return FileResponse(
        storage.absolute(document.original.name).open("rb"),
        as_attachment=True,
        filename=document.original_name,
    )


@router.get("/{document_uuid}/archive", summary="Tải bản lưu trữ PDF/A", response={200: None})
def get_archive(request: HttpRequest, document_uuid: uuid.UUID) -> FileResponse:
    document = _document(request, document_uuid)
    if not document.archive:
        raise Http404
    return FileResponse(
        storage.absolute(document.archive.name).open("rb"),
        content_type="application/pdf",
        filename=f"{document.title}.pdf",
    )


@router.post("/{document_uuid}/retry", response=DocumentOut, summary="Xử lý lại tài liệu lỗi")
def retry_document(request: HttpRequest, document_uuid: uuid.UUID) -> Document:
    document = _document(request, document_uuid)
    services.retry_document(document=document, by=request.auth)  # type: ignore[attr-defined]
    document.refresh_from_db()
    return document


citations_router = Router(tags=["Dẫn chiếu"])


@citations_router.get(
    "/unresolved", response=list[UnresolvedOut], summary="Văn bản được dẫn chiếu chưa có trong kho"
)
@paginate
def list_unresolved_citations(request: HttpRequest) -> object:
    citations = (
        Citation.objects.visible_to(request.auth)  # type: ignore[attr-defined]
        .unresolved()
        .select_related("document")
    )
    return [
        {
            "doc_type": _text(group["citation"].doc_type),
            "number_symbol": _text(group["citation"].number_symbol),
            "issued_date": group["citation"].issued_date,
            "issuer": _text(group["citation"].issuer),
            "title": _text(group["citation"].title),
            "cited_in": [document.uuid for document in group["citing"]],
        }
        for group in services.unresolved_citations(citations)
    ]


search_router = Router(tags=["Tìm kiếm"])


class HitOut(Schema):
    document: uuid.UUID
    title: str
    doc_type: str | None
    number_symbol: str | None
    issued_date: datetime.date | None
    issuer: str | None
    abstract: str | None
    snippet: str  # HTML: the query's words in <mark>, everything else escaped
    score: float


class FacetOut(Schema):
    value: str
    count: int


class SearchOut(Schema):
    total: int  # all matches with facets; otherwise counted up to 1,001 (see total_exact)
    total_exact: bool
    results: list[HitOut]
    facets: dict[str, list[FacetOut]]


@search_router.get("", response=SearchOut, summary="Tìm văn bản")
def search_documents(
    request: HttpRequest,
    q: str,
    doc_type: str | None = None,
    issuer: str | None = None,
    year: int | None = None,
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
    unit: int | None = None,
    dossier: int | None = None,
    validity: str | None = None,
    sort: str | None = None,
    page: int = 1,
    page_size: int = 20,
    facets: bool = True,
) -> dict[str, object]:
    """The documents the key's owner may see that match `q` (words with or without
    tones, "phrases", numbers in any form), with snippets and, unless `facets=false`,
    facet counts (which take longer than the results on a large archive)."""
    params = {k: v for k, v in request.GET.items() if k not in ("page_size", "facets")}
    form = SearchForm(params)
    if not form.is_valid():
        raise HttpError(
            422, "; ".join(f"{k}: {' '.join(str(e) for e in v)}" for k, v in form.errors.items())
        )
    within = form.filtered(Document.objects.visible_to(request.auth))  # type: ignore[attr-defined]
    page_size = max(1, min(page_size, 100))
    found = search.search(
        within=within,
        text=form.cleaned_data["q"],
        by_date=form.cleaned_data["sort"] == "date",
        limit=page_size,
        offset=(max(page, 1) - 1) * page_size,
    )
    counted = search.facet_counts(within=within, text=form.cleaned_data["q"]) if facets else {}
    exact = bool(counted) or found.total_exact
    return {
        "total": search.facet_total(counted) if counted else found.total,
        "total_exact": exact,
        "results": [
            {
                "document": hit.document.uuid,
                "title": hit.document.title,
                "doc_type": _text(hit.document.doc_type),
                "number_symbol": _text(hit.document.number_symbol),
                "issued_date": hit.document.issued_date,
                "issuer": _text(hit.document.issuer),
                "abstract": _text(hit.document.abstract),
                "snippet": str(hit.snippet),
                "score": hit.score,
            }
            for hit in found.hits
        ],
        "facets": {
            name: [{"value": _facet_value(v), "count": n} for v, n in values]
            for name, values in counted.items()
        },
    }


def _facet_value(value: object) -> str:
    if isinstance(value, tuple):  # a unit: (id, name)
        return f"{value[0]}:{value[1]}"
    return str(value)
