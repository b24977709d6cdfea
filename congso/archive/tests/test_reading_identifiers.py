import csv
import datetime
import json
import re
import unicodedata
from pathlib import Path
from unittest import skipUnless

from django.test import SimpleTestCase

from congso.archive.reading import doctypes, identifiers
from congso.archive.reading.identifiers import (
    NumberSymbol,
    find_number_symbols,
    normalize_symbol,
    parse_loose,
    parse_number_symbol,
    parse_place_date,
    parse_vn_date,
)
from congso.archive.vntext import fold_lookalikes
from congso.core.text import nfc

CORPUS = Path(__file__).resolve().parents[3].parent / "shared/corpus"
BINHDUONG = CORPUS / "binhduong-vbcd/documents.csv"
VBPL = CORPUS / "vbpl1000/documents.jsonl"


class DocTypeTableTests(SimpleTestCase):
    def test_it_lists_the_29_administrative_types_of_the_decree(self) -> None:
        administrative = [t for t in doctypes.all_types() if t.kind == "administrative"]
        self.assertEqual(len(administrative), 29)
        self.assertIn("Công văn", [t.name for t in administrative])

    def test_names_are_nfc(self) -> None:
        for doc_type in doctypes.all_types():
            self.assertEqual(doc_type.name, unicodedata.normalize("NFC", doc_type.name))

    def test_it_finds_a_type_by_abbreviation_written_in_any_usual_way(self) -> None:
        for written in ("QĐ", "QÐ", "qđ", "QD", "qd"):
            with self.subTest(written=written):
                found = doctypes.by_abbreviation(written)
                self.assertIsNotNone(found)
                assert found is not None
                self.assertEqual((found.name, found.kind), ("Quyết định", "administrative"))

    def test_d_is_not_read_as_dj_when_the_table_has_the_d_spelling(self) -> None:
        self.assertEqual(_name(doctypes.by_abbreviation("HD")), "Hướng dẫn")
        self.assertEqual(_name(doctypes.by_abbreviation("HĐ")), "Hợp đồng")
        self.assertEqual(_name(doctypes.by_abbreviation("DA")), "Dự án")
        self.assertEqual(_name(doctypes.by_abbreviation("ĐA")), "Đề án")

    def test_mixed_case_abbreviations_match_in_any_case(self) -> None:
        self.assertEqual(_name(doctypes.by_abbreviation("CTR")), "Chương trình")
        self.assertEqual(_name(doctypes.by_abbreviation("qyđ")), "Quy định")

    def test_it_can_ask_for_the_party_or_legal_type_of_an_abbreviation(self) -> None:
        party = doctypes.by_abbreviation("CV", kind="party")
        self.assertEqual(_name(party), "Công văn")
        self.assertEqual(_name(doctypes.by_abbreviation("NĐ", kind="legal_normative")), "Nghị định")
        self.assertIsNone(doctypes.by_abbreviation("NĐ", kind="administrative"))

    def test_it_finds_a_type_by_name_ignoring_tones_and_case(self) -> None:
        self.assertEqual(_abbreviations(doctypes.by_name("quyet dinh")), ("QĐ",))
        self.assertEqual(_abbreviations(doctypes.by_name("THÔNG BÁO")), ("TB",))
        nfd = unicodedata.normalize("NFD", "Tờ trình")
        self.assertEqual(_abbreviations(doctypes.by_name(nfd)), ("TTr",))
        self.assertIsNone(doctypes.by_name("Sắc lệnh"))


