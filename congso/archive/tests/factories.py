import hashlib
import uuid
from typing import Any

from congso.archive import storage
from congso.archive.models import Document, Page
from congso.org.models import Agency


def make_document(
    agency: Agency, *, content: bytes | None = None, pages: int = 1, **overrides: Any
) -> Document:
    """A processed document with its files on disk (original, archive copy, thumbnails)."""
    document_uuid = uuid.uuid4()
    content = content if content is not None else f"tài liệu {document_uuid}".encode()
    fields: dict[str, Any] = {
        "uuid": document_uuid,
        "agency": agency,
        "title": f"Tài liệu {document_uuid.hex[:6]}",
        "original_name": "quyet-dinh.txt",
        "sha256": hashlib.sha256(content).hexdigest(),
        "size": len(content),
        "media_type": "text/plain",
        "source": Document.Source.UPLOAD,
        "state": Document.State.DONE,
        "page_count": pages,
        "pages_done": pages,
        "text": "Quyết định về việc chuyển đổi số",
    }
    document = Document(**(fields | overrides))
    document.original.name = storage.original_name(agency.pk, document.uuid)
    _write(document.original.name, content)
    document.archive.name = storage.archive_name(agency.pk, document.uuid)
    _write(document.archive.name, b"%PDF-1.7\n%%EOF\n")
    document.save()
    for number in range(1, pages + 1):
        thumbnail = storage.thumbnail_name(agency.pk, document.uuid, number)
        _write(thumbnail, b"\x89PNG\r\n\x1a\n")
        Page.objects.create(
            document=document,
            number=number,
            text="Quyết định",
            text_source=Page.TextSource.TEXT_LAYER,
            thumbnail=thumbnail,
        )
    return document


def _write(name: str, content: bytes) -> None:
    path = storage.absolute(name)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
