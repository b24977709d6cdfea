"""On PostgreSQL, an index of the documents' id with the columns of the access rule and
of the search filters: search takes the visible documents among the GIN index's matches
from it, newest first, without reading the table (see congso/archive/search/postgres.py).
SQLite keeps its own (0013). After this version the PostgreSQL search index also holds
pairs of words across punctuation: `congso reindex` once after upgrading."""

from django.db import migrations

CREATE = (
    "CREATE INDEX IF NOT EXISTS archive_doc_found_idx ON archive_document (id) "
    "INCLUDE (agency_id, disposed_at, secrecy, captured_by_id, doc_type, issuer, "
    "issued_date, unit_id)"
)


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS archive_doc_found_idx")


class Migration(migrations.Migration):
    dependencies = [("archive", "0013_visible_index")]

    operations = [migrations.RunPython(create_index, drop_index)]
