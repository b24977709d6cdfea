"""Where the archive keeps files, under STORAGE_ROOT. Names come from the document's
UUID and the detected type, never from the user's file name."""

import hashlib
import os
import shutil
import tempfile
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

CHUNK = 1024 * 1024


def root() -> Path:
    return Path(settings.STORAGE_ROOT)


def absolute(name: str) -> Path:
    return root() / name


def _shard(agency_id: int, document_uuid: uuid.UUID) -> str:
    return f"{agency_id}/{document_uuid.hex[:2]}/{document_uuid.hex}"


def original_name(agency_id: int, document_uuid: uuid.UUID) -> str:
    return f"originals/{_shard(agency_id, document_uuid)}"


def version_name(agency_id: int, document_uuid: uuid.UUID, number: int) -> str:
    """Where an earlier original is kept (beside the current one, so backups hold it)."""
    return f"originals/{_shard(agency_id, document_uuid)}.v{number}"


def archive_name(agency_id: int, document_uuid: uuid.UUID) -> str:
    return f"archive/{_shard(agency_id, document_uuid)}.pdf"


def thumbnail_name(agency_id: int, document_uuid: uuid.UUID, page: int) -> str:
    return f"thumbs/{_shard(agency_id, document_uuid)}/{page:05d}.png"


def work_dir(document_uuid: uuid.UUID) -> Path:
    """Scratch space of one document's processing; kept across a crash for resuming."""
    path = root() / "work" / document_uuid.hex
    path.mkdir(parents=True, exist_ok=True)
    return path


@dataclass
class Spooled:
    path: Path
    sha256: str
    size: int
    too_large: bool


def spool(chunks: Iterable[bytes], *, max_bytes: int) -> Spooled:
    """Write chunks to a temporary file under the storage root, hashing as it goes.

    Stops writing (but keeps counting) past max_bytes, so a huge upload cannot fill
    the disk; the caller refuses it.
    """
    tmp_dir = root() / "tmp"
    tmp_dir.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    size = 0
    handle, name = tempfile.mkstemp(dir=tmp_dir)
    with os.fdopen(handle, "wb") as out:
        for chunk in chunks:
            size += len(chunk)
            if size <= max_bytes:
                digest.update(chunk)
                out.write(chunk)
    return Spooled(Path(name), digest.hexdigest(), size, size > max_bytes)


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def move_into_place(source: Path, name: str) -> None:
    """Atomically put a finished file at its storage name (rename on one file system)."""
    target = absolute(name)
    target.parent.mkdir(parents=True, exist_ok=True)
    os.replace(source, target)


def copy_into_place(source: Path, name: str) -> None:
    target = absolute(name)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".part")
    shutil.copyfile(source, tmp)
    os.replace(tmp, target)


def remove_tree(path: Path) -> None:
    shutil.rmtree(path, ignore_errors=True)
