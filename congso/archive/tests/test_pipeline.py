"""The ingestion pipeline on real files, with real Tesseract and LibreOffice."""

import hashlib
import os
import shutil
import tempfile
import unittest
from pathlib import Path
from typing import Any

import pikepdf
import pypdfium2 as pdfium
import pytest
from PIL import Image

from congso.archive import ocr, pdfa, pipeline, samples, search, services, storage
from congso.archive.models import Document, Page
from congso.archive.reading import Reading
from congso.archive.services import lexicon as lexicon_services
from congso.archive.tests.test_lexicon import DOCUMENTS, make_lexicon
from congso.core.models import AuditEntry
from congso.core.text import fold
from congso.org.testing import BaseTestCase

HAS_TESSERACT = bool(shutil.which("tesseract")) or bool(os.environ.get("CI"))
HAS_LIBREOFFICE = bool(shutil.which("soffice")) or bool(os.environ.get("CI"))


class FakeEngine:
    """Stands in for Tesseract where a test is about the pipeline, not recognition."""

    def __init__(self, *, confidence: float = 95.0, fail_after: int | None = None) -> None:
        self.calls: list[int] = []
        self.confidence = confidence
        self.fail_after = fail_after

    def recognize(
        self, image: Path, *, out_base: Path, dpi: int, options: ocr.OcrOptions
    ) -> ocr.PageText:
        if self.fail_after is not None and len(self.calls) >= self.fail_after:
            raise KeyboardInterrupt("the worker was killed")
        self.calls.append(int(out_base.name[1:6]))
        text_pdf = out_base.with_suffix(".pdf")
        blank = pikepdf.new()
        blank.add_blank_page(page_size=(595, 842))
        blank.save(text_pdf)
        return ocr.PageText(
            text=f"trang nhận dạng {out_base.name}",
            confidence=self.confidence,
            words=[],
            text_pdf=text_pdf,
            options=options,
        )

    def recognize_area(
        self,
        image: Path,
        *,
        out_base: Path,
        dpi: int,
        read_dpi: int = ocr.AREA_READ_DPI,
        psm: int = ocr.AREA_PSM,
    ) -> list[ocr.Word]:
        return []


class PipelineCase(BaseTestCase):
    def setUp(self) -> None:
        self.folder = Path(tempfile.mkdtemp())
        self.addCleanup(shutil.rmtree, self.folder, True)

    def sample(self, writer: str, name: str, **options: Any) -> Path:
        path = self.folder / name
        getattr(samples, writer)(path, **options)
        return path

    def ingest(self, path: Path, *, engine: Any = None) -> Document:
        capture = services.capture_path(
            agency=self.agency_a, path=path, source="upload", by=self.an, queue=False
        )
        services.process_document(document=capture.document, engine=engine, page_jobs=2)
        capture.document.refresh_from_db()
        return capture.document

    def assert_archive_is_pdfa(self, document: Document) -> Path:
        path = storage.absolute(document.archive.name)
        self.assertEqual(pdfa.check_pdfa(path), [])
        return path

    def archive_text(self, document: Document) -> str:
        pdf = pdfium.PdfDocument(storage.absolute(document.archive.name))
        try:
            return "\n".join(pdf[i].get_textpage().get_text_bounded() for i in range(len(pdf)))
        finally:
            pdf.close()


