"""Test helpers of the core (the named people live in org/testing.py)."""

import importlib
import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection
from django.test import TransactionTestCase

from congso.config.celery import app

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


REDIS_URL = os.environ.get("CONGSO_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def redis_is_up() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=1).close()
    except OSError:
        return False
    return True


def _database_url() -> str:
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{settings['NAME']}"
    host, port = settings["HOST"] or "127.0.0.1", settings["PORT"] or 5432
    return f"postgres://{settings['USER'] or 'postgres'}@{host}:{port}/{settings['NAME']}"


class CeleryWorkerTestCase(AuditedTransactionTestCase):
    """Tasks go to Redis and real worker processes (sharing the test database) run them.

    Skipped without Redis, except in CI, where a missing Redis fails the run.
    """

    def setUp(self) -> None:
        if not (redis_is_up() or os.environ.get("CI")):
            self.skipTest("Redis is not running on 127.0.0.1:6379")
        import redis

        redis.Redis.from_url(REDIS_URL).flushdb()
        self.saved_conf = {
            key: app.conf[key] for key in ("broker_url", "result_backend", "task_always_eager")
        }
        app.conf.update(broker_url=REDIS_URL, result_backend=REDIS_URL, task_always_eager=False)
        self._drop_connection_pools()
        self.workers: list[subprocess.Popen[bytes]] = []

    def tearDown(self) -> None:
        for worker in self.workers:
            worker.kill()
            worker.wait(timeout=30)
        app.conf.update(self.saved_conf)
        self._drop_connection_pools()

    @staticmethod
    def _drop_connection_pools() -> None:
        # Pools made for the previous broker URL would still point at it.
        app._pool = None  # type: ignore[attr-defined]  # Celery keeps no public reset
        app.amqp._producer_pool = None  # type: ignore[attr-defined]  # same

    def start_worker(
        self, *, queues: str = "default,ocr", env: dict[str, str] | None = None
    ) -> subprocess.Popen[bytes]:
        worker = subprocess.Popen(  # noqa: S603 (our own worker)
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "congso.config",
                "worker",
                "--pool=solo",
                "-Q",
                queues,
                "--loglevel=WARNING",
                "--without-heartbeat",
                "--without-mingle",
                "--without-gossip",
            ],
            env=os.environ
            | {
                "CELERY_BROKER_URL": REDIS_URL,
                "DATABASE_URL": _database_url(),
                "CONGSO_ENV_FILE": "-",
            }
            | (env or {}),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self.workers.append(worker)
        return worker
