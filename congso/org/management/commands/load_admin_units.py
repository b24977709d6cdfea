from typing import Any

from django.core.management.base import BaseCommand

from congso.org import services


class Command(BaseCommand):
    help = "Nạp danh mục đơn vị hành chính (bản đồ 2025: 34 tỉnh; bản đồ 2008: 63 tỉnh)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--scheme", choices=services.SCHEMES, action="append")

    def handle(self, *args: Any, **options: Any) -> None:
        for scheme in options["scheme"] or services.SCHEMES:
            count = services.load_administrative_units(scheme=scheme)
            self.stdout.write(f"Bản đồ {scheme}: {count} đơn vị hành chính.")
