"""The region's themes say what the reviews' findings and recommendations say, after any
history of records and corrections (hypothesis, a fresh region of two partnerships each
time, fed live on both stores): for several ranges, each theme's partnerships, DHRs and
recommendations, the recommendations by sector, and the heat map's DHRs per partnership,
equal the same counts worked out from the findings and recommendations as they are now.

A DHR carries a theme from the first day any of its findings or recommendations tagged with it
is dated; a range counts the DHRs whose theme first appeared within it."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from typing import Any
from uuid import UUID

from hypothesis import given
from hypothesis import strategies as st

from domain.actionplan import Scope
from domain.errors import DomainError
from domain.recording import acting_as
from projections.queries import shared_themes
from projections.queries.reading import regional
from projections.queries.themes import NO_SECTOR, dhrs_by_partnership
from projections.service import ProjectionService
from tenants.platform import Platform
from tests.projections.support import fed_live, new_partnership, open_case, wait_caught_up

START = date(2012, 1, 1)
THEMES = ("mental-health", "coercive-control", "information-sharing", "substance-misuse")
SECTORS = (None, "primary-care", "adult-social-care")
TENANTS, REVIEWS = 2, 2
WHY = "keyed wrong"

days = st.integers(min_value=0, max_value=720).map(lambda n: START + timedelta(n))
tagged = st.lists(st.sampled_from(THEMES), min_size=1, max_size=3, unique=True)
sectors = st.sampled_from(SECTORS)
review = st.tuples(st.integers(0, TENANTS - 1), st.integers(0, REVIEWS - 1))
RECORDS = st.one_of(
    st.tuples(st.just("find"), review, tagged, days),
    st.tuples(st.just("recommend"), review, tagged, days, sectors),
)
CORRECTIONS = st.one_of(
    st.tuples(
        st.just("correct_finding"),
        review,
        st.integers(1, 2),
        st.sampled_from(("theme_codes", "recorded_on")),
        tagged,
        days,
    ),
    st.tuples(
        st.just("correct_recommendation"),
        st.integers(0, 5),
        st.sampled_from(("theme_codes", "made_on", "target_sector")),
        tagged,
        days,
        sectors,
    ),
)
STEPS = st.tuples(
    st.lists(RECORDS, min_size=3, max_size=15), st.lists(CORRECTIONS, min_size=1, max_size=15)
).map(lambda parts: parts[0] + parts[1])  # records, then corrections to them
ranges = st.tuples(days, st.integers(0, 400)).map(lambda d: (d[0], d[0] + timedelta(d[1])))


class Records:
    """Two partnerships' reviews and what the steps recorded on them."""

    def __init__(self, platform: Platform, slugs: list[str]) -> None:
        self.platform, self.slugs = platform, slugs
        self.reviews: list[list[UUID]] = []
        self.recommendations: list[tuple[int, UUID]] = []  # (partnership, id), in making order
        for slug in slugs:
            with platform.ledgers.lease(slug) as app:
                self.reviews.append(
                    [open_case(app, f"DHR-{n + 1}", date(2011, 12, 1)) for n in range(REVIEWS)]
                )

    def run(self, step: tuple[Any, ...]) -> None:
        """One step; a refusal is a step not taken."""
        kind, *a = step
        n = a[0][0] if kind != "correct_recommendation" else self._maker(a[0])
        if n is None:
            return
        with self.platform.ledgers.lease(self.slugs[n]) as app:
            try:
                self._step(app, kind, a)
            except DomainError:
                pass

    def _maker(self, which: int) -> int | None:
        return self.recommendations[which][0] if which < len(self.recommendations) else None

    def _step(self, app: Any, kind: str, a: list[Any]) -> None:
        if kind == "find":
            (t, r), themes, on = a
            app.findings.record(self.reviews[t][r], "A finding", themes, on)
        elif kind == "recommend":
            (t, r), themes, on, sector = a
            rid = self.reviews[t][r]
            number = str(len(app.recommendations.of_review(rid)) + 1)
            police = None if sector else "Police"
            made = app.recommendations.make(
                rid, number, f"Do {number}", Scope.MULTI_AGENCY, on, themes, police, sector
            )
            self.recommendations.append((t, made))
        elif kind == "correct_finding":
            (t, r), number, field, themes, on = a
            value = themes if field == "theme_codes" else on.isoformat()
            app.findings.correct(self.reviews[t][r], number, field, value, WHY)
        else:
            which, field, themes, on, sector = a
            value = {"theme_codes": themes, "made_on": on.isoformat(), "target_sector": sector}
            made = self.recommendations[which][1]
            app.recommendations.correct(made, field, value[field], WHY)

    def as_now(self) -> list[tuple[int, UUID, list[tuple[date, tuple[str, ...]]], list[Any]]]:
        """Each review: (partnership, id, its findings' (day, themes), its recommendations)."""
        found = []
        for t, slug in enumerate(self.slugs):
            with self.platform.ledgers.lease(slug) as app:
                for rid in self.reviews[t]:
                    recs = app.recommendations.of_review(rid)
                    try:
                        findings = [
                            (f.recorded_on, f.theme_codes) for f in app.findings.get(rid).findings
                        ]
                    except DomainError:  # no finding recorded
                        findings = []
                    found.append((t, rid, findings, recs))
        return found


