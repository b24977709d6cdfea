from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from congso.core import backup


class Command(BaseCommand):
    help = (
        "Sao lưu CSDL và các tệp đã lưu vào thư mục DIR (trống), trong khi nền tảng vẫn chạy; "
        "kèm danh sách tệp và mã băm SHA-256."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("dir", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            summary = backup.backup(options["dir"])
        except backup.BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Đã sao lưu CSDL ({summary.engine}) và {summary.files} tệp "
            f"({summary.bytes / 1e6:.1f} MB) vào {options['dir']}."
        )
