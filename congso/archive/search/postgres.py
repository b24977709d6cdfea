"""The search index on PostgreSQL: two tsvectors per document, in GIN indexes.

`body` holds, as PostgreSQL's own parser reads them from the analyzed tokens, the
folded syllables with their positions (weight D, so that quoted phrases match), the
syllables written with marks and the pairs of neighbouring syllables (C; a pair is
"chuyen" + PAIR_JOIN + "doi", one word to the parser) and the document numbers (A).
`head` holds the folded syllables of what names the document.

Reading a document's vector (out of line, kilobytes) is what costs; the GIN index alone
answers which documents hold words, not where. So:

- a match is looked up as ids from the GIN index, and the visible documents among them
  are taken newest first from an index of the documents' access and filter columns,
  stopping at the number wanted (`_found`);
- a quoted phrase is looked up by its pairs of neighbouring syllables (every pair of
  the folded text is indexed, across punctuation, as phrases match), and only the
  documents that got that far have their positions read to check it;
- only a bounded set of candidates is ranked (see `query.CANDIDATES`): the newest
  matches, and those whose head holds every word.
"""

from __future__ import annotations

import contextlib
import itertools
import logging
import math
import threading
from collections.abc import Iterator, Sequence
from typing import Any

from django.db import DatabaseError, IntegrityError, connection, transaction
from django.db.models import BooleanField, F, QuerySet
from django.db.models.expressions import RawSQL

from congso.archive.search import query as queries
from congso.archive.search.analysis import Analysis
from congso.archive.search.query import Query
from congso.archive.search.rarity import Frequencies, rarest

TABLE = "archive_search"
BODY_INDEX = "archive_search_body"
# ts_rank weights for D (folded), C (marks, pairs), B (unused), A (numbers).
WEIGHTS = "{0.1, 0.25, 0.4, 1.0}"
# How much a word in the head adds to a word in the body.
HEAD_WEIGHT = 0.5
PAIR_JOIN = "qz"  # never inside a Vietnamese syllable; keeps a pair one token
_POSITIONED_WORDS = 20000  # beyond, words are indexed without positions (1 MB limit)

# tsvector limits: positions run to 16383 (larger ones are that), a word keeps its first
# 256, and a word longer than 2,047 bytes cannot be stored.
_LAST_POSITION = 16383
_LONGEST_WORD = 2047
# Text enough for a word's first 256 positions ("16383C," each): past it, a word's
# positions are not written out (PostgreSQL would drop them).
_SPOTS_TEXT = 256 * 7
# While many rows are written, how often a second connection merges the GIN index's
# pending entries (about 500 documents', 4 to 5 MB, at 1,000 a second), and how large
# the writer lets them grow before it merges them itself (should the other fall behind).
_MERGE_EVERY = 0.5
_WRITER_PENDING = "32MB"

logger = logging.getLogger(__name__)


def _quote(token: str) -> str:
    return "'" + token.replace("\\", "\\\\").replace("'", "\\'") + "'"


def _pair(pair: str) -> str:
    return pair.replace("_", PAIR_JOIN)


def body_vector(analysis: Analysis) -> str:
    """The `body` tsvector of one document's tokens, as its text."""
    folded = analysis.folded[:_POSITIONED_WORDS]
    marked = [e for e, f in zip(analysis.exact, analysis.folded, strict=True) if e != f]
    # Every pair of neighbours, across punctuation too, as phrases match: a phrase's
    # documents are among those holding all its pairs (see `loose_query`).
    pairs = list(map(PAIR_JOIN.join, itertools.pairwise(analysis.folded)))
    rest: list[str] = []
    if len(analysis.folded) > _POSITIONED_WORDS:
        positioned = set(folded) | set(pairs[:_POSITIONED_WORDS])
        rest = sorted({*analysis.folded[_POSITIONED_WORDS:], *pairs[_POSITIONED_WORDS:]})
        rest = [word for word in rest if word not in positioned]
    groups = [
        (folded, ""),  # weight D
        ([*marked[:_POSITIONED_WORDS], *pairs[:_POSITIONED_WORDS]], "C"),
        (analysis.symbols, "A"),
    ]
    return vector_text(groups, rest)


