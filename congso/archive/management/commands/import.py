import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from congso.archive import batch
from congso.archive.models import Document
from congso.core.progress import Progress
from congso.org.models import Agency, User


class Command(BaseCommand):
    help = (
        "Nhập hàng loạt tệp và thư mục vào kho tài liệu của một cơ quan. Chạy lại an toàn: "
        "tệp đã nhập được bỏ qua (trùng), tài liệu dở dang được xử lý tiếp."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="+", type=Path)
        parser.add_argument("--agency", required=True, help="mã định danh điện tử của cơ quan")
        parser.add_argument("--user", help="tên đăng nhập của người nhập (ghi vào nhật ký)")
        parser.add_argument("--jobs", type=int, help="số tiến trình xử lý song song")
        parser.add_argument(
            "--retry-failed",
            action="store_true",
            help="xử lý lại cả các tài liệu đã lỗi trong các đường dẫn này",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        agency = Agency.objects.filter(code=options["agency"]).first()
        if agency is None:
            raise CommandError(f"Không có cơ quan mã {options['agency']}.")
        user = User.objects.filter(username=options["user"]).first() if options["user"] else None
        if options["user"] and user is None:
            raise CommandError(f"Không có người dùng {options['user']}.")
        missing = [str(p) for p in options["paths"] if not p.exists()]
        if missing:
            raise CommandError("Không tìm thấy: " + ", ".join(missing))
        files = list(batch.walk(options["paths"]))
        in_process = not batch.uses_workers()

        bar = Progress(sys.stdout, len(files), "Tiếp nhận")
        outcome = batch.capture_files(
            files,
            agency=agency,
            by=user,
            source=Document.Source.IMPORT,
            queue=not in_process,
            on_file=lambda o: bar.show(
                o.seen, f"mới {len(o.created)} · trùng {len(o.duplicates)} · lỗi {len(o.refused)}"
            ),
        )
        bar.end()
        # Resuming: documents of these files left unfinished by an interrupted run.
        unfinished = {
            doc.pk
            for _path, doc in outcome.duplicates
            if doc.pk not in outcome.created
            and (
                not doc.is_finished
                or (options["retry_failed"] and doc.state == Document.State.FAILED)
            )
        }
        to_process = outcome.created + sorted(unfinished)
        if in_process and to_process:
            bar = Progress(sys.stdout, len(to_process), "Xử lý   ")
            done = [0]

            def tick(pk: int, state: str) -> None:
                done[0] += 1
                bar.show(done[0], "")

            batch.process_in_pool(to_process, jobs=options["jobs"], on_done=tick)
            bar.end()
        self._summary(outcome, to_process, in_process)

    def _summary(self, outcome: batch.Outcome, processed: list[int], in_process: bool) -> None:
        states = dict(Document.objects.filter(pk__in=processed).values_list("pk", "state"))
        failed = Document.objects.filter(pk__in=processed, state=Document.State.FAILED)
        self.stdout.write("Kết quả:")
        self.stdout.write(f"  Nhập mới:           {len(outcome.created)}")
        self.stdout.write(f"  Bỏ qua vì trùng:    {len(outcome.duplicates)}")
        self.stdout.write(f"  Không nhận:         {len(outcome.refused)}")
        if in_process:
            done = sum(1 for s in states.values() if s == Document.State.DONE)
            self.stdout.write(f"  Xử lý xong:         {done}")
            self.stdout.write(f"  Xử lý lỗi:          {failed.count()}")
        else:
            self.stdout.write(f"  Đã xếp hàng cho worker: {len(processed)}")
        for path, reason in outcome.refused:
            self.stdout.write(f"  ✗ {path}: {reason}")
        for document in failed:
            self.stdout.write(f"  ✗ {document.source_detail}: {document.error}")
