import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _

from congso.archive.forms import DatePicker
from congso.archive.reading import doctypes
from congso.core.text import nfc
from congso.org.models import Agency, Unit, User
from congso.workflow.models import IncomingDocument, OutgoingDocument, Process

# Keys of the outgoing series a register may show (vn-standards §1.5).
SERIES_KEY = re.compile(r"^(admin|secret|vbqppl:[\w.-]{1,30})$")


class RegisterFilterForm(forms.Form):
    """Which rows of the incoming or outgoing register to show or export (a GET form).

    Invalid fields are reported and left out of `cleaned_data`, so the register falls
    back to their defaults (the current year, the administrative series)."""

    year = forms.IntegerField(label=_("Năm"), min_value=2000, max_value=2100)
    series = forms.CharField(label=_("Sổ"), required=False, widget=forms.Select)
    date_from = forms.DateField(
        label=_("Từ ngày"),
        required=False,
        widget=DatePicker(),
    )
    date_to = forms.DateField(
        label=_("Đến ngày"),
        required=False,
        widget=DatePicker(),
    )
    q = forms.CharField(label=_("Số, ký hiệu, tác giả, trích yếu"), required=False, max_length=200)
    state = forms.ChoiceField(label=_("Trạng thái"), required=False)

    def __init__(self, *args: Any, incoming: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if incoming:
            del self.fields["series"]
            # A document still waiting to be registered has no line in the register.
            states = [c for c in IncomingDocument.State.choices if c[0] != "received"]
            self.fields["state"].choices = [("", _("Tất cả")), *states]  # type: ignore[attr-defined]  # a ChoiceField
        else:
            del self.fields["state"]
            self.fields["q"].label = _("Số, ký hiệu, trích yếu")

    def offer_series(self, choices: list[tuple[str, str]]) -> None:
        """The series to choose from: known once the year is (they depend on it)."""
        self.fields["series"].widget.choices = choices

    def clean_series(self) -> str:
        series: str = self.cleaned_data["series"] or "admin"
        if not SERIES_KEY.match(series):
            raise ValidationError(_("Sổ không hợp lệ."), code="invalid")
        return series

    def clean_q(self) -> str:
        return nfc(self.cleaned_data["q"]).strip()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("Ngày cuối phải sau ngày đầu."))
        return cleaned


def _doc_type_choices() -> list[tuple[str, str]]:
    """The 29 types of Nghị định 30/2020 (Công văn among them), then legal ones."""
    names: list[str] = []
    for kind in ("administrative", "legal_normative"):
        names += [t.name for t in doctypes.all_types() if t.kind == kind and t.name not in names]
    return [(name, name) for name in names]


