"""Vietnamese text the demo items carry: procedures, people, task and feedback contents."""

from __future__ import annotations

import random

from oversight.demo.units import DemoUnit

# (field, procedure, working days; 0 = same day)
_COMMUNE_PROCEDURES = (
    ("Hộ tịch", "Đăng ký khai sinh", 0),
    ("Hộ tịch", "Đăng ký kết hôn", 0),
    ("Hộ tịch", "Đăng ký khai tử", 0),
    ("Hộ tịch", "Cấp bản sao trích lục hộ tịch", 0),
    ("Hộ tịch", "Xác nhận tình trạng hôn nhân", 3),
    ("Chứng thực", "Chứng thực bản sao từ bản chính", 0),
    ("Chứng thực", "Chứng thực chữ ký", 0),
    ("Chứng thực", "Chứng thực hợp đồng, giao dịch liên quan đến tài sản là động sản", 2),
    ("Đất đai", "Đăng ký biến động quyền sử dụng đất", 10),
    ("Đất đai", "Hòa giải tranh chấp đất đai", 30),
    ("Xây dựng", "Cấp giấy phép xây dựng nhà ở riêng lẻ", 15),
    ("Bảo trợ xã hội", "Trợ cấp xã hội hàng tháng", 7),
    ("Người có công", "Giải quyết chế độ mai táng phí", 5),
    ("Hộ kinh doanh", "Đăng ký thành lập hộ kinh doanh", 3),
)
_DISTRICT_PROCEDURES = (
    ("Đất đai", "Cấp giấy chứng nhận quyền sử dụng đất lần đầu", 20),
    ("Đất đai", "Chuyển mục đích sử dụng đất", 15),
    ("Xây dựng", "Cấp giấy phép xây dựng", 15),
    ("Hộ tịch", "Đăng ký khai sinh có yếu tố nước ngoài", 5),
    ("Thành lập và hoạt động của hộ kinh doanh", "Đăng ký thành lập hộ kinh doanh", 3),
    ("Giáo dục và Đào tạo", "Chuyển trường đối với học sinh trung học cơ sở", 3),
    ("Lao động", "Cấp giấy phép lao động", 7),
)
_DEPARTMENT_PROCEDURES: dict[str, tuple[tuple[str, str, int], ...]] = {
    "vpdkdd": (
        ("Đất đai", "Đăng ký biến động quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất", 10),
        ("Đất đai", "Cấp đổi giấy chứng nhận quyền sử dụng đất", 7),
        ("Đất đai", "Đăng ký thế chấp quyền sử dụng đất", 1),
        ("Đất đai", "Cung cấp thông tin, dữ liệu đất đai", 2),
    ),
    "cong_an_tinh": (
        ("Cấp, quản lý căn cước", "Cấp thẻ căn cước", 7),
        ("Xuất nhập cảnh", "Cấp hộ chiếu phổ thông", 8),
        ("Đăng ký, quản lý phương tiện giao thông", "Đăng ký xe", 2),
        ("Phòng cháy, chữa cháy", "Thẩm duyệt thiết kế về phòng cháy và chữa cháy", 10),
    ),
    "so_xay_dung": (
        ("Hoạt động xây dựng", "Cấp giấy phép xây dựng công trình", 20),
        ("Hoạt động xây dựng", "Thẩm định báo cáo nghiên cứu khả thi đầu tư xây dựng", 25),
        ("Đường bộ", "Cấp giấy phép lái xe", 10),
        ("Đường bộ", "Đổi giấy phép lái xe", 5),
        ("Nhà ở", "Công nhận chủ đầu tư dự án nhà ở", 30),
    ),
    "so_giao_thong_van_tai": (
        ("Đường bộ", "Cấp giấy phép lái xe", 10),
        ("Đường bộ", "Đổi giấy phép lái xe", 5),
        ("Đường bộ", "Cấp phù hiệu xe kinh doanh vận tải", 2),
    ),
    "so_tu_phap": (
        ("Lý lịch tư pháp", "Cấp Phiếu lý lịch tư pháp", 10),
        ("Công chứng", "Đăng ký hành nghề công chứng", 10),
        ("Quốc tịch", "Xác nhận có quốc tịch Việt Nam", 15),
    ),
    "so_tai_chinh": (
        ("Thành lập và hoạt động doanh nghiệp", "Đăng ký thành lập doanh nghiệp", 3),
        ("Thành lập và hoạt động doanh nghiệp", "Đăng ký thay đổi nội dung đăng ký doanh nghiệp", 3),
        ("Đầu tư tại Việt Nam", "Cấp Giấy chứng nhận đăng ký đầu tư", 15),
    ),
    "so_ke_hoach_dau_tu": (
        ("Thành lập và hoạt động doanh nghiệp", "Đăng ký thành lập doanh nghiệp", 3),
        ("Đầu tư tại Việt Nam", "Cấp Giấy chứng nhận đăng ký đầu tư", 15),
    ),
    "so_y_te": (
        ("Khám bệnh, chữa bệnh", "Cấp giấy phép hành nghề khám bệnh, chữa bệnh", 20),
        ("Dược phẩm", "Cấp chứng chỉ hành nghề dược", 20),
        ("An toàn thực phẩm", "Cấp giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm", 15),
    ),
    "so_cong_thuong": (
        ("Lưu thông hàng hóa trong nước", "Cấp giấy phép bán lẻ sản phẩm rượu", 10),
        ("Điện", "Cấp giấy phép hoạt động điện lực", 15),
        ("Hóa chất", "Cấp giấy chứng nhận đủ điều kiện sản xuất hóa chất", 12),
    ),
    "so_noi_vu": (
        ("Việc làm", "Cấp giấy phép lao động cho người nước ngoài", 5),
        ("Người có công", "Giải quyết chế độ người có công", 12),
        ("Tổ chức phi chính phủ", "Công nhận điều lệ hội", 15),
    ),
    "so_nong_nghiep_moi_truong": (
        ("Môi trường", "Cấp giấy phép môi trường", 30),
        ("Tài nguyên nước", "Cấp giấy phép khai thác nước dưới đất", 25),
        ("Thú y", "Cấp giấy chứng nhận kiểm dịch động vật", 3),
        ("Trồng trọt", "Cấp giấy chứng nhận đủ điều kiện buôn bán phân bón", 10),
    ),
    "bql_kcn": (
        ("Đầu tư", "Cấp Giấy chứng nhận đăng ký đầu tư trong khu công nghiệp", 15),
        ("Lao động", "Cấp giấy phép lao động cho người nước ngoài làm việc tại KCN", 5),
        ("Xây dựng", "Cấp giấy phép xây dựng trong khu công nghiệp", 20),
    ),
}
_DEPARTMENT_DEFAULT = (
    ("Hành chính tổng hợp", "Cấp giấy phép hoạt động", 10),
    ("Hành chính tổng hợp", "Cấp chứng chỉ hành nghề", 15),
    ("Hành chính tổng hợp", "Xác nhận hồ sơ đề nghị", 5),
)


