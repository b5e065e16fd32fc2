"""Writing many new rows of one model at once: PostgreSQL's COPY, Django's bulk insert elsewhere.

An import writes seven or eight rows a page. Through Django's bulk INSERT on PostgreSQL, each batch is compiled
field by field, quoted into one long statement (client-side binding; JSON content escaped character by character
inside UNNEST arrays) and sent, and the importer waits while the server parses it: the compiling and quoting cost
as much CPU as building the pages, and client and server take turns. COPY streams the rows as psycopg formats them
(in C) while the server writes them, so both cores work at once.

The values are the ones Django's insert would send (`Field.pre_save` then `get_db_prep_save`, so defaults,
auto_now and JSON encoding are the fields' own); ids a model needs back (`with_ids`) are taken from its sequence
first, as the INSERT's RETURNING would give them. No signals fire, as none fire for bulk_create.
"""

from django.db import connections, router

BATCH = 500


def write_rows(model, objs, *, with_ids=False):
    """Insert `objs` as new rows of `model`'s own table (for a specific page type, the columns of that type only).
    With `with_ids`, each object gets its new primary key."""
    if not objs:
        return
    using = router.db_for_write(model)
    connection = connections[using]
    fields = list(model._meta.local_concrete_fields)
    if connection.vendor != "postgresql":
        if model._meta.parents:  # a specific page type's own table: bulk_create refuses multi-table inheritance
            for start in range(0, len(objs), BATCH):
                model._base_manager._insert(objs[start : start + BATCH], fields=fields, using=using)
        else:
            model._base_manager.using(using).bulk_create(objs, batch_size=BATCH)
        return
    if with_ids:
        _take_ids(connection, model, objs)
    else:
        fields = [field for field in fields if not (field.primary_key and field.db_returning)]
    table = connection.ops.quote_name(model._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)
    with connection.cursor() as cursor, cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
        for obj in objs:
            copy.write_row([field.get_db_prep_save(field.pre_save(obj, True), connection) for field in fields])
    for obj in objs:
        obj._state.adding, obj._state.db = False, using


def _take_ids(connection, model, objs):
    pk = model._meta.pk
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [model._meta.db_table, pk.column, len(objs)],
        )
        for obj, (new_id,) in zip(objs, cursor.fetchall(), strict=True):
            setattr(obj, pk.attname, new_id)
