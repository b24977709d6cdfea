"""A real Celery worker killed in the middle of a document, and the next one finishing it."""

import os
import signal
import socket
import subprocess
import sys
import time
import unittest
from collections.abc import Callable
from pathlib import Path

import pytest
from django.db import connection, transaction

from congso.archive import samples, services, tasks
from congso.archive.models import Document
from congso.config.celery import app
from congso.core.tasks import enqueue
from congso.core.testing import AuditedTransactionTestCase
from congso.org.testing import make_agency, make_staff

REDIS_URL = os.environ.get("CONGSO_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def _redis_is_up() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=1).close()
    except OSError:
        return False
    return True


def _database_url() -> str:
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{settings['NAME']}"
    user = settings["USER"] or "postgres"
    return (
        f"postgres://{user}@{settings['HOST'] or '127.0.0.1'}:{settings['PORT'] or 5432}/"
        f"{settings['NAME']}"
    )


def _wait_for(condition: Callable[[], bool], seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


@pytest.mark.slow
@unittest.skipUnless(_redis_is_up() or os.environ.get("CI"), "Redis is not running")
class WorkerCrashTests(AuditedTransactionTestCase):
    def setUp(self) -> None:
        import redis

        redis.Redis.from_url(REDIS_URL).flushdb()
        self.saved = {
            key: app.conf[key] for key in ("broker_url", "result_backend", "task_always_eager")
        }
        app.conf.update(broker_url=REDIS_URL, result_backend=REDIS_URL, task_always_eager=False)
        app._pool = None  # type: ignore[attr-defined]  # pools made for the old broker URL
        app.amqp._producer_pool = None  # type: ignore[attr-defined]  # same
        self.workers: list[subprocess.Popen[bytes]] = []

    def tearDown(self) -> None:
        for worker in self.workers:
            worker.kill()
            worker.wait(timeout=30)
        app.conf.update(self.saved)
        app._pool = None  # type: ignore[attr-defined]  # back to in-process
        app.amqp._producer_pool = None  # type: ignore[attr-defined]  # same

    def start_worker(self) -> subprocess.Popen[bytes]:
        env = os.environ | {
            "CELERY_BROKER_URL": REDIS_URL,
            "DATABASE_URL": _database_url(),
            "CONGSO_OCR_PAGE_JOBS": "1",
            "CONGSO_ENV_FILE": "-",
        }
        worker = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "congso.config",
                "worker",
                "--pool=solo",
                "-Q",
                "ocr,default",
                "--loglevel=WARNING",
                "--without-heartbeat",
                "--without-mingle",
                "--without-gossip",
            ],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self.workers.append(worker)
        return worker

    def test_a_killed_worker_leaves_no_half_document_and_the_next_one_finishes_it(self) -> None:
        agency = make_agency()
        clerk = make_staff("an", "Nguyễn Thị An", agency)
        path = samples.write_scanned_pdf(
            Path(os.environ["CONGSO_DATA_DIR"]) / "bốn trang.pdf", pages=4, seed=21
        )
        document = services.capture_path(
            agency=agency, path=path, source="import", by=clerk, queue=False
        ).document

        first = self.start_worker()
        with transaction.atomic():
            enqueue(tasks.process_document, document.pk)

        def some_pages_done() -> bool:
            document.refresh_from_db()
            return document.state == Document.State.PROCESSING and document.pages_done >= 1

        _wait_for(some_pages_done, 120, "the first worker to recognize a page")
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=30)

        document.refresh_from_db()
        self.assertEqual(document.state, Document.State.PROCESSING)
        self.assertLess(document.pages_done, 4)
        self.assertEqual(document.pages.count(), 0, "no half-written pages")
        self.assertFalse(document.archive)

        self.start_worker()
        self.assertEqual(services.requeue_stale(older_than_minutes=0), 1)

        def finished() -> bool:
            document.refresh_from_db()
            return document.is_finished

        _wait_for(finished, 180, "the second worker to finish the document")
        self.assertEqual(document.state, Document.State.DONE, document.error)
        self.assertEqual(Document.objects.filter(sha256=document.sha256).count(), 1)
        self.assertEqual(document.pages.count(), 4)