class NormalizeSymbolTests(SimpleTestCase):
    def test_it_reads_icelandic_eth_as_dj(self) -> None:
        self.assertEqual(normalize_symbol("123/Q\u00d0-UBND"), "123/QĐ-UBND")

    def test_it_folds_cyrillic_lookalikes(self) -> None:
        self.assertEqual(normalize_symbol("12/QĐ-UВND"), "12/QĐ-UBND")  # Cyrillic В
        self.assertEqual(normalize_symbol("06/2026/TT-BTС"), "06/2026/TT-BTC")  # Cyrillic С
        self.assertEqual(normalize_symbol("1/NĐ-СР"), "1/NĐ-CP")  # a wholly Cyrillic part

    def test_it_composes_nfd_input(self) -> None:
        self.assertEqual(normalize_symbol(unicodedata.normalize("NFD", "12/QĐ-HĐND")), "12/QĐ-HĐND")

    def test_it_removes_spaces_around_separators(self) -> None:
        self.assertEqual(normalize_symbol(" 1977 /QĐ-UBND"), "1977/QĐ-UBND")
        self.assertEqual(normalize_symbol("109/UBND - VX"), "109/UBND-VX")
        self.assertEqual(normalize_symbol("81 /2025/TT- NHNN"), "81/2025/TT-NHNN")

    def test_it_turns_dashes_and_underscores_into_hyphens(self) -> None:
        for dash in ("\u2010", "\u2011", "\u2013", "\u2014", "\u2212", "_"):
            with self.subTest(dash=dash):
                self.assertEqual(normalize_symbol(f"157/TB{dash}UBND"), "157/TB-UBND")

    def test_it_upper_cases_but_keeps_the_tables_mixed_case_abbreviations(self) -> None:
        self.assertEqual(normalize_symbol("749/qđ-ttg"), "749/QĐ-TTg")
        self.assertEqual(normalize_symbol("05/Ctr-UBND"), "05/CTr-UBND")
        self.assertEqual(normalize_symbol("7/ttr-snv"), "7/TTr-SNV")

    def test_it_writes_qd_as_qdj_only_in_the_type_part(self) -> None:
        self.assertEqual(normalize_symbol("218/QD-UBND"), "218/QĐ-UBND")
        self.assertEqual(normalize_symbol("45/2020/ND-CP"), "45/2020/NĐ-CP")
        self.assertEqual(normalize_symbol("10/HD-UBND"), "10/HD-UBND")
        self.assertEqual(normalize_symbol("3/DA-UBND"), "3/DA-UBND")
        self.assertEqual(normalize_symbol("5/UBND-QD"), "5/UBND-QD")


