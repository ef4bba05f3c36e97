"""Every frozen value object that any domain area stores inside its events."""

from domain.actionplan import VALUE_OBJECTS as ACTIONPLAN
from domain.funding import VALUE_OBJECTS as FUNDING
from domain.reviews import VALUE_OBJECTS as REVIEWS

VALUE_OBJECTS: tuple[type, ...] = (*REVIEWS, *ACTIONPLAN, *FUNDING)
