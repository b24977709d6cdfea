"""Working days (ngày làm việc) for deadline arithmetic.

Deadlines in the regulations count working days, not calendar days: Nghị định 30/2020
gives a clerk "the same day, at the latest the next working day" to register an incoming
document. Public agencies work Monday to Friday; the exceptions are `CalendarDay` rows:
a holiday or Tết day off on a weekday (is_working=False), or a weekend day worked in
exchange for a bridged weekday (làm bù, is_working=True). Rows without an agency hold for
every agency; an agency's own row for the same date wins over the national one, because an
agency may have its own local holiday or work through a national one.

The dates change every year by Government decision, so they are data, not code:
`data/holidays.toml` ships the known years (loaded by migration 0002) and operators add
each new year with `congso load_calendar FILE` (see docs/workflow.md).
"""

import datetime
import re
import tomllib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils.translation import gettext as _

from congso.core.text import nfc
from congso.workflow.models import CalendarDay

# Legal days are Vietnamese days, whatever the server's or the request's time zone.
VIETNAM_TZ = ZoneInfo("Asia/Ho_Chi_Minh")
HOLIDAYS_FILE = Path(__file__).resolve().parent / "data" / "holidays.toml"

_ONE_DAY = datetime.timedelta(days=1)
# Rows are read a window at a time: two months cover Tết plus the usual short deadlines
# in one query, and a long deadline widens the window instead of adding queries.
_MIN_WINDOW_DAYS = 62
# No agency is closed for a year: past this, the calendar data is wrong, and looping on
# would hang the request instead of reporting it.
_MAX_DAYS_WITHOUT_WORK = 366
_NAME_MAX_LENGTH = 150  # CalendarDay.name
# A span longer than this is almost surely a typo in a year (2026-02-14 to 2027-02-22).
_MAX_SPAN_DAYS = 31


# Reading the calendar ------------------------------------------------------------------


def _exceptions(
    first: datetime.date, last: datetime.date, agency_id: int | None
) -> dict[datetime.date, bool]:
    """Whether each exceptional day in [first, last] is worked, in one query.

    National rows are read first and the agency's own rows laid over them, so that the
    agency's decision wins on a date both speak of.
    """
    national: dict[datetime.date, bool] = {}
    own: dict[datetime.date, bool] = {}
    rows = (
        CalendarDay.objects.for_agency(agency_id)
        .filter(date__range=(first, last))
        .values_list("date", "agency_id", "is_working")
    )
    for day, row_agency, is_working in rows:
        (national if row_agency is None else own)[day] = is_working
    return national | own


def _is_working(day: datetime.date, exceptions: dict[datetime.date, bool]) -> bool:
    return exceptions.get(day, day.weekday() < 5)  # Monday=0 … Friday=4


def _working_days_from(
    first: datetime.date, agency_id: int | None, *, window: int = _MIN_WINDOW_DAYS
) -> Iterator[datetime.date]:
    """The working days from `first` on (inclusive), reading rows one window at a time."""
    window = max(window, _MIN_WINDOW_DAYS)
    start = first
    last_working = first - _ONE_DAY
    while True:
        end = start + datetime.timedelta(days=window - 1)
        exceptions = _exceptions(start, end, agency_id)
        day = start
        while day <= end:
            if _is_working(day, exceptions):
                last_working = day
                yield day
            elif (day - last_working).days > _MAX_DAYS_WITHOUT_WORK:
                raise ValueError(
                    f"no working day between {first} and {day}: check the CalendarDay rows"
                )
            day += _ONE_DAY
        start = end + _ONE_DAY


def is_working_day(day: datetime.date, *, agency_id: int | None = None) -> bool:
    """True if the agency works on `day`: Monday–Friday unless a CalendarDay row says
    otherwise (the agency's own row before the national one)."""
    return _is_working(day, _exceptions(day, day, agency_id))


def add_working_days(
    start: datetime.date, days: int, *, agency_id: int | None = None
) -> datetime.date:
    """The date `days` working days after `start`, which itself does not count.

    Friday + 1 is Monday, and a day before Tết + 1 is the first working day after it.
    With days=0, `start` if it is a working day, else the next one: the earliest day on
    which something received on `start` can be handled. Deadlines only run forward, so a
    negative `days` is refused.
    """
    if days < 0:
        raise ValueError("days must not be negative")
    if days == 0:
        return next(_working_days_from(start, agency_id))
    working = _working_days_from(start + _ONE_DAY, agency_id, window=days * 2 + 14)
    return next(islice(working, days - 1, None))


def next_working_day(day: datetime.date, *, agency_id: int | None = None) -> datetime.date:
    """The first working day strictly after `day`."""
    return add_working_days(day, 1, agency_id=agency_id)


