"""The panel beside the "Make a recommendation" question: as a panel drafts one, the most
similar earlier recommendations — its own partnership's (all), its region's and other
regions' (published reviews only) — with their theme, addressee, year and what became of
their actions. Shown on the "Check for earlier recommendations like this" button, without
JavaScript; the draft is not recorded (the form keeps it as typed).
"""

from __future__ import annotations

from typing import Any

from api.resources.learning import corpus
from domain.errors import InvalidValueError
from domain.learning import Draft, Reach
from tenants.learning.lookup import MAX_LIMIT, left_out, similar_recommendations
from tenants.learning.shaping import similar_row

PER_GROUP = 5
BUTTON = "Check for earlier recommendations like this"
GROUPS = (
    (Reach.OWN, "Your partnership", "every review, published or not"),
    (Reach.REGION, "Your region", "published reviews of the other partnerships"),
    (Reach.NATIONAL, "Other regions", "published reviews"),
)


def similar_panel(tenant: str, form: Any) -> dict[str, Any]:
    """What the panel shows for the draft in ``form`` (text, themes, addressed sector)."""
    labels = dict(form.themes.choices or []) | dict(form.target_sector.choices or [])
    panel: dict[str, Any] = {"template": "learning/similar_panel.html", "labels": labels}
    try:
        draft = Draft(
            (form.text.data or "").strip()[:4000],
            tuple(form.themes.data or ()),
            form.target_sector.data or None,
        )
    except InvalidValueError as refusal:
        return {**panel, "error": str(refusal), "groups": []}
    found = similar_recommendations(corpus(), tenant, draft, MAX_LIMIT)
    panel["left_out"] = left_out(corpus(), tenant)
    panel["groups"] = [
        {
            "reach": str(reach),
            "heading": heading,
            "about": about,
            "matches": [similar_row(m) for m in found if m.reach == reach][:PER_GROUP],
        }
        for reach, heading, about in GROUPS
    ]
    return panel
