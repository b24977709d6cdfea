"""Fonts with Vietnamese glyphs, and the page layout of a document text on A4 pages."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, TypeAlias

from .structure import Style, _Columns, _Para, _structure
from .text import sample_text

if TYPE_CHECKING:
    from PIL import ImageFont


# --------------------------------------------------------------------------------------------
# Fonts
# --------------------------------------------------------------------------------------------


class SampleFontError(RuntimeError):
    """No installed TrueType serif font covers Vietnamese."""


# (family, regular, bold, italic, bold italic): TrueType files reportlab can embed.
_FONT_FAMILIES: tuple[tuple[str, str, str, str, str], ...] = (
    ("DejaVu Serif", "DejaVuSerif.ttf", "DejaVuSerif-Bold.ttf", "DejaVuSerif-Italic.ttf",
     "DejaVuSerif-BoldItalic.ttf"),
    ("Liberation Serif", "LiberationSerif-Regular.ttf", "LiberationSerif-Bold.ttf",
     "LiberationSerif-Italic.ttf", "LiberationSerif-BoldItalic.ttf"),
    ("Noto Serif", "NotoSerif-Regular.ttf", "NotoSerif-Bold.ttf", "NotoSerif-Italic.ttf",
     "NotoSerif-BoldItalic.ttf"),
    ("FreeSerif", "FreeSerif.ttf", "FreeSerifBold.ttf", "FreeSerifItalic.ttf",
     "FreeSerifBoldItalic.ttf"),
    ("Times New Roman", "Times_New_Roman.ttf", "Times_New_Roman_Bold.ttf",
     "Times_New_Roman_Italic.ttf", "Times_New_Roman_Bold_Italic.ttf"),
)  # fmt: skip
_STYLES: tuple[Style, ...] = ("regular", "bold", "italic", "bolditalic")
_VIETNAMESE_PROBE = (
    "ĐđƠơƯưẠạẢảẤấẦầẨẩẪẫẬậẮắẰằẲẳẴẵẶặẸẹẺẻẼẽẾếỀềỂểỄễỆệỈỉỊịỌọỎỏ"
    "ỐốỒồỔổỖỗỘộỚớỜờỞởỠỡỢợỤụỦủỨứỪừỬửỮữỰựỲỳỴỵỶỷỸỹ"
)


def _font_dirs() -> list[Path]:
    """Where fonts are installed on Debian-like systems and for the current user."""
    dirs = [Path("/usr/share/fonts"), Path("/usr/local/share/fonts")]
    home = os.environ.get("HOME")
    if home:
        dirs += [Path(home) / ".local/share/fonts", Path(home) / ".fonts"]
    return [d for d in dirs if d.is_dir()]


def _covers_vietnamese(path: Path) -> bool:
    """True if every probe letter has a glyph (renders differently from a missing glyph)."""
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(str(path), 24, layout_engine=ImageFont.Layout.BASIC)

    def render(char: str) -> bytes:
        image = Image.new("L", (40, 40))
        ImageDraw.Draw(image).text((8, 30), char, font=font, fill=255, anchor="ls")
        return image.tobytes()

    missing = render("\U0010fffd")
    return all(render(char) != missing for char in _VIETNAMESE_PROBE)


@dataclass(frozen=True)
class _Fonts:
    """One serif family: a file per style and fonts at 1000 px to measure text in points."""

    family: str
    paths: dict[Style, Path]
    metrics: dict[Style, ImageFont.FreeTypeFont] = field(repr=False)

    def width(self, text: str, style: Style, size: float) -> float:
        """Advance width of ``text`` in points at ``size`` points."""
        return self.metrics[style].getlength(text) * size / 1000.0


def _find_fonts() -> _Fonts:
    """The first installed serif family whose regular face covers Vietnamese.

    Missing bold or italic faces fall back to the regular one. Raises SampleFontError with
    the list of what was looked for when nothing suitable is installed.
    """
    from PIL import ImageFont

    found: dict[str, Path] = {}
    for directory in _font_dirs():
        for root, _dirs, files in sorted(os.walk(directory)):
            for name in sorted(files):
                found.setdefault(name, Path(root) / name)
    for family, *names in _FONT_FAMILIES:
        regular = found.get(names[0])
        if regular is None or not _covers_vietnamese(regular):
            continue
        paths: dict[Style, Path] = {}
        for style, name in zip(_STYLES, names, strict=True):
            path = found.get(name)
            paths[style] = path if path is not None and _covers_vietnamese(path) else regular
        if paths["bolditalic"] == regular and paths["bold"] != regular:
            paths["bolditalic"] = paths["bold"]
        metrics = {
            style: ImageFont.truetype(str(path), 1000, layout_engine=ImageFont.Layout.BASIC)
            for style, path in paths.items()
        }
        return _Fonts(family, paths, metrics)
    wanted = ", ".join(f"{family} ({names[0]})" for family, *names in _FONT_FAMILIES)
    places = ", ".join(str(d) for d in _font_dirs()) or "no font directory"
    raise SampleFontError(
        f"No TrueType serif font with Vietnamese glyphs found; looked for {wanted} in {places}."
        " Install fonts-dejavu-core (Debian/Ubuntu) or another of these fonts."
    )


# --------------------------------------------------------------------------------------------
# Page layout in points (origin top left, y of a run = its baseline)
# --------------------------------------------------------------------------------------------

_MM = 72.0 / 25.4
A4_WIDTH_PT = 210 * _MM
A4_HEIGHT_PT = 297 * _MM
_LEFT = 30 * _MM
_RIGHT = 20 * _MM
_TOP = 20 * _MM
_BOTTOM = 20 * _MM
_TEXT_WIDTH = A4_WIDTH_PT - _LEFT - _RIGHT
_LINE = 1.22  # line height / font size


@dataclass(frozen=True)
class _Run:
    """Text drawn in one style from (x, baseline y)."""

    x: float
    y: float
    text: str
    style: Style
    size: float


@dataclass(frozen=True)
class _Rule:
    """A horizontal line."""

    x0: float
    x1: float
    y: float
    width: float = 0.6


@dataclass(frozen=True)
class _Mark:
    """Room for a hand signature and a stamp (drawn on scans only)."""

    x: float
    y: float
    width: float
    height: float


@dataclass
class _Page:
    """What goes on one page."""

    runs: list[_Run] = field(default_factory=list)
    rules: list[_Rule] = field(default_factory=list)
    marks: list[_Mark] = field(default_factory=list)

    def shifted(self, dy: float) -> _Page:
        """The same content moved down by ``dy``."""
        return _Page(
            [_Run(r.x, r.y + dy, r.text, r.style, r.size) for r in self.runs],
            [_Rule(r.x0, r.x1, r.y + dy, r.width) for r in self.rules],
            [_Mark(m.x, m.y + dy, m.width, m.height) for m in self.marks],
        )

    def extend(self, other: _Page) -> None:
        """Add the content of ``other``."""
        self.runs += other.runs
        self.rules += other.rules
        self.marks += other.marks


_Word: TypeAlias = tuple[str, Style, float]


def _wrap(para: _Para, size: float, width: float, fonts: _Fonts) -> list[list[_Word]]:
    """Greedy word wrap; words longer than a line are cut."""
    words: list[_Word] = []
    for match in re.finditer(r"\S+", para.text):
        style: Style = "bold" if match.end() <= para.bold_prefix else para.style
        words.append((match.group(), style, fonts.width(match.group(), style, size)))
    lines: list[list[_Word]] = [[]]
    used = 0.0
    for word, style, word_width in words:
        available = width - (para.indent if len(lines) == 1 else 0.0)
        space = fonts.width(" ", style, size) if lines[-1] else 0.0
        if lines[-1] and used + space + word_width > available:
            lines.append([])
            used, space = 0.0, 0.0
            available = width
        if not lines[-1] and word_width > available:
            piece = ""
            for char in word:
                if piece and fonts.width(piece + char, style, size) > available:
                    lines[-1].append((piece, style, fonts.width(piece, style, size)))
                    lines.append([])
                    piece = ""
                piece += char
            word, word_width = piece, fonts.width(piece, style, size)
        lines[-1].append((word, style, word_width))
        used += space + word_width
    return [line for line in lines if line]


def _line_width(line: list[_Word], size: float, fonts: _Fonts) -> float:
    """Width of a wrapped line including the spaces."""
    spaces = sum(fonts.width(" ", style, size) for _, style, _ in line[1:])
    return sum(width for _, _, width in line) + spaces


class _Composer:
    """Pours blocks onto A4 pages; a private, per-document object."""

    def __init__(self, fonts: _Fonts) -> None:
        self.fonts = fonts
        self.pages: list[_Page] = [_Page()]
        self.y = _TOP

    def new_page(self) -> None:
        """Start a page; pages from the second on carry their number at the top centre."""
        self.pages.append(_Page())
        self.y = _TOP
        number = str(len(self.pages))
        x = _LEFT + (_TEXT_WIDTH - self.fonts.width(number, "regular", 13.0)) / 2
        self.pages[-1].runs.append(_Run(x, _TOP * 0.72, number, "regular", 13.0))

    def place(self, para: _Para, x: float, width: float, page: _Page, y: float) -> float:
        """Set ``para`` on ``page`` from top ``y`` without breaking pages; returns the new y."""
        size = para.size
        if para.fit:
            while size > 9.0 and self.fonts.width(para.text, para.style, size) > width:
                size -= 0.5
        y += para.before
        if para.signature:
            page.marks.append(_Mark(x + width / 2 - 70, y, 140, para.signature))
            y += para.signature
        lines = _wrap(para, size, width, self.fonts)
        widest = 0.0
        for index, line in enumerate(lines):
            widest = max(widest, self.line(page, line, para, size, x, width, y, index == 0))
            y += size * _LINE
        if para.rule and lines:
            length = widest * para.rule
            start = x + (width - length) / 2 if para.align == "center" else x
            page.rules.append(_Rule(start, start + length, y + size * 0.15))
            y += size * 0.15 + 6.0
        return y + para.after

    def line(
        self,
        page: _Page,
        line: list[_Word],
        para: _Para,
        size: float,
        x: float,
        width: float,
        top: float,
        first: bool,
    ) -> float:
        """Emit one wrapped line as runs (one per style change); returns its width."""
        line_width = _line_width(line, size, self.fonts)
        if para.align == "center":
            x += (width - line_width) / 2
        elif first:
            x += para.indent
        baseline = top + size * 0.98
        run_x, run_words, run_style = x, [line[0][0]], line[0][1]
        cursor = x + line[0][2]
        for word, style, word_width in line[1:]:
            space = self.fonts.width(" ", style, size)
            if style != run_style:
                page.runs.append(_Run(run_x, baseline, " ".join(run_words) + " ", run_style, size))
                run_x, run_words, run_style = cursor + space, [], style
            run_words.append(word)
            cursor += space + word_width
        page.runs.append(_Run(run_x, baseline, " ".join(run_words), run_style, size))
        return line_width

    def paragraph(self, para: _Para) -> None:
        """Set a full-width paragraph, breaking pages between lines."""
        if self.y > _TOP:
            self.y += para.before
        lines = _wrap(para, para.size, _TEXT_WIDTH, self.fonts)
        height = para.size * _LINE
        for index, line in enumerate(lines):
            if self.y + height > A4_HEIGHT_PT - _BOTTOM:
                self.new_page()
            self.line(self.pages[-1], line, para, para.size, _LEFT, _TEXT_WIDTH, self.y, index == 0)
            self.y += height
        if para.rule and lines:
            length = max(_line_width(line, para.size, self.fonts) for line in lines) * para.rule
            start = _LEFT + (_TEXT_WIDTH - length) / 2
            self.pages[-1].rules.append(_Rule(start, start + length, self.y + para.size * 0.15))
            self.y += para.size * 0.15 + 6.0
        self.y += para.after

    def columns(self, block: _Columns) -> None:
        """Set two columns side by side, kept together on one page."""
        left_width = _TEXT_WIDTH * block.split
        parts: list[tuple[_Page, float]] = []
        for paras, x, width in (
            (block.left, _LEFT, left_width),
            (block.right, _LEFT + left_width, _TEXT_WIDTH - left_width),
        ):
            part, y = _Page(), 0.0
            for para in paras:
                y = self.place(para, x, width, part, y)
            parts.append((part, y))
        height = max(y for _, y in parts)
        if self.y > _TOP:
            self.y += block.before
            if self.y + height > A4_HEIGHT_PT - _BOTTOM:
                self.new_page()
        for part, _ in parts:
            self.pages[-1].extend(part.shifted(self.y))
        self.y += height


def _layout(text: str, fonts: _Fonts) -> list[_Page]:
    """Typeset a document text onto as many A4 pages as it needs."""
    composer = _Composer(fonts)
    for block in _structure(text):
        if isinstance(block, _Columns):
            composer.columns(block)
        else:
            composer.paragraph(block)
    return composer.pages


def _document_seeds(seed: int) -> list[int]:
    """Seeds of the documents that follow document ``seed`` in a multi-document file."""
    return [seed] + [seed * 1_000_003 + k for k in range(1, 1_000)]


def _pages_for(seed: int, pages: int, fonts: _Fonts) -> list[_Page]:
    """``pages`` pages: document ``seed`` first, then further documents each on a new page.

    The last document is cut where the requested number of pages ends.
    """
    if pages < 1:
        raise ValueError(f"pages must be at least 1, not {pages}")
    result: list[_Page] = []
    for document_seed in _document_seeds(seed):
        result += _layout(sample_text(document_seed), fonts)
        if len(result) >= pages:
            break
    return result[:pages]
