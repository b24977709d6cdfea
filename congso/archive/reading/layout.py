"""Lines of a document in reading order, from plain text, a PDF text layer or OCR words.

A decree-form document puts two boxes side by side twice: the issuing body beside the
national motto at the top, the recipients beside the signature at the bottom
(Phụ lục I of Nghị định 30/2020). A PDF's text layer and OCR both see such rows as one
line ("BỘ NỘI VỤ   CỘNG HÒA XÃ HỘI…"), or in an order that depends on the producer.
So positioned text is cut into segments at wide gaps and, where a run of rows holds a
left and a right box, read as the left box top to bottom and then the right one: the
order in which born-digital texts list them. The reader then works on plain lines and
gives the same fields for scans, born-digital PDFs and texts.
"""

from __future__ import annotations

import itertools
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from congso.archive.vntext import fold_lookalikes, is_syllable
from congso.core.text import fold, nfc

Box = tuple[float, float, float, float]  # left, top, right, bottom, as fractions of the page
Side = Literal["left", "right", "centre", "full"]

# A gap wider than this many line heights separates two boxes on one row.
_COLUMN_GAP = 1.6
# Segments whose bottoms are less than this many line heights apart share a row, unless
# they overlap across by more than this fraction of the page's width.
_SAME_ROW = 0.55
_ACROSS_OVERLAP = 0.01


@dataclass(frozen=True)
class Line:
    """One line of text: its page, where it is (None for plain text) and how sure OCR was."""

    text: str
    page: int = 1
    box: Box | None = None
    confidence: float | None = None  # 0..1 from OCR; None for born-digital text


def clean(text: str) -> str:
    """NFC, lookalikes folded, invisible characters dropped, spaces collapsed."""
    return " ".join(fold_lookalikes(nfc(text)).split())


def lines_from_text(text: str) -> list[Line]:
    """Lines of a plain text; a form feed starts a new page."""
    lines = []
    for page, page_text in enumerate(text.split("\f"), start=1):
        for raw in page_text.splitlines():
            line = clean(raw)
            if line:
                lines.append(Line(line, page))
    return lines


# --- PDF text layer --------------------------------------------------------------------


def lines_from_pdf(path: Path, *, pages: Iterable[int] | None = None) -> list[Line]:
    """Positioned lines of a PDF's text layer (1-based `pages`; all by default)."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(path)
    try:
        wanted = range(1, len(document) + 1) if pages is None else pages
        lines: list[Line] = []
        for number in wanted:
            page = document[number - 1]
            width, height = (float(v) for v in page.get_size())
            textpage = page.get_textpage()
            lines += reading_order(_pdf_segments(textpage, number, width, height))
        return lines
    finally:
        document.close()


def page_sizes(path: Path) -> list[tuple[float, float]]:
    """Width and height of each page of a PDF, in points."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(path)
    try:
        return [tuple(float(v) for v in document[i].get_size()) for i in range(len(document))]  # type: ignore[misc]
    finally:
        document.close()


def _pdf_segments(textpage: object, page: int, width: float, height: float) -> list[Line]:
    count = textpage.count_chars()  # type: ignore[attr-defined]  # pypdfium2 is untyped
    text: str = textpage.get_text_range(0, count)  # type: ignore[attr-defined]
    chars = []
    for index, char in enumerate(text):
        left, bottom, right, top = textpage.get_charbox(index)  # type: ignore[attr-defined]
        chars.append((char, (left, height - top, right, height - bottom)))
    return _segments_from_chars(chars, page, width, height)


def _segments_from_chars(
    chars: list[tuple[str, Box]], page: int, width: float, height: float
) -> list[Line]:
    """Cut a page's characters (boxes in points, from the top) into segments at line
    breaks and wide gaps."""
    segments: list[Line] = []
    run: list[tuple[str, Box]] = []

    def flush() -> None:
        segment = _segment(run, page, width, height)
        if segment is not None:
            segments.append(segment)
        run.clear()

    for char, box in chars:
        if char in "\r\n":
            flush()
            continue
        if run and not char.isspace() and _is_gap(run, box):
            flush()
        run.append((char, box))
    flush()
    return segments


