import hashlib
import uuid
from typing import Any

from congso.archive import search, services, storage
from congso.archive.models import ClassificationRule, Document, Page
from congso.archive.reading import read_text
from congso.org.models import Agency

# A công văn of a provincial department citing two documents (one a law by name).
SAMPLE_LETTER = """UBND TỈNH BÌNH DƯƠNG
SỞ NỘI VỤ
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 1234/SNV-VP
V/v triển khai Kế hoạch chuyển đổi số năm 2025
Bình Dương, ngày 05 tháng 3 năm 2025
Kính gửi: Các phòng, đơn vị thuộc Sở
Thực hiện Quyết định số 749/QĐ-TTg ngày 03 tháng 6 năm 2020 của Thủ tướng Chính phủ \
phê duyệt Chương trình Chuyển đổi số quốc gia và Luật Giao dịch điện tử ngày 22 tháng 6 \
năm 2023, Sở Nội vụ đề nghị các đơn vị triển khai các nội dung sau.
Nơi nhận:
- Như trên;
- Giám đốc Sở;
- Lưu: VT, VP.
KT. GIÁM ĐỐC
PHÓ GIÁM ĐỐC
(Đã ký)
Trần Văn Bình
""".replace("\\\n", "")


def make_document(
    agency: Agency, *, content: bytes | None = None, pages: int = 1, **overrides: Any
) -> Document:
    """A processed document with its files on disk (original, archive copy, thumbnails)."""
    document_uuid = uuid.uuid4()
    content = content if content is not None else f"tài liệu {document_uuid}".encode()
    fields: dict[str, Any] = {
        "uuid": document_uuid,
        "agency": agency,
        # A letter first: PostgreSQL's parser reads "3e61fe" as a number and a word,
        # which would make ranks differ between otherwise equal documents.
        "title": f"Tài liệu x{document_uuid.hex[:6]}",
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


def make_read_document(agency: Agency, text: str = SAMPLE_LETTER, **overrides: Any) -> Document:
    """A processed plain-text document whose fields were read from `text`."""
    document = make_document(agency, content=text.encode(), text=text, **overrides)
    services.store_reading(document=document, found=read_text(text))
    document.refresh_from_db()
    return document


def make_rule(agency: Agency, **overrides: Any) -> ClassificationRule:
    fields: dict[str, Any] = {"agency": agency, "doc_type": "Công văn", "field_of_work": "Nội vụ"}
    return ClassificationRule.objects.create(**(fields | overrides))


def make_searchable_document(agency: Agency, text: str, **overrides: Any) -> Document:
    """A processed document with `text`, in the search index."""
    document = make_document(agency, content=text.encode(), text=text, **overrides)
    search.index_documents([document])
    return document
