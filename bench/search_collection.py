# ruff: noqa: E501 -- DISTRACTORS holds one article a line
"""A Vietnamese relevance collection for citizen search: a few hundred articles spread over many of the portal's
sites, and queries as citizens type them, each with the pages judged relevant, typed three ways (with diacritics,
without, and decomposed NFD).

The topics are in bench/data/search_topics.txt (read its header): for each, a query and one or two relevant
articles (a department's guide and a ward's news about the same service). Articles are generated from the topic
with templates, so every article reads like portal news: an opening, the topic's own sentence, and ordinary
administrative sentences that share the common syllables (thủ tục, hồ sơ, đăng ký, hộ gia đình, người dân).
Besides the topics' own articles there are near-miss articles (DISTRACTORS: same words, other meaning, or the same
folded syllables with other diacritics) and ordinary ward news (FILLER), all judged irrelevant to every query.
"""

import itertools
import random
import unicodedata
from pathlib import Path

from sites.naming import fold

TOPICS_FILE = Path(__file__).resolve().parent / "data" / "search_topics.txt"
# Part two (issue 19): pages spelled with the other i/y, and queries typed as citizens really type (i/y, Telex,
# VNI, tone slips); read its header.
VARIANTS_FILE = Path(__file__).resolve().parent / "data" / "search_variants.txt"
CITY = "localhost"

