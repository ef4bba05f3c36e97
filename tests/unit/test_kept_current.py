"""Records kept current by what was recorded since the last look, on the in-memory store."""

from __future__ import annotations

from eventsourcing.utils import get_topic

from domain.recording import acting_as
from tenants.kept_current import event_topics
from tenants.users.access import AccessRegistry
from tenants.users.model import User, UserInfo


def test_the_topics_are_every_event_the_aggregate_records() -> None:
    topics = event_topics(User)
    for name in ("Added", "Renamed", "EmailChanged", "Deactivated"):
        assert get_topic(getattr(User, name)) in topics
    assert all(topic.startswith("tenants.users.model:User.") for topic in topics)


def test_users_follow_every_change_and_are_read_again_only_when_they_change() -> None:
    access = AccessRegistry(env={"PERSISTENCE_MODULE": "eventsourcing.popo"})
    loads: list[str] = []
    user = access.user

    def counted(name: str) -> UserInfo:
        loads.append(name)
        return user(name)

    access._users._load = counted
    with acting_as("admin"):
        access.add_user("ann", "csp_officer", ("north",))
        access.add_user("bob", "csp_officer", ("north",))
        assert [u.name for u in access.users()] == ["ann", "bob"] and loads == ["ann", "bob"]
        ann = access.user("ann").id
        access.record_audit_read(ann, "/cases", "north", None)  # another record of the store
        assert [u.name for u in access.users()] == ["ann", "bob"]
        access.rename_user("bob", "Bob Jones")
        access.add_user("cat", "auditor", ("north",))
        assert [u.shown_as for u in access.users()][1:] == ["Bob Jones", "cat"]
        access.deactivate_user("ann", "left")
        assert [u.active for u in access.users()] == [False, True, True]
    assert loads == ["ann", "bob", "bob", "cat", "ann"]
