import datetime
import io
import re
from typing import Any
from zoneinfo import ZoneInfo

import openpyxl
import pypdfium2
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from congso.archive.models import Secrecy, Urgency
from congso.org.models import User
from congso.org.testing import BaseTestCase
from congso.workflow.models import Assignment, Dispatch, IncomingDocument, OutgoingDocument
from congso.workflow.tests.factories import (
    make_incoming,
    make_leader,
    make_outgoing,
    make_specialist,
)

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
INCOMING_COLUMNS = [
    "Ngày đến",
    "Số đến",
    "Tác giả",
    "Số, ký hiệu văn bản",
    "Ngày tháng văn bản",
    "Tên loại và trích yếu nội dung",
    "Đơn vị hoặc người nhận",
    "Ngày chuyển",
    "Ký nhận",
    "Ghi chú",
]
OUTGOING_COLUMNS = [
    "Số, ký hiệu văn bản",
    "Ngày tháng văn bản",
    "Tên loại và trích yếu nội dung",
    "Người ký",
    "Nơi nhận văn bản",
    "Đơn vị, người nhận bản lưu",
    "Số lượng bản",
    "Ngày chuyển",
    "Ký nhận",
    "Ghi chú",
]


def at(day: int, month: int, hour: int = 9) -> datetime.datetime:
    return datetime.datetime(2025, month, day, hour, 30, tzinfo=HCM)


def headers(response: Any) -> list[str]:
    return re.findall(r'<th scope="col">([^<]*)</th>', response.content.decode())


def pdf_text(content: bytes) -> str:
    document = pypdfium2.PdfDocument(content)
    return "\n".join(page.get_textpage().get_text_range() for page in document)


def sheet_rows(content: bytes) -> tuple[Any, list[tuple[Any, ...]]]:
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    return sheet, list(sheet.iter_rows(min_row=6, values_only=True))


