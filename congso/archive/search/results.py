"""Running a query: ranked hits with snippets, the total and facet counts, all from the
documents of the queryset given (scoped by the caller with `visible_to`)."""

from __future__ import annotations

import functools
import html
import itertools
import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.db.models import CharField, Count, QuerySet
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast, Substr
from django.utils.safestring import SafeString, mark_safe

from congso.archive.models import VALIDITY_BY_RELATION, Citation, Document, Dossier, Validity
from congso.archive.reading.identifiers import fold_same_length
from congso.archive.search import query as queries
from congso.archive.search.analysis import fold_word, normalize
from congso.archive.search.query import Query, parse
from congso.core.text import vi_sort_key
from congso.org.models import Unit

SNIPPET_CHARS = 240
# How many values each facet shows.
FACET_VALUES = 12
# How many places of the query's words a snippet is chosen among.
_SNIPPET_SPOTS = 300
# How much of a long text snippets are looked for in.
_SNIPPET_SCAN = 200_000


@dataclass
class Hit:
    document: Document
    score: float
    snippet: SafeString


@dataclass
class Results:
    query: Query
    hits: list[Hit]
    total: int
    relaxed: bool = False  # no document held all the words: these hold some
    # Matches are counted up to CANDIDATES + 1: past it, `total` says "more than
    # CANDIDATES" (facet_counts counts them all).
    total_exact: bool = True


def search(
    *,
    within: QuerySet[Document],
    text: str,
    prefix: bool = False,
    by_date: bool = False,
    limit: int = 20,
    offset: int = 0,
) -> Results:
    """The documents of `within` that match `text`, best (or newest) first.

    A short query needs all its words; when that finds nothing, any of them will do.
    """
    from congso.archive.search import get_index

    query = parse(text, prefix=prefix)
    if query.empty or within.query.is_empty():  # nothing typed, or nothing visible
        return Results(query, [], 0)
    index = get_index()
    total, page = _page(index, query, within, by_date=by_date, limit=limit, offset=offset)
    relaxed = total == 0 and query.require_all and len(query.terms) > 1
    if relaxed:
        query = query.relaxed()
        total, page = _page(index, query, within, by_date=by_date, limit=limit, offset=offset)
    # What a hit shows, and the text its snippet comes from; not the reading's details.
    heavy = ("reading", "field_confidence", "fields_corrected", "pending_rerun", "signatures")
    documents = Document.objects.defer(*heavy).in_bulk([pk for pk, _score in page])
    hits = [
        Hit(documents[pk], score, snippet(documents[pk].text, query))
        for pk, score in page
        if pk in documents
    ]
    return Results(query, hits, total, relaxed, total_exact=total <= queries.CANDIDATES)


def _page(
    index: Any, query: Query, within: QuerySet[Document], *, by_date: bool, limit: int, offset: int
) -> tuple[int, list[tuple[int, float]]]:
    """How many match (counted up to CANDIDATES + 1), and one page of (id, score): the
    ranked candidates, then the other matches newest first; or all by date of issue."""
    if by_date:
        total = index.count(query, within)
        ids = index.by_date(query, within, limit=limit, offset=offset) if total else []
        return total, [(pk, 0.0) for pk in ids]
    total, scored = index.ranked(query, within)
    page = scored[offset : offset + limit]
    unranked = total > queries.CANDIDATES or total > len(scored)  # matches not in scored
    if len(page) < limit and unranked:
        rest = index.newest(
            query,
            within,
            exclude=[pk for pk, _score in scored],
            limit=limit - len(page),
            offset=max(0, offset - len(scored)),
        )
        page += [(pk, 0.0) for pk in rest]
    return total, page


def similar(document: Document, *, within: QuerySet[Document], limit: int = 8) -> list[Hit]:
    """Documents like this one: its abstract, issuer and first words as a question."""
    words = " ".join([document.abstract, document.doc_type, document.text[:600]])
    found = search(within=within.exclude(pk=document.pk), text=words, limit=limit)
    return found.hits


