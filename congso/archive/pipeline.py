"""Ingestion of one captured document: an explicit, ordered list of steps.

    preflight → to_pdf → read_text_layer → recognize → normalize_text → read_fields
              → build_archive_copy → make_thumbnails → save

Steps work on an `Ingest` in a scratch folder; only `save` writes to the database, in
one transaction, so a crash anywhere leaves the document as it was (queued or
processing) and running again finishes it. Recognized pages are cached in the
scratch folder, so a re-run after a crash does not recognize them again.
`read_fields` reads the administrative document's fields (`archive.reading`) from the
pages' positioned lines; `extract_file` runs the steps up to it without a database, for
`congso extract` and the reading benchmark.
"""

import difflib
import json
import logging
import os
import re
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TypeVar

import pypdfium2 as pdfium
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from congso.archive import (
    formats,
    ocr,
    office,
    pdfa,
    reading,
    search,
    signatures,
    storage,
    vntext,
)
from congso.archive.formats import CaptureError, Kind
from congso.archive.lexicon import Lexicon
from congso.archive.models import Document, Page
from congso.archive.reading.layout import Line
from congso.archive.services import fields as field_services
from congso.archive.services import lexicon as lexicon_services
from congso.core.text import fold

log = logging.getLogger(__name__)
T = TypeVar("T")


@dataclass
class PageResult:
    number: int
    text: str = ""
    text_source: str = Page.TextSource.TEXT_LAYER
    needs_ocr: bool = False
    confidence: float | None = None
    words: list[list[object]] = field(default_factory=list)
    text_pdf: Path | None = None
    rotation: float = 0.0
    options: str = ""


@dataclass
class Ingest:
    document: Document
    work: Path
    source: Path
    engine: ocr.OcrEngine
    page_jobs: int
    # Pages to recognize (again) with these corrections: a clerk's re-run.
    rerun: dict[int, ocr.OcrOptions] | None = None
    kind: Kind | None = None
    pdf_path: Path | None = None
    pages: list[PageResult] = field(default_factory=list)
    archive_path: Path | None = None
    thumbnails: dict[int, Path] = field(default_factory=dict)
    fields: reading.Reading | None = None
    signature_checks: list[signatures.SignatureCheck] = field(default_factory=list)
    # Corrects OCR'd fields; the agency's own when None (see services.lexicon).
    lexicon: Lexicon | None = None
    on_progress: Callable[[int], None] = lambda done: None


def _made(value: T | None, what: str) -> T:
    """What an earlier step must have produced (the steps run in order)."""
    if value is None:
        raise RuntimeError(f"pipeline steps out of order: no {what}")
    return value


def preflight(ingest: Ingest) -> None:
    """Type by content, size and page limits, encrypted, truncated and corrupt files."""
    max_bytes = settings.CONGSO_MAX_FILE_MB * 1024 * 1024
    if ingest.document.size > max_bytes:
        raise CaptureError(
            "too_large",
            _("Tệp lớn hơn giới hạn %(limit)s MB.") % {"limit": settings.CONGSO_MAX_FILE_MB},
        )
    ingest.kind = formats.sniff(ingest.source)
    if ingest.kind == Kind.PDF:
        _check_pdf(ingest.source)


def _check_pdf(path: Path) -> None:
    with path.open("rb") as handle:
        handle.seek(max(0, path.stat().st_size - 4096))
        ends_well = b"%%EOF" in handle.read()
    if not ends_well:
        # Objects but no end: cut off in transfer. Neither: not a PDF inside.
        if b" obj" in path.read_bytes()[:1_000_000]:
            raise CaptureError(
                "truncated",
                _("Tệp PDF không đầy đủ (bị cắt giữa chừng khi sao chép hoặc tải lên)."),
            )
        raise CaptureError("corrupt", _("Tệp PDF bị hỏng, không đọc được."))
    with pdfa.open_pdf(path) as pdf:
        pages = len(pdf.pages)
    if pages == 0:
        raise CaptureError("corrupt", _("Tệp PDF không có trang nào."))
    if pages > settings.CONGSO_MAX_PAGES:
        raise CaptureError(
            "too_many_pages",
            _("Tài liệu có %(pages)s trang, vượt giới hạn %(limit)s trang.")
            % {"pages": pages, "limit": settings.CONGSO_MAX_PAGES},
        )


def check_signatures(ingest: Ingest) -> None:
    """Validate the digital signatures of a signed PDF original (which stays unaltered)."""
    if ingest.kind == Kind.PDF:
        ingest.signature_checks = signatures.check_pdf(ingest.source)


