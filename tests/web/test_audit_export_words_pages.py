"""The auditor's bundle page: a first day after today is refused beside the date, not
answered with a bundle of no events; and the bundles already taken name whom each was taken
for as people know them, not "auditor:<user name>"."""

from __future__ import annotations

from datetime import timedelta

from flask.testing import FlaskClient

from domain.calendar import uk_today
from tenants.platform import Platform
from tests.web.conftest import People, csrf, page_text, sign_in_with_code


def test_a_first_day_after_today_is_refused_beside_the_date(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    sign_in_with_code(visitor, people.names["auditor"], people.totp["auditor"])
    page = f"/partnerships/{people.tenant}/audit-bundle"
    later = uk_today() + timedelta(days=30)

    answer = visitor.post(
        f"{page}/download",
        data={
            "csrf_token": csrf(visitor.get(page).data),
            "since": [str(later.day), str(later.month), str(later.year)],
        },
    )

    assert answer.mimetype == "text/html"
    shown = page_text(answer.data)
    assert "There is a problem" in shown
    assert "The first day to export must be today" in shown and "or earlier" in shown
    assert 'href="#since' in answer.data.decode()
    assert platform.audit.exports(people.tenant) == ()


def test_the_bundles_already_taken_name_the_auditor(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    auditor = platform.access.rename_user(people.names["auditor"], "Mark Ellis")
    sign_in_with_code(visitor, people.names["auditor"], people.totp["auditor"])
    page = f"/partnerships/{people.tenant}/audit-bundle"
    visitor.post(f"{page}/download", data={"csrf_token": csrf(visitor.get(page).data)})

    shown = page_text(visitor.get(page).data)

    assert f"for Mark Ellis ({auditor.name})" in shown
    assert f"auditor:{auditor.name}" not in shown