def facet_counts(
    *, within: QuerySet[Document], text: str, prefix: bool = False
) -> dict[str, list[tuple[Any, int]]]:
    """How many of the documents `search` finds have each type, issuer, year, unit,
    dossier and validity: counted in one pass over the matches (each facet's own query would read
    them all again)."""
    from congso.archive.search import get_index

    query = parse(text, prefix=prefix)
    if query.empty or within.query.is_empty():
        return {}
    index = get_index()
    with index.planned():
        rows = _facet_rows(index, query, within)
        if not rows and query.require_all and len(query.terms) > 1:
            query = query.relaxed()
            rows = _facet_rows(index, query, within)
    counters: dict[str, Counter[Any]] = {name: Counter() for name in FACETS}
    for row in rows:
        for name, column in (("doc_type", "doc_type"), ("issuer", "issuer"), ("year", "year")):
            if row[column]:
                counters[name][row[column]] += row["n"]
        if row["unit_id"]:
            counters["unit"][row["unit_id"]] += row["n"]
        if row["filing__dossier_id"]:
            counters["dossier"][row["filing__dossier_id"]] += row["n"]
    total = sum(row["n"] for row in rows)
    with index.planned():
        counters["validity"] = _validity(index, query, within, total)
    return _ordered(counters)


FACETS = ("doc_type", "issuer", "year", "unit", "dossier", "validity")


def facet_total(counted: dict[str, list[tuple[Any, int]]]) -> int:
    """How many documents the facets counted (each has exactly one validity)."""
    return sum(n for _value, n in counted.get("validity", []))


def _matches(index: Any, query: Query, within: QuerySet[Document]) -> QuerySet[Document]:
    sql, params = index.matching(query)
    return within.filter(pk__in=RawSQL(sql, params)).order_by()  # noqa: S611 (params)


def _facet_rows(index: Any, query: Query, within: QuerySet[Document]) -> list[dict[str, Any]]:
    year = Substr(Cast("issued_date", CharField()), 1, 4)  # no per-row date function
    rows = (
        _matches(index, query, within)
        .annotate(year=year)
        .values("doc_type", "issuer", "year", "unit_id", "filing__dossier_id")
        .annotate(n=Count("pk"))
    )
    return list(rows)


def _validity(index: Any, query: Query, within: QuerySet[Document], total: int) -> Counter[Any]:
    """Matches by validity: the strongest change later documents made to each."""
    strength = {relation: rank for rank, (relation, _v) in enumerate(VALIDITY_BY_RELATION)}
    strongest: dict[int, str] = {}
    changes = Citation.objects.filter(
        relation__in=list(strength), target__in=_matches(index, query, within).values("pk")
    ).values_list("target_id", "relation")
    for target, relation in changes:
        if target not in strongest or strength[relation] < strength[strongest[target]]:
            strongest[target] = relation
    by_relation = dict(VALIDITY_BY_RELATION)
    counted = Counter(by_relation[relation] for relation in strongest.values())
    counted[Validity.IN_FORCE] = total - len(strongest)
    return +counted  # without the zeros


def _ordered(counters: dict[str, Counter[Any]]) -> dict[str, list[tuple[Any, int]]]:
    """Each facet's values as shown: most frequent first (names in Vietnamese order
    among equals), years latest first, validity in its own order."""
    names = dict(Unit.objects.filter(pk__in=list(counters["unit"])).values_list("pk", "name"))
    dossiers = {d.pk: str(d) for d in Dossier.objects.filter(pk__in=list(counters["dossier"]))}
    by_count = lambda item: (-item[1], vi_sort_key(str(item[0])))  # noqa: E731
    return {
        "doc_type": sorted(counters["doc_type"].items(), key=by_count)[:FACET_VALUES],
        "issuer": sorted(counters["issuer"].items(), key=by_count)[:FACET_VALUES],
        "year": sorted(counters["year"].items(), reverse=True)[:FACET_VALUES],
        "unit": [
            ((pk, names.get(pk, "")), n)
            for pk, n in sorted(counters["unit"].items(), key=lambda i: (-i[1], i[0]))
        ][:FACET_VALUES],
        "dossier": [
            ((pk, dossiers.get(pk, "")), n)
            for pk, n in sorted(counters["dossier"].items(), key=lambda i: (-i[1], -i[0]))
        ][:FACET_VALUES],
        "validity": [
            (value, counters["validity"][value])
            for value in Validity.values
            if counters["validity"][value]
        ],
    }


