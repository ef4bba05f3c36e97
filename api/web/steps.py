"""One next step on a case or an action, as pages: a question page, perhaps a check-answers
page, then a confirmation panel.

A ``Step`` names its form, the use case it runs and the words around it; ``register_steps``
adds the three pages for every step of a ``Subject`` (a case, an action), and a fourth for a
step whose later questions need its first answers (``Step.later``: a box for each of the QA
panel's points once their number is given, ``api.web.step_pages``). The form carries
the version of the record it was filled in against: if the record changed since (someone
else, or the same person in another tab), the page says so (checked again as the change is
saved), and nothing is recorded. It also carries a one-time submission key: sent again (the
browser's Back, then Save), it records nothing and says what was already saved
(``api.web.submissions``). A step taken once (a decision) says so in place of its form.

Every page a person reaches is one the browser can ask for again with a GET (Post/Redirect/
Get): Back and Refresh never offer to send a form again. A step with a check-answers page
keeps its answers between the pages in the tenant's store, sealed (``ledger.drafts``), never
in the session cookie: its answers are typed reasons about a person who was killed, and that
cookie is only signed, travels with every request and lasts for hours in the browser's
profile; the session holds only the random token that finds them. The question page, once
its answers are valid, keeps them and redirects to the check page; the check page's "Change"
and "Back" are links to the question page, which shows the answers kept (a step's second
button, the earlier recommendations like a draft, keeps them the same way and redirects to the
question page, which shows them with its panel). The check page's
own form carries the answers back as they were sent (hidden, beside what the page shows the
same person), so "Confirm" validates them exactly as the question page did (and records once
however often it is sent); recorded, they are taken away from the store.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from contextlib import nullcontext
from dataclasses import dataclass, field
from operator import attrgetter
from typing import Any
from uuid import UUID

from eventsourcing.persistence import IntegrityError
from flask import Blueprint, abort, redirect, render_template, request, session, url_for
from flask_wtf import FlaskForm
from werkzeug.datastructures import MultiDict
from wtforms import Field, HiddenField

from api.concurrency import expecting, stored_version
from api.context import current_user, may, requires, tenant_ledger
from api.policy import Permission
from api.web.agency_choices import agencies_named
from api.web.asked import asks
from api.web.fields import (
    CHANGED_SINCE_OPENED,
    GovDate,
    Pounds,
    error_list,
    field_for,
    in_words,
    questions,
)
from api.web.formatting import long_date, money
from api.web.step_pages import (
    FIRST,
    Later,
    asked_on,
    elsewhere,
    first_in_error,
    owner,
    part_of,
    valid_on,
)
from api.web.submissions import Already, Made, Saved, kept_key, new_key, once
from domain.errors import ConcurrentChangeError, DomainError
from tenants.application import guarding_saves
from tenants.ledger import PartnershipLedger

STALE = f"{CHANGED_SINCE_OPENED} Check its latest details, then submit again."
HIDDEN = ("CSRFTokenField", "HiddenField", "SubmitField")
AGENCY_FIELDS = ("agency", "owner")  # a step's answers holding an agency as recorded
CHANGE = "change"  # sent by the check page's "Change" and "Back": edit the answers it carries
PREVIEW = "preview"  # sent by a step's second button: show its panel beside the answers
NOT_CARRIED = ("csrf_token", CHANGE, PREVIEW)  # sent by a page's buttons, not answers
STASHED = "answers:"  # where answers waited in the session before the check page carried them
DRAFTS = "drafts"  # the session's tokens of answers kept for a check page (``ledger.drafts``)
MOST_DRAFTS = 8  # tokens a session holds at most (one a step being checked)


class StepForm(FlaskForm):
    version = HiddenField()
    submission = HiddenField()  # a one-time key, new each time the page renders the form

    # What the question page says above the questions, from the record: (a sentence, the
    # numbered items), e.g. an agency's request for more time that the step answers.
    listed: tuple[str, list[str]] | None = None

    def asks(self, field: Field) -> bool:
        """Whether the question page shows ``field``: every one, unless a form asks one only
        when its answers call for it (a box confirming an unusual amount)."""
        return True


Run = Callable[[PartnershipLedger, UUID, Any], Any]


def dated(label: str, what: str) -> type[StepForm]:
    """A form whose one question is a date: "Date of the panel meeting"."""
    return type(
        f"Dated{what.title().replace(' ', '')}Form", (StepForm,), {"on": GovDate(label, what)}
    )


def answer(field: Field) -> Any:
    """An answer as a use case takes it: pence for an amount, whether a box is ticked, text."""
    if isinstance(field, Pounds):
        return field.pence
    if field.type == "BooleanField":
        return bool(field.data)
    if field.type in ("StringField", "TextAreaField"):
        return field.data or ""
    return field.data


def calls(use: str, *answers: str) -> Run:
    """Run ``ledger.<use>(record id, *answers)``: ``calls("reviews.direct", "on")`` passes the
    form's ``on`` date to ``ledger.reviews.direct``."""
    method = attrgetter(use)

    def run(ledger: PartnershipLedger, record_id: UUID, form: Any) -> Any:
        return method(ledger)(record_id, *(answer(form[name]) for name in answers))

    return run