@unittest.skipUnless(HAS_TESSERACT, "tesseract is not installed (bin/setup installs it)")
class ScannedDocumentTests(PipelineCase):
    def test_a_scanned_pdf_becomes_a_searchable_pdfa_with_its_original_kept(self) -> None:
        path = self.sample("write_scanned_pdf", "quét.pdf", pages=2, seed=3)
        original = path.read_bytes()
        document = self.ingest(path)
        self.assertEqual(document.state, Document.State.DONE, document.error)
        self.assertEqual(storage.absolute(document.original.name).read_bytes(), original)
        self.assertEqual(document.sha256, hashlib.sha256(original).hexdigest())
        pages = list(document.pages.all())
        self.assertEqual([p.text_source for p in pages], [Page.TextSource.OCR] * 2)
        self.assertIn("cong hoa xa hoi chu nghia viet nam", fold(pages[0].text))
        self.assertGreater(document.ocr_confidence or 0, 75)
        self.assertFalse(document.needs_review)
        self.assertIn("cong hoa xa hoi", fold(self.archive_text(document)))
        self.assert_archive_is_pdfa(document)
        self.assertTrue(all(storage.absolute(p.thumbnail.name).exists() for p in pages))
        self.assertEqual(document.pages_done, 2)
        self.assertTrue(pages[0].words)

    def test_a_rotated_and_skewed_scan_comes_out_right(self) -> None:
        image = samples.render_scanned_page(
            samples.sample_text(5), seed=5, rotate=90, skew_degrees=2.5
        )
        path = self.folder / "xoay.png"
        image.save(path, dpi=(300, 300))
        document = self.ingest(path)
        page = document.pages.get()
        self.assertIn("doc lap - tu do - hanh phuc", fold(page.text))
        self.assertIn("rotate", page.ocr_options)
        self.assertEqual(
            pdfium.PdfDocument(storage.absolute(document.archive.name))[0].get_rotation() % 180, 90
        )

    def test_tiff_jpeg_and_png_scans(self) -> None:
        for writer, name, options in (
            ("write_scanned_tiff", "nhiều trang.tif", {"pages": 2, "seed": 7}),
            ("write_image", "ảnh.jpg", {"seed": 8, "format": "JPEG"}),
            ("write_image", "ảnh.png", {"seed": 9, "format": "PNG"}),
        ):
            with self.subTest(name=name):
                document = self.ingest(self.sample(writer, name, **options))
                self.assertEqual(document.state, Document.State.DONE, document.error)
                self.assertIn("viet nam", fold(document.text))
                self.assert_archive_is_pdfa(document)

    def test_a_mixed_pdf_is_recognized_only_where_it_has_no_text(self) -> None:
        document = self.ingest(self.sample("write_mixed_pdf", "hỗn hợp.pdf", seed=4))
        sources = list(document.pages.values_list("text_source", flat=True))
        self.assertEqual(
            sources, [Page.TextSource.TEXT_LAYER, Page.TextSource.OCR, Page.TextSource.TEXT_LAYER]
        )
        self.assert_archive_is_pdfa(document)


class BornDigitalTests(PipelineCase):
    def test_a_text_pdf_uses_its_own_text_and_no_ocr(self) -> None:
        engine = FakeEngine()
        document = self.ingest(
            self.sample("write_text_pdf", "số.pdf", pages=3, seed=2), engine=engine
        )
        self.assertEqual(document.state, Document.State.DONE, document.error)
        # Found by search once processed (it was indexed while still processing, so
        # dropped from the index, and no processed document could be found).
        self.assertEqual(search.search(within=Document.objects.all(), text="dieu 1").total, 1)
        self.assertEqual(engine.calls, [])
        self.assertEqual(document.page_count, 3)
        self.assertIn("điều 1", document.text.lower())
        self.assertIsNone(document.ocr_confidence)
        self.assert_archive_is_pdfa(document)

    def test_processing_a_done_document_again_changes_nothing(self) -> None:
        document = self.ingest(
            self.sample("write_text_pdf", "số.pdf", pages=1, seed=2), engine=FakeEngine()
        )
        processed_at = document.processed_at
        services.process_document(document=document, engine=FakeEngine())
        document.refresh_from_db()
        self.assertEqual(document.processed_at, processed_at)
        self.assertEqual(document.pages.count(), 1)


