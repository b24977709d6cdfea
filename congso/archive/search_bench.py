"""How well and how fast the archive's search works, against a baseline in the same run.

Quality (`run_quality`): the ALQAC legal retrieval set (law articles, questions and the
articles that answer them). Every article becomes a document (its title names the law
and the article; its text is the article's), the questions are searched as a user
would type them, and MRR@10, Recall@10 and nDCG@10 are computed from the ten first
results. The baseline indexes the very same text with plain BM25 over lowercased,
accent-folded tokens (tantivy: simple tokenizer → lowercase → ascii_fold).

Speed (`run_scale`): a large archive made from the corpus text (documents of one to
three articles with a type, number, date and issuer), indexed through the archive's own
indexing; then a fixed mix of queries (one to three words, phrases, numbers in several
forms, with and without filters) is run as the search page runs it, and the latencies
are reported. The baseline indexes and searches the same texts with tantivy.

Each run works in a database of its own, made for it and dropped after: a SQLite file,
or a database on the PostgreSQL server given. The engine part runs in a child process
configured for that database (`congso bench search --inside`).
"""

from __future__ import annotations

import json
import math
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from congso.core.text import nfc

TOP = 10
BATCH = 1000
# The corpus used without --corpus: the shared corpus folder beside the project's checkout.
SHARED_CORPUS = Path("../shared/corpus/alqac")
DEFAULT_POSTGRES = "postgres://postgres@127.0.0.1:5432/postgres"
# Document types, their abbreviations and issuers of the made-up archive of `run_scale`.
_TYPES = [
    ("Quyết định", "QĐ"),
    ("Công văn", ""),
    ("Nghị định", "NĐ"),
    ("Thông tư", "TT"),
    ("Kế hoạch", "KH"),
    ("Báo cáo", "BC"),
    ("Tờ trình", "TTr"),
    ("Chỉ thị", "CT"),
]
_ISSUERS = [
    ("UBND tỉnh Bình Dương", "UBND"),
    ("Sở Nội vụ", "SNV"),
    ("Sở Tài chính", "STC"),
    ("Bộ Tư pháp", "BTP"),
    ("Chính phủ", "CP"),
    ("Bộ Tài chính", "BTC"),
    ("Sở Thông tin và Truyền thông", "STTTT"),
    ("UBND huyện Dầu Tiếng", "UBND"),
]


@dataclass(frozen=True)
class Article:
    id: str
    title: str
    text: str

    @property
    def body(self) -> str:
        """What is indexed, by both sides: the title line and the article."""
        return f"{self.title}\n{self.text}"


@dataclass(frozen=True)
class Question:
    id: str
    text: str


# --- Data -------------------------------------------------------------------------------


def load_articles(corpus: Path) -> list[Article]:
    articles = []
    for row in _jsonl(corpus / "corpus.jsonl"):
        title = f"{nfc(row['law_id'])} - Điều {row['article_id']}"
        articles.append(Article(row["doc_id"], title, nfc(row["text"])))
    return articles


def load_questions(path: Path) -> list[Question]:
    return [Question(row["qid"], nfc(row["text"])) for row in _jsonl(path)]


def load_qrels(path: Path) -> dict[str, set[str]]:
    """qid → relevant doc ids, from a TREC-style tsv (qid, doc_id, relevance)."""
    relevant: dict[str, set[str]] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
        parts = line.split("\t")
        if len(parts) < 3 or (number == 0 and not parts[2].strip().isdigit()):
            continue  # the header, or a blank line
        if int(parts[2]) > 0:
            relevant.setdefault(parts[0], set()).add(nfc(parts[1]))
    return relevant


def _jsonl(path: Path) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                yield json.loads(line)


# --- Metrics ----------------------------------------------------------------------------


