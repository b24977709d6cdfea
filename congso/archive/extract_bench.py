"""How well documents are read: per-field exact-match accuracy against ground truth.

Three corpus formats are understood (each folder's SOURCE.md describes its own):

- `documents.jsonl` (vbpl.vn pages): full texts are read as they are; ground truth is
  the type, number/symbol and abstract in vbpl's title. Pages with only vbpl's attribute
  table have no text: the document is composed from the attributes in the decree's form
  (`samples.compose_text`), and its type, number/symbol, date, issuer, abstract and
  signer are compared with them.
- `manifest.csv` + `docx/` (office files): each file goes through capture's own steps
  (LibreOffice, the PDF's positioned text); type and number/symbol come from the manifest.
- `documents.csv` (a register: số ký hiệu, ngày ban hành, trích yếu): each row is composed
  as a document of its issuer, then number/symbol, date and abstract are compared.

With `scanned`, every document is typeset in the decree's layout (composed and plain
texts by `samples`, office files by LibreOffice), rendered at 300 dpi, degraded like a
paper scan (paper tone, grain, dust, blur, a slight skew, a stamp and a signature over
the signature block) and recognized by the OCR engine as capture would; only its first
two and last two pages are scanned, where the header and the signature are. OCR'd fields
are corrected with a lexicon learned, as an agency's is from its other documents, from
the corpus's texts less the document being read (and the shipped place names).

Values are compared after `normal()`: NFC, lookalikes and "ƣ" folded, one tone placement
("hoà" = "hòa"), case, spaces and end punctuation ignored; abstracts also without a
leading "V/v", "Về việc" or type name ("Thông tư quy định …" is "Quy định …", as
catalogue titles repeat the type), and with no spaces at all (web texts lose and gain
spaces where lines join); number/symbols in their canonical spelling, the number
without leading zeros.
"""

from __future__ import annotations

import csv
import datetime
import hashlib
import json
import re
import tempfile
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from congso.archive import vntext
from congso.archive.lexicon import Lexicon
from congso.archive.reading import doctypes, identifiers, words
from congso.archive.reading.result import Reading
from congso.archive.samples.compose import Metadata, compose_text
from congso.core.text import nfc

FIELDS = ("doc_type", "number_symbol", "issued_date", "issuer", "abstract", "signer")


@dataclass
class Sample:
    """One document to read and what it should give."""

    id: str
    truth: dict[str, str]
    text: str | None = None
    path: Path | None = None
    composed: bool = False  # made from metadata: its text holds the truth by construction


@dataclass
class Outcome:
    id: str
    truth: dict[str, str]
    found: dict[str, str | None] = field(default_factory=dict)
    error: str | None = None


# --- Normalization ----------------------------------------------------------------------

_QUOTES = str.maketrans({**dict.fromkeys("“”„‟«»″", '"'), **dict.fromkeys("‘’‚‛′", "'")})
_DASHES = str.maketrans(dict.fromkeys("‐‑‒–—―−", "-"))
_BROKEN = str.maketrans({"ƣ": "ư", "Ƣ": "Ư"})  # a PDF font's "ư", kept by some portals
_LEADING = re.compile(r"^(?:v\s*/\s*v|về\s+việc)\s*[:.]?\s*")
_SPACE_BEFORE = re.compile(r"\s+([,.;:)])")
_SPACE_AFTER = re.compile(r"([(])\s+")


def normal(name: str, value: str | None) -> str | None:
    """The form in which values are compared (see the module docstring)."""
    if value is None or not str(value).strip():
        return None
    text = str(value)
    if name == "number_symbol":  # "01/2026/…" and "1/2026/…" are one number
        return identifiers.symbol_key(text)
    if name == "issued_date":
        return text
    text = vntext.modern_tone_marks(vntext.normalize_text(nfc(text)).translate(_BROKEN))
    text = " ".join(text.translate(_QUOTES).translate(_DASHES).casefold().split())
    text = _SPACE_AFTER.sub(r"\1", _SPACE_BEFORE.sub(r"\1", text))
    if name == "abstract":
        text = _LEADING.sub("", text)
        for _repeat in range(2):  # "Thông tư quy định về …" and "Quy định về …" are one
            named = words.type_name_at_start(text, fuzzy=False)
            if named is not None and named[1]:
                text = _LEADING.sub("", named[1].casefold())
        text = text.replace(" ", "")  # web texts lose and gain spaces where lines join
    return text.strip(" .;,:/") or None