def vector_text(groups: Sequence[tuple[Sequence[str], str]], rest: Sequence[str] = ()) -> str:
    """A tsvector's text: each group's tokens at the positions after the previous
    group's, with the group's weight, and `rest` without positions.

    Built here rather than by `to_tsvector`, whose parser would cut some tokens in two
    ("3e61fe" is a number and a word to it): each token stays one word at one position,
    as the queries and the pairs of neighbours expect. PostgreSQL itself keeps a word's
    first 256 positions, takes those past 16,383 as 16,383 and merges the positions of
    a word given in two groups."""
    entries: list[str] = []
    offset = 0
    for tokens, weight in groups:
        held: dict[str, str] = {}
        for position, token in enumerate(tokens, start=offset + 1):
            spots = held.get(token)
            if spots is None:
                held[token] = f"{position}{weight}"
            elif len(spots) < _SPOTS_TEXT:
                held[token] = f"{spots},{position}{weight}"
        entries += [f"'{word}':{spots}" for word, spots in _escaped(held).items()]
        offset = min(offset + len(tokens), _LAST_POSITION)
    entries += [f"'{word}'" for word in _escaped(dict.fromkeys(rest))]
    return " ".join(entries)


def _escaped(held: dict[str, Any]) -> dict[str, Any]:
    """The words as a tsvector's text holds them between quotes, without those too long
    to be stored. The analysis gives letters and digits only: checked at C speed, they
    are kept as they are."""
    if all(map(str.isalnum, held)) and max(map(len, held), default=0) * 4 < _LONGEST_WORD:
        return held
    return {
        _quote(word)[1:-1]: value
        for word, value in held.items()
        if len(word.encode()) < _LONGEST_WORD
    }


def _phrase(tokens: Sequence[str]) -> str:
    return " <-> ".join(_quote(t) for t in tokens)


def match_query(query: Query, *, also: Sequence[str] = ()) -> str:
    """The tsquery (literal) that selects the matching documents (`also`: more parts
    the words join)."""
    words = [_quote(t) for t in query.terms] + [f"({_phrase(p)})" for p in query.phrases]
    words += [f"({part})" for part in also]
    if query.prefix:
        words.append(_quote(query.prefix) + ":*")
    core = (" & " if query.require_all else " | ").join(words)
    symbols = " | ".join(_quote(s) for s in query.symbols)
    if symbols and core:
        return f"({symbols}) | ({core})"
    return symbols or core


def loose_query(query: Query) -> str:
    """`match_query` with each phrase of several words as its pairs of neighbours, all
    of them: what the GIN index answers alone, and a superset of the matches."""
    if not needs_check(query):
        return match_query(query)
    return match_query(
        Query(
            query.text,
            [*query.terms, *(p[0] for p in query.phrases if len(p) == 1)],
            symbols=query.symbols,
            prefix=query.prefix,
            require_all=query.require_all,
        ),
        also=[
            " & ".join(_quote(_pair(f"{a}_{b}")) for a, b in itertools.pairwise(p))
            for p in query.phrases
            if len(p) > 1
        ],
    )


def needs_check(query: Query) -> bool:
    """Whether matching takes positions (a phrase of several words), which only a read
    of each document's vector tells."""
    return any(len(phrase) > 1 for phrase in query.phrases)


def rank_query(query: Query) -> str:
    """Everything that raises a match's rank, any of it."""
    lexemes = [*query.terms, *query.exact, *map(_pair, query.pairs), *query.symbols]
    parts = [_quote(x) for x in lexemes] + [f"({_phrase(p)})" for p in query.phrases]
    if query.prefix:
        parts.append(_quote(query.prefix) + ":*")
    return " | ".join(parts)


def head_query(query: Query) -> str:
    """Every word in the head (only for a short query: a question has no such tier)."""
    if not query.require_all or not query.terms:
        return ""
    return " & ".join(_quote(t) for t in query.terms)


