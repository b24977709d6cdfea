"""Reading fields at capture: born-digital PDFs, office files and scans give the same."""

import shutil
import tempfile
import unittest
from pathlib import Path

from django.test import SimpleTestCase

from congso.archive import pipeline, samples, services
from congso.archive.formats import Kind
from congso.archive.models import Document, Page
from congso.archive.reading import Line, lines_from_pdf, lines_from_words, read_text
from congso.archive.reading.layout import reading_order
from congso.core.text import fold
from congso.org.testing import BaseTestCase

HAS_TESSERACT = shutil.which("tesseract") is not None
HAS_LIBREOFFICE = shutil.which("soffice") is not None


def _word(
    text: str, left: int, top: int, width: int, block: int = 1, line: int = 1
) -> list[object]:
    return [text, left, top, width, 40, 95.0, block, line]


class ReadingOrderTests(SimpleTestCase):
    def test_the_header_of_a_text_pdf_is_read_as_its_left_box_then_its_right_box(self) -> None:
        with tempfile.TemporaryDirectory() as folder:
            path = samples.write_text_pdf(Path(folder) / "qd.pdf", pages=1, seed=3)
            texts = [line.text for line in lines_from_pdf(path)]
        self.assertEqual(
            texts[:6],
            [
                "ỦY BAN NHÂN DÂN",
                "THÀNH PHỐ CẦN THƠ",
                "Số: 36/2025/QĐ-UBND",
                "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                "Độc lập - Tự do - Hạnh phúc",
                "Cần Thơ, ngày 13 tháng 8 năm 2025",
            ],
        )

    def test_ocr_words_of_two_boxes_on_one_line_become_two_segments(self) -> None:
        words = [
            _word("BỘ", 300, 200, 60),
            _word("Y", 370, 200, 30),
            _word("TẾ", 410, 200, 50),
            _word("CỘNG", 1100, 200, 130),
            _word("HÒA", 1240, 200, 100),
            _word("Số:", 300, 300, 70, line=2),
            _word("1/BYT", 380, 300, 120, line=2),
            _word("Độc", 1150, 260, 80, line=3),
        ]
        lines = lines_from_words(words, width=2480, height=3508, page=1)
        self.assertEqual([line.text for line in lines], ["BỘ Y TẾ", "Số: 1/BYT", "CỘNG HÒA", "Độc"])
        self.assertTrue(all(line.confidence == 0.95 for line in lines))

    def test_ocr_lines_are_normalized_like_the_pages_text(self) -> None:
        # Tesseract reads Đ as the Icelandic eth now and then: "NÐ-CP" is "NĐ-CP".
        words = [_word("Số:", 300, 300, 70), _word("05/2025/N\u00d0-CP", 380, 300, 300)]
        page = pipeline.PageResult(1, text_source=Page.TextSource.OCR, words=words)
        with tempfile.TemporaryDirectory() as folder:
            path = samples.write_text_pdf(Path(folder) / "scan.pdf", pages=1, seed=3)
            lines = pipeline.document_lines(kind=Kind.PDF, source=path, pdf_path=path, pages=[page])
        self.assertEqual([line.text for line in lines], ["Số: 05/2025/NĐ-CP"])

    def test_a_word_box_ocr_squashed_does_not_split_its_line(self) -> None:
        # ".NGHỊ" came back 5 px tall and dust beside it 15 px: the gap to "ĐỊNH" is
        # narrow for the words' own height (73 px), so the two are one type line.
        words = [
            [".NGHỊ", 1040, 613, 220, 5, 89.0, 4, 1],
            ["ĐỊNH", 1295, 565, 171, 73, 81.3, 4, 1],
            ["cà", 604, 635, 13, 15, 0.0, 4, 1],
        ]
        lines = lines_from_words(words, width=2480, height=3508, page=1)
        self.assertIn(".NGHỊ ĐỊNH", [line.text for line in lines])

    def test_a_speck_read_as_a_dash_is_left_out_but_not_a_printed_dash(self) -> None:
        # A 2 px dot of dust at the end of a line of 31 px letters read "-"; the dashes
        # of "Độc lập - Tự do" and of a list item are wider than they are thick.
        words = [
            ["thương", 1000, 365, 120, 31, 96.0, 1, 1],
            ["mại", 1149, 365, 65, 31, 87.2, 1, 1],
            ["-", 1230, 381, 2, 2, 75.7, 1, 1],
            ["lập", 1000, 500, 60, 31, 96.0, 1, 2],
            ["-", 1075, 512, 16, 9, 93.1, 1, 2],
            ["Tự", 1100, 500, 40, 31, 96.0, 1, 2],
            ["-", 300, 800, 11, 5, 93.0, 2, 1],
            ["Như", 320, 790, 50, 25, 93.0, 2, 1],
            ["trên;", 380, 790, 70, 25, 93.0, 2, 1],
        ]
        lines = lines_from_words(words, width=2480, height=3508, page=1)
        self.assertCountEqual(
            [line.text for line in lines], ["thương mại", "lập - Tự", "- Như trên;"]
        )

    def test_a_word_read_twice_from_the_same_ink_is_read_once(self) -> None:
        # "phương á án": the "á" lies over "án", and is its start; "u" inside "ubnd".
        # Words whose boxes overlap but spell no start of each other both stay.
        words = [
            ["phương", 740, 388, 120, 53, 93.3, 1, 1],
            ["á", 877, 392, 25, 33, 92.9, 1, 1],
            ["án", 888, 401, 42, 17, 96.6, 1, 1],
            ["2809/qđ-", 352, 494, 155, 44, 75.4, 1, 2],
            ["u", 521, 501, 21, 17, 75.4, 1, 2],
            ["ubnd", 520, 492, 90, 26, 91.8, 1, 2],
            ["đơn", 1838, 636, 165, 65, 96.9, 1, 3],
            ["vị", 1944, 622, 58, 87, 97.0, 1, 3],
        ]
        lines = lines_from_words(words, width=2480, height=3508, page=1)
        self.assertEqual([line.text for line in lines], ["phương án", "2809/qđ- ubnd", "đơn vị"])

    def test_a_stamps_marks_glued_before_a_title_are_left_out_but_not_a_name(self) -> None:
        # The "ĐẾN" stamp's hand-written date ran into the title's second line.
        words = [
            ["cncav", 325, 731, 156, 38, 0.9, 8, 1],
            ["...", 522, 700, 45, 98, 42.0, 8, 1],
            ["4É", 576, 707, 78, 55, 0.2, 8, 1],
            ["»", 662, 713, 122, 144, 0.0, 8, 1],
            ["JA", 773, 738, 71, 42, 92.3, 8, 1],
            ["LUẬT", 864, 731, 171, 62, 92.1, 8, 1],
            ["PHÒNG", 1053, 725, 225, 58, 93.2, 8, 1],
            # A stamp over the signer's family name: OCR doubts a word of the language.
            ["Nguyễn", 1500, 1500, 160, 50, 1.0, 9, 1],
            ["Quốc", 1680, 1500, 120, 50, 95.0, 9, 1],
            ["Trị", 1820, 1500, 90, 50, 95.0, 9, 1],
        ]
        lines = lines_from_words(words, width=2480, height=3508, page=1)
        self.assertEqual([line.text for line in lines], ["JA LUẬT PHÒNG", "Nguyễn Quốc Trị"])
        self.assertAlmostEqual(lines[0].box[0] if lines[0].box else 0, 773 / 2480)

    def test_a_footer_is_read_as_recipients_then_signature(self) -> None:
        footer = [
            Line("Nơi nhận:", box=(0.1, 0.70, 0.2, 0.71)),
            Line("KT. GIÁM ĐỐC", box=(0.6, 0.70, 0.8, 0.71)),
            Line("- Như trên;", box=(0.1, 0.72, 0.2, 0.73)),
            Line("PHÓ GIÁM ĐỐC", box=(0.6, 0.72, 0.8, 0.73)),
            Line("- Lưu: VT.", box=(0.1, 0.74, 0.2, 0.75)),
            Line("Lê Văn Tám", box=(0.62, 0.80, 0.78, 0.81)),
        ]
        ordered = [line.text for line in reading_order(footer)]
        self.assertEqual(
            ordered,
            [
                "Nơi nhận:",
                "- Như trên;",
                "- Lưu: VT.",
                "KT. GIÁM ĐỐC",
                "PHÓ GIÁM ĐỐC",
                "Lê Văn Tám",
            ],
        )

    def test_a_name_set_left_under_a_block_set_right_is_read_after_it(self) -> None:
        # As a text without layout is typeset: the block right of the middle, "(Đã ký)"
        # and the name at the body's indent under it, the page number and the wrapped
        # end of the last sentence above. One box under the other is no two columns.
        page = [
            Line("13", box=(0.53, 0.04, 0.55, 0.05)),
            Line("này./.", box=(0.16, 0.07, 0.21, 0.08)),
            Line("KT. THỐNG ĐỐC", box=(0.43, 0.10, 0.64, 0.12)),
            Line("PHÓ THỐNG ĐỐC", box=(0.42, 0.13, 0.64, 0.15)),
            Line("(Đã ký)", box=(0.21, 0.16, 0.29, 0.18)),
            Line("Đoàn Thái Sơn", box=(0.21, 0.18, 0.37, 0.20)),
        ]
        self.assertEqual(
            [line.text for line in reading_order(page)],
            ["13", "này./.", "KT. THỐNG ĐỐC", "PHÓ THỐNG ĐỐC", "(Đã ký)", "Đoàn Thái Sơn"],
        )

    def test_a_stamps_speck_between_the_boxes_does_not_break_the_run(self) -> None:
        footer = [
            Line("Nơi nhận:", box=(0.1, 0.70, 0.2, 0.71)),
            Line("KT. GIÁM ĐỐC", box=(0.6, 0.70, 0.8, 0.71)),
            Line("- Như trên;", box=(0.1, 0.72, 0.2, 0.73)),
            Line("PHÓ GIÁM ĐỐC", box=(0.6, 0.72, 0.8, 0.73)),
            Line(":", box=(0.5, 0.735, 0.51, 0.74)),  # in the middle: neither box
            Line("- Lưu: VT.", box=(0.1, 0.76, 0.2, 0.77)),
            Line("Lê Văn Tám", box=(0.62, 0.76, 0.78, 0.77)),
        ]
        ordered = [line.text for line in reading_order(footer)]
        self.assertEqual(
            ordered,
            [
                "Nơi nhận:",
                "- Như trên;",
                "- Lưu: VT.",
                "KT. GIÁM ĐỐC",
                "PHÓ GIÁM ĐỐC",
                "Lê Văn Tám",
                ":",
            ],
        )

    def test_a_speck_level_with_a_wrapped_recipient_does_not_break_the_run(self) -> None:
        footer = [
            Line("Nơi nhận:", box=(0.14, 0.48, 0.25, 0.49)),
            Line("KT. BỘ TRƯỞNG", box=(0.59, 0.48, 0.80, 0.50)),
            Line("- Trung tâm Phục vụ hành chính", box=(0.14, 0.53, 0.45, 0.54)),
            Line("(Đã ký)", box=(0.66, 0.52, 0.74, 0.54)),
            Line("công tỉnh;", box=(0.14, 0.545, 0.24, 0.558)),
            Line("-", box=(0.469, 0.557, 0.471, 0.558)),  # between the boxes
            Line("Võ Thành Hưng", box=(0.60, 0.61, 0.79, 0.63)),
        ]
        self.assertEqual(
            [line.text for line in reading_order(footer)],
            [
                "Nơi nhận:",
                "- Trung tâm Phục vụ hành chính",
                "công tỉnh;",
                "KT. BỘ TRƯỞNG",
                "(Đã ký)",
                "Võ Thành Hưng",
                "-",
            ],
        )

    def test_a_short_last_word_of_a_wrapped_box_keeps_its_place(self) -> None:
        header = [
            Line("Số: 12/UBND-VP", box=(0.10, 0.10, 0.35, 0.11)),
            Line("Bình Dương, ngày 02 tháng 5 năm 2019", box=(0.5, 0.10, 0.9, 0.11)),
            Line("V/v tổ chức trực trong dịp nghỉ", box=(0.10, 0.12, 0.40, 0.13)),
            Line("lễ", box=(0.22, 0.14, 0.25, 0.15)),
            Line("Kính gửi: Các sở, ban, ngành tỉnh", box=(0.2, 0.18, 0.8, 0.19)),
        ]
        self.assertEqual(
            [line.text for line in reading_order(header)],
            [
                "Số: 12/UBND-VP",
                "V/v tổ chức trực trong dịp nghỉ",
                "lễ",
                "Bình Dương, ngày 02 tháng 5 năm 2019",
                "Kính gửi: Các sở, ban, ngành tỉnh",
            ],
        )

    def test_a_short_word_in_a_box_level_with_the_other_box_keeps_its_place(self) -> None:
        header = [
            Line("BỘ VĂN HÓA, THỂ THAO VÀ", box=(0.13, 0.068, 0.43, 0.09)),
            Line("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", box=(0.44, 0.063, 0.89, 0.083)),
            Line("DU", box=(0.27, 0.091, 0.30, 0.102)),
            Line("Độc lập - Tự do - Hạnh phúc", box=(0.49, 0.08, 0.83, 0.101)),
            Line("LỊCH", box=(0.25, 0.108, 0.31, 0.123)),
        ]
        ordered = [line.text for line in reading_order(header)]
        self.assertEqual(ordered[:3], ["BỘ VĂN HÓA, THỂ THAO VÀ", "DU", "LỊCH"])

    def test_on_a_skewed_scan_a_wrapped_end_follows_its_line(self) -> None:
        # The long line slopes down: its box's bottom is level with the bottom of its
        # wrapped end at the left margin, which lies under it, not beside it.
        body = [
            Line("khoản 1 Điều 48 Nghị định ngày 14 tháng", box=(0.21, 0.249, 0.90, 0.262)),
            Line("06 năm 2025", box=(0.15, 0.255, 0.29, 0.267)),
            Line("của Chính phủ quy định về phân cấp", box=(0.21, 0.290, 0.88, 0.303)),
            Line("vực thi đua,", box=(0.15, 0.297, 0.28, 0.310)),
        ]
        self.assertEqual(
            [line.text for line in reading_order(body)],
            [
                "khoản 1 Điều 48 Nghị định ngày 14 tháng",
                "06 năm 2025",
                "của Chính phủ quy định về phân cấp",
                "vực thi đua,",
            ],
        )

    def test_a_wrapped_end_left_of_an_indented_line_follows_the_line_before(self) -> None:
        # The indented line's box reaches down beside the wrapped end of the sentence
        # before it ("2024;"), which starts lower: it is the next row, not this one's start.
        body = [
            Line("địa chất về khoáng sản và thăm dò khoáng sản", box=(0.227, 0.218, 0.84, 0.245)),
            Line("Căn cứ Luật Địa chất và Khoáng sản ngày 29", box=(0.212, 0.255, 0.867, 0.28)),
            Line("2024;", box=(0.15, 0.273, 0.212, 0.287)),
        ]
        self.assertEqual([line.text for line in reading_order(body)][-1], "2024;")

    def test_a_body_paragraph_breaks_a_run_of_boxes(self) -> None:
        body = [
            Line("BỘ Y TẾ", box=(0.1, 0.05, 0.3, 0.06)),
            Line("CỘNG HÒA", box=(0.5, 0.05, 0.9, 0.06)),
            Line("Điều 1. Một đoạn văn dài trải hết chiều rộng trang.", box=(0.1, 0.3, 0.9, 0.31)),
            Line("năm 2025;", box=(0.1, 0.32, 0.2, 0.33)),
        ]
        self.assertEqual(
            [line.text for line in reading_order(body)],
            [
                "BỘ Y TẾ",
                "CỘNG HÒA",
                "Điều 1. Một đoạn văn dài trải hết chiều rộng trang.",
                "năm 2025;",
            ],
        )


