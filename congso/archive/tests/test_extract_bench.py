"""`congso extract` and `congso bench extract` on small corpora in the three formats,
and on the shared corpora when they are present."""

import csv
import io
import json
import shutil
import tempfile
import unittest
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import SimpleTestCase

from congso.archive import extract_bench, samples
from congso.archive.tests.factories import SAMPLE_LETTER

CORPUS = Path(__file__).resolve().parents[3].parent / "shared/corpus"
HAS_LIBREOFFICE = shutil.which("soffice") is not None


def _call(*args: str) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


class ExtractCommandTests(SimpleTestCase):
    def test_it_prints_the_fields_of_a_file_as_json_with_stable_keys(self) -> None:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "cong-van.txt"
            path.write_text(SAMPLE_LETTER, encoding="utf-8")
            data = json.loads(_call("extract", str(path), "--json"))
        keys = ["doc_type", "number_symbol", "number", "issued_date", "place", "issuer"]
        keys += ["issuer_parent", "abstract", "signer", "signer_position", "signing_authority"]
        for key in [*keys, "recipients", "references"]:
            self.assertIn(key, data)
        self.assertEqual(data["number_symbol"], "1234/SNV-VP")
        self.assertEqual(data["issued_date"], "2025-03-05")
        self.assertEqual(
            {k: data["references"][0][k] for k in ("doc_type", "number_symbol", "issued_date")},
            {"doc_type": "Quyết định", "number_symbol": "749/QĐ-TTg", "issued_date": "2020-06-03"},
        )

    def test_it_prints_readable_lines_without_json(self) -> None:
        with tempfile.TemporaryDirectory() as folder:
            path = samples.write_text_pdf(Path(folder) / "qd.pdf", pages=1, seed=3)
            out = _call("extract", str(path))
        self.assertIn("Số, ký hiệu: 36/2025/QĐ-UBND", out)
        self.assertIn("Cơ quan ban hành: THÀNH PHỐ CẦN THƠ", out.replace("ỦY BAN NHÂN DÂN ", ""))


class GroundTruthTests(SimpleTestCase):
    def test_vbpl_titles_give_type_symbol_and_abstract(self) -> None:
        self.assertEqual(
            extract_bench.vbpl_title_truth("Nghị định số 45/2020/NĐ-CP Về thực hiện thủ tục"),
            {
                "number_symbol": "45/2020/NĐ-CP",
                "doc_type": "Nghị định",
                "abstract": "Về thực hiện thủ tục",
            },
        )
        self.assertEqual(
            extract_bench.vbpl_title_truth("LUẬT AN NINH MẠNG SỐ 116/2025/QH15"),
            {"number_symbol": "116/2025/QH15", "doc_type": "Luật", "abstract": "AN NINH MẠNG"},
        )
        own = {
            "Luật sửa đổi một số điều của Luật Giáo dục số 43/2019/QH14. số 123/2025/QH15": (
                "123/2025/QH15"
            ),
            "Thông tư số 52/2025/TT-NHNN Sửa đổi Thông tư số 39/2016/TT-NHNN": "52/2025/TT-NHNN",
        }
        for title, symbol in own.items():
            self.assertEqual(extract_bench.vbpl_title_truth(title)["number_symbol"], symbol)

    def test_comparison_ignores_case_spaces_tone_placement_and_leading_words(self) -> None:
        same = [
            ("abstract", "V/v Hòa giải ở cơ sở.", "hoà giải ở  cơ sở"),
            ("abstract", "Thông tư quy định về đấu giá", "Quy định về đấu giá"),
            ("number_symbol", "01/2026/TT-BNV", "1 / 2026 / tt-bnv"),
            ("issuer", "BỘ TƯ PHÁP", "Bộ Tư pháp"),
        ]
        for name, one, other in same:
            with self.subTest(name=name, value=one):
                self.assertEqual(extract_bench.normal(name, one), extract_bench.normal(name, other))
        self.assertNotEqual(
            extract_bench.normal("abstract", "chi tiết"),
            extract_bench.normal("abstract", "chỉ tiết"),
        )


