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

from congso.archive import services, storage
from congso.archive.formats import CaptureError
from congso.archive.models import Document

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


class DocumentDetailOut(DocumentOut):
    text: str
    pages: list[PageOut]


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
