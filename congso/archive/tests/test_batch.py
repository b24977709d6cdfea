"""Bulk import (`congso import`) and the scanners' folders (`congso watch`)."""

import io
import os
import shutil
import tempfile
import time
from pathlib import Path

from django.core.management import CommandError, call_command
from django.test import override_settings

from congso.archive import batch
from congso.archive.models import Document
from congso.org.testing import BaseTestCase


class ImportCommandTests(BaseTestCase):
    def setUp(self) -> None:
        self.folder = Path(tempfile.mkdtemp())
        self.addCleanup(shutil.rmtree, self.folder, True)
        (self.folder / "2019" / "Quý I").mkdir(parents=True)
        (self.folder / "2019" / "Quý I" / "công văn 1.txt").write_text(
            "Kính gửi: Sở Nội vụ\n" * 30, encoding="utf-8"
        )
        (self.folder / "2019" / "rỗng.pdf").write_bytes(b"")
        (self.folder / "2019" / ".DS_Store").write_bytes(b"hidden")
        (self.folder / "bản sao.txt").write_text("Kính gửi: Sở Nội vụ\n" * 30, encoding="utf-8")

    def run_import(self, *extra: str) -> str:
        out = io.StringIO()
        call_command(
            "import",
            str(self.folder),
            "--agency",
            self.agency_a.code,
            "--user",
            "an",
            "--jobs",
            "1",
            *extra,
            stdout=out,
        )
        return out.getvalue()

    def test_it_imports_a_tree_and_sums_up_new_duplicate_and_failed(self) -> None:
        summary = self.run_import()
        self.assertIn("Nhập mới:           2", summary)
        self.assertIn("Bỏ qua vì trùng:    1", summary)
        self.assertIn("Xử lý lỗi:          1", summary)
        self.assertIn("Tệp rỗng", summary)
        documents = Document.objects.filter(agency=self.agency_a)
        self.assertEqual(documents.count(), 2)
        # A folder's own files come before its sub-folders: the copy is met first.
        imported = documents.get(original_name="bản sao.txt")
        self.assertEqual(imported.source, Document.Source.IMPORT)
        self.assertEqual(imported.source_detail, str(self.folder / "bản sao.txt"))
        self.assertEqual(imported.captured_by, self.an)

    def test_running_it_again_skips_what_is_in_and_finishes_what_was_not(self) -> None:
        self.run_import()
        interrupted = Document.objects.get(original_name="bản sao.txt")
        Document.objects.filter(pk=interrupted.pk).update(state=Document.State.PROCESSING)
        summary = self.run_import()
        self.assertIn("Nhập mới:           0", summary)
        self.assertIn("Bỏ qua vì trùng:    3", summary)
        interrupted.refresh_from_db()
        self.assertEqual(interrupted.state, Document.State.DONE)
        self.assertEqual(Document.objects.filter(agency=self.agency_a).count(), 2)

    def test_an_unknown_agency_is_a_clear_error(self) -> None:
        with self.assertRaisesMessage(CommandError, "Không có cơ quan mã X00"):
            call_command("import", str(self.folder), "--agency", "X00", stdout=io.StringIO())


class WatchedFolderTests(BaseTestCase):
    def setUp(self) -> None:
        self.inbox = Path(tempfile.mkdtemp())
        self.addCleanup(shutil.rmtree, self.inbox, True)
        self.settings_override = override_settings(CONGSO_SCAN_INBOX=self.inbox)
        self.settings_override.enable()
        self.addCleanup(self.settings_override.disable)

    def drop(self, agency_code: str, name: str, content: bytes, *, age: float = 60) -> Path:
        path = self.inbox / agency_code / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
        then = time.time() - age
        os.utime(path, (then, then))
        return path

    def test_files_a_scanner_left_become_documents_of_that_agency(self) -> None:
        self.drop(self.agency_a.code, "scan_0001.txt", "Tờ trình\n".encode() * 20)
        self.drop(self.agency_a.code, "lỗi.pdf", b"")
        with self.captureOnCommitCallbacks(execute=True):
            reports = batch.scan_watched_folders(settle_seconds=10)
        self.assertEqual(len(reports[0].outcome.created), 2)
        document = Document.objects.get(original_name="scan_0001.txt")
        self.assertEqual(
            (document.agency, document.source, document.captured_by),
            (self.agency_a, Document.Source.FOLDER, None),
        )
        self.assertEqual(document.source_detail, "scan_0001.txt")
        moved = list((self.inbox / self.agency_a.code / ".da-nhap").rglob("*.txt"))
        self.assertEqual([p.name for p in moved], ["scan_0001.txt"])

    def test_a_file_still_being_written_waits_for_the_next_scan(self) -> None:
        path = self.drop(self.agency_a.code, "đang quét.pdf", b"%PDF-1.4", age=1)
        batch.scan_watched_folders(settle_seconds=10)
        self.assertTrue(path.exists())
        self.assertFalse(Document.objects.exists())

    def test_a_folder_named_after_no_agency_is_left_alone(self) -> None:
        path = self.drop("KHONG-CO", "x.txt", b"x" * 100)
        batch.scan_watched_folders(settle_seconds=10)
        self.assertTrue(path.exists())
        self.assertFalse(Document.objects.exists())

    def test_the_command_scans_once_for_cron(self) -> None:
        self.drop(self.agency_b.code, "b.txt", "Báo cáo\n".encode() * 20)
        out = io.StringIO()
        with self.captureOnCommitCallbacks(execute=True):
            call_command("watch", "--once", stdout=out)
        self.assertIn(f"{self.agency_b.code}: mới 1", out.getvalue())
        self.assertEqual(Document.objects.get().agency, self.agency_b)
