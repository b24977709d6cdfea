"""Records (hồ sơ) as Nghị định 30/2020 (Điều 28–31, Phụ lục V) and the archive texts
define them: each unit's yearly file plan (danh mục hồ sơ) with its headings, the
dossiers opened from it (or outside it), the documents filed in them in order, and the
handover of closed dossiers to the agency archive (nộp lưu).

Metadata follows Phụ lục VI, Phần II, III (dossier): FileCode = OrganId.FileCatalog.
FileNotation (the agency's electronic ID code, the year, the dossier's number and
symbol, "01.TCCB"), Title (≤ 1000), Maintenance (retention), Rights, Language, StartDate,
EndDate, DocTotal, PageTotal, Description (≤ 500).
"""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import F
from django.db.models.functions import ExtractYear
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from congso.archive.models import Document, retention_label, validate_retention
from congso.core.models import NormalizedTextModel
from congso.org import access
from congso.org.models import Agency, Unit

_ROMAN = [(10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]


def roman(number: int) -> str:
    """Large headings of a file plan are numbered I, II, III, … (Phụ lục V)."""
    out = ""
    for value, letters in _ROMAN:
        while number >= value:
            out, number = out + letters, number - value
    return out


class Fonds(models.Model):
    """The agency's archive fonds (phông lưu trữ): where its handed-over dossiers go."""

    agency = models.OneToOneField(Agency, on_delete=models.PROTECT, related_name="fonds")
    code = models.CharField(_("mã phông"), max_length=13)
    name = models.CharField(_("tên phông"), max_length=300)
    start_year = models.PositiveSmallIntegerField(_("năm bắt đầu"))

    class Meta:
        verbose_name = _("phông lưu trữ")
        verbose_name_plural = _("phông lưu trữ")

    def __str__(self) -> str:
        return self.name


class FilePlan(models.Model):
    """A unit's file plan for a year: the dossiers it will keep, under headings."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="file_plans")
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="file_plans", verbose_name=_("đơn vị")
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    approved_at = models.DateTimeField(_("ngày duyệt"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = models.Manager()

    class Meta:
        ordering = ["-year", "unit__name"]
        verbose_name = _("danh mục hồ sơ")
        verbose_name_plural = _("danh mục hồ sơ")
        constraints = [
            models.UniqueConstraint(fields=["unit", "year"], name="one_file_plan_per_unit_year")
        ]

    def __str__(self) -> str:
        return f"{self.unit} – {self.year}"


class Heading(NormalizedTextModel):
    """A large heading of a file plan (I. TỔ CHỨC, CÁN BỘ → "TCCB")."""

    plan = models.ForeignKey(FilePlan, on_delete=models.CASCADE, related_name="headings")
    number = models.PositiveSmallIntegerField(_("số thứ tự"))
    title = models.CharField(_("tên đề mục"), max_length=300)
    abbreviation = models.CharField(_("chữ viết tắt"), max_length=10)

    class Meta:
        ordering = ["plan", "number"]
        verbose_name = _("đề mục")
        verbose_name_plural = _("đề mục")
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="one_heading_per_number"),
            models.UniqueConstraint(
                fields=["plan", "abbreviation"], name="one_heading_per_abbreviation"
            ),
        ]

    def __str__(self) -> str:
        return f"{roman(self.number)}. {self.title}"


class DossierQuerySet(models.QuerySet["Dossier"]):
    def visible_to(self, user: Any) -> DossierQuerySet:
        return access.scope_to_agency(self, user)

    def due_for_review(self, today: datetime.date) -> DossierQuerySet:
        """Closed or handed-over dossiers whose fixed retention has ended (counted in
        years from the year their work ended) and that no disposal names yet."""
        return (
            self.filter(
                state__in=[Dossier.State.CLOSED, Dossier.State.TRANSFERRED],
                retention_years__gt=0,
                end_date__isnull=False,
                disposal__isnull=True,
            )
            .annotate(expires=ExtractYear("end_date") + F("retention_years"))
            .filter(expires__lt=today.year)
        )


class Dossier(NormalizedTextModel):
    """A dossier (hồ sơ): documents on one matter, kept together for a retention period."""

    class State(models.TextChoices):
        PLANNED = "planned", _("Trong danh mục")
        OPEN = "open", _("Đang lập")
        CLOSED = "closed", _("Đã kết thúc")
        TRANSFERRED = "transferred", _("Đã nộp lưu")
        DESTROYED = "destroyed", _("Đã hủy")

    # What a service may do from each state; anything else is refused.
    TRANSITIONS = {
        State.PLANNED: {State.OPEN},
        State.OPEN: {State.CLOSED},
        State.CLOSED: {State.OPEN, State.TRANSFERRED, State.DESTROYED},
        State.TRANSFERRED: {State.DESTROYED},
        State.DESTROYED: set(),
    }

    class Rights(models.TextChoices):
        PUBLIC = "public", _("Công khai")
        CONDITIONAL = "conditional", _("Sử dụng có điều kiện")
        SECRET = "secret", _("Mật")

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="dossiers")
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="dossiers", verbose_name=_("đơn vị")
    )
    plan = models.ForeignKey(
        FilePlan, on_delete=models.PROTECT, null=True, blank=True, related_name="dossiers"
    )
    heading = models.ForeignKey(
        Heading, on_delete=models.PROTECT, null=True, blank=True, related_name="dossiers"
    )
    year = models.PositiveSmallIntegerField(_("năm hình thành"))
    notation = models.CharField(_("số và ký hiệu hồ sơ"), max_length=20)
    title = models.CharField(_("tiêu đề hồ sơ"), max_length=1000)
    retention_years = models.PositiveSmallIntegerField(
        _("thời hạn bảo quản (năm; 0 là vĩnh viễn)"), validators=[validate_retention]
    )
    rights = models.CharField(
        _("chế độ sử dụng"), max_length=12, choices=Rights.choices, default=Rights.PUBLIC
    )
    language = models.CharField(_("ngôn ngữ"), max_length=50, default="Tiếng Việt")
    creator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="dossiers_kept",
        verbose_name=_("người lập hồ sơ"),
    )
    state = models.CharField(
        _("trạng thái"), max_length=12, choices=State.choices, default=State.PLANNED
    )
    start_date = models.DateField(_("thời gian bắt đầu"), null=True, blank=True)
    end_date = models.DateField(_("thời gian kết thúc"), null=True, blank=True)
    description = models.CharField(_("ghi chú"), max_length=500, blank=True)
    opened_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    handover = models.ForeignKey(
        "Handover", on_delete=models.PROTECT, null=True, blank=True, related_name="dossiers"
    )
    disposal = models.ForeignKey(
        "Disposal", on_delete=models.PROTECT, null=True, blank=True, related_name="dossiers"
    )
    fonds = models.ForeignKey(
        Fonds, on_delete=models.PROTECT, null=True, blank=True, related_name="dossiers"
    )

    objects = DossierQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "notation"]
        verbose_name = _("hồ sơ")
        verbose_name_plural = _("hồ sơ")
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "year", "notation"], name="one_dossier_per_notation"
            )
        ]

    def __str__(self) -> str:
        return f"{self.notation} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("archive:dossier-detail", args=[self.pk])

    @property
    def file_code(self) -> str:
        """FileCode: OrganId.FileCatalog.FileNotation (Phụ lục VI, Phần II)."""
        return f"{self.agency.code}.{self.year}.{self.notation}"

    @property
    def retention_label(self) -> str:
        return retention_label(self.retention_years)

    def can_become(self, state: str) -> bool:
        return state in self.TRANSITIONS[self.State(self.state)]


class DossierDocument(models.Model):
    """A document filed in a dossier, at its place in the dossier's order (DocOrdinal).
    A document is filed in one dossier at most."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="filings")
    document = models.OneToOneField(Document, on_delete=models.PROTECT, related_name="filing")
    ordinal = models.PositiveSmallIntegerField(_("số thứ tự trong hồ sơ"))
    filed_at = models.DateTimeField(auto_now_add=True)
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        ordering = ["dossier", "ordinal"]
        constraints = [
            models.UniqueConstraint(fields=["dossier", "ordinal"], name="one_document_per_ordinal")
        ]

    def __str__(self) -> str:
        return f"{self.dossier.notation} #{self.ordinal}"


class Handover(models.Model):
    """A handover record (biên bản giao nhận) of dossiers to the agency archive."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="handovers")
    number = models.PositiveIntegerField(_("số biên bản"))
    created_at = models.DateTimeField(auto_now_add=True)
    handed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    dossier_count = models.PositiveIntegerField(_("tổng số hồ sơ"))
    file_count = models.PositiveIntegerField(_("tổng số tệp"))
    note = models.CharField(_("ghi chú"), max_length=500, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("biên bản giao nhận")
        verbose_name_plural = _("biên bản giao nhận")
        constraints = [
            models.UniqueConstraint(fields=["agency", "number"], name="one_handover_per_number")
        ]

    def __str__(self) -> str:
        return f"{self.number}/{self.created_at:%Y}"


class DisposalQuerySet(models.QuerySet["Disposal"]):
    def visible_to(self, user: Any) -> DisposalQuerySet:
        return access.scope_to_agency(self, user)


class Disposal(models.Model):
    """A proposal to destroy dossiers whose retention has ended, and the leader's
    decision: approved, it is the destruction record; never a silent delete."""

    class State(models.TextChoices):
        PROPOSED = "proposed", _("Chờ duyệt")
        APPROVED = "approved", _("Đã duyệt hủy")
        REJECTED = "rejected", _("Không duyệt")

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="disposals")
    number = models.PositiveIntegerField(_("số"))
    reason = models.CharField(_("lý do"), max_length=1000)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    proposed_at = models.DateTimeField(auto_now_add=True)
    state = models.CharField(
        _("trạng thái"), max_length=10, choices=State.choices, default=State.PROPOSED
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.CharField(_("ý kiến"), max_length=1000, blank=True)

    objects = DisposalQuerySet.as_manager()

    class Meta:
        ordering = ["-proposed_at"]
        verbose_name = _("đề nghị hủy tài liệu")
        verbose_name_plural = _("đề nghị hủy tài liệu")
        constraints = [
            models.UniqueConstraint(fields=["agency", "number"], name="one_disposal_per_number")
        ]

    def __str__(self) -> str:
        return f"{self.number}/{self.proposed_at:%Y}"