class PostgresIndex:
    """The `SearchIndex` of a PostgreSQL database."""

    def __init__(self) -> None:
        self._frequency = Frequencies(self._holding)
        self._size = Frequencies(lambda _all: self._count("", []))

    def columns(self, analysis: Analysis) -> tuple[Any, ...]:
        return (body_vector(analysis), vector_text([(analysis.head, "")]))

    def replace(self, rows: Sequence[tuple[int, tuple[Any, ...]]]) -> None:
        # COPY takes a fifth less of the server's time than INSERT … ON CONFLICT; should
        # another process index one of these documents at the same time, its row is
        # there when ours goes in, and the rows are upserted instead.
        ids = [pk for pk, _columns in rows]
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(f"DELETE FROM {TABLE} WHERE document_id = ANY(%s)", [ids])
                copying = f"COPY {TABLE} (document_id, body, head) FROM STDIN"
                with connection.wrap_database_errors, cursor.cursor.copy(copying) as copy:
                    for pk, columns in rows:
                        copy.write_row((pk, *columns))
        except IntegrityError:
            self._upsert(rows)

    @contextlib.contextmanager
    def writing_many(self) -> Iterator[None]:
        # Most of the server's time for a row goes to the GIN index. Its new entries go
        # to a pending list, which the writing connection merges into the index, alone,
        # each time it holds 4 MB. Meanwhile the writer's list may grow larger, and a
        # second connection merges it: the server works on both cores, and larger
        # merges touch each page of the index fewer times.
        with connection.cursor() as cursor:
            cursor.execute(f"SET gin_pending_list_limit = '{_WRITER_PENDING}'")
        stop = threading.Event()
        cleaner = threading.Thread(
            target=_merge_pending, args=(stop,), name="search-gin-merge", daemon=True
        )
        cleaner.start()
        try:
            yield
        finally:
            stop.set()
            cleaner.join()
            if not connection.needs_rollback:  # a failed transaction undoes the SET
                with connection.cursor() as cursor:
                    cursor.execute("RESET gin_pending_list_limit")

    def _upsert(self, rows: Sequence[tuple[int, tuple[Any, ...]]]) -> None:
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {TABLE} (document_id, body, head) "
                "VALUES (%s, %s::tsvector, %s::tsvector) "
                "ON CONFLICT (document_id) DO UPDATE SET body = EXCLUDED.body, "
                "head = EXCLUDED.head",
                [(pk, *columns) for pk, columns in rows],
            )

    def delete(self, ids: Sequence[int]) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {TABLE} WHERE document_id = ANY(%s)", [list(ids)])

    def clear(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"TRUNCATE {TABLE}")

    def retain(self, within: QuerySet[Any]) -> None:
        subquery, params = within.order_by().values("id").query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {TABLE} WHERE document_id NOT IN ({subquery})", params)

    def _found(self, within: QuerySet[Any], query: Query, *, head: str = "") -> QuerySet[Any]:
        """The documents of `within` that match `query` (and whose head matches `head`),
        as a queryset to order and slice.

        The GIN index gives the ids holding the words; the visible ones among them are
        read from the index of the documents' id, access and filter columns, in the
        order asked, so that a slice stops early. A phrase's positions are read last,
        only for the documents that got that far."""
        lookups = [("head", head)] if head else []
        # The head's words are in the body: holding them all there is a match, unless
        # a phrase or a prefix asks for more.
        if not head or query.phrases or query.prefix:
            lookups.append(("body", loose_query(query)))
        conditions = [
            f'"archive_document"."id" = ANY(ARRAY(SELECT document_id FROM {TABLE} '
            f"WHERE {column} @@ %s::tsquery))"
            for column, _tsquery in lookups
        ]
        params = [tsquery for _column, tsquery in lookups]
        if needs_check(query):
            # OFFSET 0 keeps the check a subplan run for each row, never a join that
            # would read the vector of every document holding the pairs.
            conditions.append(
                f"EXISTS (SELECT 1 FROM {TABLE} x WHERE x.document_id = "
                '"archive_document"."id" AND x.body @@ %s::tsquery OFFSET 0)'
            )
            params.append(match_query(query))
        found = RawSQL(" AND ".join(conditions), params, output_field=BooleanField())  # noqa: S611
        return within.order_by().filter(found)

    def _newest(self, found: QuerySet[Any], *, limit: int | None, offset: int = 0) -> list[int]:
        """The ids of `found`, the newest first."""
        ids = found.order_by("-pk").values_list("pk", flat=True)
        return self._ids(*_sql(ids[offset : offset + limit] if limit is not None else ids))

    def matching(self, query: Query) -> tuple[str, list[Any]]:
        """SQL (and its parameters) selecting the ids of all matching documents."""
        if not needs_check(query):
            return f"SELECT document_id FROM {TABLE} WHERE body @@ %s::tsquery", [
                match_query(query)
            ]
        # Both to the GIN index: positions are read only where every pair is held.
        return (
            f"SELECT document_id FROM {TABLE} WHERE body @@ %s::tsquery AND body @@ %s::tsquery",
            [loose_query(query), match_query(query)],
        )

    @contextlib.contextmanager
    def planned(self) -> Iterator[None]:
        with connection.cursor() as cursor:
            cursor.execute("SET enable_seqscan = off")
        try:
            yield
        finally:
            if not connection.needs_rollback:  # a failed transaction undoes the SET
                with connection.cursor() as cursor:
                    cursor.execute("RESET enable_seqscan")

    def count(self, query: Query, within: QuerySet[Any]) -> int:
        return len(self._newest(self._found(within, query), limit=queries.CANDIDATES + 1))

    def ranked(self, query: Query, within: QuerySet[Any]) -> tuple[int, list[tuple[int, float]]]:
        if not query.require_all and query.terms:
            found = self.count(query, within)
            return found, self._scored(query, self._question_candidates(query, within))
        newest = self._newest(self._found(within, query), limit=queries.CANDIDATES + 1)
        found, candidates = len(newest), newest[: queries.CANDIDATES]
        if found > len(candidates) and (named := head_query(query)):
            named_found = self._found(within, query, head=named).filter(pk__lt=candidates[-1])
            candidates += self._newest(named_found, limit=queries.CANDIDATES)
        return found, self._scored(query, candidates)

    def _question_candidates(self, query: Query, within: QuerySet[Any]) -> list[int]:
        """The visible documents holding a question's rarest words (see rarity.py)."""
        lexemes = rarest([*query.terms, *map(_pair, query.pairs)], self._frequency)
        pool = Query(
            query.text, lexemes, phrases=query.phrases, symbols=query.symbols, require_all=False
        )
        return self._newest(self._found(within, pool), limit=None)

    def _scored(self, query: Query, ids: list[int]) -> list[tuple[int, float]]:
        if not ids:
            return []
        score, score_params = self._score(query)
        scored = self._rows(
            f"SELECT s.document_id, {score} AS score FROM {TABLE} s "
            "WHERE s.document_id = ANY(%s) ORDER BY score DESC, s.document_id DESC",
            [*score_params, list(dict.fromkeys(ids))],
        )
        return [(int(pk), float(value)) for pk, value in scored]

    def newest(
        self, query: Query, within: QuerySet[Any], *, exclude: list[int], limit: int, offset: int
    ) -> list[int]:
        found = self._found(within, query).exclude(pk__in=exclude)
        return self._newest(found, limit=limit, offset=offset)

    def by_date(self, query: Query, within: QuerySet[Any], *, limit: int, offset: int) -> list[int]:
        latest = F("issued_date").desc(nulls_last=True)
        ids = self._found(within, query).order_by(latest, "-pk").values_list("pk", flat=True)
        return self._ids(*_sql(ids[offset : offset + limit]))

    def _score(self, query: Query) -> tuple[str, list[Any]]:
        named = head_query(query)
        head = f" + {HEAD_WEIGHT} * ts_rank(s.head, %s::tsquery)" if named else ""
        if query.require_all:
            rank = f"ts_rank('{WEIGHTS}', s.body, %s::tsquery, 1)"
            return rank + head, [rank_query(query), *([named] if named else [])]
        # A question: each word counts by its rarity (idf), as BM25 would weigh it.
        total = self._size("")
        terms, params = [], []
        for lexeme in [*query.terms, *map(_pair, query.pairs)]:
            df = self._frequency(lexeme)
            rarity = math.log(1 + (total - df + 0.5) / (df + 0.5))
            terms.append(f"%s * ts_rank('{WEIGHTS}', s.body, %s::tsquery, 1)")
            params += [rarity, _quote(lexeme)]
        for symbol in query.symbols:
            terms.append(f"ts_rank('{WEIGHTS}', s.body, %s::tsquery) * 100")
            params.append(_quote(symbol))
        return " + ".join(terms) or "0", params

    def _ids(self, sql: str, params: Sequence[Any]) -> list[int]:
        return [int(pk) for (pk,) in self._rows(sql, params)]

    def _rows(self, sql: str, params: Sequence[Any]) -> list[Any]:
        # The planner takes `body @@ query` for a cheap filter (its statistics leave out
        # most words) and may scan the table testing it row by row, which reads every
        # row's out-of-line vector: seconds on a large archive. Index scans it may use:
        # `body @@` is never an index condition of a btree, and `_found` orders by the
        # documents' id, not the index table's. One round trip: the three statements
        # run in one transaction, whose failure also undoes the SET.
        with connection.cursor() as cursor:
            cursor.execute(f"SET enable_seqscan = off; {sql}; RESET enable_seqscan", params)
            cursor.nextset()
            return list(cursor.fetchall())

    def _holding(self, lexeme: str) -> int:
        return self._count("WHERE body @@ %s::tsquery", [_quote(lexeme)])

    def _count(self, where: str, params: list[Any]) -> int:
        return int(self._rows(f"SELECT count(*) FROM {TABLE} {where}", params)[0][0])


def _merge_pending(stop: threading.Event) -> None:
    """Merge the body index's pending entries every `_MERGE_EVERY` seconds until `stop`,
    on this thread's own connection. The merge is physical (the entries of uncommitted
    rows too), so it needs no transaction of the writer's. It gives up rather than wait
    for a lock (a writer's transaction may hold one until this thread ends) or when the
    database user does not own the index: the writer then merges as it always does."""
    try:
        while not stop.wait(_MERGE_EVERY):  # a small batch is done before the first merge
            with connection.cursor() as cursor:
                cursor.execute("SET lock_timeout = '200ms'")
                cursor.execute("SELECT gin_clean_pending_list(%s::regclass)", [BODY_INDEX])
    except DatabaseError as error:
        logger.info("search: pending GIN entries left to the writer: %s", error)
    finally:
        connection.close()


def _sql(queryset: QuerySet[Any]) -> tuple[str, Sequence[Any]]:
    sql, params = queryset.query.sql_with_params()
    return sql, params
