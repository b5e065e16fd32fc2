"""Writing many new rows of one model at once: PostgreSQL's COPY, Django's bulk insert elsewhere.

An import writes seven or eight rows a page. Through Django's bulk INSERT on PostgreSQL, each batch is compiled
field by field, quoted into one long statement (client-side binding; JSON content escaped character by character
inside UNNEST arrays) and sent, and the importer waits while the server parses it: the compiling and quoting cost
as much CPU as building the pages, and client and server take turns. COPY streams the rows as psycopg formats them
(in C) while the server writes them, so both cores work at once.

The values are the ones Django's insert would send (`Field.pre_save` then `get_db_prep_save`, so defaults,
auto_now and JSON encoding are the fields' own). Rows that must name each other before either is written (a page
and its revision) get their ids first (`take_ids`): from the table's sequence, as an INSERT would take them. No
signals fire, as none fire for bulk_create.
"""

from django.db import connections, router

BATCH = 500


def write_rows(model, objs):
    """Insert `objs` as new rows of `model`'s own table (for a specific page type, the columns of that type only),
    with the ids they were given (`take_ids`), or new ones the database gives and nobody reads back."""
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
    if objs[0].pk is None:
        fields = [field for field in fields if not (field.primary_key and field.db_returning)]
    table = connection.ops.quote_name(model._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)
    with connection.cursor() as cursor, cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
        for obj in objs:
            copy.write_row([field.get_db_prep_save(field.pre_save(obj, True), connection) for field in fields])
    for obj in objs:
        obj._state.adding, obj._state.db = False, using


def take_ids(model, objs):
    """Give each object the next id of `model`'s table, taken as an INSERT would take it, so that other rows can name
    it before it is written."""
    connection = connections[router.db_for_write(model)]
    table, pk = model._meta.db_table, model._meta.pk
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [table, pk.column, len(objs)],
            )
            ids = [new_id for (new_id,) in cursor.fetchall()]
        else:
            # SQLite: Django's AUTOINCREMENT keys count on in sqlite_sequence, which the import's transaction moves on
            # (a table that never had a row has none there yet).
            cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
            row = cursor.fetchone()
            last = row[0] if row else 0
            if row:
                cursor.execute("UPDATE sqlite_sequence SET seq = %s WHERE name = %s", [last + len(objs), table])
            else:
                cursor.execute("INSERT INTO sqlite_sequence (name, seq) VALUES (%s, %s)", [table, len(objs)])
            ids = range(last + 1, last + len(objs) + 1)
    for obj, new_id in zip(objs, ids, strict=True):
        setattr(obj, pk.attname, new_id)
