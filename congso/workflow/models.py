"""The e-office core (Nghị định 30/2020, Điều 14–24): incoming and outgoing documents,
their registers and numbers, assignments, reviews, dispatches, the working-day calendar
and the processes an agency configures.

Definitions (`Process`, `CalendarDay`) are kept apart from running items
(`IncomingDocument`, `Assignment`, `OutgoingDocument`, `Review`, `Dispatch`): a running
item copies its route when it starts, so later changes to a process never move it.
"""

import uuid
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from congso.archive.models import Document, Secrecy, Urgency
from congso.core.models import NormalizedTextModel
from congso.org import access
from congso.org.models import Agency, Role, Unit


class CalendarDayQuerySet(models.QuerySet["CalendarDay"]):
    def for_agency(self, agency_id: int | None) -> "CalendarDayQuerySet":
        """Days for every agency, and the agency's own (its own win, see calendar.py)."""
        return self.filter(Q(agency__isnull=True) | Q(agency_id=agency_id))


class CalendarDay(NormalizedTextModel):
    """An exception to the Monday–Friday week: a public holiday or Tết day off, or a
    weekend day worked in exchange (làm bù). Rows without an agency hold for all."""

    agency = models.ForeignKey(
        Agency, on_delete=models.CASCADE, null=True, blank=True, verbose_name=_("cơ quan")
    )
    date = models.DateField(_("ngày"))
    is_working = models.BooleanField(
        _("ngày làm việc"),
        default=False,
        help_text=_("Đánh dấu nếu đây là ngày cuối tuần phải đi làm bù."),
    )
    name = models.CharField(_("tên ngày"), max_length=150)

    objects = CalendarDayQuerySet.as_manager()

    class Meta:
        ordering = ["date"]
        verbose_name = _("ngày nghỉ, ngày làm bù")
        verbose_name_plural = _("lịch ngày nghỉ, ngày làm bù")
        constraints = [
            models.UniqueConstraint(
                fields=["date"], condition=Q(agency__isnull=True), name="calendar_day_national"
            ),
            models.UniqueConstraint(
                fields=["agency", "date"],
                condition=Q(agency__isnull=False),
                name="calendar_day_per_agency",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} {self.name}"


class NumberSeries(models.Model):
    """The last number given in one register series of one agency for one year.

    Keys (vn-standards §1.5): `incoming`, `admin` (administrative documents), `secret`
    (văn bản mật), `vbqppl:<abbreviation>` (one series per legal normative type).
    """

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    key = models.CharField(max_length=40)
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["agency", "year", "key"], name="series_per_year")
        ]

    def __str__(self) -> str:
        return f"{self.agency_id}/{self.year}/{self.key}: {self.last}"


class Direction(models.TextChoices):
    INCOMING = "incoming", _("Văn bản đến")
    OUTGOING = "outgoing", _("Văn bản đi")


class ProcessQuerySet(models.QuerySet["Process"]):
    def visible_to(self, user: Any) -> "ProcessQuerySet":
        return access.scope_to_agency(self, user)


class Process(NormalizedTextModel):
    """How one kind of document goes through an agency: for outgoing documents the
    approval chain (roles, in order; the last one signs), for incoming ones who directs
    the handling and the usual number of working days to handle it."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, verbose_name=_("cơ quan"))
    name = models.CharField(_("tên quy trình"), max_length=200)
    direction = models.CharField(_("áp dụng cho"), max_length=10, choices=Direction.choices)
    doc_type = models.CharField(
        _("loại văn bản"),
        max_length=100,
        blank=True,
        help_text=_("Để trống: áp dụng cho mọi loại văn bản chưa có quy trình riêng."),
    )
    approval_roles = models.JSONField(_("các bước duyệt"), default=list, blank=True)
    director_role = models.ForeignKey(
        Role,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người chỉ đạo xử lý"),
    )
    handling_days = models.PositiveSmallIntegerField(
        _("thời hạn xử lý (ngày làm việc)"), null=True, blank=True
    )
    is_active = models.BooleanField(_("đang áp dụng"), default=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ProcessQuerySet.as_manager()

    class Meta:
        ordering = ["agency", "direction", "doc_type", "name"]
        verbose_name = _("quy trình")
        verbose_name_plural = _("quy trình")
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "direction", "doc_type"],
                condition=Q(is_active=True),
                name="one_active_process_per_kind",
            )
        ]

    def __str__(self) -> str:
        return self.name


def _sees_all_secrets(user: Any) -> bool:
    """The agency's leaders and clerks see its secret items; others only their own."""
    return bool(user.is_superuser) or access.has_role(user, access.SECRECY_LEAD, Role.Code.CLERK)


