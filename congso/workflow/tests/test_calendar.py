import datetime
import importlib
import io
import tempfile
import unicodedata
from pathlib import Path
from zoneinfo import ZoneInfo

from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import TestCase
from django.urls import reverse

from congso.org.models import Agency, User
from congso.org.testing import make_agency
from congso.workflow import calendar
from congso.workflow.models import CalendarDay

D = datetime.date
VN = ZoneInfo("Asia/Ho_Chi_Minh")


class WorkingDayTests(TestCase):
    agency_a: Agency
    agency_b: Agency

    @classmethod
    def setUpTestData(cls) -> None:
        cls.agency_a = make_agency()
        cls.agency_b = make_agency()

    def test_weekdays_are_working_days_and_weekends_are_not(self) -> None:
        self.assertTrue(calendar.is_working_day(D(2026, 3, 6)))  # Friday
        self.assertFalse(calendar.is_working_day(D(2026, 3, 7)))  # Saturday
        self.assertFalse(calendar.is_working_day(D(2026, 3, 8)))  # Sunday

    def test_friday_plus_one_working_day_is_monday(self) -> None:
        self.assertEqual(calendar.add_working_days(D(2026, 3, 6), 1), D(2026, 3, 9))

    def test_it_counts_several_days_across_a_weekend(self) -> None:
        self.assertEqual(calendar.add_working_days(D(2026, 3, 4), 5), D(2026, 3, 11))

    def test_zero_days_is_the_day_itself_or_the_next_working_day(self) -> None:
        self.assertEqual(calendar.add_working_days(D(2026, 3, 6), 0), D(2026, 3, 6))
        self.assertEqual(calendar.add_working_days(D(2026, 3, 7), 0), D(2026, 3, 9))

    def test_it_refuses_a_negative_number_of_days(self) -> None:
        with self.assertRaises(ValueError):
            calendar.add_working_days(D(2026, 3, 6), -1)

    def test_the_day_before_tet_2026_plus_one_is_the_monday_after_tet(self) -> None:
        self.assertEqual(calendar.add_working_days(D(2026, 2, 13), 1), D(2026, 2, 23))
        self.assertEqual(calendar.next_working_day(D(2026, 2, 13)), D(2026, 2, 23))

    def test_it_reads_the_calendar_in_one_query(self) -> None:
        with self.assertNumQueries(1):
            self.assertEqual(calendar.add_working_days(D(2026, 2, 10), 5), D(2026, 2, 24))

    def test_a_long_deadline_reads_more_of_the_calendar(self) -> None:
        # 1 Jan 2026 + 250 working days: every 2026 holiday after it is skipped.
        due = calendar.add_working_days(D(2026, 1, 1), 250)
        self.assertEqual(calendar.working_days_between(D(2026, 1, 1), due), 250)
        self.assertTrue(calendar.is_working_day(due))

    def test_a_lam_bu_saturday_counts_as_a_working_day(self) -> None:
        self.assertTrue(calendar.is_working_day(D(2025, 4, 26)))
        self.assertEqual(calendar.add_working_days(D(2025, 4, 25), 1), D(2025, 4, 26))
        # …and the Friday it was swapped with is a day off: 29/4 + 1 jumps to 5/5.
        self.assertEqual(calendar.add_working_days(D(2025, 4, 29), 1), D(2025, 5, 5))

    def test_an_agency_has_its_own_day_off(self) -> None:
        CalendarDay.objects.create(
            agency=self.agency_a, date=D(2026, 3, 10), name="Ngày truyền thống ngành"
        )
        self.assertFalse(calendar.is_working_day(D(2026, 3, 10), agency_id=self.agency_a.pk))
        self.assertTrue(calendar.is_working_day(D(2026, 3, 10), agency_id=self.agency_b.pk))
        self.assertTrue(calendar.is_working_day(D(2026, 3, 10)))
        self.assertEqual(
            calendar.add_working_days(D(2026, 3, 9), 1, agency_id=self.agency_a.pk),
            D(2026, 3, 11),
        )

    def test_an_agency_row_overrides_the_national_row_of_the_same_date(self) -> None:
        CalendarDay.objects.create(
            agency=self.agency_a, date=D(2026, 2, 16), name="Trực Tết", is_working=True
        )
        CalendarDay.objects.create(agency=self.agency_a, date=D(2025, 4, 26), name="Không làm bù")
        self.assertTrue(calendar.is_working_day(D(2026, 2, 16), agency_id=self.agency_a.pk))
        self.assertFalse(calendar.is_working_day(D(2026, 2, 16), agency_id=self.agency_b.pk))
        self.assertFalse(calendar.is_working_day(D(2025, 4, 26), agency_id=self.agency_a.pk))
        self.assertEqual(
            calendar.next_working_day(D(2026, 2, 13), agency_id=self.agency_a.pk), D(2026, 2, 16)
        )

    def test_working_days_between_counts_after_start_up_to_end(self) -> None:
        self.assertEqual(calendar.working_days_between(D(2026, 3, 6), D(2026, 3, 9)), 1)
        self.assertEqual(calendar.working_days_between(D(2026, 2, 13), D(2026, 2, 23)), 1)
        self.assertEqual(calendar.working_days_between(D(2026, 3, 2), D(2026, 3, 6)), 4)
        self.assertEqual(calendar.working_days_between(D(2026, 3, 6), D(2026, 3, 6)), 0)

    def test_working_days_between_is_negative_when_end_is_before_start(self) -> None:
        self.assertEqual(calendar.working_days_between(D(2026, 3, 6), D(2026, 3, 2)), -4)
        self.assertEqual(calendar.working_days_between(D(2026, 2, 23), D(2026, 2, 13)), -1)