def procedures_for(unit: DemoUnit) -> tuple[tuple[str, str, int], ...]:
    if unit.group == "commune":
        return _COMMUNE_PROCEDURES
    if unit.group == "district":
        return _DISTRICT_PROCEDURES
    key = unit.key.split(":", 1)[1]
    for name in (
        key,
        "so_nong_nghiep_moi_truong" if key in ("so_tai_nguyen_moi_truong", "so_nong_nghiep_ptnt") else "",
    ):
        if name in _DEPARTMENT_PROCEDURES:
            return _DEPARTMENT_PROCEDURES[name]
    return _DEPARTMENT_DEFAULT


_FAMILY = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô")
_MIDDLE = ("Văn", "Thị", "Hữu", "Minh", "Thanh", "Ngọc", "Đức", "Quốc", "Thị Kim", "Hoàng", "Xuân", "Thu")
_GIVEN = (
    "An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hiếu", "Hòa", "Hùng", "Hương", "Khánh",
    "Lan", "Linh", "Long", "Mai", "Nam", "Nga", "Phúc", "Phương", "Quân", "Sơn", "Tâm", "Thảo", "Thắng",
    "Trang", "Trung", "Tuấn", "Vân", "Việt", "Yến",
)  # fmt: skip
_COMPANY = ("Công ty TNHH", "Công ty Cổ phần", "Doanh nghiệp tư nhân", "Hợp tác xã")
_TRADE = ("Thương mại Dịch vụ", "Xây dựng", "Sản xuất", "Đầu tư", "Vận tải", "Nông sản", "Cơ khí")


def person(rng: random.Random) -> str:
    return f"{rng.choice(_FAMILY)} {rng.choice(_MIDDLE)} {rng.choice(_GIVEN)}"


def applicant(rng: random.Random) -> str:
    if rng.random() < 0.12:
        return f"{rng.choice(_COMPANY)} {rng.choice(_TRADE)} {rng.choice(_GIVEN)} {rng.choice(_GIVEN)}"
    return person(rng)


LEADERS = (
    "Chủ tịch UBND tỉnh",
    "Phó Chủ tịch Thường trực UBND tỉnh",
    "Phó Chủ tịch UBND tỉnh Nguyễn Văn Hùng",
    "Phó Chủ tịch UBND tỉnh Lê Thị Thu Hà",
    "Phó Chủ tịch UBND tỉnh Trần Quốc Bình",
    "UBND tỉnh",
)
_DOC_KINDS = (("UBND-KT", 40), ("UBND-KGVX", 20), ("UBND-NC", 10), ("UBND-TH", 10), ("TB-UBND", 12), ("QĐ-UBND", 8))


def doc_number(rng: random.Random, number: int) -> str:
    kind = rng.choices([k for k, _ in _DOC_KINDS], weights=[w for _, w in _DOC_KINDS], k=1)[0]
    return f"{number}/{kind}"


