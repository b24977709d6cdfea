import threading
import unittest

from django.db import connection, connections, transaction

from congso.archive.tests.factories import make_document
from congso.core.testing import AuditedTransactionTestCase
from congso.org.models import Agency, Role, User
from congso.org.testing import make_agency, make_staff, make_unit
from congso.workflow import services
from congso.workflow.models import OutgoingDocument
from congso.workflow.services import numbering


class NextNumberTests(AuditedTransactionTestCase):
    def test_numbers_of_one_series_follow_each_other_and_series_are_apart(self) -> None:
        agency = make_agency()
        with transaction.atomic():
            got = [numbering.next_number(agency=agency, year=2026, key="admin") for _ in range(3)]
            other = numbering.next_number(agency=agency, year=2026, key="secret")
            next_year = numbering.next_number(agency=agency, year=2027, key="admin")
        self.assertEqual(got, [1, 2, 3])
        self.assertEqual((other, next_year), (1, 1))

    def test_a_rolled_back_transaction_gives_its_number_back(self) -> None:
        agency = make_agency()
        with self.assertRaises(RuntimeError), transaction.atomic():
            numbering.next_number(agency=agency, year=2026, key="admin")
            raise RuntimeError("the issue failed")
        with transaction.atomic():
            self.assertEqual(numbering.next_number(agency=agency, year=2026, key="admin"), 1)

    def test_it_refuses_to_run_outside_a_transaction(self) -> None:
        with self.assertRaises(RuntimeError):
            numbering.next_number(agency=make_agency(), year=2026, key="admin")


@unittest.skipUnless(connection.vendor == "postgresql", "concurrent writers need PostgreSQL")
class ConcurrentNumberingTests(AuditedTransactionTestCase):
    def test_clerks_issuing_at_the_same_instant_get_distinct_consecutive_numbers(self) -> None:
        agency = make_agency()
        clerks, rounds = 8, 5
        start = threading.Barrier(clerks)
        numbers: list[int] = []
        errors: list[BaseException] = []

        def clerk() -> None:
            try:
                start.wait()
                for _ in range(rounds):
                    with transaction.atomic():
                        numbers.append(_issue_one(agency))
            except BaseException as error:  # reported by the main thread
                errors.append(error)
            finally:
                connections.close_all()

        threads = [threading.Thread(target=clerk) for _ in range(clerks)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        self.assertEqual(errors, [])
        self.assertEqual(sorted(numbers), list(range(1, clerks * rounds + 1)))


def _issue_one(agency: Agency) -> int:
    return numbering.next_number(agency=agency, year=2026, key="admin")


@unittest.skipUnless(connection.vendor == "postgresql", "concurrent writers need PostgreSQL")
class ConcurrentIssueTests(AuditedTransactionTestCase):
    def test_two_clerks_issuing_at_the_same_instant_get_consecutive_numbers(self) -> None:
        for code, label in Role.Code.choices:  # a flush may have emptied the migrations' rows
            Role.objects.get_or_create(code=code, defaults={"name": label})
        agency = make_agency(symbol="SNV")
        unit = make_unit(agency, code="VP")
        clerks = [
            make_staff(f"vanthu{n}", f"Văn thư {n}", agency, unit, roles=[Role.Code.CLERK])
            for n in (1, 2)
        ]
        leader = make_staff("giamdoc", "Giám đốc", agency, roles=[Role.Code.LEADER])
        signed = [_signed(agency, leader) for _ in clerks]
        start = threading.Barrier(len(clerks))
        errors: list[BaseException] = []

        def issue(item: OutgoingDocument, clerk: User) -> None:
            try:
                start.wait()
                services.issue_outgoing(
                    item=item, by=clerk, recipients=services.Recipients(units=[unit])
                )
            except BaseException as error:  # reported by the main thread
                errors.append(error)
            finally:
                connections.close_all()

        threads = [
            threading.Thread(target=issue, args=pair) for pair in zip(signed, clerks, strict=True)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        self.assertEqual(errors, [])
        symbols = sorted(OutgoingDocument.objects.values_list("number_symbol", flat=True))
        self.assertEqual(symbols, ["01/SNV", "02/SNV"])  # the leader drafted: no unit code


def _signed(agency: Agency, leader: User) -> OutgoingDocument:
    """A draft the leader approved in one step and signed, ready to issue."""
    item = services.create_draft(
        agency=agency,
        by=leader,
        values={"doc_type": "Công văn", "abstract": "V/v thử cấp số"},
        document=make_document(agency),
    )
    item.route = [Role.Code.LEADER]
    item.save(update_fields=["route"])
    services.submit_draft(item=item, by=leader)
    services.review_draft(item=item, by=leader, approve=True)
    return services.sign_outgoing(item=item, by=leader)