def expected(
    reviews: list[tuple[int, UUID, list[tuple[date, tuple[str, ...]]], list[Any]]],
    since: date,
    until: date,
) -> tuple[dict[str, tuple[int, int, int]], dict[str, tuple[int, int]], dict[int, dict[str, int]]]:
    """(theme -> (partnerships, DHRs, recommendations), sector -> (recommendations,
    partnerships), partnership -> theme -> DHRs) over the range, from the records alone."""
    within = lambda d: since <= d <= until  # noqa: E731
    carriers: dict[str, set[tuple[int, UUID]]] = defaultdict(set)
    recs: dict[str, int] = defaultdict(int)
    by_sector: dict[str, list[int]] = defaultdict(list)
    heat: dict[int, dict[str, int]] = {t: {} for t in range(TENANTS)}
    for t, rid, findings, made in reviews:
        records = findings + [(r.made_on, r.theme_codes) for r in made]
        first: dict[str, date] = {}
        for on, themes in records:
            for theme in themes:
                first[theme] = min(on, first.get(theme, on))
        for theme, on in first.items():
            if within(on):
                carriers[theme].add((t, rid))
                heat[t][theme] = heat[t].get(theme, 0) + 1
        for r in made:
            if within(r.made_on):
                for theme in r.theme_codes:
                    recs[theme] += 1
                by_sector[r.target_sector or NO_SECTOR].append(t)
    themes = {
        theme: (len({t for t, _ in who}), len(who), recs.get(theme, 0))
        for theme, who in carriers.items()
    }
    return themes, {s: (len(ts), len(set(ts))) for s, ts in by_sector.items()}, heat


@fed_live
@given(steps=STEPS, looks=st.lists(ranges, max_size=3))
def test_the_regional_themes_say_what_the_records_say(
    platform: Platform,
    service: ProjectionService,
    steps: list[tuple[Any, ...]],
    looks: list[tuple[date, date]],
) -> None:
    region, first = new_partnership(platform, "themes")
    second = f"{first}-b"
    platform.register_tenant(second, "Partnership B", region)
    with acting_as("officer-1"):
        records = Records(platform, [first, second])
        for step in steps:
            records.run(step)
        reviews = records.as_now()
    wait_caught_up(service.views, platform)

    for since, until in [(START - timedelta(400), START + timedelta(1200)), *looks]:
        view = shared_themes(service.views, region, since=since, until=until)
        found = {t.theme: (t.csps, t.dhrs, t.recommendations) for t in view.themes}
        by_sector = {s.sector: (s.recommendations, s.csps) for s in view.sectors}
        with regional(service.views, region, since=since, until=until) as q:
            heat = dhrs_by_partnership(q)
        themes, sectors, heat_expected = expected(reviews, since, until)
        assert found == themes, (since, until, steps)
        assert by_sector == sectors, (since, until, steps)
        assert heat == {slug: heat_expected[t] for t, slug in enumerate(records.slugs)}, (
            since,
            until,
            steps,
        )
