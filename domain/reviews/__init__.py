"""Domestic Homicide Reviews (and the reviews that succeed or join them): one case per death."""

from domain.reviews.index import ReviewIndex
from domain.reviews.qa import FeedbackPoint, FeedbackRound, PointAnswer
from domain.reviews.records import (
    Closure,
    Commission,
    Decision,
    DecisionCheck,
    FamilyInvolvement,
    Imr,
    ImrAssessment,
    ImrExtension,
    ImrExtensionRequest,
    Pause,
)
from domain.reviews.review import DomesticHomicideReview, review_id
from domain.reviews.timeliness import Timeliness
from domain.reviews.values import (
    AgeBand,
    DeathCategory,
    DecisionCheckOutcome,
    DecisionOutcome,
    Document,
    FamilyMilestone,
    ImrOutcome,
    PauseReason,
    Relationship,
    ReviewKind,
    ReviewStatus,
    Sex,
)

# Events hold FeedbackPoint and PointAnswer; the rest are case state, which snapshots store too.
VALUE_OBJECTS: tuple[type, ...] = (
    FeedbackPoint,
    PointAnswer,
    FeedbackRound,
    Decision,
    DecisionCheck,
    Commission,
    Imr,
    ImrExtension,
    ImrExtensionRequest,
    ImrAssessment,
    Pause,
    FamilyInvolvement,
    Closure,
)

__all__ = [
    "VALUE_OBJECTS",
    "AgeBand",
    "Closure",
    "Commission",
    "DeathCategory",
    "Decision",
    "DecisionCheck",
    "DecisionCheckOutcome",
    "DecisionOutcome",
    "Document",
    "DomesticHomicideReview",
    "FamilyInvolvement",
    "FamilyMilestone",
    "FeedbackPoint",
    "FeedbackRound",
    "Imr",
    "ImrAssessment",
    "ImrExtension",
    "ImrExtensionRequest",
    "ImrOutcome",
    "Pause",
    "PauseReason",
    "PointAnswer",
    "Relationship",
    "ReviewIndex",
    "ReviewKind",
    "ReviewStatus",
    "Sex",
    "Timeliness",
    "review_id",
]
