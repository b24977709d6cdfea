import datetime
import unicodedata
from dataclasses import replace

from django.test import SimpleTestCase

from congso.archive.lexicon import Lexicon
from congso.archive.reading import Line, Reading, read, read_signature_area, read_text
from congso.archive.tests.factories import SAMPLE_LETTER
from congso.archive.tests.test_lexicon import DOCUMENTS, make_lexicon

DECREE = """CHÍNH PHỦ
-------
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
---------------
Số: 51/2026/NĐ-CP
Hà Nội, ngày 02 tháng 02 năm 2026
NGHỊ ĐỊNH
Sửa đổi, bổ sung một số điều của Nghị định số 143/2013/NĐ-CP
ngày 24 tháng 10 năm 2013 của Chính phủ quy định về
bồi hoàn học bổng và chi phí đào tạo
Căn cứ Luật Tổ chức Chính phủ số 63/2025/QH15;
Căn cứ Luật Giáo dục ngày 14 tháng 6 năm 2019;
Theo đề nghị của Bộ trưởng Bộ Giáo dục và Đào tạo;
Chính phủ ban hành Nghị định sửa đổi, bổ sung một số điều của Nghị định số 143/2013/NĐ-CP.
Điều 1. Sửa đổi, bổ sung một số điều của Nghị định số 143/2013/NĐ-CP
1. Sửa đổi khoản 2 Điều 1 như sau:
Điều 2. Hiệu lực thi hành
Nghị định này có hiệu lực thi hành từ ngày 01 tháng 4 năm 2026\
và thay thế Nghị định số 54/2020/NĐ-CP.
Nơi nhận:
- Ban Bí thư Trung ương Đảng;
- Thủ tướng, các Phó Thủ tướng Chính phủ;
- Lưu: VT, KGVX.
TM. CHÍNH PHỦ
KT. THỦ TƯỚNG
PHÓ THỦ TƯỚNG
(Đã ký)
Lê Thành Long
PHỤ LỤC I
MẪU ĐƠN ĐỀ NGHỊ
QUYỀN HẠN, CHỨC VỤ CỦA NGƯỜI KÝ
(Ký tên, đóng dấu)
Nguyễn Văn A
"""

LAW = """QUỐC HỘI
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Luật số: 116/2025/QH15
LUẬT
AN NINH MẠNG
Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;
Quốc hội ban hành Luật An ninh mạng.
Điều 1. Phạm vi điều chỉnh
Luật này quy định về an ninh mạng.
Luật này được Quốc hội nước Cộng hòa xã hội chủ nghĩa Việt Nam khóa XV, Kỳ họp thứ 10\
 thông qua ngày 10 tháng 12 năm 2025.
CHỦ TỊCH QUỐC HỘI
(Đã ký)
Trần Thanh Mẫn
"""

PARTY = """BAN CHẤP HÀNH TRUNG ƯƠNG
ĐẢNG CỘNG SẢN VIỆT NAM
*
Số 52-NQ/TW
Hà Nội, ngày 27 tháng 9 năm 2019
NGHỊ QUYẾT
CỦA BỘ CHÍNH TRỊ
về một số chủ trương, chính sách chủ động tham gia cuộc Cách mạng công nghiệp lần thứ tư
I. TÌNH HÌNH VÀ NGUYÊN NHÂN
Cuộc Cách mạng công nghiệp lần thứ tư đang diễn ra mạnh mẽ.
"""


def _plain(lines: list[str]) -> list[Line]:
    return [Line(text) for text in lines]


