"""Full-text search: Vietnamese matching and ranking, numbers, phrases, prefixes, the
access rule, facets, saved searches, the page and the API. These tests run on the
database in use, so CI runs them on both engines (SQLite FTS5 and PostgreSQL)."""

import datetime
import io
import json
import time
from unittest import mock

from django.core.management import call_command
from django.db import connection
from django.test import SimpleTestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from congso.archive import search, services
from congso.archive.models import Document, SavedSearch
from congso.archive.search.analysis import analyze, symbol_token
from congso.archive.search.query import parse
from congso.archive.search.results import snippet
from congso.archive.tests.factories import (
    SAMPLE_LETTER,
    make_document,
    make_read_document,
    make_searchable_document,
)
from congso.core.models import AuditEntry
from congso.core.testing import AuditedTransactionTestCase, audit_log_writable
from congso.org import services as org_services
from congso.org.models import Agency
from congso.org.testing import BaseTestCase

DIGITAL = "Kế hoạch chuyển đổi số năm 2025 của Sở, triển khai trên đường truyền mới."
SCATTERED = "Chuyển giao thiết bị. Đổi mới quy trình. Số lượng hồ sơ tăng."


class AnalysisTests(SimpleTestCase):
    def test_tokens_are_folded_paired_and_numbers_compacted(self) -> None:
        found = analyze("Quyết định 749/QĐ-TTg về Chuyển đổi số. Đường")
        self.assertEqual(found.exact[:2], ["quyết", "định"])
        self.assertIn("duong", found.folded)
        self.assertIn("chuyen_doi", found.pairs)
        self.assertNotIn("so_duong", found.pairs)  # no pair across a full stop
        self.assertEqual(found.symbols, ["749qdttg"])

    def test_numbers_in_any_form_give_the_same_token(self) -> None:
        self.assertEqual(symbol_token("749/QĐ-TTg"), symbol_token("749/qd-ttg"))
        for typed in ("749/QĐ-TTg", "749 qd ttg", "QĐ-TTg 749", "749/qđ-ttg"):
            with self.subTest(typed=typed):
                self.assertEqual(parse(typed).symbols, ["749qdttg"])

    def test_queries_keep_quoted_phrases_exact_forms_and_a_prefix(self) -> None:
        query = parse('"chuyển đổi số" bán hàng onl', prefix=True)
        self.assertEqual(query.phrases, [["chuyen", "doi", "so"]])
        self.assertEqual(query.terms, ["ban", "hang"])
        self.assertEqual(query.exact, ["bán", "hàng"])
        self.assertEqual(query.prefix, "onl")
        self.assertTrue(query.require_all)

    def test_a_question_needs_any_of_its_words_and_drops_function_words(self) -> None:
        query = parse("người lao động có được nghỉ phép năm khi làm việc đủ mười hai tháng không")
        self.assertFalse(query.require_all)
        self.assertNotIn("co", query.terms)
        self.assertIn("phep", query.terms)