def to_pdf(ingest: Ingest) -> None:
    """Images and office files become a PDF to work on; PDFs are used as they are."""
    kind = _made(ingest.kind, "file kind")
    if kind == Kind.PDF:
        ingest.pdf_path = ingest.source
    elif kind in formats.IMAGE_KINDS:
        ingest.pdf_path = ingest.work / "images.pdf"
        pages = pdfa.images_to_pdf(
            ingest.source, ingest.pdf_path, max_pixels=settings.CONGSO_MAX_IMAGE_PIXELS
        )
        if pages > settings.CONGSO_MAX_PAGES:
            raise CaptureError(
                "too_many_pages",
                _("Tài liệu có %(pages)s trang, vượt giới hạn %(limit)s trang.")
                % {"pages": pages, "limit": settings.CONGSO_MAX_PAGES},
            )
    else:
        ingest.pdf_path = office.convert_to_pdf(ingest.source, kind, ingest.work)


def _image_cover(page: pdfium.PdfPage) -> float:
    width, height = (float(v) for v in page.get_size())
    covered = 0.0
    for image in page.get_objects(filter=[pdfium.raw.FPDF_PAGEOBJ_IMAGE], max_depth=2):
        left, bottom, right, top = image.get_bounds()
        covered = max(covered, float((right - left) * (top - bottom)))
    return covered / max(width * height, 1.0)


def read_text_layer(ingest: Ingest) -> None:
    """Each page's own text; pages with too little (scans) are marked for OCR."""
    try:
        document = pdfium.PdfDocument(_made(ingest.pdf_path, "PDF"))
    except pdfium.PdfiumError as error:
        raise CaptureError("corrupt", _("Tệp PDF bị hỏng, không đọc được.")) from error
    with_text = settings.CONGSO_TEXT_LAYER_MIN_CHARS
    try:
        for index in range(len(document)):
            page = document[index]
            text = page.get_textpage().get_text_bounded()
            chars = len("".join(text.split()))
            scanned = _image_cover(page) >= 0.5 and chars < 10 * with_text
            needs_ocr = chars < with_text or scanned
            ingest.pages.append(PageResult(index + 1, text=text, needs_ocr=needs_ocr))
    finally:
        document.close()
    ingest.document.page_count = len(ingest.pages)
    if ingest.document.pk is not None:  # `extract_file` reads without a database row
        Document.objects.filter(pk=ingest.document.pk).update(page_count=len(ingest.pages))


def _cached(work: Path, number: int, options: ocr.OcrOptions) -> PageResult | None:
    marker = work / f"p{number:05d}.{options.label or 'plain'}.json"
    if not marker.exists():
        return None
    data = json.loads(marker.read_text(encoding="utf-8"))
    return PageResult(
        number,
        data["text"],
        Page.TextSource.OCR,
        False,
        data["confidence"],
        data["words"],
        Path(data["text_pdf"]),
        data["rotation"],
        options.label,
    )


def _recognize_page(
    ingest: Ingest, number: int, image: Path, options: ocr.OcrOptions
) -> PageResult:
    cached = _cached(ingest.work, number, options)
    if cached is not None:
        return cached
    out_base = ingest.work / f"p{number:05d}-{options.label or 'plain'}"
    found = ingest.engine.recognize(
        image, out_base=out_base, dpi=settings.CONGSO_OCR_DPI, options=options
    )
    result = PageResult(
        number,
        found.text,
        Page.TextSource.OCR,
        False,
        found.confidence,
        [w.as_json() for w in found.words],
        found.text_pdf,
        found.rotation,
        options.label,
    )
    marker = ingest.work / f"p{number:05d}.{options.label or 'plain'}.json"
    tmp = marker.with_suffix(".tmp")
    tmp.write_text(
        json.dumps(
            {
                "text": result.text,
                "confidence": result.confidence,
                "words": result.words,
                "text_pdf": str(result.text_pdf),
                "rotation": result.rotation,
            }
        ),
        encoding="utf-8",
    )
    os.replace(tmp, marker)  # the page counts as done only once this exists
    return result


def _ocr_with_fallback(
    ingest: Ingest, number: int, image: Path, options: ocr.OcrOptions
) -> PageResult:
    """Recognize; a page that reads badly is tried again with every correction."""
    try:
        result = _recognize_page(ingest, number, image, options)
        poor = (result.confidence or 0) < settings.CONGSO_OCR_RETRY_BELOW
        if poor and not options.label:  # a clerk's chosen corrections are kept as chosen
            retry = _recognize_page(ingest, number, image, ocr.ALL_CORRECTIONS)
            if (retry.confidence or 0) > (result.confidence or 0):
                result = retry
    except ocr.OcrError as error:
        log.warning("OCR failed on page %s of %s: %s", number, ingest.document.uuid, error)
        raise CaptureError(
            "ocr_failed", _("Nhận dạng ký tự thất bại ở trang %(page)s.") % {"page": number}
        ) from error
    finally:
        image.unlink(missing_ok=True)
    return result


