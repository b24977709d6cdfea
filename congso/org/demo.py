"""The demo province: agencies, units and people to try the platform with.

Idempotent: running it again updates the same rows. Not for production data.
"""

from dataclasses import dataclass

from django.db import transaction

from congso.core import audit
from congso.org import services
from congso.org.models import AdministrativeUnit, Agency, Post, Role, Unit, User

DEMO_PASSWORD = "congso-demo"  # noqa: S105 (printed for the demo on purpose)
PROVINCE_CODE = "80"  # Tây Ninh on the 2025 map

AGENCIES: list[tuple[str, str, str, str, str, str | None, list[str]]] = [
    # code, name, short name, symbol, kind, parent code, units
    (
        "H99",
        "Ủy ban nhân dân tỉnh Tây Ninh (demo)",
        "UBND tỉnh (demo)",
        "UBND",
        Agency.Kind.PROVINCE,
        None,
        ["Văn phòng UBND tỉnh", "Phòng Tổng hợp"],
    ),
    (
        "H99.01",
        "Sở Nội vụ tỉnh Tây Ninh (demo)",
        "Sở Nội vụ (demo)",
        "SNV",
        Agency.Kind.PROVINCIAL_DEPARTMENT,
        "H99",
        ["Văn phòng Sở", "Phòng Tổ chức biên chế", "Phòng Cải cách hành chính"],
    ),
    (
        "H99.02",
        "Sở Khoa học và Công nghệ tỉnh Tây Ninh (demo)",
        "Sở KH&CN (demo)",
        "SKHCN",
        Agency.Kind.PROVINCIAL_DEPARTMENT,
        "H99",
        ["Văn phòng Sở", "Phòng Chuyển đổi số"],
    ),
]

# Abbreviations of the units, as công văn symbols use them (05/SNV-VP).
UNIT_CODES = {
    "Văn phòng UBND tỉnh": "VP",
    "Phòng Tổng hợp": "TH",
    "Văn phòng Sở": "VP",
    "Phòng Tổ chức biên chế": "TCBC",
    "Phòng Cải cách hành chính": "CCHC",
    "Phòng Chuyển đổi số": "CĐS",
}

PEOPLE: list[tuple[str, str, list[tuple[str, str | None, str, list[str]]]]] = [
    # username, full name, [(agency code, unit, position, roles)]
    ("vanthu.snv", "Nguyễn Thị An", [("H99.01", "Văn phòng Sở", "Văn thư", ["van_thu"])]),
    (
        "truongphong.snv",
        "Trần Văn Bình",
        [("H99.01", "Phòng Cải cách hành chính", "Trưởng phòng", ["lanh_dao_phong"])],
    ),
    (
        "chuyenvien.snv",
        "Lê Minh Cường",
        [("H99.01", "Phòng Cải cách hành chính", "Chuyên viên", ["chuyen_vien"])],
    ),
    ("giamdoc.snv", "Phạm Thị Dung", [("H99.01", None, "Giám đốc Sở", ["lanh_dao_co_quan"])]),
    (
        "quantri.snv",
        "Đỗ Văn Giang",
        [
            (
                "H99.01",
                "Văn phòng Sở",
                "Chuyên viên công nghệ thông tin",
                ["quan_tri", "chuyen_vien"],
            )
        ],
    ),
    ("vanthu.skhcn", "Võ Thị Hoa", [("H99.02", "Văn phòng Sở", "Văn thư", ["van_thu"])]),
    (
        "chuyenvien.skhcn",
        "Bùi Thanh Khoa",
        [("H99.02", "Phòng Chuyển đổi số", "Chuyên viên", ["chuyen_vien"])],
    ),
    (
        "pcvp.ubnd",
        "Đặng Quốc Huy",
        [
            ("H99", "Văn phòng UBND tỉnh", "Phó Chánh Văn phòng", ["lanh_dao_phong"]),
            ("H99.02", "Phòng Chuyển đổi số", "Trưởng phòng (kiêm nhiệm)", ["lanh_dao_phong"]),
        ],
    ),
]

PUBLIC_ACCOUNTS = [
    ("congdan", "Ngô Thị Lan", User.Kind.CITIZEN, "072190000123"),
    ("doanhnghiep", "Công ty TNHH Phần mềm Tây Ninh (demo)", User.Kind.BUSINESS, "3900000000"),
]


@dataclass
class DemoLogin:
    username: str
    full_name: str
    description: str


def _agency(
    code: str,
    name: str,
    short: str,
    symbol: str,
    kind: str,
    parent: str | None,
    province: AdministrativeUnit | None,
) -> Agency:
    agency, _ = Agency.objects.update_or_create(
        code=code,
        defaults={
            "name": name,
            "short_name": short,
            "symbol": symbol,
            "kind": kind,
            "parent": Agency.objects.get(code=parent) if parent else None,
            "admin_unit": province,
        },
    )
    return agency


def _user(username: str, full_name: str, kind: str, identity_number: str = "") -> User:
    user, created = User.objects.update_or_create(
        username=username,
        defaults={"full_name": full_name, "kind": kind, "identity_number": identity_number},
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
        audit.record(actor=None, verb="create_user", target=user, after={"username": username})
    return user


@transaction.atomic
def create_demo() -> list[DemoLogin]:
    """Create or refresh the demo province and return the logins to print."""
    for scheme in services.SCHEMES:
        if not AdministrativeUnit.objects.filter(scheme=scheme).exists():
            services.load_administrative_units(scheme=scheme)
    province = AdministrativeUnit.objects.filter(scheme="2025", code=PROVINCE_CODE).first()
    agencies = {}
    for code, name, short, symbol, kind, parent, units in AGENCIES:
        agencies[code] = _agency(code, name, short, symbol, kind, parent, province)
        for name_of_unit in units:
            Unit.objects.update_or_create(
                agency=agencies[code],
                name=name_of_unit,
                defaults={"code": UNIT_CODES.get(name_of_unit, "")},
            )

    logins = []
    for username, full_name, posts in PEOPLE:
        user = _user(username, full_name, User.Kind.STAFF)
        for agency_code, unit_name, position, roles in posts:
            agency = agencies[agency_code]
            unit = Unit.objects.get(agency=agency, name=unit_name) if unit_name else None
            post, _ = Post.objects.update_or_create(
                user=user, agency=agency, defaults={"unit": unit, "position": position}
            )
            post.roles.set(Role.objects.filter(code__in=roles))
            if user.active_post_id is None:
                user.active_post = post
                user.save(update_fields=["active_post"])
        where = "; ".join(f"{p[2]}, {agencies[p[0]]}" for p in posts)
        logins.append(DemoLogin(username, full_name, where))

    for username, full_name, account_kind, number in PUBLIC_ACCOUNTS:
        _user(username, full_name, account_kind, number)
        logins.append(DemoLogin(username, full_name, str(User.Kind(account_kind).label)))

    operator, created = User.objects.get_or_create(
        username="quantri",
        defaults={
            "full_name": "Quản trị hệ thống",
            "kind": User.Kind.STAFF,
            "is_staff": True,
            "is_superuser": True,
        },
    )
    if created:
        operator.set_password(DEMO_PASSWORD)
        operator.save(update_fields=["password"])
    logins.append(DemoLogin("quantri", operator.full_name, "Quản trị toàn hệ thống (Django admin)"))
    return logins
