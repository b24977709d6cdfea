"""In a real browser (Debian's chromium driven by Playwright): log in, see the home page
in Vietnamese, switch to English."""

import os
import shutil
import unittest
from pathlib import Path
from typing import Any

from django.contrib.staticfiles.testing import StaticLiveServerTestCase
from playwright.sync_api import expect

from congso.archive.models import Heading
from congso.archive.tests.factories import SAMPLE_LETTER, make_read_document
from congso.core.models import AuditEntry
from congso.core.testing import AuditedTransactionTestCase
from congso.org.models import Agency, Role
from congso.org.testing import make_agency, make_staff, make_unit

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = Path(os.environ.get("CONGSO_TEST_ARTIFACTS", "test-artifacts"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@unittest.skipUnless(
    Path(CHROMIUM).exists() or os.environ.get("CI"),
    "chromium is not installed (bin/setup installs it)",
)
class BrowserTests(AuditedTransactionTestCase, StaticLiveServerTestCase):
    playwright: Any
    browser: Any

    @classmethod
    def setUpClass(cls) -> None:
        # Playwright's sync API runs an event loop in this thread; the ORM calls made
        # by the test itself are still synchronous and safe.
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
        super().setUpClass()
        from playwright.sync_api import sync_playwright

        cls.playwright = sync_playwright().start()
        cls.browser = cls.playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)

    @classmethod
    def tearDownClass(cls) -> None:
        cls.browser.close()
        cls.playwright.stop()
        super().tearDownClass()
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)

    def setUp(self) -> None:
        agency = make_agency(name="Sở Nội vụ thử nghiệm")
        make_staff(
            "an",
            "Nguyễn Thị An",
            agency,
            make_unit(agency, name="Văn phòng Sở"),
            position="Văn thư",
            roles=[Role.Code.CLERK],
        )
        self.page = self.browser.new_page(viewport={"width": 1280, "height": 800})
        self.console_errors: list[str] = []
        self.page.on("console", self._remember_console_error)

    def tearDown(self) -> None:
        self.page.close()

    def log_in(self) -> None:
        self.page.goto(f"{self.live_server_url}/dang-nhap/")
        self.page.get_by_label("Tên đăng nhập").fill("an")
        self.page.get_by_label("Mật khẩu").fill("mat-khau-thu")
        self.page.locator("main").get_by_role("button", name="Đăng nhập").click()
        self.page.wait_for_url("**/trang-chu/")

    def _remember_console_error(self, message: Any) -> None:
        if message.type == "error":
            self.console_errors.append(message.text)

    def test_a_clerk_logs_in_sees_vietnamese_and_switches_to_english(self) -> None:
        page = self.page
        self.log_in()
        self.assertEqual(page.locator("html").get_attribute("lang"), "vi")
        self.assertIn("Xin chào, Nguyễn Thị An", page.locator("h1").inner_text())
        self.assertIn("Sở Nội vụ thử nghiệm", page.locator(".panel").first.inner_text())
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "home-vi.png"), full_page=True)

        with page.expect_navigation():
            page.get_by_label("Ngôn ngữ").select_option("en")  # submits by itself (app.js)

        self.assertEqual(page.locator("html").get_attribute("lang"), "en")
        self.assertIn("Hello, Nguyễn Thị An", page.locator("h1").inner_text())
        self.assertIn("Workplace", page.locator(".panel h2").first.inner_text())
        page.screenshot(path=str(ARTIFACTS / "home-en.png"), full_page=True)
        self.assertEqual(self.console_errors, [], "no CSP violation or script error")

    def test_a_clerk_drops_files_and_watches_them_become_documents(self) -> None:
        page = self.page
        self.log_in()

        page.goto(f"{self.live_server_url}/luu-tru/tai-len/")
        page.set_input_files(
            "input[type=file]",
            files=[
                {
                    "name": "công văn 1.txt",
                    "mimeType": "text/plain",
                    "buffer": "Kính gửi các phòng, ban thuộc Sở.\n".encode() * 20,
                },
                {
                    "name": "công văn 2.txt",
                    "mimeType": "text/plain",
                    "buffer": "Báo cáo kết quả chuyển đổi số năm 2026.\n".encode() * 20,
                },
            ],
        )
        page.get_by_role("button", name="Tải lên").click()
        results = page.locator(".upload-result")
        results.nth(1).wait_for()
        self.assertEqual(results.count(), 2)
        self.assertIn("Đã tiếp nhận", results.nth(0).inner_text())

        page.goto(f"{self.live_server_url}/luu-tru/")
        # The list refreshes itself until both documents are done (a bug fix: two office
        # files converted at once used to fail on a shared LibreOffice profile).
        expect(page.locator("#rows .badge--done")).to_have_count(2, timeout=60000)
        page.screenshot(path=str(ARTIFACTS / "documents.png"), full_page=True)
        page.get_by_role("link", name="công văn 1").click()
        page.get_by_text("Kính gửi các phòng, ban thuộc Sở.").first.wait_for()
        self.assertEqual(self.console_errors, [], "no CSP violation or script error")

    def test_a_clerk_checks_and_corrects_the_fields_of_a_captured_letter_by_keyboard(
        self,
    ) -> None:
        page = self.page
        self.log_in()
        page.goto(f"{self.live_server_url}/luu-tru/tai-len/")
        page.set_input_files(
            "input[type=file]",
            files=[
                {"name": "cv-1234.txt", "mimeType": "text/plain", "buffer": SAMPLE_LETTER.encode()}
            ],
        )
        page.get_by_role("button", name="Tải lên").click()
        page.locator(".upload-result").first.wait_for()
        page.goto(f"{self.live_server_url}/luu-tru/")
        page.get_by_role("link", name="Công văn 1234/SNV-VP").click(timeout=60000)
        fields = page.locator("section", has_text="Thông tin văn bản")
        expect(fields).to_contain_text("triển khai Kế hoạch chuyển đổi số năm 2025")
        expect(page.locator("section", has_text="Văn bản dẫn chiếu")).to_contain_text(
            "Quyết định 749/QĐ-TTg"
        )
        page.get_by_role("link", name="Kiểm tra thông tin").click()
        # The cursor starts on the least sure field (the type, read from the symbol).
        expect(page.get_by_label("Loại văn bản")).to_be_focused()
        page.get_by_label("Người ký", exact=True).fill("Trần Văn Bính")
        page.get_by_label("Người ký", exact=True).press("Control+Enter")
        page.wait_for_url("**/luu-tru/*/")
        expect(page.locator(".messages")).to_contain_text("1 trường được sửa")
        expect(page.locator("section", has_text="Thông tin văn bản")).to_contain_text("đã sửa")
        page.screenshot(path=str(ARTIFACTS / "document-fields.png"), full_page=True)
        entry = AuditEntry.objects.get(verb="correct_fields")
        self.assertEqual(entry.after, {"signer": "Trần Văn Bính"})
        self.assertEqual(self.console_errors, [], "no CSP violation or script error")

    def test_a_clerk_files_a_letter_in_a_dossier_of_the_plan_and_hands_it_over(self) -> None:
        page = self.page
        letter = make_read_document(Agency.objects.get(), title="Công văn triển khai")
        self.log_in()
        page.get_by_role("link", name="Hồ sơ", exact=True).click()
        page.get_by_role("button", name="Lập danh mục hồ sơ").click()
        expect(page.get_by_role("heading", name="Thêm đề mục")).to_be_visible()
        page.get_by_label("Tên đề mục").fill("Tổng hợp")
        page.get_by_label("Chữ viết tắt").fill("TH")
        page.get_by_role("button", name="Thêm đề mục").click()
        planned = page.locator("section", has_text="Thêm hồ sơ vào danh mục")
        expect(planned.get_by_label("Đề mục")).to_have_value(str(Heading.objects.get().pk))
        planned.get_by_label("Tiêu đề hồ sơ").fill("Hồ sơ chuyển đổi số")
        planned.get_by_label("Thời hạn bảo quản (năm; 0 là vĩnh viễn)").fill("10")
        planned.get_by_role("button", name="Thêm hồ sơ").click()
        expect(page.locator("table")).to_contain_text("I. Tổng hợp")
        page.get_by_role("link", name="01.TH").click()
        page.get_by_role("button", name="Mở hồ sơ").click()
        expect(page.locator(".messages")).to_contain_text("Đã mở hồ sơ.")
        page.goto(f"{self.live_server_url}{letter.get_absolute_url()}")
        page.get_by_role("combobox", name="Hồ sơ").select_option(label="01.TH Hồ sơ chuyển đổi số")
        page.get_by_role("button", name="Lưu vào hồ sơ").click()
        expect(page.locator(".messages")).to_contain_text("Đã lưu văn bản vào hồ sơ.")
        page.get_by_role("link", name="01.TH Hồ sơ chuyển đổi số").click()
        expect(page.locator("table")).to_contain_text("1234/SNV-VP")
        page.get_by_role("button", name="Kết thúc hồ sơ").click()
        page.get_by_role("button", name="Nộp lưu vào lưu trữ cơ quan").click()
        expect(page.locator(".messages")).to_contain_text("biên bản giao nhận số 1")
        page.screenshot(path=str(ARTIFACTS / "dossier.png"), full_page=True)
        self.assertEqual(self.console_errors, [], "no CSP violation or script error")

    def test_the_api_explorer_works_offline_under_the_content_security_policy(self) -> None:
        self.page.goto(f"{self.live_server_url}/api/v1/docs")
        self.page.get_by_text("/api/v1/documents").first.wait_for()
        self.page.screenshot(path=str(ARTIFACTS / "api-docs.png"))
        self.assertIn("Công sở số API", self.page.locator(".title").first.inner_text())
        self.assertEqual(self.console_errors, [])