def recognize(ingest: Ingest) -> None:
    """OCR the pages that need it, several at a time (one Tesseract thread each).

    pdfium is not thread-safe, so this thread renders pages while the pool's threads
    wait on Tesseract processes; rendering stays a few pages ahead, no more.
    """
    pdf_path = _made(ingest.pdf_path, "PDF")
    wanted = {p.number: ocr.OcrOptions() for p in ingest.pages if p.needs_ocr}
    wanted.update(ingest.rerun or {})
    by_number = {p.number: p for p in ingest.pages}
    done = len(ingest.pages) - len(wanted)
    ingest.on_progress(done)
    if not wanted:
        return
    scale = settings.CONGSO_OCR_DPI / 72
    document = pdfium.PdfDocument(pdf_path)
    pending: dict[Future[PageResult], int] = {}
    try:
        with ThreadPoolExecutor(max_workers=ingest.page_jobs) as pool:
            for number, options in sorted(wanted.items()):
                while len(pending) >= ingest.page_jobs * 2:
                    done += _collect(pending, by_number, first_only=True)
                    ingest.on_progress(done)
                image = ingest.work / f"p{number:05d}.pgm"
                if _cached(ingest.work, number, options) is None:
                    bitmap = document[number - 1].render(scale=scale, grayscale=True)
                    bitmap.to_pil().save(image)
                    bitmap.close()
                pending[pool.submit(_ocr_with_fallback, ingest, number, image, options)] = number
            while pending:
                done += _collect(pending, by_number, first_only=True)
                ingest.on_progress(done)
    finally:
        document.close()


def _collect(
    pending: dict[Future[PageResult], int], by_number: dict[int, PageResult], *, first_only: bool
) -> int:
    finished, _rest = wait(
        pending, return_when="FIRST_COMPLETED" if first_only else "ALL_COMPLETED"
    )
    for future in finished:
        del pending[future]
        result = future.result()
        by_number[result.number].__dict__.update(result.__dict__)
    return len(finished)


def normalize_text(ingest: Ingest) -> None:
    """NFC, legacy TCVN3/VNI font encodings to Unicode, lookalike characters."""
    for page in ingest.pages:
        page.text = vntext.normalize_text(page.text).strip()


def read_fields(ingest: Ingest) -> None:
    """The fields of the administrative document, read from its lines in reading order.

    When a scan yields no signer, a name of two words (a stamp over the family name
    leaves "Xuân Sang" of "Nguyễn Xuân Sang") or a word that is no syllable ("Íính Nhật
    Tân"), the stamp and the hand signature (mid grey over the signature block) have
    usually spoilt it: the signature's page is recognized once more with those marks
    whitened, and kept if it then gives a signer, or a surer name ending with the same
    words (see `_better_signer`).
    """
    lexicon = _lexicon(ingest.document, ingest.pages, ingest.lexicon)
    found = reading.read(_lines(ingest), lexicon=lexicon)
    page = _signature_page(ingest, found)
    if page is not None:
        retried = _recognize_again(ingest, page, ocr.OcrOptions(unmark=True))
        second = reading.read(_lines(ingest), lexicon=lexicon)
        if _better_signer(found.signer, second.signer):
            found, second = second, found
            _fill_missing(found, second)
        else:
            by_number = {p.number: p for p in ingest.pages}
            by_number[page.number].__dict__.update(retried.__dict__)
        if lexicon is not None:
            _take_likelier(found, second, lexicon)
    if found.signer is None:
        _read_signature_area(found, lexicon, ingest=ingest)
    if lexicon is not None:
        _read_abstract_again(
            found,
            lexicon,
            pages=ingest.pages,
            lines=_lines(ingest),
            pdf_path=_made(ingest.pdf_path, "PDF"),
            engine=ingest.engine,
            work=ingest.work,
        )
    ingest.fields = found


# Where the decree sets the signature block: right of this fraction of the page's
# width, in this fraction of its height under the body's last line.
_SIGNATURE_LEFT = 0.4
_SIGNATURE_DEPTH = 0.35


def _read_signature_area(
    found: reading.Reading, lexicon: Lexicon | None, *, ingest: Ingest
) -> None:
    """A scan's signer that the page's reading found nothing of: a red stamp and a hand
    signature over the whole block make Tesseract take it for a picture, and "CHỦ TỊCH
    QUỐC HỘI / Nguyễn Sinh Hùng" under the stamp of a law is not read at all. On the
    page of "Nơi nhận", else on the last page, the part right of the middle and under
    the body's last line is read again as sparse text (`reading.read_signature_area`).

    The last page only without appendices: those come after the signature and hold
    forms with names of their own."""
    page = _footer_page(ingest.pages)
    if page is None and ingest.pages and not found.appendices:
        page = ingest.pages[-1]
    if page is None or page.text_source != Page.TextSource.OCR or page.rotation:
        return
    top = _body_end([line for line in _lines(ingest) if line.page == page.number])
    if top is None:
        return
    box = (_SIGNATURE_LEFT, top, 1.0, min(1.0, top + _SIGNATURE_DEPTH))
    cuts = _cut_out(
        _made(ingest.pdf_path, "PDF"),
        page.number,
        box,
        engine=ingest.engine,
        work=ingest.work,
        read_dpis=(settings.CONGSO_OCR_DPI,),
        psm=ocr.SPARSE_PSM,
    )
    block = reading.read_signature_area(cuts[0] if cuts else [], lexicon=lexicon)
    for name in ("signer", "signer_position"):
        if getattr(block, name):
            found.set(name, getattr(block, name), block.confidence[name])


