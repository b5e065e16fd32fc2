"""Pagination of the pages listing: Wagtail's `limit`/`offset`, plus a cursor for deep pages.

`offset=N` makes the database walk past N rows on every page: at 30,000 pages in a section a deep page costs a
scan of the section. Every listing therefore also gives `meta.next`, an opaque cursor naming the last item's place
in the order; `?after=<cursor>` continues right after it, through the order's index (keyset pagination), so a
deep page costs what the first one does. A cursor is given when the listing is in a stable order: the default
(by id), or `order` on one field of the page (the id then breaks ties); with several fields, `random` or a
search, `meta.next` is null and `offset` remains.
"""

import base64
import binascii
import json
from collections import OrderedDict

from rest_framework.response import Response

from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import Q, QuerySet

from wagtail.api.v2.pagination import WagtailPagination

from home.windows import window

from .base import APIError


class Order:
    """A listing's order on one field (or the id alone), the id breaking ties in the same direction."""

    def __init__(self, field, descending):
        self.field, self.descending = field, descending
        self.name = ("-" if descending else "") + field.name

    def order_by(self):
        sign = "-" if self.descending else ""
        return [f"{sign}{self.field.name}", f"{sign}pk"] if not self.field.primary_key else [f"{sign}pk"]

    def after(self, value, pk):
        """The rows after (value, pk) in this order, NULLs where the database sorts them."""
        beyond = "lt" if self.descending else "gt"
        name = self.field.name
        if self.field.primary_key:
            return Q(**{f"pk__{beyond}": pk})
        # PostgreSQL sorts NULL as the largest value, SQLite as the smallest.
        nulls_after = self.descending != connection.features.nulls_order_largest
        if value is None:
            later_nulls = Q(**{f"{name}__isnull": True, f"pk__{beyond}": pk})
            return later_nulls if nulls_after else later_nulls | Q(**{f"{name}__isnull": False})
        rest = Q(**{f"{name}__{beyond}": value}) | Q(**{name: value, f"pk__{beyond}": pk})
        return rest | Q(**{f"{name}__isnull": True}) if nulls_after else rest


def listing_order(queryset):
    """The Order a filtered listing is in, or None when it has none a cursor can follow."""
    if not isinstance(queryset, QuerySet):
        return None  # search results, ranked by the search engine
    ordering = queryset.query.order_by
    if not ordering:
        return Order(queryset.model._meta.pk, False)
    if len(ordering) != 1 or not isinstance(ordering[0], str) or ordering[0] == "?":
        return None
    name = ordering[0].lstrip("-")
    field = queryset.model._meta.get_field(name)
    if field.is_relation:
        return None
    return Order(field, ordering[0].startswith("-"))


def encode(order, page):
    value = getattr(page, order.field.attname)
    if hasattr(value, "isoformat"):
        value = value.isoformat()
    raw = json.dumps([order.name, value, page.pk], ensure_ascii=False, separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode(order, cursor):
    """(value, pk) of a cursor made for this order; a 400 for anything else."""
    try:
        name, value, pk = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        if not isinstance(pk, int) or isinstance(pk, bool):
            raise ValueError
        value = None if value is None else order.field.to_python(value)
    except (ValueError, TypeError, ValidationError, binascii.Error, UnicodeDecodeError) as e:
        raise APIError("Tham số after không phải là một con trỏ hợp lệ (lấy từ meta.next).", "invalid_cursor") from e
    if name != order.name:
        raise APIError(
            "Con trỏ after được tạo cho một thứ tự khác (order); hãy bắt đầu lại từ trang đầu.", "invalid_cursor"
        )
    return value, pk


def count(queryset, arms=()):
    """The number of rows of a listing. With `arms` (a site's own pages, the copies it accepted), each arm is
    counted apart: through their OR PostgreSQL counted a site's pages by scanning both page tables whole (1.3 s at a
    million pages, 161 ms by arms; docs/performance.md). The copies' arm leaves out the site's own pages, so
    that nothing is counted twice."""
    if len(arms) < 2:
        return queryset.count()
    own, *others = arms
    return queryset.filter(own).count() + sum(queryset.filter(arm).exclude(own).count() for arm in others)


class CursorPagination(WagtailPagination):
    """Wagtail's pagination and its errors, with `meta.next` and `?after=`."""

    def paginate_queryset(self, queryset, request, view=None):
        order = listing_order(queryset)
        cursor = request.GET.get("after")
        if cursor is not None:
            if order is None:
                raise APIError(
                    "Tham số after chỉ dùng được khi sắp xếp theo một trường, không dùng với search hay random.",
                    "cursor_needs_order",
                )
            if "offset" in request.GET:
                raise APIError("Không dùng after cùng với offset.", "conflicting_pagination")
        self.next = None
        if order is None:
            return super().paginate_queryset(queryset, request, view)
        queryset = queryset.order_by(*order.order_by())
        # Wagtail's own reading of limit and offset (and its errors), given an empty queryset: its count of that
        # costs no query, and the listing is counted below.
        sliced = super().paginate_queryset(queryset.none(), request, view)
        start, limit = sliced.query.low_mark, sliced.query.high_mark - sliced.query.low_mark
        arms = getattr(getattr(view, "scope", None), "arms", ())
        self.total_count = count(queryset, arms)
        if cursor is not None:
            queryset, start = queryset.filter(order.after(*decode(order, cursor))), 0
        # One row more than asked tells whether a next page exists, without another query.
        rows = window(queryset, start, limit + 1, arms) if limit else []
        if len(rows) > limit:
            self.next = encode(order, rows[limit - 1])
        return rows[:limit]

    def get_paginated_response(self, data):
        meta = OrderedDict([("total_count", self.total_count), ("next", self.next)])
        return Response(OrderedDict([("meta", meta), ("items", data)]))
