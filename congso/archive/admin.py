from django.contrib import admin

from congso.archive.models import Document, Page
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
