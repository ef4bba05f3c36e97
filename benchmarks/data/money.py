"""A partnership's money over the years, as dated steps: its pooled DHR budget and PCC grants.

Modelled on Leicestershire & Rutland's pot (partners agree and pay contributions, spend is
planned per DHR and drawn down, each year is closed) and West Midlands' PCC grant lines
(a business case, a numbered decision, allocation and payment in instalments).
"""

from __future__ import annotations

from datetime import date, timedelta
from random import Random

from benchmarks.data.book import TenantBook
from domain.funding import (
    AllocationPlan,
    AmountLine,
    BudgetKind,
    BudgetLine,
    FinancialYear,
    PooledBudget,
)

PARTNERS = (("county", "County council"), ("police", "Police"), ("district", "District councils"))


def schedule_money(book: TenantBook, rng: Random, first_year: int, years: int) -> None:
    ref = f"POOL-{book.slug}"
    pot_id = PooledBudget.create_id(ref)
    plan_id = AllocationPlan.create_id(ref)
    opened = date(first_year, 4, 1)

    def open_pot() -> None:
        pot = book.add(PooledBudget.open(ref, "Pooled DHR budget", "Business office", opened))
        book.funding_index.list_budget(BudgetKind.POOLED_BUDGET, ref, pot.id, pot.name)
        book.add(AllocationPlan(budget_reference=ref))
        for key, name in PARTNERS:
            pot.add_partner(key, name, opened)

    book.at(opened, open_pot)
    for offset in range(years):
        year = FinancialYear.of(date(first_year + offset, 4, 1))
        start = year.start
        for key, _name in PARTNERS:
            amount = rng.randint(2_000, 30_000) * 100
            agreed = start + timedelta(days=rng.randint(0, 20))
            paid = start + timedelta(days=rng.randint(30, 200))
            book.command(agreed, pot_id, "agree_contribution", key, year, amount, agreed)
            book.command(paid, pot_id, "receive_contribution", key, year, amount, paid)
        book.command(
            start,
            plan_id,
            "plan_allocation",
            year,
            "chairs",
            "Chairs and authors",
            start,
            per_dhr=850_000,
            expected_dhrs=3,
        )
        for _ in range(rng.randint(1, 3)):
            spent = start + timedelta(days=rng.randint(60, 360))
            book.command(
                spent,
                pot_id,
                "spend",
                "chairs",
                rng.randint(1_000, 8_500) * 100,
                spent,
                "chair and author fees",
            )
        closed = year.end + timedelta(days=rng.randint(10, 60))
        book.command(closed, pot_id, "close_year", year, closed)
        _schedule_grant(book, rng, year)


def _schedule_grant(book: TenantBook, rng: Random, year: FinancialYear) -> None:
    ref = f"CSF-{year.start.year}"
    line_id = BudgetLine.create_id(ref)
    opened = year.start
    sought = rng.randint(20_000, 60_000) * 100
    number = f"{rng.randint(1, 99):03d}/{year.start.year}"

    def open_line() -> None:
        line = book.add(
            BudgetLine.open(ref, "Community Safety Fund", "PCC", year, sought * 2, opened)
        )
        book.funding_index.list_budget(BudgetKind.BUDGET_LINE, ref, line.id, line.name)
        line.submit_business_case(
            "BC-1",
            "Learning from DHRs",
            "CSP officer",
            [AmountLine("Research", sought // 2), AmountLine("Learning", sought - sought // 2)],
            opened,
        )

    book.at(opened, open_line)
    decided = opened + timedelta(days=rng.randint(20, 60))
    approved = sought * rng.randint(6, 10) // 10
    book.at(
        decided,
        lambda: book.aggregates[line_id].decide(
            number,
            decided,
            "Police and Crime Commissioner",
            approved,
            "BC-1",
            ("report quarterly",),
        ),
    )
    book.at(
        decided, lambda: book.aggregates[line_id].allocate(number, book.slug, approved, decided)
    )
    paid = decided
    for share in (approved // 2, approved - approved // 2):
        paid = paid + timedelta(days=rng.randint(30, 150))
        book.command(paid, line_id, "pay", number, book.slug, share, paid)
