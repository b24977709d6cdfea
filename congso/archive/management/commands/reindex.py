import sys
from typing import Any

from django.core.management.base import BaseCommand

from congso.archive import search
from congso.core.progress import Progress


class Command(BaseCommand):
    help = (
        "Dựng lại chỉ mục tìm kiếm toàn văn từ các tài liệu đã xử lý. "
        "Tìm kiếm vẫn hoạt động trong khi dựng lại."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        bar: Progress | None = None

        def show(done: int, total: int) -> None:
            nonlocal bar
            if bar is None:
                bar = Progress(sys.stdout, total, "Lập chỉ mục")
            bar.show(done, "")

        count = search.rebuild_index(progress=show)
        if bar is not None:
            bar.end()
        self.stdout.write(f"Đã lập chỉ mục {count} tài liệu.")
