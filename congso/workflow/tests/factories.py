"""People and items for the workflow tests: a leader and a specialist join the named
people of agency A, and rows of the registers can be made directly."""

import datetime
from typing import Any

from django.utils import timezone

from congso.archive.tests.factories import make_document
from congso.org.models import Agency, Role, Unit, User
from congso.org.testing import BaseTestCase, make_staff, make_unit
from congso.workflow.models import IncomingDocument, OutgoingDocument


def make_leader(agency: Agency, unit: Unit | None = None, username: str = "giang") -> User:
    return make_staff(
        username, "Đỗ Minh Giang", agency, unit, position="Giám đốc", roles=[Role.Code.LEADER]
    )


def make_specialist(agency: Agency, unit: Unit, username: str = "cuong") -> User:
    return make_staff(
        username,
        "Lê Minh Cường",
        agency,
        unit,
        position="Chuyên viên",
        roles=[Role.Code.SPECIALIST],
    )


def make_incoming(agency: Agency, **overrides: Any) -> IncomingDocument:
    """A registered incoming document (next number of its year unless given)."""
    received = overrides.pop("received_at", timezone.now())
    year = overrides.pop("year", timezone.localtime(received).year)
    last = IncomingDocument.objects.filter(agency=agency, year=year).registered().count()
    fields: dict[str, Any] = {
        "agency": agency,
        "document": overrides.pop("document", None) or make_document(agency),
        "state": IncomingDocument.State.REGISTERED,
        "year": year,
        "number": last + 1,
        "received_at": received,
        "registered_at": received,
        "register_due": timezone.localtime(received).date(),
        "sender": "Ủy ban nhân dân tỉnh Tây Ninh",
        "number_symbol": "123/UBND-VP",
        "doc_date": datetime.date(year, 1, 5),
        "doc_type": "Công văn",
        "abstract": "V/v triển khai chuyển đổi số năm " + str(year),
    }
    return IncomingDocument.objects.create(**(fields | overrides))


def make_outgoing(agency: Agency, drafted_by: User, **overrides: Any) -> OutgoingDocument:
    """An issued outgoing document of the administrative series."""
    issued = overrides.pop("issued_date", timezone.localdate())
    last = (
        OutgoingDocument.objects.filter(agency=agency, year=issued.year, series="admin")
        .issued()
        .count()
    )
    number = overrides.pop("number", last + 1)
    fields: dict[str, Any] = {
        "agency": agency,
        "drafted_by": drafted_by,
        "state": OutgoingDocument.State.ISSUED,
        "doc_type": "Công văn",
        "abstract": "V/v báo cáo kết quả chuyển đổi số",
        "document": make_document(agency),
        "series": "admin",
        "year": issued.year,
        "number": number,
        "number_symbol": f"{number:02d}/{agency.symbol or 'UBND'}-VP",
        "issued_date": issued,
        "issued_at": timezone.now(),
        "signer": drafted_by,
    }
    return OutgoingDocument.objects.create(**(fields | overrides))


class WorkflowTestCase(BaseTestCase):
    """The named people, and in agency A: Giang (leader), Cường (specialist of unit A)
    and a second unit, Phòng Kế hoạch A, headed by Hoa."""

    giang: User
    cuong: User
    unit_c: Unit
    hoa: User

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.giang = make_leader(cls.agency_a)
        cls.cuong = make_specialist(cls.agency_a, cls.unit_a)
        cls.unit_c = make_unit(cls.agency_a, name="Phòng Kế hoạch A")
        cls.hoa = make_staff(
            "hoa",
            "Vũ Thị Hoa",
            cls.agency_a,
            cls.unit_c,
            position="Trưởng phòng",
            roles=[Role.Code.UNIT_HEAD],
        )