class CrashAndResumeTests(PipelineCase):
    def test_a_crash_mid_document_leaves_no_half_record_and_a_rerun_finishes_it(self) -> None:
        path = self.sample("write_scanned_pdf", "dở dang.pdf", pages=4, seed=6)
        capture = services.capture_path(
            agency=self.agency_a, path=path, source="upload", by=self.an, queue=False
        )
        dying = FakeEngine(fail_after=2)
        with self.assertRaises(KeyboardInterrupt):
            services.process_document(document=capture.document, engine=dying, page_jobs=1)
        document = Document.objects.get(pk=capture.document.pk)
        self.assertEqual(document.state, Document.State.PROCESSING)
        self.assertEqual(document.pages.count(), 0)
        self.assertFalse(document.archive)

        again = FakeEngine()
        services.process_document(document=document, engine=again, page_jobs=1)
        document.refresh_from_db()
        self.assertEqual(document.state, Document.State.DONE)
        self.assertEqual(Document.objects.filter(sha256=document.sha256).count(), 1)
        self.assertEqual(document.pages.count(), 4)
        self.assertEqual(sorted(again.calls), [3, 4], "pages done before the crash are kept")


class ReviewTests(PipelineCase):
    def test_poor_pages_are_flagged_and_can_be_recognized_again_with_corrections(self) -> None:
        path = self.sample("write_scanned_pdf", "mờ.pdf", pages=2, seed=8)
        document = self.ingest(path, engine=FakeEngine(confidence=40))
        self.assertTrue(document.needs_review)
        self.assertEqual(
            list(document.pages.filter(needs_review=True).values_list("number", flat=True)), [1, 2]
        )
        self.client.force_login(self.an)
        response = self.client.get(document.get_absolute_url())
        self.assertContains(response, "2 trang cần kiểm tra")

        with self.captureOnCommitCallbacks(execute=False):
            services.rerun_ocr(
                document=document,
                pages=[2],
                options=ocr.OcrOptions(deskew=True, clean=True),
                by=self.binh,
            )
        services.process_document(document=document, engine=FakeEngine(confidence=90))
        document.refresh_from_db()
        page_two = document.pages.get(number=2)
        self.assertEqual(page_two.ocr_options, "deskew,clean")
        self.assertFalse(page_two.needs_review)
        self.assertTrue(document.pages.get(number=1).needs_review)
        self.assertEqual(document.pending_rerun, {})
        self.assertTrue(AuditEntry.objects.filter(verb="rerun_ocr", actor=self.binh).exists())


@unittest.skipUnless(HAS_LIBREOFFICE, "LibreOffice is not installed (bin/setup installs it)")
class OfficeDocumentTests(PipelineCase):
    def test_office_files_and_plain_text_become_pdfa(self) -> None:
        for writer, name in (
            ("write_docx", "công văn.docx"),
            ("write_odt", "tờ trình.odt"),
            ("write_rtf", "báo cáo.rtf"),
        ):
            with self.subTest(name=name):
                document = self.ingest(self.sample(writer, name, seed=11), engine=FakeEngine())
                self.assertEqual(document.state, Document.State.DONE, document.error)
                self.assertIn("cộng hòa xã hội chủ nghĩa việt nam", document.text.lower())
                self.assert_archive_is_pdfa(document)

    def test_a_plain_text_file_in_tcvn3_is_read_as_vietnamese(self) -> None:
        path = self.folder / "cũ.txt"
        lines = [
            "Céng hoµ x· héi chñ nghÜa ViÖt Nam",
            "§éc lËp - Tù do - H¹nh phóc",
            "QuyÕt ®Þnh vÒ viÖc phª duyÖt kÕ ho¹ch chuyÓn ®æi sè",
        ]
        path.write_bytes("\n".join(lines * 3).encode("cp1252"))
        document = self.ingest(path, engine=FakeEngine())
        self.assertEqual(document.state, Document.State.DONE, document.error)
        self.assertIn("Cộng hoà xã hội chủ nghĩa Việt Nam", document.text)


CORPUS_DOC = (
    Path(__file__).resolve().parents[3].parent
    / "shared/corpus/ocr-scans-pccc/pairs"
    / "cv2243-pccc-2025/source.doc"
)


