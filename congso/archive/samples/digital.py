"""Born-digital PDFs (reportlab, pikepdf) and deliberately bad inputs."""

from __future__ import annotations

import io
import struct
import zlib
from collections.abc import Sequence
from pathlib import Path

from .layout import (
    _LEFT,
    _TOP,
    A4_HEIGHT_PT,
    A4_WIDTH_PT,
    _find_fonts,
    _Fonts,
    _layout,
    _Page,
    _pages_for,
)
from .scans import _image_pdf, _render
from .structure import Style, _issuer, _structure, _title
from .text import _rng, sample_text
from .words import _ONE_LINERS

# --------------------------------------------------------------------------------------------
# Born-digital PDFs (reportlab)
# --------------------------------------------------------------------------------------------


def _register_fonts(fonts: _Fonts) -> dict[Style, str]:
    """Register the TrueType faces with reportlab (embedded as subsets); their names."""
    from reportlab.pdfbase import pdfmetrics  # type: ignore[import-untyped,unused-ignore]
    from reportlab.pdfbase.ttfonts import TTFont  # type: ignore[import-untyped,unused-ignore]

    registered = set(pdfmetrics.getRegisteredFontNames())
    names: dict[Style, str] = {}
    for style, path in fonts.paths.items():
        name = f"CongSo-{path.stem}"
        if name not in registered:
            pdfmetrics.registerFont(TTFont(name, str(path)))
            registered.add(name)
        names[style] = name
    return names


def _text_pdf_bytes(
    pages: Sequence[_Page | None],
    fonts: _Fonts,
    *,
    title: str,
    author: str,
) -> bytes:
    """A PDF with a real text layer; ``None`` pages are left blank (to be replaced)."""
    from reportlab.pdfgen import canvas  # type: ignore[import-untyped,unused-ignore]

    names = _register_fonts(fonts)
    buffer = io.BytesIO()
    pdf = canvas.Canvas(
        buffer, pagesize=(A4_WIDTH_PT, A4_HEIGHT_PT), invariant=1, pageCompression=1
    )
    pdf.setTitle(title)
    pdf.setAuthor(author)
    pdf.setCreator("congso.archive.samples")
    for page in pages:
        if page is not None:
            for run in page.runs:
                pdf.setFont(names[run.style], run.size)
                pdf.drawString(run.x, A4_HEIGHT_PT - run.y, run.text)
            for rule in page.rules:
                pdf.setLineWidth(rule.width)
                pdf.line(rule.x0, A4_HEIGHT_PT - rule.y, rule.x1, A4_HEIGHT_PT - rule.y)
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def _text_pdf_for(seed: int, pages: int) -> bytes:
    """The bytes of :func:`write_text_pdf`."""
    fonts = _find_fonts()
    blocks = _structure(sample_text(seed))
    return _text_pdf_bytes(
        _pages_for(seed, pages, fonts), fonts, title=_title(blocks), author=_issuer(blocks)
    )


def write_text_pdf(path: Path, *, pages: int, seed: int) -> Path:
    """A born-digital A4 PDF with a real text layer and an embedded TrueType font.

    The pages hold :func:`sample_text` ``(seed)`` (its two pages or so), then further
    documents, each starting on a new page, until there are ``pages`` pages; the last one
    is cut. Text is drawn line by line with a subset of the serif font embedded (ToUnicode
    included), so PDF text extraction gives back the Vietnamese words. The output is
    byte-identical for a seed and differs between seeds.
    """
    path = Path(path)
    path.write_bytes(_text_pdf_for(seed, pages))
    return path


def write_document_pdf(path: Path, text: str) -> Path:
    """A born-digital PDF of a given document text, typeset as :func:`write_text_pdf` does."""
    fonts = _find_fonts()
    blocks = _structure(text)
    pages: list[_Page | None] = list(_layout(text, fonts))
    path = Path(path)
    path.write_bytes(_text_pdf_bytes(pages, fonts, title=_title(blocks), author=_issuer(blocks)))
    return path


def write_mixed_pdf(path: Path, *, seed: int) -> Path:
    """Three A4 pages: text layer, scanned image only, text layer.

    The pages are those of :func:`write_text_pdf` ``(pages=3)``, with the second one
    printed and scanned (300 dpi, grayscale JPEG): a document whose signed page was scanned.
    """
    import pikepdf

    fonts = _find_fonts()
    pages = _pages_for(seed, 3, fonts)
    blocks = _structure(sample_text(seed))
    text_bytes = _text_pdf_bytes(
        [pages[0], None, pages[2]], fonts, title=_title(blocks), author=_issuer(blocks)
    )
    scan = _render(pages[1], fonts, dpi=300, seed=seed, skew_degrees=0.4, rotate=0, noise=True)
    path = Path(path)
    with _image_pdf([scan], 300) as scanned, pikepdf.open(io.BytesIO(text_bytes)) as pdf:
        del pdf.pages[1]
        pdf.pages.insert(1, scanned.pages[0])
        pdf.save(path, deterministic_id=True)
    return path


