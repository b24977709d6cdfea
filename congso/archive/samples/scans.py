"""Scanned pages (Pillow) and the scan writers: image-only PDF, TIFF, JPEG and PNG."""

from __future__ import annotations

import io
import math
import random
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TypedDict, Unpack

from .layout import (
    _MM,
    A4_HEIGHT_PT,
    A4_WIDTH_PT,
    _find_fonts,
    _Fonts,
    _layout,
    _Mark,
    _Page,
    _pages_for,
)
from .structure import Style
from .text import _rng

if TYPE_CHECKING:
    import pikepdf
    from PIL import Image, ImageFont


class ScanPageOptions(TypedDict, total=False):
    """Keyword options of :func:`render_scanned_page` accepted by the scan writers."""

    skew_degrees: float
    rotate: int
    noise: bool


def _draw_marks(
    marks: Sequence[_Mark], size: tuple[int, int], scale: float, rng: random.Random
) -> Image.Image | None:
    """A mask with a hand-written-looking signature and a round stamp for each mark."""
    if not marks:
        return None
    from PIL import Image, ImageDraw

    layer = Image.new("L", size, 0)
    draw = ImageDraw.Draw(layer)
    for mark in marks:
        middle = (mark.y + mark.height / 2) * scale
        points = []
        phase, frequency = rng.uniform(0, 6.3), rng.uniform(0.08, 0.14)
        for step in range(0, int(mark.width), 2):
            wobble = 11 * math.sin(step * frequency + phase) * (1 - step / mark.width / 1.5)
            points.append(((mark.x + 20 + step * 0.85) * scale, middle + wobble * scale))
        draw.line(points, fill=235, width=max(1, round(0.7 * scale)), joint="curve")
        cx, cy, radius = (mark.x + 18) * scale, middle, 18 * _MM * scale
        for r, width in ((radius, 1.0), (radius - 3.2 * _MM * scale, 0.4)):
            box = (cx - r, cy - r, cx + r, cy + r)
            draw.ellipse(box, outline=125, width=max(1, round(width * _MM * scale)))
        star = [
            (
                cx + (5 if k % 2 == 0 else 2) * _MM * scale * math.sin(k * math.pi / 5),
                cy - (5 if k % 2 == 0 else 2) * _MM * scale * math.cos(k * math.pi / 5),
            )
            for k in range(10)
        ]
        draw.polygon(star, fill=125)
    return layer


def _render(
    page: _Page,
    fonts: _Fonts,
    *,
    dpi: int,
    seed: int | str,
    skew_degrees: float,
    rotate: int,
    noise: bool,
) -> Image.Image:
    """Rasterise a laid-out page as a grayscale scan."""
    from PIL import Image, ImageChops, ImageDraw, ImageFont

    if rotate not in (0, 90, 180, 270):
        raise ValueError(f"rotate must be 0, 90, 180 or 270, not {rotate}")
    if not 30 <= dpi <= 1200:
        raise ValueError(f"dpi must be between 30 and 1200, not {dpi}")
    rng = _rng("scan", seed)
    scale = dpi / 72.0
    size = (round(A4_WIDTH_PT * scale), round(A4_HEIGHT_PT * scale))
    ink = Image.new("L", size, 0)
    draw = ImageDraw.Draw(ink)
    cache: dict[tuple[Style, float], ImageFont.FreeTypeFont] = {}
    for run in page.runs:
        key = (run.style, run.size)
        if key not in cache:
            cache[key] = ImageFont.truetype(
                str(fonts.paths[run.style]),
                run.size * scale,
                layout_engine=ImageFont.Layout.BASIC,
            )
        draw.text((run.x * scale, run.y * scale), run.text, font=cache[key], fill=255, anchor="ls")
    for rule in page.rules:
        draw.line(
            [(rule.x0 * scale, rule.y * scale), (rule.x1 * scale, rule.y * scale)],
            fill=255,
            width=max(1, round(rule.width * scale)),
        )
    marks = _draw_marks(page.marks, size, scale, rng)
    if marks is not None:
        ink = ImageChops.lighter(ink, marks)
    return _scanner(ink, rng, scale=scale, skew_degrees=skew_degrees, rotate=rotate, noise=noise)


