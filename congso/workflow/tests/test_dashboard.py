import datetime

import time_machine
from django.urls import reverse

from congso.archive.tests.factories import make_document
from congso.org.models import Role
from congso.workflow import dashboards, services
from congso.workflow.calendar import VIETNAM_TZ
from congso.workflow.models import Assignment, IncomingDocument, Notice
from congso.workflow.services.incoming import receive
from congso.workflow.tests.factories import WorkflowTestCase, make_outgoing


def _at(year: int, month: int, day: int, hour: int = 9) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, 0, tzinfo=VIETNAM_TZ)


# Wednesday 11/3/2026: a Monday deadline lies across the weekend.
WEDNESDAY = _at(2026, 3, 11)
MONDAY_DEADLINE = datetime.date(2026, 3, 16)


class DashboardTestCase(WorkflowTestCase):
    def register(self, abstract: str = "V/v triển khai chuyển đổi số") -> IncomingDocument:
        return services.register_incoming(
            by=self.an,
            document=make_document(self.agency_a),
            values={
                "sender": "Ủy ban nhân dân tỉnh Tây Ninh",
                "number_symbol": "123/UBND-VP",
                "doc_type": "Công văn",
                "abstract": abstract,
            },
        )

    def direct(
        self,
        item: IncomingDocument,
        lead: services.Handler,
        deadline: datetime.date | None = None,
        coordinators: list[services.Handler] | None = None,
    ) -> list[Assignment]:
        directive = services.Directive(
            lead=lead, coordinators=coordinators or [], deadline=deadline, note="Xử lý"
        )
        return services.assign_incoming(item=item, by=self.giang, directive=directive)

    def receive(self, abstract: str) -> IncomingDocument:
        return receive(
            agency=self.agency_a,
            document=make_document(self.agency_a),
            received_at=_at(2026, 3, 11),
            values={"sender": "Bộ Nội vụ", "number_symbol": "45/BNV-VP", "abstract": abstract},
        )