@dataclass(frozen=True)
class Step:
    slug: str
    title: str  # the page's heading: "Record the decision"
    form: type[StepForm]
    run: Run
    done: str  # the confirmation panel: "Decision recorded"
    button: str = "Save and continue"
    check: str | None = None  # the check-answers page's button; None: no check page
    permission: Permission = Permission.CASE_RECORD
    lede: str = ""  # a sentence under the heading
    prepare: Callable[[StepForm, Any, PartnershipLedger], None] | None = None  # choices
    guarded: bool = True  # whether the record's version must still match when saved
    # A second button that shows something beside the answers without recording them (the
    # earlier recommendations like a draft): its words, and what it shows for the tenant.
    preview: tuple[str, Callable[[str, StepForm], dict[str, Any]]] | None = None
    made: Made | None = None  # what a step that creates something makes, and where it is
    # A step taken once: what its page says instead of the form once it was taken ("The
    # decision was already recorded on 1 October 2026."), None while it can still be taken.
    already: Callable[[Any], str | None] | None = None
    # The step a person takes next after this one, offered by the confirmation page instead
    # of the record's next task: after a recommendation, its actions, not "Home Office
    # approval" (which has nothing to do with what the person was doing).
    then: str | None = None
    # What happens next that is not this person's to do, said on the confirmation page: after
    # an officer records an action complete, its sign-off is the lead's ("" for nothing).
    after: str = ""
    # What the record still needs before the ledger would take this step ("Needs the action
    # plan agreed"; "" once it can): said in place of the form, which is neither shown nor
    # accepted until then, rather than a refusal after the person has filled it in.
    waits: Callable[[Any], tuple[str, tuple[str, ...]]] | None = None  # and the steps to it
    # A warning beside the form and its check page, for the record and the tenant: something
    # the ledger allows that the person should know before going on ("" for none).
    warns: Callable[[Any, str], str] | None = None
    # Questions asked on a page of their own once the question page's answers are known (a
    # box for each of the letter's points, once their number is): ``api.web.step_pages``.
    later: Later | None = None


@dataclass
class Subject:
    """What steps act on: how to load it, say it, and link back to it."""

    kind: str  # URL segment and blueprint: "cases"
    id_arg: str  # URL argument: "review"
    load: Callable[[PartnershipLedger, UUID], Any]
    label: Callable[[Any], str]  # "Case DHR-2014-03"
    page: str  # endpoint of the record's own page
    steps: dict[str, Step] = field(default_factory=dict)
    # What to offer after a step is saved: (title, link) of the record's next task, given a
    # step's link by its slug; None when the record has no list of tasks.
    next_task: Callable[[Any, Callable[[str], str]], tuple[str, str] | None] | None = None
    # The agencies recorded on it (a case's IMRs, an action's owner), which a refusal may
    # name by their directory key: the page names them as the directory does.
    agencies: Callable[[Any], Iterable[str]] = lambda record: ()

    def add(self, *steps: Step) -> None:
        for step in steps:
            self.steps[step.slug] = step


def display(field: Field) -> str:
    """A form answer as the check-answers page shows it."""
    if isinstance(field, GovDate):
        return long_date(field.data)
    if isinstance(field, Pounds):
        return money(field.pence)
    choices = dict(getattr(field, "choices", None) or [])
    if field.type == "BooleanField":
        return "Yes" if field.data else "No"
    if choices:
        return str(choices.get(field.data, field.data or ""))
    return str(field.data or "")


