"""py-amqp (kombu's RabbitMQ transport): publishing a batch on a confirm channel.

A connection opened with ``confirm_publish`` gives every channel py-amqp's
``basic_publish_confirm``, which waits for each message's confirm before the next is sent (a
quorum queue's log write per message). The relay sends a page of events and then awaits their
confirms together, so a channel it puts into confirm mode itself publishes with py-amqp's plain
send, ``Channel._basic_publish``; ``tests/unit/test_library_seams.py`` checks that it is there.
"""

from __future__ import annotations

from typing import Any


def publish_without_waiting(channel: Any) -> None:
    """Make ``channel.basic_publish`` send and return; the caller collects the confirms."""
    channel.basic_publish = channel._basic_publish
