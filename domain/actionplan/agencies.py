"""An action owner's agency *type*, as a code: what regional views group by instead of typed text.

Regional read models hold no free text. "West Midlands Police" and "Police" are both
``police``; anything not recognised is ``other``. The codes are the target-sector codes
recommendations already use, so the PCC's views line up on one vocabulary. (A per-region
partner directory can later give finer codes; this is the fallback that needs no setup.)
"""

from __future__ import annotations

import re
from functools import lru_cache

OTHER = "other"

# First match wins: specific phrases before the general words they contain.
_RULES: tuple[tuple[str, str], ...] = (
    (r"police|constabulary", "police"),
    (r"probation", "probation"),
    (r"mental health", "commissioned-mental-health-providers"),
    (r"child|young people|youth", "children-social-care"),
    (r"adult", "adult-social-care"),
    (r"\bgps?\b|general practi|primary care", "primary-care"),
    (r"idva|domestic abuse|women'?s aid|refuge|isva", "idva-domestic-abuse-service"),
    (r"substance|drug|alcohol", "substance-misuse-services"),
    (
        r"\bccg\b|\bicb\b|\bnhs\b|clinical commissioning|integrated care|health|hospital|trust"
        r"|ambulance|medical",
        "health",
    ),
    (r"housing|homes|homeless", "housing"),
    (r"\bcsp\b|community safety", "csp"),
    (r"social (care|services|work)", "social-services"),
)
_COMPILED = tuple((re.compile(p), code) for p, code in _RULES)


@lru_cache(maxsize=4096)  # read models ask once per action event; a partnership has few owners
def agency_code(owner: str) -> str:
    text = " ".join(owner.casefold().split())
    for pattern, code in _COMPILED:
        if pattern.search(text):
            return code
    return OTHER
