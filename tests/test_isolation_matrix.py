"""The isolation matrix: every admin URL, filled with another unit's objects, for every role of three units.

The URL patterns are read from the URLconf (everything under `admin/`), so a new admin view is requested too; a
pattern that cannot be filled is listed in SKIPPED with its reason. Each pattern's parameters are filled with
objects of Cầu Giấy (a ward none of the actors serves): a draft page in its board's queue, a private page, a page
whose unpublished draft has a new title, notices, officials, contact cards, a search pin, an image, a document, a
syndication placement, a member of staff, an upload, an editing session, a translation, and their log entries.
Patterns that take no object (listings, reports, choosers, searches) are requested as they are and with
`?q=kinmat`, the word every foreign title shares.

Each foreign object's secret text carries "zqv" (titles of drafts and private pages, the draft title of a live
page, snippet names, media titles, the staff member's name, log entries, a citizen's question and comment on a
draft): a response passes when it is refused or when its body contains none of the secret words (SECRET). Views
that act on one foreign object are also POSTed to, and nothing of the foreign unit may change.
"""

import json
import os
import re
from datetime import timedelta
from urllib.parse import urlencode

import pytest

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.resolvers import RoutePattern
from django.utils import timezone

from wagtail.admin.models import EditingSession
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.log_actions import log
from wagtail.models import (
    Collection,
    GroupSitePermission,
    Locale,
    Page,
    PageViewRestriction,
    Site,
    Task,
    TaskState,
    UploadedFile,
    Workflow,
    WorkflowState,
)
from wagtail_localize.models import StringSegment, Translation, TranslationSource

from citizens import questions
from citizens.models import DraftComment, DraftDocumentPage, PageRating, Question, QuestionAttachment
from compliance.models import DailyFigure, DeadlineItem
from home.models import ArticlePage, Category, ContactCard, Field, Notice, Official, SectionPage, SiteIdentity
from operations.models import MaintenanceWindow
from search.models import SearchPromotion
from sites.models import Unit
from syndication.models import Placement

from .conftest import CAU_GIAY, CITY, DONG_DA, HOAN_KIEM, SO_TAI_CHINH, figures, refused

pytestmark = pytest.mark.django_db

# The foreign objects' secret words; whole words, since random tokens in a page (CSRF, ids) may contain "zqv".
SECRET = re.compile(
    rb"zqv(?:draft|private|pending|notice|official|chuc|card|image|document|pin|placement|staff|nguoi|truong|head"
    rb"|redirect|file|upload|deadline|identity|question|asker|rating|comment)"
)
SEARCH_WORD = "kinmat"
# Every role of a ward; of a department the two that hold most (the board head publishes, the site admin runs the
# site): a department's roles are the same templates as a ward's (sites/roles.py SITE_ROLES), which
# test_a_departments_roles_grant_what_a_wards_grant asserts, so its editor and reviewer would repeat the ward's checks.
ROLES = ("editor", "reviewer", "board_head", "site_admin")
ACTORS = [(DONG_DA, role) for role in ROLES]
ACTORS += [(SO_TAI_CHINH, "board_head"), (SO_TAI_CHINH, "site_admin"), (CITY, "editor")]

# Views that act on one object when POSTed to (confirmations, workflow actions, bulk actions): POSTed to as well.
CONFIRMS = re.compile(
    r"delete|unpublish|move|copy|lock|unlock|revert|unschedule|workflow|convert_alias|privacy|set_page_position|"
    r"enable|disable|remove|bulk|suspend|reinstate|reset|release|submit|stop_translation|machine_translate|update|"
    r"citizen_questions:(?:route|close|draft)|citizen_comments:(?:approve|reject)"
)
# Written to as the matrix runs, when set (the run is long; failures are readable before it ends).
LOG = os.environ.get("ISOLATION_MATRIX_LOG")
# A regular expression on pattern names, to rerun part of the matrix while fixing a view (never set in CI).
ONLY = re.compile(os.environ.get("ISOLATION_MATRIX_ONLY", ""))

