"""Commissioned services in the region's ledger: providers from the directory, funding
agreements with funders' shares, extensions, handovers, tender milestones and payments."""

from __future__ import annotations

from api.resources.blueprints import api_blueprint
from api.resources.commands import Command
from api.resources.records import Record
from api.resources.region_common import REGION_LEDGER, serve_in_region
from api.schemas.corrections import CorrectionIn
from api.schemas.region import (
    AgreementIn,
    ExtensionIn,
    HandoverIn,
    MilestoneIn,
    MilestoneReachedIn,
    ServiceIn,
    ServiceOut,
    ServicePaymentIn,
)

blp = api_blueprint(
    "region-services",
    "/regions/<region>",
    "Commissioned services: agreements, extensions, handovers, milestones",
)
SERVICE = "/services/<reference>"


SERVICE_RECORD = Record(
    "/services",
    SERVICE,
    ServiceIn,
    ServiceOut,
    "services.open",
    "services.get",
    ("open_service", "get_service"),
    (
        "Record a commissioned service and its provider (directory partners).",
        "A commissioned service: providers over time, funding agreements, milestones, payments.",
    ),
    listing=(
        "list_services",
        "services.all",
        "Every commissioned service of the region, in the order recorded.",
    ),
)
SERVICE_COMMANDS = (
    Command(
        "agree_funding",
        f"{SERVICE}/funding-agreements",
        AgreementIn,
        "services.agree_funding",
        "A funding agreement: period, annual value, and each funder's share.",
    ),
    Command(
        "extend",
        f"{SERVICE}/extensions",
        ExtensionIn,
        "services.extend_funding",
        "Extend an agreement (e.g. until the new services start).",
    ),
    Command(
        "hand_over",
        f"{SERVICE}/handovers",
        HandoverIn,
        "services.hand_over",
        "Another provider takes the service over.",
    ),
    Command(
        "plan_milestone",
        f"{SERVICE}/milestones",
        MilestoneIn,
        "services.plan_milestone",
        "Plan a tender milestone.",
    ),
    Command(
        "reach_milestone",
        f"{SERVICE}/milestones-reached",
        MilestoneReachedIn,
        "services.reach_milestone",
        "Record that a tender milestone was reached.",
    ),
    Command(
        "pay",
        f"{SERVICE}/payments",
        ServicePaymentIn,
        "services.pay",
        "Money paid to the provider by one funder under one agreement.",
    ),
    Command(
        "correct",
        f"{SERVICE}/corrections",
        CorrectionIn,
        "services.correct",
        "Correct a payment keyed wrong (field payment.<number>.amount, payments numbered from 1 "
        "as listed; the regional money views move it on the day it was paid) or a funder's "
        "share of a funding agreement a year (field agreement.<reference>.share.<funder>; the "
        "agreement's annual value follows, as the shares add up to it).",
    ),
)
serve_in_region(blp, SERVICE_RECORD, "reference", REGION_LEDGER, SERVICE_COMMANDS)
