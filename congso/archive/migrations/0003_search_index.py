"""The full-text search index: an FTS5 table on SQLite, a tsvector table with a GIN index
on PostgreSQL (see congso/archive/search/). Filled by `congso reindex` and as documents
are processed. The SQL is written out here, as migrations must not change with the code."""

from django.db import migrations

SQLITE = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS archive_search USING fts5(exact, folded, pairs, "
    "symbols, head, tokenize=\"unicode61 remove_diacritics 0 tokenchars '_'\")",
]
POSTGRES = [
    # A small heap row (the vectors kept out of line, uncompressed): finding matches reads
    # only ids; ranking reads the vectors of the few candidates. No foreign key, as on
    # SQLite: a key would stop a flush (TRUNCATE) of the documents; services remove rows
    # (search.remove_documents), `congso reindex` drops orphans, and results only ever
    # come from the documents a query is given.
    "CREATE TABLE IF NOT EXISTS archive_search ("
    " document_id bigint PRIMARY KEY,"
    " body tsvector NOT NULL, head tsvector NOT NULL) WITH (toast_tuple_target = 128)",
    "ALTER TABLE archive_search ALTER COLUMN body SET STORAGE EXTERNAL",
    "CREATE INDEX IF NOT EXISTS archive_search_body ON archive_search USING gin (body)",
    "CREATE INDEX IF NOT EXISTS archive_search_head ON archive_search USING gin (head)",
]


def create_index(apps, schema_editor):
    connection = schema_editor.connection
    statements = POSTGRES if connection.vendor == "postgresql" else SQLITE
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def drop_index(apps, schema_editor):
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS archive_search")


class Migration(migrations.Migration):
    dependencies = [("archive", "0002_reading")]

    operations = [migrations.RunPython(create_index, drop_index)]
