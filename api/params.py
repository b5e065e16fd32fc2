"""The one check of what a public client puts in the API's query string, before any endpoint reads it.

Every parameter of every endpoint: no control character (NUL and \\x01-\\x1f break PostgreSQL's text and the
search engines), no value longer than MAX_LENGTH, no `offset` past what the database can take;
`search` is reduced to its words, the only thing Wagtail's search backends can read without a syntax error.
Each refusal is a ParameterError: a 400 whose Vietnamese `detail` names the parameter (api/base.py).
"""

import re
import unicodedata

from search.text import MAX_QUERY
from sites.naming import has_control_character

MAX_LENGTH = 1000  # characters in one parameter's value (an id list, a type list, a token fit in far less)
MAX_OFFSET = 1_000_000  # as /api/v2/openapi.json says
WORD = re.compile(r"\w+")
SEARCH_OPERATORS = ("and", "or")


class ParameterError(ValueError):
    """A query parameter a client got wrong: the Vietnamese message, and the machine-readable code."""

    def __init__(self, message, code="invalid_value"):
        super().__init__(message)
        self.message = message
        self.code = code


def check_query(params):
    """Refuse (ParameterError) control characters, oversized values and pagination the database cannot take."""
    for name, values in params.lists():
        if has_control_character(name):
            raise ParameterError("Tên tham số chứa ký tự điều khiển (NUL, \\x01-\\x1f), không được chấp nhận.")
        for value in values:
            if has_control_character(value):
                raise ParameterError(
                    f"Tham số {name} chứa ký tự điều khiển (NUL, \\x01-\\x1f), không được chấp nhận.",
                    "control_character",
                )
            if len(value) > MAX_LENGTH:
                raise ParameterError(f"Tham số {name} quá dài (tối đa {MAX_LENGTH} ký tự).", "too_long")
    if "offset" in params:
        at_most("offset", params["offset"], MAX_OFFSET)


def at_most(name, value, maximum):
    """Refuse a number past what the database can take; anything else Wagtail's own pagination answers (a
    negative or unreadable `offset`, a `limit` over WAGTAILAPI_LIMIT_MAX) with its own 400."""
    try:
        number = int(value)
    except ValueError:
        return
    if number > maximum:
        raise ParameterError(f"Tham số {name} không được lớn hơn {maximum}.")


def search_terms(value, operator=None):
    """The words of a search ('"thủ tục" hộ-chiếu' -> 'thủ tục hộ chiếu'): quotes, brackets and operators of the
    engines' query languages are not words, so no search can break their syntax."""
    if len(value) > MAX_QUERY:
        raise ParameterError(f"Từ khóa tìm kiếm quá dài (tối đa {MAX_QUERY} ký tự).", "too_long")
    if operator is not None and operator.lower() not in SEARCH_OPERATORS:
        raise ParameterError("Tham số search_operator chỉ nhận and hoặc or.")
    words = WORD.findall(unicodedata.normalize("NFC", value))
    if not words:
        raise ParameterError("Từ khóa tìm kiếm phải có ít nhất một chữ hoặc số.", "empty_search")
    return " ".join(words)
