"""Provisioning the portal from the official catalogue: 1 city + 15 departments + 126 wards and communes."""

import csv
import io
import re

import pytest

from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.db.models import Count

from wagtail.models import Collection, GroupPagePermission, Page, Site

from home.models import HomePage, SectionPage
from sites.catalogue import DEPARTMENTS_CSV, WARDS_CSV
from sites.models import Unit

from .conftest import CITY, DONG_DA

pytestmark = pytest.mark.django_db


def run_provisioning(*args):
    out = io.StringIO()
    call_command("provision_sites", *args, stdout=out)
    return out.getvalue()


def wards_csv_with(tmp_path, extra_rows=(), replace=None):
    """A copy of the shipped wards CSV with rows replaced (by code) or appended, as raw CSV lines."""
    rows = WARDS_CSV.read_text(encoding="utf-8").splitlines()
    if replace:
        rows = [replace.get(row.split(",")[0], row) for row in rows]
    path = tmp_path / "wards.csv"
    path.write_text("\n".join([*rows, *extra_rows]) + "\n", encoding="utf-8")
    return path


def test_the_portal_has_exactly_one_site_for_each_of_the_142_units():
    assert Unit.objects.count() == 142
    assert Site.objects.count() == 142
    assert dict(Unit.objects.values_list("kind").annotate(n=Count("id"))) == {
        "city": 1,
        "department": 15,
        "ward": 51,
        "commune": 75,
    }
    assert Site.objects.filter(is_default_site=True).get().site_name == "Thành phố Hà Nội"


def test_hostnames_follow_quy_che_article_5_2():
    hostnames = {unit.name: unit.site.hostname for unit in Unit.objects.select_related("site")}
    assert hostnames["Thành phố Hà Nội"] == "localhost"
    assert hostnames["Đống Đa"] == "dongda.localhost"
    assert hostnames["Văn Miếu - Quốc Tử Giám"] == "vanmieuquoctugiam.localhost"
    assert hostnames["Sở Giáo dục và Đào tạo"] == "sogiaoducvadaotao.localhost"
    assert hostnames["Sở Tài chính"] == "sotaichinh.localhost"
    assert len(set(hostnames.values())) == 142
    for hostname in hostnames.values():
        assert re.fullmatch(r"([a-z0-9]+\.)?localhost", hostname), hostname


def test_every_site_gets_its_home_page_sections_collection_and_four_groups(unit):
    dong_da = unit(DONG_DA)
    home = dong_da.site.root_page.specific
    assert isinstance(home, HomePage)
    assert home.title == "Phường Đống Đa"
    sections = SectionPage.objects.child_of(home)
    assert {(s.title, s.slug) for s in sections} >= {
        ("Giới thiệu", "gioi-thieu"),
        ("Tin tức - Sự kiện", "tin-tuc-su-kien"),
        ("Văn bản pháp luật", "van-ban-phap-luat"),
        ("Thủ tục hành chính, dịch vụ công", "thu-tuc-hanh-chinh-dich-vu-cong"),
        ("Hỏi đáp", "hoi-dap"),
    }
    assert sections.count() == 9
    assert dong_da.collection.name == "Phường Đống Đa"
    assert sorted(dong_da.roles.values_list("group__name", flat=True)) == [
        "Phường Đống Đa · Biên tập viên",
        "Phường Đống Đa · Quản trị trang",
        "Phường Đống Đa · Thành viên Ban Biên tập",
        "Phường Đống Đa · Trưởng ban Biên tập",
    ]
    # Page permissions are granted on the ward's own home page, nowhere else.
    pages = set(GroupPagePermission.objects.filter(group__site_role__unit=dong_da).values_list("page_id", flat=True))
    assert pages == {home.pk}


def test_the_operating_unit_has_one_group_that_manages_every_site(unit):
    operator = unit(CITY).roles.get(role="operator").group
    assert operator.name == "Thành phố Hà Nội · Đơn vị vận hành Cổng"
    granted_on = {p.page for p in GroupPagePermission.objects.filter(group=operator)}
    assert granted_on == {Page.get_first_root_node()}


