"""Every command body loads into the arguments its use case takes.

Views pass a loaded body straight on (``ledger.funding.pay(line, **data)``), so a field the
use case does not name, or an argument no field fills, would only show when that command is
called; this checks them all against the use cases' signatures at once.
"""

from __future__ import annotations

import inspect
from operator import attrgetter

import pytest
from marshmallow import Schema, ValidationError

from api.resources import (
    actions,
    allocation_plan,
    costs,
    grants,
    pooled,
    pooled_years,
    recommendations,
    region_commissioning,
    region_funding,
    region_pot_reports,
    region_pots,
    region_services,
    review_reports,
    review_steps,
)
from api.resources.commands import Command
from api.schemas.common import In
from tenants.ledger import PartnershipLedger
from tenants.region_ledger import RegionLedger

TABLES = [
    (PartnershipLedger, costs.COST_COMMANDS),
    (PartnershipLedger, actions.ACTION_COMMANDS),
    (PartnershipLedger, grants.LINE_COMMANDS),
    (PartnershipLedger, pooled.POOL_COMMANDS),
    (PartnershipLedger, pooled_years.YEAR_COMMANDS),
    (RegionLedger, region_funding.REGION_LINE_COMMANDS),
    (RegionLedger, region_pots.POT_COMMANDS),
    (PartnershipLedger, allocation_plan.PLAN_COMMANDS),
    (RegionLedger, region_pot_reports.PLAN_COMMANDS),
    (RegionLedger, region_services.SERVICE_COMMANDS),
    (RegionLedger, region_commissioning.BUDGET_COMMANDS),
    (PartnershipLedger, review_steps.STEP_COMMANDS),
    (PartnershipLedger, review_steps.IMR_COMMANDS),
    (PartnershipLedger, review_reports.REPORT_COMMANDS),
    (PartnershipLedger, recommendations.NATIONAL_COMMANDS),
]
CASES = [(ledger, c) for ledger, table in TABLES for c in table]


def loaded_names(schema: type[Schema] | Schema) -> list[str]:
    instance = schema() if isinstance(schema, type) else schema
    assert isinstance(instance, In)
    return [instance.rename.get(n, n) for n in instance.fields if n not in instance.ignore]


@pytest.mark.parametrize(("ledger", "command"), CASES, ids=[f"{c.name}" for _, c in CASES])
def test_the_body_binds_to_the_use_case(ledger: type, command: Command) -> None:
    use_case = inspect.signature(attrgetter(command.use)(ledger("a-tenant")))
    use_case.bind("the aggregate's id", **dict.fromkeys(loaded_names(command.schema)))


def test_a_renamed_field_is_still_its_json_name_to_the_client() -> None:
    from api.schemas.funding import PAID, GrantMoneyIn

    schema = GrantMoneyIn(rename=PAID)
    body = {"number": "036/2013", "tenant": "blaby", "amount": 100, "on": "2014-03-01"}
    loaded = schema.load(body)
    assert "paid_on" in loaded and "on" not in loaded
    assert schema.as_sent(loaded)["on"] == loaded["paid_on"]
    with pytest.raises(ValidationError) as refused:
        schema.load({**body, "on": "not a date"})
    assert list(refused.value.messages) == ["on"]


def test_a_field_a_use_ignores_is_still_checked_then_left_out() -> None:
    from api.schemas.review_steps import ImrIn

    schema = ImrIn(rename={"on": "received_on"}, ignore=("due_on", "author"))
    loaded = schema.load({"agency": "Police", "on": "2014-03-01", "due_on": "2014-04-01"})
    assert set(loaded) == {"agency", "received_on", "with_chronology"}
    with pytest.raises(ValidationError) as refused:
        schema.load({"agency": "Police", "on": "2014-03-01", "due_on": "not a date"})
    assert list(refused.value.messages) == ["due_on"]