class ParseNumberSymbolTests(SimpleTestCase):
    def test_it_parses_the_real_shapes(self) -> None:
        cases = {
            "749/QĐ-TTg": ("749", None, "QĐ", "TTg"),
            "45/2020/NĐ-CP": ("45", 2020, "NĐ", "CP"),
            "52-NQ/TW": ("52", None, "NQ", "TW"),
            "5744/UBND-NC": ("5744", None, None, "UBND-NC"),
            "7197/BKHCN-CĐSQG": ("7197", None, None, "BKHCN-CĐSQG"),
            "01/2023/TT-VPCP": ("01", 2023, "TT", "VPCP"),
            "12/2024/TTLT-BTC-BNV": ("12", 2024, "TTLT", "BTC-BNV"),
            "218/QĐ-UBND": ("218", None, "QĐ", "UBND"),
            "2243/PCCC&CNCH-P6": ("2243", None, None, "PCCC&CNCH-P6"),
            "33/2024/QH15": ("33", 2024, None, "QH15"),
            "14748-CV/VPTW": ("14748", None, "CV", "VPTW"),
            "66.15/2026/NQ-CP": ("66.15", 2026, "NQ", "CP"),
        }
        for text, expected in cases.items():
            with self.subTest(text=text):
                self.assertEqual(_fields(parse_number_symbol(text)), expected)
                self.assertEqual(_text(parse_number_symbol(text)), text)

    def test_it_strips_the_so_prefix(self) -> None:
        self.assertEqual(_text(parse_number_symbol("Số: 123/QĐ-UBND")), "123/QĐ-UBND")
        self.assertEqual(_text(parse_number_symbol("SỐ 123/QĐ-UBND")), "123/QĐ-UBND")

    def test_it_gives_the_canonical_form_of_messy_input(self) -> None:
        self.assertEqual(_text(parse_number_symbol("749 / qd – ttg")), "749/QĐ-TTg")

    def test_a_dot_after_the_type_is_a_misread_hyphen(self) -> None:
        # Scans read the hyphen of "TT-BKHCN" as a dot; a dot elsewhere stays.
        self.assertEqual(_text(parse_number_symbol("30/2025/TT.BKHCN")), "30/2025/TT-BKHCN")
        self.assertEqual(_text(parse_number_symbol("749/QĐ.TTg")), "749/QĐ-TTg")
        self.assertEqual(_text(parse_number_symbol("5/ABC.DEF")), "5/ABC.DEF")

    def test_a_legislature_the_year_rules_out_is_the_one_a_digit_away(self) -> None:
        # A scan of Luật 40/2013/QH13 reads "27/2001/QH10" once as "27/2001/QH19"; texts
        # cite "Luật Sở hữu trí tuệ số 50/2005/QH10" for QH11.
        self.assertEqual(_text(parse_number_symbol("27/2001/QH19")), "27/2001/QH10")
        self.assertEqual(_text(parse_number_symbol("50/2005/QH10")), "50/2005/QH11")
        self.assertEqual(_text(parse_number_symbol("28/2005/PL-UBTVQH13")), "28/2005/PL-UBTVQH11")
        # A term's last year is the next one's first; the year itself may be the typo.
        self.assertEqual(_text(parse_number_symbol("64/2020/QH14")), "64/2020/QH14")
        self.assertEqual(_text(parse_number_symbol("10/2021/QH15")), "10/2021/QH15")
        self.assertEqual(_text(parse_number_symbol("10/2021/QH17")), "10/2021/QH17")
        self.assertEqual(_text(parse_number_symbol("46/2010/QH2")), "46/2010/QH2")
        self.assertEqual(_text(parse_number_symbol("1654/NQ-UBTVQH15")), "1654/NQ-UBTVQH15")

    def test_it_rejects_what_is_not_a_symbol(self) -> None:
        for text in ("03/6/2020", "1/2", "0274.3822.123", "Điều 5/2", "", "QĐ-UBND", "749 QĐ TTg"):
            with self.subTest(text=text):
                self.assertIsNone(parse_number_symbol(text))


class ParseLooseTests(SimpleTestCase):
    def test_it_reads_search_style_input(self) -> None:
        self.assertEqual(_text(parse_loose("749 qd ttg")), "749/QĐ-TTg")
        self.assertEqual(_text(parse_loose("QĐ-TTg 749")), "749/QĐ-TTg")
        self.assertEqual(_text(parse_loose("45 2020 nđ cp")), "45/2020/NĐ-CP")
        self.assertEqual(_text(parse_loose("5744 UBND NC")), "5744/UBND-NC")

    def test_it_keeps_strict_shapes(self) -> None:
        self.assertEqual(_text(parse_loose("52-NQ/TW")), "52-NQ/TW")

    def test_it_rejects_input_without_number_or_letters(self) -> None:
        for text in ("03/6/2020", "quyết định", "749"):
            with self.subTest(text=text):
                self.assertIsNone(parse_loose(text))