@unittest.skipUnless(HAS_LIBREOFFICE, "LibreOffice is not installed (bin/setup installs it)")
@unittest.skipUnless(
    CORPUS_DOC.exists(), "the shared corpus (ocr-scans-pccc) is not beside the project"
)
class WordDocTests(PipelineCase):
    def test_a_real_word_97_letter_becomes_pdfa_with_its_text(self) -> None:
        path = self.folder / "công văn 2243.doc"
        shutil.copyfile(CORPUS_DOC, path)
        document = self.ingest(path, engine=FakeEngine())
        self.assertEqual(document.state, Document.State.DONE, document.error)
        self.assertEqual(document.media_type, "application/msword")
        self.assertIn("QCVN 03:2023/BCA", document.text)
        self.assert_archive_is_pdfa(document)


@pytest.mark.slow
class LongDocumentTests(PipelineCase):
    def test_a_thousand_page_pdf_is_processed_whole(self) -> None:
        path = self.sample("write_many_page_pdf", "nghìn trang.pdf", pages=1000)
        document = self.ingest(path, engine=FakeEngine())
        self.assertEqual(document.state, Document.State.DONE, document.error)
        self.assertEqual(document.pages.count(), 1000)
        self.assertEqual(document.page_count, 1000)
        self.assert_archive_is_pdfa(document)


class SignerEngine(FakeEngine):
    """A signature page whose name reads as `first`, and as `whitened` once the stamp
    and the signature are whitened."""

    def __init__(self, first: str | None, whitened: str) -> None:
        super().__init__()
        self.names = {False: first or "", True: whitened}

    def recognize(
        self, image: Path, *, out_base: Path, dpi: int, options: ocr.OcrOptions
    ) -> ocr.PageText:
        page = super().recognize(image, out_base=out_base, dpi=dpi, options=options)
        footer = ["Điều 1. Hiệu lực.", "Nơi nhận:", "- Như trên;", "KT. BỘ TRƯỞNG", "THỨ TRƯỞNG"]
        page.text = "\n".join([*footer, self.names[options.unmark]])
        return page


class HeaderSpoiltEngine(SignerEngine):
    """A one-page letter whose symbol is spoilt when the marks are whitened."""

    def recognize(
        self, image: Path, *, out_base: Path, dpi: int, options: ocr.OcrOptions
    ) -> ocr.PageText:
        page = super().recognize(image, out_base=out_base, dpi=dpi, options=options)
        symbol = "Sô ~ I2 PCCC" if options.unmark else "Số: 12/PCCC&CNCH-P6"
        header = ["CỤC CẢNH SÁT PCCC VÀ CNCH", symbol, "V/v thu thập ý kiến"]
        page.text = "\n".join([*header, "Kính gửi: Công an các tỉnh.", page.text])
        return page


class SignatureReadAgainTests(PipelineCase):
    def read(self, engine: SignerEngine) -> Reading:
        path = self.sample("write_scanned_pdf", "ký.pdf", pages=1, seed=7)
        work = self.folder / "work"
        work.mkdir()
        return pipeline.extract_file(path, work=work, engine=engine, page_jobs=1)

    def signer(self, engine: SignerEngine) -> str | None:
        return self.read(engine).signer

    def test_the_header_the_second_reading_spoilt_is_kept_from_the_first(self) -> None:
        found = self.read(HeaderSpoiltEngine(None, "Nguyễn Xuân Sang"))
        self.assertEqual(found.signer, "Nguyễn Xuân Sang")
        self.assertEqual(found.number_symbol, "12/PCCC&CNCH-P6")
        self.assertEqual(found.abstract, "thu thập ý kiến")

    def test_no_name_reads_the_page_again_with_the_stamp_whitened(self) -> None:
        self.assertEqual(self.signer(SignerEngine(None, "Nguyễn Xuân Sang")), "Nguyễn Xuân Sang")

    def test_a_family_name_under_the_stamp_is_found_again(self) -> None:
        found = self.signer(SignerEngine("Xuân Sang", "Nguyễn Xuân Sang"))
        self.assertEqual(found, "Nguyễn Xuân Sang")

    def test_another_name_from_the_second_reading_does_not_replace_the_first(self) -> None:
        self.assertEqual(self.signer(SignerEngine("Xuân Sang", "Trần Văn Bình")), "Xuân Sang")

    def test_a_name_with_a_misspelt_word_is_read_again(self) -> None:
        found = self.signer(SignerEngine("Íính Nhật Tân", "Nguyễn Sinh Nhật Tân"))
        self.assertEqual(found, "Nguyễn Sinh Nhật Tân")

    def test_a_misspelt_name_is_kept_when_the_second_reading_ends_otherwise(self) -> None:
        kept = self.signer(SignerEngine("Íính Nhật Tân", "Trần Văn Bình"))
        self.assertEqual(kept, "Íính Nhật Tân")


