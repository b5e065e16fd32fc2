"""Demo legal documents, leaders and organisation units, so that a fresh portal's legal search, leaders page and
organisation chart show something. The documents' numbers follow the official form; the people are invented."""

import datetime

# unit code, type, number, title, issuer, signer, field, issue date, effective date, status, abstract
DEMO_DOCUMENTS = (
    (
        "01",
        "quyet_dinh",
        "12/2026/QĐ-UBND",
        "Quyết định quy định hạn mức giao đất ở trên địa bàn thành phố",
        "UBND Thành phố Hà Nội",
        "Nguyễn Văn Thành",
        "Đất đai",
        datetime.date(2026, 3, 16),
        datetime.date(2026, 3, 26),
        "in_force",
        "Quy định hạn mức giao đất ở, hạn mức công nhận đất ở cho hộ gia đình, cá nhân trên địa bàn thành phố Hà Nội.",
    ),
    (
        "01",
        "quyet_dinh",
        "30/2024/QĐ-UBND",
        "Quyết định quy định hạn mức giao đất năm 2024",
        "UBND Thành phố Hà Nội",
        "Trần Minh Đức",
        "Đất đai",
        datetime.date(2024, 9, 10),
        datetime.date(2024, 9, 20),
        "replaced",
        "Quy định hạn mức giao đất ở; được thay thế bởi Quyết định số 12/2026/QĐ-UBND.",
    ),
    (
        "01",
        "nghi_quyet",
        "5/2026/NQ-HĐND",
        "Nghị quyết quy định mức học phí năm học 2026-2027",
        "HĐND Thành phố Hà Nội",
        "Lê Thị Hương",
        "Giáo dục",
        datetime.date(2026, 7, 8),
        datetime.date(2026, 8, 1),
        "in_force",
        "Quy định mức học phí đối với cơ sở giáo dục mầm non, giáo dục phổ thông công lập năm học 2026-2027.",
    ),
    (
        "01",
        "chi_thi",
        "24/CT-UBND",
        "Chỉ thị tăng cường bảo đảm trật tự an toàn giao thông dịp cuối năm",
        "UBND Thành phố Hà Nội",
        "Phạm Quốc Hùng",
        "Giao thông",
        datetime.date(2026, 11, 20),
        datetime.date(2026, 11, 20),
        "in_force",
        "Về tăng cường bảo đảm trật tự an toàn giao thông, chống ùn tắc giao thông dịp cuối năm và Tết Nguyên đán.",
    ),
    (
        "01",
        "ke_hoach",
        "318/KH-UBND",
        "Kế hoạch chuyển đổi số thành phố Hà Nội năm 2027",
        "UBND Thành phố Hà Nội",
        "Phạm Quốc Hùng",
        "Khoa học, công nghệ",
        datetime.date(2026, 12, 1),
        None,
        "not_yet",
        "Kế hoạch chuyển đổi số, phát triển chính quyền số của thành phố Hà Nội năm 2027.",
    ),
    (
        "00235",
        "quyet_dinh",
        "15/QĐ-UBND",
        "Quyết định ban hành Quy chế làm việc của UBND phường Đống Đa",
        "UBND phường Đống Đa",
        "Đỗ Thanh Tùng",
        "Tổ chức bộ máy",
        datetime.date(2026, 8, 4),
        datetime.date(2026, 8, 4),
        "in_force",
        "Ban hành Quy chế làm việc của Ủy ban nhân dân phường Đống Đa nhiệm kỳ 2026-2031.",
    ),
    (
        "00235",
        "ke_hoach",
        "42/KH-UBND",
        "Kế hoạch tổng vệ sinh môi trường năm 2027",
        "UBND phường Đống Đa",
        "Vũ Thị Mai",
        "Môi trường",
        datetime.date(2026, 11, 25),
        None,
        "in_force",
        "Tổ chức tổng vệ sinh môi trường vào sáng thứ Bảy tuần thứ hai hằng tháng trên địa bàn phường.",
    ),
)

