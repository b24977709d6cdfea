"""Capturing files and turning them into documents. Each state change is audited."""

import datetime
import functools
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from congso.archive import ocr, pipeline, storage, tasks
from congso.archive.formats import CaptureError
from congso.archive.models import Document, DocumentVersion
from congso.core import audit
from congso.core.tasks import enqueue
from congso.core.text import nfc
from congso.org.models import Agency, Unit, User

log = logging.getLogger(__name__)


@dataclass
class Capture:
    """The outcome of capturing one file: a new document, or the one it duplicates."""

    document: Document
    created: bool

    @property
    def duplicate(self) -> bool:
        return not self.created


def _title(original_name: str) -> str:
    name = nfc(Path(original_name.replace("\\", "/")).name).strip()
    stem = name.rsplit(".", 1)[0] if "." in name else name
    return (stem or _("Tài liệu không tên"))[:500]


def capture(
    *,
    agency: Agency,
    chunks: Iterable[bytes],
    original_name: str,
    source: str,
    source_detail: str = "",
    by: User | None,
    queue: bool = True,
) -> Capture:
    """Keep the file byte for byte and queue it for processing (unless queue=False:
    the caller processes it, as `congso import` does in-process).

    Same bytes as a document the agency already has: nothing new is stored and that
    document is returned (created=False). The file's name is kept only as a label.
    """
    spooled = storage.spool(chunks, max_bytes=settings.CONGSO_MAX_FILE_MB * 1024 * 1024)
    if spooled.too_large:
        spooled.path.unlink(missing_ok=True)
        raise CaptureError(
            "too_large",
            _("Tệp lớn hơn giới hạn %(limit)s MB.") % {"limit": settings.CONGSO_MAX_FILE_MB},
        )
    existing = Document.objects.filter(agency=agency, sha256=spooled.sha256).first()
    if existing is not None:
        spooled.path.unlink(missing_ok=True)
        return Capture(existing, created=False)
    document = Document(
        agency=agency,
        title=_title(original_name),
        original_name=nfc(original_name)[:500],
        sha256=spooled.sha256,
        size=spooled.size,
        source=source,
        source_detail=nfc(source_detail)[:500],
        captured_by=by,
        unit=_unit_of(by, agency),
    )
    document.original.name = storage.original_name(agency.pk, document.uuid)
    storage.move_into_place(spooled.path, document.original.name)
    try:
        with transaction.atomic():
            document.save(force_insert=True)
            audit.record(
                actor=by,
                verb="capture",
                target=document,
                after={
                    "sha256": document.sha256,
                    "size": document.size,
                    "source": source,
                    "original_name": document.original_name,
                },
            )
            if queue:
                enqueue(tasks.process_document, document.pk)
    except IntegrityError:
        # The same file arrived twice at once; the other capture won.
        storage.absolute(document.original.name).unlink(missing_ok=True)
        return Capture(Document.objects.get(agency=agency, sha256=spooled.sha256), False)
    return Capture(document, created=True)


def _unit_of(person: User | None, agency: Agency) -> Unit | None:
    """The unit the capturing person works in for this agency, if any."""
    post = person.active_post if person is not None else None
    return post.unit if post is not None and post.agency_id == agency.pk else None


def capture_path(
    *,
    agency: Agency,
    path: Path,
    source: str,
    source_detail: str = "",
    by: User | None,
    queue: bool = True,
) -> Capture:
    with path.open("rb") as handle:
        return capture(
            agency=agency,
            chunks=iter(lambda: handle.read(storage.CHUNK), b""),
            original_name=path.name,
            source=source,
            source_detail=source_detail or str(path),
            by=by,
            queue=queue,
        )


def _set_state(
    document: Document,
    state: str,
    *,
    error: CaptureError | None = None,
    actor: User | None = None,
    verb: str,
) -> None:
    before = {"state": document.state}
    document.move_to(state)
    document.error_code = error.code if error else ""
    document.error = error.message[:500] if error else ""
    document.save(update_fields=["state", "error_code", "error", "updated_at"])
    audit.record(
        actor=actor,
        verb=verb,
        target=document,
        before=before,
        after={"state": state, "error": document.error},
    )


def _note_progress(document_id: int, pages_done: int) -> None:
    # Also a heartbeat: `requeue_stale` treats a long-silent document as abandoned.
    Document.objects.filter(pk=document_id).update(pages_done=pages_done, updated_at=timezone.now())


