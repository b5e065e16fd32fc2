"""The compliance dashboard at the portal's scale: a year of daily figures for 142 sites (issue 17).

    .venv/bin/python bench/compliance_dashboard.py             # SQLite
    .venv/bin/python bench/compliance_dashboard.py postgres    # PostgreSQL (a fresh database on 127.0.0.1:5432)

Bulk-creates 365 days x 142 sites of DailyFigure rows (51,830, with citizens' questions, ratings, comments on
drafts and page views), rolls them up by month (1,704 MonthlyFigure rows, what compute_compliance does) and a
DeadlineItem per site, then prints, over
ROUNDS requests each (median, p95, worst, queries):
- the operator's dashboard of all 142 sites for the year (target: p95 under 500 ms), rendered by the admin;
- a ward's own page for the year (trend, missed deadlines, today, completeness);
- beside them, the peer figure: the same year's figures built live from the page tree (compliance.compute.build,
  what a dashboard without the daily table would do on every view), for the same 142 sites.
"""

import statistics
import sys
import time
from datetime import date, timedelta

from search_common import setup

engine = sys.argv[1] if len(sys.argv) > 1 else "sqlite"
ROUNDS = 20
setup(engine, "portal_bench_compliance")

from django_otp import DEVICE_ID_SESSION_KEY  # noqa: E402
from django_otp.plugins.otp_totp.models import TOTPDevice  # noqa: E402

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from compliance.compute import build, roll_up_months, site_units  # noqa: E402
from compliance.models import DailyFigure, DeadlineItem  # noqa: E402
from home.models import SectionPage  # noqa: E402
from sites.models import Unit  # noqa: E402
from sites.working_time import is_working_day  # noqa: E402

YEAR = 2026
DAYS = [date(YEAR, 1, 1) + timedelta(days=index) for index in range(365)]


def history():
    units = list(Unit.objects.select_related("site__root_page"))
    rows = []
    for unit in units:
        for index, day in enumerate(DAYS):
            working = is_working_day(day)
            quota = unit.kind == Unit.Kind.CITY or working
            rows.append(
                DailyFigure(
                    unit=unit,
                    day=day,
                    working_day=working,
                    published=(index + unit.pk) % 5,
                    morning=1,
                    afternoon=(index + unit.pk) % 2,
                    quota_met=((index + unit.pk) % 4 != 0) if quota else None,
                    deadline_items=1 if index % 30 == 0 else 0,
                    deadline_missed=1 if index % 90 == 0 else 0,
                    searches=index % 13,
                    empty_searches=index % 3,
                    completeness=50 + unit.pk % 50,
                    page_views=100 + index % 50,
                    questions_received=index % 2,
                    questions_routed_on_time=index % 3 == 0,
                    questions_route_missed=index % 17 == 0,
                    questions_answered_on_time=index % 4 == 0,
                    questions_answer_missed=index % 23 == 0,
                    ratings=index % 3,
                    rating_interface=4 * (index % 3),
                    rating_content=4 * (index % 3),
                    rating_quality=3 * (index % 3),
                    rating_support=5 * (index % 3),
                    comments_received=index % 2,
                    comments_approved=index % 4 == 0,
                )
            )
    DailyFigure.objects.bulk_create(rows, batch_size=5000)
    roll_up_months([unit.pk for unit in units], DAYS[0], DAYS[-1])
    for unit in units:
        section = SectionPage.objects.child_of(unit.site.root_page).get(section_key="legal_documents")
        DeadlineItem.objects.create(
            unit=unit,
            page=section,
            kind="legal_scope",
            title="Văn bản",
            own_date=date(YEAR, 3, 2),
            published_on=date(YEAR, 3, 16),
            delay=10,
            limit=5,
        )
    return len(rows)


def timed(call):
    samples, queries = [], 0
    for _ in range(ROUNDS):
        connection.queries_log.clear()  # full after the bulk inserts: a full log would count nothing new
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            call()
            samples.append(time.perf_counter() - started)
        queries = len(captured)
    samples.sort()
    p95 = samples[max(0, round(0.95 * len(samples)) - 1)]
    return (
        f"median {statistics.median(samples) * 1000:7.1f} ms   p95 {p95 * 1000:7.1f} ms   "
        f"worst {samples[-1] * 1000:7.1f} ms   {queries} queries"
    ), p95


def check(condition, message):
    if not condition:
        raise SystemExit(f"bench failed: {message}")


def main():
    started = time.perf_counter()
    count = history()
    print(f"{engine}: {count:,} daily rows for {Unit.objects.count()} sites in {time.perf_counter() - started:.1f} s")
    operator = get_user_model().objects.create_superuser("bench-operator")
    ward = Unit.objects.get(code="00235")
    admin = get_user_model().objects.create_user("bench-ward-admin")
    admin.groups.add(ward.roles.get(role="site_admin").group)

    def client_for(user):
        client = Client(HTTP_HOST="localhost")
        client.force_login(user)
        device = TOTPDevice.objects.create(user=user, name="bench")
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
        return client

    operator_client, ward_client = client_for(operator), client_for(admin)

    def dashboard():
        response = operator_client.get(reverse("compliance_dashboard"), {"ky": str(YEAR)})
        check(response.status_code == 200, f"dashboard answered {response.status_code}")
        links = response.content.count(b'href="/admin/danh-gia/')
        check(links == 142, f"the dashboard links {links} sites, not 142")

    def own_site():
        response = ward_client.get(reverse("compliance_site", args=[ward.pk]), {"ky": str(YEAR)})
        check(response.status_code == 200, f"ward page answered {response.status_code}")

    units = site_units()

    def live():
        rows, _ = build(DAYS[0], DAYS[-1], units, timezone.localdate(), timezone.now())
        check(len(rows) == 365 * 142, "live build lost rows")

    text, p95 = timed(dashboard)
    print(f"operator dashboard, 142 sites, a year (materialised): {text}")
    print(f"ward's own page, a year (materialised):             {timed(own_site)[0]}")
    print(f"peer: the year built live from the page tree:         {timed(live)[0]}")
    check(p95 < 0.5, f"dashboard p95 {p95 * 1000:.0f} ms is over the 500 ms target")


main()
