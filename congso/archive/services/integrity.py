"""Integrity of what the archive keeps: every stored file hashed again against the
SHA-256 recorded when it was stored, and the audit chain walked (`congso verify`, daily
on Celery beat). Each run is kept as an `IntegrityCheck` for operators to see."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.db import transaction
from django.utils import timezone

from congso.archive import storage
from congso.archive.models import Document, DocumentVersion, IntegrityCheck, Page
from congso.core import audit

Problem = dict[str, Any]


def check_integrity() -> IntegrityCheck:
    """Hash every stored file again and walk the audit chain; keep and return the result.

    A file stored before its digest was recorded gets one now (reported as nothing:
    there is nothing to compare it with yet)."""
    started = timezone.now()
    problems: list[Problem] = []
    files = 0
    for document, what, name, expected in _stored_files():
        files += 1
        problem = _check_file(name, expected)
        if problem is None:
            continue
        if problem == "unrecorded":
            _record_digest(document, what, name)
            continue
        problems.append(
            {
                "kind": problem,
                "what": what,
                "path": name,
                "document": str(document.uuid),
                "title": document.title,
                "agency": document.agency_id,
            }
        )
    entries, broken = audit.chain_problems()
    problems += [
        {"kind": "chain", "what": f"#{p.seq}: {p.reason}", "target": p.target} for p in broken
    ]
    with transaction.atomic():
        check = IntegrityCheck.objects.create(
            started_at=started,
            finished_at=timezone.now(),
            files_checked=files,
            entries_checked=entries,
            problems=problems,
        )
        audit.record(
            actor=None,
            verb="verify_integrity",
            target=check,
            after={"files": files, "entries": entries, "problems": len(problems)},
        )
    return check


def last_check() -> IntegrityCheck | None:
    return IntegrityCheck.objects.first()


def _stored_files() -> Iterator[tuple[Document, str, str, str]]:
    """(document, which file, storage name, recorded SHA-256) of every stored file."""
    documents = Document.objects.filter(disposed_at__isnull=True).only(
        "uuid", "title", "agency_id", "original", "sha256", "archive", "archive_sha256"
    )
    for document in documents.order_by("pk").iterator(chunk_size=500):
        yield document, "original", document.original.name, document.sha256
        if document.archive:
            yield document, "archive", document.archive.name, document.archive_sha256
    versions = DocumentVersion.objects.filter(document__disposed_at__isnull=True)
    versions = versions.select_related("document").order_by("pk")
    for version in versions.iterator(chunk_size=500):
        yield version.document, f"version {version.number}", version.original.name, version.sha256
    pages = Page.objects.exclude(thumbnail="").filter(document__disposed_at__isnull=True)
    pages = pages.select_related("document")
    for page in pages.order_by("pk").iterator(chunk_size=500):
        what = f"thumbnail {page.number}"
        yield page.document, what, page.thumbnail.name, page.thumbnail_sha256


def _check_file(name: str, expected: str) -> str | None:
    path = storage.absolute(name)
    if not path.is_file():
        return "missing"
    if not expected:
        return "unrecorded"
    return None if storage.sha256_of(path) == expected else "altered"


def _record_digest(document: Document, what: str, name: str) -> None:
    digest = storage.sha256_of(storage.absolute(name))
    if what == "archive":
        Document.objects.filter(pk=document.pk).update(archive_sha256=digest)
    elif what.startswith("thumbnail"):
        Page.objects.filter(document=document, thumbnail=name).update(thumbnail_sha256=digest)
