"""The questions a group's pages ask (``groups.py``), as forms: one class a question. The
choices of a select or of the members' boxes are the region's own, set by the view."""

from __future__ import annotations

from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovCheckboxesInput, GovCheckboxInput
from wtforms import BooleanField, SelectMultipleField
from wtforms.validators import InputRequired

from api.web.fields import GovDate, long_text, radios, select, text

KINDS = {"partnerships": "A group of partnerships", "board": "A board"}
OWNER_HINT = "A body in the region's directory, for example the county council or the board."


class GroupForm(FlaskForm):
    name = text(
        "Name",
        "Enter the group's name",
        "For example Leicestershire and Rutland DHR master plan.",
        200,
    )
    kind = radios("What kind of group is it?", list(KINDS.items()), "Select the kind of group")
    owner = select("Who owns the plan", InputRequired("Select who owns the plan"), hint=OWNER_HINT)
    members = SelectMultipleField(  # a board may have none; a group of partnerships needs one
        "Member partnerships",
        widget=GovCheckboxesInput(),
        description="Select every partnership whose actions belong in the plan. "
        "A board that keeps only its own items may have none.",
    )
    on = GovDate("Date the group was formed", "forming the group", happened=True)


class ItemForm(FlaskForm):
    reference = text("Reference", "Enter the item's reference", "For example LLR-01.", 80, width=10)
    text = long_text(
        "What is to be done",
        "Enter what is to be done",
        "As the plan states it, for example Revisit completed actions to check their impact.",
        2000,
    )
    owner = select("Owner", InputRequired("Select who owns the item"), hint=OWNER_HINT)
    due_on = GovDate(
        "Due date",
        "the due date",
        optional=True,
        description="Leave empty if the plan gives none.",
    )
    on = GovDate("Date the item was recorded", "recording the item", happened=True)


class ProgressForm(FlaskForm):
    note = long_text(
        "What was done",
        "Enter what was done",
        "As the owner reported it, for example Audit of 12 closed actions presented to the board.",
        2000,
        named="The update",
    )
    on = GovDate("Date of the update", "the update", happened=True)
    completed = BooleanField("This completes the item", widget=GovCheckboxInput())
