"""Capturing and processing many files at once: `congso import`, the scan folders,
and the ingestion benchmark. In-process (no broker) documents are processed here in a
pool of processes; with a broker, Celery workers do it."""

import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import connections
from django.utils import timezone

from congso.archive import services
from congso.archive.formats import CaptureError
from congso.archive.models import Document
from congso.org.models import Agency, User


@dataclass
class Outcome:
    """What became of each file of a batch."""

    created: list[int] = field(default_factory=list)
    duplicates: list[tuple[Path, Document]] = field(default_factory=list)
    refused: list[tuple[Path, str]] = field(default_factory=list)

    @property
    def seen(self) -> int:
        return len(self.created) + len(self.duplicates) + len(self.refused)


def walk(paths: Iterable[Path]) -> Iterator[Path]:
    """Files under the paths in a stable order, skipping hidden files and folders."""
    for path in paths:
        if path.is_file():
            yield path
            continue
        for folder, dirs, files in os.walk(path):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(files):
                if not name.startswith("."):
                    yield Path(folder) / name


def capture_files(
    files: Iterable[Path],
    *,
    agency: Agency,
    by: User | None,
    source: str,
    root: Path | None = None,
    queue: bool = True,
    on_file: Callable[[Outcome], None] = lambda outcome: None,
) -> Outcome:
    outcome = Outcome()
    for path in files:
        detail = str(path.relative_to(root)) if root else str(path)
        try:
            capture = services.capture_path(
                agency=agency, path=path, source=source, source_detail=detail, by=by, queue=queue
            )
        except (CaptureError, OSError) as error:
            outcome.refused.append((path, getattr(error, "message", str(error))))
        else:
            if capture.created:
                outcome.created.append(capture.document.pk)
            else:
                outcome.duplicates.append((path, capture.document))
        on_file(outcome)
    return outcome


def _process_one(document_id: int, page_jobs: int) -> tuple[int, str]:
    document = Document.objects.get(pk=document_id)
    services.process_document(document=document, page_jobs=page_jobs)
    document.refresh_from_db(fields=["state"])
    return document_id, document.state


def process_in_pool(
    document_ids: list[int],
    *,
    jobs: int | None = None,
    on_done: Callable[[int, str], None] = lambda pk, state: None,
) -> None:
    """Process documents in this machine's processes: whole documents side by side (many
    small born-digital files), and the pages of each in parallel on every core (one long
    scan would otherwise keep a single core busy while the others wait). Largest files
    go first so that the long ones do not finish alone at the end."""
    if not document_ids:
        return
    cores = os.cpu_count() or 1
    jobs = max(1, min(jobs or cores, len(document_ids)))
    page_jobs = cores
    sizes = dict(Document.objects.filter(pk__in=document_ids).values_list("pk", "size"))
    document_ids = sorted(document_ids, key=lambda pk: -sizes.get(pk, 0))
    if jobs == 1:
        for pk in document_ids:
            on_done(*_process_one(pk, page_jobs))
        return
    connections.close_all()  # each child opens its own
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        futures = [pool.submit(_process_one, pk, page_jobs) for pk in document_ids]
        for future in as_completed(futures):
            on_done(*future.result())


def uses_workers() -> bool:
    return bool(settings.CELERY_BROKER_URL)


@dataclass
class FolderReport:
    agency: Agency
    outcome: Outcome


def _agency_folders() -> Iterator[tuple[Agency, Path]]:
    inbox = Path(settings.CONGSO_SCAN_INBOX)
    if not inbox.is_dir():
        return
    agencies = {a.code: a for a in Agency.objects.filter(is_active=True)}
    for folder in sorted(inbox.iterdir()):
        if folder.is_dir() and folder.name in agencies:
            yield agencies[folder.name], folder


def _settled(path: Path, seconds: int) -> bool:
    """A scanner may still be writing a file that changed in the last seconds."""
    age = timezone.now().timestamp() - path.stat().st_mtime
    return age >= seconds


def scan_watched_folders(*, settle_seconds: int = 10) -> list[FolderReport]:
    """Capture what scanners left in each agency's folder, then move each file to
    `.da-nhap/<date>/` (captured or duplicate) or `.loi/` (refused, with the reason)."""
    reports = []
    today = timezone.localdate().isoformat()
    for agency, folder in _agency_folders():
        ready = [p for p in walk([folder]) if _settled(p, settle_seconds)]
        outcome = capture_files(
            ready, agency=agency, by=None, source=Document.Source.FOLDER, root=folder
        )
        refused = dict(outcome.refused)
        for path in ready:
            target_root = folder / (".loi" if path in refused else f".da-nhap/{today}")
            target = target_root / path.relative_to(folder)
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(path, target)
            if path in refused:
                target.with_name(target.name + ".ly-do.txt").write_text(
                    refused[path] + "\n", encoding="utf-8"
                )
        reports.append(FolderReport(agency, outcome))
    return reports
