"""A region's own themes, and how each tenant's taxonomy follows them: adopted, retired with
the region, retired on leaving it and reinstated on coming back, never edited locally."""

from __future__ import annotations

from datetime import date

import pytest

from domain.errors import DuplicateError, InvalidTransitionError, InvalidValueError, NotFoundError
from domain.recording import acting_as
from domain.themes import RegionTaxonomy, Taxonomy, ThemeKind, ThemeSource, empty_listing
from tenants.ledger import PartnershipLedger
from tests.unit.test_action_use_cases import open_review, recommend

TODAY = date(2024, 6, 1)


def west_midlands() -> RegionTaxonomy:
    region = RegionTaxonomy(region="west-midlands")
    region.add_theme(
        "honour-based-abuse", "Honour-based abuse", ThemeKind.THEME, "identification-of-risk"
    )
    return region


def event_names(taxonomy: Taxonomy) -> list[str]:
    return [type(e).__name__ for e in taxonomy.collect_events()]


def test_a_region_theme_is_checked_like_any_new_theme() -> None:
    region = west_midlands()
    with pytest.raises(DuplicateError):
        region.add_theme("training", "Training", ThemeKind.THEME, "training")
    with pytest.raises(DuplicateError):
        region.add_theme("honour-based-abuse", "Again", ThemeKind.THEME, "other")
    with pytest.raises(InvalidValueError, match="Home Office"):
        region.add_theme("faith-groups", "Faith groups", ThemeKind.ADDRESSEE, "training")
    theme = region.add_theme("faith-groups", "Faith groups", ThemeKind.ADDRESSEE, "other")
    assert (theme.source, theme.home_office_code) == (ThemeSource.REGION, "other-addressee")


def test_a_region_retires_only_its_own_themes_and_only_once() -> None:
    region = west_midlands()
    with pytest.raises(InvalidValueError, match="default catalogue"):
        region.retire_theme("training", TODAY, "Not used")
    with pytest.raises(NotFoundError):
        region.retire_theme("no-such-theme", TODAY, "Not used")
    region.retire_theme("honour-based-abuse", TODAY, "Merged into coercive control")
    with pytest.raises(InvalidTransitionError, match="already retired"):
        region.retire_theme("honour-based-abuse", TODAY, "Again")
    entry = region.listing().entry("honour-based-abuse")
    assert (entry.retired_on, entry.retirement_reason) == (TODAY, "Merged into coercive control")


def test_a_tenant_adopts_the_regions_themes_and_retires_them_with_the_region() -> None:
    region, tenant = west_midlands(), Taxonomy.from_default("birmingham")
    with acting_as("regional-lead"):
        tenant.follow_region(region.listing(), TODAY)
    adopted = tenant.collect_events()[-1]
    assert type(adopted).__name__ == "RegionThemeAdopted"
    assert adopted.recorded_by == "regional-lead"  # type: ignore[attr-defined]
    tenant.check_taggable(["honour-based-abuse"], ThemeKind.THEME)
    region.retire_theme("honour-based-abuse", date(2024, 4, 1), "Merged")
    tenant.follow_region(region.listing(), TODAY)
    assert tenant.retired == {"honour-based-abuse": date(2024, 4, 1)}
    assert tenant.resolve("honour-based-abuse").label == "Honour-based abuse"
    with pytest.raises(InvalidValueError, match="retired on 2024-04-01"):
        tenant.check_taggable(["honour-based-abuse"], ThemeKind.THEME)


def test_following_twice_records_nothing_more() -> None:
    region, tenant = west_midlands(), Taxonomy.from_default("birmingham")
    tenant.follow_region(region.listing(), TODAY)
    tenant.collect_events()
    tenant.follow_region(region.listing(), TODAY)
    assert event_names(tenant) == []


def test_leaving_a_region_retires_its_themes_and_coming_back_reinstates_them() -> None:
    region, tenant = west_midlands(), Taxonomy.from_default("coventry")
    tenant.follow_region(region.listing(), TODAY)
    tenant.follow_region(empty_listing("east-midlands"), TODAY)
    assert tenant.retired == {"honour-based-abuse": TODAY}
    assert "no longer in region 'west-midlands'" in tenant.reasons["honour-based-abuse"]
    tenant.follow_region(region.listing(), date(2024, 7, 1))
    assert tenant.retired == {}
    assert event_names(tenant)[-1] == "ThemeReinstated"


def test_a_partnerships_own_code_keeps_its_meaning_over_a_regions() -> None:
    tenant = Taxonomy.from_default("dudley")
    tenant.add_theme("honour-based-abuse", "Our own", ThemeKind.THEME, "other")
    tenant.follow_region(west_midlands().listing(), TODAY)
    assert tenant.resolve("honour-based-abuse").label == "Our own"
    assert tenant.region_of == {}


def test_a_partnership_cannot_retire_its_regions_theme() -> None:
    tenant = Taxonomy.from_default("walsall")
    tenant.follow_region(west_midlands().listing(), TODAY)
    with pytest.raises(InvalidTransitionError, match="regional lead"):
        tenant.retire_theme("honour-based-abuse", TODAY, "Not for us")


def test_a_tag_with_a_region_theme_is_saved_with_the_adoption(
    memory_ledger: PartnershipLedger,
) -> None:
    region = west_midlands()
    memory_ledger.region_themes = region.listing
    rec_id = recommend(memory_ledger, open_review(memory_ledger), themes=("honour-based-abuse",))
    assert memory_ledger.recommendations.get(rec_id).theme_codes == ("honour-based-abuse",)
    saved = memory_ledger.events.get(Taxonomy.create_id(memory_ledger.tenant_slug))
    assert "RegionThemeAdopted" in [type(e).__name__ for e in saved]
    assert memory_ledger.themes.sync_region() is False
    region.retire_theme("honour-based-abuse", TODAY, "Merged")
    assert memory_ledger.themes.sync_region() is True
    assert memory_ledger.themes.retired() == {"honour-based-abuse": TODAY}
