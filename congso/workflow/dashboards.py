"""Read-only figures for the workflow's home page: what waits for the person, what their
unit has open, how far behind each unit of the agency is, and how many documents went
through each month.

Every function takes the person looking and sees only what `visible_to` lets them see.
Deadlines follow the same rule as the reminders (`services.remind_deadlines`): overdue
once the deadline has passed, due soon when it falls on or before the next working day
of the agency's calendar.
"""

import datetime
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, F, Q
from django.db.models.functions import TruncDate, TruncMonth
from django.utils import timezone
from django.utils.translation import gettext as _

from congso.org import access
from congso.org.models import Role, Unit, User
from congso.workflow import calendar
from congso.workflow.models import Assignment, Dispatch, IncomingDocument, OutgoingDocument

# The roles that carry work and a deadline; "để biết" (for information) carries neither.
_WORKING_ROLES = [Assignment.Role.LEAD, Assignment.Role.COORDINATE]


class _Deadlines:
    """Today and the next working day, read once per agency for a whole page."""

    def __init__(self) -> None:
        self.today = timezone.localdate()
        self._soon: dict[int | None, datetime.date] = {}

    def soon(self, agency_id: int | None) -> datetime.date:
        if agency_id not in self._soon:
            self._soon[agency_id] = calendar.next_working_day(self.today, agency_id=agency_id)
        return self._soon[agency_id]

    def flags(self, deadline: datetime.date | None, agency_id: int | None) -> tuple[bool, bool]:
        """(due soon, overdue) for a deadline."""
        if deadline is None:
            return False, False
        if deadline < self.today:
            return False, True
        return deadline <= self.soon(agency_id), False


@dataclass(frozen=True)
class Task:
    """One thing waiting for the person: what to do, on which item, by when."""

    kind: str  # assignment, review, sign, register, issue
    action: str
    title: str
    summary: str
    url: str
    deadline: datetime.date | None
    due_soon: bool
    overdue: bool


def _urgency(task: Task) -> tuple[int, datetime.date]:
    rank = 0 if task.overdue else 1 if task.due_soon else 2
    return rank, task.deadline or datetime.date.max


def my_tasks(user: User) -> list[Task]:
    """What waits for `user`: their open assignments (or their unit's, for its head),
    drafts at a review step whose role they hold, approved drafts for them to sign, and
    for clerks, documents to register and signed documents to issue. Overdue first,
    then due soon, then by deadline."""
    clock = _Deadlines()
    tasks = [
        *_assignments(user, clock),
        *_reviews(user, clock),
        *_signatures(user, clock),
        *_to_acknowledge(user),
    ]
    if access.has_role(user, Role.Code.CLERK):
        tasks += [*_to_register(user, clock), *_to_issue(user)]
    return sorted(tasks, key=_urgency)


def _assignments(user: User, clock: _Deadlines) -> Iterable[Task]:
    assignments = (
        Assignment.objects.visible_to(user).open().for_person(user).select_related("incoming")
    )
    for assignment in assignments:
        item = assignment.incoming
        working = assignment.role in _WORKING_ROLES
        due_soon, overdue = clock.flags(assignment.deadline if working else None, item.agency_id)
        yield Task(
            kind="assignment",
            action=assignment.get_role_display(),
            title=str(item),
            summary=item.abstract,
            url=item.get_absolute_url(),
            deadline=assignment.deadline,
            due_soon=due_soon,
            overdue=overdue,
        )


def _outgoing_task(
    item: OutgoingDocument, kind: str, action: str, clock: _Deadlines | None
) -> Task:
    # A draft has no deadline of its own; one that answers an incoming document is due
    # when that document is.
    deadline = item.reply_to.deadline if item.reply_to else None
    due_soon, overdue = clock.flags(deadline, item.agency_id) if clock else (False, False)
    return Task(
        kind=kind,
        action=action,
        title=str(item),
        summary=item.abstract,
        url=item.get_absolute_url(),
        deadline=deadline,
        due_soon=due_soon,
        overdue=overdue,
    )


