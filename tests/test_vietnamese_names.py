"""Vietnamese names folded to ASCII the way Quy chế Art. 5.2 and the editors expect."""

import unicodedata

import pytest
from anyascii import anyascii

from sites.naming import fold, hostname_label, nfc, vietnamese_slug


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


@pytest.mark.parametrize(
    "text",
    [
        "Ủy ban nhân dân phường Đống Đa tổ chức Lễ kỷ niệm 80 năm Cách mạng Tháng Tám",
        "  hai  khoảng trắng,\tmột tab\nvà xuống dòng  ",
        "北京 Ωμέγα Привет ﬁ ǅ 😀 ½ №",
        unicodedata.normalize("NFD", "Quận Hoàn Kiếm") + " " + "Ứ" * 100,
        "https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc=1.001193",
    ],
)
def test_text_folds_to_exactly_what_anyascii_gives_for_every_script_spacing_and_word_length(text):
    # fold keeps the words it has folded (an import folds the same syllables millions of times): still anyascii's
    # transliteration of the NFC text, character for character.
    assert fold(text) == anyascii(nfc(text))
    assert fold(text) == anyascii(nfc(text))  # the second time from the kept words