class IncomingForm(forms.ModelForm[IncomingDocument]):
    """What the clerk enters in the incoming register (prefilled from the reading)."""

    upload = forms.FileField(
        label=_("Tệp văn bản đến"),
        required=False,
        help_text=_("Chọn tệp nếu văn bản chưa có trong kho tài liệu."),
    )

    class Meta:
        model = IncomingDocument
        fields = [
            "sender",
            "number_symbol",
            "doc_date",
            "doc_type",
            "abstract",
            "urgency",
            "secrecy",
            "note",
        ]
        widgets = {
            "doc_date": DatePicker(),
            "abstract": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, needs_file: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["upload"].required = needs_file
        if not needs_file:
            del self.fields["upload"]

    def values(self) -> dict[str, object]:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class DirectiveForm(forms.Form):
    """Phiếu giải quyết văn bản đến: the leader's direction."""

    lead_unit = forms.ModelChoiceField(
        label=_("Đơn vị chủ trì"), queryset=Unit.objects.none(), required=False
    )
    lead_user = forms.ModelChoiceField(
        label=_("Hoặc người chủ trì"), queryset=User.objects.none(), required=False
    )
    coordinators = forms.ModelMultipleChoiceField(
        label=_("Đơn vị phối hợp"), queryset=Unit.objects.none(), required=False
    )
    informed = forms.ModelMultipleChoiceField(
        label=_("Đơn vị nhận để biết"), queryset=Unit.objects.none(), required=False
    )
    deadline = forms.DateField(
        label=_("Hạn xử lý"),
        required=False,
        widget=DatePicker(),
        help_text=_("Để trống: theo thời hạn của quy trình."),
    )
    note = forms.CharField(
        label=_("Ý kiến chỉ đạo (bút phê)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )

    def __init__(self, *args: Any, units: Any, people: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("lead_unit", "coordinators", "informed"):
            self.fields[name].queryset = units  # type: ignore[attr-defined]  # model choice fields
        self.fields["lead_user"].queryset = people  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("lead_unit") and not data.get("lead_user"):
            raise ValidationError(_("Chọn đơn vị hoặc người chủ trì."))
        return data


class PersonForm(forms.Form):
    """Reassign inside a unit: the person, a deadline, a note."""

    user = forms.ModelChoiceField(label=_("Giao cho"), queryset=User.objects.none())
    deadline = forms.DateField(
        label=_("Hạn xử lý"),
        required=False,
        widget=DatePicker(),
    )
    note = forms.CharField(label=_("Ý kiến giao việc"), required=False, max_length=1000)

    def __init__(self, *args: Any, people: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = people  # type: ignore[attr-defined]


class ProgressForm(forms.Form):
    text = forms.CharField(label=_("Tiến độ, ý kiến"), widget=forms.Textarea(attrs={"rows": 2}))
    attachment = forms.FileField(label=_("Tệp đính kèm (dự thảo)"), required=False)


class ReasonForm(forms.Form):
    """Finishing, returning, recalling: a result or a reason, always written."""

    reason = forms.CharField(label=_("Kết quả, lý do"), max_length=1000)

    def clean_reason(self) -> str:
        return nfc(self.cleaned_data["reason"]).strip()


class ForwardForm(ReasonForm):
    unit = forms.ModelChoiceField(label=_("Chuyển cho đơn vị"), queryset=Unit.objects.none())

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]


class DraftForm(forms.ModelForm[OutgoingDocument]):
    """A new draft: its type, abstract, marks and file."""

    upload = forms.FileField(label=_("Tệp dự thảo"), help_text=_("DOCX, ODT hoặc PDF."))

    class Meta:
        model = OutgoingDocument
        fields = ["doc_type", "legal_normative", "abstract", "secrecy", "urgency"]
        widgets = {"abstract": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["doc_type"].widget = forms.Select(choices=_doc_type_choices())

    def values(self) -> dict[str, object]:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class FileForm(forms.Form):
    upload = forms.FileField(label=_("Tệp"))
    note = forms.CharField(label=_("Ghi chú"), required=False, max_length=500)


class CommentForm(forms.Form):
    comment = forms.CharField(
        label=_("Ý kiến"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class SignForm(forms.Form):
    upload = forms.FileField(
        label=_("Tệp đã ký số (nếu ký bằng thiết bị riêng)"),
        required=False,
        help_text=_("Tệp được lưu nguyên vẹn, không sửa đổi."),
    )


class IssueForm(forms.Form):
    """Where an issued document goes."""

    units = forms.ModelMultipleChoiceField(
        label=_("Đơn vị trong cơ quan"), queryset=Unit.objects.none(), required=False
    )
    agencies = forms.ModelMultipleChoiceField(
        label=_("Cơ quan trên hệ thống"), queryset=Agency.objects.none(), required=False
    )
    emails = forms.CharField(
        label=_("Địa chỉ thư điện tử bên ngoài"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Mỗi địa chỉ một dòng."),
    )
    copies = forms.IntegerField(label=_("Số lượng bản"), min_value=1, max_value=999, initial=1)

    def __init__(self, *args: Any, units: Any, agencies: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["units"].queryset = units  # type: ignore[attr-defined]
        self.fields["agencies"].queryset = agencies  # type: ignore[attr-defined]

    def clean_emails(self) -> list[str]:
        emails = [line.strip() for line in self.cleaned_data["emails"].splitlines() if line.strip()]
        for email in emails:
            validate_email(email)
        return emails

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not (data.get("units") or data.get("agencies") or data.get("emails")):
            raise ValidationError(_("Chưa chọn nơi nhận."))
        return data


class ProcessForm(forms.ModelForm[Process]):
    """A process of the agency; approval steps are role codes, one per line."""

    steps = forms.CharField(
        label=_("Các bước duyệt (văn bản đi)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Mã vai trò theo thứ tự, mỗi dòng một bước; bước cuối là người ký."),
    )

    class Meta:
        model = Process
        fields = ["name", "direction", "doc_type", "director_role", "handling_days", "is_active"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["steps"].initial = "\n".join(self.instance.approval_roles or [])

    def clean_steps(self) -> list[str]:
        return [str(code) for code in self.cleaned_data["steps"].split()]