class MatchingTests(BaseTestCase):
    def find(self, text: str, **options: object) -> list[Document]:
        found = search.search(within=Document.objects.all(), text=text, **options)  # type: ignore[arg-type]
        return [hit.document for hit in found.hits]

    def test_typing_without_tones_or_in_capitals_finds_the_vietnamese_text(self) -> None:
        document = make_searchable_document(self.agency_a, DIGITAL)
        self.assertEqual(self.find("chuyen doi so"), [document])
        self.assertEqual(self.find("DUONG TRUYEN"), [document])
        self.assertEqual(self.find("Chuyển Đổi Số"), [document])
        self.assertEqual(self.find("chuyen doi xanh"), [document])  # any word, when all fail

    def test_the_exact_spelling_ranks_above_the_same_letters_without_tones(self) -> None:
        friend = make_searchable_document(self.agency_a, "Gửi bạn đọc thông tin mới về giá")
        sale = make_searchable_document(self.agency_a, "Thông tin mới về giá bán nhà ở")
        self.assertEqual(self.find("bán"), [sale, friend])
        self.assertEqual(self.find("bạn"), [friend, sale])

    def test_adjacent_syllables_rank_first_and_quoted_phrases_must_be_adjacent(self) -> None:
        scattered = make_searchable_document(self.agency_a, SCATTERED)
        together = make_searchable_document(self.agency_a, DIGITAL)
        self.assertEqual(self.find("chuyển đổi số"), [together, scattered])
        self.assertEqual(self.find('"chuyen doi so"'), [together])
        self.assertEqual(self.find('"doi so chuyen"'), [])

    def test_codes_of_letters_and_digits_are_one_word(self) -> None:
        # PostgreSQL's own parser reads "3e61fe" as a number then a word; the index
        # keeps each token of the analysis whole, as SQLite does.
        coded = make_searchable_document(self.agency_a, "Hồ sơ mã 3e61fe đã nộp")
        self.assertEqual(self.find("3e61fe"), [coded])
        self.assertEqual(self.find('"mã 3e61fe đã"'), [coded])

    def test_quoted_phrases_match_across_punctuation_and_line_breaks(self) -> None:
        # A phrase is its words side by side, whatever stands between them (PostgreSQL
        # first looks a phrase up by its pairs of words, which must cover these too).
        comma = make_searchable_document(self.agency_a, "Công tác phòng, chống ma túy")
        broken = make_searchable_document(self.agency_a, "Quy định quyền và\nnghĩa vụ của bên")
        apart = make_searchable_document(self.agency_a, "Quyền của bên này và nghĩa vụ kia")
        self.assertEqual(self.find('"phòng chống ma túy"'), [comma])
        self.assertEqual(self.find('"quyen va nghia vu"'), [broken])
        self.assertEqual(self.find('"nghia vu" "quyen va"'), [broken])
        self.assertEqual(self.find('"chong ma tuy phong"'), [])
        self.assertIn(apart, self.find("quyền nghĩa vụ"))

    def test_a_document_number_in_any_form_finds_the_document_first(self) -> None:
        decision = make_searchable_document(
            self.agency_a, "QUYẾT ĐỊNH\nSố: 749/QĐ-TTg\nPhê duyệt Chương trình"
        )
        mention = make_searchable_document(
            self.agency_a, "Thực hiện quyết định của Thủ tướng, 749 người tham gia, QĐ mới"
        )
        for typed in ("749/QĐ-TTg", "749/qd-ttg", "749 qd ttg", "QĐ-TTg 749", "qd ttg 749"):
            with self.subTest(typed=typed):
                self.assertEqual(self.find(typed)[0], decision)
        self.assertNotIn(mention, self.find("749/QĐ-TTg"))

    def test_search_as_you_type_completes_the_last_word(self) -> None:
        document = make_searchable_document(self.agency_a, DIGITAL)
        self.assertEqual(self.find("chuyển đổ", prefix=True), [document])
        self.assertEqual(self.find("ke hoach chuyen d", prefix=True), [document])
        self.assertEqual(self.find("đổ"), [])  # a whole word, without the prefix option

    def test_fields_count_more_than_the_same_words_deep_in_the_text(self) -> None:
        body = make_searchable_document(
            self.agency_a, "Báo cáo tổng hợp. " * 20 + "Có nhắc đến bảo hiểm y tế."
        )
        named = make_searchable_document(
            self.agency_a, "Nội dung khác. " * 20, abstract="về bảo hiểm y tế học sinh"
        )
        self.assertEqual(self.find("bảo hiểm y tế"), [named, body])

    def test_words_of_half_the_archive_rank_below_rarer_ones_and_still_find(self) -> None:
        # Such words add next to nothing to bm25, and the ranking pass leaves them out
        # beside rarer ones: documents holding only them come after, newest first.
        common = [make_searchable_document(self.agency_a, f"Kế hoạch năm {n}") for n in range(3)]
        rare = make_searchable_document(self.agency_a, "Đề án số hóa hồ sơ")
        with mock.patch("congso.archive.search.rarity._SECONDS", 0.0):  # counted afresh
            found = self.find("kế hoạch số hóa")  # no document holds all: any will do
        self.assertEqual(found, [rare, *reversed(common)])

    def test_sorting_by_date_puts_the_newest_first(self) -> None:
        older = make_searchable_document(
            self.agency_a, DIGITAL, issued_date=datetime.date(2020, 1, 1)
        )
        newer = make_searchable_document(
            self.agency_a, SCATTERED + " chuyển đổi", issued_date=datetime.date(2025, 1, 1)
        )
        self.assertEqual(self.find("chuyển đổi", by_date=True), [newer, older])

    def test_pages_follow_one_another(self) -> None:
        made = [make_searchable_document(self.agency_a, f"{DIGITAL} {n}") for n in range(5)]
        first = self.find("chuyển đổi số", limit=3)
        second = self.find("chuyển đổi số", limit=3, offset=3)
        self.assertEqual(len(first), 3)
        self.assertEqual(set(first) | set(second), set(made))

    def test_past_the_ranked_candidates_the_other_matches_follow_newest_first(self) -> None:
        older = [make_searchable_document(self.agency_a, f"{SCATTERED} {n}") for n in range(3)]
        named = make_searchable_document(
            self.agency_a, "Nội dung khác chuyển đổi", abstract="chuyển đổi số"
        )
        newer = [make_searchable_document(self.agency_a, f"{DIGITAL} {n}") for n in range(3)]
        with mock.patch("congso.archive.search.query.CANDIDATES", 2):
            pages = [self.find("chuyển đổi", limit=3, offset=o) for o in (0, 3, 6)]
            first = search.search(within=Document.objects.all(), text="chuyển đổi")
            counted = search.facet_counts(within=Document.objects.all(), text="chuyển đổi")
        found = [document for page in pages for document in page]
        self.assertEqual((first.total, first.total_exact), (3, False))  # "more than 2"
        self.assertEqual(search.facet_total(counted), 7)  # the facets count them all
        self.assertEqual(sorted(d.pk for d in found), sorted(d.pk for d in [*older, named, *newer]))
        self.assertEqual(found[0], named)  # its head holds the words: ranked, and first
        self.assertEqual(found[3:], [newer[0], *reversed(older)])  # the rest, newest first

    def test_a_question_ranks_the_documents_holding_its_rarest_words(self) -> None:
        common = [  # the oldest holds the words most often: it would rank first of these
            make_searchable_document(self.agency_a, "Hợp đồng lao động " * (4 - n))
            for n in range(4)
        ]
        rare = make_searchable_document(self.agency_a, "Chế độ thai sản của lao động nữ")
        question = "lao động nữ được nghỉ chế độ thai sản trong bao lâu theo hợp đồng"
        with mock.patch("congso.archive.search.rarity.QUESTION_POOL", 1):
            found = search.search(within=Document.objects.all(), text=question)
        self.assertEqual(found.total, 5)  # all match; only the rarest words' are ranked
        self.assertEqual(found.hits[0].document, rare)
        self.assertEqual([h.document for h in found.hits[1:]], common[::-1])  # newest first

    def test_snippets_mark_the_words_in_the_original_text_escaped(self) -> None:
        make_searchable_document(self.agency_a, "Đề án <b>chuyển đổi số</b> và đường truyền")
        hit = search.search(within=Document.objects.all(), text="chuyen doi so").hits[0]
        self.assertIn("<mark>chuyển</mark> <mark>đổi</mark> <mark>số</mark>", hit.snippet)
        self.assertIn("&lt;b&gt;", hit.snippet)
        exact = search.search(within=Document.objects.all(), text="bán")
        self.assertEqual(exact.hits, [])

    def test_a_snippet_shows_where_most_different_query_words_are_together(self) -> None:
        filler = " ".join(["nội dung khác"] * 60)
        text = f"thuế {filler} thuế thuế {filler} đất đai thuế {filler} thuế"
        query = parse("thuế đất")
        shown = str(snippet(text, query))
        self.assertIn("<mark>đất</mark> đai <mark>thuế</mark>", shown)
        self.assertTrue(shown.startswith("… "))


