from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from congso.archive import services
from congso.archive.models import Document


class Command(BaseCommand):
    help = (
        "Đọc lại thông tin các văn bản đã số hóa (sau khi nâng cấp bộ đọc); "
        "giữ nguyên các trường đã được người dùng sửa."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--agency", help="mã cơ quan; mặc định: mọi cơ quan")

    def handle(self, *args: Any, **options: Any) -> None:
        documents = Document.objects.filter(state=Document.State.DONE).order_by("pk")
        if options["agency"]:
            documents = documents.filter(agency__code=options["agency"])
        count = 0
        for document in documents.iterator():
            services.reread_document(document=document, by=None)
            count += 1
        self.stdout.write(f"Đã đọc lại {count} văn bản.")