# Patterns the matrix does not request, and why. Everything else under admin/ is requested.
SKIPPED = {
    "": "unnamed: Wagtail's test404 and its catch-all 404 pattern",
    "wagtailadmin_logout": "ends the actor's session; it shows nothing",
    "wagtailadmin_login": "the login form, before any unit is known",
    "wagtailadmin_sprite": "the icon sprite, static",
    "wagtailadmin_javascript_catalog": "static translations",
    "wagtail_localize:javascript_catalog": "static translations",
    "wagtailadmin_password_reset": "before login: no unit",
    "wagtailadmin_password_reset_done": "before login: no unit",
    "wagtailadmin_password_reset_confirm": "before login: needs a token of the account's own e-mail",
    "wagtailadmin_password_reset_complete": "before login: no unit",
    "wagtailadmin_error_test": "Wagtail's deliberate server error page (raises on purpose)",
    "wagtail_localize:edit_override": "a page's overridable segments need a synchronised field; none here",
}
# Views of one translation need its target page, in a translation tree of the source's site; only the city has one
# (its English portal), which the city's own staff may see: no foreign translation can be made for the actors.
SKIPPED.update(
    dict.fromkeys(
        [
            "wagtail_localize:edit_string_translation",
            "wagtail_localize:download_pofile",
            "wagtail_localize:upload_pofile",
            "wagtail_localize:machine_translate",
            "wagtail_localize:preview_translation",
            "wagtail_localize:stop_translation",
        ],
        "needs a translation tree of another unit's site; only the city has one",
    )
)


# ---------------------------------------------------------------------------------------------------------- patterns


def admin_patterns():
    """(route, name, parameter names) of every URL pattern under admin/, read from the URLconf."""

    def walk(patterns, route, namespace, params):
        for pattern in patterns:
            names = (
                list(pattern.pattern.converters)
                if isinstance(pattern.pattern, RoutePattern)
                else list(pattern.pattern.regex.groupindex)
            )
            if isinstance(pattern, URLResolver):
                inner = ":".join(filter(None, [namespace, pattern.namespace])) or None
                yield from walk(pattern.url_patterns, route + str(pattern.pattern), inner, params + names)
            elif isinstance(pattern, URLPattern):
                name = f"{namespace}:{pattern.name}" if namespace and pattern.name else (pattern.name or "")
                yield route + str(pattern.pattern), name, tuple(params + names)

    return [item for item in walk(get_resolver().url_patterns, "", None, []) if item[0].startswith("admin/")]


# ----------------------------------------------------------------------------------------------------- foreign unit


def section(unit, key="news"):
    return SectionPage.objects.child_of(unit.site.root_page).get(section_key=key)


