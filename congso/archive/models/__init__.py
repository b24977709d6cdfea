import uuid
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from congso.core.models import NormalizedTextModel
from congso.org import access
from congso.org.models import Agency, Unit


class DocumentQuerySet(models.QuerySet["Document"]):
    def visible_to(self, user: Any) -> "DocumentQuerySet":
        """The agency's documents; of those marked secret (độ mật), only the ones the
        user captured or is named a reader of, unless they lead the agency (leaders
        name the readers)."""
        documents = access.scope_to_agency(self, user).filter(disposed_at__isnull=True)
        if user is None or not user.is_authenticated or access.has_role(user, access.SECRECY_LEAD):
            return documents
        named = Document.readers.through.objects.filter(
            document_id=models.OuterRef("pk"), user_id=user.pk
        )
        return documents.filter(
            models.Q(secrecy="") | models.Q(captured_by=user) | models.Exists(named)
        )

    def unfinished(self) -> "DocumentQuerySet":
        return self.filter(state__in=[Document.State.QUEUED, Document.State.PROCESSING])

    def with_validity(self) -> "DocumentQuerySet":
        """Annotate `validity`: what later documents of the archive did to each one
        (the strongest change: repealed, replaced, amended), else in force."""
        changes = Citation.objects.filter(target=models.OuterRef("pk"))
        return self.annotate(
            validity=models.Case(
                *(
                    models.When(
                        models.Exists(changes.filter(relation=relation)), then=models.Value(value)
                    )
                    for relation, value in VALIDITY_BY_RELATION
                ),
                default=models.Value(Validity.IN_FORCE),
                output_field=models.CharField(),
            )
        )

    def fields_to_check(self) -> "DocumentQuerySet":
        """Read documents whose fields nobody has checked yet, least sure first."""
        return self.filter(state=Document.State.DONE, fields_checked_at__isnull=True)


class Validity(models.TextChoices):
    """Whether a document still applies, as far as the archive's citations tell."""

    IN_FORCE = "in_force", _("Đang áp dụng")
    AMENDED = "amended", _("Đã được sửa đổi, bổ sung")
    REPLACED = "replaced", _("Đã bị thay thế")
    REPEALED = "repealed", _("Đã bị bãi bỏ")


# Citation relations that change the cited document, strongest first.
VALIDITY_BY_RELATION = [
    ("repeals", Validity.REPEALED),
    ("replaces", Validity.REPLACED),
    ("amends", Validity.AMENDED),
]


class Secrecy(models.TextChoices):
    """Độ mật (Luật Bảo vệ bí mật nhà nước; Nghị định 30/2020, Phụ lục I)."""

    MAT = "mat", _("Mật")
    TOI_MAT = "toi_mat", _("Tối mật")
    TUYET_MAT = "tuyet_mat", _("Tuyệt mật")


class Urgency(models.TextChoices):
    """Mức độ khẩn (Nghị định 30/2020, Phụ lục I)."""

    KHAN = "khan", _("Khẩn")
    THUONG_KHAN = "thuong_khan", _("Thượng khẩn")
    HOA_TOC = "hoa_toc", _("Hỏa tốc")
    HOA_TOC_HEN_GIO = "hoa_toc_hen_gio", _("Hỏa tốc hẹn giờ")


RETENTION_PERMANENT = 0


