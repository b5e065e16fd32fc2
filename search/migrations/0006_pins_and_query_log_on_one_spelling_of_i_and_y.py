"""Pins and the popular-query log keyed as search matches (search.text.query_key, now with the i/y rule): a pin for
"quy hoạch" fires for "qui hoạch", and "đăng ký" and "dang ki" are one popular query. Existing rows are re-keyed; two
log rows of one site and day that now share a key become one, their searches and empty searches added up."""

from django.db import migrations

from search.text import query_key

BATCH = 500


def rekey_pins(apps, schema_editor):
    pins = apps.get_model("search", "SearchPromotion").objects.using(schema_editor.connection.alias)
    for pk, key in pins.values_list("pk", "query_folded").iterator():
        if query_key(key) != key:
            pins.filter(pk=pk).update(query_folded=query_key(key))


def rekey_query_log(apps, schema_editor):
    """Only rows whose key changes are touched (those with a y the rule spells i, or "qui"): a few, at any size."""
    days = apps.get_model("search", "SearchQueryDay").objects.using(schema_editor.connection.alias)
    changed = [pk for pk, key in days.values_list("pk", "query_folded").iterator() if query_key(key) != key]
    for start in range(0, len(changed), BATCH):
        for row in days.filter(pk__in=changed[start : start + BATCH]).order_by("pk"):
            _merge_or_rename(days, row)


def _merge_or_rename(days, row):
    key = query_key(row.query_folded)
    twin = days.filter(site_id=row.site_id, day=row.day, query_folded=key).first()
    if twin is None:
        row.query_folded = key
        row.save(update_fields=["query_folded"])
        return
    twin.searches += row.searches
    twin.empty_searches += row.empty_searches
    if row.pk > twin.pk:
        twin.results = row.results  # "the latest count of results": from the row created last
    twin.save(update_fields=["searches", "empty_searches", "results"])
    row.delete()


class Migration(migrations.Migration):
    dependencies = [("search", "0005_one_spelling_of_i_and_y")]

    # Not reversed: the old keys of merged rows are gone, and the old code finds the new keys harmless (a pin keyed
    # "dang ki" fires for "dang ki").
    operations = [
        migrations.RunPython(rekey_pins, migrations.RunPython.noop),
        migrations.RunPython(rekey_query_log, migrations.RunPython.noop),
    ]
