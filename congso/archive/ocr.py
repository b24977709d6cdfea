"""Optical character recognition of page images, behind the OcrEngine protocol.

The real engine runs Tesseract (`vie` by default) as a subprocess, one thread each
(OMP_THREAD_LIMIT=1), so that callers get parallelism by running pages side by side.
One call yields the page's text, a confidence, the word boxes and a text-only PDF page
to lay over the page image in the archive copy.
"""

from __future__ import annotations

import csv
import math
import os
import re
import statistics
import subprocess
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from django.conf import settings
from PIL import Image, ImageFilter, ImageOps

if TYPE_CHECKING:
    import numpy as np

_OSD_ROTATE = re.compile(r"Rotate:\s+(\d+)")

# Tesseract's `vie` model (tessdata_fast, as Debian ships it) reads body text best when it
# is about 20-27 px tall. On the real scans of `congso bench ocr`, pages rendered at 300 dpi
# read with 4.3 % of characters wrong, scaled down to 165 dpi with 3.0 % (135-180 dpi all
# do better than 200 and up), in about 40 % less time. So pages rendered finer than
# READ_DPI are scaled down to it before recognition; word boxes are given back in the
# image's pixels and the text PDF keeps the page's size.
READ_DPI = 165
# Text whose lines come out shorter than SMALL_LINE_PX at that scale is small print on a
# small image (a screenshot, an image without a resolution, taken as 300 dpi): it is read
# again, enlarged so that its lines are about LINE_PX tall (at most MAX_ENLARGE times, and
# to no more than MAX_ENLARGED_PIXELS, a little more than an A4 page at 300 dpi).
SMALL_LINE_PX = 16
LINE_PX = 32
MAX_ENLARGE = 4.0
MAX_ENLARGED_PIXELS = 12_000_000
# A few lines cut out of a page (the abstract) are read again finer, as one block, at
# each of these resolutions: at READ_DPI, bold capitals lose their marks ("TUYỂN DỰNG"
# for "TUYỂN DỤNG"), and each finer reading gets other marks right, which the lexicon
# combines word by word.
AREA_READ_DPIS = (250, 300)
AREA_READ_DPI = AREA_READ_DPIS[0]
# Tesseract's page segmentation for such an area: one uniform block, its lines in order.
AREA_PSM = 6
# ... and for a signature block a stamp and a signature cover, which Tesseract takes for
# a picture whole: sparse text, the words it can find wherever they are.
SPARSE_PSM = 11


@dataclass(frozen=True)
class OcrOptions:
    """Image corrections applied before recognition (the re-run choices of a clerk)."""

    rotate: bool = False  # detect 90/180/270° orientation and turn the page upright
    deskew: bool = False  # straighten a page scanned a few degrees askew
    clean: bool = False  # remove speckle and binarize a grey, noisy scan
    unmark: bool = False  # whiten stamps and signatures (mid grey) lying over the text

    @property
    def label(self) -> str:
        return ",".join(name for name in _OPTION_NAMES if getattr(self, name))

    @classmethod
    def from_label(cls, label: str) -> OcrOptions:
        names = {part for part in label.split(",") if part}
        return cls(**dict.fromkeys(names & set(_OPTION_NAMES), True))


_OPTION_NAMES = ("rotate", "deskew", "clean", "unmark")


ALL_CORRECTIONS = OcrOptions(rotate=True, deskew=True, clean=True)


@dataclass
class Word:
    text: str
    left: int
    top: int
    width: int
    height: int
    confidence: float
    block: int
    line: int

    def as_json(self) -> list[object]:
        return [
            self.text,
            self.left,
            self.top,
            self.width,
            self.height,
            round(self.confidence, 1),
            self.block,
            self.line,
        ]


@dataclass
class PageText:
    """What recognition found on one page image."""

    text: str
    confidence: float | None
    words: list[Word]
    text_pdf: Path  # a one-page PDF of invisible text, the size of the image
    # Degrees (counter-clockwise) the image was turned before recognition: the text
    # PDF is upright, the original page is not.
    rotation: float = 0.0
    options: OcrOptions = field(default_factory=OcrOptions)


def default_page_jobs() -> int:
    """Pages recognized side by side: CONGSO_OCR_PAGE_JOBS, or one per core."""
    return settings.CONGSO_OCR_PAGE_JOBS or os.cpu_count() or 1


class OcrError(Exception):
    pass


