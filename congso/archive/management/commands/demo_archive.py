from typing import Any

from django.core.management.base import BaseCommand

from congso.archive import demo


class Command(BaseCommand):
    help = "Số hóa vài văn bản mẫu cho Sở Nội vụ của tỉnh mẫu (chạy sau `congso demo`)."

    def handle(self, *args: Any, **options: Any) -> None:
        created = demo.create_demo_documents()
        self.stdout.write(f"Văn bản mẫu đã sẵn sàng ({created} văn bản mới).")
