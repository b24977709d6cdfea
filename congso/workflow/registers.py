"""The incoming and outgoing registers (sổ đăng ký văn bản đến, đi) of Nghị định
30/2020, Phụ lục IV: their rows, read from the documents a person may see, and the same
register as a spreadsheet (XLSX) or as the printed book the clerk binds each year
(PDF, Điều 16 and 22).

Reads only: nothing here writes to the database. Rows are tuples of cells in the order
of the decree's columns; a cell is text, a whole number, a date or None (blank).
"""

import datetime
import functools
import html
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.db.models import Prefetch, Q
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from congso.core.text import fold
from congso.org.models import Agency, User
from congso.workflow.models import Assignment, Dispatch, IncomingDocument, OutgoingDocument

Cell = str | int | datetime.date | None
Row = tuple[Cell, ...]

PAGE_SIZE = 50


@dataclass(frozen=True)
class Column:
    title: Promise
    width: float  # in characters, as a spreadsheet counts them; the PDF keeps the ratios


# Phụ lục IV, in the decree's order and words.
INCOMING_COLUMNS = (
    Column(gettext_lazy("Ngày đến"), 13),
    Column(gettext_lazy("Số đến"), 7),
    Column(gettext_lazy("Tác giả"), 20),
    Column(gettext_lazy("Số, ký hiệu văn bản"), 16),
    Column(gettext_lazy("Ngày tháng văn bản"), 13),
    Column(gettext_lazy("Tên loại và trích yếu nội dung"), 36),
    Column(gettext_lazy("Đơn vị hoặc người nhận"), 22),
    Column(gettext_lazy("Ngày chuyển"), 13),
    Column(gettext_lazy("Ký nhận"), 10),
    Column(gettext_lazy("Ghi chú"), 16),
)
OUTGOING_COLUMNS = (
    Column(gettext_lazy("Số, ký hiệu văn bản"), 16),
    Column(gettext_lazy("Ngày tháng văn bản"), 13),
    Column(gettext_lazy("Tên loại và trích yếu nội dung"), 36),
    Column(gettext_lazy("Người ký"), 18),
    Column(gettext_lazy("Nơi nhận văn bản"), 24),
    Column(gettext_lazy("Đơn vị, người nhận bản lưu"), 18),
    Column(gettext_lazy("Số lượng bản"), 8),
    Column(gettext_lazy("Ngày chuyển"), 13),
    Column(gettext_lazy("Ký nhận"), 10),
    Column(gettext_lazy("Ghi chú"), 16),
)


@dataclass(frozen=True)
class Register:
    """One register of one agency and year (and series, for outgoing documents)."""

    incoming: bool
    agency: str
    year: int
    series: str  # the series' label; empty for the incoming register
    rows: Sequence[Row]

    @property
    def columns(self) -> tuple[Column, ...]:
        return INCOMING_COLUMNS if self.incoming else OUTGOING_COLUMNS

    @property
    def title(self) -> str:
        return _("SỔ ĐĂNG KÝ VĂN BẢN ĐẾN") if self.incoming else _("SỔ ĐĂNG KÝ VĂN BẢN ĐI")

    @property
    def subtitle(self) -> str:
        """The year (and series) line under the title."""
        if self.series:
            return _("Năm %(year)s, %(series)s") % {"year": self.year, "series": self.series}
        return _("Năm %(year)s") % {"year": self.year}

    def text_rows(self) -> list[list[str]]:
        return [[as_text(cell) for cell in row] for row in self.rows]

    def filename(self, extension: str, series_key: str = "") -> str:
        name = f"so-van-ban-{'den' if self.incoming else 'di'}-{self.year}"
        if series_key and series_key != "admin":
            name += f"-{slugify(fold(series_key))}"
        return f"{name}.{extension}"


def as_text(cell: Cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, datetime.date):
        return f"{cell:%d/%m/%Y}"
    return str(cell)


def _local_date(moment: datetime.datetime | None) -> datetime.date | None:
    return timezone.localdate(moment) if moment else None


def _own_agency(queryset: Any, user: User) -> Any:
    # A register is one agency's book: an operator who works in an agency sees its own.
    return queryset.filter(agency_id=user.active_agency_id) if user.active_agency_id else queryset


def _contains(text: str, *fields: str) -> Q:
    """Any of the fields contains the text, whatever the case of its Vietnamese letters.

    Not `icontains`: SQLite's LIKE folds the case of ASCII letters only ("SẮM" would
    miss "sắm"), while Django runs SQLite's REGEXP with Python's Unicode-aware `re`;
    PostgreSQL's `~*` folds case as the database's locale does, as UPPER() would."""
    pattern = re.escape(text)
    condition = Q()
    for field in fields:
        condition |= Q(**{f"{field}__iregex": pattern})
    return condition


# --- Incoming register -----------------------------------------------------------