class OcrEngine(Protocol):
    def recognize(self, image: Path, *, out_base: Path, dpi: int, options: OcrOptions) -> PageText:
        """Recognize the text of one page image; files go next to out_base."""
        ...

    def recognize_area(
        self,
        image: Path,
        *,
        out_base: Path,
        dpi: int,
        read_dpi: int = AREA_READ_DPI,
        psm: int = AREA_PSM,
    ) -> list[Word]:
        """Recognize a few lines cut out of a page (scanned at `dpi`) at `read_dpi` (at
        most `dpi`), segmented by Tesseract's `psm` (AREA_PSM: as one block)."""
        ...


def _confidence(words: list[Word]) -> float | None:
    """Mean word confidence weighted by word length (long words say more)."""
    weights = [(w.confidence, len(w.text)) for w in words if w.text.strip()]
    total = sum(length for _conf, length in weights)
    if not total:
        return None
    return sum(conf * length for conf, length in weights) / total


def parse_tsv(path: Path) -> list[Word]:
    words = []
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            text = (row.get("text") or "").strip()
            if row.get("level") != "5" or not text:
                continue
            words.append(
                Word(
                    text=text,
                    left=int(row["left"]),
                    top=int(row["top"]),
                    width=int(row["width"]),
                    height=int(row["height"]),
                    confidence=float(row["conf"]),
                    block=int(row["block_num"]),
                    line=int(row["par_num"]) * 1000 + int(row["line_num"]),
                )
            )
    return words