def move(item: Any, state: str) -> None:
    """Change an item's state if its model's transition table allows it."""
    if state not in item.TRANSITIONS[item.state]:
        raise ValidationError(
            _("Không thể chuyển văn bản từ “%(old)s” sang “%(new)s”.")
            % {"old": item.get_state_display(), "new": item.State(state).label},
            code="transition",
        )
    item.state = state


class IncomingQuerySet(models.QuerySet["IncomingDocument"]):
    def visible_to(self, user: Any) -> "IncomingQuerySet":
        """The agency's incoming documents; secret ones only for leaders, clerks and
        those assigned to handle them."""
        items = access.scope_to_agency(self, user)
        if user is None or not user.is_authenticated or _sees_all_secrets(user):
            return items
        mine = Assignment.objects.filter(incoming=models.OuterRef("pk")).filter(
            Q(user=user) | Q(unit__posts__user=user)
        )
        return items.filter(Q(secrecy="") | models.Exists(mine))

    def registered(self) -> "IncomingQuerySet":
        return self.filter(number__isnull=False)


class IncomingDocument(NormalizedTextModel):
    """Văn bản đến: a document received by the agency, its place in the incoming
    register (số đến) and the state of its handling."""

    class State(models.TextChoices):
        RECEIVED = "received", _("Chờ vào sổ")
        REGISTERED = "registered", _("Chờ phân công")
        IN_PROGRESS = "in_progress", _("Đang xử lý")
        DONE = "done", _("Đã xử lý xong")
        RETURNED = "returned", _("Đã trả lại nơi gửi")
        RECALLED = "recalled", _("Nơi gửi đã thu hồi")

    TRANSITIONS: dict[str, set[str]] = {
        State.RECEIVED: {State.REGISTERED, State.RETURNED, State.RECALLED},
        State.REGISTERED: {State.IN_PROGRESS, State.RETURNED, State.RECALLED},
        State.IN_PROGRESS: {State.DONE, State.REGISTERED, State.RECALLED},
        State.DONE: {State.IN_PROGRESS, State.RECALLED},
        State.RETURNED: set(),
        State.RECALLED: set(),
    }

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, verbose_name=_("cơ quan"))
    document = models.ForeignKey(
        Document, on_delete=models.PROTECT, related_name="+", verbose_name=_("tệp văn bản")
    )
    state = models.CharField(
        _("trạng thái"), max_length=12, choices=State.choices, default=State.RECEIVED
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    number = models.PositiveIntegerField(_("số đến"), null=True, blank=True)
    received_at = models.DateTimeField(_("ngày đến"))
    register_due = models.DateField(_("hạn vào sổ"))
    registered_at = models.DateTimeField(_("thời điểm vào sổ"), null=True, blank=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người vào sổ"),
    )
    # What the document says of itself (prefilled from the reading step).
    sender = models.CharField(_("tác giả (nơi gửi)"), max_length=300)
    number_symbol = models.CharField(_("số, ký hiệu"), max_length=150, blank=True)
    doc_date = models.DateField(_("ngày tháng văn bản"), null=True, blank=True)
    doc_type = models.CharField(_("tên loại"), max_length=100, blank=True)
    abstract = models.TextField(_("trích yếu"))
    urgency = models.CharField(_("độ khẩn"), max_length=20, choices=Urgency.choices, blank=True)
    secrecy = models.CharField(_("độ mật"), max_length=20, choices=Secrecy.choices, blank=True)
    # Who directs the handling, copied from the agency's process when registered.
    director_role = models.CharField(_("người chỉ đạo xử lý"), max_length=40, blank=True)
    handling_days = models.PositiveSmallIntegerField(null=True, blank=True)
    deadline = models.DateField(_("hạn xử lý"), null=True, blank=True)
    direction_note = models.TextField(_("ý kiến chỉ đạo (bút phê)"), blank=True)
    directed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người chỉ đạo"),
    )
    directed_at = models.DateTimeField(_("thời điểm phân công"), null=True, blank=True)
    finished_at = models.DateTimeField(_("thời điểm xử lý xong"), null=True, blank=True)
    # Set when another agency on this install sent it.
    dispatch = models.OneToOneField(
        "Dispatch", on_delete=models.PROTECT, null=True, blank=True, related_name="incoming"
    )
    note = models.CharField(_("ghi chú"), max_length=500, blank=True)

    objects = IncomingQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "-number", "-received_at"]
        verbose_name = _("văn bản đến")
        verbose_name_plural = _("văn bản đến")
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "year", "number"],
                condition=Q(number__isnull=False),
                name="incoming_number_per_year",
            )
        ]

    def __str__(self) -> str:
        if self.number:
            return _("Văn bản đến số %(number)s/%(year)s") % {
                "number": self.number,
                "year": self.year,
            }
        return self.number_symbol or self.abstract[:60]

    def get_absolute_url(self) -> str:
        return reverse("workflow:incoming-detail", args=[self.uuid])

    def move_to(self, state: str) -> None:
        move(self, state)


