from django.test import SimpleTestCase

from congso.archive.lexicon import MIN_TOKENS, Lexicon

# An agency's born-digital documents, a few lines each.
DOCUMENTS = (
    "Nghị định quy định chi tiết thi hành một số điều của Luật Tổ chức chính quyền địa "
    "phương.\nChính phủ chỉ đạo các bộ, ngành tổ chức thực hiện.",
    "Thông tư quy định chi tiết về tổ chức bộ máy và chính sách phát triển kinh tế - xã hội "
    "của địa phương.\nBộ trưởng chỉ đạo tổ chức thực hiện Thông tư này.",
    "Kế hoạch phát triển kinh tế - xã hội năm 2025 của Ủy ban nhân dân tỉnh.\n"
    "Giao Sở Tài chính bố trí kinh phí; chi tiết các khoản chi theo phụ lục.",
    "Quyết định ban hành chương trình đào tạo chính thức tại trường chính trị tỉnh.\n"
    "Học viên của trường được cấp chứng chỉ; các chỉ tiêu tuyển sinh theo kế hoạch.",
    "Báo cáo kết quả thực hiện chính sách xã hội; hội nghị tổng kết công tác tổ chức cán "
    "bộ.\nNhà trường chính thức tổ chức khai giảng; bề mặt sân trường được sửa chữa.",
    "Công văn về việc sửa chữa bề mặt đường; Ủy ban nhân dân xã tổ chức thực hiện.",
    "Dự toán chi tiêu ngân sách năm 2025; chi tiêu tiết kiệm, chi tiêu đúng mục đích.",
)


def make_lexicon(documents: tuple[str, ...] = DOCUMENTS) -> Lexicon:
    """The documents learned over and over, as an agency's phrases recur from year to year,
    until the lexicon is large enough to correct words."""
    lexicon = Lexicon()
    while lexicon.tokens < MIN_TOKENS:
        for text in documents:
            lexicon.learn(text)
    return lexicon


