"""Syndication between the city portal and its component sites (Quy chế Art. 12.1).

A copy is a `Placement` row, not a page: the target site shows the source page's live content through it, so a
republished source is current everywhere at once and an unpublished or deleted source takes its copies offline in
one UPDATE. Trade-offs against page rows and Wagtail aliases: docs/syndication.md.

Who may do what, checked here whatever the request:
- offer, propose up, revoke: whoever may edit the source page (its own site's editors and board);
- accept, decline, unlink: the target site's board (reviewer or head) and the operating unit;
- pull (re-post from the feed): the target site's editors and board; an editor's pull waits for the board.
"""

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from wagtail.actions.copy_page import CopyPageAction
from wagtail.models import Page, get_page_models

from home.models import SectionPage
from home.models.listing import listed_types
from home.sections import SectionKey
from sites.models import Unit
from sites.naming import free_slug, vietnamese_slug
from sites.ownership import is_operator, roles_by_unit
from sites.roles import BOARD_ROLES

from .models import Placement, Subscription
from .signals import copies_shown, copies_withdrawn

State = Placement.State


class SyndicationError(Exception):
    """Something an editor asked that cannot be done; the message is shown to them as is."""


# -- who may act ---------------------------------------------------------------------------------------------------


def sits_on_board(user, unit_id):
    return is_operator(user) or (user.is_active and bool(roles_by_unit(user).get(unit_id, set()) & BOARD_ROLES))


def works_for(user, unit_id):
    return is_operator(user) or (user.is_active and unit_id in roles_by_unit(user))


def can_edit_source(user, page):
    return page is not None and user.is_active and page.permissions_for_user(user).can_edit()


def _require(allowed):
    if not allowed:
        raise SyndicationError(_("Bạn không có quyền thực hiện thao tác này trên bài đăng lại."))


# -- offering ------------------------------------------------------------------------------------------------------

TARGET_GROUPS = {
    "wards": Q(kind__in=[Unit.Kind.WARD, Unit.Kind.COMMUNE]),
    "departments": Q(kind=Unit.Kind.DEPARTMENT),
    "city": Q(kind=Unit.Kind.CITY),
    # One kind of unit alone.
    "ward": Q(kind=Unit.Kind.WARD),
    "commune": Q(kind=Unit.Kind.COMMUNE),
}


def target_units(group="", codes=()):
    """The units a group name ("wards", "departments", "city", "ward", "commune") or a list of codes stands for."""
    if group:
        if group not in TARGET_GROUPS:
            raise SyndicationError(_("Không có nhóm trang nhận “%(group)s”.") % {"group": group})
        return Unit.objects.filter(TARGET_GROUPS[group], site__isnull=False)
    found = Unit.objects.filter(code__in=codes, site__isnull=False)
    unknown = set(codes) - set(found.values_list("code", flat=True))
    if unknown:
        raise SyndicationError(_("Không có đơn vị mã %(codes)s.") % {"codes": ", ".join(sorted(unknown))})
    return found


def shareable(page_type):
    """Whether pages of this type may be shown on other sites: the types listings and feeds show (`listed`), unless the
    type belongs to its own site alone (`shareable = False`: a draft put out for comments is its drafting unit's,
    whose board moderates the comments; a copy elsewhere would take comments the copying site cannot see)."""
    return getattr(page_type, "listed", False) and getattr(page_type, "shareable", True)


def shareable_types():
    """Q for the page types `shareable` admits (the pages other sites may pick from)."""
    kept = listed_types()
    for model in get_page_models():
        if not getattr(model, "shareable", True):
            kept &= ~Q(content_type__app_label=model._meta.app_label, content_type__model=model._meta.model_name)
    return kept


def _require_shareable(page_type):
    if not getattr(page_type, "listed", False):
        raise SyndicationError(_("Loại trang này không chia sẻ được; hãy chia sẻ bài viết, thông báo, văn bản."))
    if not shareable(page_type):
        raise SyndicationError(
            _("Trang này chỉ đăng trên trang của chính đơn vị (người dân góp ý tại đó), không chia sẻ sang trang khác.")
        )


def check_syndicatable(page):
    page = page.specific
    if not (page.live and page.get_view_restrictions().count() == 0):
        raise SyndicationError(_("Chỉ chia sẻ được bài đã xuất bản công khai."))
    _require_shareable(type(page))
    return page


