from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from congso.org.models import Agency
from congso.workflow import calendar
from congso.workflow.models import CalendarDay


class Command(BaseCommand):
    # gettext, not gettext_lazy: argparse needs a real str, and commands are imported
    # only once the app registry (and so the translations) is ready.
    help = _(
        "Nạp ngày nghỉ lễ, Tết và ngày làm bù từ một tệp TOML (cùng dạng với "
        "congso/workflow/data/holidays.toml): ngày chung cho mọi cơ quan, hoặc ngày riêng "
        "của một cơ quan với --agency. Chạy lại nhiều lần không sao: ngày đã có được cập nhật."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help=_("tệp lịch (.toml)"))
        parser.add_argument(
            "--agency",
            metavar="CODE",
            help=_("mã cơ quan: nạp thành ngày riêng của cơ quan đó"),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        agency = None
        if options["agency"]:
            agency = Agency.objects.filter(code=options["agency"]).first()
            if agency is None:
                raise CommandError(
                    _("Không có cơ quan nào mang mã %(code)s.") % {"code": options["agency"]}
                )
        try:
            days = calendar.read_calendar_file(options["file"])
        except calendar.CalendarFileError as error:
            raise CommandError(str(error)) from error
        result = calendar.load_days(
            CalendarDay, days, agency_id=agency.pk if agency is not None else None
        )

        lines = {
            (True, False): _("Thêm ngày nghỉ %(date)s: %(name)s."),
            (True, True): _("Thêm ngày làm bù %(date)s: %(name)s."),
            (False, False): _("Sửa ngày %(date)s thành ngày nghỉ: %(name)s."),
            (False, True): _("Sửa ngày %(date)s thành ngày làm bù: %(name)s."),
        }
        for is_new, changed in ((True, result.created), (False, result.updated)):
            for day in changed:
                line = lines[is_new, day.is_working]
                self.stdout.write(line % {"date": f"{day.date:%d/%m/%Y}", "name": day.name})
        if agency is None:
            scope = _("toàn quốc (mọi cơ quan)")
        else:
            scope = _("cơ quan %(agency)s") % {"agency": agency}
        self.stdout.write(
            ngettext(
                "Đã nạp %(count)d ngày từ %(file)s cho %(scope)s: "
                "%(created)d ngày mới, %(updated)d ngày sửa, %(unchanged)d ngày không đổi.",
                "Đã nạp %(count)d ngày từ %(file)s cho %(scope)s: "
                "%(created)d ngày mới, %(updated)d ngày sửa, %(unchanged)d ngày không đổi.",
                len(days),
            )
            % {
                "count": len(days),
                "file": options["file"],
                "scope": scope,
                "created": len(result.created),
                "updated": len(result.updated),
                "unchanged": len(result.unchanged),
            }
        )
