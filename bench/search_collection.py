"""A Vietnamese relevance collection for citizen search: articles spread over many sites, and queries with the
one article each should find, typed three ways (with diacritics, without, and decomposed NFD).

Each TOPICS line is an article title with the query in brackets: the query is the phrase a citizen would type.
Topics overlap on purpose (many share "cấp", "đăng ký", "giấy phép", "hộ"), and look-alikes differ only by
diacritics (bão / báo / bảo, hồ / hộ, lễ / lệ), so ranking, not mere matching, decides the score.
FILLER builds ordinary ward and department news that shares the common syllables.
"""

import itertools
import re
import unicodedata

from sites.naming import fold

TOPICS = """
Hướng dẫn thủ tục [cấp hộ chiếu phổ thông] cho công dân
[Đăng ký khai sinh] cho trẻ em mới sinh
Thủ tục [đăng ký kết hôn] tại Ủy ban nhân dân phường
[Đăng ký thường trú] khi chuyển đến nơi ở mới
Cấp [giấy phép xây dựng nhà ở riêng lẻ]
[Chứng thực bản sao từ bản chính] giấy tờ
[Cấp phiếu lý lịch tư pháp] số 1
Thủ tục [đăng ký khai tử] cho người đã mất
[Cấp giấy chứng nhận quyền sử dụng đất] lần đầu
[Đăng ký hộ kinh doanh] cá thể
[Cấp đổi giấy phép lái xe] quá hạn
Hồ sơ [xin trợ cấp thất nghiệp] tại Hà Nội
[Cấp thẻ bảo hiểm y tế] cho trẻ em dưới sáu tuổi
[Đăng ký tạm trú] cho người thuê nhà
[Phòng chống bão lũ] mùa mưa năm 2026
[Phòng chống bạo lực gia đình] trong cộng đồng dân cư
[Báo cáo kinh tế xã hội] sáu tháng đầu năm
[Bảo tồn di tích lịch sử] đình làng
[Lễ hội chùa Hương] khai mạc đầu xuân
[Lệ phí trước bạ] nhà đất năm 2026
[Nạo vét hồ Tây] và kè bờ
[Hộ nghèo cận nghèo] được hỗ trợ tiền điện
Tiếp nhận [phản ánh kiến nghị của người dân] qua tổng đài
[Tuyển sinh vào lớp 10] trường công lập
[Tuyển sinh lớp 1] theo tuyến cư trú
[Tiêm chủng mở rộng] cho trẻ dưới một tuổi
[Phòng chống sốt xuất huyết] tại khu dân cư
[Thu gom rác thải sinh hoạt] theo giờ
[Phân loại rác tại nguồn] ở các tổ dân phố
[Cải tạo vỉa hè] phố Tôn Đức Thắng
[Cấm xe tải] vào nội đô giờ cao điểm
[Điều chỉnh quy hoạch phân khu] đô thị
[Giải phóng mặt bằng] dự án đường vành đai
[Bồi thường hỗ trợ tái định cư] cho hộ dân
[Cấp nước sạch] cho các xã ngoại thành
[Lắp đặt camera giám sát] giao thông
[Xử lý vi phạm trật tự xây dựng] trên địa bàn
[Kiểm tra an toàn thực phẩm] dịp Tết
[Bình ổn giá thị trường] cuối năm
[Hỗ trợ doanh nghiệp nhỏ và vừa] chuyển đổi số
[Dịch vụ công trực tuyến toàn trình] được mở rộng
[Chữ ký số] cho cán bộ công chức
[Định danh điện tử VNeID] mức độ 2
[Thanh toán không dùng tiền mặt] trong bệnh viện
[Khám sức khỏe định kỳ] cho người cao tuổi
[Chi trả lương hưu] qua tài khoản ngân hàng
[Trợ cấp xã hội hằng tháng] cho người khuyết tật
[Quà tặng người có công] nhân ngày Thương binh liệt sĩ
[Hiến máu tình nguyện] đợt một năm 2026
[Phòng cháy chữa cháy] tại nhà ống
[Diễn tập cứu nạn cứu hộ] ở chung cư cao tầng
[Trồng cây xanh] trên các tuyến phố
[Cắt điện luân phiên] mùa nắng nóng
[Ngập úng cục bộ] sau mưa lớn
[Sửa chữa cầu Long Biên] giai đoạn hai
[Tuyến đường sắt đô thị Nhổn Ga Hà Nội]
[Xe buýt điện] thêm năm tuyến mới
[Bãi đỗ xe ngầm] tại công viên
[Chợ truyền thống] được cải tạo
[Làng nghề gốm Bát Tràng] đón khách du lịch
[Phố đi bộ Hồ Gươm] mở cửa cuối tuần
[Văn Miếu Quốc Tử Giám] tổ chức khai bút
[Bảo tàng Hà Nội] trưng bày chuyên đề
[Thư viện thành phố] mở cửa buổi tối
[Giải chạy marathon quốc tế] Hà Nội
[Câu lạc bộ dưỡng sinh] phường Đống Đa
[Lớp học bơi miễn phí] cho học sinh
[Phổ cập giáo dục mầm non] cho trẻ năm tuổi
[Học bổng cho học sinh nghèo vượt khó]
[Kỳ thi tốt nghiệp trung học phổ thông]
[Cấp giấy phép kinh doanh rượu]
[Đăng ký nhãn hiệu hàng hóa] cho sản phẩm OCOP
[Sản phẩm OCOP] của các xã được công nhận
[Chuyển đổi cơ cấu cây trồng] ở xã Ba Vì
[Phòng chống dịch tả lợn châu Phi]
[Tiêm phòng dại cho chó mèo]
[Nước sinh hoạt bị nhiễm asen]
[Ô nhiễm không khí] và khuyến cáo người dân
[Quan trắc chất lượng nước] sông Tô Lịch
[Xây dựng nông thôn mới nâng cao]
[Sáp nhập đơn vị hành chính cấp xã]
[Bầu cử đại biểu Hội đồng nhân dân]
[Tiếp công dân định kỳ] của Chủ tịch phường
[Giải quyết khiếu nại tố cáo] đúng thời hạn
[Công khai ngân sách] năm 2026
[Dự toán thu chi ngân sách] phường
[Đấu giá quyền sử dụng đất] tại xã Sóc Sơn
[Cho thuê nhà ở xã hội] đợt mới
[Mua nhà ở xã hội] và điều kiện được mua
[Chung cư cũ xuống cấp] cần cải tạo
[Thẩm định thiết kế phòng cháy] cho công trình
[Cấp chứng chỉ hành nghề y] cho bác sĩ
[Đăng ký hiến tạng] sau khi qua đời
[Nghĩa vụ quân sự] năm 2026 và khám tuyển
[Đăng ký tạm vắng] cho người đi làm ăn xa
[Xác nhận tình trạng hôn nhân]
[Trích lục bản sao giấy khai sinh]
[Thay đổi cải chính hộ tịch]
[Nhận con nuôi] trong nước
[Cấp giấy phép lao động] cho người nước ngoài
[Đăng ký thành lập doanh nghiệp] trực tuyến
[Hoàn thuế thu nhập cá nhân]
[Nộp thuế đất phi nông nghiệp]
[Gia hạn nộp thuế] cho doanh nghiệp
[Hóa đơn điện tử] từ máy tính tiền
[Cấp mã số thuế] cho hộ kinh doanh
[Vay vốn ưu đãi] cho hộ nghèo
[Hỗ trợ học nghề] cho lao động nông thôn
[Giới thiệu việc làm] tại sàn giao dịch
[Xuất khẩu lao động] sang Nhật Bản
[Chăm sóc người cao tuổi] tại cộng đồng
[Phòng chống đuối nước] cho trẻ em mùa hè
[Phòng chống ma túy] trong trường học
[An toàn giao thông] cho học sinh
[Tai nạn giao thông] giảm ba tiêu chí
[Thu phí đỗ xe] bằng ứng dụng
[Đèn tín hiệu giao thông] thông minh
"""