def incoming_documents(
    user: User,
    *,
    year: int,
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
    q: str = "",
    state: str = "",
) -> Any:
    """The lines of the incoming register `user` may see, in number order.

    Secret documents follow `IncomingDocument.objects.visible_to`; assignments come in
    one extra query whatever the number of rows."""
    documents = IncomingDocument.objects.visible_to(user).registered().filter(year=year)
    if date_from:
        documents = documents.filter(received_at__date__gte=date_from)
    if date_to:
        documents = documents.filter(received_at__date__lte=date_to)
    if q:
        documents = documents.filter(
            _contains(q, "number_symbol", "sender", "doc_type", "abstract")
        )
    if state:
        documents = documents.filter(state=state)
    assignments = Assignment.objects.select_related("user", "unit").order_by("assigned_at", "pk")
    return (
        _own_agency(documents, user)
        .prefetch_related(Prefetch("assignments", queryset=assignments))
        .order_by("number")
    )


def incoming_row(document: IncomingDocument) -> Row:
    # Only first-level assignments are the register's transfers: a unit head passing the
    # document on inside the unit is handling (sổ theo dõi giải quyết), not a new line.
    transfers = [a for a in document.assignments.all() if a.parent_id is None]
    handlers = [
        a.handler_label
        for a in transfers
        if a.role in (Assignment.Role.LEAD, Assignment.Role.COORDINATE)
    ]
    notes = [document.get_urgency_display(), document.get_secrecy_display()]
    if document.state in (IncomingDocument.State.RETURNED, IncomingDocument.State.RECALLED):
        notes.append(document.get_state_display())
    notes.append(document.note)
    return (
        _local_date(document.received_at),
        document.number,
        document.sender,
        document.number_symbol,
        document.doc_date,
        f"{document.doc_type} {document.abstract}".strip(),
        "; ".join(dict.fromkeys(handlers)),
        _local_date(transfers[0].assigned_at) if transfers else None,
        "",  # Ký nhận: signed on the printed book
        "; ".join(n for n in notes if n),
    )


def incoming_register(
    agency: Agency | None, year: int, documents: Iterable[IncomingDocument]
) -> Register:
    return Register(
        incoming=True,
        agency=agency.name if agency else "",
        year=year,
        series="",
        rows=[incoming_row(d) for d in documents],
    )


# --- Outgoing register -----------------------------------------------------------


def series_label(key: str) -> str:
    if key == "admin":
        return _("Văn bản hành chính")
    if key == "secret":
        return _("Văn bản mật")
    if key.startswith("vbqppl:"):
        return _("Văn bản quy phạm pháp luật: %(type)s") % {"type": key.removeprefix("vbqppl:")}
    return key


def series_choices(user: User, year: int) -> list[tuple[str, str]]:
    """The series with documents `user` may see in the year; the administrative one always."""
    used = set(
        _own_agency(OutgoingDocument.objects.visible_to(user).issued(), user)
        .filter(year=year)
        .order_by()
        .values_list("series", flat=True)
        .distinct()
    )
    keys = ["admin", *sorted(used - {"admin", ""}, key=lambda k: (k != "secret", k))]
    return [(key, series_label(key)) for key in keys]


def outgoing_documents(
    user: User,
    *,
    year: int,
    series: str = "admin",
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
    q: str = "",
) -> Any:
    """The lines of one outgoing series `user` may see, in number order, with their
    signer, drafting unit and recipients (one extra query whatever the number of rows)."""
    documents = OutgoingDocument.objects.visible_to(user).issued().filter(year=year, series=series)
    if date_from:
        documents = documents.filter(issued_date__gte=date_from)
    if date_to:
        documents = documents.filter(issued_date__lte=date_to)
    if q:
        documents = documents.filter(_contains(q, "number_symbol", "doc_type", "abstract"))
    dispatches = Dispatch.objects.select_related("unit", "agency").order_by("sent_at", "pk")
    return (
        _own_agency(documents, user)
        .select_related("signer", "unit")
        .prefetch_related(Prefetch("dispatches", queryset=dispatches))
        .order_by("number")
    )


def outgoing_row(document: OutgoingDocument) -> Row:
    dispatches = list(document.dispatches.all())
    notes = [document.get_urgency_display(), document.get_secrecy_display()]
    if document.state == OutgoingDocument.State.RECALLED:
        notes.append(
            _("Đã thu hồi: %(reason)s") % {"reason": document.recall_reason}
            if document.recall_reason
            else document.get_state_display()
        )
    notes.append(document.note)
    return (
        document.number_symbol,
        document.issued_date,
        f"{document.doc_type} {document.abstract}".strip(),
        str(document.signer) if document.signer else "",
        "; ".join(str(d) for d in dispatches),
        str(document.unit) if document.unit else "",
        document.copies,
        _local_date(dispatches[0].sent_at) if dispatches else None,
        "",  # Ký nhận: signed on the printed book
        "; ".join(n for n in notes if n),
    )


def outgoing_register(
    agency: Agency | None, year: int, series: str, documents: Iterable[OutgoingDocument]
) -> Register:
    return Register(
        incoming=False,
        agency=agency.name if agency else "",
        year=year,
        series=series_label(series),
        rows=[outgoing_row(d) for d in documents],
    )