_TASK_VERBS = (
    "Tham mưu UBND tỉnh",
    "Chủ trì, phối hợp các đơn vị liên quan",
    "Khẩn trương",
    "Rà soát, báo cáo UBND tỉnh",
    "Kiểm tra, xử lý dứt điểm",
    "Tổ chức triển khai thực hiện",
)
_TASK_SUBJECTS = (
    "việc giải quyết hồ sơ đất đai tồn đọng",
    "tiến độ giải ngân vốn đầu tư công năm {year}",
    "phương án sắp xếp trụ sở làm việc sau sắp xếp đơn vị hành chính",
    "kiến nghị của cử tri tại kỳ họp HĐND tỉnh",
    "tình hình ô nhiễm môi trường tại khu dân cư",
    "công tác phòng, chống dịch bệnh trên gia súc, gia cầm",
    "kết quả thực hiện chuyển đổi số năm {year}",
    "việc bồi thường, hỗ trợ, tái định cư dự án Cảng hàng không quốc tế Long Thành",
    "công tác cải cách hành chính, nâng cao chỉ số PAR INDEX",
    "đề xuất điều chỉnh quy hoạch sử dụng đất",
    "việc xử lý vi phạm trật tự xây dựng",
    "kế hoạch tổ chức các hoạt động mừng Đảng, mừng Xuân {year}",
    "tình hình thu ngân sách nhà nước",
    "việc cấp giấy chứng nhận quyền sử dụng đất cho hộ gia đình, cá nhân",
    "đơn kiến nghị của công dân",
    "dự thảo văn bản quy phạm pháp luật",
)


def task_content(rng: random.Random, unit: DemoUnit) -> str:
    subject = rng.choice(_TASK_SUBJECTS).format(year=rng.choice((2025, 2026)))
    return f"{rng.choice(_TASK_VERBS)} {subject}"


FEEDBACK_CHANNELS = ("Điện thoại", "Zalo", "Email", "Cổng thông tin", "Ứng dụng")
_FEEDBACK_TOPICS = (
    ("Môi trường", "Khác", "Phản ánh tình trạng đổ rác thải không đúng nơi quy định tại {area}"),
    ("Môi trường", "Khác", "Cơ sở chăn nuôi gây mùi hôi ảnh hưởng khu dân cư {area}"),
    ("Giao thông", "Khác", "Đường giao thông nông thôn xuống cấp, nhiều ổ gà tại {area}"),
    ("Trật tự đô thị", "Khác", "Lấn chiếm vỉa hè, lòng đường để kinh doanh tại {area}"),
    ("Điện", "Khác", "Đèn chiếu sáng công cộng hư hỏng kéo dài tại {area}"),
    ("Nước sạch", "Khác", "Mất nước sinh hoạt nhiều ngày tại {area}"),
    (
        "Đất đai",
        "Về TTHC",
        "Hồ sơ cấp giấy chứng nhận quyền sử dụng đất nộp tại {unit} đã quá hạn nhưng chưa có kết quả",
    ),
    ("Thủ tục hành chính", "Về TTHC", "Đề nghị hướng dẫn thủ tục đăng ký hộ kinh doanh tại {unit}"),
    (
        "Thủ tục hành chính",
        "Về hành vi cán bộ, công chức",
        "Cán bộ tiếp nhận hồ sơ tại {unit} có thái độ chưa đúng mực",
    ),
    ("Xây dựng", "Khác", "Công trình xây dựng không phép tại {area}"),
    ("An ninh trật tự", "Khác", "Tụ tập gây mất trật tự vào ban đêm tại {area}"),
    ("Y tế", "Khác", "Phản ánh chất lượng khám chữa bệnh tại trạm y tế {area}"),
    ("Giáo dục", "Khác", "Phản ánh việc thu các khoản ngoài quy định tại trường học trên địa bàn {area}"),
    ("Bảo hiểm xã hội", "Về TTHC", "Chậm giải quyết chế độ bảo hiểm xã hội một lần"),
)
_ODD_STARTS = ("=", "+84 ", "@", "+", "- ")


def feedback_content(rng: random.Random, unit: DemoUnit, area: DemoUnit) -> tuple[str, str, str]:
    fld, category, text = rng.choice(_FEEDBACK_TOPICS)
    content = text.format(area=area.name, unit=unit.name)
    if rng.random() < 0.4:
        content += f". Đề nghị cơ quan chức năng kiểm tra, xử lý. Người phản ánh: {person(rng)}"
    roll = rng.random()
    if roll < 0.04:
        start = rng.choice(_ODD_STARTS)
        if start == "+84 ":
            content = f"+84 9{rng.randint(10, 99)} {rng.randint(100, 999)} {rng.randint(100, 999)} - {content}"
        elif start == "=":
            content = f"=== KHẨN === {content}"
        elif start == "@":
            content = f"@UBND tỉnh: {content}"
        else:
            content = f"{start}{content}"
    return fld, category, content
