import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from congso.archive import services

_KINDS = {
    "missing": "thiếu tệp",
    "altered": "tệp bị thay đổi (mã băm khác)",
    "chain": "nhật ký hệ thống",
}


class Command(BaseCommand):
    help = (
        "Kiểm tra toàn vẹn: băm lại mọi tệp đã lưu và đối chiếu SHA-256, kiểm tra chuỗi băm "
        "của nhật ký; liệt kê từng sai lệch cùng hồ sơ, tài liệu bị ảnh hưởng và thoát khác 0."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--json", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        check = services.check_integrity()
        if options["json"]:
            self.stdout.write(
                json.dumps(
                    {
                        "ok": check.ok,
                        "files_checked": check.files_checked,
                        "entries_checked": check.entries_checked,
                        "problems": check.problems,
                    },
                    ensure_ascii=False,
                    indent=2,
                )
            )
        else:
            for problem in check.problems:
                self.stdout.write(_line(problem))
        summary = (
            f"{check.files_checked} tệp và {check.entries_checked} bản ghi nhật ký đã kiểm tra"
        )
        if not check.ok:
            first = _line(check.problems[0]).removeprefix("- ")
            raise CommandError(f"{len(check.problems)} sai lệch (đầu tiên: {first}); {summary}.")
        if not options["json"]:
            self.stdout.write(f"Toàn vẹn: {summary}.")


def _line(problem: dict[str, Any]) -> str:
    kind = _KINDS.get(problem["kind"], problem["kind"])
    if problem["kind"] == "chain":
        return f"- {kind}: {problem['what']} ({problem['target']})"
    return (
        f"- {kind}: {problem['what']} của tài liệu «{problem['title']}» "
        f"({problem['document']}, cơ quan {problem['agency']}): {problem['path']}"
    )
