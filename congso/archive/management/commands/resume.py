from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from congso.archive import services


class Command(BaseCommand):
    help = "Xếp hàng lại các tài liệu bị bỏ dở (worker dừng đột ngột)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--older-than",
            type=int,
            default=None,
            help="phút không có tiến triển (mặc định CONGSO_STALE_MINUTES)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        count = services.requeue_stale(older_than_minutes=options["older_than"])
        self.stdout.write(f"Đã xếp hàng lại {count} tài liệu.")
