"""Wagtail's site history report, limited to the user's own units for objects that belong to a unit.

The report shows a model's log entries to anyone holding a permission on that model, so every ward editor would
read the titles of notices, officials and contact cards created or changed on all 142 sites. Entries of an object
that belongs to a unit (it has a `unit` foreign key) are kept only for people serving that unit; operators and
superusers still see everything. Wagtail has no hook for this, so the manager method is wrapped at start-up.
"""

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Q
from django.db.models.functions import Cast

from wagtail.models import ModelLogEntry

from .models import Unit
from .ownership import unit_ids_for_user


def unit_owned_models():
    return [
        model
        for model in apps.get_models()
        if any(getattr(field, "related_model", None) is Unit and field.name == "unit" for field in model._meta.fields)
    ]


def object_keys(queryset):
    """The objects' primary keys as log entries store them (`object_id` is text), for `object_id__in`."""
    return queryset.annotate(key=Cast("pk", CharField())).values("key")


def scope():
    manager_class = type(ModelLogEntry.objects)
    viewable_by_user = manager_class.viewable_by_user

    def own_units_only(self, user):
        entries = viewable_by_user(self, user)
        unit_ids = unit_ids_for_user(user)
        if unit_ids is None:
            return entries
        for model in unit_owned_models():
            own = object_keys(model._default_manager.filter(unit_id__in=unit_ids))
            content_type = ContentType.objects.get_for_model(model)
            entries = entries.exclude(Q(content_type=content_type) & ~Q(object_id__in=own))
        return entries

    manager_class.viewable_by_user = own_units_only
