"""A group's master action plan as a board paper: what its members' reviews and the group
itself have left overdue, and the completed actions awaiting their impact review, for the
board or the partnerships' meeting that keeps the plan (Leicestershire and Rutland's
districts; Staffordshire and Stoke-on-Trent's domestic abuse board)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from api.papers.action_plan import WHICH_ACTION, asked_to, awaiting_part
from api.papers.cells import asked, long_date
from api.papers.paper import Meeting, Paper, PaperTable, Part, Recorded, paper_date
from api.plurals import plural
from api.tables.notes import each_left_out_words
from api.tables.registers import GROUP_PLAN


@dataclass(frozen=True)
class GroupPlanAsk(Meeting, Recorded):
    region_name: str
    on: date


def group_plan_paper(plan: Mapping[str, Any], ask: GroupPlanAsk) -> Paper:
    """``plan``: the group's master plan as rows (``region_common.master_plan_rows``); what
    a member left out because it cannot be read is said in the purpose and the facts."""
    lines, items = plan["lines"], plan["items"]
    left_out = sum(plan["left_out"].values())
    unread = (each_left_out_words(plan["left_out"]),) if left_out else ()
    overdue = [line for line in lines if line["overdue"]]
    awaiting = [line for line in lines if line["awaiting_impact_review"]]
    own_open = [i for i in items if i["status"] != "completed"]
    own_late = [i for i in own_open if i["due_on"] is not None and i["due_on"] < ask.on]
    members, own = GROUP_PLAN.sections
    on = long_date(ask.on)
    by_member = Counter(line["partnership"] for line in overdue)
    spread = "; ".join(f"{name} {count}" for name, count in sorted(by_member.items()))
    name = str(plan["group"])
    meeting = ask.meeting or name
    title = name if "action plan" in name.casefold() else f"{name}: master action plan"
    return Paper(
        title=title,
        body=ask.region_name,
        meeting=meeting,
        meeting_date=paper_date(ask.meeting_date),
        purpose=(
            f"To report progress on the master action plan at {on}: the members' actions "
            "overdue, the completed actions whose impact has not yet been reviewed, and the "
            "actions the group owns itself.",
            *ask.recorded_purpose,
            *unread,
        ),
        recommendations=asked_to(
            asked(meeting),
            "the members' actions overdue (table 1), the completed actions awaiting their impact "
            "review (table 2) and the group's own open actions (table 3)",
            overdue=_late_in(bool(overdue), bool(own_late)),
            awaiting=bool(awaiting),
        ),
        parts=(
            Part(
                "Background",
                (
                    "The plan holds "
                    + _of_them(len(lines), "from the members' reviews", len(overdue), "overdue")
                    + (f" ({spread})" if spread else "")
                    + (
                        f", and {_of_them(len(items), 'the group owns', len(own_open), 'still open')}. "
                        if items
                        else "; the group owns no actions of its own. "
                    )
                    + f"The plan is owned by {plan['owner_name']}.",
                ),
            ),
            Part(
                "Members' actions overdue",
                tables=(
                    PaperTable(
                        "Table 1: overdue actions of the members",
                        f"Not completed by their due date at {on}.",
                        members.only("partnership", *WHICH_ACTION, "due_on", "last_progress_on"),
                        overdue,
                        empty="No member's action is overdue.",
                    ),
                ),
            ),
            awaiting_part(
                members.only("partnership", *WHICH_ACTION, "completed_on"),
                awaiting,
            ),
            Part(
                "The group's own actions",
                tables=(
                    PaperTable(
                        "Table 3: the group's open actions",
                        (
                            f"{'Past' if own_late else 'Not past'} its due date at {on}."
                            if len(own_open) == 1
                            else f"{len(own_late) or 'None'} of them past their due date at {on}."
                            if own_open
                            else ""  # "None of them" over no table read as a count of nothing
                        ),
                        own.only("reference", "text", "owner_name", "due_on", "last_update"),
                        own_open,
                        empty="The group has no open action of its own.",
                    ),
                ),
            ),
            Part(
                "Financial implications",
                (
                    "None arise directly from this report; owners meet the cost of their "
                    "actions from their own budgets.",
                ),
            ),
        ),
        contact=ask.contact,
        facts=(
            ("Plan at", on),
            *ask.recorded_facts,
            ("Actions", str(len(lines) + len(items))),
            *((("Left out, cannot be read", str(left_out)),) if left_out else ()),
        ),
    )


def _late_in(members: bool, own: bool) -> str:
    """Whose overdue actions the meeting asks about, by the tables that hold them."""
    if members and own:
        return "of an overdue action (tables 1 and 3)"
    if members or own:
        return f"of an overdue action (table {1 if members else 3})"
    return ""


def _of_them(count: int, whose: str, some: int, are: str) -> str:
    """ "3 actions from ..., 1 of them overdue", "1 action from ..., overdue", "no actions
    from ...": counts a board reads without "1 actions" or "0 of them"."""
    actions = f"{plural(count, 'action', none='no')} {whose}"
    if count == 1:
        return f"{actions}, {'' if some else 'not '}{are}"
    return f"{actions}, {some or 'none'} of them {are}" if count else actions
