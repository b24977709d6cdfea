"""Capturing files: kept byte for byte, duplicates named, bad input failed with a reason."""

import hashlib
import tempfile
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from congso.archive import samples, services, storage
from congso.archive.formats import CaptureError
from congso.archive.models import Document
from congso.core.models import AuditEntry
from congso.org.testing import BaseTestCase


def sample_bytes(writer: str, **options: object) -> bytes:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "sample"
        getattr(samples, writer)(path, **options)
        return path.read_bytes()


class CaptureTests(BaseTestCase):
    def _capture(self, content: bytes, name: str = "tài liệu.pdf") -> services.Capture:
        with self.captureOnCommitCallbacks(execute=True):
            return services.capture(
                agency=self.agency_a,
                chunks=[content],
                original_name=name,
                source=Document.Source.UPLOAD,
                by=self.an,
            )

    def test_the_original_is_kept_byte_for_byte_under_a_name_of_our_own(self) -> None:
        content = "Công văn số 12/UBND-VP\n".encode()
        capture = self._capture(content, name="../../etc/passwd Công văn.txt")
        document = capture.document
        stored = storage.absolute(document.original.name)
        self.assertEqual(stored.read_bytes(), content)
        self.assertTrue(document.original.name.startswith(f"originals/{self.agency_a.pk}/"))
        self.assertNotIn("passwd", document.original.name)
        self.assertEqual(document.original_name, "../../etc/passwd Công văn.txt")
        self.assertEqual(document.title, "passwd Công văn")
        self.assertEqual(document.sha256, hashlib.sha256(content).hexdigest())
        entry = AuditEntry.objects.get(verb="capture", target_id=str(document.pk))
        self.assertEqual(entry.actor, self.an)

    def test_the_same_bytes_again_name_the_existing_document(self) -> None:
        first = self._capture(b"%PDF-1.4 whatever", "a.pdf")
        again = self._capture(b"%PDF-1.4 whatever", "b.pdf")
        self.assertTrue(again.duplicate)
        self.assertEqual(again.document, first.document)
        self.assertEqual(Document.objects.count(), 1)

    def test_another_agency_with_the_same_bytes_gets_its_own_document(self) -> None:
        self._capture(b"same bytes in two agencies")
        with self.captureOnCommitCallbacks(execute=True):
            other = services.capture(
                agency=self.agency_b,
                chunks=[b"same bytes in two agencies"],
                original_name="x.txt",
                source="upload",
                by=self.chi,
            )
        self.assertTrue(other.created)

    @override_settings(CONGSO_MAX_FILE_MB=1)
    def test_a_file_over_the_size_limit_is_refused_before_it_fills_the_disk(self) -> None:
        with self.assertRaisesMessage(CaptureError, "giới hạn 1 MB"):
            services.capture(
                agency=self.agency_a,
                chunks=[b"x" * (1024 * 1024 + 1)],
                original_name="big.bin",
                source="upload",
                by=self.an,
            )
        self.assertFalse(Document.objects.exists())
        self.assertEqual(list((storage.root() / "tmp").iterdir()), [])


