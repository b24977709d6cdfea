"""Background work of the workflow: thin, each loads by id and calls one service."""

from celery import shared_task

from congso.workflow import services


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def mail_notice(notice_id: int) -> None:
    """Mail one notice to its person."""
    services.mail_notice(notice_id=notice_id)


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def mail_dispatch(dispatch_id: int) -> None:
    """Send an issued document to an address outside the platform."""
    services.mail_dispatch(dispatch_id=dispatch_id)


@shared_task(acks_late=True)
def remind_deadlines() -> int:
    """Daily: notices for assignments due soon or overdue."""
    return services.remind_deadlines()