def _scanner(
    ink: Image.Image,
    rng: random.Random,
    *,
    scale: float,
    skew_degrees: float,
    rotate: int,
    noise: bool,
) -> Image.Image:
    """What a scanner makes of a page whose ink is ``ink`` (white on black)."""
    from PIL import Image, ImageChops, ImageDraw, ImageFilter

    size = ink.size
    if not noise:
        image = ImageChops.invert(ink)
    else:
        # Paper: a smooth, slightly uneven off-white, then fine grain and specks of dust.
        shade = bytes(rng.randint(238, 249) for _ in range(8 * 11))
        paper = Image.frombytes("L", (8, 11), shade).resize(size, Image.Resampling.BICUBIC)
        image = Image.composite(Image.new("L", size, rng.randint(20, 45)), paper, ink)
        amplitude = 7
        curve = [round(amplitude + amplitude * ((i - 127.5) / 127.5) ** 3) for i in range(256)]
        grain = Image.frombytes("L", size, rng.randbytes(size[0] * size[1])).point(curve)
        image = ImageChops.add(image, grain, 1.0, -amplitude)
        specks = ImageDraw.Draw(image)
        for _ in range(rng.randint(150, 450)):
            x, y = rng.uniform(0, size[0]), rng.uniform(0, size[1])
            r = rng.choice((0.6, 0.6, 0.8, 1.0, 1.5)) * scale / 4.0
            specks.ellipse((x - r, y - r, x + r, y + r), fill=rng.randint(40, 170))
    if skew_degrees:
        image = image.rotate(
            skew_degrees,
            resample=Image.Resampling.BICUBIC,
            fillcolor=248 if noise else 255,
        )
    if noise:
        image = image.filter(ImageFilter.GaussianBlur(0.13 * scale))
    if rotate:
        turns = {
            90: Image.Transpose.ROTATE_90,
            180: Image.Transpose.ROTATE_180,
            270: Image.Transpose.ROTATE_270,
        }
        image = image.transpose(turns[rotate])
    return image


def scan_like_paper(
    page: Image.Image, *, dpi: int, seed: int | str, skew_degrees: float = 0.0
) -> Image.Image:
    """A rendered page (dark text on white, any mode) as a paper scan of it would look:
    uneven paper tone, grain, dust, a slight blur and ``skew_degrees`` of skew."""
    from PIL import ImageChops

    ink = ImageChops.invert(page.convert("L"))
    rng = _rng("scan", seed)
    return _scanner(ink, rng, scale=dpi / 72.0, skew_degrees=skew_degrees, rotate=0, noise=True)


def scan_text(
    text: str, *, seed: int | str, dpi: int = 300, pages: Sequence[int] | None = None
) -> list[Image.Image]:
    """Scans of a document text typeset on A4 pages in the decree's layout (see
    :func:`render_scanned_page`), with a seeded skew of up to 1.5 degrees; ``pages``
    picks pages by index (negative from the end), all by default."""
    fonts = _find_fonts()
    laid_out = _layout(text, fonts)
    wanted = range(len(laid_out)) if pages is None else pages
    indexes = sorted({index % len(laid_out) for index in wanted})
    rng = _rng("skew", seed)
    return [
        _render(
            laid_out[index],
            fonts,
            dpi=dpi,
            seed=f"{seed}:{index}",
            skew_degrees=rng.uniform(-1.5, 1.5),
            rotate=0,
            noise=True,
        )
        for index in indexes
    ]


def image_pdf(images: Sequence[Image.Image], path: Path, *, dpi: int) -> Path:
    """An image-only PDF of ``images`` (one A4 page each), as a scanner writes it."""
    with _image_pdf(images, dpi) as pdf:
        pdf.save(path, deterministic_id=True)
    return path


def render_scanned_page(
    text: str,
    *,
    dpi: int = 300,
    seed: int = 0,
    skew_degrees: float = 0.0,
    rotate: int = 0,
    noise: bool = True,
) -> Image.Image:
    """The first page of ``text`` as a grayscale ("L") A4 scan at ``dpi`` (2480x3508 at 300).

    The text is set in a serif font with Vietnamese glyphs at 13 pt, left-aligned within the
    Nghị định 30 margins (3 cm left, 2 cm top, right and bottom); a header (issuing body,
    national motto) is set as two columns side by side, the "Nơi nhận" list beside the
    signer, with a drawn signature and round stamp. Only what fits on one page is drawn.

    Then, as a scanner would: rotation by ``skew_degrees`` (counter-clockwise, any small
    angle), with ``noise`` an uneven paper tone, grain, dust specks and a slight blur, and
    finally a quarter turn ``rotate`` of 0, 90, 180 or 270 degrees counter-clockwise (90 and
    270 give a landscape image). ``seed`` varies the noise, signature and stamp only.
    """
    fonts = _find_fonts()
    first = _layout(text, fonts)[0]
    return _render(
        first,
        fonts,
        dpi=dpi,
        seed=seed,
        skew_degrees=skew_degrees,
        rotate=rotate,
        noise=noise,
    )