GUIDE_OPENINGS = (
    "{agency} hướng dẫn người dân, tổ chức về nội dung sau.",
    "Thực hiện chỉ đạo của Ủy ban nhân dân thành phố, {agency} thông báo như sau.",
    "{agency} trả lời câu hỏi mà nhiều người dân gửi đến trong thời gian qua.",
)
NEWS_OPENINGS = (
    "Ngày {day} tháng {month}, {unit} đã triển khai nội dung này tới các tổ dân phố.",
    "Sáng {day}/{month}, tại trụ sở {unit}, cán bộ tiếp nhận và giải đáp cho nhiều người dân.",
    "Thực hiện kế hoạch năm 2026, {unit} phối hợp với các đơn vị liên quan tổ chức thực hiện.",
)
COMMON_SENTENCES = (
    "Hồ sơ nộp tại bộ phận một cửa hoặc trên Cổng dịch vụ công của thành phố.",
    "Cán bộ bộ phận một cửa hướng dẫn các thủ tục cần thiết cho người dân.",
    "Các hộ gia đình được đề nghị phối hợp, chấp hành đúng quy định.",
    "Thời hạn giải quyết và lệ phí được niêm yết công khai tại trụ sở.",
    "Mọi thắc mắc xin liên hệ số điện thoại đường dây nóng của đơn vị.",
    "Người dân có thể đăng ký nhận thông báo qua tin nhắn hoặc ứng dụng iHanoi.",
    "Kết quả thực hiện được báo cáo Ủy ban nhân dân thành phố trước ngày 15 hằng tháng.",
)
# Near misses: pages that share a query's words, or its folded syllables with other diacritics, but answer
# another question. (department site or "ward", title, body)
DISTRACTORS = """
ward | Chuẩn bị cho Tết Nguyên đán an toàn, tiết kiệm | Các đơn vị chuẩn bị chu đáo cho Tết, chăm lo cho người dân đón Tết đầm ấm.
ward | Mua sắm cho Tết: người dân nên chọn hàng có nguồn gốc | Người dân mua sắm cho Tết nên chọn hàng Việt Nam có tem nhãn rõ ràng.
sonongnghiepvamoitruong | Mùa mưa năm nay đến sớm | Dự báo mùa mưa năm 2026 đến sớm hơn mọi năm, lượng mưa lớn.
ward | Phường tổ chức múa lân cho thiếu nhi dịp Trung thu | Đội múa lân biểu diễn cho thiếu nhi, các cháu được mua đèn ông sao.
sovanhoavathethao | Hội thi múa hát thiếu nhi mùa hè | Các đội múa hát của thiếu nhi tham gia hội thi trong mùa hè.
soxaydung | Sơ đồ quy hoạch phân khu đô thị | Sơ đồ quy hoạch phân khu được công bố để người dân góp ý.
soxaydung | Sơ đồ phân luồng giao thông dịp Quốc khánh | Người dân theo dõi sơ đồ phân luồng giao thông để tránh ùn tắc.
ward | Trưởng phòng văn hóa phường tiếp công dân | Trưởng phòng văn hóa tiếp công dân vào sáng thứ năm hằng tuần.
sonoivu | Bổ nhiệm trưởng phòng các sở, ngành | Quyết định bổ nhiệm trưởng phòng được trao tại hội nghị cán bộ.
socongthuong | Lượng khách đến các chợ tăng mạnh cuối năm | Lượng hàng hóa và lượng khách mua sắm đều tăng so với cùng kỳ.
sodulich | Lượng khách du lịch đến Hà Nội tăng | Lượng khách du lịch quốc tế tăng, các khách sạn gần kín phòng.
sotaichinh | Thuê trụ sở làm việc cho các đơn vị sự nghiệp | Đơn vị sự nghiệp được thuê trụ sở khi chưa bố trí được nhà đất.
ward | Cho thuê nhà đất công để làm điểm trông giữ xe | Phường cho thuê nhà đất công có thời hạn để làm điểm trông giữ xe.
sotaichinh | Thu nhập bình quân của người lao động tăng | Thu nhập bình quân đầu người năm 2025 của thành phố tăng so với năm trước.
ward | Hồ sơ học sinh giỏi cấp phường | Hồ sơ khen thưởng học sinh giỏi nộp cho phường trước ngày 30.
ward | Hộ gia đình tiêu biểu trong phong trào đoàn kết | Hộ gia đình tiêu biểu được tặng giấy khen của Ủy ban nhân dân phường.
ward | Dòng họ khuyến học tiêu biểu | Các dòng họ khuyến học được biểu dương, họ Nguyễn có nhiều con cháu đỗ đạt.
sovanhoavathethao | Lễ hội làng ven hồ được công nhận di sản | Lễ hội của các làng ven hồ được đưa vào danh mục di sản văn hóa phi vật thể.
sotuphap | Tuyên truyền Luật Hôn nhân và gia đình | Buổi tuyên truyền giúp người dân hiểu quyền và nghĩa vụ trong hôn nhân và gia đình.
sotuphap | Tổng kết công tác hộ tịch năm 2025 | Năm 2025 toàn thành phố đăng ký khai sinh, kết hôn, khai tử cho hàng trăm nghìn trường hợp.
localhost | Công an thành phố tổng kết công tác năm 2025 | Lực lượng công an đã cấp hàng triệu thẻ căn cước, hộ chiếu và giải quyết thủ tục cư trú.
ward | Phường tuyên dương học sinh đạt giải thi học sinh giỏi | Học sinh của các trường trên địa bàn đạt nhiều giải cao.
sogiaoducvadaotao | Kế hoạch năm học 2026 của ngành giáo dục | Ngành giáo dục đặt mục tiêu nâng cao chất lượng dạy học ở các trường.
soyte | Bệnh viện mở rộng khoa cấp cứu | Khoa cấp cứu có thêm giường bệnh và máy móc hiện đại.
ward | Xe chở rác gây ô nhiễm bị xử phạt | Xe chở rác để rơi vãi, gây ô nhiễm trên tuyến phố bị xử phạt.
sokhoahocvacongnghe | Sáng kiến kỹ thuật được công nhận | Nhiều sáng kiến kỹ thuật của cán bộ được áp dụng vào công việc.
socongthuong | Điện lực khuyến cáo an toàn điện mùa mưa bão | Người dân không đến gần cột điện, dây điện bị đổ khi mưa bão.
ward | Phường phát thẻ bảo hiểm y tế cho người cao tuổi | Người từ 75 tuổi đang hưởng trợ cấp được phát thẻ bảo hiểm y tế.
sonoivu | Hướng dẫn nâng lương thường xuyên cho viên chức | Viên chức đủ điều kiện được nâng bậc lương thường xuyên.
sotaichinh | Báo cáo tình hình kinh tế xã hội quý một | Báo cáo cho thấy thu ngân sách và lượng vốn đầu tư tăng.
"""
FILLER_SUBJECTS = (
    "Hội nghị sơ kết công tác quý một",
    "Ra quân tổng vệ sinh môi trường",
    "Đại hội chi bộ tổ dân phố",
    "Tiếp xúc cử tri trước kỳ họp",
    "Tập huấn nghiệp vụ cho cán bộ tổ dân phố",
    "Gặp mặt các cụ cao tuổi",
    "Giao ban công tác an ninh trật tự",
    "Ngày hội đại đoàn kết toàn dân tộc",
)