class IndexFollowsTheDatabaseTests(BaseTestCase):
    def count(self, text: str) -> int:
        return search.search(within=Document.objects.all(), text=text).total

    def test_read_corrected_and_reread_documents_are_found_by_their_new_words(self) -> None:
        document = make_read_document(self.agency_a)
        self.assertEqual(self.count("1234/SNV-VP"), 1)
        services.correct_fields(
            document=document, values={"abstract": "tuyển dụng công chức"}, by=self.an
        )
        self.assertEqual(self.count("tuyen dung"), 1)
        services.reread_document(document=document, by=self.an)
        self.assertEqual(self.count("tuyen dung"), 1)  # a correction survives a re-read

    def test_a_large_batch_is_analysed_on_every_core_to_the_same_tokens(self) -> None:
        documents = [make_document(self.agency_a, text=f"{DIGITAL} {n}") for n in range(4)]
        with (
            mock.patch("congso.archive.search._PARALLEL_FROM", 2),
            mock.patch("congso.archive.search._INSERT_CHUNK", 3),  # rows go in as they come
        ):
            search.index_documents(documents)
        self.assertEqual(self.count("chuyen doi so"), 4)
        self.assertEqual(self.count('"duong truyen" 3'), 1)

    def test_only_processed_documents_are_in_the_index(self) -> None:
        document = make_searchable_document(self.agency_a, DIGITAL)
        document.state = Document.State.FAILED
        search.index_documents([document])
        self.assertEqual(self.count("chuyen doi so"), 0)

    def test_reindex_rebuilds_the_index_and_drops_what_is_gone(self) -> None:
        kept = make_document(self.agency_a, text=DIGITAL)  # never indexed
        gone = make_searchable_document(self.agency_a, SCATTERED)
        Document.objects.filter(pk=gone.pk).update(state=Document.State.FAILED)
        out = io.StringIO()
        call_command("reindex", stdout=out)
        self.assertIn("Đã lập chỉ mục 1 tài liệu.", out.getvalue())
        self.assertEqual(self.count("chuyen doi so"), 1)
        self.assertEqual(self.count("thiet bi"), 0)
        found = search.search(within=Document.objects.all(), text="2025")
        self.assertEqual(found.hits[0].document, kept)


