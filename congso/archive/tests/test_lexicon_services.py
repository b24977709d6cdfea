"""Each agency's lexicon: what it learns, and its use on scanned fields."""

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

    def test_it_is_learned_on_first_use_and_loaded_once(self) -> None:
        first = lexicon.agency_lexicon(self.agency_a.pk)
        self.assertIs(lexicon.agency_lexicon(self.agency_a.pk), first)


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
