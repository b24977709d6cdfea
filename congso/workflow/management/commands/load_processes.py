from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from congso.org.models import Agency
from congso.workflow import services


class Command(BaseCommand):
    help = "Nạp quy trình của một cơ quan từ tệp TOML (xem docs/workflow.md)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="Tệp TOML mô tả quy trình.")
        parser.add_argument("--agency", required=True, help="Mã định danh của cơ quan.")

    def handle(self, *args: Any, **options: Any) -> None:
        agency = Agency.objects.filter(code=options["agency"]).first()
        if agency is None:
            raise CommandError(f"Không có cơ quan mã {options['agency']}.")
        try:
            text = options["file"].read_text("utf-8")
            loaded = services.load_processes(agency=agency, text=text, by=None)
        except OSError as error:
            raise CommandError(f"Không đọc được tệp: {error}") from error
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        for process in loaded:
            self.stdout.write(f"Đã nạp quy trình “{process.name}”.")
