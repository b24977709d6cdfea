import datetime

import time_machine
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import override_settings

from congso.archive.models import Document
from congso.archive.tests.factories import make_document
from congso.org.models import Role, User
from congso.org.testing import make_staff
from congso.workflow import services
from congso.workflow.models import (
    Dispatch,
    IncomingDocument,
    Notice,
    OutgoingDocument,
    Process,
)
from congso.workflow.tests.factories import WorkflowTestCase

ISSUE_DAY = datetime.datetime(2026, 3, 10, 3, 0, tzinfo=datetime.UTC)


class OutgoingTestCase(WorkflowTestCase):
    clerk_b: User

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.agency_a.symbol = "SNV"
        cls.agency_a.save(update_fields=["symbol"])
        cls.unit_a.code = "VP"
        cls.unit_a.save(update_fields=["code"])
        cls.clerk_b = make_staff(
            "thu",
            "Đinh Thị Thu",
            cls.agency_b,
            cls.unit_b,
            position="Văn thư",
            roles=[Role.Code.CLERK],
        )

    def draft(self, **values: object) -> OutgoingDocument:
        return services.create_draft(
            agency=self.agency_a,
            by=self.cuong,
            values={"doc_type": "Công văn", "abstract": "V/v báo cáo chuyển đổi số", **values},
            document=make_document(self.agency_a),
        )

    def approved(self, **values: object) -> OutgoingDocument:
        item = services.submit_draft(item=self.draft(**values), by=self.cuong)
        item = services.review_draft(item=item, by=self.binh, approve=True, comment="Được")
        return services.review_draft(item=item, by=self.giang, approve=True)

    def signed(self, **values: object) -> OutgoingDocument:
        return services.sign_outgoing(item=self.approved(**values), by=self.giang)

    def issue(self, item: OutgoingDocument, **recipients: object) -> OutgoingDocument:
        return services.issue_outgoing(
            item=item,
            by=self.an,
            recipients=services.Recipients(**(recipients or {"units": [self.unit_a]})),  # type: ignore[arg-type]
        )


class AppendingSigner:
    """Stands in for a remote-signing service: returns the file with a mark appended."""

    def sign(self, *, content: bytes, name: str, by: User) -> bytes | None:
        return content + b"\n% signed by " + by.username.encode()


