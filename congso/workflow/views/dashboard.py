"""The workflow's home page (what waits for me and my unit, the agency's overdue work,
the monthly throughput) and the person's notices."""

from dataclasses import dataclass

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from congso.core.http import AuthenticatedHttpRequest
from congso.org.decorators import staff_required
from congso.workflow import dashboards, services
from congso.workflow.models import Notice

NOTICES_PER_PAGE = 30

# The chart's drawing area, in SVG user units; the CSS scales it to the page width.
_WIDTH, _HEIGHT = 720, 260
_LEFT, _RIGHT, _TOP, _BOTTOM = 40, 10, 16, 40
_BAR, _GAP = 12, 2


@dataclass(frozen=True)
class Bar:
    x: int
    y: int
    width: int
    height: int
    series: str
    title: str


@dataclass(frozen=True)
class Tick:
    x: int
    y: int
    text: str


@dataclass(frozen=True)
class Chart:
    """Bars and labels of the throughput chart, computed here so that the template
    only places them."""

    width: int
    height: int
    baseline: int
    left: int
    right: int
    top: int
    most: int
    bars: list[Bar]
    months: list[Tick]


def _chart(rows: list[dashboards.Month]) -> Chart:
    series = [
        ("registered", _("Văn bản đến vào sổ")),
        ("finished", _("Văn bản đến xử lý xong")),
        ("issued", _("Văn bản đi phát hành")),
    ]
    most = max([1, *(getattr(row, name) for row in rows for name, _label in series)])
    plot = _HEIGHT - _TOP - _BOTTOM
    slot = (_WIDTH - _LEFT - _RIGHT) // max(len(rows), 1)
    group = len(series) * (_BAR + _GAP) - _GAP
    bars, months = [], []
    for index, row in enumerate(rows):
        start = _LEFT + index * slot + (slot - group) // 2
        for position, (name, label) in enumerate(series):
            value = getattr(row, name)
            height = round(plot * value / most)
            bars.append(
                Bar(
                    x=start + position * (_BAR + _GAP),
                    y=_TOP + plot - height,
                    width=_BAR,
                    height=height,
                    series=name,
                    title=_("%(series)s tháng %(month)s: %(count)d")
                    % {"series": label, "month": f"{row.month:%m/%Y}", "count": value},
                )
            )
        months.append(
            Tick(
                x=_LEFT + index * slot + slot // 2,
                y=_HEIGHT - _BOTTOM + 16,
                text=f"{row.month:%m/%y}",
            )
        )
    return Chart(
        width=_WIDTH,
        height=_HEIGHT,
        baseline=_TOP + plot,
        left=_LEFT,
        right=_WIDTH - _RIGHT,
        top=_TOP,
        most=most,
        bars=bars,
        months=months,
    )


@staff_required
def dashboard(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    months = dashboards.throughput(user)
    tasks = dashboards.my_tasks(user)
    context = {
        "tasks": tasks,
        "overdue": sum(task.overdue for task in tasks),
        "due_soon": sum(task.due_soon for task in tasks),
        "unit": user.active_post.unit if user.active_post else None,
        "pending": dashboards.unit_pending(user),
        "units": dashboards.overdue_by_unit(user),
        "months": months,
        "chart": _chart(months),
    }
    return render(request, "workflow/dashboard.html", context)


@staff_required
def notices(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The person's notices, newest first; a POST marks one (`notice`) or all read."""
    if request.method == "POST":
        chosen = request.POST.get("notice")
        if chosen is not None and not chosen.isdigit():
            return HttpResponseBadRequest()
        ids = [int(chosen)] if chosen is not None else None
        count = services.mark_read(user=request.user, notice_ids=ids)
        messages.success(
            request,
            ngettext(
                "Đã đánh dấu %(count)d thông báo là đã đọc.",
                "Đã đánh dấu %(count)d thông báo là đã đọc.",
                count,
            )
            % {"count": count},
        )
        return redirect(request.get_full_path())
    mine = Notice.objects.filter(user=request.user)
    page = Paginator(mine, NOTICES_PER_PAGE).get_page(request.GET.get("page"))
    context = {"page": page, "unread": mine.unread().count()}
    return render(request, "workflow/notices.html", context)
