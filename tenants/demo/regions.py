"""The seeds' regions and their partnerships (tenants)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DemoRegion:
    slug: str
    name: str
    tenants: tuple[tuple[str, str], ...]


REGIONS = (
    DemoRegion(
        "west-midlands",
        "West Midlands",
        (
            ("birmingham", "Birmingham"),
            ("coventry", "Coventry"),
            ("dudley", "Dudley"),
            ("sandwell", "Sandwell"),
            ("solihull", "Solihull"),
            ("walsall", "Walsall"),
            ("wolverhampton", "Wolverhampton"),
        ),
    ),
    DemoRegion(
        "leicestershire-rutland",
        "Leicestershire & Rutland",
        (
            ("blaby", "Blaby"),
            ("charnwood", "Charnwood"),
            ("harborough", "Harborough"),
            ("hinckley-bosworth", "Hinckley & Bosworth"),
            ("melton", "Melton"),
            ("north-west-leicestershire", "North West Leicestershire"),
            ("oadby-wigston", "Oadby & Wigston"),
            ("rutland", "Rutland"),
        ),
    ),
    DemoRegion(
        "staffordshire-stoke",
        "Staffordshire & Stoke-on-Trent",
        (
            ("staffordshire", "Safer Staffordshire"),
            ("stoke-on-trent", "Stoke-on-Trent"),
        ),
    ),
)
