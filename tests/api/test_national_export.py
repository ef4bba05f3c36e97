"""The national learning export: it validates against its published schema, suppresses cells of
fewer than 5 cases, and carries no field from which a case could be re-identified."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from click.testing import CliRunner
from flask.testing import FlaskClient

from api.cli import main
from domain.actionplan import ImpactOutcome, Scope
from domain.learning.national import DIMENSIONS, MINIMUM_CASES
from domain.learning.national_schema import export_schema
from domain.recording import acting_as
from tenants.demo.lifecycle import DemoCase, Stage, record
from tenants.platform import Platform, bootstrap
from tenants.users.onboarding import add_user
from tests.api.conftest import World, body
from tests.conftest import fresh_database

PSEUDONYMS = ("Maryam", "Olusola", "Kerry-Ann")


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A database of its own: the export reads every partnership the store holds, and the
    session's shared database holds other tests' partnerships, some altered on purpose."""
    with fresh_database("ledger_national") as url:
        yield url


def plant_cases(platform: Platform, tenant: str) -> list[str]:
    """Six cases in 2016 (one of them 75+), each with one recommendation on coercive control."""
    references = []
    with acting_as("officer-1"), platform.ledgers.lease(tenant) as ledger:
        for n in range(6):
            reference = f"EXP-DHR-{n}"
            case = DemoCase(
                reference, PSEUDONYMS[n % 3], date(2016, 1 + n, 3), Stage.PUBLISHED,
                age_band="75+" if n == 5 else "25-34",
            )  # fmt: skip
            review = record(ledger, case)
            made = date(2017, 6, 1)
            rec = ledger.recommendations.make(
                review, "R1", f"Secret free text about {case.pseudonym}", Scope.MULTI_AGENCY,
                made, ["coercive-control"], target_organisation="Ferncastle Police",
                target_sector="police",
            )  # fmt: skip
            action = ledger.actions.plan(rec, "Police", "Brief", made + timedelta(days=90))
            ledger.actions.complete(action, made + timedelta(days=30))
            ledger.actions.review_impact(action, made + timedelta(days=200), ImpactOutcome.EMBEDDED)
            references.append(reference)
    return references


def ours(rows: list[dict[str, Any]], region: str) -> dict[tuple[Any, ...], dict[str, Any]]:
    return {tuple(r[d] for d in ("table", *DIMENSIONS)): r for r in rows if r["region"] == region}


def analyst(platform: Platform, world: World) -> dict[str, str]:
    name = f"analyst-{world.tenant}"
    add_user(platform, name, "national_analyst", (), ())
    return {"Authorization": f"Bearer {platform.access.issue_token(name).secret}"}


def assert_anonymous(text: str, platform: Platform, world: World, refs: list[str]) -> None:
    for secret in (*PSEUDONYMS, *refs, "Secret free text", "Ferncastle", world.tenant, "Our CSP"):
        assert secret not in text
    assert not re.search(r"\d{4}-\d{2}-\d{2}", text), "no date finer than a month"


def test_the_export_validates_and_suppresses_cells_of_fewer_than_five_cases(
    client: FlaskClient, platform: Platform, world: World
) -> None:
    refs = plant_cases(platform, world.tenant)
    url = "/api/v1/national/learning-export?since=2016-01"
    response = client.get(url, headers=analyst(platform, world))
    assert response.status_code == 200, response.data
    document = body(response)
    jsonschema.validate(document, body(client.get("/api/v1/national/learning-export/schema")))
    assert_anonymous(response.get_data(as_text=True), platform, world, refs)
    cells = ours(document["rows"], world.region)
    none = dict.fromkeys(DIMENSIONS)

    def cell(table: str, **values: Any) -> dict[str, Any]:
        key = {**none, "year": 2016, "region": world.region, **values}
        return cells[(table, *(key[d] for d in DIMENSIONS))]

    kind = cell("reviews_by_kind", review_kind="dhr", death_category="intimate_partner_homicide")
    assert (kind["cases"], kind["suppressed"]) == (6, False)
    lone = cell("reviews_by_age_band", age_band="75+")
    assert lone == {**lone, "cases": None, "recommendations": None, "suppressed": True}
    # 6 cases in the kind table, so 6 - 5 would give the lone one away: the 5 are hidden too
    partner = cell("reviews_by_age_band", age_band="25-34")
    assert partner == {**partner, "cases": None, "suppressed": True}
    theme = cell(
        "recommendations_by_theme", theme="identification-of-risk", scope="multi_agency",
        action_outcome="completed", impact="embedded",
    )  # fmt: skip
    assert (theme["cases"], theme["recommendations"]) == (6, 6)
    assert "coercive-control" not in {r["theme"] for r in cells.values()}  # Home Office codes
    for row in document["rows"]:
        assert set(row) == {"table", *DIMENSIONS, "cases", "recommendations", "suppressed"}
        assert row["suppressed"] or row["cases"] >= MINIMUM_CASES
        assert not row["suppressed"] or row["cases"] is row["recommendations"] is None


def test_only_the_national_role_may_export_and_bad_months_are_refused(
    client: FlaskClient, platform: Platform, world: World
) -> None:
    url = "/api/v1/national/learning-export?since=2016-01"
    for who in ("officer", "regional", "auditor", "admin"):
        assert client.get(url, headers=world.auth(who)).status_code == 403
    assert client.get(url).status_code == 401
    headers = analyst(platform, world)
    assert client.get(url.replace("2016-01", "2016-13"), headers=headers).status_code == 422
    assert client.get(url + "&format=xml", headers=headers).status_code == 422
    # the national analyst reaches nothing else
    assert client.get(f"/api/v1/tenants/{world.tenant}/reviews", headers=headers).status_code == 404
    with pytest.raises(Exception, match="A national analyst reads only anonymised exports"):
        add_user(platform, f"wrong-{world.tenant}", "national_analyst", (world.tenant,), ())


def test_the_cli_writes_csv_and_the_schema(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, unique: Callable[[str], str]
) -> None:
    monkeypatch.setenv("LEDGER_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("LEDGER_DATABASE_URL", raising=False)
    p = bootstrap()
    region, tenant = unique("region"), unique("csp")
    p.registry.create_region(region, unique("Region"))
    p.register_tenant(tenant, "Our CSP", region)
    refs = plant_cases(p, tenant)
    p.close()
    run = CliRunner().invoke
    result = run(main, ["export", "national", "--since", "2016-01-15", "--format", "csv"])
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert "suppressed (fewer than 5 cases)" in result.stderr
    rows = list(csv.DictReader(io.StringIO(text)))
    lone = next(r for r in rows if r["age_band"] == "75+")
    assert (lone["cases"], lone["suppressed"]) == ("", "true")
    for secret in (*PSEUDONYMS, *refs, "Secret", tenant):
        assert secret not in text
    schema = run(main, ["export", "national", "--schema"])
    assert json.loads(schema.stdout) == export_schema()
    missing = run(main, ["export", "national"])
    assert missing.exit_code == 2 and "--since" in missing.output