# How much room the signature block needs under the body (fraction of the page).
_SIGNATURE_ROOM = 0.08


def _body_end(lines: list[Line]) -> float | None:
    """Where the body ends on a page (a fraction of its height): the foot of its last
    line of words that starts left of the signature block, or the top of "Nơi nhận",
    which sits beside the block; None when no block fits under it."""
    end = 0.0
    placed = sorted(((line.box, line) for line in lines if line.box), key=lambda pair: pair[0])
    for (left, top, _right, bottom), line in placed:
        if fold(line.text).startswith("noi nhan"):
            end = top
            break
        sure = line.confidence is None or line.confidence >= _SURE_LINE
        if left < _SIGNATURE_LEFT and len(line.text.split()) >= 3 and sure:
            end = bottom
    return end if end <= 1 - _SIGNATURE_ROOM else None


# A line OCR is this sure of (0..1) is words, not what a stamp left.
_SURE_LINE = 0.5


# White kept around the abstract's lines when they are cut out (fraction of the page);
# a neighbouring line cut in half is left out of the reading.
_AREA_MARGIN = 0.01
# ... and wider across when the lines are set in the middle of the page, with nothing
# beside them: the page's word boxes leave out a word at either end that OCR misread as
# a speck ("dn. định" for "Quy định"). How far the lines' middle may be from the page's.
_CENTRED_WIDER = 0.06
_CENTRED = 0.1
# How alike (difflib's ratio, without marks) the area's reading must be to the page's.
_SAME_WORDS = 0.9
# How alike (without marks) a word must be to the two a speck split it into, read as one.
_SPLIT_WORD = 0.75


def _read_abstract_again(
    found: reading.Reading,
    lexicon: Lexicon,
    *,
    pages: list[PageResult],
    lines: list[Line],
    pdf_path: Path,
    engine: ocr.OcrEngine,
    work: Path,
) -> None:
    """The abstract's lines cut out of a recognized page and read again, finer, at each
    of ocr.AREA_READ_DPIS; the page is read anew with each reading, and the abstracts
    that say the same words as the first are combined with it word by word by the
    agency's lexicon; when every finer reading has a word the page's lost, they are
    combined without the page's. Pages turned before recognition are left as read: their word
    boxes are not the rendered page's."""
    area = found.areas.get("abstract")
    if area is None or not found.abstract:
        return
    number, box = area
    page = next((p for p in pages if p.number == number), None)
    if page is None or page.text_source != Page.TextSource.OCR or page.rotation:
        return
    inside = {i for i, line in enumerate(lines) if line.page == number and _within(line, box)}
    if not inside:
        return
    first = min(inside)
    after = [line for i, line in enumerate(lines) if i > first and i not in inside]
    others, fuller = [], []
    for cut in _cut_out(pdf_path, number, box, engine=engine, work=work):
        other = reading.read(lines[:first] + cut + after, lexicon=lexicon).abstract
        if other and _same_words(other, found.abstract):
            others.append(other)
        elif other and _one_word_more(other, found.abstract):
            fuller.append(other)
    if not others and len(fuller) == len(ocr.AREA_READ_DPIS) and _same_words(*fuller):
        # Each finer reading found a word the page's lost ("dn. định" for "Quy định").
        combined = lexicon.combined(*fuller)
    else:
        combined = lexicon.combined(found.abstract, *others)
    if combined != found.abstract:
        found.set("abstract", combined, found.confidence.get("abstract", 0.5))


def _same_words(one: str, other: str) -> bool:
    """Whether two readings of a field say the same words but for some marks and letters:
    a likelihood is a sum over the words, and a reading that lost some would win. A word
    one reading splits in two ("Ni ghị định" against "Nghị định") is the same word."""
    ours, theirs = one.casefold().split(), other.casefold().split()
    if len(ours) != len(theirs) and not _one_word_split(ours, theirs):
        return False
    alike = difflib.SequenceMatcher(a=fold(" ".join(ours)), b=fold(" ".join(theirs)))
    return alike.ratio() >= _SAME_WORDS


def _one_word_more(longer: str, shorter: str) -> bool:
    """Whether a reading says what another does, marks aside, and one word of letters
    more."""
    ours, theirs = fold(longer.casefold()).split(), fold(shorter.casefold()).split()
    if len(ours) != len(theirs) + 1:
        return False
    at = next((i for i, word in enumerate(theirs) if word != ours[i]), len(theirs))
    return ours[at].isalpha() and ours[:at] + ours[at + 1 :] == theirs


