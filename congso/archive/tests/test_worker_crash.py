"""A real Celery worker killed in the middle of a document, and the next one finishing it."""

import os
import signal
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from django.db import transaction

from congso.archive import samples, services, tasks
from congso.archive.models import Document
from congso.core.tasks import enqueue
from congso.core.testing import CeleryWorkerTestCase
from congso.org.testing import make_agency, make_staff


def _wait_for(condition: Callable[[], bool], seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


@pytest.mark.slow
class WorkerCrashTests(CeleryWorkerTestCase):
    def test_a_killed_worker_leaves_no_half_document_and_the_next_one_finishes_it(self) -> None:
        agency = make_agency()
        clerk = make_staff("an", "Nguyễn Thị An", agency)
        path = samples.write_scanned_pdf(
            Path(os.environ["CONGSO_DATA_DIR"]) / "bốn trang.pdf", pages=4, seed=21
        )
        document = services.capture_path(
            agency=agency, path=path, source="import", by=clerk, queue=False
        ).document

        first = self.start_worker(env={"CONGSO_OCR_PAGE_JOBS": "1"})
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

        self.start_worker(env={"CONGSO_OCR_PAGE_JOBS": "1"})
        self.assertEqual(services.requeue_stale(older_than_minutes=0), 1)

        def finished() -> bool:
            document.refresh_from_db()
            return document.is_finished

        _wait_for(finished, 180, "the second worker to finish the document")
        self.assertEqual(document.state, Document.State.DONE, document.error)
        self.assertEqual(Document.objects.filter(sha256=document.sha256).count(), 1)
        self.assertEqual(document.pages.count(), 4)