class AssignmentQuerySet(models.QuerySet["Assignment"]):
    def visible_to(self, user: Any) -> "AssignmentQuerySet":
        return self.filter(incoming__in=IncomingDocument.objects.visible_to(user))

    def open(self) -> "AssignmentQuerySet":
        return self.filter(state=Assignment.State.OPEN)

    def for_person(self, user: Any) -> "AssignmentQuerySet":
        """Assigned to the person, or to a unit they head and not passed on yet."""
        headed = Unit.objects.filter(
            posts__user=user, posts__roles__code=Role.Code.UNIT_HEAD
        ).values("pk")
        return self.filter(Q(user=user) | Q(user__isnull=True, unit__in=headed))


class Assignment(NormalizedTextModel):
    """One line of a leader's or unit head's direction: who handles the incoming
    document, in which role (chủ trì, phối hợp, để biết), and by when."""

    class Role(models.TextChoices):
        LEAD = "lead", _("Chủ trì")
        COORDINATE = "coordinate", _("Phối hợp")
        INFORM = "inform", _("Để biết")

    class State(models.TextChoices):
        OPEN = "open", _("Đang xử lý")
        DONE = "done", _("Đã xong")
        REASSIGNED = "reassigned", _("Đã giao tiếp")
        RETURNED = "returned", _("Đã trả lại")
        RECALLED = "recalled", _("Đã thu hồi")

    incoming = models.ForeignKey(
        IncomingDocument, on_delete=models.CASCADE, related_name="assignments"
    )
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="children"
    )
    role = models.CharField(_("vai trò"), max_length=12, choices=Role.choices)
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("đơn vị")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assignments",
        verbose_name=_("người xử lý"),
    )
    deadline = models.DateField(_("hạn xử lý"), null=True, blank=True)
    note = models.TextField(_("ý kiến giao việc"), blank=True)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    assigned_at = models.DateTimeField(_("thời điểm giao"), auto_now_add=True)
    state = models.CharField(
        _("trạng thái"), max_length=12, choices=State.choices, default=State.OPEN
    )
    finished_at = models.DateTimeField(_("thời điểm kết thúc"), null=True, blank=True)
    result = models.TextField(_("kết quả, lý do"), blank=True)

    objects = AssignmentQuerySet.as_manager()

    class Meta:
        ordering = ["assigned_at", "pk"]
        verbose_name = _("phân công xử lý")
        verbose_name_plural = _("phân công xử lý")
        constraints = [
            models.CheckConstraint(
                condition=Q(unit__isnull=False) | Q(user__isnull=False),
                name="assignment_has_handler",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()}: {self.handler_label}"

    @property
    def handler_label(self) -> str:
        if self.user_id and self.unit_id:
            return f"{self.user} ({self.unit})"
        return str(self.user or self.unit)


class ProgressNote(NormalizedTextModel):
    """What a handler recorded on an incoming document: progress, an opinion, a draft."""

    incoming = models.ForeignKey(
        IncomingDocument, on_delete=models.CASCADE, related_name="progress_notes"
    )
    assignment = models.ForeignKey(
        Assignment, on_delete=models.CASCADE, null=True, blank=True, related_name="notes"
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    text = models.TextField(_("nội dung"))
    attachment = models.ForeignKey(
        Document,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("tệp đính kèm"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("ý kiến xử lý")
        verbose_name_plural = _("ý kiến xử lý")

    def __str__(self) -> str:
        return self.text[:60]


class OutgoingQuerySet(models.QuerySet["OutgoingDocument"]):
    def visible_to(self, user: Any) -> "OutgoingQuerySet":
        """The agency's outgoing documents; secret ones only for leaders, clerks, their
        drafter and the heads of the drafting unit (who review them)."""
        items = access.scope_to_agency(self, user)
        if user is None or not user.is_authenticated or _sees_all_secrets(user):
            return items
        headed = Unit.objects.filter(posts__user=user, posts__roles__code=Role.Code.UNIT_HEAD)
        return items.filter(Q(secrecy="") | Q(drafted_by=user) | Q(unit__in=headed))

    def issued(self) -> "OutgoingQuerySet":
        return self.filter(number__isnull=False)


class OutgoingDocument(NormalizedTextModel):
    """Văn bản đi: a draft, its approval along the agency's route, signature, number
    and dispatch."""

    class State(models.TextChoices):
        DRAFT = "draft", _("Dự thảo")
        IN_REVIEW = "in_review", _("Đang trình duyệt")
        APPROVED = "approved", _("Đã duyệt, chờ ký")
        SIGNED = "signed", _("Đã ký, chờ phát hành")
        ISSUED = "issued", _("Đã phát hành")
        RECALLED = "recalled", _("Đã thu hồi")

    TRANSITIONS: dict[str, set[str]] = {
        State.DRAFT: {State.IN_REVIEW},
        State.IN_REVIEW: {State.IN_REVIEW, State.APPROVED, State.DRAFT},
        State.APPROVED: {State.SIGNED, State.DRAFT},
        State.SIGNED: {State.ISSUED},
        State.ISSUED: {State.RECALLED},
        State.RECALLED: set(),
    }

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, verbose_name=_("cơ quan"))
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("đơn vị soạn thảo")
    )
    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("người soạn thảo"),
    )
    created_at = models.DateTimeField(_("ngày tạo"), auto_now_add=True)
    reply_to = models.ForeignKey(
        IncomingDocument,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="replies",
        verbose_name=_("trả lời văn bản đến"),
    )
    state = models.CharField(
        _("trạng thái"), max_length=12, choices=State.choices, default=State.DRAFT
    )
    doc_type = models.CharField(_("tên loại"), max_length=100)
    legal_normative = models.BooleanField(_("văn bản quy phạm pháp luật"), default=False)
    abstract = models.TextField(_("trích yếu"))
    secrecy = models.CharField(_("độ mật"), max_length=20, choices=Secrecy.choices, blank=True)
    urgency = models.CharField(_("độ khẩn"), max_length=20, choices=Urgency.choices, blank=True)
    document = models.ForeignKey(
        Document,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("tệp dự thảo"),
    )
    # The approval route copied from the process when the draft was first sent.
    route = models.JSONField(default=list, blank=True)
    step = models.PositiveSmallIntegerField(default=0)
    signer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người ký"),
    )
    signed_at = models.DateTimeField(_("thời điểm ký"), null=True, blank=True)
    signed_sha256 = models.CharField(_("mã băm bản đã ký"), max_length=64, blank=True)
    series = models.CharField(_("sổ"), max_length=40, blank=True)
    year = models.PositiveSmallIntegerField(_("năm"), null=True, blank=True)
    number = models.PositiveIntegerField(_("số"), null=True, blank=True)
    number_symbol = models.CharField(_("số, ký hiệu"), max_length=150, blank=True)
    issued_date = models.DateField(_("ngày tháng văn bản"), null=True, blank=True)
    issued_at = models.DateTimeField(_("thời điểm phát hành"), null=True, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("văn thư phát hành"),
    )
    copies = models.PositiveSmallIntegerField(_("số lượng bản"), default=1)
    recall_reason = models.CharField(_("lý do thu hồi"), max_length=500, blank=True)
    note = models.CharField(_("ghi chú"), max_length=500, blank=True)

    objects = OutgoingQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("văn bản đi")
        verbose_name_plural = _("văn bản đi")
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "year", "series", "number"],
                condition=Q(number__isnull=False),
                name="outgoing_number_per_series",
            )
        ]

    def __str__(self) -> str:
        return self.number_symbol or _("Dự thảo: %(abstract)s") % {"abstract": self.abstract[:60]}

    def get_absolute_url(self) -> str:
        return reverse("workflow:outgoing-detail", args=[self.uuid])

    @property
    def current_role(self) -> str | None:
        """The role whose holder must act now (review, or sign once approved)."""
        if self.state == self.State.IN_REVIEW and self.step < len(self.route):
            return str(self.route[self.step])
        return None

    def move_to(self, state: str) -> None:
        move(self, state)