def write_many_page_pdf(path: Path, *, pages: int) -> Path:
    """A text PDF of ``pages`` small A4 pages (a page number and one Vietnamese line each).

    Quick to write (about 1 s for 1000 pages) and small (about 1 KB a page plus the font).
    """
    from reportlab.pdfgen import canvas  # type: ignore[import-untyped,unused-ignore]

    if pages < 1:
        raise ValueError(f"pages must be at least 1, not {pages}")
    fonts = _find_fonts()
    names = _register_fonts(fonts)
    path = Path(path)
    pdf = canvas.Canvas(
        str(path), pagesize=(A4_WIDTH_PT, A4_HEIGHT_PT), invariant=1, pageCompression=1
    )
    pdf.setTitle(f"Tập hồ sơ {pages} trang")
    pdf.setCreator("congso.archive.samples")
    for number in range(1, pages + 1):
        pdf.setFont(names["bold"], 13)
        pdf.drawString(_LEFT, A4_HEIGHT_PT - _TOP - 13, f"Trang {number}/{pages}")
        pdf.setFont(names["regular"], 13)
        line = _ONE_LINERS[number % len(_ONE_LINERS)]
        pdf.drawString(_LEFT, A4_HEIGHT_PT - _TOP - 32, f"Tài liệu số {number:04d}. {line}")
        pdf.showPage()
    pdf.save()
    return path


# --------------------------------------------------------------------------------------------
# Bad inputs
# --------------------------------------------------------------------------------------------


def write_truncated_pdf(path: Path, *, seed: int) -> Path:
    """The first 60% of the bytes of a valid 3-page text PDF (no xref table, no trailer)."""
    data = _text_pdf_for(seed, 3)
    path = Path(path)
    path.write_bytes(data[: len(data) * 6 // 10])
    return path


def write_encrypted_pdf(path: Path, *, seed: int) -> Path:
    """A 2-page text PDF encrypted with AES-256 (R6); user password "secret".

    The owner password is "owner-secret". Salts and IVs are random, so unlike the other
    generators the bytes differ between runs (the decrypted content does not).
    """
    import pikepdf

    path = Path(path)
    with pikepdf.open(io.BytesIO(_text_pdf_for(seed, 2))) as pdf:
        pdf.save(path, encryption=pikepdf.Encryption(user="secret", owner="owner-secret", R=6))
    return path


def write_corrupt_pdf(path: Path) -> Path:
    """A "%PDF-1.7" header followed by 4 KiB of fixed random garbage (no objects, no xref)."""
    garbage = _rng("corrupt", 0).randbytes(4096)
    path = Path(path)
    path.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n" + garbage)
    return path


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    """A PNG chunk: length, type, data, CRC-32 of type + data."""
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def write_decompression_bomb_png(path: Path) -> Path:
    """A valid 60000x60000 1-bit grayscale PNG of zeros (3.6 gigapixels), about 440 KB.

    Pillow refuses it with ``DecompressionBombError`` already in ``Image.open`` (more than
    twice ``Image.MAX_IMAGE_PIXELS``). The image is never built: one 500-row band of zero
    scanlines is deflated once with a full flush, and the resulting self-contained piece is
    repeated 120 times inside one zlib stream whose Adler-32 is computed directly (for n
    zero bytes it is (n mod 65521) << 16 | 1). CRCs, lengths and the stream are valid.
    """
    width = height = 60_000
    row = b"\x00" * (1 + (width + 7) // 8)  # filter byte "None" and 7500 bytes of pixels
    band_rows = 500
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    piece = compressor.compress(row * band_rows) + compressor.flush(zlib.Z_FULL_FLUSH)
    finish = zlib.compressobj(9, zlib.DEFLATED, -15).flush()  # an empty final block
    total = len(row) * height
    adler = ((total % 65521) << 16) | 1
    stream = b"\x78\xda" + piece * (height // band_rows) + finish + struct.pack(">I", adler)
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    chunks = [_png_chunk(b"IHDR", header)]
    chunks += [_png_chunk(b"IDAT", stream[i : i + 65536]) for i in range(0, len(stream), 65536)]
    chunks.append(_png_chunk(b"IEND", b""))
    path = Path(path)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + b"".join(chunks))
    return path
