"""The e-office of the demo agency (Sở Nội vụ of the demo province): its processes, the
Prime Minister's decision it received, registered and assigned to a unit, and a reply
drafted, approved, signed and sent through the platform to the provincial People's
Committee, which finds it waiting to be registered.

Idempotent: nothing is added once the agency has incoming documents. Run after
`congso demo_archive`. Not for production data.
"""

import tempfile
from pathlib import Path

from django.db import transaction

from congso.archive import samples
from congso.archive import services as archive
from congso.archive.models import Document
from congso.org.models import Agency, Unit, User
from congso.workflow import services
from congso.workflow.models import IncomingDocument, Process

AGENCY_CODE = "H99.01"
PROVINCE_CODE = "H99"
HANDLING_UNIT = "Phòng Cải cách hành chính"

PROCESSES = """
[[process]]
name = "Công văn đi của Sở"
direction = "outgoing"
doc_type = "Công văn"
approval = ["lanh_dao_phong", "lanh_dao_co_quan"]

[[process]]
name = "Văn bản đến"
direction = "incoming"
director = "lanh_dao_co_quan"
handling_days = 10
"""

DRAFT = """UBND TỈNH TÂY NINH
SỞ NỘI VỤ
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
V/v triển khai lập hồ sơ điện tử
Kính gửi: Ủy ban nhân dân tỉnh Tây Ninh.
Thực hiện Quyết định số 749/QĐ-TTg ngày 03 tháng 6 năm 2020 của Thủ tướng Chính phủ, \
Sở Nội vụ báo cáo kế hoạch lập hồ sơ điện tử tại các đơn vị trong năm.
Nơi nhận:
- Như trên;
- Lưu: VT, CCHC.
GIÁM ĐỐC
Phạm Thị Dung
"""


def _draft_file(agency: Agency, by: User) -> Document:
    with tempfile.TemporaryDirectory(prefix="congso-demo-") as folder:
        path = samples.write_document_pdf(Path(folder) / "du-thao-cong-van.pdf", DRAFT)
        capture = archive.capture_path(
            agency=agency, path=path, source=Document.Source.UPLOAD, by=by, queue=False
        )
    if capture.created:
        archive.process_document(document=capture.document)
    return capture.document


@transaction.atomic
def create_demo_workflow() -> bool:
    """Walk the demo agency's first documents through the e-office; False if done before."""
    agency = Agency.objects.get(code=AGENCY_CODE)
    if IncomingDocument.objects.filter(agency=agency).exists():
        return False
    people = {user.username: user for user in User.objects.filter(username__endswith=".snv")}
    clerk, head, specialist, leader = (
        people["vanthu.snv"],
        people["truongphong.snv"],
        people["chuyenvien.snv"],
        people["giamdoc.snv"],
    )
    if not Process.objects.filter(agency=agency).exists():
        services.load_processes(agency=agency, text=PROCESSES, by=clerk)
    decision = Document.objects.get(agency=agency, original_name="qd-749-ttg.pdf")
    incoming = services.register_incoming(
        by=clerk, document=decision, values=services.prefill(decision)
    )
    unit = Unit.objects.get(agency=agency, name=HANDLING_UNIT)
    lead = services.assign_incoming(
        item=incoming,
        by=leader,
        directive=services.Directive(
            lead=services.Handler(unit=unit),
            note="Phòng Cải cách hành chính tham mưu kế hoạch triển khai.",
        ),
    )[0]
    services.reassign(assignment=lead, by=head, user=specialist, deadline=None, note="Đ/c Cường")
    letter = _draft_file(agency, specialist)
    reply = services.create_draft(
        agency=agency,
        by=specialist,
        values={"doc_type": "Công văn", "abstract": "V/v triển khai lập hồ sơ điện tử"},
        document=letter,
        reply_to=incoming,
    )
    services.submit_draft(item=reply, by=specialist)
    services.review_draft(item=reply, by=head, approve=True, comment="Trình Giám đốc")
    services.review_draft(item=reply, by=leader, approve=True)
    services.sign_outgoing(item=reply, by=leader)
    services.issue_outgoing(
        item=reply,
        by=clerk,
        recipients=services.Recipients(
            units=[unit], agencies=list(Agency.objects.filter(code=PROVINCE_CODE))
        ),
    )
    return True