def make_foreign_objects():
    """Everything of Cầu Giấy the actors must not see; one set for the whole matrix."""
    cau_giay, hoan_kiem = (Unit.objects.select_related("site", "collection").get(code=c) for c in (CAU_GIAY, HOAN_KIEM))
    user_model = get_user_model()
    staff = user_model.objects.create_user("zqvstaff", password="x", first_name="Kinmat", last_name="Zqvnguoi")
    staff.groups.add(cau_giay.roles.get(role="editor").group)
    head = user_model.objects.create_user("zqvhead", password="x", first_name="Zqvtruong", last_name="Ban")
    head.groups.add(cau_giay.roles.get(role="board_head").group)
    news = section(cau_giay)

    def article(title, **fields):
        page = news.add_child(instance=ArticlePage(title=title, author="A", source_agency="B", **fields))
        return page

    draft = article(f"Bản nháp {SEARCH_WORD} zqvdraft", live=False)
    draft.save_revision(user=staff)
    draft.save_revision(user=staff)
    draft.get_workflow().start(draft, staff)
    private = article(f"Trang riêng {SEARCH_WORD} zqvprivate")
    private.save_revision(user=staff).publish(user=head)
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="mk")
    pending = article("Tin công khai Cầu Giấy về lễ hội")
    pending.save_revision(user=staff).publish(user=head)
    pending.title = f"Sửa đổi {SEARCH_WORD} zqvpending"
    pending.save_revision(user=staff)
    pending.refresh_from_db()
    pending.locked, pending.locked_by = True, staff
    pending.save(update_fields=["locked", "locked_by"], clean=False)

    notice = Notice.objects.create(unit=cau_giay, title=f"Thông báo {SEARCH_WORD} zqvnotice")
    official = Official.objects.create(unit=cau_giay, name=f"Cán bộ {SEARCH_WORD} zqvofficial", position="Zqvchuc")
    card = ContactCard.objects.create(unit=cau_giay, title=f"Đầu mối {SEARCH_WORD} zqvcard")
    image = Image.objects.create(
        title=f"Ảnh {SEARCH_WORD} zqvimage", file=get_test_image_file(), collection=cau_giay.collection
    )
    document = Document.objects.create(
        title=f"Tài liệu {SEARCH_WORD} zqvdocument",
        file=ContentFile(b"noi dung", name="zqvfile.txt"),
        collection=cau_giay.collection,
    )
    pin = SearchPromotion.objects.create(unit=cau_giay, query=f"{SEARCH_WORD} zqvpin", page=pending)
    placement = Placement.objects.create(
        source=pending,
        source_unit=cau_giay,
        source_title=f"Bài {SEARCH_WORD} zqvplacement",
        source_url="https://caugiay.example/",
        target_unit=hoan_kiem,
        offered_by=staff,
    )
    for instance in (notice, official, card, image, document, pin):
        log(instance=instance, action="wagtail.create", user=staff)
    log(instance=draft, action="wagtail.edit", user=staff)
    upload = UploadedFile.objects.create(file=ContentFile(b"x", name="zqvupload.txt"), uploaded_by_user=staff)
    session = EditingSession.objects.create(
        user=staff, content_object=draft.page_ptr, last_seen_at=draft.latest_revision_created_at
    )

    source, _ = TranslationSource.get_or_create_from_instance(draft)
    translation = Translation.objects.create(source=source, target_locale=Locale.objects.get(language_code="en"))

    # Its figures and an item that missed its deadline (compliance/): only its own admin, board and operators see them.
    DailyFigure.objects.create(unit=cau_giay, day=timezone.localdate(), working_day=True, published=1)
    DeadlineItem.objects.create(
        unit=cau_giay,
        page=draft,
        kind="plan",
        title="Kế hoạch zqvdeadline",
        own_date=timezone.localdate(),
        published_on=timezone.localdate(),
        delay=12,
        limit=10,
    )
    redirect = Redirect.objects.create(old_path="/zqvredirect", site=cau_giay.site, redirect_page=draft)
    # The ward's identity (footer, contact page): only its own site admin and the operators may open or change it.
    SiteIdentity.objects.update_or_create(
        site=cau_giay.site, defaults={"responsible_person": "Zqvidentity Nguyễn", "phone": "024 0000 0000"}
    )
    task_state = TaskState.objects.get(workflow_state__object_id=str(draft.pk), status="in_progress")
    # Portal-wide and public once announced; only operators may change it.
    window = MaintenanceWindow.objects.create(
        starts_at=timezone.now() + timedelta(days=30), ends_at=timezone.now() + timedelta(days=31), message="Nâng cấp"
    )
    question = questions.submit(
        unit=cau_giay,
        name="Zqvasker",
        email="zqvasker@example.vn",
        field="ho-tich",
        title=f"Hỏi {SEARCH_WORD} zqvquestion",
        text="Zqvquestion",
        attachments=[],
    )
    attachment = QuestionAttachment.objects.create(
        question=question,
        file=ContentFile(b"%PDF-1.4 zqvfile", name="zqvfile.pdf"),
        original_name="zqvfile.pdf",
        content_type="application/pdf",
        size=8,
    )
    PageRating.objects.create(
        page=pending,
        unit=cau_giay,
        rated_on=timezone.now().date(),
        interface=1,
        content=1,
        quality=1,
        support=1,
        comment=f"Góp ý {SEARCH_WORD} zqvrating",
        browser_token="zqv",
    )
    # A draft open for comments (public, like any live page) and a comment its board has not yet seen.
    draft_document = section(cau_giay, "legal_documents").add_child(
        instance=DraftDocumentPage(
            title="Dự thảo quy định của Cầu Giấy",
            drafting_unit="Văn phòng",
            abstract="Tóm tắt",
            opens_on=timezone.localdate(),
            closes_on=timezone.localdate() + timedelta(days=30),
        )
    )
    comment = DraftComment.objects.create(
        page=draft_document,
        unit=cau_giay,
        name="Zqvcomment Nguyễn",
        email="zqvcomment@example.vn",
        text=f"Góp ý {SEARCH_WORD} zqvcomment",
        consent_at=timezone.now(),
    )
    return {
        "question": question,
        "attachment": attachment,
        "draft_document": draft_document,
        "comment": comment,
        "maintenance_window": window,
        "unit": cau_giay,
        "pages": {"draft": draft, "private": private, "pending": pending},
        "section": news,
        "snippets": {"notice": notice, "official": official, "contactcard": card, "searchpromotion": pin},
        "image": image,
        "document": document,
        "placement": placement,
        "staff": staff,
        "task_state": task_state,
        "redirect": redirect,
        "workflow_state": task_state.workflow_state,
        "upload": upload,
        "session": session,
        "source": source,
        "translation": translation,
        "string_segment": StringSegment.objects.filter(source=source).first(),
    }


