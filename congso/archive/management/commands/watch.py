import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from congso.archive import batch


class Command(BaseCommand):
    help = (
        "Theo dõi thư mục quét của các cơ quan (CONGSO_SCAN_INBOX/<mã cơ quan>/) và "
        "tiếp nhận tệp máy quét để lại."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true", help="quét một lần rồi thoát (cron)")
        parser.add_argument("--interval", type=float, default=30.0)
        parser.add_argument(
            "--settle", type=int, default=10, help="bỏ qua tệp vừa thay đổi trong số giây này"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"Thư mục quét: {settings.CONGSO_SCAN_INBOX}")
        while True:
            for report in batch.scan_watched_folders(settle_seconds=options["settle"]):
                outcome = report.outcome
                if outcome.seen:
                    self.stdout.write(
                        f"{report.agency.code}: mới {len(outcome.created)}, "
                        f"trùng {len(outcome.duplicates)}, lỗi {len(outcome.refused)}"
                    )
            if options["once"]:
                return
            time.sleep(options["interval"])
