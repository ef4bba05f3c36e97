"""Schedule everything one tenant records over the years: cases (with their plans) and money."""

from __future__ import annotations

from datetime import date, timedelta
from random import Random

from benchmarks.data.book import TenantBook
from benchmarks.data.cases import schedule_case
from benchmarks.data.money import schedule_money
from benchmarks.data.shape import Shape, TenantPlan


def schedule_tenant(shape: Shape, plan: TenantPlan) -> TenantBook:
    rng = Random(plan.seed)
    book = TenantBook(plan.slug, plan.region)
    number = 0
    for offset in range(shape.years):
        year = shape.first_year + offset
        for _ in range(_poisson(rng, plan.cases_per_year)):
            number += 1
            incident = date(year, 4, 1) + timedelta(days=rng.randint(0, 364))
            if incident < shape.horizon - timedelta(days=25):
                schedule_case(book, rng, number, incident)
    schedule_money(book, rng, shape.first_year, shape.years - 1)
    return book


def _poisson(rng: Random, mean: float) -> int:
    """Cases arrive at random: a small partnership has none some years and two in others."""
    count, total = 0, rng.expovariate(1.0)
    while total < mean:
        count += 1
        total += rng.expovariate(1.0)
    return count
