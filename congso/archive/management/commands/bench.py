import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from congso.archive import benchmarks


class Command(BaseCommand):
    help = (
        "Đo hiệu năng: `bench ingest` (tốc độ số hóa), `bench ocr` (độ chính xác OCR) và "
        "`bench extract` (độ chính xác đọc thông tin văn bản), `bench search` (chất lượng và "
        "tốc độ tìm kiếm)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        commands = parser.add_subparsers(dest="what", required=True)
        ingest = commands.add_parser("ingest", help="tốc độ số hóa so với ocrmypdf và tesseract")
        ingest.add_argument("--corpus", type=Path, help="thư mục PDF thật thay cho mẫu sinh ra")
        ingest.add_argument("--scanned-docs", type=int, default=4)
        ingest.add_argument("--pages-per-doc", type=int, default=4)
        ingest.add_argument("--born-digital-docs", type=int, default=150)
        ingest.add_argument("--jobs", type=int)
        ingest.add_argument("--json", action="store_true")
        ingest.add_argument("--inside", type=Path, help=json.dumps("internal"))
        ocr = commands.add_parser("ocr", help="tỉ lệ lỗi ký tự và từ so với văn bản gốc")
        ocr.add_argument("--corpus", type=Path, required=True)
        ocr.add_argument("--jobs", type=int, default=2)
        ocr.add_argument("--limit", type=int, help="chỉ lấy số trang/ảnh đầu tiên này")
        ocr.add_argument("--json", action="store_true")
        extract = commands.add_parser("extract", help="độ chính xác đọc thông tin văn bản")
        extract.add_argument("--corpus", type=Path, required=True, action="append")
        extract.add_argument("--scanned", action="store_true", help="đọc từ bản quét mô phỏng")
        extract.add_argument(
            "--new-agency",
            action="store_true",
            help="với --scanned: sửa lỗi nhận dạng chỉ bằng từ vựng đi kèm phần mềm, như một "
            "cơ quan chưa có văn bản nào (mặc định: cả văn bản khác của bộ dữ liệu)",
        )
        extract.add_argument("--jobs", type=int, default=2)
        extract.add_argument("--limit", type=int, help="chỉ đọc một tập con cố định bằng này")
        extract.add_argument("--misses", type=int, default=0, help="in bấy nhiêu lỗi mỗi trường")
        extract.add_argument("--json", action="store_true")
        found = commands.add_parser("search", help="chất lượng và tốc độ tìm kiếm toàn văn")
        found.add_argument(
            "--corpus",
            type=Path,
            help="thư mục ALQAC (corpus.jsonl, …); mặc định ../shared/corpus/alqac nếu có",
        )
        found.add_argument("--queries", type=Path, help="câu hỏi (jsonl); mặc định của corpus")
        found.add_argument("--qrels", type=Path, help="đánh giá liên quan (tsv)")
        found.add_argument("--backend", choices=["sqlite", "postgres"], default="sqlite")
        found.add_argument("--postgres", default=None, help="máy chủ PostgreSQL để tạo CSDL đo")
        found.add_argument("--scale", type=int, help="đo tốc độ trên bấy nhiêu văn bản")
        found.add_argument("--rounds", type=int, default=3, help="số lượt chạy bộ truy vấn")
        found.add_argument("--json", action="store_true")
        found.add_argument("--inside", type=Path, help=json.dumps("internal"))

    def handle(self, *args: Any, **options: Any) -> None:
        if options["what"] == "ingest" and options["inside"]:
            spec = json.loads(options["inside"].read_text(encoding="utf-8"))
            self.stdout.write(json.dumps(benchmarks.measure_pipeline(spec)))
            return
        if options["what"] == "extract":
            self._extract(options)
            return
        if options["what"] == "search":
            self._search(options)
            return
        if options["what"] == "ingest":
            figures = benchmarks.run(
                corpus=options["corpus"],
                scanned_docs=options["scanned_docs"],
                pages_per_doc=options["pages_per_doc"],
                born_digital_docs=options["born_digital_docs"],
                jobs=options["jobs"],
            )
        else:
            from congso.archive import ocr_bench

            figures = ocr_bench.run(options["corpus"], jobs=options["jobs"], limit=options["limit"])
        if options["json"]:
            self.stdout.write(json.dumps(figures, ensure_ascii=False, indent=2))
            return
        for key, value in figures.items():
            if not isinstance(value, dict | list):
                self.stdout.write(f"{key:32} {value}")

    def _extract(self, options: dict[str, Any]) -> None:
        from congso.archive import extract_bench

        if options["new_agency"] and not options["scanned"]:
            raise CommandError("--new-agency chỉ dùng cùng --scanned.")
        results = [
            extract_bench.run(
                corpus,
                scanned=options["scanned"],
                new_agency=options["new_agency"],
                jobs=options["jobs"],
                limit=options["limit"],
                errors=options["misses"],
            )
            for corpus in options["corpus"]
        ]
        if options["json"]:
            body = results[0] if len(results) == 1 else results
            self.stdout.write(json.dumps(body, ensure_ascii=False, indent=2))
            return
        for figures in results:
            self.stdout.write(extract_bench.table(figures))

    def _search(self, options: dict[str, Any]) -> None:
        from congso.archive import search_bench

        if options["inside"]:
            spec = json.loads(options["inside"].read_text(encoding="utf-8"))
            self.stdout.write(json.dumps(search_bench.inside(spec), ensure_ascii=False))
            return
        if options["corpus"] is None:
            if not (search_bench.SHARED_CORPUS / "corpus.jsonl").is_file():
                raise CommandError("Cần --corpus: thư mục bộ dữ liệu ALQAC (corpus.jsonl).")
            options["corpus"] = search_bench.SHARED_CORPUS
        server = options["postgres"] or search_bench.DEFAULT_POSTGRES
        if options["scale"]:
            figures = search_bench.run_scale(
                options["corpus"],
                backend=options["backend"],
                documents=options["scale"],
                rounds=options["rounds"],
                postgres=server,
            )
        else:
            figures = search_bench.run_quality(
                options["corpus"],
                backend=options["backend"],
                questions=options["queries"],
                qrels=options["qrels"],
                postgres=server,
            )
        if options["json"]:
            self.stdout.write(json.dumps(figures, ensure_ascii=False, indent=2))
        else:
            self.stdout.write(search_bench.table(figures))