class RegisterDueTests(TestCase):
    """Nghị định 30/2020: the same day, at the latest the next working day; urgent: at once."""

    def test_a_normal_document_received_on_friday_evening_is_due_on_monday(self) -> None:
        received = datetime.datetime(2026, 3, 6, 19, 30, tzinfo=VN)
        self.assertEqual(calendar.register_due(received, urgent=False), D(2026, 3, 9))

    def test_an_urgent_document_received_on_friday_evening_is_due_the_same_day(self) -> None:
        received = datetime.datetime(2026, 3, 6, 19, 30, tzinfo=VN)
        self.assertEqual(calendar.register_due(received, urgent=True), D(2026, 3, 6))

    def test_the_day_is_the_vietnamese_date_of_the_receipt(self) -> None:
        # 18:00 UTC on Friday is 01:00 on Saturday in Hà Nội.
        received = datetime.datetime(2026, 3, 6, 18, 0, tzinfo=datetime.UTC)
        self.assertEqual(calendar.register_due(received, urgent=True), D(2026, 3, 9))

    def test_a_document_received_on_the_friday_before_tet_is_due_after_tet(self) -> None:
        received = datetime.datetime(2026, 2, 13, 20, 0, tzinfo=VN)
        self.assertEqual(calendar.register_due(received, urgent=False), D(2026, 2, 23))
        self.assertEqual(calendar.register_due(received, urgent=True), D(2026, 2, 13))

    def test_a_document_received_on_a_holiday_is_due_the_next_working_day(self) -> None:
        received = datetime.datetime(2026, 2, 17, 10, 0, tzinfo=VN)
        self.assertEqual(calendar.register_due(received, urgent=False), D(2026, 2, 23))
        self.assertEqual(calendar.register_due(received, urgent=True), D(2026, 2, 23))

    def test_it_refuses_a_naive_datetime(self) -> None:
        with self.assertRaises(ValueError):
            calendar.register_due(datetime.datetime(2026, 3, 6, 9, 0), urgent=False)  # noqa: DTZ001


