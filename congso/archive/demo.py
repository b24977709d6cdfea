"""Documents for the demo agency (Sở Nội vụ of the demo province): a decision it
received, its own plan that cites it, and a letter replacing an earlier one it does not
hold, read and linked as captured documents are; and two example rules.

Idempotent: the same files are captured once (their bytes are their identity).
Not for production data.
"""

import tempfile
from pathlib import Path

from django.utils import timezone

from congso.archive import samples, services
from congso.archive.models import ClassificationRule, Document, DossierDocument, FilePlan
from congso.org.models import Agency, User

AGENCY_CODE = "H99.01"
CLERK = "vanthu.snv"

DOCUMENTS = {
    "qd-749-ttg.pdf": """THỦ TƯỚNG CHÍNH PHỦ
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 749/QĐ-TTg
Hà Nội, ngày 03 tháng 6 năm 2020
QUYẾT ĐỊNH
Phê duyệt Chương trình Chuyển đổi số quốc gia đến năm 2025, định hướng đến năm 2030
THỦ TƯỚNG CHÍNH PHỦ
Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015;
Căn cứ Luật Công nghệ thông tin ngày 29 tháng 6 năm 2006;
Xét đề nghị của Bộ trưởng Bộ Thông tin và Truyền thông,
QUYẾT ĐỊNH:
Điều 1. Phê duyệt Chương trình Chuyển đổi số quốc gia đến năm 2025, định hướng đến năm 2030.
Điều 2. Quyết định này có hiệu lực thi hành kể từ ngày ký ban hành.
Nơi nhận:
- Các bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ;
- HĐND, UBND các tỉnh, thành phố trực thuộc trung ương;
- Lưu: VT, KGVX.
THỦ TƯỚNG
Nguyễn Xuân Phúc
""",
    "kh-15-snv.pdf": """UBND TỈNH TÂY NINH
SỞ NỘI VỤ
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 15/KH-SNV
Tây Ninh, ngày 12 tháng 01 năm 2026
KẾ HOẠCH
Chuyển đổi số năm 2026 của Sở Nội vụ
Căn cứ Quyết định số 749/QĐ-TTg ngày 03 tháng 6 năm 2020 của Thủ tướng Chính phủ \
phê duyệt Chương trình Chuyển đổi số quốc gia đến năm 2025, định hướng đến năm 2030;
Sở Nội vụ ban hành Kế hoạch chuyển đổi số năm 2026 như sau:
I. MỤC ĐÍCH, YÊU CẦU
Số hóa toàn bộ hồ sơ, tài liệu của Sở; giải quyết thủ tục hành chính trên môi trường điện tử.
II. NỘI DUNG
Các phòng, đơn vị thuộc Sở cập nhật văn bản đến, văn bản đi trên hệ thống.
Nơi nhận:
- UBND tỉnh;
- Các phòng, đơn vị thuộc Sở;
- Lưu: VT, VP.
GIÁM ĐỐC
Nguyễn Văn Hòa
""",
    "cv-120-snv.pdf": """UBND TỈNH TÂY NINH
SỞ NỘI VỤ
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 120/SNV-VP
V/v lập hồ sơ điện tử năm 2026
Tây Ninh, ngày 20 tháng 01 năm 2026
Kính gửi: Các phòng, đơn vị thuộc Sở
Thực hiện Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ về công tác \
văn thư và Kế hoạch số 15/KH-SNV ngày 12 tháng 01 năm 2026 của Sở Nội vụ, Sở đề nghị các \
đơn vị lập hồ sơ điện tử. Công văn này thay thế Công văn số 98/SNV-VP ngày 05 tháng 01 \
năm 2026 của Sở Nội vụ.
Nơi nhận:
- Như trên;
- Lưu: VT, VP.
KT. GIÁM ĐỐC
PHÓ GIÁM ĐỐC
Trần Thị Mai
""",
}

RULES = [
    {"order": 1, "doc_type": "Kế hoạch", "field_of_work": "Chuyển đổi số", "retention_years": 20},
    {"order": 2, "issuer_contains": "Sở Nội vụ", "field_of_work": "Nội vụ"},
]


def create_demo_documents() -> int:
    """Capture the demo documents for the demo agency; returns how many are new."""
    agency = Agency.objects.get(code=AGENCY_CODE)
    clerk = User.objects.get(username=CLERK)
    for rule in RULES:
        ClassificationRule.objects.get_or_create(agency=agency, order=rule["order"], defaults=rule)
    created = 0
    with tempfile.TemporaryDirectory(prefix="congso-demo-") as folder:
        for name, text in DOCUMENTS.items():
            path = samples.write_document_pdf(Path(folder) / name, text)
            capture = services.capture_path(
                agency=agency, path=path, source=Document.Source.UPLOAD, by=clerk, queue=False
            )
            if capture.created:
                services.process_document(document=capture.document)
                created += 1
    _demo_file_plan(clerk)
    return created


def _demo_file_plan(clerk: User) -> None:
    """This year's file plan of the clerk's unit, with one open dossier holding the demo
    documents (left alone once it exists)."""
    post = clerk.active_post
    year = timezone.localdate().year
    if post is None or post.unit is None or FilePlan.objects.filter(unit=post.unit, year=year):
        return
    plan = services.create_file_plan(unit=post.unit, year=year, by=clerk)
    general = services.add_heading(plan=plan, title="Tổng hợp", abbreviation="TH", by=clerk)
    services.add_heading(plan=plan, title="Tổ chức, cán bộ", abbreviation="TCCB", by=clerk)
    dossier = services.open_dossier(
        dossier=services.plan_dossier(
            heading=general,
            title=f"Hồ sơ chuyển đổi số năm {year}",
            retention_years=20,
            by=clerk,
        ),
        by=clerk,
    )
    for document in Document.objects.filter(agency_id=post.agency_id, state=Document.State.DONE):
        if not DossierDocument.objects.filter(document=document).exists():
            services.file_document(dossier=dossier, document=document, by=clerk)