def _is_gap(run: list[tuple[str, Box]], box: Box) -> bool:
    inked = [b for c, b in run if not c.isspace()]
    if not inked:
        return False
    height = max(b[3] - b[1] for b in [*inked[-3:], box])
    return box[0] - inked[-1][2] > _COLUMN_GAP * max(height, 1.0)


def _segment(run: list[tuple[str, Box]], page: int, width: float, height: float) -> Line | None:
    text = clean("".join(char for char, _box in run))
    inked = [box for char, box in run if not char.isspace()]
    if not text or not inked:
        return None
    box = (
        min(b[0] for b in inked) / width,
        min(b[1] for b in inked) / height,
        max(b[2] for b in inked) / width,
        max(b[3] for b in inked) / height,
    )
    return Line(text, page, box)


# --- OCR words -------------------------------------------------------------------------


def lines_from_words(
    words: Sequence[Sequence[object]], *, width: float, height: float, page: int
) -> list[Line]:
    """Positioned lines of one page from OCR words.

    `words` are `ocr.Word.as_json()` rows: text, left, top, width, height, confidence
    (0-100), block, line, in pixels of an image `width` × `height`.
    """
    by_line: dict[tuple[int, int], list[Sequence[object]]] = {}
    for word in words:
        by_line.setdefault((int(str(word[6])), int(str(word[7]))), []).append(word)
    segments: list[Line] = []
    for row in by_line.values():
        row.sort(key=lambda w: float(str(w[1])))
        line_height = _line_height(row)
        row = _without_doubles([w for w in row if not _is_speck_dash(w, line_height)])
        current: list[Sequence[object]] = []
        for index, word in enumerate(row):
            if current:
                previous_end = float(str(current[-1][1])) + float(str(current[-1][3]))
                wide = float(str(word[1])) - previous_end > _COLUMN_GAP * line_height
                if wide or _motto_starts(row, index):
                    segments += _word_segment(current, width, height, page)
                    current = []
            current.append(word)
        segments += _word_segment(current, width, height, page)
    return reading_order(segments)


# Words OCR is this sure of (0-100) give a row its height; specks' boxes are any size.
_SURE_WORD = 50


def _line_height(row: Sequence[Sequence[object]]) -> float:
    """The median height of the row's words, not counting specks: a dust speck or a word
    whose box OCR squashed to a few pixels would make a normal gap look like a column's."""
    sure = [
        w for w in row if float(str(w[5])) >= _SURE_WORD and any(c.isalnum() for c in str(w[0]))
    ]
    return statistics.median(float(str(w[4])) for w in sure or row)


# A printed dash is well over 1.5 times as wide as it is thick, however blurred; a speck of
# dust that OCR reads as one is a dot, no wider than tall (and small beside the letters).
_DASH_SHAPE = 1.4
_SPECK_SIZE = 0.2


def _is_speck_dash(word: Sequence[object], line_height: float) -> bool:
    """Whether a word is a speck read as a dash: "thương mại - phân bón" read from a
    dot of dust at the end of a line."""
    if str(word[0]) not in ("-", "–", "—"):
        return False
    width, height = float(str(word[3])), float(str(word[4]))
    return width < _DASH_SHAPE * height and width <= _SPECK_SIZE * line_height


# A word lying this much (a fraction of its width) over its neighbour's box is ink that
# OCR read twice when it spells the start of the neighbour.
_READ_TWICE = 0.5


def _without_doubles(row: list[Sequence[object]]) -> list[Sequence[object]]:
    """A row (in order from the left) without the words OCR read twice from the same
    ink: "phương á án", "2809/QĐ- u UBND". Words whose boxes overlap otherwise, as a
    tall mark's may ("đơn vị"), are kept."""
    doubles = set()
    for index, (one, other) in enumerate(itertools.pairwise(row)):
        start = max(float(str(one[1])), float(str(other[1])))
        end = min(
            float(str(one[1])) + float(str(one[3])), float(str(other[1])) + float(str(other[3]))
        )
        for at, part, whole in ((index, one, other), (index + 1, other, one)):
            short, long = fold(str(part[0])).casefold(), fold(str(whole[0])).casefold()
            covered = end - start > _READ_TWICE * float(str(part[3]))
            if covered and short and len(short) < len(long) and long.startswith(short):
                doubles.add(at)
    return [word for at, word in enumerate(row) if at not in doubles]


