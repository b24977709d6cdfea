import re
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, PermissionsMixin, UserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from congso.core.models import NormalizedTextModel
from congso.org import access


class AdministrativeUnit(NormalizedTextModel):
    """A province, district or commune of one map (scheme) of Vietnam.

    Scheme "2025" is the two-level map in force from 01/7/2025 (34 provinces, 3,321
    communes); scheme "2008" is the earlier three-level map, kept for old records.
    """

    class Level(models.IntegerChoices):
        PROVINCE = 1, _("Tỉnh, thành phố")
        DISTRICT = 2, _("Quận, huyện")
        COMMUNE = 3, _("Xã, phường")

    scheme = models.CharField(_("bản đồ hành chính"), max_length=4)
    code = models.CharField(_("mã"), max_length=5)
    name = models.CharField(_("tên"), max_length=100)
    short_name = models.CharField(_("tên ngắn"), max_length=100)
    kind = models.CharField(_("loại"), max_length=40)
    level = models.PositiveSmallIntegerField(_("cấp"), choices=Level.choices)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )
    valid_from = models.DateField(_("hiệu lực từ"), null=True, blank=True)
    valid_to = models.DateField(_("hiệu lực đến"), null=True, blank=True)

    class Meta:
        ordering = ["scheme", "code"]
        verbose_name = _("đơn vị hành chính")
        verbose_name_plural = _("đơn vị hành chính")
        constraints = [
            models.UniqueConstraint(fields=["scheme", "code"], name="admin_unit_code_per_scheme")
        ]

    def __str__(self) -> str:
        if self.parent_id and self.level == self.Level.COMMUNE:
            return f"{self.name}, {self.parent}"
        return self.name


def validate_agency_code(value: str) -> None:
    """Mã định danh điện tử (QĐ 20/2020): pattern kept in settings, as it is [I] data."""
    if len(value) > 35 or not re.fullmatch(settings.CONGSO_AGENCY_CODE_PATTERN, value):
        raise ValidationError(
            _("Mã định danh điện tử không hợp lệ (ví dụ đúng: G09, H99.01.02)."),
            code="invalid_agency_code",
        )


class AgencyQuerySet(models.QuerySet["Agency"]):
    def visible_to(self, user: Any) -> "AgencyQuerySet":
        return access.scope_to_agency(self, user, field="pk")


class Agency(NormalizedTextModel):
    """A state agency (cơ quan): the unit of data ownership on a shared install."""

    class Kind(models.TextChoices):
        MINISTRY = "bo", _("Bộ, cơ quan ngang bộ")
        GENERAL_DEPARTMENT = "cuc_vu", _("Tổng cục, cục, vụ")
        PROVINCE = "ubnd_tinh", _("UBND tỉnh, thành phố")
        PROVINCIAL_DEPARTMENT = "so_nganh", _("Sở, ban, ngành")
        COMMUNE = "ubnd_xa", _("UBND xã, phường, đặc khu")
        OTHER = "khac", _("Cơ quan, tổ chức khác")

    name = models.CharField(_("tên cơ quan"), max_length=200)
    short_name = models.CharField(_("tên viết tắt"), max_length=100, blank=True)
    symbol = models.CharField(
        _("chữ viết tắt trong ký hiệu văn bản"), max_length=20, blank=True, help_text="UBND, SNV"
    )
    code = models.CharField(
        _("mã định danh điện tử"), max_length=35, unique=True, validators=[validate_agency_code]
    )
    kind = models.CharField(_("loại cơ quan"), max_length=20, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("cơ quan cấp trên"),
    )
    admin_unit = models.ForeignKey(
        AdministrativeUnit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name=_("đơn vị hành chính"),
    )
    is_active = models.BooleanField(_("đang hoạt động"), default=True)

    objects = AgencyQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("cơ quan")
        verbose_name_plural = _("cơ quan")

    def __str__(self) -> str:
        return self.short_name or self.name

    @property
    def audit_agency_id(self) -> int:
        return self.pk


class UnitQuerySet(models.QuerySet["Unit"]):
    def visible_to(self, user: Any) -> "UnitQuerySet":
        return access.scope_to_agency(self, user)