class SmallCorpusTests(SimpleTestCase):
    def setUp(self) -> None:
        self.folder = Path(tempfile.mkdtemp())
        self.addCleanup(shutil.rmtree, self.folder, True)

    def test_a_vbpl_folder_is_read_as_texts_and_attribute_tables(self) -> None:
        records = [
            {
                "id": "vbpl-1",
                "vbpl_title": "Công văn số 1234/SNV-VP triển khai Kế hoạch chuyển đổi số năm 2025",
                "vbpl_attributes": None,
                "text": SAMPLE_LETTER,
            },
            {
                "id": "vbpl-2",
                "vbpl_title": "Thông tư số 05/2025/TT-BNV Quy định chi tiết về lưu trữ",
                "vbpl_attributes": {
                    "Số hiệu": "05/2025/TT-BNV",
                    "Loại văn bản": "Thông tư",
                    "Ngày ban hành": "14/05/2025",
                    "Cơ quan ban hành": "Bộ Nội vụ",
                    "Chức danh": "Thứ trưởng",
                    "Người ký": "Cao Huy",
                },
                "text": None,
            },
        ]
        corpus = self.folder / "vbpl"
        corpus.mkdir()
        with (corpus / "documents.jsonl").open("w", encoding="utf-8") as handle:
            for record in records:
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")
        figures = extract_bench.run(corpus, jobs=1)
        self.assertEqual(figures["count"], 2)
        self.assertEqual(figures["compared"]["number_symbol"], 2)
        self.assertEqual(figures["compared"]["signer"], 1)
        self.assertEqual(set(figures["accuracy"].values()), {1.0})

    def test_a_scanned_run_reads_as_a_new_agency_on_request(self) -> None:
        corpus = self.folder / "vbpl"
        corpus.mkdir()
        record = {
            "id": "vbpl-1",
            "vbpl_title": "Công văn số 1234/SNV-VP triển khai Kế hoạch chuyển đổi số năm 2025",
            "vbpl_attributes": None,
            "text": SAMPLE_LETTER,
        }
        (corpus / "documents.jsonl").write_text(
            json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        args = ["bench", "extract", "--corpus", str(corpus), "--jobs", "1", "--new-agency"]
        with self.assertRaisesMessage(CommandError, "--new-agency chỉ dùng cùng --scanned"):
            _call(*args)
        figures = json.loads(_call(*args, "--scanned", "--json"))
        self.assertEqual((figures["new_agency"], figures["count"], figures["failed"]), (True, 1, 0))
        self.assertEqual(figures["accuracy"]["number_symbol"], 1.0)
        self.assertIn("bản quét, cơ quan mới", extract_bench.table(figures))

    def test_a_register_folder_is_composed_and_read(self) -> None:
        corpus = self.folder / "register"
        corpus.mkdir()
        (corpus / "SOURCE.md").write_text("Văn bản của UBND tỉnh Bình Dương.", encoding="utf-8")
        with (corpus / "documents.csv").open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["row_index", "so_ky_hieu", "ngay_ban_hanh", "trich_yeu", "hieu_luc"])
            writer.writerow(["0", "3637/UBND-VX", "20/07/2022", "triển khai công tác bhyt", ""])
            writer.writerow(["1", "1707/QÐ-UBND", "15/07/2022", "công bố thủ tục hành chính", ""])
        out = _call("bench", "extract", "--corpus", str(corpus), "--jobs", "1", "--json")
        figures = json.loads(out)
        self.assertEqual(figures["count"], 2)
        self.assertEqual(
            figures["accuracy"], {"number_symbol": 1.0, "issued_date": 1.0, "abstract": 1.0}
        )

    @unittest.skipUnless(HAS_LIBREOFFICE, "LibreOffice is not installed (bin/setup installs it)")
    def test_a_folder_of_office_files_goes_through_capture(self) -> None:
        corpus = self.folder / "docx"
        (corpus / "docx").mkdir(parents=True)
        samples.write_docx(corpus / "docx" / "Quyết định 36-2025.docx", seed=3)
        (corpus / "manifest.csv").write_text(
            "file,doc_type_from_filename,number_symbol_from_filename\n"
            "Quyết định 36-2025.docx,Quyết định,36/2025/QĐ-UBND\n",
            encoding="utf-8",
        )
        figures = extract_bench.run(corpus, jobs=1)
        self.assertEqual(figures["accuracy"], {"doc_type": 1.0, "number_symbol": 1.0})


@unittest.skipUnless((CORPUS / "vbpl1000").is_dir(), "the shared corpus is not beside the project")
class SharedCorpusTests(SimpleTestCase):
    """Floors under the recorded figures (docs/benchmarks.md), to catch regressions."""

    @pytest.mark.slow
    def test_vbpl_texts_are_read_at_the_recorded_accuracy(self) -> None:
        figures = extract_bench.run(CORPUS / "vbpl1000", jobs=2)
        self.assertGreaterEqual(figures["accuracy"]["doc_type"], 0.98)
        self.assertGreaterEqual(figures["reachable"]["number_symbol"]["accuracy"], 0.99)
        self.assertGreaterEqual(figures["reachable"]["abstract"]["accuracy"], 0.94)
        for name in ("issued_date", "issuer", "signer"):
            self.assertGreaterEqual(figures["accuracy"][name], 0.98, name)

    @pytest.mark.slow
    def test_the_binh_duong_register_is_read_at_the_recorded_accuracy(self) -> None:
        figures = extract_bench.run(CORPUS / "binhduong-vbcd", jobs=2)
        for name, accuracy in figures["accuracy"].items():
            self.assertGreaterEqual(accuracy, 0.99, name)