class LexiconCorrectionTests(SimpleTestCase):
    def setUp(self) -> None:
        self.lexicon = make_lexicon()

    def test_it_fixes_a_tone_the_next_word_contradicts(self) -> None:
        self.assertEqual(
            self.lexicon.correct("Nghị định quy định chỉ tiết thi hành"),
            "Nghị định quy định chi tiết thi hành",
        )

    def test_it_fixes_an_i_read_with_a_dot_below_at_the_start_of_a_line(self) -> None:
        # Only the next word speaks, and the trusted text holds the misreading once.
        lexicon = make_lexicon(
            (
                *DOCUMENTS,
                "Luật thi hành án hình sự; " + "cơ quan thi hành án; " * 30,
                "Thị trường chứng khoán phát triển; đô thị thông minh; thị xã và thị trấn.",
            )
        )
        lexicon.learn("Cơ quan thị hành án.")
        self.assertEqual(lexicon.correct("THỊ HÀNH ÁN HÌNH SỰ"), "THI HÀNH ÁN HÌNH SỰ")
        self.assertEqual(lexicon.correct("Thị trường chứng khoán"), "Thị trường chứng khoán")

    def test_a_word_seen_beside_its_neighbours_is_in_doubt_when_its_likely_source_is_far_commoner(
        self,
    ) -> None:
        # "chỉ" beside "dung" and "quản" is real ("nội dung chỉ đạo", "chỉ quản lý"), but
        # "chi" is ten times as common there, and Tesseract reads most "chi" as "chỉ".
        extra = "Kinh phí nội dung chi quản lý. " * 10 + "Nội dung chỉ đạo. Người chỉ quản lý."
        lexicon = make_lexicon((*DOCUMENTS, extra))
        fixed = lexicon.correct("một số nội dung chỉ quản lý hoạt động")
        self.assertEqual(fixed, "một số nội dung chi quản lý hoạt động")
        self.assertEqual(lexicon.correct("Nội dung chỉ đạo"), "Nội dung chỉ đạo")

    def test_a_frequent_word_is_no_surer_when_ocr_makes_it_of_another(self) -> None:
        # "chỉ" is common, but Tesseract reads most "chi" as "chỉ": its frequency does
        # not hold the word against neighbours that want "chi" ("khoán chi"), though
        # "chỉ cho" is common too and the trusted text has "khoán chỉ" once.
        texts: tuple[str, ...] = ("Định mức khoán chi cho nhiệm vụ.",) * 2
        texts += ("Chỉ cho phép làm; chỉ đạo, chỉ thị, chỉ số.",) * 3
        texts += ("Chỉ đạo, chỉ thị, chỉ số, chỉ huy.",) * 10
        lexicon = make_lexicon((*DOCUMENTS, *texts))
        lexicon.learn("Khoán chỉ một lần.")
        self.assertEqual(
            lexicon.correct("định mức khoán chỉ cho nhiệm vụ"), "định mức khoán chi cho nhiệm vụ"
        )
        self.assertEqual(lexicon.correct("Chỉ đạo tổ chức thực hiện"), "Chỉ đạo tổ chức thực hiện")

    def test_it_fixes_a_dropped_horn(self) -> None:
        self.assertEqual(
            self.lexicon.correct("Chính phủ chỉ đạo tổ chúc thực hiện"),
            "Chính phủ chỉ đạo tổ chức thực hiện",
        )
        # "kinh" was seen with neither "chức" nor "chúc": it neither backs nor blocks.
        self.assertEqual(self.lexicon.correct("tổ chúc kinh tế"), "tổ chức kinh tế")

    def test_it_fixes_an_unknown_form_and_keeps_capitals(self) -> None:
        self.assertEqual(
            self.lexicon.correct("PHÁT TRIEN KINH TẾ - XÃ HỌI"), "PHÁT TRIỂN KINH TẾ - XÃ HỘI"
        )

    def test_it_keeps_title_case_of_the_replacement(self) -> None:
        self.assertEqual(self.lexicon.correct("Tổ chúc thực hiện"), "Tổ chức thực hiện")

    def test_it_fixes_two_misread_neighbours_together(self) -> None:
        self.assertEqual(self.lexicon.correct("sửa chữa BE MẠT đường"), "sửa chữa BỀ MẶT đường")

    def test_it_reads_a_zero_inside_a_word_as_a_letter(self) -> None:
        self.assertEqual(
            self.lexicon.correct("Học viên của tru0ng được cấp"), "Học viên của trường được cấp"
        )

    def test_it_leaves_correct_text_unchanged(self) -> None:
        for text in (
            "Bộ trưởng chỉ đạo tổ chức thực hiện Thông tư này.",
            "các chỉ tiêu tuyển sinh theo kế hoạch",  # "chỉ tiêu", though "chi tiêu" is commoner
            "Học viên được cấp chứng chỉ",
            "Ông Nguyễn Văn Hưng, Giám đốc Sở",  # names the lexicon has never seen
        ):
            with self.subTest(text=text):
                self.assertEqual(self.lexicon.correct(text), text)

    def test_it_never_touches_numbers_symbols_or_dates(self) -> None:
        text = "Số 45/2020/NĐ-CP, 12/QĐ-UBND ngày 01/7/2025 tổ chúc thực hiện khoản 1a, XÃ HỌI"
        self.assertEqual(
            self.lexicon.correct(text), text.replace("chúc", "chức").replace("HỌI", "HỘI")
        )

    def test_it_removes_stray_marks_but_keeps_quotes(self) -> None:
        self.assertEqual(self.lexicon.correct("chính sách ' xã hội `"), "chính sách xã hội")
        self.assertEqual(self.lexicon.correct("_Điều 3. Tổ chức"), "Điều 3. Tổ chức")
        self.assertEqual(self.lexicon.correct("' PHÓ THỦ TƯỚNG"), "PHÓ THỦ TƯỚNG")
        self.assertEqual(self.lexicon.correct("gọi là 'hồ sơ'"), "gọi là 'hồ sơ'")

    def test_it_takes_out_a_speck_read_as_a_letter(self) -> None:
        self.assertEqual(self.lexicon.correct("tổ chức ộ thực hiện"), "tổ chức thực hiện")
        self.assertEqual(self.lexicon.correct("tổ chức thực hiện ị"), "tổ chức thực hiện")

    def test_it_splits_words_a_speck_joined_but_keeps_dashes_and_codes(self) -> None:
        self.assertEqual(self.lexicon.correct("tổ-chức thực hiện"), "tổ chức thực hiện")
        for text in ("kinh tế - xã hội", "Số 12/QĐ-UBND", "ban hành QĐ-UBND"):
            with self.subTest(text=text):
                self.assertEqual(self.lexicon.correct(text), text)

    def test_it_puts_back_the_spaces_ocr_lost_between_known_words(self) -> None:
        self.assertEqual(self.lexicon.correct("tổchức thựchiện"), "tổ chức thực hiện")
        self.assertEqual(self.lexicon.correct("ỦYBANNHÂNDÂN TỈNH"), "ỦY BAN NHÂN DÂN TỈNH")
        # Parts with wrong marks too: split, then corrected as any word ("coquan").
        self.assertEqual(self.lexicon.correct("tổchúc thựchiện"), "tổ chức thực hiện")
        self.assertEqual(self.lexicon.correct("uybannhandan tỉnh"), "ủy ban nhân dân tỉnh")
        # A word it knows, one syllable, a name, or parts never seen side by side stay.
        for text in ("nghiêng", "Rating", "Nguyễn", "nhânchức", "12/QĐ-UBNDtỉnh"):
            with self.subTest(text=text):
                self.assertEqual(self.lexicon.correct(text), text)

    def test_it_takes_out_a_dot_inside_a_sentence_only(self) -> None:
        self.assertEqual(self.lexicon.correct("chính sách. xã hội"), "chính sách xã hội")
        text = "theo phụ lục. Giao Sở Tài chính"
        self.assertEqual(self.lexicon.correct(text), text)

    def test_it_takes_out_a_dot_between_a_word_and_the_number_it_goes_with(self) -> None:
        text = "ngày 14 tháng 6 năm. 2025 của Chính phủ"
        self.assertEqual(self.lexicon.correct(text), "ngày 14 tháng 6 năm 2025 của Chính phủ")
        # After a number it may end a sentence: "… năm 2025. 2 …" is left as read.
        self.assertEqual(self.lexicon.correct("năm 2025. 2 tháng"), "năm 2025. 2 tháng")

    def test_it_keeps_line_breaks_and_spacing(self) -> None:
        self.assertEqual(
            self.lexicon.correct("quy định chỉ tiết\n  về tổ chúc bộ máy"),
            "quy định chi tiết\n  về tổ chức bộ máy",
        )

    def test_without_evidence_a_misreading_stays(self) -> None:
        lexicon = make_lexicon(tuple(text for text in DOCUMENTS if "bề mặt" not in text))
        self.assertEqual(lexicon.correct("sửa chữa BE MẠT đường"), "sửa chữa BE MẠT đường")

    def test_a_signers_name_read_with_a_wrong_mark_is_the_name_the_agency_knows(self) -> None:
        lexicon = make_lexicon((*DOCUMENTS, "THỨ TRƯỞNG\nĐỗ Thanh Bình\nTrần Tuấn Anh"))
        self.assertEqual(lexicon.correct_name("Đồ Thanh Bình"), "Đỗ Thanh Bình")
        self.assertEqual(lexicon.correct_name("Trân Tuần Anh"), "Trần Tuấn Anh")
        # A common family name read as such is not another word ("Phần văn bản").
        words = make_lexicon((*DOCUMENTS, "Phần văn khai báo.\nPhần văn bản công khai\n"))
        self.assertEqual(words.correct_name("Phan Văn Khải"), "Phan Văn Khải")
        self.assertEqual(words.correct_name("Phàn Văn Khải"), "Phan Văn Khải")
        # A name it has seen, one it has not, and a rank before a name stay as they are.
        for name in ("Trần Tuấn Anh", "Lê Văn Hải", "Thượng tướng Trân Tuần Anh"):
            with self.subTest(name):
                self.assertEqual(lexicon.correct_name(name), name)

    def test_a_family_name_read_with_other_marks_is_the_family_name(self) -> None:
        # Names the lexicon has never seen: only the family name, of a short list, is sure.
        for read, name in (("Đồ Văn Hải", "Đỗ Văn Hải"), ("Trân Tuần Anh", "Trần Tuần Anh")):
            with self.subTest(read):
                self.assertEqual(self.lexicon.correct_name(read), name)
        # A family name the agency writes is its own, although it looks like a common one.
        minorities = make_lexicon((*DOCUMENTS, "Ông Phàn Văn Lìn\nBà Phàn Văn Mây"))
        self.assertEqual(minorities.correct_name("Phàn Văn Lìn"), "Phàn Văn Lìn")

    def test_a_capital_between_small_letters_may_be_a_misread_first_letter(self) -> None:
        lexicon = make_lexicon((*DOCUMENTS, "Các đơn vị sắp xếp lại bộ máy."))
        self.assertEqual(
            lexicon.correct("đào tạo chính thức Lại trường chính trị"),
            "đào tạo chính thức tại trường chính trị",
        )
        # "Lại" is a word its neighbours know: the capital is odd, the word is not.
        self.assertEqual(lexicon.correct("sắp xếp Lại bộ máy"), "sắp xếp Lại bộ máy")

    def test_an_abbreviation_with_a_misread_letter_is_put_right(self) -> None:
        lexicon = make_lexicon((*DOCUMENTS, "Giao đất cho công ty TNHH một thành viên."))
        self.assertEqual(
            lexicon.correct("Giao đất cho công ty TAHH một thành viên"),
            "Giao đất cho công ty TNHH một thành viên",
        )
        # A foreign name one edit from no abbreviation it knows stays as it is.
        text = "Giao đất cho công ty TNHH Charm một thành viên"
        self.assertEqual(lexicon.correct(text), text)

    def test_a_letter_read_twice_is_read_once_however_short_the_word(self) -> None:
        lexicon = make_lexicon((*DOCUMENTS, "Bộ Công an chỉ đạo công an tỉnh thực hiện."))
        self.assertEqual(lexicon.correct("BỘ CÔNG ANN"), "BỘ CÔNG AN")
        self.assertEqual(lexicon.correct("Bộ Công ann chỉ đạo"), "Bộ Công an chỉ đạo")
        # Vowels that syllables double ("xoong") and names it does not know stay.
        text = "Bộ Công an chỉ đạo công ty Sunny và xoong nồi"
        self.assertEqual(lexicon.correct(text), text)

    def test_the_context_before_a_field_speaks_for_its_first_word(self) -> None:
        lexicon = make_lexicon((*DOCUMENTS, "Các văn bản của tỉnh; bản sao và bản chính."))
        text = "bản hành chương trình đào tạo"
        self.assertEqual(lexicon.correct(text), text)  # "bản" is common enough alone
        fixed = lexicon.correct(text, context="Quyết định")
        self.assertEqual(fixed, "ban hành chương trình đào tạo")
        # The context is weighed, never changed or given back.
        fixed = lexicon.correct("tổ chúc thực hiện", context="quyết đinh")
        self.assertEqual(fixed, "tổ chức thực hiện")

    def test_the_likelier_of_two_readings_reads_like_the_trusted_text(self) -> None:
        text = "Quyết định ban hành chương trình đào tạo"
        right = self.lexicon.likelihood(text)
        self.assertGreater(right, self.lexicon.likelihood(text.replace("ban", "bản")))
        self.assertGreater(right, self.lexicon.likelihood(f"{text} Căn lít"))

    def test_two_readings_combine_word_by_word(self) -> None:
        one = "Quyết định bản hành chương trình đào tạo"
        other = "Quyết định ban hành chương trình đảo tạo"
        combined = self.lexicon.combined(one, other)
        self.assertEqual(combined, "Quyết định ban hành chương trình đào tạo")
        self.assertEqual(self.lexicon.combined(one, one), one)
        # Readings of different lengths say different things: the likelier stays whole.
        shorter = "Quyết định ban hành"
        self.assertEqual(self.lexicon.combined(one, shorter), shorter)
        # So do readings whose words do not pair up: "đ ịnh" shifts every word after it.
        shifted = "Quyết đ ịnh ban hành chương trình đào"
        self.assertIn(self.lexicon.combined(one, shifted), (one, shifted))
        # Three readings, each right word in one of them only.
        readings = (
            "Quyết định bản hành chuơng trình đào tạo",
            "Quyết định ban hành chuơng trình đảo tạo",
            "Quyết định bản hành chương trình đảo tạo",
        )
        combined = self.lexicon.combined(*readings)
        self.assertEqual(combined, "Quyết định ban hành chương trình đào tạo")
        # A quote most readings give is kept, though every token costs.
        quoted = ('ban hành "chương trình" đào tạo', 'ban hành chương trình" đào tạo')
        self.assertEqual(self.lexicon.combined(quoted[0], quoted[1], quoted[0]), quoted[0])

    def test_where_the_lexicon_hardly_prefers_a_word_most_readings_decide(self) -> None:
        # "phụ lục II" is written a little more often than "phụ lục I", not enough to
        # overrule two readings of three.
        lexicon = make_lexicon(
            (*DOCUMENTS, "Phụ lục I kèm theo. " * 10 + "Phụ lục II kèm theo. " * 11)
        )
        one, other = "phụ lục i kèm theo", "phụ lục ii kèm theo"
        self.assertEqual(lexicon.combined(one, one, other), one)
        self.assertEqual(lexicon.combined(other, one, other), other)
        # Two readings against one do not outweigh the lexicon's clear choice.
        self.assertEqual(
            self.lexicon.combined(*["Quyết định bản hành"] * 2, "Quyết định ban hành"),
            "Quyết định ban hành",
        )

    def test_a_word_the_lexicon_has_seen_is_not_respelt_by_other_letters(self) -> None:
        # "Oanh" is a name seen once (here from a word list); "Hoàng Anh" is commoner.
        lexicon = make_lexicon((*DOCUMENTS, "Giao đất cho gia đình bà Hoàng Anh. " * 3))
        lexicon.learn_words(["oanh"])
        read = "giao đất cho gia đình bà hoàng oanh"
        self.assertEqual(lexicon.correct(read), read)
        # A syllable it has never seen may be a misreading one letter away.
        fixed = lexicon.correct(read.replace("oanh", "ganh"))
        self.assertEqual(fixed, "giao đất cho gia đình bà hoàng anh")

    def test_an_abbreviation_inside_a_code_read_with_a_vowel_mark_is_put_right(self) -> None:
        lexicon = make_lexicon((*DOCUMENTS, "Nghị quyết số 01/NQ-HĐND của HĐND tỉnh."))
        self.assertEqual(
            lexicon.correct("nghị quyết số 51/nq-hửnd ngày 10/12/2021"),
            "nghị quyết số 51/nq-hđnd ngày 10/12/2021",
        )
        self.assertEqual(lexicon.correct("Nghị quyết số 51/NQ-HỬND"), "Nghị quyết số 51/NQ-HĐND")
        # A code without marks is as written, known or not.
        text = "Nghị quyết số 51/NQ-HDNX ngày 10/12/2021"
        self.assertEqual(lexicon.correct(text), text)
        # Known words beside a slash are words, whatever abbreviation is a letter away.
        lexicon = make_lexicon((*DOCUMENTS, "Giám đốc sở; Phó chủ tịch; đại học; đc, ph, hc."))
        text = "Giám đốc/Phó Giám đốc đại học/học viên"
        self.assertEqual(lexicon.correct(text), text)

    def test_a_known_word_misread_by_a_letter_needs_a_pair_seen_very_often(self) -> None:
        texts = ("Đào tạo cán bộ, công chức; bồi dưỡng cán bộ.", "Hộ gia đình; các hộ nghèo.")
        lexicon = make_lexicon((*DOCUMENTS, *texts))
        self.assertEqual(
            lexicon.correct("bồi dưỡng cán hộ, công chức"), "bồi dưỡng cán bộ, công chức"
        )
        # "các hộ" is a pair of its own: "các bộ, ngành" does not overrule it.
        for text in ("Chính phủ chỉ đạo các hộ, ngành", "cán hộ gia đình"):
            with self.subTest(text):
                self.assertEqual(lexicon.correct(text), text)

    def test_a_word_list_is_a_second_witness_and_never_more(self) -> None:
        once = "Kiểm định thiết bị xếp dỡ hàng hóa tại cảng."
        scanned = "kiểm định thiết bị xếp đỡ hàng hóa"
        seen_once = make_lexicon()
        seen_once.learn(once)
        self.assertEqual(seen_once.correct(scanned), scanned)  # one sighting may be a typo
        listed = make_lexicon()
        listed.learn(once)
        listed.learn_words(["xếp dỡ", "xếp dỡ", "dỡ hàng"])  # an entry twice counts once
        self.assertEqual(listed.correct(scanned), "kiểm định thiết bị xếp dỡ hàng hóa")
        list_only = make_lexicon()
        list_only.learn_words(["xếp dỡ", "dỡ hàng", "hàng hóa", "thiết bị"])
        self.assertEqual(list_only.correct(scanned), scanned)
        # Words the agency writes often are no commoner for being listed.
        common = "quy định chi tiết thi hành"
        before = (list_only.likelihood(common), list_only.tokens)
        list_only.learn_words(["quy định", "chi tiết", "thi hành"])
        self.assertEqual((list_only.likelihood(common), list_only.tokens), before)

    def test_a_small_lexicon_only_removes_stray_marks(self) -> None:
        lexicon = Lexicon()
        for text in DOCUMENTS * 3:
            lexicon.learn(text)
        self.assertEqual(lexicon.correct("quy định chỉ ` tiết"), "quy định chỉ tiết")
        self.assertEqual(Lexicon().correct("tổ chúc ' thực hiện"), "tổ chúc thực hiện")
        self.assertEqual(Lexicon().correct("kiểm tra, giám ‹ sát"), "kiểm tra, giám sát")
        # Marks stuck to a lone dash leave the dash, for the lexicon to weigh.
        self.assertEqual(Lexicon().correct("tổ chức tín -_ dụng"), "tổ chức tín - dụng")