# --- Spreadsheet -----------------------------------------------------------------

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def to_xlsx(register: Register) -> bytes:
    """The register as one worksheet: its title, a bold header row, then one line per
    document with real dates and numbers, ready to print on A4 landscape."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    sheet.title = _("Năm %(year)s") % {"year": register.year}
    last = len(register.columns)
    for line, (text, size) in enumerate(
        [(register.title, 14), (register.agency, 12), (register.subtitle, 12)], start=1
    ):
        cell = sheet.cell(row=line, column=1, value=text)
        cell.font = Font(bold=line == 1, size=size)
        cell.alignment = Alignment(horizontal="center")
        sheet.merge_cells(start_row=line, start_column=1, end_row=line, end_column=last)
    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    wrap = Alignment(wrap_text=True, vertical="top")
    header = 5
    for number, column in enumerate(register.columns, start=1):
        cell = sheet.cell(row=header, column=number, value=str(column.title))
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, horizontal="center", vertical="center")
        cell.border = border
        sheet.column_dimensions[get_column_letter(number)].width = column.width
    for line, row in enumerate(register.rows, start=header + 1):
        for number, value in enumerate(row, start=1):
            cell = sheet.cell(row=line, column=number, value=value)
            cell.alignment, cell.border = wrap, border
            if isinstance(value, datetime.date):
                cell.number_format = "DD/MM/YYYY"
    sheet.freeze_panes = sheet.cell(row=header + 1, column=1)
    sheet.print_title_rows = f"{header}:{header}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()


# --- Printed book ----------------------------------------------------------------

# fonts-dejavu-core on Debian and Ubuntu; the same files under other names elsewhere.
FONT_FILES = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf")
FONT_DIRS = (
    Path("/usr/share/fonts"),
    Path("/usr/local/share/fonts"),
    Path.home() / ".local/share/fonts",
    Path.home() / ".fonts",
)


@functools.cache
def _fonts() -> tuple[str, str]:
    """Register DejaVu Sans (regular, bold) with reportlab; their names there.

    The PDF needs a TrueType font with the Vietnamese letters: reportlab's built-in
    Helvetica has none of them. Raises ImproperlyConfigured when the files are missing."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    found: dict[str, Path] = {}
    for directory in FONT_DIRS:
        if directory.is_dir():
            for path in sorted(directory.rglob("DejaVuSans*.ttf")):
                found.setdefault(path.name, path)
    missing = [name for name in FONT_FILES if name not in found]
    if missing:
        raise ImproperlyConfigured(
            f"The printed registers need the fonts {', '.join(missing)}, which were not "
            f"found under {', '.join(str(d) for d in FONT_DIRS)}. Install them "
            "(Debian, Ubuntu: apt-get install fonts-dejavu-core)."
        )
    names = []
    for file_name in FONT_FILES:
        name = f"CongSo-{Path(file_name).stem}"
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, str(found[file_name])))
        names.append(name)
    return names[0], names[1]


def to_pdf(register: Register) -> bytes:
    """The register as the clerk prints and binds it: A4 landscape, the title, the
    decree's columns repeated at the top of every page, numbered pages."""
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    regular, bold = _fonts()
    output = io.BytesIO()
    page_size = landscape(A4)
    book = SimpleDocTemplate(
        output,
        pagesize=page_size,
        leftMargin=20 * mm,
        rightMargin=12 * mm,
        topMargin=15 * mm,
        bottomMargin=15 * mm,
        title=f"{register.title} – {register.subtitle}",
        author=register.agency,
    )
    cell = ParagraphStyle("cell", fontName=regular, fontSize=8, leading=10)
    head = ParagraphStyle("head", parent=cell, fontName=bold, alignment=TA_CENTER)
    title = ParagraphStyle("title", fontName=bold, fontSize=15, leading=20, alignment=TA_CENTER)
    line = ParagraphStyle("line", fontName=regular, fontSize=11, leading=15, alignment=TA_CENTER)

    def paragraph(text: str, style: ParagraphStyle) -> Paragraph:
        return Paragraph(html.escape(text).replace("\n", "<br/>"), style)

    total = sum(c.width for c in register.columns)
    table = Table(
        [
            [paragraph(str(c.title), head) for c in register.columns],
            *([paragraph(text, cell) for text in row] for row in register.text_rows()),
        ],
        colWidths=[book.width * c.width / total for c in register.columns],
        repeatRows=1,
    )
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 4),
                ("RIGHTPADDING", (0, 0), (-1, -1), 4),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e6e6e6")),
            ]
        )
    )
    story: list[Any] = [
        paragraph(register.agency, line),
        paragraph(register.title, title),
        paragraph(register.subtitle, line),
        Spacer(1, 6 * mm),
        table,
    ]
    if not register.rows:
        story += [Spacer(1, 4 * mm), paragraph(_("Sổ chưa có văn bản nào."), line)]

    def number_page(canvas: Any, document: Any) -> None:
        canvas.saveState()
        canvas.setFont(regular, 9)
        canvas.drawCentredString(
            page_size[0] / 2, 8 * mm, _("Trang %(number)s") % {"number": document.page}
        )
        canvas.restoreState()

    book.build(story, onFirstPage=number_page, onLaterPages=number_page)
    return output.getvalue()
