"""Notices in the platform, their e-mails, and deadline reminders."""

import datetime
import uuid
from collections.abc import Iterable

from django.conf import settings
from django.core.mail import send_mail
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from congso.core.tasks import enqueue
from congso.org.models import Role, Unit, User
from congso.workflow import calendar, tasks
from congso.workflow.models import Assignment, Notice


def people_with_role(*, agency_id: int, role: str, unit: Unit | None = None) -> QuerySet[User]:
    """Active staff holding `role` in the agency now (by post or delegation), in the
    unit if given."""
    today = timezone.localdate()
    current = Q(posts__starts_on__lte=today) & (
        Q(posts__ends_on__isnull=True) | Q(posts__ends_on__gte=today)
    )
    by_post = Q(posts__agency_id=agency_id, posts__roles__code=role) & current
    if unit is not None:
        by_post &= Q(posts__unit=unit)
    now = timezone.now()
    by_delegation = Q(
        delegations_received__agency_id=agency_id,
        delegations_received__roles__code=role,
        delegations_received__starts_at__lte=now,
        delegations_received__ends_at__gt=now,
        delegations_received__revoked_at__isnull=True,
    )
    if unit is not None:
        by_delegation &= Q(delegations_received__delegator__posts__unit=unit)
    return User.objects.filter(by_post | by_delegation, is_active=True).distinct()


def handlers_of(assignment: Assignment) -> list[User]:
    """Who must act on an assignment: its person, or the heads of its unit."""
    if assignment.user_id:
        return [assignment.user] if assignment.user else []
    if assignment.unit is None:  # the model's check constraint forbids it
        return []
    return list(
        people_with_role(
            agency_id=assignment.unit.agency_id, role=Role.Code.UNIT_HEAD, unit=assignment.unit
        )
    )


def notify(*, users: Iterable[User], text: str, url: str = "", key: str = "") -> int:
    """Leave a notice for each person, and mail it to those with an address. A notice
    with the same key is never given twice to one person. Returns how many were new."""
    key = key or uuid.uuid4().hex
    created = 0
    for user in {user.pk: user for user in users}.values():
        notice, new = Notice.objects.get_or_create(
            user=user, key=key, defaults={"text": text[:500], "url": url}
        )
        if new:
            created += 1
            if user.email:
                enqueue(tasks.mail_notice, notice.pk)
    return created


def remind_deadlines(*, today: datetime.date | None = None) -> int:
    """Remind handlers of open assignments due by the next working day, and tell them
    and whoever assigned them when one is overdue. Runs daily (Celery beat or
    `congso remind_deadlines`); safe to run twice a day. Returns notices given."""
    today = today or timezone.localdate()
    given = 0
    open_items = Assignment.objects.open().filter(
        deadline__isnull=False, role__in=[Assignment.Role.LEAD, Assignment.Role.COORDINATE]
    )
    for assignment in open_items.select_related("incoming", "unit", "user", "assigned_by"):
        if assignment.deadline is None:  # filtered out above
            continue
        agency_id = assignment.incoming.agency_id
        url = assignment.incoming.get_absolute_url()
        label = str(assignment.incoming)
        if assignment.deadline < today:
            text = _("Quá hạn xử lý: %(item)s (hạn %(deadline)s).") % {
                "item": label,
                "deadline": f"{assignment.deadline:%d/%m/%Y}",
            }
            people = [*handlers_of(assignment), assignment.assigned_by]
            given += notify(users=people, text=text, url=url, key=f"overdue:{assignment.pk}")
        elif assignment.deadline <= calendar.next_working_day(today, agency_id=agency_id):
            text = _("Sắp đến hạn xử lý: %(item)s (hạn %(deadline)s).") % {
                "item": label,
                "deadline": f"{assignment.deadline:%d/%m/%Y}",
            }
            given += notify(
                users=handlers_of(assignment), text=text, url=url, key=f"due:{assignment.pk}"
            )
    return given


def mark_read(*, user: User, notice_ids: Iterable[int] | None = None) -> int:
    """Mark the person's notices (all, or those named) as read."""
    notices = Notice.objects.filter(user=user).unread()
    if notice_ids is not None:
        notices = notices.filter(pk__in=list(notice_ids))
    return notices.update(read_at=timezone.now())


def mail_notice(*, notice_id: int) -> None:
    """Mail one notice to its person, with a link back to the platform."""
    notice = Notice.objects.select_related("user").filter(pk=notice_id).first()
    if notice is None or not notice.user.email:
        return
    link = f"{settings.SITE_URL}{notice.url}" if notice.url else ""
    send_mail(
        _("[Công sở số] %(text)s") % {"text": notice.text[:120]},
        f"{notice.text}\n\n{link}".strip(),
        None,
        [notice.user.email],
    )
