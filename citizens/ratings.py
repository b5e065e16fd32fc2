"""Ratings of a page (Decree 224 Art. 10): four aspects of the Quy chế from 1 to 5 and an optional comment,
anonymous, one per browser per page per day; aggregated per page, site and month for that site's board."""

import hashlib
import hmac
import secrets
from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models import Avg, Count
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop

from wagtail.models import Page

from sites.models import Unit
from sites.working_time import HANOI
from syndication.copies import shown_on

from . import defences
from .forms import clean_text
from .models import PageRating

ASPECTS = (("interface", "Giao diện"), ("content", "Nội dung"), ("quality", "Chất lượng"), ("support", "Hỗ trợ"))
SCORES = [(value, str(value)) for value in range(1, 6)]
COOKIE = "portal_rater"
COOKIE_SALT = "citizens.ratings"
# Said in the rated page's language (locale/en for the English portal): the view activates it.
ALREADY = gettext_noop("Ông/Bà đã đánh giá trang này hôm nay. Mỗi trình duyệt đánh giá một trang một lần mỗi ngày.")


class RatingForm(forms.Form):
    interface = forms.TypedChoiceField(label="Giao diện", choices=SCORES, coerce=int, widget=forms.RadioSelect)
    content = forms.TypedChoiceField(label="Nội dung", choices=SCORES, coerce=int, widget=forms.RadioSelect)
    quality = forms.TypedChoiceField(label="Chất lượng", choices=SCORES, coerce=int, widget=forms.RadioSelect)
    support = forms.TypedChoiceField(label="Hỗ trợ", choices=SCORES, coerce=int, widget=forms.RadioSelect)
    comment = forms.CharField(label="Góp ý (nếu có)", max_length=1000, required=False, widget=forms.Textarea)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            aspect = {"aspect": gettext(field.label)}
            field.error_messages["required"] = gettext("Chọn mức điểm cho “%(aspect)s”.") % aspect
            field.error_messages["invalid_choice"] = gettext("“%(aspect)s”: điểm từ 1 đến 5.") % aspect
        self.fields["comment"].error_messages["max_length"] = gettext("Góp ý tối đa %(limit_value)d ký tự.")

    def clean_comment(self):
        return clean_text(self.cleaned_data.get("comment", ""))


def rater_id(request):
    """The browser's random id from its signed cookie, or a new one (the caller sets the cookie)."""
    try:
        return request.get_signed_cookie(COOKIE, salt=COOKIE_SALT), False
    except (KeyError, signing.BadSignature):
        return secrets.token_hex(16), True


def browser_token(rater, page_id, day):
    text = f"{rater}:{page_id}:{day.isoformat()}"
    return hmac.new(settings.SECRET_KEY.encode(), text.encode(), hashlib.sha256).hexdigest()


def record(page, unit, rater, data, now=None):
    """Store one rating; False when this browser already rated this page today."""
    day = (now or timezone.now()).astimezone(HANOI).date()
    try:
        with transaction.atomic():
            PageRating.objects.create(
                page=page, unit=unit, rated_on=day, browser_token=browser_token(rater, page.pk, day), **data
            )
    except IntegrityError:
        return False
    return True


def rated_page(page_id, site):
    """The live public page with this id that `site` shows (its own, or a copy it accepted) and the unit whose page
    it is, or (None, None): a page is rated on a site that shows it, never through another site's address."""
    return shown_on(site, Page.objects.live().public(), page_id)


@dataclass
class Rated:
    """What became of one posted rating: stored (201) or refused with its status and Vietnamese reason."""

    form: RatingForm
    status: int
    refusal: str = ""
    rater: str = ""
    new_rater: bool = False
    day: object = None


def receive(request, page, unit):
    """Check and store the rating posted in `request` (the public form and the API share it)."""
    form = RatingForm(request.POST)
    try:
        defences.check_rating_request(request)
    except defences.Refused as refusal:
        return Rated(form, refusal.status, refusal=str(refusal))
    if not form.is_valid():
        return Rated(form, 400)
    rater, new = rater_id(request)
    now = timezone.now()
    if not record(page, unit, rater, form.cleaned_data, now):
        return Rated(form, 409, refusal=gettext(ALREADY))
    return Rated(form, 201, rater=rater, new_rater=new, day=now.astimezone(HANOI).date())


def remember(request, response, rated):
    """Give a browser that rated for the first time its signed random id (one rating per page a day)."""
    if rated.new_rater:
        response.set_signed_cookie(
            COOKIE,
            rated.rater,
            salt=COOKIE_SALT,
            max_age=365 * 86400,
            httponly=True,
            samesite="Lax",
            secure=request.is_secure(),
        )


def summary(unit_ids):
    """Per month and page, and per month for each site: how many ratings and the mean of each aspect."""
    ratings = PageRating.objects.all() if unit_ids is None else PageRating.objects.filter(unit_id__in=unit_ids)
    means = {f"{name}_mean": Avg(name) for name, _label in ASPECTS}
    by_page = (
        ratings.annotate(month=TruncMonth("rated_on"))
        .values("month", "unit_id", "page_id", "page__title")
        .annotate(count=Count("pk"), **means)
        .order_by("-month", "-count", "page_id")
    )
    by_site = (
        ratings.annotate(month=TruncMonth("rated_on"))
        .values("month", "unit_id")
        .annotate(count=Count("pk"), **means)
        .order_by("-month", "unit_id")
    )
    units = {unit.pk: unit.display_name for unit in Unit.objects.filter(pk__in={row["unit_id"] for row in by_site})}
    return list(by_page[:500]), [{**row, "unit": units.get(row["unit_id"], "")} for row in by_site]