def fingerprint(foreign):
    """What a refused POST must leave untouched."""
    pages = list(
        Page.objects.filter(pk__in=[page.pk for page in foreign["pages"].values()])
        .order_by("pk")
        .values_list("title", "draft_title", "live", "locked", "path", "latest_revision_id", "has_unpublished_changes")
    )
    unit = foreign["unit"]
    return (
        pages,
        Page.objects.descendant_of(unit.site.root_page).count(),
        PageViewRestriction.objects.filter(page__in=[p.pk for p in foreign["pages"].values()]).count(),
        [str(snippet) for snippet in (Notice.objects.filter(unit=unit), Official.objects.filter(unit=unit))],
        list(ContactCard.objects.filter(unit=unit).values_list("title", flat=True)),
        list(SearchPromotion.objects.filter(unit=unit).values_list("query", "page_id")),
        list(Image.objects.filter(collection=unit.collection).values_list("title", "collection_id")),
        list(Document.objects.filter(collection=unit.collection).values_list("title", "collection_id")),
        list(Placement.objects.filter(source_unit=unit).values_list("state", "target_unit_id")),
        list(TaskState.objects.filter(pk=foreign["task_state"].pk).values_list("status")),
        list(WorkflowState.objects.filter(pk=foreign["workflow_state"].pk).values_list("status")),
        list(
            get_user_model()
            .objects.filter(pk=foreign["staff"].pk)
            .values_list("is_active", "username", "first_name", "groups")
        ),
        Collection.objects.filter(pk=unit.collection_id).exists(),
        Site.objects.filter(pk=unit.site_id).exists(),
        list(SiteIdentity.objects.filter(site=unit.site_id).values_list("responsible_person", "phone", "logo_id")),
        list(UploadedFile.objects.filter(pk=foreign["upload"].pk).values_list("pk")),
        list(Question.objects.filter(pk=foreign["question"].pk).values_list("status", "unit_id", "answer_page_id")),
        list(DraftComment.objects.filter(unit=unit).values_list("status", "moderated_by")),
    )


# -------------------------------------------------------------------------------------------------------- filling


