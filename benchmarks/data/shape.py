"""How big the synthetic nation is: regions, tenants, years and cases, scaled by ``--scale``.

Scale multiplies the number of tenants (and regions) and keeps each tenant's history the same
shape, so events grow linearly with scale and per-tenant figures stay comparable across runs.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from random import Random

REGIONS, TENANTS, YEARS = 43, 300, 12
CASES_PER_TENANT_YEAR = 1.5  # about 1M events at scale 1 (calibrated by counting)


@dataclass(frozen=True)
class TenantPlan:
    slug: str
    name: str
    region: str
    seed: int
    cases_per_year: float


@dataclass(frozen=True)
class Shape:
    scale: float
    regions: tuple[str, ...]
    tenants: tuple[TenantPlan, ...]
    first_year: int
    years: int
    horizon: date

    @classmethod
    def of(cls, scale: float, seed: int = 7) -> Shape:
        rng = Random(seed)
        horizon = date.today() - timedelta(days=1)
        regions = tuple(f"region-{i:02d}" for i in range(max(1, round(REGIONS * scale))))
        tenants = []
        for i in range(max(2, round(TENANTS * scale))):
            size = min(6.0, rng.lognormvariate(0, 0.6))  # a few Birminghams, many Rutlands
            tenants.append(
                TenantPlan(
                    f"csp-{i:03d}",
                    f"Partnership {i}",
                    regions[i % len(regions)],
                    rng.randrange(1 << 30),
                    CASES_PER_TENANT_YEAR * size,
                )
            )
        return cls(scale, regions, tuple(tenants), horizon.year - YEARS, YEARS, horizon)

    def region_of(self, slug: str) -> str:
        return next(t.region for t in self.tenants if t.slug == slug)
