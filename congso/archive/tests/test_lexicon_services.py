"""Each agency's lexicon: what it learns, and its use on scanned fields."""

import unicodedata

from django.core.management.base import CommandError
from django.test import SimpleTestCase

from congso.archive import samples, services
from congso.archive.lexicon import Lexicon
from congso.archive.reading import Line, read
from congso.archive.services import lexicon
from congso.archive.tests.factories import make_document, make_read_document
from congso.org.testing import BaseTestCase


class AgencyLexiconTests(BaseTestCase):
    def test_it_learns_born_digital_pages_checked_fields_and_place_names(self) -> None:
        letter = make_read_document(self.agency_a)
        letter.pages.update(text="Kế hoạch chuyển đổi số của Sở")
        services.correct_fields(
            document=letter, values={"abstract": "Lập hồ sơ điện tử"}, by=self.an
        )
        texts = "\n".join(lexicon._agency_texts(self.agency_a.pk))
        learned_texts = ("Kế hoạch chuyển đổi số", "Lập hồ sơ điện tử", self.agency_a.name)
        for learned in (*learned_texts, self.an.full_name):
            self.assertIn(learned, texts)
        self.assertIn("Tỉnh Bình Dương", lexicon.seed_texts()[0])
        stored = lexicon.learn_lexicon(agency_id=self.agency_a.pk)
        path = lexicon.lexicon_path(self.agency_a.pk)
        self.assertEqual(Lexicon.from_bytes(path.read_bytes()).tokens, stored.tokens)

    def test_a_staff_members_name_read_with_a_wrong_mark_is_put_right(self) -> None:
        learned = lexicon.learn_lexicon(agency_id=self.agency_a.pk)
        self.assertEqual(learned.correct_name("Nguyễn Thi Ăn"), "Nguyễn Thị An")

    def test_ocr_output_is_never_learned_and_agencies_never_share(self) -> None:
        scanned = make_document(self.agency_a, content=b"quet", text="chỉ tiết sai")
        scanned.pages.update(text="chỉ tiết sai", text_source="ocr")
        secret = "Dự án Sao Khuê bí mật"
        make_document(self.agency_b, content=secret.encode(), text=secret)
        texts = "\n".join(lexicon._agency_texts(self.agency_a.pk))
        self.assertNotIn("chỉ tiết", texts)
        self.assertNotIn("Sao Khuê", texts)

    def test_one_learned_before_an_upgrade_changed_the_shipped_words_is_learned_again(
        self,
    ) -> None:
        current = lexicon.lexicon_path(self.agency_a.pk)
        current.parent.mkdir(parents=True, exist_ok=True)
        current.unlink(missing_ok=True)  # only lexicons of earlier versions are stored
        older = Lexicon()
        older.learn("Sở Nội vụ")
        stale = [current.with_name(f"agency-{self.agency_a.pk}{end}") for end in (".lex", "-0.lex")]
        for path in stale:
            path.write_bytes(older.to_bytes())
        other_agency = current.with_name(f"agency-{self.agency_a.pk}0-0.lex")
        other_agency.write_bytes(older.to_bytes())
        learned = lexicon.agency_lexicon(self.agency_a.pk)
        self.assertGreater(learned.tokens, older.tokens)  # the shipped words are in
        self.assertEqual([p.exists() for p in stale], [False, False])
        self.assertTrue(current.exists() and other_agency.exists())

    def test_it_is_learned_on_first_use_and_loaded_once(self) -> None:
        first = lexicon.agency_lexicon(self.agency_a.pk)
        self.assertIs(lexicon.agency_lexicon(self.agency_a.pk), first)