class IncomingRegisterTests(BaseTestCase):
    leader: User
    first: IncomingDocument
    second: IncomingDocument
    third: IncomingDocument
    secret: IncomingDocument

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.leader = make_leader(cls.agency_a)
        cls.second = make_incoming(
            cls.agency_a,
            number=2,
            received_at=at(12, 3),
            sender="Bộ Nội vụ",
            number_symbol="45/BNV-VP",
            doc_date=datetime.date(2025, 3, 10),
            abstract="V/v báo cáo công tác văn thư",
            urgency=Urgency.KHAN,
            note="Bản giấy gửi sau",
        )
        cls.first = make_incoming(cls.agency_a, number=1, received_at=at(3, 3))
        with time_machine.travel(at(13, 3, hour=20)):  # 13/03 in Hà Nội, 12/03 in UTC
            for role, unit, user in [
                (Assignment.Role.LEAD, cls.unit_a, None),
                (Assignment.Role.COORDINATE, cls.unit_a, cls.binh),
                (Assignment.Role.INFORM, None, cls.an),
            ]:
                Assignment.objects.create(
                    incoming=cls.second, role=role, unit=unit, user=user, assigned_by=cls.leader
                )
        cls.third = make_incoming(
            cls.agency_a,
            number=3,
            received_at=at(20, 4),
            sender="Sở Y tế",
            number_symbol="9/SYT-KHTC",
            abstract="V/v mua sắm thiết bị",
            state=IncomingDocument.State.DONE,
        )
        cls.secret = make_incoming(
            cls.agency_a,
            number=4,
            received_at=at(25, 4),
            number_symbol="01/MAT-VP",
            secrecy=Secrecy.MAT,
        )
        make_incoming(
            cls.agency_b,
            number=1,
            received_at=at(5, 3),
            sender="Nơi gửi riêng của Sở B",
            number_symbol="777/SB-VP",
        )

    def get(self, name: str = "workflow:register-incoming", **params: Any) -> Any:
        return self.client.get(reverse(name, kwargs=params.pop("kwargs", {})), params)

    def test_it_lists_the_rows_in_number_order_under_the_decrees_columns(self) -> None:
        self.client.force_login(self.an)
        response = self.get(year=2025)
        self.assertEqual(headers(response), INCOMING_COLUMNS)
        rows = response.context["register"].rows
        self.assertEqual([row[1] for row in rows], [1, 2, 3, 4])
        self.assertEqual(
            rows[1],
            (
                datetime.date(2025, 3, 12),
                2,
                "Bộ Nội vụ",
                "45/BNV-VP",
                datetime.date(2025, 3, 10),
                "Công văn V/v báo cáo công tác văn thư",
                "Phòng Hành chính A; Trần Văn Bình (Phòng Hành chính A)",
                datetime.date(2025, 3, 13),
                "",
                "Khẩn; Bản giấy gửi sau",
            ),
        )
        self.assertContains(response, "<td>13/03/2025</td>", html=True)
        self.assertContains(response, self.agency_a.name)

    def test_it_shows_the_current_year_unless_told(self) -> None:
        self.client.force_login(self.an)
        with time_machine.travel(datetime.datetime(2026, 2, 2, 9, tzinfo=HCM)):
            this_year = make_incoming(self.agency_a, number_symbol="88/UBND-TH")
            response = self.get()
        self.assertEqual([row[1] for row in response.context["register"].rows], [this_year.number])
        self.assertContains(response, "Năm 2026")

    def test_it_filters_by_text_without_regard_to_case(self) -> None:
        self.client.force_login(self.an)
        response = self.get(year=2025, q="bnv")
        self.assertEqual([row[3] for row in response.context["register"].rows], ["45/BNV-VP"])
        response = self.get(year=2025, q="MUA SẮM")
        self.assertEqual([row[3] for row in response.context["register"].rows], ["9/SYT-KHTC"])

    def test_it_filters_by_the_date_received(self) -> None:
        self.client.force_login(self.an)
        response = self.get(year=2025, date_from="2025-03-10", date_to="2025-04-20")
        self.assertEqual([row[1] for row in response.context["register"].rows], [2, 3])

    def test_it_filters_by_state(self) -> None:
        self.client.force_login(self.an)
        response = self.get(year=2025, state=IncomingDocument.State.DONE)
        self.assertEqual([row[1] for row in response.context["register"].rows], [3])

    def test_it_reports_a_date_range_backwards_and_ignores_its_end(self) -> None:
        self.client.force_login(self.an)
        response = self.get(year=2025, date_from="2025-04-01", date_to="2025-03-01")
        self.assertContains(response, "Ngày cuối phải sau ngày đầu.")
        self.assertEqual([row[1] for row in response.context["register"].rows], [3, 4])

    def test_it_shows_fifty_rows_a_page_and_keeps_the_filters_on_the_next(self) -> None:
        for number in range(5, 56):
            make_incoming(self.agency_a, number=number, received_at=at(28, 4))
        self.client.force_login(self.an)
        first = self.get(year=2025)
        self.assertEqual(len(first.context["register"].rows), 50)
        self.assertContains(first, 'href="?year=2025&amp;page=2"')
        second = self.get(year=2025, page=2)
        self.assertEqual([row[1] for row in second.context["register"].rows], [51, 52, 53, 54, 55])

    def test_it_reads_the_assignments_in_a_fixed_number_of_queries(self) -> None:
        self.client.force_login(self.an)
        url = reverse("workflow:register-incoming-export", args=["xlsx"]) + "?year=2025"
        with CaptureQueriesContext(connection) as few:
            self.client.get(url)
        for number in range(5, 15):
            more = make_incoming(self.agency_a, number=number, received_at=at(28, 4))
            Assignment.objects.create(
                incoming=more, role="lead", unit=self.unit_a, user=self.binh, assigned_by=self.an
            )
        with CaptureQueriesContext(connection) as many:
            self.client.get(url)
        self.assertEqual(len(many), len(few))

    def test_it_exports_every_matching_row_to_a_spreadsheet(self) -> None:
        self.client.force_login(self.an)
        response = self.get("workflow:register-incoming-export", kwargs={"fmt": "xlsx"}, year=2025)
        self.assertEqual(
            response["Content-Disposition"], 'attachment; filename="so-van-ban-den-2025.xlsx"'
        )
        sheet, rows = sheet_rows(response.content)
        self.assertEqual(sheet["A1"].value, "SỔ ĐĂNG KÝ VĂN BẢN ĐẾN")
        self.assertEqual(sheet["A2"].value, self.agency_a.name)
        self.assertEqual(sheet["A3"].value, "Năm 2025")
        self.assertEqual([c.value for c in sheet[5]], INCOMING_COLUMNS)
        self.assertTrue(sheet["A5"].font.bold)
        self.assertEqual([row[1] for row in rows], [1, 2, 3, 4])
        self.assertEqual(rows[1][0].date(), datetime.date(2025, 3, 12))
        self.assertTrue(sheet["A7"].is_date)
        self.assertEqual(sheet["A7"].number_format, "DD/MM/YYYY")
        self.assertEqual(rows[1][6], "Phòng Hành chính A; Trần Văn Bình (Phòng Hành chính A)")

    def test_the_export_keeps_the_pages_filters(self) -> None:
        self.client.force_login(self.an)
        response = self.get(
            "workflow:register-incoming-export", kwargs={"fmt": "xlsx"}, year=2025, q="bnv"
        )
        self.assertEqual([row[3] for row in sheet_rows(response.content)[1]], ["45/BNV-VP"])

    def test_it_prints_the_register_to_pdf(self) -> None:
        self.client.force_login(self.an)
        response = self.get("workflow:register-incoming-export", kwargs={"fmt": "pdf"}, year=2025)
        self.assertEqual(response["Content-Type"], "application/pdf")
        self.assertTrue(response.content.startswith(b"%PDF"))
        text = pdf_text(response.content)
        self.assertIn("SỔ ĐĂNG KÝ VĂN BẢN ĐẾN", text)
        self.assertIn("45/BNV-VP", text)
        self.assertIn("Trang 1", text)

    def test_the_printed_book_repeats_the_columns_and_numbers_every_page(self) -> None:
        for number in range(5, 61):
            make_incoming(self.agency_a, number=number, received_at=at(28, 4))
        self.client.force_login(self.an)
        response = self.get("workflow:register-incoming-export", kwargs={"fmt": "pdf"}, year=2025)
        pages = list(pypdfium2.PdfDocument(response.content))
        self.assertGreater(len(pages), 1)
        last = pages[-1].get_textpage().get_text_range()
        self.assertIn("Tác giả", last)
        self.assertIn(f"Trang {len(pages)}", last)

    def test_it_hides_secret_documents_from_a_specialist_not_handling_them(self) -> None:
        cuong = make_specialist(self.agency_a, self.unit_a)
        self.client.force_login(cuong)
        self.assertNotContains(self.get(year=2025), "01/MAT-VP")
        Assignment.objects.create(
            incoming=self.secret, role="lead", user=cuong, assigned_by=self.leader
        )
        self.assertContains(self.get(year=2025), "01/MAT-VP")

    def test_another_agency_sees_only_its_own_register(self) -> None:
        self.client.force_login(self.chi)
        page = self.get(year=2025)
        self.assertContains(page, "777/SB-VP")
        for secret in ("123/UBND-VP", "45/BNV-VP", self.agency_a.name):
            self.assertNotContains(page, secret)
        xlsx = self.get("workflow:register-incoming-export", kwargs={"fmt": "xlsx"}, year=2025)
        sheet, rows = sheet_rows(xlsx.content)
        self.assertEqual(sheet["A2"].value, self.agency_b.name)
        self.assertEqual([row[3] for row in rows], ["777/SB-VP"])
        text = pdf_text(
            self.get("workflow:register-incoming-export", kwargs={"fmt": "pdf"}, year=2025).content
        )
        self.assertIn("777/SB-VP", text)
        self.assertNotIn("45/BNV-VP", text)
        self.assertNotIn(self.agency_a.name, text)


