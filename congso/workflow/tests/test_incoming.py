import datetime

import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from congso.archive.tests.factories import make_document
from congso.core.models import AuditEntry
from congso.org.models import Role
from congso.workflow import services
from congso.workflow.models import Assignment, IncomingDocument, Notice, Process
from congso.workflow.tests.factories import WorkflowTestCase

# A Wednesday, so that deadlines cross a weekend.
MONDAY_MORNING = datetime.datetime(2026, 3, 9, 9, 0, tzinfo=datetime.UTC)


def _values(**overrides: object) -> dict[str, object]:
    return {
        "sender": "Ủy ban nhân dân tỉnh Tây Ninh",
        "number_symbol": "123/UBND-VP",
        "doc_date": datetime.date(2026, 3, 2),
        "doc_type": "Công văn",
        "abstract": "V/v triển khai chuyển đổi số",
        **overrides,
    }


class IncomingTestCase(WorkflowTestCase):
    def register(self, **overrides: object) -> IncomingDocument:
        document = make_document(self.agency_a)
        return services.register_incoming(
            by=self.an, document=document, values=_values(**overrides)
        )

    def direct(self, item: IncomingDocument, **kwargs: object) -> list[Assignment]:
        directive = services.Directive(
            lead=services.Handler(unit=self.unit_a),
            coordinators=[services.Handler(unit=self.unit_c)],
            informed=[services.Handler(user=self.cuong)],
            note="Phòng Hành chính chủ trì, tham mưu trả lời.",
            **kwargs,  # type: ignore[arg-type]
        )
        return services.assign_incoming(item=item, by=self.giang, directive=directive)


class RegisterIncomingTests(IncomingTestCase):
    def test_numbers_follow_the_order_of_receipt_within_the_year(self) -> None:
        with time_machine.travel(datetime.datetime(2025, 12, 31, 9, 0, tzinfo=datetime.UTC)):
            last_year = self.register()
        first, second = self.register(), self.register()
        self.assertEqual(last_year.number, 1)
        self.assertEqual((first.number, second.number), (1, 2))
        self.assertEqual(first.state, IncomingDocument.State.REGISTERED)
        self.assertEqual(first.registered_by, self.an)

    def test_the_same_document_is_not_registered_twice(self) -> None:
        document = make_document(self.agency_a)
        first = services.register_incoming(by=self.an, document=document, values=_values())
        with self.assertRaisesMessage(ValidationError, f"số {first.number}/{first.year}"):
            services.register_incoming(by=self.an, document=document, values=_values())

    def test_only_a_clerk_registers(self) -> None:
        with self.assertRaises(PermissionDenied):
            services.register_incoming(
                by=self.cuong, document=make_document(self.agency_a), values=_values()
            )

    def test_the_reading_prefills_the_register(self) -> None:
        document = make_document(
            self.agency_a,
            number_symbol="45/QĐ-UBND",
            issuer="UBND tỉnh",
            abstract="Về việc X",
            doc_type="Quyết định",
            urgency="khan",
        )
        values = services.prefill(document)
        self.assertEqual(values["number_symbol"], "45/QĐ-UBND")
        self.assertEqual(values["sender"], "UBND tỉnh")
        self.assertEqual(values["urgency"], "khan")

    def test_leaders_are_told_a_document_waits_for_direction(self) -> None:
        self.register()
        self.assertTrue(Notice.objects.filter(user=self.giang).exists())

    def test_registering_is_audited(self) -> None:
        item = self.register()
        self.assertTrue(
            AuditEntry.objects.filter(verb="register_incoming", target_id=str(item.pk)).exists()
        )


class AssignIncomingTests(IncomingTestCase):
    def test_the_leader_assigns_lead_coordinators_and_informed(self) -> None:
        item = self.register()
        made = self.direct(item, deadline=datetime.date(2026, 12, 31))
        self.assertEqual(
            [a.role for a in made],
            [Assignment.Role.LEAD, Assignment.Role.COORDINATE, Assignment.Role.INFORM],
        )
        item.refresh_from_db()
        self.assertEqual(item.state, IncomingDocument.State.IN_PROGRESS)
        self.assertEqual(item.direction_note, "Phòng Hành chính chủ trì, tham mưu trả lời.")
        self.assertTrue(Notice.objects.filter(user=self.binh).exists())  # head of the lead unit

    def test_a_clerk_cannot_assign(self) -> None:
        item = self.register()
        with self.assertRaises(PermissionDenied):
            services.assign_incoming(
                item=item,
                by=self.an,
                directive=services.Directive(lead=services.Handler(unit=self.unit_a)),
            )

    def test_a_unit_of_another_agency_cannot_be_assigned(self) -> None:
        item = self.register()
        with self.assertRaises(ValidationError):
            services.assign_incoming(
                item=item,
                by=self.giang,
                directive=services.Directive(lead=services.Handler(unit=self.unit_b)),
            )

    @time_machine.travel(datetime.datetime(2026, 3, 13, 9, 0, tzinfo=datetime.UTC))
    def test_the_process_sets_the_usual_deadline_in_working_days(self) -> None:
        Process.objects.create(
            agency=self.agency_a,
            name="Văn bản đến",
            direction="incoming",
            handling_days=2,
            director_role_id=Role.Code.LEADER,
        )
        item = self.register()
        self.direct(item)
        item.refresh_from_db()
        # Friday 13/3 + 2 working days = Tuesday 17/3.
        self.assertEqual(item.deadline, datetime.date(2026, 3, 17))

    def test_a_running_item_keeps_the_director_it_was_registered_with(self) -> None:
        item = self.register()
        Process.objects.create(
            agency=self.agency_a,
            name="Văn bản đến",
            direction="incoming",
            director_role_id=Role.Code.UNIT_HEAD,
        )
        self.assertEqual(item.director_role, Role.Code.LEADER)
        self.direct(item)  # Giang (leader) may still direct it
        later = self.register()
        self.assertEqual(later.director_role, Role.Code.UNIT_HEAD)


