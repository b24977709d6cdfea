from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from congso.archive import metadata
from congso.archive.models import (
    ClassificationRule,
    Document,
    Dossier,
    Heading,
    Secrecy,
    Urgency,
    Validity,
    validate_retention,
)
from congso.archive.reading import doctypes
from congso.core.text import nfc
from congso.org.models import Unit, User


class DatePicker(forms.DateInput):
    """The browser's date picker, which sends and expects ISO dates."""

    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%d")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field (Django's documented recipe)."""

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        clean_one = super().clean
        items = data if isinstance(data, list | tuple) else [data]
        return [clean_one(item, initial) for item in items]


class UploadForm(forms.Form):
    upload = MultipleFileField(
        label=_("Tệp cần số hóa"),
        widget=MultipleFileInput(attrs={"multiple": True}),
        help_text=_(
            "PDF, TIFF, JPEG, PNG, DOCX, DOC, ODT, RTF hoặc văn bản thuần; chọn nhiều "
            "tệp một lúc hoặc kéo thả vào đây."
        ),
    )


class DocumentFilterForm(forms.Form):
    q = forms.CharField(label=_("Tìm theo tên"), required=False)
    state = forms.ChoiceField(
        label=_("Trạng thái"),
        required=False,
        choices=[
            ("", _("Tất cả")),
            *Document.State.choices,
            ("review", _("Cần kiểm tra")),
            ("unchecked", _("Thông tin chưa kiểm tra")),
        ],
    )


