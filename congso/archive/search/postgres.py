"""The search index on PostgreSQL: two tsvectors per document, in GIN indexes.

`body` holds, as PostgreSQL's own parser reads them from the analyzed tokens, the
folded syllables with their positions (weight D, so that quoted phrases match), the
syllables written with marks and the pairs of neighbouring syllables (C; a pair is
"chuyen" + PAIR_JOIN + "doi", one word to the parser) and the document numbers (A).
`head` holds the folded syllables of what names the document.

Ranking costs a read of each document's vector, so only a bounded set of candidates is
ranked (see `query.CANDIDATES`): the newest matches, and those whose head holds every
word.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from django.db import connection
from django.db.models import QuerySet

from congso.archive.search import query as queries
from congso.archive.search.analysis import Analysis
from congso.archive.search.query import Query
from congso.archive.search.rarity import Frequencies, rarest

TABLE = "archive_search"
# ts_rank weights for D (folded), C (marks, pairs), B (unused), A (numbers).
WEIGHTS = "{0.1, 0.25, 0.4, 1.0}"
# How much a word in the head adds to a word in the body.
HEAD_WEIGHT = 0.5
PAIR_JOIN = "qz"  # never inside a Vietnamese syllable; keeps a pair one token
_POSITIONED_WORDS = 20000  # beyond, words are indexed without positions (1 MB limit)

_BODY = (
    "setweight(to_tsvector('simple', %s), 'D') || setweight(to_tsvector('simple', %s), 'C')"
    " || setweight(to_tsvector('simple', %s), 'A') || array_to_tsvector(%s::text[])"
)


def _quote(token: str) -> str:
    return "'" + token.replace("\\", "\\\\").replace("'", "\\'") + "'"


def _pair(pair: str) -> str:
    return pair.replace("_", PAIR_JOIN)


def body_parts(analysis: Analysis) -> list[Any]:
    """The four parameters of `_BODY` for one document's tokens."""
    folded = analysis.folded[:_POSITIONED_WORDS]
    marked = [e for e, f in zip(analysis.exact, analysis.folded, strict=True) if e != f]
    rest = sorted(set(analysis.folded[_POSITIONED_WORDS:]) - set(folded))
    return [
        " ".join(folded),
        " ".join([*marked[:_POSITIONED_WORDS], *map(_pair, analysis.pairs[:_POSITIONED_WORDS])]),
        " ".join(analysis.symbols),
        rest,
    ]


def _phrase(tokens: Sequence[str]) -> str:
    return " <-> ".join(_quote(t) for t in tokens)