class HeaderTests(SimpleTestCase):
    def test_it_reads_the_header_of_a_decree(self) -> None:
        found = read_text(DECREE)
        self.assertEqual(found.doc_type, "Nghị định")
        self.assertEqual(found.doc_kind, "legal_normative")
        self.assertEqual(found.number_symbol, "51/2026/NĐ-CP")
        self.assertEqual((found.number, found.symbol_year), ("51", 2026))
        self.assertEqual((found.type_abbreviation, found.issuer_abbreviation), ("NĐ", "CP"))
        self.assertEqual(found.issued_date, datetime.date(2026, 2, 2))
        self.assertEqual(found.place, "Hà Nội")
        self.assertEqual(found.issuer, "CHÍNH PHỦ")

    def test_a_wrapped_abstract_is_joined_and_stops_at_the_legal_bases(self) -> None:
        self.assertEqual(
            read_text(DECREE).abstract,
            "Sửa đổi, bổ sung một số điều của Nghị định số 143/2013/NĐ-CP ngày 24 tháng 10"
            " năm 2013 của Chính phủ quy định về bồi hoàn học bổng và chi phí đào tạo",
        )

    def test_a_cong_van_takes_its_abstract_from_the_vv_line_and_its_parent_body(self) -> None:
        found = read_text(SAMPLE_LETTER)
        self.assertEqual(found.doc_type, "Công văn")
        self.assertEqual(found.number_symbol, "1234/SNV-VP")
        self.assertEqual(found.abstract, "triển khai Kế hoạch chuyển đổi số năm 2025")
        self.assertEqual((found.issuer_parent, found.issuer), ("UBND TỈNH BÌNH DƯƠNG", "SỞ NỘI VỤ"))
        self.assertEqual(found.addressees, ["Các phòng, đơn vị thuộc Sở"])

    def test_both_header_orders_give_the_same_fields(self) -> None:
        rows = ["BỘ NỘI VỤ", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
        rows += ["Số: 15/QĐ-BNV", "Hà Nội, ngày 05 tháng 01 năm 2020", "QUYẾT ĐỊNH"]
        boxes = ["BỘ NỘI VỤ", "Số: 15/QĐ-BNV", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"]
        boxes += ["Độc lập - Tự do - Hạnh phúc", "Hà Nội, ngày 05 tháng 01 năm 2020", "QUYẾT ĐỊNH"]
        for lines in (rows, boxes):
            found = read(_plain([*lines, "Về việc kiện toàn Hội đồng thi đua", "Căn cứ Luật;"]))
            self.assertEqual(found.number_symbol, "15/QĐ-BNV")
            self.assertEqual(found.issued_date, datetime.date(2020, 1, 5))
            self.assertEqual(found.issuer, "BỘ NỘI VỤ")
            self.assertEqual(found.abstract, "kiện toàn Hội đồng thi đua")

    def test_a_number_and_a_date_on_one_line_are_both_read(self) -> None:
        header = ["ỦY BAN NHÂN DÂN", "TỈNH BÌNH DƯƠNG", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"]
        header.append("Độc lập - Tự do - Hạnh phúc")
        for joined in (
            "Số: 3967/QĐ-UBND __ Bình Dương, ngày 24 tháng 12 năm 2020",
            "Số: 3967/QĐ-UBND. Bình Dương, ngày 24 tháng 12 năm 2020",
        ):
            lines = [*header, joined, "QUYẾT ĐỊNH", "Về việc giao dự toán", "Căn cứ Luật;"]
            found = read(_plain(lines))
            self.assertEqual(found.number_symbol, "3967/QĐ-UBND")
            self.assertEqual(found.issued_date, datetime.date(2020, 12, 24))
            self.assertEqual(found.place, "Bình Dương")

    def test_a_letters_date_on_its_numbers_line_is_read_before_the_vv_lines(self) -> None:
        header = ["ỦY BAN NHÂN DÂN", "TỈNH BÌNH DƯƠNG", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"]
        header += ["Độc lập - Tự do - Hạnh phúc"]
        joined = "Số: 6027/UBND-VX .. Bình Dương, ngày 08 tháng 12 năm 2020"
        lines = [*header, joined, "V/v Phối hợp triển khai", "định danh điện tử"]
        lines.append("Kính gửi: Sở Nội vụ")
        found = read(_plain(lines))
        self.assertEqual(found.number_symbol, "6027/UBND-VX")
        self.assertEqual(found.issued_date, datetime.date(2020, 12, 8))
        self.assertEqual(found.abstract, "Phối hợp triển khai định danh điện tử")

    def test_a_symbol_that_lost_its_type_part_takes_the_type_lines(self) -> None:
        header = ["BỘ CÔNG THƯƠNG", "Số: 03/2026-BCT", "Hà Nội, ngày 26 tháng 01 năm 2026"]
        for type_line, expected in (("THÔNG TƯ", "03/2026/TT-BCT"), ("CHỈ THỊ", "03/2026/CT-BCT")):
            found = read(_plain([*header, type_line, "Quy định về muối", "Căn cứ Luật;"]))
            self.assertEqual(found.number_symbol, expected)
            self.assertLessEqual(found.confidence["number_symbol"], 0.7)
        found = read(_plain([*header, "Quy định về muối", "Căn cứ Luật;"]))
        self.assertIsNone(found.number_symbol)  # no type line: nothing to put back

    def test_a_name_wrapped_on_two_lines_is_one_body_and_a_second_name_its_unit(self) -> None:
        header = ["BỘ VĂN HÓA, THỂ THAO", "VÀ DU LỊCH", "CỤC VĂN HÓA CƠ SỞ"]
        tail = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Số: 12/VHCS-VP"]
        found = read(_plain([*header, *tail]))
        self.assertEqual(found.issuer_parent, "BỘ VĂN HÓA, THỂ THAO VÀ DU LỊCH")
        self.assertEqual(found.issuer, "CỤC VĂN HÓA CƠ SỞ")

    def test_the_rule_under_the_issuer_read_as_a_dash_from_a_scan_is_dropped(self) -> None:
        for header in (["BỘ CÔNG THƯƠNG -"], ["BỘ GIÁO DỤC VÀ ĐÀO — TẠO"]):
            tail = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Số: 12/BCT-VP"]
            found = read(_plain([*header, *tail]))
            self.assertIn(found.issuer, {"BỘ CÔNG THƯƠNG", "BỘ GIÁO DỤC VÀ ĐÀO TẠO"})

    def test_a_dash_before_the_abstract_or_an_abstract_of_punctuation_is_not_kept(self) -> None:
        lines = ["BỘ CÔNG THƯƠNG", "Số: 12/2025/TT-BCT", "THÔNG TƯ"]
        found = read(_plain([*lines, "- Quy định chi tiết Luật Điện lực", "Căn cứ Luật X;"]))
        self.assertEqual(found.abstract, "Quy định chi tiết Luật Điện lực")
        self.assertIsNone(read(_plain([*lines, ".", "Căn cứ Luật X;"])).abstract)
        specks = read(_plain([*lines, "Quy định chi tiết : Luật . Điện lực", "Căn cứ Luật X;"]))
        self.assertEqual(specks.abstract, "Quy định chi tiết Luật Điện lực")

    def test_identifiers_are_normalized_whatever_the_typing(self) -> None:
        lines = ["ỦY BAN NHÂN DÂN", "TỈNH BÌNH DƯƠNG", "Số : 1707 / QÐ – UBND"]
        lines += ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Bình Dương, ngày 15 tháng 7 năm 2022"]
        decomposed = unicodedata.normalize("NFD", "\n".join(lines))
        found = read_text(decomposed)
        self.assertEqual(found.number_symbol, "1707/QĐ-UBND")
        self.assertEqual(found.issuer, "ỦY BAN NHÂN DÂN TỈNH BÌNH DƯƠNG")
        self.assertEqual(found.doc_type, "Quyết định")  # from the symbol: no type line

    def test_a_law_is_dated_by_its_adoption(self) -> None:
        found = read_text(LAW)
        self.assertEqual((found.doc_type, found.number_symbol), ("Luật", "116/2025/QH15"))
        self.assertEqual(found.abstract, "AN NINH MẠNG")
        self.assertEqual(found.issued_date, datetime.date(2025, 12, 10))
        self.assertEqual(found.signer, "Trần Thanh Mẫn")
        self.assertEqual(found.signer_position, "CHỦ TỊCH QUỐC HỘI")

    def test_party_documents_are_read_in_their_own_form(self) -> None:
        found = read_text(PARTY)
        self.assertEqual(found.number_symbol, "52-NQ/TW")
        self.assertEqual(found.doc_kind, "party")
        self.assertEqual(found.issued_date, datetime.date(2019, 9, 27))
        self.assertEqual(found.issuer, "BAN CHẤP HÀNH TRUNG ƯƠNG")

    def test_secrecy_and_urgency_marks_are_read(self) -> None:
        lines = ["BỘ CÔNG AN", "MẬT", "Số: 10/BCA-V01", "HỎA TỐC"]
        lines += ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Hà Nội, ngày 01 tháng 3 năm 2024"]
        found = read(_plain(lines))
        self.assertEqual((found.secrecy, found.urgency), ("MẬT", "HỎA TỐC"))
        self.assertEqual(found.issuer, "BỘ CÔNG AN")

    def test_a_header_glued_on_one_line_is_split_at_the_motto(self) -> None:
        lines = ["BỘ Y TẾ CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Số: 36/2024/TT-BYT"]
        found = read(_plain([*lines, "Hà Nội, ngày 16 tháng 11 năm 2024"]))
        self.assertEqual(found.issuer, "BỘ Y TẾ")

    def test_a_document_without_header_names_itself_in_its_appendix(self) -> None:
        text = "THÔNG TƯ\nBan hành quy chuẩn\nCăn cứ Luật;\nĐiều 1. Ban hành.\n"
        text += "PHỤ LỤC\n(Kèm theo Thông tư số 86/2025/TT-BNNMT ngày 01 tháng 12 năm 2025)\n"
        found = read_text(text)
        self.assertEqual(found.number_symbol, "86/2025/TT-BNNMT")
        self.assertLess(found.confidence["number_symbol"], 0.7)

    def test_the_issuer_is_above_its_number_line_even_when_the_number_is_unreadable(
        self,
    ) -> None:
        # A scan gives the left box first; "Số:" without its slash parses as no symbol.
        left = ["BỘ VĂN HÓA, THỂ THAO VÀ", "DU", "LỊCH", "Số: 7079VBHN-BVHTTDL"]
        found = _scanned([*left, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "QUY ĐỊNH"])
        self.assertEqual(found.issuer, "BỘ VĂN HÓA, THỂ THAO VÀ DU LỊCH")

    def test_a_speck_left_of_the_motto_is_no_part_of_the_issuer_or_its_initials(self) -> None:
        header = ["BỘ NÔNG NGHIỆP VÀ _. CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "MÔI TRƯỜNG"]
        found = _scanned([*header, "Số: 88/2025/TT-BNNMT", "Độc lập - Tự do", "THÔNG TƯ"])
        self.assertEqual(found.issuer, "BỘ NÔNG NGHIỆP VÀ MÔI TRƯỜNG")
        self.assertEqual(found.number_symbol, "88/2025/TT-BNNMT")

    def test_a_long_symbol_wrapped_in_the_header_box_is_read_whole(self) -> None:
        issuers = ["BỘ TƯ PHÁP - BỘ CÔNG AN - BỘ QUỐC PHÒNG"]
        for number in (["Số: 29/2025/TTLT-BTP-BCA-B"], ["Số:", "29/2025/TTLT-BTP-BCA-B"]):
            with self.subTest(number):
                lines = [*issuers, *number, "QP-BTC-TANDTC-VKSNDTC"]
                found = _scanned(
                    [*lines, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "THÔNG TƯ LIÊN TỊCH"]
                )
                self.assertEqual(found.number_symbol, "29/2025/TTLT-BTP-BCA-BQP-BTC-TANDTC-VKSNDTC")
                self.assertEqual(found.issuer, "BỘ TƯ PHÁP - BỘ CÔNG AN - BỘ QUỐC PHÒNG")

    def test_a_standing_committee_wrapped_before_its_body_is_one_issuer(self) -> None:
        left = ["ỦY BAN THƯỜNG VỤ", "QUỐC HỘI", "Số: 20/2021/UBTVQH15"]
        found = _scanned([*left, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "NGHỊ QUYẾT"])
        self.assertEqual(found.issuer, "ỦY BAN THƯỜNG VỤ QUỐC HỘI")
        self.assertIsNone(found.issuer_parent)
        # A parent body over its unit stays two bodies.
        left = ["BỘ NỘI VỤ", "CỤC VĂN THƯ VÀ LƯU TRỮ", "NHÀ NƯỚC", "Số: 12/QĐ-VTLTNN"]
        found = _scanned([*left, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "QUYẾT ĐỊNH"])
        self.assertEqual(found.issuer_parent, "BỘ NỘI VỤ")

    def test_a_symbol_cited_at_the_start_of_a_line_under_the_type_line_is_no_number(self) -> None:
        # A text without header, wrapped as a scan wraps it: "SỐ 111/…" opens a line.
        text = "NGHỊ ĐỊNH\nQuy định chi tiết một số điều của Nghị quyết về phân loại đô thị\n"
        text += "Căn cứ Luật Tổ chức Chính phủ;\nĐiều 1. Phạm vi điều chỉnh\n"
        text += "1. Nghị định này quy định chi tiết một số điều của Nghị quyết\n"
        text += "SỐ 111/2025/UBTVQH15 ngày 24 tháng 12 năm 2025 của Ủy ban Thường vụ Quốc hội"
        found = read([Line(line, confidence=0.9) for line in text.splitlines()])
        self.assertIsNone(found.number_symbol)
        self.assertEqual(found.doc_type, "Nghị định")
        self.assertEqual(
            found.abstract, "Quy định chi tiết một số điều của Nghị quyết về phân loại đô thị"
        )

    def test_a_scans_specks_around_the_number_label_are_left_out(self) -> None:
        for number_line in ("- Số: 302/2025/NĐ-CP", "-Số: 302/2025/NĐ-CP", "Số::302/2025/NĐ-CP"):
            with self.subTest(number_line):
                header = ["CHÍNH PHỦ", number_line, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"]
                found = read([Line(text, confidence=0.9) for text in [*header, "NGHỊ ĐỊNH"]])
                self.assertEqual(found.number_symbol, "302/2025/NĐ-CP")

    def test_confidence_falls_with_ocr_confidence(self) -> None:
        lines = [Line("CHÍNH PHỦ", confidence=0.5), Line("Số: 01/2025/NĐ-CP", confidence=0.6)]
        found = read([*lines, Line("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")])
        self.assertAlmostEqual(found.confidence["number_symbol"], 0.97 * 0.6)
        self.assertAlmostEqual(found.confidence["issuer"], 0.95 * 0.5)

    def test_a_scans_symbol_one_letter_off_the_issuers_initials_takes_them(self) -> None:
        def scanned(issuer: str, symbol: str) -> Reading:
            header = [issuer, f"Số: {symbol}", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "THÔNG TƯ"]
            return read([Line(text, confidence=0.9) for text in header])

        lost = scanned("BỘ GIAO THÔNG VẬN TẢI", "30/2025/TT-BGTV")
        self.assertEqual(lost.number_symbol, "30/2025/TT-BGTVT")
        self.assertEqual(lost.issuer_abbreviation, "BGTVT")
        self.assertLessEqual(lost.confidence["number_symbol"], 0.7)
        misread = scanned("BỘ THÔNG TIN VÀ TRUYỀN THÔNG", "12/2024/TT-BTTTI")
        self.assertEqual(misread.number_symbol, "12/2024/TT-BTTTT")
        added = scanned("BỘ TÀI NGUYÊN VÀ MÔI TRƯỜNG", "50/2024/TT-BITNMT").number_symbol
        self.assertEqual(added, "50/2024/TT-BTNMT")
        self.assertEqual(scanned("BỘ Y TẾ", "60/2025/TT-BYTT").number_symbol, "60/2025/TT-BYT")
        # T, I and L taken for one another; a speck read as a hyphen.
        alike = scanned("BỘ THÔNG TIN VÀ TRUYỀN THÔNG", "22/2019/TT-BLLII").number_symbol
        self.assertEqual(alike, "22/2019/TT-BTTTT")
        alike = scanned("BỘ THÔNG TIN VÀ TRUYỀN THÔNG", "22/2019/TT-BLLIIL").number_symbol
        self.assertEqual(alike, "22/2019/TT-BTTTT")
        speck = scanned("BỘ NÔNG NGHIỆP VÀ MÔI TRƯỜNG", "88/2025/TT-BNN-MT").number_symbol
        self.assertEqual(speck, "88/2025/TT-BNNMT")
        cut = scanned("BỘ GIÁO DỤC VÀ ĐÀO", "06/2026/TT-BGDĐT").number_symbol  # name cut short
        self.assertEqual(cut, "06/2026/TT-BGDĐT")
        cut = scanned("BỘ THÔNG TIN VÀ TRUYỀN", "6/2024/TT-BTTTT").number_symbol
        self.assertEqual(cut, "6/2024/TT-BTTTT")
        # Short initials are too alike, and joint or unit parts are not the body's.
        self.assertEqual(scanned("BỘ TƯ PHÁP", "5/2024/TT-BTC").number_symbol, "5/2024/TT-BTC")
        joint = scanned("BỘ TÀI CHÍNH", "7/2024/TTLT-BTC-BNV").number_symbol
        self.assertEqual(joint, "7/2024/TTLT-BTC-BNV")
        typed = read_text("BỘ GIAO THÔNG VẬN TẢI\nSố: 30/2025/TT-BGTV\nTHÔNG TƯ\n")
        self.assertEqual(typed.number_symbol, "30/2025/TT-BGTV")  # as written: not a scan

    def test_a_scans_type_part_off_the_type_line_takes_its_abbreviation(self) -> None:
        def scanned(symbol: str, doc_type: str = "THÔNG TƯ") -> str | None:
            header = ["BỘ Y TẾ", f"Số: {symbol}", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", doc_type]
            return read([Line(text, confidence=0.9) for text in header]).number_symbol

        for misread in ("TI", "T1", "TT1", "TI1"):  # a T's stem read as I or 1
            self.assertEqual(scanned(f"55/2025/{misread}-BYT"), "55/2025/TT-BYT", misread)
        self.assertEqual(scanned("71/2025/TTNHNN"), "71/2025/TT-NHNN")  # the hyphen lost
        self.assertEqual(scanned("2873/1997/QĐĐ-BYT", "QUYẾT ĐỊNH"), "2873/1997/QĐ-BYT")
        self.assertEqual(scanned("279/2002/GĐ-TTg", "QUYẾT ĐỊNH"), "279/2002/QĐ-TTg")
        # Without a year, "QĐĐ-UBND" reads as a công văn's issuer and unit.
        self.assertEqual(scanned("20/QĐĐ-UBND", "QUYẾT ĐỊNH"), "20/QĐ-UBND")
        self.assertEqual(scanned("20/UBND-VX", "QUYẾT ĐỊNH"), "20/UBND-VX")
        self.assertEqual(scanned("09/2025/UBTVQHI5", "NGHỊ QUYẾT"), "09/2025/UBTVQH15")
        # A real abbreviation, or a part far from the type line's, is left as read.
        self.assertEqual(scanned("12/2024/TTLT-BYT-BTC"), "12/2024/TTLT-BYT-BTC")
        self.assertEqual(scanned("3/2025/KH-BYT"), "3/2025/KH-BYT")
        self.assertEqual(scanned("4/2025/UBND"), "4/2025/UBND")
        typed = read_text("BỘ Y TẾ\nSố: 55/2025/T1-BYT\nTHÔNG TƯ\n")
        self.assertEqual(typed.number_symbol, "55/2025/T1-BYT")  # as written: not a scan

    def test_the_authority_line_naming_the_country_is_no_second_motto(self) -> None:
        # The President's decisions name him "CHỦ TỊCH / NƯỚC CỘNG HÒA XÃ HỘI CHỦ NGHĨA
        # VIỆT NAM" under the abstract; taken for the motto, it swallowed the abstract.
        text = (
            "CHỦ TỊCH NƯỚC\n-------\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
            "Độc lập - Tự do - Hạnh phúc\n---------------\nSố: 758/2024/QĐ-CTN\n"
            "Hà Nội, ngày 30 tháng 7 năm 2024\nQUYẾT ĐỊNH\nVỀ ĐẶC XÁ NĂM 2024\n__________\n"
            "CHỦ TỊCH\nNƯỚC CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nCăn cứ Luật Đặc xá năm 2018;\n"
        )
        found = read_text(text)
        self.assertEqual(found.abstract, "VỀ ĐẶC XÁ NĂM 2024")
        self.assertEqual(found.number_symbol, "758/2024/QĐ-CTN")
        self.assertEqual(found.issued_date, datetime.date(2024, 7, 30))


def _scanned(lines: list[str]) -> Reading:
    """Lines as OCR gives them: each with a confidence."""
    return read([Line(text, confidence=0.9) for text in lines])


_SCAN_HEADER = ["BỘ TÀI CHÍNH", "Số: 95/2025/TT-BTC", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"]


class EnactingSentenceTests(SimpleTestCase):
    """A law, decree or circular says its abstract again in the body's type ("Chính phủ
    ban hành Nghị định quy định …"), whose marks OCR reads better than bold capitals."""

    HEADER = ["THỦ TƯỚNG CHÍNH PHỦ", "Số: 42/2025/QĐ-TTg", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"]
    ABSTRACT = "BAN HÀNH BỘ TIÊU CHÍ PHÁT TRIỂN VĂN HOA TOÀN DIỆN"
    # "văn hóa" and "hoa toàn" both seen: the lexicon alone cannot tell "HOA" is wrong.
    LEXICON = make_lexicon((*DOCUMENTS, "phát triển văn hóa, văn hóa dân tộc; trồng hoa; hoa toàn"))

    def abstract(self, body: list[str], lexicon: Lexicon | None = LEXICON) -> str | None:
        lines = [*self.HEADER, "QUYẾT ĐỊNH", self.ABSTRACT, "Căn cứ Luật Tổ chức Chính phủ;"]
        return read([Line(t, confidence=0.9) for t in [*lines, *body]], lexicon=lexicon).abstract

    def test_the_marks_of_the_enacting_sentence_are_weighed(self) -> None:
        body = [
            "Thủ tướng Chính phủ ban hành Quyết định ban hành Bộ tiêu chí",
            "phát triển văn hóa toàn diện.",
        ]
        self.assertEqual(self.abstract(body), self.ABSTRACT.replace("HOA", "HÓA"))
        self.assertEqual(self.abstract(body, lexicon=None), self.ABSTRACT)

    def test_a_body_that_says_other_words_is_no_second_reading(self) -> None:
        for body in (
            ["Thủ tướng Chính phủ quyết định:", "Điều 1. Ban hành Bộ tiêu chí văn hóa toàn diện."],
            ["Thủ tướng Chính phủ ban hành Quyết định về văn hóa toàn diện và các tiêu chí khác."],
        ):
            with self.subTest(body=body[0]):
                self.assertEqual(self.abstract(body), self.ABSTRACT)

    def test_a_word_ocr_made_no_syllable_of_is_read_from_the_sentence(self) -> None:
        # A date written over "CỦA" on a real scan of Luật 40/2013/QH13.
        lines = ["QUỐC HỘI", "Luật số: 40/2013/QH13", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "LUẬT"]
        lines += ["SỬA ĐỔI, BỔ SUNG MỘT SỐ ĐIỀU JA LUẬT PHÒNG CHÁY VÀ CHỮA CHÁY"]
        lines += ["Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;"]
        lines += ["Quốc hội ban hành Luật sửa đổi, bổ sung một số điều của Luật"]
        lines += ["phòng cháy và chữa cháy số 27/2001/QH10."]
        found = read([Line(t, confidence=0.9) for t in lines], lexicon=make_lexicon()).abstract
        self.assertEqual(found, "SỬA ĐỔI, BỔ SUNG MỘT SỐ ĐIỀU CỦA LUẬT PHÒNG CHÁY VÀ CHỮA CHÁY")


class ScanSpecksAndWrappingTests(SimpleTestCase):
    """What a scan's specks and wrapping do to the header, the type line and the abstract."""

    def test_the_rule_under_the_issuing_body_read_as_letters_is_left_out(self) -> None:
        # "TC" at 47 % under "BỘ NỘI VỤ" made the issuer "BỘ NỘI VỤ TC", and the symbol's
        # "BNV" was then taken for a letter short of its initials ("BNVT").
        lines = [
            Line("BỘ NỘI VỤ", confidence=0.96),
            Line("TC", confidence=0.47),
            Line("Số: 03/VBHN-BNV", confidence=0.91),
            Line("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", confidence=0.96),
        ]
        found = read(lines, lexicon=make_lexicon())
        self.assertEqual((found.issuer, found.number_symbol), ("BỘ NỘI VỤ", "03/VBHN-BNV"))
        # Read surely, a short line is part of the name.
        lines[1] = Line("TC", confidence=0.9)
        self.assertEqual(read(lines).issuer, "BỘ NỘI VỤ TC")

    def test_specks_around_the_type_line_and_in_the_abstract_are_left_out(self) -> None:
        lines = [":", "- - THÔNG TƯ „", "„", "SỬA ĐỔI, BỔ SUNG MỘT SỐ NỘI:", "2"]
        lines += ["DUNG CỦA THÔNG TƯ SỐ 44/2022/TT-BTC CỦA BỘ", "TRƯỞNG BỘ TÀI CHÍNH. QUY ĐỊNH"]
        lines += ["QUẢN LÝ KINH PHÍ :", "Căn cứ Luật Ngân sách nhà nước;"]
        found = _scanned([*_SCAN_HEADER, *lines])
        self.assertEqual(found.doc_type, "Thông tư")
        self.assertEqual(
            found.abstract,
            "SỬA ĐỔI, BỔ SUNG MỘT SỐ NỘI DUNG CỦA THÔNG TƯ SỐ 44/2022/TT-BTC CỦA BỘ "
            "TRƯỞNG BỘ TÀI CHÍNH QUY ĐỊNH QUẢN LÝ KINH PHÍ",
        )

    def test_a_colon_before_a_capital_on_the_next_line_of_a_mixed_case_abstract_is_kept(
        self,
    ) -> None:
        lines = ["NGHỊ ĐỊNH", "Quy định liên thông nhóm thủ tục hành", "chính:"]
        lines += ["Đăng ký hộ kinh doanh - cấp Giấy phép", "Căn cứ Luật Doanh nghiệp;"]
        abstract = (
            "Quy định liên thông nhóm thủ tục hành chính: Đăng ký hộ kinh doanh - cấp Giấy phép"
        )
        self.assertEqual(_scanned([*_SCAN_HEADER, *lines]).abstract, abstract)
        # Before a word that goes on with the sentence it is a speck.
        lines[3] = "đăng ký hộ kinh doanh"
        self.assertEqual(
            _scanned([*_SCAN_HEADER, *lines]).abstract,
            "Quy định liên thông nhóm thủ tục hành chính đăng ký hộ kinh doanh",
        )

    def test_a_full_stop_then_an_underscore_before_the_type_line_are_specks(self) -> None:
        lines = [". _ THÔNG TƯ", "Quy định về hạn ngạch thuế quan", "Căn cứ Luật;"]
        found = _scanned([*_SCAN_HEADER, *lines])
        self.assertEqual(
            (found.doc_type, found.abstract), ("Thông tư", "Quy định về hạn ngạch thuế quan")
        )

    def test_a_speck_read_as_a_letter_inside_ve_viec_is_left_out(self) -> None:
        lines = ["QUYẾT ĐỊNH", "Về v việc giao đất cho công ty", "Căn cứ Luật Đất đai;"]
        self.assertEqual(_scanned([*_SCAN_HEADER, *lines]).abstract, "giao đất cho công ty")

    def test_the_abstracts_first_word_is_corrected_after_what_the_page_printed_before_it(
        self,
    ) -> None:
        texts = ("Các văn bản; bản sao.", "Về việc ban hành quy chế.", "V/v ban hành quy chế.")
        lexicon = make_lexicon((*DOCUMENTS, *texts))
        for opening, letter in (("Về việc", []), ("V/v", ["Kính gửi: Sở Nội vụ"])):
            with self.subTest(opening):
                head = ["QUYẾT ĐỊNH"] if not letter else []
                lines = [*_SCAN_HEADER, *head, f"{opening} bản hành quy chế", *letter]
                lines.append("Căn cứ Luật;")
                found = read([Line(text, confidence=0.9) for text in lines], lexicon=lexicon)
                self.assertEqual(found.abstract, "ban hành quy chế")

    def test_a_dash_after_a_scanned_abstract_is_a_speck(self) -> None:
        for end in (" -", " -:"):
            lines = ["KẾ HOẠCH", f"Xây dựng hệ thống quản lý chất lượng giai đoạn 2019-2021{end}"]
            found = _scanned([*_SCAN_HEADER, *lines, "I. MỤC ĐÍCH, YÊU CẦU"])
            expected = "Xây dựng hệ thống quản lý chất lượng giai đoạn 2019-2021"
            self.assertEqual(found.abstract, expected)

    def test_a_wrapped_line_naming_an_article_goes_on_with_the_abstract(self) -> None:
        lines = ["THÔNG TƯ", "Hướng dẫn các loại máy chưa được quy định tại khoản 6"]
        lines += ["Điều 19 Nghị định số 181/2025/NĐ-CP của Chính phủ", "Căn cứ Luật Thuế;"]
        found = _scanned([*_SCAN_HEADER, *lines])
        end = "khoản 6 Điều 19 Nghị định số 181/2025/NĐ-CP của Chính phủ"
        self.assertTrue(str(found.abstract).endswith(end), found.abstract)
        body = _scanned([*_SCAN_HEADER, "THÔNG TƯ", "Quy định chi tiết", "Điều 1. Phạm vi"])
        self.assertEqual(body.abstract, "Quy định chi tiết")

    def test_a_speck_after_the_type_line_leaves_the_abstract_under_it(self) -> None:
        for type_line in ("THÔNG TƯ .", "THÔNG TƯ ,", "THÔNG TƯ:"):
            with self.subTest(type_line):
                lines = [type_line, "QUY ĐỊNH VỀ THÀNH LẬP QUỸ", "Căn cứ Luật Ngân sách;"]
                found = _scanned([*_SCAN_HEADER, *lines])
                self.assertEqual(found.doc_type, "Thông tư")
                self.assertEqual(found.abstract, "QUY ĐỊNH VỀ THÀNH LẬP QUỸ")

    def test_an_abstract_opening_with_quy_dinh_under_a_lost_type_line_keeps_the_symbols_type(
        self,
    ) -> None:
        lines = [
            "ANg",
            ".:..",
            "QUY ĐỊNH VỀ TIẾP CÔNG DÂN, XỬ LÝ ĐƠN",
            "KHIẾU NẠI CỦA BỘ TÀI CHÍNH",
        ]
        found = _scanned([*_SCAN_HEADER, *lines, "Căn cứ Luật Khiếu nại;"])
        self.assertEqual(found.doc_type, "Thông tư")  # 95/2025/TT-BTC
        expected = "QUY ĐỊNH VỀ TIẾP CÔNG DÂN, XỬ LÝ ĐƠN KHIẾU NẠI CỦA BỘ TÀI CHÍNH"
        self.assertEqual(found.abstract, expected)
        # A "Quy định" numbered as one ("…/QyĐ-…") is one.
        header = ["BỘ TÀI CHÍNH", "Số: 12/QyĐ-BTC", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"]
        rule = _scanned([*header, "QUY ĐỊNH", "VỀ TIẾP CÔNG DÂN", "Căn cứ Luật Khiếu nại;"])
        self.assertEqual((rule.doc_type, rule.abstract), ("Quy định", "VỀ TIẾP CÔNG DÂN"))

    def test_the_line_before_the_articles_is_no_type_line(self) -> None:
        lines = ["Về việc giao đất", "QUYẾT ĐỊNH:", "Điều 1. Giao đất cho công ty."]
        found = _scanned([*_SCAN_HEADER, *lines])
        self.assertIsNone(found.abstract)

    def test_a_wrapped_line_opening_with_chuong_trinh_goes_on_with_the_abstract(self) -> None:
        lines = ["THÔNG TƯ", "Hướng dẫn quản lý kinh phí thực hiện"]
        lines += ["Chương trình đảm bảo chất lượng giáo dục", "Căn cứ Luật Ngân sách;"]
        found = _scanned([*_SCAN_HEADER, *lines])
        expected = "Hướng dẫn quản lý kinh phí thực hiện Chương trình đảm bảo chất lượng giáo dục"
        self.assertEqual(found.abstract, expected)
        chapter = _scanned([*_SCAN_HEADER, "THÔNG TƯ", "Quy định chi tiết", "Chương I"])
        self.assertEqual(chapter.abstract, "Quy định chi tiết")

    def test_a_line_ending_on_a_word_that_lost_its_hook_goes_on(self) -> None:
        lines = ["NGHỊ ĐỊNH", "SỬA ĐỔI NGHỊ ĐỊNH SỐ 150/2025/NĐ-CP CUA"]
        lines += ["CHÍNH PHỦ QUY ĐỊNH TỔ CHỨC CÁC CƠ QUAN", "Căn cứ Luật Tổ chức Chính phủ;"]
        found = _scanned([*_SCAN_HEADER, *lines])
        end = "CUA CHÍNH PHỦ QUY ĐỊNH TỔ CHỨC CÁC CƠ QUAN"
        self.assertTrue(str(found.abstract).endswith(end), found.abstract)

    def test_an_abstract_in_capitals_goes_on_past_lines_that_only_look_like_its_end(
        self,
    ) -> None:
        for article in ("12A", "12a"):  # "12a" is no longer all capitals
            lines = [
                "NGHỊ ĐỊNH",
                "HƯỚNG DẪN CÁC ĐIỂM đ, h, i KHOẢN 1",
                f"ĐIỀU {article} NGHỊ ĐỊNH SỐ",
            ]
            lines += ["05/2011/NĐ-CP VỀ CHỐNG TÀI TRỢ", "PHỔ BIẾN VŨ KHÍ GIAI ĐOẠN 2026", "- 2030"]
            lines += ["PHÓ THỦ TƯỚNG", "Căn cứ Luật Tổ chức Chính phủ;"]
            found = _scanned([*_SCAN_HEADER, *lines])
            self.assertEqual(
                found.abstract,
                f"HƯỚNG DẪN CÁC ĐIỂM đ, h, i KHOẢN 1 ĐIỀU {article} NGHỊ ĐỊNH SỐ 05/2011/NĐ-CP VỀ "
                "CHỐNG TÀI TRỢ PHỔ BIẾN VŨ KHÍ GIAI ĐOẠN 2026 - 2030",
            )

    def test_the_issuers_wrapped_line_after_the_mottos_row_is_the_issuers(self) -> None:
        lines = ["BỘ GIÁO DỤC VÀ ĐÀO", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "TẠO"]
        found = _scanned([*lines, "Số: 06/2026/TT-BGDĐT", "Độc lập - Tự do", "THÔNG TƯ"])
        self.assertEqual(found.issuer, "BỘ GIÁO DỤC VÀ ĐÀO TẠO")
        self.assertEqual(found.number_symbol, "06/2026/TT-BGDĐT")

    def test_a_symbol_cited_in_the_abstract_agrees_with_the_type_named_before_it(self) -> None:
        abstract = "Điều chỉnh Quyết định số 4002/GĐ-UBND, Nghị quyết số 51/NQG-HĐND"
        abstract += " và Thông tư liên tịch số 12/2010/TTLT-BTC-BNV"
        found = _scanned([*_SCAN_HEADER, "QUYẾT ĐỊNH", abstract, "Căn cứ Luật;"])
        self.assertEqual(
            found.abstract,
            "Điều chỉnh Quyết định số 4002/QĐ-UBND, Nghị quyết số 51/NQ-HĐND"
            " và Thông tư liên tịch số 12/2010/TTLT-BTC-BNV",
        )
        typed = read_text("\n".join([*_SCAN_HEADER, "QUYẾT ĐỊNH", abstract, "Căn cứ Luật;"]))
        self.assertEqual(typed.abstract, abstract)  # born-digital text is as written

    def test_the_kind_of_unit_before_a_provinces_name_gets_its_marks_back(self) -> None:
        abstract = "CÔNG BỐ VÙNG NƯỚC THUỘC ĐỊA PHẬN TÍNH THANH HÓA, THÁNH PHỐ HẢI PHÒNG"
        header = ["ỦY BAN NHÂN DÂN", "TÍNH ĐỒNG THÁP", "Số: 12/QĐ-UBND"]
        found = _scanned([*header, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "QUYẾT ĐỊNH", abstract])
        self.assertEqual(
            found.abstract, "CÔNG BỐ VÙNG NƯỚC THUỘC ĐỊA PHẬN TỈNH THANH HÓA, THÀNH PHỐ HẢI PHÒNG"
        )
        self.assertEqual(found.issuer, "ỦY BAN NHÂN DÂN TỈNH ĐỒNG THÁP")
        # "tính" is a word too: before anything but a province's name it stays.
        found = _scanned([*_SCAN_HEADER, "THÔNG TƯ", "Về tính đồng bộ của dữ liệu"])
        self.assertEqual(found.abstract, "Về tính đồng bộ của dữ liệu")

    def test_a_cited_type_and_its_symbol_put_each_other_right(self) -> None:
        # A digit in the symbol's type part ("TT1"), a wrong mark in the type's name
        # ("THÔNG TỰ") that the symbol's type part ("TT") confirms.
        abstract = "SỬA ĐỔI THÔNG TƯ SỐ 15/2014/TT1-BTNMT VÀ THÔNG TỰ SỐ 12/2021/TT-BXD"
        found = _scanned([*_SCAN_HEADER, "THÔNG TƯ", abstract, "Căn cứ Luật;"])
        self.assertEqual(
            found.abstract, "SỬA ĐỔI THÔNG TƯ SỐ 15/2014/TT-BTNMT VÀ THÔNG TƯ SỐ 12/2021/TT-BXD"
        )
        # Another type's symbol confirms nothing.
        other = "SỬA ĐỔI THÔNG TỰ SỐ 12/2021/QĐ-BXD"
        found = _scanned([*_SCAN_HEADER, "THÔNG TƯ", other, "Căn cứ Luật;"])
        self.assertEqual(found.abstract, other)

    def test_symbols_under_the_type_line_are_cited_ones(self) -> None:
        # A header whose number is unreadable, and an abstract that wraps a symbol alone.
        lines = ["BỘ CÔNG THƯƠNG", "Số: /2026/TT-BCT", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"]
        lines += ["THÔNG TƯ", "Sửa đổi, bổ sung một số điều của Thông tư số", "39/2016/TT-NHNN"]
        lines += ["về hoạt động cho vay", "Căn cứ Luật Quản lý ngoại thương;", "Thương được sửa"]
        lines += ["Nghị định số 193/2025/NĐ-CP;"]
        found = _scanned(lines)
        self.assertEqual(found.number_symbol, "/2026/TT-BCT")  # the number left blank
        self.assertEqual(found.doc_type, "Thông tư")
        self.assertEqual(
            found.abstract,
            "Sửa đổi, bổ sung một số điều của Thông tư số 39/2016/TT-NHNN về hoạt động cho vay",
        )


UNNUMBERED_LETTER = """BỘ CÔNG AN
CỤC CẢNH SÁT PCCC VÀ CNCH
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số:        /PCCC&CNCH-P6
Hà Nội, ngày      tháng      năm 2025
V/v thu thập, tổng hợp, đánh giá tình hình
thực hiện QCVN 03:2023/BCA
Kính gửi: Công an các tỉnh, thành phố trực thuộc Trung ương.
Thực hiện Kế hoạch xây dựng tiêu chuẩn, quy chuẩn kỹ thuật quốc gia năm 2025.
"""


def _boxed(rows: list[tuple[str, float, float, float]]) -> list[Line]:
    """Recognized lines: text, left, top, right (fractions of the page)."""
    return [
        Line(t, box=(left, top, right, top + 0.015), confidence=0.9) for t, left, top, right in rows
    ]


class BlankNumberAndStampTests(SimpleTestCase):
    """Documents as an office has them: numbered and dated by hand on issue, or scanned
    with the "ĐẾN" stamp of the office that received them."""

    def test_a_letter_whose_number_and_date_are_left_blank_is_read(self) -> None:
        found = read_text(UNNUMBERED_LETTER)
        self.assertEqual(found.number_symbol, "/PCCC&CNCH-P6")
        self.assertIsNone(found.number)
        self.assertEqual(found.issuer_abbreviation, "PCCC&CNCH-P6")
        self.assertLess(found.confidence["number_symbol"], 0.6)  # for the clerk to fill in
        self.assertEqual(found.doc_type, "Công văn")
        self.assertEqual(found.place, "Hà Nội")
        self.assertIsNone(found.issued_date)
        self.assertEqual(
            found.abstract, "thu thập, tổng hợp, đánh giá tình hình thực hiện QCVN 03:2023/BCA"
        )
        self.assertEqual(found.issuer, "CỤC CẢNH SÁT PCCC VÀ CNCH")

    def test_a_letters_abstract_is_read_when_its_number_is_not(self) -> None:
        # Registers hold letters numbered "1830 QĐ-UBND" (no slash) or not at all.
        header = "ỦY BAN NHÂN DÂN\nTỈNH BÌNH DƯƠNG\n{number}\nV/v Thành lập khu điều trị\n"
        footer = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nBình Dương, ngày 16 tháng 7 năm 2021\n"
        for number in ("Số: 1830 QĐ-UBND", "Số:", ""):
            with self.subTest(number):
                found = read_text(header.format(number=number) + footer + "Kính gửi: Sở Y tế\n")
                self.assertEqual(found.abstract, "Thành lập khu điều trị")
                self.assertEqual(found.issued_date, datetime.date(2021, 7, 16))

    def test_a_draft_legal_document_keeps_its_year_and_type(self) -> None:
        text = "BỘ GIÁO DỤC VÀ ĐÀO TẠO\nSố: /2024/TT-BGDĐT\nHà Nội, ngày tháng năm 2024\n"
        found = read_text(text + "THÔNG TƯ\nBan hành Quy chế thi\nCăn cứ Luật Giáo dục;\n")
        self.assertEqual(found.number_symbol, "/2024/TT-BGDĐT")
        self.assertEqual((found.symbol_year, found.type_abbreviation), (2024, "TT"))
        self.assertEqual(found.doc_type, "Thông tư")
        self.assertEqual(found.abstract, "Ban hành Quy chế thi")

    def test_a_space_after_a_cited_symbols_hyphen_and_a_speck_between_words_go(self) -> None:
        abstract = "Sửa đổi Thông tư số 79/2024/TT- BCA về xe máy.chuyên dùng"
        found = _scanned([*_SCAN_HEADER, "THÔNG TƯ", abstract, "Căn cứ Luật;"])
        self.assertEqual(found.abstract, "Sửa đổi Thông tư số 79/2024/TT-BCA về xe máy chuyên dùng")

    def test_a_months_word_read_as_the_days_is_put_back_in_a_scanned_abstract(self) -> None:
        abstract = "Sửa đổi Thông tư số 13/2025/TT-BCA ngày 28 ngày 02 năm 2025 của Bộ Công an"
        found = _scanned([*_SCAN_HEADER, "THÔNG TƯ", abstract, "Căn cứ Luật;"])
        self.assertEqual(found.abstract, abstract.replace("28 ngày", "28 tháng"))
        capitals = _scanned(
            [*_SCAN_HEADER, "THÔNG TƯ", "SỬA ĐỔI QUYẾT ĐỊNH NGÀY 5 NGÀY 12 NĂM 2024"]
        )
        self.assertEqual(capitals.abstract, "SỬA ĐỔI QUYẾT ĐỊNH NGÀY 5 THÁNG 12 NĂM 2024")

    def test_an_inverted_exclamation_mark_ocr_reads_for_an_i_is_the_letter(self) -> None:
        abstract = "Sửa đổi điểm ¡ khoản 2 Điều 3 của Quy chế"
        found = _scanned([*_SCAN_HEADER, "THÔNG TƯ", abstract, "Căn cứ Luật;"])
        self.assertEqual(found.abstract, "Sửa đổi điểm i khoản 2 Điều 3 của Quy chế")

    def test_a_scans_blank_number_and_date_in_boxes_of_their_own_are_read(self) -> None:
        found = read(
            _boxed(
                [
                    ("CỤC CẢNH SÁT PCCC VÀ CÑCH", 0.12, 0.09, 0.43),
                    ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 0.48, 0.07, 0.9),
                    ("Số:", 0.13, 0.13, 0.16),
                    ("/PCCC&CNCH-Pó", 0.24, 0.13, 0.42),  # a 6 read as "ó"
                    ("Hà Nội, ngày", 0.52, 0.13, 0.65),
                    ("tháng năm 2025", 0.69, 0.13, 0.86),
                    ("V/v thu thập, tổng hợp", 0.11, 0.15, 0.45),
                ]
            )
        )
        self.assertEqual(found.number_symbol, "/PCCC&CNCH-P6")
        self.assertEqual(found.place, "Hà Nội")
        self.assertEqual(found.abstract, "thu thập, tổng hợp")
        # The "ĐẾN" stamp's date under the "V/v" lines is when it came, not the date.
        stamped = _scanned(["BỘ CÔNG AN", "Số: 12/BCA-VP", "V/v họp", "Ngày đến: 04/7/2025"])
        self.assertEqual((stamped.issued_date, stamped.place), (None, None))
        # A date written by hand, which OCR reads as no number, leaves the place.
        handwritten = _scanned(["BỘ CÔNG AN", "Hà Nội, ngày 2Z tháng 0† năm 2025", "CÔNG ĐIỆN"])
        self.assertEqual((handwritten.place, handwritten.issued_date), ("Hà Nội", None))
        self.assertEqual(found.issuer, "CỤC CẢNH SÁT PCCC VÀ CNCH")

    def test_a_stamp_in_the_margin_and_over_can_cu_stays_out_of_the_abstract(self) -> None:
        body = [
            (f"Dòng {n} của phần nội dung văn bản.", 0.14, 0.40 + n * 0.02, 0.9) for n in range(4)
        ]
        # The stamp spoilt "Căn" (the page's reading) or hid it (the area read again).
        for basis in ("mn cứ", "cứ"):
            with self.subTest(basis):
                self._read_stamped(f"{basis} Luật Trật tự, an toàn giao thông đường bộ;", body)

    def _read_stamped(self, basis: str, body: list[tuple[str, float, float, float]]) -> None:
        found = read(
            _boxed(
                [
                    ("BỘ CÔNG AN", 0.18, 0.07, 0.32),
                    ("Số: 51/2025/TT-BCA", 0.15, 0.12, 0.35),
                    ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 0.44, 0.07, 0.89),
                    ("Hà Nội, ngày 30 tháng 6 năm 2025", 0.5, 0.12, 0.83),
                    ("THÔNG TƯ", 0.45, 0.17, 0.59),
                    (
                        "Sửa đổi, bổ sung một số điều của Thông tư số 79/2024/TT-BCA",
                        0.21,
                        0.2,
                        0.83,
                    ),
                    ("' tổ THÔNG THøI ĐIỆN TỦ Í CHÍNH PHỦ", 0.02, 0.26, 0.23),
                    ("đã được sửa đổi, bổ sung", 0.23, 0.25, 0.81),
                    (basis, 0.2, 0.3, 0.89),
                    *body,
                ]
            )
        )
        self.assertEqual(
            found.abstract,
            "Sửa đổi, bổ sung một số điều của Thông tư số 79/2024/TT-BCA đã được sửa đổi, bổ sung",
        )


class FooterTests(SimpleTestCase):
    def test_it_reads_the_signature_block_and_recipients(self) -> None:
        found = read_text(DECREE)
        self.assertEqual(found.signer, "Lê Thành Long")
        self.assertEqual(found.signing_authority, "TM. CHÍNH PHỦ, KT. THỦ TƯỚNG")
        self.assertEqual(found.signer_position, "PHÓ THỦ TƯỚNG")
        self.assertEqual(
            found.recipients,
            ["Ban Bí thư Trung ương Đảng", "Thủ tướng, các Phó Thủ tướng Chính phủ"],
        )

    def test_a_form_in_an_appendix_is_not_taken_for_the_signature(self) -> None:
        found = read_text(DECREE)
        self.assertNotEqual(found.signer, "Nguyễn Văn A")
        self.assertEqual(found.appendices, ["PHỤ LỤC I – MẪU ĐƠN ĐỀ NGHỊ"])

    def test_articles_are_listed(self) -> None:
        self.assertEqual(
            read_text(DECREE).articles,
            [
                "Điều 1. Sửa đổi, bổ sung một số điều của Nghị định số 143/2013/NĐ-CP",
                "Điều 2. Hiệu lực thi hành",
            ],
        )

    def test_an_article_heading_a_page_wrapped_is_read_whole(self) -> None:
        # As the scan of Nghị định 96/2016/NĐ-CP sets its headings; the body under a
        # heading opens with a capital, "1." or "a)".
        lines = [
            "Điều 3. Ngành, nghề đầu tư kinh doanh có điều kiện về an ninh,",
            "trật tự và phạm vi quản lý",
            "1. Ngành, nghề đầu tư kinh doanh có điều kiện về an ninh, trật tự gồm:",
            "Điều 4. Giải thích từ ngữ",
            "Trong Nghị định này, các từ ngữ dưới đây được hiểu như sau:",
        ]
        self.assertEqual(
            read(_plain(lines)).articles,
            [
                "Điều 3. Ngành, nghề đầu tư kinh doanh có điều kiện về an ninh, trật tự và"
                " phạm vi quản lý",
                "Điều 4. Giải thích từ ngữ",
            ],
        )

    def test_a_scans_article_headings_are_put_right_by_the_lexicon(self) -> None:
        texts = [*_SCAN_HEADER, "THÔNG TƯ", "Quy định chi tiết", "Điều 2. Hiệu lực thỉ hành"]
        found = read([Line(text, confidence=0.9) for text in texts], lexicon=make_lexicon())
        self.assertEqual(found.articles, ["Điều 2. Hiệu lực thi hành"])

    def test_a_rank_before_the_name_belongs_to_the_signer(self) -> None:
        lines = ["KT. BỘ TRƯỞNG", "THỨ TRƯỞNG", "Thượng tướng Lương Tam Quang"]
        found = read(_plain(["Điều 1. Hiệu lực.", *lines]))
        self.assertEqual(found.signer, "Thượng tướng Lương Tam Quang")

    def test_a_given_name_of_one_vowel_is_a_name(self) -> None:
        for name in ("Nguyễn Như Ý", "NGUYỄN NHƯ Ý", "Lê Văn A"):
            with self.subTest(name):
                found = read(_plain(["Điều 1. Hiệu lực.", "KT. BỘ TRƯỞNG", "THỨ TRƯỞNG", name]))
                self.assertEqual(found.signer, name.title())
        found = read(_plain(["Điều 1. Hiệu lực.", "BỘ TRƯỞNG", "Lê Văn B"]))
        self.assertIsNone(found.signer)

    def test_specks_left_by_a_stamp_do_not_end_the_block(self) -> None:
        lines = ["Điều 1. Hiệu lực.", "GIÁM ĐỐC", "(Đã ký)", "⁄XNZ^-<z", "~", "Phạm Văn Minh"]
        self.assertEqual(read(_plain(lines)).signer, "Phạm Văn Minh")

    def test_an_accent_read_from_a_speck_before_the_signature_mark_is_left_out(self) -> None:
        lines = ["Điều 1. Hiệu lực.", "KT. BỘ TRƯỞNG", "THỨ TRƯỞNG", "ˆ (Đã ký)"]
        found = _scanned([*lines, "Nguyễn Thị Phương Hoa"])
        self.assertEqual(found.signer, "Nguyễn Thị Phương Hoa")

    def test_a_scanned_signers_name_is_not_corrected_into_running_words(self) -> None:
        # The trusted text holds "văn không" and "Phớc" (a real name), not "Khắng": only
        # a word that is no syllable ("Phớóc") is taken from the running text's model.
        lexicon = make_lexicon(
            (*DOCUMENTS, "Văn không rõ ràng; văn không hợp lệ.", "BỘ TRƯỞNG\nHồ Đức Phớc")
        )
        for name, expected in (("Bùi Văn Khắng", "Bùi Văn Khắng"), ("Hồ Đức Phớóc", "Hồ Đức Phớc")):
            with self.subTest(name):
                lines = ["Điều 1. Hiệu lực.", "BỘ TRƯỞNG", name]
                found = read([Line(text, confidence=0.9) for text in lines], lexicon=lexicon)
                self.assertEqual(found.signer, expected)

    def test_a_misread_position_is_not_taken_for_a_name(self) -> None:
        found = read(_plain(["Điều 1. Hiệu lực.", "KT. BỘ TRƯỞNG", "Ứ TRƯỞNG", "Điều 2."]))
        self.assertIsNone(found.signer)

    def test_scraps_of_a_signature_do_not_end_the_block(self) -> None:
        lines = ["Điều 1. Hiệu lực.", "KT. BỘ TRƯỞNG", "THỨ TRƯỞNG", ", s Ki NT", "Lê Văn Tám"]
        self.assertEqual(read(_plain(lines)).signer, "Lê Văn Tám")

    def test_a_misread_position_with_its_ministry_or_a_cut_name_is_no_signer(self) -> None:
        # Left without a signer, the scan is read again with the stamp whitened.
        for misread in ("ỦNG BỘ NỘI VỤ", "ạnh Khương"):
            with self.subTest(misread):
                found = read(_plain(["Điều 1. Hiệu lực.", ", BỘ TRƯỞNG", misread]))
                self.assertIsNone(found.signer)

    def test_lines_ocr_doubts_in_the_block_are_marks_and_do_not_lower_the_name(self) -> None:
        texts = ["Điều 1. Hiệu lực.", "TM. CHÍNH PHỦ", "THỦ TƯỚNG", "{Đã ký)", "SÀN ⁄ 7w"]
        lines = [*_plain(texts), Line("Phạm Minh Chính", confidence=0.96)]
        lines[-2] = replace(lines[-2], confidence=0.37)
        found = read(lines)
        self.assertEqual(found.signer, "Phạm Minh Chính")
        self.assertEqual(found.signer_position, "THỦ TƯỚNG")
        self.assertGreater(found.confidence["signer"], 0.85)

    def test_a_scrawl_read_as_a_name_gives_way_to_the_name_under_it(self) -> None:
        texts = ["Điều 1. Hiệu lực.", "KT. BỘ TRƯỞNG", "THỨ TRƯỞNG", "(Đã ký)"]
        scrawl = Line("ẦN ƯỜNG", confidence=0.03)
        found = read([*_plain(texts), scrawl, Line("Phùng Đức Tiến", confidence=0.96)])
        self.assertEqual(found.signer, "Phùng Đức Tiến")
        # Alone, a name OCR doubts is still the name, with its doubt.
        found = read([*_plain(texts), Line("Phùng Đức Tiến", confidence=0.4)])
        self.assertEqual(found.signer, "Phùng Đức Tiến")
        self.assertLess(found.confidence["signer"], 0.5)

    def test_a_recipient_whose_dash_a_scan_read_as_a_speck_stays_in_the_list(self) -> None:
        lines = ["Điều 1. Hiệu lực.", "Nơi nhận:", "- Văn phòng Tổng Bí thư;"]
        lines += ["~ Văn phòng Chủ tịch nước;", "- Văn phòng Quốc hội;", "- Lưu: VT, NC."]
        found = _scanned([*lines, "TM. CHÍNH PHỦ", "THỦ TƯỚNG", "Nguyễn Xuân Phúc"])
        self.assertEqual(
            found.recipients,
            ["Văn phòng Tổng Bí thư", "Văn phòng Chủ tịch nước", "Văn phòng Quốc hội"],
        )
        self.assertEqual(found.signer, "Nguyễn Xuân Phúc")

    def test_a_position_read_partly_in_small_letters_does_not_end_the_block(self) -> None:
        lines = [
            "Điều 1. Hiệu lực.",
            "KT. CỤC TRƯỞNG",
            "PHÔ Cực TRƯỜNG",
            "Đại tá Nguyễn Thanh Điệp",
        ]
        found = _scanned(lines)
        self.assertEqual(found.signer, "Đại tá Nguyễn Thanh Điệp")
        # ... and the position, without tones a usual one, takes its marks back.
        self.assertEqual(found.signer_position, "PHÓ CỤC TRƯỞNG")
        found = _scanned(["Điều 1. Hiệu lực.", "KT. CỤC TRƯỜNG", "PHÓ CỤC TRƯỞNG", "Lê Văn Tám"])
        self.assertEqual(found.signing_authority, "KT. CỤC TRƯỞNG")
        # "THỦ TRƯỞNG" (the head of a unit) is also "THỨ TRƯỞNG" without tones: kept.
        found = _scanned(["Điều 1. Hiệu lực.", "KT. BỘ TRƯỞNG", "THỦ TRƯỞNG", "Lê Văn Tám"])
        self.assertEqual(found.signer_position, "THỦ TRƯỞNG")

    def test_family_names_like_a_department_stay_names(self) -> None:
        found = read(_plain(["Điều 1. Hiệu lực.", "BỘ TRƯỞNG", "VŨ ĐỨC ĐAM"]))
        self.assertEqual(found.signer, "Vũ Đức Đam")


class SignatureAreaTests(SimpleTestCase):
    """The lines of a signature block read on their own, under a seal and a signature."""

    def area(self, texts: list[tuple[str, float]]) -> Reading:
        return read_signature_area([Line(text, confidence=sure) for text, sure in texts])

    def test_the_name_and_the_position_above_it_are_read_past_the_seal(self) -> None:
        found = self.area(
            [("⁄ q1", 0.3), ("CHỦ TỊCH Ọ", 0.7), ("sàn `", 0.4), ("M Nguyễn Sinh Hùng", 0.9)]
        )
        self.assertEqual(found.signer, "Nguyễn Sinh Hùng")
        self.assertEqual(found.signer_position, "CHỦ TỊCH")
        self.assertAlmostEqual(found.confidence["signer"], 0.8 * 0.7)

    def test_a_name_the_seal_cut_is_no_name(self) -> None:
        # "Lương" under the seal: "ơng Tam Quang" is no signer a clerk could trust.
        found = self.area([("Q TRƯƠNG", 0.6), ("ơng Tam Quang", 0.9)])
        self.assertIsNone(found.signer)
        self.assertIsNone(found.signer_position)

    def test_words_that_are_no_name_opening_with_a_family_name_are_left(self) -> None:
        for text in ["Bộ Tư pháp", "Cổng Thông Tin", "Tam Quang Sinh", "Hùng Nguyễn Sinh"]:
            with self.subTest(text):
                self.assertIsNone(self.area([(text, 0.9)]).signer)


class CitationTests(SimpleTestCase):
    def test_it_reads_type_symbol_date_and_issuer_of_citations(self) -> None:
        cited = {c.number_symbol: c for c in read_text(SAMPLE_LETTER).references}
        decision = cited["749/QĐ-TTg"]
        self.assertEqual(decision.doc_type, "Quyết định")
        self.assertEqual(decision.issued_date, datetime.date(2020, 6, 3))
        self.assertEqual(decision.issuer, "Thủ tướng Chính phủ")

    def test_laws_cited_by_name_and_date_are_kept_with_their_title(self) -> None:
        named = [c for c in read_text(SAMPLE_LETTER).references if c.number_symbol is None]
        self.assertEqual([(c.doc_type, c.title) for c in named], [("Luật", "Giao dịch điện tử")])
        self.assertEqual(named[0].issued_date, datetime.date(2023, 6, 22))

    def test_a_law_named_in_small_letters_before_its_symbol_is_a_law(self) -> None:
        # As Luật 40/2013/QH13 cites the law it amends; "pháp luật" is no law's name.
        text = (
            "Quốc hội ban hành Luật sửa đổi, bổ sung một số điều của Luật phòng\n"
            "cháy và chữa cháy số 27/2001/QH10. Theo pháp luật về xây dựng số 50/2014/QH13."
        )
        cited = {c.number_symbol: c for c in read_text(text).references}
        self.assertEqual(cited["27/2001/QH10"].doc_type, "Luật")
        self.assertEqual(cited["27/2001/QH10"].title, "phòng cháy và chữa cháy")
        self.assertIsNone(cited["50/2014/QH13"].doc_type)

    def test_laws_listed_after_one_law_word_are_laws_without_a_title(self) -> None:
        text = "Điều 2. Đã sửa đổi theo Luật số 43/2024/QH15, số 47/2024/QH15, số 58/2024/QH15."
        cited = read_text(text).references
        self.assertEqual([(c.doc_type, c.title) for c in cited], [("Luật", None)] * 3)

    def test_a_scans_misread_type_parts_of_one_cited_symbol_are_one_citation(self) -> None:
        # The real scan of Thông tư 51/2025/TT-BCA cites 79/2024/TT-BCA as all of these.
        found = _scanned(
            [
                *_SCAN_HEADER,
                "Điều 1. Theo Phụ lục số 04 ban hành kèm theo Thông tư số 79/2024/TTI-",
                "BCA ngày 15 tháng 11 năm 2024 của Bộ 4rưởng Bộ Công an;",
                "4. Thay thế Phụ lục số 02 ban hành kèm theo Thông tư số 79/2024/T T-",
                "BCA ngày 15 tháng 11 năm 2024 của Bộ trưởng Bộ Công an;",
                "5. Bỏ cụm từ tại các mẫu ban hành kèm theo Thông tư số",
                "79/2024/TT1-BCA ngày 15 tháng 11 năm 2024 của Bộ trưởng Bộ Công an.",
            ]
        )
        (cited,) = found.references
        self.assertEqual(cited.number_symbol, "79/2024/TT-BCA")
        self.assertEqual(cited.issuer, "Bộ trưởng Bộ Công an")
        # Replacing an appendix of the circular amends it; it does not replace it.
        self.assertEqual(cited.relation, "amends")

    def test_a_law_saying_when_it_takes_effect_cites_nothing(self) -> None:
        text = "Điều 3. Luật này có hiệu lực thi hành từ ngày 01 tháng 7 năm 2014."
        self.assertEqual(read_text(text).references, [])

    def test_relations_are_told_from_the_sentence(self) -> None:
        relations = {c.number_symbol or c.title: c.relation for c in read_text(DECREE).references}
        self.assertEqual(relations["63/2025/QH15"], "based_on")
        self.assertEqual(relations["Giáo dục"], "based_on")
        self.assertEqual(relations["143/2013/NĐ-CP"], "amends")
        self.assertEqual(relations["54/2020/NĐ-CP"], "replaces")

    def test_the_document_does_not_cite_itself(self) -> None:
        symbols = [c.number_symbol for c in read_text(DECREE).references]
        self.assertNotIn("51/2026/NĐ-CP", symbols)
        self.assertEqual(symbols.count("143/2013/NĐ-CP"), 1)

    def test_replacing_a_phrase_is_not_replacing_a_document(self) -> None:
        text = "Điều 1. Thay thế cụm từ “thanh tra” tại khoản 2 Điều 7 Nghị định số 45/2019/NĐ-CP."
        (cited,) = read_text(text).references
        self.assertNotEqual(cited.relation, "replaces")
