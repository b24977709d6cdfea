"""Writes on organisations and people. Each function is one transaction, audited."""

import datetime
import hashlib
import json
import secrets
from collections.abc import Iterable
from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from congso.core import audit
from congso.org import access
from congso.org.models import AdministrativeUnit, ApiToken, Delegation, Post, Role, User

DATA_DIR = Path(__file__).resolve().parent / "data"
SCHEMES = ("2025", "2008")


def record_sign_in(*, user: User) -> None:
    """Note a successful sign-in in the audit log (who, when, which agency)."""
    audit.record(actor=user, verb="login", target=user, agency_id=user.active_agency_id)


def record_sign_out(*, user: User) -> None:
    audit.record(actor=user, verb="logout", target=user, agency_id=user.active_agency_id)


@transaction.atomic
def switch_post(*, user: User, post: Post) -> None:
    """Make `post` the one `user` works in now. The post must be the user's own."""
    if post.user_id != user.pk or not Post.objects.current().filter(pk=post.pk).exists():
        raise PermissionDenied
    before = {"active_post": user.active_post_id}
    user.active_post = post
    user.save(update_fields=["active_post"])
    audit.record(
        actor=user,
        verb="switch_agency",
        target=user,
        before=before,
        after={"active_post": post.pk},
        agency_id=post.agency_id,
    )


@transaction.atomic
def delegate_roles(
    *,
    delegator: User,
    delegate: User,
    roles: Iterable[Role],
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    reason: str,
) -> Delegation:
    """Give `delegate` some of `delegator`'s own roles in the agency, for a period.

    Only roles of the delegator's post can be delegated (no chains), and only to a
    colleague who holds a post in the same agency.
    """
    agency_id = delegator.active_agency_id
    if agency_id is None:
        raise ValidationError(_("Bạn chưa chọn cơ quan làm việc."))
    role_list = list(roles)
    own = set(
        delegator.posts.current().filter(agency_id=agency_id).values_list("roles__code", flat=True)
    )
    if not role_list or not {r.code for r in role_list} <= own:
        raise ValidationError(_("Chỉ được ủy quyền những vai trò mà mình đang giữ."))
    if delegate == delegator or not delegate.posts.current().filter(agency_id=agency_id).exists():
        raise ValidationError(_("Người được ủy quyền phải là cán bộ khác của cùng cơ quan."))
    if ends_at <= starts_at:
        raise ValidationError(_("Thời điểm kết thúc phải sau thời điểm bắt đầu."))
    delegation = Delegation.objects.create(
        agency_id=agency_id,
        delegator=delegator,
        delegate=delegate,
        starts_at=starts_at,
        ends_at=ends_at,
        reason=reason,
    )
    delegation.roles.set(role_list)
    audit.record(
        actor=delegator,
        verb="delegate",
        target=delegation,
        after={
            "delegate": delegate.pk,
            "roles": sorted(r.code for r in role_list),
            "starts_at": starts_at,
            "ends_at": ends_at,
            "reason": reason,
        },
    )
    return delegation


@transaction.atomic
def revoke_delegation(*, delegation: Delegation, by: User) -> None:
    """End a delegation early. The delegator, or a leader/admin of the agency, may do it."""
    allowed = by.pk == delegation.delegator_id or access.has_role(
        by, Role.Code.LEADER, Role.Code.ADMIN
    )
    if not allowed:
        raise PermissionDenied
    if delegation.revoked_at is not None:
        return
    delegation.revoked_at = timezone.now()
    delegation.save(update_fields=["revoked_at"])
    audit.record(
        actor=by,
        verb="revoke_delegation",
        target=delegation,
        after={"revoked_at": delegation.revoked_at},
    )


def _date(value: object) -> datetime.date | None:
    return datetime.date.fromisoformat(str(value)) if value else None


# The maps of administrative units shipped with the project.
UNIT_SCHEMES = ("2025", "2008")


def _scheme_units(scheme: str) -> tuple[dict[str, object], list[dict[str, object]]]:
    data = json.loads((DATA_DIR / f"admin_units_{scheme}.json").read_text(encoding="utf-8"))
    return data, data["units"]


def shipped_units(scheme: str) -> list[dict[str, object]]:
    """The units of one shipped map as published (code, name, short_name, kind, level,
    parent), without the database."""
    return _scheme_units(scheme)[1]


@transaction.atomic
def load_administrative_units(*, scheme: str) -> int:
    """Load (or refresh) one map of administrative units from the shipped data.

    Reference data published by the state, not a user's change, so it is not audited.

    Idempotent: existing codes are updated in place, new ones created. Returns the
    number of units in the scheme.
    """
    data, units = _scheme_units(scheme)
    valid_from = _date(data.get("valid_from"))
    valid_to = _date(data.get("valid_to"))
    existing = {u.code: u for u in AdministrativeUnit.objects.filter(scheme=scheme)}
    for level in (1, 2, 3):
        fresh = []
        for row in units:
            if row["level"] != level:
                continue
            parent = existing.get(str(row["parent"])) if row["parent"] else None
            fields = {
                "name": row["name"],
                "short_name": row["short_name"],
                "kind": row["kind"],
                "level": level,
                "parent": parent,
                "valid_from": valid_from,
                "valid_to": valid_to,
            }
            unit = existing.get(str(row["code"]))
            if unit is None:
                fresh.append(AdministrativeUnit(scheme=scheme, code=str(row["code"]), **fields))
            elif any(getattr(unit, name) != value for name, value in fields.items()):
                for name, value in fields.items():
                    setattr(unit, name, value)
                unit.save(update_fields=list(fields))
        for unit in AdministrativeUnit.objects.bulk_create(fresh, batch_size=1000):
            existing[unit.code] = unit
    return len(units)


def _token_hash(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


@transaction.atomic
def create_api_token(*, user: User, name: str) -> tuple[ApiToken, str]:
    """A new API key for user; the key itself is returned once and never stored."""
    key = "cs_" + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user, name=name, prefix=key[3:11], key_hash=_token_hash(key)
    )
    audit.record(actor=user, verb="create_api_token", target=token, after={"name": name})
    return token, key


@transaction.atomic
def revoke_api_token(*, token: ApiToken, by: User) -> None:
    if token.user_id != by.pk or token.revoked_at is not None:
        return
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    audit.record(actor=by, verb="revoke_api_token", target=token)


def user_for_api_key(key: str) -> User | None:
    """The user an API key acts as, or None; notes when the key was last used."""
    token = (
        ApiToken.objects.usable().select_related("user").filter(key_hash=_token_hash(key)).first()
    )
    if token is None:
        return None
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token.user
