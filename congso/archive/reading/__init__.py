"""Reading administrative documents: their fields, the documents they cite.

Forms follow Nghị định 30/2020/NĐ-CP (administrative documents), the law on legal
normative documents and Party rules; see vn-standards.md §1.2–§1.4. The type table is
data (`doctypes.json`), not code, because several of its entries are still to verify.

    lines (layout) → read (reader: header, type and abstract, body, footer) → Reading
"""

from congso.archive.reading.layout import (
    Line,
    lines_from_pdf,
    lines_from_text,
    lines_from_words,
    page_sizes,
)
from congso.archive.reading.reader import read, read_signature_area, read_text
from congso.archive.reading.result import Citation, Reading

__all__ = [
    "Citation",
    "Line",
    "Reading",
    "lines_from_pdf",
    "lines_from_text",
    "lines_from_words",
    "page_sizes",
    "read",
    "read_signature_area",
    "read_text",
]
