"""The Content Security Policy in Chromium: a public page breaks none of it, and the admin keeps working under its
relaxed policy while the strict one, sent report-only, lists what Wagtail would still need (printed for the notes)."""

from collections import Counter

import pytest

from .test_ward_editor_in_browser import log_in

pytestmark = pytest.mark.browser

# Every violation the page sees, enforced or report-only, sent to Python before the next navigation can lose it.
LISTEN = """
document.addEventListener("securitypolicyviolation", (event) => window.cspViolation({
    page: location.pathname, disposition: event.disposition, directive: event.effectiveDirective,
    blocked: event.blockedURI, source: (event.sourceFile || "").replace(location.origin, "") + ":" + event.lineNumber,
}));
"""


@pytest.fixture
def violations(page):
    seen = []
    page.expose_function("cspViolation", lambda violation: seen.append(violation))
    page.add_init_script(LISTEN)
    return seen


def test_a_public_page_breaks_no_rule_and_the_admin_works_with_its_policy(portal_server, page, violations, capsys):
    port = portal_server["port"]
    base = f"http://localhost:{port}"

    page.goto(f"http://dongda.localhost:{port}/")
    page.goto(f"http://dongda.localhost:{port}/tim-kiem/?q=thu+vien")
    page.wait_for_load_state("networkidle")
    assert violations == [], "the public pages break the strict policy"

    log_in(page, base, "truongban.dongda", portal_server["password"])
    home = portal_server["home_ids"]["00235"]
    page.goto(f"{base}/admin/pages/{home}/")
    assert page.locator("h1").first.inner_text()
    news_id = page.evaluate(
        "async (home) => (await (await fetch(`/admin/api/main/pages/?child_of=${home}`)).json())"
        ".items.find(p => p.meta.slug === 'tin-tuc-su-kien').id",
        home,
    )
    page.goto(f"{base}/admin/pages/add/home/articlepage/{news_id}/")
    page.locator("[data-streamfield-stream-container] button[title], .c-sf-add-button").first.click()
    page.get_by_role("option", name="Ảnh").click()
    page.locator("[data-contentpath='body']").get_by_role("button", name="Chọn một ảnh").click()
    page.get_by_role("link", name="Lễ ra quân vệ sinh môi trường").click()
    page.locator(".modal").wait_for(state="hidden")
    assert page.locator("[data-contentpath='body'] .chooser__title").first.inner_text() == (
        "Lễ ra quân vệ sinh môi trường"
    ), "the image chooser works under the admin's policy"
    page.goto(f"{base}/admin/pages/search/?q=Đống+Đa")
    page.wait_for_load_state("networkidle")
    page.goto(f"{base}/admin/images/")
    page.wait_for_load_state("networkidle")

    enforced = [v for v in violations if v["disposition"] == "enforce"]
    assert enforced == [], "the admin's enforced policy blocked something Wagtail needs"
    reported = Counter((v["directive"], v["blocked"], v["source"]) for v in violations)
    assert reported, "the strict report-only policy on the admin sees Wagtail's inline code"
    with capsys.disabled():
        print(f"\nCSP report-only violations on the admin ({sum(reported.values())}):")
        for (directive, blocked, source), count in reported.most_common():
            print(f"  {count:3} × {directive:<18} {blocked:<8} {source}")