class HandleIncomingTests(IncomingTestCase):
    def test_the_unit_head_reassigns_inside_the_unit_and_the_handler_finishes(self) -> None:
        item = self.register()
        lead = self.direct(item)[0]
        mine = services.reassign(
            assignment=lead, by=self.binh, user=self.cuong, deadline=None, note="Cường xử lý"
        )
        services.record_progress(assignment=mine, by=self.cuong, text="Đang dự thảo trả lời")
        services.finish_assignment(assignment=mine, by=self.cuong, result="Đã trả lời")
        item.refresh_from_db()
        lead.refresh_from_db()
        self.assertEqual(item.state, IncomingDocument.State.DONE)
        self.assertEqual(lead.state, Assignment.State.DONE)
        self.assertEqual(item.progress_notes.get().text, "Đang dự thảo trả lời")

    def test_a_unit_head_cannot_reassign_outside_the_unit(self) -> None:
        item = self.register()
        lead = self.direct(item)[0]
        with self.assertRaises(ValidationError):
            services.reassign(assignment=lead, by=self.binh, user=self.hoa, deadline=None, note="")

    def test_a_coordinating_unit_cannot_finish_the_leads_task(self) -> None:
        item = self.register()
        lead, coordinate, _informed = self.direct(item)
        with self.assertRaises(PermissionDenied):
            services.finish_assignment(assignment=lead, by=self.hoa, result="xong")
        services.finish_assignment(assignment=coordinate, by=self.hoa, result="Đã góp ý")
        item.refresh_from_db()
        self.assertEqual(item.state, IncomingDocument.State.IN_PROGRESS)

    def test_returning_the_lead_puts_the_document_back_to_direction(self) -> None:
        item = self.register()
        lead = self.direct(item)[0]
        with self.assertRaises(ValidationError):
            services.return_assignment(assignment=lead, by=self.binh, reason=" ")
        services.return_assignment(assignment=lead, by=self.binh, reason="Không thuộc lĩnh vực")
        item.refresh_from_db()
        self.assertEqual(item.state, IncomingDocument.State.REGISTERED)
        self.assertTrue(
            Notice.objects.filter(user=self.giang, text__contains="Không thuộc").exists()
        )

    def test_the_leader_recalls_and_reassigns(self) -> None:
        item = self.register()
        lead = self.direct(item)[0]
        services.recall_assignment(assignment=lead, by=self.giang, reason="Giao lại")
        item.refresh_from_db()
        self.assertEqual(item.state, IncomingDocument.State.REGISTERED)
        self.direct(item)
        item.refresh_from_db()
        self.assertEqual(item.state, IncomingDocument.State.IN_PROGRESS)

    def test_forwarding_hands_the_line_to_another_unit(self) -> None:
        item = self.register()
        lead = self.direct(item)[0]
        new = services.forward_assignment(
            assignment=lead,
            by=self.binh,
            to=services.Handler(unit=self.unit_c),
            reason="Phòng Kế hoạch phụ trách",
        )
        self.assertEqual(new.role, Assignment.Role.LEAD)
        self.assertEqual(new.unit, self.unit_c)
        services.finish_assignment(assignment=new, by=self.hoa, result="Xong")
        item.refresh_from_db()
        self.assertEqual(item.state, IncomingDocument.State.DONE)

    def test_someone_not_assigned_cannot_record_progress(self) -> None:
        item = self.register()
        lead = self.direct(item)[0]
        with self.assertRaises(PermissionDenied):
            services.record_progress(assignment=lead, by=self.cuong, text="…")


class IncomingVisibilityTests(IncomingTestCase):
    def test_leaders_see_every_item_and_others_see_secret_ones_only_when_assigned(self) -> None:
        plain, secret = self.register(), self.register(secrecy="mat")
        visible = IncomingDocument.objects.visible_to
        # A leader sees plain items too, not only secret ones (an empty Q once hid them).
        self.assertEqual(set(visible(self.giang)), {plain, secret})
        self.assertEqual(set(visible(self.cuong)), {plain})
        services.assign_incoming(
            item=secret,
            by=self.giang,
            directive=services.Directive(lead=services.Handler(user=self.cuong)),
        )
        self.assertEqual(set(visible(self.cuong)), {plain, secret})
        self.assertEqual(set(visible(self.chi)), set())