class RerunForm(forms.Form):
    pages = forms.CharField(
        label=_("Trang"),
        help_text=_("Ví dụ: 1, 3-5. Để trống: các trang cần kiểm tra."),
        required=False,
    )
    rotate = forms.BooleanField(label=_("Xoay trang cho đúng chiều"), required=False, initial=True)
    deskew = forms.BooleanField(label=_("Chỉnh trang bị nghiêng"), required=False, initial=True)
    despeckle = forms.BooleanField(
        label=_("Làm sạch ảnh (khử nhiễu, tăng tương phản)"), required=False, initial=True
    )
    unmark = forms.BooleanField(
        label=_("Bỏ dấu đỏ, chữ ký đè lên chữ"), required=False, initial=False
    )

    def __init__(self, *args: Any, page_count: int, flagged: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.page_count, self.flagged = page_count, flagged

    def clean_pages(self) -> list[int]:
        text = self.cleaned_data["pages"].replace(" ", "")
        if not text:
            if not self.flagged:
                raise forms.ValidationError(_("Hãy ghi số trang cần nhận dạng lại."))
            return self.flagged
        numbers: set[int] = set()
        try:
            for part in text.split(","):
                first, _dash, last = part.partition("-")
                numbers.update(range(int(first), int(last or first) + 1))
        except ValueError as error:
            raise forms.ValidationError(
                _("Số trang không hợp lệ: %(text)s") % {"text": text}
            ) from error
        if not numbers or min(numbers) < 1 or max(numbers) > self.page_count:
            raise forms.ValidationError(
                _("Số trang phải từ 1 đến %(count)s.") % {"count": self.page_count}
            )
        return sorted(numbers)


class FieldsForm(forms.Form):
    """A person checks and corrects what reading found. A plain form, not a ModelForm:
    the service compares the new values with the document's before saving them."""

    doc_type = forms.CharField(label=_("Loại văn bản"), max_length=100, required=False)
    number_symbol = forms.CharField(label=_("Số, ký hiệu"), max_length=150, required=False)
    issued_date = forms.DateField(
        label=_("Ngày ban hành"),
        required=False,
        widget=forms.DateInput(attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric"}),
    )
    place = forms.CharField(label=_("Địa danh"), max_length=150, required=False)
    issuer = forms.CharField(label=_("Cơ quan ban hành"), max_length=300, required=False)
    issuer_parent = forms.CharField(label=_("Cơ quan chủ quản"), max_length=300, required=False)
    abstract = forms.CharField(
        label=_("Trích yếu"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    signing_authority = forms.CharField(label=_("Thẩm quyền ký"), max_length=300, required=False)
    signer_position = forms.CharField(label=_("Chức vụ người ký"), max_length=300, required=False)
    signer = forms.CharField(label=_("Người ký"), max_length=200, required=False)
    recipients = forms.CharField(
        label=_("Nơi nhận"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Mỗi nơi nhận một dòng."),
    )
    secrecy = forms.ChoiceField(
        label=_("Độ mật"), required=False, choices=[("", "—"), *Secrecy.choices]
    )
    urgency = forms.ChoiceField(
        label=_("Độ khẩn"), required=False, choices=[("", "—"), *Urgency.choices]
    )
    field_of_work = forms.CharField(label=_("Lĩnh vực"), max_length=200, required=False)
    retention_years = forms.IntegerField(
        label=_("Thời hạn bảo quản (năm)"),
        required=False,
        min_value=0,
        validators=[validate_retention],
        help_text=_("0 là vĩnh viễn; từ 2 đến 70 năm."),
    )

    def __init__(self, data: Any = None, *, document: Document) -> None:
        initial = {name: getattr(document, name) for name in self.base_fields}
        initial["recipients"] = "\n".join(document.recipients)
        super().__init__(data, initial=initial)
        self.fields["doc_type"].widget.attrs["list"] = "doc-types"

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for name, value in cleaned.items():
            if isinstance(value, str):
                cleaned[name] = " ".join(nfc(value).split()) if name != "recipients" else value
        # Lengths of Phụ lục VI (CodeNumber 11, CodeNotation 30, Subject 500, …).
        values = metadata.document_values(cleaned)
        for key, message in metadata.too_long(values, metadata.DOCUMENT).items():
            self.add_error("number_symbol" if key in ("number", "notation") else key, message)
        return cleaned

    def clean_recipients(self) -> list[str]:
        lines = nfc(self.cleaned_data["recipients"]).splitlines()
        return [" ".join(line.strip().lstrip("-+• ").split()) for line in lines if line.strip()]

    @staticmethod
    def type_names() -> list[str]:
        return sorted({t.name for t in doctypes.all_types()})


class ClassificationRuleForm(forms.ModelForm[ClassificationRule]):
    class Meta:
        model = ClassificationRule
        fields = list(ClassificationRule.EDITABLE)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not cleaned.get("field_of_work") and cleaned.get("retention_years") is None:
            raise forms.ValidationError(
                _("Quy tắc cần gợi ý ít nhất một điều: lĩnh vực hoặc thời hạn bảo quản.")
            )
        return cleaned


class SearchForm(forms.Form):
    """The search box and its filters (a GET form: a search is a link one can keep)."""

    SORTS = [("", _("Phù hợp nhất")), ("date", _("Mới nhất"))]

    q = forms.CharField(label=_("Tìm"), required=False, max_length=500)
    doc_type = forms.CharField(label=_("Loại văn bản"), required=False, max_length=100)
    issuer = forms.CharField(label=_("Cơ quan ban hành"), required=False, max_length=300)
    year = forms.IntegerField(label=_("Năm ban hành"), required=False, min_value=1900)
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
    unit = forms.IntegerField(label=_("Đơn vị"), required=False, widget=forms.HiddenInput)
    dossier = forms.IntegerField(label=_("Hồ sơ"), required=False, widget=forms.HiddenInput)
    validity = forms.ChoiceField(
        label=_("Hiệu lực"), required=False, choices=[("", _("Tất cả")), *Validity.choices]
    )
    sort = forms.ChoiceField(label=_("Sắp xếp"), required=False, choices=SORTS)

    def clean_q(self) -> str:
        return nfc(self.cleaned_data["q"]).strip()

    def filtered(self, documents: Any) -> Any:
        """`documents` narrowed by the filters that were given (after is_valid)."""
        data = self.cleaned_data
        if data.get("doc_type"):
            documents = documents.filter(doc_type__iexact=data["doc_type"])
        if data.get("issuer"):
            documents = documents.filter(issuer__iexact=data["issuer"])
        if data.get("year"):
            documents = documents.filter(issued_date__year=data["year"])
        if data.get("date_from"):
            documents = documents.filter(issued_date__gte=data["date_from"])
        if data.get("date_to"):
            documents = documents.filter(issued_date__lte=data["date_to"])
        if data.get("unit"):
            documents = documents.filter(unit_id=data["unit"])
        if data.get("dossier"):
            documents = documents.filter(filing__dossier_id=data["dossier"])
        if data.get("validity"):
            documents = documents.with_validity().filter(validity=data["validity"])
        return documents


class SavedSearchForm(forms.Form):
    name = forms.CharField(label=_("Tên"), max_length=150)
    query = forms.CharField(widget=forms.HiddenInput, max_length=1000, required=False)


# --- Records ------------------------------------------------------------------------------


class FilePlanChoiceForm(forms.Form):
    """Which unit's file plan of which year to show (a GET form)."""

    unit = forms.ModelChoiceField(label=_("Đơn vị"), queryset=Unit.objects.none())
    year = forms.IntegerField(label=_("Năm"), min_value=2000, max_value=2100)

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]  # a ModelChoiceField


class HeadingForm(forms.Form):
    title = forms.CharField(label=_("Tên đề mục"), max_length=300)
    abbreviation = forms.CharField(
        label=_("Chữ viết tắt"), max_length=10, help_text=_("Ví dụ: TCCB, TH, KH")
    )

    def clean_title(self) -> str:
        return nfc(self.cleaned_data["title"]).strip()


class PlannedDossierForm(forms.Form):
    heading = forms.ModelChoiceField(label=_("Đề mục"), queryset=Heading.objects.none())
    title = forms.CharField(label=_("Tiêu đề hồ sơ"), max_length=1000)
    retention_years = forms.IntegerField(
        label=_("Thời hạn bảo quản (năm; 0 là vĩnh viễn)"), validators=[validate_retention]
    )

    def __init__(self, *args: Any, plan: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["heading"].queryset = plan.headings.all()  # type: ignore[attr-defined]  # a ModelChoiceField

    def clean_title(self) -> str:
        return nfc(self.cleaned_data["title"]).strip()


class UnplannedDossierForm(forms.Form):
    notation = forms.CharField(label=_("Số và ký hiệu hồ sơ"), max_length=20)
    title = forms.CharField(label=_("Tiêu đề hồ sơ"), max_length=1000)
    retention_years = forms.IntegerField(
        label=_("Thời hạn bảo quản (năm; 0 là vĩnh viễn)"), validators=[validate_retention]
    )

    def clean_title(self) -> str:
        return nfc(self.cleaned_data["title"]).strip()


class FileDocumentForm(forms.Form):
    dossier = forms.ModelChoiceField(label=_("Hồ sơ"), queryset=Dossier.objects.none())

    def __init__(self, *args: Any, dossiers: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["dossier"].queryset = dossiers  # type: ignore[attr-defined]  # a ModelChoiceField


class ReadersForm(forms.Form):
    """Who may see a secret document: staff of its agency."""

    readers = forms.ModelMultipleChoiceField(
        label=_("Người được xem"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, staff: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["readers"].queryset = staff  # type: ignore[attr-defined]  # a ModelMultipleChoiceField


class VersionForm(forms.Form):
    upload = forms.FileField(label=_("Tệp phiên bản mới"))
    note = forms.CharField(label=_("Lý do"), max_length=500, required=False)