def match_query(query: Query) -> str:
    """The tsquery (literal) that selects the matching documents."""
    words = [_quote(t) for t in query.terms] + [f"({_phrase(p)})" for p in query.phrases]
    if query.prefix:
        words.append(_quote(query.prefix) + ":*")
    core = (" & " if query.require_all else " | ").join(words)
    symbols = " | ".join(_quote(s) for s in query.symbols)
    if symbols and core:
        return f"({symbols}) | ({core})"
    return symbols or core


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
        return (*body_parts(analysis), " ".join(analysis.head))

    def replace(self, rows: Sequence[tuple[int, tuple[Any, ...]]]) -> None:
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {TABLE} (document_id, body, head) "
                f"VALUES (%s, {_BODY}, to_tsvector('simple', %s)) "
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

    def _where(self, query: Query, within: QuerySet[Any]) -> tuple[str, list[Any]]:
        subquery, params = within.order_by().values("id").query.sql_with_params()
        return (
            f"s.body @@ %s::tsquery AND s.document_id IN ({subquery})",
            [match_query(query), *params],
        )

    def matching(self, query: Query) -> tuple[str, list[Any]]:
        """SQL (and its parameters) selecting the ids of all matching documents."""
        return f"SELECT document_id FROM {TABLE} WHERE body @@ %s::tsquery", [match_query(query)]

    def count(self, query: Query, within: QuerySet[Any]) -> int:
        where, params = self._where(query, within)
        sql = f"SELECT count(*) FROM (SELECT 1 FROM {TABLE} s WHERE {where} LIMIT %s) found"
        return int(self._rows(sql, [*params, queries.CANDIDATES + 1])[0][0])

    def ranked(self, query: Query, within: QuerySet[Any]) -> tuple[int, list[tuple[int, float]]]:
        if not query.require_all and query.terms:
            found = self.count(query, within)
            return found, self._scored(query, self._question_candidates(query, within))
        where, params = self._where(query, within)
        newest = self._ids(
            f"SELECT s.document_id FROM {TABLE} s WHERE {where} "
            "ORDER BY s.document_id DESC LIMIT %s",
            [*params, queries.CANDIDATES + 1],
        )
        found, candidates = len(newest), newest[: queries.CANDIDATES]
        if found > len(candidates) and (named := head_query(query)):
            if query.phrases or query.prefix:  # more than the head's words to match
                named_where, named_params = f"s.head @@ %s::tsquery AND {where}", [named, *params]
            else:  # the head's words are in the body: no need to read it
                subquery, visible = within.order_by().values("id").query.sql_with_params()
                named_where = f"s.head @@ %s::tsquery AND s.document_id IN ({subquery})"
                named_params = [named, *visible]
            candidates += self._ids(
                f"SELECT s.document_id FROM {TABLE} s WHERE {named_where} "
                "AND s.document_id < %s ORDER BY s.document_id DESC LIMIT %s",
                [*named_params, candidates[-1], queries.CANDIDATES],
            )
        return found, self._scored(query, candidates)

    def _question_candidates(self, query: Query, within: QuerySet[Any]) -> list[int]:
        """The visible documents holding a question's rarest words (see rarity.py)."""
        lexemes = rarest([*query.terms, *map(_pair, query.pairs)], self._frequency)
        parts = [_quote(x) for x in [*lexemes, *query.symbols]]
        parts += [f"({_phrase(p)})" for p in query.phrases]
        subquery, params = within.order_by().values("id").query.sql_with_params()
        return self._ids(
            f"SELECT s.document_id FROM {TABLE} s WHERE s.body @@ %s::tsquery "
            f"AND s.document_id IN ({subquery})",
            [" | ".join(parts), *params],
        )

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
        where, params = self._where(query, within)
        rows = self._rows(
            f"SELECT s.document_id FROM {TABLE} s WHERE {where} "
            "AND NOT s.document_id = ANY(%s) ORDER BY s.document_id DESC LIMIT %s OFFSET %s",
            [*params, exclude, limit, offset],
        )
        return [int(pk) for (pk,) in rows]

    def by_date(self, query: Query, within: QuerySet[Any], *, limit: int, offset: int) -> list[int]:
        where, params = self._where(query, within)
        rows = self._rows(
            f"SELECT s.document_id FROM {TABLE} s JOIN archive_document d "
            f"ON d.id = s.document_id WHERE {where} "
            "ORDER BY d.issued_date DESC NULLS LAST, d.id DESC LIMIT %s OFFSET %s",
            [*params, limit, offset],
        )
        return [int(pk) for (pk,) in rows]

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

    def _ids(self, sql: str, params: list[Any]) -> list[int]:
        return [int(pk) for (pk,) in self._rows(sql, params)]

    def _rows(self, sql: str, params: list[Any]) -> list[Any]:
        # The planner takes `body @@ query` for a cheap filter and may scan the table (or
        # its primary key) testing it row by row, which reads every row's out-of-line
        # vector: seconds on a large archive. Only the GIN bitmap is allowed here.
        with connection.cursor() as cursor:
            cursor.execute("SET enable_seqscan = off")
            cursor.execute("SET enable_indexscan = off")
            try:
                cursor.execute(sql, params)
                return list(cursor.fetchall())
            finally:
                if not connection.needs_rollback:
                    cursor.execute("RESET enable_seqscan")
                    cursor.execute("RESET enable_indexscan")

    def _holding(self, lexeme: str) -> int:
        return self._count("WHERE body @@ %s::tsquery", [_quote(lexeme)])

    def _count(self, where: str, params: list[Any]) -> int:
        return int(self._rows(f"SELECT count(*) FROM {TABLE} {where}", params)[0][0])
