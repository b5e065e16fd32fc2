"""E-mail each site's board the questions whose deadline falls within the next working day, or has passed.

Run it every working morning (a systemd timer or cron: `manage.py remind_questions`); one e-mail per site, through
Django's mail framework, to the board members with an e-mail address.
"""

from django.conf import settings
from django.core.mail import send_mail
from django.core.management.base import BaseCommand
from django.db.models import Q
from django.utils import timezone

from boards.rules import board_addresses
from citizens import questions
from citizens.models import Question, Status
from sites.working_time import add_working_days


class Command(BaseCommand):
    help = "Nhắc Ban Biên tập các câu hỏi sắp đến hạn (trong 1 ngày làm việc) hoặc đã quá hạn."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=1, help="Nhắc câu hỏi đến hạn trong số ngày làm việc này.")

    def handle(self, *args, days, **options):
        now = timezone.now()
        horizon = add_working_days(now, days)
        near = Question.objects.filter(
            Q(status=Status.RECEIVED, route_due_at__lte=horizon)
            | Q(status__in=(Status.ROUTED, Status.ANSWERING), answer_due_at__lte=horizon)
        ).select_related("unit")
        by_unit = {}
        for question in near.order_by("received_at"):
            by_unit.setdefault(question.unit, []).append(question)
        sent = 0
        for unit, items in by_unit.items():
            recipients = board_addresses(unit)
            if not recipients:
                self.stderr.write(f"{unit.display_name}: {len(items)} câu hỏi đến hạn, Ban Biên tập chưa có e-mail.")
                continue
            lines = []
            for question in items:
                routing = question.status == Status.RECEIVED
                due = question.route_due_at if routing else question.answer_due_at
                what = "chuyển xử lý" if routing else "trả lời"
                late = " (ĐÃ QUÁ HẠN)" if due < now else ""
                lines.append(
                    f"- {question.code}: hạn {what} {questions.vietnamese_moment(due)}{late}\n"
                    f"  {settings.WAGTAILADMIN_BASE_URL}/admin/cau-hoi/{question.pk}/"
                )
            send_mail(
                subject=f"[{unit.display_name}] {len(items)} câu hỏi của người dân sắp đến hạn",
                message="Các câu hỏi sau cần xử lý:\n\n" + "\n".join(lines) + "\n",
                from_email=None,
                recipient_list=recipients,
            )
            sent += 1
        self.stdout.write(f"Đã gửi nhắc cho {sent} trang ({sum(len(v) for v in by_unit.values())} câu hỏi).")