def fillings(name, params, foreign):
    """The URL kwargs (and query strings) to request a pattern with; [] if it takes no object."""
    pages = list(foreign["pages"].values())
    draft, pending = foreign["pages"]["draft"], foreign["pages"]["pending"]
    snippets = foreign["snippets"]
    namespace = name.split(":")[0]
    by_param = {
        "page_id": [{"page_id": page.pk} for page in pages],
        "parent_page_id": [{"parent_page_id": page.pk} for page in [*pages, foreign["section"]]],
        "page_to_move_id": [{"page_to_move_id": page.pk} for page in pages],
        "page_pk": [{"page_pk": page.pk} for page in pages],
        "image_id": [{"image_id": foreign["image"].pk}],
        "document_id": [{"document_id": foreign["document"].pk}],
        "doc_id": [{"doc_id": foreign["document"].pk}],
        "uploaded_file_id": [{"uploaded_file_id": foreign["upload"].pk}],
        "collection_id": [{"collection_id": foreign["unit"].collection_id}],
        "translation_source_id": [{"translation_source_id": foreign["source"].pk}],
        "translation_id": [{"translation_id": foreign["translation"].pk}],
        "redirect_id": [{"redirect_id": foreign["redirect"].pk}],
        "task_id": [{"task_id": foreign["task_state"].task_id}],
        "unit_id": [{"unit_id": foreign["unit"].pk}],
        "token": [{"token": foreign["attachment"].token}],
        "draft_id": [{"draft_id": foreign["draft_document"].pk}],
    }
    query = {}
    if name == "wagtail_bulk_action":
        targets = [("wagtailcore", "page", action, pages) for action in ("delete", "unpublish", "move")] + [
            ("wagtailimages", "image", "delete", [foreign["image"]]),
            ("wagtaildocs", "document", "delete", [foreign["document"]]),
            *[("home", model, "delete", [snippets[model]]) for model in ("notice", "official", "contactcard")],
            *[
                (get_user_model()._meta.app_label, "user", action, [foreign["staff"]])
                for action in ("delete", "set_active", "assign_role")
            ],
        ]
        return [
            ({"app_label": app, "model_name": model, "action": action}, {"id": [o.pk for o in objects]})
            for app, model, action, objects in targets
        ]
    if name == "wagtailadmin_pages:revisions_compare":
        return [({"pk": page.pk, "revision_id_a": "earliest", "revision_id_b": "latest"}, query) for page in pages] + [
            ({"pk": pending.pk, "revision_id_a": "live", "revision_id_b": "latest"}, query)
        ]
    if "revision_id" in params:
        return [({"page_id": page.pk, "revision_id": page.latest_revision_id}, query) for page in pages]
    if "task_state_id" in params:
        return [
            ({"page_id": draft.pk, "action_name": action, "task_state_id": foreign["task_state"].pk}, query)
            for action in ("approve", "reject")
        ]
    if "workflow_state_id" in params:
        return [({"page_id": draft.pk, "workflow_state_id": foreign["workflow_state"].pk}, query)]
    if name == "wagtailadmin_pages:workflow_preview":
        return [({"page_id": draft.pk, "task_id": foreign["task_state"].task_id}, query)]
    if name == "wagtailadmin_pages:move_confirm":
        own = section(Unit.objects.get(code=DONG_DA))
        return [
            ({"page_to_move_id": page.pk, "destination_id": dest.pk}, query)
            for page in pages
            for dest in (foreign["section"], own)
        ]
    if "content_type_app_name" in params:
        kwargs = {"content_type_app_name": "home", "content_type_model_name": "articlepage"}
        if "parent_page_id" in params:
            return [({**kwargs, "parent_page_id": p["parent_page_id"]}, query) for p in by_param["parent_page_id"]]
        return [(kwargs, {"q": SEARCH_WORD})]
    if name == "wagtailadmin_pages:choose_parent":
        return [({"app_label": "home", "model_name": "articlepage"}, query)]
    if name == "wagtailadmin_tag_model_autocomplete":
        return [({"app_name": "home", "model_name": "articletag"}, {"term": "zqv"})]
    if name == "wagtailadmin_workflows:add_task":
        return [({"app_label": "boards", "model_name": "boardtask"}, query)]
    if name.startswith("wagtailadmin_workflows:remove"):
        workflow = Workflow.objects.first()
        return [({"page_pk": page.pk, "workflow_pk": workflow.pk}, query) for page in pages] + [
            ({"page_pk": page.pk}, query) for page in pages
        ]
    if name == "wagtailadmin_editing_sessions:ping":
        session = foreign["session"]
        return [
            ({"app_label": "wagtailcore", "model_name": "page", "object_id": draft.pk, "session_id": session.pk}, query)
        ]
    if name == "wagtailadmin_editing_sessions:release":
        return [({"session_id": foreign["session"].pk}, query)]
    if name == "wagtail_localize:submit_snippet_translation":
        return [({"app_label": "home", "model_name": m, "pk": snippets[m].pk}, query) for m in ("notice", "official")]
    if name.startswith("wagtail_localize:snippets_api"):
        kwargs = [{"app_label": "home", "model_name": m} for m in ("notice", "official", "contactcard")]
        if "pk" in params:
            return [({**k, "pk": snippets[k["model_name"]].pk}, query) for k in kwargs]
        return [(k, {"search": SEARCH_WORD}) for k in kwargs]
    if name == "wagtail_localize:edit_string_translation":
        segment = foreign["string_segment"]
        return [({"translation_id": foreign["translation"].pk, "string_segment_id": segment.pk}, query)]
    if name == "wagtail_localize:preview_translation" and "mode" in params:
        return [({"translation_id": foreign["translation"].pk, "mode": "default"}, query)]
    if name == "portal_editor_guide_image":
        # The guide's screenshots are the same for every unit: requested as they are, and with a path that climbs.
        return [({"name": "editor-dashboard.png"}, query), ({"name": "../../cms/settings/base.py"}, query)]
    if name.startswith("wagtailsettings:"):
        # The foreign ward's site: its identity settings (the edit view with its site's id, and its preview).
        settings_model = {"app_name": "home", "model_name": "siteidentity"}
        if "pk" in params:
            return [({**settings_model, "pk": foreign["unit"].site_id}, query)]
        return [(settings_model, query)]
    if name == "portal_two_factor_reset":
        return [({"pk": foreign["staff"].pk}, query)]
    if name == "wagtailimages:preview":
        return [({"image_id": foreign["image"].pk, "filter_spec": "original"}, query)]
    if name.startswith("wagtailimages:url_generator"):
        return [({"image_id": foreign["image"].pk}, {"filterspec": "original"})]
    if name.startswith("portal_audit_export"):
        # A site admin asking for another unit's audit log, on screen and as files.
        cau_giay = {"unit": foreign["unit"].pk}
        return [({}, {}), ({}, cau_giay), *[({}, {**cau_giay, "export": kind}) for kind in ("csv", "xlsx")]]
    if "pk" in params:
        return [({"pk": pk}, query) for pk in pk_for(namespace, foreign)]
    if params:
        filled = [{}]
        for param in params:
            filled = [{**done, **choice} for done in filled for choice in by_param[param]]
        return [(kwargs, query) for kwargs in filled]
    return []


