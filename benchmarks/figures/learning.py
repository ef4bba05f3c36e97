"""Figure "learn": similar earlier recommendations for a draft, p95 over random readers.

The first lookup reads every tenant's recommendations into the in-memory corpus (cold); later
ones check the reader's store, reuse the index fitted over published recommendations and rank
(warm). Baseline: refitting TF-IDF over the same candidates on every lookup, in memory.
Note: the synthetic texts are short ("Recommendation 3"); real texts make TF-IDF slower.
"""

from __future__ import annotations

import time
from random import Random

from benchmarks.context import Context
from benchmarks.report import Row
from benchmarks.timing import percentile, ratio, timed
from domain.learning import Draft
from tenants.learning.corpus import RecommendationCorpus
from tenants.learning.lookup import similar_recommendations
from tenants.learning.similarity import rank

DRAFT = Draft(
    "Recommendation on identifying coercive control at first contact",
    ("identification-of-risk",),
    "police",
)


def measure(ctx: Context) -> None:
    corpus = RecommendationCorpus(ctx.platform)
    slugs = sorted(ctx.loader.books)
    rng = Random(7)
    cold = timed(lambda: similar_recommendations(corpus, slugs[0], DRAFT))
    samples: list[float] = []
    ranking: list[float] = []
    candidates = corpus.of_tenants(ctx.platform.registry.tenants())
    deadline = time.perf_counter() + ctx.window(10.0)
    while time.perf_counter() < deadline or len(samples) < 5:
        slug = rng.choice(slugs)
        samples.append(timed(lambda s=slug: similar_recommendations(corpus, s, DRAFT)))  # type: ignore[misc]
        ranking.append(timed(lambda: rank(DRAFT, candidates, 10)))
    p95, base = percentile(samples, 95) * 1000, percentile(ranking, 95) * 1000
    note = f"{len(candidates)} recommendations, {len(slugs)} tenants; cold first lookup {cold:.1f}s"
    ctx.report.add(Row(
        "learn", ctx.kind, "similar earlier recommendations, p95 (warm)", p95, "ms",
        "refit per lookup, p95", base, ratio(p95, base), note=note,
    ))  # fmt: skip
