"""The OCR benchmark: normalisation, error rates, and a run on a tiny corpus."""

import shutil
import tempfile
import unicodedata
import unittest
from pathlib import Path

from django.test import SimpleTestCase
from PIL import Image, ImageDraw, ImageFont

from congso.archive import ocr, ocr_bench
from congso.archive.ocr_bench import Score, normalize, score

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf")
LINES = {
    "1": "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc",
    "2": "Điều 1. Phạm vi điều chỉnh\nNghị định này quy định điều kiện về an ninh.",
}


class NormalizeTests(SimpleTestCase):
    def test_table_rules_pictures_leaders_and_whitespace_go(self) -> None:
        text = "|Số: 96/2016/NĐ-CP   |Hà Nội, ngày …… tháng ......\n[pic]\n-------  ___\n"
        self.assertEqual(normalize(text), "Số: 96/2016/NĐ-CP Hà Nội, ngày tháng")

    def test_quotes_and_dashes_are_unified_case_is_kept(self) -> None:
        self.assertEqual(
            normalize("“Văn bản” – ‘dự thảo’ — QCVN"), "\"Văn bản\" - 'dự thảo' - QCVN"
        )

    def test_decomposed_vietnamese_is_composed(self) -> None:
        decomposed = unicodedata.normalize("NFD", "Việt Nam")
        self.assertEqual(normalize(decomposed), "Việt Nam")

    def test_a_dot_or_a_hyphen_in_text_stays(self) -> None:
        self.assertEqual(normalize("nhân./. NĐ-CP ..."), "nhân./. NĐ-CP")


class ScoreTests(SimpleTestCase):
    def test_character_and_word_edits(self) -> None:
        found = score("Cộng hòa xã hội", "Cộng hoà  xã hôi")
        # "hòa"→"hoà": 2 substitutions; "hội"→"hôi": 1. 15 characters, 4 words.
        self.assertEqual(found, Score(char_edits=3, chars=15, word_edits=2, words=4))
        self.assertAlmostEqual(found.cer, 0.2)
        self.assertAlmostEqual(found.wer, 0.5)

    def test_missing_and_extra_words(self) -> None:
        found = score("Độc lập Tự do", "Độc lập - Tự do Hạnh")
        # Two words inserted; "- " and " Hạnh" are 7 characters inserted.
        self.assertEqual(found, Score(char_edits=7, chars=13, word_edits=2, words=4))

    def test_normalised_before_comparing(self) -> None:
        self.assertEqual(score("|Kính gửi:| …… ", "Kính  gửi:\n").char_edits, 0)

    def test_totals_add_edits_before_dividing(self) -> None:
        total = Score(1, 10, 1, 2) + Score(0, 90, 0, 18)
        self.assertEqual(total, Score(1, 100, 1, 20))
        self.assertAlmostEqual(total.cer, 0.01)
        self.assertAlmostEqual(total.wer, 0.05)
        self.assertEqual(Score().cer, 0.0)


@unittest.skipUnless(shutil.which("tesseract"), "tesseract is not installed")
class RunTests(SimpleTestCase):
    def setUp(self) -> None:
        self.root = Path(tempfile.mkdtemp())
        self.addCleanup(shutil.rmtree, self.root)
        corpus = self.root / "snippets"
        (corpus / "images").mkdir(parents=True)
        (corpus / "gt").mkdir()
        font = ImageFont.truetype(str(FONT), 40)
        for name, text in LINES.items():
            image = Image.new("L", (1400, 180), 255)
            ImageDraw.Draw(image).multiline_text((40, 30), text, font=font, fill=0, spacing=20)
            image.save(corpus / "images" / f"{name}.png", dpi=(300, 300))
            (corpus / "gt" / f"{name}.txt").write_text(text.replace("\n", " "), encoding="utf-8")
        (self.root / "unrelated").mkdir()

    def test_a_tiny_corpus_reads_almost_without_errors(self) -> None:
        figures = ocr_bench.run(self.root, jobs=2)
        corpora, cer, wer = figures["corpora"], figures["cer"], figures["wer"]
        assert isinstance(corpora, dict) and isinstance(cer, float) and isinstance(wer, float)
        self.assertEqual(list(corpora), ["snippets"])
        self.assertEqual(figures["pages"], 2)
        self.assertEqual(corpora["snippets"]["pages"], 2)
        self.assertLess(cer, 0.05)
        self.assertLess(wer, 0.2)

    def test_limit_takes_whole_documents_up_to_that_many_pages(self) -> None:
        corpora = ocr_bench.run(self.root / "snippets", limit=1)["corpora"]
        assert isinstance(corpora, dict)
        self.assertEqual([d["name"] for d in corpora["snippets"]["documents"]], ["1"])

    def test_an_area_is_read_as_one_block_with_boxes_in_the_image_pixels(self) -> None:
        image = Image.new("L", (1400, 160), 255)
        font = ImageFont.truetype(str(FONT), 42)
        draw = ImageDraw.Draw(image)
        draw.text((40, 20), "QUY ĐỊNH VỀ VIỆC", font=font, fill=0)
        draw.text((40, 90), "TUYỂN DỤNG NHÀ GIÁO", font=font, fill=0)
        path = self.root / "area.png"
        image.save(path)
        words = ocr.TesseractEngine().recognize_area(path, out_base=self.root / "area", dpi=300)
        self.assertEqual(
            normalize(" ".join(word.text for word in words)),
            "QUY ĐỊNH VỀ VIỆC TUYỂN DỤNG NHÀ GIÁO",
        )
        self.assertEqual(len({word.line for word in words}), 2)
        self.assertAlmostEqual(words[0].left, 40, delta=6)
        self.assertGreater(words[-1].top, 80)

    def test_small_print_is_read_enlarged_with_boxes_in_the_image_pixels(self) -> None:
        image = Image.new("L", (520, 60), 255)
        font = ImageFont.truetype(str(FONT), 15)
        ImageDraw.Draw(image).text((30, 20), "Độc lập - Tự do - Hạnh phúc", font=font, fill=0)
        path = self.root / "small.pgm"
        image.save(path)
        page = ocr.TesseractEngine().recognize(
            path, out_base=self.root / "small", dpi=300, options=ocr.OcrOptions()
        )
        self.assertEqual(normalize(page.text), "Độc lập - Tự do - Hạnh phúc")
        first = page.words[0]
        self.assertEqual(first.text, "Độc")
        self.assertAlmostEqual(first.left, 30, delta=3)
        self.assertAlmostEqual(first.top + first.height, 20 + 15, delta=5)