def validate_retention(years: int | None) -> None:
    """Luật Lưu trữ 2024, Điều 15: vĩnh viễn, or a fixed term of 2 to 70 years."""
    if years is not None and years != RETENTION_PERMANENT and not 2 <= years <= 70:
        raise ValidationError(
            _("Thời hạn bảo quản là vĩnh viễn (0) hoặc từ 2 đến 70 năm."), code="retention"
        )


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
        TRANSFER = "transfer", _("Liên thông từ cơ quan khác")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="documents", verbose_name=_("cơ quan")
    )
    title = models.CharField(_("tiêu đề"), max_length=500)
    original_name = models.CharField(_("tên tệp gốc"), max_length=500)
    original = models.FileField(_("tệp gốc"), max_length=300)
    sha256 = models.CharField(_("mã băm SHA-256"), max_length=64)
    size = models.PositiveBigIntegerField(_("kích thước (byte)"))
    version = models.PositiveSmallIntegerField(_("phiên bản"), default=1)
    # Set when an approved disposal destroyed the document's files (the row stays: what
    # was destroyed is on record).
    disposed_at = models.DateTimeField(_("thời điểm hủy"), null=True, blank=True)
    media_type = models.CharField(_("định dạng"), max_length=100, blank=True)
    archive = models.FileField(_("bản lưu trữ PDF/A"), max_length=300, blank=True)
    archive_sha256 = models.CharField(_("mã băm SHA-256 bản lưu trữ"), max_length=64, blank=True)
    # Digital signatures of a signed PDF original (signatures.SignatureCheck as dicts),
    # and the worst of their statuses ("" when unsigned).
    signatures = models.JSONField(_("chữ ký số"), default=list, blank=True)
    signature_status = models.CharField(_("chữ ký số"), max_length=12, blank=True)
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
    # Who may see a document marked secret (độ mật), besides whoever captured it and
    # the agency's leaders (DocumentQuerySet.visible_to).
    readers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="secret_documents",
        verbose_name=_("người được xem"),
    )
    # The unit the capturing person worked in (documents of a unit, search facets).
    unit = models.ForeignKey(
        Unit,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name=_("đơn vị"),
    )
    captured_at = models.DateTimeField(_("thời điểm số hóa"), auto_now_add=True)
    processed_at = models.DateTimeField(_("thời điểm xử lý xong"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    # The administrative document's fields (Nghị định 30/2020, Điều 8), as reading found
    # them or as a person corrected them (see `fields_corrected`).
    doc_type = models.CharField(_("loại văn bản"), max_length=100, blank=True)
    number_symbol = models.CharField(_("số, ký hiệu"), max_length=150, blank=True)
    symbol_key = models.CharField(max_length=150, blank=True, db_index=True, editable=False)
    issued_date = models.DateField(_("ngày ban hành"), null=True, blank=True)
    place = models.CharField(_("địa danh"), max_length=150, blank=True)
    issuer = models.CharField(_("cơ quan ban hành"), max_length=300, blank=True)
    issuer_parent = models.CharField(_("cơ quan chủ quản"), max_length=300, blank=True)
    abstract = models.TextField(_("trích yếu"), blank=True)
    signer = models.CharField(_("người ký"), max_length=200, blank=True)
    signer_position = models.CharField(_("chức vụ người ký"), max_length=300, blank=True)
    signing_authority = models.CharField(_("thẩm quyền ký"), max_length=300, blank=True)
    recipients = models.JSONField(_("nơi nhận"), default=list, blank=True)
    secrecy = models.CharField(_("độ mật"), max_length=20, choices=Secrecy.choices, blank=True)
    urgency = models.CharField(_("độ khẩn"), max_length=20, choices=Urgency.choices, blank=True)
    field_of_work = models.CharField(_("lĩnh vực"), max_length=200, blank=True)
    # Years to keep the document; RETENTION_PERMANENT (0) is "vĩnh viễn"; None: not set.
    retention_years = models.PositiveSmallIntegerField(
        _("thời hạn bảo quản"), null=True, blank=True
    )
    # The rest of what reading found: number parts, addressees, articles, appendices.
    reading = models.JSONField(default=dict, blank=True)
    # How sure reading was of each field (0..1); the fields a person set are listed in
    # `fields_corrected` and are never overwritten by reading the document again.
    field_confidence = models.JSONField(default=dict, blank=True)
    fields_corrected = models.JSONField(default=list, blank=True)
    fields_checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người kiểm tra thông tin"),
    )
    fields_checked_at = models.DateTimeField(_("thời điểm kiểm tra"), null=True, blank=True)

    objects = DocumentQuerySet.as_manager()

    class Meta:
        ordering = ["-captured_at", "-id"]
        verbose_name = _("tài liệu")
        verbose_name_plural = _("tài liệu")
        constraints = [
            models.UniqueConstraint(fields=["agency", "sha256"], name="one_document_per_content")
        ]
        # The filters of search and lists read these without the row (and its text).
        indexes = [
            models.Index(fields=["agency", "state"]),
            models.Index(fields=["agency", "doc_type"]),
            models.Index(fields=["agency", "issuer"]),
            models.Index(fields=["agency", "issued_date"]),
            # What a user may see (visible_to) and the search filters, all in one index:
            # the documents to check a search's matches against are read from it alone.
            models.Index(
                fields=[
                    "agency",
                    "disposed_at",
                    "secrecy",
                    "captured_by",
                    "doc_type",
                    "issuer",
                    "issued_date",
                    "unit",
                ],
                name="archive_doc_visible_idx",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("archive:document-detail", args=[self.uuid])

    @property
    def is_finished(self) -> bool:
        return self.state in (self.State.DONE, self.State.FAILED)

    @property
    def retention_label(self) -> str:
        return retention_label(self.retention_years)

    @property
    def least_sure_field(self) -> str | None:
        """The field reading was least sure of, for the correction form to start on."""
        scores = {k: v for k, v in self.field_confidence.items() if k in FIELD_NAMES}
        return min(scores, key=scores.__getitem__) if scores else None

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
    thumbnail_sha256 = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["document", "number"]
        verbose_name = _("trang")
        verbose_name_plural = _("trang")
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="one_page_per_number")
        ]

    def __str__(self) -> str:
        return f"{self.document} – {self.number}"


# The fields people check and correct, in the order forms and the API list them.
FIELD_NAMES = (
    "doc_type",
    "number_symbol",
    "issued_date",
    "place",
    "issuer",
    "issuer_parent",
    "abstract",
    "signer",
    "signer_position",
    "signing_authority",
    "recipients",
    "secrecy",
    "urgency",
    "field_of_work",
    "retention_years",
)


def retention_label(years: int | None) -> str:
    if years is None:
        return ""
    if years == RETENTION_PERMANENT:
        return str(_("Vĩnh viễn"))
    return str(_("%(years)s năm") % {"years": years})


class CitationQuerySet(models.QuerySet["Citation"]):
    def visible_to(self, user: Any) -> "CitationQuerySet":
        return access.scope_to_agency(self, user, field="document__agency")

    def unresolved(self) -> "CitationQuerySet":
        return self.filter(target__isnull=True)


class Citation(NormalizedTextModel):
    """A document cited in another's text, and the archive's document it names, once
    that document has been captured ("Căn cứ Nghị định số 45/2020/NĐ-CP …")."""

    class Relation(models.TextChoices):
        BASED_ON = "based_on", _("Căn cứ")
        AMENDS = "amends", _("Sửa đổi, bổ sung")
        REPLACES = "replaces", _("Thay thế")
        REPEALS = "repeals", _("Bãi bỏ")
        CITES = "cites", _("Dẫn chiếu")

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="citations")
    position = models.PositiveIntegerField()
    doc_type = models.CharField(_("loại văn bản"), max_length=100, blank=True)
    number_symbol = models.CharField(_("số, ký hiệu"), max_length=150, blank=True)
    symbol_key = models.CharField(max_length=150, blank=True, db_index=True)
    issued_date = models.DateField(_("ngày ban hành"), null=True, blank=True)
    issuer = models.CharField(_("cơ quan ban hành"), max_length=300, blank=True)
    title = models.CharField(_("tên"), max_length=300, blank=True)
    relation = models.CharField(_("quan hệ"), max_length=10, choices=Relation.choices)
    text = models.TextField(_("đoạn dẫn chiếu"))
    target = models.ForeignKey(
        Document,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="cited_by",
        verbose_name=_("văn bản trong kho"),
    )

    objects = CitationQuerySet.as_manager()

    class Meta:
        ordering = ["document", "position"]
        verbose_name = _("dẫn chiếu")
        verbose_name_plural = _("dẫn chiếu")

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        """ "Nghị định 45/2020/NĐ-CP", "Luật Tổ chức Chính phủ" as a person would say it."""
        name = self.number_symbol or self.title
        return " ".join(part for part in (self.doc_type, name) if part) or self.text[:80]


