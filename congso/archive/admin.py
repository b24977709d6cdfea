from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from congso.archive.models import (
    Disposal,
    Document,
    Dossier,
    FilePlan,
    Fonds,
    Handover,
    IntegrityCheck,
    Page,
)
from congso.core.admin import ReadOnlyAdmin


class PageInline(admin.TabularInline):  # type: ignore[type-arg]  # generic admin
    model = Page
    extra = 0
    fields = ["number", "text_source", "confidence", "needs_review", "ocr_options"]
    readonly_fields = ["number", "text_source", "confidence", "needs_review", "ocr_options"]
    can_delete = False
    show_change_link = False


@admin.register(Document)
class DocumentAdmin(ReadOnlyAdmin):
    """Operators look documents up; changes go through the staff pages (audited)."""

    list_display = ["title", "agency", "state", "page_count", "source", "captured_at"]
    list_filter = ["state", "source", "needs_review", "agency"]
    search_fields = ["title", "original_name", "sha256", "uuid"]
    readonly_fields = [field.name for field in Document._meta.fields]
    inlines = [PageInline]


@admin.register(IntegrityCheck)
class IntegrityCheckAdmin(ReadOnlyAdmin):
    """The runs of `congso verify` (daily on Celery beat), the latest first: operators
    open the latest to see each missing or altered file and each broken audit entry."""

    list_display = ["finished_at", "files_checked", "entries_checked", "problem_count", "ok"]
    readonly_fields = [field.name for field in IntegrityCheck._meta.fields]

    @admin.display(description=_("số sai lệch"))
    def problem_count(self, check: IntegrityCheck) -> int:
        return len(check.problems)

    @admin.display(boolean=True, description=_("toàn vẹn"))
    def ok(self, check: IntegrityCheck) -> bool:
        return check.ok


@admin.register(Dossier)
class DossierAdmin(ReadOnlyAdmin):
    """Operators look dossiers up; staff keep them on their pages (audited)."""

    list_display = ["notation", "title", "agency", "year", "state", "retention_years"]
    list_filter = ["state", "year", "agency"]
    search_fields = ["notation", "title"]
    readonly_fields = [field.name for field in Dossier._meta.fields]


@admin.register(FilePlan, Handover, Disposal, Fonds)
class RecordsAdmin(ReadOnlyAdmin):
    """File plans, handover records, disposals and fonds, for operators to look up."""
