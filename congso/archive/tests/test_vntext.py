import unicodedata

from django.test import SimpleTestCase

from congso.archive.vntext import (
    detect_legacy_encoding,
    fold_lookalikes,
    modern_tone_marks,
    normalize_text,
    tcvn3_to_unicode,
    vni_to_unicode,
)

MOTTO = "Cộng hoà xã hội chủ nghĩa Việt Nam"
MOTTO_VNI_STYLE = "Cộng hòa xã hội chủ nghĩa Việt Nam"
INDEPENDENCE = "Độc lập - Tự do - Hạnh phúc"

# A decision header as Word or a PDF text layer gives it from .VnTime/.VnTimeH fonts:
# capital fonts share the code points of small toned letters; 0xAD (soft hyphen) is ư.
TCVN3_HEADER = (
    "ñY BAN NH¢N D¢N\n"
    "TØNH H¶I D¦¥NG\n"
    "Sè: 125/Q§-UBND\n"
    "CéNG HOµ X· HéI CHñ NGHÜA VIÖT NAM\n"
    "§éc lËp - Tù do - H¹nh phóc\n"
    "H¶i D\xad¬ng, ngµy 15 th¸ng 3 n¨m 2004\n"
    "\n"
    "QUYÕT §ÞNH\n"
    "VÒ viÖc phª duyÖt kÕ ho¹ch c¶i c¸ch hµnh chÝnh n¨m 2004\n"
)
HEADER = (
    "ỦY BAN NHÂN DÂN\n"
    "TỈNH HẢI DƯƠNG\n"
    "Số: 125/QĐ-UBND\n"
    "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
    "Độc lập - Tự do - Hạnh phúc\n"
    "Hải Dương, ngày 15 tháng 3 năm 2004\n"
    "\n"
    "QUYẾT ĐỊNH\n"
    "Về việc phê duyệt kế hoạch cải cách hành chính năm 2004\n"
)
VNI_PARAGRAPH = (
    "UÛy ban nhaân daân tænh ñaõ ban haønh keá hoaïch thöïc hieän caûi caùch thuû tuïc "
    "haønh chính trong naêm 2005.\n"
    "Ngöôøi daân ñöôïc höôùng daãn noäp hoà sô qua maïng."
)
PARAGRAPH = (
    "Ủy ban nhân dân tỉnh đã ban hành kế hoạch thực hiện cải cách thủ tục "
    "hành chính trong năm 2005.\n"
    "Người dân được hướng dẫn nộp hồ sơ qua mạng."
)
UNICODE_VIETNAMESE = (
    "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;\n"
    "Theo đề nghị của Giám đốc Sở Nội vụ,\n"
    "ỦY BAN NHÂN DÂN TỈNH QUYẾT ĐỊNH:\n"
    "Điều 1. Phê duyệt kế hoạch cải cách hành chính; giao Văn phòng chủ trì, "
    "phối hợp với các sở, ban, ngành thực hiện. Hoà, Hòa, lá, bó, tôi, bên, có.\n"
)
FRENCH = (
    "Le comité a été créé à Paris ; où est le café ? Noël, naïf, maïs, garçon, hôtel, "
    "forêt, déjà vu. Après la réunion, le président a présenté le budget révisé."
)
ENGLISH = (
    "The committee approved the budget for the digital archive. © 2024 Example Ltd. "
    "See § 3 and ½ of the annex; the µm scale is in section 4."
)
CYRILLIC_O, CYRILLIC_A = "\u043e", "\u0430"


