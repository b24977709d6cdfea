from typing import Any

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from congso.workflow import services


class Command(BaseCommand):
    # gettext, not gettext_lazy: argparse needs a real str (see load_calendar).
    help = _(
        "Nhắc hạn xử lý văn bản đến: báo cho người xử lý việc sắp đến hạn (đến ngày làm "
        "việc tiếp theo), báo cho người xử lý và người giao việc khi quá hạn. Chạy hằng ngày "
        "(cron hoặc systemd timer khi không dùng Celery beat); chạy lại không nhắc hai lần."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        given = services.remind_deadlines()
        self.stdout.write(
            ngettext(
                "Đã gửi %(count)d thông báo nhắc hạn.",
                "Đã gửi %(count)d thông báo nhắc hạn.",
                given,
            )
            % {"count": given}
        )
