"""Realistic Vietnamese administrative documents for the test suite and `congso bench ingest`.

Every generator is deterministic for a given ``seed``: randomness comes from private
``random.Random`` instances seeded with strings, never from the module-level generator, and
the module keeps no state of its own. Output files are byte-identical between runs on the
same machine (same fonts, same library versions) with one exception: the AES-256 encrypted
PDF, whose salts and IVs are random by design.

The documents follow the layout of Nghị định 30/2020/NĐ-CP (công tác văn thư): the issuing
body and the national motto side by side, "Số: 123/QĐ-UBND", the place and date, the type
and abstract (trích yếu), the legal bases (Căn cứ ...), articles (Điều 1. ...), the
recipients (Nơi nhận) beside the signature block, on A4 with 2 cm / 3 cm / 2 cm / 2 cm
margins in a serif font with Vietnamese glyphs (DejaVu Serif, or Liberation Serif, Noto
Serif, FreeSerif, Times New Roman when they are installed and cover Vietnamese).

Third-party libraries are imported only by the functions that need them:
``sample_text``, ``sample_text_from_corpus``, ``write_docx``, ``write_odt``, ``write_rtf``,
``write_corrupt_pdf`` and ``write_decompression_bomb_png`` use only the standard library;
the page images need Pillow, the text PDFs reportlab (and Pillow, to measure text) and the
image-only, mixed and encrypted PDFs pikepdf.
"""

from __future__ import annotations

import datetime
import io
import json
import math
import os
import random
import re
import struct
import unicodedata
import zipfile
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal, TypeAlias, TypedDict, Unpack
from xml.sax.saxutils import escape, quoteattr

if TYPE_CHECKING:
    import pikepdf
    from PIL import Image, ImageFont

__all__ = [
    "SampleFontError",
    "ScanPageOptions",
    "render_scanned_page",
    "sample_text",
    "sample_text_from_corpus",
    "write_corrupt_pdf",
    "write_decompression_bomb_png",
    "write_docx",
    "write_encrypted_pdf",
    "write_image",
    "write_many_page_pdf",
    "write_mixed_pdf",
    "write_odt",
    "write_rtf",
    "write_scanned_pdf",
    "write_scanned_tiff",
    "write_text_pdf",
    "write_truncated_pdf",
]

# --------------------------------------------------------------------------------------------
# Word lists (all NFC). Names of bodies follow the 2025 two-level local government.
# --------------------------------------------------------------------------------------------

# (name, kind, place written before ", ngày ...")
_PROVINCES: tuple[tuple[str, str, str], ...] = (
    ("Tây Ninh", "tỉnh", "Tây Ninh"),
    ("Đồng Nai", "tỉnh", "Đồng Nai"),
    ("An Giang", "tỉnh", "An Giang"),
    ("Vĩnh Long", "tỉnh", "Vĩnh Long"),
    ("Đồng Tháp", "tỉnh", "Đồng Tháp"),
    ("Cà Mau", "tỉnh", "Cà Mau"),
    ("Lâm Đồng", "tỉnh", "Lâm Đồng"),
    ("Khánh Hòa", "tỉnh", "Khánh Hòa"),
    ("Gia Lai", "tỉnh", "Gia Lai"),
    ("Đắk Lắk", "tỉnh", "Đắk Lắk"),
    ("Quảng Ngãi", "tỉnh", "Quảng Ngãi"),
    ("Quảng Trị", "tỉnh", "Quảng Trị"),
    ("Nghệ An", "tỉnh", "Nghệ An"),
    ("Hà Tĩnh", "tỉnh", "Hà Tĩnh"),
    ("Thanh Hóa", "tỉnh", "Thanh Hóa"),
    ("Ninh Bình", "tỉnh", "Ninh Bình"),
    ("Hưng Yên", "tỉnh", "Hưng Yên"),
    ("Bắc Ninh", "tỉnh", "Bắc Ninh"),
    ("Phú Thọ", "tỉnh", "Phú Thọ"),
    ("Thái Nguyên", "tỉnh", "Thái Nguyên"),
    ("Tuyên Quang", "tỉnh", "Tuyên Quang"),
    ("Lào Cai", "tỉnh", "Lào Cai"),
    ("Lạng Sơn", "tỉnh", "Lạng Sơn"),
    ("Cao Bằng", "tỉnh", "Cao Bằng"),
    ("Điện Biên", "tỉnh", "Điện Biên"),
    ("Lai Châu", "tỉnh", "Lai Châu"),
    ("Sơn La", "tỉnh", "Sơn La"),
    ("Quảng Ninh", "tỉnh", "Quảng Ninh"),
    ("Hà Nội", "thành phố", "Hà Nội"),
    ("Hồ Chí Minh", "thành phố", "Thành phố Hồ Chí Minh"),
    ("Hải Phòng", "thành phố", "Hải Phòng"),
    ("Đà Nẵng", "thành phố", "Đà Nẵng"),
    ("Cần Thơ", "thành phố", "Cần Thơ"),
    ("Huế", "thành phố", "Huế"),
)

# (name, abbreviation used in the number/symbol)
_DEPARTMENTS: tuple[tuple[str, str], ...] = (
    ("Sở Nội vụ", "SNV"),
    ("Sở Tài chính", "STC"),
    ("Sở Tư pháp", "STP"),
    ("Sở Xây dựng", "SXD"),
    ("Sở Nông nghiệp và Môi trường", "SNNMT"),
    ("Sở Khoa học và Công nghệ", "SKHCN"),
    ("Sở Giáo dục và Đào tạo", "SGDĐT"),
    ("Sở Y tế", "SYT"),
    ("Sở Văn hóa, Thể thao và Du lịch", "SVHTTDL"),
    ("Sở Công Thương", "SCT"),
)

_SURNAMES = (
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi",
    "Đỗ", "Hồ", "Ngô", "Dương", "Lý",
)  # fmt: skip
_MIDDLE_NAMES = (
    "Văn", "Thị", "Hữu", "Đức", "Minh", "Thanh", "Quốc", "Thành", "Ngọc", "Xuân", "Thu",
    "Hoài",
)  # fmt: skip
_GIVEN_NAMES = (
    "An", "Bình", "Cường", "Dũng", "Hải", "Hùng", "Lan", "Long", "Mai", "Nam", "Phương",
    "Quang", "Sơn", "Tâm", "Thảo", "Trung", "Tuấn", "Việt", "Hương", "Hạnh", "Khoa", "Nhân",
)  # fmt: skip

# (abstract after "Về việc ", text of Điều 1). Placeholders: the context in _decision_lines.
_SUBJECTS: tuple[tuple[str, str], ...] = (
    (
        "phê duyệt Kế hoạch chuyển đổi số năm {year} của {body}",
        "Phê duyệt Kế hoạch chuyển đổi số năm {year} của {body} (chi tiết tại Kế hoạch kèm"
        " theo Quyết định này).",
    ),
    (
        "ban hành Quy chế tiếp nhận, xử lý, phát hành và quản lý văn bản điện tử trên Hệ thống"
        " quản lý văn bản và điều hành",
        "Ban hành kèm theo Quyết định này Quy chế tiếp nhận, xử lý, phát hành và quản lý văn"
        " bản điện tử trên Hệ thống quản lý văn bản và điều hành của {body}.",
    ),
    (
        "thành lập Tổ công tác triển khai Đề án 06 trên địa bàn {area}",
        "Thành lập Tổ công tác triển khai Đề án phát triển ứng dụng dữ liệu về dân cư, định"
        " danh và xác thực điện tử (Đề án 06) trên địa bàn {area}, gồm các thành viên có tên"
        " tại Phụ lục kèm theo Quyết định này.",
    ),
    (
        "công bố Danh mục thủ tục hành chính được chuẩn hóa thuộc phạm vi chức năng quản lý"
        " của {dept}",
        "Công bố kèm theo Quyết định này Danh mục {count} thủ tục hành chính được chuẩn hóa"
        " thuộc phạm vi chức năng quản lý của {dept}.",
    ),
    (
        "phê duyệt Danh mục hồ sơ, tài liệu thuộc diện nộp lưu vào Lưu trữ lịch sử {area}",
        "Phê duyệt Danh mục hồ sơ, tài liệu thuộc diện nộp lưu vào Lưu trữ lịch sử {area} của"
        " {body}, gồm {count} hồ sơ, tài liệu (có Danh mục kèm theo).",
    ),
    (
        "giao chỉ tiêu số hóa hồ sơ, kết quả giải quyết thủ tục hành chính năm {year}",
        "Giao chỉ tiêu số hóa hồ sơ, kết quả giải quyết thủ tục hành chính năm {year} cho các"
        " cơ quan, đơn vị; tỷ lệ số hóa tối thiểu đạt {percent}% đối với hồ sơ tiếp nhận trong"
        " năm.",
    ),
    (
        "kiện toàn Ban Chỉ đạo cải cách hành chính {area}",
        "Kiện toàn Ban Chỉ đạo cải cách hành chính {area}, gồm các ông (bà) có tên tại danh"
        " sách kèm theo Quyết định này.",
    ),
    (
        "ban hành Kế hoạch kiểm tra công tác văn thư, lưu trữ năm {year}",
        "Ban hành kèm theo Quyết định này Kế hoạch kiểm tra công tác văn thư, lưu trữ năm"
        " {year} tại các cơ quan, đơn vị trên địa bàn {area}.",
    ),
    (
        "phân bổ kinh phí thực hiện nhiệm vụ chuyển đổi số năm {year}",
        "Phân bổ kinh phí thực hiện nhiệm vụ chuyển đổi số năm {year} với tổng số tiền là"
        " {money} đồng cho các cơ quan, đơn vị (chi tiết tại Phụ lục kèm theo).",
    ),
    (
        "phê duyệt danh sách cán bộ, công chức, viên chức được cấp chứng thư chữ ký số chuyên"
        " dùng công vụ",
        "Phê duyệt danh sách {count} cán bộ, công chức, viên chức thuộc {body} được cấp chứng"
        " thư chữ ký số chuyên dùng công vụ (có danh sách kèm theo).",
    ),
    (
        "ban hành Quy trình nội bộ giải quyết thủ tục hành chính trong lĩnh vực {field}",
        "Ban hành kèm theo Quyết định này Quy trình nội bộ giải quyết {count} thủ tục hành"
        " chính trong lĩnh vực {field} thuộc thẩm quyền giải quyết của {body}.",
    ),
    (
        "tổ chức Hội nghị tập huấn nghiệp vụ văn thư, lưu trữ và quản lý tài liệu điện tử năm"
        " {year}",
        "Tổ chức Hội nghị tập huấn nghiệp vụ văn thư, lưu trữ và quản lý tài liệu điện tử năm"
        " {year} cho cán bộ, công chức, viên chức làm công tác văn thư, lưu trữ tại các cơ"
        " quan, đơn vị.",
    ),
)

