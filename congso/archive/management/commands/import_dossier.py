from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from congso.archive import services
from congso.org.models import Unit, User


class Command(BaseCommand):
    help = "Nhập gói hồ sơ (ZIP do «Xuất gói hồ sơ» tạo) vào một đơn vị."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("package", type=Path)
        parser.add_argument("--unit", type=int, required=True, help="mã số (id) của đơn vị nhận")
        parser.add_argument("--user", required=True, help="tên đăng nhập của người nhập")

    def handle(self, *args: Any, **options: Any) -> None:
        unit = Unit.objects.filter(pk=options["unit"]).first()
        user = User.objects.filter(username=options["user"]).first()
        if unit is None or user is None:
            raise CommandError("Không tìm thấy đơn vị hoặc người dùng.")
        try:
            dossiers = services.import_dossiers(
                package=options["package"].read_bytes(), unit=unit, by=user
            )
        except (OSError, ValidationError) as error:
            raise CommandError(str(error)) from error
        for dossier in dossiers:
            self.stdout.write(
                f"Đã nhập hồ sơ {dossier.file_code}: {dossier.filings.count()} văn bản."
            )