class LegacyEncodingTests(SimpleTestCase):
    def test_it_converts_a_tcvn3_national_motto(self) -> None:
        self.assertEqual(normalize_text("Céng hoµ x· héi chñ nghÜa ViÖt Nam"), MOTTO)

    def test_it_converts_a_tcvn3_independence_motto(self) -> None:
        self.assertEqual(normalize_text("§éc lËp - Tù do - H¹nh phóc"), INDEPENDENCE)

    def test_it_converts_a_vni_national_motto(self) -> None:
        self.assertEqual(
            normalize_text("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam"), MOTTO_VNI_STYLE
        )

    def test_it_converts_a_vni_independence_motto(self) -> None:
        self.assertEqual(normalize_text("Ñoäc laäp - Töï do - Haïnh phuùc"), INDEPENDENCE)

    def test_it_tells_the_two_encodings_apart(self) -> None:
        self.assertEqual(detect_legacy_encoding("Céng hoµ x· héi chñ nghÜa ViÖt Nam"), "tcvn3")
        self.assertEqual(detect_legacy_encoding(TCVN3_HEADER), "tcvn3")
        self.assertEqual(detect_legacy_encoding("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam"), "vni")
        self.assertEqual(detect_legacy_encoding(VNI_PARAGRAPH), "vni")

    def test_it_converts_a_tcvn3_header_block_restoring_capitals(self) -> None:
        self.assertEqual(normalize_text(TCVN3_HEADER), HEADER)

    def test_it_converts_a_vni_paragraph(self) -> None:
        self.assertEqual(normalize_text(VNI_PARAGRAPH), PARAGRAPH)

    def test_vni_capitals_have_their_own_code_points(self) -> None:
        self.assertEqual(
            vni_to_unicode("COÄNG HOØA XAÕ HOÄI CHUÛ NGHÓA VIEÄT NAM"),
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        )

    def test_it_keeps_a_capitalised_tcvn3_word_in_title_case(self) -> None:
        self.assertEqual(tcvn3_to_unicode("Sè: 12/Q§-UBND"), "Số: 12/QĐ-UBND")
        self.assertEqual(
            tcvn3_to_unicode("§iÒu 1. PH¹M VI §IÒU CHØNH"), "Điều 1. PHẠM VI ĐIỀU CHỈNH"
        )

    def test_it_reads_u_horn_and_a_grave_as_pdf_text_layers_give_them(self) -> None:
        # 0xAD and 0xB5 of .VnTime come out of many PDFs as U+2212 and U+03BC.
        self.assertEqual(normalize_text("®\u2212îc cuéc sèng cùc nhôc"), "được cuộc sống cực nhục")
        self.assertEqual(
            normalize_text("gi\u03bcu chÊt th¬ v\u03bc ®Ëm m\u03bcu"), "giàu chất thơ và đậm màu"
        )

    def test_it_reads_the_tcvn3_soft_hyphen_as_u_horn_before_dropping_soft_hyphens(self) -> None:
        self.assertEqual(
            normalize_text("Nhµ n\xadíc vµ nh©n d©n cïng x©y dùng ®\xadêng"),
            "Nhà nước và nhân dân cùng xây dựng đường",
        )

    def test_converting_again_changes_nothing(self) -> None:
        once = normalize_text(TCVN3_HEADER)
        self.assertEqual(normalize_text(once), once)
        self.assertIsNone(detect_legacy_encoding(normalize_text(VNI_PARAGRAPH)))


class UnchangedTextTests(SimpleTestCase):
    def test_unicode_vietnamese_is_not_legacy_and_stays_unchanged(self) -> None:
        self.assertIsNone(detect_legacy_encoding(UNICODE_VIETNAMESE))
        self.assertEqual(normalize_text(UNICODE_VIETNAMESE), UNICODE_VIETNAMESE)
        self.assertEqual(normalize_text(MOTTO), MOTTO)

    def test_english_is_not_legacy_and_stays_unchanged(self) -> None:
        self.assertIsNone(detect_legacy_encoding(ENGLISH))
        self.assertEqual(normalize_text(ENGLISH), ENGLISH)

    def test_french_is_not_legacy_and_stays_unchanged(self) -> None:
        self.assertIsNone(detect_legacy_encoding(FRENCH))
        self.assertEqual(normalize_text(FRENCH), FRENCH)

    def test_other_european_languages_are_not_legacy(self) -> None:
        for text in (
            "Müller und Schön für Köln; señor, España, niño, año.",
            "Starten på serien må ikke overstige enden av serien.",
            "Më tepër hollësi mund të gjeni në një faqe.",
            "Köp-köp gatnaşyk",
        ):
            with self.subTest(text=text):
                self.assertIsNone(detect_legacy_encoding(text))
                self.assertEqual(normalize_text(text), text)

    def test_it_does_not_convert_on_thin_evidence(self) -> None:
        self.assertIsNone(detect_legacy_encoding("ViÖt Nam"))
        self.assertEqual(normalize_text("ViÖt Nam"), "ViÖt Nam")

    def test_decomposed_input_comes_out_composed(self) -> None:
        decomposed = unicodedata.normalize("NFD", UNICODE_VIETNAMESE)
        self.assertNotEqual(decomposed, UNICODE_VIETNAMESE)
        self.assertIsNone(detect_legacy_encoding(decomposed))
        self.assertEqual(normalize_text(decomposed), UNICODE_VIETNAMESE)


