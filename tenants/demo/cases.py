"""Fictional cases whose counts reproduce the seeds.

West Midlands follows the table in seed 000 (DHRs commenced since 13.4.11 / completed,
i.e. submitted to the Home Office): Birmingham 13/2 with one decommissioned, Coventry 2/1,
Dudley 0/0, Sandwell 4/1, Solihull 0/0, Walsall 3/1 (+1 suicide, +1 tagged onto an SCR),
Wolverhampton 1/1 — 25 commenced, 6 completed. Leicestershire's 8 cases sit in three
districts (seed 001) beside the Hinckley appreciative inquiry; Staffordshire has two DHRs
underway in November 2017 (seed 004).

Recent cases (2024-2026) give today's view what a PCC would see now: a decision overdue, cases
past seven months, one paused for a trial, one back from QA. None of them is commenced in West
Midlands, so the seed table stays 25/6 on any date. Each case moves at its own pace
(``pace.py``); ``trial`` cases were paused for a criminal trial and resumed, ``slow`` ones took
far longer to draft.
"""

from __future__ import annotations

from datetime import date, timedelta

from tenants.demo.lifecycle import DemoCase, Stage

S = Stage
PSEUDONYMS = (
    "Mary",
    "Anna",
    "Beth",
    "Claire",
    "Dawn",
    "Ellen",
    "Faye",
    "Grace",
    "Helen",
    "Iris",
    "Jane",
    "Kath",
    "Lena",
    "Mina",
    "Nora",
    "Olive",
    "Pat",
    "Rose",
    "Sara",
    "Tess",
)


def _series(
    prefix: str, first: date, spacing_days: int, specs: list[dict[str, object]]
) -> list[DemoCase]:
    cases = []
    for n, spec in enumerate(specs, start=1):
        fields = {"stage": S.UNDER_REVIEW, **spec}
        cases.append(
            DemoCase(
                reference=f"{prefix}-{n:02d}",
                pseudonym=PSEUDONYMS[(n * 7 + len(prefix)) % len(PSEUDONYMS)],
                incident_on=first + timedelta(days=spacing_days * (n - 1)),
                **fields,  # type: ignore[arg-type]
            )
        )
    return cases


OLDER = {"category": "familial_homicide", "relationship": "child", "age_band": "75+"}
MALE = {"sex": "male", "age_band": "25-34"}

