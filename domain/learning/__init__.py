"""Learning across reviews: what earlier recommendations said and what became of them.

Pure: the records a panel compares its draft with, and the rules for reading outcomes and
repeats. Ranking by text similarity and reading the stores live in ``tenants/learning/``.
"""

from domain.learning.earlier import Draft, EarlierRecommendation, Reach
from domain.learning.outcomes import ActionOutcomes, Outcome

__all__ = ["ActionOutcomes", "Draft", "EarlierRecommendation", "Outcome", "Reach"]