BODY = (
    "Ngày {day}, {site_name} thông báo về {subject}. Người dân có thể tìm hiểu chi tiết tại bộ phận một cửa "
    "hoặc trên Cổng dịch vụ công. Mọi thắc mắc xin liên hệ đường dây nóng của Ủy ban nhân dân."
)
FILLER_SUBJECTS = (
    "Hội nghị sơ kết công tác quý I",
    "Kế hoạch tổng vệ sinh môi trường",
    "Thông báo lịch tiếp công dân",
    "Tổ dân phố tổ chức sinh hoạt định kỳ",
    "Đoàn thanh niên ra quân tình nguyện",
    "Hội phụ nữ tập huấn kỹ năng",
    "Hội cựu chiến binh gặp mặt truyền thống",
    "Tuyên truyền pháp luật cho người dân",
    "Kiểm tra công tác cải cách hành chính",
    "Tổng kết phong trào toàn dân đoàn kết",
)
FILLER_SENTENCES = (
    "Hội nghị đánh giá kết quả thực hiện nhiệm vụ và đề ra giải pháp cho thời gian tới.",
    "Các hộ gia đình được đề nghị phối hợp, chấp hành đúng quy định của thành phố.",
    "Ủy ban nhân dân phường giao các đơn vị tiếp tục theo dõi, đôn đốc và báo cáo kết quả.",
    "Người dân phản ánh một số khó khăn về thủ tục và được cán bộ giải đáp trực tiếp.",
    "Chương trình nhận được sự hưởng ứng của đông đảo hội viên và nhân dân trên địa bàn.",
)


def topics():
    """(title, query) for every topic: the query is the bracketed phrase."""
    found = []
    for line in TOPICS.strip().splitlines():
        query = re.search(r"\[(.+?)\]", line).group(1)
        found.append((line.replace("[", "").replace("]", ""), query))
    return found


def articles(sites):
    """(site hostname, title, body) for every article: one per topic, then ordinary news on every site."""
    rows = []
    cycle = itertools.cycle(sites)
    for number, (title, query) in enumerate(topics()):
        site = next(cycle)
        rows.append((site, title, BODY.format(day=f"{number % 28 + 1}/3", site_name="Ủy ban nhân dân", subject=query)))
    for number, (subject, site) in enumerate(itertools.product(FILLER_SUBJECTS, sites)):
        sentences = [FILLER_SENTENCES[(number + i) % len(FILLER_SENTENCES)] for i in range(3)]
        rows.append((site, f"{subject} năm 2026 ({number + 1})", " ".join(sentences)))
    return rows


FORMS = {
    "accented": lambda query: query,
    "unaccented": lambda query: fold(query).lower(),
    "nfd": lambda query: unicodedata.normalize("NFD", query),
}


def queries():
    """(form, typed query, expected title) for every topic and every way of typing it."""
    return [(form, make(query), title) for title, query in topics() for form, make in FORMS.items()]