def _word_more(longer: str, shorter: str) -> bool:
    """Whether a reading has, besides what another says, one more word that is a syllable
    of three letters or more: a speck makes one of at most two ("ộ", "zà"); and the
    lexicon would always pick the reading with the fewer words."""
    if not _one_word_more(longer, shorter):
        return False
    ours, theirs = longer.casefold().split(), fold(shorter.casefold()).split()
    at = next((i for i, word in enumerate(theirs) if word != fold(ours[i])), len(theirs))
    return len(ours[at]) > 2 and vntext.is_syllable(ours[at])


def _one_word_split(ours: list[str], theirs: list[str]) -> bool:
    """Whether the readings differ only where one has two words of letters for the other's
    one, a syllable that neither of the two is: "ni ghị" for "nghị" is a word split by a
    speck; but "học ở" for "học" is a word lost, and "xuấtnhụa" for "xuất nhựa" two words
    run together (one token fewer is likelier, however wrong)."""
    longer, shorter = (ours, theirs) if len(ours) > len(theirs) else (theirs, ours)
    if len(longer) != len(shorter) + 1:
        return False
    folded_longer, folded_shorter = [fold(w) for w in longer], [fold(w) for w in shorter]
    at = next(
        (i for i, word in enumerate(folded_shorter) if word != folded_longer[i]), len(shorter)
    )
    if at == len(shorter) or folded_longer[at + 2 :] != folded_shorter[at + 1 :]:
        return False
    first, second, joined = folded_longer[at], folded_longer[at + 1], folded_shorter[at]
    if joined in (first, second) or not (first + second).isalpha():
        return False
    if not vntext.is_syllable(shorter[at]):  # numbers, words run together
        return False
    return difflib.SequenceMatcher(a=first + second, b=joined).ratio() >= _SPLIT_WORD


def _cut_out(
    pdf_path: Path,
    number: int,
    box: tuple[float, float, float, float],
    *,
    engine: ocr.OcrEngine,
    work: Path,
    read_dpis: tuple[int, ...] = ocr.AREA_READ_DPIS,
    psm: int = ocr.AREA_PSM,
) -> list[list[Line]]:
    """The lines recognized in `box` (fractions) of a page, placed on the page: one
    reading at each of `read_dpis` (none where OCR failed or found nothing)."""
    document = pdfium.PdfDocument(pdf_path)
    try:
        bitmap = document[number - 1].render(scale=settings.CONGSO_OCR_DPI / 72, grayscale=True)
        picture = bitmap.to_pil()
        bitmap.close()
    finally:
        document.close()
    wider = _AREA_MARGIN + (_CENTRED_WIDER if abs(box[0] + box[2] - 1) <= 2 * _CENTRED else 0)
    left, top = max(0.0, box[0] - wider), max(0.0, box[1] - _AREA_MARGIN)
    right, bottom = min(1.0, box[2] + wider), min(1.0, box[3] + _AREA_MARGIN)
    width, height = picture.size
    pixels = (
        round(left * width),
        round(top * height),
        round(right * width),
        round(bottom * height),
    )
    image = work / f"p{number:05d}.area.png"
    picture.crop(pixels).save(image)
    readings = []
    try:
        for read_dpi in read_dpis:
            try:
                words = engine.recognize_area(
                    image,
                    out_base=work / f"p{number:05d}-area-{read_dpi}",
                    dpi=settings.CONGSO_OCR_DPI,
                    read_dpi=read_dpi,
                    psm=psm,
                )
            except ocr.OcrError as error:
                log.warning("OCR failed on an area of page %s: %s", number, error)
                continue
            readings.append(words)
    finally:
        image.unlink(missing_ok=True)
    cut_width, cut_height = pixels[2] - pixels[0], pixels[3] - pixels[1]
    cuts = []
    for words in readings:
        lines = reading.lines_from_words(
            [word.as_json() for word in words], width=cut_width, height=cut_height, page=number
        )
        placed = [replace(line, box=_on_page(line, (left, top, right, bottom))) for line in lines]
        kept = _normalized([line for line in placed if _within(line, box)])
        if kept:
            cuts.append(kept)
    return cuts


def _on_page(
    line: Line, cut: tuple[float, float, float, float]
) -> tuple[float, float, float, float] | None:
    """A box given as fractions of a cut-out area, as fractions of its page."""
    if line.box is None:
        return None
    left, top, right, bottom = cut
    x0, y0, x1, y1 = line.box
    across, down = right - left, bottom - top
    return (left + x0 * across, top + y0 * down, left + x1 * across, top + y1 * down)


def _within(line: Line, box: tuple[float, float, float, float]) -> bool:
    """Whether the middle of a line lies in `box` (fractions of the page)."""
    if line.box is None:
        return False
    middle_x, middle_y = (line.box[0] + line.box[2]) / 2, (line.box[1] + line.box[3]) / 2
    return box[0] <= middle_x <= box[2] and box[1] <= middle_y <= box[3]


