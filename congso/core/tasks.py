"""Background tasks of the core, and `enqueue()`, the one way to start a task."""

import json
from typing import Any

from celery import shared_task
from django.db import transaction


def enqueue(task: Any, *args: int | str) -> None:
    """Run `task(*args)` after the current transaction commits.

    Arguments are JSON-encoded first, so a non-serializable argument fails here in
    development exactly as it would on a broker. With no broker configured the task
    runs in-process (CELERY_TASK_ALWAYS_EAGER); otherwise a Celery worker runs it.
    """
    json.dumps(args)
    transaction.on_commit(lambda: task.delay(*args))


@shared_task(acks_late=True)
def ping(token: str) -> str:
    """Answer with the token: lets operators and tests check that workers run."""
    return f"pong:{token}"