class FlushTests(AuditedTransactionTestCase):
    def test_the_database_empties_with_documents_in_the_index(self) -> None:
        # A foreign key from the PostgreSQL index stopped `flush` (and every browser test).
        make_searchable_document(
            Agency.objects.create(code="T", name="Sở T", kind="so_nganh"), DIGITAL
        )
        with audit_log_writable():
            call_command("flush", interactive=False, verbosity=0)
        self.assertFalse(Document.objects.exists())
        self.assertEqual(search.search(within=Document.objects.all(), text="chuyen").total, 0)


class AccessTests(BaseTestCase):
    def setUp(self) -> None:
        self.own = make_searchable_document(self.agency_a, DIGITAL, doc_type="Kế hoạch")
        self.other = make_searchable_document(
            self.agency_b, DIGITAL + " Bí mật của Sở B.", doc_type="Tờ trình"
        )

    def test_results_counts_facets_and_snippets_come_only_from_visible_documents(self) -> None:
        found = search.search(
            within=Document.objects.visible_to(self.an), text="chuyen doi so bi mat"
        )
        self.assertEqual([hit.document for hit in found.hits], [self.own])
        self.assertEqual(found.total, 1)
        counted = search.facet_counts(
            within=Document.objects.visible_to(self.an), text="chuyen doi so bi mat"
        )
        self.assertEqual(counted["doc_type"], [("Kế hoạch", 1)])
        self.assertNotIn("Sở B", "".join(hit.snippet for hit in found.hits))

    def test_secret_disposed_and_other_agencies_documents_never_come_however_matched(
        self,
    ) -> None:
        # The newest matches are hidden ones: looked at one by one, then (past a probe
        # of two) against the set of visible documents; both ways keep to what An sees.
        hidden = [
            make_searchable_document(
                self.agency_a, f"{DIGITAL} Mật.", secrecy="mat", captured_by=self.binh
            ),
            make_searchable_document(self.agency_a, f"{DIGITAL} Hủy.", disposed_at=timezone.now()),
            make_searchable_document(self.agency_b, DIGITAL),
        ]
        within = Document.objects.visible_to(self.an)
        for probe in (100, 2):
            with self.subTest(probe=probe), mock.patch("congso.archive.search.sqlite.PROBE", probe):
                found = search.search(within=within, text="chuyen doi so")
                self.assertEqual([hit.document for hit in found.hits], [self.own])
                self.assertEqual(found.total, 1)
                by_date = search.search(within=within, text="chuyen doi so", by_date=True)
                self.assertEqual([hit.document for hit in by_date.hits], [self.own])
                question = "kế hoạch chuyển đổi số năm 2025 của sở triển khai đường truyền"
                asked = search.search(within=within, text=question)
                self.assertEqual([hit.document for hit in asked.hits], [self.own])
                counted = search.facet_counts(within=within, text="chuyen doi so")
                self.assertEqual(search.facet_total(counted), 1)
        self.assertEqual(search.search(within=Document.objects.all(), text="chuyen").total, 5)
        self.assertEqual(len(hidden), 3)

    def test_the_page_and_the_api_show_another_agency_nothing(self) -> None:
        self.client.force_login(self.chi)
        response = self.client.get(reverse("archive:search"), {"q": "kế hoạch chuyển đổi số"})
        self.assertContains(response, "Bí mật của Sở B")
        self.assertNotContains(response, "Kế hoạch</a>")
        key = org_services.create_api_token(user=self.an, name="thử")[1]
        body = self.client.get(
            reverse("api:search_documents"),
            {"q": "chuyen doi so"},
            headers={"authorization": f"Bearer {key}"},
        ).json()
        self.assertEqual([r["document"] for r in body["results"]], [str(self.own.uuid)])
        self.assertEqual(body["total"], 1)

    def test_citizens_cannot_search_the_archive(self) -> None:
        self.client.force_login(self.dung)
        response = self.client.get(reverse("archive:search"), {"q": "chuyen doi so"})
        self.assertIn(response.status_code, (403, 404))