class LexiconStorageTests(SimpleTestCase):
    def test_forget_undoes_learn(self) -> None:
        lexicon = make_lexicon()
        before = lexicon.to_bytes()
        lexicon.learn("Một văn bản khác: chỉ tiết, tổ chúc và 15 từ mới.")
        lexicon.forget("Một văn bản khác: chỉ tiết, tổ chúc và 15 từ mới.")
        self.assertEqual(lexicon.to_bytes(), before)

    def test_it_refuses_to_forget_what_it_never_learned_and_keeps_its_counts(self) -> None:
        lexicon = make_lexicon()
        before = lexicon.to_bytes()
        with self.assertRaises(ValueError):
            lexicon.forget("tổ chức thực hiện hoàn toàn xa lạ")
        self.assertEqual(lexicon.to_bytes(), before)

    def test_bytes_round_trip(self) -> None:
        lexicon = make_lexicon()
        copy = Lexicon.from_bytes(lexicon.to_bytes())
        self.assertEqual(copy.to_bytes(), lexicon.to_bytes())
        self.assertEqual(copy.tokens, lexicon.tokens)
        self.assertEqual(copy.correct("PHÁT TRIEN KINH TẾ"), "PHÁT TRIỂN KINH TẾ")

    def test_it_rejects_bytes_that_are_not_a_lexicon(self) -> None:
        data = make_lexicon().to_bytes()
        for damaged in (b"", b"not a lexicon", data[:-10]):
            with self.subTest(damaged=damaged[:20]), self.assertRaises(ValueError):
                Lexicon.from_bytes(damaged)
