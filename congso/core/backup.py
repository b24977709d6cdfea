"""Backup and restore of a whole install: the database and the stored files.

`backup` runs while the platform serves: the database is copied first as one consistent
snapshot (SQLite's online backup API; `pg_dump`, which reads in one transaction), then
the files. Stored files are written once under names that never change and are in place
before the row naming them commits, so every file the snapshot names is there to copy.
A manifest lists every file with its SHA-256; `restore` checks them all before it
touches anything, refuses an install that already holds data, and puts the database and
the files back. Run `congso verify` afterwards.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection

MANIFEST = "congso-backup.json"
FORMAT = 1
# What of the storage root is kept: originals, archive copies, thumbnails. Work folders
# and spooled uploads are scratch space.
_KEPT = ("originals", "archive", "thumbs")
_CHUNK = 1024 * 1024


class BackupError(Exception):
    """Why a backup or a restore cannot be done, in Vietnamese for the operator."""


@dataclass
class Summary:
    engine: str
    files: int
    bytes: int


def backup(target: Path) -> Summary:
    """Write the database and the stored files to the empty folder `target`."""
    if target.exists() and any(target.iterdir()):
        raise BackupError(f"Thư mục {target} không trống.")
    target.mkdir(parents=True, exist_ok=True)
    database = target / _database_file()
    _dump_database(database)
    files: dict[str, str] = {}
    size = 0
    root = Path(settings.STORAGE_ROOT)
    for path in _stored_files(root):
        name = path.relative_to(root).as_posix()
        copy = target / "files" / name
        copy.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, copy)
        files[name] = _sha256(copy)
        size += copy.stat().st_size
    manifest = {
        "format": FORMAT,
        "created_at": datetime.datetime.now(datetime.UTC).isoformat(),
        "engine": connection.vendor,
        "database": {"file": database.name, "sha256": _sha256(database)},
        "files": files,
    }
    (target / MANIFEST).write_text(json.dumps(manifest, indent=1), encoding="utf-8")
    return Summary(connection.vendor, len(files), size)


def restore(source: Path) -> Summary:
    """Put a backup back into this install, which must hold no data yet."""
    manifest = _checked_manifest(source)
    if manifest["engine"] != connection.vendor:
        raise BackupError(
            f"Bản sao lưu của CSDL {manifest['engine']}, cài đặt này dùng {connection.vendor}."
        )
    _refuse_if_not_empty()
    _load_database(source / manifest["database"]["file"])
    root = Path(settings.STORAGE_ROOT)
    size = 0
    for name in manifest["files"]:
        target = root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source / "files" / name, target)
        size += target.stat().st_size
    return Summary(connection.vendor, len(manifest["files"]), size)


def _database_file() -> str:
    return "database.sqlite3" if connection.vendor == "sqlite" else "database.dump"


def _dump_database(path: Path) -> None:
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        with sqlite3.connect(path) as copy:
            connection.connection.backup(copy)
        copy.close()
        return
    _run(["pg_dump", "--format=custom", "--no-owner", "--no-acl", f"--file={path}"])


def _load_database(path: Path) -> None:
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        with sqlite3.connect(path) as saved:
            saved.backup(connection.connection)
        saved.close()
        return
    connection.close()  # pg_restore drops and recreates the tables
    _run(["pg_restore", "--clean", "--if-exists", "--no-owner", "--no-acl", str(path)])


def _run(command: list[str]) -> None:
    """A PostgreSQL client tool, on the database in use (libpq's environment)."""
    db = connection.settings_dict
    env = os.environ | {
        "PGHOST": str(db.get("HOST") or "127.0.0.1"),
        "PGPORT": str(db.get("PORT") or 5432),
        "PGUSER": str(db.get("USER") or "postgres"),
        "PGPASSWORD": str(db.get("PASSWORD") or ""),
        "PGDATABASE": str(db["NAME"]),
    }
    tool = command[0]
    if command[0] == "pg_restore":
        command = [*command[:-1], f"--dbname={db['NAME']}", command[-1]]
    try:
        subprocess.run(command, env=env, check=True, capture_output=True, text=True)  # noqa: S603 (fixed tool and arguments)
    except FileNotFoundError as error:
        raise BackupError(f"Thiếu công cụ {tool} (gói postgresql-client).") from error
    except subprocess.CalledProcessError as error:
        raise BackupError(f"{tool} lỗi: {error.stderr.strip()[-500:]}") from error


def _stored_files(root: Path) -> list[Path]:
    return sorted(
        path
        for kept in _KEPT
        if (root / kept).is_dir()
        for path in (root / kept).rglob("*")
        if path.is_file()
    )


def _checked_manifest(source: Path) -> dict[str, Any]:
    """The manifest, after every file it lists was found with its SHA-256."""
    try:
        manifest: dict[str, Any] = json.loads((source / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise BackupError(f"Không đọc được {MANIFEST} trong {source}.") from error
    if manifest.get("format") != FORMAT:
        raise BackupError(f"Định dạng bản sao lưu không hỗ trợ: {manifest.get('format')}.")
    expected = {manifest["database"]["file"]: manifest["database"]["sha256"]}
    expected |= {f"files/{name}": digest for name, digest in manifest["files"].items()}
    for name, digest in expected.items():
        path = source / name
        if not path.is_file():
            raise BackupError(f"Bản sao lưu thiếu tệp {name}.")
        if _sha256(path) != digest:
            raise BackupError(f"Tệp {name} trong bản sao lưu đã bị thay đổi.")
    return manifest


def _refuse_if_not_empty() -> None:
    from django.apps import apps

    tables = set(connection.introspection.table_names())
    for label in ("org.Agency", "core.AuditEntry"):
        model = apps.get_model(label)
        if model._meta.db_table in tables and model.objects.exists():
            raise BackupError(
                "Cài đặt này đã có dữ liệu; chỉ khôi phục vào một cài đặt trống "
                "(CSDL mới, thư mục lưu trữ trống)."
            )


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()