class SearchPageTests(BaseTestCase):
    def setUp(self) -> None:
        self.client.force_login(self.an)
        self.plan = make_searchable_document(
            self.agency_a,
            DIGITAL,
            doc_type="Kế hoạch",
            issuer="Sở Nội vụ",
            issued_date=datetime.date(2025, 2, 1),
            unit=self.unit_a,
        )
        self.letter = make_read_document(self.agency_a)

    def test_results_show_snippets_facet_counts_and_filter_by_a_facet(self) -> None:
        url = reverse("archive:search")
        response = self.client.get(url, {"q": "chuyen doi so"})
        self.assertContains(response, "2 văn bản")
        self.assertContains(response, "<mark>chuyển</mark>")
        self.assertContains(response, reverse("archive:search-facets") + "?q=chuyen+doi+so")
        counted = self.client.get(reverse("archive:search-facets"), {"q": "chuyen doi so"})
        self.assertContains(counted, 'Kế hoạch</a> <span class="muted">(1)')
        self.assertContains(counted, 'Đang áp dụng</a> <span class="muted">(2)')
        self.assertContains(counted, "?q=chuyen+doi+so&amp;doc_type=K%E1%BA%BF+ho%E1%BA%A1ch")
        with mock.patch("congso.archive.search.query.CANDIDATES", 1):  # a large archive
            counted_later = self.client.get(url, {"q": "chuyen doi so"})
        self.assertContains(counted_later, "Hơn 1 văn bản")  # until the facets count them
        self.assertContains(
            counted, '<p class="muted" id="result-count" hx-swap-oob="true">2 văn bản'
        )
        self.assertNotContains(response, "Không văn bản nào có đủ các từ")
        partly = self.client.get(url, {"q": "chuyen doi xanh"})
        self.assertContains(partly, "Không văn bản nào có đủ các từ đã gõ")
        narrowed = self.client.get(url, {"q": "chuyen doi so", "doc_type": "Kế hoạch"})
        self.assertContains(narrowed, "1 văn bản")
        dated = self.client.get(url, {"q": "chuyen doi so", "date_from": "2025-03-01"})
        self.assertContains(dated, "1 văn bản")
        self.assertContains(dated, "1234/SNV-VP")
        by_unit = self.client.get(url, {"q": "chuyen doi so", "unit": str(self.unit_a.pk)})
        self.assertContains(by_unit, "1 văn bản")

    def test_a_replaced_document_shows_in_the_validity_facet(self) -> None:
        replacing = SAMPLE_LETTER.replace("Số: 1234/SNV-VP", "Số: 1300/SNV-VP").replace(
            "Sở Nội vụ đề nghị", "Công văn này thay thế Công văn số 1234/SNV-VP. Sở Nội vụ đề nghị"
        )
        make_read_document(self.agency_a, replacing)
        url = reverse("archive:search")
        response = self.client.get(url, {"q": "1234/SNV-VP", "validity": "replaced"})
        self.assertContains(response, "1 văn bản")
        counted = self.client.get(reverse("archive:search-facets"), {"q": "chuyển đổi số"})
        self.assertContains(counted, 'Đã bị thay thế</a> <span class="muted">(1)')
        self.assertContains(counted, 'Đang áp dụng</a> <span class="muted">(2)')

    def test_typing_in_the_box_refreshes_only_the_results(self) -> None:
        response = self.client.get(
            reverse("archive:search"),
            {"q": "chuyển đổ", "as_you_type": "1"},
            headers={"HX-Request": "true"},
        )
        self.assertContains(response, 'id="results"')
        self.assertNotContains(response, "<html")
        self.assertContains(response, "2 văn bản")

    def test_a_search_is_saved_listed_run_again_and_deleted_with_an_audit(self) -> None:
        response = self.client.post(
            reverse("archive:save-search"), {"name": "Chuyển đổi số", "query": "q=chuyen+doi+so"}
        )
        self.assertEqual(response.status_code, 302)
        saved = SavedSearch.objects.get()
        self.assertEqual((saved.owner, saved.agency), (self.an, self.agency_a))
        page = self.client.get(reverse("archive:search"))
        self.assertContains(page, 'href="?q=chuyen+doi+so"')
        self.client.force_login(self.binh)  # a colleague neither sees nor deletes it
        self.assertNotContains(self.client.get(reverse("archive:search")), "q=chuyen+doi+so")
        url = reverse("archive:delete-saved-search", args=[saved.pk])
        self.assertEqual(self.client.post(url).status_code, 404)
        self.client.force_login(self.an)
        self.client.post(url)
        self.assertFalse(SavedSearch.objects.exists())
        verbs = set(AuditEntry.objects.values_list("verb", flat=True))
        self.assertLessEqual({"save_search", "delete_search"}, verbs)

    def test_the_document_page_lists_similar_documents(self) -> None:
        similar = make_searchable_document(
            self.agency_a, "Triển khai kế hoạch chuyển đổi số năm 2025 tại các phòng"
        )
        response = self.client.get(self.letter.get_absolute_url())
        self.assertContains(response, "Văn bản tương tự")
        self.assertContains(response, similar.get_absolute_url())

    def test_a_search_inside_one_dossier_finds_only_its_documents(self) -> None:
        plan = services.create_file_plan(unit=self.unit_a, year=2026, by=self.binh)
        heading = services.add_heading(plan=plan, title="Tổng hợp", abbreviation="TH", by=self.binh)
        dossier = services.open_dossier(
            dossier=services.plan_dossier(
                heading=heading, title="Chuyển đổi số", retention_years=10, by=self.an
            ),
            by=self.an,
        )
        services.file_document(dossier=dossier, document=self.plan, by=self.an)
        url = reverse("archive:search")
        inside = self.client.get(url, {"q": "chuyen doi so", "dossier": str(dossier.pk)})
        self.assertContains(inside, "1 văn bản")
        self.assertContains(self.client.get(dossier.get_absolute_url()), 'name="dossier"')
        counted = self.client.get(reverse("archive:search-facets"), {"q": "chuyen doi so"})
        self.assertContains(counted, f'{dossier}</a> <span class="muted">(1)')

    def test_the_api_answers_with_hits_snippets_and_facets(self) -> None:
        key = org_services.create_api_token(user=self.an, name="thử")[1]
        response = self.client.get(
            reverse("api:search_documents"),
            {"q": "749 qd ttg", "page_size": "5"},
            headers={"authorization": f"Bearer {key}"},
        )
        body = json.loads(response.content)
        self.assertEqual(body["results"][0]["number_symbol"], "1234/SNV-VP")
        self.assertIn("<mark>", body["results"][0]["snippet"])
        self.assertIn({"value": "Công văn", "count": 1}, body["facets"]["doc_type"])
        with mock.patch("congso.archive.search.query.CANDIDATES", 1):
            for facets, total in (("true", (2, True)), ("false", (2, False))):
                counted = self.client.get(
                    reverse("api:search_documents"),
                    {"q": "chuyen doi so", "facets": facets},
                    headers={"authorization": f"Bearer {key}"},
                ).json()
                self.assertEqual((counted["total"], counted["total_exact"]), total)
        bad = self.client.get(
            reverse("api:search_documents"),
            {"q": "x", "date_from": "2025-02-30"},
            headers={"authorization": f"Bearer {key}"},
        )
        self.assertEqual(bad.status_code, 422)


