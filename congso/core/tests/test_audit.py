import datetime

from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.db.utils import DatabaseError

from congso.core import audit
from congso.core.models import AuditEntry
from congso.core.testing import audit_log_writable
from congso.org.testing import BaseTestCase


class AuditChainTests(BaseTestCase):
    def _record_three(self) -> list[AuditEntry]:
        return [
            audit.record(
                actor=self.an,
                verb=f"step_{n}",
                target=self.unit_a,
                before={"n": n},
                after={"n": n + 1, "at": datetime.date(2026, 1, n + 1)},
            )
            for n in range(3)
        ]

    def test_entries_link_to_previous_hash(self) -> None:
        first, second, third = self._record_three()
        self.assertEqual(second.prev_hash, first.hash)
        self.assertEqual(third.prev_hash, second.hash)
        self.assertEqual(first.agency_id, self.agency_a.pk)
        self.assertEqual(first.actor_label, "Nguyễn Thị An")

    def test_intact_chain_verifies(self) -> None:
        self._record_three()
        report = audit.verify_chain()
        self.assertTrue(report.ok)
        self.assertGreaterEqual(report.checked, 3)

    def test_orm_refuses_to_change_or_delete_entries(self) -> None:
        entry = self._record_three()[0]
        entry.verb = "forged"
        with self.assertRaises(PermissionError):
            entry.save()
        with self.assertRaises(PermissionError):
            AuditEntry.objects.filter(pk=entry.pk).update(verb="forged")
        with self.assertRaises(PermissionError):
            AuditEntry.objects.filter(pk=entry.pk).delete()

    def test_database_refuses_raw_update(self) -> None:
        entry = self._record_three()[0]
        with self.assertRaises(DatabaseError), transaction.atomic(), connection.cursor() as c:
            c.execute("UPDATE core_auditentry SET verb = 'forged' WHERE id = %s", [entry.pk])

    def test_altered_entry_is_detected_and_named(self) -> None:
        entries = self._record_three()
        with audit_log_writable(), connection.cursor() as cursor:
            cursor.execute(
                "UPDATE core_auditentry SET after = %s WHERE id = %s", ['{"n": 99}', entries[1].pk]
            )
        report = audit.verify_chain()
        self.assertEqual(report.broken_seq, entries[1].seq)
        self.assertEqual(report.reason, "content altered")
        with self.assertRaisesMessage(CommandError, f"#{entries[1].seq}"):
            call_command("verify")

    def test_deleted_entry_is_detected(self) -> None:
        entries = self._record_three()
        with audit_log_writable(), connection.cursor() as cursor:
            cursor.execute("DELETE FROM core_auditentry WHERE id = %s", [entries[1].pk])
        report = audit.verify_chain()
        self.assertEqual(report.broken_seq, entries[1].seq)

    def test_cut_off_tail_is_detected(self) -> None:
        entries = self._record_three()
        with audit_log_writable(), connection.cursor() as cursor:
            cursor.execute("DELETE FROM core_auditentry WHERE id = %s", [entries[2].pk])
        report = audit.verify_chain()
        self.assertEqual(report.broken_seq, entries[2].seq)

    def test_recomputed_forgery_breaks_the_next_link(self) -> None:
        entries = self._record_three()
        forged = AuditEntry.objects.get(pk=entries[0].pk)
        forged.verb = "forged"
        forged_hash = audit.entry_hash(forged)
        with audit_log_writable(), connection.cursor() as cursor:
            cursor.execute(
                "UPDATE core_auditentry SET verb = 'forged', hash = %s WHERE id = %s",
                [forged_hash, entries[0].pk],
            )
        self.assertEqual(audit.verify_chain().broken_seq, entries[1].seq)

    def test_verify_command_reports_success(self) -> None:
        self._record_three()
        call_command("verify")  # raises CommandError on failure