def test_running_provisioning_again_creates_and_changes_nothing():
    counts_before = (Page.objects.count(), Group.objects.count(), Collection.objects.count())
    output = run_provisioning()
    assert "142 đơn vị: 0 tạo mới, 0 cập nhật, 142 không đổi." in output
    assert (Page.objects.count(), Group.objects.count(), Collection.objects.count()) == counts_before


def test_a_renamed_ward_is_updated_in_place_and_never_duplicated(tmp_path, unit):
    home_id = unit(DONG_DA).site.root_page_id
    renamed = wards_csv_with(tmp_path, replace={"00235": "00235,Kim Liên Mới,phuong"})

    output = run_provisioning("--wards", renamed)

    assert "0 tạo mới, 1 cập nhật, 141 không đổi" in output
    ward = unit(DONG_DA)
    assert Unit.objects.count() == 142
    assert ward.site.hostname == "kimlienmoi.localhost"
    assert ward.site.root_page_id == home_id
    assert ward.site.root_page.title == "Phường Kim Liên Mới"
    assert ward.collection.name == "Phường Kim Liên Mới"
    assert ward.roles.get(role="editor").group.name == "Phường Kim Liên Mới · Biên tập viên"
    assert SectionPage.objects.child_of(ward.site.root_page).count() == 9


def test_malformed_rows_are_reported_with_line_numbers_and_nothing_is_created(tmp_path):
    bad = wards_csv_with(tmp_path, extra_rows=["99991,Phường Mới Hợp Lệ,phuong", "12,Sai Mã,phuong", "99993,,xa"])
    with pytest.raises(CommandError) as raised:
        run_provisioning("--wards", bad)
    message = str(raised.value)
    assert "2 lỗi" in message
    assert "wards.csv dòng 129" in message and "5 chữ số" in message
    assert "wards.csv dòng 130" in message and "thiếu tên" in message
    assert not Unit.objects.filter(code="99991").exists()
    assert Site.objects.count() == 142


def test_two_units_whose_names_fold_to_the_same_label_are_an_error_never_merged(tmp_path):
    # "Dong Da" folds to the same label as "Đống Đa".
    clash = wards_csv_with(tmp_path, extra_rows=["99992,Dong Da,xa"])
    with pytest.raises(CommandError, match="nhãn tên miền “dongda” trùng với Đống Đa"):
        run_provisioning("--wards", clash)
    assert not Unit.objects.filter(code="99992").exists()


def test_a_label_column_overrides_the_folded_name(tmp_path):
    override = wards_csv_with(tmp_path)
    text = override.read_text(encoding="utf-8").replace("code,name,kind", "code,name,kind,label")
    text = text.replace("00235,Đống Đa,phuong", "00235,Đống Đa,phuong,dongdaward")
    override.write_text(text, encoding="utf-8")
    run_provisioning("--wards", override)
    assert Unit.objects.get(code=DONG_DA).site.hostname == "dongdaward.localhost"


def test_a_dry_run_prints_what_would_change_and_writes_nothing(tmp_path):
    extra = wards_csv_with(tmp_path, extra_rows=["99994,Thử Nghiệm,xa"])
    output = run_provisioning("--wards", extra, "--dry-run")
    assert "sẽ tạo: Thử Nghiệm (99994)" in output
    assert "Chạy thử (không ghi gì): 143 đơn vị: 1 tạo mới, 0 cập nhật, 142 không đổi." in output
    assert not Unit.objects.filter(code="99994").exists()
    assert Site.objects.count() == 142


def test_the_shipped_catalogue_is_the_official_list():
    with WARDS_CSV.open(encoding="utf-8") as handle:
        wards = list(csv.DictReader(handle))
    with DEPARTMENTS_CSV.open(encoding="utf-8") as handle:
        departments = list(csv.DictReader(handle))
    assert len(wards) == 126 and len(departments) == 15
    assert {"code": "00235", "name": "Đống Đa", "kind": "phuong"} in wards