class SqlitePlanTests(BaseTestCase):
    def test_the_full_text_match_runs_once_not_once_per_visible_document(self) -> None:
        # Handing FTS5 the visible ids as a rowid constraint made it evaluate the whole
        # match again for each id: a question took a minute on 2,000 documents.
        if connection.vendor != "sqlite":
            self.skipTest("SQLite FTS5 only")
        with CaptureQueriesContext(connection) as ran:
            search.get_index().count(parse("thuế"), Document.objects.filter(agency=self.agency_a))
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN QUERY PLAN {ran.captured_queries[-1]['sql']}")
            plan = " ".join(str(row[-1]) for row in cursor.fetchall())
        self.assertRegex(plan, r"VIRTUAL TABLE INDEX \d+:M")

    def test_what_a_user_may_see_is_read_from_one_index_not_from_the_rows(self) -> None:
        # The rows hold the text: reading them for the access rule took 95 ms at 100,000
        # documents, the index 3 ms.
        if connection.vendor != "sqlite":
            self.skipTest("SQLite only")
        visible = Document.objects.visible_to(self.binh).filter(issuer__iexact="Sở Nội vụ")
        sql, params = visible.order_by().values("id").query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
            plan = " ".join(str(row[-1]) for row in cursor.fetchall())
        self.assertIn("COVERING INDEX archive_doc_visible_idx", plan)


