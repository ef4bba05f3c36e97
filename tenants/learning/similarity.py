"""Similarity of recommendations: TF-IDF over the words of the text plus the theme and
addressee codes as tokens of their own, so two recommendations that say the same thing to the
same sector under the same theme rank above ones that merely share words.

Fitted per query over the candidates the reader may see, in memory; nothing is stored.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from domain.learning import Draft, EarlierRecommendation

if TYPE_CHECKING:  # scikit-learn is imported on first use: it adds ~100 MB to every API worker
    from sklearn.feature_extraction.text import TfidfVectorizer

# Codes repeated so that a shared theme or addressee weighs about as much as a shared phrase.
CODE_WEIGHT = 2


def _code_token(prefix: str, code: str) -> str:
    return f"{prefix}{re.sub(r'[^0-9a-z]+', '', code.lower())}"


def document(text: str, theme_codes: Sequence[str], addressee: str | None) -> str:
    codes = [_code_token("zztheme", c) for c in theme_codes]
    if addressee:
        codes.append(_code_token("zzaddressee", addressee))
    return " ".join([text, *(codes * CODE_WEIGHT)])


def _vectorizer() -> TfidfVectorizer:
    from sklearn.feature_extraction.text import TfidfVectorizer

    return TfidfVectorizer(
        stop_words="english", sublinear_tf=True, ngram_range=(1, 2), token_pattern=r"(?u)\b\w\w+\b"
    )


def rank(
    draft: Draft, candidates: Sequence[EarlierRecommendation], limit: int
) -> list[tuple[float, EarlierRecommendation]]:
    """The ``limit`` most similar candidates, best first; ties keep the newest first."""
    if not candidates:
        return []
    docs = [document(c.text, c.theme_codes, c.addressee) for c in candidates]
    query = document(draft.text, draft.theme_codes, draft.addressee)
    try:
        matrix = _vectorizer().fit_transform([query, *docs])
    except ValueError:  # nothing but stop words anywhere: nothing can be similar
        return []
    scores = linear_kernel(matrix[0:1], matrix[1:]).ravel()
    order = sorted(
        range(len(candidates)),
        key=lambda i: (-scores[i], -candidates[i].year, str(candidates[i].recommendation_id)),
    )
    return [(round(float(scores[i]), 4), candidates[i]) for i in order[:limit] if scores[i] > 0]


class FittedIndex:
    """A vectorizer fitted once over a set of records (the published ones: public text), kept
    in memory while no tenant's store changes, so a lookup only transforms the draft and the
    reader's own recommendations instead of refitting over the nation's."""

    def __init__(self, records: Sequence[EarlierRecommendation]) -> None:
        self.records = tuple(records)
        self.vectorizer = _vectorizer()
        docs = [document(r.text, r.theme_codes, r.addressee) for r in self.records]
        try:
            self.matrix: Any = self.vectorizer.fit_transform(docs) if docs else None
        except ValueError:  # nothing but stop words
            self.matrix = None

    def rank(
        self,
        draft: Draft,
        others: Sequence[EarlierRecommendation],
        keep: Callable[[EarlierRecommendation], bool],
        limit: int,
    ) -> list[tuple[float, EarlierRecommendation]]:
        """Rank ``others`` and the indexed records ``keep`` admits, in one list."""
        if self.matrix is None:
            return rank(draft, [*others, *(r for r in self.records if keep(r))], limit)
        query = self.vectorizer.transform(
            [document(draft.text, draft.theme_codes, draft.addressee)]
        )
        scored = [
            (float(x), r)
            for x, r in zip(linear_kernel(query, self.matrix).ravel(), self.records, strict=True)
            if x > 0 and keep(r)
        ]
        if others:
            own = self.vectorizer.transform(
                [document(r.text, r.theme_codes, r.addressee) for r in others]
            )
            scored += [
                (float(x), r)
                for x, r in zip(linear_kernel(query, own).ravel(), others, strict=True)
                if x > 0
            ]
        scored.sort(key=lambda p: (-p[0], -p[1].year, str(p[1].recommendation_id)))
        return [(round(x, 4), r) for x, r in scored[:limit]]


def pairwise(records: Sequence[EarlierRecommendation]) -> list[list[float]]:
    """Cosine similarity of every pair (for the region's clusters)."""
    if len(records) < 2:
        return [[1.0] * len(records)] if records else []
    docs = [document(r.text, r.theme_codes, r.addressee) for r in records]
    try:
        matrix = _vectorizer().fit_transform(docs)
    except ValueError:
        return [[0.0] * len(records) for _ in records]
    return [[float(x) for x in row] for row in linear_kernel(matrix)]


def linear_kernel(a: Any, b: Any = None) -> Any:
    """scikit-learn's, imported on first use like the vectorizer."""
    from sklearn.metrics.pairwise import linear_kernel as kernel

    return kernel(a, b)
