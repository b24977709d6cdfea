from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from congso.core.text import nfc
from congso.org.models import Role, User


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Tên khóa"),
        max_length=100,
        help_text=_("Ví dụ: máy quét phòng Văn thư, hệ thống một cửa."),
    )

    def clean_name(self) -> str:
        return nfc(self.cleaned_data["name"].strip())


class DelegationForm(forms.Form):
    delegate = forms.ModelChoiceField(label=_("Người được ủy quyền"), queryset=User.objects.none())
    roles = forms.ModelMultipleChoiceField(
        label=_("Vai trò ủy quyền"),
        queryset=Role.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    starts_at = forms.DateTimeField(
        label=_("Từ"), widget=DateTimeInput(), input_formats=["%Y-%m-%dT%H:%M", "%d/%m/%Y %H:%M"]
    )
    ends_at = forms.DateTimeField(
        label=_("Đến"), widget=DateTimeInput(), input_formats=["%Y-%m-%dT%H:%M", "%d/%m/%Y %H:%M"]
    )
    reason = forms.CharField(label=_("Lý do"), max_length=300)

    def __init__(self, *args: Any, colleagues: Any, own_roles: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["delegate"].queryset = colleagues  # type: ignore[attr-defined]  # ModelChoiceField
        self.fields["roles"].queryset = own_roles  # type: ignore[attr-defined]  # ModelChoiceField

    def clean_reason(self) -> str:
        return nfc(self.cleaned_data["reason"].strip())

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("starts_at") and data.get("ends_at") and data["ends_at"] <= data["starts_at"]:
            self.add_error("ends_at", _("Thời điểm kết thúc phải sau thời điểm bắt đầu."))
        return data