class MyTasksTests(DashboardTestCase):
    def test_it_shows_work_given_to_me_and_not_work_given_to_others(self) -> None:
        self.direct(self.register("Việc giao cho Cường"), services.Handler(user=self.cuong))
        self.direct(self.register("Việc giao Phòng Kế hoạch"), services.Handler(unit=self.unit_c))
        self.client.force_login(self.cuong)
        response = self.client.get(reverse("workflow:dashboard"))
        self.assertContains(response, "Việc giao cho Cường")
        self.assertNotContains(response, "Việc giao Phòng Kế hoạch")

    def test_work_given_to_a_unit_waits_for_its_head(self) -> None:
        self.direct(self.register("Việc của phòng"), services.Handler(unit=self.unit_a))
        self.assertEqual([t.summary for t in dashboards.my_tasks(self.binh)], ["Việc của phòng"])
        self.assertEqual(dashboards.my_tasks(self.hoa), [])
        self.assertEqual(dashboards.my_tasks(self.cuong), [])

    def test_the_clerk_sees_documents_waiting_to_be_registered(self) -> None:
        self.receive("Văn bản chờ vào sổ")
        tasks = dashboards.my_tasks(self.an)
        self.assertEqual([(t.kind, t.summary) for t in tasks], [("register", "Văn bản chờ vào sổ")])
        self.assertEqual(dashboards.my_tasks(self.binh), [])
        self.client.force_login(self.an)
        self.assertContains(self.client.get(reverse("workflow:dashboard")), "Văn bản chờ vào sổ")

    def test_a_document_sent_to_my_unit_waits_until_someone_there_receives_it(self) -> None:
        draft = services.create_draft(
            agency=self.agency_a,
            by=self.giang,
            values={"doc_type": "Thông báo", "abstract": "Thông báo lịch họp"},
            document=make_document(self.agency_a),
        )
        draft.route = [Role.Code.LEADER]
        draft.save(update_fields=["route"])
        services.submit_draft(item=draft, by=self.giang)
        services.review_draft(item=draft, by=self.giang, approve=True)
        services.sign_outgoing(item=draft, by=self.giang)
        services.issue_outgoing(
            item=draft, by=self.an, recipients=services.Recipients(units=[self.unit_c])
        )
        self.assertEqual([t.kind for t in dashboards.my_tasks(self.hoa)], ["acknowledge"])
        self.assertEqual(dashboards.my_tasks(self.cuong), [])  # another unit
        services.acknowledge(dispatch=draft.dispatches.get(), by=self.hoa)
        self.assertEqual(dashboards.my_tasks(self.hoa), [])

    def test_drafts_wait_for_the_head_of_the_drafting_unit_then_the_leader(self) -> None:
        draft = services.create_draft(
            agency=self.agency_a,
            by=self.cuong,
            values={"doc_type": "Công văn", "abstract": "Dự thảo báo cáo"},
            document=make_document(self.agency_a),
        )
        draft = services.submit_draft(item=draft, by=self.cuong)
        self.assertEqual([t.kind for t in dashboards.my_tasks(self.binh)], ["review"])
        self.assertEqual(dashboards.my_tasks(self.hoa), [])  # head of another unit
        self.assertEqual(dashboards.my_tasks(self.giang), [])
        draft = services.review_draft(item=draft, by=self.binh, approve=True)
        self.assertEqual([t.kind for t in dashboards.my_tasks(self.giang)], ["review"])
        draft = services.review_draft(item=draft, by=self.giang, approve=True)
        self.assertEqual([t.kind for t in dashboards.my_tasks(self.giang)], ["sign"])
        services.sign_outgoing(item=draft, by=self.giang)
        self.assertEqual(dashboards.my_tasks(self.giang), [])
        self.assertEqual([t.kind for t in dashboards.my_tasks(self.an)], ["issue"])

    def test_deadlines_are_marked_due_soon_the_working_day_before_and_then_overdue(self) -> None:
        with time_machine.travel(WEDNESDAY, tick=False) as traveller:
            self.direct(self.register(), services.Handler(user=self.cuong), MONDAY_DEADLINE)
            marks = {}
            for day in (11, 12, 13, 14, 16, 17):  # Wednesday to Tuesday
                traveller.move_to(_at(2026, 3, day))
                (task,) = dashboards.my_tasks(self.cuong)
                marks[day] = (task.due_soon, task.overdue)
            self.client.force_login(self.cuong)
            self.assertContains(self.client.get(reverse("workflow:dashboard")), "badge--overdue")
        self.assertEqual(
            marks,
            {
                11: (False, False),
                12: (False, False),
                13: (True, False),  # Friday: Monday is the next working day
                14: (True, False),  # Saturday
                16: (True, False),  # Monday: due today
                17: (False, True),
            },
        )

    def test_overdue_work_comes_first(self) -> None:
        with time_machine.travel(WEDNESDAY, tick=False) as traveller:
            later = datetime.date(2026, 3, 30)
            self.direct(self.register("Hạn cuối tháng"), services.Handler(user=self.cuong), later)
            self.direct(
                self.register("Hạn thứ Hai"), services.Handler(user=self.cuong), MONDAY_DEADLINE
            )
            self.direct(self.register("Không có hạn"), services.Handler(user=self.cuong))
            traveller.move_to(_at(2026, 3, 17))
            order = [task.summary for task in dashboards.my_tasks(self.cuong)]
        self.assertEqual(order, ["Hạn thứ Hai", "Hạn cuối tháng", "Không có hạn"])


