"""The search index on SQLite: an FTS5 table of the analyzed tokens, ranked by BM25.

The table `archive_search` (created by the archive's migrations on SQLite) has one row
per document (rowid = document id) and five columns, weighted by `WEIGHTS`. A query's
required part is built on the folded column. The candidates found are then ranked with
the query's exact forms and adjacent pairs added as alternatives (`ranking_expression`),
so that they only raise the rank of documents that hold them (FTS5's bm25 scores every
phrase of the expression).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import connection
from django.db.models import QuerySet
from django.db.models.expressions import RawSQL

from congso.archive.search import query as queries
from congso.archive.search.analysis import Analysis
from congso.archive.search.query import Query
from congso.archive.search.rarity import Frequencies, rarest

TABLE = "archive_search"
# exact, folded, pairs, symbols, head: a number found is worth most, then words in what
# names the document, words side by side and words with their tones.
WEIGHTS = (2.0, 1.0, 3.0, 20.0, 4.0)
SCORE = f"bm25({TABLE}, {', '.join(str(w) for w in WEIGHTS)})"


def _phrase(tokens: Sequence[str], column: str, *, prefix: bool = False) -> str:
    return f'{column}:"{" ".join(tokens)}"' + ("*" if prefix else "")


def match_expression(query: Query) -> str:
    """The FTS5 MATCH expression of a query (tokens are [a-z0-9_]: safe in quotes)."""
    words = [_phrase([t], "{folded head}") for t in query.terms]
    words += [_phrase(p, "folded") for p in query.phrases]
    if query.prefix:
        words.append(_phrase([query.prefix], "{folded head}", prefix=True))
    core = (" AND " if query.require_all else " OR ").join(words)
    symbols = " OR ".join(_phrase([s], "symbols") for s in query.symbols)
    if symbols and core:
        return f"({symbols}) OR ({core})"
    return symbols or core


def ranking_expression(query: Query) -> str:
    """What ranks candidates already known to match: the query and what raises the
    rank, each phrase once (bm25 reads the whole posting list of every phrase it is
    given, so a phrase repeated costs twice and counts twice)."""
    boosts = [_phrase([e], "exact") for e in query.exact]
    boosts += [_phrase([p], "pairs") for p in query.pairs]
    return " OR ".join([f"({match_expression(query)})", *boosts])


def head_expression(query: Query) -> str:
    """Every word in the head (only for a short query: a question has no such tier)."""
    if not query.require_all or not query.terms:
        return ""
    return "(" + " AND ".join(_phrase([t], "head") for t in query.terms) + ")"


def _best_first(row: tuple[int, float]) -> tuple[float, int]:
    return (-row[1], -row[0])


class SqliteIndex:
    """The `SearchIndex` of the embedded database."""

    def __init__(self) -> None:
        self._frequency = Frequencies(self._holding)

    def replace(self, rows: Sequence[tuple[int, Analysis]]) -> None:
        with connection.cursor() as cursor:
            cursor.executemany(f"DELETE FROM {TABLE} WHERE rowid = %s", [(pk,) for pk, _a in rows])
            cursor.executemany(
                f"INSERT INTO {TABLE} (rowid, exact, folded, pairs, symbols, head) "
                "VALUES (%s, %s, %s, %s, %s, %s)",
                [
                    (
                        pk,
                        # Only words with marks: a query looks for exact forms only
                        # of the words typed with them.
                        " ".join(e for e, f in zip(a.exact, a.folded, strict=True) if e != f),
                        " ".join(a.folded),
                        " ".join(a.pairs),
                        " ".join(a.symbols),
                        " ".join(a.head),
                    )
                    for pk, a in rows
                ],
            )

    def delete(self, ids: Sequence[int]) -> None:
        with connection.cursor() as cursor:
            cursor.executemany(f"DELETE FROM {TABLE} WHERE rowid = %s", [(pk,) for pk in ids])

    def clear(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {TABLE}")

    def retain(self, within: QuerySet[Any]) -> None:
        subquery, params = within.order_by().values("id").query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {TABLE} WHERE rowid NOT IN ({subquery})", params)

    def _where(
        self, query: Query, within: QuerySet[Any], expression: str = ""
    ) -> tuple[str, list[Any]]:
        # "+rowid": the visible ids are checked against each match; given to FTS5 as a
        # rowid constraint, they would make it run the whole match once per id.
        subquery, params = within.order_by().values("id").query.sql_with_params()
        return f"{TABLE} MATCH %s AND +{TABLE}.rowid IN ({subquery})", [
            expression or match_expression(query),
            *params,
        ]

    def matching(self, query: Query) -> tuple[str, list[Any]]:
        """SQL (and its parameters) selecting the ids of all matching documents."""
        return f"SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH %s", [match_expression(query)]

    def count(self, query: Query, within: QuerySet[Any]) -> int:
        where, params = self._where(query, within)
        sql = f"SELECT count(*) FROM (SELECT 1 FROM {TABLE} WHERE {where} LIMIT %s)"
        return int(self._rows(sql, [*params, queries.CANDIDATES + 1])[0][0])

    def ranked(self, query: Query, within: QuerySet[Any]) -> tuple[int, list[tuple[int, float]]]:
        if not query.require_all and query.terms:
            return self._ranked_question(query, within)
        where, params = self._where(query, within)
        newest = self._ids(
            f"SELECT rowid FROM {TABLE} WHERE {where} ORDER BY rowid DESC LIMIT %s",
            [*params, queries.CANDIDATES + 1],
        )
        found, candidates = len(newest), newest[: queries.CANDIDATES]
        if found > len(candidates) and (named := head_expression(query)):
            # Few documents hold the words in their head: each is looked up among the
            # visible ones by id, cheaper than building the visible set again.
            match_id = RawSQL(f"{TABLE}.rowid", ())  # noqa: S611 (a constant)
            visible = within.order_by().filter(pk=match_id).values("id")
            subquery, visible_params = visible.query.sql_with_params()
            candidates += self._ids(
                f"SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH %s AND EXISTS ({subquery}) "
                "AND rowid < %s ORDER BY rowid DESC LIMIT %s",
                [
                    # The head's words are in the body: holding them all there is a
                    # match, unless a phrase or a prefix asks for more.
                    f"({match_expression(query)}) AND {named}"
                    if query.phrases or query.prefix
                    else named,
                    *visible_params,
                    candidates[-1],
                    queries.CANDIDATES,
                ],
            )
        return found, self._scored(query, candidates)

    def _scored(self, query: Query, ids: list[int]) -> list[tuple[int, float]]:
        """(id, score) of these documents, best first; the ids come from a match of the
        visible documents, so they are checked against nothing else."""
        if not ids:
            return []
        listed = ",".join(str(int(pk)) for pk in ids)
        rows = self._rows(
            f"SELECT rowid, -{SCORE} FROM {TABLE} WHERE {TABLE} MATCH %s "
            f"AND rowid >= %s AND +rowid IN ({listed})",
            [ranking_expression(query), min(ids)],
        )
        return sorted(((int(pk), float(score)) for pk, score in rows), key=_best_first)

    def _ranked_question(
        self, query: Query, within: QuerySet[Any]
    ) -> tuple[int, list[tuple[int, float]]]:
        """A question's matches, the candidates among them ranked (see rarity.py)."""
        found = self.count(query, within)
        if not found:
            return 0, []
        words = [_phrase([t], "folded") for t in query.terms]
        words += [_phrase([p], "pairs") for p in query.pairs]
        pool = rarest(words, self._frequency)
        pool += [_phrase(p, "folded") for p in query.phrases]
        pool += [_phrase([s], "symbols") for s in query.symbols]
        where, params = self._where(query, within, " OR ".join(pool))
        return found, self._scored(
            query, self._ids(f"SELECT rowid FROM {TABLE} WHERE {where}", params)
        )

    def _holding(self, phrase: str) -> int:
        return int(
            self._rows(f"SELECT count(*) FROM {TABLE} WHERE {TABLE} MATCH %s", [phrase])[0][0]
        )

    def newest(
        self, query: Query, within: QuerySet[Any], *, exclude: list[int], limit: int, offset: int
    ) -> list[int]:
        where, params = self._where(query, within)
        excluded = ",".join(str(int(pk)) for pk in exclude) or "0"
        rows = self._rows(
            f"SELECT rowid FROM {TABLE} WHERE {where} AND +rowid NOT IN ({excluded}) "
            "ORDER BY rowid DESC LIMIT %s OFFSET %s",
            [*params, limit, offset],
        )
        return [int(pk) for (pk,) in rows]

    def by_date(self, query: Query, within: QuerySet[Any], *, limit: int, offset: int) -> list[int]:
        subquery, params = within.order_by().values("id").query.sql_with_params()
        rows = self._rows(
            f"SELECT d.id FROM archive_document d WHERE d.id IN ({subquery}) AND d.id IN "
            f"(SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH %s) "
            "ORDER BY d.issued_date DESC, d.id DESC LIMIT %s OFFSET %s",
            [*params, match_expression(query), limit, offset],
        )
        return [int(pk) for (pk,) in rows]

    def _ids(self, sql: str, params: list[Any]) -> list[int]:
        return [int(pk) for (pk,) in self._rows(sql, params)]

    def _rows(self, sql: str, params: list[Any]) -> list[Any]:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return list(cursor.fetchall())
