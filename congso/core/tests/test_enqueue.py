import os
import socket
import subprocess
import sys
import time
import unittest
from typing import Any

from celery.backends.redis import RedisBackend
from celery.result import AsyncResult
from celery.signals import after_task_publish
from django.db import transaction
from django.test import TestCase, TransactionTestCase

from congso.config.celery import app
from congso.core import tasks
from congso.core.tasks import enqueue

REDIS_URL = os.environ.get("CONGSO_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def _redis_is_up() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=1).close()
    except OSError:
        return False
    return True


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


@unittest.skipUnless(
    _redis_is_up() or os.environ.get("CI"), "Redis is not running on 127.0.0.1:6379"
)
class CeleryWorkerTests(TransactionTestCase):
    """A real worker process on Redis runs what enqueue() sends."""

    def setUp(self) -> None:
        env = os.environ | {
            "CELERY_BROKER_URL": REDIS_URL,
            "DJANGO_SETTINGS_MODULE": "congso.config.settings",
        }
        self.worker = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "congso.config",
                "worker",
                "--pool=solo",
                "--concurrency=1",
                "--loglevel=WARNING",
                "-Q",
                "default",
                "--without-heartbeat",
                "--without-mingle",
                "--without-gossip",
            ],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self.saved = {
            key: app.conf[key] for key in ("broker_url", "result_backend", "task_always_eager")
        }
        app.conf.update(broker_url=REDIS_URL, result_backend=REDIS_URL, task_always_eager=False)
        self._drop_connection_pools()

    @staticmethod
    def _drop_connection_pools() -> None:
        # Pools made under the old (empty) broker URL would still point at the default.
        app._pool = None  # type: ignore[attr-defined]  # Celery keeps no public reset
        app.amqp._producer_pool = None  # type: ignore[attr-defined]  # same

    def tearDown(self) -> None:
        app.conf.update(self.saved)
        self._drop_connection_pools()
        self.worker.terminate()
        self.worker.wait(timeout=20)

    def test_a_real_worker_runs_an_enqueued_task(self) -> None:
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
        started = time.monotonic()
        backend = RedisBackend(app=app, url=REDIS_URL)  # app.backend may be cached as disabled
        answer: str = AsyncResult(task_ids[0], app=app, backend=backend).get(timeout=60)
        self.assertEqual(answer, "pong:worker-test")
        self.assertLess(time.monotonic() - started, 60)