_FIELDS = (
    "đất đai", "hộ tịch", "xây dựng", "đăng ký kinh doanh", "tài nguyên nước",
    "giáo dục và đào tạo", "khám bệnh, chữa bệnh", "lao động, tiền lương", "văn hóa cơ sở",
    "thi đua, khen thưởng", "chứng thực", "người có công",
)  # fmt: skip

_LEGAL_BASES = (
    "Căn cứ Luật Ban hành văn bản quy phạm pháp luật ngày 19 tháng 02 năm 2025;",
    "Căn cứ Luật Lưu trữ ngày 21 tháng 6 năm 2024;",
    "Căn cứ Luật Giao dịch điện tử ngày 22 tháng 6 năm 2023;",
    "Căn cứ Luật Cán bộ, công chức số 80/2025/QH15;",
    "Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ về công tác văn thư;",
    "Căn cứ Nghị định số 45/2020/NĐ-CP ngày 08 tháng 4 năm 2020 của Chính phủ về thực hiện"
    " thủ tục hành chính trên môi trường điện tử;",
    "Căn cứ Nghị định số 42/2022/NĐ-CP ngày 24 tháng 6 năm 2022 của Chính phủ quy định về"
    " việc cung cấp thông tin và dịch vụ công trực tuyến của cơ quan nhà nước trên môi"
    " trường mạng;",
    "Căn cứ Nghị định số 107/2021/NĐ-CP ngày 06 tháng 12 năm 2021 của Chính phủ sửa đổi, bổ"
    " sung một số điều của Nghị định số 61/2018/NĐ-CP ngày 23 tháng 4 năm 2018 của Chính"
    " phủ về thực hiện cơ chế một cửa, một cửa liên thông trong giải quyết thủ tục hành"
    " chính;",
    "Căn cứ Quyết định số 06/QĐ-TTg ngày 06 tháng 01 năm 2022 của Thủ tướng Chính phủ phê"
    " duyệt Đề án phát triển ứng dụng dữ liệu về dân cư, định danh và xác thực điện tử phục"
    " vụ chuyển đổi số quốc gia giai đoạn 2022 - 2025, tầm nhìn đến năm 2030;",
    "Căn cứ Thông tư số 01/2023/TT-VPCP ngày 05 tháng 4 năm 2023 của Văn phòng Chính phủ"
    " quy định một số nội dung và biện pháp thi hành trong số hóa hồ sơ, kết quả giải quyết"
    " thủ tục hành chính và thực hiện thủ tục hành chính trên môi trường điện tử;",
    "Căn cứ Nghị quyết số 57-NQ/TW ngày 22 tháng 12 năm 2024 của Bộ Chính trị về đột phá"
    " phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia;",
    "Căn cứ Quyết định số 749/QĐ-TTg ngày 03 tháng 6 năm 2020 của Thủ tướng Chính phủ phê"
    " duyệt Chương trình Chuyển đổi số quốc gia đến năm 2025, định hướng đến năm 2030;",
)

_ARTICLE_HEADINGS = (
    "Mục tiêu và yêu cầu",
    "Nhiệm vụ và giải pháp",
    "Tổ chức thực hiện",
    "Trách nhiệm của các cơ quan, đơn vị",
    "Kinh phí thực hiện",
    "Chế độ thông tin, báo cáo",
    "Kiểm tra, giám sát",
    "Khen thưởng và xử lý vi phạm",
)

_CLAUSE_HEADINGS = (
    "Mục đích", "Yêu cầu", "Phạm vi thực hiện", "Đối tượng áp dụng", "Thời gian thực hiện",
    "Nguồn kinh phí", "Chế độ báo cáo", "Nội dung chủ yếu",
)  # fmt: skip

_SENTENCE_SUBJECTS = (
    "Các sở, ban, ngành {kind}",
    "Ủy ban nhân dân các xã, phường",
    "Văn phòng Ủy ban nhân dân {kind}",
    "{dept}",
    "Trung tâm Phục vụ hành chính công {kind}",
    "Thủ trưởng các cơ quan, đơn vị",
    "Cán bộ, công chức, viên chức",
    "Bộ phận Một cửa các cấp",
    "Các cơ quan, đơn vị có liên quan",
    "Người đứng đầu cơ quan, tổ chức",
)
_PREDICATES = (
    "chịu trách nhiệm tổ chức triển khai",
    "có trách nhiệm phối hợp thực hiện",
    "chủ động rà soát, chấn chỉnh",
    "tăng cường kiểm tra, giám sát",
    "bố trí kinh phí, nhân lực bảo đảm",
    "định kỳ đánh giá, báo cáo tình hình thực hiện",
    "hướng dẫn, đôn đốc",
    "tổ chức quán triệt, phổ biến",
    "xây dựng kế hoạch chi tiết để thực hiện",
    "tập trung chỉ đạo",
)
_OBJECTS = (
    "các nhiệm vụ được giao tại Quyết định này",
    "việc số hóa hồ sơ, tài liệu theo quy định",
    "việc giải quyết thủ tục hành chính trên môi trường điện tử",
    "việc tiếp nhận, xử lý văn bản đến, văn bản đi trên môi trường điện tử",
    "việc cập nhật, khai thác các cơ sở dữ liệu chuyên ngành",
    "việc sử dụng chữ ký số chuyên dùng công vụ",
    "việc lập hồ sơ và nộp lưu hồ sơ, tài liệu vào Lưu trữ cơ quan",
    "việc vận hành Hệ thống thông tin giải quyết thủ tục hành chính {kind}",
    "việc cung cấp dịch vụ công trực tuyến toàn trình",
    "công tác văn thư, lưu trữ tại cơ quan, đơn vị",
)
_MODIFIERS = (
    "bảo đảm đúng quy định của pháp luật",
    "bảo đảm chất lượng, hiệu quả và đúng tiến độ",
    "hoàn thành trước {deadline}",
    "trong phạm vi chức năng, nhiệm vụ được giao",
    "theo hướng dẫn của {dept}",
    "gửi Ủy ban nhân dân {area} (qua {dept}) để tổng hợp",
    "kịp thời báo cáo, đề xuất cấp có thẩm quyền xem xét, giải quyết những khó khăn, vướng"
    " mắc phát sinh",
    "phù hợp với tình hình thực tế của địa phương",
    "định kỳ hằng quý, 06 tháng và hằng năm",
    "không để xảy ra tình trạng chậm trễ, trễ hạn",
)
_FACTS = (
    "Phấn đấu đến hết năm {year}, tỷ lệ hồ sơ thủ tục hành chính được số hóa đạt tối thiểu"
    " {percent}%.",
    "Tổng kinh phí dự kiến là {money} đồng, được bố trí từ nguồn ngân sách nhà nước và các"
    " nguồn kinh phí hợp pháp khác theo quy định.",
    "Thời gian thực hiện từ ngày ký đến hết {deadline}.",
    "Định kỳ trước ngày {report_day} hằng tháng, các cơ quan, đơn vị gửi báo cáo kết quả thực"
    " hiện về {dept} để tổng hợp, báo cáo Ủy ban nhân dân {area}.",
    "Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, các cơ quan, đơn vị kịp thời phản"
    " ánh về {dept} để được hướng dẫn hoặc tổng hợp, báo cáo cấp có thẩm quyền xem xét, giải"
    " quyết.",
    "Giao {dept} chủ trì, phối hợp với các cơ quan, đơn vị có liên quan theo dõi, đôn đốc,"
    " kiểm tra việc thực hiện Quyết định này.",
    "Các cơ quan, đơn vị thực hiện số hóa {count} hồ sơ, tài liệu có giá trị bảo quản vĩnh"
    " viễn và cập nhật vào Cơ sở dữ liệu tài liệu lưu trữ điện tử của {kind}.",
    "100% văn bản đi, văn bản đến được xử lý trên môi trường mạng và ký số theo quy định,"
    " trừ văn bản mật.",
    "Việc sử dụng chữ ký số chuyên dùng công vụ thực hiện theo Nghị định số 68/2024/NĐ-CP"
    " ngày 25 tháng 6 năm 2024 của Chính phủ quy định về chữ ký số chuyên dùng công vụ.",
    "Hồ sơ, tài liệu điện tử được lập, quản lý và nộp lưu theo quy định tại Luật Lưu trữ và"
    " Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ về công tác văn thư.",
)
_RECIPIENTS = (
    "- Văn phòng Chính phủ;",
    "- Bộ Nội vụ;",
    "- Bộ Khoa học và Công nghệ;",
    "- Cục Văn thư và Lưu trữ nhà nước;",
    "- TT {party}, TT HĐND {kind};",
    "- CT, các PCT UBND {kind};",
    "- Các sở, ban, ngành {kind};",
    "- UBND các xã, phường;",
    "- Trung tâm Phục vụ hành chính công {kind};",
    "- Cổng Thông tin điện tử {kind};",
    "- LĐVP, các phòng chuyên môn;",
)
_UBND_DIVISIONS = ("KT", "NC", "KGVX", "TH", "HCTC", "KSTTHC")

# Short sentences for the many-page PDF.
_ONE_LINERS = (
    "Biên bản bàn giao hồ sơ, tài liệu lưu trữ.",
    "Mục lục hồ sơ nộp lưu vào Lưu trữ lịch sử.",
    "Phiếu theo dõi việc sử dụng tài liệu lưu trữ.",
    "Danh mục văn bản đi năm 2025 của Văn phòng.",
    "Sổ đăng ký văn bản đến, quyển số 02.",
    "Tờ trình đề nghị phê duyệt kế hoạch số hóa.",
    "Báo cáo kết quả giải quyết thủ tục hành chính quý III.",
    "Giấy mời họp giao ban công tác chuyển đổi số.",
)

# --------------------------------------------------------------------------------------------
# Text
# --------------------------------------------------------------------------------------------


def _rng(purpose: str, seed: int | str) -> random.Random:
    """A private generator for one purpose; string seeds hash the same in every process."""
    return random.Random(f"congso.samples.{purpose}:{seed}")  # noqa: S311 -- test data