class FindNumberSymbolsTests(SimpleTestCase):
    def test_it_finds_citations_with_their_offsets(self) -> None:
        text = "Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 và Quyết định 749/QĐ-TTg."
        found = find_number_symbols(text)
        self.assertEqual([p.text for _, _, p in found], ["30/2020/NĐ-CP", "749/QĐ-TTg"])
        self.assertEqual(
            [text[start:end] for start, end, _ in found], ["30/2020/NĐ-CP", "749/QĐ-TTg"]
        )

    def test_it_finds_party_and_lower_cased_citations(self) -> None:
        text = "theo Nghị quyết 52-NQ/TW và quyết định số 3263/qđ-ubnd ngày 23/12/2021"
        self.assertEqual(_texts(text), ["52-NQ/TW", "3263/QĐ-UBND"])

    def test_it_has_no_false_positives_on_dates_fractions_phones_and_articles(self) -> None:
        text = "ngày 03/6/2020, 1/2 số lượng, ĐT 0274.3822.123 hoặc 0912-345-678, Điều 5/2"
        self.assertEqual(find_number_symbols(text), [])

    def test_a_number_inside_a_word_or_a_longer_number_starts_no_symbol(self) -> None:
        self.assertEqual(_texts("mã A5/QĐ-TTg và số 1234567/QĐ-UBND"), [])
        self.assertEqual(_texts("(số 5/QĐ-TTg)"), ["5/QĐ-TTg"])

    def test_it_does_not_swallow_the_next_word(self) -> None:
        self.assertEqual(_texts("số 218/QĐ-UBND - Về việc"), ["218/QĐ-UBND"])
        self.assertEqual(_texts("số 10/VBHN- Quy định"), [])

    def test_it_reads_spaced_and_odd_characters(self) -> None:
        self.assertEqual(_texts("Số: 81 /2025/TT- NHNN"), ["81/2025/TT-NHNN"])
        self.assertEqual(_texts("Thông tư 06/2026/TT-BTС"), ["06/2026/TT-BTC"])


class ParseDateTests(SimpleTestCase):
    def test_it_reads_the_place_date_line_and_its_variants(self) -> None:
        june_3 = datetime.date(2020, 6, 3)
        for text in (
            "Hà Nội, ngày 03 tháng 6 năm 2020",
            "ngày 3 tháng 06 năm 2020",
            "ngày03 tháng6 năm2020",
            "ngay 3 thang 6 nam 2020",
            "HÀ NỘI, NGÀY 03 THÁNG 6 NĂM 2020",
            unicodedata.normalize("NFD", "ngày 03 tháng 6 năm 2020"),
            "03/6/2020",
            "3-6-2020",
            "03.06.2020",
        ):
            with self.subTest(text=text):
                self.assertEqual(parse_vn_date(text), june_3)

    def test_it_rejects_impossible_or_missing_dates(self) -> None:
        for text in ("31/02/2020", "ngày 30 tháng 2 năm 2021", "03/6", "Hà Nội", "1/2/20"):
            with self.subTest(text=text):
                self.assertIsNone(parse_vn_date(text))

    def test_it_returns_the_place_of_the_line(self) -> None:
        self.assertEqual(
            parse_place_date("Hà Nội, ngày 03 tháng 6 năm 2020"),
            ("Hà Nội", datetime.date(2020, 6, 3)),
        )
        self.assertEqual(
            parse_place_date("TP. Hồ Chí Minh, ngày 01 tháng 01 năm 2025"),
            ("TP. Hồ Chí Minh", datetime.date(2025, 1, 1)),
        )
        self.assertEqual(
            parse_place_date("ngày 3 tháng 6 năm 2020"), (None, datetime.date(2020, 6, 3))
        )
        self.assertEqual(parse_place_date("Hà Nội"), (None, None))