def metrics(rankings: dict[str, list[str]], qrels: dict[str, set[str]]) -> dict[str, float]:
    """MRR@10, Recall@10 and nDCG@10 (binary relevance) over the judged questions."""
    mrr = recall = ndcg = 0.0
    judged = [qid for qid in rankings if qrels.get(qid)]
    for qid in judged:
        relevant, top = qrels[qid], rankings[qid][:TOP]
        hits = [i for i, doc in enumerate(top) if doc in relevant]
        mrr += 1 / (hits[0] + 1) if hits else 0.0
        recall += len(hits) / len(relevant)
        ideal = sum(1 / math.log2(i + 2) for i in range(min(len(relevant), TOP)))
        ndcg += sum(1 / math.log2(i + 2) for i in hits) / ideal
    count = max(len(judged), 1)
    return {
        "mrr@10": round(mrr / count, 4),
        "recall@10": round(recall / count, 4),
        "ndcg@10": round(ndcg / count, 4),
        "queries": len(judged),
    }


# --- Baseline ---------------------------------------------------------------------------


class Baseline:
    """Plain BM25 over lowercased, accent-folded tokens, with tantivy."""

    def __init__(self) -> None:
        import tantivy

        self._tantivy = tantivy
        schema = tantivy.SchemaBuilder()
        schema.add_text_field("body", stored=False, tokenizer_name="folded")
        schema.add_integer_field("id", stored=True, indexed=True, fast=True)
        self._dir = tempfile.TemporaryDirectory(prefix="congso-bm25-")
        self.index = tantivy.Index(schema.build(), path=self._dir.name)
        analyzer = (
            tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
            .filter(tantivy.Filter.lowercase())
            .filter(tantivy.Filter.ascii_fold())
            .build()
        )
        self.index.register_tokenizer("folded", analyzer)

    def add(self, rows: Iterable[tuple[int, str]]) -> int:
        writer = self.index.writer(heap_size=200_000_000, num_threads=1)
        count = 0
        for number, text in rows:
            writer.add_document(self._tantivy.Document(id=number, body=text))
            count += 1
        writer.commit()
        writer.wait_merging_threads()
        self.index.reload()
        return count

    def search(self, text: str, *, limit: int = TOP) -> list[int]:
        words = re.sub(r"[^\w]+", " ", text.lower()).strip()
        if not words:
            return []
        query = self.index.parse_query(words, ["body"])
        searcher = self.index.searcher()
        return [
            searcher.doc(address)["id"][0] for _s, address in searcher.search(query, limit).hits
        ]

    def close(self) -> None:
        self._dir.cleanup()


# --- The engine side, in a child process on a database of its own ------------------------


def inside(spec: dict[str, Any]) -> dict[str, Any]:
    """Run in the child: build the archive, index it, search it."""
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    if spec["mode"] == "quality":
        return _quality_inside(spec)
    return _scale_inside(spec)


def _agency() -> Any:
    from congso.org.models import Agency

    return Agency.objects.create(name="Cơ quan đo hiệu năng tìm kiếm", code="Z98", kind="khac")


def _new_documents(agency: Any, rows: list[dict[str, Any]]) -> list[int]:
    """Processed documents (no files: only their text matters here), bulk-created."""
    import hashlib
    import uuid

    from congso.archive.models import Document

    made = Document.objects.bulk_create(
        [
            Document(
                uuid=uuid.uuid4(),
                agency=agency,
                original_name="van-ban.txt",
                sha256=hashlib.sha256(row["text"].encode()).hexdigest(),
                size=len(row["text"]),
                media_type="text/plain",
                source=Document.Source.IMPORT,
                state=Document.State.DONE,
                page_count=1,
                pages_done=1,
                **row,
            )
            for row in rows
        ]
    )
    return [document.pk for document in made]


def _index_all(ids: list[int]) -> float:
    """Index the documents as the archive does, a batch per transaction; seconds taken."""
    from django.db import transaction

    from congso.archive import search
    from congso.archive.models import Document

    seconds = 0.0
    for start in range(0, len(ids), BATCH):
        batch = list(Document.objects.filter(pk__in=ids[start : start + BATCH]))
        began = time.perf_counter()
        with transaction.atomic():
            search.index_documents(batch)
        seconds += time.perf_counter() - began
    return seconds


