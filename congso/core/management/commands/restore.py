from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from congso.core import backup


class Command(BaseCommand):
    help = (
        "Khôi phục một bản sao lưu của `congso backup` vào cài đặt trống (CSDL mới, thư mục "
        "lưu trữ trống), sau khi kiểm tra mã băm của mọi tệp; sau đó chạy `congso verify`."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("dir", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            summary = backup.restore(options["dir"])
        except backup.BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Đã khôi phục CSDL ({summary.engine}) và {summary.files} tệp "
            f"({summary.bytes / 1e6:.1f} MB). Chạy `congso verify` để kiểm tra."
        )