@skipUnless(BINHDUONG.exists(), f"corpus absent: {BINHDUONG} (see shared/corpus/README.md)")
class BinhDuongRegisterTests(SimpleTestCase):
    """Real register of Bình Dương province: số ký hiệu and ngày ban hành columns."""

    def setUp(self) -> None:
        with BINHDUONG.open(encoding="utf-8", newline="") as file:
            self.rows = list(csv.DictReader(file))

    def test_at_least_99_percent_of_its_symbols_parse_and_round_trip(self) -> None:
        symbols = [row["so_ky_hieu"] for row in self.rows if row["so_ky_hieu"].strip()]
        parsed = [(raw, parse_number_symbol(raw)) for raw in symbols]
        failed = [raw for raw, result in parsed if result is None]
        self.assertGreaterEqual(1 - len(failed) / len(symbols), 0.99, failed)
        for raw, result in parsed:
            if result is not None:
                self.assertEqual(parse_number_symbol(result.text), result, raw)
                self.assertEqual(result.text, normalize_symbol(raw), raw)

    def test_all_its_dates_parse(self) -> None:
        for row in self.rows:
            day, month, year = map(int, row["ngay_ban_hanh"].split("/"))
            self.assertEqual(parse_vn_date(row["ngay_ban_hanh"]), datetime.date(year, month, day))


@skipUnless(VBPL.exists(), f"corpus absent: {VBPL} (see shared/corpus/README.md)")
class VbplTitleTests(SimpleTestCase):
    """vbpl.vn titles: type + số ký hiệu + trích yếu; the symbol is the ground truth."""

    def test_at_least_97_percent_of_titles_yield_their_symbol(self) -> None:
        with VBPL.open(encoding="utf-8") as file:
            documents = [json.loads(line) for line in file]
        failed = [doc["vbpl_title"] for doc in documents if not _title_symbol_matches(doc)]
        self.assertGreaterEqual(1 - len(failed) / len(documents), 0.97, failed)


def _title_symbol_matches(doc: dict[str, object]) -> bool:
    """True when the first symbol found in the title is the catalogued one.

    The truth is the symbol split off the title (checked to be in it) or vbpl's "Số
    hiệu"; it is compared without spaces, lookalikes or case, not through our parser.
    """
    title = str(doc["vbpl_title"])
    derived = doc["derived_from_title"]
    attributes = doc["vbpl_attributes"]
    truth = derived.get("number_symbol") if isinstance(derived, dict) else None
    if truth is None and isinstance(attributes, dict):
        truth = attributes.get("Số hiệu")
    found = find_number_symbols(title)
    if not isinstance(truth, str) or not found:
        return False
    return _loose_key(found[0][2].text) == _loose_key(truth)


def _loose_key(symbol: str) -> str:
    return re.sub(r"\s+", "", fold_lookalikes(nfc(symbol))).replace("\u00d0", "Đ").casefold()


def _texts(text: str) -> list[str]:
    return [parsed.text for _, _, parsed in find_number_symbols(text)]


def _text(parsed: NumberSymbol | None) -> str | None:
    return parsed.text if parsed else None


def _fields(parsed: NumberSymbol | None) -> tuple[str, int | None, str | None, str | None] | None:
    if parsed is None:
        return None
    return parsed.number, parsed.year, parsed.type_abbr, parsed.issuer_abbr


def _name(doc_type: doctypes.DocType | None) -> str | None:
    return doc_type.name if doc_type else None


def _abbreviations(doc_type: doctypes.DocType | None) -> tuple[str, ...] | None:
    return doc_type.abbreviations if doc_type else None


class UnnumberedSymbolTests(SimpleTestCase):
    def test_a_symbol_whose_number_is_left_blank_keeps_its_parts(self) -> None:
        found = identifiers.parse_unnumbered_symbol("Số: …/2025/NĐ-CP")
        assert found is not None
        self.assertEqual((found.text, found.number), ("/2025/NĐ-CP", ""))
        self.assertEqual((found.year, found.type_abbr, found.issuer_abbr), (2025, "NĐ", "CP"))
        party = identifiers.parse_unnumbered_symbol("   -NQ/TW")
        self.assertEqual(party.text if party else None, "-NQ/TW")

    def test_a_numbered_symbol_or_a_bare_slash_is_not_one(self) -> None:
        for text in ("12/QĐ-UBND", "/", "/ngày", ""):
            with self.subTest(text):
                self.assertIsNone(identifiers.parse_unnumbered_symbol(text))
