"""What a platform administrator new to the service tripped on when adding a user and
looking after their tokens."""

from __future__ import annotations

from flask.testing import FlaskClient

from tenants.platform import Platform
from tests.web.conftest import People, page_text
from tests.web.test_oversight_pages import signed_in_with_code


def test_a_user_with_no_tokens_is_told_where_tokens_are_issued_in_words_not_markup(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    signed_in_with_code(visitor, people, "admin")
    officer = people.names["officer"]
    page = visitor.get(f"/admin/users/{officer}")
    assert page.status_code == 200
    said = page_text(page.data)
    assert "`" not in said
    assert "A token is issued on the server's command line, which shows it once" in said
    assert f"<code>ledger tokens issue {officer}</code>" in page.data.decode()