def _scanned_pages(seed: int, pages: int, dpi: int, options: ScanPageOptions) -> list[Image.Image]:
    """Scans of the first ``pages`` pages of document ``seed`` (and those after it)."""
    fonts = _find_fonts()
    return [
        _render(
            page,
            fonts,
            dpi=dpi,
            seed=seed * 10_007 + index,
            skew_degrees=options.get("skew_degrees", 0.0),
            rotate=options.get("rotate", 0),
            noise=options.get("noise", True),
        )
        for index, page in enumerate(_pages_for(seed, pages, fonts))
    ]


def _image_pdf(images: Sequence[Image.Image], dpi: int) -> pikepdf.Pdf:
    """An image-only PDF: one JPEG (DCTDecode, DeviceGray) filling each A4 page."""
    import pikepdf
    from pikepdf import Dictionary, Name

    pdf = pikepdf.Pdf.new()
    for image in images:
        buffer = io.BytesIO()
        image.convert("L").save(buffer, format="JPEG", quality=75, dpi=(dpi, dpi))
        landscape = image.width > image.height
        width, height = (A4_HEIGHT_PT, A4_WIDTH_PT) if landscape else (A4_WIDTH_PT, A4_HEIGHT_PT)
        xobject = pikepdf.Stream(
            pdf,
            buffer.getvalue(),
            Type=Name.XObject,
            Subtype=Name.Image,
            Width=image.width,
            Height=image.height,
            ColorSpace=Name.DeviceGray,
            BitsPerComponent=8,
            Filter=Name.DCTDecode,
        )
        content = f"q {width:.3f} 0 0 {height:.3f} 0 0 cm /Im0 Do Q".encode()
        page = Dictionary(
            Type=Name.Page,
            MediaBox=[0, 0, round(width, 3), round(height, 3)],
            Resources=Dictionary(XObject=Dictionary(Im0=xobject)),
            Contents=pikepdf.Stream(pdf, content),
        )
        pdf.pages.append(pikepdf.Page(page))
    pdf.docinfo[Name.Producer] = "congso.archive.samples (simulated scanner)"
    return pdf


def write_scanned_pdf(
    path: Path,
    *,
    pages: int,
    seed: int,
    dpi: int = 300,
    **page_options: Unpack[ScanPageOptions],
) -> Path:
    """An image-only PDF like a scanner's: ``pages`` A4 pages, no text layer.

    Each page is a grayscale JPEG (DCTDecode) of a page rendered by the same code as
    :func:`render_scanned_page`, at ``dpi``, filling an A4 MediaBox in points (595.276 x
    841.89, landscape for quarter-turned pages). The pages are those of
    :func:`write_text_pdf` for the same seed. ``page_options`` (skew_degrees, rotate, noise)
    apply to every page.
    """
    unknown = set(page_options) - ScanPageOptions.__optional_keys__
    if unknown:
        raise TypeError(f"unknown page options: {', '.join(sorted(unknown))}")
    images = _scanned_pages(seed, pages, dpi, page_options)
    path = Path(path)
    with _image_pdf(images, dpi) as pdf:
        pdf.save(path, deterministic_id=True)
    return path


def write_scanned_tiff(path: Path, *, pages: int, seed: int, dpi: int = 300) -> Path:
    """A multi-page TIFF of ``pages`` scanned pages, bilevel with CCITT Group 4 compression.

    Like an archive scanner's black-and-white output: each frame is the noisy grayscale scan
    thresholded to mode "1", with the resolution (``dpi``) recorded in the file.
    """
    images = _scanned_pages(seed, pages, dpi, {})
    threshold = [255 if value > 150 else 0 for value in range(256)]
    frames = [image.point(threshold, "1") for image in images]
    path = Path(path)
    frames[0].save(
        path,
        format="TIFF",
        save_all=True,
        append_images=frames[1:],
        compression="group4",
        dpi=(dpi, dpi),
    )
    return path


def write_image(path: Path, *, seed: int, format: str) -> Path:
    """One 300-dpi scanned page of document ``seed`` as "JPEG" (quality 85) or "PNG"."""
    kind = format.upper()
    if kind == "JPG":
        kind = "JPEG"
    if kind not in {"JPEG", "PNG"}:
        raise ValueError(f'format must be "JPEG" or "PNG", not {format!r}')
    image = _scanned_pages(seed, 1, 300, {})[0]
    path = Path(path)
    if kind == "JPEG":
        image.save(path, format="JPEG", quality=85, dpi=(300, 300))
    else:
        image.save(path, format="PNG", dpi=(300, 300), compress_level=3)
    return path