CASES: dict[str, list[DemoCase]] = {
    "birmingham": _series(
        "BHM-DHR",
        date(2011, 5, 9),
        55,
        [
            {"stage": S.PUBLISHED},
            {"stage": S.SUBMITTED},
            {"decommissioned": True},
            {"stage": S.PAUSED},
            {"stage": S.DRAFTED, **OLDER},
            {"trial": True},
            {"stage": S.PAUSED, **MALE},
            {"stage": S.DRAFTED, "slow": True},
            {},
            {"category": "homicide_suicide"},
            {"slow": True},
            {**OLDER},
            {},
        ],
    ),
    "coventry": _series(
        "COV-DHR", date(2011, 9, 14), 240, [{"stage": S.PUBLISHED}, {"stage": S.DRAFTED}]
    ),
    "dudley": _series(
        "DUD-DN", date(2012, 11, 2), 1, [{"stage": S.NOTIFIED, "decision": "not_hold"}]
    ),
    "sandwell": _series(
        "SAN-DHR",
        date(2011, 8, 21),
        150,
        [
            {"stage": S.FEEDBACK},
            {"trial": True},
            {"stage": S.DRAFTED, **MALE},
            {},
        ],
    ),
    "walsall": _series(
        "WAL-DHR",
        date(2011, 7, 3),
        130,
        [
            {"stage": S.APPROVED},
            {},
            {"stage": S.DRAFTED, "slow": True},
            {"category": "suspected_victim_suicide", "relationship": "former_intimate_partner"},
            {"decision": "joint_with_scr", "kind": "joint_with_scr", **OLDER},
        ],
    ),
    "wolverhampton": _series("WOL-DHR", date(2011, 10, 30), 1, [{"stage": S.PUBLISHED}]),
    "charnwood": _series(
        "CHA-DHR",
        date(2013, 3, 12),
        330,
        [
            {"stage": S.PUBLISHED},
            {"stage": S.APPROVED, "trial": True},
            {"stage": S.PAUSED},
        ],
    ),
    "hinckley-bosworth": _series(
        "HB-DHR",
        date(2014, 2, 20),
        300,
        [
            {"stage": S.NOTIFIED, "decision": "alternative_review", "category": "unexpected_death"},
            {"stage": S.PUBLISHED, **MALE},
            {"stage": S.SUBMITTED, "slow": True},
            {"stage": S.DRAFTED, **OLDER},
        ],
    ),
    "north-west-leicestershire": _series(
        "NWL-DHR",
        date(2014, 6, 5),
        500,
        [
            {"stage": S.PUBLISHED},
            {},
        ],
    ),
    "staffordshire": _series(
        "STS-DHR",
        date(2015, 1, 19),
        380,
        [
            {"stage": S.PUBLISHED},
            {},
            {"stage": S.DRAFTED, "slow": True},
        ],
    ),
    "stoke-on-trent": _series(
        "SOT-DHR",
        date(2015, 6, 8),
        420,
        [
            {"stage": S.PUBLISHED, **MALE, "trial": True},
            {"stage": S.PAUSED},
        ],
    ),
}


def _recent(
    prefix: str, first: int, specs: list[tuple[date, str, dict[str, object]]]
) -> list[DemoCase]:
    return [
        DemoCase(
            reference=f"{prefix}-{n:02d}",
            pseudonym=pseudonym,
            incident_on=incident_on,
            **{"stage": S.UNDER_REVIEW, **spec},  # type: ignore[arg-type]
        )
        for n, (incident_on, pseudonym, spec) in enumerate(specs, start=first)
    ]


RECENT: dict[str, list[DemoCase]] = {
    "solihull": _recent("SOL-DHR", 1, [(date(2026, 10, 19), "Una", {"decided": False})]),
    "charnwood": _recent("CHA-DHR", 4, [(date(2026, 9, 28), "Vera", {})]),
    "harborough": _recent("HAR-DHR", 1, [(date(2025, 10, 6), "Wendy", {})]),
    "melton": _recent("MEL-DHR", 1, [(date(2025, 7, 21), "Yvonne", {"stage": S.PAUSED})]),
    "blaby": _recent(
        "BLA-DHR", 1, [(date(2024, 8, 12), "Zara", {"stage": S.SUBMITTED, "trial": True})]
    ),
    "oadby-wigston": _recent(
        "OW-DHR",
        1,
        [(date(2025, 1, 27), "Amy", {"stage": S.DRAFTED, "category": "suspected_victim_suicide"})],
    ),
    "rutland": _recent("RUT-DHR", 1, [(date(2026, 6, 15), "Bella", {})]),
    "hinckley-bosworth": _recent("HB-DHR", 5, [(date(2025, 12, 1), "Cora", {**OLDER})]),
    "staffordshire": _recent(
        "STS-DHR",
        4,
        [
            (date(2026, 8, 24), "Delia", {}),
            (date(2024, 3, 11), "Edie", {"stage": S.PUBLISHED, "slow": True}),
        ],
    ),
    "stoke-on-trent": _recent(
        "SOT-DHR",
        3,
        [
            (date(2025, 3, 3), "Flora", {"stage": S.FEEDBACK}),
            (date(2026, 11, 9), "Gwen", {"decided": False}),
        ],
    ),
}
for _tenant, _cases in RECENT.items():
    CASES[_tenant] = [*CASES.get(_tenant, []), *_cases]