# Fields of running words that two readings of a page may give differently.
_WORDED = ("abstract", "issuer", "issuer_parent")


def _take_likelier(found: reading.Reading, other: reading.Reading, lexicon: Lexicon) -> None:
    """Each worded field as the two readings of the page give it, combined word by word
    by the agency's lexicon (`Lexicon.combined`; the likelier whole when they differ in
    words): whitening the grey marks mends some words of the header and spoils others
    ("tại" read "Lại", "cán bộ" read "cán hộ", a speck before "Về việc", "MỖI TRƯỜNG"
    for "MÔI TRƯỜNG" in the issuing body). An abstract one reading has a word more of is
    taken from it (`_word_more`: "… tại chỗ trọ", whose last word the other lost); not an
    issuing body, whose line a word of the text beside it may join ("QUỐC HỘI TRÊN")."""
    for name in _WORDED:
        ours, theirs = getattr(found, name), getattr(other, name)
        if not theirs or ours == theirs:
            continue
        if ours is None or (name == "abstract" and _word_more(theirs, ours)):
            best = theirs
        elif name == "abstract" and _word_more(ours, theirs):
            best = ours
        else:
            best = lexicon.combined(ours, theirs)
        if best == theirs:
            found.set(name, theirs, other.confidence.get(name, 0.5))
        elif best != ours:
            found.set(name, best, found.confidence.get(name, 0.5))


# Fields read together from the header: a reading without the first takes them all.
_HEADER_GROUPS = (
    ("number_symbol", "number", "symbol_year", "type_abbreviation", "issuer_abbreviation"),
    ("doc_type", "doc_kind"),
    ("issuer", "issuer_parent"),
    ("issued_date",),
    ("place",),
    ("abstract",),
    ("addressees",),
    ("recipients",),
)


def _fill_missing(found: reading.Reading, other: reading.Reading) -> None:
    """What the other reading of the page found and this one did not: whitening the marks
    that mend a signer may spoil a line of the header ("P6" read "Pó")."""
    for first, *rest in _HEADER_GROUPS:
        if getattr(found, first) or not getattr(other, first):
            continue
        found.set(first, getattr(other, first), other.confidence.get(first, 0.5))
        for name in rest:
            setattr(found, name, getattr(other, name))
            if name in other.confidence:
                found.confidence[name] = other.confidence[name]
        if first in other.areas:
            found.areas[first] = other.areas[first]


def _doubtful_signer(name: str | None) -> bool:
    return name is None or len(name.split()) < 3 or bool(_misspelt(name))


def _misspelt(name: str) -> list[int]:
    """Where the words of a name are no Vietnamese syllable: a stamp's ink read into
    a letter ("Íính Nhật Tân" of "Nguyễn Sinh Nhật Tân")."""
    return [at for at, word in enumerate(name.split()) if not vntext.is_syllable(word.lower())]


def _better_signer(first: str | None, second: str | None) -> bool:
    """Whether the second reading's name is the surer: a name where there was none, a
    longer one ending with the same words, or one spelt right ending with the words
    that the first spelt right after its last misspelt one."""
    if second is None:
        return False
    if first is None:
        return True
    ours, theirs = fold(first).split(), fold(second).split()
    wrong = _misspelt(first)
    if wrong and not _misspelt(second):
        right = ours[wrong[-1] + 1 :]
        return len(theirs) >= len(ours) and (not right or theirs[-len(right) :] == right)
    return len(theirs) > len(ours) and theirs[-len(ours) :] == ours


# What a signature block prints beside the name: the recipients, a signing authority.
_FOOTER_SIGNS = re.compile(r"nơi\s+nhận|\b(?:TM|KT|TL|TUQ)\s*\.\s*[A-ZĐ]", re.IGNORECASE)


def _lexicon(document: Document, pages: list[PageResult], given: Lexicon | None) -> Lexicon | None:
    """The lexicon that corrects OCR'd fields: the one given, else the agency's (only
    loaded when some page was recognized)."""
    if given is not None or document.agency_id is None:
        return given
    if all(p.text_source != Page.TextSource.OCR for p in pages):
        return None
    return lexicon_services.agency_lexicon(document.agency_id)


def _signature_page(ingest: Ingest, found: reading.Reading) -> PageResult | None:
    """The last recognized page with a signature block, if the reading found no name or
    one to doubt."""
    return _footer_page(ingest.pages) if _doubtful_signer(found.signer) else None


def _footer_page(pages: list[PageResult]) -> PageResult | None:
    """The last recognized page with what a signature block prints beside the name."""
    scanned = [p for p in pages if p.text_source == Page.TextSource.OCR]
    with_footer = [p for p in scanned if _FOOTER_SIGNS.search(p.text)]
    return with_footer[-1] if with_footer else None