def _motto_starts(row: Sequence[Sequence[object]], index: int) -> bool:
    """The national motto begins at this word, after the issuing body on the same line
    ("BỘ Y TẾ CỘNG HÒA XÃ HỘI …": OCR joins the two boxes when the gap is narrow)."""
    if index + 1 >= len(row):
        return False
    pair = fold(f"{row[index][0]} {row[index + 1][0]}")
    return pair == "cong hoa" and str(row[index - 1][0]).isupper()


# What OCR makes of a stamp or handwriting glued before a printed line: words it gives
# next to no confidence (0-100).
_NO_CONFIDENCE = 2


def _without_glued_marks(words: list[Sequence[object]]) -> list[Sequence[object]]:
    """The words of a segment after a run of marks glued before it: the "ĐẾN" stamp and the
    hand-written date on it, joined to the title beside them ("cncav ... 4É » JA LUẬT
    PHÒNG CHÁY"), when at least two words OCR is sure of are left. The run opens with a
    word OCR gives next to no confidence and holds no word it is sure of, nor any word of
    the language: a stamp over a signer's family name leaves "Nguyễn" at 1 %."""
    if not words or float(str(words[0][5])) >= _NO_CONFIDENCE:
        return words
    marks = [i for i, w in enumerate(words) if float(str(w[5])) < _NO_CONFIDENCE]
    cut = marks[-1] + 1
    run = words[:cut]
    if any(float(str(w[5])) >= _SURE_WORD or _is_word(str(w[0])) for w in run):
        return words
    sure = [w for w in words[cut:] if float(str(w[5])) >= _SURE_WORD]
    return words[cut:] if len(sure) >= 2 else words


def _is_word(text: str) -> bool:
    """A Vietnamese syllable, with punctuation about it but no digit or sign inside."""
    core = text.strip(".,;:!?\"'()[]")
    return core.isalpha() and is_syllable(nfc(core).lower())


def _word_segment(
    words: list[Sequence[object]], width: float, height: float, page: int
) -> list[Line]:
    words = _without_glued_marks(words)
    text = clean(" ".join(str(w[0]) for w in words))
    if not text:
        return []
    lefts = [float(str(w[1])) for w in words]
    tops = [float(str(w[2])) for w in words]
    rights = [float(str(w[1])) + float(str(w[3])) for w in words]
    bottoms = [float(str(w[2])) + float(str(w[4])) for w in words]
    weights = [max(len(str(w[0])), 1) for w in words]
    confidence = sum(float(str(w[5])) * n for w, n in zip(words, weights, strict=True))
    box = (min(lefts) / width, min(tops) / height, max(rights) / width, max(bottoms) / height)
    return [Line(text, page, box, max(0.0, confidence / sum(weights) / 100))]


# --- Reading order ---------------------------------------------------------------------


def reading_order(segments: Sequence[Line]) -> list[Line]:
    """One page's segments in reading order: rows top to bottom, and two-box runs of rows
    (header, signature) as their left box, then their right box."""
    placed = [(s.box, s) for s in segments if s.box is not None]
    if not placed or len(placed) < len(segments):
        return list(segments)
    left_edge, right_edge = _text_edges(placed)
    ordered: list[Line] = []
    run: list[list[tuple[Side, Line]]] = []
    # Scraps of a stamp or a signature between the two boxes (":") would end the run
    # and put the signature's name after the rest of the recipients: they follow it.
    scraps: list[Line] = []
    for row in _rows(placed):
        sides = [(_side(box, left_edge, right_edge), s) for box, s in row]
        # A speck between the boxes, level with text in one of them ("-" beside a
        # wrapped recipient), is no line across the page: it does not end the run, it
        # follows it. Specks in a box keep their place ("DU" of "VÀ / DU / LỊCH").
        between = [(side, s) for side, s in sides if side not in SIDES and _is_scrap(s)]
        kept = [item for item in sides if item not in between]
        if kept and all(side in SIDES for side, _s in kept):
            run.append(kept)
            scraps += [s for _side_, s in between]
            continue
        if run and all(_is_scrap(s) for _side_, s in sides):
            scraps += [s for _side_, s in sides]
            continue
        ordered += _flush_run(run) + scraps
        run, scraps = [], []
        ordered += [s for _side_, s in sides]
    ordered += _flush_run(run) + scraps
    return ordered