def sent_answers() -> list[tuple[str, str]]:
    """The answers as the form sent them (a date's three boxes each), not its buttons."""
    return [(k, v) for k, v in request.form.items(multi=True) if k not in NOT_CARRIED]


def carried(form: StepForm, sent: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The answers ``sent``, for the check page's form to send back; the version is the
    record's as last checked, so "submit again" after a change by someone else sends the
    version the person has now been shown."""
    return [(k, str(form.version.data or "") if k == "version" else v) for k, v in sent]


def draft_tokens() -> dict[str, str]:
    found = session.get(DRAFTS)
    return dict(found) if isinstance(found, dict) else {}


def keep_draft(tenant: str, key: str, answers: list[tuple[str, str]]) -> None:
    """Keep the answers sent for the check page to show (and the question page, to change
    them), sealed in the tenant's store under this session's token for ``key`` (a step of one
    record), replacing any kept before for it."""
    tokens = draft_tokens()
    with tenant_ledger(tenant) as ledger:
        if key in tokens:
            ledger.drafts.drop(tokens.pop(key))
        while len(tokens) >= MOST_DRAFTS:  # another record's, left unchecked: expires
            tokens.pop(min(tokens))
        tokens[key] = ledger.drafts.keep(str(current_user().id), answers)
    session[DRAFTS] = tokens


def kept_draft(tenant: str, key: str) -> list[tuple[str, str]] | None:
    """The answers kept for ``key`` in this session, if any."""
    tokens = draft_tokens()
    if key not in tokens:
        return None
    with tenant_ledger(tenant, writing=False) as ledger:
        kept = ledger.drafts.read(tokens[key], str(current_user().id))
    if kept is None:  # too old, or kept by another version of the service
        tokens.pop(key)
        session[DRAFTS] = tokens
    return kept


def forget_draft(tenant: str, key: str) -> None:
    """The answers are recorded: nothing of them waits any more."""
    tokens = draft_tokens()
    if key not in tokens:
        return
    with tenant_ledger(tenant) as ledger:
        ledger.drafts.drop(tokens.pop(key))
    session[DRAFTS] = tokens


def sent_here(form: StepForm) -> bool:
    """Whether the form came with a good CSRF token. One that expired (a session signed in
    again in another tab) is said in the error summary above the answers as sent, never as an
    error page that drops them; sending them again carries the page's fresh token."""
    return not form.meta.csrf or bool(form.csrf_token.validate(form))


def forget_stashed_answers() -> None:
    """Drop answers an earlier version of these pages left in this session's cookie, so a
    session begun before the change does not carry them until it ends."""
    for key in [k for k in session if k.startswith(STASHED)]:
        session.pop(key)


class _Rehearsed(Exception):
    """A rehearsed use case reached its save: the ledger would take the answers."""


def _refuse_every_save(app: Any, objs: Sequence[Any]) -> Sequence[Any]:
    raise _Rehearsed


def register_steps(bp: Blueprint, subject: Subject, prefix: str) -> None:
    """Add the question, check and confirmation pages of every step of ``subject``."""
    base = f"{prefix}/<uuid:{subject.id_arg}>/<step>"

    def step_of(slug: str) -> Step:
        step = subject.steps.get(slug)
        if step is None:
            abort(404)
        if not may(step.permission):
            abort(403)
        return step

    def record_url(tenant: str, record_id: UUID) -> str:
        ids: dict[str, Any] = {subject.id_arg: record_id}
        return url_for(subject.page, tenant=tenant, **ids)

    def question_url(tenant: str, step: Step, record_id: UUID, **args: str) -> str:
        ids: dict[str, Any] = {subject.id_arg: record_id, **args}
        return url_for(f".{subject.kind}_question", tenant=tenant, step=step.slug, **ids)

    def check_url(tenant: str, step: Step, record_id: UUID) -> str:
        ids: dict[str, Any] = {subject.id_arg: record_id}
        return url_for(f".{subject.kind}_check", tenant=tenant, step=step.slug, **ids)

    def step_link(tenant: str, rid: UUID) -> Callable[[str], str]:
        """A step's question page by its slug; "" for no step of the record's, or one not
        this person's to take."""
        ids: dict[str, Any] = {subject.id_arg: rid}

        def link(slug: str) -> str:
            found = subject.steps.get(slug)
            if found is None or not may(found.permission):
                return ""
            return url_for(f".{subject.kind}_question", tenant=tenant, step=slug, **ids)

        return link

    def draft_of(step: Step, rid: UUID) -> str:
        return f"{subject.kind}:{rid}:{step.slug}"

    def keep_answers(tenant: str, step: Step, rid: UUID, answers: list[tuple[str, str]]) -> None:
        keep_draft(tenant, draft_of(step, rid), answers)

    def kept_answers(tenant: str, step: Step, rid: UUID) -> list[tuple[str, str]] | None:
        return kept_draft(tenant, draft_of(step, rid))

    def forget_answers(tenant: str, step: Step, rid: UUID) -> None:
        forget_draft(tenant, draft_of(step, rid))

    def page(template: str, step: Step, record: Any, **context: Any) -> str:
        """A step's page about ``record``: its name as the caption, marked as protected."""
        caption = subject.label(record)
        return render_template(
            template, step=step, caption=caption, protective_marking=True, **context
        )

    def render(
        step: Step, form: StepForm, record: Any, tenant: str, rid: UUID, errors: Any,
        panel: dict[str, Any] | None = None, action: str = "", part: str = FIRST,
        sent: list[tuple[str, str]] | None = None,
    ) -> Any:  # fmt: skip
        """The question page, or the step's later page ``part``, carrying the other page's
        answers ``sent`` (else those of this request) hidden; ``action``: where its form
        goes, when not to this address."""
        asked = asked_on(form, step.later, part)
        fields = [f for f in asked if f.type not in HIDDEN and form.asks(f)]
        first = question_url(tenant, step, rid)
        return page(
            "steps/question.html",
            step,
            record,
            form=form,
            fields=fields,
            back=record_url(tenant, rid) if part == FIRST else first,
            errors=errors,
            panel=panel,
            action=action,
            later=step.later if part != FIRST else None,
            carried=elsewhere(form, step.later, part, sent_answers() if sent is None else sent),
            warning=step.warns(record, tenant) if step.warns else "",
        )

    def page_url(tenant: str, step: Step, rid: UUID, part: str) -> str:
        if part == FIRST or step.later is None:
            return question_url(tenant, step, rid)
        ids: dict[str, Any] = {subject.id_arg: rid}
        return url_for(f".{subject.kind}_later", tenant=tenant, step=step.slug, part=part, **ids)

    def shown_again(
        step: Step, form: StepForm, record: Any, tenant: str, rid: UUID, errors: Any,
        here: str | None = None, sent: list[tuple[str, str]] | None = None,
    ) -> Any:  # fmt: skip
        """The page asking the first question in error, with the errors: this address's own
        (``here``, the page sent) or, for an answer another page asks, that page's, carrying
        the rest of the answers ``sent`` (else this request's)."""
        part = first_in_error(form, step.later)
        action = "" if part == here else page_url(tenant, step, rid, part)
        return render(step, form, record, tenant, rid, errors, action=action, part=part, sent=sent)

    def checking(
        step: Step, answers: StepForm, record: Any, tenant: str, rid: UUID, problem: str | None,
        sent: list[tuple[str, str]],
    ) -> Any:  # fmt: skip
        """The check-answers page: each answer with its "Change" (a link to the question page,
        which shows the answers kept), and a form sending them on."""
        change = question_url(tenant, step, rid)
        rows = [
            {
                "label": f.label.text,
                "value": display(f),
                "name": f.id,
                "change": page_url(tenant, step, rid, part_of(step.later, owner(answers, f.name))),
            }
            for f in questions(answers)
            if f.type not in HIDDEN
        ]
        return page(
            "steps/check.html",
            step,
            record,
            rows=rows,
            carried=carried(answers, sent),
            confirm=FlaskForm(),  # a fresh CSRF token; the answers' own is not carried
            action=check_url(tenant, step, rid),
            back=page_url(tenant, step, rid, step.later.slug) if step.later else change,
            errors=[{"text": problem, "href": "#main-content"}] if problem else [],
            warning=step.warns(record, tenant) if step.warns else "",
        )

    def taken(step: Step, record: Any, tenant: str, rid: UUID) -> Any:
        """A once-only step already taken: said plainly, with the way back, and no form."""
        said = step.already(record) if step.already else None
        if said is None:
            return None
        back = record_url(tenant, rid)
        return page("steps/taken.html", step, record, said=said, record_href=back)

    def waiting(step: Step, record: Any, tenant: str, rid: UUID) -> Any:
        """A step the record cannot take yet: what it waits for and the steps that record it,
        with no form; a form sent anyway records nothing (409) and gets the same page."""
        waits, slugs = step.waits(record) if step.waits else ("", ())
        if not waits:
            return None
        link = step_link(tenant, rid)
        first = [(subject.steps[s].title, link(s)) for s in slugs if link(s)]
        back = record_url(tenant, rid)
        shown = page("steps/waiting.html", step, record, waits=waits, first=first, record_href=back)
        return (shown, 409) if request.method == "POST" else shown

    def opened(step: Step, form: StepForm, tenant: str, rid: UUID) -> tuple[Any, Any]:
        """The record a step's question or check page is about, the form's choices made from
        it; and the page to show instead of either where the step was taken already or cannot
        be taken yet (else None)."""
        with tenant_ledger(tenant, writing=False) as ledger:
            record = subject.load(ledger, rid)
            if step.prepare:
                step.prepare(form, record, ledger)
        instead = taken(step, record, tenant, rid)
        if instead is None:
            instead = waiting(step, record, tenant, rid)
        return record, instead

    def refused(refusal: DomainError, ledger: Any, tenant: str, rid: UUID, form: StepForm) -> str:
        """The ledger's refusal in words, each agency in it by its name, not its key: those
        typed in the form and those the record already names."""
        posted = [str(form[f].data or "") for f in AGENCY_FIELDS if f in form]
        recorded = [*posted, *subject.agencies(subject.load(ledger, rid))]
        return agencies_named(in_words(str(refusal)), tenant, recorded)

    def execute(tenant: str, rid: UUID, step: Step, form: StepForm) -> str | Already | Saved:
        """Run the use case once per submission key; a refusal comes back as words for the
        error summary, a key used already as what its first sending made, a success as what
        it made now."""
        try:
            version = int(form.version.data or "")
        except ValueError:
            if step.guarded:
                return STALE
            version = -1
        made: list[Any] = []  # what the use case returned: a created record's id
        with tenant_ledger(tenant) as ledger:

            def run() -> None:
                current = subject.load(ledger, rid)
                if step.guarded and stored_version(current) != version:
                    form.version.data = str(stored_version(current))
                    raise ConcurrentChangeError(STALE)
                guard = (
                    guarding_saves(expecting(current.id, version))
                    if step.guarded
                    else nullcontext()
                )
                with guard:
                    made.append(step.run(ledger, rid, form))

            kind = step.made.kind if step.made else None
            try:
                sent = once(ledger, form.submission.data, (subject.kind, step.slug, rid), kind, run)
            except ConcurrentChangeError:
                return STALE
            except IntegrityError:
                return "Someone else recorded a change at the same moment. Submit again."
            except DomainError as refusal:
                return refused(refusal, ledger, tenant, rid, form)
        created = made[0] if made and kind and isinstance(made[0], UUID) else ""
        return sent or Saved(str(created))

    def rehearse(tenant: str, rid: UUID, step: Step, form: StepForm) -> str | None:
        """The ledger's refusal of these answers, if any, before the check page shows them:
        the use case runs up to its save, which is refused, so a date the ledger would not
        take is said beside its box now, not after "Confirm". Records nothing."""
        with tenant_ledger(tenant) as ledger:
            try:
                with guarding_saves(_refuse_every_save):
                    step.run(ledger, rid, form)
            except _Rehearsed:
                return None
            except DomainError as refusal:
                return refused(refusal, ledger, tenant, rid, form)
        return None

    def confirmed(tenant: str, step: Step, rid: UUID, saved: Saved) -> Any:
        """On to the confirmation, naming the record the step made (only an id of ours)."""
        ids: dict[str, Any] = {subject.id_arg: rid}
        if saved.made:
            ids["made"] = saved.made
        return redirect(url_for(f".{subject.kind}_done", tenant=tenant, step=step.slug, **ids))

    def already(step: Step, record: Any, tenant: str, rid: UUID, sent: Already, button: str) -> str:
        """The page for a form sent again: what its first sending saved, and where it is."""
        made = step.made
        here = record_url(tenant, rid)
        ids: dict[str, Any] = {subject.id_arg: rid}
        again = url_for(f".{subject.kind}_question", tenant=tenant, step=step.slug, **ids)
        return page(
            "steps/already.html",
            step,
            record,
            heading=f"This {made.noun} was already saved" if made else f"{step.done} already",
            noun=made.noun if made else None,
            view=made.link(tenant, rid, sent.made) if made else here,
            record_href=here,
            again=again if made else None,
            button=button,
        )

    def question(tenant: str, step: str, **ids: Any) -> Any:
        rid, the_step = ids[subject.id_arg], step_of(step)
        forget_stashed_answers()
        kept = kept_answers(tenant, the_step, rid) if request.method == "GET" else None
        form = the_step.form(formdata=MultiDict(kept)) if kept else the_step.form()
        record, instead = opened(the_step, form, tenant, rid)
        if instead is not None:
            return instead
        if request.method == "GET" and not kept:  # kept: the version and key they were sent with
            form.version.data = str(stored_version(record))
            form.submission.data = kept_key() or new_key()
        if kept and the_step.preview and request.args.get(PREVIEW):  # beside the draft kept
            panel = the_step.preview[1](tenant, form)  # records nothing; answers kept as typed
            return render(the_step, form, record, tenant, rid, [], panel)
        previewing = bool(the_step.preview) and PREVIEW in request.form
        changing = CHANGE in request.form  # a check page of before
        if request.method == "POST" and (previewing or changing) and not sent_here(form):
            return render(the_step, form, record, tenant, rid, error_list(form))  # to send again
        if request.method == "POST" and previewing:
            keep_answers(tenant, the_step, rid, carried(form, sent_answers()))
            return redirect(question_url(tenant, the_step, rid, preview="yes") + "#preview", 303)
        if request.method == "POST" and changing:
            return render(the_step, form, record, tenant, rid, [])  # as sent, to edit
        if request.method == "POST" and the_step.later:  # its own questions, then the later
            if valid_on(form, the_step.later, FIRST):
                keep_answers(tenant, the_step, rid, carried(form, sent_answers()))
                return redirect(page_url(tenant, the_step, rid, the_step.later.slug), 303)
            return render(the_step, form, record, tenant, rid, error_list(form))
        if request.method == "POST" and form.validate():
            return answered(tenant, the_step, rid, form, record, FIRST)
        return render(the_step, form, record, tenant, rid, error_list(form), sent=kept)

    def answered(
        tenant: str, the_step: Step, rid: UUID, form: StepForm, record: Any, here: str
    ) -> Any:
        """Every answer given and well formed (sent from page ``here``): kept for the check
        page if the ledger would take them, else recorded; a refusal beside its box."""
        if the_step.check:
            problem = rehearse(tenant, rid, the_step, form)
            if problem is None:
                keep_answers(tenant, the_step, rid, carried(form, sent_answers()))
                return redirect(check_url(tenant, the_step, rid), 303)
            errors = error_list(form, problem, field_for(form, problem))
            return shown_again(the_step, form, record, tenant, rid, errors, here)
        sent = execute(tenant, rid, the_step, form)
        if isinstance(sent, Already | Saved):
            forget_answers(tenant, the_step, rid)  # a draft shown beside its preview
        if isinstance(sent, Already):
            return already(the_step, record, tenant, rid, sent, the_step.button)
        if isinstance(sent, Saved):
            return confirmed(tenant, the_step, rid, sent)
        errors = error_list(form, sent, field_for(form, sent))
        return shown_again(the_step, form, record, tenant, rid, errors, here)

    def later(tenant: str, step: str, part: str, **ids: Any) -> Any:
        """A step's later page (``Step.later``): GET, its questions made from the answers kept
        by the question page (none kept: the question page); POST, every answer checked, then
        on as the question page goes on."""
        rid, the_step = ids[subject.id_arg], step_of(step)
        if the_step.later is None or part != the_step.later.slug:
            abort(404)
        kept = kept_answers(tenant, the_step, rid) if request.method == "GET" else None
        if request.method == "GET" and kept is None:
            return redirect(question_url(tenant, the_step, rid))
        form = the_step.form(formdata=MultiDict(kept)) if kept else the_step.form()
        record, instead = opened(the_step, form, tenant, rid)
        if instead is not None:
            return instead
        if request.method == "GET":
            return render(the_step, form, record, tenant, rid, [], part=part, sent=kept)
        if not sent_here(form):  # an expired token: the answers as sent, to send again
            return render(the_step, form, record, tenant, rid, error_list(form), part=part)
        if form.validate():
            return answered(tenant, the_step, rid, form, record, part)
        return shown_again(the_step, form, record, tenant, rid, error_list(form), part)

    def check(tenant: str, step: str, **ids: Any) -> Any:
        """GET: the answers kept for this step, to check (else the question page). POST:
        record the answers the check page sent back, validated as the question page does (its
        CSRF token too)."""
        rid, the_step = ids[subject.id_arg], step_of(step)
        forget_stashed_answers()
        if not the_step.check:
            return redirect(question_url(tenant, the_step, rid))
        if request.method == "GET":
            return check_page(tenant, the_step, rid)
        answers = the_step.form()
        record, instead = opened(the_step, answers, tenant, rid)
        if instead is not None:
            return instead
        if not answers.validate():  # altered on the way, or no longer a choice to offer
            return shown_again(the_step, answers, record, tenant, rid, error_list(answers))
        problem = execute(tenant, rid, the_step, answers)
        if isinstance(problem, Already | Saved):
            forget_answers(tenant, the_step, rid)
        if isinstance(problem, Already):
            return already(the_step, record, tenant, rid, problem, the_step.check)
        if isinstance(problem, Saved):
            return confirmed(tenant, the_step, rid, problem)
        at = field_for(answers, problem)
        if at is not None:  # about an answer ("dated before the approval"): beside its box
            errors = error_list(answers, problem, at)
            return shown_again(the_step, answers, record, tenant, rid, errors)
        sent = carried(answers, sent_answers())  # the version as now checked, to send again
        keep_answers(tenant, the_step, rid, sent)  # as "Change" shows them
        return checking(the_step, answers, record, tenant, rid, problem, sent)

    def check_page(tenant: str, step: Step, rid: UUID) -> Any:
        """The check-answers page for the answers kept; none kept (recorded, or never sent
        from this session): the question page, which says if the step was taken."""
        kept = kept_answers(tenant, step, rid)
        if kept is None:
            return redirect(question_url(tenant, step, rid))
        answers = step.form(formdata=MultiDict(kept), meta={"csrf": False})
        record, instead = opened(step, answers, tenant, rid)
        if instead is not None:
            return instead
        if not answers.validate():  # no longer a choice to offer: asked again, as kept
            return shown_again(step, answers, record, tenant, rid, error_list(answers), sent=kept)
        return checking(step, answers, record, tenant, rid, None, kept)

    def done(tenant: str, step: str, **ids: Any) -> Any:
        rid, the_step = ids[subject.id_arg], step_of(step)
        with tenant_ledger(tenant, writing=False) as ledger:
            record = subject.load(ledger, rid)
        to_step = step_link(tenant, rid)
        upcoming = subject.next_task(record, to_step) if subject.next_task else None
        if the_step.then:
            follow, link = subject.steps[the_step.then], to_step(the_step.then)
            upcoming = (follow.title, link) if link else None
        return page(
            "steps/done.html",
            the_step,
            record,
            record_href=record_url(tenant, rid),
            upcoming=upcoming,
            made=made_link(tenant, the_step, rid),
        )

    def made_link(tenant: str, step: Step, rid: UUID) -> tuple[str, str] | None:
        """(noun, link) of the record the step just made, named by the address's ``made``:
        parsed as an id, so no text from the address reaches the page."""
        try:
            made = UUID(request.args.get("made", ""))
        except ValueError:
            return None
        if step.made is None or step.made.kind is None:
            return None
        return step.made.noun, step.made.link(tenant, rid, str(made))

    def form_of(args: Mapping[str, Any]) -> type[StepForm] | None:
        """The form a step's address asks, for answers shown back when it cannot record them."""
        step = subject.steps.get(str(args.get("step")))
        return None if step is None else step.form

    asks(form_of)(question)
    asks(form_of)(later)
    asks(form_of)(check)
    for name, view, methods in (
        ("question", question, ["GET", "POST"]),
        ("later", later, ["GET", "POST"]),
        ("check", check, ["GET", "POST"]),
        ("done", done, ["GET"]),
    ):
        suffix = {"question": "", "later": "/<part>", "check": "/check", "done": "/done"}[name]
        bp.add_url_rule(
            base + suffix,
            f"{subject.kind}_{name}",
            requires(Permission.CASE_RECORD)(view),
            methods=methods,
        )