# --- Ground truth and samples -----------------------------------------------------------


def vbpl_title_truth(title: str) -> dict[str, str]:
    """Type, number/symbol and abstract in a vbpl title: "Nghị định số 45/2020/NĐ-CP Về …",
    "Luật Xây dựng số 135/2025/QH15", "Thông tư 32/2022/TT-BCT sửa đổi …"."""
    title = " ".join(nfc(title).split())
    truth: dict[str, str] = {}
    found = identifiers.find_number_symbols(title)
    if found:
        start, end, parsed = _own_symbol(title, found)
        truth["number_symbol"] = parsed.text
    else:
        raw = re.search(r"\bs[ốỐ]\s*:?\s*(\S+)", title, re.IGNORECASE)
        if raw is None:
            return truth
        start, end = raw.start(), raw.end()
        truth["number_symbol"] = raw.group(1)
    head = re.sub(r"\s*(?:s[ốỐ]\s*:?\s*)+$", "", title[:start], flags=re.IGNORECASE)
    named = words.type_name_at_start(head)
    if named is not None:
        truth["doc_type"] = named[0]
    tail = title[end:].strip()
    abstract = tail or (named[1] if named else "")
    if abstract:
        truth["abstract"] = abstract
    return truth


def _own_symbol(
    title: str, found: list[tuple[int, int, identifiers.NumberSymbol]]
) -> tuple[int, int, identifiers.NumberSymbol]:
    """vbpl writes "<type> số <symbol> <abstract>", or, for a law, "<type> <name> số
    <symbol>": when the type is not followed by the first symbol, the title's own symbol is
    the one it ends with ("Luật sửa đổi … Luật Giáo dục số 43/2019/QH14. số 123/2025/QH15")."""
    head = re.sub(r"\s*(?:s[ốỐ]\s*:?\s*)+$", "", title[: found[0][0]], flags=re.IGNORECASE)
    named = words.type_name_at_start(head)
    ends_title = not title[found[-1][1] :].strip(" .;")
    if len(found) > 1 and named is not None and named[1] and ends_title:
        return found[-1]
    return found[0]


def _vn_date(text: str | None) -> datetime.date | None:
    return identifiers.parse_vn_date(text) if text else None


