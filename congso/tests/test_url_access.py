"""Walks every URL of the project as the outsider, the anonymous user and the citizen.

Every named URL must have an entry in URL_CASES (or be a Django admin URL). When you
add a URL, add its case here: how to build it from the named people's objects, and
who may reach it. The test fails for a URL with no case, so none is forgotten.
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver, reverse

from congso.org import services
from congso.org.models import Delegation, Role
from congso.org.testing import BaseTestCase

PUBLIC = "public"  # anyone, logged in or not
LOGGED_IN = "logged_in"  # any account; shows only the user's own things
STAFF = "staff"  # staff of the agency that owns the object; citizens get 403/404


@dataclass
class URLCase:
    audience: str
    kwargs: Callable[["URLAccessTests"], dict[str, Any]] = lambda t: {}
    method: str = "get"
    # Text of agency A's data that must never reach anyone outside agency A.
    secrets: Callable[["URLAccessTests"], list[str]] = lambda t: []
    post_data: dict[str, Any] = field(default_factory=dict)


URL_CASES: dict[str, URLCase] = {
    "landing": URLCase(PUBLIC),
    "healthz": URLCase(PUBLIC),
    "login": URLCase(PUBLIC),
    "password_reset": URLCase(PUBLIC),
    "password_reset_done": URLCase(PUBLIC),
    "password_reset_complete": URLCase(PUBLIC),
    "password_reset_confirm": URLCase(PUBLIC, lambda t: {"uidb64": "x", "token": "y"}),
    "set_language": URLCase(PUBLIC, method="post", post_data={"language": "en"}),
    "logout": URLCase(PUBLIC, method="post"),
    "home": URLCase(LOGGED_IN, secrets=lambda t: [t.agency_a.name]),
    "password_change": URLCase(LOGGED_IN),
    "password_change_done": URLCase(LOGGED_IN),
    "org:account": URLCase(LOGGED_IN, secrets=lambda t: [t.agency_a.name, t.an.full_name]),
    "org:directory": URLCase(STAFF, secrets=lambda t: [t.unit_a.name, t.an.full_name]),
    "org:unit-detail": URLCase(STAFF, lambda t: {"pk": t.unit_a.pk}),
    "org:post-detail": URLCase(STAFF, lambda t: {"pk": t.an.active_post_id}),
    "org:switch-post": URLCase(STAFF, method="post", post_data={"post": "__an_post__"}),
    "org:delegations": URLCase(STAFF, secrets=lambda t: [t.an.full_name, t.binh.full_name]),
    "org:revoke-delegation": URLCase(STAFF, lambda t: {"pk": t.delegation_a.pk}, method="post"),
    "org:audit-log": URLCase(STAFF, secrets=lambda t: [t.unit_a.name]),
}

# Namespaces served by Django itself with their own access rules (staff-only admin).
DJANGO_NAMESPACES = {"admin"}


def _named_urls(resolver: URLResolver, namespace: str = "") -> Iterator[str]:
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _named_urls(pattern, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}{pattern.name}"


class URLAccessTests(BaseTestCase):
    delegation_a: Delegation

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        import datetime

        from django.utils import timezone

        now = timezone.now()
        cls.delegation_a = services.delegate_roles(
            delegator=cls.binh,
            delegate=cls.an,
            roles=Role.objects.filter(code=Role.Code.UNIT_HEAD),
            starts_at=now,
            ends_at=now + datetime.timedelta(days=3),
            reason="Đi công tác",
        )

    def _request(self, name: str, case: URLCase) -> Any:
        url = reverse(name, kwargs=case.kwargs(self))
        data = {
            k: (self.an.active_post_id if v == "__an_post__" else v)
            for k, v in case.post_data.items()
        }
        return getattr(self.client, case.method)(url, data)

    def test_every_url_has_an_access_case(self) -> None:
        names = {n for n in _named_urls(get_resolver()) if n.split(":")[0] not in DJANGO_NAMESPACES}
        self.assertEqual(names - URL_CASES.keys(), set(), "add these URLs to URL_CASES")
        self.assertEqual(URL_CASES.keys() - names, set(), "these cases name no URL")

    def test_anonymous_users_are_sent_to_login(self) -> None:
        login = reverse("login")
        for name, case in URL_CASES.items():
            if case.audience == PUBLIC:
                continue
            with self.subTest(url=name):
                response = self._request(name, case)
                self.assertEqual(response.status_code, 302)
                self.assertTrue(response["Location"].startswith(login))

    def test_staff_of_another_agency_get_404_and_see_nothing(self) -> None:
        self.client.force_login(self.chi)
        for name, case in URL_CASES.items():
            if case.audience != STAFF:
                continue
            with self.subTest(url=name):
                response = self._request(name, case)
                if case.kwargs(self) or case.method == "post":
                    self.assertEqual(response.status_code, 404)
                else:
                    self.assertEqual(response.status_code, 200)
                for secret in case.secrets(self):
                    self.assertNotContains(response, secret, status_code=response.status_code)

    def test_citizens_reach_no_staff_page_and_only_their_own_things(self) -> None:
        self.client.force_login(self.dung)
        for name, case in URL_CASES.items():
            if case.audience == PUBLIC or name == "logout":
                continue
            with self.subTest(url=name):
                response = self._request(name, case)
                if case.audience == STAFF:
                    self.assertIn(response.status_code, (403, 404))
                for secret in case.secrets(self):
                    self.assertNotContains(response, secret, status_code=response.status_code)

    def test_admin_is_closed_to_staff_and_citizens_without_admin_rights(self) -> None:
        for person in (self.chi, self.dung, self.binh):
            self.client.force_login(person)
            response = self.client.get(reverse("admin:org_agency_changelist"))
            self.assertEqual(response.status_code, 302, person)

    def test_staff_of_the_owning_agency_reach_every_staff_page(self) -> None:
        self.client.force_login(self.binh)
        assert self.binh.active_post is not None
        self.binh.active_post.roles.add(Role.objects.get(code=Role.Code.LEADER))
        for name, case in URL_CASES.items():
            if case.audience != STAFF or case.method == "post":
                continue
            with self.subTest(url=name):
                self.assertEqual(self._request(name, case).status_code, 200)