def _quality_inside(spec: dict[str, Any]) -> dict[str, Any]:
    from congso.archive import search
    from congso.archive.models import Document

    agency = _agency()
    articles = [Article(**a) for a in spec["articles"]]
    ids = _new_documents(agency, [{"title": a.title, "text": a.body} for a in articles])
    by_pk = {pk: a.id for pk, a in zip(ids, articles, strict=True)}
    seconds = _index_all(ids)
    within = Document.objects.filter(agency=agency)
    rankings = {}
    for question in spec["questions"]:
        found = search.search(within=within, text=question["text"], limit=TOP)
        rankings[question["id"]] = [by_pk[hit.document.pk] for hit in found.hits]
    return {"rankings": rankings, "index_seconds": seconds}


def made_up_archive(
    articles: list[Article], count: int, *, seed: int = 749
) -> Iterator[dict[str, Any]]:
    """`count` documents of one to three articles each, with a type, number, date and
    issuer, always the same for the same seed."""
    rng = random.Random(seed)  # noqa: S311 (made-up data, not secrets)
    for number in range(1, count + 1):
        doc_type, type_abbr = rng.choice(_TYPES)
        issuer, issuer_abbr = rng.choice(_ISSUERS)
        year = rng.randint(2012, 2026)
        symbol = (
            f"{number}/{type_abbr}-{issuer_abbr}" if type_abbr else f"{number}/{issuer_abbr}-VP"
        )
        parts = rng.sample(articles, rng.choice((1, 1, 2, 3)))
        abstract = parts[0].text.split("\n", 1)[0][:200]
        header = f"{issuer.upper()}\nSố: {symbol}\n{doc_type.upper()}\n{abstract}\n"
        yield {
            "title": f"{doc_type} {symbol}",
            "doc_type": doc_type,
            "number_symbol": symbol,
            "issuer": issuer,
            "abstract": abstract,
            "issued_date": f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            "text": header + "\n".join(p.body for p in parts),
        }


def query_mix(articles: list[Article]) -> list[tuple[str, dict[str, Any]]]:
    """The fixed mix of the speed run: (query, filters)."""
    words = ["thuế", "hop dong", "trọng tài thương mại", "ma tuy", "đất đai", "bảo hiểm"]
    words += ["quyền sở hữu", "tranh chấp", "xu phat vi pham", "giấy phép", "khởi kiện"]
    words += ["cai nghiện", "người lao động", "doanh nghiệp", "thừa kế"]
    phrases = ['"hợp đồng lao động"', '"quyền và nghĩa vụ"', '"thời hiệu khởi kiện"']
    phrases += ['"phòng, chống ma túy"']
    # Numbers of documents of the archive, typed four ways.
    decisions = [
        row["number_symbol"]
        for row in made_up_archive(articles, 400)
        if row["doc_type"] == "Quyết định"
    ][:4]
    numbers = [decisions[0], decisions[1].lower().replace("/", " ").replace("-", " ")]
    number, symbol = decisions[2].split("/")
    numbers += [f"{symbol} {number}", decisions[3].replace("Đ", "D")]
    plain: list[tuple[str, dict[str, Any]]] = [(q, {}) for q in words + phrases + numbers]
    filters: list[dict[str, Any]] = [
        {"doc_type": "Quyết định"},
        {"year": 2020},
        {"date_from": "2018-01-01", "date_to": "2021-12-31"},
        {"issuer": "Sở Nội vụ"},
    ]
    filtered = [(q, filters[i % len(filters)]) for i, q in enumerate(words + phrases)]
    return plain + filtered


def _filtered(documents: Any, filters: dict[str, Any]) -> Any:
    from congso.archive.forms import SearchForm

    form = SearchForm({"q": "x", **filters})
    form.is_valid()
    return form.filtered(documents)


