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
class BrowserTestCase(AuditedTransactionTestCase, StaticLiveServerTestCase):
    """Chromium for the class, a fresh page per test, An the clerk logged in on demand."""

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
        # An earlier TransactionTestCase's flush empties the rows migrations made.
        for code, label in Role.Code.choices:
            Role.objects.get_or_create(code=code, defaults={"name": label})
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


class BrowserTests(BrowserTestCase):
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


@unittest.skipUnless(
    Path(CHROMIUM).exists() or os.environ.get("CI"),
    "chromium is not installed (bin/setup installs it)",
)
class WorkflowBrowserTests(BrowserTestCase):
    """The e-office path, each person in their own browser session."""

    def setUp(self) -> None:
        super().setUp()
        agency = Agency.objects.get()
        agency.symbol = "SNV"
        agency.save(update_fields=["symbol"])
        unit = make_unit(agency, name="Phòng Cải cách hành chính", code="CCHC")
        make_staff("giang", "Đỗ Minh Giang", agency, position="Giám đốc", roles=[Role.Code.LEADER])
        make_staff(
            "binh",
            "Trần Văn Bình",
            agency,
            unit,
            position="Trưởng phòng",
            roles=[Role.Code.UNIT_HEAD],
        )
        make_staff("cuong", "Lê Minh Cường", agency, unit, roles=[Role.Code.SPECIALIST])

    def as_user(self, username: str, path: str) -> Any:
        page = self.browser.new_page(viewport={"width": 1280, "height": 900})
        page.on("console", self._remember_console_error)
        page.goto(f"{self.live_server_url}/dang-nhap/?next={path}")
        page.get_by_label("Tên đăng nhập").fill(username)
        page.get_by_label("Mật khẩu").fill("mat-khau-thu")
        page.locator("main").get_by_role("button", name="Đăng nhập").click()
        page.wait_for_url(f"**{path}")
        return page

    def test_from_an_incoming_letter_to_the_issued_reply_in_both_registers(self) -> None:
        tmp = ARTIFACTS / "workflow"
        tmp.mkdir(parents=True, exist_ok=True)
        letter, draft = tmp / "cong-van-den.txt", tmp / "du-thao-tra-loi.txt"
        letter.write_text("Kính gửi Sở Nội vụ. Đề nghị báo cáo chuyển đổi số.", "utf-8")
        draft.write_text("Sở Nội vụ báo cáo kết quả chuyển đổi số năm 2026.", "utf-8")

        clerk = self.as_user("an", "/van-ban/den/vao-so/")
        clerk.get_by_label("Tác giả (nơi gửi)").fill("Ủy ban nhân dân tỉnh Tây Ninh")
        clerk.get_by_label("Số, ký hiệu").fill("88/UBND-VP")
        clerk.get_by_label("Tên loại").fill("Công văn")
        clerk.get_by_label("Trích yếu").fill("V/v báo cáo chuyển đổi số")
        clerk.get_by_label("Tệp văn bản đến").set_input_files(str(letter))
        clerk.get_by_role("button", name="Vào sổ").click()
        expect(clerk.get_by_test_id("incoming-number")).to_have_text("1")
        incoming = clerk.url.removeprefix(self.live_server_url)

        leader = self.as_user("giang", incoming)
        leader.get_by_label("Đơn vị chủ trì").select_option(label="Phòng Cải cách hành chính")
        leader.get_by_label("Ý kiến chỉ đạo (bút phê)").fill("Phòng CCHC chủ trì trả lời.")
        leader.get_by_role("button", name="Phân công").click()
        expect(leader.get_by_test_id("incoming-state")).to_have_text("Đang xử lý")

        head = self.as_user("binh", incoming)
        head.get_by_label("Giao cho").select_option(label="Lê Minh Cường")
        head.get_by_role("button", name="Giao cho cán bộ").click()
        expect(head.locator(".messages")).to_contain_text("Đã giao việc.")

        specialist = self.as_user("cuong", incoming)
        specialist.get_by_role("link", name="Soạn văn bản trả lời").click()
        specialist.get_by_label("Tệp dự thảo").set_input_files(str(draft))
        specialist.get_by_role("button", name="Tạo dự thảo").click()
        specialist.get_by_role("button", name="Trình duyệt").click()
        expect(specialist.get_by_test_id("outgoing-state")).to_have_text("Đang trình duyệt")
        outgoing = specialist.url.removeprefix(self.live_server_url)

        head.goto(f"{self.live_server_url}{outgoing}")
        head.get_by_role("button", name="Đồng ý").click()
        leader.goto(f"{self.live_server_url}{outgoing}")
        leader.get_by_role("button", name="Đồng ý").click()
        leader.get_by_role("button", name="Ký", exact=True).click()
        expect(leader.get_by_test_id("outgoing-state")).to_have_text("Đã ký, chờ phát hành")

        clerk.goto(f"{self.live_server_url}{outgoing}")
        clerk.get_by_label("Đơn vị trong cơ quan").select_option(label="Phòng Cải cách hành chính")
        clerk.get_by_role("button", name="Cấp số và phát hành").click()
        expect(clerk.get_by_test_id("outgoing-number")).to_have_text("01/SNV-CCHC")

        clerk.goto(f"{self.live_server_url}/van-ban/so-van-ban-den/")
        expect(clerk.locator("table")).to_contain_text("88/UBND-VP")
        clerk.screenshot(path=str(ARTIFACTS / "register-incoming.png"), full_page=True)
        clerk.goto(f"{self.live_server_url}/van-ban/so-van-ban-di/")
        expect(clerk.locator("table")).to_contain_text("01/SNV-CCHC")
        clerk.screenshot(path=str(ARTIFACTS / "register-outgoing.png"), full_page=True)
        self.assertEqual(self.console_errors, [], "no CSP violation or script error")
