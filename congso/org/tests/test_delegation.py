import datetime

import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from congso.core.models import AuditEntry
from congso.org import access, services
from congso.org.models import Delegation, Role
from congso.org.testing import BaseTestCase, make_staff

START = datetime.datetime(2026, 3, 2, 8, 0, tzinfo=datetime.UTC)


class DelegationTests(BaseTestCase):
    def _delegate(self, **overrides: object) -> Delegation:
        fields: dict[str, object] = {
            "delegator": self.binh,
            "delegate": self.an,
            "roles": Role.objects.filter(code=Role.Code.UNIT_HEAD),
            "starts_at": START,
            "ends_at": START + datetime.timedelta(days=5),
            "reason": "Nghỉ phép",
        }
        return services.delegate_roles(**(fields | overrides))  # type: ignore[arg-type]

    def test_the_delegate_holds_the_role_only_during_the_period(self) -> None:
        self._delegate()
        with time_machine.travel(START - datetime.timedelta(minutes=1)):
            self.assertFalse(access.has_role(self.an, Role.Code.UNIT_HEAD))
        with time_machine.travel(START + datetime.timedelta(days=1)):
            self.assertTrue(access.has_role(self.an, Role.Code.UNIT_HEAD))
            self.assertTrue(access.has_role(self.an, Role.Code.CLERK))
        with time_machine.travel(START + datetime.timedelta(days=5)):
            self.assertFalse(access.has_role(self.an, Role.Code.UNIT_HEAD))

    def test_only_own_roles_can_be_delegated(self) -> None:
        with self.assertRaises(ValidationError):
            self._delegate(roles=Role.objects.filter(code=Role.Code.LEADER))

    def test_no_delegation_to_another_agency(self) -> None:
        with self.assertRaises(ValidationError):
            self._delegate(delegate=self.chi)

    def test_delegated_roles_cannot_be_passed_on(self) -> None:
        self._delegate()
        cuong = make_staff("cuong", "Lê Văn Cường", self.agency_a, self.unit_a)
        with (
            time_machine.travel(START + datetime.timedelta(days=1)),
            self.assertRaises(ValidationError),
        ):
            self._delegate(delegator=self.an, delegate=cuong)

    def test_revoking_ends_it_and_is_audited(self) -> None:
        delegation = self._delegate()
        with time_machine.travel(START + datetime.timedelta(days=1)):
            services.revoke_delegation(delegation=delegation, by=self.binh)
            self.assertFalse(access.has_role(self.an, Role.Code.UNIT_HEAD))
        self.assertEqual(
            list(
                AuditEntry.objects.filter(target_id=str(delegation.pk)).values_list(
                    "verb", flat=True
                )
            ),
            ["delegate", "revoke_delegation"],
        )

    def test_the_delegate_cannot_revoke(self) -> None:
        delegation = self._delegate()
        with self.assertRaises(PermissionDenied):
            services.revoke_delegation(delegation=delegation, by=self.an)

    def test_a_head_delegates_through_the_page(self) -> None:
        self.client.force_login(self.binh)
        now = timezone.localtime()
        response = self.client.post(
            reverse("org:delegations"),
            {
                "delegate": self.an.pk,
                "roles": [Role.Code.UNIT_HEAD],
                "starts_at": now.strftime("%Y-%m-%dT%H:%M"),
                "ends_at": (now + datetime.timedelta(days=2)).strftime("%Y-%m-%dT%H:%M"),
                "reason": "Đi công tác",
            },
        )
        self.assertRedirects(response, reverse("org:delegations"))
        self.assertTrue(Delegation.objects.filter(delegate=self.an).exists())

    def test_the_page_shows_a_vietnamese_error_for_a_reversed_period(self) -> None:
        self.client.force_login(self.binh)
        response = self.client.post(
            reverse("org:delegations"),
            {
                "delegate": self.an.pk,
                "roles": [Role.Code.UNIT_HEAD],
                "starts_at": "2026-03-05T08:00",
                "ends_at": "2026-03-01T08:00",
                "reason": "x",
            },
        )
        self.assertContains(response, "Thời điểm kết thúc phải sau thời điểm bắt đầu.")
        self.assertFalse(Delegation.objects.exists())

    def test_the_page_offers_only_colleagues_of_the_same_agency(self) -> None:
        self.client.force_login(self.binh)
        response = self.client.get(reverse("org:delegations"))
        self.assertContains(response, self.an.full_name)
        self.assertNotContains(response, self.chi.full_name)