def pk_for(namespace, foreign):
    snippets = foreign["snippets"]
    if namespace.startswith(("wagtailsnippets_", "wagtailsnippetchoosers_")):
        model = namespace.rsplit("_", 1)[1]
        return [snippets[model].pk] if model in snippets else [other_taxonomy(namespace)]
    return {
        "wagtailadmin_pages": [page.pk for page in foreign["pages"].values()],
        "wagtailadmin_collections": [foreign["unit"].collection_id],
        "wagtailadmin_workflows": [Workflow.objects.first().pk, Task.objects.first().pk],
        "wagtaillocales": [Locale.objects.get(language_code="en").pk],
        "wagtailsites": [foreign["unit"].site_id],
        "wagtailusers_users": [foreign["staff"].pk],
        "wagtailusers_groups": [foreign["unit"].roles.get(role="editor").group_id],
        "wagtaildocs_chooser": [foreign["document"].pk],
        "wagtailimages_chooser": [foreign["image"].pk],
        "wagtailadmin_api": [page.pk for page in foreign["pages"].values()],
        "wagtail_localize": [],
        "maintenance_windows": [foreign["maintenance_window"].pk],
        "citizen_questions": [foreign["question"].pk],
        "citizen_comments": [foreign["comment"].pk],
    }[namespace]


def other_taxonomy(namespace):
    # City-wide categories and fields are shared by every site: any one fills the pattern.
    model = Category if namespace.endswith("category") else Field
    return model.objects.get_or_create(name="Chuyên mục dùng chung", defaults={"slug": "chuyen-muc-dung-chung"})[0].pk


def api_fill(name, foreign):
    """The admin API's detail endpoints take the id of a page, an image or a document."""
    kind = name.split(":")[1]
    ids = {
        "pages": [page.pk for page in foreign["pages"].values()],
        "images": [foreign["image"].pk],
        "documents": [foreign["document"].pk],
    }[kind]
    return ids


# ---------------------------------------------------------------------------------------------------------- matrix