class AbstractEngine(FakeEngine):
    """A one-page decision whose abstract reads as `first`, and as `whitened` once the
    grey marks are whitened; its signer ("Xuân Sang") makes the page read twice."""

    def __init__(self, first: str, whitened: str, issuers: tuple[str, str] = ("BỘ NỘI VỤ",) * 2):
        super().__init__()
        self.abstracts = {False: first, True: whitened}
        self.issuers = dict(enumerate(issuers))

    def recognize(
        self, image: Path, *, out_base: Path, dpi: int, options: ocr.OcrOptions
    ) -> ocr.PageText:
        page = super().recognize(image, out_base=out_base, dpi=dpi, options=options)
        issuer, abstract = self.issuers[options.unmark], self.abstracts[options.unmark]
        header = [issuer, "Số: 12/QĐ-BNV", "QUYẾT ĐỊNH", abstract]
        footer = ["Căn cứ Luật Tổ chức Chính phủ;", "Nơi nhận:", "- Như trên;", "BỘ TRƯỞNG"]
        page.text = "\n".join([*header, *footer, "Xuân Sang"])
        return page


class AbstractOfTwoReadingsTests(PipelineCase):
    def read(self, engine: AbstractEngine) -> Reading:
        path = self.sample("write_scanned_pdf", "quyết định.pdf", pages=1, seed=7)
        work = self.folder / "work"
        work.mkdir()
        texts = ("Quyết định về việc sửa chữa bề mặt đường.", "BỘ NỘI VỤ\nBộ Nội vụ giao.")
        lexicon = make_lexicon((*DOCUMENTS, *texts))
        return pipeline.extract_file(path, work=work, engine=engine, page_jobs=1, lexicon=lexicon)

    def abstract(self, engine: AbstractEngine) -> str | None:
        return self.read(engine).abstract

    def test_the_issuer_is_taken_from_the_likelier_reading_too(self) -> None:
        right = "Về việc sửa chữa bề mặt đường"
        engine = AbstractEngine(right, right, issuers=("BỘ NỘI VỤ TC", "BỘ NỘI VỤ"))
        self.assertEqual(self.read(engine).issuer, "BỘ NỘI VỤ")

    def test_the_reading_whose_abstract_reads_like_the_agencys_text_is_kept(self) -> None:
        right = "Về việc sửa chữa bề mặt đường"
        for first, whitened in ((right, f"{right} Căn lít"), (f"{right} Căn lít", right)):
            with self.subTest(first=first):
                self.assertEqual(self.abstract(AbstractEngine(first, whitened)), right[8:])
                shutil.rmtree(self.folder / "work")

    def test_a_word_one_reading_lost_is_kept_from_the_other(self) -> None:
        # The lexicon alone would keep the shorter reading: every word costs.
        right = "Về việc sửa chữa bề mặt đường"
        for first, whitened in ((right, right[:-6]), (right[:-6], right)):
            with self.subTest(first=first):
                self.assertEqual(self.abstract(AbstractEngine(first, whitened)), right[8:])
                shutil.rmtree(self.folder / "work")

    def test_a_speck_one_reading_made_a_word_of_is_no_word_lost(self) -> None:
        right = "Về việc sửa chữa bề mặt đường"
        self.assertEqual(self.abstract(AbstractEngine(right, f"{right} Pq")), right[8:])

    def test_an_abstract_only_the_second_reading_found_is_kept(self) -> None:
        found = self.abstract(AbstractEngine("_", "Về việc sửa chữa bề mặt đường"))
        self.assertEqual(found, "sửa chữa bề mặt đường")