class UnitPendingTests(DashboardTestCase):
    def test_it_lists_open_work_of_my_unit_overdue_first(self) -> None:
        with time_machine.travel(WEDNESDAY, tick=False) as traveller:
            self.direct(
                self.register("Chủ trì, còn hạn"),
                services.Handler(unit=self.unit_a),
                datetime.date(2026, 3, 20),
            )
            self.direct(
                self.register("Phối hợp, quá hạn"),
                services.Handler(unit=self.unit_c),
                datetime.date(2026, 3, 12),
                coordinators=[services.Handler(user=self.cuong, unit=self.unit_a)],
            )
            self.direct(self.register("Việc phòng khác"), services.Handler(unit=self.unit_c))
            traveller.move_to(_at(2026, 3, 13))
            pending = dashboards.unit_pending(self.cuong)
        self.assertEqual(
            [(p.assignment.incoming.abstract, p.overdue) for p in pending],
            [("Phối hợp, quá hạn", True), ("Chủ trì, còn hạn", False)],
        )


class OverdueByUnitTests(DashboardTestCase):
    def test_it_counts_open_overdue_and_due_soon_work_per_unit(self) -> None:
        with time_machine.travel(WEDNESDAY, tick=False) as traveller:
            self.direct(self.register(), services.Handler(unit=self.unit_a), MONDAY_DEADLINE)
            self.direct(
                self.register(), services.Handler(unit=self.unit_a), datetime.date(2026, 3, 12)
            )
            self.direct(
                self.register(), services.Handler(unit=self.unit_c), datetime.date(2026, 3, 31)
            )
            done = self.direct(
                self.register(), services.Handler(unit=self.unit_c), datetime.date(2026, 3, 12)
            )
            services.finish_assignment(assignment=done[0], by=self.hoa, result="Xong")
            traveller.move_to(_at(2026, 3, 13))  # Friday
            loads = {
                load.unit.name: (load.open, load.overdue, load.due_soon)
                for load in dashboards.overdue_by_unit(self.giang)
            }
        self.assertEqual(loads, {"Phòng Hành chính A": (2, 1, 1), "Phòng Kế hoạch A": (1, 0, 0)})
        self.assertEqual(list(loads), ["Phòng Hành chính A", "Phòng Kế hoạch A"])


class ThroughputTests(DashboardTestCase):
    def handled(
        self, registered: datetime.datetime, deadline: datetime.date, finished: datetime.datetime
    ) -> None:
        with time_machine.travel(registered, tick=False):
            item = self.register()
            lead = self.direct(item, services.Handler(user=self.cuong), deadline)[0]
        with time_machine.travel(finished, tick=False):
            services.finish_assignment(assignment=lead, by=self.cuong, result="Xong")

    def test_it_counts_registered_finished_and_issued_documents_per_month(self) -> None:
        self.handled(_at(2026, 1, 12), datetime.date(2026, 1, 20), _at(2026, 1, 19))
        # Finished at 06:00 on the 21st in Vietnam, still the 20th in UTC: late.
        self.handled(_at(2026, 1, 15), datetime.date(2026, 1, 20), _at(2026, 1, 21, hour=6))
        # Registered at 01:00 on 1 February in Vietnam, still January in UTC.
        with time_machine.travel(_at(2026, 2, 1, hour=1), tick=False):
            self.register()
        make_outgoing(self.agency_a, self.giang, issued_date=datetime.date(2026, 2, 10))
        make_outgoing(self.agency_a, self.giang, issued_date=datetime.date(2026, 3, 2))
        with time_machine.travel(_at(2026, 3, 20), tick=False):
            months = dashboards.throughput(self.binh)
        self.assertEqual(len(months), 12)
        self.assertEqual(months[0].month, datetime.date(2025, 4, 1))
        figures = {
            f"{m.month:%m/%Y}": (m.registered, m.finished, m.on_time, m.late, m.issued)
            for m in months[-3:]
        }
        self.assertEqual(
            figures,
            {"01/2026": (2, 2, 1, 1, 0), "02/2026": (1, 0, 0, 0, 1), "03/2026": (0, 0, 0, 0, 1)},
        )

    def test_the_page_shows_the_chart_and_its_table(self) -> None:
        with time_machine.travel(_at(2026, 3, 20), tick=False):
            self.register()
            self.client.force_login(self.binh)
            response = self.client.get(reverse("workflow:dashboard"))
        self.assertContains(response, "<svg", count=1)
        self.assertContains(response, 'class="chart__bar chart__bar--registered"', count=12)
        self.assertContains(response, "03/2026")


