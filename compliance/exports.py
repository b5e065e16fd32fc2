"""The six-monthly and annual reports as files (Quy chế Art. 28.9, 33.8): XLSX with a chart, CSV safe from formulas.

Both are built from the same summaries as the dashboard (compliance/figures.py), row for row.
"""

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.utils import get_column_letter

from sites.spreadsheets import csv_download, spreadsheet_text, xlsx_download

HEADINGS = [
    "Trang",
    "Loại",
    "Điểm (%)",
    "Tin bài mới",
    "Ngày đạt tần suất",
    "Ngày phải đạt",
    "Tỷ lệ đạt tần suất (%)",
    "Văn bản có thời hạn",
    "Văn bản trễ hạn",
    "Tỷ lệ đúng hạn (%)",
    "Mức đầy đủ (%)",
    "Lượt tìm kiếm",
    "Lượt tìm không có kết quả",
    "Câu hỏi nhận được",
    "Chuyển xử lý đúng hạn (2 ngày làm việc)",
    "Quá hạn chuyển xử lý",
    "Trả lời đúng hạn (15 ngày làm việc)",
    "Quá hạn trả lời",
    "Tỷ lệ hạn câu hỏi đạt (%)",
    "Lượt xem trang",
    "Lượt đánh giá",
    "Điểm giao diện (TB)",
    "Điểm nội dung (TB)",
    "Điểm chất lượng (TB)",
    "Điểm hỗ trợ (TB)",
    "Góp ý dự thảo nhận được",
    "Góp ý dự thảo được duyệt công khai",
]


def row_of(summary, name=None, kind=None):
    unit = summary.unit
    return [
        unit.display_name if unit else name,
        unit.get_kind_display() if unit else kind,
        summary.score,
        summary.published,
        summary.quota_met_days,
        summary.quota_days,
        summary.quota_rate,
        summary.deadline_items,
        summary.deadline_missed,
        summary.deadline_rate,
        summary.completeness,
        summary.searches,
        summary.empty_searches,
        summary.questions_received,
        summary.questions_routed_on_time,
        summary.questions_route_missed,
        summary.questions_answered_on_time,
        summary.questions_answer_missed,
        summary.question_rate,
        summary.page_views,
        summary.ratings,
        *summary.rating_means.values(),
        summary.comments_received,
        summary.comments_approved,
    ]


def rows_of(summaries, whole=None):
    rows = [row_of(summary) for summary in summaries]
    if whole is not None:
        rows.append(row_of(whole, name="Toàn thành phố", kind=""))
    return rows


def xlsx_response(title, period, rows, filename):
    book = Workbook()
    sheet = book.active
    sheet.title = "Đánh giá"
    sheet.append([spreadsheet_text(title)])
    sheet.append([spreadsheet_text(period.label), f"{period.start:%d/%m/%Y} – {period.end:%d/%m/%Y}"])
    sheet.append(HEADINGS)
    for row in rows:
        sheet.append([spreadsheet_text(value) if isinstance(value, str) else value for value in row])
    if rows:
        chart = BarChart()
        chart.title = "Điểm đánh giá theo trang (%)"
        chart.y_axis.title = "%"
        first, last = 4, 3 + len(rows)
        chart.add_data(Reference(sheet, min_col=3, min_row=3, max_row=last), titles_from_data=True)
        chart.set_categories(Reference(sheet, min_col=1, min_row=first, max_row=last))
        chart.width, chart.height = 24, 12
        sheet.add_chart(chart, f"A{last + 3}")
    for index, width in enumerate((34, 16, *[12] * (len(HEADINGS) - 2)), start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    return xlsx_download(book, filename)


def csv_response(rows, filename):
    cleaned = [["" if value is None else spreadsheet_text(value) for value in row] for row in rows]
    return csv_download([HEADINGS, *cleaned], filename)