def _vn_date(day: datetime.date) -> str:
    """Format a date as Nghị định 30 writes it: "ngày 03 tháng 02 năm 2025", "tháng 6"."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


def _money(rng: random.Random) -> str:
    """An amount in đồng with Vietnamese thousands separators: "1.250.000.000"."""
    amount = rng.randint(12, 9_800) * 1_000_000
    return f"{amount:,}".replace(",", ".")


def _person(rng: random.Random) -> str:
    """A plausible Vietnamese full name."""
    return f"{rng.choice(_SURNAMES)} {rng.choice(_MIDDLE_NAMES)} {rng.choice(_GIVEN_NAMES)}"


def _fresh(rng: random.Random, options: Sequence[str], used: set[str]) -> str:
    """A choice from ``options``, preferring one not in ``used``; it is then marked used."""
    unused = [option for option in options if option not in used]
    choice = rng.choice(unused or options)
    used.add(choice)
    return choice


def _sentence(rng: random.Random, context: dict[str, str], used: set[str]) -> str:
    """One administrative sentence: a fixed fact or subject + predicate + object + modifier.

    ``used`` holds what the document already said; facts, objects and modifiers are not
    repeated until their list runs out.
    """
    if rng.random() < 0.35:
        template = _fresh(rng, _FACTS, used)
    else:
        template = " ".join(
            (
                rng.choice(_SENTENCE_SUBJECTS),
                rng.choice(_PREDICATES),
                _fresh(rng, _OBJECTS, used) + ",",
                _fresh(rng, _MODIFIERS, used) + ".",
            )
        )
    return template.format(**context)


def _decision_lines(rng: random.Random, paragraphs: int) -> list[str]:
    """The lines of one Quyết định, header to signer, drawn from the word lists."""
    province, kind, place = rng.choice(_PROVINCES)
    area = f"{kind} {province}"
    area_upper = area.upper()
    dept, dept_abbr = rng.choice(_DEPARTMENTS)
    # After the 2025 reform (provinces merged, no more districts), so every basis is older.
    issued = datetime.date(2025, 7, 1) + datetime.timedelta(days=rng.randrange(548))
    proposal_date = issued - datetime.timedelta(days=rng.randint(3, 40))
    deadline = issued + datetime.timedelta(days=rng.randint(30, 300))
    by_province = rng.random() < 0.6
    deputy = rng.random() < 0.6
    context = {
        "year": str(issued.year),
        "kind": kind,
        "area": area,
        "dept": dept,
        "body": f"Ủy ban nhân dân {area}" if by_province else dept,
        "count": str(rng.randint(5, 180)),
        "percent": str(rng.randrange(60, 101, 5)),
        "money": _money(rng),
        "field": rng.choice(_FIELDS),
        "deadline": _vn_date(deadline),
        "report_day": f"{rng.choice((5, 10, 15, 20, 25)):02d}",
        "party": "Tỉnh ủy" if kind == "tỉnh" else "Thành ủy",
    }
    bases = rng.sample(_LEGAL_BASES, k=rng.randint(2, 4))
    if by_province:
        issuer = ["ỦY BAN NHÂN DÂN", area_upper]
        if rng.random() < 0.15:
            number = f"{rng.randint(1, 60):02d}/{issued.year}/QĐ-UBND"
        else:
            number = f"{rng.randint(1, 3200)}/QĐ-UBND"
        collective = rng.random() < 0.3
        authority = ("" if collective else "CHỦ TỊCH ") + f"ỦY BAN NHÂN DÂN {area_upper}"
        signer = ["TM. ỦY BAN NHÂN DÂN"] if collective else []
        signer += ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"] if deputy else ["CHỦ TỊCH"]
        bases.insert(0, "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;")
        proposal = (
            f"Theo đề nghị của Giám đốc {dept} tại Tờ trình số {rng.randint(10, 900)}"
            f"/TTr-{dept_abbr} {_vn_date(proposal_date)}."
        )
        executors = (
            f"Chánh Văn phòng Ủy ban nhân dân {kind}, Giám đốc {dept}, Thủ trưởng các sở, ban,"
            f" ngành {kind}; Chủ tịch Ủy ban nhân dân các xã, phường và các cơ quan, tổ chức,"
            " cá nhân có liên quan chịu trách nhiệm thi hành Quyết định này./."
        )
        archive_line = f"- Lưu: VT, {rng.choice(_UBND_DIVISIONS)}."
    else:
        issuer = [f"UBND {area_upper}", dept.upper()]
        number = f"{rng.randint(1, 900)}/QĐ-{dept_abbr}"
        authority = f"GIÁM ĐỐC {dept.upper()}"
        signer = ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"] if deputy else ["GIÁM ĐỐC"]
        bases.append(
            f"Căn cứ Quyết định số {rng.randint(10, 3000)}/QĐ-UBND"
            f" {_vn_date(issued - datetime.timedelta(days=rng.randint(60, 400)))} của Ủy ban"
            f" nhân dân {area} quy định chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của"
            f" {dept};"
        )
        proposal = f"Theo đề nghị của Chánh Văn phòng {dept}."
        executors = (
            f"Chánh Văn phòng, Trưởng các phòng chuyên môn, Thủ trưởng các đơn vị trực thuộc"
            f" {dept} và các cơ quan, tổ chức, cá nhân có liên quan chịu trách nhiệm thi hành"
            " Quyết định này./."
        )
        archive_line = f"- Lưu: VT, {rng.choice(('VP', 'KHTC', 'TCCB', 'NV'))}."

    subject, first_article = rng.choice(_SUBJECTS)
    lines = [
        *issuer,
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        f"Số: {number}",
        f"{place}, {_vn_date(issued)}",
        "QUYẾT ĐỊNH",
        "Về việc " + subject.format(**context),
        authority,
        *bases,
        proposal,
        "QUYẾT ĐỊNH:",
    ]

    body = [f"Điều 1. {first_article.format(**context)}"]
    article, clause, clause_target = 1, 0, rng.randint(1, 3)
    used: set[str] = set()
    headings = list(_ARTICLE_HEADINGS)
    rng.shuffle(headings)
    while len(body) < paragraphs:
        remaining = paragraphs - len(body)
        if clause >= clause_target and remaining >= 2 and headings:
            article += 1
            body.append(f"Điều {article}. {headings.pop()}")
            clause, clause_target = 0, rng.randint(2, 4)
            continue
        clause += 1
        if remaining >= 3 and rng.random() < 0.25:
            body.append(f"{clause}. {rng.choice(_CLAUSE_HEADINGS)}:")
            items = min(remaining - 1, rng.randint(2, 3))
            for index in range(items):
                end = ";" if index < items - 1 else "."
                item = _sentence(rng, context, used).rstrip(".")
                body.append(f"{'abcd'[index]}) {item}{end}")
        else:
            count = rng.randint(1, 3)
            sentences = " ".join(_sentence(rng, context, used) for _ in range(count))
            body.append(f"{clause}. {sentences}")
    if rng.random() < 0.7:
        effect = "Quyết định này có hiệu lực kể từ ngày ký."
    else:
        effect = f"Quyết định này có hiệu lực kể từ {_vn_date(issued + datetime.timedelta(10))}."
    body.append(f"Điều {article + 1}. {effect}")
    body.append(f"Điều {article + 2}. {executors}")

    recipients = ["Nơi nhận:", f"- Như Điều {article + 2};"]
    recipients += [r.format(**context) for r in rng.sample(_RECIPIENTS, k=rng.randint(3, 6))]
    recipients.append(archive_line)
    closing = [*signer, *(["(Đã ký)"] if rng.random() < 0.3 else []), _person(rng)]
    return lines + body + recipients + closing


def sample_text(seed: int, *, paragraphs: int = 12, corpus_dir: Path | None = None) -> str:
    """A realistic Vietnamese administrative document (a Quyết định), NFC, lines joined by "\\n".

    The document has the issuing body, the national motto, "Số: 123/QĐ-UBND", the place and
    date, "QUYẾT ĐỊNH" with its abstract, "Căn cứ ..." lines, ``paragraphs`` body paragraphs
    starting with "Điều 1. ..." (articles, numbered clauses and lettered items), the articles
    on entry into force and execution, "Nơi nhận:" and the signer. Everything (body, numbers,
    dates, names, sentences) varies with ``seed``.

    If ``corpus_dir`` is given and :func:`sample_text_from_corpus` finds a document there,
    that real text is returned instead, exactly as stored (it may not be NFC).
    """
    if corpus_dir is not None:
        text = sample_text_from_corpus(corpus_dir, seed)
        if text is not None:
            return text
    if paragraphs < 1:
        raise ValueError(f"paragraphs must be at least 1, not {paragraphs}")
    rng = _rng("text", seed)
    return unicodedata.normalize("NFC", "\n".join(_decision_lines(rng, paragraphs)))


def sample_text_from_corpus(corpus_dir: Path, seed: int) -> str | None:
    """The full text of one real document of the vbpl1000 corpus, picked by ``seed``.

    ``corpus_dir`` is the corpus directory (or its ``documents.jsonl``): one JSON object per
    line, ``page_kind`` "fulltext" documents carry their body in ``text`` (see SOURCE.md).
    Only documents with a full text are picked. The text is returned exactly as stored:
    some documents are not NFC and contain soft hyphens or zero-width spaces. Returns None
    when the file is missing or holds no full-text document.
    """
    path = Path(corpus_dir)
    if path.is_dir():
        path = path / "documents.jsonl"
    try:
        data = path.read_bytes()
    except OSError:
        return None
    # Cheap pre-filter on the raw line; the chosen line is then parsed and checked.
    candidates = [line for line in data.splitlines() if b'"fulltext"' in line]
    rng = _rng("corpus", seed)
    while candidates:
        line = candidates.pop(rng.randrange(len(candidates)))
        try:
            record = json.loads(line)
        except ValueError:
            continue
        if isinstance(record, dict) and record.get("page_kind") == "fulltext":
            text = record.get("text")
            if isinstance(text, str) and text.strip():
                return text
    return None


# --------------------------------------------------------------------------------------------
# Document structure, shared by the page layout and the DOCX/ODT/RTF writers
# --------------------------------------------------------------------------------------------

Style: TypeAlias = Literal["regular", "bold", "italic", "bolditalic"]
Align: TypeAlias = Literal["left", "center", "justify"]


@dataclass(frozen=True)
class _Para:
    """A paragraph with its typography; sizes and spaces in points."""

    text: str
    style: Style = "regular"
    size: float = 13.0
    align: Align = "justify"
    indent: float = 0.0  # first line
    before: float = 0.0
    after: float = 0.0
    bold_prefix: int = 0  # the first characters are bold ("Điều 1.")
    rule: float = 0.0  # a centred rule under the paragraph, as a fraction of its widest line
    fit: bool = False  # shrink the font (down to 9 pt) rather than wrap
    signature: float = 0.0  # room left above the paragraph for a signature and stamp


@dataclass(frozen=True)
class _Columns:
    """Two side-by-side columns (the header and the signature block)."""

    left: tuple[_Para, ...]
    right: tuple[_Para, ...]
    split: float  # fraction of the text width given to the left column
    before: float = 0.0


_Block: TypeAlias = _Para | _Columns

_MOTTOS = ("cộng hòa xã hội chủ nghĩa việt nam", "cộng hoà xã hội chủ nghĩa việt nam")
_NUMBER_RE = re.compile(r"^(?:\w+(?: \w+)? )?[Ss]ố\s*[:.]?\s*\S")  # "Số: 1/QĐ", "Luật số: 1"
_DATE_RE = re.compile(r",\s*ngày\b.*\bnăm\b")
_ARTICLE_RE = re.compile(r"^Điều\s+\d+[a-zđ]?\.")
_PART_RE = re.compile(r"^(Chương|Mục|Phần)\s+[IVXLC\d]+\.?$")
_SEPARATOR_RE = re.compile(r"^[-_=*.–—\s]{3,}$")
_BASIS_PREFIXES = ("Căn cứ", "Theo đề nghị", "Xét đề nghị", "Thực hiện")
_INDENT = 36.0  # 1.27 cm


def _is_upper(line: str) -> bool:
    """True for lines written in capitals ("QUYẾT ĐỊNH", "KT. CHỦ TỊCH")."""
    return any(ch.isalpha() for ch in line) and line == line.upper()


def _clean_lines(text: str) -> list[str]:
    """NFC lines without blanks, invisible characters or dash separator lines."""
    text = unicodedata.normalize("NFC", text)
    for invisible in ("\u00ad", "\u200b", "\u200c", "\u200d", "\ufeff"):
        text = text.replace(invisible, "")
    lines = (" ".join(line.split()) for line in text.splitlines())
    return [line for line in lines if line and not _SEPARATOR_RE.match(line)]


def _header_block(lines: list[str]) -> tuple[_Columns | None, int]:
    """The issuing body / motto header if the text starts with one, and the lines it used."""
    motto = next(
        (i for i, line in enumerate(lines[:8]) if line.casefold() in _MOTTOS),
        None,
    )
    if motto is None:
        return None, 0
    left_lines = lines[:motto]
    right = [_Para(lines[motto], "bold", 12.0, "center", fit=True)]
    used = motto + 1
    if used < len(lines) and lines[used].casefold().startswith("độc lập"):
        right.append(_Para(lines[used], "bold", 13.0, "center", rule=1.0, fit=True))
        used += 1
    number = next((line for line in left_lines if _NUMBER_RE.match(line)), None)
    issuer = [line for line in left_lines if line is not number]
    date = None
    for _ in range(2):
        if used >= len(lines):
            break
        line = lines[used]
        if number is None and _NUMBER_RE.match(line) and len(line) < 60:
            number = line
        elif date is None and _DATE_RE.search(line) and len(line) < 80:
            date = line
        else:
            break
        used += 1
    left: list[_Para] = []
    for index, line in enumerate(issuer):
        regular = index == 0 and len(issuer) > 1 and line.startswith(("UBND", "BỘ", "TỔNG"))
        last = index == len(issuer) - 1
        left.append(
            _Para(line, "regular" if regular else "bold", 12.0, "center", rule=0.4 if last else 0)
        )
    if number is not None:
        left.append(_Para(number, "regular", 13.0, "center", before=6.0))
    if date is not None:
        right.append(_Para(date, "italic", 13.0, "center", before=6.0))
    return _Columns(tuple(left), tuple(right), 0.4), used


def _footer_block(lines: list[str]) -> _Columns:
    """The recipients ("Nơi nhận:" and its list) on the left, the signer on the right."""
    left = [_Para(lines[0], "bolditalic", 12.0, "left")]
    index = 1
    while index < len(lines) and lines[index].startswith(("-", "+", "–")):
        left.append(_Para(lines[index], "regular", 11.0, "left"))
        index += 1
    signer = lines[index:]
    right: list[_Para] = []
    for position, line in enumerate(signer):
        last = position == len(signer) - 1 and position > 0
        if last:
            right.append(_Para(line, "bold", 13.0, "center", signature=62.0))
        elif line.startswith("("):
            right.append(_Para(line, "italic", 13.0, "center"))
        else:
            right.append(_Para(line, "bold", 13.0, "center"))
    return _Columns(tuple(left), tuple(right), 0.45, before=12.0)


def _structure(text: str) -> list[_Block]:
    """Split a document text into typeset blocks: header, title, bases, articles, footer."""
    lines = _clean_lines(text)
    blocks: list[_Block] = []
    header, start = _header_block(lines)
    if header is not None:
        blocks.append(header)
    footer_at = next(
        (i for i in range(start, len(lines)) if lines[i].casefold().startswith("nơi nhận")),
        len(lines),
    )
    previous = "start"
    for line in lines[start:footer_at]:
        if _is_upper(line) and len(line) <= 100:
            if previous == "start":
                blocks.append(_Para(line, "bold", 14.0, "center", before=18.0))
                previous = "type"
            else:
                before = 12.0 if previous in {"abstract", "text"} else 4.0
                blocks.append(_Para(line, "bold", 13.0, "center", before=before, after=6.0))
                previous = "title"
        elif previous == "type" and not line.startswith(("Căn cứ", "Điều")):
            blocks.append(_Para(line, "bold", 14.0, "center", rule=0.3, after=6.0))
            previous = "abstract"
        elif _PART_RE.match(line):
            blocks.append(_Para(line, "bold", 13.0, "center", before=6.0))
            previous = "title"
        elif line.startswith(_BASIS_PREFIXES):
            blocks.append(_Para(line, "italic", indent=_INDENT, after=4.0))
            previous = "basis"
        elif match := _ARTICLE_RE.match(line):
            whole = len(line) <= 80 and not line.endswith(".")
            blocks.append(
                _Para(
                    line,
                    "bold" if whole else "regular",
                    indent=_INDENT,
                    before=4.0,
                    after=4.0,
                    bold_prefix=0 if whole else match.end(),
                )
            )
            previous = "text"
        else:
            blocks.append(_Para(line, indent=_INDENT, after=4.0))
            previous = "text"
    if footer_at < len(lines):
        blocks.append(_footer_block(lines[footer_at:]))
    return blocks


def _segments(para: _Para) -> list[tuple[str, Style]]:
    """The paragraph as (text, style) runs: the bold prefix, if any, then the rest."""
    if para.bold_prefix and para.bold_prefix < len(para.text):
        return [
            (para.text[: para.bold_prefix], "bold"),
            (para.text[para.bold_prefix :], para.style),
        ]
    return [(para.text, para.style)]


def _title(blocks: Sequence[_Block]) -> str:
    """Document type and abstract ("QUYẾT ĐỊNH Về việc ..."), for file metadata."""
    paras = [block for block in blocks if isinstance(block, _Para)]
    return " ".join(para.text for para in paras[:2] if para.align == "center") or "Văn bản"


def _issuer(blocks: Sequence[_Block]) -> str:
    """The issuing body from the header, for file metadata."""
    for block in blocks:
        if isinstance(block, _Columns):
            names = [p.text for p in block.left if not _NUMBER_RE.match(p.text)]
            return " ".join(names)
    return ""


# --------------------------------------------------------------------------------------------
# Fonts
# --------------------------------------------------------------------------------------------


class SampleFontError(RuntimeError):
    """No installed TrueType serif font covers Vietnamese."""


# (family, regular, bold, italic, bold italic): TrueType files reportlab can embed.
_FONT_FAMILIES: tuple[tuple[str, str, str, str, str], ...] = (
    ("DejaVu Serif", "DejaVuSerif.ttf", "DejaVuSerif-Bold.ttf", "DejaVuSerif-Italic.ttf",
     "DejaVuSerif-BoldItalic.ttf"),
    ("Liberation Serif", "LiberationSerif-Regular.ttf", "LiberationSerif-Bold.ttf",
     "LiberationSerif-Italic.ttf", "LiberationSerif-BoldItalic.ttf"),
    ("Noto Serif", "NotoSerif-Regular.ttf", "NotoSerif-Bold.ttf", "NotoSerif-Italic.ttf",
     "NotoSerif-BoldItalic.ttf"),
    ("FreeSerif", "FreeSerif.ttf", "FreeSerifBold.ttf", "FreeSerifItalic.ttf",
     "FreeSerifBoldItalic.ttf"),
    ("Times New Roman", "Times_New_Roman.ttf", "Times_New_Roman_Bold.ttf",
     "Times_New_Roman_Italic.ttf", "Times_New_Roman_Bold_Italic.ttf"),
)  # fmt: skip
_STYLES: tuple[Style, ...] = ("regular", "bold", "italic", "bolditalic")
_VIETNAMESE_PROBE = (
    "ĐđƠơƯưẠạẢảẤấẦầẨẩẪẫẬậẮắẰằẲẳẴẵẶặẸẹẺẻẼẽẾếỀềỂểỄễỆệỈỉỊịỌọỎỏ"
    "ỐốỒồỔổỖỗỘộỚớỜờỞởỠỡỢợỤụỦủỨứỪừỬửỮữỰựỲỳỴỵỶỷỸỹ"
)


def _font_dirs() -> list[Path]:
    """Where fonts are installed on Debian-like systems and for the current user."""
    dirs = [Path("/usr/share/fonts"), Path("/usr/local/share/fonts")]
    home = os.environ.get("HOME")
    if home:
        dirs += [Path(home) / ".local/share/fonts", Path(home) / ".fonts"]
    return [d for d in dirs if d.is_dir()]


def _covers_vietnamese(path: Path) -> bool:
    """True if every probe letter has a glyph (renders differently from a missing glyph)."""
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(str(path), 24, layout_engine=ImageFont.Layout.BASIC)

    def render(char: str) -> bytes:
        image = Image.new("L", (40, 40))
        ImageDraw.Draw(image).text((8, 30), char, font=font, fill=255, anchor="ls")
        return image.tobytes()

    missing = render("\U0010fffd")
    return all(render(char) != missing for char in _VIETNAMESE_PROBE)


@dataclass(frozen=True)
class _Fonts:
    """One serif family: a file per style and fonts at 1000 px to measure text in points."""

    family: str
    paths: dict[Style, Path]
    metrics: dict[Style, ImageFont.FreeTypeFont] = field(repr=False)

    def width(self, text: str, style: Style, size: float) -> float:
        """Advance width of ``text`` in points at ``size`` points."""
        return self.metrics[style].getlength(text) * size / 1000.0


def _find_fonts() -> _Fonts:
    """The first installed serif family whose regular face covers Vietnamese.

    Missing bold or italic faces fall back to the regular one. Raises SampleFontError with
    the list of what was looked for when nothing suitable is installed.
    """
    from PIL import ImageFont

    found: dict[str, Path] = {}
    for directory in _font_dirs():
        for root, _dirs, files in sorted(os.walk(directory)):
            for name in sorted(files):
                found.setdefault(name, Path(root) / name)
    for family, *names in _FONT_FAMILIES:
        regular = found.get(names[0])
        if regular is None or not _covers_vietnamese(regular):
            continue
        paths: dict[Style, Path] = {}
        for style, name in zip(_STYLES, names, strict=True):
            path = found.get(name)
            paths[style] = path if path is not None and _covers_vietnamese(path) else regular
        if paths["bolditalic"] == regular and paths["bold"] != regular:
            paths["bolditalic"] = paths["bold"]
        metrics = {
            style: ImageFont.truetype(str(path), 1000, layout_engine=ImageFont.Layout.BASIC)
            for style, path in paths.items()
        }
        return _Fonts(family, paths, metrics)
    wanted = ", ".join(f"{family} ({names[0]})" for family, *names in _FONT_FAMILIES)
    places = ", ".join(str(d) for d in _font_dirs()) or "no font directory"
    raise SampleFontError(
        f"No TrueType serif font with Vietnamese glyphs found; looked for {wanted} in {places}."
        " Install fonts-dejavu-core (Debian/Ubuntu) or another of these fonts."
    )


# --------------------------------------------------------------------------------------------
# Page layout in points (origin top left, y of a run = its baseline)
# --------------------------------------------------------------------------------------------

_MM = 72.0 / 25.4
A4_WIDTH_PT = 210 * _MM
A4_HEIGHT_PT = 297 * _MM
_LEFT = 30 * _MM
_RIGHT = 20 * _MM
_TOP = 20 * _MM
_BOTTOM = 20 * _MM
_TEXT_WIDTH = A4_WIDTH_PT - _LEFT - _RIGHT
_LINE = 1.22  # line height / font size


@dataclass(frozen=True)
class _Run:
    """Text drawn in one style from (x, baseline y)."""

    x: float
    y: float
    text: str
    style: Style
    size: float


@dataclass(frozen=True)
class _Rule:
    """A horizontal line."""

    x0: float
    x1: float
    y: float
    width: float = 0.6


@dataclass(frozen=True)
class _Mark:
    """Room for a hand signature and a stamp (drawn on scans only)."""

    x: float
    y: float
    width: float
    height: float


@dataclass
class _Page:
    """What goes on one page."""

    runs: list[_Run] = field(default_factory=list)
    rules: list[_Rule] = field(default_factory=list)
    marks: list[_Mark] = field(default_factory=list)

    def shifted(self, dy: float) -> _Page:
        """The same content moved down by ``dy``."""
        return _Page(
            [_Run(r.x, r.y + dy, r.text, r.style, r.size) for r in self.runs],
            [_Rule(r.x0, r.x1, r.y + dy, r.width) for r in self.rules],
            [_Mark(m.x, m.y + dy, m.width, m.height) for m in self.marks],
        )

    def extend(self, other: _Page) -> None:
        """Add the content of ``other``."""
        self.runs += other.runs
        self.rules += other.rules
        self.marks += other.marks


_Word: TypeAlias = tuple[str, Style, float]


def _wrap(para: _Para, size: float, width: float, fonts: _Fonts) -> list[list[_Word]]:
    """Greedy word wrap; words longer than a line are cut."""
    words: list[_Word] = []
    for match in re.finditer(r"\S+", para.text):
        style: Style = "bold" if match.end() <= para.bold_prefix else para.style
        words.append((match.group(), style, fonts.width(match.group(), style, size)))
    lines: list[list[_Word]] = [[]]
    used = 0.0
    for word, style, word_width in words:
        available = width - (para.indent if len(lines) == 1 else 0.0)
        space = fonts.width(" ", style, size) if lines[-1] else 0.0
        if lines[-1] and used + space + word_width > available:
            lines.append([])
            used, space = 0.0, 0.0
            available = width
        if not lines[-1] and word_width > available:
            piece = ""
            for char in word:
                if piece and fonts.width(piece + char, style, size) > available:
                    lines[-1].append((piece, style, fonts.width(piece, style, size)))
                    lines.append([])
                    piece = ""
                piece += char
            word, word_width = piece, fonts.width(piece, style, size)
        lines[-1].append((word, style, word_width))
        used += space + word_width
    return [line for line in lines if line]


def _line_width(line: list[_Word], size: float, fonts: _Fonts) -> float:
    """Width of a wrapped line including the spaces."""
    spaces = sum(fonts.width(" ", style, size) for _, style, _ in line[1:])
    return sum(width for _, _, width in line) + spaces


class _Composer:
    """Pours blocks onto A4 pages; a private, per-document object."""

    def __init__(self, fonts: _Fonts) -> None:
        self.fonts = fonts
        self.pages: list[_Page] = [_Page()]
        self.y = _TOP

    def new_page(self) -> None:
        """Start a page; pages from the second on carry their number at the top centre."""
        self.pages.append(_Page())
        self.y = _TOP
        number = str(len(self.pages))
        x = _LEFT + (_TEXT_WIDTH - self.fonts.width(number, "regular", 13.0)) / 2
        self.pages[-1].runs.append(_Run(x, _TOP * 0.72, number, "regular", 13.0))

    def place(self, para: _Para, x: float, width: float, page: _Page, y: float) -> float:
        """Set ``para`` on ``page`` from top ``y`` without breaking pages; returns the new y."""
        size = para.size
        if para.fit:
            while size > 9.0 and self.fonts.width(para.text, para.style, size) > width:
                size -= 0.5
        y += para.before
        if para.signature:
            page.marks.append(_Mark(x + width / 2 - 70, y, 140, para.signature))
            y += para.signature
        lines = _wrap(para, size, width, self.fonts)
        widest = 0.0
        for index, line in enumerate(lines):
            widest = max(widest, self.line(page, line, para, size, x, width, y, index == 0))
            y += size * _LINE
        if para.rule and lines:
            length = widest * para.rule
            start = x + (width - length) / 2 if para.align == "center" else x
            page.rules.append(_Rule(start, start + length, y + size * 0.15))
            y += size * 0.15 + 6.0
        return y + para.after

    def line(
        self,
        page: _Page,
        line: list[_Word],
        para: _Para,
        size: float,
        x: float,
        width: float,
        top: float,
        first: bool,
    ) -> float:
        """Emit one wrapped line as runs (one per style change); returns its width."""
        line_width = _line_width(line, size, self.fonts)
        if para.align == "center":
            x += (width - line_width) / 2
        elif first:
            x += para.indent
        baseline = top + size * 0.98
        run_x, run_words, run_style = x, [line[0][0]], line[0][1]
        cursor = x + line[0][2]
        for word, style, word_width in line[1:]:
            space = self.fonts.width(" ", style, size)
            if style != run_style:
                page.runs.append(_Run(run_x, baseline, " ".join(run_words) + " ", run_style, size))
                run_x, run_words, run_style = cursor + space, [], style
            run_words.append(word)
            cursor += space + word_width
        page.runs.append(_Run(run_x, baseline, " ".join(run_words), run_style, size))
        return line_width

    def paragraph(self, para: _Para) -> None:
        """Set a full-width paragraph, breaking pages between lines."""
        if self.y > _TOP:
            self.y += para.before
        lines = _wrap(para, para.size, _TEXT_WIDTH, self.fonts)
        height = para.size * _LINE
        for index, line in enumerate(lines):
            if self.y + height > A4_HEIGHT_PT - _BOTTOM:
                self.new_page()
            self.line(self.pages[-1], line, para, para.size, _LEFT, _TEXT_WIDTH, self.y, index == 0)
            self.y += height
        if para.rule and lines:
            length = max(_line_width(line, para.size, self.fonts) for line in lines) * para.rule
            start = _LEFT + (_TEXT_WIDTH - length) / 2
            self.pages[-1].rules.append(_Rule(start, start + length, self.y + para.size * 0.15))
            self.y += para.size * 0.15 + 6.0
        self.y += para.after

    def columns(self, block: _Columns) -> None:
        """Set two columns side by side, kept together on one page."""
        left_width = _TEXT_WIDTH * block.split
        parts: list[tuple[_Page, float]] = []
        for paras, x, width in (
            (block.left, _LEFT, left_width),
            (block.right, _LEFT + left_width, _TEXT_WIDTH - left_width),
        ):
            part, y = _Page(), 0.0
            for para in paras:
                y = self.place(para, x, width, part, y)
            parts.append((part, y))
        height = max(y for _, y in parts)
        if self.y > _TOP:
            self.y += block.before
            if self.y + height > A4_HEIGHT_PT - _BOTTOM:
                self.new_page()
        for part, _ in parts:
            self.pages[-1].extend(part.shifted(self.y))
        self.y += height


def _layout(text: str, fonts: _Fonts) -> list[_Page]:
    """Typeset a document text onto as many A4 pages as it needs."""
    composer = _Composer(fonts)
    for block in _structure(text):
        if isinstance(block, _Columns):
            composer.columns(block)
        else:
            composer.paragraph(block)
    return composer.pages


def _document_seeds(seed: int) -> list[int]:
    """Seeds of the documents that follow document ``seed`` in a multi-document file."""
    return [seed] + [seed * 1_000_003 + k for k in range(1, 1_000)]


def _pages_for(seed: int, pages: int, fonts: _Fonts) -> list[_Page]:
    """``pages`` pages: document ``seed`` first, then further documents each on a new page.

    The last document is cut where the requested number of pages ends.
    """
    if pages < 1:
        raise ValueError(f"pages must be at least 1, not {pages}")
    result: list[_Page] = []
    for document_seed in _document_seeds(seed):
        result += _layout(sample_text(document_seed), fonts)
        if len(result) >= pages:
            break
    return result[:pages]


# --------------------------------------------------------------------------------------------
# Scanned pages (Pillow)
# --------------------------------------------------------------------------------------------


class ScanPageOptions(TypedDict, total=False):
    """Keyword options of :func:`render_scanned_page` accepted by the scan writers."""

    skew_degrees: float
    rotate: int
    noise: bool


def _draw_marks(
    marks: Sequence[_Mark], size: tuple[int, int], scale: float, rng: random.Random
) -> Image.Image | None:
    """A mask with a hand-written-looking signature and a round stamp for each mark."""
    if not marks:
        return None
    from PIL import Image, ImageDraw

    layer = Image.new("L", size, 0)
    draw = ImageDraw.Draw(layer)
    for mark in marks:
        middle = (mark.y + mark.height / 2) * scale
        points = []
        phase, frequency = rng.uniform(0, 6.3), rng.uniform(0.08, 0.14)
        for step in range(0, int(mark.width), 2):
            wobble = 11 * math.sin(step * frequency + phase) * (1 - step / mark.width / 1.5)
            points.append(((mark.x + 20 + step * 0.85) * scale, middle + wobble * scale))
        draw.line(points, fill=235, width=max(1, round(0.7 * scale)), joint="curve")
        cx, cy, radius = (mark.x + 18) * scale, middle, 18 * _MM * scale
        for r, width in ((radius, 1.0), (radius - 3.2 * _MM * scale, 0.4)):
            box = (cx - r, cy - r, cx + r, cy + r)
            draw.ellipse(box, outline=125, width=max(1, round(width * _MM * scale)))
        star = [
            (
                cx + (5 if k % 2 == 0 else 2) * _MM * scale * math.sin(k * math.pi / 5),
                cy - (5 if k % 2 == 0 else 2) * _MM * scale * math.cos(k * math.pi / 5),
            )
            for k in range(10)
        ]
        draw.polygon(star, fill=125)
    return layer


def _render(
    page: _Page,
    fonts: _Fonts,
    *,
    dpi: int,
    seed: int,
    skew_degrees: float,
    rotate: int,
    noise: bool,
) -> Image.Image:
    """Rasterise a laid-out page as a grayscale scan."""
    from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont

    if rotate not in (0, 90, 180, 270):
        raise ValueError(f"rotate must be 0, 90, 180 or 270, not {rotate}")
    if not 30 <= dpi <= 1200:
        raise ValueError(f"dpi must be between 30 and 1200, not {dpi}")
    rng = _rng("scan", seed)
    scale = dpi / 72.0
    size = (round(A4_WIDTH_PT * scale), round(A4_HEIGHT_PT * scale))
    ink = Image.new("L", size, 0)
    draw = ImageDraw.Draw(ink)
    cache: dict[tuple[Style, float], ImageFont.FreeTypeFont] = {}
    for run in page.runs:
        key = (run.style, run.size)
        if key not in cache:
            cache[key] = ImageFont.truetype(
                str(fonts.paths[run.style]),
                run.size * scale,
                layout_engine=ImageFont.Layout.BASIC,
            )
        draw.text((run.x * scale, run.y * scale), run.text, font=cache[key], fill=255, anchor="ls")
    for rule in page.rules:
        draw.line(
            [(rule.x0 * scale, rule.y * scale), (rule.x1 * scale, rule.y * scale)],
            fill=255,
            width=max(1, round(rule.width * scale)),
        )
    marks = _draw_marks(page.marks, size, scale, rng)
    if marks is not None:
        ink = ImageChops.lighter(ink, marks)

    if not noise:
        image = ImageChops.invert(ink)
    else:
        # Paper: a smooth, slightly uneven off-white, then fine grain and specks of dust.
        shade = bytes(rng.randint(238, 249) for _ in range(8 * 11))
        paper = Image.frombytes("L", (8, 11), shade).resize(size, Image.Resampling.BICUBIC)
        image = Image.composite(Image.new("L", size, rng.randint(20, 45)), paper, ink)
        amplitude = 7
        curve = [round(amplitude + amplitude * ((i - 127.5) / 127.5) ** 3) for i in range(256)]
        grain = Image.frombytes("L", size, rng.randbytes(size[0] * size[1])).point(curve)
        image = ImageChops.add(image, grain, 1.0, -amplitude)
        specks = ImageDraw.Draw(image)
        for _ in range(rng.randint(150, 450)):
            x, y = rng.uniform(0, size[0]), rng.uniform(0, size[1])
            r = rng.choice((0.6, 0.6, 0.8, 1.0, 1.5)) * scale / 4.0
            specks.ellipse((x - r, y - r, x + r, y + r), fill=rng.randint(40, 170))
    if skew_degrees:
        image = image.rotate(
            skew_degrees,
            resample=Image.Resampling.BICUBIC,
            fillcolor=248 if noise else 255,
        )
    if noise:
        image = image.filter(ImageFilter.GaussianBlur(0.13 * scale))
    if rotate:
        turns = {
            90: Image.Transpose.ROTATE_90,
            180: Image.Transpose.ROTATE_180,
            270: Image.Transpose.ROTATE_270,
        }
        image = image.transpose(turns[rotate])
    return image


def render_scanned_page(
    text: str,
    *,
    dpi: int = 300,
    seed: int = 0,
    skew_degrees: float = 0.0,
    rotate: int = 0,
    noise: bool = True,
) -> Image.Image:
    """The first page of ``text`` as a grayscale ("L") A4 scan at ``dpi`` (2480x3508 at 300).

    The text is set in a serif font with Vietnamese glyphs at 13 pt, left-aligned within the
    Nghị định 30 margins (3 cm left, 2 cm top, right and bottom); a header (issuing body,
    national motto) is set as two columns side by side, the "Nơi nhận" list beside the
    signer, with a drawn signature and round stamp. Only what fits on one page is drawn.

    Then, as a scanner would: rotation by ``skew_degrees`` (counter-clockwise, any small
    angle), with ``noise`` an uneven paper tone, grain, dust specks and a slight blur, and
    finally a quarter turn ``rotate`` of 0, 90, 180 or 270 degrees counter-clockwise (90 and
    270 give a landscape image). ``seed`` varies the noise, signature and stamp only.
    """
    fonts = _find_fonts()
    first = _layout(text, fonts)[0]
    return _render(
        first,
        fonts,
        dpi=dpi,
        seed=seed,
        skew_degrees=skew_degrees,
        rotate=rotate,
        noise=noise,
    )


def _scanned_pages(seed: int, pages: int, dpi: int, options: ScanPageOptions) -> list[Image.Image]:
    """Scans of the first ``pages`` pages of document ``seed`` (and those after it)."""
    fonts = _find_fonts()
    return [
        _render(
            page,
            fonts,
            dpi=dpi,
            seed=seed * 10_007 + index,
            skew_degrees=options.get("skew_degrees", 0.0),
            rotate=options.get("rotate", 0),
            noise=options.get("noise", True),
        )
        for index, page in enumerate(_pages_for(seed, pages, fonts))
    ]


def _image_pdf(images: Sequence[Image.Image], dpi: int) -> pikepdf.Pdf:
    """An image-only PDF: one JPEG (DCTDecode, DeviceGray) filling each A4 page."""
    import pikepdf
    from pikepdf import Dictionary, Name

    pdf = pikepdf.Pdf.new()
    for image in images:
        buffer = io.BytesIO()
        image.convert("L").save(buffer, format="JPEG", quality=75, dpi=(dpi, dpi))
        landscape = image.width > image.height
        width, height = (A4_HEIGHT_PT, A4_WIDTH_PT) if landscape else (A4_WIDTH_PT, A4_HEIGHT_PT)
        xobject = pikepdf.Stream(
            pdf,
            buffer.getvalue(),
            Type=Name.XObject,
            Subtype=Name.Image,
            Width=image.width,
            Height=image.height,
            ColorSpace=Name.DeviceGray,
            BitsPerComponent=8,
            Filter=Name.DCTDecode,
        )
        content = f"q {width:.3f} 0 0 {height:.3f} 0 0 cm /Im0 Do Q".encode()
        page = Dictionary(
            Type=Name.Page,
            MediaBox=[0, 0, round(width, 3), round(height, 3)],
            Resources=Dictionary(XObject=Dictionary(Im0=xobject)),
            Contents=pikepdf.Stream(pdf, content),
        )
        pdf.pages.append(pikepdf.Page(page))
    pdf.docinfo[Name.Producer] = "congso.archive.samples (simulated scanner)"
    return pdf


def write_scanned_pdf(
    path: Path,
    *,
    pages: int,
    seed: int,
    dpi: int = 300,
    **page_options: Unpack[ScanPageOptions],
) -> Path:
    """An image-only PDF like a scanner's: ``pages`` A4 pages, no text layer.

    Each page is a grayscale JPEG (DCTDecode) of a page rendered by the same code as
    :func:`render_scanned_page`, at ``dpi``, filling an A4 MediaBox in points (595.276 x
    841.89, landscape for quarter-turned pages). The pages are those of
    :func:`write_text_pdf` for the same seed. ``page_options`` (skew_degrees, rotate, noise)
    apply to every page.
    """
    unknown = set(page_options) - ScanPageOptions.__optional_keys__
    if unknown:
        raise TypeError(f"unknown page options: {', '.join(sorted(unknown))}")
    images = _scanned_pages(seed, pages, dpi, page_options)
    path = Path(path)
    with _image_pdf(images, dpi) as pdf:
        pdf.save(path, deterministic_id=True)
    return path


def write_scanned_tiff(path: Path, *, pages: int, seed: int, dpi: int = 300) -> Path:
    """A multi-page TIFF of ``pages`` scanned pages, bilevel with CCITT Group 4 compression.

    Like an archive scanner's black-and-white output: each frame is the noisy grayscale scan
    thresholded to mode "1", with the resolution (``dpi``) recorded in the file.
    """
    images = _scanned_pages(seed, pages, dpi, {})
    threshold = [255 if value > 150 else 0 for value in range(256)]
    frames = [image.point(threshold, "1") for image in images]
    path = Path(path)
    frames[0].save(
        path,
        format="TIFF",
        save_all=True,
        append_images=frames[1:],
        compression="group4",
        dpi=(dpi, dpi),
    )
    return path


def write_image(path: Path, *, seed: int, format: str) -> Path:
    """One 300-dpi scanned page of document ``seed`` as "JPEG" (quality 85) or "PNG"."""
    kind = format.upper()
    if kind == "JPG":
        kind = "JPEG"
    if kind not in {"JPEG", "PNG"}:
        raise ValueError(f'format must be "JPEG" or "PNG", not {format!r}')
    image = _scanned_pages(seed, 1, 300, {})[0]
    path = Path(path)
    if kind == "JPEG":
        image.save(path, format="JPEG", quality=85, dpi=(300, 300))
    else:
        image.save(path, format="PNG", dpi=(300, 300), compress_level=3)
    return path


# --------------------------------------------------------------------------------------------
# Born-digital PDFs (reportlab)
# --------------------------------------------------------------------------------------------


def _register_fonts(fonts: _Fonts) -> dict[Style, str]:
    """Register the TrueType faces with reportlab (embedded as subsets); their names."""
    from reportlab.pdfbase import pdfmetrics  # type: ignore[import-untyped,unused-ignore]
    from reportlab.pdfbase.ttfonts import TTFont  # type: ignore[import-untyped,unused-ignore]

    registered = set(pdfmetrics.getRegisteredFontNames())
    names: dict[Style, str] = {}
    for style, path in fonts.paths.items():
        name = f"CongSo-{path.stem}"
        if name not in registered:
            pdfmetrics.registerFont(TTFont(name, str(path)))
            registered.add(name)
        names[style] = name
    return names


def _text_pdf_bytes(
    pages: Sequence[_Page | None],
    fonts: _Fonts,
    *,
    title: str,
    author: str,
) -> bytes:
    """A PDF with a real text layer; ``None`` pages are left blank (to be replaced)."""
    from reportlab.pdfgen import canvas  # type: ignore[import-untyped,unused-ignore]

    names = _register_fonts(fonts)
    buffer = io.BytesIO()
    pdf = canvas.Canvas(
        buffer, pagesize=(A4_WIDTH_PT, A4_HEIGHT_PT), invariant=1, pageCompression=1
    )
    pdf.setTitle(title)
    pdf.setAuthor(author)
    pdf.setCreator("congso.archive.samples")
    for page in pages:
        if page is not None:
            for run in page.runs:
                pdf.setFont(names[run.style], run.size)
                pdf.drawString(run.x, A4_HEIGHT_PT - run.y, run.text)
            for rule in page.rules:
                pdf.setLineWidth(rule.width)
                pdf.line(rule.x0, A4_HEIGHT_PT - rule.y, rule.x1, A4_HEIGHT_PT - rule.y)
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def _text_pdf_for(seed: int, pages: int) -> bytes:
    """The bytes of :func:`write_text_pdf`."""
    fonts = _find_fonts()
    blocks = _structure(sample_text(seed))
    return _text_pdf_bytes(
        _pages_for(seed, pages, fonts), fonts, title=_title(blocks), author=_issuer(blocks)
    )


def write_text_pdf(path: Path, *, pages: int, seed: int) -> Path:
    """A born-digital A4 PDF with a real text layer and an embedded TrueType font.

    The pages hold :func:`sample_text` ``(seed)`` (its two pages or so), then further
    documents, each starting on a new page, until there are ``pages`` pages; the last one
    is cut. Text is drawn line by line with a subset of the serif font embedded (ToUnicode
    included), so PDF text extraction gives back the Vietnamese words. The output is
    byte-identical for a seed and differs between seeds.
    """
    path = Path(path)
    path.write_bytes(_text_pdf_for(seed, pages))
    return path


def write_mixed_pdf(path: Path, *, seed: int) -> Path:
    """Three A4 pages: text layer, scanned image only, text layer.

    The pages are those of :func:`write_text_pdf` ``(pages=3)``, with the second one
    printed and scanned (300 dpi, grayscale JPEG): a document whose signed page was scanned.
    """
    import pikepdf

    fonts = _find_fonts()
    pages = _pages_for(seed, 3, fonts)
    blocks = _structure(sample_text(seed))
    text_bytes = _text_pdf_bytes(
        [pages[0], None, pages[2]], fonts, title=_title(blocks), author=_issuer(blocks)
    )
    scan = _render(pages[1], fonts, dpi=300, seed=seed, skew_degrees=0.4, rotate=0, noise=True)
    path = Path(path)
    with _image_pdf([scan], 300) as scanned, pikepdf.open(io.BytesIO(text_bytes)) as pdf:
        del pdf.pages[1]
        pdf.pages.insert(1, scanned.pages[0])
        pdf.save(path, deterministic_id=True)
    return path


def write_many_page_pdf(path: Path, *, pages: int) -> Path:
    """A text PDF of ``pages`` small A4 pages (a page number and one Vietnamese line each).

    Quick to write (about 1 s for 1000 pages) and small (about 1 KB a page plus the font).
    """
    from reportlab.pdfgen import canvas  # type: ignore[import-untyped,unused-ignore]

    if pages < 1:
        raise ValueError(f"pages must be at least 1, not {pages}")
    fonts = _find_fonts()
    names = _register_fonts(fonts)
    path = Path(path)
    pdf = canvas.Canvas(
        str(path), pagesize=(A4_WIDTH_PT, A4_HEIGHT_PT), invariant=1, pageCompression=1
    )
    pdf.setTitle(f"Tập hồ sơ {pages} trang")
    pdf.setCreator("congso.archive.samples")
    for number in range(1, pages + 1):
        pdf.setFont(names["bold"], 13)
        pdf.drawString(_LEFT, A4_HEIGHT_PT - _TOP - 13, f"Trang {number}/{pages}")
        pdf.setFont(names["regular"], 13)
        line = _ONE_LINERS[number % len(_ONE_LINERS)]
        pdf.drawString(_LEFT, A4_HEIGHT_PT - _TOP - 32, f"Tài liệu số {number:04d}. {line}")
        pdf.showPage()
    pdf.save()
    return path


# --------------------------------------------------------------------------------------------
# Bad inputs
# --------------------------------------------------------------------------------------------


def write_truncated_pdf(path: Path, *, seed: int) -> Path:
    """The first 60% of the bytes of a valid 3-page text PDF (no xref table, no trailer)."""
    data = _text_pdf_for(seed, 3)
    path = Path(path)
    path.write_bytes(data[: len(data) * 6 // 10])
    return path


def write_encrypted_pdf(path: Path, *, seed: int) -> Path:
    """A 2-page text PDF encrypted with AES-256 (R6); user password "secret".

    The owner password is "owner-secret". Salts and IVs are random, so unlike the other
    generators the bytes differ between runs (the decrypted content does not).
    """
    import pikepdf

    path = Path(path)
    with pikepdf.open(io.BytesIO(_text_pdf_for(seed, 2))) as pdf:
        pdf.save(path, encryption=pikepdf.Encryption(user="secret", owner="owner-secret", R=6))
    return path


def write_corrupt_pdf(path: Path) -> Path:
    """A "%PDF-1.7" header followed by 4 KiB of fixed random garbage (no objects, no xref)."""
    garbage = _rng("corrupt", 0).randbytes(4096)
    path = Path(path)
    path.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n" + garbage)
    return path


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    """A PNG chunk: length, type, data, CRC-32 of type + data."""
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def write_decompression_bomb_png(path: Path) -> Path:
    """A valid 60000x60000 1-bit grayscale PNG of zeros (3.6 gigapixels), about 440 KB.

    Pillow refuses it with ``DecompressionBombError`` already in ``Image.open`` (more than
    twice ``Image.MAX_IMAGE_PIXELS``). The image is never built: one 500-row band of zero
    scanlines is deflated once with a full flush, and the resulting self-contained piece is
    repeated 120 times inside one zlib stream whose Adler-32 is computed directly (for n
    zero bytes it is (n mod 65521) << 16 | 1). CRCs, lengths and the stream are valid.
    """
    width = height = 60_000
    row = b"\x00" * (1 + (width + 7) // 8)  # filter byte "None" and 7500 bytes of pixels
    band_rows = 500
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    piece = compressor.compress(row * band_rows) + compressor.flush(zlib.Z_FULL_FLUSH)
    finish = zlib.compressobj(9, zlib.DEFLATED, -15).flush()  # an empty final block
    total = len(row) * height
    adler = ((total % 65521) << 16) | 1
    stream = b"\x78\xda" + piece * (height // band_rows) + finish + struct.pack(">I", adler)
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    chunks = [_png_chunk(b"IHDR", header)]
    chunks += [_png_chunk(b"IDAT", stream[i : i + 65536]) for i in range(0, len(stream), 65536)]
    chunks.append(_png_chunk(b"IEND", b""))
    path = Path(path)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + b"".join(chunks))
    return path


# --------------------------------------------------------------------------------------------
# Office documents (zipfile / plain text)
# --------------------------------------------------------------------------------------------

# Real documents name Times New Roman, but LibreOffice substitutes Liberation Serif for it,
# and Debian 12's fonts-liberation 1.07 has no Vietnamese letters: the missing glyphs then
# come from a fallback font and PDF text extraction returns them out of order. DejaVu Serif
# (fonts-dejavu-core) covers Vietnamese everywhere the rest of this module works.
_OFFICE_FONT = "DejaVu Serif"
_TWIPS = 20  # per point
_TEXT_TWIPS = round(_TEXT_WIDTH * _TWIPS)


def _write_zip(path: Path, members: Sequence[tuple[str, str]], *, stored_first: bool) -> Path:
    """A zip with fixed timestamps (reproducible); the first member stored if asked."""
    path = Path(path)
    with zipfile.ZipFile(path, "w") as archive:
        for index, (name, content) in enumerate(members):
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            stored = stored_first and index == 0
            info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, content.encode("utf-8"))
    return path


def _office_size(para: _Para) -> float:
    """Font size in the office formats: lines set to fit (the motto) get 10.5 pt."""
    return min(para.size, 10.5) if para.fit else para.size


def _docx_paragraph(para: _Para) -> str:
    """A WordprocessingML paragraph."""
    jc = {"left": "left", "center": "center", "justify": "both"}[para.align]
    spacing = (
        f'<w:spacing w:before="{round((para.before + para.signature) * _TWIPS)}"'
        f' w:after="{round(para.after * _TWIPS)}"/>'
    )
    indent = f'<w:ind w:firstLine="{round(para.indent * _TWIPS)}"/>' if para.indent else ""
    runs = []
    half_points = round(_office_size(para) * 2)
    for text, style in _segments(para):
        props = (
            f'<w:rFonts w:ascii="{_OFFICE_FONT}" w:hAnsi="{_OFFICE_FONT}" w:cs="{_OFFICE_FONT}"/>'
            + ("<w:b/>" if "bold" in style else "")
            + ("<w:i/>" if "italic" in style else "")
            + f'<w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/>'
        )
        runs.append(
            f'<w:r><w:rPr>{props}</w:rPr><w:t xml:space="preserve">{escape(text)}</w:t></w:r>'
        )
    return f'<w:p><w:pPr>{spacing}{indent}<w:jc w:val="{jc}"/></w:pPr>{"".join(runs)}</w:p>'


def _docx_body(blocks: Sequence[_Block]) -> str:
    """Paragraphs, and borderless two-cell tables for the header and the signature."""
    parts = []
    for block in blocks:
        if isinstance(block, _Para):
            parts.append(_docx_paragraph(block))
            continue
        left = round(_TEXT_TWIPS * block.split)
        widths = (left, _TEXT_TWIPS - left)
        cells = "".join(
            f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>'
            + ("".join(_docx_paragraph(p) for p in paras) or "<w:p/>")
            + "</w:tc>"
            for width, paras in zip(widths, (block.left, block.right), strict=True)
        )
        parts.append(
            f'<w:tbl><w:tblPr><w:tblW w:w="{_TEXT_TWIPS}" w:type="dxa"/>'
            '<w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid>'
            + "".join(f'<w:gridCol w:w="{width}"/>' for width in widths)
            + f"</w:tblGrid><w:tr>{cells}</w:tr></w:tbl>"
        )
        parts.append("<w:p/>")
    return "".join(parts)


def write_docx(path: Path, *, seed: int) -> Path:
    """A minimal valid DOCX (written with zipfile) of :func:`sample_text` ``(seed)``.

    A4 with Nghị định 30 margins, DejaVu Serif 13 pt, the header and the signature block
    as borderless two-column tables, bold titles and articles, italic legal bases.
    """
    text = sample_text(seed)
    blocks = _structure(text)
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    document = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<w:document xmlns:w="{w}"><w:body>{_docx_body(blocks)}'
        '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/>'
        f'<w:pgMar w:top="{round(_TOP * _TWIPS)}" w:right="{round(_RIGHT * _TWIPS)}"'
        f' w:bottom="{round(_BOTTOM * _TWIPS)}" w:left="{round(_LEFT * _TWIPS)}"'
        ' w:header="709" w:footer="709" w:gutter="0"/></w:sectPr></w:body></w:document>'
    )
    content_types = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels"'
        ' ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
        '<Override PartName="/docProps/core.xml"'
        ' ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
        "</Types>"
    )
    relationships = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/officeDocument" Target="word/document.xml"/>'
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/'
        'relationships/metadata/core-properties" Target="docProps/core.xml"/>'
        "</Relationships>"
    )
    core = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/'
        'metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">'
        f"<dc:title>{escape(_title(blocks))}</dc:title>"
        f"<dc:creator>{escape(_issuer(blocks))}</dc:creator><dc:language>vi-VN</dc:language>"
        "</cp:coreProperties>"
    )
    return _write_zip(
        path,
        [
            ("[Content_Types].xml", content_types),
            ("_rels/.rels", relationships),
            ("word/document.xml", document),
            ("docProps/core.xml", core),
        ],
        stored_first=False,
    )


_ODF_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
    ' xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"'
    ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
    ' xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"'
    ' xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"'
    ' xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"'
    ' xmlns:dc="http://purl.org/dc/elements/1.1/"'
    ' xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"'
)


def _odt_text_properties(style: Style, size: float) -> str:
    """ODF text properties for a style and size."""
    return (
        f'<style:text-properties style:font-name="{_OFFICE_FONT}" fo:font-size="{size:g}pt"'
        f' fo:font-weight="{"bold" if "bold" in style else "normal"}"'
        f' fo:font-style="{"italic" if "italic" in style else "normal"}"/>'
    )


def _odt_content(blocks: Sequence[_Block]) -> str:
    """content.xml: automatic styles for each paragraph look, then the body."""
    styles: dict[tuple[object, ...], str] = {}
    definitions: list[str] = []

    def paragraph_style(para: _Para) -> str:
        size = _office_size(para)
        key = (para.align, para.indent, para.before + para.signature, para.after, para.style, size)
        if key not in styles:
            name = styles[key] = f"P{len(styles) + 1}"
            align = {"left": "start", "center": "center", "justify": "justify"}[para.align]
            definitions.append(
                f'<style:style style:name="{name}" style:family="paragraph">'
                f'<style:paragraph-properties fo:text-align="{align}"'
                f' fo:text-indent="{para.indent:g}pt" fo:margin-top="{key[2]:g}pt"'
                f' fo:margin-bottom="{para.after:g}pt"/>'
                f"{_odt_text_properties(para.style, size)}</style:style>"
            )
        return styles[key]

    def paragraph(para: _Para) -> str:
        name = paragraph_style(para)
        segments = _segments(para)
        if len(segments) == 1:
            return f'<text:p text:style-name="{name}">{escape(para.text)}</text:p>'
        prefix, rest = segments[0][0], segments[1][0]
        return (
            f'<text:p text:style-name="{name}"><text:span text:style-name="Tbold">'
            f"{escape(prefix)}</text:span>{escape(rest)}</text:p>"
        )

    body: list[str] = []
    for number, block in enumerate(blocks):
        if isinstance(block, _Para):
            body.append(paragraph(block))
            continue
        cells = "".join(
            '<table:table-cell office:value-type="string">'
            + ("".join(paragraph(p) for p in paras) or "<text:p/>")
            + "</table:table-cell>"
            for paras in (block.left, block.right)
        )
        body.append(
            f'<table:table table:name="Bang{number}" table:style-name="Tbl">'
            f'<table:table-column table:style-name="Col{block.split:g}A"/>'
            f'<table:table-column table:style-name="Col{block.split:g}B"/>'
            f"<table:table-row>{cells}</table:table-row></table:table>"
        )
    width_cm = _TEXT_WIDTH / _MM / 10
    for split in sorted({b.split for b in blocks if isinstance(b, _Columns)}):
        for suffix, fraction in (("A", split), ("B", 1 - split)):
            definitions.append(
                f'<style:style style:name="Col{split:g}{suffix}" style:family="table-column">'
                f'<style:table-column-properties style:column-width="{width_cm * fraction:.2f}cm"/>'
                "</style:style>"
            )
    definitions.append(
        '<style:style style:name="Tbl" style:family="table"><style:table-properties'
        f' style:width="{width_cm:.2f}cm" table:align="left"/></style:style>'
        '<style:style style:name="Tbold" style:family="text">'
        '<style:text-properties fo:font-weight="bold"/></style:style>'
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<office:document-content {_ODF_NS} office:version="1.3">'
        f'<office:font-face-decls><style:font-face style:name="{_OFFICE_FONT}"'
        f' svg:font-family="\'{_OFFICE_FONT}\'" style:font-family-generic="roman"/>'
        "</office:font-face-decls>"
        f"<office:automatic-styles>{''.join(definitions)}</office:automatic-styles>"
        f"<office:body><office:text>{''.join(body)}</office:text></office:body>"
        "</office:document-content>"
    )


def write_odt(path: Path, *, seed: int) -> Path:
    """A minimal valid ODT (zipfile; "mimetype" first and stored) of :func:`sample_text`.

    Same typography as :func:`write_docx`: A4, Nghị định 30 margins, tables for the header
    and the signature block.
    """
    blocks = _structure(sample_text(seed))
    styles = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<office:document-styles {_ODF_NS} office:version="1.3"><office:automatic-styles>'
        '<style:page-layout style:name="A4"><style:page-layout-properties fo:page-width="21cm"'
        ' fo:page-height="29.7cm" fo:margin-top="2cm" fo:margin-bottom="2cm"'
        ' fo:margin-left="3cm" fo:margin-right="2cm"/></style:page-layout>'
        "</office:automatic-styles><office:master-styles>"
        '<style:master-page style:name="Standard" style:page-layout-name="A4"/>'
        "</office:master-styles></office:document-styles>"
    )
    meta = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<office:document-meta {_ODF_NS} office:version="1.3"><office:meta>'
        f"<dc:title>{escape(_title(blocks))}</dc:title><dc:language>vi-VN</dc:language>"
        f"<meta:initial-creator>{escape(_issuer(blocks))}</meta:initial-creator>"
        "</office:meta></office:document-meta>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"'
        ' manifest:version="1.3">'
        '<manifest:file-entry manifest:full-path="/" manifest:version="1.3"'
        ' manifest:media-type="application/vnd.oasis.opendocument.text"/>'
        + "".join(
            f"<manifest:file-entry manifest:full-path={quoteattr(name)}"
            ' manifest:media-type="text/xml"/>'
            for name in ("content.xml", "styles.xml", "meta.xml")
        )
        + "</manifest:manifest>"
    )
    return _write_zip(
        path,
        [
            ("mimetype", "application/vnd.oasis.opendocument.text"),
            ("META-INF/manifest.xml", manifest),
            ("content.xml", _odt_content(blocks)),
            ("styles.xml", styles),
            ("meta.xml", meta),
        ],
        stored_first=True,
    )


def _rtf_escape(text: str) -> str:
    """RTF text: ASCII as is (\\, { and } escaped), everything else as \\uN? (UTF-16)."""
    out = []
    for char in text:
        if char in "\\{}":
            out.append("\\" + char)
        elif ord(char) < 128:
            out.append(char)
        else:
            units = char.encode("utf-16-be")
            for i in range(0, len(units), 2):
                code = int.from_bytes(units[i : i + 2], "big")
                out.append(f"\\u{code - 65536 if code > 32767 else code}?")
    return "".join(out)


def _rtf_paragraph(para: _Para, *, in_table: bool, end: str) -> str:
    """One RTF paragraph ending with ``end`` ("\\par" or "\\cell")."""
    align = {"left": "\\ql", "center": "\\qc", "justify": "\\qj"}[para.align]
    start = (
        "\\pard\\plain"
        + ("\\intbl" if in_table else "")
        + align
        + f"\\sb{round((para.before + para.signature) * _TWIPS)}"
        + f"\\sa{round(para.after * _TWIPS)}\\fi{round(para.indent * _TWIPS)}"
        + f"\\f0\\fs{round(_office_size(para) * 2)} "
    )
    runs = []
    for text, style in _segments(para):
        codes = ("\\b" if "bold" in style else "") + ("\\i" if "italic" in style else "")
        runs.append("{" + codes + (" " if codes else "") + _rtf_escape(text) + "}")
    return start + "".join(runs) + end + "\n"


def write_rtf(path: Path, *, seed: int) -> Path:
    """An RTF document of :func:`sample_text` with Vietnamese as \\uN? escapes (pure ASCII).

    A4 with Nghị định 30 margins, DejaVu Serif, the header and signature block as
    two-cell table rows.
    """
    blocks = _structure(sample_text(seed))
    parts = [
        "{\\rtf1\\ansi\\ansicpg1252\\deff0\\uc1\n",
        f"{{\\fonttbl{{\\f0\\froman\\fcharset0 {_OFFICE_FONT};}}}}\n",
        "{\\info{\\title " + _rtf_escape(_title(blocks)) + "}",
        "{\\author " + _rtf_escape(_issuer(blocks)) + "}}\n",
        f"\\paperw11906\\paperh16838\\margl{round(_LEFT * _TWIPS)}"
        f"\\margr{round(_RIGHT * _TWIPS)}\\margt{round(_TOP * _TWIPS)}"
        f"\\margb{round(_BOTTOM * _TWIPS)}\n",
    ]
    for block in blocks:
        if isinstance(block, _Para):
            parts.append(_rtf_paragraph(block, in_table=False, end="\\par"))
            continue
        left = round(_TEXT_TWIPS * block.split)
        parts.append(f"\\trowd\\trgaph108\\cellx{left}\\cellx{_TEXT_TWIPS}\n")
        for paras in (block.left, block.right):
            if not paras:
                parts.append("\\pard\\intbl\\cell\n")
            for index, para in enumerate(paras):
                end = "\\cell" if index == len(paras) - 1 else "\\par"
                parts.append(_rtf_paragraph(para, in_table=True, end=end))
        parts.append("\\row\n")
    parts.append("}\n")
    path = Path(path)
    path.write_text("".join(parts), encoding="ascii")
    return path