def _placed(texts: list[str], *, top: int) -> list[ocr.Word]:
    """OCR words of lines one under the other, 60 px apart, from `top`."""
    placed = []
    for row, text in enumerate(texts, start=1):
        left = 300
        for word in text.split():
            width = 30 * len(word)
            placed.append(ocr.Word(word, left, top + 60 * (row - 1), width, 40, 95.0, 1, row))
            left += width + 20
    return placed


class AreaEngine(FakeEngine):
    """A one-page decision whose abstract reads as `on_page`, and as `in_area` when its
    lines are cut out and read again (as `finer` at the finer resolutions, if given).
    The abstract's line starts `left` pixels from the page's left edge."""

    def __init__(
        self, on_page: str, in_area: str, finer: str | None = None, *, left: int = 300
    ) -> None:
        super().__init__()
        self.on_page, self.in_area, self.finer, self.left = on_page, in_area, finer, left
        self.areas: list[tuple[int, int]] = []
        self.read_dpis: list[int] = []

    def recognize(
        self, image: Path, *, out_base: Path, dpi: int, options: ocr.OcrOptions
    ) -> ocr.PageText:
        page = super().recognize(image, out_base=out_base, dpi=dpi, options=options)
        lines = ["BỘ NỘI VỤ", "Số: 12/QĐ-BNV", "QUYẾT ĐỊNH", self.on_page, "Căn cứ Luật Nội vụ;"]
        page.words = _placed(lines, top=200)
        for word in page.words:
            if word.line == 4:  # the abstract
                word.left += self.left - 300
        page.text = "\n".join(lines)
        return page

    def recognize_area(
        self,
        image: Path,
        *,
        out_base: Path,
        dpi: int,
        read_dpi: int = ocr.AREA_READ_DPI,
        psm: int = ocr.AREA_PSM,
    ) -> list[ocr.Word]:
        if psm != ocr.AREA_PSM:  # the signature's area: the page has no signature
            return []
        with Image.open(image) as cut:
            self.areas.append(cut.size)
        self.read_dpis.append(read_dpi)
        finer = self.finer is not None and read_dpi > ocr.AREA_READ_DPIS[0]
        return _placed([self.finer if finer and self.finer else self.in_area], top=30)


