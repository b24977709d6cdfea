"""Who may see what. Every id from a request becomes an object only through here.

Rules:
- Anonymous users see nothing.
- Operators (superusers) see every agency.
- Staff see the data of the agency they are working in now (`User.active_post`);
  holding a post in a second agency gives access to it only after switching.
- Citizens and businesses see no agency data; models they own scope by owner.
"""

from typing import Any, TypeVar

from django.db.models import Model, QuerySet

M = TypeVar("M", bound=Model)

# Who sees every secret document of the agency and names its readers.
SECRECY_LEAD = "lanh_dao_co_quan"
QS = TypeVar("QS", bound=QuerySet[Any])


def scope_to_agency(queryset: QS, user: Any, *, field: str = "agency") -> QS:
    """Limit `queryset` to rows of the agency `user` works in now."""
    if user is None or not user.is_authenticated or not user.is_active:
        return queryset.none()
    if user.is_superuser:
        return queryset
    if user.is_public_user or user.active_agency_id is None:
        return queryset.none()
    lookup = field if field == "pk" else f"{field}_id"
    return queryset.filter(**{lookup: user.active_agency_id})


def scope_to_owner(queryset: QS, user: Any, *, field: str = "owner") -> QS:
    """Limit `queryset` to rows that belong to `user` themself (citizen data)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return queryset.none()
    return queryset.filter(**{field: user})


def role_codes(user: Any, agency_id: int | None = None) -> set[str]:
    """Role codes `user` holds in the agency: from their post and active delegations."""
    agency_id = agency_id if agency_id is not None else getattr(user, "active_agency_id", None)
    if agency_id is None or not user.is_authenticated or user.is_public_user:
        return set()
    codes = set(
        user.posts.current().filter(agency_id=agency_id).values_list("roles__code", flat=True)
    )
    codes |= set(
        user.delegations_received.active()
        .filter(agency_id=agency_id)
        .values_list("roles__code", flat=True)
    )
    codes.discard(None)
    return codes


def has_role(user: Any, *codes: str) -> bool:
    """Does `user` hold any of these roles in the agency they work in now?"""
    if getattr(user, "is_superuser", False):
        return True
    return bool(role_codes(user) & set(codes))
