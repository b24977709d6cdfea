"""`congso bench ingest`: ingestion speed against its baselines, in one run.

The measured pipeline runs in a throw-away data folder and SQLite database (a child
process), so a benchmark never touches an agency's records. Documents are processed
by `batch.process_in_pool`, which calls the same service the Celery workers call.
Baselines run on the same scanned pages: ocrmypdf with its defaults
(`-l vie --output-type pdfa`), and a plain Tesseract pass over page images rendered
beforehand (not timed) with one process per core: at 300 dpi, Tesseract's usual input,
and at the resolution our pipeline reads at (`ocr.READ_DPI`), the lower bound of any
pipeline that reads there.
"""

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pypdfium2 as pdfium

from congso.archive import ocr, samples


@dataclass
class SampleSet:
    scanned: list[Path] = field(default_factory=list)  # image-only PDFs
    born_digital: list[Path] = field(default_factory=list)  # PDFs with a text layer

    @property
    def scanned_pages(self) -> int:
        return sum(_page_count(path) for path in self.scanned)


def _page_count(path: Path) -> int:
    document = pdfium.PdfDocument(path)
    try:
        return len(document)
    finally:
        document.close()


def _has_text(path: Path) -> bool:
    document = pdfium.PdfDocument(path)
    try:
        return any(
            len(document[i].get_textpage().get_text_bounded().strip()) > 40
            for i in range(min(len(document), 3))
        )
    finally:
        document.close()


def make_samples(
    folder: Path, *, scanned_docs: int, pages_per_doc: int, born_digital_docs: int
) -> SampleSet:
    """Generated Vietnamese administrative documents: 300-dpi A4 scans and 3-page PDFs."""
    folder.mkdir(parents=True, exist_ok=True)
    found = SampleSet()
    for n in range(scanned_docs):
        found.scanned.append(
            samples.write_scanned_pdf(
                folder / f"quet-{n:03d}.pdf", pages=pages_per_doc, seed=1000 + n
            )
        )
    for n in range(born_digital_docs):
        found.born_digital.append(
            samples.write_text_pdf(folder / f"so-{n:04d}.pdf", pages=3, seed=5000 + n)
        )
    return found


def take_samples(corpus: Path) -> SampleSet:
    """The PDFs under corpus, sorted into scans and born-digital files."""
    found = SampleSet()
    for path in sorted(corpus.rglob("*.pdf")):
        (found.born_digital if _has_text(path) else found.scanned).append(path)
    return found


def _timed(command: list[str], **kwargs: object) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, **kwargs)  # type: ignore[call-overload]  # noqa: S603
    return time.perf_counter() - started


def ocrmypdf_seconds(scans: list[Path], workdir: Path) -> float:
    """ocrmypdf with its default settings, one document after the other (it runs the
    pages of each document in parallel itself). Two flags only because real scans are
    often digitally signed and carry the signature banner as text, which ocrmypdf
    otherwise refuses: `--force-ocr` and `--invalidate-digital-signatures` (our
    pipeline leaves the signed original untouched and builds a separate copy). On
    unsigned image-only scans they change nothing."""
    total = 0.0
    for index, path in enumerate(scans):
        out = workdir / f"ocrmypdf-{index}.pdf"
        total += _timed(
            [
                sys.executable,
                "-m",
                "ocrmypdf",
                "-q",
                "-l",
                "vie",
                "--output-type",
                "pdfa",
                "--force-ocr",
                "--invalidate-digital-signatures",
                str(path),
                str(out),
            ]
        )
    return total


def tesseract_only_seconds(scans: list[Path], workdir: Path, *, jobs: int, dpi: int = 300) -> float:
    """Tesseract alone on page images rendered beforehand (not timed), `jobs` at once."""
    images = []
    for index, path in enumerate(scans):
        document = pdfium.PdfDocument(path)
        for page in range(len(document)):
            bitmap = document[page].render(scale=dpi / 72, grayscale=True)
            image = workdir / f"only-{index}-{page}.pgm"
            bitmap.to_pil().save(image)
            bitmap.close()
            images.append(image)
        document.close()
    env = os.environ | {"OMP_THREAD_LIMIT": "1"}
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        list(
            pool.map(
                lambda image: _timed(
                    [
                        "tesseract",
                        str(image),
                        str(image.with_suffix("")),
                        "-l",
                        "vie",
                        "--dpi",
                        str(dpi),
                        "txt",
                    ],
                    env=env,
                ),
                images,
            )
        )
    return time.perf_counter() - started


def _peak_rss_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024