def working_days_between(
    start: datetime.date, end: datetime.date, *, agency_id: int | None = None
) -> int:
    """How many working days lie after `start`, up to and including `end`.

    So that `add_working_days(start, n)` lands on `end` when the result is n and `end` is
    a working day. When `end` is before `start`, the count from `end` to `start`, negated:
    a deadline passed two working days ago gives -2.
    """
    if end < start:
        return -working_days_between(end, start, agency_id=agency_id)
    if end == start:
        return 0
    first = start + _ONE_DAY
    exceptions = _exceptions(first, end, agency_id)
    return sum(
        _is_working(first + datetime.timedelta(days=offset), exceptions)
        for offset in range((end - first).days + 1)
    )


def register_due(
    received: datetime.datetime, *, urgent: bool, agency_id: int | None = None
) -> datetime.date:
    """The last day on which an incoming document may be registered and passed on.

    Nghị định 30/2020/NĐ-CP (Điều 4, 18 and 23): documents are registered, submitted and
    transferred the same day, at the latest the next working day; urgent ones (Khẩn,
    Thượng khẩn, Hỏa tốc) immediately on receipt, i.e. the same day. The day is the
    Vietnamese date of `received` (an aware datetime). A document received on a day off
    is due the next working day, urgent or not.
    """
    if received.tzinfo is None:
        raise ValueError("received must be an aware datetime")
    day = received.astimezone(VIETNAM_TZ).date()
    if urgent:
        return add_working_days(day, 0, agency_id=agency_id)
    return next_working_day(day, agency_id=agency_id)


# Loading calendar files ----------------------------------------------------------------


class CalendarFileError(ValueError):
    """A calendar file that cannot be loaded; the message (Vietnamese) says where."""


@dataclass(frozen=True)
class DayEntry:
    """One day of a calendar file: a day off, or (is_working) a weekend day worked."""

    date: datetime.date
    name: str
    is_working: bool


@dataclass
class LoadResult:
    created: list[DayEntry] = field(default_factory=list)
    updated: list[DayEntry] = field(default_factory=list)
    unchanged: list[DayEntry] = field(default_factory=list)


_ENTRY_KEYS = {"date", "from", "to", "name", "working"}
_YEAR_KEYS = {"source", "days"}
_TOML_POSITION = re.compile(r"\(at line (\d+), column (\d+)\)")


def _is_plain_date(value: object) -> bool:
    # TOML datetimes are datetime.datetime, itself a subclass of date: a time of day
    # in a calendar file is a mistake.
    return isinstance(value, datetime.date) and not isinstance(value, datetime.datetime)


def _entry_label(year: str, number: int, entry: dict[str, Any]) -> str:
    shown = entry.get("date") or entry.get("from") or entry.get("name")
    if shown is None:
        return _("Mục thứ %(number)d của năm %(year)s") % {"number": number, "year": year}
    return _("Mục thứ %(number)d của năm %(year)s (%(shown)s)") % {
        "number": number,
        "year": year,
        "shown": shown,
    }


def _parse_entry(year: str, number: int, entry: object) -> list[DayEntry]:
    if not isinstance(entry, dict):
        raise CalendarFileError(
            _('Mục thứ %(number)d của năm %(year)s phải có dạng { date = …, name = "…" }.')
            % {"number": number, "year": year}
        )
    where = _entry_label(year, number, entry)
    unknown = sorted(set(entry) - _ENTRY_KEYS)
    if unknown:
        raise CalendarFileError(
            _("%(where)s: khóa không hợp lệ %(keys)s (chỉ dùng date, from, to, name, working).")
            % {"where": where, "keys": ", ".join(unknown)}
        )
    name = entry.get("name")
    if not isinstance(name, str) or not name.strip():
        raise CalendarFileError(_("%(where)s: thiếu tên ngày (name).") % {"where": where})
    name = nfc(" ".join(name.split()))
    if len(name) > _NAME_MAX_LENGTH:
        raise CalendarFileError(
            _("%(where)s: tên ngày dài quá %(max)d ký tự.")
            % {"where": where, "max": _NAME_MAX_LENGTH}
        )
    is_working = entry.get("working", False)
    if not isinstance(is_working, bool):
        raise CalendarFileError(_("%(where)s: working phải là true hoặc false.") % {"where": where})
    if "date" in entry:
        if "from" in entry or "to" in entry:
            raise CalendarFileError(
                _(
                    "%(where)s: dùng date cho một ngày, hoặc from và to cho nhiều ngày, "
                    "không dùng cả hai."
                )
                % {"where": where}
            )
        first = last = entry["date"]
    elif "from" in entry and "to" in entry:
        first, last = entry["from"], entry["to"]
    else:
        raise CalendarFileError(
            _("%(where)s: thiếu ngày (date, hoặc from và to).") % {"where": where}
        )
    if not (_is_plain_date(first) and _is_plain_date(last)):
        raise CalendarFileError(
            _(
                "%(where)s: ngày phải viết dạng NĂM-THÁNG-NGÀY, không có giờ và không có "
                "dấu nháy, ví dụ 2026-02-16."
            )
            % {"where": where}
        )
    if str(first.year) != year or str(last.year) != year:
        raise CalendarFileError(
            _("%(where)s: ngày không thuộc năm %(year)s.") % {"where": where, "year": year}
        )
    if last < first or (last - first).days >= _MAX_SPAN_DAYS:
        raise CalendarFileError(
            _(
                "%(where)s: khoảng ngày from–to không hợp lệ (to phải từ from trở đi, "
                "tối đa %(max)d ngày)."
            )
            % {"where": where, "max": _MAX_SPAN_DAYS}
        )
    span = (last - first).days + 1
    return [
        DayEntry(date=first + datetime.timedelta(days=offset), name=name, is_working=is_working)
        for offset in range(span)
    ]


