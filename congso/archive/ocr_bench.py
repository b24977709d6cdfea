"""How well our OCR reads: character and word error rates against ground truth.

Two corpus layouts are understood (see each corpus's SOURCE.md):

- scans (`ocr-scans-pccc`): `pairs/<name>/scan.pdf` with the document's whole text in
  `pairs/<name>/source_antiword.txt`;
- snippets (`ocr-printed-snippets`): `images/<n>.png` with its text in `gt/<n>.txt`.

A folder holding such corpora (`corpus/`) runs each of them. Every page is read as the
ingestion pipeline reads a scanned page: images are first put on PDF pages
(`pdfa.images_to_pdf`), pages are rendered by pypdfium2 at `CONGSO_OCR_DPI` in grey,
recognized with the default options, recognized again with every correction when the
confidence is under `CONGSO_OCR_RETRY_BELOW` (the better reading is kept), and the text
goes through `vntext.normalize_text`. The pages of a document are joined and compared with
its ground truth as a whole, since the scans' ground truth is not split into pages.

Both sides are normalised the same way before comparing (`normalize`): case is kept
(capitals carry meaning in headers and names), whitespace is collapsed, table rules `|`
and `[pic]` are dropped, quotes and dashes are unified, and runs of fill-in dots and
rule lines ("……", "-------", "____") are dropped, since their length is layout, not text.
CER = character edits / ground-truth characters, WER = word edits / ground-truth words
(Levenshtein distance over the lists of words); totals add edits up before dividing.
"""

import re
import tempfile
import time
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
from django.conf import settings
from rapidfuzz.distance import Levenshtein

from congso.archive import ocr, pdfa, vntext

_UNIFIED = str.maketrans(
    {
        **dict.fromkeys("“”„‟«»″", '"'),
        **dict.fromkeys("‘’‚‛′", "'"),
        **dict.fromkeys("‐‑‒–—―−", "-"),
    }
)
_DROPPED = re.compile(r"\[pic\]|\||[._…·-]{3,}|…+")

# (name, PDF or image file, ground-truth text file)
Document = tuple[str, Path, Path]


def normalize(text: str) -> str:
    """The text as compared: see the module's docstring."""
    text = vntext.normalize_text(text).translate(_UNIFIED)
    return " ".join(_DROPPED.sub(" ", text).split())


@dataclass
class Score:
    """Edits that turn what was read into the ground truth, and the ground truth's size."""

    char_edits: int = 0
    chars: int = 0
    word_edits: int = 0
    words: int = 0

    @property
    def cer(self) -> float:
        return self.char_edits / max(self.chars, 1)

    @property
    def wer(self) -> float:
        return self.word_edits / max(self.words, 1)

    def __add__(self, other: "Score") -> "Score":
        return Score(
            self.char_edits + other.char_edits,
            self.chars + other.chars,
            self.word_edits + other.word_edits,
            self.words + other.words,
        )


def score(truth: str, read: str) -> Score:
    """Compare a recognized text with its ground truth, both normalised."""
    truth, read = normalize(truth), normalize(read)
    truth_words, read_words = truth.split(), read.split()
    return Score(
        Levenshtein.distance(truth, read),
        len(truth),
        Levenshtein.distance(truth_words, read_words),
        len(truth_words),
    )


def _documents(corpus: Path) -> list[Document]:
    """The documents of one corpus, in order."""
    if (corpus / "pairs").is_dir():
        return [
            (pair.name, pair / "scan.pdf", pair / "source_antiword.txt")
            for pair in sorted((corpus / "pairs").iterdir())
            if (pair / "scan.pdf").is_file() and (pair / "source_antiword.txt").is_file()
        ]
    images = [
        p for p in (corpus / "images").glob("*.png") if (corpus / "gt" / f"{p.stem}.txt").is_file()
    ]
    images.sort(key=lambda p: (len(p.stem), p.stem))  # 1, 2, …, 10 rather than 1, 10, 2
    return [(p.stem, p, corpus / "gt" / f"{p.stem}.txt") for p in images]


def _first_pages(documents: list[Document], limit: int | None) -> list[Document]:
    """The first documents that have `limit` pages between them (whole documents only)."""
    if limit is None:
        return documents
    taken: list[Document] = []
    for document in documents:
        if document[1].suffix.lower() == ".pdf":
            pdf = pdfium.PdfDocument(document[1])
            limit -= len(pdf)
            pdf.close()
        else:
            limit -= 1
        if limit < 0:
            break
        taken.append(document)
    return taken