def requests_for(name, params, foreign):
    """[(url, query, is one foreign object)] for one pattern."""
    if name.startswith("wagtailadmin_api:"):
        if "pk" in params:
            extra = {"action_name": "copy"} if "action_name" in params else {}
            return [(reverse(name, kwargs={"pk": pk, **extra}), {}, True) for pk in api_fill(name, foreign)]
        if name.endswith(":find"):
            return [(reverse(name), {"id": pk}, True) for pk in api_fill(name, foreign)]
        return [(reverse(name), {}, False), (reverse(name), {"search": SEARCH_WORD}, False)]
    if name.endswith("chosen_multiple") or name == "wagtailadmin_choose_page_chosen_multiple":
        ids = (
            [page.pk for page in foreign["pages"].values()]
            if name == "wagtailadmin_choose_page_chosen_multiple"
            else chooser_ids(name, foreign)
        )
        return [(reverse(name), {"id": ids}, True)]
    filled = fillings(name, params, foreign)
    if filled:
        return [(reverse(name, kwargs=kwargs), query, True) for kwargs, query in filled]
    assert not params, f"{name}: parameters {params} not filled; fill them or add the pattern to SKIPPED"
    url = reverse(name)
    return [(url, {}, False), (url, {"q": SEARCH_WORD}, False)]


def chooser_ids(name, foreign):
    namespace = name.split(":")[0]
    return pk_for(namespace, foreign)


def body_of(response):
    """The bytes a user receives, whether rendered or streamed (a file)."""
    return b"".join(response.streaming_content) if response.streaming else response.content


def leaks(response):
    body = body_of(response)
    if response.get("Content-Type", "").startswith("application/json"):
        # Modal responses carry their HTML as JSON, with non-ASCII escaped; the secret is ASCII either way.
        body = json.dumps(json.loads(body), ensure_ascii=False).encode()
    return SECRET.search(body.lower()) is not None


def test_no_role_of_another_unit_sees_or_changes_a_foreign_object_through_any_admin_url(client, member_of):
    foreign = make_foreign_objects()
    before = fingerprint(foreign)
    patterns = [(route, name, params) for route, name, params in admin_patterns() if name not in SKIPPED]
    assert len(patterns) > 200, "the walk found too few admin patterns"
    patterns = [pattern for pattern in patterns if ONLY.search(pattern[1])]
    plan = [
        (name, url, query, single)
        for _, name, params in patterns
        for url, query, single in requests_for(name, params, foreign)
    ]

    failures, checks, logged = [], 0, 0
    for code, role in ACTORS:
        actor = member_of(code, role)
        client.force_login(actor)
        for name, url, query, single in plan:
            methods = ("get", "post") if single and CONFIRMS.search(name) else ("get",)
            for method in methods:
                checks += 1
                label = f"{code} {role} {method.upper()} {url} {query or ''} [{name}]"
                try:
                    if method == "get":
                        response = client.get(url, query)
                    else:
                        response = client.post(f"{url}?{urlencode(query, doseq=True)}" if query else url, {})
                except Exception as error:  # a crafted request must be refused, never crash the admin
                    failures.append(f"{label}: raised {error!r}")
                    client.force_login(actor)
                    continue
                if response.status_code >= 500:
                    failures.append(f"{label}: {response.status_code}")
                elif not refused(response) and leaks(response):
                    found = sorted(set(SECRET.findall(body_of(response).lower())))
                    failures.append(f"{label}: {response.status_code} shows {found}")
                if LOG and failures:
                    with open(LOG, "a") as log_file:
                        log_file.write("\n".join(failures[logged:]) + ("\n" if failures[logged:] else ""))
                    logged = len(failures)
                if method == "post":
                    after = fingerprint(foreign)
                    if after != before:
                        failures.append(f"{label}: changed the foreign unit's objects")
                        before = after
                    client.force_login(actor)

    figures["isolation matrix"] = f"{checks:,} checks (view × object × role)"
    assert not failures, f"{len(failures)} of {checks} checks failed:\n" + "\n".join(failures)


def permission_shape(unit, role):
    """What a unit's role grants, without the objects it grants them on: model, page, collection and site
    permissions by codename."""
    group = unit.roles.get(role=role).group
    return (
        sorted(group.permissions.values_list("codename", flat=True)),
        sorted(group.page_permissions.values_list("permission__codename", flat=True)),
        sorted(group.collection_permissions.values_list("permission__codename", flat=True)),
        sorted(GroupSitePermission.objects.filter(group=group).values_list("permission__codename", flat=True)),
    )


@pytest.mark.parametrize("role", ROLES)
def test_a_departments_roles_grant_what_a_wards_grant(unit, role):
    assert permission_shape(unit(SO_TAI_CHINH), role) == permission_shape(unit(DONG_DA), role)
