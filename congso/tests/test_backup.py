"""`congso backup` and `congso restore` on the database in use (CI runs this on SQLite
and on PostgreSQL): a backup restored into an empty install gives back every row and
every file, the audit chain intact."""

import io
import json
import shutil
import tempfile
from pathlib import Path

from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings

from congso.archive import services, storage
from congso.archive.models import Document
from congso.archive.tests.factories import make_document
from congso.core import audit
from congso.core.backup import MANIFEST
from congso.core.models import AuditEntry
from congso.core.testing import AuditedTransactionTestCase, audit_log_writable
from congso.org.models import Agency
from congso.org.testing import make_agency


class BackupTests(AuditedTransactionTestCase):
    def setUp(self) -> None:
        self.work = Path(tempfile.mkdtemp())
        self.addCleanup(shutil.rmtree, self.work, True)
        storage_root = override_settings(STORAGE_ROOT=self.work / "files")
        storage_root.enable()
        self.addCleanup(storage_root.disable)
        self.agency = make_agency(name="Sở Nội vụ tỉnh Bình Dương")
        self.document = make_document(self.agency, content="Quyết định số 12".encode())
        audit.record(actor=None, verb="capture", target=self.document)
        services.check_integrity()
        self.backup = self.work / "sao-luu"
        call_command("backup", str(self.backup), stdout=io.StringIO())

    def empty_the_install(self) -> None:
        with audit_log_writable():
            call_command("flush", interactive=False, verbosity=0)
        shutil.rmtree(self.work / "files")

    def test_a_backup_restored_into_an_empty_install_gives_everything_back(self) -> None:
        original = storage.absolute(self.document.original.name).read_bytes()
        entries = AuditEntry.objects.count()
        self.empty_the_install()
        self.assertFalse(Document.objects.exists())
        out = io.StringIO()
        call_command("restore", str(self.backup), stdout=out)
        self.assertIn("Đã khôi phục CSDL", out.getvalue())
        restored = Document.objects.get(uuid=self.document.uuid)
        self.assertEqual(restored.title, self.document.title)
        self.assertEqual(restored.agency.name, "Sở Nội vụ tỉnh Bình Dương")
        self.assertEqual(storage.absolute(restored.original.name).read_bytes(), original)
        self.assertEqual(AuditEntry.objects.count(), entries)
        call_command("verify", stdout=io.StringIO())  # files and chain hold: no error
        Agency.objects.create(name="Sở mới", code="BD2", kind="khac")  # ids go on

    def test_an_install_with_data_is_refused(self) -> None:
        with self.assertRaisesMessage(CommandError, "đã có dữ liệu"):
            call_command("restore", str(self.backup))

    def test_a_changed_file_in_the_backup_is_refused_before_anything_is_touched(self) -> None:
        manifest = json.loads((self.backup / MANIFEST).read_text(encoding="utf-8"))
        name = next(iter(manifest["files"]))
        (self.backup / "files" / name).write_bytes(b"altered")
        self.empty_the_install()
        with self.assertRaisesMessage(CommandError, "đã bị thay đổi"):
            call_command("restore", str(self.backup))
        self.assertFalse(Document.objects.exists())

    def test_a_folder_that_is_not_empty_is_not_written_to(self) -> None:
        with self.assertRaisesMessage(CommandError, "không trống"):
            call_command("backup", str(self.backup))