def _recognize_again(ingest: Ingest, page: PageResult, options: ocr.OcrOptions) -> PageResult:
    """Recognize one page with `options`; the page takes the new reading and the former
    one is returned, so that the caller can put it back."""
    document = pdfium.PdfDocument(_made(ingest.pdf_path, "PDF"))
    image = ingest.work / f"p{page.number:05d}.again.pgm"
    try:
        bitmap = document[page.number - 1].render(
            scale=settings.CONGSO_OCR_DPI / 72, grayscale=True
        )
        bitmap.to_pil().save(image)
        bitmap.close()
    finally:
        document.close()
    former = PageResult(**page.__dict__)
    page.__dict__.update(_ocr_with_fallback(ingest, page.number, image, options).__dict__)
    return former


def _lines(ingest: Ingest) -> list[Line]:
    return document_lines(
        kind=ingest.kind, source=ingest.source, pdf_path=ingest.pdf_path, pages=ingest.pages
    )


def document_lines(
    *, kind: Kind | None, source: Path, pdf_path: Path | None, pages: list[PageResult]
) -> list[Line]:
    """Every page's lines with their positions: plain text as it is, text layers from
    the PDF, recognized pages from OCR's word boxes."""
    if kind == Kind.TEXT:
        raw = formats.decode_text(source.read_bytes())
        return reading.lines_from_text(vntext.normalize_text(raw))
    pdf_path = _made(pdf_path, "PDF")
    by_layer = [p.number for p in pages if p.text_source == Page.TextSource.TEXT_LAYER]
    layer_lines = _normalized(reading.lines_from_pdf(pdf_path, pages=by_layer))
    sizes = reading.page_sizes(pdf_path)
    lines: list[Line] = []
    for page in pages:
        if page.text_source == Page.TextSource.TEXT_LAYER:
            lines += [line for line in layer_lines if line.page == page.number]
            continue
        if not page.words:  # an engine that gives text without word boxes
            lines += [
                replace(line, page=page.number) for line in reading.lines_from_text(page.text)
            ]
            continue
        width, height = (v * settings.CONGSO_OCR_DPI / 72 for v in sizes[page.number - 1])
        if round(page.rotation) % 180 == 90:
            width, height = height, width
        words = reading.lines_from_words(page.words, width=width, height=height, page=page.number)
        lines += _normalized(words)  # OCR reads Đ as the eth too ("NÐ-CP")
    return lines


def _normalized(lines: list[Line]) -> list[Line]:
    """Lines as `normalize_text` gives pages: legacy encodings are told from the whole."""
    texts = vntext.normalize_text("\n".join(line.text for line in lines)).split("\n")
    if len(texts) != len(lines):
        return lines
    return [replace(line, text=text) for line, text in zip(lines, texts, strict=True)]


def build_archive_copy(ingest: Ingest) -> None:
    """The PDF/A-2b copy: the pages as captured with recognized text laid over them."""
    ingest.archive_path = ingest.work / "archive.pdf"
    with pdfa.open_pdf(_made(ingest.pdf_path, "PDF")) as pdf:
        for page in ingest.pages:
            if page.text_source == Page.TextSource.OCR and page.text_pdf is not None:
                with pdfa.load_text_pdf(page.text_pdf) as text_pdf:
                    pdfa.overlay_text(pdf, page.number - 1, text_pdf, rotation=page.rotation)
        title = ingest.document.title
        if pdfa.missing_fonts(pdf):
            staged = ingest.work / "staged.pdf"
            pdf.save(staged)
            pdfa.ghostscript_pdfa(staged, ingest.archive_path, workdir=ingest.work)
            return
        pdfa.finish_pdfa(pdf, ingest.archive_path, title=title)


def make_thumbnails(ingest: Ingest) -> None:
    document = pdfium.PdfDocument(_made(ingest.archive_path, "archive copy"))
    try:
        for index in range(len(document)):
            page = document[index]
            scale = settings.CONGSO_THUMBNAIL_WIDTH / max(page.get_width(), 1)
            bitmap = page.render(scale=scale, may_draw_forms=False)
            path = ingest.work / f"thumb-{index + 1:05d}.png"
            bitmap.to_pil().save(path, optimize=False, compress_level=1)
            bitmap.close()
            ingest.thumbnails[index + 1] = path
    finally:
        document.close()


