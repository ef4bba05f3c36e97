"""A tenant's taxonomy through its use cases: extended, retired, replayed, and kept in meaning."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from domain.errors import InvalidValueError
from domain.recording import acting_as
from domain.themes import Taxonomy, ThemeKind, ThemeSource
from tenants.ledger import PartnershipLedger
from tests.unit.test_action_use_cases import open_review, recommend


def test_the_default_taxonomy_is_there_before_anything_is_recorded(
    memory_ledger: PartnershipLedger,
) -> None:
    themes = {t.code for t in memory_ledger.themes.all(ThemeKind.THEME)}
    assert {"training", "dash-risk-assessment"} <= themes
    assert Taxonomy.create_id(memory_ledger.tenant_slug) not in memory_ledger.repository


def test_the_taxonomy_is_saved_the_first_time_it_tags_something(
    memory_ledger: PartnershipLedger,
) -> None:
    recommend(memory_ledger, open_review(memory_ledger))
    saved: Any = memory_ledger.repository.get(Taxonomy.create_id(memory_ledger.tenant_slug))
    assert "dash-risk-assessment" in saved.themes


def test_a_tenant_adds_a_theme_and_tags_with_it(memory_ledger: PartnershipLedger) -> None:
    with acting_as("user-1"):
        theme = memory_ledger.themes.add(
            "stalking", "Stalking", ThemeKind.THEME, "identification-of-risk"
        )
    assert theme.source == ThemeSource.TENANT
    rec_id = recommend(memory_ledger, open_review(memory_ledger), themes=("stalking",))
    assert memory_ledger.recommendations.get(rec_id).theme_codes == ("stalking",)
    taxonomy_id = Taxonomy.create_id(memory_ledger.tenant_slug)
    added = list(memory_ledger.events.get(taxonomy_id))[-1]
    assert type(added).__name__ == "ThemeAdded" and added.recorded_by == "user-1"  # type: ignore[attr-defined]


def test_a_new_addressee_defaults_to_the_other_addressee_roll_up(
    memory_ledger: PartnershipLedger,
) -> None:
    theme = memory_ledger.themes.add(
        "faith-leaders-forum", "Faith leaders' forum", ThemeKind.ADDRESSEE
    )
    assert theme.home_office_code == "other-addressee"


def test_a_retired_theme_keeps_its_meaning_but_tags_nothing_new(
    memory_ledger: PartnershipLedger,
) -> None:
    review_id = open_review(memory_ledger)
    old = recommend(memory_ledger, review_id, "1", themes=("marac-mash-links",))
    memory_ledger.themes.retire("marac-mash-links", date(2019, 4, 1), "Split by the region")
    with pytest.raises(InvalidValueError, match="retired on 2019-04-01"):
        recommend(memory_ledger, review_id, "2", themes=("marac-mash-links",))
    code = memory_ledger.recommendations.get(old).theme_codes[0]
    assert memory_ledger.themes.resolve(code).label == "MARAC and MASH links"
    assert code not in {t.code for t in memory_ledger.themes.all()}
    assert code in {t.code for t in memory_ledger.themes.all(include_retired=True)}
    assert memory_ledger.themes.retired() == {code: date(2019, 4, 1)}


def test_the_taxonomy_replays_to_the_same_state(memory_ledger: PartnershipLedger) -> None:
    memory_ledger.themes.add("stalking", "Stalking", ThemeKind.THEME, "identification-of-risk")
    memory_ledger.themes.retire("policy", date(2020, 1, 1), "Too broad")
    taxonomy_id = Taxonomy.create_id(memory_ledger.tenant_slug)
    replayed: Any = memory_ledger.repository.get(taxonomy_id)
    copy = Taxonomy.from_default(memory_ledger.tenant_slug)
    copy.add_theme("stalking", "Stalking", ThemeKind.THEME, "identification-of-risk")
    copy.retire_theme("policy", date(2020, 1, 1), "Too broad")
    assert (replayed.themes, replayed.retired) == (copy.themes, copy.retired)