def offer(page, units, user, origin=Placement.Origin.PUSH):
    """Offer a published page to these units' boards; units already offered it keep their state. Returns the new."""
    page = check_syndicatable(page)
    source_unit = Unit.for_page(page)
    _require(source_unit is not None and (user is None or can_edit_source(user, page)))
    already = set(Placement.objects.filter(source=page).values_list("target_unit_id", flat=True))
    new = [
        Placement(
            source=page,
            source_unit=source_unit,
            source_title=page.title,
            source_url=page.full_url,
            target_unit=unit,
            origin=origin,
            offered_by=user,
        )
        for unit in units
        if unit.pk != source_unit.pk and unit.pk not in already
    ]
    return Placement.objects.bulk_create(new)


def propose_to_city(page, user):
    """A component site proposes one of its published articles to the city board."""
    city = Unit.objects.get(kind=Unit.Kind.CITY)
    if Unit.for_page(page) == city:
        raise SyndicationError(_("Bài này đã ở trên Cổng Thành phố."))
    created = offer(page, [city], user, origin=Placement.Origin.PROPOSE)
    if not created:
        raise SyndicationError(_("Bài này đã được đề xuất lên Cổng Thành phố."))
    return created[0]


def pull(page, unit, user, section=None):
    """A site re-posts an item of the feed: an offer to its own board, accepted at once when a board member pulls."""
    _require(works_for(user, unit.pk))
    if Unit.for_page(page) == unit:
        raise SyndicationError(_("Bài này đã là bài của chính trang mình."))
    placement = Placement.objects.filter(source=page, target_unit=unit).first()
    if placement is None:
        placement = offer(page, [unit], None, origin=Placement.Origin.PULL)[0]
        placement.offered_by = user
        placement.save(update_fields=["offered_by"])
    if sits_on_board(user, unit.pk) and placement.state == State.OFFERED:
        accept(placement, user, section=section)
    return placement


def offer_to_subscribers(page):
    """A new city article in a followed category arrives, as an offer, on every site following that category."""
    category_id = getattr(page.specific, "category_id", None)
    unit = Unit.for_page(page)
    if not category_id or unit is None or unit.kind != Unit.Kind.CITY:
        return []
    subscribers = list(Unit.objects.filter(subscriptions__category_id=category_id, site__isnull=False))
    return offer(page, subscribers, None, origin=Placement.Origin.SUBSCRIPTION) if subscribers else []


def subscribe(unit, category, user):
    _require(sits_on_board(user, unit.pk))
    return Subscription.objects.get_or_create(unit=unit, category=category)[0]


# -- the target board's decisions -----------------------------------------------------------------------------------


def news_section(unit):
    return SectionPage.objects.filter(
        path__startswith=unit.site.root_page.path, depth=3, section_key=SectionKey.NEWS
    ).first()


def _free_slug(section, wanted):
    taken = set(Page.objects.child_of(section).values_list("slug", flat=True))
    taken |= set(Placement.objects.filter(section=section, state=State.ACCEPTED).values_list("slug", flat=True))
    return free_slug(vietnamese_slug(wanted) or "bai", taken)


def accept(placement, user, section=None, live_at=None):
    """The target board takes the offer into one of its sections, shown from `live_at` (now when not given)."""
    _require(sits_on_board(user, placement.target_unit_id))
    if placement.state != State.OFFERED:
        raise SyndicationError(
            _("Bài này không còn chờ nhận (trạng thái: %(state)s).") % {"state": placement.get_state_display()}
        )
    if placement.source is None or not placement.source.live:
        raise SyndicationError(_("Bài gốc đã gỡ xuống nên không nhận được."))
    _require_shareable(placement.source.specific_class)  # an offer made before its type was kept to its own site
    section = section or news_section(placement.target_unit)
    target_root = placement.target_unit.site.root_page
    if not isinstance(section, SectionPage) or not section.path.startswith(target_root.path):
        raise SyndicationError(_("Hãy chọn một chuyên mục của chính trang mình."))
    now = timezone.now()
    with transaction.atomic():
        placement.section = section
        placement.slug = _free_slug(section, placement.source.slug)
        placement.live_at = max(live_at or now, now)
        placement.state, placement.decided_by, placement.decided_at = State.ACCEPTED, user, now
        placement.announced = placement.live_at <= now
        placement.save()
        if placement.announced:
            announce([placement])
    return placement


