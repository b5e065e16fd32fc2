"""Serializer classes built once per process instead of on every request.

Wagtail builds a new serializer class for every request (and for every parent or alias it nests), and DRF then
introspects the model to build that class's fields for every serializer made: on a detail, more time than its
queries. A class depends only on the endpoint, the model and the `fields` asked for, so each is built once
(bounded: `fields` is the client's), and the fields it introspects are kept on the class and copied.
"""

import copy
from functools import lru_cache

from wagtail.api.v2.serializers import PageSerializer, get_serializer_class


class FieldsBuiltOnce:
    """A serializer whose class keeps the fields DRF introspected; each serializer gets its own copy."""

    def get_fields(self):
        cls = type(self)
        if "built_fields" not in cls.__dict__:
            cls.built_fields = super().get_fields()
        return copy.deepcopy(cls.built_fields)


def frozen(fields_config):
    """Wagtail's parsed `fields` parameter as a hashable key: (name, negated, sub-fields) tuples, nested."""
    return tuple((name, negated, frozen(sub) if sub else None) for name, negated, sub in fields_config)


class SerializerClassesBuiltOnce:
    """An endpoint whose serializer classes (and those of the objects it nests) are built once per process."""

    @classmethod
    def _get_serializer_class(cls, router, model, fields_config, show_details=False, nested=False):
        return endpoint_serializer(cls, router, model, frozen(fields_config), show_details, nested)


@lru_cache(maxsize=512)
def endpoint_serializer(view_class, router, model, fields_config, show_details, nested):
    return super(SerializerClassesBuiltOnce, view_class)._get_serializer_class(
        router, model, list(fields_config), show_details, nested
    )


class NestedPageSerializer(FieldsBuiltOnce, PageSerializer):
    pass


@lru_cache(maxsize=128)
def nested_page_serializer(model):
    """The class Wagtail builds for a page nested as a parent or an alias (PageParentField, PageAliasOfField)."""
    return get_serializer_class(
        model,
        ["id", "type", "detail_url", "html_url", "title"],
        meta_fields=["type", "detail_url", "html_url"],
        base=NestedPageSerializer,
    )