# unit code -> (name, position, duties, biography) in the order they are listed
DEMO_LEADERS = {
    "01": (
        (
            "Nguyễn Văn Thành",
            "Chủ tịch UBND thành phố",
            "Lãnh đạo, điều hành chung mọi hoạt động của Ủy ban nhân dân thành phố.",
            "Sinh năm 1968; Tiến sĩ Kinh tế. Nguyên Phó Chủ tịch Thường trực UBND thành phố.",
        ),
        (
            "Phạm Quốc Hùng",
            "Phó Chủ tịch Thường trực UBND thành phố",
            "Phụ trách quy hoạch, đầu tư, tài chính, ngân sách, chuyển đổi số.",
            "Sinh năm 1971; Thạc sĩ Quản lý công. Nguyên Giám đốc Sở Tài chính.",
        ),
        (
            "Lê Thị Hương",
            "Phó Chủ tịch UBND thành phố",
            "Phụ trách văn hóa, giáo dục, y tế, lao động và an sinh xã hội.",
            "Sinh năm 1974; Tiến sĩ Giáo dục học. Nguyên Giám đốc Sở Giáo dục và Đào tạo.",
        ),
    ),
    "00235": (
        (
            "Đỗ Thanh Tùng",
            "Chủ tịch UBND phường Đống Đa",
            "Lãnh đạo, điều hành chung; phụ trách công tác tổ chức, cán bộ và cải cách hành chính.",
            "Sinh năm 1978; Thạc sĩ Luật. Nguyên Phó Chủ tịch UBND quận Đống Đa.",
        ),
        (
            "Vũ Thị Mai",
            "Phó Chủ tịch UBND phường Đống Đa",
            "Phụ trách kinh tế, hạ tầng, đô thị và môi trường.",
            "Sinh năm 1982; Kỹ sư Xây dựng. Nguyên Trưởng phòng Quản lý đô thị quận Đống Đa.",
        ),
        (
            "Hoàng Minh Khoa",
            "Phó Chủ tịch UBND phường Đống Đa",
            "Phụ trách văn hóa, xã hội, giáo dục và y tế.",
            "Sinh năm 1985; Cử nhân Văn hóa học. Nguyên Chủ tịch UBND phường Văn Chương.",
        ),
    ),
}

# unit code -> (unit name, head's name, head's position, phone, code of the unit whose site it links to or "")
DEMO_UNITS = {
    "01": (
        ("Văn phòng UBND thành phố", "Trần Văn Bình", "Chánh Văn phòng", "024 3825 3536", ""),
        ("Sở Nội vụ", "Ngô Thị Lan", "Giám đốc", "024 3824 7555", "S01"),
        ("Sở Tư pháp", "Bùi Đức Anh", "Giám đốc", "024 3935 1215", "S02"),
        ("Sở Tài chính", "Đặng Văn Quang", "Giám đốc", "024 3825 6013", "S03"),
    ),
    "00235": (
        ("Văn phòng HĐND và UBND phường", "Nguyễn Thị Thu", "Chánh Văn phòng", "024 3851 2345", ""),
        ("Phòng Kinh tế, Hạ tầng và Đô thị", "Lý Văn Hải", "Trưởng phòng", "024 3851 2346", ""),
        ("Phòng Văn hóa - Xã hội", "Trịnh Thu Trang", "Trưởng phòng", "024 3851 2347", ""),
        ("Trung tâm Phục vụ hành chính công phường", "Mai Anh Tuấn", "Giám đốc", "024 3851 2348", ""),
    ),
}

# The organisation pages the demo creates where a unit has none (provisioning gives the city its own).
DEMO_ORGANISATIONS = {
    "00235": {
        "title": "Cơ cấu tổ chức",
        "functions": (
            "<p>Ủy ban nhân dân phường Đống Đa là cơ quan hành chính nhà nước ở phường, tổ chức thi hành Hiến pháp, "
            "pháp luật và nghị quyết của Hội đồng nhân dân phường.</p>"
        ),
    },
}

# How to reach Đống Đa and the Department of Finance (invented, as the leaders above): filled only where a site's
# identity is empty, so the footer and the "Liên hệ" section of a ward without a contact page show what they would.
DEMO_IDENTITIES = {
    "00235": {
        "address": "Số 1 phố Mẫu, phường Đống Đa, thành phố Hà Nội",
        "phone": "024 3851 2345",
        "hotline": "0912 345 235",
        "email": "ubnd.dongda@example.vn",
        "working_hours": "Sáng 8h00–12h00, chiều 13h30–17h00, thứ Hai đến thứ Sáu",
        "responsible_person": "Đỗ Thanh Tùng",
        "responsible_position": "Chủ tịch UBND phường",
    },
    "S03": {
        "address": "Số 2 phố Mẫu, phường Hoàn Kiếm, thành phố Hà Nội",
        "phone": "024 3825 6013",
        "email": "sotaichinh@example.vn",
        "working_hours": "Sáng 8h00–12h00, chiều 13h00–17h00, thứ Hai đến thứ Sáu",
        "responsible_person": "Đặng Văn Quang",
        "responsible_position": "Giám đốc Sở Tài chính",
    },
}
