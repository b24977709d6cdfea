"""Full-text search of the archive: one interface, two engines (SQLite FTS5 for the
embedded install, PostgreSQL full-text search in production), the same analysis.

    analysis (tokens) → index (the engine's table) → query (what was typed) → results

`index_documents` keeps the index in step with the documents; services call it in the
transaction that changes a document, so the index never lags behind the database.
`search` runs a query within a queryset that is already scoped to the user (visible_to):
results, counts, facets and snippets come only from that queryset.
"""

from __future__ import annotations

import contextlib
import functools
import itertools
import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import AbstractContextManager
from typing import Any, Protocol

from django.db import connection, transaction
from django.db.models import QuerySet

from congso.archive.models import Document
from congso.archive.search.analysis import Analysis, analyze
from congso.archive.search.query import Query, parse
from congso.archive.search.results import (
    Hit,
    Results,
    facet_counts,
    facet_total,
    search,
    similar,
)

__all__ = [
    "Hit",
    "Query",
    "Results",
    "SearchIndex",
    "facet_counts",
    "facet_total",
    "get_index",
    "index_documents",
    "parse",
    "rebuild_index",
    "remove_documents",
    "search",
    "similar",
]


class SearchIndex(Protocol):
    """What each engine's index does; ids are document ids."""

    def columns(self, analysis: Analysis) -> tuple[Any, ...]:
        """What the index stores of a document's tokens: strings (and lists), cheap to
        send back from the process that analysed the text (see `_columns_of_all`)."""
        ...

    def replace(self, rows: Sequence[tuple[int, tuple[Any, ...]]]) -> None:
        """Index (or index again) these documents, given by their `columns`."""
        ...

    def writing_many(self) -> AbstractContextManager[None]:
        """Where a large batch's `replace` calls run (a rebuild, an import)."""
        ...

    def delete(self, ids: Sequence[int]) -> None: ...

    def clear(self) -> None: ...

    def retain(self, within: QuerySet[Any]) -> None:
        """Drop the rows of documents not in `within`."""
        ...

    def matching(self, query: Query) -> tuple[str, list[Any]]:
        """SQL selecting the ids of all matching documents, with its parameters (the
        caller keeps to the documents it may show)."""
        ...

    def planned(self) -> AbstractContextManager[None]:
        """Where queries built on `matching` run: plans that read the index's rows only
        through its own index (on PostgreSQL, a scan of the table would read every
        document's vector)."""
        ...

    def count(self, query: Query, within: QuerySet[Any]) -> int:
        """How many documents of `within` match, counted up to CANDIDATES + 1."""
        ...

    def ranked(self, query: Query, within: QuerySet[Any]) -> tuple[int, list[tuple[int, float]]]:
        """How many documents of `within` match (up to CANDIDATES + 1), and the
        candidates' (id, score), best first (see query.CANDIDATES)."""
        ...

    def newest(
        self, query: Query, within: QuerySet[Any], *, exclude: list[int], limit: int, offset: int
    ) -> list[int]:
        """Matches other than `exclude`, the newest first (the results after the ranked)."""
        ...

    def by_date(self, query: Query, within: QuerySet[Any], *, limit: int, offset: int) -> list[int]:
        """Matches by date of issue, the latest first."""
        ...


@functools.cache
def _index_for(vendor: str) -> SearchIndex:
    if vendor == "postgresql":
        from congso.archive.search.postgres import PostgresIndex

        return PostgresIndex()
    from congso.archive.search.sqlite import SqliteIndex

    return SqliteIndex()


def get_index() -> SearchIndex:
    """The index of the database in use."""
    return _index_for(connection.vendor)


def head_text(document: Document) -> str:
    """What names a document: its type, number, abstract, issuer, title."""
    parts = [document.doc_type, document.number_symbol, document.abstract, document.issuer]
    return "\n".join(part for part in [*parts, document.title] if part)


def index_documents(documents: Iterable[Document]) -> None:
    """Index processed documents (their text and fields); others leave the index."""
    done, texts, gone = [], [], []
    for document in documents:
        if document.state == Document.State.DONE:
            head = head_text(document)
            done.append(document.pk)
            texts.append((f"{head}\n{document.text}", head))
        else:
            gone.append(document.pk)
    if done:
        # Rows go in as the workers send them, while they analyse the next ones.
        rows = zip(done, _columns_of_all(texts), strict=True)
        many = len(done) >= _PARALLEL_FROM
        with get_index().writing_many() if many else contextlib.nullcontext():
            while chunk := list(itertools.islice(rows, _INSERT_CHUNK)):
                get_index().replace(chunk)
    if gone:
        get_index().delete(gone)


# From this many documents on, a batch is analysed on every core (a rebuild, an import).
_PARALLEL_FROM = 100
_INSERT_CHUNK = 100


def _columns_of_all(texts: list[tuple[str, str]]) -> Iterator[tuple[Any, ...]]:
    """The index's columns of each (text, head). A worker sends back the columns, a
    few strings, rather than the analysis: unpickling thousands of tokens a document
    cost the main process as much time as inserting the rows."""
    columns = functools.partial(_columns, connection.vendor)
    cores = os.cpu_count() or 1
    # A daemon process (a Celery worker's child) may not start processes of its own.
    if len(texts) < _PARALLEL_FROM or cores < 2 or multiprocessing.current_process().daemon:
        return map(columns, texts)
    return _pool(cores).map(columns, texts, chunksize=25)


def _columns(vendor: str, text_and_head: tuple[str, str]) -> tuple[Any, ...]:
    return _index_for(vendor).columns(analyze(text_and_head[0], head=text_and_head[1]))


@functools.cache
def _pool(cores: int) -> ProcessPoolExecutor:
    # Forked: the workers only analyse text, they never touch the database connection.
    return ProcessPoolExecutor(cores, mp_context=multiprocessing.get_context("fork"))


def remove_documents(ids: Sequence[int]) -> None:
    get_index().delete(ids)


def rebuild_index(*, batch: int = 500, progress: Callable[[int, int], None] | None = None) -> int:
    """Index every processed document again, a batch per transaction, then drop the rows
    of documents gone or no longer processed. Search keeps working meanwhile."""
    documents = Document.objects.filter(state=Document.State.DONE)
    ids = list(documents.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), batch):
        with transaction.atomic():
            index_documents(documents.filter(pk__in=ids[start : start + batch]).order_by("pk"))
        if progress is not None:
            progress(min(start + batch, len(ids)), len(ids))
    with transaction.atomic():
        get_index().retain(documents)
    return len(ids)
