from typing import Any

from django import forms
from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from congso.core.admin import AuditedModelAdmin
from congso.workflow.models import CalendarDay


class YearFilter(admin.SimpleListFilter):
    title = _("năm")
    parameter_name = "year"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        years = CalendarDay.objects.dates("date", "year", order="DESC")
        return [(str(year.year), str(year.year)) for year in years]

    def queryset(
        self, request: HttpRequest, queryset: QuerySet[CalendarDay]
    ) -> QuerySet[CalendarDay]:
        value = self.value()
        if value and value.isdigit():
            return queryset.filter(date__year=int(value))
        return queryset


class CalendarDayForm(forms.ModelForm[CalendarDay]):
    class Meta:
        model = CalendarDay
        fields = ["date", "name", "is_working", "agency"]

    def clean(self) -> dict[str, Any]:
        """One row per date and scope. The constraint's own message only names the
        constraint; this one says which day is already there (and, as an error on the
        date, it keeps the constraint's message away)."""
        cleaned = super().clean() or {}
        day = cleaned.get("date")
        agency = cleaned.get("agency")
        if day is None:
            return cleaned  # the date field reports its own error
        rows = CalendarDay.objects.filter(date=day).exclude(pk=self.instance.pk)
        if agency is None:
            taken = rows.filter(agency__isnull=True).first()
        else:
            taken = rows.filter(agency=agency).first()
        if taken is not None:
            self.add_error(
                "date",
                gettext("Ngày %(date)s đã có trong lịch này: %(name)s. Hãy sửa dòng đó.")
                % {"date": f"{day:%d/%m/%Y}", "name": taken.name},
            )
        return cleaned


@admin.register(CalendarDay)
class CalendarDayAdmin(AuditedModelAdmin):
    """Operators correct a day here; whole years come with `congso load_calendar`."""

    form = CalendarDayForm
    list_display = ["date", "name", "is_working", "agency"]
    list_filter = [YearFilter, "is_working", ("agency", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["name"]
    ordering = ["date", "agency"]
    autocomplete_fields = ["agency"]
    # Rows without an agency are the national ones: say so in the list and its filter.
    empty_value_display = _("Toàn quốc")
    list_per_page = 100