class LookalikeTests(SimpleTestCase):
    def test_it_folds_cyrillic_o_and_a_in_nghi_dinh(self) -> None:
        spoofed = (
            f"Nghị định số 30/2020/NĐ-CP về c{CYRILLIC_O}\u0302ng t{CYRILLIC_A}\u0301c văn thư "
            f"và h{CYRILLIC_O}{CYRILLIC_A}\u0323t động của Sở Nội vụ tỉnh C{CYRILLIC_A}o Bằng"
        )
        expected = (
            "Nghị định số 30/2020/NĐ-CP về công tác văn thư "
            "và hoạt động của Sở Nội vụ tỉnh Cao Bằng"
        )
        self.assertEqual(normalize_text(spoofed), expected)
        self.assertEqual(unicodedata.normalize("NFC", fold_lookalikes(spoofed)), expected)

    def test_it_folds_greek_capitals_inside_latin_words(self) -> None:
        self.assertEqual(fold_lookalikes("U\u0392ND tỉnh, \u039dĐ-CP"), "UBND tỉnh, NĐ-CP")

    def test_it_folds_the_eth_typed_or_read_for_d_with_stroke(self) -> None:
        self.assertEqual(
            fold_lookalikes("54/2025/N\u00d0-CP, \u00f0iều 1"), "54/2025/NĐ-CP, điều 1"
        )
        self.assertEqual(normalize_text("QUYẾT \u00d0ỊNH"), "QUYẾT ĐỊNH")

    def test_it_keeps_a_wholly_cyrillic_word(self) -> None:
        text = "Đoàn công tác thăm Москва và Санкт-Петербург"
        self.assertEqual(fold_lookalikes(text), text)
        self.assertEqual(normalize_text(text), text)

    def test_it_keeps_a_cyrillic_word_with_a_stray_latin_letter(self) -> None:
        self.assertEqual(fold_lookalikes("Мoсква"), "Мoсква")  # Latin o, Cyrillic rest

    def test_it_leaves_vietnamese_letters_alone(self) -> None:
        self.assertEqual(fold_lookalikes(UNICODE_VIETNAMESE), UNICODE_VIETNAMESE)

    def test_it_turns_nbsp_and_other_unicode_spaces_into_spaces(self) -> None:
        self.assertEqual(
            normalize_text("Nghị\u00a0định\u202fsố\u2009123\u3000năm\u2007 2020"),
            "Nghị định số 123 năm  2020",
        )

    def test_it_removes_zero_width_characters_and_soft_hyphens(self) -> None:
        self.assertEqual(
            normalize_text("\ufeffQuyết\u200b định\u200d số\u2060 12 về chuyển đổi\u00ad số"),
            "Quyết định số 12 về chuyển đổi số",
        )

    def test_it_turns_fullwidth_ascii_into_ascii(self) -> None:
        self.assertEqual(fold_lookalikes("ＮĐ－ＣＰ　２０２０"), "NĐ-CP 2020")

    def test_it_turns_hyphen_variants_into_hyphen_minus(self) -> None:
        self.assertEqual(fold_lookalikes("NĐ\u2011CP, QĐ\u2010UBND"), "NĐ-CP, QĐ-UBND")


class ControlCharacterTests(SimpleTestCase):
    def test_it_removes_control_characters_but_keeps_newlines_and_tabs(self) -> None:
        self.assertEqual(
            normalize_text("Số\x00 12\x07/QĐ\x1b-UBND\tngày 5\x7f\x9d\nĐiều 1"),
            "Số 12/QĐ-UBND\tngày 5\nĐiều 1",
        )

    def test_other_line_and_page_breaks_become_newlines(self) -> None:
        self.assertEqual(
            normalize_text("Điều 1\r\nĐiều 2\rĐiều 3\x0cTrang 2\u2028Điều 4"),
            "Điều 1\nĐiều 2\nĐiều 3\nTrang 2\nĐiều 4",
        )


class TonePlacementTests(SimpleTestCase):
    def test_old_placement_moves_to_the_first_vowel_in_any_case(self) -> None:
        self.assertEqual(
            modern_tone_marks("Hoà giải, khoẻ mạnh, thuỷ lợi, UỶ BAN, HOÀ"),
            "Hòa giải, khỏe mạnh, thủy lợi, ỦY BAN, HÒA",
        )

    def test_decomposed_old_placement_comes_out_modern_and_composed(self) -> None:
        decomposed = unicodedata.normalize("NFD", "hoà thuỷ")
        self.assertEqual(modern_tone_marks(decomposed), "hòa thủy")

    def test_qu_a_final_consonant_or_another_mark_keeps_the_tone_where_it_is(self) -> None:
        for word in ("quý", "Quỳnh", "hoàng", "toán", "thuyền", "khuấy", "hòa", "huỳnh"):
            self.assertEqual(modern_tone_marks(word), word)