def parse_calendar(text: str) -> list[DayEntry]:
    """The days of a calendar file (format: data/holidays.toml), sorted by date.

    Everything is checked before anything is loaded, so that a typo never leaves half a
    year in the database; the error names the line (syntax) or the entry (content).
    """
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        position = _TOML_POSITION.search(str(error))
        if position is None:
            raise CalendarFileError(
                _("Tệp không đúng cú pháp TOML: %(error)s.") % {"error": error}
            ) from error
        raise CalendarFileError(
            _("Tệp không đúng cú pháp TOML ở dòng %(line)s, cột %(column)s: %(error)s.")
            % {
                "line": position[1],
                "column": position[2],
                "error": _TOML_POSITION.sub("", str(error)).strip(),
            }
        ) from error
    days: dict[datetime.date, DayEntry] = {}
    for year, section in data.items():
        if not (re.fullmatch(r"\d{4}", year) and isinstance(section, dict)):
            raise CalendarFileError(
                _("Mục [%(key)s] không hợp lệ: mỗi năm là một bảng [NĂM], ví dụ [2027].")
                % {"key": year}
            )
        unknown = sorted(set(section) - _YEAR_KEYS)
        if unknown:
            raise CalendarFileError(
                _("Năm %(year)s: khóa không hợp lệ %(keys)s (chỉ dùng source, days).")
                % {"year": year, "keys": ", ".join(unknown)}
            )
        entries = section.get("days")
        if not isinstance(entries, list):
            raise CalendarFileError(
                _("Năm %(year)s: thiếu danh sách days = [ … ].") % {"year": year}
            )
        for number, entry in enumerate(entries, start=1):
            for day in _parse_entry(year, number, entry):
                if day.date in days:
                    raise CalendarFileError(
                        _("%(where)s: ngày %(date)s đã có ở một mục khác (%(other)s).")
                        % {
                            "where": _entry_label(year, number, entry),
                            "date": f"{day.date:%d/%m/%Y}",
                            "other": days[day.date].name,
                        }
                    )
                days[day.date] = day
    return sorted(days.values(), key=lambda day: day.date)


def read_calendar_file(path: Path) -> list[DayEntry]:
    """The days of a calendar file on disk; see `parse_calendar`."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise CalendarFileError(
            _("Không đọc được tệp %(path)s: %(error)s") % {"path": path, "error": error}
        ) from error
    try:
        return parse_calendar(text)
    except CalendarFileError as error:
        raise CalendarFileError(f"{path}: {error}") from error


@transaction.atomic
def load_days(
    model: type[CalendarDay], days: Iterable[DayEntry], *, agency_id: int | None
) -> LoadResult:
    """Create or update the rows of one scope (national, or one agency) for these days.

    `model` is a parameter so that data migrations can pass their historical model.
    Idempotent; rows of other dates are kept, since an operator may have added them in
    the admin. Reference data published by the Government rather than a user's change,
    so it is not audited (changes in the admin are).
    """
    result = LoadResult()
    days = list(days)
    rows = model.objects.filter(date__in=[day.date for day in days])
    if agency_id is None:
        rows = rows.filter(agency__isnull=True)
    else:
        rows = rows.filter(agency_id=agency_id)
    existing = {row.date: row for row in rows}
    fresh = []
    for day in days:
        row = existing.get(day.date)
        if row is None:
            fresh.append(
                model(agency_id=agency_id, date=day.date, name=day.name, is_working=day.is_working)
            )
            result.created.append(day)
        elif (row.name, row.is_working) != (day.name, day.is_working):
            row.name, row.is_working = day.name, day.is_working
            row.save(update_fields=["name", "is_working"])
            result.updated.append(day)
        else:
            result.unchanged.append(day)
    model.objects.bulk_create(fresh)
    return result