def process_document(
    *, document: Document, page_jobs: int | None = None, engine: ocr.OcrEngine | None = None
) -> None:
    """Run the pipeline on a captured document (idempotent: a done one is left alone).

    Failures never escape: the document ends failed with the reason in Vietnamese
    and its original untouched, ready to be retried.
    """
    document.refresh_from_db()
    rerun = {
        int(n): ocr.OcrOptions.from_label(label)
        for n, label in (document.pending_rerun or {}).items()
    }
    if document.state == Document.State.DONE and not rerun:
        return
    with transaction.atomic():
        _set_state(document, Document.State.PROCESSING, verb="process_start")
    ingest = pipeline.Ingest(
        document=document,
        work=storage.work_dir(document.uuid),
        source=storage.absolute(document.original.name),
        engine=engine or ocr.get_engine(),
        page_jobs=page_jobs or ocr.default_page_jobs(),
        rerun=rerun or None,
        on_progress=functools.partial(_note_progress, document.pk),
    )
    try:
        pipeline.run(ingest)
    except CaptureError as error:
        with transaction.atomic():
            _set_state(document, Document.State.FAILED, error=error, verb="process_fail")
        return
    except Exception:
        log.exception("processing document %s failed", document.uuid)
        with transaction.atomic():
            _set_state(
                document,
                Document.State.FAILED,
                verb="process_fail",
                error=CaptureError(
                    "unexpected",
                    _("Lỗi không mong đợi khi xử lý; bản gốc vẫn được giữ, có thể thử lại."),
                ),
            )
        return
    with transaction.atomic():
        Document.objects.filter(pk=document.pk).update(pending_rerun={})
        audit.record(
            actor=None,
            verb="process_done",
            target=document,
            after={"pages": document.page_count, "needs_review": document.needs_review},
        )


@transaction.atomic
def retry_document(*, document: Document, by: User) -> None:
    """Queue a failed document again (after the cause was fixed, or a passing fault)."""
    if document.state != Document.State.FAILED:
        return
    _set_state(document, Document.State.QUEUED, actor=by, verb="retry")
    enqueue(tasks.process_document, document.pk)


@transaction.atomic
def rerun_ocr(*, document: Document, pages: list[int], options: ocr.OcrOptions, by: User) -> None:
    """Recognize the chosen pages again with the chosen corrections (deskew, …)."""
    valid = [n for n in pages if 1 <= n <= document.page_count]
    if document.state != Document.State.DONE or not valid:
        return
    document.pending_rerun = {str(n): options.label for n in valid}
    document.save(update_fields=["pending_rerun", "updated_at"])
    _set_state(document, Document.State.QUEUED, actor=by, verb="rerun_ocr")
    enqueue(tasks.process_document, document.pk)


def requeue_stale(*, older_than_minutes: int | None = None) -> int:
    """Queue again documents left queued or processing by a crashed worker."""
    minutes = (
        older_than_minutes if older_than_minutes is not None else (settings.CONGSO_STALE_MINUTES)
    )
    cutoff = timezone.now() - datetime.timedelta(minutes=minutes)
    stale = list(
        Document.objects.unfinished().filter(updated_at__lt=cutoff).values_list("pk", flat=True)
    )
    for document_id in stale:
        with transaction.atomic():
            enqueue(tasks.process_document, document_id)
    return len(stale)


def add_version(
    *, document: Document, chunks: Iterable[bytes], original_name: str, by: User, note: str = ""
) -> DocumentVersion:
    """Replace a document's original with a new version, keeping the earlier one (its
    file, digest and who captured it) as a `DocumentVersion`; the new one is read
    again from scratch. The same content as one of the agency's documents is refused."""
    if document.state not in (Document.State.DONE, Document.State.FAILED):
        raise CaptureError("busy", _("Tài liệu đang được xử lý; thử lại sau khi xong."))
    spooled = storage.spool(chunks, max_bytes=settings.CONGSO_MAX_FILE_MB * 1024 * 1024)
    if (
        spooled.too_large
        or Document.objects.filter(agency_id=document.agency_id, sha256=spooled.sha256).exists()
    ):
        spooled.path.unlink(missing_ok=True)
        if spooled.too_large:
            raise CaptureError(
                "too_large",
                _("Tệp lớn hơn giới hạn %(limit)s MB.") % {"limit": settings.CONGSO_MAX_FILE_MB},
            )
        raise CaptureError("duplicate", _("Nội dung này trùng với một tài liệu đã có."))
    with transaction.atomic():
        document = Document.objects.select_for_update().get(pk=document.pk)
        kept = storage.version_name(document.agency_id, document.uuid, document.version)
        storage.move_into_place(storage.absolute(document.original.name), kept)
        earlier = DocumentVersion.objects.create(
            document=document,
            number=document.version,
            original=kept,
            original_name=document.original_name,
            sha256=document.sha256,
            size=document.size,
            captured_at=document.captured_at,
            captured_by=document.captured_by,
            replaced_by=by,
            note=nfc(note)[:500],
        )
        storage.move_into_place(spooled.path, document.original.name)
        before = {"version": document.version, "sha256": document.sha256}
        document.version += 1
        document.sha256, document.size = spooled.sha256, spooled.size
        document.original_name = nfc(original_name)[:500]
        document.pending_rerun = {}
        document.save(update_fields=["version", "sha256", "size", "original_name", "pending_rerun"])
        audit.record(
            actor=by,
            verb="add_version",
            target=document,
            before=before,
            after={"version": document.version, "sha256": document.sha256, "note": note},
        )
        storage.remove_tree(storage.work_dir(document.uuid))  # pages of the old version
        _set_state(document, Document.State.QUEUED, actor=by, verb="process_queue")
        enqueue(tasks.process_document, document.pk)
    return earlier
