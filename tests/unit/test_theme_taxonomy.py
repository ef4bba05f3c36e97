"""The theme taxonomy: Home Office compatible defaults, local additions, retirement."""

from __future__ import annotations

from datetime import date

import pytest

from domain.errors import DuplicateError, InvalidTransitionError, InvalidValueError, NotFoundError
from domain.recording import acting_as
from domain.themes import DEFAULT_THEMES, Taxonomy, ThemeKind, ThemeSource
from domain.themes.catalogue import CODE_PATTERN

HOME_OFFICE_THEMES = {
    "technology-systems",
    "identification-of-risk",
    "training",
    "policy",
    "multi-agency-working",
    "record-keeping",
    "awareness-raising",
    "other",
}
HOME_OFFICE_ADDRESSEES = {
    "police",
    "social-services",
    "health",
    "idva-domestic-abuse-service",
    "probation",
    "housing",
    "school",
    "employer",
    "other-education",
    "religious-institution",
    "military",
    "csp",
}


def test_the_default_carries_the_home_office_library_filters() -> None:
    home_office = [t for t in DEFAULT_THEMES if t.source == ThemeSource.HOME_OFFICE]
    by_kind = {k: {t.code for t in home_office if t.kind == k} for k in ThemeKind}
    assert HOME_OFFICE_THEMES <= by_kind[ThemeKind.THEME]
    assert HOME_OFFICE_ADDRESSEES <= by_kind[ThemeKind.ADDRESSEE]


def test_the_default_carries_the_seed_themes() -> None:
    codes = {t.code for t in DEFAULT_THEMES}
    assert {
        "risk-assessment-integration",
        "abuser-as-source-of-risk",
        "over-reliance-on-victims",
        "mental-health",
        "substance-misuse",
        "complex-needs",
        "dash-risk-assessment",
        "marac-mash-links",
        "coercive-control",
        "information-sharing",
        "workforce-culture",
        "primary-care-early-identification",
    } <= codes


def test_every_default_code_is_unique_well_formed_and_rolls_up_to_a_home_office_entry() -> None:
    codes = [t.code for t in DEFAULT_THEMES]
    assert len(codes) == len(set(codes))
    home_office = {t.code: t for t in DEFAULT_THEMES if t.source == ThemeSource.HOME_OFFICE}
    for theme in DEFAULT_THEMES:
        assert CODE_PATTERN.match(theme.code)
        assert home_office[theme.home_office_code].kind == theme.kind


def test_a_partnership_adds_its_own_theme_mapped_to_a_home_office_code() -> None:
    taxonomy = Taxonomy.from_default("birmingham")
    with acting_as("user-1"):
        taxonomy.add_theme("stalking", "Stalking", ThemeKind.THEME, "identification-of-risk")
    added = taxonomy.collect_events()[-1]
    assert type(added).__name__ == "ThemeAdded" and added.recorded_by == "user-1"  # type: ignore[attr-defined]
    assert taxonomy.resolve("stalking").source == ThemeSource.TENANT
    taxonomy.check_taggable(["stalking"], ThemeKind.THEME)


@pytest.mark.parametrize(
    ("code", "label", "kind", "parent", "error", "match"),
    [
        ("training", "Training", ThemeKind.THEME, "training", DuplicateError, "already"),
        ("Bad Code", "x", ThemeKind.THEME, "other", InvalidValueError, "not a valid code"),
        ("ok-code", " ", ThemeKind.THEME, "other", InvalidValueError, "label"),
        ("ok-code", "x", ThemeKind.THEME, "police", InvalidValueError, "Home Office Library theme"),
        ("ok-code", "x", ThemeKind.THEME, "mental-health", InvalidValueError, "Home Office"),
    ],
)
def test_a_bad_new_theme_is_refused(
    code: str, label: str, kind: ThemeKind, parent: str, error: type[Exception], match: str
) -> None:
    taxonomy = Taxonomy.from_default("r")
    taxonomy.collect_events()
    with pytest.raises(error, match=match):
        taxonomy.add_theme(code, label, kind, parent)
    assert not taxonomy.collect_events()


def test_a_retired_theme_still_resolves_but_cannot_tag_new_things() -> None:
    taxonomy = Taxonomy.from_default("r")
    taxonomy.retire_theme("record-keeping", date(2020, 4, 1), "Merged into technology systems")
    assert taxonomy.resolve("record-keeping").label == "Record keeping"
    assert "record-keeping" not in {t.code for t in taxonomy.active()}
    with pytest.raises(InvalidValueError, match="retired on 2020-04-01"):
        taxonomy.check_taggable(["record-keeping"], ThemeKind.THEME)
    with pytest.raises(InvalidTransitionError, match="already retired"):
        taxonomy.retire_theme("record-keeping", date(2020, 5, 1), "again")


def test_unknown_and_wrong_kind_codes_are_refused_for_tagging() -> None:
    taxonomy = Taxonomy.from_default("r")
    with pytest.raises(InvalidValueError, match="add the theme to the taxonomy first"):
        taxonomy.check_taggable(["no-such-theme"], ThemeKind.THEME)
    with pytest.raises(InvalidValueError, match="is an addressee code, not a theme code"):
        taxonomy.check_taggable(["police"], ThemeKind.THEME)
    with pytest.raises(NotFoundError):
        taxonomy.resolve("no-such-theme")
    with pytest.raises(NotFoundError):
        taxonomy.retire_theme("no-such-theme", date(2020, 1, 1), "x")


def test_retiring_without_a_reason_is_refused() -> None:
    taxonomy = Taxonomy.from_default("r")
    with pytest.raises(InvalidValueError, match="why"):
        taxonomy.retire_theme("policy", date(2020, 1, 1), " ")