def _fields(line, count):
    parts = [part.strip() for part in line.split(" | ")]
    if len(parts) != count:
        raise ValueError(f"{count} fields expected: {line}")
    return parts


def topics():
    """(department hostname, query, [relevant titles with their role], sentence) for every topic."""
    found = []
    for line in TOPICS_FILE.read_text().splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        department, query, guide, news, sentence = _fields(line, 5)
        titles = [("guide", guide)] + ([("news", news)] if news != "-" else [])
        found.append((f"{department}.localhost", query, titles, sentence))
    return found


def _lower_first(text):
    return text[0].lower() + text[1:]


def articles(hostnames, names):
    """(site hostname, title, body) for every article. `names`: hostname -> the unit's name.

    Topic guides go on their department's site (the city's when the portal has no such department), topic news
    and near misses on wards taken in turn, filler on every ward in turn: 300+ articles on 100+ sites."""
    rng = random.Random(2026)
    wards = itertools.cycle([host for host in hostnames if host != CITY and not host.startswith("so")])
    rows = []

    def site_for(department):
        return department if department in names else CITY

    for department, _query, titles, sentence in topics():
        for role, title in titles:
            if role == "guide":
                site = site_for(department)
                opening = rng.choice(GUIDE_OPENINGS).format(agency=names[site])
            else:
                site = next(wards)
                opening = rng.choice(NEWS_OPENINGS).format(
                    unit=names[site], day=rng.randint(1, 28), month=rng.randint(1, 12)
                )
            common = rng.sample(COMMON_SENTENCES, 3)
            rows.append((site, title, " ".join([opening, sentence, *common])))
    for line in DISTRACTORS.strip().splitlines():
        where, title, sentence = _fields(line, 3)
        site = next(wards) if where == "ward" else site_for(f"{where}.localhost" if where != CITY else CITY)
        rows.append((site, title, " ".join([sentence, *rng.sample(COMMON_SENTENCES, 2)])))
    for number in range(len(FILLER_SUBJECTS) * 12):
        site = next(wards)
        subject = FILLER_SUBJECTS[number % len(FILLER_SUBJECTS)]
        opening = rng.choice(NEWS_OPENINGS).format(unit=names[site], day=rng.randint(1, 28), month=rng.randint(1, 12))
        title = f"{names[site]}: {_lower_first(subject)}"
        rows.append((site, title, " ".join([opening, *rng.sample(COMMON_SENTENCES, 4)])))
    # Part two last, so that part one's pages read exactly as before it.
    for department, title, sentence in variant_articles():
        site = site_for(department)
        opening = rng.choice(GUIDE_OPENINGS).format(agency=names[site])
        rows.append((site, title, " ".join([opening, sentence, *rng.sample(COMMON_SENTENCES, 3)])))
    return rows


FORMS = {
    "accented": lambda query: query,
    "unaccented": lambda query: fold(query).lower(),
    "nfd": lambda query: unicodedata.normalize("NFD", query),
}


def queries():
    """(form, typed query, relevant titles) for every topic and every way of typing it."""
    return [
        (form, make(query), {title for _role, title in titles})
        for _department, query, titles, _sentence in topics()
        for form, make in FORMS.items()
    ]


def _variant_lines():
    for line in VARIANTS_FILE.read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            yield line


def variant_articles():
    """(department hostname, title, sentence) of the pages spelled with the other i/y."""
    return [
        (f"{department}.localhost", title, sentence)
        for kind, department, title, sentence in (
            _fields(line, 4) for line in _variant_lines() if line.startswith("article ")
        )
        if kind == "article"
    ]


def variant_queries():
    """(form, typed query, relevant titles) of part two: i/y, Telex, VNI, tone slips."""
    by_topic = {query: {title for _role, title in titles} for _department, query, titles, _sentence in topics()}
    found = []
    for line in _variant_lines():
        if line.startswith("article "):
            continue
        form, typed, relevant = _fields(line, 3)
        titles = set()
        for judged in relevant.split(" || "):
            titles |= by_topic[judged[1:]] if judged.startswith("@") else {judged}
        found.append((form, typed, titles))
    return found