class NationalHolidaysMigrationTests(TestCase):
    def test_the_shipped_holidays_are_in_a_fresh_database(self) -> None:
        tet = CalendarDay.objects.get(agency=None, date=D(2026, 2, 16))
        self.assertFalse(tet.is_working)
        self.assertEqual(tet.name, "Tết Nguyên đán Bính Ngọ")
        self.assertFalse(calendar.is_working_day(D(2026, 2, 16)))
        self.assertTrue(CalendarDay.objects.get(agency=None, date=D(2025, 4, 26)).is_working)

    def test_the_shipped_file_covers_2025_and_2026_in_nfc(self) -> None:
        text = calendar.HOLIDAYS_FILE.read_text(encoding="utf-8")
        self.assertTrue(unicodedata.is_normalized("NFC", text))
        years = {day.date.year for day in calendar.parse_calendar(text)}
        self.assertEqual(years, {2025, 2026})

    def test_the_migration_is_idempotent_and_reversible(self) -> None:
        migration = importlib.import_module("congso.workflow.migrations.0002_national_holidays")
        count = CalendarDay.objects.filter(agency=None).count()
        agency_day = CalendarDay.objects.create(
            agency=make_agency(), date=D(2026, 2, 16), name="Trực Tết", is_working=True
        )
        migration.load_holidays(apps, None)
        self.assertEqual(CalendarDay.objects.filter(agency=None).count(), count)
        migration.unload_holidays(apps, None)
        self.assertFalse(CalendarDay.objects.filter(agency=None).exists())
        self.assertTrue(CalendarDay.objects.filter(pk=agency_day.pk).exists())


CALENDAR_2027 = """
[2027]
source = "Thông báo thử"
days = [
  { date = 2027-01-01, name = "Tết Dương lịch" },
  { from = 2027-02-05, to = 2027-02-09, name = "Tết Nguyên đán Đinh Mùi" },
  { date = 2027-01-09, name = "Làm bù", working = true },
]
"""


class LoadCalendarCommandTests(TestCase):
    agency: Agency

    @classmethod
    def setUpTestData(cls) -> None:
        cls.agency = make_agency()

    def setUp(self) -> None:
        work = tempfile.TemporaryDirectory()
        self.addCleanup(work.cleanup)
        self.dir = Path(work.name)

    def write(self, text: str) -> Path:
        path = self.dir / "lich.toml"
        path.write_text(text, encoding="utf-8")
        return path

    def load(self, text: str, *args: str) -> str:
        out = io.StringIO()
        call_command("load_calendar", str(self.write(text)), *args, stdout=out)
        return out.getvalue()

    def test_it_loads_national_days_from_a_file(self) -> None:
        output = self.load(CALENDAR_2027)
        self.assertIn("7 ngày mới", output)
        self.assertIn("Thêm ngày làm bù 09/01/2027: Làm bù.", output)
        self.assertEqual(CalendarDay.objects.filter(agency=None, date__year=2027).count(), 7)
        self.assertFalse(calendar.is_working_day(D(2027, 2, 8)))
        self.assertTrue(calendar.is_working_day(D(2027, 1, 9)))

    def test_loading_again_updates_and_adds_nothing_twice(self) -> None:
        self.load(CALENDAR_2027)
        output = self.load(CALENDAR_2027.replace('"Làm bù"', '"Làm bù cho thứ Sáu"'))
        self.assertIn("0 ngày mới, 1 ngày sửa, 6 ngày không đổi", output)
        self.assertEqual(
            CalendarDay.objects.get(agency=None, date=D(2027, 1, 9)).name, "Làm bù cho thứ Sáu"
        )
        self.assertEqual(CalendarDay.objects.filter(agency=None, date__year=2027).count(), 7)

    def test_it_loads_the_days_of_one_agency(self) -> None:
        output = self.load(CALENDAR_2027, "--agency", self.agency.code)
        self.assertIn(str(self.agency), output)
        self.assertEqual(CalendarDay.objects.filter(agency=self.agency).count(), 7)
        self.assertFalse(CalendarDay.objects.filter(agency=None, date__year=2027).exists())
        self.assertFalse(calendar.is_working_day(D(2027, 2, 8), agency_id=self.agency.pk))
        self.assertTrue(calendar.is_working_day(D(2027, 2, 8)))

    def test_it_rejects_an_unknown_agency(self) -> None:
        with self.assertRaisesMessage(CommandError, "Không có cơ quan nào mang mã H00.99"):
            self.load(CALENDAR_2027, "--agency", "H00.99")

    def test_it_rejects_a_file_that_is_not_toml_and_names_the_line(self) -> None:
        with self.assertRaisesMessage(CommandError, "không đúng cú pháp TOML ở dòng 4"):
            self.load('[2027]\ndays = [\n  { date = 2027-01-01, name = "Tết" },\n  { date = }\n]\n')
        self.assertFalse(CalendarDay.objects.filter(date__year=2027).exists())

    def test_it_rejects_a_date_outside_its_year_and_names_the_entry(self) -> None:
        text = CALENDAR_2027.replace("2027-01-09", "2026-01-09")
        with self.assertRaisesMessage(
            CommandError, "Mục thứ 3 của năm 2027 (2026-01-09): ngày không thuộc năm 2027."
        ):
            self.load(text)
        self.assertFalse(CalendarDay.objects.filter(date__year=2027).exists())

    def test_it_rejects_an_entry_without_a_name(self) -> None:
        with self.assertRaisesMessage(
            CommandError, "Mục thứ 1 của năm 2027 (2027-01-01): thiếu tên"
        ):
            self.load("[2027]\ndays = [{ date = 2027-01-01 }]\n")

    def test_it_rejects_a_quoted_date_and_a_misspelt_key(self) -> None:
        with self.assertRaisesMessage(CommandError, "NĂM-THÁNG-NGÀY"):
            self.load('[2027]\ndays = [{ date = "2027-01-01", name = "Tết" }]\n')
        with self.assertRaisesMessage(CommandError, "khóa không hợp lệ workin"):
            self.load("[2027]\ndays = [{ date = 2027-01-09, name = 'Làm bù', workin = true }]\n")

    def test_it_rejects_a_date_given_twice(self) -> None:
        text = CALENDAR_2027.replace("2027-01-09", "2027-02-06")
        with self.assertRaisesMessage(CommandError, "ngày 06/02/2027 đã có ở một mục khác"):
            self.load(text)

    def test_it_rejects_a_missing_file(self) -> None:
        with self.assertRaisesMessage(CommandError, "Không đọc được tệp"):
            call_command("load_calendar", str(self.dir / "khong-co.toml"), stdout=io.StringIO())


