"""The search index on SQLite: an FTS5 table of the analyzed tokens, ranked by BM25.

The table `archive_search` (created by the archive's migrations on SQLite) has one row
per document (rowid = document id) and five columns, weighted by `WEIGHTS`. A query's
required part is built on the folded column. The candidates found are then ranked with
the query's exact forms and adjacent pairs added as alternatives (`ranking_expression`),
so that they only raise the rank of documents that hold them (FTS5's bm25 scores every
phrase of the expression).
"""

from __future__ import annotations

import contextlib
import math
from collections.abc import Iterator, Sequence
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
# How many of a query's newest matches are looked up one by one among the visible
# documents (2–3 µs each) before the rest are checked against the set of visible
# documents instead (built once: 11 ms for 100,000 documents, more with filters).
PROBE = 2000
_CHUNK = 100  # matches fetched at a time while looking them up


def _phrase(tokens: Sequence[str], column: str, *, prefix: bool = False) -> str:
    columns = f"{column}:" if column else ""
    return f'{columns}"{" ".join(tokens)}"' + ("*" if prefix else "")


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


def word_phrases(query: Query) -> list[str]:
    """The single words that rank a query's candidates: its words without tones, with
    their marks as typed, and side by side.

    They are given without a column: a word without marks (letters and digits), one
    with marks and a pair (joined by "_") are each held by their own columns only, and
    a phrase's documents are counted a third faster with no column to check."""
    tokens = [*query.terms, *query.exact, *query.pairs]
    return [_phrase([token], "") for token in dict.fromkeys(tokens)]


