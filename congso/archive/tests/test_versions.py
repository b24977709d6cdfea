"""A new version of a document keeps the earlier ones, with their files and history."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from congso.archive import search, services, storage
from congso.archive.formats import CaptureError
from congso.archive.models import Document
from congso.archive.tests.test_pipeline import PipelineCase
from congso.core.models import AuditEntry


class VersionTests(PipelineCase):
    def first(self) -> Document:
        path = self.folder / "ke-hoach.txt"
        path.write_text("KẾ HOẠCH\nChuyển đổi số năm 2026, bản dự thảo\n", encoding="utf-8")
        return self.ingest(path)

    def test_a_new_version_replaces_the_original_and_keeps_the_earlier_one(self) -> None:
        document = self.first()
        earlier = storage.absolute(document.original.name).read_bytes()
        self.client.force_login(self.an)
        new = "KẾ HOẠCH\nChuyển đổi số năm 2026, bản chính thức\n".encode()
        with self.captureOnCommitCallbacks(execute=True):
            self.client.post(
                reverse("archive:add-version", args=[document.uuid]),
                {"upload": SimpleUploadedFile("ke-hoach-v2.txt", new), "note": "Bản đã ký"},
            )
        document.refresh_from_db()
        self.assertEqual((document.version, document.state), (2, Document.State.DONE))
        self.assertEqual(storage.absolute(document.original.name).read_bytes(), new)
        self.assertIn("bản chính thức", document.text)
        found = search.search(within=Document.objects.all(), text='"ban chinh thuc"')
        self.assertEqual([hit.document for hit in found.hits], [document])  # indexed again
        [version] = document.versions.all()
        self.assertEqual(
            (version.number, version.note, version.replaced_by), (1, "Bản đã ký", self.an)
        )
        self.assertEqual(storage.absolute(version.original.name).read_bytes(), earlier)
        page = self.client.get(document.get_absolute_url())
        self.assertContains(page, "Phiên bản 2")
        old = self.client.get(reverse("archive:download-version", args=[document.uuid, 1]))
        self.assertEqual(b"".join(old.streaming_content), earlier)  # type: ignore[attr-defined]
        self.assertTrue(AuditEntry.objects.filter(verb="add_version").exists())
        self.assertTrue(services.check_integrity().ok)  # the kept version is checked too

    def test_the_same_content_as_an_existing_document_is_refused(self) -> None:
        document = self.first()
        same = storage.absolute(document.original.name).read_bytes()
        with self.assertRaises(CaptureError):
            services.add_version(
                document=document, chunks=[same], original_name="lai.txt", by=self.an
            )
        self.assertEqual(document.versions.count(), 0)
