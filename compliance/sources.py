"""Figures that higher apps add to the daily rows, through a registry instead of an import that would climb.

Citizen questions (Quy chế Art. 13.1.e: routed within 2 working days, answered within 15) arrive with #16: the
citizens app registers a source in its AppConfig.ready:

    from compliance import sources
    sources.register(QuestionFigures())

A source has a `key` (the key of its figures in DailyFigure.extra), a `label` (Vietnamese, for the dashboard) and
`figures(units, start, end)` -> {(unit id, day): {name: number}} for the days start..end (dates, inclusive).
`on_time(figures)` -> (on time, measured) lets the self-assessment count it in timeliness.
"""

_sources = {}


def register(source):
    _sources[source.key] = source


def unregister(key):
    _sources.pop(key, None)


def registered():
    return list(_sources.values())
