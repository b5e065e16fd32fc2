"""A citizen on a borrowed computer types Telex with the input method off, or slips on a letter, and the search page
still finds the page and offers the query as it was meant ("Có phải bạn muốn tìm …")."""

import pytest

from .conftest import run_in_portal

pytestmark = pytest.mark.browser

TITLE = "Đăng ký khai sinh cho trẻ em tại phường"

PUBLISH_PROCEDURE = f"""
from home.models import ProcedurePage, SectionPage
from sites.models import Unit
ward = Unit.objects.get(code="00235")
procedures = SectionPage.objects.child_of(ward.site.root_page).get(section_key="procedures")
page = procedures.add_child(instance=ProcedurePage(title="{TITLE}", summary="Hồ sơ nộp tại bộ phận một cửa."))
page.save_revision().publish()
print(page.pk)
"""


def test_a_citizen_typing_telex_or_a_slip_is_offered_the_words_meant(portal_server, page, screenshot):
    port = portal_server["port"]
    run_in_portal(portal_server, PUBLISH_PROCEDURE)
    base = f"http://dongda.localhost:{port}"

    # Telex with the input method off: the page is found, and the query is offered with its marks.
    page.goto(f"{base}/tim-kiem/?q=ddawng+kys+khai+sinh")
    page.get_by_role("link", name=TITLE).wait_for()
    assert page.locator(".did-you-mean").inner_text() == "Có phải bạn muốn tìm “đăng ký khai sinh”?"
    screenshot("search-telex-did-you-mean")

    # A slip finds nothing; the closest title's wording is offered, and following it finds the page.
    page.goto(f"{base}/tim-kiem/?q=dang+ky+khai+sihn")
    assert page.get_by_role("status").inner_text() == "0 kết quả cho “dang ky khai sihn”."
    screenshot("search-slip-did-you-mean")
    offered = page.get_by_role("link", name="“đăng ký khai sinh”")
    offered.click()
    page.get_by_role("link", name=TITLE).wait_for()
    assert page.get_by_label("Từ khóa (gõ có dấu hoặc không dấu đều được)").input_value() == "đăng ký khai sinh"
    screenshot("search-did-you-mean-followed")
