"""Links with the same words go to the same place (WCAG 2.2 2.4.4 and 2.4.9): where a page lists
the same download or page for several partnerships, regions or sections, each link says which
in words a screen reader speaks, though the heading above already shows it to a sighted reader."""

from __future__ import annotations

import re
from collections import defaultdict

from flask import Flask
from flask.testing import FlaskClient

from tests.web.conftest import People, page_text, sign_in


def link_texts(page: str) -> dict[str, set[str]]:
    """Each link's words, as a screen reader's list of links reads them, with where it goes."""
    places: dict[str, set[str]] = defaultdict(set)
    for href, words in re.findall(r'<a [^>]*href="([^"]*)"[^>]*>(.*?)</a>', page, re.S):
        places[page_text(words.encode()).strip()].add(href)
    return places


def test_each_download_on_the_reports_page_names_its_partnership_or_region(
    visitor: FlaskClient, people: People, web_app: Flask
) -> None:
    """An auditor's Reports page listed "CSV of Register of cases" once per partnership, told
    apart only by the heading above each set."""
    sign_in(visitor, people.names["officer"])
    places = link_texts(visitor.get("/reports").data.decode())
    assert "CSV of Register of cases for Northtown" in places, sorted(places)
    regional = web_app.test_client()
    sign_in(regional, people.names["regional"])
    places = link_texts(regional.get("/reports").data.decode())
    assert f"CSV of Timeliness of reviews for {people.region_name}" in places, sorted(places)
    assert all(len(hrefs) == 1 for words, hrefs in places.items()), places


def test_the_dashboards_contents_and_the_repeats_page_are_told_apart(
    visitor: FlaskClient, people: People
) -> None:
    """The regional dashboard's contents entry (a part of the page) and the header's link (the
    page of every repeated recommendation) were both "Repeated recommendations"."""
    sign_in(visitor, people.names["regional"])
    page = visitor.get(f"/regions/{people.region}/dashboard").data.decode()
    places = link_texts(page)
    assert places["Summary of repeated recommendations"] == {"#repeated"}
    assert places["Repeated recommendations"] == {
        f"/regions/{people.region}/repeated-recommendations"
    }
    assert all(len(hrefs) == 1 for words, hrefs in places.items()), places