class Unit(NormalizedTextModel):
    """A unit inside an agency (phòng, ban, văn phòng)."""

    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="units", verbose_name=_("cơ quan")
    )
    name = models.CharField(_("tên đơn vị"), max_length=200)
    code = models.CharField(_("mã đơn vị"), max_length=20, blank=True)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("đơn vị cấp trên"),
    )
    is_active = models.BooleanField(_("đang hoạt động"), default=True)

    objects = UnitQuerySet.as_manager()

    class Meta:
        ordering = ["agency", "name"]
        verbose_name = _("đơn vị")
        verbose_name_plural = _("đơn vị")
        constraints = [
            models.UniqueConstraint(fields=["agency", "name"], name="unit_name_per_agency")
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("org:unit-detail", args=[self.pk])


class Role(NormalizedTextModel):
    """A role a post carries; the five built-in codes are used by the code."""

    class Code(models.TextChoices):
        CLERK = "van_thu", _("Văn thư")
        SPECIALIST = "chuyen_vien", _("Chuyên viên")
        UNIT_HEAD = "lanh_dao_phong", _("Lãnh đạo phòng")
        LEADER = "lanh_dao_co_quan", _("Lãnh đạo cơ quan")
        ADMIN = "quan_tri", _("Quản trị")

    code = models.SlugField(_("mã vai trò"), max_length=40, primary_key=True)
    name = models.CharField(_("tên vai trò"), max_length=100)

    class Meta:
        ordering = ["name"]
        verbose_name = _("vai trò")
        verbose_name_plural = _("vai trò")

    def __str__(self) -> str:
        # Built-in roles show their translated label; roles added by operators, their name.
        return str(dict(self.Code.choices).get(self.code, self.name))


class CongsoUserManager(UserManager["User"]):
    def create_user(  # type: ignore[override]  # our User has no first/last name
        self, username: str, password: str | None = None, **extra: Any
    ) -> "User":
        user = self.model(username=self.model.normalize_username(username), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(  # type: ignore[override]  # same signature as create_user
        self, username: str, password: str | None = None, **extra: Any
    ) -> "User":
        extra.update(is_staff=True, is_superuser=True)
        return self.create_user(username, password, **extra)


class User(NormalizedTextModel, AbstractBaseUser, PermissionsMixin):
    """A person who logs in: staff (cán bộ), a citizen or a business."""

    class Kind(models.TextChoices):
        STAFF = "staff", _("Cán bộ, công chức")
        CITIZEN = "citizen", _("Công dân")
        BUSINESS = "business", _("Doanh nghiệp, tổ chức")

    username = models.CharField(_("tên đăng nhập"), max_length=150, unique=True)
    full_name = models.CharField(_("họ và tên"), max_length=200)
    email = models.EmailField(_("thư điện tử"), blank=True)
    phone = models.CharField(_("số điện thoại"), max_length=20, blank=True)
    kind = models.CharField(_("loại tài khoản"), max_length=10, choices=Kind.choices)
    identity_number = models.CharField(
        _("số định danh / mã số thuế"),
        max_length=14,
        blank=True,
        help_text=_("Số định danh cá nhân (12 số) hoặc mã số thuế của doanh nghiệp."),
    )
    is_staff = models.BooleanField(
        _("vào trang quản trị"),
        default=False,
        help_text=_("Cho phép đăng nhập trang quản trị hệ thống (Django admin)."),
    )
    is_active = models.BooleanField(_("đang hoạt động"), default=True)
    date_joined = models.DateTimeField(_("ngày tạo"), default=timezone.now)
    active_post = models.ForeignKey(
        "Post",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("chức vụ đang làm việc"),
    )

    objects = CongsoUserManager()

    USERNAME_FIELD = "username"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name", "kind"]

    class Meta:
        verbose_name = _("người dùng")
        verbose_name_plural = _("người dùng")
        constraints = [
            models.UniqueConstraint(
                fields=["identity_number"],
                condition=~Q(identity_number=""),
                name="user_identity_number_unique",
            )
        ]

    def __str__(self) -> str:
        return self.full_name or self.username

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name.split()[-1] if self.full_name else self.username

    @property
    def is_public_user(self) -> bool:
        return self.kind in (self.Kind.CITIZEN, self.Kind.BUSINESS)

    @property
    def active_agency_id(self) -> int | None:
        return self.active_post.agency_id if self.active_post else None


class PostQuerySet(models.QuerySet["Post"]):
    def current(self) -> "PostQuerySet":
        today = timezone.localdate()
        return self.filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today), starts_on__lte=today)

    def visible_to(self, user: Any) -> "PostQuerySet":
        return access.scope_to_agency(self, user)


