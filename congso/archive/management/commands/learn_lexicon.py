from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from congso.archive.services import lexicon
from congso.org.models import Agency


class Command(BaseCommand):
    help = (
        "Học lại từ vựng của từng cơ quan từ văn bản điện tử của cơ quan, để sửa lỗi nhận "
        "dạng ký tự (chạy hằng ngày)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--agency", help="mã cơ quan; mặc định: mọi cơ quan")

    def handle(self, *args: Any, **options: Any) -> None:
        agencies = Agency.objects.order_by("pk")
        if options["agency"]:
            agencies = agencies.filter(code=options["agency"])
        for agency in agencies:
            learned = lexicon.learn_lexicon(agency_id=agency.pk)
            self.stdout.write(f"{agency.code}: {learned.tokens} từ")
