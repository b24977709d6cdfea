import uuid
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from congso.core import tasks


class Command(BaseCommand):
    help = "Gửi một tác vụ thử tới hàng đợi và chờ worker trả lời."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--timeout", type=float, default=10.0)

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.CELERY_BROKER_URL:
            self.stdout.write("Chưa cấu hình CELERY_BROKER_URL: tác vụ chạy ngay trong tiến trình.")
            return
        token = uuid.uuid4().hex
        try:
            answer = tasks.ping.delay(token).get(timeout=options["timeout"])
        except Exception as error:
            raise CommandError(f"Worker không trả lời: {error}") from error
        if answer != f"pong:{token}":
            raise CommandError(f"Worker trả lời sai: {answer!r}")
        self.stdout.write("Worker đang chạy và trả lời đúng.")