def decline(placement, user, reason):
    _require(sits_on_board(user, placement.target_unit_id))
    if placement.state != State.OFFERED:
        raise SyndicationError(_("Bài này không còn chờ nhận."))
    if not reason.strip():
        raise SyndicationError(_("Hãy ghi lý do từ chối để trang nguồn được biết."))
    _close(placement, State.DECLINED, user, reason)


def revoke(placement, user, reason=""):
    """The source site takes its article back from one target: offered or shown, it is gone from there."""
    _require(can_edit_source(user, placement.source))
    if not placement.revocable:
        raise SyndicationError(_("Bài này không còn ở trang đó để thu hồi."))
    _close(placement, State.REVOKED, user, reason.strip() or _("Trang nguồn thu hồi bài."))


def unlink(placement, user):
    """The target keeps its own editable page, a copy of the source as it is now, which no longer follows it.

    Only what the source's board approved goes over: the live content, without the source's revisions, whose latest
    may be a draft nobody approved (an embargoed text) and whose history is the source site's business.
    """
    _require(sits_on_board(user, placement.target_unit_id))
    if placement.state != State.ACCEPTED or placement.source is None or placement.section is None:
        raise SyndicationError(_("Chỉ tách được bài đang đăng lại."))
    with transaction.atomic():
        slug = placement.slug
        _close(placement, State.UNLINKED, user, "")
        fork = CopyPageAction(
            placement.source.specific,
            to=placement.section,
            update_attrs={"slug": slug},
            keep_live=placement.live_at <= timezone.now(),
            copy_revisions=False,
            user=user,
        ).execute(skip_permission_checks=True)
        placement.forked_page = fork
        placement.save(update_fields=["forked_page"])
    return fork


def _close(placement, state, user, reason):
    was_shown = placement.state == State.ACCEPTED
    placement.state, placement.decided_by, placement.decided_at, placement.reason = state, user, timezone.now(), reason
    with transaction.atomic():
        placement.save()
        if was_shown:
            withdraw([placement])


# -- keeping copies in step with their source -----------------------------------------------------------------------


def announce(placements):
    """Copies that have just gone live, or are shown anew: search finds them, caches refresh (signals.py)."""
    placements = list(placements)
    Placement.objects.filter(pk__in=[p.pk for p in placements if not p.announced]).update(announced=True)
    copies_shown.send(sender=Placement, placements=placements)


def withdraw(placements):
    copies_withdrawn.send(sender=Placement, placements=list(placements))


def announce_due(now=None):
    """Scheduled copies whose time has come (run by the scheduler with Wagtail's scheduled publishing)."""
    due = list(Placement.objects.filter(state=State.ACCEPTED, announced=False, live_at__lte=now or timezone.now()))
    if due:
        announce(due)
    return len(due)


def source_published(page):
    """A republished source is current on every copy at once; copies taken offline by its unpublishing return."""
    returning = list(Placement.objects.filter(source=page, state=State.WITHDRAWN))
    Placement.objects.filter(pk__in=[p.pk for p in returning]).update(state=State.ACCEPTED, reason="")
    # Both the copies shown all along and those back now were announced before: shown anew, no state to change.
    shown = list(Placement.objects.filter(source=page, state=State.ACCEPTED, announced=True))
    if shown:
        announce(shown)
    offer_to_subscribers(page)


def restriction_changed(page, restricted):
    """`page` was made private (or public again): its copies and those of the pages below it leave (or return)."""
    placements = Placement.objects.filter(source__path__startswith=page.path, state=State.ACCEPTED)
    if restricted:
        withdraw(placements)
    else:
        announce(placements.filter(announced=True))


def source_gone(page, state, reason):
    """The source was unpublished (state WITHDRAWN) or deleted (SOURCE_DELETED): its copies leave every site."""
    affected = Placement.objects.filter(source=page, state__in=[State.OFFERED, State.ACCEPTED, State.WITHDRAWN])
    shown = list(affected.filter(state=State.ACCEPTED))
    if state == State.WITHDRAWN:
        affected = affected.filter(state=State.ACCEPTED)
    affected.update(state=state, reason=reason)
    withdraw(shown)
