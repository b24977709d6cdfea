import datetime
from io import StringIO

import time_machine
from django.conf import settings
from django.core import mail
from django.core.management import call_command

from congso.archive.tests.factories import make_document
from congso.org.models import User
from congso.org.testing import BaseTestCase
from congso.workflow import services, tasks
from congso.workflow.calendar import VIETNAM_TZ
from congso.workflow.models import Assignment, Notice
from congso.workflow.tests.factories import make_leader


def _at(day: int) -> datetime.datetime:
    return datetime.datetime(2026, 3, day, 8, 0, tzinfo=VIETNAM_TZ)


WEDNESDAY, THURSDAY, FRIDAY, TUESDAY = _at(11), _at(12), _at(13), _at(17)
MONDAY_DEADLINE = datetime.date(2026, 3, 16)


class RemindDeadlinesTests(BaseTestCase):
    giang: User

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.giang = make_leader(cls.agency_a)

    def assign(self, role_of_binh: str = "lead") -> Assignment:
        """A document given to unit A (so to its head, Bình) by Giang, due Monday."""
        with time_machine.travel(WEDNESDAY, tick=False):
            item = services.register_incoming(
                by=self.an,
                document=make_document(self.agency_a),
                values={"sender": "Bộ Nội vụ", "abstract": "V/v báo cáo chuyển đổi số"},
            )
            handler = services.Handler(unit=self.unit_a)
            directive = services.Directive(
                lead=handler if role_of_binh == "lead" else services.Handler(user=self.giang),
                informed=[handler] if role_of_binh == "inform" else [],
                deadline=MONDAY_DEADLINE,
            )
            made = services.assign_incoming(item=item, by=self.giang, directive=directive)
        return made[-1]

    def remind(self, when: datetime.datetime) -> int:
        with time_machine.travel(when, tick=False):
            return services.remind_deadlines()

    def reminders(self, user: User) -> list[str]:
        keys = Notice.objects.filter(user=user).values_list("key", flat=True)
        return sorted(key for key in keys if key.startswith(("due:", "overdue:")))

    def test_the_handler_is_reminded_the_working_day_before_a_monday_deadline(self) -> None:
        assignment = self.assign()
        self.assertEqual(self.remind(THURSDAY), 0)
        self.assertEqual(self.remind(FRIDAY), 1)
        self.assertEqual(self.reminders(self.binh), [f"due:{assignment.pk}"])
        self.assertEqual(self.reminders(self.giang), [])

    def test_overdue_work_is_told_to_the_handler_and_the_assigner(self) -> None:
        assignment = self.assign()
        self.assertEqual(self.remind(TUESDAY), 2)
        self.assertEqual(self.reminders(self.binh), [f"overdue:{assignment.pk}"])
        self.assertEqual(self.reminders(self.giang), [f"overdue:{assignment.pk}"])
        notice = Notice.objects.get(user=self.binh, key=f"overdue:{assignment.pk}")
        self.assertIn("16/03/2026", notice.text)
        self.assertEqual(notice.url, assignment.incoming.get_absolute_url())

    def test_a_reminder_is_never_given_twice(self) -> None:
        self.assign()
        self.assertEqual(self.remind(FRIDAY), 1)
        self.assertEqual(self.remind(FRIDAY), 0)
        self.assertEqual(self.remind(TUESDAY), 2)
        self.assertEqual(self.remind(TUESDAY), 0)
        self.assertEqual(len(self.reminders(self.binh)), 2)

    def test_reminders_are_mailed_to_people_with_an_address(self) -> None:
        self.binh.email = "binh@snv.example.gov.vn"
        self.binh.save(update_fields=["email"])
        self.assign()
        with self.captureOnCommitCallbacks(execute=True):
            self.remind(TUESDAY)  # Bình and Giang are told; only Bình has an address
        self.assertEqual(len(mail.outbox), 1)
        self.assertEqual(mail.outbox[0].to, ["binh@snv.example.gov.vn"])
        self.assertIn("Quá hạn xử lý", mail.outbox[0].subject)

    def test_finished_and_for_information_work_is_not_reminded(self) -> None:
        self.assign(role_of_binh="inform")
        lead = Assignment.objects.get(role=Assignment.Role.LEAD)
        services.finish_assignment(assignment=lead, by=self.giang, result="Xong")
        self.assertEqual(self.remind(TUESDAY), 0)

    def test_the_command_runs_and_says_how_many_notices_were_given(self) -> None:
        self.assign()
        out = StringIO()
        with time_machine.travel(FRIDAY, tick=False):
            call_command("remind_deadlines", stdout=out)
        self.assertIn("Đã gửi 1 thông báo nhắc hạn.", out.getvalue())

    def test_celery_beat_runs_the_reminders_daily(self) -> None:
        entry = settings.CELERY_BEAT_SCHEDULE["remind-deadlines"]
        self.assertEqual(entry["task"], tasks.remind_deadlines.name)
        self.assertEqual(entry["schedule"], 24 * 3600.0)
