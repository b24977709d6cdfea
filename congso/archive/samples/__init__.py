"""Realistic Vietnamese administrative documents for the test suite and `congso bench ingest`.

Every generator is deterministic for a given ``seed``: randomness comes from private
``random.Random`` instances seeded with strings, never from the module-level generator, and
the module keeps no state of its own. Output files are byte-identical between runs on the
same machine (same fonts, same library versions) with one exception: the AES-256 encrypted
PDF, whose salts and IVs are random by design.

The documents follow the layout of Nghị định 30/2020/NĐ-CP (công tác văn thư): the issuing
body and the national motto side by side, "Số: 123/QĐ-UBND", the place and date, the type
and abstract (trích yếu), the legal bases (Căn cứ ...), articles (Điều 1. ...), the
recipients (Nơi nhận) beside the signature block, on A4 with 2 cm / 3 cm / 2 cm / 2 cm
margins in a serif font with Vietnamese glyphs (DejaVu Serif, or Liberation Serif, Noto
Serif, FreeSerif, Times New Roman when they are installed and cover Vietnamese).

Third-party libraries are imported only by the functions that need them:
``sample_text``, ``sample_text_from_corpus``, ``write_docx``, ``write_odt``, ``write_rtf``,
``write_corrupt_pdf`` and ``write_decompression_bomb_png`` use only the standard library;
the page images need Pillow, the text PDFs reportlab (and Pillow, to measure text) and the
image-only, mixed and encrypted PDFs pikepdf.
"""

from .digital import (
    write_corrupt_pdf,
    write_decompression_bomb_png,
    write_document_pdf,
    write_encrypted_pdf,
    write_many_page_pdf,
    write_mixed_pdf,
    write_text_pdf,
    write_truncated_pdf,
)
from .layout import SampleFontError
from .office import write_docx, write_odt, write_rtf
from .scans import (
    ScanPageOptions,
    render_scanned_page,
    write_image,
    write_scanned_pdf,
    write_scanned_tiff,
)
from .text import sample_text, sample_text_from_corpus

__all__ = [
    "SampleFontError",
    "ScanPageOptions",
    "render_scanned_page",
    "sample_text",
    "sample_text_from_corpus",
    "write_corrupt_pdf",
    "write_decompression_bomb_png",
    "write_document_pdf",
    "write_docx",
    "write_encrypted_pdf",
    "write_image",
    "write_many_page_pdf",
    "write_mixed_pdf",
    "write_odt",
    "write_rtf",
    "write_scanned_pdf",
    "write_scanned_tiff",
    "write_text_pdf",
    "write_truncated_pdf",
]
