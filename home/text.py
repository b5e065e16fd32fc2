"""Text hygiene for everything editors and imports store: Unicode NFC (TCVN 6909:2001, Quy chế Art. 11)."""

import unicodedata

from django.db import models

from wagtail.fields import StreamField


def nfc_value(value):
    """NFC for a string, and for every string inside the lists and dicts of StreamField data."""
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, list):
        return [nfc_value(item) for item in value]
    if isinstance(value, dict):
        return {key: nfc_value(item) for key, item in value.items()}
    return value


def normalize_instance(instance):
    """Store every text and rich-text field, and the text inside StreamFields, as NFC."""
    for field in instance._meta.concrete_fields:
        if isinstance(field, StreamField):
            stream = getattr(instance, field.attname)
            raw = stream.get_prep_value() if hasattr(stream, "get_prep_value") else stream
            normalized = nfc_value(raw)
            if normalized != raw:
                setattr(instance, field.attname, normalized)
        elif isinstance(field, models.CharField | models.TextField):
            value = getattr(instance, field.attname)
            if isinstance(value, str) and not unicodedata.is_normalized("NFC", value):
                setattr(instance, field.attname, unicodedata.normalize("NFC", value))