def _is_scrap(segment: Line) -> bool:
    """A letter or two, or only signs: specks, not text."""
    return sum(c.isalnum() for c in segment.text) <= 2


Placed = tuple[Box, Line]
SIDES = ("left", "right")


def _rows(placed: list[Placed]) -> list[list[Placed]]:
    rows: list[list[Placed]] = []
    for box, segment in sorted(placed, key=lambda item: item[0][3]):
        if rows:
            last = rows[-1][0][0]
            # Bottoms (baselines, give or take descenders) tell rows apart better than
            # centres: OCR sometimes gives a line a box as tall as two.
            shorter = min(box[3] - box[1], last[3] - last[1])
            if abs(box[3] - last[3]) < _SAME_ROW * shorter and not _below(segment, rows[-1]):
                rows[-1].append((box, segment))
                continue
        rows.append([(box, segment)])
    return [sorted(row, key=lambda item: item[0][0]) for row in rows]


def _below(segment: Line, row: list[Placed]) -> bool:
    """Whether `segment` lies under a segment of `row` rather than beside it. Boxes side by
    side on a row do not overlap across; on a skewed scan, a long line's box reaches down
    to the start of the next line (the wrapped end of a sentence at the left margin)."""
    if segment.box is None or _is_scrap(segment):
        return False
    left, top, right, bottom = segment.box
    others = [box for box, other in row if not _is_scrap(other)]
    if any(min(right, box[2]) - max(left, box[0]) > _ACROSS_OVERLAP for box in others):
        return True
    # The wrapped end of a sentence ("2024;") left of an indented line's start, which a
    # skewed line's box reaches down to: it starts lower by more than half its height.
    return bool(others) and all(
        right <= box[0] and top - box[1] > (bottom - top) / 2 for box in others
    )


def _text_edges(placed: list[Placed]) -> tuple[float, float]:
    """Left and right edges of the text area, ignoring specks read as a letter or two."""
    real = [box for box, s in placed if not _is_scrap(s)]
    boxes = real or [box for box, _s in placed]
    return min(b[0] for b in boxes), max(b[2] for b in boxes)


def _side(box: Box, left_edge: float, right_edge: float) -> Side:
    width = max(right_edge - left_edge, 1e-6)
    left = (box[0] - left_edge) / width
    right = (box[2] - left_edge) / width
    centre = (left + right) / 2
    if left < 0.3 and right > 0.7:
        return "full"
    if centre < 0.42 and right < 0.6:
        return "left"
    if centre > 0.58 and left > 0.3:
        return "right"
    return "centre"


def _flush_run(run: list[list[tuple[Side, Line]]]) -> list[Line]:
    """A run of rows each in the left box, the right box or both: the left box, then the
    right one, where they stand side by side; else row by row (a signature block set
    right with its "(Đã ký)" and name set left under it, or the wrapped end of the
    body's last sentence above it)."""
    lefts = [s for row in run for side, s in row if side == "left"]
    rights = [s for row in run for side, s in row if side == "right"]
    if not lefts or not rights or not _side_by_side(lefts, rights):
        return [s for row in run for _side_, s in row]
    return lefts + rights


def _side_by_side(lefts: list[Line], rights: list[Line]) -> bool:
    """Whether each box has a line level with the other box, specks aside (a page
    number counts for no box)."""
    return _level_with(lefts, rights) and _level_with(rights, lefts)


def _level_with(these: list[Line], others: list[Line]) -> bool:
    boxes = [s.box for s in others if s.box is not None and not _is_scrap(s)]
    if not boxes:
        return False
    top, bottom = min(box[1] for box in boxes), max(box[3] for box in boxes)
    return any(
        top <= (s.box[1] + s.box[3]) / 2 <= bottom
        for s in these
        if s.box is not None and not _is_scrap(s)
    )
