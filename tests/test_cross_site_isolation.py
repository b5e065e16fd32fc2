"""Every role of the city, a department and a ward, against the other two sites' drafts, snippets and media.

None may see another site's drafts, edit them, approve them or publish them (Quy chế Art. 8.7-8.9, 14).
"""

import itertools

import pytest

from django.urls import reverse

from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import TaskState

from home.models import ArticlePage, Notice, SectionPage

from .conftest import CITY, DONG_DA, SO_TAI_CHINH, refused

pytestmark = pytest.mark.django_db

SITES = (CITY, SO_TAI_CHINH, DONG_DA)
ROLES = ("editor", "reviewer", "board_head", "site_admin")


@pytest.fixture
def content(unit, member_of):
    """On each site: a draft in its board's queue, an image and a notice."""
    made = {}
    for code in SITES:
        site_unit = unit(code)
        news = SectionPage.objects.child_of(site_unit.site.root_page).get(section_key="news")
        draft = news.add_child(
            instance=ArticlePage(
                title=f"Bản nháp mật {code}", author="A", source_agency="B", live=False, slug=f"ban-nhap-{code}"
            )
        )
        draft.save_revision(user=member_of(code, "editor"))
        draft.get_workflow().start(draft, member_of(code, "editor"))
        made[code] = {
            "draft": draft,
            "task_state": TaskState.objects.get(workflow_state__object_id=str(draft.pk), status="in_progress"),
            "image": Image.objects.create(
                title=f"Ảnh {code}", file=get_test_image_file(), collection=site_unit.collection
            ),
            "notice": Notice.objects.create(unit=site_unit, title=f"Thông báo {code}"),
        }
    return made


@pytest.mark.parametrize(("actor_site", "role"), list(itertools.product(SITES, ROLES)))
def test_no_role_reaches_another_sites_drafts_snippets_or_media(client, member_of, content, actor_site, role):
    actor = member_of(actor_site, role)
    client.force_login(actor)
    for target_site in SITES:
        if target_site == actor_site:
            continue
        target = content[target_site]
        draft, state = target["draft"], target["task_state"]

        assert refused(client.get(reverse("wagtailadmin_pages:edit", args=[draft.pk])))
        assert refused(client.get(reverse("wagtailadmin_pages:preview_on_edit", args=[draft.pk])))
        client.post(
            reverse("wagtailadmin_pages:edit", args=[draft.pk]),
            {"title": "Chiếm quyền", "slug": draft.slug, "action-publish": "action-publish"},
        )
        client.post(reverse("wagtailadmin_pages:workflow_action", args=[draft.pk, "approve", state.pk]), {})
        assert refused(client.get(reverse("wagtailimages:edit", args=[target["image"].pk])))
        assert refused(client.get(reverse("wagtailsnippets_home_notice:edit", args=[target["notice"].pk])))

        search = client.get(reverse("wagtailadmin_pages:search"), {"q": "Bản nháp mật"}).content.decode()
        assert f"Bản nháp mật {target_site}" not in search
        assert state.pk not in {s.pk for s in TaskState.objects.reviewable_by(actor)}

        draft.refresh_from_db()
        state.refresh_from_db()
        assert (draft.title, draft.live, state.status) == (f"Bản nháp mật {target_site}", False, "in_progress")
        assert not draft.get_latest_revision().content["title"].startswith("Chiếm")