class Review(NormalizedTextModel):
    """One decision on a draft: approved to the next step, or returned for changes."""

    class Decision(models.TextChoices):
        SUBMIT = "submit", _("Trình duyệt")
        APPROVE = "approve", _("Đồng ý")
        RETURN = "return", _("Trả lại để sửa")
        SIGN = "sign", _("Ký ban hành")

    outgoing = models.ForeignKey(OutgoingDocument, on_delete=models.CASCADE, related_name="reviews")
    step = models.PositiveSmallIntegerField()
    role = models.CharField(max_length=40, blank=True)
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    decision = models.CharField(_("ý kiến"), max_length=10, choices=Decision.choices)
    comment = models.TextField(_("góp ý"), blank=True)
    version = models.PositiveSmallIntegerField(_("phiên bản dự thảo"), default=1)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("ý kiến duyệt")
        verbose_name_plural = _("ý kiến duyệt")

    def __str__(self) -> str:
        return f"{self.get_decision_display()}: {self.reviewer}"


class Dispatch(NormalizedTextModel):
    """One recipient of an issued document: a unit inside the agency, another agency
    on this install (it receives an incoming document) or an address outside."""

    class Kind(models.TextChoices):
        UNIT = "unit", _("Đơn vị trong cơ quan")
        AGENCY = "agency", _("Cơ quan trên hệ thống")
        EMAIL = "email", _("Thư điện tử")

    outgoing = models.ForeignKey(
        OutgoingDocument, on_delete=models.CASCADE, related_name="dispatches"
    )
    kind = models.CharField(_("loại nơi nhận"), max_length=8, choices=Kind.choices)
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, null=True, blank=True)
    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    email = models.EmailField(_("thư điện tử"), blank=True)
    sent_at = models.DateTimeField(_("ngày chuyển"))
    received_at = models.DateTimeField(_("thời điểm nhận"), null=True, blank=True)
    returned_reason = models.CharField(_("lý do trả lại"), max_length=500, blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("nơi nhận")
        verbose_name_plural = _("nơi nhận")

    def __str__(self) -> str:
        return str(self.unit or self.agency or self.email)


class NoticeQuerySet(models.QuerySet["Notice"]):
    def unread(self) -> "NoticeQuerySet":
        return self.filter(read_at__isnull=True)


class Notice(models.Model):
    """A message in the platform for one person: a task, a deadline, a returned draft.

    `key` makes reminders idempotent: the same reminder is never given twice."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notices"
    )
    text = models.CharField(_("nội dung"), max_length=500)
    url = models.CharField(max_length=300, blank=True)
    key = models.CharField(max_length=120)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    objects = NoticeQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("thông báo")
        verbose_name_plural = _("thông báo")
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="notice_once")]

    def __str__(self) -> str:
        return self.text
