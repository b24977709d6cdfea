import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from congso.core.models import NormalizedTextModel
from congso.org import access
from congso.org.models import Agency


class DocumentQuerySet(models.QuerySet["Document"]):
    def visible_to(self, user: Any) -> "DocumentQuerySet":
        return access.scope_to_agency(self, user)

    def unfinished(self) -> "DocumentQuerySet":
        return self.filter(state__in=[Document.State.QUEUED, Document.State.PROCESSING])


class Document(NormalizedTextModel):
    """A captured file: the original kept byte for byte, its PDF/A-2b archive copy,
    its pages and their text. Rows appear at capture; processing fills them in one
    transaction at the end, so a crash never leaves half a document."""

    class State(models.TextChoices):
        QUEUED = "queued", _("Đang chờ xử lý")
        PROCESSING = "processing", _("Đang xử lý")
        DONE = "done", _("Hoàn thành")
        FAILED = "failed", _("Lỗi")

    class Source(models.TextChoices):
        UPLOAD = "upload", _("Tải lên")
        FOLDER = "folder", _("Thư mục quét")
        IMPORT = "import", _("Nhập hàng loạt")
        API = "api", _("API")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="documents", verbose_name=_("cơ quan")
    )
    title = models.CharField(_("tiêu đề"), max_length=500)
    original_name = models.CharField(_("tên tệp gốc"), max_length=500)
    original = models.FileField(_("tệp gốc"), max_length=300)
    sha256 = models.CharField(_("mã băm SHA-256"), max_length=64)
    size = models.PositiveBigIntegerField(_("kích thước (byte)"))
    media_type = models.CharField(_("định dạng"), max_length=100, blank=True)
    archive = models.FileField(_("bản lưu trữ PDF/A"), max_length=300, blank=True)
    state = models.CharField(
        _("trạng thái"), max_length=12, choices=State.choices, default=State.QUEUED
    )
    error_code = models.CharField(max_length=40, blank=True)
    error = models.CharField(_("lý do lỗi"), max_length=500, blank=True)
    page_count = models.PositiveIntegerField(_("số trang"), default=0)
    pages_done = models.PositiveIntegerField(_("số trang đã xử lý"), default=0)
    text = models.TextField(_("nội dung"), blank=True)
    ocr_confidence = models.FloatField(_("độ tin cậy OCR"), null=True, blank=True)
    needs_review = models.BooleanField(_("cần kiểm tra"), default=False)
    # Pages a clerk asked to recognize again: {"3": "rotate,deskew"}; emptied when done.
    pending_rerun = models.JSONField(default=dict, blank=True)
    source = models.CharField(_("nguồn"), max_length=10, choices=Source.choices)
    source_detail = models.CharField(_("chi tiết nguồn"), max_length=500, blank=True)
    captured_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người số hóa"),
    )
    captured_at = models.DateTimeField(_("thời điểm số hóa"), auto_now_add=True)
    processed_at = models.DateTimeField(_("thời điểm xử lý xong"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = DocumentQuerySet.as_manager()

    class Meta:
        ordering = ["-captured_at", "-id"]
        verbose_name = _("tài liệu")
        verbose_name_plural = _("tài liệu")
        constraints = [
            models.UniqueConstraint(fields=["agency", "sha256"], name="one_document_per_content")
        ]
        indexes = [models.Index(fields=["agency", "state"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("archive:document-detail", args=[self.uuid])

    @property
    def is_finished(self) -> bool:
        return self.state in (self.State.DONE, self.State.FAILED)

    def move_to(self, state: str) -> None:
        """Change state if the transition table allows it (services save it)."""
        if state not in DOCUMENT_TRANSITIONS[self.State(self.state)]:
            raise ValueError(f"document {self.uuid}: {self.state} → {state} is not allowed")
        self.state = state


DOCUMENT_TRANSITIONS: dict[str, set[str]] = {
    # processing → processing: a worker takes over from one that crashed.
    Document.State.QUEUED: {Document.State.PROCESSING, Document.State.FAILED},
    Document.State.PROCESSING: {
        Document.State.PROCESSING,
        Document.State.DONE,
        Document.State.FAILED,
    },
    Document.State.FAILED: {Document.State.QUEUED, Document.State.PROCESSING},
    Document.State.DONE: {Document.State.QUEUED, Document.State.PROCESSING},
}


class Page(models.Model):
    """One page of a processed document, with its text and how it was obtained."""

    class TextSource(models.TextChoices):
        TEXT_LAYER = "text_layer", _("Lớp văn bản có sẵn")
        OCR = "ocr", _("Nhận dạng ký tự (OCR)")

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="pages")
    number = models.PositiveIntegerField(_("trang"))
    text = models.TextField(_("nội dung"), blank=True)
    text_source = models.CharField(_("nguồn nội dung"), max_length=12, choices=TextSource.choices)
    confidence = models.FloatField(_("độ tin cậy OCR"), null=True, blank=True)
    needs_review = models.BooleanField(_("cần kiểm tra"), default=False)
    ocr_options = models.CharField(_("xử lý ảnh khi OCR"), max_length=100, blank=True)
    words = models.JSONField(_("vị trí từ"), default=list, blank=True)
    thumbnail = models.FileField(_("ảnh thu nhỏ"), max_length=300, blank=True)

    class Meta:
        ordering = ["document", "number"]
        verbose_name = _("trang")
        verbose_name_plural = _("trang")
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="one_page_per_number")
        ]

    def __str__(self) -> str:
        return f"{self.document} – {self.number}"