class CaptureReadsFieldsTests(BaseTestCase):
    def setUp(self) -> None:
        self.folder = Path(tempfile.mkdtemp())
        self.addCleanup(shutil.rmtree, self.folder, True)

    def capture(self, path: Path) -> Document:
        capture = services.capture_path(
            agency=self.agency_a, path=path, source="upload", by=self.an, queue=False
        )
        services.process_document(document=capture.document)
        document = Document.objects.get(pk=capture.document.pk)
        self.assertEqual(document.state, Document.State.DONE, document.error)
        return document

    def test_a_born_digital_pdf_gets_its_fields_and_citations(self) -> None:
        document = self.capture(samples.write_text_pdf(self.folder / "qd.pdf", pages=2, seed=3))
        expected = read_text(samples.sample_text(3))
        self.assertEqual(document.doc_type, "Quyết định")
        self.assertEqual(document.number_symbol, expected.number_symbol)
        self.assertEqual(document.issuer, expected.issuer)
        self.assertEqual(document.issued_date, expected.issued_date)
        self.assertEqual(document.abstract, expected.abstract)
        self.assertEqual(document.signer, expected.signer)
        self.assertEqual(document.symbol_key, (expected.number_symbol or "").casefold())
        self.assertTrue(document.citations.exists())
        self.assertGreater(document.field_confidence["number_symbol"], 0.9)

    @unittest.skipUnless(HAS_TESSERACT, "tesseract is not installed (bin/setup installs it)")
    def test_a_scan_gives_the_fields_of_the_text_it_was_printed_from(self) -> None:
        path = samples.write_scanned_pdf(self.folder / "quét.pdf", pages=2, seed=3)
        document = self.capture(path)
        expected = read_text(samples.sample_text(3))
        self.assertEqual(document.number_symbol, expected.number_symbol)
        self.assertEqual(fold(document.issuer), fold(expected.issuer or ""))  # tones may slip
        self.assertEqual(document.issued_date, expected.issued_date)
        self.assertEqual(document.doc_type, "Quyết định")
        self.assertLess(document.field_confidence["number_symbol"], 0.97)  # OCR's doubt counts

    @unittest.skipUnless(HAS_LIBREOFFICE, "LibreOffice is not installed (bin/setup installs it)")
    def test_an_office_file_is_read_from_its_table_header(self) -> None:
        document = self.capture(samples.write_docx(self.folder / "qd.docx", seed=4))
        expected = read_text(samples.sample_text(4))
        self.assertEqual(document.number_symbol, expected.number_symbol)
        self.assertEqual(document.issuer, expected.issuer)
        self.assertEqual(document.signer, expected.signer)