class AbstractReadAgainTests(PipelineCase):
    RIGHT = "Về việc sửa chữa bề mặt đường giao thông nông thôn"
    WRONG = RIGHT.replace("đường", "lít")  # a word the lexicon cannot put right

    def read(self, engine: AreaEngine) -> Reading:
        path = self.sample("write_scanned_pdf", "quyết định.pdf", pages=1, seed=7)
        work = self.folder / "work"
        work.mkdir(exist_ok=True)
        lexicon = make_lexicon((*DOCUMENTS, f"Quyết định {self.RIGHT[0].lower()}{self.RIGHT[1:]}."))
        return pipeline.extract_file(path, work=work, engine=engine, page_jobs=1, lexicon=lexicon)

    def test_the_abstract_read_again_from_its_area_is_kept_when_likelier(self) -> None:
        engine = AreaEngine(self.WRONG, self.RIGHT)
        self.assertEqual(self.read(engine).abstract, self.RIGHT[8:])
        # Only the abstract's line was cut out (the page's width, a line's height) and
        # read at each resolution.
        self.assertEqual(engine.read_dpis, list(ocr.AREA_READ_DPIS))
        for width, height in engine.areas:
            self.assertGreater(width, 1000)
            self.assertLess(height, 200)

    def test_each_reading_gives_the_words_it_read_better(self) -> None:
        # The page misread one word and the area another, by a letter the lexicon does
        # not put back: neither reading is right whole.
        page_wrong, area_wrong = (
            self.RIGHT.replace("đường", "đườnq"),
            self.RIGHT.replace("nông", "nôngg"),
        )
        engine = AreaEngine(page_wrong, area_wrong)
        self.assertEqual(self.read(engine).abstract, self.RIGHT[8:])

    def test_three_readings_each_wrong_somewhere_make_a_right_one(self) -> None:
        page = self.RIGHT.replace("đường", "đườnq")
        area, finer = self.RIGHT.replace("nông", "nôngg"), self.RIGHT.replace("chữa", "chữaa")
        engine = AreaEngine(page, area, finer)
        self.assertEqual(self.read(engine).abstract, self.RIGHT[8:])

    def test_an_unlikelier_reading_of_the_area_is_dropped(self) -> None:
        engine = AreaEngine(self.RIGHT, self.WRONG)
        self.assertEqual(self.read(engine).abstract, self.RIGHT[8:])
        self.assertEqual(len(engine.areas), len(ocr.AREA_READ_DPIS))

    def test_a_reading_of_the_area_that_lost_words_is_dropped(self) -> None:
        # Fewer words are likelier by the sum over them, but say less.
        engine = AreaEngine(self.WRONG, self.RIGHT.removesuffix(" nông thôn"))
        self.assertEqual(self.read(engine).abstract, self.WRONG[8:])

    def test_a_word_a_speck_split_on_the_page_is_read_whole_from_the_area(self) -> None:
        split = self.RIGHT.replace("đường", "đi ường")
        engine = AreaEngine(split, self.RIGHT)
        self.assertEqual(self.read(engine).abstract, self.RIGHT[8:])

    def test_a_reading_of_the_area_that_ran_two_numbers_together_is_dropped(self) -> None:
        page = f"{self.RIGHT} 27/7 (27/7/1947-27/7/2015)"
        engine = AreaEngine(page, f"{self.RIGHT} (27/7/1947-277/7/2015)")
        self.assertEqual(self.read(engine).abstract, page[8:])

    def test_a_reading_of_the_area_that_ran_two_words_together_is_dropped(self) -> None:
        page = self.RIGHT.replace("đường", "đườnq")
        engine = AreaEngine(page, page.replace("đườnq giao", "đườnqgiao"))
        self.assertEqual(self.read(engine).abstract, page[8:])

    def test_a_reading_of_the_area_that_lost_a_short_word_is_dropped(self) -> None:
        # One word fewer, the others the same: a word lost, not one split in two.
        page = self.RIGHT.replace("đường", "đườnq")
        engine = AreaEngine(page, self.RIGHT.replace("bề mặt", "mặt"))
        self.assertEqual(self.read(engine).abstract, page[8:])

    def test_a_word_the_page_lost_is_taken_when_every_finer_reading_has_it(self) -> None:
        # "dn. định" for "Quy định": the page's reading left the speck of a word out.
        lost = self.RIGHT.replace("bề mặt", "mặt")
        self.assertEqual(self.read(AreaEngine(lost, self.RIGHT)).abstract, self.RIGHT[8:])
        # One finer reading without it says the page may be right: the page's stands.
        engine = AreaEngine(lost, self.RIGHT, finer=lost)
        self.assertEqual(self.read(engine).abstract, lost[8:])

    def test_an_abstract_in_the_middle_of_the_page_is_cut_out_wider(self) -> None:
        # The page's word boxes may leave out a word at either end of a centred line;
        # beside a line set on one side (a công văn's "V/v") may stand other text.
        widths = {}
        for left in (100, 600):  # the line (1,400 of 2,480 px) on the left; in the middle
            engine = AreaEngine(self.RIGHT, self.RIGHT, left=left)
            self.read(engine)
            widths[left] = {width for width, _height in engine.areas}
            shutil.rmtree(self.folder / "work")
        self.assertLess(max(widths[100]), 1500)
        self.assertGreater(min(widths[600]), 1700)

    def test_reading_a_stored_document_again_reads_the_area_again(self) -> None:
        texts = (*DOCUMENTS, f"Quyết định {self.RIGHT[0].lower()}{self.RIGHT[1:]}.")
        stored = lexicon_services.lexicon_path(self.agency_a.id)
        stored.parent.mkdir(parents=True, exist_ok=True)
        stored.write_bytes(make_lexicon(texts).to_bytes())
        path = self.sample("write_scanned_pdf", "quyết định.pdf", pages=1, seed=7)
        document = self.ingest(path, engine=AreaEngine(self.WRONG, self.RIGHT))
        self.assertEqual(document.abstract, self.RIGHT[8:])
        engine = AreaEngine(self.WRONG, self.RIGHT)
        self.assertEqual(pipeline.read_stored(document, engine=engine).abstract, self.RIGHT[8:])
        self.assertEqual(len(engine.areas), len(ocr.AREA_READ_DPIS))


