"""Test helpers of the core (the named people live in org/testing.py)."""

import importlib
from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection
from django.test import TransactionTestCase

_triggers = importlib.import_module("congso.core.migrations.0003_audit_append_only")


def _execute(statements_by_vendor: dict[str, list[str]]) -> None:
    with connection.cursor() as cursor:
        for statement in statements_by_vendor.get(connection.vendor, []):
            cursor.execute(statement)


@contextmanager
def audit_log_writable() -> Iterator[None]:
    """Lift the append-only triggers for the block: what an attacker with the database
    owner's rights would do, and what a test database flush needs."""
    _execute({"sqlite": _triggers.SQLITE_REVERSE, "postgresql": _triggers.POSTGRES_REVERSE})
    try:
        yield
    finally:
        _execute({"sqlite": _triggers.SQLITE, "postgresql": _triggers.POSTGRES})


class AuditedTransactionTestCase(TransactionTestCase):
    """A TransactionTestCase whose flush between tests may empty the audit log."""

    def _fixture_teardown(self) -> None:
        with audit_log_writable():
            super()._fixture_teardown()  # type: ignore[misc]  # private hook, absent from stubs
