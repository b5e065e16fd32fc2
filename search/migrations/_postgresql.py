"""What the search migrations share (the loader skips modules named with a leading underscore)."""


def on_postgresql(*statements):
    """A RunPython operation executing these SQL statements on PostgreSQL, and nothing on another database."""

    def operation(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return operation
