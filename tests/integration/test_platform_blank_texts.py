"""The platform's own texts (a region's or partnership's name, a suspension's or offboarding's
reason, a user's display name, email address and deactivation reason) hold to the domain's one
rule for blank (``domain.texts.visible``): a lone combining accent, a zero-width space or a soft
hyphen shows nothing, so it is refused as a blank one is, on either store, and nothing is
recorded. Ordinary names of every kind are still kept as typed."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from click.testing import CliRunner

from api.cli import main
from domain.errors import InvalidValueError
from tenants.model import TenantStatus
from tenants.platform import Platform
from tenants.users.onboarding import add_user
from tests.conftest import use_store
from tests.unit.test_required_texts import BLANK, ORDINARY


@pytest.mark.parametrize("text", BLANK)
def test_a_region_or_partnership_named_by_nothing_that_shows_is_refused(
    platform: Platform, unique: Callable[[str], str], text: str
) -> None:
    region, slug = unique("region"), unique("csp")
    with pytest.raises(InvalidValueError, match="Region name must be 1-120 characters"):
        platform.registry.create_region(region, text)
    assert region not in [r.slug for r in platform.registry.regions()]
    platform.registry.create_region(region, unique("Region"))
    with pytest.raises(InvalidValueError, match="Tenant name must be 1-120 characters"):
        platform.register_tenant(slug, text, region)
    assert platform.registry.tenants(region) == []
    platform.register_tenant(slug, "Northtown", region)
    with pytest.raises(InvalidValueError, match="Region name must be"):
        platform.registry.rename_region(region, text)
    with pytest.raises(InvalidValueError, match="Tenant name must be"):
        platform.registry.rename_tenant(slug, text)
    assert platform.registry.region(region).name == unique("Region")
    assert platform.registry.tenant(slug).name == "Northtown"


@pytest.mark.parametrize("text", ORDINARY)
def test_a_region_or_partnership_named_in_ordinary_words_is_kept(
    platform: Platform, unique: Callable[[str], str], text: str
) -> None:
    region, slug = unique("region"), unique("csp")
    named = unique(text)  # a region's name is the platform's once; the database is shared
    platform.registry.create_region(region, f" {named} ")
    platform.register_tenant(slug, text, region)
    assert platform.registry.region(region).name == named
    assert platform.registry.tenant(slug).name == text


@pytest.mark.parametrize("text", BLANK)
def test_a_suspension_or_offboarding_whose_reason_shows_nothing_is_refused(
    platform: Platform, unique: Callable[[str], str], text: str
) -> None:
    region, slug = unique("region"), unique("csp")
    platform.registry.create_region(region, unique("Region"))
    platform.register_tenant(slug, "Northtown", region)
    with pytest.raises(InvalidValueError, match="Suspension reason must be 1-120 characters"):
        platform.registry.suspend_tenant(slug, text)
    with pytest.raises(InvalidValueError, match="Offboarding reason must be 1-120 characters"):
        platform.registry.offboard_tenant(slug, text)
    assert platform.registry.tenant(slug).status == TenantStatus.ACTIVE
    assert platform.registry.status_history(slug) == []


def test_a_suspension_and_offboarding_given_in_ordinary_words_are_kept(
    platform: Platform, unique: Callable[[str], str]
) -> None:
    region, paused, gone = unique("region"), unique("paused"), unique("gone")
    platform.registry.create_region(region, unique("Region"))
    platform.register_tenant(paused, "Northtown", region)
    platform.register_tenant(gone, "Southtown", region)
    platform.registry.suspend_tenant(paused, ORDINARY[5])
    platform.registry.offboard_tenant(gone, ORDINARY[6])
    assert [c.reason for c in platform.registry.status_history(paused)] == [ORDINARY[5]]
    assert [c.reason for c in platform.registry.status_history(gone)] == [ORDINARY[6]]


@pytest.mark.parametrize("text", BLANK)
def test_a_user_whose_name_email_or_deactivation_reason_shows_nothing_is_refused(
    platform: Platform, unique: Callable[[str], str], text: str
) -> None:
    name = unique("jo")
    with pytest.raises(InvalidValueError, match="Give the person's name"):
        add_user(platform, name, "national_analyst", (), (), display_name=text)
    with pytest.raises(InvalidValueError, match="Give an email address"):
        add_user(platform, name, "national_analyst", (), (), email=text)
    assert name not in [u.name for u in platform.access.users()]
    add_user(platform, name, "national_analyst", (), (), display_name="Jo Smith")
    with pytest.raises(InvalidValueError, match="Give the person's name"):
        platform.access.rename_user(name, text)
    with pytest.raises(InvalidValueError, match="Give an email address"):
        platform.access.change_email(name, text)
    with pytest.raises(InvalidValueError, match="Give a reason for deactivating"):
        platform.access.deactivate_user(name, text)
    user = platform.access.user(name)
    assert (user.display_name, user.email, user.active) == ("Jo Smith", "", True)


@pytest.mark.parametrize("text", ORDINARY)
def test_a_user_named_in_ordinary_words_is_kept_and_deactivated(
    platform: Platform, unique: Callable[[str], str], text: str
) -> None:
    name = unique("jo")
    add_user(platform, name, "national_analyst", (), (), display_name=f" {text} ")
    assert platform.access.user(name).display_name == text
    platform.access.rename_user(name, text)
    platform.access.deactivate_user(name, text)
    assert not platform.access.user(name).active


@pytest.mark.parametrize("text", ["\u0301", "\u200b", "\u00ad"])
def test_the_command_line_refuses_names_and_reasons_that_show_nothing(
    platform: Platform,
    unique: Callable[[str], str],
    monkeypatch: pytest.MonkeyPatch,
    text: str,
) -> None:
    """As other bad input: one line saying what to give, exit status 2, nothing recorded."""
    region, slug, name = unique("region"), unique("csp"), unique("jo")
    use_store(monkeypatch, platform.settings)
    run = CliRunner().invoke
    refusals = {
        "Region name must be": ["regions", "create", region, text],
        "Give the person's name": [
            "users", "add", name, "--role", "national_analyst", "--display-name", text,
        ],
        "Give an email address": [
            "users", "add", name, "--role", "national_analyst", "--email", text,
        ],
    }  # fmt: skip
    for said, command in refusals.items():
        refused = run(main, command)
        assert refused.exit_code == 2 and said in refused.output, refused.output
    assert run(main, ["regions", "create", region, unique("Region")]).exit_code == 0
    assert run(main, ["users", "add", name, "--role", "national_analyst"]).exit_code == 0
    refusals = {
        "Tenant name must be": ["tenants", "register", slug, text, "--region", region],
        "Give a reason for deactivating": ["users", "deactivate", name, "--reason", text],
    }
    for said, command in refusals.items():
        refused = run(main, command)
        assert refused.exit_code == 2 and said in refused.output, refused.output
    assert platform.registry.tenants(region) == []
    user = platform.access.user(name)
    assert user.active and user.display_name == ""