def _headed_units(user: User) -> set[int]:
    """Units whose head `user` is now, by post or by an active delegation (the same
    rule as `services.people_with_role` with a unit)."""
    today, now = timezone.localdate(), timezone.now()
    by_post = Unit.objects.filter(
        Q(posts__ends_on__isnull=True) | Q(posts__ends_on__gte=today),
        posts__user=user,
        posts__starts_on__lte=today,
        posts__roles__code=Role.Code.UNIT_HEAD,
    )
    by_delegation = Unit.objects.filter(
        posts__user__delegations_given__delegate=user,
        posts__user__delegations_given__agency_id=F("agency_id"),
        posts__user__delegations_given__roles__code=Role.Code.UNIT_HEAD,
        posts__user__delegations_given__starts_at__lte=now,
        posts__user__delegations_given__ends_at__gt=now,
        posts__user__delegations_given__revoked_at__isnull=True,
    )
    return set(by_post.values_list("pk", flat=True)) | set(
        by_delegation.values_list("pk", flat=True)
    )


def _reviews(user: User, clock: _Deadlines) -> Iterable[Task]:
    if not user.is_active:
        return
    drafts = list(
        OutgoingDocument.objects.visible_to(user)
        .filter(state=OutgoingDocument.State.IN_REVIEW)
        .select_related("reply_to")
    )
    roles = {
        agency_id: access.role_codes(user, agency_id) for agency_id in {d.agency_id for d in drafts}
    }
    headed = _headed_units(user) if drafts else set()
    for item in drafts:
        role = item.current_role
        if role is None or role not in roles[item.agency_id]:
            continue
        # Like `services.reviewers`: the unit-head step belongs to the drafting unit's head.
        if role == Role.Code.UNIT_HEAD and item.unit_id is not None and item.unit_id not in headed:
            continue
        yield _outgoing_task(item, "review", _("Duyệt dự thảo"), clock)


def _signatures(user: User, clock: _Deadlines) -> Iterable[Task]:
    drafts = (
        OutgoingDocument.objects.visible_to(user)
        .filter(state=OutgoingDocument.State.APPROVED, signer=user)
        .select_related("reply_to")
    )
    for item in drafts:
        yield _outgoing_task(item, "sign", _("Ký ban hành"), clock)


def _to_register(user: User, clock: _Deadlines) -> Iterable[Task]:
    received = IncomingDocument.objects.visible_to(user).filter(
        state=IncomingDocument.State.RECEIVED
    )
    for item in received.order_by("register_due", "received_at"):
        due_soon, overdue = clock.flags(item.register_due, item.agency_id)
        yield Task(
            kind="register",
            action=_("Vào sổ văn bản đến"),
            title=item.number_symbol or item.sender,
            summary=item.abstract,
            url=item.get_absolute_url(),
            deadline=item.register_due,
            due_soon=due_soon,
            overdue=overdue,
        )


def _to_acknowledge(user: User) -> Iterable[Task]:
    """Documents the agency sent to the person's unit that nobody there has received."""
    units = user.posts.current().filter(agency_id=user.active_agency_id or 0).values("unit_id")
    dispatches = (
        Dispatch.objects.filter(
            kind=Dispatch.Kind.UNIT,
            unit_id__in=units,
            received_at__isnull=True,
            outgoing__in=OutgoingDocument.objects.visible_to(user).filter(
                state=OutgoingDocument.State.ISSUED
            ),
        )
        .select_related("outgoing__reply_to")
        .order_by("sent_at")
    )
    for dispatch in dispatches:
        yield _outgoing_task(dispatch.outgoing, "acknowledge", _("Nhận văn bản gửi đơn vị"), None)


def _to_issue(user: User) -> Iterable[Task]:
    signed = OutgoingDocument.objects.visible_to(user).filter(state=OutgoingDocument.State.SIGNED)
    for item in signed.select_related("reply_to").order_by("signed_at"):
        yield _outgoing_task(item, "issue", _("Phát hành văn bản đi"), None)


@dataclass(frozen=True)
class PendingItem:
    """An open line of work of the person's unit."""

    assignment: Assignment
    due_soon: bool
    overdue: bool


def unit_pending(user: User) -> list[PendingItem]:
    """The open chủ trì and phối hợp assignments of the unit `user` works in now,
    overdue ones first, then by deadline."""
    post = user.active_post
    if post is None or post.unit_id is None:
        return []
    clock = _Deadlines()
    assignments = (
        Assignment.objects.visible_to(user)
        .open()
        .filter(unit_id=post.unit_id, role__in=_WORKING_ROLES)
        .select_related("incoming", "user", "unit")
        .order_by(F("deadline").asc(nulls_last=True), "assigned_at", "pk")
    )
    items = []
    for assignment in assignments:
        due_soon, overdue = clock.flags(assignment.deadline, post.agency_id)
        items.append(PendingItem(assignment=assignment, due_soon=due_soon, overdue=overdue))
    return sorted(items, key=lambda item: not item.overdue)  # stable: deadlines stay in order