def _corpora(corpus: Path) -> list[Path]:
    def known(folder: Path) -> bool:
        return (folder / "pairs").is_dir() or (folder / "images").is_dir()

    if known(corpus):
        return [corpus]
    return [folder for folder in sorted(corpus.iterdir()) if folder.is_dir() and known(folder)]


def _read_page(engine: ocr.OcrEngine, image: Path, out_base: Path) -> tuple[str, bool]:
    """The page's text as the pipeline would store it, and whether it was read twice."""
    dpi = settings.CONGSO_OCR_DPI
    try:
        found = engine.recognize(image, out_base=out_base, dpi=dpi, options=ocr.OcrOptions())
        retried = (found.confidence or 0) < settings.CONGSO_OCR_RETRY_BELOW
        if retried:
            retry = engine.recognize(
                image,
                out_base=out_base.with_name(out_base.name + "-all"),
                dpi=dpi,
                options=ocr.ALL_CORRECTIONS,
            )
            if (retry.confidence or 0) > (found.confidence or 0):
                found = retry
    finally:
        image.unlink(missing_ok=True)
    return vntext.normalize_text(found.text).strip(), retried


def _read_documents(
    documents: list[Document], *, jobs: int, engine: ocr.OcrEngine, work: Path
) -> dict[str, list[tuple[str, bool]]]:
    """Each document's pages, read `jobs` at a time; this thread renders (pdfium is not
    thread-safe), a few pages ahead of the readers."""
    scale = settings.CONGSO_OCR_DPI / 72
    futures: dict[str, list[Future[tuple[str, bool]]]] = {}
    pending: set[Future[tuple[str, bool]]] = set()
    count = 0
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        for name, source, _truth in documents:
            if source.suffix.lower() != ".pdf":
                pdf_path = work / f"{name}.pdf"
                pdfa.images_to_pdf(source, pdf_path, max_pixels=settings.CONGSO_MAX_IMAGE_PIXELS)
                source = pdf_path
            pdf = pdfium.PdfDocument(source)
            futures[name] = []
            try:
                for index in range(len(pdf)):
                    while len(pending) >= 2 * jobs:
                        _done, pending = wait(pending, return_when=FIRST_COMPLETED)
                    count += 1
                    image = work / f"p{count:05d}.pgm"
                    bitmap = pdf[index].render(scale=scale, grayscale=True)
                    bitmap.to_pil().save(image)
                    bitmap.close()
                    future = pool.submit(_read_page, engine, image, work / f"p{count:05d}")
                    futures[name].append(future)
                    pending.add(future)
            finally:
                pdf.close()
    return {name: [future.result() for future in pages] for name, pages in futures.items()}


def _figures(total: Score, pages: int) -> dict[str, object]:
    return {"cer": total.cer, "wer": total.wer, "pages": pages, "chars": total.chars}


def _run_corpus(
    corpus: Path, *, jobs: int, engine: ocr.OcrEngine, limit: int | None
) -> tuple[dict[str, object], Score, int]:
    """One corpus's figures with a row per document, its total score and pages."""
    started = time.monotonic()
    documents = _first_pages(_documents(corpus), limit)
    with tempfile.TemporaryDirectory(prefix="congso-ocr-bench-") as work:
        read = _read_documents(documents, jobs=jobs, engine=engine, work=Path(work))
    total, pages, rows = Score(), 0, []
    for name, _source, truth in documents:
        found = score(truth.read_text(encoding="utf-8"), "\n".join(t for t, _r in read[name]))
        total, pages = total + found, pages + len(read[name])
        retried = sum(r for _t, r in read[name])
        rows.append({"name": name, **_figures(found, len(read[name])), "retried": retried})
    figures = _figures(total, pages) | {"documents": rows, "seconds": time.monotonic() - started}
    return figures, total, pages


def run(
    corpus: Path, *, jobs: int = 2, engine: ocr.OcrEngine | None = None, limit: int | None = None
) -> dict[str, object]:
    """CER, WER and pages of each corpus in `corpus` (or of `corpus` itself) and overall.

    `limit` reads only the first documents of each corpus that have that many pages
    between them (a scan's ground truth covers the whole document, so none is cut short).
    """
    started = time.monotonic()
    engine = engine or ocr.get_engine()
    total, pages, corpora = Score(), 0, {}
    for folder in _corpora(corpus):
        corpora[folder.name], found, read = _run_corpus(
            folder, jobs=jobs, engine=engine, limit=limit
        )
        total, pages = total + found, pages + read
    overall = _figures(total, pages)
    return overall | {"corpora": corpora, "seconds": time.monotonic() - started}
