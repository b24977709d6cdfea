"""Walks every URL of the project as the outsider, the anonymous user and the citizen.

Every named URL must have an entry in URL_CASES (or be a Django admin URL). When you
add a URL, add its case here: how to build it from the named people's objects, and
who may reach it. The test fails for a URL with no case, so none is forgotten.
"""

import datetime
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from congso.archive import services as archive_services
from congso.archive import storage
from congso.archive.models import (
    ClassificationRule,
    Disposal,
    Document,
    DocumentVersion,
    Dossier,
    SavedSearch,
)
from congso.archive.tests.factories import make_read_document, make_rule
from congso.org import services
from congso.org.models import ApiToken, Delegation, Role
from congso.org.testing import BaseTestCase
from congso.workflow.models import Assignment, IncomingDocument, OutgoingDocument, Process
from congso.workflow.tests.factories import make_incoming, make_outgoing

PUBLIC = "public"  # anyone, logged in or not
API = "api"  # the JSON API: an API key of the owning agency's staff
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
    content_type: str | None = None  # "application/json" for JSON bodies
    owner_status: int = 200  # what the owning agency's staff get (302 for a redirect)
    # What staff of another agency get; by default 404 when the URL names an object.
    outsider_status: int | None = None

    def expected_for_outsider(self, test: "URLAccessTests") -> int:
        if self.outsider_status is not None:
            return self.outsider_status
        return 404 if self.kwargs(test) else 200


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
    "home": URLCase(LOGGED_IN, secrets=lambda t: [t.agency_a.name, t.document_a.title]),
    "password_change": URLCase(LOGGED_IN),
    "password_change_done": URLCase(LOGGED_IN),
    "org:account": URLCase(LOGGED_IN, secrets=lambda t: [t.agency_a.name, t.an.full_name]),
    "org:directory": URLCase(STAFF, secrets=lambda t: [t.unit_a.name, t.an.full_name]),
    "org:unit-detail": URLCase(STAFF, lambda t: {"pk": t.unit_a.pk}),
    "org:post-detail": URLCase(STAFF, lambda t: {"pk": t.an.active_post_id}),
    "org:switch-post": URLCase(
        STAFF, method="post", post_data={"post": "__an_post__"}, outsider_status=404
    ),
    "org:delegations": URLCase(STAFF, secrets=lambda t: [t.an.full_name, t.binh.full_name]),
    "org:revoke-delegation": URLCase(STAFF, lambda t: {"pk": t.delegation_a.pk}, method="post"),
    "org:audit-log": URLCase(STAFF, secrets=lambda t: [t.unit_a.name]),
    "org:create-api-token": URLCase(STAFF, method="post", post_data={"name": "Máy quét"}),
    "org:revoke-api-token": URLCase(STAFF, lambda t: {"pk": t.token_a.pk}, method="post"),
    "archive:document-list": URLCase(STAFF, secrets=lambda t: [t.document_a.title]),
    "archive:upload": URLCase(STAFF),
    "archive:document-detail": URLCase(STAFF, lambda t: {"uuid": t.document_a.uuid}),
    "archive:download-original": URLCase(STAFF, lambda t: {"uuid": t.document_a.uuid}),
    "archive:download-archive": URLCase(STAFF, lambda t: {"uuid": t.document_a.uuid}),
    "archive:page-thumbnail": URLCase(STAFF, lambda t: {"uuid": t.document_a.uuid, "number": 1}),
    "archive:retry": URLCase(STAFF, lambda t: {"uuid": t.document_a.uuid}, method="post"),
    "archive:rerun": URLCase(STAFF, lambda t: {"uuid": t.document_a.uuid}, method="post"),
    "archive:document-fields": URLCase(
        STAFF, lambda t: {"uuid": t.document_a.uuid}, secrets=lambda t: [t.document_a.abstract]
    ),
    "archive:reread": URLCase(STAFF, lambda t: {"uuid": t.document_a.uuid}, method="post"),
    "archive:check-next": URLCase(STAFF, outsider_status=302, owner_status=302),
    "archive:citations-unresolved": URLCase(STAFF, secrets=lambda t: ["749/QĐ-TTg"]),
    "archive:rule-list": URLCase(STAFF, secrets=lambda t: [t.rule_a.field_of_work]),
    "archive:rules-apply": URLCase(STAFF, method="post", outsider_status=302),
    "archive:rule-edit": URLCase(STAFF, lambda t: {"pk": t.rule_a.pk}),
    "archive:rule-delete": URLCase(STAFF, lambda t: {"pk": t.rule_a.pk}, method="post"),
    "archive:search": URLCase(
        STAFF, post_data={"q": "chuyen doi so"}, secrets=lambda t: ["1234/SNV-VP", "Phòng Hành"]
    ),
    "archive:search-facets": URLCase(
        STAFF, post_data={"q": "chuyen doi so"}, secrets=lambda t: ["Công văn", "Phòng Hành"]
    ),
    "archive:save-search": URLCase(
        STAFF,
        method="post",
        post_data={"name": "Tìm thử", "query": "q=a"},
        owner_status=302,
        outsider_status=302,
    ),
    "archive:delete-saved-search": URLCase(
        STAFF, lambda t: {"pk": t.saved_a.pk}, method="post", owner_status=302
    ),
    "archive:document-readers": URLCase(
        STAFF,
        lambda t: {"uuid": t.document_a.uuid},
        method="post",
        owner_status=403,  # An is a clerk: only the agency's leaders name readers
        outsider_status=404,
    ),
    "archive:add-version": URLCase(
        STAFF, lambda t: {"uuid": t.document_a.uuid}, method="post", owner_status=302
    ),
    "archive:download-version": URLCase(STAFF, lambda t: {"uuid": t.document_a.uuid, "number": 1}),
    "archive:disposals": URLCase(STAFF),
    "archive:dossiers-export": URLCase(
        STAFF, post_data={"dossiers": "__dossier_a__"}, outsider_status=404
    ),
    "archive:disposal-decide": URLCase(
        STAFF,
        lambda t: {"pk": t.disposal_a.pk},
        method="post",
        owner_status=403,  # An is a clerk: only the agency's leaders decide
        outsider_status=404,
    ),
    "archive:file-plan": URLCase(STAFF, secrets=lambda t: ["Hồ sơ riêng của Sở A"]),
    "archive:dossier-detail": URLCase(
        STAFF, lambda t: {"pk": t.dossier_a.pk}, secrets=lambda t: ["Hồ sơ riêng của Sở A"]
    ),
    "archive:dossier-export": URLCase(STAFF, lambda t: {"pk": t.dossier_a.pk}),
    "archive:dossier-action": URLCase(
        STAFF,
        lambda t: {"pk": t.dossier_a.pk},
        method="post",
        post_data={"action": "close"},
        owner_status=302,
    ),
    "archive:file-document": URLCase(
        STAFF,
        lambda t: {"uuid": t.document_a.uuid},
        method="post",
        post_data={"dossier": "0"},
        owner_status=302,
    ),
    "workflow:register-incoming": URLCase(STAFF, secrets=lambda t: [t.agency_a.name]),
    # An export names no object: staff of another agency get their own (empty) register.
    "workflow:register-incoming-export": URLCase(
        STAFF, lambda t: {"fmt": "xlsx"}, outsider_status=200
    ),
    "workflow:register-outgoing": URLCase(STAFF, secrets=lambda t: [t.agency_a.name]),
    "workflow:register-outgoing-export": URLCase(
        STAFF, lambda t: {"fmt": "pdf"}, outsider_status=200
    ),
    "workflow:incoming-list": URLCase(STAFF, secrets=lambda t: ["Văn bản đến riêng của Sở A"]),
    "workflow:incoming-new": URLCase(STAFF),
    "workflow:incoming-detail": URLCase(
        STAFF, lambda t: {"uuid": t.incoming_a.uuid}, secrets=lambda t: ["riêng của Sở A"]
    ),
    "workflow:incoming-action": URLCase(
        STAFF,
        lambda t: {"uuid": t.incoming_a.uuid},
        method="post",
        post_data={"action": "return_to_sender", "reason": "Thử"},
        owner_status=302,
    ),
    "workflow:outgoing-list": URLCase(STAFF, secrets=lambda t: ["Văn bản đi riêng của Sở A"]),
    "workflow:outgoing-new": URLCase(STAFF),
    "workflow:outgoing-detail": URLCase(
        STAFF, lambda t: {"uuid": t.outgoing_a.uuid}, secrets=lambda t: ["riêng của Sở A"]
    ),
    "workflow:outgoing-action": URLCase(
        STAFF,
        lambda t: {"uuid": t.outgoing_a.uuid},
        method="post",
        post_data={"action": "acknowledge"},
        owner_status=404,  # no such dispatch: the page offers the button only with one
    ),
    # Processes are for leaders and administrators: Chi leads agency B and sees B's only.
    "workflow:process-list": URLCase(
        STAFF, outsider_status=200, secrets=lambda t: ["Quy trình riêng"]
    ),
    "workflow:process-new": URLCase(STAFF, outsider_status=200),
    "workflow:process-edit": URLCase(STAFF, lambda t: {"pk": t.process_a.pk}),
    "api:list_incoming": URLCase(API, secrets=lambda t: ["Văn bản đến riêng của Sở A"]),
    "api:register_incoming": URLCase(
        API,
        method="post",
        post_data={"document": "__document_a__", "sender": "Sở Y tế"},
        content_type="application/json",
    ),
    "api:get_incoming": URLCase(API, lambda t: {"item_uuid": t.incoming_a.uuid}),
    "api:register_received": URLCase(
        API,
        lambda t: {"item_uuid": t.incoming_a.uuid},
        method="post",
        content_type="application/json",
    ),
    "api:assign_incoming": URLCase(
        API,
        lambda t: {"item_uuid": t.incoming_a.uuid},
        method="post",
        content_type="application/json",
    ),
    "api:reassign": URLCase(
        API,
        lambda t: {"item_uuid": t.incoming_a.uuid, "pk": t.assignment_a.pk},
        method="post",
        post_data={"user": 1},
        content_type="application/json",
    ),
    "api:assignment_action": URLCase(
        API,
        lambda t: {"item_uuid": t.incoming_a.uuid, "pk": t.assignment_a.pk, "action": "finish"},
        method="post",
        content_type="application/json",
    ),
    "api:list_outgoing": URLCase(API, secrets=lambda t: ["Văn bản đi riêng của Sở A"]),
    "api:create_draft": URLCase(
        API,
        method="post",
        post_data={"document": "__document_a__", "doc_type": "Công văn", "abstract": "X"},
        content_type="application/json",
    ),
    "api:get_outgoing": URLCase(API, lambda t: {"item_uuid": t.outgoing_a.uuid}),
    "api:issue_outgoing": URLCase(
        API,
        lambda t: {"item_uuid": t.outgoing_a.uuid},
        method="post",
        content_type="application/json",
    ),
    "api:outgoing_action": URLCase(
        API,
        lambda t: {"item_uuid": t.outgoing_a.uuid, "action": "recall"},
        method="post",
        content_type="application/json",
    ),
    # The workflow home lists agency A's units (overdue by unit) and the unit's open work.
    "workflow:dashboard": URLCase(
        STAFF, secrets=lambda t: [t.unit_a.name, "Văn bản đến riêng của Sở A"]
    ),
    "workflow:notices": URLCase(STAFF),
    "api:api-root": URLCase(PUBLIC),
    "api:openapi-json": URLCase(PUBLIC),
    "api:openapi-view": URLCase(PUBLIC),
    "api:create_document": URLCase(API, method="post"),
    "api:list_documents": URLCase(API, secrets=lambda t: [t.document_a.title]),
    "api:get_document": URLCase(API, lambda t: {"document_uuid": t.document_a.uuid}),
    "api:get_original": URLCase(API, lambda t: {"document_uuid": t.document_a.uuid}),
    "api:get_archive": URLCase(API, lambda t: {"document_uuid": t.document_a.uuid}),
    "api:retry_document": URLCase(
        API, lambda t: {"document_uuid": t.document_a.uuid}, method="post"
    ),
    "api:update_fields": URLCase(
        API,
        lambda t: {"document_uuid": t.document_a.uuid},
        method="patch",
        post_data={"place": "Thủ Dầu Một"},
        content_type="application/json",
    ),
    "api:list_unresolved_citations": URLCase(API, secrets=lambda t: ["749/QĐ-TTg"]),
    "api:search_documents": URLCase(
        API, post_data={"q": "chuyen doi so"}, secrets=lambda t: ["1234/SNV-VP"]
    ),
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
    token_a: ApiToken
    document_a: Document
    rule_a: ClassificationRule
    saved_a: SavedSearch
    dossier_a: Dossier
    disposal_a: Disposal
    incoming_a: IncomingDocument
    assignment_a: Assignment
    outgoing_a: OutgoingDocument
    process_a: Process
    keys: dict[str, str]

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        now = timezone.now()
        cls.delegation_a = services.delegate_roles(
            delegator=cls.binh,
            delegate=cls.an,
            roles=Role.objects.filter(code=Role.Code.UNIT_HEAD),
            starts_at=now,
            ends_at=now + datetime.timedelta(days=3),
            reason="Đi công tác",
        )
        cls.token_a, _key = services.create_api_token(user=cls.an, name="Máy quét A")
        cls.document_a = make_read_document(cls.agency_a, title="Quyết định riêng của Sở A")
        cls.rule_a = make_rule(cls.agency_a, field_of_work="Lĩnh vực riêng của Sở A")
        cls.saved_a = archive_services.save_search(owner=cls.an, name="Của An", query="q=a")
        kept = storage.version_name(cls.agency_a.pk, cls.document_a.uuid, 1)
        storage.absolute(kept).parent.mkdir(parents=True, exist_ok=True)
        storage.absolute(kept).write_bytes(b"Quyet dinh rieng, ban dau")
        DocumentVersion.objects.create(
            document=cls.document_a,
            number=1,
            original=kept,
            original_name="ban-dau.txt",
            sha256="0" * 64,
            size=25,
            captured_at=now,
        )
        plan = archive_services.create_file_plan(unit=cls.unit_a, year=2026, by=cls.binh)
        heading = archive_services.add_heading(
            plan=plan, title="Tổng hợp", abbreviation="TH", by=cls.binh
        )
        cls.dossier_a = archive_services.plan_dossier(
            heading=heading, title="Hồ sơ riêng của Sở A", retention_years=10, by=cls.binh
        )
        cls.incoming_a = make_incoming(cls.agency_a, abstract="Văn bản đến riêng của Sở A")
        cls.assignment_a = Assignment.objects.create(
            incoming=cls.incoming_a, role="lead", unit=cls.unit_a, assigned_by=cls.binh
        )
        cls.outgoing_a = make_outgoing(cls.agency_a, cls.an, abstract="Văn bản đi riêng của Sở A")
        cls.process_a = Process.objects.create(
            agency=cls.agency_a, name="Quy trình riêng của Sở A", direction="outgoing"
        )
        cls.disposal_a = Disposal.objects.create(
            agency=cls.agency_a, number=1, reason="Hết hạn", proposed_by=cls.an
        )
        cls.keys = {
            person.username: services.create_api_token(user=person, name="Khóa thử")[1]
            for person in (cls.an, cls.binh, cls.chi, cls.dung)
        }

    def _request(self, name: str, case: URLCase, *, key: str = "") -> Any:
        url = reverse(name, kwargs=case.kwargs(self))
        data = {
            k: (
                self.an.active_post_id
                if v == "__an_post__"
                else self.dossier_a.pk
                if v == "__dossier_a__"
                else str(self.document_a.uuid)
                if v == "__document_a__"
                else v
            )
            for k, v in case.post_data.items()
        }
        headers = {"authorization": f"Bearer {key}"} if key else {}
        extra = {"content_type": case.content_type} if case.content_type else {}
        return getattr(self.client, case.method)(url, data, headers=headers, **extra)

    def test_every_url_has_an_access_case(self) -> None:
        names = {n for n in _named_urls(get_resolver()) if n.split(":")[0] not in DJANGO_NAMESPACES}
        self.assertEqual(names - URL_CASES.keys(), set(), "add these URLs to URL_CASES")
        self.assertEqual(URL_CASES.keys() - names, set(), "these cases name no URL")

    def test_anonymous_users_are_sent_to_login(self) -> None:
        login = reverse("login")
        for name, case in URL_CASES.items():
            if case.audience in (PUBLIC, API):
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
                self.assertEqual(response.status_code, case.expected_for_outsider(self))
                for secret in case.secrets(self):
                    self.assertNotContains(response, secret, status_code=response.status_code)

    def test_citizens_reach_no_staff_page_and_only_their_own_things(self) -> None:
        self.client.force_login(self.dung)
        for name, case in URL_CASES.items():
            if case.audience in (PUBLIC, API) or name == "logout":
                continue
            with self.subTest(url=name):
                response = self._request(name, case)
                if case.audience == STAFF:
                    self.assertIn(response.status_code, (403, 404))
                for secret in case.secrets(self):
                    self.assertNotContains(response, secret, status_code=response.status_code)

    def test_the_api_refuses_requests_without_a_valid_key(self) -> None:
        for name, case in URL_CASES.items():
            if case.audience != API:
                continue
            with self.subTest(url=name):
                self.assertEqual(self._request(name, case).status_code, 401)
                self.assertEqual(self._request(name, case, key="cs_wrong").status_code, 401)

    def test_the_api_shows_another_agency_and_citizens_nothing(self) -> None:
        for person in ("chi", "dung"):
            for name, case in URL_CASES.items():
                if case.audience != API or name == "api:create_document":
                    continue
                with self.subTest(url=name, person=person):
                    response = self._request(name, case, key=self.keys[person])
                    if case.kwargs(self):
                        self.assertEqual(response.status_code, 404)
                    for secret in case.secrets(self):
                        self.assertNotContains(response, secret, status_code=response.status_code)

    def test_the_api_serves_the_owning_agency(self) -> None:
        for name, case in URL_CASES.items():
            if case.audience != API or case.method == "post":
                continue
            with self.subTest(url=name):
                response = self._request(name, case, key=self.keys["binh"])
                self.assertEqual(response.status_code, 200)

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
                self.assertEqual(self._request(name, case).status_code, case.owner_status)