@dataclass(frozen=True)
class UnitLoad:
    """How much one unit has open, and how much of it is late or nearly so."""

    unit: Unit
    open: int
    overdue: int
    due_soon: int


def overdue_by_unit(user: User) -> list[UnitLoad]:
    """For each active unit `user` may see (those of their agency): open chủ trì and
    phối hợp assignments, how many are overdue and how many due by the next working
    day. Units with the most overdue work come first."""
    clock = _Deadlines()
    today, soon = clock.today, clock.soon(user.active_agency_id)
    counts = (
        Assignment.objects.visible_to(user)
        .open()
        .filter(role__in=_WORKING_ROLES, unit__isnull=False)
        .values("unit")
        .annotate(
            open=Count("pk"),
            overdue=Count("pk", filter=Q(deadline__lt=today)),
            due_soon=Count("pk", filter=Q(deadline__gte=today, deadline__lte=soon)),
        )
        .order_by()
    )
    by_unit = {row["unit"]: row for row in counts}
    empty = {"open": 0, "overdue": 0, "due_soon": 0}
    loads = [
        UnitLoad(
            unit=unit,
            open=by_unit.get(unit.pk, empty)["open"],
            overdue=by_unit.get(unit.pk, empty)["overdue"],
            due_soon=by_unit.get(unit.pk, empty)["due_soon"],
        )
        for unit in Unit.objects.visible_to(user).filter(is_active=True)
    ]
    # Stable sort: units with equal counts keep the database's (name) order.
    return sorted(loads, key=lambda load: (-load.overdue, -load.open))


@dataclass(frozen=True)
class Month:
    """What went through the agency in one month."""

    month: datetime.date  # its first day
    registered: int  # incoming documents entered in the register
    finished: int  # incoming documents whose handling ended
    on_time: int  # of those, finished by their deadline
    late: int  # of those, finished after their deadline (the rest had none)
    issued: int  # outgoing documents issued


def _month_starts(today: datetime.date, months: int) -> list[datetime.date]:
    starts = []
    year, month = today.year, today.month
    for _step in range(months):
        starts.append(datetime.date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return starts[::-1]


def _as_date(value: datetime.date | datetime.datetime) -> datetime.date:
    return value.date() if isinstance(value, datetime.datetime) else value


def _per_month(rows: Iterable[dict[str, Any]], key: str = "n") -> Counter[datetime.date]:
    counts: Counter[datetime.date] = Counter()
    for row in rows:
        counts[_as_date(row["month"])] += int(row[key])
    return counts


def throughput(user: User, months: int = 12) -> list[Month]:
    """Month by month, oldest first, over the last `months` months including this one:
    incoming documents registered and finished (on time or late) and outgoing documents
    issued. Months are those of the project's time zone, on SQLite and PostgreSQL alike.
    Four queries, whatever the number of months."""
    tz = timezone.get_default_timezone()
    starts = _month_starts(timezone.localdate(), months)
    since = datetime.datetime.combine(starts[0], datetime.time.min, tzinfo=tz)
    incoming = IncomingDocument.objects.visible_to(user)
    registered = _per_month(
        incoming.filter(registered_at__gte=since)
        .annotate(month=TruncMonth("registered_at", tzinfo=tz))
        .values("month")
        .annotate(n=Count("pk"))
        .order_by()
    )
    finished_rows = list(
        incoming.filter(finished_at__gte=since)
        .annotate(
            month=TruncMonth("finished_at", tzinfo=tz), day=TruncDate("finished_at", tzinfo=tz)
        )
        .values("month")
        .annotate(
            n=Count("pk"),
            on_time=Count("pk", filter=Q(deadline__isnull=False, day__lte=F("deadline"))),
            late=Count("pk", filter=Q(deadline__isnull=False, day__gt=F("deadline"))),
        )
        .order_by()
    )
    issued = _per_month(
        OutgoingDocument.objects.visible_to(user)
        .issued()
        .filter(issued_date__gte=starts[0])
        .annotate(month=TruncMonth("issued_date"))
        .values("month")
        .annotate(n=Count("pk"))
        .order_by()
    )
    finished = _per_month(finished_rows)
    on_time, late = _per_month(finished_rows, "on_time"), _per_month(finished_rows, "late")
    return [
        Month(
            month=start,
            registered=registered[start],
            finished=finished[start],
            on_time=on_time[start],
            late=late[start],
            issued=issued[start],
        )
        for start in starts
    ]
