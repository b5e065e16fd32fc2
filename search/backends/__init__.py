"""Search backends: the engines of citizen search (`base.py` the interface, `sql.py`, `cluster.py`; chosen by
`PORTAL_SEARCH_ENGINE` in search/engine.py), and Wagtail's own search backends set up for Vietnamese (`analysis.py`,
`database.py`, `elasticsearch.py`); see docs/search.md."""
