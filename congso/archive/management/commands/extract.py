import json
import tempfile
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from congso.archive import pipeline
from congso.archive.formats import CaptureError
from congso.archive.lexicon import Lexicon
from congso.archive.services import lexicon as lexicon_services
from congso.org.models import Agency

# Field labels for the plain output, in the order of the JSON keys.
_LABELS = {
    "doc_type": "Loại văn bản",
    "number_symbol": "Số, ký hiệu",
    "issued_date": "Ngày ban hành",
    "place": "Địa danh",
    "issuer_parent": "Cơ quan chủ quản",
    "issuer": "Cơ quan ban hành",
    "abstract": "Trích yếu",
    "signing_authority": "Thẩm quyền ký",
    "signer_position": "Chức vụ người ký",
    "signer": "Người ký",
    "secrecy": "Độ mật",
    "urgency": "Độ khẩn",
}


def _lexicon(code: str | None) -> Lexicon:
    """The named agency's lexicon, else the one every install ships."""
    if code is None:
        return lexicon_services.shipped_lexicon()
    agency = Agency.objects.filter(code=code).first()
    if agency is None:
        raise CommandError(f"Không có cơ quan mã {code}.")
    return lexicon_services.agency_lexicon(agency.pk)


class Command(BaseCommand):
    help = "Đọc các thông tin của một văn bản hành chính (Nghị định 30/2020) từ một tệp."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="tệp văn bản: PDF, ảnh quét, DOCX, ODT, …")
        parser.add_argument("--json", action="store_true", help="in JSON (khóa ổn định)")
        parser.add_argument(
            "--agency",
            help="mã định danh của cơ quan: bản quét được sửa lỗi nhận dạng theo từ vựng "
            "của cơ quan đó (mặc định: từ vựng hành chính đi kèm phần mềm)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["path"]
        if not path.is_file():
            raise CommandError(f"Không thấy tệp: {path}")
        with tempfile.TemporaryDirectory(prefix="congso-extract-") as work:
            try:
                found = pipeline.extract_file(
                    path, work=Path(work), lexicon=_lexicon(options["agency"])
                )
            except CaptureError as error:
                raise CommandError(error.message) from error
        data = found.as_json()
        if options["json"]:
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
            return
        for key, label in _LABELS.items():
            if data.get(key):
                self.stdout.write(f"{label}: {data[key]}")
        for recipient in data["recipients"]:
            self.stdout.write(f"Nơi nhận: {recipient}")
        for cited in data["references"]:
            self.stdout.write(f"Dẫn chiếu ({cited['relation']}): {cited['text']}")
