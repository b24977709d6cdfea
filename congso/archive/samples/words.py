"""Word lists for the sample documents (all NFC).

Names of bodies follow the 2025 two-level local government.
"""

from __future__ import annotations

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