def _line_heights(path: Path) -> list[int]:
    """Heights of the text lines Tesseract found (its layout, sound even where the
    characters are misread)."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        return [int(row["height"]) for row in rows if row.get("level") == "4"]


def estimate_skew(image: Image.Image, *, limit: float = 6.0, step: float = 0.2) -> float:
    """Angle (degrees, counter-clockwise) that makes text lines horizontal.

    Projection profile: the rotation under which row sums of ink vary the most.
    """
    import numpy as np

    small = image.convert("L")
    small.thumbnail((1000, 1000))
    ink = small.point(lambda value: 255 if value < 140 else 0)

    def sharpness(angle: float) -> float:
        turned = np.asarray(ink.rotate(angle, resample=Image.Resampling.NEAREST), dtype=np.int64)
        rows = turned.sum(axis=1)
        return float(np.square(np.diff(rows)).sum())

    coarse = [half / 2 for half in range(int(-2 * limit), int(2 * limit) + 1)]
    best = max(coarse, key=sharpness)
    return max((best + step * k for k in range(-3, 4)), key=sharpness)


# Ink lighter than this share of the way from the text's grey to the paper's is taken for
# a stamp or a signature (red and blue ink scan as mid grey) and whitened before reading.
MARK_LEVEL = 0.45


def lighten_marks(image: Image.Image) -> Image.Image:
    """The page with mid-grey marks (stamps, signatures over the text) turned to paper.

    Text is the darker quarter of the ink, paper the commonest grey; a page without ink
    (a photo, an empty page) is returned unchanged. Darker pixels keep their grey, so
    letters keep their anti-aliased edges.
    """
    import numpy as np

    grey = image.convert("L")
    histogram = np.asarray(grey.histogram(), dtype=np.float64)
    paper = int(np.argmax(histogram))
    dark = histogram[: max(paper - 60, 0)]
    if dark.sum() < 0.002 * histogram.sum():
        return grey
    # The text's grey: the darker quarter of the ink, not its commonest level, which a
    # large stamp can hold.
    text = int(np.searchsorted(np.cumsum(dark), 0.25 * dark.sum()))
    cut = text + MARK_LEVEL * (paper - text)
    return grey.point(lambda value: 255 if value > cut else value)


# A run of ink at least this long (inches) and at most this thick is a printed rule: the
# lines under the issuing body, the motto and the abstract (Nghị định 30), underlines and
# table borders. No letter has a stroke so long: an em dash at 14 pt is 0.19 inch, and the
# bars of bold capitals side by side after a slash ("/TT-BTC") reach 0.3.
RULE_LENGTH_IN = 0.45
RULE_THICKNESS_IN = 0.02


def erase_rules(image: Image.Image, *, dpi: float) -> Image.Image:
    """The page with thin horizontal rules turned to paper.

    OCR reads a rule as dashes, or as a tall "——" box that swallows the line above it,
    and puts them among the words of the nearest line ("kiểm soát thủ tục —— hành
    chính"). Ink further than a pixel from the rule is untouched."""
    import numpy as np

    grey = np.asarray(image.convert("L"))
    ink = grey < 170
    if ink.mean() > 0.5:  # light text on a dark ground: what looks like rules is the ground
        return image.convert("L")
    # A slightly skewed rule steps from one row to the next: runs are looked for in ink
    # grown by a pixel across them.
    length = max(2, round(RULE_LENGTH_IN * dpi))
    thickest = max(1, round(RULE_THICKNESS_IN * dpi)) + 2
    rule = np.zeros_like(ink)
    for along, across in ((1, 0), (0, 1)):  # rules, then a table's vertical borders
        lines = _covered_by_runs(_grown(ink, axis=across), length, axis=along)
        lines &= ~_covered_by_runs(lines, thickest + 1, axis=across)  # a bar or a block
        # With its blurred edge: a faint line left behind still makes Tesseract's layout
        # analysis drop the block of text beside it.
        rule |= _grown(lines, axis=across)
    if not rule.any():
        return image.convert("L")
    cleaned = grey.copy()
    cleaned[rule] = int(np.median(grey))  # the paper's grey: a white streak is an edge too
    return Image.fromarray(cleaned)


def _grown(mask: np.ndarray, *, axis: int) -> np.ndarray:
    """`mask` grown by a pixel both ways along `axis`."""
    grown = mask.copy()
    if axis == 0:
        grown[1:] |= mask[:-1]
        grown[:-1] |= mask[1:]
    else:
        grown[:, 1:] |= mask[:, :-1]
        grown[:, :-1] |= mask[:, 1:]
    return grown


def _covered_by_runs(mask: np.ndarray, length: int, *, axis: int) -> np.ndarray:
    """Where `mask` has a run of at least `length` along `axis` (a morphological opening
    by a line, done with running sums)."""
    import numpy as np

    values = np.moveaxis(mask, axis, 1).astype(np.int32)
    rows, width = values.shape
    if width < length:
        return np.zeros_like(mask)
    sums = np.zeros((rows, width + 1), dtype=np.int32)
    np.cumsum(values, axis=1, out=sums[:, 1:])
    full = (sums[:, length:] - sums[:, :-length]) == length  # windows all ink, by start
    starts = np.zeros((rows, width + 1), dtype=np.int32)
    np.cumsum(full, axis=1, out=starts[:, 1 : full.shape[1] + 1])
    starts[:, full.shape[1] + 1 :] = starts[:, full.shape[1] : full.shape[1] + 1]
    # Pixel j is covered when a full window starts in [j - length + 1, j].
    index = np.arange(width)
    low = np.clip(index - length + 1, 0, None)
    covered = (starts[:, index + 1] - starts[:, low]) > 0
    return np.moveaxis(covered, 1, axis)


def clean_image(image: Image.Image) -> Image.Image:
    """Grey → black on white: median filter against speckle, then Otsu's threshold."""
    import numpy as np

    grey = ImageOps.autocontrast(image.convert("L").filter(ImageFilter.MedianFilter(3)))
    histogram = np.asarray(grey.histogram(), dtype=np.float64)
    count = np.cumsum(histogram)  # pixels at or below each level
    mass = np.cumsum(histogram * np.arange(256))
    total, total_mass = count[-1], mass[-1]
    with np.errstate(divide="ignore", invalid="ignore"):
        between = (total_mass * count - mass * total) ** 2 / (count * (total - count))
    if np.isnan(between).all():  # one level everywhere: a blank page, nothing to separate
        return grey
    threshold = int(np.nanargmax(between))
    return grey.point(lambda value: 255 if value > threshold else 0)


class TesseractEngine:
    def __init__(self, *, languages: str | None = None, timeout: int | None = None) -> None:
        self.languages = languages or settings.CONGSO_OCR_LANGUAGES
        self.timeout = timeout or settings.CONGSO_OCR_PAGE_TIMEOUT

    def _run(self, args: list[str]) -> subprocess.CompletedProcess[str]:
        env = os.environ | {"OMP_THREAD_LIMIT": "1"}
        try:
            return subprocess.run(  # noqa: S603 (fixed program, our own file paths)
                ["tesseract", *args],  # noqa: S607 (found on PATH, as ocrmypdf does)
                env=env,
                capture_output=True,
                text=True,
                timeout=self.timeout,
                check=True,
            )
        except FileNotFoundError as error:
            raise OcrError("tesseract is not installed") from error
        except subprocess.TimeoutExpired as error:
            raise OcrError(f"tesseract took longer than {self.timeout} s") from error
        except subprocess.CalledProcessError as error:
            raise OcrError(error.stderr.strip()[-300:]) from error

    def orientation(self, image: Path) -> int:
        """Degrees clockwise the page must turn to be upright (0, 90, 180, 270)."""
        try:
            result = self._run([str(image), "-", "--psm", "0", "-l", "osd"])
        except OcrError:
            return 0  # too little text to tell: leave the page as it is
        found = _OSD_ROTATE.search(result.stdout)
        return int(found.group(1)) % 360 if found else 0

    def _prepare(self, image: Path, out_base: Path, options: OcrOptions) -> tuple[Path, float]:
        if not (options.rotate or options.deskew or options.clean):
            return image, 0.0
        rotation = 0.0
        picture: Image.Image = Image.open(image)
        if options.rotate:
            clockwise = self.orientation(image)
            if clockwise:
                picture = picture.rotate(-clockwise, expand=True)
                rotation -= clockwise
        if options.deskew:
            angle = estimate_skew(picture)
            if abs(angle) >= 0.2:
                picture = picture.rotate(
                    angle, expand=True, fillcolor=255, resample=Image.Resampling.BICUBIC
                )
                rotation += angle
        if options.clean:
            picture = clean_image(picture)
        prepared = out_base.with_suffix(".prepared.png")
        picture.save(prepared)
        return prepared, rotation

    def _read(
        self,
        source: Path,
        out_base: Path,
        dpi: int,
        scale: float,
        *,
        unmark: bool = False,
        psm: int = 3,
    ) -> list[Word]:
        """One Tesseract pass over the image scaled by `scale`; boxes in the image's pixels."""
        image = out_base.with_suffix(".scaled.pgm")
        with Image.open(source) as picture:
            size = (max(1, round(picture.width * scale)), max(1, round(picture.height * scale)))
            resample = Image.Resampling.BOX if scale < 1 else Image.Resampling.LANCZOS
            scaled = picture.convert("L").resize(size, resample)
            # Rules first: whitening the marks leaves a rule's grey edge in broken pieces.
            scaled = erase_rules(scaled, dpi=dpi * scale)
            (lighten_marks(scaled) if unmark else scaled).save(image)
        try:
            self._run(
                [
                    str(image),
                    str(out_base),
                    "-l",
                    self.languages,
                    "--dpi",  # the text PDF keeps the page's size in points
                    str(round(dpi * scale)),
                    "--psm",
                    str(psm),
                    "-c",
                    "textonly_pdf=1",
                    "pdf",
                    "tsv",
                    "txt",
                ]
            )
        finally:
            if image != source:
                image.unlink(missing_ok=True)
        words = parse_tsv(out_base.with_suffix(".tsv"))
        if scale == 1.0:
            return words
        return [
            replace(
                word,
                left=round(word.left / scale),
                top=round(word.top / scale),
                width=round(word.width / scale),
                height=round(word.height / scale),
            )
            for word in words
        ]

    def recognize(self, image: Path, *, out_base: Path, dpi: int, options: OcrOptions) -> PageText:
        source, rotation = self._prepare(image, out_base, options)
        scale = min(1.0, READ_DPI / dpi)
        words = self._read(source, out_base, dpi, scale, unmark=options.unmark)
        lines = _line_heights(out_base.with_suffix(".tsv"))
        if lines and statistics.median(lines) < SMALL_LINE_PX:
            with Image.open(source) as picture:
                pixels = picture.width * picture.height
            enlarge = min(
                MAX_ENLARGE,
                scale * LINE_PX / statistics.median(lines),
                math.sqrt(MAX_ENLARGED_PIXELS / pixels),
            )
            if enlarge > scale:
                words = self._read(source, out_base, dpi, enlarge, unmark=options.unmark)
        text = out_base.with_suffix(".txt").read_text(encoding="utf-8")
        return PageText(
            text=text,
            confidence=_confidence(words),
            words=words,
            text_pdf=out_base.with_suffix(".pdf"),
            rotation=rotation,
            options=options,
        )

    def recognize_area(
        self,
        image: Path,
        *,
        out_base: Path,
        dpi: int,
        read_dpi: int = AREA_READ_DPI,
        psm: int = AREA_PSM,
    ) -> list[Word]:
        return self._read(image, out_base, dpi, min(1.0, read_dpi / dpi), psm=psm)


def get_engine() -> OcrEngine:
    return TesseractEngine()