class PostgresPlanTests(BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        if connection.vendor != "postgresql":
            self.skipTest("PostgreSQL only")

    def test_facets_never_scan_the_index_table(self) -> None:
        # A scan reads every document's vector: the facets of "hợp đồng" took 0.8 s at
        # 100,000 documents when the planner, counting half of them as matches, chose it.
        make_searchable_document(self.agency_a, "Hợp đồng lao động")
        within = Document.objects.filter(agency=self.agency_a)
        with CaptureQueriesContext(connection) as ran:
            counted = search.facet_counts(within=within, text="hợp đồng")
        self.assertEqual(search.facet_total(counted), 1)
        statements = [query["sql"] for query in ran.captured_queries]
        grouped = next(i for i, sql in enumerate(statements) if "GROUP BY" in sql)
        off = max(i for i, sql in enumerate(statements[:grouped]) if "SET enable_seqscan" in sql)
        self.assertNotIn("RESET", " ".join(statements[off:grouped]))
        self.assertIn("RESET enable_seqscan", " ".join(statements[grouped:]))


class PostgresIndexTests(BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        if connection.vendor != "postgresql":
            self.skipTest("PostgreSQL only")

    def test_a_document_indexed_twice_at_once_keeps_its_last_row(self) -> None:
        # Rows go in by COPY after their old rows are deleted; a row already there (the
        # same document indexed by another process meanwhile) falls back to an upsert.
        document = make_searchable_document(self.agency_a, DIGITAL)
        index = search.get_index()
        first = index.columns(analyze("chuyển giao thiết bị"))
        second = index.columns(analyze("tuyển dụng công chức"))
        index.replace([(document.pk, first), (document.pk, second)])
        within = Document.objects.filter(pk=document.pk)
        self.assertEqual(search.search(within=within, text="tuyen dung").total, 1)
        self.assertEqual(search.search(within=within, text="thiet bi").total, 0)
        self.assertEqual(search.search(within=within, text="chuyen doi so").total, 0)

    def test_a_large_batch_is_found_whole_with_its_pending_entries_merged_meanwhile(self) -> None:
        # While a large batch goes in, a second connection merges the GIN index's pending
        # entries, here after every row: the rows of an open transaction included.
        documents = [make_document(self.agency_a, text=f"{DIGITAL} {n}") for n in range(6)]
        with (
            mock.patch("congso.archive.search._PARALLEL_FROM", 2),
            mock.patch("congso.archive.search._INSERT_CHUNK", 1),
            mock.patch("congso.archive.search.postgres._MERGE_EVERY", 0.001),
        ):
            search.index_documents(documents)
        within = Document.objects.filter(agency=self.agency_a)
        self.assertEqual(search.search(within=within, text="chuyen doi so").total, 6)
        self.assertEqual(search.search(within=within, text='"duong truyen" 3').total, 1)

    def test_the_merging_connection_gives_up_on_a_lock_the_writer_holds(self) -> None:
        # TRUNCATE in the writer's transaction locks the index until it commits, after
        # the batch: were the merging connection to wait for the lock, the batch, which
        # waits for it at its end, would never end.
        index = search.get_index()
        index.clear()
        with (
            mock.patch("congso.archive.search.postgres._MERGE_EVERY", 0.001),
            self.assertLogs("congso.archive.search.postgres", "INFO") as logs,
            index.writing_many(),
        ):
            time.sleep(0.3)  # the batch's writes
        self.assertIn("lock timeout", logs.output[0])
        document = make_searchable_document(self.agency_a, DIGITAL)
        within = Document.objects.filter(pk=document.pk)
        self.assertEqual(search.search(within=within, text="chuyen doi so").total, 1)

    def test_long_texts_keep_a_words_first_positions_and_none_past_the_last(self) -> None:
        # PostgreSQL keeps a word's first 256 positions and counts none past 16,383.
        document = make_searchable_document(self.agency_a, "và " * 17000 + "chuyển đổi số")
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT lexeme, positions FROM unnest((SELECT body FROM archive_search "
                "WHERE document_id = %s)) WHERE lexeme IN ('va', 'so')",
                [document.pk],
            )
            positions = dict(cursor.fetchall())
        self.assertEqual(len(positions["va"]), 256)
        self.assertEqual(positions["so"], [16383])
        within = Document.objects.filter(pk=document.pk)
        self.assertEqual(search.search(within=within, text="chuyen doi so").total, 1)
