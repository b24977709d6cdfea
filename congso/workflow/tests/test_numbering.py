import threading
import unittest

from django.db import connection, connections, transaction

from congso.core.testing import AuditedTransactionTestCase
from congso.org.models import Agency
from congso.org.testing import make_agency
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
