from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from congso.archive.models import Document


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
        choices=[("", _("Tất cả")), *Document.State.choices, ("review", _("Cần kiểm tra"))],
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
