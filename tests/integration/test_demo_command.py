"""`ledger demo` on a fresh embedded store: what `make run` loads before serving."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from adapters.settings import Settings
from api.cli import main
from domain.calendar import uk_today
from tenants.demo.people import DEMO_USERS
from tenants.learning.agreements import ResearchAgreements
from tenants.platform import bootstrap


def test_the_demo_loads_once_and_again_adds_nothing(tmp_path: Path) -> None:
    env = {"LEDGER_DATA_DIR": str(tmp_path)}
    first = CliRunner().invoke(main, ["demo"], env=env)
    assert first.exit_code == 0, first.output
    assert "52 cases added" in first.output and "tokens issue demo-" in first.output
    assert "history sealed: 20 ledgers" in first.output
    again = CliRunner().invoke(main, ["demo"], env=env)
    assert again.exit_code == 0 and "0 cases added, 52 already present" in again.output
    platform = bootstrap(Settings.from_environ(env))
    try:
        assert len(platform.registry.tenants()) == 17
        assert {u.name for u in platform.access.users()} == {name for name, *_ in DEMO_USERS}
        with platform.ledgers.lease("charnwood", writing=False) as ledger:
            assert ledger.funding.budgets() == ()  # shared money lives in the region's ledger
        with platform.region_ledgers.lease("leicestershire-rutland", writing=False) as region:
            assert [b.reference for b in region.funding.budgets()] == ["llr-dhr"]
        with platform.region_ledgers.lease("west-midlands", writing=False) as region:
            assert [b.reference for b in region.funding.budgets()] == ["invest-to-save-2013-14"]
        agreements = ResearchAgreements.open(platform)
        try:  # one agreement in force for the demo's researcher, recorded once
            (agreement,) = agreements.of_researcher("demo-researcher")
        finally:
            agreements.close()
        assert agreement.status_on(uk_today()) == "in_force" and len(agreement.covered) == 13
        with platform.ledgers.lease("birmingham", writing=False) as ledger:
            verified = platform.audit.verify(ledger)  # sealed at each load, as nightly
        assert verified.intact and verified.seals_checked == 2, verified
    finally:
        platform.close()