def save(ingest: Ingest) -> None:
    """Put the files in place and write the pages and the document in one transaction."""
    document = ingest.document
    kind = _made(ingest.kind, "file kind")
    archive_name = storage.archive_name(document.agency_id, document.uuid)
    archive_path = _made(ingest.archive_path, "archive copy")
    archive_sha256 = storage.sha256_of(archive_path)  # `congso verify` checks it
    storage.move_into_place(archive_path, archive_name)
    thumbs, thumb_digests = {}, {}
    for number, path in ingest.thumbnails.items():
        thumbs[number] = storage.thumbnail_name(document.agency_id, document.uuid, number)
        thumb_digests[number] = storage.sha256_of(path)
        storage.move_into_place(path, thumbs[number])
    review_below = settings.CONGSO_OCR_REVIEW_BELOW
    pages = [
        Page(
            document=document,
            number=p.number,
            text=p.text,
            text_source=p.text_source,
            confidence=p.confidence,
            words=p.words,
            thumbnail=thumbs.get(p.number, ""),
            thumbnail_sha256=thumb_digests.get(p.number, ""),
            needs_review=p.text_source == Page.TextSource.OCR
            and (p.confidence or 0) < review_below,
            ocr_options=p.options,
        )
        for p in ingest.pages
    ]
    confidences = [p.confidence for p in pages if p.confidence is not None]
    with transaction.atomic():
        Page.objects.filter(document=document).delete()
        Page.objects.bulk_create(pages, batch_size=500)
        if ingest.fields is not None:
            field_services.store_reading(document=document, found=ingest.fields)
        document.archive.name = archive_name
        document.archive_sha256 = archive_sha256
        document.signatures = [check.as_dict() for check in ingest.signature_checks]
        document.signature_status = signatures.worst_status(ingest.signature_checks)
        document.media_type = kind.value
        document.page_count = document.pages_done = len(pages)
        document.text = "\f".join(p.text for p in pages)
        document.ocr_confidence = sum(confidences) / len(confidences) if confidences else None
        document.needs_review = any(p.needs_review for p in pages)
        document.move_to(Document.State.DONE)
        document.error_code = document.error = ""
        document.processed_at = timezone.now()
        document.save(
            update_fields=[
                "archive",
                "archive_sha256",
                "signatures",
                "signature_status",
                "media_type",
                "page_count",
                "pages_done",
                "text",
                "ocr_confidence",
                "needs_review",
                "state",
                "error_code",
                "error",
                "processed_at",
                "updated_at",
            ]
        )
        # Now that it is done: indexing while it was processing would have dropped it.
        search.index_documents([document])


STEPS: list[Callable[[Ingest], None]] = [
    preflight,
    check_signatures,
    to_pdf,
    read_text_layer,
    recognize,
    normalize_text,
    read_fields,
    build_archive_copy,
    make_thumbnails,
    save,
]


def run(ingest: Ingest) -> None:
    timings = []
    for step in STEPS:
        started = time.perf_counter()
        step(ingest)
        timings.append(f"{step.__name__}={time.perf_counter() - started:.3f}s")
    _discard_scratch(ingest.work)
    log.debug("document %s processed: %s", ingest.document.uuid, " ".join(timings))


def _discard_scratch(work: Path) -> None:
    """Keep only the recognized pages (for later re-runs); drop renders and drafts."""
    for path in work.iterdir():
        keep = path.suffix == ".json" or (path.name.startswith("p") and path.suffix == ".pdf")
        if not keep:
            path.unlink(missing_ok=True)


def extract_file(
    path: Path,
    *,
    work: Path,
    engine: ocr.OcrEngine | None = None,
    page_jobs: int | None = None,
    lexicon: Lexicon | None = None,
) -> reading.Reading:
    """Read the fields of one file without storing anything (`congso extract`).

    The same steps as capture, up to `read_fields`, in the scratch folder `work`.
    Raises CaptureError for a file capture would refuse.
    """
    document = Document(title=path.name, original_name=path.name, size=path.stat().st_size)
    ingest = Ingest(
        document=document,
        work=work,
        source=path,
        engine=engine or ocr.get_engine(),
        page_jobs=page_jobs or ocr.default_page_jobs(),
        lexicon=lexicon,
    )
    for step in (preflight, to_pdf, read_text_layer, recognize, normalize_text, read_fields):
        step(ingest)
    return _made(ingest.fields, "fields")


def read_stored(document: Document, *, engine: ocr.OcrEngine | None = None) -> reading.Reading:
    """Read a processed document's fields again from what capture stored: the text
    layer of its archive copy and the word boxes of its recognized pages; the abstract's
    area is cut out of the archive copy and recognized again, as at capture."""
    pages = [
        PageResult(p.number, p.text, p.text_source, False, p.confidence, p.words)
        for p in document.pages.all()
    ]
    pdf_path = storage.absolute(document.archive.name) if document.archive else None
    lines = document_lines(
        kind=Kind(document.media_type) if document.media_type else None,
        source=storage.absolute(document.original.name),
        pdf_path=pdf_path,
        pages=pages,
    )
    lexicon = _lexicon(document, pages, None)
    found = reading.read(lines, lexicon=lexicon)
    if lexicon is not None and pdf_path is not None:
        with tempfile.TemporaryDirectory(prefix="congso-reread-") as work:
            _read_abstract_again(
                found,
                lexicon,
                pages=pages,
                lines=lines,
                pdf_path=pdf_path,
                engine=engine or ocr.get_engine(),
                work=Path(work),
            )
    return found
