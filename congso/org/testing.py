"""Named people in two agencies, and factories, for the tests of every app.

An (clerk) and Bình (head of unit) work in agency A; Chi works in agency B and must
see nothing of A; Dũng is a citizen.
"""

import datetime
from collections.abc import Iterable
from itertools import count
from typing import Any

from django.test import TestCase

from congso.org.models import Agency, Post, Role, Unit, User

_numbers = count(1)


def make_agency(**overrides: Any) -> Agency:
    number = next(_numbers)
    fields = {
        "name": f"Cơ quan thử {number}",
        "code": f"H98.{number:02d}",
        "kind": Agency.Kind.PROVINCIAL_DEPARTMENT,
    }
    return Agency.objects.create(**(fields | overrides))


def make_unit(agency: Agency, **overrides: Any) -> Unit:
    return Unit.objects.create(
        **({"agency": agency, "name": f"Phòng {next(_numbers)}"} | overrides)
    )


def make_user(username: str, full_name: str, kind: str = User.Kind.STAFF, **extra: Any) -> User:
    user = User.objects.create_user(
        username, "mat-khau-thu", full_name=full_name, kind=kind, **extra
    )
    return user


def make_post(
    user: User,
    agency: Agency,
    unit: Unit | None = None,
    *,
    position: str = "Chuyên viên",
    roles: Iterable[str] = (Role.Code.SPECIALIST,),
    activate: bool = True,
) -> Post:
    # Held since 2020, so that tests may travel back in time within the post.
    post = Post.objects.create(
        user=user, agency=agency, unit=unit, position=position, starts_on=datetime.date(2020, 1, 1)
    )
    post.roles.set(Role.objects.filter(code__in=list(roles)))
    if activate:
        user.active_post = post
        user.save(update_fields=["active_post"])
    return post


def make_staff(
    username: str, full_name: str, agency: Agency, unit: Unit | None = None, **post_fields: Any
) -> User:
    user = make_user(username, full_name)
    make_post(user, agency, unit, **post_fields)
    return user


class BaseTestCase(TestCase):
    agency_a: Agency
    agency_b: Agency
    unit_a: Unit
    unit_b: Unit
    an: User
    binh: User
    chi: User
    dung: User

    @classmethod
    def setUpTestData(cls) -> None:
        cls.agency_a = make_agency(name="Sở Nội vụ thử nghiệm A", short_name="Sở A")
        cls.agency_b = make_agency(name="Sở Tài chính thử nghiệm B", short_name="Sở B")
        cls.unit_a = make_unit(cls.agency_a, name="Phòng Hành chính A")
        cls.unit_b = make_unit(cls.agency_b, name="Phòng Kế hoạch B")
        cls.an = make_staff(
            "an",
            "Nguyễn Thị An",
            cls.agency_a,
            cls.unit_a,
            position="Văn thư",
            roles=[Role.Code.CLERK],
        )
        cls.binh = make_staff(
            "binh",
            "Trần Văn Bình",
            cls.agency_a,
            cls.unit_a,
            position="Trưởng phòng",
            roles=[Role.Code.UNIT_HEAD],
        )
        cls.chi = make_staff(
            "chi",
            "Lê Thị Chi",
            cls.agency_b,
            cls.unit_b,
            position="Chuyên viên",
            roles=[Role.Code.SPECIALIST, Role.Code.ADMIN, Role.Code.LEADER],
        )
        cls.dung = make_user(
            "dung", "Phạm Văn Dũng", User.Kind.CITIZEN, identity_number="001090000001"
        )