CORPUS_SCAN = CORPUS_DOC.with_name("scan.pdf")
LAW_SCAN = CORPUS_DOC.parents[2] / "unlabelled/luat40-2013-qh13_scan.pdf"


@unittest.skipUnless(HAS_TESSERACT, "tesseract is not installed (bin/setup installs it)")
@unittest.skipUnless(
    CORPUS_SCAN.exists(), "the shared corpus (ocr-scans-pccc) is not beside the project"
)
class RealScanTests(PipelineCase):
    def test_a_signed_letter_left_to_be_numbered_on_issue_is_read_from_its_scan(self) -> None:
        work = self.folder / "work"
        work.mkdir()
        found = pipeline.extract_file(CORPUS_SCAN, work=work)
        self.assertEqual(found.doc_type, "Công văn")
        self.assertEqual(found.number_symbol, "/PCCC&CNCH-P6")  # "Số:      /PCCC&CNCH-P6"
        self.assertEqual(found.place, "Hà Nội")
        self.assertIsNone(found.issued_date)  # "ngày    tháng    năm 2025"
        self.assertEqual(found.issuer, "CỤC CẢNH SÁT PCCC VÀ CNCH")
        abstract = "thu thập, tổng hợp, đánh giá tình hình thực hiện QCVN 03:2023/BCA"
        self.assertEqual(found.abstract, abstract)
        self.assertEqual(len(found.addressees), 4)
        self.assertEqual(found.signing_authority, "KT. CỤC TRƯỞNG")
        self.assertEqual(found.signer, "Đại tá Nguyễn Thanh Điệp")
        self.assertEqual(found.recipients, ["Như trên", "Đ/c Cục trưởng (để báo cáo)"])
        # Read again (from the stored page recognition) as an agency with no documents
        # yet reads it, or `congso extract`: the shipped words split what OCR glued.
        shipped = lexicon_services.shipped_lexicon()
        corrected = pipeline.extract_file(CORPUS_SCAN, work=work, lexicon=shipped)
        self.assertEqual(corrected.issuer_parent, "BỘ CÔNG AN")
        self.assertEqual(corrected.abstract, abstract)

    @unittest.skipUnless(LAW_SCAN.exists(), "the shared corpus (ocr-scans-pccc) has no law scan")
    def test_a_signature_block_a_stamp_hides_from_the_page_is_read_from_its_area(self) -> None:
        # The seal and the signature over "CHỦ TỊCH QUỐC HỘI / Nguyễn Sinh Hùng" make
        # Tesseract take the block for a picture: the page's reading has none of it.
        work = self.folder / "work"
        work.mkdir()
        found = pipeline.extract_file(
            LAW_SCAN, work=work, lexicon=lexicon_services.shipped_lexicon()
        )
        self.assertEqual(found.number_symbol, "40/2013/QH13")
        self.assertEqual(found.signer, "Nguyễn Sinh Hùng")
        self.assertEqual(found.signer_position, "CHỦ TỊCH")  # "QUỐC HỘI" is under the seal
        self.assertLess(found.confidence["signer"], 0.8)  # a clerk is asked to look
