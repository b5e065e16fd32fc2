"""Vietnamese date input: Django's vi locale defines no input formats, so the admin's dd/mm/yyyy dates
(WAGTAIL_DATE_FORMAT, WAGTAIL_DATETIME_FORMAT) would not parse back. Display formats stay Django's."""

from django.conf.locale.vi.formats import *  # noqa: F403

FIRST_DAY_OF_WEEK = 1  # Thứ Hai
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y"]
TIME_INPUT_FORMATS = ["%H:%M", "%H:%M:%S"]
DATETIME_INPUT_FORMATS = [
    "%d/%m/%Y %H:%M",
    "%d/%m/%Y %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%dT%H:%M:%S",
    "%d/%m/%Y",
    "%Y-%m-%d",
]