class ShippedLexiconTests(SimpleTestCase):
    """What an agency with no documents yet corrects its scans with."""

    def test_the_administrative_words_shipped_put_right_tesseracts_commonest_misreadings(
        self,
    ) -> None:
        shipped = lexicon.shipped_lexicon()
        places_only = Lexicon()
        places_only.learn(lexicon.seed_texts()[0])
        misread = {
            "Quy định chỉ tiết một số điều của Luật": "Quy định chi tiết một số điều của Luật",
            "SỬA ĐỐI, BỐ SUNG MỘT SỐ ĐIỀU": "SỬA ĐỔI, BỔ SUNG MỘT SỐ ĐIỀU",
            "cơ cấu tổ chúc của Sở Nội vụ": "cơ cấu tổ chức của Sở Nội vụ",
            "BỘCÔNGAN": "BỘ CÔNG AN",
            "công tác thị đua, khen thưởng": "công tác thi đua, khen thưởng",
            "KHU VỤC HÀNG HẢI": "KHU VỰC HÀNG HẢI",
            "dịch vụ tư vần pháp luật": "dịch vụ tư vấn pháp luật",
            "nghị quyết số 51/NQ-HỬND của HỞND tỉnh": "nghị quyết số 51/NQ-HĐND của HĐND tỉnh",
            "ĐẶC KHU THUỘC TĨNH, THÀNH PHỐ": "ĐẶC KHU THUỘC TỈNH, THÀNH PHỐ",
            "phòng, chống đdoping trong thể thao": "phòng, chống doping trong thể thao",
            "CHỐNG THAM NHŨNG, TIỂU CỤC": "CHỐNG THAM NHŨNG, TIÊU CỰC",
            "VỀ KHÍ THÁI XE MÔ TÔ": "VỀ KHÍ THẢI XE MÔ TÔ",
        }
        for scanned, meant in misread.items():
            self.assertEqual(shipped.correct(scanned), meant)
            self.assertEqual(places_only.correct(scanned), scanned)  # the words did it
        # Counted once, a phrase it holds once ("khoản chi", "trợ cấp") is not enough to
        # change a real word: a thin lexicon must not "correct" right text.
        right = ["định mức khoán chi cho nhiệm vụ", "trợ cấp hưu trí xã hội"]
        right += ["sử dụng tại quyết định số", "với hình thức nhà nước cho thuê đất"]
        # Place names are words too: without the wording of roads and islands, "cao tốc"
        # became "Cao Lộc", "xã đảo" "xã đào" and "lòng hồ" "Long Hồ".
        right += ["quy chuẩn về đường bộ cao tốc", "công nhận xã đảo"]
        right += ["cát, sỏi lòng sông, lòng hồ", "các thuộc tính của dữ liệu"]
        right += ["quy trình thu thập dữ liệu", "bình đẳng giới và vì sự tiến bộ của phụ nữ"]
        # The word list knows "thành niên" (coming of age): a new agency leaves it; one
        # whose own texts say "thanh niên" ten times as often puts it right.
        right += ["chế độ đối với thành niên xung phong"]
        for text in right:
            self.assertEqual(shipped.correct(text), text)
        self.assertIs(lexicon.shipped_lexicon(), shipped)

    def test_the_shipped_word_list_is_a_second_witness_of_a_word(self) -> None:
        # The administrative words say "lực lượng" and "kiến nghị", the list once more.
        shipped = lexicon.shipped_lexicon()
        misread = {
            "THAM GIA LỤC LƯỢNG GÌN GIỮ HÒA BÌNH": "THAM GIA LỰC LƯỢNG GÌN GIỮ HÒA BÌNH",
            "xử lý phản ánh, kiến - nghị về văn bản": "xử lý phản ánh, kiến nghị về văn bản",
        }
        without_list = Lexicon()
        for text in lexicon.seed_texts():
            without_list.learn(text)
        for scanned, meant in misread.items():
            self.assertEqual(shipped.correct(scanned), meant)
            self.assertEqual(without_list.correct(scanned), scanned)
        self.assertIn("dầu mỏ", lexicon.seed_words())
        self.assertTrue(all(unicodedata.is_normalized("NFC", w) for w in lexicon.seed_words()))

    def test_every_agency_lexicon_holds_the_shipped_words(self) -> None:
        base = lexicon.seed_texts()[1]
        self.assertIn("Sửa đổi, bổ sung một số điều của", base)
        self.assertEqual(unicodedata.normalize("NFC", base), base)


class ExtractCommandLexiconTests(BaseTestCase):
    def test_scans_are_corrected_with_the_named_agencys_words_else_the_shipped_ones(
        self,
    ) -> None:
        from congso.archive.management.commands.extract import _lexicon

        self.assertIs(_lexicon(None), lexicon.shipped_lexicon())
        self.assertIs(_lexicon(self.agency_a.code), lexicon.agency_lexicon(self.agency_a.pk))
        with self.assertRaisesMessage(CommandError, "Không có cơ quan mã H00.99"):
            _lexicon("H00.99")


class CorrectionAtReadingTests(BaseTestCase):
    def test_fields_read_by_ocr_are_corrected_and_born_digital_ones_kept(self) -> None:
        words = Lexicon()
        for text in [*lexicon.seed_texts(), *(samples.sample_text(seed) for seed in range(60))]:
            words.learn(text)
        lines = ["ỦY BAN NHÂN DÂN", "TĨNH BÌNH DƯƠNG", "Số: 12/UBND-VX"]
        lines += ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Bình Dương, ngày 01 tháng 3 năm 2024"]
        scanned = read([Line(t, confidence=0.9) for t in lines], lexicon=words)
        typed = read([Line(t) for t in lines], lexicon=words)
        self.assertEqual(scanned.issuer, "ỦY BAN NHÂN DÂN TỈNH BÌNH DƯƠNG")
        self.assertEqual(typed.issuer, "ỦY BAN NHÂN DÂN TĨNH BÌNH DƯƠNG")
