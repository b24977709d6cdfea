from typing import Any

from django.contrib import admin
from django.db import models, transaction
from django.http import HttpRequest

from congso.core import audit
from congso.core.models import AuditEntry


def _jsonable(value: Any) -> Any:
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, models.QuerySet | list | tuple | set):
        return sorted(str(_jsonable(item)) for item in value)
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


class AuditedModelAdmin(admin.ModelAdmin):  # type: ignore[type-arg]  # generic over any model
    """Operators' changes in the admin are audited like any other state change."""

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        with transaction.atomic():
            super().save_model(request, obj, form, change)
            changed = list(form.changed_data)
            audit.record(
                actor=request.user,
                verb="admin_change" if change else "admin_create",
                target=obj,
                before={f: _jsonable(form.initial.get(f)) for f in changed} if change else None,
                after={f: _jsonable(form.cleaned_data.get(f)) for f in changed},
            )

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        with transaction.atomic():
            super().save_formset(request, form, formset, change)
            for obj in formset.new_objects:
                audit.record(
                    actor=request.user, verb="admin_create", target=obj, after={"repr": str(obj)}
                )
            for obj, fields in formset.changed_objects:
                audit.record(
                    actor=request.user,
                    verb="admin_change",
                    target=obj,
                    after={"fields": sorted(fields), "repr": str(obj)},
                )
            for obj in formset.deleted_objects:
                audit.record(
                    actor=request.user, verb="admin_delete", target=obj, before={"repr": str(obj)}
                )

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        with transaction.atomic():
            audit.record(
                actor=request.user, verb="admin_delete", target=obj, before={"repr": str(obj)}
            )
            super().delete_model(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: Any) -> None:
        with transaction.atomic():
            for obj in queryset:
                self.delete_model(request, obj)


class ReadOnlyAdmin(admin.ModelAdmin):  # type: ignore[type-arg]  # generic over any model
    """Operators look records up here; they change only through audited services."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    list_display = ["seq", "created_at", "actor_label", "verb", "target_repr", "agency_id"]
    list_filter = ["verb"]
    search_fields = ["actor_label", "target_repr", "verb"]