class ApprovalTests(OutgoingTestCase):
    def test_the_draft_goes_unit_head_then_leader_who_signs(self) -> None:
        item = services.submit_draft(item=self.draft(), by=self.cuong)
        self.assertEqual(item.route, [Role.Code.UNIT_HEAD, Role.Code.LEADER])
        self.assertEqual(item.current_role, Role.Code.UNIT_HEAD)
        with self.assertRaises(PermissionDenied):
            services.review_draft(item=item, by=self.giang, approve=True)
        item = services.review_draft(item=item, by=self.binh, approve=True)
        self.assertEqual(item.current_role, Role.Code.LEADER)
        item = services.review_draft(item=item, by=self.giang, approve=True)
        self.assertEqual(item.state, OutgoingDocument.State.APPROVED)
        self.assertEqual(item.signer, self.giang)

    def test_a_returned_draft_goes_back_to_the_drafter_with_the_comment(self) -> None:
        item = services.submit_draft(item=self.draft(), by=self.cuong)
        with self.assertRaises(ValidationError):
            services.review_draft(item=item, by=self.binh, approve=False)
        item = services.review_draft(item=item, by=self.binh, approve=False, comment="Sửa số liệu")
        self.assertEqual(item.state, OutgoingDocument.State.DRAFT)
        self.assertEqual(item.reviews.last().comment, "Sửa số liệu")  # type: ignore[union-attr]
        item = services.submit_draft(item=item, by=self.cuong)
        self.assertEqual(item.current_role, Role.Code.UNIT_HEAD)

    def test_a_unit_heads_own_draft_skips_their_step(self) -> None:
        item = services.create_draft(
            agency=self.agency_a,
            by=self.binh,
            values={"doc_type": "Tờ trình", "abstract": "X"},
            document=make_document(self.agency_a),
        )
        item = services.submit_draft(item=item, by=self.binh)
        self.assertEqual(item.current_role, Role.Code.LEADER)

    def test_the_configured_route_applies_to_new_drafts_only(self) -> None:
        running = services.submit_draft(item=self.draft(), by=self.cuong)
        Process.objects.create(
            agency=self.agency_a,
            name="Công văn một bước",
            direction="outgoing",
            doc_type="Công văn",
            approval_roles=[Role.Code.LEADER],
        )
        fresh = services.submit_draft(item=self.draft(), by=self.cuong)
        self.assertEqual(fresh.route, [Role.Code.LEADER])
        running.refresh_from_db()
        self.assertEqual(running.route, [Role.Code.UNIT_HEAD, Role.Code.LEADER])

    def test_a_draft_needs_its_file_before_it_is_submitted(self) -> None:
        item = services.create_draft(
            agency=self.agency_a, by=self.cuong, values={"doc_type": "Công văn", "abstract": "X"}
        )
        with self.assertRaises(ValidationError):
            services.submit_draft(item=item, by=self.cuong)

    @override_settings(CONGSO_SIGNER="congso.workflow.tests.test_outgoing:AppendingSigner")
    def test_the_configured_signer_signs_and_its_file_becomes_the_last_version(self) -> None:
        item = services.sign_outgoing(item=self.approved(), by=self.giang)
        assert item.document is not None
        self.assertEqual(item.document.version, 2)
        self.assertEqual(item.signed_sha256, item.document.sha256)

    @override_settings(CONGSO_SIGNER="congso.nowhere:Signer")
    def test_a_signer_that_cannot_be_loaded_fails_the_system_check(self) -> None:
        from congso.workflow import checks

        self.assertEqual([e.id for e in checks.signer_is_importable(None)], ["congso.E020"])

    def test_only_the_last_approver_signs_and_the_signed_file_is_kept(self) -> None:
        item = self.approved()
        with self.assertRaises(PermissionDenied):
            services.sign_outgoing(item=item, by=self.binh)
        item = services.sign_outgoing(item=item, by=self.giang)
        assert item.document is not None
        self.assertEqual(item.signed_sha256, item.document.sha256)


class IssueTests(OutgoingTestCase):
    @time_machine.travel(ISSUE_DAY)
    def test_issuing_numbers_the_document_in_the_agency_series_of_the_year(self) -> None:
        first = self.issue(self.signed())
        second = self.issue(self.signed(doc_type="Quyết định", abstract="Về việc ban hành"))
        self.assertEqual(first.number_symbol, "01/SNV-VP")
        self.assertEqual(second.number_symbol, "02/QĐ-SNV")
        self.assertEqual(first.issued_date, datetime.date(2026, 3, 10))

    @time_machine.travel(ISSUE_DAY)
    def test_secret_and_legal_normative_documents_have_their_own_series(self) -> None:
        self.issue(self.signed())
        secret = self.issue(self.signed(secrecy="mat"))
        normative = self.issue(self.signed(doc_type="Quyết định", legal_normative=True))
        self.assertEqual((secret.series, secret.number), ("secret", 1))
        self.assertEqual(normative.number_symbol, "01/2026/QĐ-SNV")

    def test_numbering_starts_again_on_the_first_of_january(self) -> None:
        with time_machine.travel(datetime.datetime(2026, 12, 31, 3, 0, tzinfo=datetime.UTC)):
            self.issue(self.signed())
            self.issue(self.signed())
        with time_machine.travel(datetime.datetime(2027, 1, 4, 3, 0, tzinfo=datetime.UTC)):
            january = self.issue(self.signed())
        self.assertEqual((january.year, january.number), (2027, 1))

    def test_only_a_clerk_issues_and_the_signed_file_is_not_altered(self) -> None:
        item = self.signed()
        with self.assertRaises(PermissionDenied):
            self.issue_by(item, self.giang)
        item = self.issue(item)
        assert item.document is not None
        item.document.refresh_from_db()
        self.assertEqual(item.document.sha256, item.signed_sha256)
        self.assertEqual(item.document.number_symbol, item.number_symbol)

    def issue_by(self, item: OutgoingDocument, user: User) -> None:
        services.issue_outgoing(
            item=item,
            by=user,
            recipients=services.Recipients(units=[self.unit_a]),
        )

    def test_a_document_cannot_be_issued_before_it_is_signed(self) -> None:
        with self.assertRaises(ValidationError):
            self.issue(self.approved())

    def test_outside_recipients_get_an_email_with_the_file(self) -> None:
        item = self.signed()
        with self.captureOnCommitCallbacks(execute=True):
            self.issue(item, emails=["vanthu@example.gov.vn"])
        self.assertEqual(len(mail.outbox), 1)
        self.assertEqual(mail.outbox[0].to, ["vanthu@example.gov.vn"])
        self.assertEqual(len(mail.outbox[0].attachments), 1)


