"""Figure b's "2 tenants vs 1" compares like with like: same clients, same work per client."""

from uuid import UUID

import pytest

from benchmarks.figures.over_http import CLIENTS, _abba, _busiest, _pair_shares, _share


def _actions(slug: str, count: int) -> list[tuple[str, UUID]]:
    return [(slug, UUID(int=i + (1000 if slug == "b" else 0))) for i in range(count)]


def test_each_client_has_as_many_actions_with_two_tenants_as_with_one() -> None:
    work = _actions("a", 40) + _actions("b", 30) + _actions("c", 50)
    one, two = _pair_shares(work, "a", "b")
    assert len(one) == len(two) == CLIENTS
    assert {len(s) for s in one + two} == {min(40 // CLIENTS, 30 // (CLIENTS // 2))}
    assert all(slug == "a" for s in one for slug, _ in s)
    assert two[: CLIENTS // 2] == one[: CLIENTS // 2]  # the first half stay where they were
    assert all(slug == "b" for s in two[CLIENTS // 2 :] for slug, _ in s)
    for shares in (one, two):  # no two clients write the same action (no 412s between them)
        mine = [w for s in shares for w in s]
        assert len(mine) == len(set(mine))


def test_a_clients_tenant_a_share_is_the_one_it_had_in_the_spread_load() -> None:
    work = _actions("a", 40) + _actions("b", 30)
    one, _ = _pair_shares(work, "a", "b")
    for n in range(CLIENTS):
        assert set(one[n]) <= set(_share(work, n))


def test_slices_alternate_abba_so_each_configuration_is_as_often_first() -> None:
    order = _abba(4)
    assert order == ["1 tenant", "2 tenants", "2 tenants", "1 tenant"] * 2
    assert order.count("1 tenant") == order.count("2 tenants") == 4


def test_a_tenant_with_few_actions_gives_each_upper_client_its_own() -> None:
    """At full scale a tenant has a handful of live actions in the sample: clients must still
    not share one (they refused each other with 412s, and "2 tenants" looked slower)."""
    work = _actions("a", 9) + _actions("b", 5) + _actions("c", 2)
    assert _busiest(work) == ("a", "b")
    one, two = _pair_shares(work, "a", "b")
    for shares in (one, two):
        mine = [w for s in shares for w in s]
        assert len(mine) == len(set(mine)) and all(shares)


def test_too_few_actions_for_the_pair_is_a_clear_error() -> None:
    with pytest.raises(RuntimeError, match="larger --scale"):
        _busiest(_actions("a", CLIENTS) + _actions("b", CLIENTS // 2 - 1))
