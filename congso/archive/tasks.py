"""Background tasks of the archive: thin, they load by id and call one service."""

from celery import shared_task

from congso.archive import batch, services
from congso.archive.models import Document
from congso.archive.services import lexicon
from congso.org.models import Agency


@shared_task(acks_late=True, queue="ocr", time_limit=4 * 3600, soft_time_limit=4 * 3600 - 60)
def process_document(document_id: int) -> None:
    """Run the ingestion pipeline; idempotent (a done document is left alone)."""
    document = Document.objects.filter(pk=document_id).first()
    if document is not None:
        services.process_document(document=document)


@shared_task(acks_late=True)
def requeue_stale_documents() -> int:
    return services.requeue_stale()


@shared_task(acks_late=True)
def scan_watched_folders() -> int:
    """Capture files from the agencies' scan folders (processing is queued per file)."""
    return sum(len(report.outcome.created) for report in batch.scan_watched_folders())


@shared_task(acks_late=True)
def learn_lexicons() -> int:
    """Rebuild every agency's lexicon from its born-digital text (see services.lexicon)."""
    agencies = list(Agency.objects.values_list("pk", flat=True))
    for agency_id in agencies:
        lexicon.learn_lexicon(agency_id=agency_id)
    return len(agencies)


@shared_task(acks_late=True)
def check_integrity() -> int:
    """Hash every stored file again and walk the audit chain (`congso verify`)."""
    return len(services.check_integrity().problems)
