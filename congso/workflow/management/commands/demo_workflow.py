from typing import Any

from django.core.management.base import BaseCommand

from congso.workflow import demo


class Command(BaseCommand):
    help = "Đưa vài văn bản mẫu qua quy trình văn bản đến, đi (chạy sau `congso demo_archive`)."

    def handle(self, *args: Any, **options: Any) -> None:
        if demo.create_demo_workflow():
            self.stdout.write("Văn bản đến, đi mẫu đã sẵn sàng.")
        else:
            self.stdout.write("Văn bản đến, đi mẫu đã có từ trước.")
