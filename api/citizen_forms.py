"""What the citizens' POST endpoints (questions, comments on drafts, ratings) share: the error body, the page id
read from the path, and the form-data request body their OpenAPI operations describe."""

from ninja import Schema
from ninja.errors import HttpError

# A page id the database can hold (bigint): anything longer or not plain ASCII digits is "no such page".
MAX_ID_DIGITS = 18


class ErrorOut(Schema):
    detail: str
    errors: dict[str, list[str]] = {}


def page_id_of(value, missing):
    """The page id in a path, or a 404 with the Vietnamese `missing` message."""
    if not (value.isascii() and value.isdigit() and len(value) <= MAX_ID_DIGITS):
        raise HttpError(404, missing)
    return int(value)


FORM_MEDIA = ("application/x-www-form-urlencoded", "multipart/form-data")


def form_body(properties, required, media=FORM_MEDIA):
    """The `requestBody` of an operation that takes a form (application/x-www-form-urlencoded or multipart; a form
    with files, multipart only)."""
    schema = {"type": "object", "properties": properties, "required": required}
    return {"requestBody": {"required": True, "content": {kind: {"schema": schema} for kind in media}}}


def refused(detail, errors=None):
    """The body of a 4xx: one Vietnamese sentence, and each wrong field's messages."""
    errors = errors or {}
    if errors:
        detail = detail + " " + " ".join(message for messages in errors.values() for message in messages)
    return {"detail": detail, "errors": errors}