def ranking_expression(query: Query, words: Sequence[str]) -> str:
    """What ranks candidates already known to match: any of the query's phrases,
    numbers, start of word and `words` (of `word_phrases`), each once: bm25 reads the
    whole posting list of every phrase it is given (to count the documents holding
    it), so a phrase repeated costs twice and counts twice. Every candidate holds
    what the query needs, so bm25 sees the same instances as with the query itself."""
    parts = [*words, *(_phrase(p, "folded") for p in query.phrases)]
    parts += [_phrase([s], "symbols") for s in query.symbols]
    if query.prefix:  # a start of word may also start a word with marks, or a pair
        parts.append(_phrase([query.prefix], "{folded head}", prefix=True))
    return " OR ".join(parts)


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
        self._size = Frequencies(
            lambda _all: int(self._rows(f"SELECT count(*) FROM {TABLE}", [])[0][0])
        )

    def columns(self, analysis: Analysis) -> tuple[Any, ...]:
        a = analysis
        return (
            # Only words with marks: a query looks for exact forms only of the words
            # typed with them.
            " ".join(e for e, f in zip(a.exact, a.folded, strict=True) if e != f),
            " ".join(a.folded),
            " ".join(a.pairs),
            " ".join(a.symbols),
            " ".join(a.head),
        )

    def replace(self, rows: Sequence[tuple[int, tuple[Any, ...]]]) -> None:
        with connection.cursor() as cursor:
            cursor.executemany(f"DELETE FROM {TABLE} WHERE rowid = %s", [(pk,) for pk, _c in rows])
            cursor.executemany(
                f"INSERT INTO {TABLE} (rowid, exact, folded, pairs, symbols, head) "
                "VALUES (%s, %s, %s, %s, %s, %s)",
                [(pk, *columns) for pk, columns in rows],
            )

    def writing_many(self) -> contextlib.AbstractContextManager[None]:
        return contextlib.nullcontext()  # one writer to a SQLite database

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

    def _where(self, within: QuerySet[Any], expression: str) -> tuple[str, list[Any]]:
        # "+rowid": the visible ids are checked against each match; given to FTS5 as a
        # rowid constraint, they would make it run the whole match once per id.
        subquery, params = within.order_by().values("id").query.sql_with_params()
        return f"{TABLE} MATCH %s AND +{TABLE}.rowid IN ({subquery})", [expression, *params]

    def matching(self, query: Query) -> tuple[str, list[Any]]:
        """SQL (and its parameters) selecting the ids of all matching documents."""
        return f"SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH %s", [match_expression(query)]

    @contextlib.contextmanager
    def planned(self) -> Iterator[None]:
        yield  # FTS5 is only ever read through its own index

    def count(self, query: Query, within: QuerySet[Any]) -> int:
        return len(self._newest(match_expression(query), within, limit=queries.CANDIDATES + 1))

    def _newest(self, expression: str, within: QuerySet[Any], *, limit: int) -> list[int]:
        """The newest matches of `expression` among the documents of `within`, at most
        `limit` (-1: all of them).

        Most matches of a search are documents the user may see: the first PROBE
        matches are each looked up by id among the visible documents. Only a search
        that needs more (or finds few of them visible) builds the set of visible
        documents, once, to check the rest against."""
        match_id = RawSQL(f"{TABLE}.rowid", ())  # noqa: S611 (a constant)
        visible = within.order_by().filter(pk=match_id).values("id")
        subquery, params = visible.query.sql_with_params()
        wanted = limit if limit >= 0 else math.inf
        found: list[int] = []
        scanned, last = 0, 0
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT rowid, EXISTS ({subquery}) FROM {TABLE} WHERE {TABLE} MATCH %s "
                "ORDER BY rowid DESC LIMIT %s",
                [*params, expression, PROBE],
            )
            while len(found) < wanted:
                rows = cursor.fetchmany(_CHUNK)
                found += [int(pk) for pk, seen in rows if seen]
                scanned, last = scanned + len(rows), int(rows[-1][0]) if rows else last
                if len(rows) < _CHUNK and scanned < PROBE:  # every match was looked at
                    return found[:limit] if limit >= 0 else found
                # Past PROBE, or so few visible that PROBE matches would not give enough.
                few = limit >= 0 and limit * scanned > (len(found) + 1) * PROBE
                if len(rows) < _CHUNK or few:
                    break
            else:
                return found[:limit]
        where, set_params = self._where(within, expression)
        return found + self._ids(
            f"SELECT rowid FROM {TABLE} WHERE {where} AND rowid < %s ORDER BY rowid DESC LIMIT %s",
            [*set_params, last, limit - len(found) if limit >= 0 else -1],
        )

    def ranked(self, query: Query, within: QuerySet[Any]) -> tuple[int, list[tuple[int, float]]]:
        if not query.require_all and query.terms:
            return self._ranked_question(query, within)
        newest = self._newest(match_expression(query), within, limit=queries.CANDIDATES + 1)
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
        visible documents, so they are checked against nothing else.

        A word held by half the documents or more adds next to nothing to bm25 (its idf
        is floored at 1e-6), yet bm25 would read its whole posting list to count them:
        beside rarer words, such words are left out (their counts are kept for a while,
        see rarity.py), and a candidate holding none of the rest comes after the others,
        newest first."""
        if not ids:
            return []
        words = word_phrases(query)
        half = self._size("") / 2
        # When every word is that common, they are what orders the candidates: all kept.
        useful = [word for word in words if self._frequency(word) < half] or words
        listed = ",".join(str(int(pk)) for pk in ids)
        rows = self._rows(
            f"SELECT rowid, -{SCORE} FROM {TABLE} WHERE {TABLE} MATCH %s "
            f"AND rowid >= %s AND +rowid IN ({listed})",
            [ranking_expression(query, useful), min(ids)],
        )
        scores = {int(pk): float(score) for pk, score in rows}
        ranked = [(pk, scores.get(pk, 0.0)) for pk in dict.fromkeys(ids)]
        return sorted(ranked, key=_best_first)

    def _ranked_question(
        self, query: Query, within: QuerySet[Any]
    ) -> tuple[int, list[tuple[int, float]]]:
        """A question's matches, the candidates among them ranked (see rarity.py)."""
        found = self.count(query, within)
        if not found:
            return 0, []
        # The head's words are in the body: a word in either is a word of the body.
        words = [_phrase([t], "") for t in query.terms]
        words += [_phrase([p], "") for p in query.pairs]
        pool = rarest(words, self._frequency)
        pool += [_phrase(p, "folded") for p in query.phrases]
        pool += [_phrase([s], "symbols") for s in query.symbols]
        return found, self._scored(query, self._newest(" OR ".join(pool), within, limit=-1))

    def _holding(self, phrase: str) -> int:
        return int(
            self._rows(f"SELECT count(*) FROM {TABLE} WHERE {TABLE} MATCH %s", [phrase])[0][0]
        )

    def newest(
        self, query: Query, within: QuerySet[Any], *, exclude: list[int], limit: int, offset: int
    ) -> list[int]:
        excluded = set(exclude)
        newest = self._newest(match_expression(query), within, limit=offset + limit + len(exclude))
        return [pk for pk in newest if pk not in excluded][offset : offset + limit]

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