class ClassificationRuleQuerySet(models.QuerySet["ClassificationRule"]):
    def visible_to(self, user: Any) -> "ClassificationRuleQuerySet":
        return access.scope_to_agency(self, user)


class ClassificationRule(NormalizedTextModel):
    """An agency's rule for suggesting the field of work and the retention period of a
    document it reads: "Quyết định of Sở Y tế → Y tế, 10 năm". The first matching rule
    (by `order`) gives each value; an empty condition matches everything."""

    agency = models.ForeignKey(
        Agency, on_delete=models.CASCADE, related_name="classification_rules"
    )
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=10)
    doc_type = models.CharField(
        _("loại văn bản"), max_length=100, blank=True, help_text=_("Để trống: mọi loại.")
    )
    issuer_contains = models.CharField(
        _("cơ quan ban hành có chứa"),
        max_length=200,
        blank=True,
        help_text=_("Không phân biệt hoa thường và dấu; để trống: mọi cơ quan."),
    )
    abstract_contains = models.CharField(
        _("trích yếu có chứa"), max_length=200, blank=True, help_text=_("Để trống: mọi nội dung.")
    )
    field_of_work = models.CharField(_("lĩnh vực"), max_length=200, blank=True)
    retention_years = models.PositiveSmallIntegerField(
        _("thời hạn bảo quản (năm)"),
        null=True,
        blank=True,
        help_text=_("0 là vĩnh viễn; để trống nếu quy tắc không gợi ý thời hạn."),
        validators=[validate_retention],
    )

    objects = ClassificationRuleQuerySet.as_manager()

    # What the agency's keepers of rules edit (the form, the audit's before and after).
    EDITABLE = (
        "order",
        "doc_type",
        "issuer_contains",
        "abstract_contains",
        "field_of_work",
        "retention_years",
    )

    class Meta:
        ordering = ["agency", "order", "pk"]
        verbose_name = _("quy tắc gợi ý lĩnh vực và thời hạn")
        verbose_name_plural = _("quy tắc gợi ý lĩnh vực và thời hạn")

    def __str__(self) -> str:
        return " · ".join(
            part for part in (self.doc_type, self.issuer_contains, self.abstract_contains) if part
        ) or str(_("Mọi văn bản"))

    @property
    def retention_label(self) -> str:
        return retention_label(self.retention_years)