def _scale_inside(spec: dict[str, Any]) -> dict[str, Any]:
    from congso.archive import search
    from congso.archive.models import Document

    agency = _agency()
    articles = [Article(**a) for a in spec["articles"]]
    ids: list[int] = []
    rows = made_up_archive(articles, spec["documents"])
    while chunk := [row for _n, row in zip(range(BATCH), rows, strict=False)]:
        ids += _new_documents(agency, chunk)
    seconds = _index_all(ids)
    _analyze_tables()
    within = Document.objects.filter(agency=agency)
    mix = query_mix(articles)
    timings: list[float] = []
    facet_timings: list[float] = []
    for round_number in range(spec["rounds"] + 1):
        for text, filters in mix:
            scope = _filtered(within, filters)
            began = time.perf_counter()
            list(search.search(within=scope, text=text, limit=20).hits)
            middle = time.perf_counter()
            search.facet_counts(within=scope, text=text)
            if round_number:  # the first round warms the caches
                timings.append((middle - began) * 1000)
                facet_timings.append((time.perf_counter() - middle) * 1000)
    return {
        "index_seconds": seconds,
        "timings_ms": timings,
        "facet_timings_ms": facet_timings,
        "queries": len(mix),
    }


def _analyze_tables() -> None:
    """What the database does by itself some time after a bulk load: statistics for the
    planner, and on PostgreSQL autovacuum's pass (GIN's pending entries merged)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")


def _in_child(spec: dict[str, Any], *, backend: str, postgres: str, work: Path) -> dict[str, Any]:
    spec_path = work / "spec.json"
    spec_path.write_text(json.dumps(spec, ensure_ascii=False), encoding="utf-8")
    database = _database(backend, postgres, work)
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "CONGSO_STORAGE_ROOT")}
    env |= {
        "DATABASE_URL": database.url,
        "CONGSO_DATA_DIR": str(work / "data"),
        "CONGSO_ENV_FILE": "-",
        "SECRET_KEY": env.get("SECRET_KEY") or "benchmark-only-secret-key",
        "LOG_LEVEL": "WARNING",
    }
    try:
        result = subprocess.run(  # noqa: S603 (our own command)
            [sys.executable, "-m", "congso", "bench", "search", "--inside", str(spec_path)],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
    finally:
        database.drop()
    if result.returncode != 0:
        raise RuntimeError(result.stderr[-3000:])
    figures: dict[str, Any] = json.loads(result.stdout.strip().splitlines()[-1])
    return figures


@dataclass
class _Database:
    url: str
    server: str = ""
    name: str = ""

    def drop(self) -> None:
        if self.name:
            _postgres_admin(self.server, f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


def _database(backend: str, postgres: str, work: Path) -> _Database:
    if backend == "sqlite":
        return _Database(f"sqlite:///{work / 'search.sqlite3'}")
    name = f"congso_bench_search_{os.getpid()}"
    _postgres_admin(postgres, f'DROP DATABASE IF EXISTS "{name}"')
    _postgres_admin(postgres, f'CREATE DATABASE "{name}"')
    parts = urlsplit(postgres)
    url = urlunsplit((parts.scheme, parts.netloc, f"/{name}", parts.query, ""))
    return _Database(url, postgres, name)


def _postgres_admin(server: str, statement: str) -> None:
    import psycopg

    with psycopg.connect(server, autocommit=True) as connection:
        connection.execute(statement.encode())


# --- The runs ---------------------------------------------------------------------------


def run_quality(
    corpus: Path,
    *,
    backend: str,
    questions: Path | None = None,
    qrels: Path | None = None,
    postgres: str = DEFAULT_POSTGRES,
) -> dict[str, Any]:
    articles = load_articles(corpus)
    asked = load_questions(questions or corpus / "queries.jsonl")
    judged = load_qrels(qrels or corpus / "qrels.tsv")
    asked = [q for q in asked if judged.get(q.id)]
    spec = {
        "mode": "quality",
        "articles": [a.__dict__ for a in articles],
        "questions": [q.__dict__ for q in asked],
    }
    with tempfile.TemporaryDirectory(prefix="congso-bench-search-") as work:
        found = _in_child(spec, backend=backend, postgres=postgres, work=Path(work))
    baseline = Baseline()
    try:
        baseline.add((number, a.body) for number, a in enumerate(articles))
        base_rankings = {q.id: [articles[n].id for n in baseline.search(q.text)] for q in asked}
    finally:
        baseline.close()
    ours = metrics(found["rankings"], judged)
    return {
        "backend": backend,
        **{k: ours[k] for k in ("mrr@10", "recall@10", "ndcg@10")},
        "queries": ours["queries"],
        "documents": len(articles),
        "baseline": {k: v for k, v in metrics(base_rankings, judged).items() if k != "queries"},
    }


def run_scale(
    corpus: Path, *, backend: str, documents: int, rounds: int = 3, postgres: str = DEFAULT_POSTGRES
) -> dict[str, Any]:
    articles = load_articles(corpus)
    spec = {
        "mode": "scale",
        "articles": [a.__dict__ for a in articles],
        "documents": documents,
        "rounds": rounds,
    }
    with tempfile.TemporaryDirectory(prefix="congso-bench-search-") as work:
        found = _in_child(spec, backend=backend, postgres=postgres, work=Path(work))
    timings = sorted(found["timings_ms"])
    figures: dict[str, Any] = {
        "backend": backend,
        "docs": documents,
        "index_docs_per_s": round(documents / found["index_seconds"], 1),
        **_percentiles(timings),
        "queries": found["queries"],
        "searches": len(timings),
        "baseline": _baseline_speed(articles, documents, rounds),
    }
    figures["facets"] = _percentiles(sorted(found["facet_timings_ms"]))
    figures["p95_ratio_to_baseline"] = round(
        figures["p95_ms"] / max(figures["baseline"]["p95_ms"], 0.001), 1
    )
    return figures


def _percentiles(timings: list[float]) -> dict[str, float]:
    cuts = statistics.quantiles(timings, n=100, method="inclusive")
    return {
        "p50_ms": round(cuts[49], 2),
        "p95_ms": round(cuts[94], 2),
        "p99_ms": round(cuts[98], 2),
    }


def _baseline_speed(articles: list[Article], documents: int, rounds: int) -> dict[str, Any]:
    """tantivy on the same texts and the same queries (without filters: it holds none)."""
    baseline = Baseline()
    try:
        rows = ((n, row["text"]) for n, row in enumerate(made_up_archive(articles, documents)))
        began = time.perf_counter()
        baseline.add(rows)
        seconds = time.perf_counter() - began
        timings = []
        mix = query_mix(articles)
        for round_number in range(rounds + 1):
            for text, _filters in mix:
                began = time.perf_counter()
                baseline.search(text, limit=20)
                if round_number:
                    timings.append((time.perf_counter() - began) * 1000)
    finally:
        baseline.close()
    return {"index_docs_per_s": round(documents / seconds, 1), **_percentiles(sorted(timings))}


def table(figures: dict[str, Any]) -> str:
    """The figures as a small text table, ours beside the baseline's."""
    base = figures.get("baseline", {})
    keys = [
        k
        for k in (
            "mrr@10",
            "recall@10",
            "ndcg@10",
            "index_docs_per_s",
            "p50_ms",
            "p95_ms",
            "p99_ms",
        )
        if k in figures
    ]
    lines = [f"{'':18} {figures['backend']:>12} {'baseline':>12}"]
    for key in keys:
        theirs = base.get(key, "")
        lines.append(f"{key:18} {figures[key]:>12} {theirs!s:>12}")
    for key in ("documents", "docs", "queries", "searches"):
        if key in figures:
            lines.append(f"{key:18} {figures[key]:>12}")
    return "\n".join(lines)
