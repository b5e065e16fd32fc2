"""Vietnamese names folded to ASCII the way Quy chế Art. 5.2 and the editors expect."""

import unicodedata

import pytest

from sites.naming import hostname_label, nfc, vietnamese_slug


@pytest.mark.parametrize(
    ("name", "label"),
    [
        ("Đống Đa", "dongda"),
        ("Văn Miếu - Quốc Tử Giám", "vanmieuquoctugiam"),
        ("Sở Giáo dục và Đào tạo", "sogiaoducvadaotao"),
        ("Sở Quy hoạch - Kiến trúc", "soquyhoachkientruc"),
        ("Ứng Hòa", "unghoa"),
    ],
)
def test_a_unit_name_folds_to_its_hostname_label(name, label):
    assert hostname_label(name) == label


def test_a_name_typed_in_decomposed_unicode_folds_the_same_as_composed():
    decomposed = unicodedata.normalize("NFD", "Đống Đa")
    assert decomposed != "Đống Đa"
    assert hostname_label(decomposed) == "dongda"
    assert nfc(decomposed) == "Đống Đa"


def test_a_vietnamese_title_becomes_an_ascii_slug():
    assert vietnamese_slug("Đăng ký khai sinh") == "dang-ky-khai-sinh"
    assert vietnamese_slug("Thủ tục hành chính, dịch vụ công") == "thu-tuc-hanh-chinh-dich-vu-cong"