class SavedSearchQuerySet(models.QuerySet["SavedSearch"]):
    def visible_to(self, user: Any) -> "SavedSearchQuerySet":
        """A person's own saved searches, in the agency they work in now."""
        return access.scope_to_owner(access.scope_to_agency(self, user), user)


class SavedSearch(NormalizedTextModel):
    """A search a person keeps to run again: its name and its query string."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_searches"
    )
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(_("tên"), max_length=150)
    query = models.CharField(_("điều kiện tìm"), max_length=1000)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = SavedSearchQuerySet.as_manager()

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("tìm kiếm đã lưu")
        verbose_name_plural = _("tìm kiếm đã lưu")

    def __str__(self) -> str:
        return self.name


class DocumentVersion(models.Model):
    """An earlier original of a document, kept when a new version replaced it."""

    document = models.ForeignKey(Document, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveSmallIntegerField(_("phiên bản"))
    original = models.FileField(_("tệp gốc"), max_length=300)
    original_name = models.CharField(_("tên tệp gốc"), max_length=500)
    sha256 = models.CharField(_("mã băm SHA-256"), max_length=64)
    size = models.PositiveBigIntegerField(_("kích thước (byte)"))
    captured_at = models.DateTimeField(_("thời điểm số hóa"))
    captured_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    replaced_at = models.DateTimeField(_("thời điểm thay thế"), auto_now_add=True)
    replaced_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    note = models.CharField(_("lý do"), max_length=500, blank=True)

    class Meta:
        ordering = ["document", "-number"]
        verbose_name = _("phiên bản")
        verbose_name_plural = _("phiên bản")
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="one_version_per_number")
        ]

    def __str__(self) -> str:
        return f"{self.document} v{self.number}"


class IntegrityCheck(models.Model):
    """One run of `congso verify`: every stored file hashed again, the audit chain walked.

    `problems` lists what did not hold, each a dict with `kind` (missing, altered,
    chain), `what` (which file or entry), `document` (its UUID, when a document's file)
    and `agency` (its id), so that operators see which records are affected."""

    started_at = models.DateTimeField(_("bắt đầu"))
    finished_at = models.DateTimeField(_("kết thúc"))
    files_checked = models.PositiveIntegerField(_("số tệp đã kiểm tra"))
    entries_checked = models.PositiveIntegerField(_("số bản ghi nhật ký đã kiểm tra"))
    problems = models.JSONField(_("sai lệch"), default=list)

    class Meta:
        ordering = ["-finished_at"]
        verbose_name = _("lần kiểm tra toàn vẹn")
        verbose_name_plural = _("các lần kiểm tra toàn vẹn")

    def __str__(self) -> str:
        return f"{self.finished_at:%Y-%m-%d %H:%M} ({len(self.problems)})"

    @property
    def ok(self) -> bool:
        return not self.problems


# Records (hồ sơ): at the end, as they refer to the models above.
from congso.archive.models.records import (  # noqa: E402
    Disposal,
    Dossier,
    DossierDocument,
    FilePlan,
    Fonds,
    Handover,
    Heading,
)

__all__ = [
    "FIELD_NAMES",
    "RETENTION_PERMANENT",
    "VALIDITY_BY_RELATION",
    "Citation",
    "ClassificationRule",
    "Disposal",
    "Document",
    "DocumentVersion",
    "Dossier",
    "DossierDocument",
    "FilePlan",
    "Fonds",
    "Handover",
    "Heading",
    "IntegrityCheck",
    "Page",
    "SavedSearch",
    "Secrecy",
    "Urgency",
    "Validity",
    "retention_label",
    "validate_retention",
]
