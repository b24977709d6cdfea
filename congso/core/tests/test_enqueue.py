from typing import Any

from celery.backends.redis import RedisBackend
from celery.result import AsyncResult
from celery.signals import after_task_publish
from django.db import transaction
from django.test import TestCase

from congso.config.celery import app
from congso.core import tasks
from congso.core.tasks import enqueue
from congso.core.testing import REDIS_URL, CeleryWorkerTestCase


class EnqueueTests(TestCase):
    def test_it_runs_the_task_only_after_commit(self) -> None:
        with self.captureOnCommitCallbacks(execute=False) as callbacks:
            enqueue(tasks.ping, "abc")
        self.assertEqual(len(callbacks), 1)

    def test_it_rejects_arguments_a_broker_could_not_carry(self) -> None:
        with self.assertRaises(TypeError):
            enqueue(tasks.ping, object())  # type: ignore[arg-type]  # the point of the test

    def test_it_runs_in_process_without_a_broker(self) -> None:
        self.assertTrue(app.conf.task_always_eager)
        self.assertEqual(tasks.ping.delay("xyz").get(), "pong:xyz")


class CeleryWorkerTests(CeleryWorkerTestCase):
    """A real worker process on Redis runs what enqueue() sends."""

    def test_a_real_worker_runs_an_enqueued_task(self) -> None:
        self.start_worker(queues="default")
        task_ids: list[str] = []

        def remember(headers: dict[str, Any] | None = None, **kwargs: Any) -> None:
            task_ids.append((headers or {})["id"])

        after_task_publish.connect(remember, weak=False)
        try:
            with transaction.atomic():
                enqueue(tasks.ping, "worker-test")
                self.assertEqual(task_ids, [], "a task must not leave before the commit")
        finally:
            after_task_publish.disconnect(remember)
        self.assertEqual(len(task_ids), 1)
        backend = RedisBackend(app=app, url=REDIS_URL)  # app.backend may be cached as disabled
        # disable_sync_subtasks: earlier in-process (eager) tasks may leave the "inside a task"
        # flag set in this test process; this test is not inside a task.
        answer: str = AsyncResult(task_ids[0], app=app, backend=backend).get(
            timeout=60, disable_sync_subtasks=False
        )
        self.assertEqual(answer, "pong:worker-test")
