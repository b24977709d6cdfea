from typing import Any

from django.core.management.base import BaseCommand, CommandError

from congso.core import audit


class Command(BaseCommand):
    help = "Kiểm tra chuỗi băm của nhật ký hệ thống; thoát khác 0 nếu có bản ghi bị sửa/xóa."

    def handle(self, *args: Any, **options: Any) -> None:
        report = audit.verify_chain()
        if not report.ok:
            raise CommandError(
                f"Nhật ký bị can thiệp: bản ghi #{report.broken_seq} ({report.reason}); "
                f"{report.checked} bản ghi trước đó hợp lệ."
            )
        self.stdout.write(f"Nhật ký toàn vẹn: {report.checked} bản ghi đã kiểm tra.")