class Post(NormalizedTextModel):
    """A person's post (chức vụ) in one agency and unit, with its roles.

    A person may hold posts in several agencies; `User.active_post` says which one
    they are working in now.
    """

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="posts", verbose_name=_("cán bộ")
    )
    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="posts", verbose_name=_("cơ quan")
    )
    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="posts",
        verbose_name=_("đơn vị"),
    )
    position = models.CharField(_("chức vụ"), max_length=100)
    roles = models.ManyToManyField(Role, blank=True, verbose_name=_("vai trò"))
    starts_on = models.DateField(_("từ ngày"), default=timezone.localdate)
    ends_on = models.DateField(_("đến ngày"), null=True, blank=True)

    objects = PostQuerySet.as_manager()

    class Meta:
        ordering = ["agency", "unit", "position"]
        verbose_name = _("chức vụ")
        verbose_name_plural = _("chức vụ")
        constraints = [
            models.UniqueConstraint(fields=["user", "agency"], name="one_post_per_agency")
        ]

    def __str__(self) -> str:
        return f"{self.position}, {self.unit or self.agency}"

    def clean(self) -> None:
        if self.unit_id and self.unit and self.unit.agency_id != self.agency_id:
            raise ValidationError({"unit": _("Đơn vị không thuộc cơ quan này.")})


class ApiTokenQuerySet(models.QuerySet["ApiToken"]):
    def usable(self) -> "ApiTokenQuerySet":
        return self.filter(revoked_at__isnull=True, user__is_active=True)


class ApiToken(NormalizedTextModel):
    """A key for the JSON API, acting as its user. Only a hash of the key is stored."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("tên khóa"), max_length=100)
    prefix = models.CharField(max_length=8)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("khóa API")
        verbose_name_plural = _("khóa API")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"


class DelegationQuerySet(models.QuerySet["Delegation"]):
    def active(self) -> "DelegationQuerySet":
        now = timezone.now()
        return self.filter(starts_at__lte=now, ends_at__gt=now, revoked_at__isnull=True)

    def visible_to(self, user: Any) -> "DelegationQuerySet":
        return access.scope_to_agency(self, user)


class Delegation(NormalizedTextModel):
    """Ủy quyền: for a period, `delegate` acts with some of `delegator`'s roles."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, verbose_name=_("cơ quan"))
    delegator = models.ForeignKey(
        User,
        on_delete=models.PROTECT,
        related_name="delegations_given",
        verbose_name=_("người ủy quyền"),
    )
    delegate = models.ForeignKey(
        User,
        on_delete=models.PROTECT,
        related_name="delegations_received",
        verbose_name=_("người được ủy quyền"),
    )
    roles = models.ManyToManyField(Role, verbose_name=_("vai trò ủy quyền"))
    starts_at = models.DateTimeField(_("từ"))
    ends_at = models.DateTimeField(_("đến"))
    reason = models.CharField(_("lý do"), max_length=300)
    revoked_at = models.DateTimeField(_("thu hồi lúc"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = DelegationQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_at"]
        verbose_name = _("ủy quyền")
        verbose_name_plural = _("ủy quyền")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="delegation_ends_after_start"
            ),
            models.CheckConstraint(
                condition=~Q(delegator=models.F("delegate")), name="delegation_not_to_self"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.delegator} → {self.delegate}"

    def is_active(self) -> bool:
        now = timezone.now()
        return self.revoked_at is None and self.starts_at <= now < self.ends_at
