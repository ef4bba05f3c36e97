"""The read models. ``ALL`` is the order they are installed, rebuilt and reported in."""

from projections.model import ReadModel
from projections.views.action_days import ActionDays
from projections.views.action_owners import ActionOwners
from projections.views.actionplan import ActionPlans
from projections.views.dhr import ReviewCases
from projections.views.directory import Directory
from projections.views.imr_more_time import ImrMoreTime
from projections.views.imrs import ImrClocks
from projections.views.money import Money
from projections.views.region_money import RegionMoney


def all_models() -> list[ReadModel]:
    return [
        Directory(),
        ReviewCases(),
        ActionPlans(),
        Money(),
        ActionDays(),
        RegionMoney(),
        ImrClocks(),
        ActionOwners(),
        ImrMoreTime(),
    ]


def model_names() -> list[str]:
    return [m.name for m in all_models()]
