"""A harvester finds every one of the 142 sites, with where its API lives, from any of the portal's hostnames."""

import pytest

from .api_content import fresh_api_cache  # noqa: F401

pytestmark = pytest.mark.django_db


def all_sites(client, host="localhost", **params):
    items, offset = [], 0
    while True:
        body = client.get("/api/v2/sites/", {"limit": 100, "offset": offset, **params}, HTTP_HOST=host).json()
        items += body["items"]
        offset += 100
        if offset >= body["meta"]["total_count"]:
            return body["meta"]["total_count"], items


def test_the_directory_lists_all_142_units_by_kind():
    from django.test import Client

    total, items = all_sites(Client())
    kinds = [item["kind"] for item in items]
    assert total == len(items) == 142
    assert (kinds.count("city"), kinds.count("department"), kinds.count("ward"), kinds.count("commune")) == (
        1,
        15,
        51,
        75,
    )


def test_a_ward_entry_gives_its_official_code_hostname_api_base_and_locales(client):
    _, items = all_sites(client, code="00235")
    assert items == [
        {
            "id": items[0]["id"],
            "meta": {"type": "portal_sites.Unit", "detail_url": f"http://localhost/api/v2/sites/{items[0]['id']}/"},
            "code": "00235",
            "kind": "ward",
            "name": "Đống Đa",
            "display_name": "Phường Đống Đa",
            "hostname": "dongda.localhost",
            "root_url": "http://dongda.localhost",
            "api_base": "http://dongda.localhost/api/v2/",
            "front_end_url": "http://dongda.localhost",
            "locales": ["vi"],
        }
    ]


def test_the_directory_answers_on_a_wards_host_too_and_filters_by_kind(client):
    total, items = all_sites(client, host="dongda.localhost", kind="department")
    assert total == 15
    assert {item["kind"] for item in items} == {"department"}


def test_a_per_site_front_end_url_comes_from_settings(client, settings):
    settings.PORTAL_FRONTEND_URLS = {"dongda.localhost": "https://dongda.example.vn"}
    _, items = all_sites(client, code="00235")
    assert items[0]["front_end_url"] == "https://dongda.example.vn"