class OutgoingRegisterTests(BaseTestCase):
    leader: User
    first: OutgoingDocument
    second: OutgoingDocument
    secret: OutgoingDocument

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.leader = make_leader(cls.agency_a)
        cls.second = make_outgoing(
            cls.agency_a,
            cls.binh,
            number=2,
            issued_date=datetime.date(2025, 4, 2),
            abstract="V/v tổng kết công tác năm",
            unit=cls.unit_a,
            copies=3,
            signer=cls.leader,
            urgency=Urgency.THUONG_KHAN,
        )
        recipients: list[tuple[str, dict[str, Any]]] = [
            (Dispatch.Kind.UNIT, {"unit": cls.unit_a}),
            (Dispatch.Kind.AGENCY, {"agency": cls.agency_b}),
            (Dispatch.Kind.EMAIL, {"email": "vanthu@example.vn"}),
        ]
        for kind, target in recipients:
            Dispatch.objects.create(outgoing=cls.second, kind=kind, sent_at=at(2, 4), **target)
        cls.first = make_outgoing(
            cls.agency_a, cls.binh, number=1, issued_date=datetime.date(2025, 3, 1)
        )
        cls.secret = make_outgoing(
            cls.agency_a,
            cls.binh,
            number=1,
            series="secret",
            secrecy=Secrecy.MAT,
            number_symbol="01/MAT-SNV",
            issued_date=datetime.date(2025, 3, 8),
        )
        make_outgoing(
            cls.agency_b,
            cls.chi,
            number=1,
            number_symbol="05/SB-VP",
            issued_date=datetime.date(2025, 3, 5),
        )

    def get(self, name: str = "workflow:register-outgoing", **params: Any) -> Any:
        return self.client.get(reverse(name, kwargs=params.pop("kwargs", {})), params)

    def test_it_lists_the_administrative_series_under_the_decrees_columns(self) -> None:
        self.client.force_login(self.an)
        response = self.get(year=2025)
        self.assertEqual(headers(response), OUTGOING_COLUMNS)
        rows = response.context["register"].rows
        self.assertEqual([row[0] for row in rows], ["01/UBND-VP", "02/UBND-VP"])
        self.assertEqual(
            rows[1],
            (
                "02/UBND-VP",
                datetime.date(2025, 4, 2),
                "Công văn V/v tổng kết công tác năm",
                "Đỗ Minh Giang",
                "Phòng Hành chính A; Sở B; vanthu@example.vn",
                "Phòng Hành chính A",
                3,
                datetime.date(2025, 4, 2),
                "",
                "Thượng khẩn",
            ),
        )
        self.assertNotContains(response, "01/MAT-SNV")

    def test_it_offers_the_series_used_in_the_year(self) -> None:
        self.client.force_login(self.an)
        response = self.get(year=2025)
        self.assertContains(response, '<option value="secret">Văn bản mật</option>', html=True)
        secret = self.get(year=2025, series="secret")
        self.assertEqual([row[0] for row in secret.context["register"].rows], ["01/MAT-SNV"])
        self.assertNotContains(self.get(year=2024), 'value="secret"')

    def test_a_specialist_sees_no_secret_series(self) -> None:
        self.client.force_login(make_specialist(self.agency_a, self.unit_a))
        self.assertNotContains(self.get(year=2025), 'value="secret"')
        response = self.get(year=2025, series="secret")
        self.assertEqual(response.context["register"].rows, [])

    def test_it_filters_by_text_and_date(self) -> None:
        self.client.force_login(self.an)
        response = self.get(year=2025, q="TỔNG KẾT")
        self.assertEqual([row[0] for row in response.context["register"].rows], ["02/UBND-VP"])
        response = self.get(year=2025, date_to="2025-03-31")
        self.assertEqual([row[0] for row in response.context["register"].rows], ["01/UBND-VP"])

    def test_it_exports_a_series_to_a_spreadsheet(self) -> None:
        self.client.force_login(self.an)
        response = self.get("workflow:register-outgoing-export", kwargs={"fmt": "xlsx"}, year=2025)
        self.assertEqual(
            response["Content-Disposition"], 'attachment; filename="so-van-ban-di-2025.xlsx"'
        )
        sheet, rows = sheet_rows(response.content)
        self.assertEqual(sheet["A1"].value, "SỔ ĐĂNG KÝ VĂN BẢN ĐI")
        self.assertEqual(sheet["A3"].value, "Năm 2025, Văn bản hành chính")
        self.assertEqual([c.value for c in sheet[5]], OUTGOING_COLUMNS)
        self.assertEqual([row[0] for row in rows], ["01/UBND-VP", "02/UBND-VP"])
        self.assertEqual(rows[1][1].date(), datetime.date(2025, 4, 2))
        self.assertEqual(rows[1][6], 3)

    def test_it_prints_a_series_to_pdf(self) -> None:
        self.client.force_login(self.an)
        response = self.get(
            "workflow:register-outgoing-export", kwargs={"fmt": "pdf"}, year=2025, series="secret"
        )
        self.assertEqual(
            response["Content-Disposition"], 'attachment; filename="so-van-ban-di-2025-secret.pdf"'
        )
        self.assertTrue(response.content.startswith(b"%PDF"))
        text = pdf_text(response.content)
        self.assertIn("SỔ ĐĂNG KÝ VĂN BẢN ĐI", text)
        self.assertIn("01/MAT-SNV", text)

    def test_another_agency_sees_only_its_own_register(self) -> None:
        self.client.force_login(self.chi)
        page = self.get(year=2025)
        self.assertContains(page, "05/SB-VP")
        for secret in ("01/UBND-VP", "tổng kết", self.agency_a.name):
            self.assertNotContains(page, secret)
        xlsx = self.get("workflow:register-outgoing-export", kwargs={"fmt": "xlsx"}, year=2025)
        self.assertEqual([row[0] for row in sheet_rows(xlsx.content)[1]], ["05/SB-VP"])
        text = pdf_text(
            self.get("workflow:register-outgoing-export", kwargs={"fmt": "pdf"}, year=2025).content
        )
        self.assertIn("05/SB-VP", text)
        self.assertNotIn("01/UBND-VP", text)


class RegisterAccessTests(BaseTestCase):
    def test_citizens_are_refused(self) -> None:
        self.client.force_login(self.dung)
        for name, args in [
            ("workflow:register-incoming", []),
            ("workflow:register-outgoing", []),
            ("workflow:register-incoming-export", ["xlsx"]),
            ("workflow:register-outgoing-export", ["pdf"]),
        ]:
            with self.subTest(url=name):
                self.assertEqual(self.client.get(reverse(name, args=args)).status_code, 403)

    def test_an_unknown_format_is_not_found(self) -> None:
        self.client.force_login(self.an)
        for name in ("workflow:register-incoming-export", "workflow:register-outgoing-export"):
            with self.subTest(url=name):
                self.assertEqual(self.client.get(reverse(name, args=["csv"])).status_code, 404)
