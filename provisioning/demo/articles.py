"""A handful of realistic articles so that a newcomer sees a living portal. Every one is marked is_demo."""

# unit code, section key, days ago, title, summary, paragraphs, author, source agency
DEMO_ARTICLES = (
    (
        "01",
        "news",
        0,
        "Hà Nội chính thức có Trung tâm Thông tin điện tử thành phố",
        "UBND thành phố ban hành Quyết định số 4488/QĐ-UBND tổ chức lại Trung tâm Tin học - Công báo "
        "thành Trung tâm Thông tin điện tử thành phố Hà Nội.",
        (
            "Trung tâm Thông tin điện tử thành phố Hà Nội là đơn vị đầu mối kết nối, chia sẻ thông tin hành chính "
            "điện tử và các thông tin, dịch vụ công trực tuyến chính thống của thành phố.",
            "Trung tâm giúp Văn phòng UBND thành phố tổ chức, quản lý, vận hành Cổng Thông tin điện tử thành phố "
            "và các kênh cung cấp thông tin khác của thành phố.",
        ),
        "Ban Biên tập",
        "Văn phòng UBND thành phố",
    ),
    (
        "01",
        "news",
        1,
        "126 phường, xã vận hành trang thông tin điện tử trên nền tảng dùng chung",
        "Từ nay, trang thông tin của mỗi phường, xã là trang thành phần của Cổng thông tin điện tử thành phố.",
        (
            "Mỗi phường, xã có tên miền riêng theo tên đơn vị viết không dấu, ví dụ dongda.hanoi.gov.vn.",
            "Ban Biên tập của từng đơn vị duyệt mọi tin, bài trước khi đăng; tin của thành phố có thể được "
            "các phường, xã lựa chọn đăng lại.",
        ),
        "Minh Anh",
        "Trung tâm Thông tin điện tử thành phố",
    ),
    (
        "01",
        "direction",
        2,
        "Thành phố chỉ đạo bảo đảm trật tự giao thông dịp cuối năm",
        "Chủ tịch UBND thành phố yêu cầu các sở, ngành và UBND các phường, xã chủ động phương án phân luồng.",
        ("Các đơn vị tăng cường tuyên truyền, hướng dẫn người dân tham gia giao thông an toàn.",),
        "Ban Biên tập",
        "Văn phòng UBND thành phố",
    ),
    (
        "S03",
        "news",
        1,
        "Sở Tài chính công khai số liệu dự toán ngân sách năm 2027",
        "Số liệu dự toán thu, chi ngân sách được công khai theo quy định của Luật Ngân sách nhà nước.",
        ("Người dân có thể xem và tải các biểu mẫu công khai tại chuyên mục Thống kê.",),
        "Phòng Ngân sách",
        "Sở Tài chính",
    ),
    (
        "S09",
        "news",
        3,
        "Hướng dẫn đăng ký dự tuyển vào lớp 10 năm học 2027-2028",
        "Thí sinh đăng ký trực tuyến trên hệ thống tuyển sinh đầu cấp của thành phố.",
        ("Phụ huynh cần chuẩn bị mã định danh cá nhân của học sinh trước khi đăng ký.",),
        "Phòng Quản lý thi",
        "Sở Giáo dục và Đào tạo",
    ),
    (
        "00070",
        "news",
        0,
        "Phố đi bộ quanh hồ Hoàn Kiếm phục vụ người dân dịp cuối tuần",
        "Không gian đi bộ mở từ 19 giờ tối thứ Sáu đến 24 giờ Chủ nhật.",
        ("UBND phường bố trí lực lượng hướng dẫn, bảo đảm an ninh trật tự và vệ sinh môi trường.",),
        "Thu Hà",
        "UBND phường Hoàn Kiếm",
    ),
    (
        "00235",
        "news",
        1,
        "Phường Đống Đa ra quân tổng vệ sinh môi trường",
        "Hơn 500 đoàn viên, hội viên và người dân tham gia làm sạch các tuyến phố, ngõ, ngách.",
        ("Hoạt động được duy trì vào sáng thứ Bảy tuần thứ hai hằng tháng.",),
        "Quang Huy",
        "UBND phường Đống Đa",
    ),
    (
        "00166",
        "procedures",
        2,
        "Phường Cầu Giấy tiếp nhận hồ sơ cấp đổi căn cước tại trụ sở",
        "Người dân đến làm thủ tục vào giờ hành chính các ngày làm việc trong tuần.",
        ("Có thể đặt lịch trước qua Cổng dịch vụ công quốc gia để giảm thời gian chờ.",),
        "Bộ phận Một cửa",
        "UBND phường Cầu Giấy",
    ),
    (
        "00226",
        "news",
        4,
        "Khai mạc không gian văn hóa đọc tại Văn Miếu - Quốc Tử Giám",
        "Không gian giới thiệu sách về lịch sử khoa cử và truyền thống hiếu học của Thăng Long - Hà Nội.",
        ("Chương trình mở cửa miễn phí cho học sinh, sinh viên trong tháng này.",),
        "Ngọc Lan",
        "UBND phường Văn Miếu - Quốc Tử Giám",
    ),
)

# The city's English news: title, summary, paragraphs, author, source agency, days ago.
DEMO_ENGLISH_ARTICLES = (
    (
        "Hanoi's 126 wards and communes publish on one portal platform",
        "Every ward and commune of Hanoi now runs its own site as a component of the city portal.",
        (
            "Each site has its own address, made of the ward's name without diacritics, such as dongda.hanoi.gov.vn.",
            "The editorial board of each site approves every article before it is published.",
        ),
        "Editorial Board",
        "Hanoi Electronic Information Centre",
        1,
    ),
)
