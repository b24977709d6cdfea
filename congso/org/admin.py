from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import BaseUserCreationForm
from django.contrib.auth.forms import UserChangeForm as DjangoUserChangeForm
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from congso.core.admin import AuditedModelAdmin
from congso.org.models import (
    AdministrativeUnit,
    Agency,
    ApiToken,
    Delegation,
    Post,
    Role,
    Unit,
    User,
)


@admin.register(AdministrativeUnit)
class AdministrativeUnitAdmin(admin.ModelAdmin):  # type: ignore[type-arg]  # generic admin
    list_display = ["code", "name", "kind", "scheme", "parent"]
    list_filter = ["scheme", "level", "kind"]
    search_fields = ["code", "name"]
    raw_id_fields = ["parent"]


@admin.register(Agency)
class AgencyAdmin(AuditedModelAdmin):
    list_display = ["code", "name", "kind", "parent", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["code", "name", "short_name"]
    raw_id_fields = ["admin_unit", "parent"]


@admin.register(Unit)
class UnitAdmin(AuditedModelAdmin):
    list_display = ["name", "agency", "code", "is_active"]
    list_filter = ["agency"]
    search_fields = ["name", "code"]


@admin.register(Role)
class RoleAdmin(AuditedModelAdmin):
    list_display = ["code", "name"]


class PostInline(admin.TabularInline):  # type: ignore[type-arg]  # generic admin
    model = Post
    extra = 0
    filter_horizontal = ["roles"]


class UserCreationForm(BaseUserCreationForm):  # type: ignore[type-arg]  # generic form
    class Meta:
        model = User
        fields = ("username", "full_name", "kind")


class UserChangeForm(DjangoUserChangeForm):  # type: ignore[type-arg]  # generic form
    class Meta:
        model = User
        fields = "__all__"


@admin.register(User)
class UserAdmin(AuditedModelAdmin, DjangoUserAdmin):  # type: ignore[type-arg]  # stubs expect AbstractUser
    add_form = UserCreationForm
    form = UserChangeForm
    ordering = ["full_name"]
    list_display = ["username", "full_name", "kind", "email", "is_active"]
    list_filter = ["kind", "is_active", "is_staff"]
    search_fields = ["username", "full_name", "email", "identity_number"]
    inlines = [PostInline]
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (
            _("Thông tin cá nhân"),
            {"fields": ("full_name", "kind", "email", "phone", "identity_number", "active_post")},
        ),
        (_("Quyền"), {"fields": ("is_active", "is_staff", "is_superuser", "groups")}),
    )
    add_fieldsets = (
        (None, {"fields": ("username", "full_name", "kind", "password1", "password2")}),
    )
    raw_id_fields = ["active_post"]


@admin.register(Delegation)
class DelegationAdmin(AuditedModelAdmin):
    list_display = ["delegator", "delegate", "agency", "starts_at", "ends_at", "revoked_at"]
    list_filter = ["agency"]


@admin.register(ApiToken)
class ApiTokenAdmin(AuditedModelAdmin):
    """Operators see who holds API keys and may revoke them; keys are never shown."""

    list_display = ["name", "user", "prefix", "created_at", "last_used_at", "revoked_at"]
    list_filter = ["revoked_at"]
    search_fields = ["name", "user__username", "prefix"]
    fields = ["user", "name", "prefix", "created_at", "last_used_at", "revoked_at"]
    readonly_fields = ["user", "name", "prefix", "created_at", "last_used_at"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