class BadInputTests(BaseTestCase):
    """Never a server error, never a dead worker: the original is kept, failed, retryable."""

    def _failed(self, content: bytes, name: str) -> Document:
        with self.captureOnCommitCallbacks(execute=True):
            capture = services.capture(
                agency=self.agency_a,
                chunks=[content],
                original_name=name,
                source="upload",
                by=self.an,
            )
        document = capture.document
        document.refresh_from_db()
        self.assertEqual(document.state, Document.State.FAILED, document.error)
        self.assertEqual(storage.absolute(document.original.name).read_bytes(), content)
        return document

    def test_zero_bytes(self) -> None:
        self.assertIn("Tệp rỗng", self._failed(b"", "rỗng.pdf").error)

    def test_an_unsupported_format_by_content_not_by_name(self) -> None:
        document = self._failed(b"\x00\x01\x02 binary \x00" * 50, "trông như.pdf")
        self.assertIn("không được hỗ trợ", document.error)

    def test_a_truncated_pdf(self) -> None:
        document = self._failed(sample_bytes("write_truncated_pdf", seed=1), "cắt.pdf")
        self.assertIn("không đầy đủ", document.error)

    def test_a_password_protected_pdf(self) -> None:
        document = self._failed(sample_bytes("write_encrypted_pdf", seed=1), "mật khẩu.pdf")
        self.assertIn("mật khẩu", document.error)

    def test_a_corrupt_pdf(self) -> None:
        document = self._failed(sample_bytes("write_corrupt_pdf"), "hỏng.pdf")
        self.assertEqual(document.error_code, "corrupt")

    def test_a_decompression_bomb_image(self) -> None:
        document = self._failed(sample_bytes("write_decompression_bomb_png"), "bom.png")
        self.assertEqual(document.error_code, "image_bomb")

    def test_a_broken_image(self) -> None:
        png = sample_bytes("write_image", seed=1, format="PNG")
        self.assertEqual(self._failed(png[: len(png) // 3], "vỡ.png").error_code, "image_corrupt")

    @override_settings(CONGSO_MAX_PAGES=500)
    def test_too_many_pages(self) -> None:
        document = self._failed(sample_bytes("write_many_page_pdf", pages=1000), "dày.pdf")
        self.assertIn("1000 trang", document.error)

    def test_a_failed_document_can_be_retried_from_its_page(self) -> None:
        document = self._failed(b"", "rỗng.pdf")
        self.client.force_login(self.an)
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(reverse("archive:retry", args=[document.uuid]))
        self.assertRedirects(response, document.get_absolute_url())
        verbs = list(
            AuditEntry.objects.filter(target_id=str(document.pk)).values_list("verb", flat=True)
        )
        self.assertEqual(verbs[-3:], ["retry", "process_start", "process_fail"])


class UploadPageTests(BaseTestCase):
    def test_a_clerk_uploads_several_files_at_once_and_is_told_about_duplicates(self) -> None:
        self.client.force_login(self.an)
        files = [
            SimpleUploadedFile("một.txt", "Văn bản một".encode()),
            SimpleUploadedFile("hai.txt", "Văn bản hai".encode()),
            SimpleUploadedFile("một-lại.txt", "Văn bản một".encode()),
        ]
        with self.captureOnCommitCallbacks(execute=False):
            response = self.client.post(reverse("archive:upload"), {"upload": files}, follow=True)
        self.assertEqual(Document.objects.filter(agency=self.agency_a).count(), 2)
        self.assertContains(response, "Đã tiếp nhận 2 tệp.")
        self.assertContains(response, "một-lại.txt trùng với tài liệu đã có: một.")

    def test_staff_without_a_post_are_told_why_they_cannot_upload(self) -> None:
        from congso.org.testing import make_user

        newcomer = make_user("moi", "Hồ Văn Mới")
        self.client.force_login(newcomer)
        response = self.client.post(
            reverse("archive:upload"), {"upload": [SimpleUploadedFile("a.txt", b"a")]}, follow=True
        )
        self.assertContains(response, "chưa có chức vụ ở cơ quan nào")
        self.assertFalse(Document.objects.exists())

    def test_the_script_upload_gets_one_result_line_per_file(self) -> None:
        self.client.force_login(self.an)
        response = self.client.post(
            reverse("archive:upload"),
            {"upload": [SimpleUploadedFile("ba.txt", b"ba")]},
            headers={"x-upload": "1"},
        )
        self.assertContains(response, "Đã tiếp nhận")
        self.assertNotContains(response, "<html")

    def test_the_list_polls_while_documents_are_unfinished(self) -> None:
        self.client.force_login(self.an)
        with self.captureOnCommitCallbacks(execute=False):
            services.capture(
                agency=self.agency_a,
                chunks=[b"cho"],
                original_name="chờ.txt",
                source="upload",
                by=self.an,
            )
        response = self.client.get(reverse("archive:document-list"))
        self.assertContains(response, 'hx-trigger="every 2s"')
        self.assertContains(response, "Đang chờ xử lý")
        fragment = self.client.get(reverse("archive:document-list"), headers={"hx-request": "true"})
        self.assertNotContains(fragment, "<html")
        self.assertContains(fragment, 'id="rows"')


class ApiCaptureTests(BaseTestCase):
    def test_a_scanner_uploads_through_the_api_and_follows_the_document(self) -> None:
        from congso.org import services as org_services

        _token, key = org_services.create_api_token(user=self.an, name="Máy quét")
        headers = {"authorization": f"Bearer {key}"}
        upload = SimpleUploadedFile("công văn.txt", "Kính gửi các đơn vị".encode())
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(
                reverse("api:create_document"), {"file": upload}, headers=headers
            )
        self.assertEqual(response.status_code, 201, response.content)
        body = response.json()
        self.assertFalse(body["duplicate"])
        detail = self.client.get(
            reverse("api:get_document", args=[body["document"]["uuid"]]), headers=headers
        )
        self.assertEqual(detail.status_code, 200)
        self.assertEqual(detail.json()["source"], "api")
        again = self.client.post(
            reverse("api:create_document"),
            {"file": SimpleUploadedFile("x.txt", "Kính gửi các đơn vị".encode())},
            headers=headers,
        )
        self.assertEqual(again.status_code, 200)
        self.assertTrue(again.json()["duplicate"])

    def test_a_citizen_key_cannot_capture_documents(self) -> None:
        from congso.org import services as org_services

        _token, key = org_services.create_api_token(user=self.dung, name="Công dân")
        response = self.client.post(
            reverse("api:create_document"),
            {"file": SimpleUploadedFile("x.txt", b"x")},
            headers={"authorization": f"Bearer {key}"},
        )
        self.assertEqual(response.status_code, 403)
        self.assertIn("chưa có cơ quan", response.json()["detail"])
        self.assertFalse(Document.objects.exists())

    def test_the_openapi_description_lists_the_document_endpoints(self) -> None:
        schema = self.client.get(reverse("api:openapi-json")).json()
        self.assertIn("/api/v1/documents", schema["paths"])
        self.assertEqual(schema["components"]["securitySchemes"]["ApiKeyAuth"]["scheme"], "bearer")