# --- Snippets ---------------------------------------------------------------------------

_WORD = re.compile(r"[^\W_]+")


def _wanted(query: Query) -> tuple[frozenset[str], frozenset[str]]:
    """Words to mark: as typed with tones (exact), and as typed without (folded)."""
    toned = {fold_word(word) for word in query.exact}
    folded = {term for term in query.terms if term not in toned}
    for phrase in query.phrases:
        folded.update(phrase)
    return frozenset(query.exact), frozenset(folded)


def snippet(text: str, query: Query, *, length: int = SNIPPET_CHARS) -> SafeString:
    """A part of `text` around the most query words, with them marked, HTML-escaped.

    A word typed with its tones marks only that spelling ("bán", not "bạn")."""
    text = text[:_SNIPPET_SCAN]
    folded = fold_same_length(text)
    exact, plain = _wanted(query)
    found = (
        (match.start(), match.end())
        for match in _spots_pattern(exact, plain, query.prefix).finditer(folded)
        if match.group() in plain
        or (query.prefix and match.group().startswith(query.prefix))
        or normalize(text[match.start() : match.end()]) in exact
    )
    spots = list(itertools.islice(found, _SNIPPET_SPOTS))
    if not spots:
        return mark_safe(html.escape(" ".join(text[:length].split())))  # noqa: S308 (escaped)
    start = _best_window(spots, folded, length)
    end = min(len(text), start + length)
    parts, cursor = [], start
    for spot_start, spot_end in spots:
        if spot_start < start or spot_end > end:
            continue
        parts.append(html.escape(text[cursor:spot_start]))
        parts.append(f"<mark>{html.escape(text[spot_start:spot_end])}</mark>")
        cursor = spot_end
    parts.append(html.escape(text[cursor:end]))
    body = " ".join("".join(parts).split())
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(text) else ""
    return mark_safe(prefix + body + suffix)  # noqa: S308 (each part escaped above)


@functools.lru_cache(maxsize=256)
def _spots_pattern(
    exact: frozenset[str], plain: frozenset[str], prefix: str | None
) -> re.Pattern[str]:
    """The words to look for in a folded text, as one pattern (found at C speed)."""
    words = sorted({*plain, *(fold_word(word) for word in exact)}, key=len, reverse=True)
    alternatives = [re.escape(word) for word in words]
    if prefix:
        alternatives.append(re.escape(prefix) + r"[^\W_]*")
    return re.compile(r"(?<![^\W_])(?:" + "|".join(alternatives or ["(?!)"]) + r")(?![^\W_])")


def _best_window(spots: list[tuple[int, int]], folded: str, length: int) -> int:
    """Where a window of `length` holds the most different query words: the window
    slides from spot to spot, counting the words inside it."""
    words = [folded[start:end] for start, end in spots]
    inside: Counter[str] = Counter()
    best, best_start, right = -1, spots[0][0], 0
    for left, (first, _end) in enumerate(spots):
        right = max(right, left)
        while right < len(spots) and spots[right][1] <= first + length:
            inside[words[right]] += 1
            right += 1
        if len(inside) > best:
            best, best_start = len(inside), first
        if right > left:  # the spot leaves the window
            inside[words[left]] -= 1
            if not inside[words[left]]:
                del inside[words[left]]
    return max(0, best_start - 40)