def measure_pipeline(spec: dict[str, object]) -> dict[str, float]:
    """Inside the throw-away environment: capture and process both sets, timed."""
    from django.core.management import call_command

    from congso.archive import batch, services
    from congso.org.models import Agency

    call_command("migrate", verbosity=0)
    agency = Agency.objects.create(name="Cơ quan đo hiệu năng", code="Z99", kind="khac")
    jobs = int(str(spec["jobs"]))

    def ingest(paths: list[str]) -> float:
        started = time.perf_counter()
        ids = [
            services.capture_path(
                agency=agency, path=Path(p), source="import", by=None, queue=False
            ).document.pk
            for p in paths
        ]
        batch.process_in_pool(ids, jobs=jobs)
        return time.perf_counter() - started

    scanned = ingest(list(spec["scanned"]))  # type: ignore[call-overload]
    born_digital = ingest(list(spec["born_digital"]))  # type: ignore[call-overload]
    from congso.archive.models import Document

    failed = Document.objects.filter(state=Document.State.FAILED).count()
    return {
        "scanned_seconds": scanned,
        "born_digital_seconds": born_digital,
        "failed": failed,
        "peak_rss_mb": _peak_rss_mb(),
    }


def _run_pipeline_in_child(found: SampleSet, workdir: Path, jobs: int) -> dict[str, float]:
    spec = {
        "scanned": [str(p) for p in found.scanned],
        "born_digital": [str(p) for p in found.born_digital],
        "jobs": jobs,
    }
    spec_path = workdir / "spec.json"
    spec_path.write_text(json.dumps(spec), encoding="utf-8")
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DATABASE_URL", "CELERY_BROKER_URL", "CONGSO_STORAGE_ROOT")
    }
    env |= {
        "CONGSO_DATA_DIR": str(workdir / "data"),
        "CONGSO_ENV_FILE": "-",
        "SECRET_KEY": env.get("SECRET_KEY") or "benchmark-only-secret-key",
        "LOG_LEVEL": "WARNING",
    }
    result = subprocess.run(  # noqa: S603 (our own command)
        [sys.executable, "-m", "congso", "bench", "ingest", "--inside", str(spec_path)],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(result.stderr[-2000:])
    figures: dict[str, float] = json.loads(result.stdout.strip().splitlines()[-1])
    return figures


def run(
    *,
    corpus: Path | None,
    scanned_docs: int,
    pages_per_doc: int,
    born_digital_docs: int,
    jobs: int | None = None,
) -> dict[str, object]:
    jobs = jobs or os.cpu_count() or 1
    with tempfile.TemporaryDirectory(prefix="congso-bench-") as tmp:
        workdir = Path(tmp)
        found = (
            take_samples(corpus)
            if corpus
            else make_samples(
                workdir / "samples",
                scanned_docs=scanned_docs,
                pages_per_doc=pages_per_doc,
                born_digital_docs=born_digital_docs,
            )
        )
        pages = found.scanned_pages
        ours = _run_pipeline_in_child(found, workdir, jobs)
        ocrmypdf = ocrmypdf_seconds(found.scanned, workdir) if found.scanned else 0.0
        tesseract = (
            tesseract_only_seconds(found.scanned, workdir, jobs=jobs) if found.scanned else 0.0
        )
        # The same at the resolution the pipeline reads at: its own overhead, exactly.
        at_read_dpi = (
            tesseract_only_seconds(found.scanned, workdir, jobs=jobs, dpi=ocr.READ_DPI)
            if found.scanned
            else 0.0
        )

    def per_minute(seconds: float) -> float:
        return round(60 * pages / seconds, 2) if seconds else 0.0

    figures: dict[str, object] = {
        "scanned_pages": pages,
        "born_digital_docs": len(found.born_digital),
        "jobs": jobs,
        "scanned_pages_per_min": per_minute(ours["scanned_seconds"]),
        "ocrmypdf_pages_per_min": per_minute(ocrmypdf),
        "tesseract_only_pages_per_min": per_minute(tesseract),
        "tesseract_only_at_read_dpi_pages_per_min": per_minute(at_read_dpi),
        "born_digital_docs_per_s": round(len(found.born_digital) / ours["born_digital_seconds"], 2)
        if found.born_digital
        else 0.0,
        "peak_rss_mb": round(ours["peak_rss_mb"], 1),
        "failed_documents": int(ours["failed"]),
    }
    if ocrmypdf and tesseract:
        figures["ratio_to_ocrmypdf"] = round(ocrmypdf / ours["scanned_seconds"], 2)
        figures["ratio_to_tesseract_only"] = round(tesseract / ours["scanned_seconds"], 2)
        figures["ratio_to_tesseract_only_at_read_dpi"] = round(
            at_read_dpi / ours["scanned_seconds"], 2
        )
    return figures