class CalendarDayAdminTests(TestCase):
    def setUp(self) -> None:
        operator = User.objects.create_superuser("quantri", "x", full_name="Quản trị", kind="staff")
        self.client.force_login(operator)

    def test_an_operator_lists_the_days_of_a_year(self) -> None:
        url = reverse("admin:workflow_calendarday_changelist")
        response = self.client.get(url, {"year": "2026", "is_working__exact": "0"})
        self.assertContains(response, "Tết Nguyên đán Bính Ngọ")
        self.assertContains(response, "Toàn quốc")
        self.assertNotContains(response, "Tết Nguyên đán Ất Tỵ")
        self.assertNotContains(response, "Làm bù cho thứ Sáu 02/01/2026")

    def test_a_second_national_row_for_a_date_is_refused(self) -> None:
        response = self.client.post(
            reverse("admin:workflow_calendarday_add"),
            {"date": "16/02/2026", "name": "Trùng ngày"},
        )
        self.assertContains(
            response, "Ngày 16/02/2026 đã có trong lịch này: Tết Nguyên đán Bính Ngọ."
        )
        self.assertNotContains(response, "calendar_day_national")
        self.assertEqual(CalendarDay.objects.filter(agency=None, date=D(2026, 2, 16)).count(), 1)

    def test_an_agency_may_have_its_own_row_for_a_national_date(self) -> None:
        agency = make_agency()
        response = self.client.post(
            reverse("admin:workflow_calendarday_add"),
            {"date": "16/02/2026", "name": "Trực Tết", "is_working": "on", "agency": agency.pk},
        )
        self.assertEqual(response.status_code, 302)
        self.assertTrue(calendar.is_working_day(D(2026, 2, 16), agency_id=agency.pk))
