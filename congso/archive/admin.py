from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from congso.archive.models import Document, Page


class PageInline(admin.TabularInline):  # type: ignore[type-arg]  # generic admin
    model = Page
    extra = 0
    fields = ["number", "text_source", "confidence", "needs_review", "ocr_options"]
    readonly_fields = fields
    can_delete = False
    show_change_link = False


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):  # type: ignore[type-arg]  # generic admin
    """Operators look documents up; changes go through the staff pages (audited)."""

    list_display = ["title", "agency", "state", "page_count", "source", "captured_at"]
    list_filter = ["state", "source", "needs_review", "agency"]
    search_fields = ["title", "original_name", "sha256", "uuid"]
    readonly_fields = [field.name for field in Document._meta.fields]
    inlines = [PageInline]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