class DashboardAccessTests(DashboardTestCase):
    def test_staff_of_another_agency_see_nothing_of_it(self) -> None:
        self.direct(self.register("Việc mật của Sở A"), services.Handler(unit=self.unit_a))
        self.receive("Văn bản đến riêng của Sở A")
        self.client.force_login(self.chi)
        response = self.client.get(reverse("workflow:dashboard"))
        self.assertEqual(response.status_code, 200)
        for secret in ("Việc mật của Sở A", "Văn bản đến riêng", self.unit_a.name, "123/UBND"):
            self.assertNotContains(response, secret)
        self.assertEqual(dashboards.my_tasks(self.chi), [])
        self.assertEqual(dashboards.unit_pending(self.chi), [])
        self.assertEqual(
            [load.unit for load in dashboards.overdue_by_unit(self.chi)], [self.unit_b]
        )
        self.assertFalse(any(m.registered for m in dashboards.throughput(self.chi)))

    def test_citizens_are_refused(self) -> None:
        self.client.force_login(self.dung)
        self.assertEqual(self.client.get(reverse("workflow:dashboard")).status_code, 403)
        self.assertEqual(self.client.get(reverse("workflow:notices")).status_code, 403)

    def test_the_home_page_panel_counts_my_work(self) -> None:
        self.receive("Văn bản chờ vào sổ")
        services.notify(users=[self.an], text="Có văn bản mới", key="k1")
        self.client.force_login(self.an)
        response = self.client.get(reverse("home"))
        self.assertContains(response, "Công việc của tôi")
        panel = next(p for p in response.context["panels"] if p.template.startswith("workflow/"))
        self.assertEqual((panel.context["tasks"], panel.context["unread"]), (1, 1))


class NoticesPageTests(DashboardTestCase):
    def setUp(self) -> None:
        with time_machine.travel(_at(2026, 3, 10), tick=False):
            services.notify(users=[self.an], text="Thông báo cũ", url="/van-ban/", key="old")
        with time_machine.travel(_at(2026, 3, 11), tick=False):
            services.notify(users=[self.an], text="Thông báo mới", url="/van-ban/", key="new")
        self.old = Notice.objects.get(user=self.an, key="old")

    def test_it_lists_my_notices_newest_first(self) -> None:
        self.client.force_login(self.an)
        page = self.client.get(reverse("workflow:notices")).content.decode()
        self.assertLess(page.index("Thông báo mới"), page.index("Thông báo cũ"))
        self.assertIn('href="/van-ban/"', page)

    def test_it_marks_one_notice_then_all_read(self) -> None:
        self.client.force_login(self.an)
        url = reverse("workflow:notices")
        response = self.client.post(url, {"notice": self.old.pk})
        self.assertRedirects(response, url)
        self.assertEqual(
            set(Notice.objects.filter(user=self.an).unread().values_list("key", flat=True)),
            {"new"},
        )
        self.client.post(url)
        self.assertFalse(Notice.objects.filter(user=self.an).unread().exists())

    def test_it_refuses_a_malformed_notice(self) -> None:
        self.client.force_login(self.an)
        response = self.client.post(reverse("workflow:notices"), {"notice": "x"})
        self.assertEqual(response.status_code, 400)

    def test_others_neither_see_nor_mark_my_notices(self) -> None:
        self.client.force_login(self.chi)
        url = reverse("workflow:notices")
        self.assertNotContains(self.client.get(url), "Thông báo cũ")
        self.client.post(url, {"notice": self.old.pk})
        self.client.post(url)
        self.assertEqual(Notice.objects.filter(user=self.an).unread().count(), 2)