class InterAgencyTests(OutgoingTestCase):
    def test_another_agency_receives_it_as_incoming_and_the_sender_sees_the_receipt(self) -> None:
        item = self.issue(self.signed(), agencies=[self.agency_b])
        received = IncomingDocument.objects.get(agency=self.agency_b)
        self.assertEqual(received.state, IncomingDocument.State.RECEIVED)
        self.assertEqual(received.number_symbol, item.number_symbol)
        self.assertEqual(received.document.agency, self.agency_b)
        self.assertEqual(received.document.source, Document.Source.TRANSFER)
        registered = services.register_incoming(by=self.clerk_b, item=received, values={})
        self.assertEqual(registered.number, 1)
        dispatch = Dispatch.objects.get(outgoing=item)
        self.assertIsNotNone(dispatch.received_at)
        receipt = Notice.objects.get(user=self.an, text__contains="đã nhận văn bản")
        self.assertEqual(receipt.url, item.get_absolute_url())

    def test_the_receiver_returns_a_wrongly_addressed_document(self) -> None:
        item = self.issue(self.signed(), agencies=[self.agency_b])
        received = IncomingDocument.objects.get(agency=self.agency_b)
        services.return_to_sender(item=received, by=self.clerk_b, reason="Gửi nhầm cơ quan")
        self.assertEqual(Dispatch.objects.get(outgoing=item).returned_reason, "Gửi nhầm cơ quan")

    def test_recalling_cancels_the_copy_in_the_receiving_agency(self) -> None:
        item = self.issue(self.signed(), agencies=[self.agency_b])
        services.recall_outgoing(item=item, by=self.an, reason="Sai thể thức")
        received = IncomingDocument.objects.get(agency=self.agency_b)
        self.assertEqual(received.state, IncomingDocument.State.RECALLED)
        item.refresh_from_db()
        self.assertEqual(item.state, OutgoingDocument.State.RECALLED)

    def test_a_reply_is_linked_to_the_incoming_document(self) -> None:
        from congso.workflow.tests.factories import make_incoming

        incoming = make_incoming(self.agency_a)
        item = self.draft()
        reply = services.create_draft(
            agency=self.agency_a,
            by=self.cuong,
            values={"doc_type": "Công văn", "abstract": "Trả lời"},
            document=make_document(self.agency_a),
            reply_to=incoming,
        )
        self.assertEqual(list(incoming.replies.all()), [reply])
        self.assertIsNone(item.reply_to)

    def test_staff_of_another_agency_cannot_draft_for_it(self) -> None:
        with self.assertRaises(PermissionDenied):
            services.create_draft(
                agency=self.agency_a, by=self.chi, values={"doc_type": "Công văn", "abstract": "X"}
            )