def _vbpl(folder: Path) -> Iterator[Sample]:
    with (folder / "documents.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            truth = vbpl_title_truth(record["vbpl_title"])
            if record.get("text"):
                yield Sample(record["id"], truth, text=record["text"])
                continue
            attributes = record.get("vbpl_attributes") or {}
            yield _composed_vbpl(record["id"], truth, attributes)


def _composed_vbpl(key: str, truth: dict[str, str], attributes: dict[str, Any]) -> Sample:
    date = _vn_date(attributes.get("Ngày ban hành") or attributes.get("Ngày ký xác thực"))
    issuer = attributes.get("Cơ quan ban hành") or ""
    truth = {
        **truth,
        "doc_type": attributes.get("Loại văn bản") or truth.get("doc_type", ""),
        "number_symbol": attributes.get("Số hiệu") or truth.get("number_symbol", ""),
        "issued_date": date.isoformat() if date else "",
        "issuer": issuer,
        "signer": attributes.get("Người ký") or "",
    }
    doc_type = truth["doc_type"]
    consolidated = doc_type == "Văn bản hợp nhất"
    abstract = truth.get("abstract", "")
    title_type = words.type_name_at_start(abstract, fuzzy=False) if consolidated else None
    if title_type is not None:  # "Thông tư quy định …": the type line of the consolidated text
        printed_type, abstract = title_type[0], title_type[1]
    else:
        printed_type = doc_type
    meta = Metadata(
        number_symbol=truth["number_symbol"],
        abstract=abstract,
        issuer=issuer,
        place="Hà Nội",
        issued_date=date,
        doc_type=printed_type or None,
        signer=truth["signer"] or None,
        position=attributes.get("Chức danh"),
        collective="CHÍNH PHỦ" if issuer.casefold() == "chính phủ" else None,
        plain_abstract=not consolidated,
    )
    return Sample(key, _present(truth), text=compose_text(meta, seed=key), composed=True)


def _docx(folder: Path) -> Iterator[Sample]:
    with (folder / "manifest.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            truth = {
                "doc_type": row.get("doc_type_from_filename", ""),
                "number_symbol": row.get("number_symbol_from_filename", ""),
            }
            yield Sample(row["file"], _present(truth), path=folder / "docx" / row["file"])


_PROVINCE_ISSUERS = {"HĐND": "HỘI ĐỒNG NHÂN DÂN"}


def _register(folder: Path) -> Iterator[Sample]:
    """A provincial register (`documents.csv`); its SOURCE.md names the province."""
    province = _province(folder)
    with (folder / "documents.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            symbol = row.get("so_ky_hieu", "").strip()
            date = _vn_date(row.get("ngay_ban_hanh"))
            parsed = identifiers.parse_number_symbol(symbol)
            truth = {
                "number_symbol": symbol,
                "issued_date": date.isoformat() if date else "",
                "abstract": row.get("trich_yeu", ""),
            }
            doc_type = None
            if parsed is not None and parsed.type_abbr is not None:
                found = doctypes.by_abbreviation(parsed.type_abbr, "administrative")
                doc_type = found.name if found is not None else None
            issuer_abbr = (parsed.issuer_abbr or "").split("-")[0] if parsed else ""
            body = _PROVINCE_ISSUERS.get(issuer_abbr, "ỦY BAN NHÂN DÂN")
            key = f"{symbol}|{row.get('ngay_ban_hanh', '')}|{row.get('row_index', '')}"
            meta = Metadata(
                number_symbol=symbol,
                abstract=truth["abstract"],
                issuer=f"{body} TỈNH {province.upper()}",
                place=province,
                issued_date=date,
                doc_type=doc_type,
                position="Phó Chủ tịch",
                collective="ỦY BAN NHÂN DÂN" if doc_type == "Quyết định" else None,
            )
            yield Sample(key, _present(truth), text=compose_text(meta, seed=key), composed=True)


def _province(folder: Path) -> str:
    source = folder / "SOURCE.md"
    text = source.read_text(encoding="utf-8") if source.is_file() else ""
    match = re.search(r"(?:UBND|Ủy ban nhân dân) tỉnh ([A-ZĐ][\wÀ-ỹ]*(?: [A-ZĐ][\wÀ-ỹ]*)*)", text)
    return match.group(1) if match else "Bình Dương"


def _present(truth: dict[str, str]) -> dict[str, str]:
    return {name: value for name, value in truth.items() if value and name in FIELDS}


def samples(folder: Path) -> list[Sample]:
    """The documents of a corpus folder in any of the formats above."""
    loaders: list[tuple[str, Callable[[Path], Iterator[Sample]]]] = [
        ("documents.jsonl", _vbpl),
        ("manifest.csv", _docx),
        ("documents.csv", _register),
    ]
    for name, loader in loaders:
        if (folder / name).is_file():
            return list(loader(folder))
    raise FileNotFoundError(
        f"{folder}: no documents.jsonl, manifest.csv or documents.csv (see the corpus SOURCE.md)"
    )


# --- Reading ----------------------------------------------------------------------------


def _read(sample: Sample, scanned: bool) -> Outcome:
    from congso.archive.reading import read_text

    outcome = Outcome(sample.id, sample.truth)
    try:
        if scanned:
            reading = _read_scanned(sample)
        elif sample.text is not None:
            reading = read_text(sample.text)
        else:
            reading = _read_file(sample.path)
    except Exception as error:  # a benchmark counts failures, it does not stop
        outcome.error = f"{type(error).__name__}: {error}"
        return outcome
    outcome.found = _fields(reading)
    return outcome


def _read_file(path: Path | None) -> Reading:
    from congso.archive import pipeline

    if path is None:
        raise ValueError("a sample has a text or a file")
    with tempfile.TemporaryDirectory(prefix="congso-extract-") as work:
        return pipeline.extract_file(path, work=Path(work))


# The header is on the first page, the signature on the last (or the one before).
SCANNED_PAGES = (0, 1, -2, -1)
SCAN_DPI = 300


# The agency's lexicon in a scanned run: the corpus's own texts (each document is left
# out of it while it is read), as an agency's lexicon holds its other documents; or,
# for a new agency, only what every install ships.
_lexicon: Lexicon | None = None
_lexicon_has_corpus = False


def _learn_corpus(items: list[Sample]) -> Lexicon:
    from congso.archive.services.lexicon import seeded_lexicon

    lexicon = seeded_lexicon()
    for text in dict.fromkeys(s.text for s in items if s.text):
        lexicon.learn(text)
    return lexicon


def _read_scanned(sample: Sample) -> Reading:
    """Typeset (or convert), render at 300 dpi, degrade like paper, then capture's OCR."""
    from congso.archive import pipeline
    from congso.archive.samples import scans

    own = sample.text if _lexicon is not None and _lexicon_has_corpus else None
    if own is not None and _lexicon is not None:
        _lexicon.forget(own)
    try:
        with tempfile.TemporaryDirectory(prefix="congso-extract-") as folder:
            work = Path(folder)
            if sample.text is not None:
                images = scans.scan_text(sample.text, seed=sample.id, pages=SCANNED_PAGES)
            else:
                images = _scan_file(sample.path, work, seed=sample.id)
            scan = scans.image_pdf(images, work / "scan.pdf", dpi=SCAN_DPI)
            scratch = work / "capture"
            scratch.mkdir()
            return pipeline.extract_file(scan, work=scratch, page_jobs=1, lexicon=_lexicon)
    finally:
        if own is not None and _lexicon is not None:
            _lexicon.learn(own)


def _scan_file(path: Path | None, work: Path, *, seed: str) -> list[Any]:
    """An office file's own pages (through LibreOffice), printed and scanned."""
    import pypdfium2 as pdfium

    from congso.archive import formats, office
    from congso.archive.samples import scans

    if path is None:
        raise ValueError("a sample has a text or a file")
    pdf_path = office.convert_to_pdf(path, formats.sniff(path), work)
    document = pdfium.PdfDocument(pdf_path)
    try:
        indexes = sorted({i % len(document) for i in SCANNED_PAGES})
        pages = []
        for index in indexes:
            bitmap = document[index].render(scale=SCAN_DPI / 72, grayscale=True)
            rendered = bitmap.to_pil()
            bitmap.close()
            pages.append(scans.scan_like_paper(rendered, dpi=SCAN_DPI, seed=f"{seed}:{index}"))
        return pages
    finally:
        document.close()


def _fields(reading: Reading) -> dict[str, str | None]:
    data = reading.as_json()
    return {name: data.get(name) for name in FIELDS}


def _read_all(items: list[Sample], *, scanned: bool, jobs: int) -> list[Outcome]:
    if jobs <= 1:
        return [_read(sample, scanned) for sample in items]
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        return list(pool.map(_read, items, [scanned] * len(items), chunksize=8))


# --- Scores -----------------------------------------------------------------------------


def _in_text(name: str, truth: str, text: str) -> bool:
    """Whether the document's own text holds the ground-truth value at all: some
    catalogue titles disagree with the text they describe (a typo, another number)."""
    if name == "number_symbol":
        symbols = {
            normal(name, parsed.text) for _s, _e, parsed in identifiers.find_number_symbols(text)
        }
        return normal(name, truth) in symbols
    wanted = normal(name, truth) or ""
    return wanted in (normal(name, text.replace("\n", " ")) or "")


def _reachable(outcomes: list[Outcome], by_id: dict[str, Sample]) -> dict[str, dict[str, Any]]:
    """Accuracy over the documents whose text holds the value (texts as given only)."""
    figures: dict[str, dict[str, Any]] = {}
    for name in ("number_symbol", "abstract"):
        right = total = 0
        for outcome in outcomes:
            sample, truth = by_id[outcome.id], outcome.truth.get(name)
            if sample.text is None or sample.composed or truth is None:
                continue
            if not _in_text(name, truth, sample.text):
                continue
            total += 1
            right += normal(name, outcome.found.get(name)) == normal(name, truth)
        if total:
            figures[name] = {"count": total, "accuracy": round(right / total, 4)}
    return figures


def _held_in(sample: Sample, limit: int | None, total: int) -> bool:
    """A fixed, spread-out subset of `limit` documents (by hash of the id)."""
    if limit is None or limit >= total:
        return True
    digest = int(hashlib.sha256(sample.id.encode()).hexdigest(), 16)
    return digest % total < limit


def run(
    corpus: Path,
    *,
    scanned: bool = False,
    new_agency: bool = False,
    jobs: int = 2,
    limit: int | None = None,
    errors: int = 0,
) -> dict[str, Any]:
    """Accuracy per field over the documents of one corpus folder."""
    from congso.archive.services.lexicon import shipped_lexicon

    started = time.monotonic()
    global _lexicon, _lexicon_has_corpus  # the worker processes inherit them when they fork
    everything = samples(corpus)
    items = [s for s in everything if _held_in(s, limit, len(everything))]
    _lexicon_has_corpus = scanned and not new_agency
    _lexicon = None
    if scanned:
        _lexicon = shipped_lexicon() if new_agency else _learn_corpus(everything)
    outcomes = _read_all(items, scanned=scanned, jobs=jobs)
    accuracy: dict[str, float] = {}
    compared: dict[str, int] = {}
    misses: dict[str, list[dict[str, str | None]]] = {}
    for name in FIELDS:
        pairs = [(o, normal(name, o.truth.get(name))) for o in outcomes]
        pairs = [(o, truth) for o, truth in pairs if truth is not None]
        if not pairs:
            continue
        right = [o for o, truth in pairs if normal(name, o.found.get(name)) == truth]
        compared[name] = len(pairs)
        accuracy[name] = round(len(right) / len(pairs), 4)
        wrong = [o for o, truth in pairs if normal(name, o.found.get(name)) != truth]
        misses[name] = [
            {"id": o.id, "truth": o.truth.get(name), "found": o.found.get(name), "error": o.error}
            for o in wrong[:errors]
        ]
    by_id = {s.id: s for s in items}
    figures: dict[str, Any] = {
        "corpus": corpus.name,
        "scanned": scanned,
        "new_agency": new_agency,
        "count": len(outcomes),
        "accuracy": accuracy,
        "compared": compared,
        "failed": sum(o.error is not None for o in outcomes),
        "reachable": _reachable(outcomes, by_id),
        "seconds": round(time.monotonic() - started, 1),
    }
    if errors:
        figures["misses"] = misses
    return figures


_FIELD_LABELS = {
    "doc_type": "loại văn bản",
    "number_symbol": "số, ký hiệu",
    "issued_date": "ngày ban hành",
    "issuer": "cơ quan ban hành",
    "abstract": "trích yếu",
    "signer": "người ký",
}


def table(figures: dict[str, Any]) -> str:
    """The figures as a plain table: per field, accuracy and documents compared."""
    kind = "bản quét" if figures["scanned"] else "văn bản"
    if figures.get("new_agency"):
        kind += ", cơ quan mới"
    lines = [
        f"{figures['corpus']} ({kind}): {figures['count']} tài liệu, "
        f"{figures['failed']} lỗi, {figures['seconds']} s",
    ]
    for name, accuracy in figures["accuracy"].items():
        compared = figures["compared"][name]
        lines.append(f"  {_FIELD_LABELS[name]:18} {accuracy:7.2%}  ({compared} tài liệu)")
    for name, reach in figures["reachable"].items():
        lines.append(
            f"  {_FIELD_LABELS[name]:18} {reach['accuracy']:7.2%}  "
            f"(trên {reach['count']} tài liệu có đúng giá trị này trong văn bản)"
        )
    for name, misses in figures.get("misses", {}).items():
        for miss in misses:
            lines.append(f"  ✗ {name} {miss['id']}: {miss['truth']!r} ≠ {miss['found']!r}")
    return "\n".join(lines)
