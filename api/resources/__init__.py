"""One flask-smorest blueprint per area, each a module of thin views."""

from flask_smorest import Blueprint

from api.resources import (
    action_plan,
    actions,
    audit,
    costs,
    findings,
    grants,
    history,
    pooled,
    recommendations,
    regions,
    review_reports,
    review_steps,
    reviews,
    tenants,
    users,
    views,
)

BLUEPRINTS: list[Blueprint] = [
    regions.blp,
    tenants.blp,
    users.blp,
    reviews.blp,
    review_steps.blp,
    review_reports.blp,
    findings.blp,
    recommendations.blp,
    actions.blp,
    action_plan.blp,
    grants.blp,
    costs.blp,
    pooled.blp,
    views.blp,
    history.blp,
    audit.blp,
]
