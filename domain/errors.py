"""Domain exceptions. The API maps each family to one HTTP problem type in one place.

Every message says what was wrong *and* what the user can do next, because the
message reaches a council officer unchanged.
"""


class DomainError(Exception):
    """Base of every rule the domain refuses to break. A raised error records nothing."""


class NotFoundError(DomainError):
    """The thing asked for does not exist (or is not visible to the asker)."""


class InvalidTransitionError(DomainError):
    """The command is well formed but the current state does not allow it (HTTP 409)."""


class InvalidValueError(DomainError):
    """A value breaks a domain rule whatever the state, e.g. negative pence (HTTP 422)."""


class DuplicateError(InvalidTransitionError):
    """Something with the same natural key already exists."""


class ConcurrentChangeError(InvalidTransitionError):
    """Someone else changed the record after the user read it; they must read it again.

    ``current_version`` is the version it stands at now, so the answer can say what the
    client collided with (HTTP sends it back as the ETag)."""

    def __init__(self, message: str, current_version: int | None = None) -> None:
        super().__init__(message)
        self.current_version = current_version
