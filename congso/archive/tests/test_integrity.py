"""`congso verify`: stored files hashed again, the audit chain walked, each problem
named with the records it affects, the result kept for operators."""

import contextlib
import io
import json

from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from congso.archive import services, storage
from congso.archive.models import IntegrityCheck
from congso.archive.tests.factories import make_document
from congso.archive.tests.test_pipeline import PipelineCase
from congso.core import audit
from congso.core.models import AuditEntry
from congso.core.testing import audit_log_writable
from congso.org.testing import BaseTestCase


class VerifyTests(BaseTestCase):
    def setUp(self) -> None:
        self.document = make_document(self.agency_a, content=b"Quyet dinh so 12/QD-UBND")
        services.check_integrity()  # records the digest of the archive copy made above

    def verify(self) -> dict[str, object]:
        out = io.StringIO()
        with contextlib.suppress(CommandError):  # it fails, as it should: the JSON tells
            call_command("verify", "--json", stdout=out)
        result: dict[str, object] = json.loads(out.getvalue())
        return result

    def test_an_untouched_archive_passes_and_the_result_is_kept(self) -> None:
        out = io.StringIO()
        call_command("verify", stdout=out)
        # The original, the archive copy and the page's thumbnail.
        self.assertIn("Toàn vẹn: 3 tệp", out.getvalue())
        self.assertTrue(services.last_check().ok)  # type: ignore[union-attr]  # just made
        self.assertTrue(AuditEntry.objects.filter(verb="verify_integrity").exists())

    def test_a_changed_byte_is_reported_with_its_document_and_the_exit_fails(self) -> None:
        path = storage.absolute(self.document.original.name)
        data = bytearray(path.read_bytes())
        data[3] ^= 1
        path.write_bytes(bytes(data))
        with self.assertRaisesMessage(CommandError, "tệp bị thay đổi"):
            call_command("verify", stdout=io.StringIO())
        problem = services.last_check().problems[0]  # type: ignore[union-attr]  # just made
        self.assertEqual(problem["kind"], "altered")
        self.assertEqual(problem["what"], "original")
        self.assertEqual(problem["document"], str(self.document.uuid))

    def test_a_deleted_file_is_reported_missing(self) -> None:
        storage.absolute(self.document.archive.name).unlink()
        problems = self.verify()["problems"]
        self.assertEqual(
            [(p["kind"], p["what"]) for p in problems],  # type: ignore[attr-defined]
            [("missing", "archive")],
        )

    def test_every_broken_audit_entry_is_named_with_its_record(self) -> None:
        entries = [
            audit.record(actor=self.an, verb=f"v{n}", target=self.document) for n in range(4)
        ]
        with audit_log_writable(), connection.cursor() as cursor:
            for entry in (entries[1], entries[3]):
                cursor.execute("UPDATE core_auditentry SET verb = 'x' WHERE id = %s", [entry.pk])
        problems = [p for p in self.verify()["problems"] if p["kind"] == "chain"]  # type: ignore[attr-defined]
        self.assertEqual(
            [p["what"] for p in problems],
            [f"#{entries[1].seq}: nội dung bị sửa", f"#{entries[3].seq}: nội dung bị sửa"],
        )
        self.assertIn(self.document.title, problems[0]["target"])
        self.assertEqual(IntegrityCheck.objects.count(), 2)


class StoredDigestTests(PipelineCase):
    def test_processing_records_the_digest_of_the_archive_copy_and_thumbnails(self) -> None:
        path = self.folder / "van-ban.txt"
        path.write_text("QUYẾT ĐỊNH\nVề việc chuyển đổi số\n", encoding="utf-8")
        document = self.ingest(path)
        self.assertEqual(
            document.archive_sha256, storage.sha256_of(storage.absolute(document.archive.name))
        )
        page = document.pages.get()
        self.assertEqual(
            page.thumbnail_sha256, storage.sha256_of(storage.absolute(page.thumbnail.name))
        )
        self.assertTrue(services.check_integrity().ok)
